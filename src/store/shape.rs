//! What the model's keys look like on disk, shared by the TOML and JSON
//! writers: which values are dates, which arrays are arrays of tables, and
//! how the elements of an array are matched across an edit.

use serde_json::{Map, Value};

/// Keys whose string values are dates in the model (TOML writes them as dates).
pub const DATE_KEYS: &[&str] = &[
    "date", "start", "end", "created", "updated", "due", "done_on",
];

/// Arrays written as `[[name]]` tables in TOML; every other array stays inline.
pub const TABLE_ARRAYS: &[&str] = &[
    "people",
    "objectives",
    "key_results",
    "kpis",
    "roadmap",
    "items",
    "stakeholders",
    "decisions",
];

/// The key that identifies an element of an array of tables, if it has one.
pub fn element_key(value: &Value) -> Option<&str> {
    let object = value.as_object()?;
    object
        .get("id")
        .or_else(|| object.get("name"))
        .and_then(Value::as_str)
}

/// The elements' keys, when every element has one and none repeats.
pub fn element_keys(values: &[Value]) -> Option<Vec<&str>> {
    unique_keys(
        values
            .iter()
            .map(element_key)
            .collect::<Option<Vec<&str>>>()?,
    )
}

/// The keys, when none repeats: only then can elements be matched by key.
pub fn unique_keys<K: AsRef<str>>(keys: Vec<K>) -> Option<Vec<K>> {
    let mut sorted: Vec<&str> = keys.iter().map(AsRef::as_ref).collect();
    sorted.sort_unstable();
    sorted.dedup();
    (sorted.len() == keys.len()).then_some(keys)
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
        for key in TABLE_ARRAYS.iter().filter(|k| **k != "key_results") {
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
