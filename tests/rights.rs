//! Decision rights, run as a product team would: every kind of decision made
//! by someone who may and refused to someone who may not, agreement asked
//! for and logged, the semantic diff that tells what a change decides, a
//! diff against a git revision, who the acting person is, and the decision
//! log, people and rights views.

mod common;

use std::path::Path;
use std::process::Output;

use common::{
    git, has_row, ok, ok_json, product, read, refuses, rows, scratch_text, stderr, stdout,
    succeeded, text,
};
use serde_json::{Map, Value, json};

const PRIYA: &str = "Priya Shah";
const DAN: &str = "Dan Okafor";
const SAM: &str = "Sam Lee";

/// An owner, a leadership person and a team member, the default rules, and
/// something of every section a decision can touch. The items come last.
const TEAM: &str = r#"version = 1

[product]
name = "Prescription payments"
key = "RX"
owner = "Priya Shah"

[vision]
statement = "Anyone who pays for prescriptions can do it online."

[[people]]
name = "Priya Shah"
roles = ["owner"]

[[people]]
name = "Dan Okafor"
roles = ["leadership"]

[[people]]
name = "Sam Lee"
roles = ["team"]

[[objectives]]
id = "O1"
title = "Make paying effortless"

[[objectives.key_results]]
id = "KR1"
title = "Online completion rate"
unit = "%"
start = 62.0
target = 85.0

[[kpis]]
id = "K1"
name = "User satisfaction"
unit = "%"
direction = "up"
target = 90.0
threshold = 80.0

[[roadmap]]
id = "R1"
title = "Pay online"
horizon = "now"

[[items]]
id = "RX-1"
title = "Pay by card online"
kind = "feature"
status = "ready"
value = 1
time_criticality = 1
risk_reduction = 1
size = 3

[[items]]
id = "RX-2"
title = "Email a receipt"
kind = "feature"
status = "idea"

[[items]]
id = "RX-3"
title = "Refunds"
kind = "feature"
status = "idea"
value = 8
time_criticality = 8
risk_reduction = 8
size = 1
"#;

/// A file with a lone owner, as `product init --owner` writes it, and a backlog.
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
title = "Join online"
kind = "feature"
status = "ready"
"#;

/// Three decisions on three days, of two kinds.
const LOG: &str = r#"

[[decisions]]
id = "D1"
date = 2026-10-01
kind = "goals"
summary = "Raise O1.KR1 target from 80% to 85%"
decided_by = "Priya Shah"
agreed_by = ["Dan Okafor"]
rationale = "Beta users completed at 78%"
refs = ["O1.KR1"]

[[decisions]]
id = "D2"
date = 2026-11-05
kind = "scope"
summary = "No paper forms in the MVP"
decided_by = "Priya Shah"

[[decisions]]
id = "D3"
date = 2026-11-20
kind = "goals"
summary = "Add a refunds objective"
decided_by = "Priya Shah"
agreed_by = ["Dan Okafor"]
refs = ["O1"]
"#;

// ---------------------------------------------------------------- helpers

fn team() -> (tempfile::TempDir, std::path::PathBuf) {
    scratch_text(TEAM, "product.toml")
}

/// The `[[decisions]]` of a TOML file.
fn decisions(path: &Path) -> Vec<toml::Table> {
    read(path)
        .get("decisions")
        .and_then(|d| d.as_array())
        .map_or_else(Vec::new, |d| {
            d.iter().map(|t| t.as_table().unwrap().clone()).collect()
        })
}

/// The roles of a person in a TOML file.
fn roles(path: &Path, name: &str) -> Vec<String> {
    read(path)["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no {name} in [[people]]"))
        .get("roles")
        .and_then(|r| r.as_array())
        .map_or_else(Vec::new, |r| {
            r.iter().map(|r| r.as_str().unwrap().to_owned()).collect()
        })
}

/// The ids of the items in a TOML file, in file order.
fn item_ids(path: &Path) -> Vec<String> {
    read(path)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

/// `args` followed by `more`.
fn with<'a>(args: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    [args, more].concat()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    product(dir).args(args).output().unwrap()
}

/// Runs a command that should succeed and returns what it said on stderr.
fn ok_err(dir: &Path, args: &[&str]) -> String {
    stderr(&succeeded(run(dir, args), args))
}

/// `refuses` for the decision rights: exit 4, code `refused`.
fn refused(dir: &Path, path: &Path, args: &[&str], needles: &[&str]) {
    refused_with(4, "refused", dir, path, args, needles);
}

/// `refuses`, with the error's code.
fn refused_with(code: i32, id: &str, dir: &Path, path: &Path, args: &[&str], needles: &[&str]) {
    let e = refuses(code, dir, path, args, needles);
    assert_eq!(e["code"], id, "{e}");
}

/// What the refusal of someone who does not hold the deciding role says.
fn not_decider(who: &str, kind: &str, role: &str, holders: &str) -> String {
    format!("{who} may not take {kind} decisions: the rule is decide = [{role}], held by {holders}")
}

/// A decision as `decisions show --json` gives it.
fn decision(
    id: &str,
    kind: &str,
    summary: &str,
    agreed_by: &[&str],
    rationale: Option<&str>,
    refs: &[&str],
) -> Value {
    let mut d = Map::new();
    d.insert("id".into(), json!(id));
    d.insert("date".into(), json!(common::TODAY));
    d.insert("kind".into(), json!(kind));
    d.insert("summary".into(), json!(summary));
    d.insert("decided_by".into(), json!(PRIYA));
    if !agreed_by.is_empty() {
        d.insert("agreed_by".into(), json!(agreed_by));
    }
    if let Some(why) = rationale {
        d.insert("rationale".into(), json!(why));
    }
    if !refs.is_empty() {
        d.insert("refs".into(), json!(refs));
    }
    Value::Object(d)
}

/// A change of a kind the owner decides alone: refused to the team member
/// (and to leadership), made by the owner without a decision logged.
fn owner_decides_alone(kind: &str, args: &[&str]) {
    let (dir, path) = team();
    let d = dir.path();
    for who in [SAM, DAN] {
        refused(
            d,
            &path,
            &with(args, &["--as", who]),
            &[
                &not_decider(who, kind, "owner", PRIYA),
                "ask Priya Shah to make this change",
            ],
        );
    }
    let err = ok_err(d, &with(args, &["--as", PRIYA]));
    assert!(!err.contains("Logged"), "{args:?}: {err}");
    assert_ne!(text(&path), TEAM, "{args:?} changed nothing");
    assert!(decisions(&path).is_empty(), "{args:?}: {}", text(&path));
}

/// A change of a kind the owner decides with leadership's agreement: refused
/// to the team member even with agreement, refused to the owner alone, or
/// with the agreement of someone who holds no agreeing role; made with
/// Dan's agreement, which logs D1 with its summary and refs.
fn owner_decides_with_leadership(kind: &str, args: &[&str], summary: &str, refs: &[&str]) {
    let (dir, path) = team();
    let d = dir.path();
    let sam = not_decider(SAM, kind, "owner", PRIYA);
    refused(d, &path, &with(args, &["--as", SAM]), &[&sam]);
    refused(
        d,
        &path,
        &with(args, &["--as", SAM, "--agreed-by", DAN]),
        &[&sam],
    );
    refused(
        d,
        &path,
        &with(args, &["--as", PRIYA]),
        &[
            &format!("{kind} decisions need the agreement of one of [leadership]: Dan Okafor"),
            "--agreed-by \"Dan Okafor\"",
        ],
    );
    // Somebody the file does not know cannot be named as agreeing.
    refused(
        d,
        &path,
        &with(args, &["--as", PRIYA, "--agreed-by", "Zara Hussain"]),
        &["Zara Hussain is not in [[people]]"],
    );
    for nobody in [SAM, PRIYA] {
        refused(
            d,
            &path,
            &with(args, &["--as", PRIYA, "--agreed-by", nobody]),
            &[
                &format!(
                    "{nobody} cannot agree to {kind} decisions: \
                     agreement comes from [leadership], held by Dan Okafor"
                ),
                "agreement must come from Dan Okafor",
            ],
        );
    }
    // One good name does not carry a bad one.
    refused(
        d,
        &path,
        &with(
            args,
            &["--as", PRIYA, "--agreed-by", DAN, "--agreed-by", SAM],
        ),
        &[&format!("Sam Lee cannot agree to {kind} decisions")],
    );
    assert_eq!(text(&path), TEAM);

    let why = "Agreed at the quarterly review";
    let err = ok_err(
        d,
        &with(args, &["--as", PRIYA, "--agreed-by", DAN, "--why", why]),
    );
    assert!(
        err.contains(&format!(
            "Logged D1: {kind} decision by Priya Shah, agreed by Dan Okafor"
        )),
        "{args:?}: {err}"
    );
    let log = decisions(&path);
    assert_eq!(log.len(), 1, "{}", text(&path));
    let d1 = &log[0];
    assert_eq!(d1["id"].as_str(), Some("D1"));
    assert_eq!(d1["date"].to_string(), common::TODAY);
    assert_eq!(d1["kind"].as_str(), Some(kind));
    assert_eq!(d1["summary"].as_str(), Some(summary));
    assert_eq!(d1["decided_by"].as_str(), Some(PRIYA));
    assert_eq!(d1["agreed_by"].as_array().unwrap().len(), 1);
    assert_eq!(d1["agreed_by"][0].as_str(), Some(DAN));
    assert_eq!(d1["rationale"].as_str(), Some(why));
    let mut show = ok_json(d, &["decisions", "show", "D1"], "decision");
    // What the decision covers is checked apart (tests/check_base.rs).
    let covers = show["decision"].as_object_mut().unwrap().remove("covers");
    assert_eq!(covers.and_then(|c| c.as_array().map(Vec::len)), Some(1));
    assert_eq!(
        show["decision"],
        decision("D1", kind, summary, &[DAN], Some(why), refs)
    );
}

// --------------------------------------------------- every decision kind

#[test]
fn prioritisation_is_the_owners_alone() {
    owner_decides_alone("prioritisation", &["item", "score", "RX-1", "--size", "5"]);
    owner_decides_alone("prioritisation", &["item", "move", "RX-3", "--top"]);
    owner_decides_alone("prioritisation", &["rank", "--apply"]);
    owner_decides_alone(
        "prioritisation",
        &["item", "edit", "RX-2", "--moscow", "must"],
    );
}

#[test]
fn scope_is_the_owners_alone() {
    owner_decides_alone("scope", &["item", "add", "Pay by phone"]);
    owner_decides_alone(
        "scope",
        &[
            "item",
            "drop",
            "RX-2",
            "--reason",
            "Receipts come from the bank",
        ],
    );
    owner_decides_alone("scope", &["item", "edit", "RX-1", "--mvp"]);
    owner_decides_alone(
        "scope",
        &[
            "item",
            "edit",
            "RX-1",
            "--acceptance",
            "Given a valid card, when I pay, then I get a receipt",
        ],
    );
    owner_decides_alone("scope", &["item", "edit", "RX-1", "--roadmap", "R1"]);
}

#[test]
fn goals_need_leaderships_agreement() {
    owner_decides_with_leadership(
        "goals",
        &["okr", "add", "--title", "Refunds within a week"],
        "O2 added: Refunds within a week",
        &["O2"],
    );
    owner_decides_with_leadership(
        "goals",
        &[
            "okr",
            "kr",
            "add",
            "O1",
            "--title",
            "Calls to the helpline",
            "--start",
            "0",
            "--target",
            "10",
        ],
        "O1.KR2 added: Calls to the helpline",
        &["O1.KR2"],
    );
}

#[test]
fn metrics_need_leaderships_agreement() {
    owner_decides_with_leadership(
        "metrics",
        &[
            "kpi",
            "add",
            "--name",
            "Completion rate",
            "--unit",
            "%",
            "--direction",
            "up",
            "--target",
            "90",
        ],
        "K2 added: Completion rate",
        &["K2"],
    );
    owner_decides_with_leadership(
        "metrics",
        &["kpi", "edit", "K1", "--target", "95"],
        "K1 (User satisfaction) target: 90 -> 95",
        &["K1"],
    );
}

#[test]
fn launch_needs_leaderships_agreement() {
    owner_decides_with_leadership(
        "launch",
        &["roadmap", "add", "--title", "Refunds", "--horizon", "now"],
        "R2 added: Refunds",
        &["R2"],
    );
    owner_decides_with_leadership(
        "launch",
        &["roadmap", "move", "R1", "--to", "next"],
        "R1 (Pay online) horizon: now -> next",
        &["R1"],
    );
}

#[test]
fn vision_needs_leaderships_agreement() {
    owner_decides_with_leadership(
        "vision",
        &["vision", "set", "--statement", "Paying takes two minutes."],
        "vision statement: Anyone who pays for prescriptions can do it online. \
         -> Paying takes two minutes.",
        &[],
    );
}

#[test]
fn a_vision_entry_added_or_removed_needs_leaderships_agreement() {
    owner_decides_with_leadership(
        "vision",
        &["vision", "add", "--user", "Pharmacy staff"],
        "vision users: none -> [\"Pharmacy staff\"]",
        &[],
    );
    let (dir, path) = scratch_text(
        &TEAM.replace(
            "statement = \"Anyone who pays for prescriptions can do it online.\"",
            "statement = \"Anyone who pays for prescriptions can do it online.\"\nusers = [\"Patients\", \"Carers\"]",
        ),
        "product.toml",
    );
    let d = dir.path();
    let rm = ["vision", "rm", "--user", "Carers"];
    refused(
        d,
        &path,
        &with(&rm, &["--as", PRIYA]),
        &["vision decisions need the agreement"],
    );
    let v = ok_json(
        d,
        &with(&rm, &["--as", PRIYA, "--agreed-by", DAN]),
        "vision_updated",
    );
    assert_eq!(v["users"], json!(["Patients"]));
}

#[test]
fn rights_are_leaderships_alone() {
    let (dir, path) = team();
    let d = dir.path();
    let role = ["people", "role", SAM, "--add", "owner"];
    for who in [PRIYA, SAM] {
        refused(
            d,
            &path,
            &with(&role, &["--as", who]),
            &[
                &not_decider(who, "rights", "leadership", DAN),
                "ask Dan Okafor to make this change",
            ],
        );
    }
    let add = ["people", "add", "Grace Adeyemi", "--role", "leadership"];
    refused(
        d,
        &path,
        &with(&add, &["--as", PRIYA]),
        &[&not_decider(PRIYA, "rights", "leadership", DAN)],
    );
    // Nobody's agreement makes the owner a decider of rights.
    refused(
        d,
        &path,
        &with(&add, &["--as", PRIYA, "--agreed-by", DAN]),
        &[&not_decider(PRIYA, "rights", "leadership", DAN)],
    );
    assert_eq!(text(&path), TEAM);

    // Leadership decides rights, but taking the owner role also needs the
    // current owner's agreement (route 6 of the governance issue).
    refused(
        d,
        &path,
        &with(&role, &["--as", DAN]),
        &[
            "taking the owner role needs the agreement of the current owner, Priya Shah",
            "--agreed-by \"Priya Shah\"",
        ],
    );
    assert_eq!(text(&path), TEAM);
    let args = with(&role, &["--as", DAN, "--agreed-by", PRIYA]);
    let out = succeeded(run(d, &args), &args);
    assert_eq!(stdout(&out), "Updated Sam Lee: team, owner\n");
    // A change of rights is always logged, with no reason given.
    assert!(
        stderr(&out).contains("Logged D1: rights decision by Dan Okafor"),
        "{}",
        stderr(&out)
    );
    assert_eq!(roles(&path, SAM), ["team", "owner"]);
    let err = ok_err(
        d,
        &with(&add, &["--as", DAN, "--why", "Grace chairs the board"]),
    );
    assert!(
        err.contains("Logged D2: rights decision by Dan Okafor"),
        "{err}"
    );
    assert_eq!(roles(&path, "Grace Adeyemi"), ["leadership"]);
    let log = decisions(&path);
    assert_eq!(log.len(), 2, "{}", text(&path));
    assert_eq!(log[0]["kind"].as_str(), Some("rights"));
    let agreed: Vec<&str> = log[0]["agreed_by"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(agreed, [PRIYA]);
    assert!(log[0].get("rationale").is_none(), "{:?}", log[0]);
    assert_eq!(log[1]["kind"].as_str(), Some("rights"));
    assert_eq!(log[1]["decided_by"].as_str(), Some(DAN));
    assert_eq!(log[1]["rationale"].as_str(), Some("Grace chairs the board"));
    assert!(
        log[1]["summary"]
            .as_str()
            .unwrap()
            .contains("Grace Adeyemi"),
        "{:?}",
        log[1]
    );
}

#[test]
fn a_reason_logs_a_decision_that_needs_no_agreement() {
    let (dir, path) = team();
    let d = dir.path();
    let err = ok_err(
        d,
        &[
            "item",
            "score",
            "RX-2",
            "--size",
            "8",
            "--as",
            PRIYA,
            "--why",
            "Sized with the team",
        ],
    );
    assert!(
        err.contains("Logged D1: prioritisation decision by Priya Shah"),
        "{err}"
    );
    assert!(!err.contains("agreed by"), "{err}");
    let show = ok_json(d, &["decisions", "show", "D1"], "decision");
    assert_eq!(
        show["decision"],
        decision(
            "D1",
            "prioritisation",
            "RX-2 (Email a receipt) size: none -> 8",
            &[],
            Some("Sized with the team"),
            &["RX-2"],
        )
        .as_object()
        .cloned()
        .map(|mut d| {
            d.insert(
                "covers".into(),
                json!([{ "section": "items", "id": "RX-2", "field": "size", "new": 8 }]),
            );
            Value::Object(d)
        })
        .unwrap()
    );
    // Without a reason, no decision is logged.
    ok(d, &["item", "score", "RX-2", "--size", "5", "--as", PRIYA]);
    assert_eq!(decisions(&path).len(), 1);
}

#[test]
fn a_change_of_two_kinds_needs_both_rights_and_logs_both() {
    let (dir, path) = team();
    let d = dir.path();
    let args = ["item", "edit", "RX-1", "--size", "8", "--mvp"];
    refused(
        d,
        &path,
        &with(&args, &["--as", SAM]),
        &["Sam Lee may not take prioritisation decisions"],
    );
    let err = ok_err(d, &with(&args, &["--as", PRIYA, "--why", "Sized and in"]));
    assert!(
        err.contains("Logged D1: prioritisation, scope decision by Priya Shah"),
        "{err}"
    );
    let log = decisions(&path);
    // Several kinds are written as a list.
    let kinds: Vec<&str> = log[0]["kind"]
        .as_array()
        .map_or_else(Vec::new, |k| k.iter().filter_map(|k| k.as_str()).collect());
    assert_eq!(kinds, ["prioritisation", "scope"], "{}", text(&path));
    assert_eq!(
        log[0]["summary"].as_str(),
        Some("RX-1 (Pay by card online) size: 3 -> 8; RX-1 mvp: none -> true")
    );
    // The log finds it under either kind.
    for kind in ["prioritisation", "scope"] {
        let list = ok_json(d, &["decisions", "list", "--kind", kind], "decision_list");
        assert_eq!(list["decisions"][0]["id"], "D1", "{kind}: {list:#}");
    }

    // With scope given to the team, the owner may score but not scope.
    let rules = "\n[rights]\nscope = { decide = [\"team\"] }\n";
    let (dir, path) = scratch_text(&format!("{TEAM}{rules}"), "product.toml");
    refused(
        dir.path(),
        &path,
        &with(&args, &["--as", PRIYA]),
        &[&not_decider(PRIYA, "scope", "team", SAM)],
    );
    refused(
        dir.path(),
        &path,
        &with(&args, &["--as", SAM]),
        &[&not_decider(SAM, "prioritisation", "owner", PRIYA)],
    );
}

/// Someone who holds both deciding and agreeing roles agrees for themselves.
#[test]
fn an_owner_who_is_also_leadership_still_needs_another_leaders_agreement() {
    let both = TEAM.replace(
        "name = \"Priya Shah\"\nroles = [\"owner\"]",
        "name = \"Priya Shah\"\nroles = [\"owner\", \"leadership\"]",
    );
    let (dir, path) = scratch_text(&both, "product.toml");
    let d = dir.path();
    // Nobody agrees with themselves.
    refused(
        d,
        &path,
        &[
            "okr",
            "add",
            "--title",
            "Refunds",
            "--as",
            PRIYA,
            "--agreed-by",
            PRIYA,
        ],
        &["Priya Shah cannot agree to goals decisions"],
    );
    let err = ok_err(
        d,
        &[
            "okr",
            "add",
            "--title",
            "Refunds",
            "--as",
            PRIYA,
            "--agreed-by",
            DAN,
        ],
    );
    assert!(
        err.contains("Logged D1: goals decision by Priya Shah, agreed by Dan Okafor"),
        "{err}"
    );
    assert_eq!(decisions(&path)[0]["decided_by"].as_str(), Some(PRIYA));
}

#[test]
fn the_last_owner_cannot_be_taken_away() {
    let (dir, path) = team();
    refused(
        dir.path(),
        &path,
        &["people", "role", PRIYA, "--remove", "owner", "--as", DAN],
        &["nobody holding the owner role"],
    );
}

/// The agreement given to a change that needs none is still who agreed.
#[test]
fn agreement_given_where_none_is_needed_is_logged() {
    let (dir, path) = team();
    let d = dir.path();
    let err = ok_err(
        d,
        &[
            "item",
            "score",
            "RX-2",
            "--size",
            "5",
            "--as",
            PRIYA,
            "--agreed-by",
            DAN,
        ],
    );
    assert!(
        err.contains("Logged D1: prioritisation decision by Priya Shah"),
        "{err}"
    );
    let log = decisions(&path);
    assert_eq!(log.len(), 1, "{}", text(&path));
    assert_eq!(
        log[0]
            .get("agreed_by")
            .and_then(|a| a.as_array())
            .map(Vec::len),
        Some(1),
        "{}",
        text(&path)
    );
    assert_eq!(log[0]["agreed_by"][0].as_str(), Some(DAN));
}

// ------------------------------------------------- what the diff decides

/// The file with its items' blocks in this order (by index in TEAM).
fn reordered(order: [usize; 3]) -> String {
    let (head, items) = TEAM.split_once("[[items]]").unwrap();
    let blocks: Vec<String> = items
        .split("[[items]]")
        .map(|b| format!("[[items]]{}\n", b.trim_end()))
        .collect();
    let body: Vec<&str> = order.iter().map(|&i| blocks[i].as_str()).collect();
    format!("{head}{}", body.join("\n"))
}

#[test]
fn a_hand_edited_key_result_target_is_a_goals_change() {
    assert_eq!(TEAM.matches("target = 85.0").count(), 1);
    let (dir, old) = team();
    let d = dir.path();
    std::fs::write(
        d.join("new.toml"),
        TEAM.replace("target = 85.0", "target = 90.0"),
    )
    .unwrap();
    let v = ok_json(d, &["diff", "product.toml", "new.toml"], "diff");
    assert_eq!(v["old"], "product.toml");
    assert_eq!(v["new"], "new.toml");
    assert_eq!(v["kinds"], json!(["goals"]));
    assert_eq!(
        v["changes"],
        json!([{
            "section": "key_results",
            "id": "O1.KR1",
            "change": "changed",
            "field": "target",
            "old": 85,
            "new": 90,
            "kind": "goals"
        }])
    );
    let out = ok(d, &["diff", "product.toml", "new.toml"]);
    assert!(
        out.starts_with("Changes from product.toml to new.toml\n"),
        "{out}"
    );
    has_row(&out, "Kind Section ID Change Old New");
    has_row(&out, "goals key_results O1.KR1 target 85 90");
    assert!(out.contains("decisions: goals"), "{out}");
    let md = ok(
        d,
        &["diff", "product.toml", "new.toml", "--format", "markdown"],
    );
    assert!(
        md.contains("| goals | key\\_results | O1.KR1 | target | 85 | 90 |"),
        "{md}"
    );
    // Comparing is reading: nothing is written.
    assert_eq!(text(&old), TEAM);
}

#[test]
fn a_hand_reordered_backlog_is_moves_only() {
    let (dir, _) = team();
    let d = dir.path();
    std::fs::write(d.join("top.toml"), reordered([2, 0, 1])).unwrap();
    assert_eq!(item_ids(&d.join("top.toml")), ["RX-3", "RX-1", "RX-2"]);
    let v = ok_json(d, &["diff", "product.toml", "top.toml"], "diff");
    assert_eq!(v["kinds"], json!(["prioritisation"]));
    assert_eq!(
        v["changes"],
        json!([{
            "section": "items",
            "id": "RX-3",
            "change": "moved",
            "from": 3,
            "to": 1,
            "kind": "prioritisation"
        }])
    );
    let out = ok(d, &["diff", "product.toml", "top.toml"]);
    has_row(&out, "prioritisation items RX-3 moved #3 #1");

    // A swap of the last two is one move too; back again is none.
    std::fs::write(d.join("swap.toml"), reordered([0, 2, 1])).unwrap();
    let v = ok_json(d, &["diff", "product.toml", "swap.toml"], "diff");
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{v:#}");
    assert_eq!(changes[0]["change"], "moved");
    std::fs::write(d.join("same.toml"), reordered([0, 1, 2])).unwrap();
    let v = ok_json(d, &["diff", "product.toml", "same.toml"], "diff");
    assert_eq!(v["changes"], json!([]));
    assert_eq!(v["kinds"], json!([]));
    let out = ok(d, &["diff", "product.toml", "same.toml"]);
    assert_eq!(out, "No changes between product.toml and same.toml.\n");
}

#[test]
fn moving_an_item_with_the_tool_is_the_same_one_move() {
    let (dir, path) = team();
    let d = dir.path();
    std::fs::write(d.join("old.toml"), TEAM).unwrap();
    ok(d, &["item", "move", "RX-3", "--top", "--as", PRIYA]);
    assert_eq!(item_ids(&path), ["RX-3", "RX-1", "RX-2"]);
    let v = ok_json(d, &["diff", "old.toml", "product.toml"], "diff");
    let governed: Vec<&Value> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["kind"].is_null())
        .collect();
    assert_eq!(
        governed,
        [&json!({
            "section": "items",
            "id": "RX-3",
            "change": "moved",
            "from": 3,
            "to": 1,
            "kind": "prioritisation"
        })],
        "{v:#}"
    );
}

#[test]
fn readings_check_ins_and_daily_work_are_not_decisions() {
    let (dir, path) = team();
    let d = dir.path();
    // The team member may do all of these: none is a decision, except
    // rewording an item, which is refinement, the owner's or the team's
    // (so the team member may, and nothing is logged).
    for args in [
        &["kpi", "record", "K1", "85"][..],
        &["okr", "checkin", "O1.KR1", "70"],
        &["item", "start", "RX-1"],
        &["item", "edit", "RX-2", "--title", "Email receipts"],
        &[
            "item",
            "edit",
            "RX-2",
            "--tag",
            "email",
            "--description",
            "A PDF",
        ],
        &["people", "add", "Ola Bello"],
    ] {
        let err = ok_err(d, &with(args, &["--as", SAM]));
        assert!(!err.contains("Logged"), "{args:?}: {err}");
    }
    assert!(decisions(&path).is_empty(), "{}", text(&path));
    std::fs::write(d.join("old.toml"), TEAM).unwrap();
    let v = ok_json(d, &["diff", "old.toml", "product.toml"], "diff");
    assert_eq!(v["kinds"], json!(["refinement"]), "{v:#}");
    let changes = v["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        if c["id"] == "RX-2"
            && ["title", "tags", "description"].contains(&c["field"].as_str().unwrap_or(""))
        {
            assert_eq!(c["kind"], "refinement", "{c}");
            continue;
        }
        assert!(c["kind"].is_null(), "{c}");
    }
    let kpi = changes
        .iter()
        .find(|c| c["section"] == "kpis")
        .unwrap_or_else(|| panic!("no KPI change: {v:#}"));
    assert_eq!(kpi["id"], "K1");
    assert_eq!(kpi["field"], "history");
    assert_eq!(kpi["new"], json!([{"date": common::TODAY, "value": 85}]));
    let kr: Vec<&Value> = changes
        .iter()
        .filter(|c| c["section"] == "key_results")
        .collect();
    assert!(
        kr.iter()
            .any(|c| c["id"] == "O1.KR1" && c["field"] == "current" && c["new"] == 70.0),
        "{v:#}"
    );
    let out = ok(d, &["diff", "old.toml", "product.toml"]);
    assert!(
        rows(&out)
            .iter()
            .any(|r| r.starts_with("- kpis K1 history")),
        "{out}"
    );
    has_row(&out, "- people Ola Bello added");
    has_row(&out, "- items RX-1 status ready doing");
    assert!(out.contains("; decisions: refinement"), "{out}");

    // Dropping is not daily work: it changes the scope.
    refused(
        d,
        &path,
        &[
            "item",
            "drop",
            "RX-2",
            "--reason",
            "Not needed",
            "--as",
            SAM,
        ],
        &[&not_decider(SAM, "scope", "owner", PRIYA)],
    );
}

#[test]
fn hand_edits_of_rights_roles_owner_and_vision_carry_their_kinds() {
    let (dir, _) = team();
    let d = dir.path();
    let edits = [
        (
            "rights",
            format!("{TEAM}\n[rights]\nprioritisation = {{ decide = [\"team\"] }}\n"),
            "rights",
            "prioritisation",
        ),
        (
            "owner",
            TEAM.replace("owner = \"Priya Shah\"", "owner = \"Sam Lee\""),
            "product",
            "owner",
        ),
        (
            "roles",
            TEAM.replace("roles = [\"team\"]", "roles = [\"team\", \"owner\"]"),
            "people",
            "roles",
        ),
    ];
    for (name, new, section, field) in &edits {
        std::fs::write(d.join("new.toml"), new).unwrap();
        let v = ok_json(d, &["diff", "product.toml", "new.toml"], "diff");
        assert_eq!(v["kinds"], json!(["rights"]), "{name}: {v:#}");
        let c = &v["changes"][0];
        assert_eq!(c["section"], *section, "{name}: {v:#}");
        assert_eq!(c["field"], *field, "{name}: {v:#}");
        assert_eq!(c["kind"], "rights", "{name}: {v:#}");
    }
    std::fs::write(
        d.join("new.toml"),
        TEAM.replace("can do it online.", "can do it online in two minutes."),
    )
    .unwrap();
    let v = ok_json(d, &["diff", "product.toml", "new.toml"], "diff");
    assert_eq!(v["kinds"], json!(["vision"]), "{v:#}");
    assert_eq!(v["changes"][0]["section"], "vision");
    assert_eq!(v["changes"][0]["field"], "statement");
    // A person with a role is a rights change; one with none is not.
    std::fs::write(
        d.join("new.toml"),
        format!("{TEAM}\n[[people]]\nname = \"Ola Bello\"\nroles = [\"leadership\"]\n"),
    )
    .unwrap();
    let v = ok_json(d, &["diff", "product.toml", "new.toml"], "diff");
    assert_eq!(
        v["changes"],
        json!([{"section": "people", "id": "Ola Bello", "change": "added", "kind": "rights"}])
    );
    std::fs::write(
        d.join("new.toml"),
        format!("{TEAM}\n[[people]]\nname = \"Ola Bello\"\n"),
    )
    .unwrap();
    let v = ok_json(d, &["diff", "product.toml", "new.toml"], "diff");
    assert_eq!(v["kinds"], json!([]), "{v:#}");
    assert_eq!(v["changes"][0]["change"], "added");
}

#[test]
fn diff_exit_code_is_1_with_changes_and_0_without() {
    let (dir, _) = team();
    let d = dir.path();
    std::fs::write(
        d.join("new.toml"),
        TEAM.replace("target = 85.0", "target = 90.0"),
    )
    .unwrap();
    let out = run(d, &["diff", "product.toml", "new.toml", "--exit-code"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    has_row(&stdout(&out), "goals key_results O1.KR1 target 85 90");
    let out = run(
        d,
        &["diff", "product.toml", "new.toml", "--exit-code", "--json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "diff");
    assert_eq!(v["kinds"], json!(["goals"]));
    let out = run(d, &["diff", "product.toml", "product.toml", "--exit-code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "No changes between product.toml and product.toml.\n"
    );
    // One file and no --base is a usage error; a missing file is exit 3.
    let out = run(d, &["diff", "product.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--base"), "{}", stderr(&out));
    let out = run(d, &["diff", "product.toml", "nothere.toml"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

/// A summary line counts its changes in good English.
#[test]
fn the_diff_summary_says_1_change() {
    let (dir, _) = team();
    let d = dir.path();
    std::fs::write(
        d.join("new.toml"),
        TEAM.replace("target = 85.0", "target = 90.0"),
    )
    .unwrap();
    let out = ok(d, &["diff", "product.toml", "new.toml"]);
    assert!(
        out.lines().any(|l| l == "1 change; decisions: goals"),
        "{out}"
    );
}

// ------------------------------------------------------- who may change rights

#[test]
fn nobody_grants_themselves_a_right_they_lack() {
    let (dir, path) = team();
    let d = dir.path();
    // The owner cannot make herself leadership, nor the team member himself owner.
    refused(
        d,
        &path,
        &[
            "people",
            "role",
            PRIYA,
            "--add",
            "leadership",
            "--as",
            PRIYA,
        ],
        &[&not_decider(PRIYA, "rights", "leadership", DAN)],
    );
    refused(
        d,
        &path,
        &["people", "role", SAM, "--add", "owner", "--as", SAM],
        &[&not_decider(SAM, "rights", "leadership", DAN)],
    );
    // Nor can the team member change anyone else's roles, or add a leader.
    refused(
        d,
        &path,
        &["people", "role", PRIYA, "--remove", "owner", "--as", SAM],
        &[&not_decider(SAM, "rights", "leadership", DAN)],
    );
    refused(
        d,
        &path,
        &[
            "people",
            "add",
            "Zara Hussain",
            "--role",
            "owner",
            "--as",
            SAM,
        ],
        &[&not_decider(SAM, "rights", "leadership", DAN)],
    );
    assert_eq!(text(&path), TEAM);

    // Leadership gives Sam the owner role; his next change is judged by it.
    refused(
        d,
        &path,
        &["item", "move", "RX-3", "--top", "--as", SAM],
        &[&not_decider(SAM, "prioritisation", "owner", PRIYA)],
    );
    ok(
        d,
        &[
            "people",
            "role",
            SAM,
            "--add",
            "owner",
            "--as",
            DAN,
            "--agreed-by",
            PRIYA,
        ],
    );
    ok(d, &["item", "move", "RX-3", "--top", "--as", SAM]);
    assert_eq!(item_ids(&path), ["RX-3", "RX-1", "RX-2"]);
    // Leadership taking its own role away leaves rights to nobody's rule.
    ok(
        d,
        &["people", "role", DAN, "--remove", "leadership", "--as", DAN],
    );
    assert!(roles(&path, DAN).is_empty());
}

#[test]
fn the_files_own_rules_override_the_defaults() {
    let rules = "\n[rights]\nprioritisation = { decide = [\"team\"] }\n\
                 rights = { decide = [\"owner\"] }\n";
    let (dir, path) = scratch_text(&format!("{TEAM}{rules}"), "product.toml");
    let d = dir.path();
    refused(
        d,
        &path,
        &["item", "move", "RX-3", "--top", "--as", PRIYA],
        &[
            &not_decider(PRIYA, "prioritisation", "team", SAM),
            "ask Sam Lee to make this change, or have the rule changed in [rights]",
        ],
    );
    ok(d, &["item", "move", "RX-3", "--top", "--as", SAM]);
    // Scope keeps its default.
    refused(
        d,
        &path,
        &["item", "add", "Pay by phone", "--as", SAM],
        &[&not_decider(SAM, "scope", "owner", PRIYA)],
    );
    // Rights are now the owner's, not leadership's: Dan cannot give `team`,
    // which here carries prioritisation, a right he lacks. (`leadership`
    // now carries only agreement, all of it his: that one he may pass on.)
    refused(
        d,
        &path,
        &[
            "people",
            "add",
            "Zara Hussain",
            "--role",
            "team",
            "--as",
            DAN,
        ],
        &[&not_decider(DAN, "rights", "owner", PRIYA)],
    );
    ok(
        d,
        &["people", "role", SAM, "--add", "leadership", "--as", PRIYA],
    );
    let out = ok(d, &["rights"]);
    has_row(&out, "prioritisation team Sam Lee");
    has_row(&out, "rights owner Priya Shah");
    has_row(
        &out,
        "goals owner Priya Shah leadership Dan Okafor, Sam Lee",
    );
}

#[test]
fn a_rule_binds_only_roles_somebody_holds() {
    let rules = "\n[rights]\ngoals = { decide = [\"owner\"], agree = [\"board\"] }\n";
    let (dir, path) = scratch_text(&format!("{TEAM}{rules}"), "product.toml");
    let d = dir.path();
    let err = ok_err(d, &["okr", "add", "--title", "Refunds", "--as", PRIYA]);
    assert!(!err.contains("Logged"), "{err}");
    assert!(decisions(&path).is_empty());
    has_row(
        &ok(d, &["rights"]),
        "goals owner Priya Shah board nobody yet",
    );
    let v = ok_json(d, &["rights"], "rights");
    let goals = &v["rights"][3];
    assert_eq!(goals["kind"], "goals");
    assert_eq!(
        goals["rule"],
        json!({"decide": ["owner"], "agree": ["board"]})
    );
    assert_eq!(goals["agree_roles"], json!([]));
    assert_eq!(goals["agreers"], json!([]));
    // Still, only the owner decides.
    refused(
        d,
        &path,
        &["okr", "add", "--title", "Refunds", "--as", SAM],
        &[&not_decider(SAM, "goals", "owner", PRIYA)],
    );
}

#[test]
fn a_lone_owner_is_not_deadlocked() {
    let (dir, path) = scratch_text(LONE, "product.toml");
    let d = dir.path();
    // Goals need no agreement while nobody holds leadership.
    let err = ok_err(
        d,
        &[
            "okr",
            "add",
            "--title",
            "Join in five minutes",
            "--as",
            PRIYA,
        ],
    );
    assert!(!err.contains("Logged"), "{err}");
    ok(
        d,
        &[
            "kpi",
            "add",
            "--name",
            "Cards issued",
            "--unit",
            "cards",
            "--direction",
            "up",
            "--target",
            "500",
            "--as",
            PRIYA,
        ],
    );
    ok(
        d,
        &[
            "vision",
            "set",
            "--statement",
            "Join from home",
            "--as",
            PRIYA,
        ],
    );
    // The owner may name the team and leadership.
    ok(d, &["people", "add", SAM, "--role", "team", "--as", PRIYA]);
    ok(
        d,
        &["people", "add", DAN, "--role", "leadership", "--as", PRIYA],
    );
    // Changes of rights, each logged.
    let log = decisions(&path);
    assert_eq!(log.len(), 2, "{}", text(&path));
    assert!(
        log.iter().all(|d| d["kind"].as_str() == Some("rights")),
        "{log:?}"
    );
    // Others are still refused what the owner decides.
    refused(
        d,
        &path,
        &["item", "add", "Renew", "--as", SAM],
        &[&not_decider(SAM, "scope", "owner", PRIYA)],
    );
    // Now that leadership is held, goals need its agreement and rights are its.
    refused(
        d,
        &path,
        &["okr", "add", "--title", "Renew online", "--as", PRIYA],
        &["goals decisions need the agreement of one of [leadership]: Dan Okafor"],
    );
    refused(
        d,
        &path,
        &[
            "people",
            "role",
            PRIYA,
            "--add",
            "leadership",
            "--as",
            PRIYA,
        ],
        &[&not_decider(PRIYA, "rights", "leadership", DAN)],
    );
    ok(
        d,
        &[
            "okr",
            "add",
            "--title",
            "Renew online",
            "--as",
            PRIYA,
            "--agreed-by",
            DAN,
        ],
    );
    // The two rights decisions, and the goals one.
    assert_eq!(decisions(&path).len(), 3);
}

/// In a lone owner's file nobody holds leadership, so the rights rule binds
/// nobody; that must not let a stranger take the owner's rights.
#[test]
fn a_stranger_cannot_make_themselves_owner_of_a_lone_owners_file() {
    let (dir, path) = scratch_text(LONE, "product.toml");
    let d = dir.path();
    // Eve may not touch the scope...
    refused(
        d,
        &path,
        &["item", "add", "Renew", "--as", "Eve"],
        &[&not_decider("Eve", "scope", "owner", PRIYA)],
    );
    let out = run(
        d,
        &["people", "add", "Eve", "--role", "owner", "--as", "Eve"],
    );
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    let out = run(
        d,
        &["people", "role", PRIYA, "--remove", "owner", "--as", "Eve"],
    );
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    assert_eq!(text(&path), LONE);
}

// ---------------------------------------------------------- diff --base REV

/// A git repository with TEAM committed by Priya, whose name is the
/// repository's user.name.
fn repository() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = team();
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", PRIYA]);
    git(d, &["config", "user.email", "priya@example.org"]);
    git(d, &["config", "commit.gpgsign", "false"]);
    git(d, &["add", "product.toml"]);
    git(d, &["commit", "-q", "-m", "The product file"]);
    (dir, path)
}

#[test]
fn diff_base_compares_with_the_file_at_a_git_revision() {
    let (dir, path) = repository();
    let d = dir.path();
    // The actor is git's user.name: Priya, who may score.
    ok(d, &["item", "score", "RX-1", "--size", "5"]);
    git(d, &["commit", "-q", "-am", "Size RX-1"]);
    assert_eq!(
        git(d, &["status", "--porcelain", "--untracked-files=no"]),
        ""
    );

    let v = ok_json(d, &["diff", "--base", "HEAD~1"], "diff");
    assert_eq!(v["old"], "HEAD~1:product.toml");
    assert_eq!(v["new"], "product.toml");
    assert_eq!(v["kinds"], json!(["prioritisation"]));
    let size = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "size")
        .unwrap_or_else(|| panic!("no size change: {v:#}"));
    assert_eq!(
        *size,
        json!({
            "section": "items",
            "id": "RX-1",
            "change": "changed",
            "field": "size",
            "old": 3,
            "new": 5,
            "kind": "prioritisation"
        })
    );
    let out = ok(d, &["diff", "--base", "HEAD~1"]);
    assert!(
        out.starts_with("Changes from HEAD~1:product.toml to product.toml\n"),
        "{out}"
    );
    has_row(&out, "prioritisation items RX-1 size 3 5");
    // The file can be named, and markdown is for a pull request comment.
    let md = ok(
        d,
        &[
            "diff",
            "--base",
            "HEAD~1",
            "product.toml",
            "--format",
            "markdown",
        ],
    );
    assert!(
        md.contains("| prioritisation | items | RX-1 | size | 3 | 5 |"),
        "{md}"
    );

    let out = run(d, &["diff", "--base", "HEAD~1", "--exit-code"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = run(d, &["diff", "--base", "HEAD", "--exit-code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "No changes between HEAD:product.toml and product.toml.\n"
    );

    // An uncommitted change shows against HEAD.
    ok(d, &["item", "move", "RX-3", "--top"]);
    let v = ok_json(d, &["diff", "--base", "HEAD"], "diff");
    assert_eq!(v["kinds"], json!(["prioritisation"]));
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "RX-3" && c["change"] == "moved"),
        "{v:#}"
    );
    let out = run(d, &["diff", "--base", "HEAD", "--exit-code", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    // An unknown revision is exit 3 and writes nothing.
    refused_with(
        3,
        "revision",
        d,
        &path,
        &["diff", "--base", "no-such-rev"],
        &["no-such-rev", "git log"],
    );
}

#[test]
fn diff_base_sees_a_refused_change_nowhere_and_a_logged_one_as_a_decision() {
    let (dir, path) = repository();
    let d = dir.path();
    // Git's user is Priya; a goals change needs Dan's agreement.
    refused(
        d,
        &path,
        &["okr", "add", "--title", "Refunds"],
        &["goals decisions need the agreement of one of [leadership]: Dan Okafor"],
    );
    let out = run(d, &["diff", "--base", "HEAD", "--exit-code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    ok(d, &["okr", "add", "--title", "Refunds", "--agreed-by", DAN]);
    let v = ok_json(d, &["diff", "--base", "HEAD"], "diff");
    assert_eq!(v["kinds"], json!(["goals"]));
    let sections: Vec<(&str, &str, &str)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["section"].as_str().unwrap(),
                c["id"].as_str().unwrap(),
                c["change"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [("objectives", "O2", "added"), ("decisions", "D1", "added")]
    );
}

// ------------------------------------------------------------- the actor

#[test]
fn a_binding_rule_needs_someone_named_as_acting() {
    let (dir, path) = team();
    let d = dir.path();
    let hint = [
        "this is a scope decision, and nobody is named as making it",
        "--as NAME",
        "$PRODUCT_AS",
        "git config user.name",
    ];
    refused(d, &path, &["item", "add", "Pay by phone"], &hint);
    refused(
        d,
        &path,
        &["okr", "add", "--title", "Refunds"],
        &["this is a goals decision, and nobody is named as making it"],
    );
    // An empty name is nobody.
    let out = product(d)
        .env("PRODUCT_AS", "")
        .args(["item", "add", "Pay by phone"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    // What is no decision needs nobody.
    ok(d, &["kpi", "record", "K1", "85"]);

    // $PRODUCT_AS names the actor, and --as wins over it.
    let out = product(d)
        .env("PRODUCT_AS", SAM)
        .args(["item", "add", "Pay by phone"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&not_decider(SAM, "scope", "owner", PRIYA)),
        "{}",
        stderr(&out)
    );
    let out = product(d)
        .env("PRODUCT_AS", PRIYA)
        .args(["item", "add", "Pay by phone"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = product(d)
        .env("PRODUCT_AS", SAM)
        .args(["item", "add", "Pay by text", "--as", PRIYA])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = product(d)
        .env("PRODUCT_AS", PRIYA)
        .args(["okr", "add", "--title", "Refunds", "--agreed-by", DAN])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(decisions(&path)[0]["decided_by"].as_str(), Some(PRIYA));
    assert_eq!(item_ids(&path), ["RX-1", "RX-2", "RX-3", "RX-4", "RX-5"]);
}

#[test]
fn without_people_nobody_needs_naming_unless_a_decision_is_logged() {
    let (dir, path) = scratch_text(common::MINIMAL, "product.toml");
    let d = dir.path();
    ok(d, &["item", "add", "Lost cards"]);
    ok(d, &["okr", "add", "--title", "Join fast"]);
    assert!(decisions(&path).is_empty());
    // A reason asks for a decision, and a decision needs who took it.
    refused_with(
        2,
        "usage",
        d,
        &path,
        &["item", "add", "Print", "--why", "Asked for"],
        &["nobody is named as taking it", "--as NAME"],
    );
    let err = ok_err(
        d,
        &["item", "add", "Print", "--why", "Asked for", "--as", "Bob"],
    );
    assert!(err.contains("Logged D1: scope decision by Bob"), "{err}");
}

// ---------------------------------------------- decide, decisions, views

#[test]
fn decide_records_a_decision_taken_elsewhere_under_the_same_rules() {
    let (dir, path) = team();
    let d = dir.path();
    let goals = ["decide", "--kind", "goals", "--summary", "Aim for 90%"];
    refused(
        d,
        &path,
        &with(&goals, &["--as", SAM, "--agreed-by", DAN]),
        &[&not_decider(SAM, "goals", "owner", PRIYA)],
    );
    refused(
        d,
        &path,
        &with(&goals, &["--as", PRIYA]),
        &["goals decisions need the agreement of one of [leadership]: Dan Okafor"],
    );
    refused(
        d,
        &path,
        &with(&goals, &["--as", PRIYA, "--agreed-by", SAM]),
        &["Sam Lee cannot agree to goals decisions"],
    );
    refused(
        d,
        &path,
        &[
            "decide",
            "--kind",
            "rights",
            "--summary",
            "Sam is owner",
            "--as",
            PRIYA,
        ],
        &[&not_decider(PRIYA, "rights", "leadership", DAN)],
    );
    assert_eq!(text(&path), TEAM);

    let out = ok(
        d,
        &with(
            &goals,
            &[
                "--as",
                PRIYA,
                "--agreed-by",
                DAN,
                "--why",
                "Beta users completed at 88%",
                "--ref",
                "O1",
                "--ref",
                "O1.KR1",
            ],
        ),
    );
    assert_eq!(
        out,
        "Logged D1: goals decision by Priya Shah: Aim for 90%\n"
    );
    let d1 = &decisions(&path)[0];
    assert_eq!(d1["summary"].as_str(), Some("Aim for 90%"));
    assert_eq!(d1["date"].to_string(), common::TODAY);
    let v = ok_json(
        d,
        &[
            "decide",
            "--kind",
            "scope",
            "--summary",
            "No paper forms",
            "--as",
            PRIYA,
        ],
        "decision_added",
    );
    assert_eq!(
        v["decision"],
        decision("D2", "scope", "No paper forms", &[], None, &[])
    );
    let v = ok_json(d, &["decisions", "show", "D1"], "decision");
    assert_eq!(
        v["decision"],
        decision(
            "D1",
            "goals",
            "Aim for 90%",
            &[DAN],
            Some("Beta users completed at 88%"),
            &["O1", "O1.KR1"],
        )
    );
    // The summary must say something.
    let out = run(
        d,
        &["decide", "--kind", "scope", "--summary", " ", "--as", PRIYA],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // Numbering goes on from the highest id in the log.
    let (dir, path) = scratch_text(&format!("{TEAM}{LOG}"), "product.toml");
    let v = ok_json(
        dir.path(),
        &[
            "decide",
            "--kind",
            "scope",
            "--summary",
            "Refunds later",
            "--as",
            PRIYA,
        ],
        "decision_added",
    );
    assert_eq!(v["decision"]["id"], "D4");
    assert_eq!(decisions(&path).len(), 4);
}

/// `decide` is checked as any change is: with a binding rule and nobody
/// named, it is a refusal, as `item add` is.
#[test]
fn decide_without_anyone_named_is_refused_as_a_change_is() {
    let (dir, path) = team();
    let before = text(&path);
    let out = run(
        dir.path(),
        &["decide", "--kind", "goals", "--summary", "Aim for 90%"],
    );
    assert!(stderr(&out).contains("--as NAME"), "{}", stderr(&out));
    assert!(stderr(&out).contains("$PRODUCT_AS"), "{}", stderr(&out));
    assert_eq!(text(&path), before);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
}

#[test]
fn decisions_list_filters_by_kind_and_date() {
    let (dir, _) = scratch_text(&format!("{TEAM}{LOG}"), "product.toml");
    let d = dir.path();
    let ids = |v: &Value| -> Vec<String> {
        v["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = ok(d, &["decisions"]);
    has_row(&all, "ID Date Kind Summary Decided by Agreed by");
    has_row(
        &all,
        "D1 2026-10-01 goals Raise O1.KR1 target from 80% to 85% Priya Shah Dan Okafor",
    );
    has_row(
        &all,
        "D2 2026-11-05 scope No paper forms in the MVP Priya Shah",
    );
    has_row(&all, "3 of 3 decisions");
    assert_eq!(ok(d, &["decisions", "list"]), all);

    let v = ok_json(d, &["decisions", "list"], "decision_list");
    assert_eq!(ids(&v), ["D1", "D2", "D3"]);
    assert_eq!(v["total"], 3);
    let v = ok_json(
        d,
        &["decisions", "list", "--kind", "goals"],
        "decision_list",
    );
    assert_eq!(ids(&v), ["D1", "D3"]);
    let v = ok_json(
        d,
        &["decisions", "list", "--since", "2026-11-01"],
        "decision_list",
    );
    assert_eq!(ids(&v), ["D2", "D3"]);
    // On or after the day.
    let v = ok_json(
        d,
        &["decisions", "list", "--since", "2026-11-05"],
        "decision_list",
    );
    assert_eq!(ids(&v), ["D2", "D3"]);
    let v = ok_json(
        d,
        &[
            "decisions",
            "list",
            "--kind",
            "goals",
            "--since",
            "2026-11-01",
        ],
        "decision_list",
    );
    assert_eq!(ids(&v), ["D3"]);
    assert_eq!(v["total"], 3);
    assert_eq!(
        v["decisions"][0],
        json!({
            "id": "D3",
            "date": "2026-11-20",
            "kind": "goals",
            "summary": "Add a refunds objective",
            "decided_by": "Priya Shah",
            "agreed_by": ["Dan Okafor"],
            "refs": ["O1"]
        })
    );
    let out = ok(
        d,
        &[
            "decisions",
            "list",
            "--kind",
            "goals",
            "--since",
            "2026-11-01",
        ],
    );
    has_row(
        &out,
        "D3 2026-11-20 goals Add a refunds objective Priya Shah Dan Okafor",
    );
    has_row(&out, "1 of 3 decisions");
    assert!(!out.contains("D1"), "{out}");
    let v = ok_json(
        d,
        &["decisions", "list", "--kind", "launch"],
        "decision_list",
    );
    assert_eq!(v["decisions"], json!([]));

    for bad in [
        &["decisions", "list", "--kind", "budget"][..],
        &["decisions", "list", "--since", "yesterday"],
    ] {
        let out = run(d, bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
    }
}

#[test]
fn decisions_show_gives_one_in_full_and_refuses_an_unknown_id() {
    let (dir, path) = scratch_text(&format!("{TEAM}{LOG}"), "product.toml");
    let d = dir.path();
    let out = ok(d, &["decisions", "show", "D1"]);
    assert_eq!(
        out,
        "D1 Raise O1.KR1 target from 80% to 85%\n\
         Date:       2026-10-01\n\
         Kind:       goals\n\
         Decided by: Priya Shah\n\
         Agreed by:  Dan Okafor\n\
         Why:        Beta users completed at 78%\n\
         About:      O1.KR1\n"
    );
    let v = ok_json(d, &["decisions", "show", "D2"], "decision");
    assert_eq!(
        v["decision"],
        json!({
            "id": "D2",
            "date": "2026-11-05",
            "kind": "scope",
            "summary": "No paper forms in the MVP",
            "decided_by": "Priya Shah"
        })
    );
    refused_with(
        3,
        "unknown_id",
        d,
        &path,
        &["decisions", "show", "D9"],
        &["no decision `D9`", "D1, D2, D3"],
    );
    refused_with(
        3,
        "unknown_id",
        d,
        &path,
        &["decisions", "show", "d1"],
        &["did you mean `D1`?"],
    );
    // An empty log says so.
    let (dir, _) = team();
    let out = ok(dir.path(), &["decisions"]);
    assert!(out.contains("No decisions"), "{out}");
    let v = ok_json(dir.path(), &["decisions"], "decision_list");
    assert_eq!(v["decisions"], json!([]));
    assert_eq!(v["total"], 0);
}

#[test]
fn people_list_shows_roles_and_the_product_owner() {
    let (dir, _) = team();
    let d = dir.path();
    let out = ok(d, &["people", "list"]);
    has_row(&out, "Name Roles");
    has_row(&out, "Priya Shah (product owner) owner");
    has_row(&out, "Dan Okafor leadership");
    has_row(&out, "Sam Lee team");
    let v = ok_json(d, &["people", "list"], "people");
    assert_eq!(
        v["people"],
        json!([
            {"name": "Priya Shah", "roles": ["owner"]},
            {"name": "Dan Okafor", "roles": ["leadership"]},
            {"name": "Sam Lee", "roles": ["team"]}
        ])
    );
    assert_eq!(v["owner"], PRIYA);

    let v = ok_json(
        d,
        &[
            "people",
            "add",
            "Grace Adeyemi",
            "--role",
            "leadership",
            "--role",
            "team",
            "--as",
            DAN,
        ],
        "person_added",
    );
    assert_eq!(v["action"], "added");
    assert_eq!(
        v["person"],
        json!({"name": "Grace Adeyemi", "roles": ["leadership", "team"]})
    );
    let v = ok_json(
        d,
        &[
            "people",
            "role",
            "Grace Adeyemi",
            "--remove",
            "team",
            "--as",
            DAN,
        ],
        "person_updated",
    );
    assert_eq!(v["person"]["roles"], json!(["leadership"]));
    let out = ok(
        d,
        &[
            "people",
            "role",
            SAM,
            "--remove",
            "team",
            "--add",
            "owner",
            "--as",
            DAN,
            "--agreed-by",
            PRIYA,
        ],
    );
    assert_eq!(out, "Updated Sam Lee: owner\n");

    let path = dir.path().join("product.toml");
    refused_with(
        3,
        "unknown_id",
        d,
        &path,
        &["people", "role", "Nobody", "--add", "team", "--as", DAN],
        &["no person `Nobody`"],
    );
    let out = run(d, &["people", "add", "sam lee", "--as", DAN]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("Sam Lee is already in [[people]]"));

    let (dir, _) = scratch_text(common::MINIMAL, "product.toml");
    let out = ok(dir.path(), &["people", "list"]);
    assert!(out.starts_with("Nobody is named yet"), "{out}");
    let v = ok_json(dir.path(), &["people", "list"], "people");
    assert_eq!(v["people"], json!([]));
    assert_eq!(v["owner"], Value::Null);
}

#[test]
fn rights_shows_each_kinds_rule_and_who_holds_it() {
    let (dir, _) = team();
    let d = dir.path();
    let out = ok(d, &["rights"]);
    has_row(&out, "Kind Decides Held by Agrees Held by");
    has_row(&out, "prioritisation owner Priya Shah");
    has_row(&out, "scope owner Priya Shah");
    // Refinement: the owner or the team, by default, in a file whose
    // [rights] is older than the kind.
    has_row(&out, "refinement owner, team Priya Shah, Sam Lee");
    for kind in ["goals", "metrics", "launch", "vision"] {
        has_row(
            &out,
            &format!("{kind} owner Priya Shah leadership Dan Okafor"),
        );
    }
    has_row(&out, "rights leadership Dan Okafor");
    assert!(
        out.contains(
            "Giving or taking the owner role also needs the agreement of Priya Shah, who holds it now. Every change of rights is logged."
        ),
        "{out}"
    );

    let v = ok_json(d, &["rights"], "rights");
    let rights = v["rights"].as_array().unwrap();
    let kinds: Vec<&str> = rights.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "prioritisation",
            "scope",
            "refinement",
            "goals",
            "metrics",
            "launch",
            "vision",
            "rights",
            "assessment"
        ]
    );
    assert_eq!(
        rights[2],
        json!({
            "kind": "refinement",
            "rule": {"decide": ["owner", "team"]},
            "decide_roles": ["owner", "team"],
            "deciders": ["Priya Shah", "Sam Lee"],
            "agree_roles": [],
            "agreers": []
        })
    );
    assert_eq!(
        rights[0],
        json!({
            "kind": "prioritisation",
            "rule": {"decide": ["owner"]},
            "decide_roles": ["owner"],
            "deciders": ["Priya Shah"],
            "agree_roles": [],
            "agreers": []
        })
    );
    assert_eq!(
        rights[3],
        json!({
            "kind": "goals",
            "rule": {"decide": ["owner"], "agree": ["leadership"]},
            "decide_roles": ["owner"],
            "deciders": ["Priya Shah"],
            "agree_roles": ["leadership"],
            "agreers": ["Dan Okafor"]
        })
    );
    assert_eq!(rights[7]["deciders"], json!(["Dan Okafor"]));

    // A lone owner's file: leadership is held by nobody yet.
    let (dir, _) = scratch_text(LONE, "product.toml");
    let out = ok(dir.path(), &["rights"]);
    has_row(&out, "goals owner Priya Shah leadership nobody yet");
    has_row(&out, "rights leadership Priya Shah (owner, until held)");
    let v = ok_json(dir.path(), &["rights"], "rights");
    // Rights fall to the owner while nobody holds leadership.
    assert_eq!(v["rights"][7]["decide_roles"], json!(["owner"]));
    assert_eq!(v["rights"][7]["deciders"], json!(["Priya Shah"]));
}

#[test]
fn init_owner_names_the_owner_in_product_and_people() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = ok(
        d,
        &[
            "init",
            "--name",
            "Library cards",
            "--key",
            "LC",
            "--owner",
            PRIYA,
        ],
    );
    assert!(out.contains("owned by Priya Shah"), "{out}");
    let path = d.join("product.toml");
    let t = read(&path);
    assert_eq!(t["product"]["owner"].as_str(), Some(PRIYA));
    assert_eq!(roles(&path, PRIYA), ["owner"]);
    let v = ok_json(d, &["people", "list"], "people");
    assert_eq!(
        v["people"],
        json!([{"name": "Priya Shah", "roles": ["owner"]}])
    );
    assert_eq!(v["owner"], PRIYA);
    // The new file is governed at once: the owner decides scope.
    refused(
        d,
        &path,
        &["item", "add", "Join online", "--as", SAM],
        &[&not_decider(SAM, "scope", "owner", PRIYA)],
    );
    ok(d, &["item", "add", "Join online", "--as", PRIYA]);

    // JSON, and the owner taken from --as where --owner is not given.
    let v = ok_json(
        d,
        &["-f", "cards.json", "init", "--name", "Cards", "--as", DAN],
        "init",
    );
    assert_eq!(v["owner"], DAN);
    let json: Value = serde_json::from_str(&text(&d.join("cards.json"))).unwrap();
    assert_eq!(json["product"]["owner"], DAN);
    assert_eq!(
        json["people"],
        json!([{"name": "Dan Okafor", "roles": ["owner"]}])
    );
    // Nobody named, nobody in [[people]].
    ok(d, &["-f", "plain.toml", "init", "--name", "Plain"]);
    let t = read(&d.join("plain.toml"));
    assert!(t["product"].get("owner").is_none(), "{t:?}");
    assert!(t.get("people").is_none(), "{t:?}");
}

#[test]
fn rights_hold_in_a_json_product_file_too() {
    let file = r#"{
  "version": 1,
  "product": { "name": "Library cards", "key": "LC", "owner": "Priya Shah" },
  "people": [
    { "name": "Priya Shah", "roles": ["owner"] },
    { "name": "Dan Okafor", "roles": ["leadership"] },
    { "name": "Sam Lee", "roles": ["team"] }
  ],
  "kpis": [
    { "id": "K1", "name": "User satisfaction", "unit": "%", "direction": "up", "target": 90.0 }
  ]
}
"#;
    let (dir, path) = scratch_text(file, "product.json");
    let d = dir.path();
    let args = ["kpi", "edit", "K1", "--target", "95"];
    refused(
        d,
        &path,
        &with(&args, &["--as", SAM]),
        &[&not_decider(SAM, "metrics", "owner", PRIYA)],
    );
    refused(
        d,
        &path,
        &with(&args, &["--as", PRIYA]),
        &["metrics decisions need the agreement of one of [leadership]: Dan Okafor"],
    );
    ok(
        d,
        &with(
            &args,
            &["--as", PRIYA, "--agreed-by", DAN, "--why", "Benchmark"],
        ),
    );
    let v: Value = serde_json::from_str(&text(&path)).unwrap();
    assert_eq!(v["kpis"][0]["target"], 95.0);
    assert_eq!(
        v["decisions"],
        json!([{
            "id": "D1",
            "date": "2026-11-23",
            "kind": "metrics",
            "summary": "K1 (User satisfaction) target: 90 -> 95",
            "decided_by": "Priya Shah",
            "agreed_by": ["Dan Okafor"],
            "rationale": "Benchmark",
            "refs": ["K1"],
            "covers": [{ "section": "kpis", "id": "K1", "field": "target", "old": 90, "new": 95 }]
        }])
    );
}

#[test]
fn init_force_over_a_governed_file_needs_the_rights_to_every_change() {
    let (dir, path) = scratch_text(TEAM, "product.toml");
    refused(
        dir.path(),
        &path,
        &[
            "-f",
            "product.toml",
            "init",
            "--force",
            "--name",
            "Other",
            "--as",
            SAM,
        ],
        &["Sam Lee may not take"],
    );
}

#[test]
fn diff_base_on_a_file_new_since_the_base_shows_it_all_added() {
    let (dir, _) = repository();
    let d = dir.path();
    std::fs::write(d.join("other.toml"), TEAM).unwrap();
    let v = ok_json(d, &["diff", "--base", "HEAD", "other.toml"], "diff");
    let kinds: Vec<&str> = v["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"scope") && kinds.contains(&"rights"), "{v}");
}

#[test]
fn taking_a_decision_out_of_the_log_is_a_rights_change() {
    let (dir, path) = scratch_text(&format!("{TEAM}{LOG}"), "product.toml");
    let old = dir.path().join("old.toml");
    std::fs::copy(&path, &old).unwrap();
    let text = text(&path);
    let cut = text.find("[[decisions]]").unwrap();
    std::fs::write(&path, &text[..cut]).unwrap();
    let v = ok_json(dir.path(), &["diff", "old.toml", "product.toml"], "diff");
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["section"] == "decisions" && c["kind"] == "rights"),
        "{v}"
    );
}

/// A log written before kinds were lists: several kinds in one string, and
/// a word no kind has.
const OLD_LOG: &str = r#"

[[decisions]]
id = "D1"
date = 2026-10-01
kind = "goals, metrics"   # as written then
summary = "Set O1 and K1 together"
decided_by = "Priya Shah"
agreed_by = ["Dan Okafor"]

[[decisions]]
id = "D2"
date = 2026-11-05
kind = "budget"
summary = "Pay for the card provider"
decided_by = "Priya Shah"
"#;

#[test]
fn a_log_from_before_kinds_were_lists_reads_and_stays_as_written() {
    let (dir, path) = scratch_text(&format!("{TEAM}{OLD_LOG}"), "product.toml");
    let d = dir.path();
    let list = ok_json(
        d,
        &["decisions", "list", "--kind", "metrics"],
        "decision_list",
    );
    assert_eq!(list["decisions"][0]["id"], "D1", "{list:#}");
    assert_eq!(list["decisions"][0]["kind"], json!(["goals", "metrics"]));
    let d2 = ok_json(d, &["decisions", "show", "D2"], "decision");
    assert_eq!(d2["decision"]["kind"], "budget");
    has_row(
        &ok(d, &["decisions"]),
        "D1 2026-10-01 goals, metrics Set O1 and K1 together Priya Shah Dan Okafor",
    );

    // A new decision is logged after them; they stay byte for byte.
    ok_err(
        d,
        &[
            "kpi",
            "edit",
            "K1",
            "--target",
            "92",
            "--as",
            PRIYA,
            "--agreed-by",
            DAN,
        ],
    );
    let after = text(&path);
    assert!(after.contains(OLD_LOG.trim_end()), "{after}");
    let log = decisions(&path);
    assert_eq!(log.len(), 3);
    assert_eq!(log[2]["kind"].as_str(), Some("metrics"));
}

#[test]
fn the_owner_adds_a_team_member_once_leadership_is_named() {
    let (dir, path) = team();
    let d = dir.path();
    let add = ["people", "add", "Ann Ruiz", "--role", "team", "--as", PRIYA];
    let err = ok_err(d, &add);
    assert!(
        err.contains("Logged D1: rights decision by Priya Shah"),
        "{err}"
    );
    assert_eq!(roles(&path, "Ann Ruiz"), ["team"]);
    ok(
        d,
        &[
            "people",
            "add",
            "Bo Lind",
            "--role",
            "team",
            "--as",
            PRIYA,
            "--agreed-by",
            DAN,
        ],
    );
    assert_eq!(roles(&path, "Bo Lind"), ["team"]);
    ok(
        d,
        &[
            "people", "role", "Bo Lind", "--remove", "team", "--as", PRIYA,
        ],
    );
    assert!(roles(&path, "Bo Lind").is_empty());
    let log = decisions(&path);
    assert_eq!(log.len(), 3, "{}", text(&path));
    assert!(log.iter().all(|d| d["kind"].as_str() == Some("rights")));
    // Leadership is still leadership's to give.
    let before = text(&path);
    refused(
        d,
        &path,
        &[
            "people",
            "role",
            "Ann Ruiz",
            "--add",
            "leadership",
            "--as",
            PRIYA,
        ],
        &[&not_decider(PRIYA, "rights", "leadership", DAN)],
    );
    assert_eq!(text(&path), before);
}

#[test]
fn next_hints_name_the_agreement_the_suggested_command_will_need() {
    // Under the default rules, linking an item to the roadmap is the
    // owner's alone: the hint asks for nobody's agreement.
    let (dir, _) = team();
    let d = dir.path();
    let args = [
        "roadmap",
        "add",
        "--title",
        "Refunds",
        "--horizon",
        "now",
        "--as",
        PRIYA,
        "--agreed-by",
        DAN,
    ];
    let out = ok(d, &args);
    assert!(
        out.contains("Next: product item edit ID --roadmap R2 to link backlog items\n"),
        "{out}"
    );
    // Where the file's rules make scope need leadership's agreement, the
    // hint is the whole command, with a real agreer from the file.
    let rules = "\n[rights]\nscope = { decide = [\"owner\"], agree = [\"leadership\"] }\n";
    let (dir, _) = scratch_text(&format!("{TEAM}{rules}"), "product.toml");
    let d = dir.path();
    let out = ok(d, &args);
    assert!(
        out.contains(
            "Next: product item edit ID --roadmap R2 --agreed-by \"Dan Okafor\" to link backlog items\n"
        ),
        "{out}"
    );
    let v = ok_json(
        d,
        &[
            "roadmap",
            "add",
            "--title",
            "Receipts",
            "--horizon",
            "next",
            "--as",
            PRIYA,
            "--agreed-by",
            DAN,
        ],
        "roadmap_added",
    );
    assert_eq!(
        v["next"],
        "product item edit ID --roadmap R3 --agreed-by \"Dan Okafor\""
    );
}

#[test]
fn the_next_hint_after_an_objective_names_the_agreement_a_key_result_needs() {
    // A key result is a goals decision: leadership's agreement, by default.
    let (dir, _) = team();
    let d = dir.path();
    let args = [
        "okr",
        "add",
        "--title",
        "Refunds in a day",
        "--as",
        PRIYA,
        "--agreed-by",
        DAN,
    ];
    let out = ok(d, &args);
    assert!(
        out.contains(
            "Next: product okr kr add O2 --title \"...\" --start 0 --target 10 --agreed-by \"Dan Okafor\"\n"
        ),
        "{out}"
    );
    let v = ok_json(d, &args, "objective_added");
    assert_eq!(
        v["next"],
        "product okr kr add O3 --title \"...\" --start 0 --target 10 --agreed-by \"Dan Okafor\""
    );
}
