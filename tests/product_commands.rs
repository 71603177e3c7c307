//! `init`, `show` and `vision`, and the JSON envelope of every command.

mod common;

use common::{MINIMAL, product, scratch_text, scratch_with};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

#[test]
fn init_writes_a_commented_file_that_the_tool_reads() {
    let dir = tempfile::tempdir().unwrap();
    product(dir.path())
        .args(["init", "--name", "Library cards", "--key", "LC"])
        .assert()
        .success()
        .stdout(contains("Created product.toml for Library cards"));
    let text = std::fs::read_to_string(dir.path().join("product.toml")).unwrap();
    assert!(text.starts_with("# The product file"), "{text}");
    assert!(
        text.contains("name = \"Library cards\"\nkey = \"LC\""),
        "{text}"
    );
    product(dir.path())
        .args(["item", "add", "First"])
        .assert()
        .success()
        .stdout(contains("Added LC-1"));
    product(dir.path())
        .args(["vision", "set", "--statement", "Join online"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("product.toml")).unwrap();
    assert!(
        text.contains("# owner = \"Your Name\""),
        "comments kept: {text}"
    );
    assert!(text.contains("statement = \"Join online\""), "{text}");
    // The starter file reads back with everything it was given.
    product(dir.path())
        .args(["show"])
        .assert()
        .success()
        .stdout(contains("Join online").and(contains("1 idea")));
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    product(dir.path())
        .args(["init"])
        .assert()
        .code(2)
        .stderr(contains("already exists").and(contains("--force")));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
    product(dir.path())
        .args(["init", "--name", "Fresh", "--force"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("name = \"Fresh\"")
    );
}

#[test]
fn init_json_and_bad_keys() {
    let dir = tempfile::tempdir().unwrap();
    let out = product(dir.path())
        .args(["init", "--name", "Library cards", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let envelope: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(envelope["kind"], "init");
    assert_eq!(envelope["key"], "LC");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("product.json")).unwrap())
            .unwrap();
    assert_eq!(file["product"]["key"], "LC");
    product(dir.path())
        .args(["item", "add", "First"])
        .assert()
        .success();
    let other = tempfile::tempdir().unwrap();
    product(other.path())
        .args(["init", "--key", "lc"])
        .assert()
        .code(2)
        .stderr(contains("--key"));
    assert!(!other.path().join("product.toml").exists());
}

#[test]
fn show_is_a_dashboard() {
    let (dir, _) = scratch_with(&common::repo("examples/product.toml"), "product.toml");
    product(dir.path())
        .args(["show"])
        .assert()
        .success()
        .stdout(
            contains("Prescription payments")
                .and(contains("Vision:"))
                .and(contains("Top of the backlog (5 of"))
                .and(contains("RX-")),
        );
}

#[test]
fn vision_set_replaces_lists_and_show_prints_them() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    product(dir.path())
        .args([
            "vision",
            "set",
            "--statement",
            "Join in five minutes",
            "--user",
            "Residents",
            "--user",
            "Staff",
        ])
        .assert()
        .success();
    product(dir.path())
        .args(["vision", "set", "--user", "Visitors"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("[vision]\nstatement = \"Join in five minutes\"\nusers = [\"Visitors\"]\n"),
        "{text}"
    );
    product(dir.path())
        .args(["vision"])
        .assert()
        .success()
        .stdout("Vision of Library cards\nJoin in five minutes\n\nUsers\n- Visitors\n");
    product(dir.path())
        .args(["vision", "set"])
        .assert()
        .code(2)
        .stderr(contains("nothing to set"));
}

/// Every command's `--json` output is one object with `kind` and `version`.
#[test]
fn every_command_speaks_the_json_envelope() {
    for name in ["product.toml", "product.json"] {
        let (dir, _) = scratch_with(&common::repo(&format!("examples/{name}")), name);
        let run = |args: &[&str]| -> serde_json::Value {
            // The owner acts, with leadership's agreement for what needs it.
            let out = product(dir.path())
                .args([
                    "--json",
                    "--as",
                    "Helen Marsh",
                    "--agreed-by",
                    "Tomasz Wren",
                ])
                .args(args)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.stderr.is_empty(), "{args:?}");
            let value: serde_json::Value =
                serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
                    panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout))
                });
            assert_eq!(value["version"], 1, "{args:?}");
            value
        };
        assert_eq!(run(&["show"])["kind"], "dashboard");
        assert_eq!(run(&["show"])["top"].as_array().unwrap().len(), 5);
        assert_eq!(run(&["vision"])["kind"], "vision");
        assert_eq!(run(&["vision", "show"])["kind"], "vision");
        assert_eq!(
            run(&["vision", "set", "--strategy", "Digital first"])["kind"],
            "vision_updated"
        );
        assert_eq!(run(&["item", "list"])["kind"], "item_list");
        let added = run(&["item", "add", "Scripted item"]);
        assert_eq!(added["kind"], "item_added");
        let id = added["item"]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            run(&["item", "show", &id])["item"]["title"],
            "Scripted item"
        );
        assert_eq!(
            run(&["item", "edit", &id, "--tag", "x"])["kind"],
            "item_updated"
        );
        assert_eq!(run(&["item", "move", &id, "--top"])["position"], 1);
        assert_eq!(run(&["item", "start", &id])["kind"], "item_started");
        assert_eq!(run(&["item", "done", &id])["item"]["done_on"], "2026-11-23");
        assert_eq!(
            run(&["item", "drop", &id, "--reason", "r"])["kind"],
            "item_dropped"
        );
        assert_eq!(run(&["item", "rm", &id, "--yes"])["kind"], "item_removed");
        assert_eq!(run(&["item", "score", "RX-1"])["kind"], "item_scores");
        assert_eq!(
            run(&["item", "score", "RX-1", "--size", "5"])["kind"],
            "item_scored"
        );
        assert_eq!(run(&["rank"])["kind"], "rank");
        assert_eq!(run(&["rank", "--by", "moscow"])["kind"], "rank");
        assert_eq!(
            run(&["rank", "--apply", "--dry-run"])["kind"],
            "rank_dry_run"
        );
        assert_eq!(run(&["rank", "--apply"])["kind"], "rank_applied");
        assert_eq!(run(&["rank"])["moves"], 0);
        let dashboard = run(&["show"]);
        assert_eq!(dashboard["objectives"].as_array().unwrap().len(), 2);
        assert_eq!(dashboard["kpis"].as_array().unwrap().len(), 3);
        assert_eq!(run(&["okr", "list"])["kind"], "okr_list");
        assert_eq!(run(&["okr", "show", "O1"])["kind"], "okr");
        let added = run(&["okr", "add", "--title", "Scripted", "--quarter", "2027-Q1"]);
        assert_eq!(added["kind"], "objective_added");
        assert_eq!(added["objective"]["id"], "O3");
        assert_eq!(
            run(&[
                "okr", "kr", "add", "O3", "--title", "t", "--start", "0", "--target", "6"
            ])["reference"],
            "O3.KR1"
        );
        assert_eq!(run(&["okr", "checkin", "O3.KR1", "3"])["grade"], 0.5);
        assert_eq!(run(&["kpi", "list"])["kind"], "kpi_list");
        assert_eq!(run(&["kpi", "show", "K1"])["kind"], "kpi");
        let args = [
            "--name",
            "N",
            "--unit",
            "%",
            "--direction",
            "up",
            "--target",
            "9",
        ];
        assert_eq!(
            run(&[&["kpi", "add"][..], &args].concat())["kpi"]["id"],
            "K4"
        );
        assert_eq!(run(&["kpi", "record", "K4", "8"])["kind"], "kpi_recorded");
        assert_eq!(
            run(&["kpi", "edit", "K4", "--threshold", "5"])["kind"],
            "kpi_updated"
        );
        let roadmap = run(&["roadmap", "list"]);
        assert_eq!(roadmap["kind"], "roadmap");
        assert_eq!(roadmap["now"].as_array().unwrap().len(), 2);
        assert_eq!(run(&["roadmap", "show", "R1"])["kind"], "roadmap_entry");
        let added = run(&["roadmap", "add", "--title", "T", "--horizon", "later"]);
        assert_eq!(added["entry"]["id"], "R6");
        assert_eq!(
            run(&["roadmap", "move", "R6", "--to", "next"])["from"],
            "later"
        );
        assert_eq!(
            run(&["roadmap", "edit", "R6", "--outcome", "o"])["kind"],
            "roadmap_updated"
        );
        assert_eq!(run(&["roadmap", "rm", "R6"])["kind"], "roadmap_removed");
        assert_eq!(run(&["mvp"])["kind"], "mvp");
        assert_eq!(run(&["experiment", "list"])["kind"], "experiment_list");
        let args = ["--name", "S", "--interest", "low", "--influence", "low"];
        assert_eq!(
            run(&[&["stakeholder", "add"][..], &args].concat())["quadrant"],
            "monitor"
        );
        assert_eq!(run(&["stakeholder", "list"])["monitor"][0]["name"], "S");
        assert_eq!(
            run(&["stakeholder", "rm", "S"])["kind"],
            "stakeholder_removed"
        );
        assert_eq!(run(&["people", "list"])["people"][0]["name"], "Helen Marsh");
        assert_eq!(run(&["schema"])["kind"], "schema");
        assert_eq!(run(&["rights"])["rights"].as_array().unwrap().len(), 9);
        let decided = run(&["decide", "--kind", "launch", "--summary", "Beta in March"]);
        assert_eq!(decided["kind"], "decision_added");
        let id = decided["decision"]["id"].as_str().unwrap().to_owned();
        assert_eq!(run(&["decisions"])["kind"], "decision_list");
        assert_eq!(
            run(&["decisions", "show", &id])["decision"]["kind"],
            "launch"
        );
        let args = ["people", "add", "Sam Lee"];
        assert_eq!(run(&args)["kind"], "person_added");
        let dashboard = run(&["show"]);
        assert_eq!(dashboard["roadmap_now"].as_array().unwrap().len(), 2);
        assert!(dashboard["mvp"]["items_total"].as_u64().unwrap() > 0);
        assert_eq!(run(&["completions", "bash"])["shell"], "bash");
        assert_eq!(run(&["man", "--out", "man"])["kind"], "man");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = product(dir.path())
        .args(["--format", "json", "-f", "p.toml", "init", "--name", "X"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (value["kind"].as_str(), value["version"].as_u64()),
        (Some("init"), Some(1))
    );
}

#[test]
fn toml_and_json_examples_are_the_same_product() {
    for command in [
        &["item", "list", "--all"][..],
        &["okr", "list"],
        &["kpi", "list"],
        &["roadmap", "list"],
        &["mvp"],
        &["stakeholder", "list"],
        &["experiment", "list"],
        &["people", "list"],
        &["rights"],
        &["decisions"],
        &["show"],
    ] {
        let load = |name: &str| {
            let (dir, _) = scratch_with(&common::repo(&format!("examples/{name}")), name);
            let out = product(dir.path())
                .args(command)
                .arg("--json")
                .output()
                .unwrap();
            let mut value = serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
            value.as_object_mut().unwrap().remove("file");
            value
        };
        assert_eq!(load("product.toml"), load("product.json"), "{command:?}");
    }
}
