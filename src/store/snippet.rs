//! One item as a TOML snippet, for editing in `$EDITOR`, and back again.

use std::collections::BTreeSet;

use crate::model::suggest::closest;
use crate::model::{Experiment, Item};

use super::error::Problem;
use super::locate::line_col;
use super::reconcile_toml::new_table;

/// The item as a TOML table, dates as dates, in the model's key order.
pub fn item_to_toml(item: &Item) -> String {
    let value = serde_json::to_value(item).expect("the model always serializes");
    let table = new_table(value.as_object().expect("an item is a table"));
    let mut doc = toml_edit::DocumentMut::new();
    for (key, item) in table.iter() {
        doc.insert(key, item.clone());
    }
    doc.to_string()
}

/// Reads an item back from a snippet. Unknown keys are refused rather than
/// dropped, since a snippet is typed by hand and a typo would be lost.
pub fn item_from_toml(text: &str) -> Result<Item, Problem> {
    let at = |offset: Option<usize>, message: String| Problem {
        line_col: offset.map(|o| line_col(text, o)),
        path: String::new(),
        message,
    };
    let table: toml_edit::Document<&str> = toml_edit::Document::parse(text).map_err(|e| {
        let start = e.span().map(|s| s.start);
        let message = match start.and_then(|o| duplicate(text, o, e.message())) {
            Some(message) => message,
            None => e.message().to_owned(),
        };
        at(start, message)
    })?;
    let known: BTreeSet<&str> = Item::FIELDS.iter().copied().collect();
    for (key, item) in table.as_table().iter() {
        let sub = (key == "experiment")
            .then(|| item.as_table_like())
            .flatten();
        let unknown = if !known.contains(key) {
            Some((key.to_owned(), Item::FIELDS))
        } else {
            sub.and_then(|t| {
                t.iter()
                    .map(|(k, _)| k)
                    .find(|k| !Experiment::FIELDS.contains(k))
                    .map(|k| (format!("experiment.{k}"), Experiment::FIELDS))
            })
        };
        if let Some((name, fields)) = unknown {
            let offset = table
                .as_table()
                .key(key)
                .and_then(|k| k.span())
                .map(|s| s.start);
            let last = name.rsplit('.').next().unwrap_or(&name);
            let message = match closest(last, fields.iter().copied()) {
                Some(meant) => format!("unknown key `{name}`; did you mean `{meant}`?"),
                None => format!("unknown key `{name}`; known keys: {}", fields.join(", ")),
            };
            return Err(at(offset, message));
        }
    }
    toml::from_str::<Item>(text).map_err(|e| {
        let message = e
            .message()
            .trim_end()
            .replace("expected f64", "expected a number");
        at(e.span().map(|s| s.start), message)
    })
}

/// toml_edit says only "duplicate key": this names the key (as written at
/// `offset`, where the second one starts) and the line of the first.
fn duplicate(text: &str, offset: usize, message: &str) -> Option<String> {
    if !message.starts_with("duplicate key") {
        return None;
    }
    let key_of = |line: &str| -> Option<String> {
        let (key, _) = line.split_once('=')?;
        let key = key.trim();
        (!key.is_empty() && !key.starts_with('#')).then(|| key.to_owned())
    };
    let line = text.get(offset..)?.lines().next()?;
    let key = key_of(line)?;
    let (at_line, _) = line_col(text, offset);
    // In the same table: from its header (the last one above) on.
    let before: Vec<&str> = text.lines().take(at_line.saturating_sub(1)).collect();
    let table = before
        .iter()
        .rposition(|l| l.trim_start().starts_with('['))
        .map_or(0, |i| i + 1);
    let first = before[table..]
        .iter()
        .position(|l| key_of(l).as_deref() == Some(key.as_str()))?;
    Some(format!(
        "duplicate key `{key}` (first set on line {})",
        table + first + 1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Kind};

    #[test]
    fn round_trips_an_item() {
        let mut item = Item::new(
            "RX-1".into(),
            "Pay".into(),
            Kind::Feature,
            Date::from_ymd(2026, 11, 1).unwrap(),
        );
        item.size = Some(5.0);
        item.tags = vec!["a".into()];
        let text = item_to_toml(&item);
        assert!(text.contains("created = 2026-11-01\n"), "{text}");
        assert!(text.contains("size = 5\n"), "{text}");
        assert_eq!(item_from_toml(&text).unwrap(), item);
    }

    #[test]
    fn refuses_unknown_keys_with_their_place() {
        let text = "id = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\nsise = 3\n";
        let p = item_from_toml(text).unwrap_err();
        assert_eq!(p.line_col, Some((5, 1)));
        assert!(p.message.starts_with("unknown key `sise`"), "{}", p.message);
    }

    #[test]
    fn an_unknown_key_gets_a_did_you_mean() {
        let text = "id = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\nsise = 3\n";
        let p = item_from_toml(text).unwrap_err();
        assert!(p.message.contains("did you mean `size`?"), "{}", p.message);
        let text =
            "id = \"RX-1\"\ntitle = \"t\"\n[experiment]\nhypothesis = \"h\"\nmesure = \"m\"\n";
        let p = item_from_toml(text).unwrap_err();
        assert!(
            p.message
                .contains("`experiment.mesure`; did you mean `measure`?"),
            "{}",
            p.message
        );
    }

    #[test]
    fn a_duplicate_key_is_named_with_both_lines() {
        let text = "id = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\n\ntitle = \"u\"\n";
        let p = item_from_toml(text).unwrap_err();
        assert_eq!(p.line_col, Some((5, 1)));
        assert_eq!(p.message, "duplicate key `title` (first set on line 2)");
    }
}
