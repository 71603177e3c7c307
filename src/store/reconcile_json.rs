//! Applies a change of the model to a JSON document, touching only the values
//! that differ: key order, and keys the model does not know, stay as they were.

use serde_json::{Map, Value};

use crate::model::Item;

use super::delta::Delta;
use super::shape::{Slot, anchor, element_key, in_place, keyed_slots, unchanged_ends};

/// Reconciles the whole document with what an edit changed. The delta is
/// used up: its new values are moved into the document, not copied, so that
/// a section written whole (the backlog of a first import) is held once.
pub fn reconcile_document(doc: &mut Value, delta: Delta) {
    let Delta {
        old, new, items, ..
    } = delta;
    reconcile(doc, &old, new);
    drop(old);
    if let Some(items) = &items {
        match doc.get_mut("items") {
            Some(Value::Array(elements)) if elements.len() == items.before_len() => {
                reconcile_slots(elements, &items.slots());
            }
            // Not the array the model was read from: spelled out in full.
            _ => {
                let (old, new) = items.in_full("items");
                reconcile(doc, &old, new);
            }
        }
    }
}

/// Reconciles `doc` with the new model; `old` and `new` are the model
/// before and after. What `new` holds is moved into `doc`.
pub fn reconcile(doc: &mut Value, old: &Value, new: Value) {
    match (doc, new) {
        (Value::Object(doc), Value::Object(new)) => {
            let empty = Map::new();
            reconcile_object(doc, old.as_object().unwrap_or(&empty), new);
        }
        (Value::Array(doc), Value::Array(new)) if new.iter().all(Value::is_object) => {
            reconcile_objects(doc, old.as_array().map_or(&[], Vec::as_slice), new);
        }
        (doc, new) => *doc = new,
    }
}

fn reconcile_object(
    doc: &mut Map<String, Value>,
    old: &Map<String, Value>,
    mut new: Map<String, Value>,
) {
    // The keys first: where a new key goes depends on the keys around it
    // in `new`, whose values are taken out one by one.
    let keys: Vec<String> = new.keys().cloned().collect();
    for key in keys {
        let old_value = old.get(&key);
        // An unchanged value the file leaves out (a default) stays left out.
        if old_value == new.get(&key) {
            continue;
        }
        let new_value = new.get_mut(&key).map(std::mem::take).unwrap_or_default();
        match doc.get_mut(&key) {
            Some(slot) => reconcile(slot, old_value.unwrap_or(&Value::Null), new_value),
            None => {
                let index = anchor(&new, &key, |k| doc.contains_key(k))
                    .and_then(|a| doc.keys().position(|k| k == a))
                    .map_or(doc.len(), |i| i + 1);
                doc.shift_insert(index, key, new_value);
            }
        }
    }
    for key in old.keys() {
        if !new.contains_key(key) {
            doc.shift_remove(key);
        }
    }
}

/// Arrays of objects, matched by `id` (or `name`) so that a move keeps each
/// object's unknown keys with it.
fn reconcile_objects(doc: &mut Vec<Value>, old: &[Value], new: Vec<Value>) {
    // A list the file and the model both had empty: the new one, as it is.
    if doc.is_empty() && old.is_empty() {
        *doc = new;
        return;
    }
    let doc_key = |i: usize| doc.get(i).and_then(element_key);
    match keyed_slots(doc.len(), doc_key, old, &new) {
        Some(slots) => reconcile_slots(doc, &slots),
        None => reconcile_by_position(doc, old, &new),
    }
}

/// Puts an array of objects in the order and state the slots say. Each
/// element of the document is in at most one slot.
pub(super) fn reconcile_slots(doc: &mut Vec<Value>, slots: &[Slot]) {
    if in_place(slots, doc.len()) {
        for (element, slot) in doc.iter_mut().zip(slots) {
            if let Slot::Changed { old, new, .. } = *slot {
                reconcile(element, old.unwrap_or(&Value::Null), new.clone());
            }
        }
        return;
    }
    let mut taken: Vec<Option<Value>> = std::mem::take(doc).into_iter().map(Some).collect();
    doc.reserve(slots.len());
    for slot in slots {
        let element = match *slot {
            Slot::Kept { at } => taken.get_mut(at).and_then(Option::take),
            Slot::Changed { at, old, new } => {
                taken.get_mut(at).and_then(Option::take).map(|mut element| {
                    reconcile(&mut element, old.unwrap_or(&Value::Null), new.clone());
                    element
                })
            }
            Slot::New { new } => Some(new.clone()),
        };
        doc.extend(element);
    }
}

/// Objects without keys (a history's readings): only the part between the
/// unchanged runs at the start and the end is touched, so that an insertion
/// in the middle leaves every other object, unknown keys and all, in place.
fn reconcile_by_position(doc: &mut Vec<Value>, old: &[Value], new: &[Value]) {
    let (head, tail) = if doc.len() == old.len() {
        unchanged_ends(old, new)
    } else {
        (0, 0)
    };
    let (old_changed, new_changed) = (old.len() - head - tail, new.len() - head - tail);
    let in_place = old_changed.min(new_changed);
    let changed = new[head..head + new_changed].iter().enumerate();
    for (k, value) in changed.map(|(k, v)| (head + k, v)) {
        if k < head + in_place {
            if let Some(slot) = doc.get_mut(k) {
                reconcile(slot, old.get(k).unwrap_or(&Value::Null), value.clone());
            }
        } else {
            doc.insert(k.min(doc.len()), value.clone());
        }
    }
    for _ in new_changed..old_changed {
        if head + in_place < doc.len() {
            doc.remove(head + in_place);
        }
    }
    doc.truncate(new.len());
}

/// How a JSON file is laid out, so that it can be written back the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonStyle {
    /// The indentation of one level; empty for a file on one line.
    pub indent: String,
    pub trailing_newline: bool,
}

impl JsonStyle {
    /// Reads the style off the file's text: the first indented line gives the indent.
    pub fn detect(text: &str) -> Self {
        let indent = text
            .lines()
            .skip(1)
            .find_map(|line| {
                let width = line.len() - line.trim_start_matches([' ', '\t']).len();
                (width > 0).then(|| line[..width].to_owned())
            })
            .unwrap_or_default();
        JsonStyle {
            indent: if text.trim().contains('\n') {
                indent
            } else {
                String::new()
            },
            trailing_newline: text.ends_with('\n'),
        }
    }

    /// The default for new files: two spaces and a final newline.
    pub fn standard() -> Self {
        JsonStyle {
            indent: "  ".into(),
            trailing_newline: true,
        }
    }

    /// Writes a value in this style.
    pub fn write(&self, value: &Value) -> String {
        self.write_with_items(value, None)
    }

    /// [`JsonStyle::write`], with a backlog written whole from the model
    /// where the document leaves `items` for it (see [`Delta::whole_items`]).
    pub(super) fn write_with_items(&self, value: &Value, items: Option<&[Item]>) -> String {
        let mut out = Vec::new();
        self.write_to(&mut out, value, items)
            .expect("writing to memory cannot fail");
        String::from_utf8(out).expect("the writer writes whole strings")
    }

    /// Writes a value in this style to `out`, as it goes (with a backlog
    /// from the model, as [`JsonStyle::write_with_items`]).
    pub(super) fn write_to(
        &self,
        out: &mut dyn std::io::Write,
        value: &Value,
        items: Option<&[Item]>,
    ) -> std::io::Result<()> {
        super::json_writer::write(out, value, &self.indent, items)?;
        if self.trailing_newline {
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_unknown_keys_and_order_through_a_move() {
        let mut doc = json!({"items": [
            {"id": "A", "x-note": 1, "title": "a"},
            {"id": "B", "title": "b", "extra": true}
        ], "zzz": 3});
        let old = json!({"items": [{"id": "A", "title": "a"}, {"id": "B", "title": "b"}]});
        let new = json!({"items": [{"id": "B", "title": "b2"}, {"id": "A", "title": "a"}]});
        reconcile(&mut doc, &old, new);
        assert_eq!(
            doc,
            json!({"items": [
                {"id": "B", "title": "b2", "extra": true},
                {"id": "A", "x-note": 1, "title": "a"}
            ], "zzz": 3})
        );
        let keys: Vec<&String> = doc["items"][1].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "x-note", "title"]);
    }

    #[test]
    fn new_keys_go_after_their_model_predecessor() {
        let mut doc = json!({"id": "A", "title": "a", "updated": "x", "mine": 1});
        let old = json!({"id": "A", "title": "a", "updated": "x"});
        let new = json!({"id": "A", "title": "a", "status": "done", "updated": "y"});
        reconcile(&mut doc, &old, new);
        let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "title", "status", "updated", "mine"]);
    }

    #[test]
    fn style_round_trips() {
        let text = "{\n    \"a\": [\n        1\n    ]\n}";
        let style = JsonStyle::detect(text);
        assert_eq!(style.indent, "    ");
        assert!(!style.trailing_newline);
        assert_eq!(style.write(&serde_json::from_str(text).unwrap()), text);
    }
}
