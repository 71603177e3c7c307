//! Numbers, dates and choices given on the command line: one number syntax
//! (`85%`, `£4.20`, `1.35M`, `500K`, `12`, `-5`, `0.8`) on every command
//! that takes a number, and a bad value on the command line exits 2 on every
//! command (a bad value inside the file exits 3).

mod common;

use common::{product, read, refuses, scratch_text, stderr, stdout};

/// Scores on a free scale, key results and KPIs with and without a unit.
const FILE: &str = r#"version = 1

[product]
name = "Numbers"
key = "NU"

[[objectives]]
id = "O1"
title = "Grow"

[[objectives.key_results]]
id = "KR1"
title = "Completion"
unit = "%"
start = 60
target = 80

[[objectives.key_results]]
id = "KR2"
title = "Sign-ups"
start = 1000
target = 5000

[[kpis]]
id = "K1"
name = "Satisfaction"
unit = "%"
direction = "up"
target = 90
threshold = 80

[[kpis]]
id = "K2"
name = "Cost per transaction"
unit = "£"
direction = "down"
target = 1.5
threshold = 2.5

[[roadmap]]
id = "R1"
title = "Cards"
horizon = "now"

[[items]]
id = "NU-1"
title = "Pay by card"
kind = "feature"
status = "idea"

[[items]]
id = "NU-2"
title = "Receipts"
kind = "feature"
status = "idea"

[[items]]
id = "NU-3"
title = "Refunds"
kind = "feature"
status = "idea"
"#;

/// What a command given a value must do.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Succeed and store this number at this dotted path of the file.
    Stores(&'static str, f64),
    /// Succeed (a value that is not stored, such as a count to show).
    Succeeds,
    /// Exit with this code, write nothing and say so.
    Exits(i32),
}

use Expect::{Exits, Stores, Succeeds};

/// A command line with `{}` where the value goes, the value, and what must happen.
#[rustfmt::skip]
const CASES: &[(&str, &str, Expect)] = &[
    // The scoring flags, on every command that takes them.
    ("item score NU-1 --value {}", "40K", Stores("items.0.value", 40_000.0)),
    ("item score NU-1 --value {}", "85%", Stores("items.0.value", 85.0)),
    ("item score NU-1 --value {}", "abc", Exits(2)),
    ("item score NU-1 --time-criticality {}", "40K", Stores("items.0.time_criticality", 40_000.0)),
    ("item score NU-1 --time-criticality {}", "85%", Stores("items.0.time_criticality", 85.0)),
    ("item score NU-1 --time-criticality {}", "abc", Exits(2)),
    ("item score NU-1 --risk-reduction {}", "40K", Stores("items.0.risk_reduction", 40_000.0)),
    ("item score NU-1 --risk-reduction {}", "85%", Stores("items.0.risk_reduction", 85.0)),
    ("item score NU-1 --risk-reduction {}", "abc", Exits(2)),
    ("item score NU-1 --size {}", "40K", Stores("items.0.size", 40_000.0)),
    ("item score NU-1 --size {}", "85%", Stores("items.0.size", 85.0)),
    ("item score NU-1 --size {}", "abc", Exits(2)),
    ("item score NU-1 --size {}", "-5", Exits(2)),
    ("item score NU-1 --cost {}", "40K", Stores("items.0.cost", 40_000.0)),
    ("item score NU-1 --cost {}", "85%", Stores("items.0.cost", 85.0)),
    ("item score NU-1 --cost {}", "£4.20", Stores("items.0.cost", 4.2)),
    ("item score NU-1 --cost {}", "1.35M", Stores("items.0.cost", 1_350_000.0)),
    ("item score NU-1 --cost {}", "abc", Exits(2)),
    ("item score NU-1 --cost {}", "1,350", Exits(2)),
    ("item score NU-1 --reach {}", "40K", Stores("items.0.reach", 40_000.0)),
    ("item score NU-1 --reach {}", "85%", Stores("items.0.reach", 85.0)),
    ("item score NU-1 --reach {}", "500k", Stores("items.0.reach", 500_000.0)),
    ("item score NU-1 --reach {}", "abc", Exits(2)),
    ("item score NU-1 --reach {}", "12 users", Exits(2)),
    ("item score NU-1 --impact {}", "40K", Stores("items.0.impact", 40_000.0)),
    ("item score NU-1 --impact {}", "85%", Stores("items.0.impact", 85.0)),
    ("item score NU-1 --impact {}", "0.5", Stores("items.0.impact", 0.5)),
    ("item score NU-1 --impact {}", "abc", Exits(2)),
    ("item score NU-1 --confidence {}", "40K", Exits(2)),
    ("item score NU-1 --confidence {}", "85%", Stores("items.0.confidence", 85.0)),
    ("item score NU-1 --confidence {}", "80", Stores("items.0.confidence", 80.0)),
    ("item score NU-1 --confidence {}", "abc", Exits(2)),
    ("item score NU-1 --effort {}", "40K", Stores("items.0.effort", 40_000.0)),
    ("item score NU-1 --effort {}", "85%", Stores("items.0.effort", 85.0)),
    ("item score NU-1 --effort {}", "abc", Exits(2)),
    ("item add Invoices --reach {}", "40K", Stores("items.3.reach", 40_000.0)),
    ("item add Invoices --confidence {}", "85%", Stores("items.3.confidence", 85.0)),
    ("item add Invoices --size {}", "abc", Exits(2)),
    ("item edit NU-2 --reach {}", "40K", Stores("items.1.reach", 40_000.0)),
    ("item edit NU-2 --confidence {}", "85%", Stores("items.1.confidence", 85.0)),
    ("item edit NU-2 --effort {}", "abc", Exits(2)),
    // Key results: start, target, weight and check-ins.
    ("okr kr add O1 --title Revenue --start {} --target 90K", "40K", Stores("objectives.0.key_results.2.start", 40_000.0)),
    ("okr kr add O1 --title Share --unit % --start {} --target 90", "85%", Stores("objectives.0.key_results.2.start", 85.0)),
    ("okr kr add O1 --title Revenue --unit £ --start {} --target 90", "85%", Exits(2)),
    ("okr kr add O1 --title Revenue --start {} --target 90", "abc", Exits(2)),
    ("okr kr add O1 --title Revenue --start 1 --target {}", "40K", Stores("objectives.0.key_results.2.target", 40_000.0)),
    ("okr kr add O1 --title Share --unit % --start 1 --target {}", "85%", Stores("objectives.0.key_results.2.target", 85.0)),
    ("okr kr add O1 --title Revenue --start 1 --target {}", "abc", Exits(2)),
    ("okr kr add O1 --title Revenue --start 1 --target 2 --weight {}", "40K", Stores("objectives.0.key_results.2.weight", 40_000.0)),
    ("okr kr add O1 --title Revenue --start 1 --target 2 --weight {}", "85%", Stores("objectives.0.key_results.2.weight", 85.0)),
    ("okr kr add O1 --title Revenue --start 1 --target 2 --weight {}", "abc", Exits(2)),
    ("okr kr add O1 --title Revenue --start 1 --target 2 --weight {}", "-1", Exits(2)),
    ("okr kr add O1 --title Revenue --start {} --target 2", "2", Exits(2)),
    ("okr checkin O1.KR1 {}", "40K", Stores("objectives.0.key_results.0.current", 40_000.0)),
    ("okr checkin O1.KR1 {}", "85%", Stores("objectives.0.key_results.0.current", 85.0)),
    ("okr checkin O1.KR1 {}", "-5", Stores("objectives.0.key_results.0.current", -5.0)),
    ("okr checkin O1.KR1 {}", "abc", Exits(2)),
    ("okr checkin O1.KR1 {}", "£5", Exits(2)),
    ("okr checkin O1.KR2 {}", "4.2K", Stores("objectives.0.key_results.1.current", 4_200.0)),
    ("okr checkin O1.KR2 {}", "40K", Stores("objectives.0.key_results.1.current", 40_000.0)),
    ("okr checkin O1.KR2 {}", "abc", Exits(2)),
    ("okr kr edit O1.KR2 --start {}", "40K", Stores("objectives.0.key_results.1.start", 40_000.0)),
    ("okr kr edit O1.KR2 --target {}", "1.35M", Stores("objectives.0.key_results.1.target", 1_350_000.0)),
    ("okr kr edit O1.KR2 --target {}", "abc", Exits(2)),
    ("okr kr edit O1.KR1 --target {}", "£5", Exits(2)),
    ("okr kr edit O1.KR1 --target {}", "85%", Stores("objectives.0.key_results.0.target", 85.0)),
    ("okr kr edit O1.KR2 --weight {}", "2", Stores("objectives.0.key_results.1.weight", 2.0)),
    ("okr kr edit O1.KR2 --weight {}", "abc", Exits(2)),
    // KPIs: target, threshold and readings.
    ("kpi add --name Visits --unit % --direction up --target {}", "40K", Stores("kpis.2.target", 40_000.0)),
    ("kpi add --name Visits --unit % --direction up --target {}", "85%", Stores("kpis.2.target", 85.0)),
    ("kpi add --name Visits --unit % --direction up --target {}", "abc", Exits(2)),
    ("kpi add --name Visits --unit % --direction up --target 90 --threshold {}", "85%", Stores("kpis.2.threshold", 85.0)),
    ("kpi add --name Visits --unit % --direction up --target 90 --threshold {}", "abc", Exits(2)),
    ("kpi add --name Visits --unit % --direction up --target 90 --threshold {}", "95", Exits(2)),
    ("kpi edit K1 --target {}", "40K", Stores("kpis.0.target", 40_000.0)),
    ("kpi edit K1 --target {}", "85%", Stores("kpis.0.target", 85.0)),
    ("kpi edit K1 --target {}", "abc", Exits(2)),
    ("kpi edit K1 --threshold {}", "40K", Exits(2)),
    ("kpi edit K1 --threshold {}", "85%", Stores("kpis.0.threshold", 85.0)),
    ("kpi edit K1 --threshold {}", "abc", Exits(2)),
    ("kpi edit K2 --target {}", "£1.20", Stores("kpis.1.target", 1.2)),
    ("kpi record K1 {}", "40K", Stores("kpis.0.history.0.value", 40_000.0)),
    ("kpi record K1 {}", "85%", Stores("kpis.0.history.0.value", 85.0)),
    ("kpi record K1 {}", "abc", Exits(2)),
    ("kpi record K1 {}", "£5", Exits(2)),
    ("kpi record K2 {}", "£1.94", Stores("kpis.1.history.0.value", 1.94)),
    ("kpi record K2 {}", "-£2", Stores("kpis.1.history.0.value", -2.0)),
    // Counts and positions: whole numbers, with K and M.
    ("rank --limit {}", "40K", Succeeds),
    ("rank --limit {}", "2", Succeeds),
    ("rank --limit {}", "85%", Exits(2)),
    ("rank --limit {}", "abc", Exits(2)),
    ("rank --limit {}", "5.5", Exits(2)),
    ("item move NU-3 --to {}", "1", Succeeds),
    ("item move NU-3 --to {}", "85%", Exits(2)),
    ("item move NU-3 --to {}", "abc", Exits(2)),
    ("item move NU-3 --to {}", "1.5", Exits(2)),
    ("merge --marker-size {} product.toml product.toml product.toml", "12", Succeeds),
    ("merge --marker-size {} product.toml product.toml product.toml", "40K", Exits(2)),
    ("merge --marker-size {} product.toml product.toml product.toml", "85%", Exits(2)),
    ("merge --marker-size {} product.toml product.toml product.toml", "abc", Exits(2)),
    // Dates.
    ("okr checkin O1.KR1 70 --date {}", "2026-02-30", Exits(2)),
    ("okr checkin O1.KR1 70 --date {}", "2027-01-01", Exits(2)),
    ("kpi record K1 70 --date {}", "23/11/2026", Exits(2)),
    ("kpi record K1 70 --date {}", "2027-01-01", Exits(2)),
    ("roadmap edit R1 --date-reason Contract --date {}", "2026-13-01", Exits(2)),
    ("roadmap add --title Later --horizon later --date-reason Contract --date {}", "2027-02-30", Exits(2)),
    ("okr add --title Grow --start {}", "2026-1-1", Exits(2)),
    ("okr add --title Grow --quarter {}", "2027-Q5", Exits(2)),
    ("decisions --since {}", "yesterday", Exits(2)),
    // Choices.
    ("item add Invoices --kind {}", "widget", Exits(2)),
    ("item score NU-1 --moscow {}", "maybe", Exits(2)),
    ("item list --status {}", "finished", Exits(2)),
    ("kpi add --name Visits --unit % --target 90 --direction {}", "sideways", Exits(2)),
    ("kpi edit K1 --cadence {}", "yearly", Exits(2)),
    ("roadmap add --title Later --horizon {}", "soon", Exits(2)),
    ("rank --by {}", "nonsense", Exits(2)),
    ("decide --summary Chosen --kind {}", "whim", Exits(2)),
];

/// The number at a dotted path (`items.0.reach`) of a TOML table.
fn number_at(table: &toml::Table, path: &str) -> Option<f64> {
    let mut value = toml::Value::Table(table.clone());
    for key in path.split('.') {
        value = match key.parse::<usize>() {
            Ok(i) => value.as_array()?.get(i)?.clone(),
            Err(_) => value.as_table()?.get(key)?.clone(),
        };
    }
    value
        .as_float()
        .or_else(|| value.as_integer().map(|i| i as f64))
}

/// The command line of a case: its words, the value in place of `{}`.
fn args(line: &str, value: &str) -> Vec<String> {
    line.split(' ').map(|w| w.replace("{}", value)).collect()
}

fn run_case(line: &str, value: &str, expect: Expect) {
    let (dir, path) = scratch_text(FILE, "product.toml");
    let args = args(line, value);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let shown = format!("{line} <- {value}");
    match expect {
        Exits(code) => {
            let e = refuses(code, dir.path(), &path, &argv, &[]);
            assert!(
                e["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{shown}: {e}"
            );
        }
        Succeeds | Stores(..) => {
            let out = product(dir.path())
                .args(&argv)
                .env("PRODUCT_AS", "Ada Byrne")
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{shown}\n{}{}",
                stdout(&out),
                stderr(&out)
            );
            if let Stores(at, want) = expect {
                let got = number_at(&read(&path), at);
                assert_eq!(got, Some(want), "{shown}: {at}\n{}", common::text(&path));
            }
        }
    }
}

#[test]
fn every_numeric_flag_takes_one_number_syntax_and_a_bad_value_exits_2() {
    // Every case runs, and all that fail are listed together.
    let failed: Vec<String> = CASES
        .iter()
        .filter_map(|&(line, value, expect)| {
            std::panic::catch_unwind(|| run_case(line, value, expect))
                .err()
                .map(|_| format!("{line} <- {value}: expected {expect:?}"))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} cases failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn a_bad_number_inside_the_file_exits_3() {
    let text = FILE.replace(
        "id = \"NU-3\"\ntitle = \"Refunds\"",
        "id = \"NU-3\"\ntitle = \"Refunds\"\nsize = \"abc\"",
    );
    let (dir, path) = scratch_text(&text, "product.toml");
    let e = refuses(3, dir.path(), &path, &["item", "list"], &["size"]);
    assert_eq!(e["code"], "file_invalid");
}

#[test]
fn a_value_in_another_unit_says_which_unit_is_expected() {
    let (dir, path) = scratch_text(FILE, "product.toml");
    let e = refuses(
        2,
        dir.path(),
        &path,
        &["kpi", "record", "K1", "£5"],
        &["K1", "£5", "%"],
    );
    assert_eq!(e["code"], "invalid_value");
    refuses(
        2,
        dir.path(),
        &path,
        &["okr", "checkin", "O1.KR1", "abc"],
        &["`abc` is not a number", "1.35M"],
    );
}

#[test]
fn a_count_given_as_a_fraction_or_a_percentage_is_refused_with_a_clear_message() {
    let (dir, path) = scratch_text(FILE, "product.toml");
    refuses(
        2,
        dir.path(),
        &path,
        &["rank", "--limit", "5.5"],
        &["--limit", "5.5", "whole number"],
    );
    refuses(
        2,
        dir.path(),
        &path,
        &["rank", "--limit", "85%"],
        &["--limit", "85%", "whole number"],
    );
    // A size on a scale is judged by the scale's rule, whatever its syntax.
    let fibonacci = FILE.replace(
        "[[objectives]]",
        "[scoring]\nscale = \"fibonacci\"\n\n[[objectives]]",
    );
    let (dir, path) = scratch_text(&fibonacci, "product.toml");
    for size in ["5.5", "1K"] {
        refuses(
            2,
            dir.path(),
            &path,
            &["item", "score", "NU-1", "--size", size],
            &[
                "--size",
                "not on the fibonacci scale",
                "1, 2, 3, 5, 8, 13, 20",
            ],
        );
    }
}

#[test]
fn negative_values_are_read_as_numbers_not_flags() {
    let (dir, path) = scratch_text(FILE, "product.toml");
    let out = product(dir.path())
        .args([
            "okr", "kr", "add", "O1", "--title", "Churn", "--start", "-5", "--target", "-1.5K",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = read(&path);
    assert_eq!(
        number_at(&file, "objectives.0.key_results.2.start"),
        Some(-5.0)
    );
    assert_eq!(
        number_at(&file, "objectives.0.key_results.2.target"),
        Some(-1500.0)
    );
}

/// A command's `--json` output, which must succeed.
fn json_of(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = product(dir).args(args).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_confidence_written_as_a_fraction_is_warned_about_on_every_scoring_command() {
    const WARNING: &str = "confidence 0.8 is read as 0.8 %; did you mean 80%?";
    for args in [
        &["item", "score", "NU-1", "--confidence", "0.8"][..],
        &["item", "add", "Invoices", "--confidence", "0.8"],
        &["item", "edit", "NU-2", "--confidence", "0.8"],
    ] {
        let (dir, _) = scratch_text(FILE, "product.toml");
        let out = product(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("warning: {WARNING}")),
            "{args:?}: {}",
            stdout(&out)
        );
        let (dir, _) = scratch_text(FILE, "product.toml");
        let v = json_of(dir.path(), args);
        assert_eq!(
            v["warnings"],
            serde_json::json!([WARNING]),
            "{args:?}: {v:#}"
        );
    }
    // As a percentage, it is what was meant.
    let (dir, path) = scratch_text(FILE, "product.toml");
    let v = json_of(
        dir.path(),
        &["item", "score", "NU-1", "--confidence", "80%"],
    );
    assert!(v.get("warnings").is_none(), "{v:#}");
    assert_eq!(number_at(&read(&path), "items.0.confidence"), Some(80.0));
}

#[test]
fn a_percentage_outside_0_to_100_is_recorded_with_a_warning() {
    for (args, what) in [
        (&["kpi", "record", "K1", "1.35M"][..], "K1: 1350000%"),
        (&["okr", "checkin", "O1.KR1", "120%"], "O1.KR1: 120%"),
        (&["okr", "checkin", "O1.KR1", "-5"], "O1.KR1: -5%"),
        (
            &[
                "kpi",
                "add",
                "--name",
                "Visits",
                "--unit",
                "%",
                "--direction",
                "up",
                "--target",
                "120",
            ],
            "K3 target: 120%",
        ),
        (
            &["kpi", "edit", "K1", "--threshold", "-5%"],
            "K1 threshold: -5%",
        ),
        (
            &[
                "okr", "kr", "add", "O1", "--title", "Share", "--unit", "%", "--start", "50",
                "--target", "150",
            ],
            "O1.KR3 target: 150%",
        ),
    ] {
        let warning = format!(
            "{what} is outside 0 to 100%; check the value (or the unit, if it is not a share of a whole)"
        );
        let (dir, _) = scratch_text(FILE, "product.toml");
        let out = product(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("warning: {warning}")),
            "{args:?}: {}",
            stdout(&out)
        );
        let (dir, _) = scratch_text(FILE, "product.toml");
        let v = json_of(dir.path(), args);
        assert_eq!(
            v["warnings"],
            serde_json::json!([warning]),
            "{args:?}: {v:#}"
        );
    }
    // Another unit, or a share in range, says nothing.
    let (dir, _) = scratch_text(FILE, "product.toml");
    for args in [
        &["kpi", "record", "K2", "£150"][..],
        &["kpi", "record", "K1", "85%"],
    ] {
        let v = json_of(dir.path(), args);
        assert!(v.get("warnings").is_none(), "{args:?}: {v:#}");
    }
}
