//! One item as a TOML snippet, for editing in `$EDITOR`, and back again.

use std::collections::BTreeSet;

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
    let table: toml_edit::Document<&str> = toml_edit::Document::parse(text)
        .map_err(|e| at(e.span().map(|s| s.start), e.message().to_owned()))?;
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
            return Err(at(
                offset,
                format!("unknown key `{name}`; known keys: {}", fields.join(", ")),
            ));
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
}
