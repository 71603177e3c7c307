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
