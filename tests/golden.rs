//! Format preservation, golden-file style: each folder under tests/golden
//! holds a hand-written product file (`in.*`), the commands to run on it
//! (`cmd`, one a line) and the expected file afterwards (`out.*`).

mod common;

use std::path::Path;

use common::{assert_golden, product, words};

fn run_case(case: &str, file_name: &str) -> (String, String) {
    let folder = common::repo("tests/golden").join(case);
    let ext = Path::new(file_name).extension().unwrap().to_str().unwrap();
    let (dir, path) = common::scratch_with(&folder.join(format!("in.{ext}")), file_name);
    let commands = std::fs::read_to_string(folder.join("cmd")).unwrap();
    for line in commands.lines().filter(|l| !l.trim().is_empty()) {
        product(dir.path()).args(words(line)).assert().success();
    }
    let out = std::fs::read_to_string(&path).unwrap();
    assert_golden(&folder.join(format!("out.{ext}")), &out);
    (
        std::fs::read_to_string(folder.join(format!("in.{ext}"))).unwrap(),
        out,
    )
}

#[test]
fn toml_edits_change_only_what_they_change() {
    let (input, output) = run_case("toml-edits", "product.toml");
    // Whatever the golden file says, no comment and no unknown key may be lost.
    for line in input.lines() {
        let kept = line.trim_start().starts_with('#')
            || line.contains("x-jira")
            || line.contains("team_channel");
        if kept {
            assert!(output.contains(line), "lost line: {line}");
        }
    }
}

#[test]
fn json_edits_keep_order_indentation_and_unknown_keys() {
    let (_, output) = run_case("json-edits", "product.json");
    let value: serde_json::Value = serde_json::from_str(&output).unwrap();
    assert_eq!(value["x-custom-section"]["keep"], true);
    assert_eq!(value["product"]["team_channel"], "#library-cards");
    let lc1 = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "LC-1")
        .unwrap();
    assert_eq!(lc1["x-jira"], "LIB-101");
    assert!(
        output.contains("\n    \"version\": 1,"),
        "four-space indentation kept"
    );
}

#[test]
fn removing_the_first_item_keeps_the_section_heading() {
    let (_, output) = run_case("toml-rm", "product.toml");
    assert!(output.contains("# In priority order. Do not sort by hand on Fridays.\n\n# A bug users keep reporting.\n[[items]]\nid    = \"LC-2\""));
    assert!(
        !output.contains("# Spike: timeboxed."),
        "a removed item's own comment goes with it"
    );
}

#[test]
fn rank_apply_moves_tables_with_their_comments() {
    let (input, output) = run_case("rank-apply", "product.toml");
    for line in input.lines() {
        assert!(output.contains(line), "lost line: {line}");
    }
    assert_eq!(input.lines().count(), output.lines().count());
    assert!(
        output.contains("# In priority order.\n\n# The screen reader bug: small and urgent.\n[[items]]\nid = \"LC-4\""),
        "the section heading stays on top and LC-4 brings its own comment"
    );
}

#[test]
fn goal_edits_keep_comments_and_readings_in_place_in_toml() {
    let (input, output) = run_case("goals-edits", "product.toml");
    for line in input.lines() {
        if let Some(at) = line.find('#') {
            assert!(output.contains(&line[at..]), "lost comment: {line}");
        }
        if line.starts_with("x-") {
            assert!(output.contains(line), "lost line: {line}");
        }
    }
    // The back-dated check-in lands between the readings around it, and the
    // comment above the 2026-11-01 reading stays above that reading.
    assert!(output.contains(
        "  { date = 2026-10-01, value = 44.0 },\n  { date = 2026-10-15, value = 48 },\n  # after the postcode fix\n  { date = 2026-11-01, value = 52.0 },\n"
    ));
}

#[test]
fn goal_edits_keep_unknown_keys_with_their_readings_in_json() {
    let (_, output) = run_case("goals-edits", "product.json");
    let value: serde_json::Value = serde_json::from_str(&output).unwrap();
    let history = &value["objectives"][0]["key_results"][0]["history"];
    let dates: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2026-10-01", "2026-10-15", "2026-11-01", "2026-11-20"]
    );
    assert_eq!(history[2]["x-source"], "web analytics");
    assert_eq!(value["kpis"][0]["history"][0]["x-survey"], "autumn");
    assert_eq!(value["objectives"][0]["x-sponsor"], "Head of libraries");
}

#[test]
fn goal_removals_and_corrections_keep_the_comments_of_what_stays() {
    let (_, output) = run_case("goals-removals", "product.toml");
    for kept in [
        "# --- Objectives ---",
        "x-sponsor = \"Head of libraries\"   # an unknown key: kept",
        "# Completion rate of the online form.",
        "start = 20.0   # lower is better",
        "# --- KPIs ---",
        "# --- Roadmap ---",
    ] {
        assert!(output.contains(kept), "lost: {kept}");
    }
    // The check-in corrected keeps the comment above it and its unknown key;
    // the one removed before it takes its own comment along.
    assert!(output.contains("history = [\n  # after the postcode fix\n  { date = 2026-11-01, value = 53, note = \"recounted\", x-source = \"web analytics\" },\n]"), "{output}");
    for gone in [
        "# Dropped after the review.",
        "# A stretch for next year.",
        "# Not measured any more.",
        "first count",
        "keyed in wrong",
        "O2",
    ] {
        assert!(!output.contains(gone), "`{gone}` is still there:\n{output}");
    }
}
