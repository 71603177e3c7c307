//! `product check`: each rule fires on a file made to break it, at the
//! right `line:col` in TOML and in JSON, and stays quiet on a healthy file;
//! severities and limits from `[check]`; the output formats; and the
//! governance check against a git revision.

mod common;

use std::path::Path;

use common::{commit_all, ok, ok_json, product, scratch_text, stderr, stdout, text};
use serde_json::{Map, Value};

/// A healthy product: every rule passes on it (today is 2026-11-23).
const HEALTHY: &str = r#"version = 1

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

[[objectives]]
id = "O1"
title = "Pay online"
start = 2026-10-01
end = 2027-03-31
commitment = "committed"

[[objectives.key_results]]
id = "KR1"
title = "Completion"
start = 60.0
target = 80.0
current = 70.0
history = [{ date = 2026-11-01, value = 70.0 }]

[[kpis]]
id = "K1"
name = "Satisfaction"
direction = "up"
target = 90.0
threshold = 80.0
cadence = "monthly"
history = [{ date = 2026-11-20, value = 85.0 }]

[[roadmap]]
id = "R1"
title = "Card payments"
horizon = "now"
objectives = ["O1"]

[[items]]
id = "CK-1"
title = "Pay by card"
kind = "feature"
status = "ready"
roadmap = "R1"
key_results = ["O1.KR1"]
acceptance = ["Given a card, when I pay, then I get a receipt"]
value = 1
time_criticality = 1
risk_reduction = 1
size = 1

[[items]]
id = "CK-2"
title = "Email receipts"
kind = "feature"
status = "idea"
depends_on = ["CK-1"]
value = 2
time_criticality = 3
risk_reduction = 2
size = 2
confidence = 80

[[decisions]]
id = "D1"
date = 2026-11-02
kind = "goals"
summary = "Completion target 80%"
decided_by = "Ada Byrne"
agreed_by = ["Kofi Mensah"]
"#;

/// A NHS service in beta: the alpha assessment held with one
/// recommendation nothing addresses, and the beta assessment 20 days away.
const ASSESSED: &str = "[service]\nphase = \"beta\"\nstandard = \"nhs\"\n\n[[assessments]]\nid = \"A1\"\nphase = \"alpha\"\ndate = 2026-09-14\nstatus = \"held\"\n\n[[assessments.recommendations]]\nid = \"R1\"\npoint = 5\ntext = \"Test with screen reader users\"\n\n[[assessments]]\nid = \"A2\"\nphase = \"beta\"\ndate = 2026-12-13\n\n[[decisions]]";

/// A rule broken on purpose: the edits that break it, and where the
/// finding must be: the first `key` after the first `anchor` in the text.
struct Case {
    rule: &'static str,
    edits: &'static [(&'static str, &'static str)],
    anchor: &'static str,
    key: &'static str,
}

const CASES: &[Case] = &[
    Case {
        rule: "unknown-key",
        edits: &[("status = \"idea\"", "status = \"idea\"\nsise = 3")],
        anchor: "CK-2",
        key: "sise",
    },
    Case {
        rule: "dangling-reference",
        edits: &[("key_results = [\"O1.KR1\"]", "key_results = [\"O1.KR9\"]")],
        anchor: "CK-1",
        key: "key_results",
    },
    Case {
        rule: "dangling-reference",
        edits: &[("roadmap = \"R1\"", "roadmap = \"R9\"")],
        anchor: "CK-1",
        key: "roadmap",
    },
    Case {
        rule: "dangling-reference",
        edits: &[("depends_on = [\"CK-1\"]", "depends_on = [\"CK-9\"]")],
        anchor: "CK-2",
        key: "depends_on",
    },
    Case {
        rule: "dangling-reference",
        edits: &[("objectives = [\"O1\"]", "objectives = [\"O9\"]")],
        anchor: "Card payments",
        key: "objectives",
    },
    Case {
        rule: "unknown-person",
        edits: &[("decided_by = \"Ada Byrne\"", "decided_by = \"Ada Bryne\"")],
        anchor: "Completion target",
        key: "decided_by",
    },
    Case {
        rule: "id-format",
        edits: &[("id = \"K1\"", "id = \"KPI1\"")],
        anchor: "kpis",
        key: "id",
    },
    Case {
        rule: "duplicate-source",
        edits: &[
            (
                "status = \"ready\"",
                "status = \"ready\"\nsource = \"APACHE-101\"",
            ),
            (
                "status = \"idea\"",
                "status = \"idea\"\nsource = \"APACHE-101\"",
            ),
        ],
        anchor: "CK-2",
        key: "source",
    },
    Case {
        rule: "dependency-cycle",
        edits: &[(
            "status = \"ready\"",
            "status = \"ready\"\ndepends_on = [\"CK-2\"]",
        )],
        anchor: "CK-1",
        key: "depends_on",
    },
    Case {
        rule: "owner-not-in-people",
        edits: &[("owner = \"Ada Byrne\"", "owner = \"Ada Brown\"")],
        anchor: "Check",
        key: "owner",
    },
    Case {
        rule: "unheld-role",
        edits: &[(
            "[[people]]\nname = \"Ada Byrne\"",
            "[rights]\ngoals = { decide = [\"owner\"], agree = [\"board\"] }\n\n[[people]]\nname = \"Ada Byrne\"",
        )],
        anchor: "rights",
        key: "agree",
    },
    Case {
        rule: "agreement-falls-away",
        edits: &[
            ("roles = [\"leadership\"]", "roles = [\"team\"]"),
            ("roles = [\"owner\"]", "roles = [\"owner\", \"leadership\"]"),
        ],
        anchor: "Ada Byrne",
        key: "roles",
    },
    Case {
        rule: "signing-key-invalid",
        edits: &[(
            "roles = [\"owner\"]",
            "roles = [\"owner\"]\nsigning_keys = [\"ssh-ed25519 not-a-key\"]",
        )],
        anchor: "roles",
        key: "\"ssh-ed25519 not-a-key\"",
    },
    Case {
        rule: "signing-key-missing",
        edits: &[(
            "[[people]]\nname = \"Ada Byrne\"",
            "[rights]\nsignatures = \"required\"\n\n[[people]]\nname = \"Ada Byrne\"",
        )],
        anchor: "signatures",
        key: "name",
    },
    Case {
        rule: "signature-invalid",
        edits: &[
            (
                "roles = [\"owner\"]",
                "roles = [\"owner\"]\nsigning_keys = [\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKWK2298btCd+ixB5IaLxCawpRYRhhGk3WoBD5rZt4eh test\"]",
            ),
            (
                "agreed_by = [\"Kofi Mensah\"]\n",
                "agreed_by = [\"Kofi Mensah\"]\nsignatures = [{ by = \"Ada Byrne\", signature = \"bm90IGEgc2lnbmF0dXJl\" }]\n",
            ),
        ],
        anchor: "Completion target",
        key: "signatures",
    },
    Case {
        rule: "ready-needs-acceptance",
        edits: &[(
            "acceptance = [\"Given a card, when I pay, then I get a receipt\"]\n",
            "",
        )],
        anchor: "CK-1",
        key: "status",
    },
    Case {
        rule: "ready-needs-size",
        edits: &[("risk_reduction = 1\nsize = 1\n", "risk_reduction = 1\n")],
        anchor: "CK-1",
        key: "status",
    },
    Case {
        rule: "score-out-of-scale",
        edits: &[("confidence = 80", "confidence = 150")],
        anchor: "CK-2",
        key: "confidence",
    },
    Case {
        rule: "confidence-fraction",
        edits: &[("confidence = 80", "confidence = 0.8")],
        anchor: "CK-2",
        key: "confidence",
    },
    Case {
        rule: "wsjf-no-reference",
        edits: &[("value = 1\n", "value = 3\n")],
        anchor: "CK-2",
        key: "value",
    },
    Case {
        rule: "must-have-share",
        edits: &[
            ("confidence = 80", "confidence = 80\nmoscow = \"must\""),
            ("size = 1\n", "size = 1\nmoscow = \"could\"\n"),
        ],
        anchor: "CK-2",
        key: "moscow",
    },
    Case {
        rule: "dropped-without-reason",
        edits: &[("status = \"idea\"", "status = \"dropped\"")],
        anchor: "CK-2",
        key: "status",
    },
    Case {
        rule: "too-many-doing",
        edits: &[
            ("status = \"ready\"", "status = \"doing\""),
            ("status = \"idea\"", "status = \"doing\""),
            ("[[decisions]]", "[check]\nmax_doing = 1\n\n[[decisions]]"),
        ],
        anchor: "CK-2",
        key: "status",
    },
    Case {
        rule: "pace-changed",
        // Eight done in the first of the 8 earlier weeks, one in the last
        // 4: a pace of 0.25 a week against 1, -75%.
        edits: &[(
            "[[decisions]]",
            "[[items]]\nid = \"CK-3\"\ntitle = \"Done 3\"\nstatus = \"done\"\ndone_on = 2026-09-04\n\n[[items]]\nid = \"CK-4\"\ntitle = \"Done 4\"\nstatus = \"done\"\ndone_on = 2026-09-05\n\n[[items]]\nid = \"CK-5\"\ntitle = \"Done 5\"\nstatus = \"done\"\ndone_on = 2026-09-01\n\n[[items]]\nid = \"CK-6\"\ntitle = \"Done 6\"\nstatus = \"done\"\ndone_on = 2026-09-02\n\n[[items]]\nid = \"CK-7\"\ntitle = \"Done 7\"\nstatus = \"done\"\ndone_on = 2026-09-03\n\n[[items]]\nid = \"CK-8\"\ntitle = \"Done 8\"\nstatus = \"done\"\ndone_on = 2026-09-04\n\n[[items]]\nid = \"CK-9\"\ntitle = \"Done 9\"\nstatus = \"done\"\ndone_on = 2026-09-05\n\n[[items]]\nid = \"CK-10\"\ntitle = \"Done 10\"\nstatus = \"done\"\ndone_on = 2026-09-01\n\n[[items]]\nid = \"CK-11\"\ntitle = \"Done 11\"\nstatus = \"done\"\ndone_on = 2026-11-18\n\n[[decisions]]",
        )],
        anchor: "version",
        key: "[[items]]",
    },
    Case {
        rule: "need-without-evidence",
        edits: &[(
            "[[decisions]]",
            "[[needs]]\nid = \"N1\"\nstatement = \"Pay at any hour\"\nstatus = \"validated\"\n\n[[decisions]]",
        )],
        anchor: "\"N1\"",
        key: "status",
    },
    Case {
        rule: "need-unaddressed",
        edits: &[(
            "[[decisions]]",
            "[[needs]]\nid = \"N1\"\nstatement = \"Pay at any hour\"\nstatus = \"validated\"\n\n[[decisions]]",
        )],
        anchor: "\"N1\"",
        key: "statement",
    },
    Case {
        rule: "item-without-need",
        edits: &[(
            "[[decisions]]",
            "[[needs]]\nid = \"N1\"\nstatement = \"Pay at any hour\"\n\n[[decisions]]",
        )],
        anchor: "Card payments",
        key: "id",
    },
    Case {
        rule: "request-waiting",
        edits: &[(
            "[[decisions]]",
            "[[requests]]\nid = \"Q1\"\ntext = \"Dark mode\"\nfrom = \"A resident\"\ndate = 2026-09-01\n\n[[decisions]]",
        )],
        anchor: "Dark mode",
        key: "date",
    },
    Case {
        rule: "invalid-need-without-reason",
        edits: &[(
            "[[decisions]]",
            "[[needs]]\nid = \"N1\"\nstatement = \"Pay at any hour\"\nstatus = \"invalid\"\n\n[[decisions]]",
        )],
        anchor: "\"N1\"",
        key: "status",
    },
    Case {
        rule: "request-incomplete",
        edits: &[(
            "[[decisions]]",
            "[[requests]]\nid = \"Q1\"\ntext = \"Dark mode\"\nfrom = \"A resident\"\ndate = 2026-11-20\nstatus = \"declined\"\n\n[[decisions]]",
        )],
        anchor: "Dark mode",
        key: "status",
    },
    Case {
        rule: "request-incomplete",
        edits: &[
            (
                "key_results = [\"O1.KR1\"]",
                "key_results = [\"O1.KR1\"]\nrequests = [\"Q1\"]",
            ),
            (
                "[[decisions]]",
                "[[requests]]\nid = \"Q1\"\ntext = \"Dark mode\"\nfrom = \"A resident\"\ndate = 2026-11-20\n\n[[decisions]]",
            ),
        ],
        anchor: "CK-1",
        key: "requests",
    },
    Case {
        rule: "recommendation-unaddressed",
        edits: &[("[[decisions]]", ASSESSED)],
        anchor: "recommendations",
        key: "id",
    },
    Case {
        rule: "assessment-gap",
        edits: &[("[[decisions]]", ASSESSED)],
        anchor: "\"A2\"",
        key: "date",
    },
    Case {
        rule: "mandatory-kpi-missing",
        edits: &[(
            "[[decisions]]",
            "[service]\nphase = \"beta\"\n\n[[decisions]]",
        )],
        anchor: "service",
        key: "phase",
    },
    Case {
        rule: "assessment-planned-twice",
        edits: &[(
            "[[decisions]]",
            "[service]\nphase = \"alpha\"\n\n[[assessments]]\nid = \"A1\"\nphase = \"beta\"\ndate = 2027-06-01\n\n[[assessments]]\nid = \"A2\"\nphase = \"beta\"\ndate = 2027-06-08\n\n[[decisions]]",
        )],
        anchor: "\"A2\"",
        key: "date",
    },
    Case {
        rule: "phase-behind",
        edits: &[(
            "[[decisions]]",
            "[service]\nphase = \"alpha\"\n\n[[assessments]]\nid = \"A1\"\nphase = \"beta\"\ndate = 2026-11-02\nstatus = \"held\"\n\n[[decisions]]",
        )],
        anchor: "service",
        key: "phase",
    },
    Case {
        rule: "dangling-reference",
        edits: &[(
            "[[decisions]]",
            "[service]\nstandard = \"nhs\"\n\n[[assessments]]\nid = \"A1\"\nphase = \"alpha\"\ndate = 2026-11-02\nstatus = \"held\"\n\n[[assessments.points]]\npoint = 18\nresult = \"met\"\n\n[[decisions]]",
        )],
        anchor: "assessments",
        key: "point",
    },
    Case {
        rule: "kr-start-equals-target",
        edits: &[("start = 60.0", "start = 80.0")],
        anchor: "KR1",
        key: "target",
    },
    Case {
        rule: "objective-without-key-results",
        edits: &[(
            "[[objectives]]\nid = \"O1\"",
            "[[objectives]]\nid = \"O2\"\ntitle = \"Nothing measures this\"\n\n[[objectives]]\nid = \"O1\"",
        )],
        anchor: "objectives",
        key: "id",
    },
    Case {
        rule: "too-many-key-results",
        edits: &[
            (
                "[[kpis]]",
                "[[objectives.key_results]]\nid = \"KR2\"\ntitle = \"Calls\"\nstart = 10.0\ntarget = 5.0\n\n[[kpis]]",
            ),
            (
                "[[decisions]]",
                "[check]\nmax_key_results = 1\n\n[[decisions]]",
            ),
        ],
        anchor: "KR1",
        key: "id",
    },
    Case {
        rule: "end-before-start",
        edits: &[("end = 2027-03-31", "end = 2026-09-30")],
        anchor: "Pay online",
        key: "end",
    },
    Case {
        rule: "committed-objective-missed",
        edits: &[("end = 2027-03-31", "end = 2026-11-15")],
        anchor: "Pay online",
        key: "commitment",
    },
    Case {
        rule: "current-not-latest",
        edits: &[("current = 70.0", "current = 72.0")],
        anchor: "KR1",
        key: "current",
    },
    Case {
        rule: "future-reading",
        edits: &[(
            "{ date = 2026-11-01, value = 70.0 }",
            "{ date = 2026-12-01, value = 70.0 }",
        )],
        anchor: "KR1",
        key: "date",
    },
    Case {
        rule: "threshold-wrong-side",
        edits: &[("threshold = 80.0", "threshold = 95.0")],
        anchor: "K1",
        key: "threshold",
    },
    Case {
        rule: "percent-out-of-range",
        edits: &[
            ("threshold = 80.0", "threshold = 80.0\nunit = \"%\""),
            (
                "{ date = 2026-11-20, value = 85.0 }",
                "{ date = 2026-11-20, value = 120.0 }",
            ),
        ],
        anchor: "K1",
        key: "value",
    },
    Case {
        rule: "percent-out-of-range",
        edits: &[
            (
                "title = \"Completion\"",
                "title = \"Completion\"\nunit = \"%\"",
            ),
            ("target = 80.0\ncurrent", "target = 180.0\ncurrent"),
        ],
        anchor: "KR1",
        key: "target",
    },
    Case {
        rule: "kpi-no-reading",
        edits: &[("history = [{ date = 2026-11-20, value = 85.0 }]\n", "")],
        anchor: "kpis",
        key: "id",
    },
    Case {
        rule: "kpi-stale-reading",
        edits: &[(
            "{ date = 2026-11-20, value = 85.0 }",
            "{ date = 2026-09-01, value = 85.0 }",
        )],
        anchor: "K1",
        key: "date",
    },
    Case {
        rule: "hard-date-without-reason",
        edits: &[("horizon = \"now\"", "horizon = \"now\"\ndate = 2027-01-15")],
        anchor: "Card payments",
        key: "date",
    },
    Case {
        // Five items done in the last week of the window (ending Sunday
        // 2026-11-22), none in the eleven before: a week from the window's
        // end, R1 is done in about 1 trial in 12.
        rule: "hard-date-at-risk",
        edits: &[
            (
                "horizon = \"now\"",
                "horizon = \"now\"\ndate = 2026-11-29\ndate_reason = \"The contract starts\"",
            ),
            (
                "[[decisions]]",
                "[[items]]\nid = \"CK-3\"\ntitle = \"Done 3\"\nstatus = \"done\"\ndone_on = 2026-11-18\n\n[[items]]\nid = \"CK-4\"\ntitle = \"Done 4\"\nstatus = \"done\"\ndone_on = 2026-11-18\n\n[[items]]\nid = \"CK-5\"\ntitle = \"Done 5\"\nstatus = \"done\"\ndone_on = 2026-11-18\n\n[[items]]\nid = \"CK-6\"\ntitle = \"Done 6\"\nstatus = \"done\"\ndone_on = 2026-11-18\n\n[[items]]\nid = \"CK-7\"\ntitle = \"Done 7\"\nstatus = \"done\"\ndone_on = 2026-11-18\n\n[[decisions]]",
            ),
        ],
        anchor: "Card payments",
        key: "date",
    },
    Case {
        rule: "too-many-now",
        edits: &[
            (
                "[[items]]\nid = \"CK-1\"",
                "[[roadmap]]\nid = \"R2\"\ntitle = \"Refunds\"\nhorizon = \"now\"\n\n[[items]]\nid = \"CK-1\"",
            ),
            ("[[decisions]]", "[check]\nmax_now = 1\n\n[[decisions]]"),
        ],
        anchor: "Refunds",
        key: "horizon",
    },
    Case {
        rule: "now-without-open-items",
        edits: &[("status = \"ready\"", "status = \"done\"")],
        anchor: "Card payments",
        key: "horizon",
    },
];

/// The healthy text with a case's edits applied; each edit must apply.
fn broken(case: &Case) -> String {
    let mut text = HEALTHY.to_owned();
    for (from, to) in case.edits {
        assert!(
            text.contains(from),
            "{}: `{from}` is not in the file",
            case.rule
        );
        text = text.replacen(from, to, 1);
    }
    text
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

/// The 1-based line and column of the first `key` after `anchor`, found by
/// plain text search (a TOML key is followed by ` =`, a JSON one quoted).
fn expected_place(text: &str, anchor: &str, key: &str, json: bool) -> (u64, u64) {
    // An array of tables (`[[items]]`) is placed at its name: inside the
    // header's brackets, or at the JSON key.
    if let Some(name) = key.strip_prefix("[[").and_then(|k| k.strip_suffix("]]")) {
        return if json {
            place_of(text, anchor, &format!("\"{name}\":"))
        } else {
            let (line, col) = place_of(text, anchor, key);
            (line, col + 2)
        };
    }
    // A quoted key is a value to find: where an array element is placed.
    let token = if key.starts_with('"') {
        key.to_owned()
    } else if json {
        format!("\"{key}\":")
    } else {
        format!("{key} =")
    };
    place_of(text, anchor, &token)
}

/// The line and column of the first `token` after the first `anchor`.
fn place_of(text: &str, anchor: &str, token: &str) -> (u64, u64) {
    let from = text
        .find(anchor)
        .unwrap_or_else(|| panic!("no `{anchor}` in:\n{text}"));
    let at = from
        + text[from..]
            .find(token)
            .unwrap_or_else(|| panic!("no `{token}` after `{anchor}`"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .count()
        + 1;
    (line as u64, col as u64)
}

/// Runs `product check --json` on a file of this text and returns the
/// report and the exit code.
fn check(text: &str, name: &str, extra: &[&str]) -> (Value, i32) {
    let (dir, _) = scratch_text(text, name);
    let out = product(dir.path())
        .arg("check")
        .args(extra)
        .arg("--json")
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("not JSON: {}\n{}", stdout(&out), stderr(&out)));
    assert_eq!(report["kind"], "check");
    (report, code)
}

fn findings_of<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

#[test]
fn a_healthy_file_has_no_findings_in_toml_or_json() {
    for (text, name) in [
        (HEALTHY.to_owned(), "product.toml"),
        (as_json(HEALTHY), "product.json"),
    ] {
        let (report, code) = check(&text, name, &[]);
        assert_eq!(
            report["findings"],
            Value::Array(Vec::new()),
            "{name}: {report:#}"
        );
        assert_eq!(report["passed"], true);
        assert_eq!(code, 0);
    }
}

#[test]
fn every_rule_fires_where_it_should_in_toml_and_json() {
    for case in CASES {
        let toml_text = broken(case);
        for (text, name, json) in [
            (toml_text.clone(), "product.toml", false),
            (as_json(&toml_text), "product.json", true),
        ] {
            let (report, code) = check(&text, name, &[]);
            let found = findings_of(&report, case.rule);
            assert!(
                !found.is_empty(),
                "{} did not fire in {name}:\n{report:#}",
                case.rule
            );
            let (line, col) = expected_place(&text, case.anchor, case.key, json);
            assert!(
                found
                    .iter()
                    .any(|f| f["line"] == line && f["column"] == col && f["file"] == name),
                "{} in {name}: expected {line}:{col}, found {found:#?}\n{text}",
                case.rule
            );
            for f in &found {
                assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
                assert!(f["hint"].as_str().is_some_and(|h| !h.is_empty()), "{f}");
                assert!(f["path"].as_str().is_some_and(|p| !p.is_empty()), "{f}");
            }
            let errors = report["summary"]["errors"].as_u64().unwrap();
            assert_eq!(
                code,
                if errors > 0 { 1 } else { 0 },
                "{} in {name}",
                case.rule
            );
        }
    }
}

#[test]
fn every_rule_but_the_governance_one_has_a_case() {
    let listed = ok_json(Path::new("."), &["check", "--list-rules"], "check_rules");
    for rule in listed["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert!(
            // Those need git: here (`--base`), in tests/git.rs and in
            // tests/signatures.rs.
            id == "ungoverned-change"
                || id == "unsigned-decision"
                || id == "merge-driver-missing"
                || CASES.iter().any(|c| c.rule == id),
            "no case for {id}"
        );
    }
}

#[test]
fn human_output_reads_like_a_compiler() {
    let case = CASES
        .iter()
        .find(|c| c.rule == "ready-needs-acceptance")
        .unwrap();
    let mut text = broken(case);
    text = text.replacen("confidence = 80", "confidence = 150", 1);
    let (dir, _) = scratch_text(&text, "product.toml");
    let out = product(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    let (line, _) = expected_place(&text, "CK-1", "status", false);
    assert!(
        said.contains(&format!(
            "product.toml:{line}:1: warning[ready-needs-acceptance]: CK-1 is ready but has no acceptance criteria\n  hint: "
        )),
        "{said}"
    );
    assert!(
        said.contains(
            ": error[score-out-of-scale]: CK-2: confidence is a percentage from 0 to 100, not 150\n"
        ),
        "{said}"
    );
    assert!(
        said.ends_with("product.toml: 1 error, 1 warning\n"),
        "{said}"
    );
    // In file order: the item before the other.
    assert!(said.find("ready-needs-acceptance") < said.find("score-out-of-scale"));

    let clean = scratch_text(HEALTHY, "product.toml");
    let out = ok(clean.0.path(), &["check"]);
    assert_eq!(out, "product.toml: no problems found\n");
}

#[test]
fn warnings_fail_only_when_denied() {
    let case = CASES.iter().find(|c| c.rule == "ready-needs-size").unwrap();
    let text = broken(case);
    let (report, code) = check(&text, "product.toml", &[]);
    assert_eq!((code, &report["passed"]), (0, &Value::Bool(true)));
    let (report, code) = check(&text, "product.toml", &["--deny", "warnings"]);
    assert_eq!((code, &report["passed"]), (1, &Value::Bool(false)));
    assert_eq!(report["summary"]["warnings"], 1);
}

#[test]
fn check_settings_change_severities_and_turn_rules_off() {
    let case = CASES.iter().find(|c| c.rule == "ready-needs-size").unwrap();
    let text = broken(case);
    let as_error = format!("{text}\n[check.rules]\nready-needs-size = \"error\"\n");
    let (report, code) = check(&as_error, "product.toml", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings_of(&report, "ready-needs-size")[0]["severity"],
        "error"
    );

    let off = format!("{text}\n[check.rules]\nready-needs-size = \"off\"\n");
    let (report, code) = check(&off, "product.toml", &["--deny", "warnings"]);
    assert_eq!(code, 0, "{report:#}");
    assert!(findings_of(&report, "ready-needs-size").is_empty());

    // A misspelt rule is caught like any unknown key.
    let typo = format!("{HEALTHY}\n[check.rules]\nready-need-size = \"off\"\n");
    let (report, _) = check(&typo, "product.toml", &[]);
    let found = findings_of(&report, "unknown-key");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["hint"], "did you mean `ready-needs-size`?");
    assert_eq!(found[0]["line"], typo.lines().count() as u64);
}

#[test]
fn limits_come_from_the_file() {
    // Two items in progress is within the default limit of five.
    let text = HEALTHY
        .replacen("status = \"ready\"", "status = \"doing\"", 1)
        .replacen("status = \"idea\"", "status = \"doing\"", 1);
    let (report, _) = check(&text, "product.toml", &[]);
    assert!(findings_of(&report, "too-many-doing").is_empty());
    let limited = format!("{text}\n[check]\nmax_doing = 1\n");
    let (report, _) = check(&limited, "product.toml", &[]);
    let found = findings_of(&report, "too-many-doing");
    assert_eq!(found.len(), 1);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("2 items are in progress, more than the limit of 1")
    );

    // The must-have limit is shared with `rank --by moscow`.
    let musts = HEALTHY
        .replacen("confidence = 80", "confidence = 80\nmoscow = \"must\"", 1)
        .replacen("size = 1\n", "size = 1\nmoscow = \"could\"\n", 1);
    let (report, _) = check(&musts, "product.toml", &[]);
    assert_eq!(findings_of(&report, "must-have-share").len(), 1);
    let relaxed = format!("{musts}\n[check]\nmust_have_share = 0.7\n");
    let (report, _) = check(&relaxed, "product.toml", &[]);
    assert!(findings_of(&report, "must-have-share").is_empty());
    let (dir, _) = scratch_text(&relaxed, "product.toml");
    let ranked = ok(dir.path(), &["rank", "--by", "moscow"]);
    assert!(ranked.contains("(limit 70%)"), "{ranked}");
}

#[test]
fn hard_date_confidence_sets_the_chance_a_hard_date_needs() {
    let case = CASES
        .iter()
        .find(|c| c.rule == "hard-date-at-risk")
        .unwrap();
    let text = broken(case);
    let (report, _) = check(&text, "product.toml", &[]);
    let found = findings_of(&report, "hard-date-at-risk");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("chance of meeting its hard date (2026-11-29), below 85%")
            && message.contains("from 5 items done in the 12 weeks to 2026-11-22 (2000 trials)"),
        "{message}"
    );
    // About 1 trial in 12 meets it: a threshold of 5% is met.
    let relaxed = format!("{text}\n[check]\nhard_date_confidence = 0.05\n");
    let (report, _) = check(&relaxed, "product.toml", &[]);
    assert!(
        findings_of(&report, "hard-date-at-risk").is_empty(),
        "{report:#}"
    );
    // With too little history, nothing is said.
    let thin = text.replacen("done_on = 2026-11-18", "done_on = 2025-11-18", 1);
    let (report, _) = check(&thin, "product.toml", &[]);
    assert!(
        findings_of(&report, "hard-date-at-risk").is_empty(),
        "{report:#}"
    );
    let (dir, _) = scratch_text(
        &format!("{HEALTHY}\n[check]\nhard_date_confidence = 85\n"),
        "product.toml",
    );
    let out = product(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("check.hard_date_confidence"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn pace_change_sets_how_far_the_pace_may_move_before_it_is_said() {
    let case = CASES.iter().find(|c| c.rule == "pace-changed").unwrap();
    let text = broken(case);
    // A fall from 1 a week to 0.25 is -75%: said at the default 30%, and
    // at 70%, not at 80%.
    for (setting, said) in [
        ("", true),
        ("pace_change = 0.7", true),
        ("pace_change = 0.8", false),
    ] {
        let (report, _) = check(
            &format!("{text}\n[check]\n{setting}\n"),
            "product.toml",
            &[],
        );
        assert_eq!(
            !findings_of(&report, "pace-changed").is_empty(),
            said,
            "{setting}: {report:#}"
        );
    }
    // Nine weeks of history are too few to compare 4 weeks with 8.
    let young = text.replace("done_on = 2026-09-0", "done_on = 2026-09-2");
    let (report, _) = check(&young, "product.toml", &[]);
    assert!(
        findings_of(&report, "pace-changed").is_empty(),
        "{report:#}"
    );
    // Two of the early ones done lately instead: 0.75 a week in both
    // spans, a steady pace that says nothing.
    let steady = text.replacen("done_on = 2026-09-0", "done_on = 2026-11-1", 2);
    let (report, _) = check(&steady, "product.toml", &[]);
    assert!(
        findings_of(&report, "pace-changed").is_empty(),
        "{report:#}"
    );

    for bad in ["0", "-0.3", "11"] {
        let (dir, path) = scratch_text(
            &format!("{HEALTHY}\n[check]\npace_change = {bad}\n"),
            "product.toml",
        );
        let before = std::fs::read(&path).unwrap();
        let out = product(dir.path()).arg("check").output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{bad}");
        assert!(
            stderr(&out).contains("check.pace_change"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}

#[test]
fn request_days_sets_how_long_a_request_may_wait() {
    let case = CASES.iter().find(|c| c.rule == "request-waiting").unwrap();
    let text = broken(case);
    // Asked on 2026-09-01: 83 days by 2026-11-23.
    for (setting, said) in [
        ("", true),
        ("request_days = 82", true),
        ("request_days = 83", false),
    ] {
        let (report, _) = check(
            &format!("{text}\n[check]\n{setting}\n"),
            "product.toml",
            &[],
        );
        let found = findings_of(&report, "request-waiting");
        assert_eq!(!found.is_empty(), said, "{setting}: {report:#}");
        if said {
            assert!(
                found[0]["message"]
                    .as_str()
                    .unwrap()
                    .contains("has waited 83 days"),
                "{found:#?}"
            );
        }
    }
    // Triaged, it waits no more.
    let triaged = text.replace(
        "date = 2026-09-01",
        "date = 2026-09-01\nstatus = \"declined\"\nreason = \"Not now\"",
    );
    let (report, _) = check(&triaged, "product.toml", &[]);
    assert!(
        findings_of(&report, "request-waiting").is_empty(),
        "{report:#}"
    );
    for bad in ["-1", "2.5", "\"soon\""] {
        let (dir, path) = scratch_text(
            &format!("{HEALTHY}\n[check]\nrequest_days = {bad}\n"),
            "product.toml",
        );
        let before = std::fs::read(&path).unwrap();
        let out = product(dir.path()).arg("check").output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{bad}");
        assert!(stderr(&out).contains("request_days"), "{}", stderr(&out));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}

#[test]
fn assessment_days_sets_how_near_an_assessment_is_prepared_for() {
    let case = CASES
        .iter()
        .find(|c| c.rule == "recommendation-unaddressed")
        .unwrap();
    let text = broken(case);
    // The beta assessment is 20 days from 2026-11-23.
    for (setting, said) in [
        ("", true),
        ("assessment_days = 20", true),
        ("assessment_days = 19", false),
    ] {
        let (report, _) = check(
            &format!("{text}\n[check]\n{setting}\n"),
            "product.toml",
            &[],
        );
        for rule in ["recommendation-unaddressed", "assessment-gap"] {
            assert_eq!(
                !findings_of(&report, rule).is_empty(),
                said,
                "{rule} with {setting}: {report:#}"
            );
        }
    }
    for bad in ["-1", "2.5", "\"soon\""] {
        let (dir, path) = scratch_text(
            &format!("{HEALTHY}\n[check]\nassessment_days = {bad}\n"),
            "product.toml",
        );
        let before = std::fs::read(&path).unwrap();
        let out = product(dir.path()).arg("check").output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{bad}");
        assert!(stderr(&out).contains("assessment_days"), "{}", stderr(&out));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}

#[test]
fn a_missed_commitment_is_answered_by_a_decision_about_it() {
    let case = CASES
        .iter()
        .find(|c| c.rule == "committed-objective-missed")
        .unwrap();
    let text = broken(case);
    let before_end = text.clone()
        + "\n[[decisions]]\nid = \"D2\"\ndate = 2026-11-10\nkind = \"goals\"\nsummary = \"Early\"\ndecided_by = \"Ada Byrne\"\nrefs = [\"O1\"]\n";
    let (report, _) = check(&before_end, "product.toml", &[]);
    assert_eq!(
        findings_of(&report, "committed-objective-missed").len(),
        1,
        "a decision before the end does not answer it"
    );
    let after = text
        + "\n[[decisions]]\nid = \"D2\"\ndate = 2026-11-20\nkind = \"goals\"\nsummary = \"Carry O1.KR1 into next quarter\"\ndecided_by = \"Ada Byrne\"\nagreed_by = [\"Kofi Mensah\"]\nrefs = [\"O1.KR1\"]\n";
    let (report, _) = check(&after, "product.toml", &[]);
    assert!(
        findings_of(&report, "committed-objective-missed").is_empty(),
        "{report:#}"
    );
}

#[test]
fn an_unreadable_file_exits_3_and_a_bad_setting_is_placed() {
    let (dir, _) = scratch_text("version = 1\n[product\n", "product.toml");
    let out = product(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("product.toml:2:"), "{}", stderr(&out));

    let bad = format!("{HEALTHY}\n[check.rules]\nunknown-key = \"warn\"\n");
    let (dir, _) = scratch_text(&bad, "product.toml");
    let out = product(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("product.toml:{}:", bad.lines().count())),
        "{err}"
    );
    assert!(
        err.contains("error") && err.contains("warning") && err.contains("off"),
        "{err}"
    );

    let (dir, _) = scratch_text(
        &format!("{HEALTHY}\n[check]\nmust_have_share = 60\n"),
        "product.toml",
    );
    let out = product(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("check.must_have_share"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn github_annotations_carry_file_line_col_and_title() {
    let case = CASES
        .iter()
        .find(|c| c.rule == "dangling-reference")
        .unwrap();
    let text = broken(case);
    let (dir, _) = scratch_text(&text, "product.toml");
    let out = product(dir.path())
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    let (line, col) = expected_place(&text, case.anchor, case.key, false);
    let first = said.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "::error file=product.toml,line={line},col={col},title=dangling-reference (error)::CK-1 links to key result O1.KR9, which the file does not have%0Ahint: did you mean `O1.KR1`? Known key results: O1.KR1; or unlink it: `product item edit CK-1 --unlink-kr O1.KR9`"
        )
    );
    assert_eq!(
        said.lines().last(),
        Some("product.toml: 1 error, 0 warnings")
    );
}

#[test]
fn github_and_sarif_are_for_check_only() {
    let (dir, _) = scratch_text(HEALTHY, "product.toml");
    for format in ["github", "sarif"] {
        let out = product(dir.path())
            .args(["item", "list", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("for `product check` and `product portfolio check` only"),
            "{}",
            stderr(&out)
        );
    }
    // `human` is another name for the table format.
    assert_eq!(
        ok(dir.path(), &["check", "--format", "human"]),
        "product.toml: no problems found\n"
    );
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let schema: Value = serde_json::from_str(&text(&common::repo(
        "tests/fixtures/sarif-schema-2.1.0.json",
    )))
    .unwrap();
    // The published schema's `language` patterns have a stray `]`, which
    // JavaScript reads as a literal but the validator's check of the schema
    // rejects. `product` writes no `language`; the pattern is corrected in
    // memory (as the SARIF errata reads it) so that the rest can be checked,
    // and the fixture stays as published.
    fn correct(v: &mut Value) -> usize {
        match v {
            Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                1
            }
            Value::Object(m) => m.values_mut().map(correct).sum(),
            Value::Array(a) => a.iter_mut().map(correct).sum(),
            _ => 0,
        }
    }
    let mut schema = schema;
    assert!(correct(&mut schema) > 0);
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    // Findings of every severity, one without a place (a removed entity).
    let text = broken(
        CASES
            .iter()
            .find(|c| c.rule == "wsjf-no-reference")
            .unwrap(),
    )
    .replacen("confidence = 80", "confidence = 150", 1)
    .replacen("risk_reduction = 1\nsize = 1\n", "risk_reduction = 1\n", 1);
    let (dir, _) = scratch_text(&text, "my product.toml");
    let out = product(dir.path())
        .args(["-f", "my product.toml", "check", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject what SARIF does not allow.
    let mut wrong = log.clone();
    wrong["runs"][0]["results"][0]["level"] = "info".into();
    assert!(!validator.is_valid(&wrong));
    let results = log["runs"][0]["results"].as_array().unwrap();
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    for level in ["error", "warning", "note"] {
        assert!(levels.contains(&level), "{levels:?}");
    }
    let uri = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "my%20product.toml");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    // A clean run is valid too.
    let (dir, _) = scratch_text(HEALTHY, "product.toml");
    let clean: Value =
        serde_json::from_str(&ok(dir.path(), &["check", "--format", "sarif"])).unwrap();
    assert!(validator.is_valid(&clean));
    assert_eq!(clean["runs"][0]["results"], Value::Array(Vec::new()));
}

#[test]
fn markdown_and_csv_list_the_findings() {
    let text = broken(CASES.iter().find(|c| c.rule == "ready-needs-size").unwrap());
    let (dir, _) = scratch_text(&text, "product.toml");
    let md = ok(dir.path(), &["check", "--format", "markdown"]);
    assert!(
        md.contains("| Severity | Rule | Where | Message | Hint |"),
        "{md}"
    );
    assert!(
        md.contains("| warning | ready-needs-size | product.toml:"),
        "{md}"
    );
    let csv = ok(dir.path(), &["check", "--format", "csv"]);
    assert!(
        csv.starts_with("Severity,Rule,Where,Message,Hint\nwarning,ready-needs-size,product.toml:"),
        "{csv}"
    );
}

#[test]
fn list_rules_shows_this_files_severities() {
    let off = format!("{HEALTHY}\n[check.rules]\nwsjf-no-reference = \"off\"\n");
    let (dir, _) = scratch_text(&off, "product.toml");
    let listed = ok_json(dir.path(), &["check", "--list-rules"], "check_rules");
    let rule = listed["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "wsjf-no-reference")
        .unwrap();
    assert_eq!(rule["severity"], "info");
    assert_eq!(rule["here"], "off");
    let table = ok(dir.path(), &["check", "--list-rules"]);
    assert!(
        common::rows(&table)
            .iter()
            .any(|r| r.starts_with("wsjf-no-reference info off backlog Each WSJF input")),
        "{table}"
    );
}

// ------------------------------------------------------------ check --base

/// Routes product files to their merge driver, as `product git setup`
/// does, so that `merge-driver-missing` (tested in tests/git.rs) is quiet.
fn route_to_merge_driver(dir: &Path) {
    std::fs::write(dir.join(".gitattributes"), "product.toml merge=product\n").unwrap();
}

/// A committed file, then a hand edit of KPI K1's target.
fn repository_with_edit() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch_text(HEALTHY, "product.toml");
    route_to_merge_driver(dir.path());
    commit_all(dir.path(), "Ada Byrne", "The product file");
    std::fs::write(&path, HEALTHY.replacen("target = 90.0", "target = 85.0", 1)).unwrap();
    (dir, path)
}

/// A person on the team, who holds no role that agrees to anything.
const SAM_IN_TEAM: &str = "[[people]]\nname = \"Sam Okoro\"\nroles = [\"team\"]\n\n[[objectives]]";

/// Runs `check --base HEAD`, which must fail, and returns what it said.
fn fails_base_check(dir: &Path) -> String {
    let out = product(dir)
        .args(["check", "--base", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    stdout(&out)
}

fn decision(id: &str, kind: &str, decided_by: &str, agreed_by: &str) -> String {
    format!(
        "\n[[decisions]]\nid = \"{id}\"\ndate = 2026-11-23\nkind = \"{kind}\"\nsummary = \"Satisfaction target 85\"\ndecided_by = \"{decided_by}\"\nagreed_by = [\"{agreed_by}\"]\n"
    )
}

#[test]
fn a_governed_change_without_its_decision_fails_the_check() {
    let (dir, path) = repository_with_edit();
    let said = fails_base_check(dir.path());
    let now = text(&path);
    let (line, col) = expected_place(&now, "K1", "target", false);
    assert!(
        said.contains(&format!(
            "product.toml:{line}:{col}: error[ungoverned-change]: K1 target: 90 -> 85: a metrics change needs a decision agreed by leadership (Kofi Mensah), and none of kind metrics was added with it"
        )),
        "{said}"
    );
    assert!(said.contains("(governance checked since HEAD)"), "{said}");
    // Without --base, the same file is healthy.
    assert_eq!(
        ok(dir.path(), &["check"]),
        "product.toml: no problems found\n"
    );

    let (report, _) = {
        let out = product(dir.path())
            .args(["check", "--base", "HEAD", "--json"])
            .output()
            .unwrap();
        (serde_json::from_slice::<Value>(&out.stdout).unwrap(), 0)
    };
    assert_eq!(report["base"], "HEAD");
    let found = findings_of(&report, "ungoverned-change");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["entity"], "K1");
    assert_eq!(found[0]["path"], "kpis[K1].target");
}

#[test]
fn the_matching_decision_passes_the_check() {
    let (dir, path) = repository_with_edit();
    std::fs::write(
        &path,
        text(&path) + &decision("D2", "metrics", "Ada Byrne", "Kofi Mensah"),
    )
    .unwrap();
    let out = ok(dir.path(), &["check", "--base", "HEAD"]);
    assert_eq!(
        out,
        "product.toml: no problems found (governance checked since HEAD)\n"
    );
}

#[test]
fn agreement_from_someone_without_an_agreeing_role_does_not_count() {
    let (dir, path) = repository_with_edit();
    let with_team = text(&path).replacen("[[objectives]]", SAM_IN_TEAM, 1);
    // Sam is added in the same change, so is not in the base's people at all.
    std::fs::write(
        &path,
        with_team.clone() + &decision("D2", "metrics", "Ada Byrne", "Sam Okoro"),
    )
    .unwrap();
    let said = fails_base_check(dir.path());
    assert!(
        said.contains("error[ungoverned-change]: K1 target: 90 -> 85"),
        "{said}"
    );
    assert!(said.contains("D2 does not count"), "{said}");

    // Sam in the base, holding a role that does not agree to metrics.
    std::fs::write(&path, HEALTHY.replacen("[[objectives]]", SAM_IN_TEAM, 1)).unwrap();
    commit_all(dir.path(), "Ada Byrne", "Sam joins");
    let edited = text(&path).replacen("target = 90.0", "target = 85.0", 1);
    std::fs::write(
        &path,
        edited.clone() + &decision("D2", "metrics", "Ada Byrne", "Sam Okoro"),
    )
    .unwrap();
    let said = fails_base_check(dir.path());
    assert!(
        said.contains("D2 does not count: Sam Okoro cannot agree to metrics decisions: agreement comes from [leadership], held by Kofi Mensah"),
        "{said}"
    );
    // A decision of another kind does not count either.
    std::fs::write(
        &path,
        edited + &decision("D2", "goals", "Ada Byrne", "Kofi Mensah"),
    )
    .unwrap();
    let said = fails_base_check(dir.path());
    assert!(said.contains("none of kind metrics was added"), "{said}");
}

#[test]
fn a_change_made_through_the_tool_passes_the_governance_check() {
    let (dir, path) = scratch_text(HEALTHY, "product.toml");
    route_to_merge_driver(dir.path());
    commit_all(dir.path(), "Ada Byrne", "The product file");
    ok(
        dir.path(),
        &[
            "--as",
            "Ada Byrne",
            "--agreed-by",
            "Kofi Mensah",
            "kpi",
            "edit",
            "K1",
            "--target",
            "85",
        ],
    );
    assert!(text(&path).contains("kind = \"metrics\""));
    assert_eq!(
        ok(dir.path(), &["check", "--base", "HEAD"]),
        "product.toml: no problems found (governance checked since HEAD)\n"
    );
    // Ungoverned changes (a check-in, a title) need no decision.
    std::fs::write(
        &path,
        HEALTHY.replacen(
            "title = \"Pay by card\"",
            "title = \"Pay by card or wallet\"",
            1,
        ),
    )
    .unwrap();
    assert_eq!(
        ok(dir.path(), &["check", "--base", "HEAD"]),
        "product.toml: no problems found (governance checked since HEAD)\n"
    );
}

#[test]
fn switching_the_rule_off_in_the_same_change_does_not_switch_it_off() {
    let (dir, path) = repository_with_edit();
    std::fs::write(
        &path,
        text(&path) + "\n[check.rules]\nungoverned-change = \"off\"\n",
    )
    .unwrap();
    fails_base_check(dir.path());
}

#[test]
fn a_bad_revision_exits_3() {
    let (dir, _) = repository_with_edit();
    let out = product(dir.path())
        .args(["check", "--base", "no-such-branch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("no-such-branch"), "{}", stderr(&out));
}

#[test]
fn the_base_is_where_the_branch_left_it() {
    let (dir, path) = scratch_text(HEALTHY, "product.toml");
    let d = dir.path();
    route_to_merge_driver(d);
    commit_all(d, "Ada Byrne", "The product file");
    common::git(d, &["branch", "-M", "main"]);
    common::git(d, &["checkout", "-q", "-b", "feature"]);
    // On main, after the branch was cut: a governed change with its decision.
    common::git(d, &["checkout", "-q", "main"]);
    ok(
        d,
        &[
            "--as",
            "Ada Byrne",
            "--agreed-by",
            "Kofi Mensah",
            "kpi",
            "edit",
            "K1",
            "--target",
            "95",
        ],
    );
    commit_all(d, "Ada Byrne", "K1 target 95");
    // On the branch: only a title changes, which needs no decision.
    common::git(d, &["checkout", "-q", "feature"]);
    std::fs::write(
        &path,
        HEALTHY.replacen("Email receipts", "Receipts by email", 1),
    )
    .unwrap();
    assert_eq!(
        ok(d, &["check", "--base", "main"]),
        "product.toml: no problems found (governance checked since main)\n"
    );
}

#[test]
fn a_file_new_at_the_base_says_so() {
    let (dir, _) = scratch_text("# nothing yet\n", "README.md");
    route_to_merge_driver(dir.path());
    commit_all(dir.path(), "Ada Byrne", "A start");
    std::fs::write(dir.path().join("product.toml"), HEALTHY).unwrap();
    let out = ok(dir.path(), &["check", "--base", "HEAD"]);
    assert_eq!(
        out,
        "product.toml: no problems found (not in git at HEAD: no governance to check)\n"
    );
    let report = ok_json(dir.path(), &["check", "--base", "HEAD"], "check");
    assert_eq!(report["base_found"], false);
}

#[test]
fn hints_name_the_file_when_it_was_named() {
    let text = broken(CASES.iter().find(|c| c.rule == "ready-needs-size").unwrap());
    let (dir, _) = scratch_text(&text, "my plan.toml");
    let out = product(dir.path())
        .args(["-f", "my plan.toml", "check"])
        .output()
        .unwrap();
    let said = stdout(&out);
    assert!(
        said.contains("hint: size it: `product -f \"my plan.toml\" item edit CK-1 --size N`"),
        "{said}"
    );
    // And the hinted command works on that file.
    ok(
        dir.path(),
        &[
            "--as",
            "Ada Byrne",
            "-f",
            "my plan.toml",
            "item",
            "edit",
            "CK-1",
            "--size",
            "1",
        ],
    );
    assert_eq!(
        ok(dir.path(), &["-f", "my plan.toml", "check"]),
        "my plan.toml: no problems found\n"
    );
}

#[test]
fn quiet_shows_only_what_fails() {
    let text = broken(CASES.iter().find(|c| c.rule == "ready-needs-size").unwrap()).replacen(
        "confidence = 80",
        "confidence = 150",
        1,
    );
    let (dir, _) = scratch_text(&text, "product.toml");
    let out = product(dir.path()).args(["-q", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    assert!(said.contains("error[score-out-of-scale]"), "{said}");
    assert!(
        !said.contains("ready-needs-size") && !said.contains("1 error"),
        "{said}"
    );
    let out = product(dir.path())
        .args(["-q", "check", "--deny", "warnings"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("warning[ready-needs-size]"),
        "{}",
        stdout(&out)
    );
    let (clean, _) = scratch_text(HEALTHY, "product.toml");
    assert_eq!(ok(clean.path(), &["-q", "check"]), "");
}

#[test]
fn annotations_place_the_file_from_the_top_of_the_repository() {
    let text = broken(
        CASES
            .iter()
            .find(|c| c.rule == "dangling-reference")
            .unwrap(),
    );
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("plans");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("product.toml"), &text).unwrap();
    commit_all(dir.path(), "Ada Byrne", "Plans");
    let out = product(&folder)
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("::error file=plans/product.toml,line="),
        "{}",
        stdout(&out)
    );
    let out = product(&folder)
        .args(["check", "--format", "sarif"])
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "plans/product.toml");
    // People still read it from where they are.
    let out = product(&folder).arg("check").output().unwrap();
    assert!(
        stdout(&out).starts_with("product.toml:"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn csv_has_the_same_header_with_or_without_findings() {
    let (dir, _) = scratch_text(HEALTHY, "product.toml");
    let csv = ok(dir.path(), &["check", "--format", "csv"]);
    assert!(
        csv.starts_with("Severity,Rule,Where,Message,Hint\n"),
        "{csv}"
    );
}

#[test]
fn extension_keys_are_kept_without_a_warning() {
    let text = HEALTHY.replacen(
        "status = \"idea\"",
        "status = \"idea\"\nx-jira = \"DM-4\"",
        1,
    ) + "\n[x-team]\nslack = \"#payments\"\n";
    let (report, code) = check(&text, "product.toml", &[]);
    assert_eq!(code, 0);
    assert_eq!(report["findings"], Value::Array(Vec::new()), "{report:#}");
}

#[test]
fn a_cycle_among_done_items_blocks_nothing() {
    let text = HEALTHY
        .replacen(
            "status = \"ready\"",
            "status = \"done\"\ndepends_on = [\"CK-2\"]",
            1,
        )
        .replacen("status = \"idea\"", "status = \"done\"", 1);
    let (report, _) = check(&text, "product.toml", &[]);
    assert!(
        findings_of(&report, "dependency-cycle").is_empty(),
        "{report:#}"
    );
}
