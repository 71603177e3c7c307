//! Applies a change of the model to a TOML document, touching only the values
//! that differ, so comments, blank lines, key order and styles stay as written.
//!
//! `old` and `new` are the model before and after, as JSON values; keys the
//! model does not know never appear in them and are therefore never touched.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};
use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, TableLike, Value};

use super::shape::{DATE_KEYS, TABLE_ARRAYS, anchor, element_keys};

/// Reconciles the whole document with the new model.
pub fn reconcile_document(doc: &mut toml_edit::DocumentMut, old: &Json, new: &Json) {
    let empty = Map::new();
    let old = old.as_object().unwrap_or(&empty);
    if let Some(new) = new.as_object() {
        reconcile_table(doc.as_table_mut(), old, new, true);
    }
}

fn reconcile_table<T: EditTable>(
    table: &mut T,
    old: &Map<String, Json>,
    new: &Map<String, Json>,
    top: bool,
) {
    for (key, new_value) in new {
        let old_value = old.get(key);
        if old_value == Some(new_value) && table.contains_key(key) {
            continue;
        }
        match table.get_mut(key) {
            Some(item) => reconcile_item(item, key, old_value, new_value, top),
            None => insert_in_model_order(table, new, key, new_item(key, new_value, top)),
        }
    }
    for key in old.keys() {
        if !new.contains_key(key) {
            table.remove(key);
        }
    }
}

fn reconcile_item(item: &mut Item, key: &str, old: Option<&Json>, new: &Json, top: bool) {
    match (item, new) {
        (Item::Table(table), Json::Object(new)) => {
            reconcile_table(table, object_or_empty(old), new, false);
        }
        (Item::Value(Value::InlineTable(table)), Json::Object(new)) => {
            reconcile_table(table, object_or_empty(old), new, false);
        }
        (Item::ArrayOfTables(aot), Json::Array(new)) if new.iter().all(Json::is_object) => {
            reconcile_tables(aot, array_or_empty(old), new);
        }
        (Item::Value(Value::Array(array)), Json::Array(new)) => {
            reconcile_array(array, array_or_empty(old), new);
        }
        (Item::Value(value), new) if !new.is_object() => {
            let decor = value.decor().clone();
            *value = to_value(key, new);
            *value.decor_mut() = decor;
        }
        (item, new) => *item = new_item(key, new, top),
    }
}

/// Scalar arrays: changed elements in place (keeping each element's spacing),
/// new ones after the last with its spacing, surplus ones dropped from the end.
fn reconcile_array(array: &mut Array, old: &[Json], new: &[Json]) {
    for (i, value) in new.iter().enumerate() {
        if i < array.len() {
            if old.get(i) != Some(value) {
                let slot = array.get_mut(i).expect("index checked against len");
                let decor = slot.decor().clone();
                *slot = to_value("", value);
                *slot.decor_mut() = decor;
            }
        } else {
            let mut fresh = to_value("", value);
            if let Some(last) = array.iter().last() {
                *fresh.decor_mut() = last.decor().clone();
            }
            array.push_formatted(fresh);
        }
    }
    while array.len() > new.len() {
        array.remove(array.len() - 1);
    }
}

/// Arrays of tables: elements matched by `id` (or `name`), so a moved element
/// carries its comments along; positions are reassigned to the new order.
fn reconcile_tables(aot: &mut ArrayOfTables, old: &[Json], new: &[Json]) {
    let doc_keys: Option<Vec<String>> = aot
        .iter()
        .map(|t| {
            t.get("id")
                .or_else(|| t.get("name"))
                .and_then(|i| i.as_str())
                .map(str::to_owned)
        })
        .collect();
    let (Some(doc_keys), Some(new_keys), Some(old_keys)) =
        (doc_keys, element_keys(new), element_keys(old))
    else {
        return reconcile_tables_by_position(aot, old, new);
    };
    let old_by_key: HashMap<&str, &Json> = old_keys.iter().copied().zip(old).collect();
    if doc_keys
        .iter()
        .map(String::as_str)
        .eq(new_keys.iter().copied())
    {
        for ((table, key), value) in aot.iter_mut().zip(&new_keys).zip(new) {
            let old_value = old_by_key.get(key).copied();
            if old_value != Some(value) {
                reconcile_table(
                    table,
                    object_or_empty(old_value),
                    value.as_object().expect("checked"),
                    false,
                );
            }
        }
        return;
    }

    // The order or the membership changed: rebuild the array from the same tables.
    let first_key = doc_keys.first().cloned();
    let first_prefix = aot.get(0).and_then(table_prefix);
    let mut positions: Vec<isize> = Vec::new();
    let mut by_key: HashMap<String, Table> = HashMap::new();
    for (table, key) in std::mem::take(aot).into_iter().zip(doc_keys) {
        collect_positions(&table, &mut positions);
        by_key.insert(key, table);
    }
    positions.sort_unstable();
    let mut positions = positions.into_iter();
    for (key, value) in new_keys.iter().zip(new) {
        let new_object = value.as_object().expect("checked");
        let mut table = match by_key.remove(*key) {
            Some(mut table) => {
                let old_value = old_by_key.get(key).copied();
                if old_value != Some(value) {
                    reconcile_table(&mut table, object_or_empty(old_value), new_object, false);
                }
                table
            }
            None => new_table(new_object),
        };
        assign_positions(&mut table, &mut positions);
        aot.push(table);
    }
    keep_section_comment_first(aot, first_key.as_deref(), first_prefix, &new_keys);
}

/// The comment above the first table usually heads the whole section
/// (`# --- Backlog ---`), so it stays at the top when another table moves
/// there or the first one is removed. Comment lines right above a header,
/// with no blank line between, belong to that table and go where it goes.
fn keep_section_comment_first(
    aot: &mut ArrayOfTables,
    old_first: Option<&str>,
    old_first_prefix: Option<String>,
    new_keys: &[&str],
) {
    let (Some(old_first), Some(old_first_prefix)) = (old_first, old_first_prefix) else {
        return;
    };
    if new_keys.first() == Some(&old_first) {
        return;
    }
    let Some(new_first_prefix) = aot.get(0).and_then(table_prefix) else {
        return;
    };
    let (section, old_first_own) = split_prefix(&old_first_prefix);
    let (new_first_section, new_first_own) = split_prefix(&new_first_prefix);
    let top = format!("{section}{new_first_own}");
    let moved = format!("{new_first_section}{old_first_own}");
    if let Some(t) = aot.get_mut(0) {
        t.decor_mut().set_prefix(top);
    }
    if let Some(t) = new_keys
        .iter()
        .position(|k| *k == old_first)
        .and_then(|at| aot.get_mut(at))
    {
        t.decor_mut().set_prefix(moved);
    }
}

fn table_prefix(table: &Table) -> Option<String> {
    table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .map(str::to_owned)
}

/// Splits what precedes a table header at its last blank line: before it is
/// the section's, after it the table's own.
fn split_prefix(prefix: &str) -> (&str, &str) {
    let mut split = 0;
    let mut line_start = 0;
    for (i, c) in prefix.char_indices() {
        if c == '\n' {
            if prefix[line_start..i].trim().is_empty() {
                split = i + 1;
            }
            line_start = i + 1;
        }
    }
    prefix.split_at(split)
}

fn reconcile_tables_by_position(aot: &mut ArrayOfTables, old: &[Json], new: &[Json]) {
    for (i, value) in new.iter().enumerate() {
        let new_object = value.as_object().expect("checked by caller");
        match aot.get_mut(i) {
            Some(table) => {
                if old.get(i) != Some(value) {
                    reconcile_table(table, object_or_empty(old.get(i)), new_object, false);
                }
            }
            None => aot.push(new_table(new_object)),
        }
    }
    while aot.len() > new.len() {
        aot.remove(aot.len() - 1);
    }
}

/// Positions of a table and the tables nested in it, in the order toml_edit visits them.
fn collect_positions(table: &Table, out: &mut Vec<isize>) {
    if let Some(p) = table.position() {
        out.push(p);
    }
    for (_, item) in table.iter() {
        match item {
            Item::Table(t) => collect_positions(t, out),
            Item::ArrayOfTables(a) => a.iter().for_each(|t| collect_positions(t, out)),
            _ => {}
        }
    }
}

/// Gives a table and its nested tables the next free positions; with none
/// left it takes none, and toml_edit prints it right after the table before it.
fn assign_positions(table: &mut Table, positions: &mut impl Iterator<Item = isize>) {
    table.set_position(positions.next());
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => assign_positions(t, positions),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(|t| assign_positions(t, positions)),
            _ => {}
        }
    }
}

/// Inserts a key that the table lacks, after its predecessor in the model.
fn insert_in_model_order<T: EditTable>(
    table: &mut T,
    new: &Map<String, Json>,
    key: &str,
    item: Item,
) {
    let after = anchor(new, key, |k| table.contains_key(k)).map(str::to_owned);
    table.insert(key, item);
    let Some(after) = after else { return };
    let mut rank: HashMap<String, usize> = HashMap::new();
    for (i, (k, _)) in table.iter().enumerate() {
        rank.insert(k.to_owned(), i * 2);
    }
    let slot = rank.get(after.as_str()).map_or(usize::MAX, |r| r + 1);
    rank.insert(key.to_owned(), slot);
    table.sort_by_rank(&rank);
}

/// The two kinds of TOML table, both of which can have their keys reordered.
trait EditTable: TableLike {
    /// Stable sort of the keys by rank; keys without a rank go last.
    fn sort_by_rank(&mut self, rank: &HashMap<String, usize>);
}

fn rank_of(rank: &HashMap<String, usize>, key: &toml_edit::Key) -> usize {
    rank.get(key.get()).copied().unwrap_or(usize::MAX)
}

impl EditTable for Table {
    fn sort_by_rank(&mut self, rank: &HashMap<String, usize>) {
        self.sort_values_by(|a, _, b, _| rank_of(rank, a).cmp(&rank_of(rank, b)));
    }
}

impl EditTable for InlineTable {
    fn sort_by_rank(&mut self, rank: &HashMap<String, usize>) {
        self.sort_values_by(|a, _, b, _| rank_of(rank, a).cmp(&rank_of(rank, b)));
    }
}

fn new_item(key: &str, value: &Json, top: bool) -> Item {
    match value {
        Json::Object(map) if top => Item::Table(new_table(map)),
        Json::Array(values)
            if TABLE_ARRAYS.contains(&key)
                && !values.is_empty()
                && values.iter().all(Json::is_object) =>
        {
            let mut aot = ArrayOfTables::new();
            for v in values {
                aot.push(new_table(v.as_object().expect("checked")));
            }
            Item::ArrayOfTables(aot)
        }
        _ => Item::Value(to_value(key, value)),
    }
}

pub(super) fn new_table(map: &Map<String, Json>) -> Table {
    let mut table = Table::new();
    for (key, value) in map {
        table.insert(key, new_item(key, value, false));
    }
    table
}

/// A JSON value of the model as a TOML value; `key` tells dates from strings.
fn to_value(key: &str, value: &Json) -> Value {
    match value {
        Json::String(s) if DATE_KEYS.contains(&key) => s
            .parse::<toml_edit::Datetime>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(s.as_str())),
        Json::String(s) => Value::from(s.as_str()),
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i),
            None => Value::from(n.as_f64().unwrap_or(0.0)),
        },
        Json::Array(values) => {
            let mut array = Array::new();
            for v in values {
                array.push(to_value("", v));
            }
            Value::Array(array)
        }
        Json::Object(map) => {
            let mut table = InlineTable::new();
            for (k, v) in map {
                table.insert(k, to_value(k, v));
            }
            Value::InlineTable(table)
        }
        // The model never writes null; an empty string is the closest TOML has.
        Json::Null => Value::from(""),
    }
}

fn object_or_empty(value: Option<&Json>) -> &Map<String, Json> {
    static EMPTY: std::sync::OnceLock<Map<String, Json>> = std::sync::OnceLock::new();
    value
        .and_then(Json::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

fn array_or_empty(value: Option<&Json>) -> &[Json] {
    value.and_then(Json::as_array).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_splits_at_its_last_blank_line() {
        assert_eq!(split_prefix("\n# Spike\n"), ("\n", "# Spike\n"));
        assert_eq!(
            split_prefix("\n# -- Backlog --\n\n"),
            ("\n# -- Backlog --\n\n", "")
        );
        assert_eq!(split_prefix("# own\n"), ("", "# own\n"));
        assert_eq!(split_prefix(""), ("", ""));
    }
}
