//! `product need`, `product request` and `import csv --into` end to end:
//! what each prints in every format, what it writes, what it refuses (with
//! the exit code and the file untouched), and the decision log.

mod common;

use common::{TODAY, has_row, ok, ok_json, product, refuses, scratch_text, stderr, text};

/// An owner, a team member and someone without a role, with two items.
const FILE: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"
owner = "Ada Lovell"

[vision]
users = ["Residents who borrow books"]

[[people]]
name = "Ada Lovell"
roles = ["owner"]

[[people]]
name = "Tom Reyes"
roles = ["team"]

[[people]]
name = "Val Okoro"

[scoring.formulas]
evidence_value = "value * evidence / size"

# The first thing residents asked for.
[[items]]
id = "LC-1"
title = "Renew online"
kind = "feature"
status = "ready"
value = 8
size = 2

[[items]]
id = "LC-2"
title = "Reserve a book"
kind = "feature"
status = "idea"
value = 5
size = 1
"#;

fn as_(who: &str, args: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    all.extend(["--as".to_owned(), who.to_owned()]);
    all
}

fn run(dir: &std::path::Path, who: &str, args: &[&str]) -> String {
    let all = as_(who, args);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    ok(dir, &refs)
}

#[test]
fn a_need_is_researched_linked_and_ranks_its_items() {
    let (dir, path) = scratch_text(FILE, "product.toml");
    let d = dir.path();
    let added = ok_json(
        d,
        &[
            "need",
            "add",
            "As a resident I need to renew from home",
            "--users",
            "Residents who borrow books",
            "--as",
            "Tom Reyes",
        ],
        "need_added",
    );
    assert_eq!(added["need"]["id"], "N1");
    assert_eq!(added["need"]["status"], "assumed");
    assert_eq!(added["need"]["created"], TODAY);
    let out = run(
        d,
        "Tom Reyes",
        &[
            "need",
            "evidence",
            "add",
            "N1",
            "--kind",
            "interview",
            "--people",
            "6",
            "--summary",
            "Five of six renew in person",
            "--date",
            "2026-11-02",
        ],
    );
    assert_eq!(out, "Added evidence to N1: 1 piece standing for 6 people\n");
    run(
        d,
        "Tom Reyes",
        &[
            "need",
            "evidence",
            "add",
            "N1",
            "--kind",
            "survey",
            "--people",
            "240",
            "--summary",
            "71% would renew online",
        ],
    );
    let out = run(d, "Tom Reyes", &["need", "validate", "N1"]);
    assert_eq!(out, "Updated N1: validated\n");
    run(d, "Ada Lovell", &["item", "edit", "LC-1", "--need", "N1"]);

    // The file holds what was said, as a user would write it, and keeps its comment.
    let file = text(&path);
    assert!(
        file.contains("# The first thing residents asked for.\n[[items]]\nid = \"LC-1\""),
        "{file}"
    );
    assert!(file.contains("needs = [\"N1\"]"), "{file}");
    assert!(
        file.contains(
            "[[needs]]\nid = \"N1\"\nstatement = \"As a resident I need to renew from home\""
        ),
        "{file}"
    );
    assert!(file.contains("[[needs.evidence]]\ndate = 2026-11-02\nkind = \"interview\"\nsummary = \"Five of six renew in person\"\npeople = 6\n"), "{file}");

    // list, show, item show and item list --need, in tables and JSON.
    let list = ok(d, &["need", "list", "--format", "markdown"]);
    assert!(
        list.contains("| N1 | validated | As a resident I need to renew from home | Residents who borrow books | 2 | 246 | 1 | 0 |"),
        "{list}"
    );
    assert!(
        list.contains("1 open feature answers no need: LC-2"),
        "{list}"
    );
    let v = ok_json(d, &["need", "list"], "need_list");
    assert_eq!(v["needs"][0]["people"], 246);
    assert_eq!(v["needs"][0]["items"]["open"], 1);
    assert_eq!(v["items_without_need"][0]["id"], "LC-2");
    let csv = ok(d, &["need", "list", "--format", "csv"]);
    assert!(
        csv.starts_with("ID,Status,Need,Users,Evidence,People,Open,Done\nN1,validated,"),
        "{csv}"
    );
    let md = ok(d, &["need", "show", "N1", "--format", "markdown"]);
    assert!(
        md.contains("| 2026-11-02 | interview | 6 | Five of six renew in person |"),
        "{md}"
    );
    assert!(md.contains("| LC-1 | ready | Renew online |"), "{md}");
    let shown = ok(d, &["item", "show", "LC-1"]);
    assert!(
        shown.contains(
            "N1 (validated, evidence from 246 people): As a resident I need to renew from home"
        ),
        "{shown}"
    );
    let v = ok_json(d, &["item", "show", "LC-1"], "item");
    assert_eq!(v["needs"][0]["people"], 246);
    let only = ok(d, &["item", "list", "--need", "N1"]);
    assert!(only.contains("LC-1") && !only.contains("LC-2"), "{only}");

    // rank by the evidence formula: LC-1 8 * 246 / 2 = 984, LC-2 5 * 0 / 1 = 0.
    let v = ok_json(d, &["rank", "--by", "evidence_value"], "rank");
    let first = &v["ranked"][0];
    assert_eq!(first["id"], "LC-1");
    assert_eq!(first["score"], 984.0);
    assert_eq!(first["explanation"]["inputs"][1]["field"], "evidence");
    let table = ok(d, &["rank", "--by", "evidence_value"]);
    assert!(table.contains("Evidence"), "{table}");

    let show = ok(d, &["show"]);
    assert!(show.contains("User needs: 1 validated"), "{show}");
}

#[test]
fn requests_are_triaged_and_a_decline_is_logged_with_its_reason() {
    let (dir, path) = scratch_text(FILE, "product.toml");
    let d = dir.path();
    let v = ok_json(
        d,
        &[
            "request",
            "add",
            "Pay fines online",
            "--from",
            "Finance",
            "--date",
            "2026-10-01",
        ],
        "request_added",
    );
    assert_eq!(v["request"]["id"], "Q1");
    run(
        d,
        "Tom Reyes",
        &["request", "add", "Dark mode", "--from", "A resident"],
    );
    run(
        d,
        "Tom Reyes",
        &["request", "add", "Renew by text", "--from", "Forum"],
    );
    run(d, "Tom Reyes", &["need", "add", "Renewing is hard"]);

    // Someone with no role cannot accept or decline: scope is the owner's.
    refuses(
        4,
        d,
        &path,
        &as_("Val Okoro", &["request", "accept", "Q1"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &["scope", "Ada Lovell"],
    );
    refuses(
        4,
        d,
        &path,
        &as_("Tom Reyes", &["request", "decline", "Q2", "--reason", "No"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &["scope"],
    );

    let v = ok_json(
        d,
        &["request", "accept", "Q1", "--as", "Ada Lovell"],
        "request_accepted",
    );
    assert_eq!(v["items"][0], "LC-3");
    assert_eq!(v["created"], true);
    let out = product(d)
        .args([
            "request",
            "decline",
            "Q2",
            "--reason",
            "Not this year",
            "--as",
            "Ada Lovell",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Declined Q2: Not this year\n"
    );
    assert_eq!(stderr(&out), "Logged D1: scope decision by Ada Lovell\n");
    let out = run(d, "Tom Reyes", &["request", "merge", "Q3", "--into", "N1"]);
    assert_eq!(out, "Merged Q3 into N1\n");

    let file = text(&path);
    assert!(file.contains("[[requests]]\nid = \"Q2\"\ntext = \"Dark mode\"\nfrom = \"A resident\"\ndate = 2026-11-23\nstatus = \"declined\"\ntriaged = 2026-11-23\nreason = \"Not this year\"\n"), "{file}");
    assert!(file.contains("requests = [\"Q1\"]"), "{file}");
    let log = ok_json(d, &["decisions"], "decision_list");
    let d1 = &log["decisions"][0];
    assert_eq!(d1["kind"], "scope");
    assert_eq!(d1["rationale"], "Q2: Not this year");
    assert_eq!(d1["refs"][0], "Q2");

    let list = ok(d, &["request", "list"]);
    has_row(
        &list,
        "Q1 Pay fines online Finance 2026-10-01 accepted: LC-3",
    );
    has_row(
        &list,
        "Q2 Dark mode A resident 2026-11-23 declined: Not this year",
    );
    has_row(&list, "Q3 Renew by text Forum 2026-11-23 merged into N1");
    let v = ok_json(d, &["request", "show", "Q1"], "request");
    assert_eq!(v["waiting_days"], 53);
    let md = ok(d, &["report", "--format", "markdown"]);
    assert!(md.contains("## What happened to requests"), "{md}");
    assert!(
        md.contains("| Q2 | Dark mode | A resident | 2026-11-23 | declined: Not this year |"),
        "{md}"
    );
    assert!(md.contains("## User needs"), "{md}");

    // A request is triaged once; the file is left as it was.
    refuses(
        2,
        d,
        &path,
        &["request", "accept", "Q2", "--as", "Ada Lovell"],
        &["Q2 was already declined on 2026-11-23"],
    );
}

#[test]
fn bad_input_is_refused_with_the_known_values_and_the_file_untouched() {
    let (dir, path) = scratch_text(FILE, "product.toml");
    let d = dir.path();
    run(d, "Tom Reyes", &["need", "add", "Renewing is hard"]);
    run(
        d,
        "Tom Reyes",
        &["request", "add", "Dark mode", "--from", "A resident"],
    );
    refuses(
        3,
        d,
        &path,
        &["need", "show", "N7"],
        &["no need `N7`", "known needs: N1"],
    );
    refuses(
        3,
        d,
        &path,
        &[
            "need",
            "evidence",
            "add",
            "N7",
            "--kind",
            "survey",
            "--people",
            "3",
            "--summary",
            "x",
        ],
        &["no need `N7`", "N1"],
    );
    refuses(
        3,
        d,
        &path,
        &["item", "edit", "LC-1", "--need", "N7", "--as", "Ada Lovell"],
        &["no need `N7`", "N1"],
    );
    refuses(
        3,
        d,
        &path,
        &["item", "list", "--need", "N7"],
        &["no need `N7`"],
    );
    refuses(
        3,
        d,
        &path,
        &["request", "accept", "Q9", "--as", "Ada Lovell"],
        &["no request `Q9`", "known requests: Q1"],
    );
    refuses(
        3,
        d,
        &path,
        &[
            "request",
            "accept",
            "Q1",
            "--item",
            "LC-9",
            "--as",
            "Ada Lovell",
        ],
        &["no item `LC-9`", "LC-1, LC-2"],
    );
    refuses(
        3,
        d,
        &path,
        &[
            "request",
            "merge",
            "Q1",
            "--into",
            "X1",
            "--as",
            "Ada Lovell",
        ],
        &["no need or item `X1`", "N1, LC-1, LC-2"],
    );
    // Bad numbers exit 2, as every bad number does.
    for people in ["-3", "abc", "2.5"] {
        refuses(
            2,
            d,
            &path,
            &[
                "need",
                "evidence",
                "add",
                "N1",
                "--kind",
                "survey",
                "--people",
                people,
                "--summary",
                "x",
            ],
            &[people],
        );
    }
    refuses(
        2,
        d,
        &path,
        &["item", "add", "Audiobooks", "--size", "abc"],
        &["abc"],
    );
    refuses(
        2,
        d,
        &path,
        &[
            "need",
            "evidence",
            "add",
            "N1",
            "--kind",
            "rumour",
            "--people",
            "3",
            "--summary",
            "x",
        ],
        &["rumour"],
    );
    refuses(2, d, &path, &["need", "invalidate", "N1"], &["--reason"]);
    refuses(
        2,
        d,
        &path,
        &[
            "request",
            "decline",
            "Q1",
            "--reason",
            " ",
            "--as",
            "Ada Lovell",
        ],
        &["--reason is empty"],
    );
    refuses(
        2,
        d,
        &path,
        &[
            "need",
            "evidence",
            "add",
            "N1",
            "--kind",
            "survey",
            "--people",
            "3",
            "--summary",
            "x",
            "--date",
            "2026-12-01",
        ],
        &["after today"],
    );
}

const SURVEY: &str = "Response ID,Submitted At,Comment,Channel,Respondents\n\
R-1,2026-11-02,Paying online would save me a trip,NPS survey,120\n\
R-2,2026-11-03,I never know what I owe,Support ticket,1\n\
R-3,2026-11-05,\"Online, please\",survey,300\n";

const TICKETS: &str = "Ticket ID,Requester,Created,Subject\n\
T-9,Schools team,2026-10-01,Reading lists\n\
T-10,Residents' forum,2026-11-20,Welsh language version\n";

#[test]
fn a_feedback_export_imports_as_requests_or_as_evidence() {
    let (dir, path) = scratch_text(FILE, "product.toml");
    let d = dir.path();
    run(d, "Tom Reyes", &["need", "add", "Renewing is hard"]);
    std::fs::write(d.join("survey.csv"), SURVEY).unwrap();
    std::fs::write(d.join("tickets.csv"), TICKETS).unwrap();

    let v = ok_json(
        d,
        &["import", "csv", "tickets.csv", "--into", "requests"],
        "import",
    );
    let created: Vec<&str> = v["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(created, ["Q1", "Q2"]);
    let file = text(&path);
    assert!(file.contains("text = \"Reading lists\"\nfrom = \"Schools team\"\ndate = 2026-10-01\nstatus = \"open\"\nsource = \"T-9\""), "{file}");
    // Again: matched by source, nothing added twice.
    let out = ok(d, &["import", "csv", "tickets.csv", "--into", "requests"]);
    assert!(
        out.starts_with("tickets.csv: added 0 requests, updated 0, 2 unchanged."),
        "{out}"
    );

    let out = ok(
        d,
        &[
            "import",
            "csv",
            "survey.csv",
            "--into",
            "evidence",
            "--need",
            "N1",
            "--as",
            "Tom Reyes",
        ],
    );
    assert!(
        out.starts_with("survey.csv: added 3 pieces of evidence, updated 0, 0 unchanged."),
        "{out}"
    );
    assert!(out.contains("Columns read: Comment → summary, Submitted At → date, Channel → kind, Respondents → people, Response ID → source."), "{out}");
    let v = ok_json(d, &["need", "show", "N1"], "need");
    assert_eq!(v["people"], 421);
    let kinds: Vec<&str> = v["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["survey", "support", "survey"]);

    // A bad cell is placed at file:line:col, and nothing is written.
    std::fs::write(d.join("bad.csv"), "Comment,Respondents,Submitted At\nFine,12,2026-11-01\nHmm,-4,2026-11-02\nLater,3,2027-01-01\n").unwrap();
    let e = refuses(
        3,
        d,
        &path,
        &[
            "import", "csv", "bad.csv", "--into", "evidence", "--need", "N1",
        ],
        &["2 rows cannot be imported"],
    );
    let problems = e["problems"].as_array().unwrap();
    assert_eq!(
        (problems[0]["line"].as_u64(), problems[0]["column"].as_u64()),
        (Some(3), Some(5))
    );
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("`-4` is not a number of people")
    );
    assert_eq!(
        (problems[1]["line"].as_u64(), problems[1]["column"].as_u64()),
        (Some(4), Some(9))
    );
    assert!(
        problems[1]["message"]
            .as_str()
            .unwrap()
            .contains("after today")
    );
    let out = product(d)
        .args([
            "import", "csv", "bad.csv", "--into", "evidence", "--need", "N1",
        ])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("bad.csv:3:5: row 3, Respondents: `-4` is not a number of people"),
        "{}",
        stderr(&out)
    );

    // Flags that do not go with the kind of row, and a missing need.
    refuses(
        2,
        d,
        &path,
        &["import", "csv", "survey.csv", "--into", "evidence"],
        &["--need"],
    );
    refuses(
        2,
        d,
        &path,
        &[
            "import",
            "csv",
            "survey.csv",
            "--into",
            "requests",
            "--need",
            "N1",
        ],
        &["--need does not go with --into requests"],
    );
    refuses(
        3,
        d,
        &path,
        &[
            "import",
            "csv",
            "survey.csv",
            "--into",
            "evidence",
            "--need",
            "N4",
        ],
        &["no need `N4`"],
    );
    refuses(
        3,
        d,
        &path,
        &["import", "csv", "survey.csv", "--into", "requests"],
        &["no column gives the person who asked", "--map from=COLUMN"],
    );
    // --from says who asked for every row.
    let out = ok(
        d,
        &[
            "import",
            "csv",
            "survey.csv",
            "--into",
            "requests",
            "--from",
            "Survey 2026",
        ],
    );
    assert!(out.starts_with("survey.csv: added 3 requests"), "{out}");
}

#[test]
fn what_a_user_writes_in_a_need_is_kept_through_every_edit() {
    let annotated = format!(
        "{FILE}\n# Research so far.\n[[needs]]\nid = \"N1\"\nstatement = \"Renew from home\"\nstatus = \"validated\"\nx-owner = \"research team\"  # who keeps it\n\n[[needs.evidence]]\ndate = 2026-11-02\nkind = \"interview\"\npeople = 8  # eight people\nx-recording = \"r-12\"\nsummary = \"Six of eight renew at the desk\"\n"
    );
    let (dir, path) = scratch_text(&annotated, "product.toml");
    let d = dir.path();
    // Evidence from earlier than what is there goes after it in the file,
    // so the entry there keeps its comment and its own key.
    run(
        d,
        "Tom Reyes",
        &[
            "need",
            "evidence",
            "add",
            "N1",
            "--kind",
            "survey",
            "--people",
            "5",
            "--summary",
            "Early survey",
            "--date",
            "2026-07-01",
        ],
    );
    run(
        d,
        "Tom Reyes",
        &[
            "need",
            "edit",
            "N1",
            "--statement",
            "Renew my books from home",
        ],
    );
    let file = text(&path);
    assert!(
        file.contains("# Research so far.\n[[needs]]\nid = \"N1\""),
        "{file}"
    );
    assert!(
        file.contains("x-owner = \"research team\"  # who keeps it"),
        "{file}"
    );
    assert!(
        file.contains("people = 8  # eight people\nx-recording = \"r-12\"\nsummary = \"Six of eight renew at the desk\"\n\n[[needs.evidence]]\ndate = 2026-07-01"),
        "{file}"
    );
    // The views show the evidence oldest first.
    let v = ok_json(d, &["need", "show", "N1"], "need");
    assert_eq!(v["evidence"][0]["summary"], "Early survey");
    assert_eq!(
        v["evidence"][1]["summary"],
        "Six of eight renew at the desk"
    );
    // More people than there are is refused, from the command line or a CSV.
    refuses(
        2,
        d,
        &path,
        &[
            "need",
            "evidence",
            "add",
            "N1",
            "--kind",
            "survey",
            "--people",
            "20000000000",
            "--summary",
            "x",
        ],
        &["more people than there are"],
    );
    std::fs::write(d.join("big.csv"), "Summary,Respondents\nbig,1e19\n").unwrap();
    refuses(
        3,
        d,
        &path,
        &[
            "import", "csv", "big.csv", "--into", "evidence", "--need", "N1",
        ],
        &["big.csv"],
    );
    let out = product(d)
        .args([
            "import", "csv", "big.csv", "--into", "evidence", "--need", "N1",
        ])
        .output()
        .unwrap();
    assert!(
        stderr(&out)
            .contains("big.csv:2:5: row 2, Respondents: `1e19` is more people than there are"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn triage_links_and_records_hold_together() {
    let (dir, path) = scratch_text(FILE, "product.toml");
    let d = dir.path();
    run(d, "Tom Reyes", &["need", "add", "Renew from home"]);
    run(
        d,
        "Tom Reyes",
        &["request", "add", "Renew online", "--from", "Forum"],
    );
    run(
        d,
        "Tom Reyes",
        &["request", "merge", "Q1", "--into", "LC-1"],
    );
    // An item a request was merged into is dropped, not removed.
    refuses(
        2,
        d,
        &path,
        &["item", "rm", "LC-1", "--yes", "--as", "Ada Lovell"],
        &["request Q1 was merged into it", "item drop LC-1"],
    );
    // A decline's reason is the rationale; --why is kept after it.
    run(
        d,
        "Tom Reyes",
        &["request", "add", "Dark mode", "--from", "A resident"],
    );
    run(
        d,
        "Ada Lovell",
        &[
            "request",
            "decline",
            "Q2",
            "--reason",
            "Not this year",
            "--why",
            "Agreed at the planning day",
        ],
    );
    // Nothing waits now; a filter that matches nothing says so.
    assert_eq!(
        ok(d, &["request", "list", "--open"]),
        "No request is waiting to be triaged.\n"
    );
    assert_eq!(
        ok(d, &["need", "list", "--status", "met"]),
        "No needs with that status.\n"
    );
    // The one item a request was accepted for is dropped, not removed.
    run(
        d,
        "Tom Reyes",
        &["request", "add", "Audiobooks", "--from", "Forum"],
    );
    run(d, "Ada Lovell", &["request", "accept", "Q3"]);
    refuses(
        2,
        d,
        &path,
        &["item", "rm", "LC-3", "--yes", "--as", "Ada Lovell"],
        &["request Q3 was accepted for it"],
    );
    // A logged change of evidence says how many pieces, not all of them.
    run(
        d,
        "Tom Reyes",
        &[
            "need",
            "evidence",
            "add",
            "N1",
            "--kind",
            "survey",
            "--people",
            "5",
            "--summary",
            "x",
            "--why",
            "A new survey",
        ],
    );
    let log = ok_json(d, &["decisions"], "decision_list");
    let last = log["decisions"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        last["summary"],
        "N1 (Renew from home) evidence: 0 -> 1 pieces"
    );
    let log = ok_json(d, &["decisions"], "decision_list");
    assert_eq!(
        log["decisions"][0]["rationale"],
        "Q2: Not this year; Agreed at the planning day"
    );
    // Objectives link to needs too, and only to needs there are.
    let file = format!(
        "{}\n[[objectives]]\nid = \"O1\"\ntitle = \"Renewing is easy\"\n",
        text(&path)
    );
    std::fs::write(&path, file).unwrap();
    run(
        d,
        "Ada Lovell",
        &[
            "okr",
            "edit",
            "O1",
            "--need",
            "N1",
            "--agreed-by",
            "Ada Lovell",
        ],
    );
    assert!(
        text(&path).contains("title = \"Renewing is easy\"\nneeds = [\"N1\"]"),
        "{}",
        text(&path)
    );
    refuses(
        3,
        d,
        &path,
        &["okr", "edit", "O1", "--need", "N5", "--as", "Ada Lovell"],
        &["no need `N5`"],
    );
    let v = ok_json(d, &["need", "show", "N1"], "need");
    assert_eq!(v["objectives"][0]["id"], "O1");

    // Needs and requests go out in an export and come back in an import.
    run(d, "Ada Lovell", &["item", "edit", "LC-2", "--need", "N1"]);
    let csv = ok(d, &["export", "csv", "--all"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(",key_results,needs,requests,acceptance,"),
        "{header}"
    );
    std::fs::write(d.join("backlog.csv"), &csv).unwrap();
    let copy = format!("{FILE}\n[[needs]]\nid = \"N1\"\nstatement = \"Renew from home\"\n")
        .replace("[[items]]\nid = \"LC-1\"", "[[items]]\nid = \"LC-91\"")
        .replace("[[items]]\nid = \"LC-2\"", "[[items]]\nid = \"LC-92\"");
    std::fs::write(d.join("copy.toml"), copy).unwrap();
    ok(
        d,
        &[
            "-f",
            "copy.toml",
            "import",
            "csv",
            "backlog.csv",
            "--as",
            "Ada Lovell",
        ],
    );
    let v = ok_json(d, &["-f", "copy.toml", "item", "show", "LC-2"], "item");
    assert_eq!(v["item"]["needs"][0], "N1");

    // --map names the rows' own fields.
    std::fs::write(d.join("t.csv"), "Subject,Requester\nA,B\n").unwrap();
    refuses(
        2,
        d,
        &path,
        &[
            "import",
            "csv",
            "t.csv",
            "--into",
            "requests",
            "--map",
            "txt=Subject",
        ],
        &[
            "`txt` is not a field of these rows (text, from, date, source); did you mean `text`?",
            "FIELD is one of text, from, date, source",
        ],
    );
    // --from says who asked for rows that leave it empty.
    std::fs::write(
        d.join("some.csv"),
        "Subject,Requester\nAudiobooks,Forum\nLarge print,\n",
    )
    .unwrap();
    let out = ok(
        d,
        &[
            "import",
            "csv",
            "some.csv",
            "--into",
            "requests",
            "--from",
            "Front desk",
        ],
    );
    assert!(out.starts_with("some.csv: added 2 requests"), "{out}");
    assert!(
        text(&path).contains("text = \"Large print\"\nfrom = \"Front desk\""),
        "{}",
        text(&path)
    );
}
