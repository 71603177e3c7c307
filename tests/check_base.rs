//! `product check --base REV` against routes around the governance check,
//! each in a real git repository made in a temporary folder: a product file
//! renamed, moved or converted between TOML and JSON; a branch cut before
//! the rules that judge it; and changes of who holds which role. Each of
//! these passed the check before it was closed.

mod common;

use std::path::Path;

use common::{commit_all, git, ok, ok_json, product, stdout};
use serde_json::{Map, Value};

/// A product with an owner, a leader, a KPI and a decision log.
const PRODUCT: &str = r#"version = 1

[product]
name = "Check"
key = "CK"
owner = "Ada Byrne"

[[people]]
name = "Ada Byrne"
roles = ["owner"]

[[people]]
name = "Kofi Mensah"
roles = ["leadership"]

[[kpis]]
id = "K1"
name = "Satisfaction"
direction = "up"
target = 90.0
threshold = 80.0
cadence = "monthly"
history = [{ date = 2026-11-20, value = 85.0 }]

[[items]]
id = "CK-1"
title = "Pay by card"
kind = "feature"
status = "idea"

[[decisions]]
id = "D1"
date = 2026-11-02
kind = "metrics"
summary = "Satisfaction target 90%"
decided_by = "Ada Byrne"
agreed_by = ["Kofi Mensah"]
"#;

/// Routes both formats to the merge driver, so `merge-driver-missing` is quiet.
const ATTRIBUTES: &str = "product.toml merge=product\nproduct.json merge=product\n";

/// A repository whose `main` holds `text` as `product.toml`, checked out on
/// a new branch `feature`.
fn repository(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join(".gitattributes"), ATTRIBUTES).unwrap();
    std::fs::write(d.join("product.toml"), text).unwrap();
    commit_all(d, "Ada Byrne", "The product file");
    git(d, &["branch", "-M", "main"]);
    git(d, &["checkout", "-q", "-b", "feature"]);
    dir
}

/// The product's text with K1's target moved from 90 to 85, by hand.
fn target_85(text: &str) -> String {
    text.replacen("target = 90.0", "target = 85.0", 1)
}

/// The same product as JSON, keys in the TOML's order and dates as strings.
fn as_json(toml_text: &str) -> String {
    fn value(v: &toml_edit::Value) -> Value {
        match v {
            toml_edit::Value::String(s) => Value::String(s.value().clone()),
            toml_edit::Value::Integer(i) => Value::from(*i.value()),
            toml_edit::Value::Float(f) => Value::from(*f.value()),
            toml_edit::Value::Boolean(b) => Value::Bool(*b.value()),
            toml_edit::Value::Datetime(d) => Value::String(d.value().to_string()),
            toml_edit::Value::Array(a) => Value::Array(a.iter().map(value).collect()),
            toml_edit::Value::InlineTable(t) => Value::Object(
                t.iter()
                    .map(|(k, v)| (k.to_owned(), value(v)))
                    .collect::<Map<_, _>>(),
            ),
        }
    }
    fn table(t: &toml_edit::Table) -> Value {
        Value::Object(t.iter().map(|(k, v)| (k.to_owned(), item(v))).collect())
    }
    fn item(i: &toml_edit::Item) -> Value {
        match i {
            toml_edit::Item::Value(v) => value(v),
            toml_edit::Item::Table(t) => table(t),
            toml_edit::Item::ArrayOfTables(a) => Value::Array(a.iter().map(table).collect()),
            toml_edit::Item::None => Value::Null,
        }
    }
    let doc: toml_edit::DocumentMut = toml_text.parse().unwrap();
    serde_json::to_string_pretty(&table(doc.as_table())).unwrap() + "\n"
}

/// Runs `product [args] check --base main` in `dir`, which must fail (exit
/// 1), and returns what it printed and its JSON report.
fn fails(dir: &Path, args: &[&str]) -> (String, Value) {
    let run = |json: bool| {
        let mut cmd = product(dir);
        cmd.args(args).args(["check", "--base", "main"]);
        if json {
            cmd.arg("--json");
        }
        cmd.output().unwrap()
    };
    let out = run(false);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        common::stderr(&out)
    );
    let json = run(true);
    assert_eq!(json.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["kind"], "check");
    assert_eq!(report["passed"], false);
    (stdout(&out), report)
}

/// The messages of the report's `ungoverned-change` findings.
fn ungoverned(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "ungoverned-change")
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect()
}

fn decision(id: &str, kind: &str, decided_by: &str, agreed_by: &[&str]) -> String {
    let agreed: Vec<String> = agreed_by.iter().map(|a| format!("\"{a}\"")).collect();
    format!(
        "\n[[decisions]]\nid = \"{id}\"\ndate = 2026-11-23\nkind = \"{kind}\"\nsummary = \"s\"\ndecided_by = \"{decided_by}\"\nagreed_by = [{}]\n",
        agreed.join(", ")
    )
}

// ------------------------------------------------- 1. renaming the file

#[test]
fn converting_the_file_to_json_does_not_hide_a_target_change() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    git(d, &["rm", "-q", "product.toml"]);
    std::fs::write(d.join("product.json"), as_json(&target_85(PRODUCT))).unwrap();
    commit_all(d, "Ada Byrne", "To JSON, and K1 at 85");

    let (said, report) = fails(d, &[]);
    assert!(
        said.contains("error[ungoverned-change]: K1 target: 90 -> 85: a metrics change needs a decision agreed by leadership (Kofi Mensah)"),
        "{said}"
    );
    assert!(
        said.ends_with(
            "product.json: 1 error, 0 warnings (governance checked since main, where it was product.toml)\n"
        ),
        "{said}"
    );
    assert_eq!(report["base_found"], true);
    assert_eq!(report["changes_since"]["rev"], "main");
    assert_eq!(report["changes_since"]["path"], "product.toml");
    assert_eq!(report["changes_since"]["found_as"], "other_name");
    assert_eq!(report["rules_from"]["path"], "product.toml");

    // The conversion alone changes nothing that needs a decision.
    std::fs::write(d.join("product.json"), as_json(PRODUCT)).unwrap();
    let report = ok_json(d, &["check", "--base", "main"], "check");
    assert_eq!(report["findings"], Value::Array(Vec::new()), "{report:#}");
}

#[test]
fn a_file_moved_with_git_mv_is_compared_with_its_old_self() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    std::fs::create_dir(d.join("plans")).unwrap();
    git(d, &["mv", "product.toml", "plans/roadmap.toml"]);
    std::fs::write(d.join("plans/roadmap.toml"), target_85(PRODUCT)).unwrap();
    commit_all(d, "Ada Byrne", "Moved, and K1 at 85");

    let (said, report) = fails(d, &["-f", "plans/roadmap.toml"]);
    assert!(said.contains("K1 target: 90 -> 85"), "{said}");
    assert_eq!(report["changes_since"]["path"], "product.toml");
    assert_eq!(report["changes_since"]["found_as"], "renamed");

    // Not yet committed, only staged: git still reports the rename.
    git(d, &["mv", "plans/roadmap.toml", "plans/plan.toml"]);
    let (_, report) = fails(d, &["-f", "plans/plan.toml"]);
    assert_eq!(report["changes_since"]["found_as"], "renamed");
}

#[test]
fn a_file_moved_and_converted_at_once_is_still_found() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    std::fs::create_dir(d.join("plans")).unwrap();
    git(d, &["rm", "-q", "product.toml"]);
    std::fs::write(d.join("plans/product.json"), as_json(&target_85(PRODUCT))).unwrap();
    commit_all(d, "Ada Byrne", "Moved to JSON, and K1 at 85");

    let plans = d.join("plans");
    let (said, report) = fails(&plans, &[]);
    assert!(said.contains("K1 target: 90 -> 85"), "{said}");
    assert_eq!(report["changes_since"]["path"], "product.toml");
    assert_eq!(report["changes_since"]["found_as"], "deleted");
}

#[test]
fn only_a_base_with_no_product_file_at_all_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join(".gitattributes"), ATTRIBUTES).unwrap();
    std::fs::write(d.join("README.md"), "# nothing yet\n").unwrap();
    commit_all(d, "Ada Byrne", "A start");
    git(d, &["branch", "-M", "main"]);
    std::fs::write(d.join("product.json"), as_json(PRODUCT)).unwrap();
    let report = ok_json(d, &["check", "--base", "main"], "check");
    assert_eq!(report["base_found"], false);
    assert_eq!(report["changes_since"], Value::Null);
    assert_eq!(
        ok(d, &["check", "--base", "main"]),
        "product.json: no problems found (not in git at main: no governance to check)\n"
    );
}

// ------------------------------------------- 2. an old branch point

/// `main` with only an owner; a branch cut there; then, on `main`,
/// leadership named (with its decision).
fn branch_cut_before_leadership() -> tempfile::TempDir {
    let alone = PRODUCT.replacen(
        "[[people]]\nname = \"Kofi Mensah\"\nroles = [\"leadership\"]\n\n",
        "",
        1,
    );
    let dir = repository(&alone);
    let d = dir.path();
    git(d, &["checkout", "-q", "main"]);
    std::fs::write(
        d.join("product.toml"),
        PRODUCT.to_owned() + &decision("D2", "rights", "Ada Byrne", &[]),
    )
    .unwrap();
    commit_all(d, "Ada Byrne", "Kofi leads");
    git(d, &["checkout", "-q", "feature"]);
    std::fs::write(d.join("product.toml"), target_85(&alone)).unwrap();
    commit_all(d, "Ada Byrne", "K1 at 85");
    dir
}

#[test]
fn a_branch_cut_before_leadership_is_judged_by_todays_rules() {
    let dir = branch_cut_before_leadership();
    let d = dir.path();
    let (said, report) = fails(d, &[]);
    assert!(
        said.contains("K1 target: 90 -> 85: a metrics change needs a decision agreed by leadership (Kofi Mensah), and none of kind metrics was added with it"),
        "{said}"
    );
    // Only the target: Kofi's arrival on main is not the branch's change.
    assert_eq!(ungoverned(&report).len(), 1, "{report:#}");
    assert_eq!(report["rules_from"]["rev"], "main");
    let since = report["changes_since"]["rev"].as_str().unwrap();
    assert_ne!(since, "main");
    assert_eq!(since.len(), 12);

    // Kofi's agreement, though the branch's file does not know him yet.
    let text = std::fs::read_to_string(d.join("product.toml")).unwrap();
    std::fs::write(
        d.join("product.toml"),
        text + &decision("D2", "metrics", "Ada Byrne", &["Kofi Mensah"]),
    )
    .unwrap();
    let report = ok_json(d, &["check", "--base", "main"], "check");
    assert!(ungoverned(&report).is_empty(), "{report:#}");
}

#[test]
fn the_tips_check_settings_apply() {
    let dir = branch_cut_before_leadership();
    let d = dir.path();
    // The branch turns the rule off for itself: it stays on.
    let text = std::fs::read_to_string(d.join("product.toml")).unwrap();
    std::fs::write(
        d.join("product.toml"),
        text + "\n[check.rules]\nungoverned-change = \"off\"\n",
    )
    .unwrap();
    fails(d, &[]);
}

// ---------------------------------------------- 3. who holds which role

#[test]
fn leadership_taking_the_owner_role_needs_the_owners_agreement() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    let taken = PRODUCT.replacen(
        "roles = [\"leadership\"]",
        "roles = [\"leadership\", \"owner\"]",
        1,
    );
    // Logged, decided by leadership, but without the owner.
    std::fs::write(
        d.join("product.toml"),
        taken.clone() + &decision("D2", "rights", "Kofi Mensah", &[]),
    )
    .unwrap();
    let (said, report) = fails(d, &[]);
    let found = ungoverned(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("Kofi Mensah roles: [\"leadership\"] -> [\"leadership\",\"owner\"]: a change of who holds the owner role needs a rights decision decided by leadership (Kofi Mensah) and agreed by the owner (Ada Byrne)"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("D2 does not count: giving or taking the owner role needs the owner's agreement, and D2 is neither decided nor agreed by Ada Byrne"),
        "{}",
        found[0]
    );
    assert!(
        said.contains(
            "hint: log it in this change: `product --as \"Kofi Mensah\" decide --kind rights --summary \"...\" --agreed-by \"Ada Byrne\"`"
        ),
        "{said}"
    );

    // With Ada's agreement it stands.
    std::fs::write(
        d.join("product.toml"),
        taken + &decision("D2", "rights", "Kofi Mensah", &["Ada Byrne"]),
    )
    .unwrap();
    let report = ok_json(d, &["check", "--base", "main"], "check");
    assert!(ungoverned(&report).is_empty(), "{report:#}");
}

#[test]
fn removing_the_owner_needs_the_owners_agreement() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    let removed = PRODUCT
        .replacen("roles = [\"owner\"]", "roles = []", 1)
        .replacen(
            "roles = [\"leadership\"]",
            "roles = [\"leadership\", \"owner\"]",
            1,
        )
        .replacen("owner = \"Ada Byrne\"", "owner = \"Kofi Mensah\"", 1);
    std::fs::write(
        d.join("product.toml"),
        removed + &decision("D2", "rights", "Kofi Mensah", &[]),
    )
    .unwrap();
    let (_, report) = fails(d, &[]);
    let found = ungoverned(&report);
    // Ada's role, Kofi's role, and the name in [product].owner.
    assert_eq!(found.len(), 3, "{found:?}");
    for message in &found {
        assert!(
            message.contains("agreed by the owner (Ada Byrne)"),
            "{message}"
        );
    }
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("Ada Byrne roles: [\"owner\"] -> none")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("product owner: Ada Byrne -> Kofi Mensah")),
        "{found:?}"
    );
}

#[test]
fn a_role_change_without_any_decision_is_caught() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    let joined = PRODUCT.replacen(
        "[[kpis]]",
        "[[people]]\nname = \"Sam Okoro\"\nroles = [\"leadership\"]\n\n[[kpis]]",
        1,
    );
    std::fs::write(d.join("product.toml"), &joined).unwrap();
    commit_all(d, "Kofi Mensah", "Sam joins leadership");
    let (said, report) = fails(d, &[]);
    let found = ungoverned(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0],
        "Sam Okoro added: a rights change is always logged: it needs a decision decided by leadership (Kofi Mensah), and none of kind rights was added with it"
    );
    assert!(
        said.contains("`product --as \"Kofi Mensah\" decide --kind rights --summary \"...\"`"),
        "{said}"
    );

    // Logged by leadership, it stands; logged by the owner, it does not count.
    std::fs::write(
        d.join("product.toml"),
        joined.clone() + &decision("D2", "rights", "Ada Byrne", &[]),
    )
    .unwrap();
    let (_, report) = fails(d, &[]);
    assert!(
        ungoverned(&report)[0].contains(
            "D2 does not count: Ada Byrne may not take rights decisions: the rule is decide = [leadership], held by Kofi Mensah"
        ),
        "{report:#}"
    );
    std::fs::write(
        d.join("product.toml"),
        joined + &decision("D2", "rights", "Kofi Mensah", &[]),
    )
    .unwrap();
    let report = ok_json(d, &["check", "--base", "main"], "check");
    assert!(ungoverned(&report).is_empty(), "{report:#}");
}

#[test]
fn diff_base_compares_with_the_file_under_its_old_name() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    git(d, &["rm", "-q", "product.toml"]);
    std::fs::write(d.join("product.json"), as_json(&target_85(PRODUCT))).unwrap();
    let report = ok_json(d, &["diff", "--base", "main"], "diff");
    assert_eq!(report["old"], "main:product.toml");
    assert_eq!(report["new"], "product.json");
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report:#}");
    assert_eq!(changes[0]["id"], "K1");
    assert_eq!(changes[0]["field"], "target");
}

#[test]
fn a_file_kept_beside_the_product_file_cannot_take_its_place_unjudged() {
    // On main, a product.json slipped in beside product.toml: `product`
    // never reads it while product.toml is there.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join(".gitattributes"), ATTRIBUTES).unwrap();
    std::fs::write(d.join("product.toml"), PRODUCT).unwrap();
    std::fs::write(d.join("product.json"), as_json(&target_85(PRODUCT))).unwrap();
    commit_all(d, "Ada Byrne", "The product file, and another beside it");
    git(d, &["branch", "-M", "main"]);
    git(d, &["checkout", "-q", "-b", "feature"]);
    // The branch removes product.toml, so product.json is now the one read.
    git(d, &["rm", "-q", "product.toml"]);
    commit_all(d, "Ada Byrne", "Only JSON");
    let (said, report) = fails(d, &[]);
    assert!(said.contains("K1 target: 90 -> 85"), "{said}");
    assert_eq!(report["changes_since"]["path"], "product.toml");
    assert_eq!(report["changes_since"]["found_as"], "other_name");

    // A file of another name beside a product file still there is its own.
    git(d, &["checkout", "-q", "main"]);
    std::fs::write(d.join("other.toml"), target_85(PRODUCT)).unwrap();
    let report = ok_json(d, &["-f", "other.toml", "check", "--base", "main"], "check");
    assert_eq!(report["base_found"], false, "{report:#}");
}

// ------------------------------- 3. one decision covers every change of its kind

#[test]
fn a_decision_for_a_kpis_target_does_not_cover_its_threshold() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    // Logged through the tool, with leadership's agreement.
    ok(
        d,
        &[
            "--as",
            "Ada Byrne",
            "kpi",
            "edit",
            "K1",
            "--target",
            "95",
            "--agreed-by",
            "Kofi Mensah",
        ],
    );
    let logged = ok_json(d, &["decisions", "show", "D2"], "decision");
    assert_eq!(
        logged["decision"]["covers"],
        serde_json::json!([{ "section": "kpis", "id": "K1", "field": "target", "old": 90, "new": 95 }]),
        "{logged:#}"
    );
    let text = std::fs::read_to_string(d.join("product.toml")).unwrap();
    assert!(
        text.contains(
            "covers = [{ section = \"kpis\", id = \"K1\", field = \"target\", old = 90, new = 95 }]"
        ),
        "{text}"
    );
    commit_all(d, "Ada Byrne", "K1 at 95, agreed");
    ok(d, &["check", "--base", "main"]);

    // And then a hand edit of the threshold, which nobody agreed to.
    let text = text.replacen("threshold = 80.0", "threshold = 1.0", 1);
    std::fs::write(d.join("product.toml"), text).unwrap();
    let (said, report) = fails(d, &[]);
    let found = ungoverned(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("K1 threshold: 80 -> 1: a metrics change needs a decision agreed by leadership (Kofi Mensah); D2 does not count: it covers K1 target: 90 -> 95, not this change"),
        "{said}"
    );
    assert!(
        said.contains("`product decide --kind metrics --summary \"...\" --ref \"K1\" --field threshold --agreed-by \"Kofi Mensah\"`"),
        "{said}"
    );
}

#[test]
fn decisions_in_steps_cover_the_change_they_make_together() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    for target in ["95", "97"] {
        ok(
            d,
            &[
                "--as",
                "Ada Byrne",
                "kpi",
                "edit",
                "K1",
                "--target",
                target,
                "--agreed-by",
                "Kofi Mensah",
            ],
        );
    }
    commit_all(d, "Ada Byrne", "K1 at 95, then 97");
    ok(d, &["check", "--base", "main"]);
    // Without the second step, 90 -> 97 is not covered.
    let text = std::fs::read_to_string(d.join("product.toml")).unwrap();
    let at = text.rfind("[[decisions]]").unwrap();
    std::fs::write(d.join("product.toml"), &text[..at]).unwrap();
    let (_, report) = fails(d, &[]);
    assert!(ungoverned(&report)[0].starts_with("K1 target: 90 -> 97"));
}

#[test]
fn decide_with_a_field_covers_a_hand_edit_of_that_field_only() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    let text = PRODUCT.replacen("threshold = 80.0", "threshold = 75.0", 1);
    std::fs::write(d.join("product.toml"), &text).unwrap();
    let decided = ok_json(
        d,
        &[
            "--as",
            "Ada Byrne",
            "decide",
            "--kind",
            "metrics",
            "--summary",
            "K1 red below 75%",
            "--ref",
            "K1",
            "--field",
            "threshold",
            "--agreed-by",
            "Kofi Mensah",
        ],
        "decision_added",
    );
    assert_eq!(
        decided["decision"]["covers"],
        serde_json::json!([{ "section": "kpis", "id": "K1", "field": "threshold" }])
    );
    ok(d, &["check", "--base", "main"]);

    // The same decision does not cover the target.
    let text = std::fs::read_to_string(d.join("product.toml")).unwrap();
    std::fs::write(d.join("product.toml"), target_85(&text)).unwrap();
    let (_, report) = fails(d, &[]);
    let found = ungoverned(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("D2 does not count: it covers K1 threshold: any change, not this change"),
        "{found:?}"
    );

    // A field the element does not have is refused, naming the ones it has.
    let out = product(d)
        .args(["--as", "Ada Byrne", "decide", "--kind", "metrics"])
        .args(["--summary", "s", "--ref", "K1", "--field", "treshold"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = common::stderr(&out);
    assert!(said.contains("K1 (kpis) has no field `treshold`"), "{said}");
    assert!(said.contains("threshold"), "{said}");
}

#[test]
fn a_role_the_decider_holds_the_rights_of_is_theirs_to_give_by_hand() {
    let dir = repository(PRODUCT);
    let d = dir.path();
    let joined = |role: &str| {
        PRODUCT.replacen(
            "[[kpis]]",
            &format!("[[people]]\nname = \"Sam Okoro\"\nroles = [\"{role}\"]\n\n[[kpis]]"),
            1,
        )
    };
    // `team` decides only refinement, which the owner decides too.
    std::fs::write(
        d.join("product.toml"),
        joined("team") + &decision("D2", "rights", "Ada Byrne", &[]),
    )
    .unwrap();
    commit_all(d, "Ada Byrne", "Sam joins the team");
    let report = ok_json(d, &["check", "--base", "main"], "check");
    assert!(ungoverned(&report).is_empty(), "{report:#}");
    // Unlogged, it is still caught: a rights change is always logged; the
    // owner logs it with the tool, naming the person.
    std::fs::write(d.join("product.toml"), joined("team")).unwrap();
    let (_, report) = fails(d, &[]);
    assert_eq!(
        ungoverned(&report),
        [
            "Sam Okoro added: a rights change is always logged: it needs a decision decided by leadership (Kofi Mensah) or by someone whose roles hold every right of the roles it gives or takes (Ada Byrne), and none of kind rights was added with it"
        ],
        "{report:#}"
    );
    ok(
        d,
        &[
            "--as",
            "Ada Byrne",
            "decide",
            "--kind",
            "rights",
            "--summary",
            "Sam joins the team",
            "--ref",
            "Sam Okoro",
        ],
    );
    let report = ok_json(d, &["check", "--base", "main"], "check");
    assert!(ungoverned(&report).is_empty(), "{report:#}");
    // Leadership carries rights the owner lacks: her decision does not count.
    std::fs::write(
        d.join("product.toml"),
        joined("leadership") + &decision("D2", "rights", "Ada Byrne", &[]),
    )
    .unwrap();
    let (_, report) = fails(d, &[]);
    assert!(
        ungoverned(&report)[0]
            .contains("D2 does not count: Ada Byrne may not take rights decisions"),
        "{report:#}"
    );
}

// ------------------------------------------------- requests declined by hand

#[test]
fn a_request_declined_by_hand_answers_to_a_logged_decision() {
    let with_request = format!(
        "{PRODUCT}\n[[requests]]\nid = \"Q1\"\ntext = \"Dark mode\"\nfrom = \"A resident\"\ndate = 2026-11-01\n"
    );
    let dir = repository(&with_request);
    let d = dir.path();
    let declined = with_request.replacen(
        "date = 2026-11-01\n",
        "date = 2026-11-01\nstatus = \"declined\"\ntriaged = 2026-11-20\nreason = \"Not this year\"\n",
        1,
    );
    std::fs::write(d.join("product.toml"), &declined).unwrap();
    commit_all(d, "Ada Byrne", "Decline Q1 by hand");
    let (said, report) = fails(d, &[]);
    let found = ungoverned(&report);
    assert!(
        found
            .iter()
            .any(|m| m.contains("declining a request is always logged")),
        "{said}"
    );
    // A request recorded already declined is the same decision.
    let dir = repository(PRODUCT);
    let d = dir.path();
    let added = format!(
        "{PRODUCT}\n[[requests]]\nid = \"Q1\"\ntext = \"Dark mode\"\nfrom = \"A resident\"\ndate = 2026-11-01\nstatus = \"declined\"\nreason = \"No\"\n"
    );
    std::fs::write(d.join("product.toml"), &added).unwrap();
    commit_all(d, "Ada Byrne", "Record Q1 declined");
    let (_, report) = fails(d, &[]);
    assert!(!ungoverned(&report).is_empty(), "{report:#}");
    // With the decision the command logs, it passes.
    std::fs::write(
        d.join("product.toml"),
        format!("{added}{}", decision("D2", "scope", "Ada Byrne", &[])),
    )
    .unwrap();
    commit_all(d, "Ada Byrne", "Log it");
    let out = product(d)
        .args(["check", "--base", "main"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
