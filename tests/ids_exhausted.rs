//! Running out of id numbers is a clear error, never a wrapped, repeated
//! or over-long id; and no change writes a file the loader would refuse.

mod common;

use std::time::Duration;

use common::{TODAY, product, refuses, scratch_text};
use productfile::error::ErrorCode;
use productfile::model::Item;
use productfile::ops::{Actor, Transaction};

/// A file whose every kind of id is at its last number.
const AT_THE_END: &str = r#"version = 1

[product]
name = "P"
key = "RT"

[[items]]
id = "RT-999999999999999999"
title = "last"
kind = "feature"
status = "idea"

[[kpis]]
id = "K18446744073709551615"
name = "k"
unit = "%"
direction = "up"
target = 90
threshold = 80

[[objectives]]
id = "O18446744073709551615"
title = "o"

[[objectives.key_results]]
id = "KR18446744073709551615"
title = "kr"
start = 0
target = 10

[[roadmap]]
id = "R18446744073709551615"
title = "r"
horizon = "now"

[[decisions]]
id = "D18446744073709551615"
date = 2026-01-01
kind = "scope"
summary = "s"
decided_by = "A"
"#;

#[test]
fn every_kind_of_id_runs_out_with_a_clear_error_and_the_file_untouched() {
    let (dir, path) = scratch_text(AT_THE_END, "p.toml");
    std::fs::write(dir.path().join("in.csv"), "title\nnew one\n").unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["decide", "--kind", "scope", "--summary", "x", "--as", "A"],
            "decision",
        ),
        (
            &[
                "kpi",
                "add",
                "--name",
                "k2",
                "--unit",
                "%",
                "--direction",
                "up",
                "--target",
                "9",
                "--threshold",
                "8",
            ],
            "KPI",
        ),
        (&["okr", "add", "--title", "o2"], "objective"),
        (
            &[
                "okr",
                "kr",
                "add",
                "O18446744073709551615",
                "--title",
                "kr2",
                "--start",
                "0",
                "--target",
                "5",
            ],
            "key result",
        ),
        (
            &["roadmap", "add", "--title", "r2", "--horizon", "now"],
            "roadmap",
        ),
        (&["import", "csv", "in.csv"], "item"),
        (&["item", "add", "t"], "item"),
    ];
    for (args, what) in cases {
        let mut all = vec!["-f", "p.toml"];
        all.extend_from_slice(args);
        let e = refuses(3, dir.path(), &path, &all, &[what, "no ", "left"]);
        assert_eq!(e["code"], "ids_exhausted", "{all:?}: {e}");
    }
}

#[test]
fn a_change_logged_after_the_last_decision_number_is_refused() {
    // The decision `--why` logs would need a number that is not there.
    let (dir, path) = scratch_text(AT_THE_END, "p.toml");
    let e = refuses(
        3,
        dir.path(),
        &path,
        &[
            "-f",
            "p.toml",
            "item",
            "edit",
            "RT-999999999999999999",
            "--title",
            "x",
            "--why",
            "because",
            "--as",
            "A",
        ],
        &["decision", "left"],
    );
    assert_eq!(e["code"], "ids_exhausted", "{e}");
}

#[test]
fn a_change_that_would_make_the_file_unloadable_is_refused_untouched() {
    let (dir, path) = scratch_text(AT_THE_END, "p.toml");
    let before = std::fs::read(&path).unwrap();
    let today = TODAY.parse().unwrap();
    let mut tx = Transaction::open(&path, Duration::from_secs(30), today).unwrap();
    // Two items of one id: the loader refuses such a file.
    let twin = tx.product().items[0].clone();
    tx.product_mut().items.push(twin);
    let e = match tx.commit(&Actor::nobody()) {
        Err(e) => e,
        Ok(_) => panic!("an unloadable product was written"),
    };
    assert_eq!(e.code, ErrorCode::FileInvalid, "{e:?}");
    assert!(e.message.contains("p.toml"), "{}", e.message);
    assert!(e.message.contains("refused"), "{}", e.message);
    assert!(
        e.problems
            .iter()
            .any(|p| p.path.contains("RT-999999999999999999")),
        "{e:?}"
    );
    assert!(e.hint.is_some());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // And a good change still saves.
    let mut tx = Transaction::open(&path, Duration::from_secs(30), today).unwrap();
    tx.product_mut().items.push(Item::new(
        "RT-5".into(),
        "fine".into(),
        productfile::model::Kind::Bug,
        today,
    ));
    assert!(tx.commit(&Actor::nobody()).unwrap().written);
    let out = product(dir.path())
        .args(["-f", "p.toml", "check"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(3), "{out:?}");
}
