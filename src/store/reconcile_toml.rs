//! Applies a change of the model to a TOML document, touching only the values
//! that differ, so comments, blank lines, key order and styles stay as written.
//!
//! `old` and `new` are the model before and after, as JSON values; keys the
//! model does not know never appear in them and are therefore never touched.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value as Json};
use toml_edit::{Array, ArrayOfTables, Decor, InlineTable, Item, Table, TableLike, Value};

use super::delta::Delta;
use super::shape::{
    DATE_KEYS, LINE_ARRAYS, Slot, TABLE_ARRAYS, anchor, in_place, keyed_slots, numbered_key,
    unchanged_ends,
};

/// Reconciles the whole document with what an edit changed.
pub fn reconcile_document(doc: &mut toml_edit::DocumentMut, delta: &Delta) {
    let root = doc.as_table_mut();
    reconcile_trees(root, &delta.old, &delta.new);
    if let Some(items) = &delta.items {
        match root.get_mut("items") {
            Some(Item::ArrayOfTables(aot)) if aot.len() == items.before_len() => {
                reconcile_table_slots(aot, &items.slots());
            }
            Some(Item::Value(Value::Array(array)))
                if array.len() == items.before_len()
                    && array.iter().all(Value::is_inline_table) =>
            {
                reconcile_inline_slots(array, &items.slots());
            }
            // Not the list the model was read from: spelled out in full.
            _ => {
                let (old, new) = items.in_full("items");
                reconcile_trees(root, &old, &new);
            }
        }
    }
    place_new_sections(root);
}

fn reconcile_trees(root: &mut Table, old: &Json, new: &Json) {
    let empty = Map::new();
    let old = old.as_object().unwrap_or(&empty);
    if let Some(new) = new.as_object() {
        reconcile_table(root, old, new, true);
    }
}

/// New top-level tables (the first `[[decisions]]`, say) go at the end of
/// the file, after everything a person wrote, rather than wherever the
/// table before them in key order happens to be.
fn place_new_sections(root: &mut Table) {
    let mut taken = Vec::new();
    collect_positions(root, &mut taken);
    let mut next = taken.into_iter().max().unwrap_or(0) + 1;
    let mut positions = std::iter::from_fn(|| {
        next += 1;
        Some(next - 1)
    });
    for (_, item) in root.iter_mut() {
        match item {
            Item::Table(t) if t.position().is_none() => assign_positions(t, &mut positions),
            Item::ArrayOfTables(a) if a.iter().all(|t| t.position().is_none()) => {
                a.iter_mut()
                    .for_each(|t| assign_positions(t, &mut positions));
            }
            _ => {}
        }
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
        // An unchanged value the file leaves out (a default) stays left out.
        if old_value == Some(new_value) {
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

/// An inline table, key by key. The space before its closing brace is
/// written after its last value; when another key becomes last, the space
/// goes with the end of the table: `{ a = 1, b = 2 }`, not `{ a = 1 , b = 2}`.
fn reconcile_inline_table(
    table: &mut InlineTable,
    old: &Map<String, Json>,
    new: &Map<String, Json>,
) {
    let last_key = |t: &InlineTable| t.iter().last().map(|(k, _)| k.to_owned());
    let closing = |t: &mut InlineTable, key: &str| {
        t.get_mut(key).and_then(|v| {
            v.decor()
                .suffix()
                .and_then(|r| r.as_str())
                .map(str::to_owned)
        })
    };
    let last_before = last_key(table);
    let spacing = last_before.as_deref().and_then(|k| closing(table, k));
    reconcile_table(table, old, new, false);
    let last_after = last_key(table);
    if last_before == last_after {
        return;
    }
    if let Some(before) = last_before.as_deref().and_then(|k| table.get_mut(k)) {
        before.decor_mut().set_suffix("");
    }
    if let (Some(after), Some(spacing)) = (last_after.as_deref(), spacing)
        && let Some(value) = table.get_mut(after)
    {
        value.decor_mut().set_suffix(spacing);
    }
}

fn reconcile_item(item: &mut Item, key: &str, old: Option<&Json>, new: &Json, top: bool) {
    match (item, new) {
        (Item::Table(table), Json::Object(new)) => {
            reconcile_table(table, object_or_empty(old), new, false);
        }
        (Item::Value(Value::InlineTable(table)), Json::Object(new)) => {
            reconcile_inline_table(table, object_or_empty(old), new);
        }
        (Item::ArrayOfTables(aot), Json::Array(new)) if new.iter().all(Json::is_object) => {
            reconcile_tables(aot, array_or_empty(old), new);
        }
        (Item::Value(Value::Array(array)), Json::Array(new))
            if new.iter().all(Json::is_object) && array.iter().all(Value::is_inline_table) =>
        {
            reconcile_inline_tables(array, array_or_empty(old), new);
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

/// Inline arrays matched by position: changed elements in place (keeping each
/// element's spacing, and an inline table's own keys), new ones after the
/// last with its spacing, surplus ones dropped from the end.
fn reconcile_array(array: &mut Array, old: &[Json], new: &[Json]) {
    let slots = slot_decors(array);
    // The model was read from this array, so its elements line up with
    // `old`; if they do not, everything is compared by position.
    let (head, tail) = if array.len() == old.len() {
        unchanged_ends(old, new)
    } else {
        (0, 0)
    };
    let (old_changed, new_changed) = (old.len() - head - tail, new.len() - head - tail);
    let in_place = old_changed.min(new_changed);
    let changed = new[head..head + new_changed].iter().enumerate();
    for (k, value) in changed.map(|(k, v)| (head + k, v)) {
        if k < head + in_place {
            if let Some(slot) = array.get_mut(k)
                && old.get(k) != Some(value)
            {
                reconcile_value(slot, old.get(k), value);
            }
        } else {
            let mut fresh = to_value("", value);
            *fresh.decor_mut() = slot_decor(&slots, None, k, new.len());
            let at = k.min(array.len());
            // The comment at the end of the line before the new element
            // belongs to the element on that line, so it stays there.
            let comment = match array.get_mut(at) {
                Some(next) => take_line_comment(next.decor_mut()),
                None => take_trailing_comment(array).or_else(|| {
                    at.checked_sub(1)
                        .and_then(|last| array.get_mut(last))
                        .and_then(|last| take_suffix_comment(last.decor_mut()))
                }),
            };
            if let Some(comment) = comment {
                let spacing = prefix_text(fresh.decor()).unwrap_or_default();
                fresh.decor_mut().set_prefix(format!("{comment}{spacing}"));
            }
            array.insert_formatted(at, fresh);
        }
    }
    for _ in new_changed..old_changed {
        if head + in_place < array.len() {
            remove_keeping_comment(array, head + in_place);
        }
    }
    while array.len() > new.len() {
        remove_keeping_comment(array, array.len() - 1);
    }
    if array.len() != slots.len() {
        // Spacing belongs to positions: the old last element is no longer
        // last, or another one now is, and a one-line array keeps `[a, b]`.
        let len = array.len();
        for (at, value) in array.iter_mut().enumerate() {
            let spacing = slot_decor(&slots, None, at, len);
            if !prefix_text(value.decor()).is_some_and(|p| p.contains('#')) {
                value
                    .decor_mut()
                    .set_prefix(prefix_text(&spacing).unwrap_or_default());
            }
            // No suffix and an empty one print the same in an array.
            let suffix = spacing.suffix().cloned();
            value.decor_mut().set_suffix(suffix.unwrap_or_default());
        }
    }
}

fn prefix_text(decor: &Decor) -> Option<String> {
    decor.prefix().and_then(|r| r.as_str()).map(str::to_owned)
}

/// Splits off a comment that ends the line before a value (`  # note`,
/// without its line break): in an array it is written in the value's
/// prefix, but it is about the element before.
fn split_line_comment(text: &str) -> Option<(&str, &str)> {
    let (first, rest) = text.split_once('\n')?;
    first.contains('#').then_some((first, rest))
}

/// Takes the end-of-line comment out of a value's prefix, leaving its line break.
fn take_line_comment(decor: &mut Decor) -> Option<String> {
    let prefix = prefix_text(decor)?;
    let (comment, rest) = split_line_comment(&prefix)?;
    let comment = comment.to_owned();
    decor.set_prefix(format!("\n{rest}"));
    Some(comment)
}

/// Takes the comment out of a value's suffix (where the last element of an
/// array without a trailing comma keeps it), leaving no suffix: the line
/// break goes with whichever element is last.
fn take_suffix_comment(decor: &mut Decor) -> Option<String> {
    let suffix = decor.suffix().and_then(|r| r.as_str())?.to_owned();
    let at = suffix.find('#')?;
    let end = suffix[at..].find('\n').map_or(suffix.len(), |n| at + n);
    decor.set_suffix("");
    Some(suffix[..end].to_owned())
}

/// Spacing with any comment taken out: what is left belongs to the position.
fn spacing_only(text: String) -> String {
    match text.find('#') {
        Some(at) => text[at..]
            .find('\n')
            .map_or(String::new(), |n| text[at + n..].to_owned()),
        None => text,
    }
}

/// Takes the comment that ends the last element's line out of the array's trailing text.
fn take_trailing_comment(array: &mut Array) -> Option<String> {
    let trailing = array.trailing().as_str()?.to_owned();
    let (comment, rest) = split_line_comment(&trailing)?;
    let comment = comment.to_owned();
    array.set_trailing(format!("\n{rest}"));
    Some(comment)
}

/// Removes an element. Its own end-of-line comment (written in the next
/// element's prefix, or the array's trailing text) goes with it; the one
/// before it in its prefix (the previous element's) takes that place.
fn remove_keeping_comment(array: &mut Array, at: usize) {
    let removed = array.remove(at);
    let before = prefix_text(removed.decor())
        .and_then(|p| split_line_comment(&p).map(|(c, _)| c.to_owned()));
    match array.get_mut(at) {
        Some(next) => {
            take_line_comment(next.decor_mut());
            if let Some(comment) = before {
                let rest = prefix_text(next.decor()).unwrap_or_default();
                next.decor_mut().set_prefix(format!("{comment}{rest}"));
            }
        }
        None => {
            take_trailing_comment(array);
            if let Some(comment) = before {
                let rest = array.trailing().as_str().unwrap_or_default().to_owned();
                array.set_trailing(format!("{comment}{rest}"));
            }
        }
    }
}

fn reconcile_value(slot: &mut Value, old: Option<&Json>, new: &Json) {
    match (slot, new) {
        (Value::InlineTable(table), Json::Object(new)) => {
            reconcile_inline_table(table, object_or_empty(old), new);
        }
        (slot, new) => {
            let decor = slot.decor().clone();
            *slot = to_value("", new);
            *slot.decor_mut() = decor;
        }
    }
}

/// Arrays of inline tables (`items = [{ id = "RX-1", ... }]`), matched by
/// `id` (or `name`) as arrays of tables are, for the same reason: a moved
/// element must keep its own keys and layout.
fn reconcile_inline_tables(array: &mut Array, old: &[Json], new: &[Json]) {
    let doc_key = |i: usize| {
        let table = array.get(i)?.as_inline_table()?;
        match table.get("id").or_else(|| table.get("name")) {
            Some(key) => key.as_str().map(Cow::Borrowed),
            None => numbered_key(
                table
                    .get("point")
                    .or_else(|| table.get("number"))?
                    .as_integer()?,
            ),
        }
    };
    match keyed_slots(array.len(), doc_key, old, new) {
        Some(slots) => reconcile_inline_slots(array, &slots),
        None => reconcile_array(array, old, new),
    }
}

/// Puts an inline array of tables in the order and state the slots say.
fn reconcile_inline_slots(array: &mut Array, slots: &[Slot]) {
    if in_place(slots, array.len()) {
        for (element, slot) in array.iter_mut().zip(slots) {
            if let Slot::Changed { old, new, .. } = *slot {
                reconcile_value(element, old, new);
            }
        }
        return;
    }

    // The order or the membership changed: refill the array (keeping its own
    // brackets, trailing comma and spacing) from the same values.
    let decors = slot_decors(array);
    let mut taken: Vec<Option<Value>> = array
        .iter_mut()
        .map(|v| Some(std::mem::replace(v, Value::from(false))))
        .collect();
    array.clear();
    let len = slots.len();
    for (i, slot) in slots.iter().enumerate() {
        let element = match *slot {
            Slot::Kept { at } => taken.get_mut(at).and_then(Option::take),
            Slot::Changed { at, old, new } => {
                taken.get_mut(at).and_then(Option::take).map(|mut element| {
                    reconcile_value(&mut element, old, new);
                    element
                })
            }
            Slot::New { new } => Some(to_value("", new)),
        };
        if let Some(mut element) = element {
            let decor = slot_decor(&decors, Some(element.decor()), i, len);
            *element.decor_mut() = decor;
            array.push_formatted(element);
        }
    }
}

fn slot_decors(array: &Array) -> Vec<Decor> {
    array.iter().map(|v| v.decor().clone()).collect()
}

/// The spacing of position `at` of `len` in an inline array whose elements had
/// the decors `slots`. Spacing belongs to the position, so a one-line array
/// stays `[a, b]` when its elements trade places; a comment above an element
/// (in `own`, its decor) belongs to the element and goes where it goes.
fn slot_decor(slots: &[Decor], own: Option<&Decor>, at: usize, len: usize) -> Decor {
    let text = |raw: Option<&toml_edit::RawString>| raw.and_then(|r| r.as_str()).map(str::to_owned);
    let own_prefix = own.and_then(|d| text(d.prefix()));
    let prefix = match (own_prefix, slots.get(at), slots.last()) {
        (Some(own), _, _) if own.contains('#') => Some(own),
        (_, Some(slot), _) => text(slot.prefix()).map(|p| without_comments(&p)),
        // Past the old end: the spacing of the last element, unless that was
        // the first of a one-line array, which has none.
        (_, None, Some(last)) => match text(last.prefix()).map(|p| without_comments(&p)) {
            Some(p) if slots.len() == 1 && !p.contains('\n') => Some(" ".to_owned()),
            p => p,
        },
        (_, None, None) => None,
    };
    // Space before a comma stays with the comma; the last element keeps the
    // space before the closing bracket.
    let suffix = if at + 1 == len {
        slots.last().and_then(|d| text(d.suffix()))
    } else if at + 1 < slots.len() {
        text(slots[at].suffix())
    } else {
        slots
            .first()
            .filter(|_| slots.len() > 1)
            .and_then(|d| text(d.suffix()))
    }
    .map(spacing_only);
    let mut decor = Decor::default();
    if let Some(prefix) = prefix {
        decor.set_prefix(prefix);
    }
    if let Some(suffix) = suffix {
        decor.set_suffix(suffix);
    }
    decor
}

/// Whitespace with its comment lines taken out: the line breaks and indent
/// that are left are the position's.
fn without_comments(prefix: &str) -> String {
    prefix
        .split('\n')
        .enumerate()
        .filter_map(|(i, line)| match line.trim_start().starts_with('#') {
            // The comment shares the line of the `[` or the comma before it:
            // its line break is the position's.
            true if i == 0 => Some(""),
            true => None,
            false => Some(line),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Arrays of tables: elements matched by `id` (or `name`), so a moved element
/// carries its comments along; positions are reassigned to the new order.
fn reconcile_tables(aot: &mut ArrayOfTables, old: &[Json], new: &[Json]) {
    let doc_key = |i: usize| {
        let table = aot.get(i)?;
        match table.get("id").or_else(|| table.get("name")) {
            Some(key) => key.as_str().map(Cow::Borrowed),
            None => numbered_key(
                table
                    .get("point")
                    .or_else(|| table.get("number"))?
                    .as_integer()?,
            ),
        }
    };
    match keyed_slots(aot.len(), doc_key, old, new) {
        Some(slots) => reconcile_table_slots(aot, &slots),
        None => reconcile_tables_by_position(aot, old, new),
    }
}

/// Puts an array of tables in the order and state the slots say. Each
/// table of the document is in at most one slot.
fn reconcile_table_slots(aot: &mut ArrayOfTables, slots: &[Slot]) {
    let changed = |table: &mut Table, old: Option<&Json>, new: &Json| {
        if let Some(new) = new.as_object() {
            reconcile_table(table, object_or_empty(old), new, false);
        }
    };
    if in_place(slots, aot.len()) {
        for (table, slot) in aot.iter_mut().zip(slots) {
            if let Slot::Changed { old, new, .. } = *slot {
                changed(table, old, new);
            }
        }
        return;
    }

    if in_order(slots, aot.len()) {
        // Tables removed or added, none moved: done in place, and a new
        // table, which has no position, is printed after the one before it.
        let mut keep = vec![false; aot.len()];
        for at in slots.iter().filter_map(Slot::at) {
            keep[at] = true;
        }
        let mut at = 0;
        aot.retain(|_| {
            at += 1;
            keep[at - 1]
        });
        let mut at = 0;
        for slot in slots {
            match *slot {
                Slot::Kept { .. } => {}
                Slot::Changed { old, new, .. } => {
                    if let Some(table) = aot.get_mut(at) {
                        changed(table, old, new);
                    }
                }
                Slot::New { new } => match new.as_object() {
                    Some(new) => aot.insert(at.min(aot.len()), new_table(new)),
                    None => continue,
                },
            }
            at += 1;
        }
        return;
    }

    // The order changed: rebuild the array from the same tables.
    let first_prefix = aot.get(0).and_then(table_prefix);
    let mut positions: Vec<isize> = Vec::new();
    let mut taken: Vec<Option<Table>> = std::mem::take(aot)
        .into_iter()
        .map(|table| {
            collect_positions(&table, &mut positions);
            Some(table)
        })
        .collect();
    positions.sort_unstable();
    let mut positions = positions.into_iter();
    for slot in slots {
        let table = match *slot {
            Slot::Kept { at } => taken.get_mut(at).and_then(Option::take),
            Slot::Changed { at, old, new } => {
                taken.get_mut(at).and_then(Option::take).map(|mut table| {
                    changed(&mut table, old, new);
                    table
                })
            }
            Slot::New { new } => new.as_object().map(new_table),
        };
        if let Some(mut table) = table {
            assign_positions(&mut table, &mut positions);
            aot.push(table);
        }
    }
    keep_section_comment_first(aot, first_prefix, slots);
}

/// Whether the slots keep the document's first table first and the others
/// in their order, adding few: then the tables are changed where they are,
/// rather than the array rebuilt (each table added there shifts the rest).
fn in_order(slots: &[Slot], len: usize) -> bool {
    const FEW: usize = 16;
    if len == 0 || slots.first().and_then(Slot::at) != Some(0) {
        return false;
    }
    let mut last = None;
    let mut added = 0;
    for slot in slots {
        match slot.at() {
            Some(at) if last.is_some_and(|last| at <= last) => return false,
            Some(at) => last = Some(at),
            None => added += 1,
        }
    }
    added <= FEW
}

/// The comment above the first table usually heads the whole section
/// (`# --- Backlog ---`), so it stays at the top when another table moves
/// there or the first one is removed. Comment lines right above a header,
/// with no blank line between, belong to that table and go where it goes.
fn keep_section_comment_first(
    aot: &mut ArrayOfTables,
    old_first_prefix: Option<String>,
    slots: &[Slot],
) {
    let Some(old_first_prefix) = old_first_prefix else {
        return;
    };
    if slots.first().and_then(Slot::at) == Some(0) {
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
    if let Some(t) = slots
        .iter()
        .position(|s| s.at() == Some(0))
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

/// A JSON value of the model as a TOML value, as a new key `key` would be written.
pub(super) fn value_for(key: &str, value: &Json) -> Value {
    to_value(key, value)
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
            if LINE_ARRAYS.contains(&key) && !values.is_empty() {
                for v in array.iter_mut() {
                    v.decor_mut().set_prefix("\n    ");
                }
                array.set_trailing_comma(true);
                array.set_trailing("\n");
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

    fn reconciled(text: &str, old: Json, new: Json) -> String {
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        let delta = Delta {
            old,
            new,
            items: None,
            whole_items: None,
        };
        reconcile_document(&mut doc, &delta);
        doc.to_string()
    }

    #[test]
    fn every_inline_array_of_tables_is_matched_by_key() {
        let text = r#"people = [{ name = "Ann", roles = ["po"], x = 1 }, { name = "Bo", roles = ["dev"] }]
objectives = [
  { id = "O1", title = "o", key_results = [{ id = "KR1", title = "k1", x = 2 }, {id="KR2",title="k2"}] },
]
kpis = [{ id = "K1", name = "n1", x = 3 }, { id = "K2", name = "n2" }]
roadmap = [{ id = "R1", title = "r1", x = 4 }, { id = "R2", title = "r2" }]
stakeholders = [{ name = "S1", x = 5 }, { name = "S2" }]
decisions = [{ id = "D1", title = "d1", x = 6 }, { id = "D2", title = "d2" }]
"#;
        let old = serde_json::json!({
            "people": [{"name": "Ann", "roles": ["po"]}, {"name": "Bo", "roles": ["dev"]}],
            "objectives": [{"id": "O1", "title": "o", "key_results": [
                {"id": "KR1", "title": "k1"}, {"id": "KR2", "title": "k2"}]}],
            "kpis": [{"id": "K1", "name": "n1"}, {"id": "K2", "name": "n2"}],
            "roadmap": [{"id": "R1", "title": "r1"}, {"id": "R2", "title": "r2"}],
            "stakeholders": [{"name": "S1"}, {"name": "S2"}],
            "decisions": [{"id": "D1", "title": "d1"}, {"id": "D2", "title": "d2"}],
        });
        let new = serde_json::json!({
            "people": [{"name": "Bo", "roles": ["dev"]}, {"name": "Ann", "roles": ["po", "dev"]}],
            "objectives": [{"id": "O1", "title": "o", "key_results": [
                {"id": "KR2", "title": "k2"}, {"id": "KR1", "title": "k1!"}, {"id": "KR3", "title": "k3"}]}],
            "kpis": [{"id": "K2", "name": "n2"}],
            "roadmap": [{"id": "R2", "title": "r2"}, {"id": "R1", "title": "r1"}],
            "stakeholders": [{"name": "S1"}, {"name": "S2"}, {"name": "S3"}],
            "decisions": [{"id": "D1", "title": "d1", "date": "2026-01-02"}],
        });
        assert_eq!(
            reconciled(text, old, new),
            r#"people = [{ name = "Bo", roles = ["dev"] }, { name = "Ann", roles = ["po", "dev"], x = 1 }]
objectives = [
  { id = "O1", title = "o", key_results = [{id="KR2",title="k2"}, { id = "KR1", title = "k1!", x = 2 }, { id = "KR3", title = "k3" }] },
]
kpis = [{ id = "K2", name = "n2" }]
roadmap = [{ id = "R2", title = "r2" }, { id = "R1", title = "r1", x = 4 }]
stakeholders = [{ name = "S1", x = 5 }, { name = "S2" }, { name = "S3" }]
decisions = [{ id = "D1", title = "d1", date = 2026-01-02, x = 6 }]
"#
        );
    }

    #[test]
    fn an_unknown_id_key_does_not_hide_a_table_from_its_match() {
        let text = "[[people]]\nname = \"Ann\"\nid = \"x\"\n\n[[people]]\nname = \"Bo\"\n";
        let old = serde_json::json!({"people": [{"name": "Ann"}, {"name": "Bo"}]});
        let new = serde_json::json!({"people": [{"name": "Bo"}, {"name": "Ann"}]});
        assert_eq!(
            reconciled(text, old, new),
            "[[people]]\nname = \"Bo\"\n\n[[people]]\nname = \"Ann\"\nid = \"x\"\n"
        );
    }

    #[test]
    fn inline_tables_without_keys_are_changed_in_place() {
        let text = "history = [{ date = 2026-01-01, value = 1, note = \"n\" }, { date = 2026-02-01, value = 2 }]\n";
        let old = serde_json::json!({"history": [
            {"date": "2026-01-01", "value": 1}, {"date": "2026-02-01", "value": 2}]});
        let new = serde_json::json!({"history": [{"date": "2026-01-01", "value": 5}]});
        assert_eq!(
            reconciled(text, old, new),
            "history = [{ date = 2026-01-01, value = 5, note = \"n\" }]\n"
        );
    }

    #[test]
    fn a_key_added_last_to_an_inline_table_takes_the_closing_space() {
        let text = "kr = { start = 0, target = 5 }\n";
        let old = serde_json::json!({"kr": {"start": 0, "target": 5}});
        let new = serde_json::json!({"kr": {"start": 0, "target": 5, "current": 3}});
        assert_eq!(
            reconciled(text, old, new),
            "kr = { start = 0, target = 5, current = 3 }\n"
        );
    }

    #[test]
    fn removing_a_reading_keeps_the_comment_on_the_line_before() {
        let text = "h = [\n  1,  # one\n  2,  # two\n  3,\n]\n";
        let old = serde_json::json!({"h": [1, 2, 3]});
        let new = serde_json::json!({"h": [1, 3]});
        assert_eq!(reconciled(text, old, new), "h = [\n  1,  # one\n  3,\n]\n");
    }

    #[test]
    fn removing_the_first_reading_takes_its_comment_with_it() {
        let text = "h = [\n  1,  # one\n  # about two\n  2,  # two\n  3,\n]\n";
        let old = serde_json::json!({"h": [1, 2, 3]});
        let new = serde_json::json!({"h": [2, 3]});
        assert_eq!(
            reconciled(text, old, new),
            "h = [\n  # about two\n  2,  # two\n  3,\n]\n"
        );
        let text = "h = [\n  1,  # one\n  2,  # two\n]\n";
        let new = serde_json::json!({"h": [1]});
        assert_eq!(
            reconciled(text, old_of(&[1, 2]), new),
            "h = [\n  1,  # one\n]\n"
        );
    }

    fn old_of(values: &[i64]) -> Json {
        serde_json::json!({ "h": values })
    }

    #[test]
    fn appending_leaves_the_last_comment_on_its_line() {
        let text = "h = [\n  1,  # one\n]\n";
        let old = serde_json::json!({"h": [1]});
        let new = serde_json::json!({"h": [1, 2]});
        assert_eq!(reconciled(text, old, new), "h = [\n  1,  # one\n  2,\n]\n");
    }

    #[test]
    fn comment_lines_leave_the_position_their_line_breaks() {
        assert_eq!(without_comments("\n  # c\n  "), "\n  ");
        assert_eq!(without_comments("  # c\n  "), "\n  ");
        assert_eq!(without_comments("\n\n  "), "\n\n  ");
        assert_eq!(without_comments(" "), " ");
    }

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
