//! What the model's keys look like on disk, shared by the TOML and JSON
//! writers: which values are dates, which arrays are arrays of tables, and
//! how the elements of an array are matched across an edit.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

/// Keys whose string values are dates in the model (TOML writes them as dates).
pub const DATE_KEYS: &[&str] = &[
    "date", "start", "end", "created", "updated", "due", "done_on", "triaged",
];

/// Arrays written as `[[name]]` tables in TOML; every other array stays inline.
pub const TABLE_ARRAYS: &[&str] = &[
    "people",
    "objectives",
    "key_results",
    "kpis",
    "roadmap",
    "assessments",
    "points",
    "recommendations",
    "needs",
    "evidence",
    "items",
    "requests",
    "stakeholders",
    "decisions",
];

/// Inline arrays whose elements are long lines (SSH keys and signatures),
/// written one element per line when new, so each reads and diffs alone.
pub const LINE_ARRAYS: &[&str] = &["signing_keys", "signatures"];

/// The key that identifies an element of an array of tables, if it has
/// one: its `id` or `name`, or the number of an assessment's point or a
/// custom standard's point (`point`, `number`), which have no id.
pub fn element_key(value: &Value) -> Option<Cow<'_, str>> {
    let object = value.as_object()?;
    if let Some(key) = object
        .get("id")
        .or_else(|| object.get("name"))
        .and_then(Value::as_str)
    {
        return Some(Cow::Borrowed(key));
    }
    numbered_key(
        object
            .get("point")
            .or_else(|| object.get("number"))?
            .as_i64()?,
    )
}

/// The key of an element known by its number: never the same as an id.
pub fn numbered_key(number: i64) -> Option<Cow<'static, str>> {
    Some(Cow::Owned(format!("#{number}")))
}

/// Where each element's key is, when every element has one and none repeats.
pub fn key_positions(values: &[Value]) -> Option<HashMap<Cow<'_, str>, usize>> {
    let mut at = HashMap::with_capacity(values.len());
    for (i, value) in values.iter().enumerate() {
        if at.insert(element_key(value)?, i).is_some() {
            return None;
        }
    }
    Some(at)
}

/// One element of an array matched by key, after an edit: what the writer
/// does with the document's elements to get there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot<'a> {
    /// The document's element `at`, as it is.
    Kept { at: usize },
    /// The document's element `at`, changed from `old` (the model's element
    /// as read, if the model had one) to `new`.
    Changed {
        at: usize,
        old: Option<&'a Value>,
        new: &'a Value,
    },
    /// An element new to the array.
    New { new: &'a Value },
}

impl Slot<'_> {
    /// Where the element is in the document, if it was there.
    pub fn at(&self) -> Option<usize> {
        match *self {
            Slot::Kept { at } | Slot::Changed { at, .. } => Some(at),
            Slot::New { .. } => None,
        }
    }
}

/// Lines up the model's elements before (`old`) and after (`new`) an edit
/// with the `len` elements of the document, by key; `doc_key(i)` is the key
/// of the document's element `i`. The model was read from this very array,
/// so when the counts agree its elements are `old`'s, even where a person's
/// table also holds an unknown key named `id`; otherwise their keys are read
/// off them. `None` when some element has no key, or a key repeats.
pub fn keyed_slots<'a, 'd>(
    len: usize,
    doc_key: impl Fn(usize) -> Option<Cow<'d, str>>,
    old: &'a [Value],
    new: &'a [Value],
) -> Option<Vec<Slot<'a>>> {
    let old_at = key_positions(old)?;
    let doc_at: Option<HashMap<String, usize>> = if len == old.len() {
        None
    } else {
        let mut at = HashMap::with_capacity(len);
        for i in 0..len {
            if at.insert(doc_key(i)?.into_owned(), i).is_some() {
                return None;
            }
        }
        Some(at)
    };
    let mut seen = vec![false; len];
    let mut slots = Vec::with_capacity(new.len());
    for value in new {
        let key = element_key(value)?;
        let in_doc = match &doc_at {
            None => old_at.get(&key).copied(),
            Some(at) => at.get(key.as_ref()).copied(),
        };
        let before = old_at.get(&key).map(|&i| &old[i]);
        slots.push(match in_doc {
            // A key that repeats in `new`.
            Some(at) if std::mem::replace(&mut seen[at], true) => return None,
            Some(at) if before == Some(value) => Slot::Kept { at },
            Some(at) => Slot::Changed {
                at,
                old: before,
                new: value,
            },
            None => Slot::New { new: value },
        });
    }
    Some(slots)
}

/// Whether the slots keep every element of a document of `len` elements in
/// its place (changed or not): then no element moves.
pub fn in_place(slots: &[Slot], len: usize) -> bool {
    slots.len() == len && slots.iter().enumerate().all(|(i, s)| s.at() == Some(i))
}

/// How an array whose elements have no keys changed, as the lengths of the
/// runs that stayed the same at its start and at its end. One edit inserts,
/// removes or changes elements in one place (a back-dated check-in lands in
/// the middle of a history), so only the part between the runs is touched,
/// and every other element keeps its comments and unknown keys.
pub fn unchanged_ends(old: &[Value], new: &[Value]) -> (usize, usize) {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (head, tail)
}

/// Where a key that is new to a table goes: right after the nearest key that
/// precedes it in the model and already exists; `None` to append.
pub fn anchor<'a>(
    new: &'a Map<String, Value>,
    key: &str,
    exists: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    let mut anchor = None;
    for k in new.keys() {
        if k == key {
            return anchor;
        }
        if exists(k) {
            anchor = Some(k.as_str());
        }
    }
    anchor
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Product};

    /// The example file, which fills every section of the model.
    fn example() -> Map<String, Value> {
        let product: Product =
            toml::from_str(include_str!("../../examples/product.toml")).expect("the example reads");
        match serde_json::to_value(product).expect("the model serializes") {
            Value::Object(map) => map,
            _ => unreachable!("a product is a table"),
        }
    }

    #[test]
    fn every_top_level_array_of_tables_is_written_as_one() {
        let example = example();
        // Key results, evidence, an assessment's points and
        // recommendations are arrays of tables inside an entity.
        for key in TABLE_ARRAYS.iter().filter(|k| {
            !matches!(
                **k,
                "key_results" | "evidence" | "points" | "recommendations"
            )
        }) {
            assert!(example.contains_key(*key), "the example has no {key}");
        }
        for (key, value) in example {
            let tables = value
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_object));
            assert_eq!(
                tables,
                TABLE_ARRAYS.contains(&key.as_str()),
                "section {key}"
            );
        }
    }

    #[test]
    fn every_date_is_under_a_date_key() {
        fn walk(key: &str, value: &Value, dates: &mut usize) {
            match value {
                Value::String(s) if s.parse::<Date>().is_ok() => {
                    assert!(DATE_KEYS.contains(&key), "a date under `{key}`");
                    *dates += 1;
                }
                Value::Array(values) => values.iter().for_each(|v| walk(key, v, dates)),
                Value::Object(map) => map.iter().for_each(|(k, v)| walk(k, v, dates)),
                _ => {}
            }
        }
        let mut dates = 0;
        walk("", &Value::Object(example()), &mut dates);
        assert!(dates > 0);
    }
}
