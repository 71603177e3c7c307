//! The routes around decision rights that the governance issue found
//! (routes 4, 5 and 6), each run through the binary: a rename that moved a
//! target with no decision, a person with no role rewording the backlog,
//! `init --force` over a broken file, leadership taking the owner role, and
//! a rights change left out of the log. Each was let through before.

mod common;

use std::path::Path;

use common::{
    commit_all, ok, ok_json, product, refuses, scratch_text, stderr, stdout, succeeded, text,
};
use serde_json::json;

const PRIYA: &str = "Priya Shah";
const DAN: &str = "Dan Okafor";
const SAM: &str = "Sam Lee";
const EVE: &str = "Eve Stone";

/// An owner, leadership, a team member and a person with no role.
const TEAM: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"
owner = "Priya Shah"

[[people]]
name = "Priya Shah"
roles = ["owner"]

[[people]]
name = "Dan Okafor"
roles = ["leadership"]

[[people]]
name = "Sam Lee"
roles = ["team"]

[[people]]
name = "Eve Stone"

[[objectives]]
id = "O1"
title = "Join from home"

[[objectives.key_results]]
id = "KR1"
title = "Online sign-ups"
unit = "%"
start = 10.0
target = 60.0

[[kpis]]
id = "K1"
name = "Satisfaction"
unit = "%"
direction = "up"
target = 90.0
threshold = 80.0

[[kpis]]
id = "K2"
name = "Cost per card"
unit = "£"
direction = "down"
target = 2.0
threshold = 4.0

[[roadmap]]
id = "R1"
title = "Join online"
horizon = "now"

[[roadmap]]
id = "R2"
title = "Renew by post"
horizon = "later"

[[items]]
id = "LC-1"
title = "Sign up online"
kind = "feature"
status = "ready"

[[items]]
id = "LC-2"
title = "Print cards at home"
kind = "feature"
status = "idea"
"#;

/// A lone owner's file.
const LONE: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"
owner = "Priya Shah"

[[people]]
name = "Priya Shah"
roles = ["owner"]

[[items]]
id = "LC-1"
title = "Sign up online"
kind = "feature"
status = "ready"
"#;

fn with<'a>(args: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    [args, more].concat()
}

fn refused(dir: &Path, path: &Path, args: &[&str], needles: &[&str]) {
    let e = refuses(4, dir, path, args, needles);
    assert_eq!(e["code"], "refused", "{e}");
}

// Route 4: names are governed, and item text is refinement.

#[test]
fn a_person_with_no_role_cannot_reword_the_backlog() {
    let (dir, path) = scratch_text(TEAM, "product.toml");
    let d = dir.path();
    for change in [
        &["item", "edit", "LC-1", "--title", "Print cards at home"][..],
        &["item", "edit", "LC-2", "--description", "Nothing to see"],
        &["item", "edit", "LC-2", "--tag", "later"],
    ] {
        refused(
            d,
            &path,
            &with(change, &["--as", EVE]),
            &[
                "Eve Stone may not take refinement decisions: the rule is decide = [owner, team], held by Priya Shah, Sam Lee",
            ],
        );
    }
    // The owner and the team refine alone; nothing is logged.
    let err = stderr(&succeeded(
        product(d)
            .args([
                "item",
                "edit",
                "LC-1",
                "--title",
                "Join online",
                "--as",
                SAM,
            ])
            .output()
            .unwrap(),
        &[],
    ));
    assert!(!err.contains("Logged"), "{err}");
    ok(
        d,
        &["item", "edit", "LC-2", "--tag", "print", "--as", PRIYA],
    );
    assert!(!text(&path).contains("[[decisions]]"), "{}", text(&path));
}

#[test]
fn a_file_can_keep_refinement_to_the_owner() {
    let rules = "\n[rights]\nrefinement = { decide = [\"owner\"] }\n";
    let (dir, path) = scratch_text(&format!("{TEAM}{rules}"), "product.toml");
    refused(
        dir.path(),
        &path,
        &["item", "edit", "LC-1", "--title", "X", "--as", SAM],
        &[
            "Sam Lee may not take refinement decisions: the rule is decide = [owner], held by Priya Shah",
        ],
    );
    let v = ok_json(dir.path(), &["rights"], "rights");
    assert_eq!(v["rights"][2]["kind"], "refinement");
    assert_eq!(v["rights"][2]["deciders"], json!([PRIYA]));
}

#[test]
fn swapping_kpi_names_is_a_metrics_decision_that_needs_agreement() {
    let (dir, path) = scratch_text(TEAM, "product.toml");
    let d = dir.path();
    // By hand: K1 and K2 trade names, so "Satisfaction" now has K2's target.
    let swapped = TEAM
        .replace("name = \"Satisfaction\"", "name = \"@@\"")
        .replace("name = \"Cost per card\"", "name = \"Satisfaction\"")
        .replace("name = \"@@\"", "name = \"Cost per card\"")
        .replace("title = \"Join online\"", "title = \"@@\"")
        .replace("title = \"Renew by post\"", "title = \"Join online\"")
        .replace("title = \"@@\"", "title = \"Renew by post\"")
        .replace("title = \"Online sign-ups\"", "title = \"Sign-ups\"");
    std::fs::write(d.join("swapped.toml"), swapped).unwrap();
    let v = ok_json(d, &["diff", "product.toml", "swapped.toml"], "diff");
    assert_eq!(v["kinds"], json!(["goals", "metrics", "launch"]), "{v:#}");
    for c in v["changes"].as_array().unwrap() {
        let expected = match c["section"].as_str().unwrap() {
            "kpis" => "metrics",
            "roadmap" => "launch",
            _ => "goals",
        };
        assert_eq!(c["kind"], expected, "{c}");
    }
    // Through the command line: the owner needs leadership's agreement.
    refused(
        d,
        &path,
        &["kpi", "edit", "K1", "--name", "Happy users", "--as", PRIYA],
        &["metrics decisions need the agreement of one of [leadership]: Dan Okafor"],
    );
    refused(
        d,
        &path,
        &["kpi", "edit", "K1", "--unit", "£", "--as", PRIYA],
        &["metrics decisions need the agreement"],
    );
    refused(
        d,
        &path,
        &[
            "roadmap",
            "edit",
            "R1",
            "--title",
            "Renew by phone",
            "--as",
            PRIYA,
        ],
        &["launch decisions need the agreement"],
    );
    let err = stderr(&succeeded(
        product(d)
            .args([
                "kpi",
                "edit",
                "K1",
                "--name",
                "Happy users",
                "--as",
                PRIYA,
                "--agreed-by",
                DAN,
            ])
            .output()
            .unwrap(),
        &[],
    ));
    assert!(err.contains("Logged D1: metrics decision"), "{err}");
}

#[test]
fn a_file_without_a_refinement_rule_still_loads_and_checks() {
    let rules = "\n[rights]\nscope = { decide = [\"owner\"] }\n";
    let (dir, _) = scratch_text(&format!("{LONE}{rules}"), "product.toml");
    let out = product(dir.path()).args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v = ok_json(dir.path(), &["rights"], "rights");
    assert_eq!(
        v["rights"][2]["rule"],
        json!({"decide": ["owner", "team"]}),
        "{v:#}"
    );
}

// Route 5: `init --force` over a file that does not read.

/// The team's file with a broken table header on its last line.
fn broken(text: &str) -> (String, usize) {
    let text = format!("{text}\n[[items]\nid = \"LC-9\"\n");
    let line = text.lines().position(|l| l == "[[items]").unwrap() + 1;
    (text, line)
}

#[test]
fn init_force_over_a_broken_file_is_refused_naming_the_line() {
    let (text_broken, line) = broken(TEAM);
    let (dir, path) = scratch_text(&text_broken, "product.toml");
    let d = dir.path();
    let e = refuses(
        3,
        d,
        &path,
        &[
            "-f",
            "product.toml",
            "init",
            "--force",
            "--name",
            "Mine",
            "--as",
            EVE,
        ],
        &[
            "--force will not replace",
            &format!("product.toml:{line}:"),
            "--discard-invalid",
        ],
    );
    assert_eq!(e["code"], "file_invalid", "{e}");
    // Not in git: --discard-invalid has no rules to judge by, and says so.
    let v = ok_json(
        d,
        &[
            "-f",
            "product.toml",
            "init",
            "--force",
            "--discard-invalid",
            "--name",
            "Mine",
            "--as",
            EVE,
        ],
        "init",
    );
    assert_eq!(v["replaced"], "invalid");
    assert_eq!(v["checked_at"], serde_json::Value::Null);
    assert!(text(&path).contains("name = \"Mine\""));
}

#[test]
fn init_force_discard_invalid_is_judged_by_the_last_committed_rules() {
    let (dir, path) = scratch_text(LONE, "product.toml");
    let d = dir.path();
    commit_all(d, PRIYA, "the product");
    let (text_broken, line) = broken(LONE);
    std::fs::write(&path, &text_broken).unwrap();
    // Breaking the file is no way round the rules: a stranger who would
    // make themselves sole owner is judged by the committed version's.
    refuses(
        3,
        d,
        &path,
        &["-f", "product.toml", "init", "--force", "--as", EVE],
        &[&format!("product.toml:{line}:")],
    );
    refused(
        d,
        &path,
        &[
            "-f",
            "product.toml",
            "init",
            "--force",
            "--discard-invalid",
            "--as",
            EVE,
        ],
        &[
            "Eve Stone may not take",
            "as last committed",
            "ask Priya Shah",
        ],
    );
    // The owner may start again.
    let v = ok_json(
        d,
        &[
            "-f",
            "product.toml",
            "init",
            "--force",
            "--discard-invalid",
            "--as",
            PRIYA,
        ],
        "init",
    );
    assert_eq!(v["checked_at"], "HEAD");
    let out = ok(d, &["people", "list"]);
    assert!(out.contains(PRIYA), "{out}");
}

#[test]
fn init_force_over_a_valid_file_needs_the_owners_word_to_change_owner() {
    let (dir, path) = scratch_text(LONE, "product.toml");
    // A stranger who would make themselves owner of a lone owner's file.
    refused(
        dir.path(),
        &path,
        &[
            "-f",
            "product.toml",
            "init",
            "--force",
            "--owner",
            EVE,
            "--as",
            EVE,
        ],
        &["Eve Stone may not take"],
    );
    // The owner handing the product to someone else decides it herself.
    let v = ok_json(
        dir.path(),
        &[
            "-f",
            "product.toml",
            "init",
            "--force",
            "--owner",
            SAM,
            "--as",
            PRIYA,
        ],
        "init",
    );
    assert_eq!(v["replaced"], "valid");
    assert_eq!(v["owner"], SAM);
}

// Route 6: the owner role, and the log of rights changes.

#[test]
fn leadership_cannot_take_the_owner_role_without_the_owner() {
    let (dir, path) = scratch_text(TEAM, "product.toml");
    let d = dir.path();
    refused(
        d,
        &path,
        &["people", "role", DAN, "--add", "owner", "--as", DAN],
        &[
            "taking the owner role needs the agreement of the current owner, Priya Shah",
            "--agreed-by \"Priya Shah\"",
        ],
    );
    refused(
        d,
        &path,
        &["people", "role", PRIYA, "--remove", "owner", "--as", DAN],
        &["owner role"],
    );
    // With the owner's agreement: done, and logged with it.
    ok(
        d,
        &[
            "people",
            "role",
            DAN,
            "--add",
            "owner",
            "--as",
            DAN,
            "--agreed-by",
            PRIYA,
        ],
    );
    let out = ok(d, &["rights"]);
    assert!(
        out.contains("Giving or taking the owner role also needs the agreement of Priya Shah or Dan Okafor, who hold it now."),
        "{out}"
    );
    let v = ok_json(d, &["rights"], "rights");
    assert_eq!(v["owner_role_agreed_by"], json!([PRIYA, DAN]));
    let v = ok_json(d, &["decisions", "show", "D1"], "decision");
    assert_eq!(v["decision"]["kind"], "rights", "{v:#}");
    assert_eq!(v["decision"]["agreed_by"], json!([PRIYA]), "{v:#}");
}

#[test]
fn a_rights_change_without_why_is_still_logged() {
    let (dir, path) = scratch_text(TEAM, "product.toml");
    let d = dir.path();
    let out = succeeded(
        product(d)
            .args(["people", "role", SAM, "--add", "leadership", "--as", DAN])
            .output()
            .unwrap(),
        &[],
    );
    assert!(
        stderr(&out).contains("Logged D1: rights decision by Dan Okafor"),
        "{}",
        stderr(&out)
    );
    assert!(text(&path).contains("[[decisions]]"), "{}", text(&path));
}

#[test]
fn check_warns_when_agreement_falls_away() {
    let founder = TEAM
        .replace("roles = [\"leadership\"]", "roles = [\"team\"]")
        .replace("roles = [\"owner\"]", "roles = [\"owner\", \"leadership\"]");
    let (dir, _) = scratch_text(&founder, "product.toml");
    let out = product(dir.path()).args(["check"]).output().unwrap();
    let said = stdout(&out);
    assert!(said.contains("agreement-falls-away"), "{said}");
    assert!(
        said.contains("Priya Shah decides goals, metrics, launch and vision and is the only one who can agree to them"),
        "{said}"
    );
    // A warning: the check passes unless warnings are denied.
    assert_eq!(out.status.code(), Some(0), "{said}");
    let out = product(dir.path())
        .args(["check", "--deny", "warnings"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
