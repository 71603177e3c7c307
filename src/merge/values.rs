//! Three-way merge of one value of the file, as JSON: fields, sets,
//! sequences, dated histories and lists of entities keyed by id.
//!
//! A value changed on one side, or changed the same way on both, is taken.
//! Where both changed it differently, what happens depends on its shape:
//! tables merge key by key; lists of text merge as sets (tags, links,
//! roles) or, for the lists whose order is meaning (acceptance criteria and
//! the vision's lists), as sequences; readings merge by date; records
//! without an id (evidence) as sets of records; entities by id. Anything else is a conflict: the merge keeps ours (or theirs, where
//! ours has none) and records both.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::order::merge_order;
use super::{Conflict, Step};

/// Lists of text whose order carries meaning.
const SEQUENCES: &[&str] = &["acceptance", "users", "problems", "strategy"];

/// Lists of records with no id (a need's evidence), merged by
/// [`merge_records`].
const RECORDS: &[&str] = &["evidence"];

/// Fields that only record when something last changed: the later wins.
const LATEST: &[&str] = &["updated"];

/// What a merge of values found, and how to place what both sides added.
pub(super) struct Cx {
    pub conflicts: Vec<Conflict>,
    pub notes: Vec<String>,
    /// Whether ours keeps its ids (and so its place, where both sides added
    /// or moved something at one place).
    pub ours_keeps_ids: bool,
}

impl Cx {
    fn conflict(&mut self, path: &[Step], ours: Option<&Value>, theirs: Option<&Value>) {
        self.conflicts.push(Conflict {
            path: path.to_vec(),
            ours: ours.cloned(),
            theirs: theirs.cloned(),
        });
    }
}

/// Merges one value at `path` (whose last step names the field).
pub(super) fn merge_value(
    cx: &mut Cx,
    path: &mut Vec<Step>,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) -> Option<Value> {
    if ours == theirs || base == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    let field = match path.last() {
        Some(Step::Key(k)) => k.as_str(),
        _ => "",
    };
    if LATEST.contains(&field)
        && let (Some(Value::String(o)), Some(Value::String(t))) = (ours, theirs)
    {
        return Some(Value::String(o.max(t).clone()));
    }
    match (base, ours, theirs) {
        (None | Some(Value::Object(_)), Some(Value::Object(o)), Some(Value::Object(t))) => {
            let b = base.and_then(Value::as_object);
            Some(Value::Object(merge_object(cx, path, b, o, t)))
        }
        (None | Some(Value::Array(_)), Some(Value::Array(o)), Some(Value::Array(t))) => {
            let empty = Vec::new();
            let b = base.and_then(Value::as_array).unwrap_or(&empty);
            // A custom point's `evidence` is a list of words, a set.
            if RECORDS.contains(&field) && b.iter().chain(o).chain(t).all(Value::is_object) {
                return Some(Value::Array(merge_records(cx, path, b, o, t)));
            }
            match list_shape(b, o, t) {
                Shape::Keyed(key) => Some(Value::Array(merge_keyed(cx, path, key, b, o, t))),
                Shape::Dated => Some(merge_history(cx, path, b, o, t)),
                Shape::Text if SEQUENCES.contains(&field) => {
                    Some(Value::Array(merge_sequence(b, o, t)))
                }
                Shape::Text => Some(Value::Array(merge_set(b, o, t))),
                Shape::Other => {
                    cx.conflict(path, ours, theirs);
                    ours.cloned()
                }
            }
        }
        _ => {
            cx.conflict(path, ours, theirs);
            ours.or(theirs).cloned()
        }
    }
}

/// Merges two tables key by key: ours' keys in their order, then theirs' new ones.
pub(super) fn merge_object(
    cx: &mut Cx,
    path: &mut Vec<Step>,
    base: Option<&Map<String, Value>>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
) -> Map<String, Value> {
    let mut keys: Vec<&String> = ours.keys().collect();
    keys.extend(theirs.keys().filter(|k| !ours.contains_key(*k)));
    keys.extend(
        base.into_iter()
            .flat_map(Map::keys)
            .filter(|k| !ours.contains_key(*k) && !theirs.contains_key(*k)),
    );
    let history_merged = ours.get("history") != theirs.get("history")
        && base.and_then(|b| b.get("history")) != ours.get("history")
        && base.and_then(|b| b.get("history")) != theirs.get("history");
    let mut merged = Map::new();
    for key in keys {
        let b = base.and_then(|b| b.get(key));
        // A key result's `current` is its latest check-in's value, once both
        // sides' check-ins are merged: worked out below, never a conflict.
        if key == "current" && history_merged {
            if let Some(v) = ours.get(key).or(theirs.get(key)) {
                merged.insert(key.clone(), v.clone());
            }
            continue;
        }
        path.push(Step::Key(key.clone()));
        let value = merge_value(cx, path, b, ours.get(key), theirs.get(key));
        path.pop();
        if let Some(value) = value {
            merged.insert(key.clone(), value);
        }
    }
    if history_merged
        && merged.contains_key("current")
        && let Some(latest) = merged
            .get("history")
            .and_then(Value::as_array)
            .and_then(|h| latest_reading(h))
    {
        merged.insert("current".into(), latest.clone());
    }
    merged
}

/// The value of the latest reading (the last of the latest date).
fn latest_reading(history: &[Value]) -> Option<&Value> {
    history
        .iter()
        .max_by(|a, b| date_of(a).cmp(date_of(b)))
        .and_then(|r| r.get("value"))
}

fn date_of(reading: &Value) -> &str {
    reading.get("date").and_then(Value::as_str).unwrap_or("")
}

/// What a list holds, judged from all three sides.
enum Shape {
    /// Tables with this key (`id`, or `name` for people).
    Keyed(&'static str),
    /// Readings: tables with a `date`.
    Dated,
    /// Text.
    Text,
    Other,
}

fn list_shape(base: &[Value], ours: &[Value], theirs: &[Value]) -> Shape {
    let all = || base.iter().chain(ours).chain(theirs);
    if all().all(Value::is_string) {
        return Shape::Text;
    }
    for key in ["id", "name"] {
        if all().all(|v| v.get(key).is_some_and(Value::is_string)) {
            return Shape::Keyed(key);
        }
    }
    // An assessment's outcomes and a custom standard's points are known
    // by their point's number.
    for key in ["point", "number"] {
        if all().all(|v| v.get(key).is_some_and(Value::is_u64)) {
            return Shape::Keyed(key);
        }
    }
    if all().all(|v| v.get("date").is_some_and(Value::is_string)) {
        return Shape::Dated;
    }
    Shape::Other
}

pub(super) fn key_of(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Merges a list of entities by their key: additions on either side are
/// kept, a removal stands unless the other side changed the entity (a
/// conflict), and both sides' changes to one entity merge field by field.
fn merge_keyed(
    cx: &mut Cx,
    path: &mut Vec<Step>,
    key: &'static str,
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
) -> Vec<Value> {
    let find = |list: &'_ [Value], k: &str| list.iter().find(|v| key_of(v, key) == k).cloned();
    let mut merged: Vec<(String, Value)> = Vec::new();
    let mut seen = HashSet::new();
    for k in ours
        .iter()
        .chain(theirs)
        .chain(base)
        .map(|v| key_of(v, key))
    {
        if !seen.insert(k.clone()) {
            continue;
        }
        let k = k.as_str();
        let (b, o, t) = (find(base, k), find(ours, k), find(theirs, k));
        path.push(Step::Entity {
            key,
            value: k.to_owned(),
        });
        let value = entity(cx, path, b.as_ref(), o.as_ref(), t.as_ref());
        path.pop();
        if let Some(value) = value {
            merged.push((k.to_owned(), value));
        }
    }
    let keys = |list: &'_ [Value]| -> Vec<String> { list.iter().map(|v| key_of(v, key)).collect() };
    let (b, o, t) = (keys(base), keys(ours), keys(theirs));
    fn as_str(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let (b, o, t) = (as_str(&b), as_str(&o), as_str(&t));
    let keep: HashSet<&str> = merged.iter().map(|(k, _)| k.as_str()).collect();
    let (order, _) = merge_order(&b, &o, &t, &keep, cx.ours_keeps_ids);
    order
        .into_iter()
        .filter_map(|k| merged.iter().position(|(m, _)| m == k))
        .map(|at| merged[at].1.clone())
        .collect()
}

/// One entity of a keyed list, three ways: kept, removed, merged, or in conflict.
pub(super) fn entity(
    cx: &mut Cx,
    path: &mut Vec<Step>,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) -> Option<Value> {
    match (base, ours, theirs) {
        (Some(b), None, Some(t)) | (Some(b), Some(t), None) if b != t => {
            // Removed on one side, changed on the other: the change is kept
            // for a person to weigh against the removal.
            cx.conflict(path, ours, theirs);
            Some(t.clone())
        }
        _ => merge_value(cx, path, base, ours, theirs),
    }
}

/// Merges records that have no id (a need's evidence). Each is matched
/// across the sides by its `source` where it has one, else by its date,
/// kind and summary (the n-th of equal ones with the n-th), and merged
/// field by field like an entity: removed, changed on one side, or in
/// conflict where both changed it differently. The list is ours in its
/// order, then what theirs added: so two sides adding on one day never
/// conflict, and ours' entries keep their places, which is how an edit of
/// the file finds their comments.
fn merge_records(
    cx: &mut Cx,
    path: &mut Vec<Step>,
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
) -> Vec<Value> {
    fn keyed(list: &[Value]) -> Vec<(String, &Value)> {
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        list.iter()
            .map(|v| {
                let key = match v.get("source").and_then(Value::as_str) {
                    Some(source) => format!("source {source}"),
                    None => format!("{} {} {}", v["date"], v["kind"], v["summary"]),
                };
                let n = seen.entry(key.clone()).or_default();
                *n += 1;
                (format!("{key} #{n}"), v)
            })
            .collect()
    }
    let (b, o, t) = (keyed(base), keyed(ours), keyed(theirs));
    fn find<'v>(list: &[(String, &'v Value)], k: &str) -> Option<&'v Value> {
        list.iter().find(|(key, _)| key == k).map(|(_, v)| *v)
    }
    let mut merged = Vec::new();
    let mut one = |cx: &mut Cx, k: &str, ours: Option<&Value>, theirs: Option<&Value>| {
        let named = ours
            .or(theirs)
            .map_or(Value::Null, |v| v["summary"].clone());
        path.push(Step::Entity {
            key: "summary",
            value: named.as_str().unwrap_or_default().to_owned(),
        });
        let value = entity(cx, path, find(&b, k), ours, theirs);
        path.pop();
        if let Some(value) = value {
            merged.push(value);
        }
    };
    for (k, v) in &o {
        one(cx, k, Some(v), find(&t, k));
    }
    for (k, v) in &t {
        if find(&o, k).is_none() {
            one(cx, k, None, Some(v));
        }
    }
    merged
}

/// Ours, less what theirs removed since the base.
fn ours_less_their_removals(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    ours.iter()
        .filter(|v| !base.contains(v) || theirs.contains(v))
        .cloned()
        .collect()
}

/// Merges text lists as sets: ours' order, less what theirs removed, plus
/// what theirs added.
fn merge_set(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut merged = ours_less_their_removals(base, ours, theirs);
    for v in theirs {
        if !base.contains(v) && !merged.contains(v) {
            merged.push(v.clone());
        }
    }
    merged
}

/// Merges text lists as sequences: as sets, but what theirs added goes
/// after the line it follows on their side.
fn merge_sequence(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut merged = ours_less_their_removals(base, ours, theirs);
    for (i, v) in theirs.iter().enumerate() {
        if base.contains(v) || merged.contains(v) {
            continue;
        }
        let at = theirs[..i]
            .iter()
            .rev()
            .find_map(|p| merged.iter().position(|m| m == p))
            .map_or(0, |p| p + 1);
        merged.insert(at, v.clone());
    }
    merged
}

/// Merges readings by date: a reading added on either side is kept, one
/// removed or corrected on one side is removed or corrected, and different
/// values for one date on both sides are a conflict (ours is kept). The
/// n-th reading of a day is matched with the n-th of that day on each side.
fn merge_history(
    cx: &mut Cx,
    path: &[Step],
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
) -> Value {
    fn keyed(list: &[Value]) -> Vec<((String, usize), &Value)> {
        let mut n: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        list.iter()
            .map(|r| {
                let count = n.entry(date_of(r)).or_default();
                *count += 1;
                ((date_of(r).to_owned(), *count), r)
            })
            .collect()
    }
    let (b, o, t) = (keyed(base), keyed(ours), keyed(theirs));
    let get = |list: &[((String, usize), &Value)], k: &(String, usize)| {
        list.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| (*v).clone())
    };
    let mut keys: Vec<(String, usize)> = Vec::new();
    for (k, _) in o.iter().chain(&t).chain(&b) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let mut conflicted = false;
    let mut theirs_view: Vec<((String, usize), Value)> = Vec::new();
    let mut merged: Vec<((String, usize), Value)> = Vec::new();
    for k in keys {
        let (bv, ov, tv) = (get(&b, &k), get(&o, &k), get(&t, &k));
        let (value, their_value) = if ov == tv || bv == tv {
            (ov.clone(), ov)
        } else if bv == ov {
            (tv.clone(), tv)
        } else {
            // Theirs' side of the conflict shows their reading of the day.
            conflicted = true;
            (ov.or(tv.clone()), tv)
        };
        if let Some(v) = their_value {
            theirs_view.push((k.clone(), v));
        }
        if let Some(v) = value {
            merged.push((k, v));
        }
    }
    let sorted = |mut list: Vec<((String, usize), Value)>| {
        list.sort_by(|a, b| a.0.cmp(&b.0));
        Value::Array(list.into_iter().map(|(_, v)| v).collect())
    };
    let merged = sorted(merged);
    if conflicted {
        let theirs_merged = sorted(theirs_view);
        cx.conflict(path, Some(&merged), Some(&theirs_merged));
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn merge(base: Value, ours: Value, theirs: Value) -> (Value, usize) {
        let mut cx = Cx {
            conflicts: Vec::new(),
            notes: Vec::new(),
            ours_keeps_ids: true,
        };
        let mut path = vec![Step::Key("x".into())];
        let merged =
            merge_value(&mut cx, &mut path, Some(&base), Some(&ours), Some(&theirs)).unwrap();
        (merged, cx.conflicts.len())
    }

    #[test]
    fn fields_changed_on_different_sides_both_land() {
        let base = json!({"title": "A", "size": 3, "tags": ["x"]});
        let ours = json!({"title": "B", "size": 3, "tags": ["x"]});
        let theirs = json!({"title": "A", "size": 5, "tags": ["x", "y"]});
        assert_eq!(
            merge(base, ours, theirs),
            (json!({"title": "B", "size": 5, "tags": ["x", "y"]}), 0)
        );
    }

    #[test]
    fn one_field_changed_differently_is_a_conflict_that_keeps_ours() {
        let (merged, conflicts) = merge(json!({"t": "A"}), json!({"t": "B"}), json!({"t": "C"}));
        assert_eq!((merged, conflicts), (json!({"t": "B"}), 1));
    }

    #[test]
    fn sets_keep_both_sides_additions_and_removals() {
        let (merged, _) = merge(
            json!(["a", "b", "c"]),
            json!(["a", "c", "o"]),
            json!(["b", "c", "t"]),
        );
        assert_eq!(merged, json!(["c", "o", "t"]));
    }

    #[test]
    fn readings_merge_by_date_and_the_latest_sets_current() {
        let base = json!({"current": 1.0, "history": [{"date": "2026-11-01", "value": 1.0}]});
        let ours = json!({"current": 2.0, "history": [{"date": "2026-11-01", "value": 1.0}, {"date": "2026-11-08", "value": 2.0}]});
        let theirs = json!({"current": 3.0, "history": [{"date": "2026-11-01", "value": 1.0}, {"date": "2026-11-15", "value": 3.0}]});
        let (merged, conflicts) = merge(base, ours, theirs);
        assert_eq!(conflicts, 0);
        assert_eq!(merged["current"], json!(3.0));
        assert_eq!(merged["history"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn two_values_for_one_date_are_a_conflict() {
        let base = json!([]);
        let ours = json!([{"date": "2026-11-01", "value": 1.0}]);
        let theirs = json!([{"date": "2026-11-01", "value": 2.0}]);
        assert_eq!(merge(base, ours.clone(), theirs).1, 1);
    }

    #[test]
    fn updated_takes_the_later_date() {
        let (merged, conflicts) = merge(
            json!({"updated": "2026-11-01"}),
            json!({"updated": "2026-11-03"}),
            json!({"updated": "2026-11-02"}),
        );
        assert_eq!((merged, conflicts), (json!({"updated": "2026-11-03"}), 0));
    }
}
