//! Objectives, key results and KPIs, run as a product owner would: the
//! figures each command computes, what it writes to the file, and how it
//! refuses bad input.

mod common;

use std::path::Path;

use common::{has_row, ok, ok_json, product, read, refuses, scratch_text, stderr, stdout, text};
use serde_json::Value;

/// A product with a backlog and no goals yet.
const BACKLOG: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[items]]
id = "LC-1"
title = "Join online"
kind = "feature"
status = "ready"
size = 5

[[items]]
id = "LC-2"
title = "Renew a card"
kind = "feature"
status = "idea"
"#;

/// Two objectives with key results, two KPIs and a backlog item linked to a key result.
const GOALS: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[objectives]]
id = "O1"
title = "Joining takes five minutes"
start = 2026-10-01
end = 2026-12-31
commitment = "committed"

[[objectives.key_results]]
id = "KR1"
title = "Online joins completed"
unit = "%"
start = 40.0
target = 80.0
current = 52.0
history = [{ date = 2026-11-01, value = 52.0 }]

[[objectives.key_results]]
id = "KR2"
title = "Minutes to join"
start = 20.0
target = 5.0

[[objectives]]
id = "O2"
title = "Every branch takes cards"

[[objectives.key_results]]
id = "KR1"
title = "Branches taking cards"
start = 0.0
target = 12.0

[[kpis]]
id = "K1"
name = "User satisfaction"
unit = "%"
direction = "up"
target = 90.0
threshold = 80.0
history = [{ date = 2026-11-01, value = 84.0 }]

[[kpis]]
id = "K2"
name = "Cost per join"
unit = "£"
direction = "down"
target = 2.0

[[items]]
id = "LC-1"
title = "Join online"
kind = "feature"
status = "ready"
key_results = ["O1.KR1"]
"#;

// ---------------------------------------------------------------- helpers

/// The objective with this id in the file.
fn objective(path: &Path, id: &str) -> toml::Table {
    read(path)["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no {id} in the file"))
        .as_table()
        .unwrap()
        .clone()
}

/// The key result `O1.KR1` in the file.
fn key_result(path: &Path, reference: &str) -> toml::Table {
    let (o, kr) = reference.split_once('.').unwrap();
    objective(path, o)["key_results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"].as_str() == Some(kr))
        .unwrap_or_else(|| panic!("no {reference} in the file"))
        .as_table()
        .unwrap()
        .clone()
}

fn kpi(path: &Path, id: &str) -> toml::Table {
    read(path)["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no {id} in the file"))
        .as_table()
        .unwrap()
        .clone()
}

/// A number in the file, integer or float.
fn num(v: &toml::Value) -> f64 {
    match v {
        toml::Value::Integer(i) => *i as f64,
        toml::Value::Float(f) => *f,
        other => panic!("not a number: {other}"),
    }
}

/// A history in the file as (date, value) pairs.
fn history(v: &toml::Value) -> Vec<(String, f64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["date"].to_string(), num(&r["value"])))
        .collect()
}

/// A JSON history as (date, value) pairs.
fn json_history(v: &Value) -> Vec<(String, f64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["date"].as_str().unwrap().to_owned(), f(&r["value"])))
        .collect()
}

fn pairs(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(d, v)| ((*d).to_owned(), *v)).collect()
}

fn f(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("not a number in the JSON: {v}"))
}

/// Rounded to two places, as grades are read.
fn two(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// `refuses` for invalid input: exit 3.
fn refused(dir: &Path, path: &Path, args: &[&str], needles: &[&str]) {
    refuses(3, dir, path, args, needles);
}

/// `refuses` for a bad value given on the command line: exit 2.
fn refused_value(dir: &Path, path: &Path, args: &[&str], needles: &[&str]) {
    refuses(2, dir, path, args, needles);
}

// ------------------------------------------------------------- objectives

#[test]
fn okr_add_writes_an_objective_for_a_quarter_or_a_period() {
    let (dir, path) = scratch_text(BACKLOG, "product.toml");
    let out = ok(
        dir.path(),
        &[
            "okr",
            "add",
            "--title",
            "Grow revenue",
            "--quarter",
            "2027-Q1",
        ],
    );
    assert_eq!(
        out,
        "Added O1: Grow revenue (aspirational, 2027-01-01 to 2027-03-31)\n\
         Next: product okr kr add O1 --title \"...\" --start 0 --target 10\n"
    );
    let o1 = objective(&path, "O1");
    assert_eq!(o1["title"].as_str(), Some("Grow revenue"));
    assert_eq!(o1["start"].to_string(), "2027-01-01");
    assert_eq!(o1["end"].to_string(), "2027-03-31");
    assert_eq!(o1["commitment"].as_str(), Some("aspirational"));

    let v = ok_json(
        dir.path(),
        &[
            "okr",
            "add",
            "--title",
            "Keep members",
            "--start",
            "2026-10-01",
            "--end",
            "2026-12-31",
            "--committed",
            "--description",
            "Members who leave cost us most",
        ],
        "objective_added",
    );
    assert_eq!(v["action"], "added");
    let o = &v["objective"];
    assert_eq!(o["id"], "O2");
    assert_eq!(o["title"], "Keep members");
    assert_eq!(o["description"], "Members who leave cost us most");
    assert_eq!(o["start"], "2026-10-01");
    assert_eq!(o["end"], "2026-12-31");
    assert_eq!(o["commitment"], "committed");
    let o2 = objective(&path, "O2");
    assert_eq!(o2["start"].to_string(), "2026-10-01");
    assert_eq!(o2["end"].to_string(), "2026-12-31");
    assert_eq!(o2["commitment"].as_str(), Some("committed"));
    assert_eq!(
        o2["description"].as_str(),
        Some("Members who leave cost us most")
    );

    // Q4 ends on the last day of the year.
    ok(
        dir.path(),
        &["okr", "add", "--title", "Winter", "--quarter", "2027-Q4"],
    );
    let o3 = objective(&path, "O3");
    assert_eq!(o3["start"].to_string(), "2027-10-01");
    assert_eq!(o3["end"].to_string(), "2027-12-31");
    // The backlog is untouched.
    assert!(text(&path).starts_with(BACKLOG));
}

#[test]
fn okr_kr_add_reads_units_and_suffixes() {
    let (dir, path) = scratch_text(BACKLOG, "product.toml");
    ok(dir.path(), &["okr", "add", "--title", "Grow revenue"]);
    let out = ok(
        dir.path(),
        &[
            "okr", "kr", "add", "O1", "--title", "Revenue", "--start", "1.0M", "--target", "1.5M",
            "--unit", "£",
        ],
    );
    assert_eq!(
        out,
        "Added O1.KR1: Revenue (from £1000000 to £1500000)\n\
         Next: product okr checkin O1.KR1 VALUE\n"
    );
    let v = ok_json(
        dir.path(),
        &[
            "okr",
            "kr",
            "add",
            "O1",
            "--title",
            "Cost to serve",
            "--start",
            "500K",
            "--target",
            "400K",
            "--unit",
            "£",
            "--weight",
            "2",
        ],
        "key_result_added",
    );
    assert_eq!(v["action"], "added");
    assert_eq!(v["objective"], "O1");
    assert_eq!(v["reference"], "O1.KR2");
    assert_eq!(v["key_result"]["id"], "KR2");
    assert_eq!(v["key_result"]["title"], "Cost to serve");
    assert_eq!(v["key_result"]["unit"], "£");
    close(f(&v["key_result"]["start"]), 500_000.0);
    close(f(&v["key_result"]["target"]), 400_000.0);
    close(f(&v["key_result"]["weight"]), 2.0);
    ok(
        dir.path(),
        &[
            "okr",
            "kr",
            "add",
            "O1",
            "--title",
            "Completion",
            "--start",
            "62%",
            "--target",
            "85%",
            "--unit",
            "%",
        ],
    );
    ok(
        dir.path(),
        &[
            "okr",
            "kr",
            "add",
            "O1",
            "--title",
            "Cost per card",
            "--start",
            "£4.20",
            "--target",
            "£3.10",
            "--unit",
            "£",
        ],
    );

    let kr1 = key_result(&path, "O1.KR1");
    assert_eq!(kr1["title"].as_str(), Some("Revenue"));
    assert_eq!(kr1["unit"].as_str(), Some("£"));
    assert_eq!(num(&kr1["start"]), 1_000_000.0);
    assert_eq!(num(&kr1["target"]), 1_500_000.0);
    assert!(!kr1.contains_key("weight"));
    assert!(!kr1.contains_key("current"));
    let kr2 = key_result(&path, "O1.KR2");
    assert_eq!(num(&kr2["start"]), 500_000.0);
    assert_eq!(num(&kr2["target"]), 400_000.0);
    assert_eq!(num(&kr2["weight"]), 2.0);
    let kr3 = key_result(&path, "O1.KR3");
    assert_eq!((num(&kr3["start"]), num(&kr3["target"])), (62.0, 85.0));
    assert_eq!(kr3["unit"].as_str(), Some("%"));
    let kr4 = key_result(&path, "O1.KR4");
    assert_eq!((num(&kr4["start"]), num(&kr4["target"])), (4.2, 3.1));
}

/// The worked examples of the design: each check-in's progress and grade,
/// in the text line, the JSON and the file.
#[test]
fn checkin_computes_progress_and_grade() {
    let (dir, path) = scratch_text(BACKLOG, "product.toml");
    let d = dir.path();
    ok(d, &["okr", "add", "--title", "Grow revenue"]);
    ok(
        d,
        &[
            "okr", "kr", "add", "O1", "--title", "Revenue", "--start", "1.0M", "--target", "1.5M",
            "--unit", "£",
        ],
    );
    ok(
        d,
        &[
            "okr", "kr", "add", "O1", "--title", "Cost", "--start", "500K", "--target", "400K",
            "--unit", "£", "--weight", "2",
        ],
    );
    ok(d, &["okr", "add", "--title", "Keep members"]);
    ok(
        d,
        &[
            "okr", "kr", "add", "O2", "--title", "Churn", "--start", "8", "--target", "5",
            "--unit", "%",
        ],
    );
    ok(
        d,
        &[
            "okr", "kr", "add", "O2", "--title", "Sign-ups", "--start", "0", "--target", "6",
        ],
    );

    // Maximising: 1.0M to 1.5M at 1.35M is 0.70 of the way. KR2 has no
    // check-in yet, so it stands at its start and O1 grades 0.7 × 1 / 3.
    let out = ok(d, &["okr", "checkin", "O1.KR1", "1.35M"]);
    assert_eq!(
        out,
        "Checked in O1.KR1 at £1350000 on 2026-11-23: progress 0.70; O1 grades 0.23\n"
    );
    let kr = key_result(&path, "O1.KR1");
    assert_eq!(num(&kr["current"]), 1_350_000.0);
    assert_eq!(
        history(&kr["history"]),
        pairs(&[("2026-11-23", 1_350_000.0)])
    );

    // Minimising: 500K to 400K at 420K is 0.80; O1 is (0.7 + 2 × 0.8) / 3.
    let v = ok_json(d, &["okr", "checkin", "O1.KR2", "420K"], "checkin");
    assert_eq!(v["key_result"], "O1.KR2");
    assert_eq!(v["reading"]["date"], "2026-11-23");
    close(f(&v["reading"]["value"]), 420_000.0);
    close(f(&v["current"]), 420_000.0);
    assert_eq!(two(f(&v["progress"])), 0.80);
    assert_eq!(two(f(&v["grade"])), 0.80);
    assert!(
        v.get("warnings")
            .is_none_or(|w| w == &serde_json::json!([]))
    );
    let o = &v["objective"];
    assert_eq!(o["id"], "O1");
    close(f(&o["grade"]), (0.7 + 2.0 * 0.8) / 3.0);
    assert_eq!(o["colour"], "green");
    assert_eq!(o["commitment"], "aspirational");
    close(f(&o["expectation"]), 0.7);
    let krs = o["key_results"].as_array().unwrap();
    assert_eq!(krs.len(), 2);
    assert_eq!(krs[0]["reference"], "O1.KR1");
    assert_eq!(two(f(&krs[0]["progress"])), 0.70);
    assert_eq!(two(f(&krs[0]["grade"])), 0.70);
    close(f(&krs[0]["weight"]), 1.0);
    assert_eq!(krs[1]["reference"], "O1.KR2");
    close(f(&krs[1]["weight"]), 2.0);
    assert_eq!(num(&key_result(&path, "O1.KR2")["current"]), 420_000.0);

    // A metric that should fall: churn 8 → 5, at 6 is 0.67 of the way.
    let out = ok(
        d,
        &[
            "okr",
            "checkin",
            "O2.KR1",
            "6%",
            "--note",
            "new welcome pack",
        ],
    );
    assert_eq!(
        out,
        "Checked in O2.KR1 at 6% on 2026-11-23: progress 0.67; O2 grades 0.33\n"
    );
    let kr = key_result(&path, "O2.KR1");
    assert_eq!(num(&kr["current"]), 6.0);
    let reading = &kr["history"].as_array().unwrap()[0];
    assert_eq!(reading["note"].as_str(), Some("new welcome pack"));

    // 0 → 6 at 3 is half way.
    let v = ok_json(
        d,
        &["okr", "checkin", "O2.KR2", "3", "--date", "2026-11-20"],
        "checkin",
    );
    close(f(&v["progress"]), 0.5);
    close(f(&v["grade"]), 0.5);
    assert_eq!(v["reading"]["date"], "2026-11-20");
    close(f(&v["objective"]["grade"]), (2.0 / 3.0 + 0.5) / 2.0);
    assert_eq!(v["objective"]["colour"], "amber");

    // Beyond the target: the raw progress passes 1, the grade stops at 1.
    let v = ok_json(d, &["okr", "checkin", "O2.KR2", "9"], "checkin");
    close(f(&v["progress"]), 1.5);
    close(f(&v["grade"]), 1.0);
    close(f(&v["current"]), 9.0);
    let out = ok(d, &["okr", "checkin", "O2.KR2", "9"]);
    assert_eq!(
        out,
        "Checked in O2.KR2 at 9 on 2026-11-23: progress 1.50, graded 1.00; O2 grades 0.83\n\
         warning: O2.KR2 already has a check-in on 2026-11-23 (9); both are kept and this one counts\n"
    );
    let kr = key_result(&path, "O2.KR2");
    assert_eq!(num(&kr["current"]), 9.0);
    assert_eq!(
        history(&kr["history"]),
        pairs(&[
            ("2026-11-20", 3.0),
            ("2026-11-23", 9.0),
            ("2026-11-23", 9.0)
        ])
    );
}

#[test]
fn okr_list_and_show_report_grades_colours_and_links() {
    let (dir, _path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    ok(d, &["okr", "checkin", "O1.KR2", "14"]);
    ok(d, &["item", "add", "Postcode lookup", "--kr", "O1.KR2"]);

    // O1: KR1 40 → 80 at 52 is 0.30; KR2 20 → 5 at 14 is 0.40; grade 0.35, red.
    // Its period is 2026-10-01 to 2026-12-31: 54 of 92 days by the 23rd.
    let v = ok_json(d, &["okr", "list"], "okr_list");
    assert_eq!(v["today"], "2026-11-23");
    let objectives = v["objectives"].as_array().unwrap();
    assert_eq!(objectives.len(), 2);
    let o1 = &objectives[0];
    assert_eq!(o1["id"], "O1");
    assert_eq!(o1["title"], "Joining takes five minutes");
    assert_eq!(o1["commitment"], "committed");
    close(f(&o1["expectation"]), 1.0);
    assert_eq!(o1["start"], "2026-10-01");
    assert_eq!(o1["end"], "2026-12-31");
    close(f(&o1["grade"]), 0.35);
    assert_eq!(o1["colour"], "red");
    close(f(&o1["expected_progress"]), 54.0 / 92.0);
    close(f(&o1["expected_grade"]), 54.0 / 92.0);
    // 0.59 expected, 0.35 reached: 0.24 behind is at risk.
    assert_eq!(o1["status"], "at_risk");
    let krs = o1["key_results"].as_array().unwrap();
    assert_eq!(krs[0]["id"], "KR1");
    assert_eq!(krs[0]["reference"], "O1.KR1");
    assert_eq!(krs[0]["title"], "Online joins completed");
    assert_eq!(krs[0]["unit"], "%");
    close(f(&krs[0]["start"]), 40.0);
    close(f(&krs[0]["target"]), 80.0);
    close(f(&krs[0]["current"]), 52.0);
    close(f(&krs[0]["weight"]), 1.0);
    close(f(&krs[0]["progress"]), 0.3);
    close(f(&krs[0]["grade"]), 0.3);
    assert!(krs[0].get("error").is_none_or(Value::is_null));
    assert_eq!(
        json_history(&krs[0]["history"]),
        pairs(&[("2026-11-01", 52.0)])
    );
    assert_eq!(krs[1]["reference"], "O1.KR2");
    close(f(&krs[1]["progress"]), 0.4);
    assert_eq!(
        json_history(&krs[1]["history"]),
        pairs(&[("2026-11-23", 14.0)])
    );
    // O2 has no period and no check-in: graded 0 at its start, no pace.
    let o2 = &objectives[1];
    assert_eq!(o2["id"], "O2");
    assert_eq!(o2["commitment"], "aspirational");
    close(f(&o2["expectation"]), 0.7);
    close(f(&o2["grade"]), 0.0);
    assert_eq!(o2["colour"], "red");
    assert!(o2.get("status").is_none_or(Value::is_null), "{o2}");
    assert!(o2["key_results"][0]["current"].is_null());

    let out = ok(d, &["okr", "list"]);
    // The short columns, numbers and bars never wrap.
    has_row(
        &out,
        "O1 Joining takes five minutes ██▊░░░░░ 0.35 red 0.59 at risk 2026-12-31",
    );
    has_row(
        &out,
        "O2 Every branch takes cards ░░░░░░░░ 0.00 red no period",
    );
    assert!(out.contains("██▊░░░░░ 0.35"), "{out}");
    assert!(out.contains("at risk"), "{out}");
    assert!(out.contains("0.59"), "{out}");
    assert!(
        out.contains("2 objectives, 3 key results, as of 2026-11-23"),
        "{out}"
    );

    let v = ok_json(d, &["okr", "show", "O1"], "okr");
    assert_eq!(v["id"], "O1");
    assert_eq!(v["title"], "Joining takes five minutes");
    close(f(&v["grade"]), 0.35);
    assert_eq!(v["status"], "at_risk");
    let krs = v["key_results"].as_array().unwrap();
    assert_eq!(krs.len(), 2);
    assert_eq!(
        krs[0]["items"],
        serde_json::json!([{"id": "LC-1", "title": "Join online", "status": "ready", "position": 1}])
    );
    assert_eq!(
        krs[1]["items"],
        serde_json::json!([{"id": "LC-2", "title": "Postcode lookup", "status": "idea", "position": 2}])
    );

    let out = ok(d, &["okr", "show", "O1"]);
    assert!(out.starts_with("O1 Joining takes five minutes\n"), "{out}");
    assert!(
        out.contains("Commitment: committed (expected to reach 1.00)"),
        "{out}"
    );
    assert!(
        out.contains("Period:     2026-10-01 to 2026-12-31 (59% elapsed)"),
        "{out}"
    );
    has_row(
        &out,
        "O1.KR1 Online joins completed 40% 52% 80% 0.30 ██▍░░░░░ 0.30 ▄",
    );
    has_row(&out, "O1.KR1 1 LC-1 Join online ready");
    has_row(&out, "O1.KR2 2 LC-2 Postcode lookup idea");
}

/// A key result edited by hand into one that cannot be graded says why, and
/// the objective is graded on the others.
#[test]
fn key_results_that_cannot_be_graded_say_why() {
    let text = BACKLOG.to_owned()
        + r#"
[[objectives]]
id = "O1"
title = "More members"

[[objectives.key_results]]
id = "KR1"
title = "Flat"
start = 5.0
target = 5.0

[[objectives.key_results]]
id = "KR2"
title = "Negative"
start = 0.0
target = 10.0
current = 5.0
weight = -1.0

[[objectives.key_results]]
id = "KR3"
title = "Good"
start = 0.0
target = 10.0
current = 6.0
"#;
    let (dir, _path) = scratch_text(&text, "product.toml");
    let d = dir.path();
    let v = ok_json(d, &["okr", "show", "O1"], "okr");
    close(f(&v["grade"]), 0.6);
    assert_eq!(v["colour"], "amber");
    let krs = v["key_results"].as_array().unwrap();
    assert!(krs[0]["progress"].is_null());
    assert!(krs[0]["grade"].is_null());
    assert_eq!(
        krs[0]["error"],
        "start and target are both 5, so there is no distance to measure progress along"
    );
    assert!(krs[1]["grade"].is_null());
    assert_eq!(
        krs[1]["error"],
        "weight -1 is negative; a weight is 0 or more (1 when not given)"
    );
    close(f(&krs[2]["grade"]), 0.6);
    assert!(krs[2].get("error").is_none_or(Value::is_null));

    let out = ok(d, &["okr", "show", "O1"]);
    // With a weight other than 1 about, the table shows every weight.
    has_row(&out, "O1.KR1 Flat 5 5 1 start = target");
    has_row(&out, "O1.KR2 Negative 0 5 10 -1 negative weight");
    has_row(&out, "O1.KR3 Good 0 6 10 1 0.60 ████▊░░░ 0.60");
}

// ---------------------------------------------------------------- checkins

#[test]
fn checkins_out_of_date_order_are_kept_sorted_and_the_latest_stays_current() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    ok(
        d,
        &["okr", "checkin", "O1.KR1", "60", "--date", "2026-11-20"],
    );
    // Back-dated between the two readings: history in order, 60 stays current.
    let out = product(d)
        .args(["okr", "checkin", "O1.KR1", "56", "--date", "2026-11-10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // The report says what the value stood for then, and what stays current.
    assert_eq!(
        stdout(&out),
        "Checked in O1.KR1 at 56% on 2026-11-10 (progress 0.40 then); \
         current stays 60%: progress 0.50; O1 grades 0.25\n"
    );
    assert_eq!(stderr(&out), "");
    // Back-dated before them all, with JSON: the warning is in `warnings`.
    let v = ok_json(
        d,
        &["okr", "checkin", "O1.KR1", "45", "--date", "2026-10-15"],
        "checkin",
    );
    close(f(&v["current"]), 60.0);
    close(f(&v["progress"]), 0.5);
    assert_eq!(v["reading"]["date"], "2026-10-15");
    close(f(&v["reading"]["value"]), 45.0);
    assert_eq!(v["back_dated"], true);
    close(f(&v["reading_progress"]), 0.125);
    assert!(v.get("warnings").is_none());

    let kr = key_result(&path, "O1.KR1");
    assert_eq!(num(&kr["current"]), 60.0);
    assert_eq!(
        history(&kr["history"]),
        pairs(&[
            ("2026-10-15", 45.0),
            ("2026-11-01", 52.0),
            ("2026-11-10", 56.0),
            ("2026-11-20", 60.0),
        ])
    );
    // A later one moves current on.
    ok(d, &["okr", "checkin", "O1.KR1", "64"]);
    let kr = key_result(&path, "O1.KR1");
    assert_eq!(num(&kr["current"]), 64.0);
    assert_eq!(history(&kr["history"]).last().unwrap().0, "2026-11-23");
    assert_eq!(history(&kr["history"]).len(), 5);

    // KPI readings: kept in date order; the latest-dated one sets the status.
    let out = product(d)
        .args(["kpi", "record", "K1", "91", "--date", "2026-10-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "Recorded K1 (User satisfaction) at 91% on 2026-10-01: green then; \
         the latest reading (84% on 2026-11-01) still sets the status: amber\n"
    );
    assert_eq!(
        history(&kpi(&path, "K1")["history"]),
        pairs(&[("2026-10-01", 91.0), ("2026-11-01", 84.0)])
    );
    let v = ok_json(d, &["kpi", "show", "K1"], "kpi");
    assert_eq!(v["latest"]["date"], "2026-11-01");
    assert_eq!(v["status"], "amber");
    close(f(&v["change"]), -7.0);
    assert_eq!(v["trend"], "worse");
}

/// A back-dated check-in goes to the front of a one-line history, set off
/// by `, ` like the others.
#[test]
fn a_backdated_checkin_keeps_the_spacing_of_a_one_line_history() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    ok(
        dir.path(),
        &["okr", "checkin", "O1.KR1", "44", "--date", "2026-10-15"],
    );
    ok(
        dir.path(),
        &["kpi", "record", "K1", "81", "--date", "2026-10-01"],
    );
    let expected = GOALS
        .replace(
            "history = [{ date = 2026-11-01, value = 52.0 }]",
            "history = [{ date = 2026-10-15, value = 44 }, { date = 2026-11-01, value = 52.0 }]",
        )
        .replace(
            "history = [{ date = 2026-11-01, value = 84.0 }]",
            "history = [{ date = 2026-10-01, value = 81 }, { date = 2026-11-01, value = 84.0 }]",
        );
    assert_eq!(text(&path), expected);
}

/// A history written one reading to a line, each with a comment at its end.
fn commented_history() -> String {
    GOALS.replace(
        "history = [{ date = 2026-11-01, value = 52.0 }]",
        "history = [\n  { date = 2026-10-15, value = 48.0 },  # paper form\n  { date = 2026-11-01, value = 52.0 },  # postcode fix\n]",
    )
}

/// Comments at the end of a reading's line stay with that reading.
#[test]
fn a_checkin_leaves_end_of_line_comments_on_their_readings() {
    let input = commented_history();
    let (dir, path) = scratch_text(&input, "product.toml");
    ok(dir.path(), &["okr", "checkin", "O1.KR1", "60"]);
    let expected = input.replace("current = 52.0", "current = 60").replace(
        "  { date = 2026-11-01, value = 52.0 },  # postcode fix\n]",
        "  { date = 2026-11-01, value = 52.0 },  # postcode fix\n  { date = 2026-11-23, value = 60 },\n]",
    );
    assert_eq!(text(&path), expected);
}

/// The same for a back-dated check-in that lands between two readings.
#[test]
fn a_backdated_checkin_leaves_end_of_line_comments_on_their_readings() {
    let input = commented_history();
    let (dir, path) = scratch_text(&input, "product.toml");
    ok(
        dir.path(),
        &["okr", "checkin", "O1.KR1", "50", "--date", "2026-10-20"],
    );
    let expected = input.replace(
        "  { date = 2026-10-15, value = 48.0 },  # paper form\n",
        "  { date = 2026-10-15, value = 48.0 },  # paper form\n  { date = 2026-10-20, value = 50 },\n",
    );
    assert_eq!(text(&path), expected);
}

// --------------------------------------------------------------- bad input

#[test]
fn unknown_ids_and_bad_values_are_refused_and_nothing_is_written() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    let objectives = "O1, O2";
    let key_results = "O1.KR1, O1.KR2, O2.KR1";
    let kpis = "K1, K2";
    let cases: &[(&[&str], &[&str])] = &[
        (
            &[
                "okr", "kr", "add", "O9", "--title", "X", "--start", "0", "--target", "1",
            ],
            &["O9", objectives],
        ),
        (&["okr", "show", "O9"], &["O9", objectives]),
        (&["okr", "checkin", "O1.KR9", "5"], &["O1.KR9", key_results]),
        (&["okr", "checkin", "O9.KR1", "5"], &["O9.KR1", key_results]),
        (&["okr", "checkin", "KR1", "5"], &["KR1", key_results]),
        (
            &["item", "add", "Card reader", "--kr", "O1.KR9"],
            &["O1.KR9", key_results],
        ),
        (
            &["item", "add", "Card reader", "--kr", "O9.KR1"],
            &["O9.KR1", key_results],
        ),
        (
            &[
                "item",
                "add",
                "Card reader",
                "--kr",
                "O1.KR1",
                "--kr",
                "O1.KR9",
            ],
            &["O1.KR9", key_results],
        ),
        (
            &["item", "edit", "LC-1", "--kr", "O2.KR9"],
            &["O2.KR9", key_results],
        ),
        (
            &["item", "list", "--kr", "O1.KR9"],
            &["O1.KR9", key_results],
        ),
        (
            &["item", "list", "--kr", "O9.KR1"],
            &["O9.KR1", key_results],
        ),
        (&["kpi", "record", "K9", "5"], &["K9", kpis]),
        (&["kpi", "show", "K9"], &["K9", kpis]),
        (&["kpi", "edit", "K9", "--target", "3"], &["K9", kpis]),
    ];
    for (args, needles) in cases {
        refused(d, &path, args, needles);
    }
    // A bad value given on the command line is a usage error.
    let bad_values: &[(&[&str], &[&str])] = &[
        (
            &["okr", "checkin", "O1.KR1", "abc"],
            &["`abc` is not a number"],
        ),
        (&["kpi", "record", "K1", "abc"], &["`abc` is not a number"]),
        (
            &[
                "okr", "kr", "add", "O1", "--title", "Flat", "--start", "5", "--target", "5",
            ],
            &["--start and --target are both 5"],
        ),
        (
            &[
                "okr", "kr", "add", "O1", "--title", "X", "--start", "abc", "--target", "5",
            ],
            &["--start", "`abc` is not a number"],
        ),
    ];
    for (args, needles) in bad_values {
        refused_value(d, &path, args, needles);
    }
    assert_eq!(text(&path), GOALS);

    // The messages in full for the commonest mistakes.
    let out = product(d)
        .args(["okr", "checkin", "O1.KR9", "5"])
        .output()
        .unwrap();
    assert_eq!(
        stderr(&out),
        "error: no key result `O1.KR9`\nhint: known key results: O1.KR1, O1.KR2, O2.KR1\n"
    );
    let out = product(d)
        .args(["okr", "show", "O9", "--json"])
        .output()
        .unwrap();
    let e: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["code"], "unknown_id");
    assert_eq!(e["message"], "no objective `O9`");
    assert_eq!(e["hint"], "known objectives: O1, O2");
    let out = product(d)
        .args(["kpi", "record", "K9", "5", "--json"])
        .output()
        .unwrap();
    let e: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["code"], "unknown_id");
    assert_eq!(e["message"], "no KPI `K9`");
    assert_eq!(e["hint"], "known KPIs: K1, K2");
    let out = product(d)
        .args(["okr", "kr", "add", "O1", "--title", "Flat"])
        .args(["--start", "5", "--target", "5", "--json"])
        .output()
        .unwrap();
    let e: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["code"], "start_is_target");
    assert_eq!(text(&path), GOALS);
}

#[test]
fn kpi_add_refuses_a_threshold_on_the_good_side_and_a_name_taken() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    refused_value(
        d,
        &path,
        &[
            "kpi",
            "add",
            "--name",
            "Wait time",
            "--unit",
            "%",
            "--direction",
            "up",
            "--target",
            "90",
            "--threshold",
            "95",
        ],
        &["the threshold 95 is on the good side of the target 90"],
    );
    refused_value(
        d,
        &path,
        &[
            "kpi",
            "add",
            "--name",
            "Cost per renewal",
            "--unit",
            "£",
            "--direction",
            "down",
            "--target",
            "1.5",
            "--threshold",
            "1",
        ],
        &["the threshold 1 is on the good side of the target 1.5"],
    );
    refused(
        d,
        &path,
        &[
            "kpi",
            "add",
            "--name",
            "User satisfaction",
            "--unit",
            "%",
            "--direction",
            "up",
            "--target",
            "95",
        ],
        &["there is already a KPI named `User satisfaction` (K1)"],
    );
    // Edits are held to the same rules.
    refused_value(
        d,
        &path,
        &["kpi", "edit", "K1", "--threshold", "95"],
        &["the threshold 95 is on the good side of the target 90"],
    );
    refused(
        d,
        &path,
        &["kpi", "edit", "K2", "--name", "User satisfaction"],
        &["there is already a KPI named `User satisfaction` (K1)"],
    );
    assert_eq!(text(&path), GOALS);
}

// ------------------------------------------------------- periods and pace

#[test]
fn expected_progress_follows_the_share_of_the_period_passed() {
    let (dir, path) = scratch_text(BACKLOG, "product.toml");
    let d = dir.path();
    ok(
        d,
        &[
            "okr",
            "add",
            "--title",
            "Every branch takes cards",
            "--quarter",
            "2027-Q1",
            "--committed",
        ],
    );
    ok(
        d,
        &[
            "okr", "kr", "add", "O1", "--title", "Branches", "--start", "0", "--target", "100",
        ],
    );
    ok(d, &["okr", "checkin", "O1.KR1", "40"]);
    let o = objective(&path, "O1");
    assert_eq!(o["start"].to_string(), "2027-01-01");
    assert_eq!(o["end"].to_string(), "2027-03-31");

    // Q1 2027 is 90 days; by the end of 14 February, 45 have passed.
    let on = |today: &str| -> Value {
        let out = product(d)
            .env("PRODUCT_TODAY", today)
            .args(["okr", "list", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["today"], today);
        v["objectives"][0].clone()
    };
    for (today, share) in [
        ("2026-11-23", 0.0),
        ("2026-12-31", 0.0),
        ("2027-01-01", 1.0 / 90.0),
        ("2027-02-14", 0.5),
        ("2027-03-31", 1.0),
        ("2027-06-30", 1.0),
    ] {
        let o = on(today);
        close(f(&o["expected_progress"]), share);
        // Committed: expected to reach 1.0, so the expected grade is the share.
        close(f(&o["expected_grade"]), share);
        close(f(&o["expectation"]), 1.0);
        close(f(&o["grade"]), 0.4);
    }
    // Before it starts 0.4 is ahead; half way 0.1 behind is on track; at the
    // end 0.6 behind is off track.
    assert_eq!(on("2026-12-31")["status"], "on_track");
    assert_eq!(on("2027-02-14")["status"], "on_track");
    assert_eq!(on("2027-03-31")["status"], "off_track");

    // Aspirational: expected to reach 0.7, so half way it should be at 0.35.
    ok(
        d,
        &[
            "okr",
            "add",
            "--title",
            "Stretch",
            "--start",
            "2027-01-01",
            "--end",
            "2027-03-31",
        ],
    );
    ok(
        d,
        &[
            "okr", "kr", "add", "O2", "--title", "Reach", "--start", "0", "--target", "100",
        ],
    );
    let out = product(d)
        .env("PRODUCT_TODAY", "2027-02-14")
        .args(["okr", "list", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let o2 = &v["objectives"][1];
    assert_eq!(o2["commitment"], "aspirational");
    close(f(&o2["expectation"]), 0.7);
    close(f(&o2["expected_progress"]), 0.5);
    close(f(&o2["expected_grade"]), 0.35);
}

#[test]
fn status_compares_the_grade_with_where_it_should_be_by_now() {
    let (dir, _path) = scratch_text(BACKLOG, "product.toml");
    let d = dir.path();
    let today = "2027-02-14"; // half way through Q1 2027
    let run = |args: &[&str]| -> Value {
        let out = product(d)
            .env("PRODUCT_TODAY", today)
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    run(&[
        "okr",
        "add",
        "--title",
        "Committed",
        "--quarter",
        "2027-Q1",
        "--committed",
    ]);
    run(&[
        "okr", "kr", "add", "O1", "--title", "Branches", "--start", "0", "--target", "100",
    ]);
    run(&["okr", "add", "--title", "Stretch", "--quarter", "2027-Q1"]);
    run(&[
        "okr", "kr", "add", "O2", "--title", "Reach", "--start", "0", "--target", "100",
    ]);

    // Committed: 0.50 expected by now.
    for (day, value, status) in [
        ("2027-02-01", "90", "on_track"),
        ("2027-02-02", "45", "on_track"),
        ("2027-02-03", "40", "on_track"),
        ("2027-02-04", "30", "at_risk"),
        ("2027-02-05", "20", "at_risk"),
        ("2027-02-06", "19", "off_track"),
        ("2027-02-07", "10", "off_track"),
    ] {
        let v = run(&["okr", "checkin", "O1.KR1", value, "--date", day]);
        assert_eq!(v["objective"]["status"], status, "O1 at {value}");
        close(f(&v["objective"]["expected_grade"]), 0.5);
        let list = run(&["okr", "list"]);
        assert_eq!(list["objectives"][0]["status"], status, "O1 at {value}");
    }
    // Aspirational: 0.35 expected by now.
    for (day, value, status) in [
        ("2027-02-01", "35", "on_track"),
        ("2027-02-02", "25", "on_track"),
        ("2027-02-03", "20", "at_risk"),
        ("2027-02-04", "5", "at_risk"),
        ("2027-02-05", "4", "off_track"),
    ] {
        let v = run(&["okr", "checkin", "O2.KR1", value, "--date", day]);
        assert_eq!(v["objective"]["status"], status, "O2 at {value}");
    }
    let out = product(d)
        .env("PRODUCT_TODAY", today)
        .args(["okr", "list"])
        .output()
        .unwrap();
    let out = stdout(&out);
    assert!(out.contains("off track"), "{out}");
    assert!(out.contains("0.50"), "{out}");
    assert!(out.contains("0.35"), "{out}");
}

// --------------------------------------------------------------------- KPIs

#[test]
fn kpi_add_record_edit_list_and_show() {
    let (dir, path) = scratch_text(BACKLOG, "product.toml");
    let d = dir.path();
    let out = ok(
        d,
        &[
            "kpi",
            "add",
            "--name",
            "User satisfaction",
            "--unit",
            "%",
            "--direction",
            "up",
            "--target",
            "90",
            "--threshold",
            "80",
        ],
    );
    assert_eq!(
        out,
        "Added K1: User satisfaction (higher is better, target 90%, threshold 80%)\n\
         Next: product kpi record K1 VALUE\n"
    );
    let v = ok_json(
        d,
        &[
            "kpi",
            "add",
            "--name",
            "Cost per transaction",
            "--unit",
            "£",
            "--direction",
            "down",
            "--target",
            "1.50",
            "--threshold",
            "2.50",
            "--cadence",
            "monthly",
        ],
        "kpi_added",
    );
    assert_eq!(v["action"], "added");
    let k = &v["kpi"];
    assert_eq!(k["id"], "K2");
    assert_eq!(k["name"], "Cost per transaction");
    assert_eq!(k["unit"], "£");
    assert_eq!(k["direction"], "down");
    close(f(&k["target"]), 1.5);
    close(f(&k["threshold"]), 2.5);
    assert_eq!(k["cadence"], "monthly");
    let k2 = kpi(&path, "K2");
    assert_eq!(k2["direction"].as_str(), Some("down"));
    assert_eq!(num(&k2["target"]), 1.5);
    assert_eq!(num(&k2["threshold"]), 2.5);
    assert_eq!(k2["cadence"].as_str(), Some("monthly"));
    assert!(!k2.contains_key("history"));

    // Readings.
    let out = ok(d, &["kpi", "record", "K1", "84", "--date", "2026-11-01"]);
    assert_eq!(
        out,
        "Recorded K1 (User satisfaction) at 84% on 2026-11-01: amber\n"
    );
    let v = ok_json(
        d,
        &["kpi", "record", "K1", "92%", "--note", "after the redesign"],
        "kpi_recorded",
    );
    assert_eq!(v["reading"]["date"], "2026-11-23");
    close(f(&v["reading"]["value"]), 92.0);
    assert_eq!(v["reading"]["note"], "after the redesign");
    assert_eq!(v["kpi"]["id"], "K1");
    assert_eq!(v["kpi"]["status"], "green");
    close(f(&v["kpi"]["change"]), 8.0);
    assert_eq!(v["kpi"]["trend"], "better");
    assert_eq!(v["kpi"]["age_days"], 0);
    assert_eq!(v["kpi"]["stale"], false);
    let out = ok(d, &["kpi", "record", "K2", "£1.94", "--date", "2026-10-01"]);
    assert_eq!(
        out,
        "Recorded K2 (Cost per transaction) at £1.94 on 2026-10-01: amber\n"
    );
    ok(d, &["kpi", "record", "K2", "2.75", "--date", "2026-10-15"]);
    let k1 = kpi(&path, "K1");
    assert_eq!(
        history(&k1["history"]),
        pairs(&[("2026-11-01", 84.0), ("2026-11-23", 92.0)])
    );
    assert_eq!(
        k1["history"].as_array().unwrap()[1]["note"].as_str(),
        Some("after the redesign")
    );
    assert_eq!(
        history(&kpi(&path, "K2")["history"]),
        pairs(&[("2026-10-01", 1.94), ("2026-10-15", 2.75)])
    );

    // The list.
    let v = ok_json(d, &["kpi", "list"], "kpi_list");
    assert_eq!(v["today"], "2026-11-23");
    let kpis = v["kpis"].as_array().unwrap();
    assert_eq!(kpis.len(), 2);
    let k1 = &kpis[0];
    assert_eq!(k1["id"], "K1");
    assert_eq!(k1["name"], "User satisfaction");
    assert_eq!(k1["unit"], "%");
    assert_eq!(k1["direction"], "up");
    close(f(&k1["target"]), 90.0);
    close(f(&k1["threshold"]), 80.0);
    assert!(k1["cadence"].is_null());
    assert_eq!(k1["latest"]["date"], "2026-11-23");
    close(f(&k1["latest"]["value"]), 92.0);
    assert_eq!(k1["status"], "green");
    close(f(&k1["change"]), 8.0);
    assert_eq!(k1["trend"], "better");
    assert_eq!(k1["age_days"], 0);
    assert_eq!(k1["stale"], false);
    assert_eq!(
        json_history(&k1["history"]),
        pairs(&[("2026-11-01", 84.0), ("2026-11-23", 92.0)])
    );
    let k2 = &kpis[1];
    assert_eq!(k2["status"], "red");
    assert_eq!(two(f(&k2["change"])), 0.81);
    assert_eq!(k2["trend"], "worse");
    assert_eq!(k2["age_days"], 39);
    assert_eq!(k2["stale"], true);
    let out = ok(d, &["kpi", "list"]);
    has_row(
        &out,
        "K1 User satisfaction 92% at least 90% green +8 better today ▁█",
    );
    assert!(out.contains("39 days, overdue"), "{out}");
    assert!(out.contains("+0.81 worse"), "{out}");
    assert!(
        out.contains("2 KPIs as of 2026-11-23, 1 overdue for a reading"),
        "{out}"
    );

    // One KPI with its readings.
    let v = ok_json(d, &["kpi", "show", "K2"], "kpi");
    assert_eq!(v["id"], "K2");
    assert_eq!(v["status"], "red");
    let readings = v["readings"].as_array().unwrap();
    assert_eq!(readings.len(), 2);
    assert_eq!(readings[0]["date"], "2026-10-01");
    assert_eq!(readings[0]["status"], "amber");
    assert!(readings[0]["change"].is_null());
    assert_eq!(readings[1]["date"], "2026-10-15");
    assert_eq!(readings[1]["status"], "red");
    assert_eq!(two(f(&readings[1]["change"])), 0.81);
    assert_eq!(readings[1]["trend"], "worse");
    let out = ok(d, &["kpi", "show", "K2"]);
    assert!(out.starts_with("K2 Cost per transaction\n"), "{out}");
    assert!(out.contains("Target:    at most £1.50"), "{out}");
    assert!(out.contains("Threshold: red above £2.50"), "{out}");
    has_row(&out, "2026-10-01 £1.94 amber");
    has_row(&out, "2026-10-15 £2.75 +0.81 worse red");

    // Edits: readings are kept.
    let out = ok(
        d,
        &[
            "kpi",
            "edit",
            "K1",
            "--name",
            "Satisfaction",
            "--target",
            "95",
            "--threshold",
            "none",
        ],
    );
    assert_eq!(out, "Updated K1: Satisfaction\n");
    let k1 = kpi(&path, "K1");
    assert_eq!(k1["name"].as_str(), Some("Satisfaction"));
    assert_eq!(num(&k1["target"]), 95.0);
    assert!(!k1.contains_key("threshold"));
    assert_eq!(history(&k1["history"]).len(), 2);
    let v = ok_json(
        d,
        &[
            "kpi",
            "edit",
            "K1",
            "--unit",
            "points",
            "--direction",
            "down",
            "--target",
            "85",
            "--threshold",
            "95",
        ],
        "kpi_updated",
    );
    assert_eq!(v["action"], "updated");
    assert_eq!(v["kpi"]["unit"], "points");
    assert_eq!(v["kpi"]["direction"], "down");
    close(f(&v["kpi"]["target"]), 85.0);
    close(f(&v["kpi"]["threshold"]), 95.0);
    // 92 is now between the target 85 and the threshold 95 of a falling metric.
    let v = ok_json(d, &["kpi", "show", "K1"], "kpi");
    assert_eq!(v["status"], "amber");
    assert_eq!(v["trend"], "worse");
    let out = ok(d, &["kpi", "edit", "K1", "--unit", "points"]);
    assert_eq!(out, "Unchanged K1: Satisfaction\n");
}

#[test]
fn kpi_edit_sets_and_clears_the_cadence() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    let out = ok(d, &["kpi", "edit", "K2", "--cadence", "weekly"]);
    assert_eq!(out, "Updated K2: Cost per join\n");
    assert_eq!(kpi(&path, "K2")["cadence"].as_str(), Some("weekly"));
    let v = ok_json(
        d,
        &["kpi", "edit", "K2", "--cadence", "quarterly"],
        "kpi_updated",
    );
    assert_eq!(v["kpi"]["cadence"], "quarterly");
    let v = ok_json(
        d,
        &["kpi", "edit", "K2", "--cadence", "none"],
        "kpi_updated",
    );
    assert!(v["kpi"].get("cadence").is_none_or(Value::is_null), "{v}");
    assert_eq!(text(&path), GOALS);
}

#[test]
fn kpi_status_for_both_directions_around_target_and_threshold() {
    let (dir, path) = scratch_text(BACKLOG, "product.toml");
    let d = dir.path();
    let add = |name: &str, direction: &str, target: &str, threshold: Option<&str>| {
        let mut args = vec![
            "kpi",
            "add",
            "--name",
            name,
            "--unit",
            "u",
            "--direction",
            direction,
            "--target",
            target,
        ];
        if let Some(t) = threshold {
            args.extend(["--threshold", t]);
        }
        ok(d, &args);
    };
    add("Satisfaction", "up", "90", Some("80"));
    add("Cost", "down", "1.5", Some("2.5"));
    add("Completion", "up", "90", None);
    add("Wait", "down", "1.5", None);
    add("Threshold at target", "up", "50", Some("50"));

    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "K1",
            &[
                ("95", "green"),
                ("90", "green"),
                ("85", "amber"),
                ("80", "amber"),
                ("79.9", "red"),
            ],
        ),
        (
            "K2",
            &[
                ("1.2", "green"),
                ("1.5", "green"),
                ("2.0", "amber"),
                ("2.5", "amber"),
                ("2.6", "red"),
            ],
        ),
        ("K3", &[("90", "green"), ("89", "red"), ("91", "green")]),
        ("K4", &[("1.5", "green"), ("1.6", "red"), ("1.4", "green")]),
        ("K5", &[("50", "green"), ("49", "red")]),
    ];
    for (id, readings) in cases {
        for (i, (value, status)) in readings.iter().enumerate() {
            let date = format!("2026-11-{:02}", i + 1);
            let v = ok_json(
                d,
                &["kpi", "record", id, value, "--date", &date],
                "kpi_recorded",
            );
            assert_eq!(v["kpi"]["status"], *status, "{id} at {value}");
        }
        // Each reading keeps the status it gave.
        let v = ok_json(d, &["kpi", "show", id], "kpi");
        let statuses: Vec<&str> = v["readings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["status"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = readings.iter().map(|(_, s)| *s).collect();
        assert_eq!(statuses, expected, "{id}");
        assert_eq!(history(&kpi(&path, id)["history"]).len(), readings.len());
    }
    let v = ok_json(d, &["kpi", "list"], "kpi_list");
    let statuses: Vec<&str> = v["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["red", "red", "green", "green", "red"]);
}

#[test]
fn kpi_list_gives_change_trend_age_and_staleness() {
    let (dir, _path) = scratch_text(BACKLOG, "product.toml");
    let d = dir.path();
    let add = |name: &str, direction: &str, cadence: &str| {
        ok(
            d,
            &[
                "kpi",
                "add",
                "--name",
                name,
                "--unit",
                "%",
                "--direction",
                direction,
                "--target",
                "50",
                "--cadence",
                cadence,
            ],
        );
    };
    let record = |id: &str, value: &str, date: &str| {
        ok(d, &["kpi", "record", id, value, "--date", date]);
    };
    add("Up weekly", "up", "weekly");
    record("K1", "84", "2026-11-01");
    record("K1", "88", "2026-11-16"); // 7 days old: still fresh
    add("Down weekly", "down", "weekly");
    record("K2", "20", "2026-11-10");
    record("K2", "22.5", "2026-11-15"); // 8 days old: overdue
    add("Flat monthly", "up", "monthly");
    record("K3", "60", "2026-10-01");
    record("K3", "60", "2026-10-23"); // 31 days old: fresh
    add("Monthly late", "up", "monthly");
    record("K4", "70", "2026-10-22"); // 32 days old: overdue
    add("Quarterly", "down", "quarterly");
    record("K5", "40", "2026-08-23"); // 92 days old: fresh
    record("K5", "30", "2026-08-23"); // the same day: file order decides
    add("Quarterly late", "down", "quarterly");
    record("K6", "40", "2026-08-22"); // 93 days old: overdue
    add("Never read", "up", "weekly");

    let v = ok_json(d, &["kpi", "list"], "kpi_list");
    let kpis = v["kpis"].as_array().unwrap();
    let expect = |i: usize, change: Option<f64>, trend: &str, age: i64, stale: bool| {
        let k = &kpis[i];
        match change {
            Some(c) => close(f(&k["change"]), c),
            None => assert!(k["change"].is_null(), "{k}"),
        }
        if trend.is_empty() {
            assert!(k["trend"].is_null(), "{k}");
        } else {
            assert_eq!(k["trend"], trend, "{k}");
        }
        assert_eq!(k["age_days"], age, "{k}");
        assert_eq!(k["stale"], stale, "{k}");
    };
    expect(0, Some(4.0), "better", 7, false);
    expect(1, Some(2.5), "worse", 8, true);
    expect(2, Some(0.0), "same", 31, false);
    expect(3, None, "", 32, true);
    expect(4, Some(-10.0), "better", 92, false);
    expect(5, None, "", 93, true);
    assert_eq!(kpis[0]["status"], "green");
    assert_eq!(kpis[1]["status"], "green");
    assert_eq!(kpis[4]["latest"]["date"], "2026-08-23");
    close(f(&kpis[4]["latest"]["value"]), 30.0);
    let never = &kpis[6];
    assert!(never["latest"].is_null());
    assert_eq!(never["status"], "unknown");
    assert!(never["change"].is_null());
    assert!(never["trend"].is_null());
    assert!(never["age_days"].is_null());
    assert_eq!(never["stale"], false);
    assert_eq!(never["history"], serde_json::json!([]));

    let out = ok(d, &["kpi", "list"]);
    assert!(out.contains("+4 better"), "{out}");
    assert!(out.contains("+2.5 worse"), "{out}");
    assert!(out.contains("no change"), "{out}");
    assert!(out.contains("7 days"), "{out}");
    // Short columns never wrap: the age stays on one line.
    has_row(
        &out,
        "K2 Down weekly 22.5% at most 50% green +2.5 worse 8 days, overdue ▁█",
    );
    has_row(&out, "K7 Never read no reading at least 50% unknown");
    assert!(out.contains("no reading"), "{out}");
    assert!(
        out.contains("7 KPIs as of 2026-11-23, 3 overdue for a reading, 1 without a reading yet"),
        "{out}"
    );
}

// ------------------------------------------------------------ backlog links

#[test]
fn items_link_to_key_results() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    let items = |path: &Path| -> Vec<(String, Vec<String>)> {
        read(path)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let krs = i
                    .get("key_results")
                    .and_then(toml::Value::as_array)
                    .map(|a| a.iter().map(|k| k.as_str().unwrap().to_owned()).collect())
                    .unwrap_or_default();
                (i["id"].as_str().unwrap().to_owned(), krs)
            })
            .collect()
    };
    let out = ok(
        d,
        &[
            "item",
            "add",
            "Card payments",
            "--kr",
            "O1.KR1",
            "--kr",
            "O2.KR1",
        ],
    );
    assert_eq!(out, "Added LC-2: Card payments (#2 in the backlog)\n");
    let v = ok_json(
        d,
        &["item", "add", "Twice", "--kr", "O1.KR2", "--kr", "O1.KR2"],
        "item_added",
    );
    assert_eq!(v["item"]["key_results"], serde_json::json!(["O1.KR2"]));
    ok(
        d,
        &[
            "item",
            "edit",
            "LC-1",
            "--kr",
            "O1.KR2",
            "--unlink-kr",
            "O1.KR1",
        ],
    );
    ok(d, &["item", "edit", "LC-2", "--unlink-kr", "O2.KR1"]);
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        items(&path),
        [
            ("LC-1".to_owned(), s(&["O1.KR2"])),
            ("LC-2".to_owned(), s(&["O1.KR1"])),
            ("LC-3".to_owned(), s(&["O1.KR2"])),
        ]
    );

    let listed = |kr: &str| -> Vec<String> {
        let v = ok_json(d, &["item", "list", "--kr", kr], "item_list");
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(listed("O1.KR2"), ["LC-1", "LC-3"]);
    assert_eq!(listed("O1.KR1"), ["LC-2"]);
    assert_eq!(listed("O2.KR1"), Vec::<String>::new());
    let out = ok(d, &["item", "list", "--kr", "O1.KR1"]);
    has_row(&out, "2 LC-2 Card payments feature idea");
    assert!(!out.contains("LC-1"), "{out}");

    let v = ok_json(d, &["okr", "show", "O1"], "okr");
    let linked = |i: usize| -> Vec<(String, u64)> {
        v["key_results"][i]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["id"].as_str().unwrap().to_owned(),
                    x["position"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(linked(0), [("LC-2".to_owned(), 2)]);
    assert_eq!(linked(1), [("LC-1".to_owned(), 1), ("LC-3".to_owned(), 3)]);
}

// --------------------------------------------------------------- dashboard

#[test]
fn show_includes_objectives_and_kpis() {
    let (dir, _path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    let v = ok_json(d, &["show"], "dashboard");
    let objectives = v["objectives"].as_array().unwrap();
    assert_eq!(objectives.len(), 2);
    assert_eq!(objectives[0]["id"], "O1");
    close(f(&objectives[0]["grade"]), 0.15);
    assert_eq!(objectives[0]["colour"], "red");
    assert_eq!(objectives[0]["status"], "off_track");
    let kpis = v["kpis"].as_array().unwrap();
    assert_eq!(kpis.len(), 2);
    assert_eq!(kpis[0]["id"], "K1");
    assert_eq!(kpis[0]["status"], "amber");
    assert_eq!(kpis[1]["id"], "K2");
    assert_eq!(kpis[1]["status"], "unknown");

    let out = ok(d, &["show"]);
    assert!(out.contains("\nObjectives\n"), "{out}");
    assert!(out.contains("\nKPIs\n"), "{out}");
    assert!(out.contains("Joining takes five minutes"), "{out}");
    assert!(out.contains("█▎░░░░░░ 0.15"), "{out}");
    assert!(out.contains("off track"), "{out}");
    has_row(&out, "K1 User satisfaction 84% amber");
}

// ---------------------------------------------------- format preservation

const COMMENTED: &str = r#"# Library cards product file
version = 1

[product]
name = "Library cards"
key = "LC"

# Our one objective this quarter
[[objectives]]
id = "O1"
title = "More members join online"   # the headline
start = 2026-10-01
end = 2026-12-31
commitment = "committed"

# Sign-ups per week, counted on Mondays
[[objectives.key_results]]
id = "KR1"
title = "Weekly sign-ups"
start = 100.0
target = 200.0   # doubled
current = 120.0
history = [{ date = 2026-11-01, value = 120.0 }]   # first count

# Branches taking part, none yet
[[objectives.key_results]]
id = "KR2"
title = "Branches signed up"
start = 0.0
target = 10.0
weight = 2.0   # counts double

# Satisfaction survey, monthly
[[kpis]]
id = "K1"
name = "User satisfaction"
unit = "%"
direction = "up"   # higher is better
target = 90.0
threshold = 80.0
history = [{ date = 2026-11-01, value = 84.0 }]   # October survey

# Cost per card issued, no reading yet
[[kpis]]
id = "K2"
name = "Cost per card"
unit = "£"
direction = "down"
target = 2.0   # pounds

# The end
"#;

#[test]
fn checkin_and_record_keep_every_comment_in_toml() {
    let (dir, path) = scratch_text(COMMENTED, "product.toml");
    let d = dir.path();
    let out = ok(
        d,
        &[
            "okr",
            "checkin",
            "O1.KR1",
            "150",
            "--note",
            "poster campaign",
        ],
    );
    assert_eq!(
        out,
        "Checked in O1.KR1 at 150 on 2026-11-23: progress 0.50; O1 grades 0.17\n"
    );
    let out = ok(d, &["okr", "checkin", "O1.KR2", "3"]);
    assert_eq!(
        out,
        "Checked in O1.KR2 at 3 on 2026-11-23: progress 0.30; O1 grades 0.37\n"
    );
    let out = ok(d, &["kpi", "record", "K1", "88"]);
    assert_eq!(
        out,
        "Recorded K1 (User satisfaction) at 88% on 2026-11-23: amber, +4 better\n"
    );
    let out = ok(
        d,
        &[
            "kpi",
            "record",
            "K2",
            "£2.40",
            "--date",
            "2026-11-20",
            "--note",
            "Q3 accounts",
        ],
    );
    assert_eq!(
        out,
        "Recorded K2 (Cost per card) at £2.40 on 2026-11-20: red\n"
    );
    let expected = COMMENTED
        .replace(
            "current = 120.0\nhistory = [{ date = 2026-11-01, value = 120.0 }]   # first count",
            "current = 150\nhistory = [{ date = 2026-11-01, value = 120.0 }, { date = 2026-11-23, value = 150, note = \"poster campaign\" }]   # first count",
        )
        .replace(
            "target = 10.0\nweight = 2.0   # counts double\n",
            "target = 10.0\ncurrent = 3\nweight = 2.0   # counts double\nhistory = [{ date = 2026-11-23, value = 3 }]\n",
        )
        .replace(
            "history = [{ date = 2026-11-01, value = 84.0 }]   # October survey",
            "history = [{ date = 2026-11-01, value = 84.0 }, { date = 2026-11-23, value = 88 }]   # October survey",
        )
        .replace(
            "target = 2.0   # pounds\n",
            "target = 2.0   # pounds\nhistory = [{ date = 2026-11-20, value = 2.4, note = \"Q3 accounts\" }]\n",
        );
    assert_ne!(expected, COMMENTED, "the replacements matched");
    assert_eq!(text(&path), expected);
    // Every comment line of the input is still there.
    for line in COMMENTED.lines().filter(|l| l.contains('#')) {
        let comment = &line[line.find('#').unwrap()..];
        assert!(text(&path).contains(comment), "lost `{comment}`");
    }
}

const JSON: &str = r#"{
  "version": 1,
  "product": {
    "name": "Library cards",
    "key": "LC"
  },
  "objectives": [
    {
      "id": "O1",
      "title": "More members join online",
      "start": "2026-10-01",
      "end": "2026-12-31",
      "key_results": [
        {
          "id": "KR1",
          "title": "Weekly sign-ups",
          "start": 100.0,
          "target": 200.0,
          "current": 120.0,
          "history": [
            {
              "date": "2026-11-01",
              "value": 120.0
            }
          ]
        }
      ]
    }
  ],
  "kpis": [
    {
      "id": "K1",
      "name": "User satisfaction",
      "unit": "%",
      "direction": "up",
      "target": 90.0,
      "threshold": 80.0,
      "history": [
        {
          "date": "2026-11-01",
          "value": 84.0
        }
      ]
    }
  ]
}
"#;

#[test]
fn checkin_and_record_work_on_json_files() {
    let (dir, path) = scratch_text(JSON, "product.json");
    let d = dir.path();
    ok(
        d,
        &["okr", "checkin", "O1.KR1", "150", "--date", "2026-11-20"],
    );
    let v = ok_json(
        d,
        &["okr", "checkin", "O1.KR1", "130", "--date", "2026-11-10"],
        "checkin",
    );
    close(f(&v["current"]), 150.0);
    close(f(&v["progress"]), 0.5);
    assert_eq!(v["back_dated"], true);
    let v = ok_json(
        d,
        &["kpi", "record", "K1", "88.5", "--note", "survey"],
        "kpi_recorded",
    );
    assert_eq!(v["kpi"]["status"], "amber");
    close(f(&v["kpi"]["change"]), 4.5);

    let file: Value = serde_json::from_str(&text(&path)).unwrap();
    let kr = &file["objectives"][0]["key_results"][0];
    close(f(&kr["current"]), 150.0);
    assert_eq!(
        kr["history"],
        serde_json::json!([
            {"date": "2026-11-01", "value": 120.0},
            {"date": "2026-11-10", "value": 130},
            {"date": "2026-11-20", "value": 150},
        ])
    );
    assert_eq!(
        file["kpis"][0]["history"],
        serde_json::json!([
            {"date": "2026-11-01", "value": 84.0},
            {"date": "2026-11-23", "value": 88.5, "note": "survey"},
        ])
    );
    // Only the current value and the histories changed, in the file's own layout.
    let expected = JSON
        .replace(
            "          \"current\": 120.0,",
            "          \"current\": 150,",
        )
        .replace(
            "              \"value\": 120.0\n            }\n",
            "              \"value\": 120.0\n            },\n            {\n              \"date\": \"2026-11-10\",\n              \"value\": 130\n            },\n            {\n              \"date\": \"2026-11-20\",\n              \"value\": 150\n            }\n",
        )
        .replace(
            "          \"value\": 84.0\n        }\n",
            "          \"value\": 84.0\n        },\n        {\n          \"date\": \"2026-11-23\",\n          \"value\": 88.5,\n          \"note\": \"survey\"\n        }\n",
        );
    assert_eq!(text(&path), expected);

    // Adding goals to a JSON file writes dates as strings too.
    ok(
        d,
        &["okr", "add", "--title", "Cards", "--quarter", "2027-Q2"],
    );
    ok(
        d,
        &[
            "kpi",
            "add",
            "--name",
            "Cost",
            "--unit",
            "£",
            "--direction",
            "down",
            "--target",
            "2",
        ],
    );
    let file: Value = serde_json::from_str(&text(&path)).unwrap();
    assert_eq!(file["objectives"][1]["start"], "2027-04-01");
    assert_eq!(file["objectives"][1]["end"], "2027-06-30");
    assert_eq!(file["kpis"][1]["id"], "K2");
    assert_eq!(file["kpis"][1]["direction"], "down");
}

// ----------------------------------------------------------------- pictures

#[test]
fn pictures_are_ascii_outside_a_utf8_locale() {
    let (dir, _path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    ok(d, &["okr", "checkin", "O1.KR1", "60"]);
    ok(d, &["kpi", "record", "K1", "88"]);
    let blocks = ['█', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '░'];
    let sparks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let no_unicode_pictures = |out: &str| {
        assert!(
            !out.chars()
                .any(|c| blocks.contains(&c) || sparks.contains(&c)),
            "{out}"
        );
    };

    // O1: KR1 40 → 80 at 60 is 0.5, KR2 at its start 0: graded 0.25.
    let utf8 = ok(d, &["okr", "list"]);
    assert!(utf8.contains("██░░░░░░ 0.25"), "{utf8}");
    let utf8 = ok(d, &["okr", "show", "O1"]);
    assert!(utf8.contains("████░░░░ 0.50"), "{utf8}");
    assert!(utf8.contains("▁█"), "{utf8}");

    for lang in ["C", "POSIX"] {
        let ascii = |args: &[&str]| {
            let out = product(d).env("LANG", lang).args(args).output().unwrap();
            assert!(out.status.success());
            stdout(&out)
        };
        let out = ascii(&["okr", "list"]);
        assert!(out.contains("##...... 0.25"), "{out}");
        no_unicode_pictures(&out);
        let out = ascii(&["okr", "show", "O1"]);
        assert!(out.contains("####.... 0.50"), "{out}");
        // The trend is the last column: its line ends with it.
        assert!(out.lines().any(|l| l.ends_with(" _^")), "{out}");
        no_unicode_pictures(&out);
        let out = ascii(&["kpi", "list"]);
        // The trend is the last column: its line ends with it.
        assert!(out.lines().any(|l| l.ends_with(" _^")), "{out}");
        no_unicode_pictures(&out);
        let out = ascii(&["show"]);
        assert!(out.contains("##...... 0.25"), "{out}");
        no_unicode_pictures(&out);
    }

    // LC_ALL wins over LANG.
    let out = product(d)
        .env("LC_ALL", "C")
        .args(["okr", "list"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("##...... 0.25"));

    // A dumb terminal with colour turned off draws ASCII even in UTF-8.
    let out = product(d)
        .env("TERM", "dumb")
        .args(["--color", "never", "okr", "list"])
        .output()
        .unwrap();
    let out = stdout(&out);
    assert!(out.contains("##...... 0.25"), "{out}");
    no_unicode_pictures(&out);
    // ... but not without --color never.
    let out = product(d)
        .env("TERM", "dumb")
        .args(["okr", "list"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("██░░░░░░ 0.25"));
}

// ----------------------------------------------------------------- template

#[test]
fn init_govuk_template_adds_the_four_kpis_in_toml_and_json() {
    let four = [
        ("K1", "Cost per transaction", "£", "down"),
        ("K2", "User satisfaction", "%", "up"),
        ("K3", "Completion rate", "%", "up"),
        ("K4", "Digital take-up", "%", "up"),
    ];
    let check = |v: &Value| {
        let kpis = v["kpis"].as_array().unwrap();
        assert_eq!(kpis.len(), 4, "{v}");
        for (k, (id, name, unit, direction)) in kpis.iter().zip(four) {
            assert_eq!(k["id"], id);
            assert_eq!(k["name"], name);
            assert_eq!(k["unit"], unit);
            assert_eq!(k["direction"], direction);
            assert!(k["target"].is_null(), "{k}");
            assert!(k["latest"].is_null(), "{k}");
            assert_eq!(k["status"], "unknown");
        }
    };

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = ok(
        d,
        &["init", "--name", "Renew a licence", "--template", "govuk"],
    );
    assert!(
        out.contains(
            "With the govuk template's KPIs: K1 Cost per transaction, K2 User satisfaction, \
             K3 Completion rate, K4 Digital take-up"
        ),
        "{out}"
    );
    let path = d.join("product.toml");
    for (id, name, unit, direction) in four {
        let k = kpi(&path, id);
        assert_eq!(k["name"].as_str(), Some(name));
        assert_eq!(k["unit"].as_str(), Some(unit));
        assert_eq!(k["direction"].as_str(), Some(direction));
        assert!(!k.contains_key("target"));
    }
    check(&ok_json(d, &["kpi", "list"], "kpi_list"));
    let out = ok(d, &["kpi", "list"]);
    has_row(&out, "K1 Cost per transaction no reading none unknown");
    // A target set later gives a status.
    ok(
        d,
        &["kpi", "edit", "K2", "--target", "90", "--threshold", "80"],
    );
    ok(d, &["kpi", "record", "K2", "84"]);
    let v = ok_json(d, &["kpi", "show", "K2"], "kpi");
    assert_eq!(v["status"], "amber");

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "-f",
            "x.json",
            "init",
            "--name",
            "Renew a licence",
            "--template",
            "govuk",
        ],
    );
    let file: Value = serde_json::from_str(&text(&d.join("x.json"))).unwrap();
    assert_eq!(file["kpis"].as_array().unwrap().len(), 4);
    assert_eq!(file["kpis"][0]["name"], "Cost per transaction");
    check(&ok_json(d, &["-f", "x.json", "kpi", "list"], "kpi_list"));
    // Discovered without -f too, once it is called product.json.
    std::fs::rename(d.join("x.json"), d.join("product.json")).unwrap();
    check(&ok_json(d, &["kpi", "list"], "kpi_list"));
}

// ------------------------------------------------------------ dates and edits

#[test]
fn readings_dated_after_today_are_refused() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    // A typo for 2026 would otherwise stand as the latest for decades.
    refused_value(
        d,
        &path,
        &["okr", "checkin", "O1.KR1", "90", "--date", "2062-11-01"],
        &["2062-11-01 is after today (2026-11-23)", "check the year"],
    );
    refused_value(
        d,
        &path,
        &["kpi", "record", "K1", "95", "--date", "2026-11-24"],
        &["2026-11-24 is after today"],
    );
    // Today itself is fine.
    ok(d, &["kpi", "record", "K1", "95", "--date", "2026-11-23"]);
}

#[test]
fn a_backdated_reading_reports_its_own_status() {
    let (dir, _) = scratch_text(GOALS, "product.toml");
    let v = ok_json(
        dir.path(),
        &["kpi", "record", "K1", "70", "--date", "2026-10-01"],
        "kpi_recorded",
    );
    assert_eq!(v["reading_status"], "red");
    assert_eq!(v["back_dated"], true);
    assert_eq!(v["kpi"]["status"], "amber");
    assert_eq!(v["kpi"]["latest"]["date"], "2026-11-01");
}

#[test]
fn a_kpi_target_can_be_removed_and_its_status_is_then_unknown() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    let v = ok_json(
        d,
        &[
            "kpi",
            "edit",
            "K1",
            "--target",
            "none",
            "--threshold",
            "none",
        ],
        "kpi_updated",
    );
    assert!(v["kpi"].get("target").is_none(), "{v}");
    assert!(!text(&path).contains("target = 90.0"));
    let v = ok_json(d, &["kpi", "show", "K1"], "kpi");
    assert_eq!(v["status"], "unknown");
}

#[test]
fn a_case_slip_in_an_id_gets_a_did_you_mean() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    refused(
        dir.path(),
        &path,
        &["okr", "checkin", "o1.kr1", "60"],
        &["no key result `o1.kr1`", "did you mean `O1.KR1`?"],
    );
}

#[test]
fn grades_on_a_band_boundary_take_the_upper_band() {
    // 70 → 56 minutes, now 64.4: 5.6 / 14 is exactly 0.4 by hand.
    let (dir, _) = scratch_text(BACKLOG, "product.toml");
    let d = dir.path();
    ok(
        d,
        &[
            "okr",
            "add",
            "--title",
            "Faster runs",
            "--quarter",
            "2027-Q1",
        ],
    );
    ok(
        d,
        &[
            "okr", "kr", "add", "O1", "--title", "Run time", "--start", "70", "--target", "56",
        ],
    );
    let v = ok_json(d, &["okr", "checkin", "O1.KR1", "64.4"], "checkin");
    assert_eq!(v["grade"], 0.4);
    assert_eq!(v["objective"]["colour"], "amber");
}

#[test]
fn okr_show_lists_check_ins_with_their_notes() {
    let (dir, _) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    ok(
        d,
        &["okr", "checkin", "O1.KR1", "60", "--note", "new form live"],
    );
    let out = ok(d, &["okr", "show", "O1"]);
    has_row(&out, "O1.KR1 2026-11-01 52% 0.30");
    has_row(&out, "O1.KR1 2026-11-23 60% 0.50 new form live");
}

// ------------------------------------- editing and removing goals (issue 19)

#[test]
fn objectives_and_key_results_are_edited_and_removed() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    let out = ok(
        d,
        &[
            "okr",
            "edit",
            "O2",
            "--title",
            "Every branch takes cards and cash",
            "--quarter",
            "2027-Q1",
            "--commitment",
            "committed",
        ],
    );
    assert_eq!(
        out,
        "Updated O2: Every branch takes cards and cash (committed, 2027-01-01 to 2027-03-31)\n"
    );
    let o2 = objective(&path, "O2");
    assert_eq!(o2["commitment"].as_str(), Some("committed"));
    assert_eq!(o2["end"].to_string(), "2027-03-31");
    let v = ok_json(
        d,
        &["okr", "edit", "O2", "--start", "none", "--end", "none"],
        "objective_updated",
    );
    assert_eq!(v["action"], "updated");
    assert!(v["objective"].get("start").is_none(), "{v}");
    refuses(
        3,
        d,
        &path,
        &["okr", "edit", "O9", "--title", "X"],
        &["no objective `O9`", "O1, O2"],
    );
    refuses(2, d, &path, &["okr", "edit", "O1"], &["nothing to change"]);

    let out = ok(
        d,
        &[
            "okr", "kr", "edit", "O1.KR2", "--target", "4", "--weight", "2", "--unit", "minutes",
        ],
    );
    assert_eq!(
        out,
        "Updated O1.KR2: Minutes to join (from 20 minutes to 4 minutes)\n"
    );
    let kr = key_result(&path, "O1.KR2");
    assert_eq!(
        (kr["target"].to_string(), kr["weight"].to_string()),
        ("4".into(), "2".into())
    );
    ok(d, &["okr", "kr", "edit", "O1.KR2", "--weight", "none"]);
    assert!(key_result(&path, "O1.KR2").get("weight").is_none());
    refuses(
        2,
        d,
        &path,
        &["okr", "kr", "edit", "O1.KR2", "--start", "4"],
        &["--start and --target are both 4"],
    );

    // LC-1 links to O1.KR1: refused, named, and the file untouched.
    refuses(
        2,
        d,
        &path,
        &["okr", "kr", "rm", "O1.KR1", "--yes"],
        &[
            "O1.KR1 has items linked to it: LC-1",
            "product okr kr rm O1.KR1 --unlink",
        ],
    );
    // Off a terminal, a removal needs --yes.
    refuses(
        2,
        d,
        &path,
        &["okr", "kr", "rm", "O1.KR2"],
        &["`okr kr rm O1.KR2` needs confirmation", "--yes"],
    );
    let v = ok_json(
        d,
        &["okr", "kr", "rm", "O1.KR1", "--unlink", "--yes"],
        "key_result_removed",
    );
    assert_eq!(v["unlinked"], serde_json::json!(["LC-1"]));
    let file = read(&path);
    assert!(file["items"][0].get("key_results").is_none(), "{file:?}");
    ok(d, &["check"]);

    let out = ok(d, &["okr", "rm", "O1", "--yes"]);
    assert_eq!(out, "Removed O1: Joining takes five minutes (and O1.KR2)\n");
    assert_eq!(read(&path)["objectives"].as_array().unwrap().len(), 1);
    // An id once issued is not issued again.
    assert_eq!(
        ok(d, &["okr", "add", "--title", "Renewals are automatic"])
            .lines()
            .next(),
        Some("Added O3: Renewals are automatic (aspirational)")
    );
}

#[test]
fn check_ins_and_kpi_readings_are_corrected_and_removed_by_date() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    ok(d, &["okr", "checkin", "O1.KR1", "60"]);
    let out = ok(
        d,
        &[
            "okr",
            "checkin",
            "edit",
            "O1.KR1",
            "--date",
            "2026-11-01",
            "--value",
            "50%",
            "--note",
            "recounted",
        ],
    );
    assert_eq!(
        out,
        "Corrected O1.KR1's check-in on 2026-11-01: 50% (was 52%); the latest is 60% on 2026-11-23: O1 grades 0.25\n"
    );
    let out = ok(
        d,
        &["okr", "checkin", "rm", "O1.KR1", "--date", "2026-11-23"],
    );
    assert_eq!(
        out,
        "Removed O1.KR1's check-in of 60% on 2026-11-23; the latest is 50% on 2026-11-01: O1 grades 0.12\n"
    );
    let kr = key_result(&path, "O1.KR1");
    assert_eq!(kr["current"].to_string(), "50");
    assert_eq!(kr["history"].as_array().unwrap().len(), 1);
    assert_eq!(kr["history"][0]["note"].as_str(), Some("recounted"));
    refuses(
        3,
        d,
        &path,
        &["okr", "checkin", "rm", "O1.KR1", "--date", "2026-11-02"],
        &["O1.KR1 has no check-in on 2026-11-02", "2026-11-01"],
    );

    ok(d, &["kpi", "record", "K1", "88"]);
    ok(d, &["kpi", "record", "K1", "86"]);
    refuses(
        2,
        d,
        &path,
        &["kpi", "reading", "rm", "K1", "--date", "2026-11-23"],
        &["K1 has 2 readings on 2026-11-23: 88, 86", "--was 88"],
    );
    let v = ok_json(
        d,
        &[
            "kpi",
            "reading",
            "rm",
            "K1",
            "--date",
            "2026-11-23",
            "--was",
            "86%",
        ],
        "kpi_reading_removed",
    );
    assert_eq!(
        (
            v["reading"]["value"].as_f64(),
            v["latest"]["value"].as_f64()
        ),
        (Some(86.0), Some(88.0))
    );
    let v = ok_json(
        d,
        &[
            "kpi",
            "reading",
            "edit",
            "K1",
            "--date",
            "2026-11-01",
            "--value",
            "81",
        ],
        "kpi_reading_updated",
    );
    assert_eq!(
        (v["action"].as_str(), v["before"]["value"].as_f64()),
        (Some("updated"), Some(84.0))
    );
    let history: Vec<String> = read(&path)["kpis"][0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].to_string())
        .collect();
    assert_eq!(history, ["81", "88"]);
    refuses(
        2,
        d,
        &path,
        &[
            "kpi",
            "reading",
            "edit",
            "K1",
            "--date",
            "2026-11-01",
            "--value",
            "lots",
        ],
        &["lots"],
    );
    refuses(
        2,
        d,
        &path,
        &["kpi", "reading", "edit", "K1", "--date", "2026-11-01"],
        &["nothing to change"],
    );
}

#[test]
fn a_kpi_is_removed_and_the_govuk_template_added_to_a_product_that_has_begun() {
    let (dir, path) = scratch_text(GOALS, "product.toml");
    let d = dir.path();
    refuses(
        2,
        d,
        &path,
        &["kpi", "rm", "K2"],
        &["`kpi rm K2` needs confirmation"],
    );
    refuses(
        3,
        d,
        &path,
        &["kpi", "rm", "K9", "--yes"],
        &["no KPI `K9`", "K1, K2"],
    );
    assert_eq!(
        ok(d, &["kpi", "rm", "K2", "--yes"]),
        "Removed K2: Cost per join\n"
    );

    let out = ok(d, &["kpi", "add", "--template", "govuk"]);
    assert_eq!(
        out,
        "Added K3: Cost per transaction\nAdded K4: Completion rate\nAdded K5: Digital take-up\nAlready there: User satisfaction (K1)\nNext: product kpi edit K3 --target X --threshold Y\n"
    );
    let kpis = read(&path)["kpis"].as_array().unwrap().clone();
    let cost = kpis
        .iter()
        .find(|k| k["id"].as_str() == Some("K3"))
        .unwrap();
    assert_eq!(
        (
            cost["unit"].as_str(),
            cost["direction"].as_str(),
            cost["cadence"].as_str()
        ),
        (Some("£"), Some("down"), Some("quarterly"))
    );
    let v = ok_json(
        d,
        &["kpi", "add", "--template", "govuk"],
        "kpi_template_added",
    );
    assert_eq!(
        (
            v["action"].as_str(),
            v["added"].as_array().unwrap().len(),
            v["skipped"].as_array().unwrap().len()
        ),
        (Some("unchanged"), 0, 4)
    );
    refuses(
        2,
        d,
        &path,
        &["kpi", "add", "--template", "basic"],
        &["the basic template has no KPIs", "--template govuk"],
    );
    let out = product(d)
        .args(["kpi", "add", "--template", "govuk", "--name", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// GOALS with an owner and leadership under the default rules, and a
/// roadmap entry serving O1.
fn team_goals() -> String {
    GOALS.replace(
        "key = \"LC\"\n",
        "key = \"LC\"\nowner = \"Priya Shah\"\n\n[[people]]\nname = \"Priya Shah\"\nroles = [\"owner\"]\n\n[[people]]\nname = \"Dan Okafor\"\nroles = [\"leadership\"]\n\n[[roadmap]]\nid = \"R1\"\ntitle = \"Join online\"\nhorizon = \"now\"\nobjectives = [\"O1\"]\n",
    )
}

#[test]
fn removing_an_objective_or_a_kpi_needs_leaderships_agreement_and_is_logged() {
    let (dir, path) = scratch_text(&team_goals(), "product.toml");
    let d = dir.path();
    let priya = ["--as", "Priya Shah"];
    let rm = |extra: &[&str]| -> Vec<String> {
        [&priya[..], &["okr", "rm", "O1", "--yes"], extra]
            .concat()
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let args = rm(&[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refuses(
        2,
        d,
        &path,
        &args,
        &[
            "O1 is linked to: item LC-1 links to its key results; roadmap entry R1 serves it",
            "product okr rm O1 --unlink",
        ],
    );
    let args = rm(&["--unlink"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refuses(
        4,
        d,
        &path,
        &args,
        &["goals decisions need the agreement of one of [leadership]: Dan Okafor"],
    );
    let args = rm(&[
        "--unlink",
        "--agreed-by",
        "Dan Okafor",
        "--why",
        "Folded into O2",
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = product(d).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Removed O1: Joining takes five minutes (and O1.KR1, O1.KR2)\nNo longer linked to its key results: LC-1\nNo longer serving it: R1\n"
    );
    assert_eq!(
        stderr(&out),
        "Logged D1: goals decision by Priya Shah, agreed by Dan Okafor\n"
    );
    let file = read(&path);
    let decision = &file["decisions"][0];
    assert_eq!(
        (
            decision["kind"].as_str(),
            decision["agreed_by"][0].as_str(),
            decision["rationale"].as_str()
        ),
        (Some("goals"), Some("Dan Okafor"), Some("Folded into O2"))
    );
    assert!(file["roadmap"][0].get("objectives").is_none(), "{file:?}");
    ok(d, &["check"]);

    refuses(
        4,
        d,
        &path,
        &["--as", "Priya Shah", "kpi", "rm", "K2", "--yes"],
        &["metrics decisions need the agreement"],
    );
    refuses(
        4,
        d,
        &path,
        &["--as", "Priya Shah", "kpi", "add", "--template", "govuk"],
        &["metrics decisions need the agreement"],
    );
    ok(
        d,
        &[
            "--as",
            "Priya Shah",
            "--agreed-by",
            "Dan Okafor",
            "kpi",
            "rm",
            "K2",
            "--yes",
        ],
    );
    assert_eq!(
        read(&path)["decisions"][1]["kind"].as_str(),
        Some("metrics")
    );
    // A reading is no decision: anyone may correct one.
    ok(
        d,
        &[
            "--as",
            "Someone Else",
            "kpi",
            "reading",
            "edit",
            "K1",
            "--date",
            "2026-11-01",
            "--value",
            "85",
        ],
    );
    assert_eq!(read(&path)["decisions"].as_array().unwrap().len(), 2);
}
