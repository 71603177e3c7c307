//! Any bytes as a CSV to `import csv`: `Csv::read` (with default options,
//! then again with `--map`, `--status-map` and `--priority-map` options built
//! from the CSV's own headers) and `ops::import::csv` into a small fixed
//! product (TOML for the first run, JSON for the second), as the command
//! does with `--skip-invalid`. The imported product must pass
//! `model::validate` (else the command would write a file that no longer
//! loads), `Edit::save` must write it, and the file must read back as the
//! imported product; `export` of the result must not panic either.
//! Any panic, in the library or in these checks, is a finding.

#![no_main]

mod common;

use std::fs;

use libfuzzer_sys::fuzz_target;
use productfile::interchange::{self, Csv, ImportOptions, ReadError};
use productfile::model::{self, Moscow, Status};
use productfile::ops::import::{self, ImportCsv};
use productfile::store::{self, Edit};

/// The product imported into: an item keyed by a source, one without, one
/// done; comments and an unknown key that the writer must keep.
const PRODUCT_TOML: &str = r#"# The product a CSV is imported into.
version = 1

[product]
name = "Fuzz"
key = "DM"
owner = "Ann"
mascot = "an unknown key"

[[people]]
name = "Ann"
roles = ["owner"]

[[items]]  # keyed by the tracker's id
id = "DM-1"
title = "Sign in"
kind = "feature"
status = "ready"
source = "JIRA-4"
value = 8
size = 3

[[items]]
id = "DM-2"
title = "Export"
kind = "bug"
status = "idea"
tags = ["io"]

[[items]]
id = "DM-3"
title = "Old thing"
kind = "debt"
status = "done"
done_on = 2026-12-01
"#;

const PRODUCT_JSON: &str = r#"{
  "version": 1,
  "product": { "name": "Fuzz", "key": "DM", "owner": "Ann", "mascot": "an unknown key" },
  "people": [ { "name": "Ann", "roles": ["owner"] } ],
  "items": [
    { "id": "DM-1", "title": "Sign in", "kind": "feature", "status": "ready", "source": "JIRA-4", "value": 8, "size": 3 },
    { "id": "DM-2", "title": "Export", "kind": "bug", "status": "idea", "tags": ["io"] },
    { "id": "DM-3", "title": "Old thing", "kind": "debt", "status": "done", "done_on": "2026-12-01" }
  ]
}
"#;

/// The second run's options: the CSV's first column read as the title,
/// its second as the source key, and a few status and priority names.
fn mapped(headers: &[String]) -> ImportOptions {
    let mut map = Vec::new();
    if let Some(first) = headers.first() {
        map.push(format!("title={first}"));
    }
    if let Some(second) = headers.get(1) {
        map.push(format!("source={second}"));
    }
    map.push("created=".to_owned());
    ImportOptions {
        map,
        status_map: vec![
            ("In Review".to_owned(), Status::Doing),
            ("Closed".to_owned(), Status::Done),
        ],
        priority_map: vec![
            ("P1".to_owned(), Some(Moscow::Must)),
            ("Lowest".to_owned(), None),
        ],
        delimiter: None,
    }
}

/// Imports the CSV into the fixed product `name`, saves, and reads back.
fn import_into(name: &str, text: &str, data: &[u8], options: &ImportOptions) {
    let Ok(csv) = ImportCsv::read("fuzz.csv", data, options, true) else {
        return;
    };
    let path = common::put(name, text.as_bytes());
    let (mut product, mut edit) = Edit::open(&path, common::NO_WAIT).expect("the fixed product opens");
    let outcome = import::csv(&mut product, common::today(), &csv)
        .unwrap_or_else(|e| panic!("{name}: an import skipping invalid rows fails: {e}"));
    let _ = interchange::export(&product, &product.items);
    let problems = model::validate(&product);
    assert!(
        problems.is_empty(),
        "{name}: the import leaves a product that does not validate: {problems:#?}\noutcome: created {:?} updated {:?} problems {:?}",
        outcome.created,
        outcome.updated,
        outcome.skipped
    );
    let before = edit.before().clone();
    let wrote = edit
        .save(&product)
        .unwrap_or_else(|e| panic!("{name}: saving the import: {e}"));
    assert!(
        wrote == (product != before),
        "{name}: save wrote {wrote}, product changed {}",
        product != before
    );
    let written = fs::read(&path).expect("the file");
    let reread = match store::load(&path) {
        Ok(p) => p,
        Err(e) => panic!(
            "{name}: the file written by the import does not load: {e}\n--- written ---\n{}",
            String::from_utf8_lossy(&written)
        ),
    };
    assert!(
        reread == product,
        "{name}: the file written reads back as another product\n--- written ---\n{}\n--- imported ---\n{product:#?}\n--- read back ---\n{reread:#?}",
        String::from_utf8_lossy(&written)
    );
}

fuzz_target!(|data: &[u8]| {
    let defaults = ImportOptions::default();
    let headers = match Csv::read(data, &defaults) {
        Ok(csv) => Some(csv.headers.clone()),
        Err(ReadError::NoTitle { headers }) => Some(headers),
        Err(_) => None,
    };
    import_into("product.toml", PRODUCT_TOML, data, &defaults);
    if let Some(headers) = headers {
        import_into("product.json", PRODUCT_JSON, data, &mapped(&headers));
    }
});
