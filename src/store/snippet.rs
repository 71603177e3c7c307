//! One item as a TOML snippet, for editing in `$EDITOR`, and back again;
//! and an edit kept beside the product file when it could not be written.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::suggest::closest;
use crate::model::{Experiment, Item};

use super::error::{Problem, StoreError};
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

/// Keeps the text of an edit of item `id` that could not be written, in a
/// new file beside the product file: `product.toml.RX-3.edit.toml`, or
/// `...edit-2.toml` and on when that exists (an earlier edit not applied
/// yet is never overwritten), its text made by `text` from its path. Not
/// hidden and not ignored: it shows in `git status` until it is applied or
/// deleted. Returns its path.
pub fn keep_edit(
    product_file: &Path,
    id: &str,
    text: impl Fn(&Path) -> String,
) -> Result<PathBuf, StoreError> {
    for n in 1.. {
        let path = kept_edit_path(product_file, id, n);
        let mut file = match fs::File::options().write(true).create_new(true).open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        file.write_all(text(&path).as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| StoreError::io(&path, e))?;
        return Ok(path);
    }
    unreachable!("some number names no file yet")
}

/// The `n`th name [`keep_edit`] tries.
fn kept_edit_path(product_file: &Path, id: &str, n: usize) -> PathBuf {
    let mut name = product_file.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{id}.edit"));
    if n > 1 {
        name.push(format!("-{n}"));
    }
    name.push(".toml");
    product_file.with_file_name(name)
}

/// Whether `file` is an edit of item `id` that [`keep_edit`] kept for this
/// product file (as opposed to a file of the user's own).
pub fn is_kept_edit(product_file: &Path, id: &str, file: &Path) -> bool {
    let folder = |p: &Path| {
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
        dir.unwrap_or(Path::new(".")).canonicalize().ok()
    };
    let (Some(name), Some(stem)) = (
        file.file_name().and_then(|n| n.to_str()),
        product_file.file_name().and_then(|n| n.to_str()),
    ) else {
        return false;
    };
    let numbered = name
        .strip_prefix(&format!("{stem}.{id}.edit"))
        .and_then(|rest| rest.strip_suffix(".toml"))
        .is_some_and(|n| {
            n.is_empty()
                || n.strip_prefix('-')
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        });
    numbered && folder(file).is_some() && folder(file) == folder(product_file)
}

/// Deletes an edit kept by [`keep_edit`], once it has been applied.
pub fn remove_kept_edit(file: &Path) -> Result<(), StoreError> {
    fs::remove_file(file).map_err(|e| StoreError::io(file, e))
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
    fn kept_edits_are_told_from_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let product = dir.path().join("product.toml");
        let first = keep_edit(&product, "RX-3", |_| "size = 8\n".into()).unwrap();
        let second = keep_edit(&product, "RX-3", |_| "size = 9\n".into()).unwrap();
        assert_eq!(first, dir.path().join("product.toml.RX-3.edit.toml"));
        assert_eq!(second, dir.path().join("product.toml.RX-3.edit-2.toml"));
        assert_eq!(fs::read_to_string(&first).unwrap(), "size = 8\n");
        assert!(is_kept_edit(&product, "RX-3", &first));
        assert!(is_kept_edit(&product, "RX-3", &second));
        assert!(!is_kept_edit(&product, "RX-4", &first));
        assert!(!is_kept_edit(
            &product,
            "RX-3",
            &dir.path().join("mine.toml")
        ));
        let elsewhere = tempfile::tempdir().unwrap();
        let moved = elsewhere.path().join("product.toml.RX-3.edit.toml");
        fs::copy(&first, &moved).unwrap();
        assert!(!is_kept_edit(&product, "RX-3", &moved));
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
