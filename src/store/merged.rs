//! Writing a merge: the merged product into ours' text (everything ours
//! has, comments included, stays byte for byte where the merge changed
//! nothing), theirs' comments on the entities theirs added, and git's
//! conflict markers around the lines of each conflicting value.
//!
//! A file written with markers is the one file `product` writes and will
//! not read until a person resolves it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use serde_json::Value;

use crate::merge::{Conflict, Merged, PathText, Side, Step};
use crate::model::{KeyPath, Product};

use super::error::StoreError;
use super::locate::{json_span, toml_span};
use super::merge_read::{
    ENTITY_LISTS, EntityComments, MergeBase, MergeOurs, MergeTheirs, entity_keys,
};
use super::{BOM, Document, Format, delta, reconcile_json, reconcile_toml};
use super::{with_crlf, with_crlf_toml, write_atomic};

/// What writing the merge could not place, for the report.
#[derive(Debug, Default)]
pub struct MergeWritten {
    /// Comments theirs added outside the entities theirs added, missing from the result.
    pub unplaced_comments: Vec<String>,
    /// Conflicts whose lines were not found: written in one block at the end.
    pub unplaced_conflicts: Vec<String>,
}

/// Writes `merged` over `path` (ours' file, as git asks), on ours' text.
pub fn write_merged(
    path: &Path,
    ours: MergeOurs,
    base: &MergeBase,
    theirs: &MergeTheirs,
    merged: &Merged,
    marker_size: usize,
) -> Result<MergeWritten, StoreError> {
    let MergeOurs {
        product: our_product,
        mut document,
        bom,
        crlf,
    } = ours;
    let delta = delta::delta(&our_product, &merged.product);
    match &mut document {
        Document::Toml(doc) => {
            reconcile_toml::reconcile_document(doc, &delta);
            // Freed before the text is made.
            drop(delta);
        }
        Document::Json(doc, _) => reconcile_json::reconcile_document(doc, delta),
    }
    let mut written = MergeWritten::default();
    if let Document::Toml(doc) = &mut document {
        carry_their_comments(doc, &theirs.added, &our_product, merged);
    }
    let mut text = match &document {
        Document::Toml(doc) => doc.to_string(),
        Document::Json(doc, style) => style.write(doc),
    };
    let format = match document {
        Document::Toml(_) => Format::Toml,
        Document::Json(..) => Format::Json,
    };
    if format == Format::Toml {
        written.unplaced_comments = unplaced_comments(&base.text, &theirs.text, &text);
    }
    if !merged.conflicts.is_empty() {
        text = with_markers(
            &text,
            format,
            merged,
            marker_size,
            &mut written.unplaced_conflicts,
        );
    }
    if crlf {
        text = match format {
            Format::Toml => with_crlf_toml(&text),
            Format::Json => with_crlf(&text),
        };
    }
    if bom {
        text.insert_str(0, BOM);
    }
    write_atomic(path, text.as_bytes())?;
    Ok(written)
}

/// Gives each entity theirs added the comments it has in theirs' file:
/// those above its header, and those beside its keys.
fn carry_their_comments(
    doc: &mut toml_edit::DocumentMut,
    added: &[EntityComments],
    ours: &Product,
    merged: &Merged,
) {
    if added.is_empty() {
        return;
    }
    // Theirs' renumbered entities, by their id in the merged file.
    let was: HashMap<&str, &str> = merged
        .renumbered
        .iter()
        .filter(|r| r.side == Side::Theirs)
        .map(|r| (r.to.as_str(), r.from.as_str()))
        .collect();
    for (section, key) in ENTITY_LISTS {
        let ours_has = entity_keys(ours, section);
        let Some(tables) = doc
            .get_mut(section)
            .and_then(toml_edit::Item::as_array_of_tables_mut)
        else {
            continue;
        };
        for table in tables.iter_mut() {
            let Some(id) = table
                .get(key)
                .and_then(toml_edit::Item::as_str)
                .map(str::to_owned)
            else {
                continue;
            };
            if ours_has.contains(id.as_str()) {
                continue;
            }
            let their_id = was.get(id.as_str()).copied().unwrap_or(&id);
            let Some(comments) = added
                .iter()
                .find(|c| c.section == *section && c.id == their_id)
            else {
                continue;
            };
            set_decor(table.decor_mut(), &comments.header);
            for (k, key_decor, value_decor) in &comments.keys {
                if let Some(mut key_mut) = table.key_mut(k) {
                    set_decor(key_mut.leaf_decor_mut(), key_decor);
                }
                if let Some(value) = table.get_mut(k).and_then(toml_edit::Item::as_value_mut) {
                    set_decor(value.decor_mut(), value_decor);
                }
            }
        }
    }
}

fn set_decor(decor: &mut toml_edit::Decor, (prefix, suffix): &(String, String)) {
    decor.set_prefix(prefix.as_str());
    decor.set_suffix(suffix.as_str());
}

/// The comments of a TOML text, one per line that has one, trimmed.
fn comments(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        // Most lines have none: one fast search rules them out.
        if !line.contains('#') {
            continue;
        }
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for (at, c) in line.char_indices() {
            match quote {
                Some(q) => {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' && q == '"' {
                        escaped = true;
                    } else if c == q {
                        quote = None;
                    }
                }
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '#' => {
                    found.push((n + 1, line[at..].trim_end()));
                    break;
                }
                None => {}
            }
        }
    }
    found
}

/// Comments theirs added since the base that the merged text does not have.
fn unplaced_comments(base: &str, theirs: &str, merged: &str) -> Vec<String> {
    let had: HashSet<&str> = comments(base).into_iter().map(|(_, c)| c).collect();
    let new: Vec<(usize, &str)> = comments(theirs)
        .into_iter()
        .filter(|(_, c)| !had.contains(c))
        .collect();
    if new.is_empty() {
        return Vec::new();
    }
    let has: HashSet<&str> = comments(merged).into_iter().map(|(_, c)| c).collect();
    new.into_iter()
        .filter(|(_, c)| !has.contains(c))
        .map(|(line, c)| format!("theirs line {line}: {c}"))
        .collect()
}

/// The merged text with git's markers around each conflict's lines.
fn with_markers(
    text: &str,
    format: Format,
    merged: &Merged,
    size: usize,
    unplaced: &mut Vec<String>,
) -> String {
    let tree = serde_json::to_value(&merged.product).unwrap_or(Value::Null);
    let toml = match format {
        Format::Toml => toml_edit::Document::parse(text).ok(),
        Format::Json => None,
    };
    let mut regions: Vec<(Range<usize>, String)> = Vec::new();
    // Conflicts widened to a value that has lines of its own (a value
    // inside an inline table is marked as the whole table's line): the
    // region each is in, and both sides of that value so far.
    let mut widened: Vec<(usize, Vec<Step>, Value, Value)> = Vec::new();
    for conflict in &merged.conflicts {
        let span_of = |path: &[Step]| {
            key_path(&tree, path).and_then(|path| match &toml {
                Some(doc) => toml_span(doc, text, &path.0),
                None => json_span(text, &path.0),
            })
        };
        // The conflict's own lines, or its nearest enclosing value's.
        let mut at = conflict.path.len();
        let span = loop {
            match span_of(&conflict.path[..at]) {
                Some(span) if owns_its_lines(text, &span, format) => break Some(span),
                Some(_) if at > 1 => at -= 1,
                _ => break None,
            }
        };
        let Some(span) = span else {
            unplaced.push(PathText(&conflict.path).to_string());
            continue;
        };
        let lines = whole_lines(text, span);
        if at < conflict.path.len() {
            let path = &conflict.path[..at];
            let rest = &conflict.path[at..];
            if let Some(w) = widened.iter_mut().find(|w| w.1 == path) {
                // Another conflict in the same value: both sides take it too.
                set_at(&mut w.2, rest, conflict.ours.clone());
                set_at(&mut w.3, rest, conflict.theirs.clone());
                regions[w.0].1 = widened_region(format, path, &w.2, &w.3, &text[lines], size);
                continue;
            }
            let Some(value) = value_at(&tree, path) else {
                unplaced.push(PathText(&conflict.path).to_string());
                continue;
            };
            if overlaps(&regions, &lines) {
                unplaced.push(PathText(&conflict.path).to_string());
                continue;
            }
            let (mut ours, mut theirs) = (value.clone(), value.clone());
            set_at(&mut ours, rest, conflict.ours.clone());
            set_at(&mut theirs, rest, conflict.theirs.clone());
            let region = widened_region(format, path, &ours, &theirs, &text[lines.clone()], size);
            widened.push((regions.len(), path.to_vec(), ours, theirs));
            regions.push((lines, region));
            continue;
        }
        if overlaps(&regions, &lines) {
            unplaced.push(PathText(&conflict.path).to_string());
            continue;
        }
        let here = &text[lines.clone()];
        let other = render(format, conflict, here);
        let (ours, theirs) = match conflict.ours {
            Some(_) => (here.to_owned(), other),
            None => (String::new(), here.to_owned()),
        };
        regions.push((lines, marked(&ours, &theirs, size)));
    }
    regions.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + regions.len() * 64);
    let mut at = 0;
    for (range, replacement) in regions {
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    if !unplaced.is_empty() {
        // Still a file that must be resolved by hand: never a silent loss.
        if !out.ends_with('\n') {
            out.push('\n');
        }
        let listed: Vec<String> = merged
            .conflicts
            .iter()
            .filter(|c| unplaced.contains(&PathText(&c.path).to_string()))
            .map(|c| {
                let show =
                    |v: &Option<Value>| v.as_ref().map_or("(removed)".to_owned(), Value::to_string);
                format!("{}: {}\n", PathText(&c.path), show(&c.ours))
            })
            .collect();
        let theirs: Vec<String> = merged
            .conflicts
            .iter()
            .filter(|c| unplaced.contains(&PathText(&c.path).to_string()))
            .map(|c| {
                let show =
                    |v: &Option<Value>| v.as_ref().map_or("(removed)".to_owned(), Value::to_string);
                format!("{}: {}\n", PathText(&c.path), show(&c.theirs))
            })
            .collect();
        out.push_str(&marked(&listed.concat(), &theirs.concat(), size));
    }
    out
}

fn overlaps(regions: &[(Range<usize>, String)], lines: &Range<usize>) -> bool {
    regions
        .iter()
        .any(|(r, _)| r.start < lines.end && lines.start < r.end)
}

/// Whether a value's span (from its key) has its lines to itself: nothing
/// before it on its first line, and after it on its last line nothing but a
/// comma (JSON) or a comment (TOML).
fn owns_its_lines(text: &str, span: &Range<usize>, format: Format) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let before = text[line_start..span.start].trim();
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |p| span.end + p);
    let after = text[span.end..line_end].trim();
    let after = match format {
        Format::Json => after.strip_prefix(',').unwrap_or(after).trim(),
        Format::Toml if after.starts_with('#') => "",
        Format::Toml => after,
    };
    before.is_empty() && after.is_empty()
}

/// The value at a conflict's path in the merged product, as JSON.
fn value_at<'t>(tree: &'t Value, steps: &[Step]) -> Option<&'t Value> {
    let mut node = tree;
    for step in steps {
        node = match step {
            Step::Key(k) => node.get(k)?,
            Step::Entity { .. } => node.as_array()?.iter().find(|e| step.names(e))?,
        };
    }
    Some(node)
}

/// Sets (or, with `None`, removes) the value at `steps` inside `value`.
fn set_at(value: &mut Value, steps: &[Step], new: Option<Value>) {
    let Some((first, rest)) = steps.split_first() else {
        if let Some(new) = new {
            *value = new;
        }
        return;
    };
    match first {
        Step::Key(k) => {
            let Some(map) = value.as_object_mut() else {
                return;
            };
            match (rest.is_empty(), new) {
                (true, Some(new)) => {
                    map.insert(k.clone(), new);
                }
                (true, None) => {
                    map.remove(k);
                }
                (false, new) => {
                    if let Some(inner) = map.get_mut(k) {
                        set_at(inner, rest, new);
                    }
                }
            }
        }
        Step::Entity { .. } => {
            let Some(list) = value.as_array_mut() else {
                return;
            };
            let at = list.iter().position(|e| first.names(e));
            match (at, rest.is_empty(), new) {
                (Some(at), true, Some(new)) => list[at] = new,
                (Some(at), true, None) => {
                    list.remove(at);
                }
                (None, true, Some(new)) => list.push(new),
                (Some(at), false, new) => set_at(&mut list[at], rest, new),
                _ => {}
            }
        }
    }
}

/// A conflict widened to the value at `path`: both sides of it, written
/// as the lines `here` are.
fn widened_region(
    format: Format,
    path: &[Step],
    ours: &Value,
    theirs: &Value,
    here: &str,
    size: usize,
) -> String {
    let side = |value: &Value| {
        render(
            format,
            &Conflict {
                path: path.to_vec(),
                ours: None,
                theirs: Some(value.clone()),
            },
            here,
        )
    };
    marked(&side(ours), &side(theirs), size)
}

/// Both sides between git's markers.
fn marked(ours: &str, theirs: &str, size: usize) -> String {
    let line = |s: &str| {
        if s.is_empty() || s.ends_with('\n') {
            s.to_owned()
        } else {
            format!("{s}\n")
        }
    };
    format!(
        "{} ours\n{}{}\n{}{} theirs\n",
        "<".repeat(size),
        line(ours),
        "=".repeat(size),
        line(theirs),
        ">".repeat(size)
    )
}

/// `span` widened to the whole lines it is on, with the last line's end.
fn whole_lines(text: &str, span: Range<usize>) -> Range<usize> {
    let start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |p| span.end + p + 1);
    start..end
}

/// A conflict's path as a key path into the merged file: each entity
/// step becomes its position in the merged list.
fn key_path(tree: &Value, steps: &[Step]) -> Option<KeyPath> {
    let mut node = tree;
    let mut path = KeyPath::root();
    for step in steps {
        match step {
            Step::Key(k) => {
                node = node.get(k)?;
                path = path.key(k);
            }
            Step::Entity { value, .. } => {
                let list = node.as_array()?;
                let at = list.iter().position(|e| step.names(e))?;
                node = &list[at];
                path = path.index(at, Some(value));
            }
        }
    }
    Some(path)
}

/// The side a conflict's lines do not show, written as those lines are:
/// theirs where ours is in the file (nothing where theirs removed it).
fn render(format: Format, conflict: &Conflict, here: &str) -> String {
    let Some(value) = &conflict.theirs else {
        return String::new();
    };
    let indent: String = here
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    match (format, conflict.path.last()) {
        (Format::Toml, Some(Step::Key(key))) => {
            let repr = reconcile_toml::value_for(key, value);
            format!(
                "{indent}{} = {}\n",
                toml_edit::Key::new(key.as_str()),
                repr.to_string().trim()
            )
        }
        (Format::Toml, Some(Step::Entity { .. })) => {
            let header: Vec<&str> = conflict
                .path
                .iter()
                .filter_map(|s| match s {
                    Step::Key(k) => Some(k.as_str()),
                    Step::Entity { .. } => None,
                })
                .collect();
            let mut out = format!("[[{}]]\n", header.join("."));
            for (k, v) in value.as_object().into_iter().flatten() {
                let repr = reconcile_toml::value_for(k, v);
                out.push_str(&format!(
                    "{} = {}\n",
                    toml_edit::Key::new(k.as_str()),
                    repr.to_string().trim()
                ));
            }
            out
        }
        (Format::Json, last) => {
            let comma = if here.trim_end().ends_with(',') {
                ","
            } else {
                ""
            };
            let body = serde_json::to_string_pretty(value).unwrap_or_default();
            let body = body.replace('\n', &format!("\n{indent}"));
            match last {
                Some(Step::Key(key)) => {
                    let key = serde_json::to_string(key).unwrap_or_default();
                    format!("{indent}{key}: {body}{comma}\n")
                }
                _ => format!("{indent}{body}{comma}\n"),
            }
        }
        (Format::Toml, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_strings() {
        let text = "a = \"#not\" # yes\n# whole\nb = 'x#' \n";
        assert_eq!(comments(text), vec![(1, "# yes"), (2, "# whole")]);
    }

    #[test]
    fn markers_take_the_size_git_asks_for() {
        assert_eq!(marked("a\n", "", 3), "<<< ours\na\n===\n>>> theirs\n");
    }

    #[test]
    fn a_span_widens_to_its_lines() {
        let text = "x = 1\ntitle = \"a\"\ny = 2\n";
        assert_eq!(&text[whole_lines(text, 6..17)], "title = \"a\"\n");
    }
}
