//! How much memory a large CSV import, and the next edit of the file it
//! made, hold at their peak: counted by this test's own allocator, so the
//! figures are exact and the same on every machine. The bounds are
//! multiples of the input (the CSV, or a plain `toml_edit` parse and print
//! of the TOML file written), generous enough for allocator differences
//! and tight enough that a copy of the whole product or document shows.
//!
//! One test in this file: the allocator counts every thread of the process.

use std::path::Path;
use std::time::Duration;

use peak_alloc::PeakAlloc;
use productfile::interchange::ImportOptions;
use productfile::model::Date;
use productfile::ops::import::ImportCsv;
use productfile::ops::item::AddItem;
use productfile::ops::{self, Actor, Transaction};

// The system allocator, counting the bytes live now and at most (a
// reallocation counts the new block before the old one is freed).
#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// The most bytes live while `f` runs, above what was live when it started.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let out = f();
    (out, ALLOCATOR.peak_usage() - start)
}

const ROWS: usize = 20_000;
const OWNER: &str = "Ada Byrne";

/// `ROWS` rows as a Jira export names the columns: about 16 bytes a row.
fn big_csv() -> String {
    let labels = ["ui", "api", "db", "ops", "web", "qa"];
    let sizes = [1, 2, 3, 5, 8, 13];
    let mut csv = String::from("Summary,Labels,Story Points\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "Fix {i},{},{}\n",
            labels[i % labels.len()],
            sizes[i % sizes.len()]
        ));
    }
    csv
}

fn today() -> Date {
    Date::from_ymd(2026, 11, 20).unwrap()
}

/// Imports the CSV into the file as `product import csv` does: the CSV
/// read, the file opened, changed and saved.
fn import(file: &Path, csv: &str) -> usize {
    let opts = ImportCsv::read("big.csv", csv.as_bytes(), &ImportOptions::default(), false)
        .expect("the CSV reads");
    let mut tx = Transaction::open(file, Duration::from_secs(5), today()).expect("the file opens");
    let report = tx
        .apply(move |p, d| ops::import::csv(p, d, &opts))
        .expect("every row imports");
    let committed = tx.commit(&Actor::named(OWNER)).expect("the owner may");
    assert!(committed.written);
    report.created.len()
}

/// Adds one item, as `product item add x` does.
fn add_one(file: &Path) {
    let mut tx = Transaction::open(file, Duration::from_secs(5), today()).expect("the file opens");
    let add = AddItem {
        title: "x".into(),
        ..AddItem::default()
    };
    tx.apply(|p, d| ops::item::add(p, d, &add))
        .expect("the item adds");
    assert!(
        tx.commit(&Actor::named(OWNER))
            .expect("the owner may")
            .written
    );
}

/// A plain `toml_edit` parse of the file and print of it: the floor any
/// format-keeping edit of a TOML file stands on.
fn toml_edit_floor(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    let ((), peak) = peak_of(|| {
        let doc: toml_edit::DocumentMut = text.parse().unwrap();
        let printed = doc.to_string();
        assert_eq!(printed.len(), text.len());
    });
    peak
}

#[test]
fn a_large_import_and_the_next_edit_hold_a_bounded_multiple_of_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let csv = big_csv();
    let mb = |bytes: usize| bytes as f64 / 1e6;
    for (name, text) in [
        (
            "product.json",
            format!(
                "{{\n  \"version\": 1,\n  \"product\": {{\n    \"name\": \"Big\",\n    \"key\": \"BG\",\n    \"owner\": \"{OWNER}\"\n  }},\n  \"people\": [\n    {{\n      \"name\": \"{OWNER}\",\n      \"roles\": [\n        \"owner\"\n      ]\n    }}\n  ]\n}}\n"
            ),
        ),
        (
            "product.toml",
            format!(
                "# Big\nversion = 1\n\n[product]\nname = \"Big\"\nkey = \"BG\"\nowner = \"{OWNER}\"\n\n[[people]]\nname = \"{OWNER}\"\nroles = [\"owner\"]\n"
            ),
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let (created, imported) = peak_of(|| import(&file, &csv));
        assert_eq!(created, ROWS);
        let ((), edited) = peak_of(|| add_one(&file));
        let written = std::fs::metadata(&file).unwrap().len() as usize;
        let floor = toml_edit_floor_if(name, &file);
        eprintln!(
            "{name}: CSV {:.2} MB, file {:.2} MB; import peak {:.1} MB ({:.1}x CSV), next edit {:.1} MB ({:.1}x CSV){}",
            mb(csv.len()),
            mb(written),
            mb(imported),
            imported as f64 / csv.len() as f64,
            mb(edited),
            edited as f64 / csv.len() as f64,
            floor.map_or(String::new(), |f| format!(
                "; toml_edit parse and print {:.1} MB (import {:.2}x, edit {:.2}x)",
                mb(f),
                imported as f64 / f as f64,
                edited as f64 / f as f64
            )),
        );
        match floor {
            // TOML: within 1.2 times what toml_edit alone needs for the file.
            Some(floor) => {
                assert!(
                    imported * 10 <= floor * 12,
                    "{name}: the import peaked at {imported} bytes, over 1.2x toml_edit's {floor}"
                );
                assert!(
                    edited * 10 <= floor * 12,
                    "{name}: the next edit peaked at {edited} bytes, over 1.2x toml_edit's {floor}"
                );
            }
            // JSON: the backlog is never a tree as well as the model on import,
            // and the model is read into room for it at once.
            None => {
                for (what, peak, bound) in [
                    ("import", imported, JSON_IMPORT_BOUND),
                    ("next edit", edited, JSON_EDIT_BOUND),
                ] {
                    assert!(
                        peak <= bound * csv.len(),
                        "{name}: the {what} peaked at {peak} bytes, over {bound}x the CSV's {}",
                        csv.len()
                    );
                }
            }
        }
    }
}

/// The bounds on a JSON import and the next edit, as multiples of the
/// CSV's size. Far above 15: each item of the model takes 536 bytes
/// where its CSV row takes 16, and an edit holds the file's tree
/// (`serde_json::Value`, ten times the file's text) beside the model as
/// read and as changed (README, "Performance").
const JSON_IMPORT_BOUND: usize = 120;
const JSON_EDIT_BOUND: usize = 235;

fn toml_edit_floor_if(name: &str, file: &Path) -> Option<usize> {
    name.ends_with(".toml").then(|| toml_edit_floor(file))
}
