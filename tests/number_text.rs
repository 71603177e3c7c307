//! A number an edit does not touch keeps its text, byte for byte: in a JSON
//! file `123456789012345678901234567890` stays that (not
//! `1.2345678901234568e+29`) and `4.4e62` stays `4.4e62`, in a key the model
//! does not know and in the model's own number fields alike. TOML too.

mod common;

use std::time::Duration;

use proptest::prelude::*;

use common::{ok, repo, scratch_text, text};
use productfile::model::Date;
use productfile::ops::item::{self, AddItem};
use productfile::ops::{Actor, Transaction};

/// The bundled JSON example with odd numbers in an unknown key, a key
/// result's reading, a KPI's reading and an item's fields.
fn json_with_odd_numbers() -> String {
    let example = text(&repo("examples/product.json"));
    let edits = [
        (
            "\"version\": 1,",
            "\"version\": 1,\n  \"x-big\": 123456789012345678901234567890,\n  \"x-sci\": 4.4e62,\n  \"x-upper\": 1E2,\n  \"x-minus-zero\": -0,\n  \"x-zeros\": 0.10,\n  \"x-small\": 1e-7,",
        ),
        ("\"value\": 66.5", "\"value\": 4.4e62"),
        ("\"value\": 2.62", "\"value\": 2.620"),
        (
            "\"cost\": 24000.0",
            "\"cost\": 123456789012345678901234567890",
        ),
        ("\"reach\": 9000.0", "\"reach\": 9E3"),
    ];
    let mut out = example.clone();
    for (from, to) in edits {
        assert!(out.contains(from), "the example has {from}");
        out = out.replacen(from, to, 1);
    }
    out
}

/// The texts that must come through an unrelated edit unchanged.
const KEPT: [&str; 12] = [
    "\"x-big\": 123456789012345678901234567890,",
    "\"x-sci\": 4.4e62,",
    "\"x-upper\": 1E2,",
    "\"x-minus-zero\": -0,",
    "\"x-zeros\": 0.10,",
    "\"x-small\": 1e-7,",
    "\"value\": 4.4e62",
    "\"value\": 2.620",
    "\"cost\": 123456789012345678901234567890",
    "\"reach\": 9E3",
    // What the example already had.
    "\"value\": 64.0",
    "\"start\": 4200.0",
];

fn assert_kept(before: &str, after: &str) {
    assert_ne!(before, after, "the edit changed the file");
    for kept in KEPT {
        assert!(before.contains(kept), "the fixture has {kept}");
        assert!(after.contains(kept), "{kept} is not in:\n{after}");
    }
    assert!(!after.contains("e+"), "{after}");
}

#[test]
fn json_numbers_keep_their_text_through_item_add() {
    let before = json_with_odd_numbers();
    let (dir, path) = scratch_text(&before, "product.json");
    ok(
        dir.path(),
        &["--as", "Helen Marsh", "item", "add", "Refund a payment"],
    );
    let after = text(&path);
    assert!(after.contains("Refund a payment"));
    assert_kept(&before, &after);
}

#[test]
fn json_numbers_keep_their_text_through_an_edit_of_another_item() {
    let before = json_with_odd_numbers();
    let (dir, path) = scratch_text(&before, "product.json");
    ok(
        dir.path(),
        &[
            "--as",
            "Helen Marsh",
            "item",
            "edit",
            "RX-7",
            "--title",
            "Emails are retried",
        ],
    );
    let after = text(&path);
    assert!(after.contains("Emails are retried"));
    assert_kept(&before, &after);
    // Only the item edited changed: every other line is as it was.
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(b, a)| b != a)
        .collect();
    assert_eq!(changed.len(), 2, "{changed:#?}");
}

#[test]
fn a_changed_number_is_written_in_the_usual_form() {
    let before = json_with_odd_numbers();
    let (dir, path) = scratch_text(&before, "product.json");
    ok(
        dir.path(),
        &[
            "--as",
            "Helen Marsh",
            "item",
            "edit",
            "RX-3",
            "--reach",
            "12000",
            "--impact",
            "0.5",
        ],
    );
    let after = text(&path);
    assert!(after.contains("\"reach\": 12000"), "{after}");
    assert!(after.contains("\"impact\": 0.5"), "{after}");
    assert!(after.contains("\"cost\": 123456789012345678901234567890"));
    assert!(after.contains("\"x-sci\": 4.4e62"));
}

#[test]
fn toml_numbers_keep_their_text_through_item_add() {
    let example = text(&repo("examples/product.toml"));
    let before = example
        .replacen(
            "version = 1\n",
            "version = 1\nx-big = 1.2345678901234567890123456789e29\nx-sci = 4.4e62\nx-list = [1E2, -0, 0.10, 1e-7, 9_000]\n",
            1,
        )
        .replacen("value = 66.5", "value = 4.4e62", 1)
        .replacen("value = 103.0", "value = 1_03.0E0", 1);
    assert_ne!(before, example);
    let (dir, path) = scratch_text(&before, "product.toml");
    ok(
        dir.path(),
        &["--as", "Helen Marsh", "item", "add", "Refund a payment"],
    );
    ok(
        dir.path(),
        &[
            "--as",
            "Helen Marsh",
            "item",
            "edit",
            "RX-7",
            "--title",
            "Emails are retried",
        ],
    );
    let after = text(&path);
    assert!(after.contains("Refund a payment") && after.contains("Emails are retried"));
    for kept in [
        "x-big = 1.2345678901234567890123456789e29\n",
        "x-sci = 4.4e62\n",
        "x-list = [1E2, -0, 0.10, 1e-7, 9_000]\n",
        "value = 4.4e62 }",
        "value = 1_03.0E0 }",
    ] {
        assert!(after.contains(kept), "{kept} is not in:\n{after}");
    }
}

/// A finite number in one of the textual forms JSON allows.
fn number_text() -> impl Strategy<Value = String> {
    let digits = "[1-9][0-9]{0,30}|0";
    prop_oneof![
        // Integers of any size, with or without a sign.
        ("-?", digits).prop_map(|(sign, d)| format!("{sign}{d}")),
        // Fractions, with trailing zeros kept.
        ("-?", digits, "[0-9]{1,20}").prop_map(|(s, d, f)| format!("{s}{d}.{f}")),
        // Exponents: e or E, with or without a sign, leading zeros allowed.
        ("-?", digits, "(\\.[0-9]{1,8})?", "[eE][+-]?[0-9]{1,3}")
            .prop_map(|(s, d, f, e)| format!("{s}{d}{f}{e}"))
            .prop_filter("finite", |t| t.parse::<f64>().is_ok_and(f64::is_finite)),
        // What a float prints as, in Rust's and in scientific form.
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any number, written any way, in a key the model does not know comes
    /// through an unrelated edit with its text unchanged.
    #[test]
    fn an_unknown_keys_numbers_keep_their_text(numbers in prop::collection::vec(number_text(), 1..6)) {
        // Laid out as the writer lays a file out, one entry a line.
        let lines: Vec<String> = numbers
            .iter()
            .enumerate()
            .map(|(i, n)| format!("\n  \"x-{i}\": {n},"))
            .collect();
        let list: String = numbers.iter().map(|n| format!("\n    {n}")).collect::<Vec<_>>().join(",");
        let example = text(&repo("examples/product.json"));
        let before = example.replacen(
            "\"version\": 1,",
            &format!("\"version\": 1,{}\n  \"x-list\": [{list}\n  ],", lines.concat()),
            1,
        );
        let (_dir, path) = scratch_text(&before, "product.json");
        let today = Date::from_ymd(2026, 11, 23).unwrap();
        let mut tx = Transaction::open(&path, Duration::from_secs(30), today).unwrap();
        let new_item = AddItem { title: "Refund a payment".into(), ..AddItem::default() };
        tx.apply(|product, today| item::add(product, today, &new_item)).unwrap();
        tx.commit(&Actor::named("Helen Marsh")).unwrap();
        let after = text(&path);
        prop_assert!(after.contains("Refund a payment"));
        let head = &before[..before.find("\"product\":").unwrap()];
        prop_assert!(after.starts_with(head), "{head}\nis not the start of\n{after}");
    }
}
