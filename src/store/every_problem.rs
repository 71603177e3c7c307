//! Every problem that keeps a file from reading, not only the first.
//!
//! Deserializing stops at the first bad value. A file edited by hand often
//! has several (a duplicate id, a missing title, `size = "big"`), and
//! fixing them one run at a time is tedious. So, after a failure only, the
//! file is read again as a tree: each entry of a list that does not read is
//! noted and set aside, and the rest is read again, until everything left
//! reads; what is left is then validated like any file. Every problem keeps
//! the place it has in the file as written.

use std::collections::HashMap;

use crate::model::{self, Invalid, KeyPath, Product, Segment};
use crate::priority;

use super::Format;
use super::error::Problem;
use super::locate::{problem_at, problem_at_value, problem_within, with_ids};

/// At most this many problems are looked for: each one costs a read of the
/// whole file, and a file with more is better fixed in rounds.
const LIMIT: usize = 20;

/// The problems of a file that did not read, beyond `first` (the one the
/// reader stopped at, already placed). Empty when the text is not even
/// well-formed TOML or JSON: then there is no tree to read.
pub fn further_problems(text: &str, format: Format, first: &Problem) -> Vec<Problem> {
    let found = match format {
        Format::Toml => text
            .parse::<toml::Table>()
            .ok()
            .map(|t| every_problem(TomlTree(t))),
        Format::Json => serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .map(|v| every_problem(JsonTree(v))),
    };
    let Some(found) = found else {
        return Vec::new();
    };
    let mut problems: Vec<Problem> = found
        .into_iter()
        .map(|f| match f {
            Found::Unreadable { path, message } => {
                let shown = with_ids(text, format, &path);
                let mut problem = problem_at_value(text, format, &path, message);
                problem.path = shown.to_string();
                problem
            }
            Found::Invalid(invalid) => placed(text, format, invalid),
        })
        .filter(|p| !(p.path == first.path && same_kind(p, first)))
        .collect();
    problems.dedup();
    problems
}

/// Whether two problems at one path are the same one (found by both reads).
fn same_kind(a: &Problem, b: &Problem) -> bool {
    a.message == b.message || a.line_col == b.line_col
}

/// A validation problem placed in the text, as [`super::parse::validated`] does.
pub fn placed(text: &str, format: Format, invalid: Invalid) -> Problem {
    match invalid.within {
        Some(within) => problem_within(text, format, &invalid.path, within, invalid.message),
        None => problem_at(text, format, &invalid.path, invalid.message),
    }
}

enum Found {
    /// A value that does not deserialize, at its path in the file as written.
    Unreadable { path: KeyPath, message: String },
    /// A problem of the entries that did read, at its path in the file as written.
    Invalid(Invalid),
}

/// The top-level lists whose entries are read one by one.
const LISTS: &[&str] = &[
    "people",
    "objectives",
    "kpis",
    "roadmap",
    "assessments",
    "needs",
    "items",
    "requests",
    "stakeholders",
    "decisions",
];

/// Why `entry`, an entry of the list `section`, does not read: where in the
/// entry, and the message; `None` when it reads (or the list is not one of
/// [`LISTS`]).
fn entry_problem<V, E>(
    section: &str,
    entry: &V,
    message: fn(&E) -> String,
) -> Option<(KeyPath, String)>
where
    V: Clone + for<'de> serde::Deserializer<'de, Error = E>,
    E: serde::de::Error,
{
    fn one<T, V, E>(entry: &V, message: fn(&E) -> String) -> Option<(KeyPath, String)>
    where
        T: serde::de::DeserializeOwned,
        V: Clone + for<'de> serde::Deserializer<'de, Error = E>,
        E: serde::de::Error,
    {
        serde_path_to_error::deserialize::<_, T>(entry.clone())
            .err()
            .map(|e| (super::serde_error::key_path(e.path()), message(e.inner())))
    }
    match section {
        "people" => one::<model::Person, V, E>(entry, message),
        "objectives" => one::<model::Objective, V, E>(entry, message),
        "kpis" => one::<model::Kpi, V, E>(entry, message),
        "roadmap" => one::<model::RoadmapEntry, V, E>(entry, message),
        "items" => one::<model::Item, V, E>(entry, message),
        "needs" => one::<model::Need, V, E>(entry, message),
        "assessments" => one::<model::Assessment, V, E>(entry, message),
        "requests" => one::<model::Request, V, E>(entry, message),
        "stakeholders" => one::<model::Stakeholder, V, E>(entry, message),
        "decisions" => one::<model::Decision, V, E>(entry, message),
        _ => None,
    }
}

fn toml_message(e: &toml::de::Error) -> String {
    super::serde_error::plain_message(e.message())
}

fn json_message(e: &serde_json::Error) -> String {
    super::serde_error::plain_message(&e.to_string())
}

/// A file read as a tree, whose list entries can be set aside.
trait Tree {
    /// The product, or where and why it does not read.
    fn product(&self) -> Result<Product, (KeyPath, String)>;
    /// How many entries the top-level list `section` has now.
    fn len(&self, section: &str) -> usize;
    /// The entries of the top-level list `section` that do not read on
    /// their own: index, where in the entry, and why.
    fn bad_entries(&self, section: &str) -> Vec<(usize, KeyPath, String)>;
    /// Sets aside entry `index` of the top-level list `section`.
    fn remove(&mut self, section: &str, index: usize);
}

fn every_problem(mut tree: impl Tree) -> Vec<Found> {
    // For each list an entry was set aside from: the index in the file of
    // each entry still in the tree.
    let mut kept: HashMap<String, Vec<usize>> = HashMap::new();
    let mut found = Vec::new();
    // Each entry of each list read on its own first, once: a file with
    // thousands of bad entries costs one read, not one per entry.
    for section in LISTS {
        let bad = tree.bad_entries(section);
        if bad.is_empty() {
            continue;
        }
        let mut in_file: Vec<usize> = (0..tree.len(section)).collect();
        for (index, within, message) in bad.iter().rev() {
            tree.remove(section, *index);
            in_file.remove(*index);
            let mut path = KeyPath::root().key(section).index(*index, None);
            path.0.extend(within.0.iter().cloned());
            found.push(Found::Unreadable {
                path,
                message: message.clone(),
            });
        }
        kept.insert((*section).to_owned(), in_file);
    }
    found.reverse();
    found.truncate(LIMIT);
    while found.len() < LIMIT {
        match tree.product() {
            Ok(product) => {
                let invalid = model::validate(&product)
                    .into_iter()
                    .chain(priority::validate_scoring(&product.scoring));
                found.extend(invalid.map(|mut i| {
                    i.path = as_written(&i.path, &kept);
                    Found::Invalid(i)
                }));
                break;
            }
            Err((path, message)) => {
                let entry = match path.0.as_slice() {
                    [Segment::Key(section), Segment::Index(index, _), ..] => {
                        Some((section.clone(), *index))
                    }
                    _ => None,
                };
                found.push(Found::Unreadable {
                    path: as_written(&path, &kept),
                    message,
                });
                // A problem outside any list entry (in `[product]`, say)
                // leaves nothing that could be set aside: stop there.
                let Some((section, index)) = entry else { break };
                let in_file = kept
                    .entry(section.clone())
                    .or_insert_with(|| (0..tree.len(&section)).collect());
                if index >= in_file.len() {
                    break;
                }
                in_file.remove(index);
                tree.remove(&section, index);
            }
        }
    }
    found
}

/// `path` in the tree as it is now, as the path of the same value in the
/// file as written.
fn as_written(path: &KeyPath, kept: &HashMap<String, Vec<usize>>) -> KeyPath {
    let mut segments = path.0.clone();
    if let [Segment::Key(section), Segment::Index(index, _), ..] = segments.as_mut_slice()
        && let Some(kept) = kept.get(section.as_str())
        && let Some(&in_file) = kept.get(*index)
    {
        *index = in_file;
    }
    KeyPath(segments)
}

/// The entries that do not read, at most [`LIMIT`] of them.
fn bad<V>(
    entries: &[V],
    problem: impl Fn(&V) -> Option<(KeyPath, String)>,
) -> Vec<(usize, KeyPath, String)> {
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| problem(e).map(|(path, message)| (i, path, message)))
        .take(LIMIT)
        .collect()
}

struct TomlTree(toml::Table);

impl Tree for TomlTree {
    fn product(&self) -> Result<Product, (KeyPath, String)> {
        serde_path_to_error::deserialize::<_, Product>(toml::Value::Table(self.0.clone())).map_err(
            |e| {
                (
                    super::serde_error::key_path(e.path()),
                    super::serde_error::plain_message(e.inner().message()),
                )
            },
        )
    }

    fn len(&self, section: &str) -> usize {
        self.0
            .get(section)
            .and_then(toml::Value::as_array)
            .map_or(0, Vec::len)
    }

    fn bad_entries(&self, section: &str) -> Vec<(usize, KeyPath, String)> {
        let entries = self.0.get(section).and_then(toml::Value::as_array);
        bad(entries.map_or(&[][..], Vec::as_slice), |e| {
            entry_problem(section, e, toml_message)
        })
    }

    fn remove(&mut self, section: &str, index: usize) {
        if let Some(list) = self.0.get_mut(section).and_then(toml::Value::as_array_mut)
            && index < list.len()
        {
            list.remove(index);
        }
    }
}

struct JsonTree(serde_json::Value);

impl Tree for JsonTree {
    fn product(&self) -> Result<Product, (KeyPath, String)> {
        serde_path_to_error::deserialize::<_, Product>(self.0.clone()).map_err(|e| {
            (
                super::serde_error::key_path(e.path()),
                json_message(e.inner()),
            )
        })
    }

    fn len(&self, section: &str) -> usize {
        self.0
            .get(section)
            .and_then(serde_json::Value::as_array)
            .map_or(0, Vec::len)
    }

    fn bad_entries(&self, section: &str) -> Vec<(usize, KeyPath, String)> {
        let entries = self.0.get(section).and_then(serde_json::Value::as_array);
        bad(entries.map_or(&[][..], Vec::as_slice), |e| {
            entry_problem(section, e, json_message)
        })
    }

    fn remove(&mut self, section: &str, index: usize) {
        if let Some(list) = self
            .0
            .get_mut(section)
            .and_then(serde_json::Value::as_array_mut)
            && index < list.len()
        {
            list.remove(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_after_entries_set_aside_are_those_of_the_file() {
        // Entries 1 and 3 of 6 set aside: 0, 2, 4, 5 remain.
        let kept = HashMap::from([("items".to_owned(), vec![0, 2, 4, 5])]);
        let now = KeyPath::root().key("items").index(2, None).key("size");
        let was = as_written(&now, &kept);
        assert_eq!(was, KeyPath::root().key("items").index(4, None).key("size"));
        let other = KeyPath::root().key("kpis").index(2, None);
        assert_eq!(as_written(&other, &kept), other);
    }
}
