//! CSV import and export, and the stakeholder report, run as a product
//! owner would: Jira and GitLab exports with every quoting edge case, bad
//! rows, re-imports, a 10,000-row file, the round trip through our own
//! export, formula injection, and markdown that user text cannot break.

mod common;

use std::path::{Path, PathBuf};

use common::{ok, ok_json, product, read, stderr, stdout, text};
use serde_json::Value;

const OWNER: &str = "Ada Byrne";

/// A new product file (`product.toml` or `product.json`) owned by Ada Byrne.
fn fresh(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    ok(
        dir.path(),
        &[
            "-f",
            name,
            "init",
            "--name",
            "Data management",
            "--key",
            "DM",
            "--owner",
            OWNER,
        ],
    );
    (dir, path)
}

/// Runs `product --as OWNER -f FILE ARGS...` and returns its output.
fn run(dir: &Path, file: &Path, args: &[&str]) -> std::process::Output {
    product(dir)
        .args(["--as", OWNER, "-f"])
        .arg(file)
        .args(args)
        .output()
        .unwrap()
}

/// As [`run`], and it must succeed.
fn run_ok(dir: &Path, file: &Path, args: &[&str]) -> String {
    let out = run(dir, file, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The items of a product file as `export csv --all --json` gives them.
fn items(dir: &Path, file: &Path) -> Vec<Value> {
    let out = run_ok(dir, file, &["export", "csv", "--all", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "export");
    v["items"].as_array().unwrap().clone()
}

fn item<'a>(items: &'a [Value], source: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["source"] == source)
        .unwrap_or_else(|| panic!("no item from {source} in {items:#?}"))
}

/// A Jira export as Jira writes it: a byte-order mark, CRLF line ends,
/// `Labels` once a label, and every way a cell can be quoted.
fn jira_csv() -> Vec<u8> {
    let rows = [
        "Summary,Issue key,Issue id,Issue Type,Status,Priority,Custom field (Story Points),Description,Labels,Labels,Created",
        r#""Pay by card, online",DM-4,10004,Story,To Do,High,5,"He said ""pay now"", twice",payments,ux,24/Nov/26 3:04 PM"#,
        "\"Refund\r\nfailed payments\",DM-5,10005,Bug,In Progress,Blocker,3.5,\"line one\r\nline two\",,,2026-11-01",
        "Receipts by email,DM-6,10006,Task,Done,Trivial,,,payments,,2021-01-08T16:38:15.000+0000",
        "Über-Zahlung ✓,DM-7,10007,Spike,Closed,Medium,8,\"\",,,2019-09-26 03:22:02.733",
        "Quiet one,DM-8,10008,Technical debt,Backlog,,,,,,",
    ];
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(rows.join("\r\n").as_bytes());
    bytes.extend(b"\r\n");
    bytes
}

#[test]
fn a_jira_export_with_every_quoting_edge_case_imports_field_by_field() {
    let (dir, file) = fresh("product.toml");
    std::fs::write(dir.path().join("jira.csv"), jira_csv()).unwrap();
    let v: Value = serde_json::from_str(&run_ok(
        dir.path(),
        &file,
        &["import", "csv", "jira.csv", "--json"],
    ))
    .unwrap();
    assert_eq!(v["kind"], "import");
    assert_eq!(v["rows"], 5);
    assert_eq!(v["created"].as_array().unwrap().len(), 5);
    // Jira's numeric `Issue id` stands in for a missing key; it is read, not left out.
    assert_eq!(v["ignored_columns"], serde_json::json!([]));
    assert_eq!(v["skipped"], serde_json::json!([]));

    let items = items(dir.path(), &file);
    let pay = item(&items, "DM-4");
    assert_eq!(pay["id"], "DM-1");
    assert_eq!(pay["title"], "Pay by card, online");
    assert_eq!(pay["description"], "He said \"pay now\", twice");
    assert_eq!(pay["kind"], "feature");
    assert_eq!(pay["status"], "idea");
    assert_eq!(pay["moscow"], "should");
    assert_eq!(pay["size"], 5);
    assert_eq!(pay["tags"], serde_json::json!(["payments", "ux"]));
    assert_eq!(pay["created"], "2026-11-24");

    let refund = item(&items, "DM-5");
    assert_eq!(refund["title"], "Refund\nfailed payments");
    assert_eq!(refund["description"], "line one\nline two");
    assert_eq!(refund["kind"], "bug");
    assert_eq!(refund["status"], "doing");
    assert_eq!(refund["moscow"], "must");
    assert_eq!(refund["size"], 3.5);
    assert_eq!(refund["created"], "2026-11-01");
    assert!(refund.get("tags").is_none(), "{refund}");

    let receipts = item(&items, "DM-6");
    assert_eq!(receipts["status"], "done");
    assert_eq!(receipts["moscow"], "wont");
    assert!(receipts.get("size").is_none());
    assert_eq!(receipts["created"], "2021-01-08");

    let spike = item(&items, "DM-7");
    assert_eq!(spike["title"], "Über-Zahlung ✓");
    assert_eq!(spike["kind"], "spike");
    assert_eq!(spike["status"], "done");
    assert_eq!(spike["moscow"], "could");
    assert_eq!(spike["created"], "2019-09-26");
    assert!(spike.get("description").is_none());

    let quiet = item(&items, "DM-8");
    assert_eq!(quiet["kind"], "debt");
    assert_eq!(quiet["status"], "idea");
    assert!(quiet.get("moscow").is_none());
    // No date in the row: the day of the import.
    assert_eq!(quiet["created"], common::TODAY);

    // The title with a line break is written as TOML keeps it.
    let table = read(&file);
    let written = table["items"].as_array().unwrap();
    assert_eq!(
        written[1]["title"].as_str(),
        Some("Refund\nfailed payments")
    );
    assert!(!text(&file).contains('\r'), "{}", text(&file));
}

#[test]
fn a_gitlab_export_is_read_by_its_own_headers() {
    let (dir, file) = fresh("product.json");
    let csv = "Title,Description,Issue ID,IID,URL,State,Author,Labels,Milestone,Weight,Created At (UTC),Due Date\n\
        Search the catalogue,\"Find a book, fast\",25326678,12,https://gitlab.example/x/-/issues/12,opened,someone,\"search,frontend\",Sprint 3,2,2019-09-26 03:22:02,2026-12-24\n\
        Fix the login,,25326650,13,https://gitlab.example/x/-/issues/13,closed,someone,bug,,1,2019-09-27 10:00:00,\n";
    std::fs::write(dir.path().join("issues.csv"), csv).unwrap();
    let out = run_ok(dir.path(), &file, &["import", "csv", "issues.csv"]);
    assert!(out.contains("issues.csv: added 2 items"), "{out}");
    assert!(out.contains("Columns left out: Author (read one"), "{out}");
    let items = items(dir.path(), &file);
    // The URL names an issue across projects, so it is the source key.
    let search = item(&items, "https://gitlab.example/x/-/issues/12");
    assert_eq!(search["title"], "Search the catalogue");
    assert_eq!(search["description"], "Find a book, fast");
    assert_eq!(search["status"], "idea");
    assert_eq!(
        search["tags"],
        serde_json::json!(["search", "frontend", "milestone:Sprint 3"])
    );
    assert_eq!(search["size"], 2);
    assert_eq!(search["created"], "2019-09-26");
    assert_eq!(search["due"], "2026-12-24");
    let login = item(&items, "https://gitlab.example/x/-/issues/13");
    assert_eq!(login["status"], "done");
    assert_eq!(login["tags"], serde_json::json!(["bug"]));
    // The product file is JSON, and stays JSON.
    let file_json: Value = serde_json::from_str(&text(&file)).unwrap();
    assert_eq!(
        file_json["items"][0]["source"],
        "https://gitlab.example/x/-/issues/12"
    );
}

#[test]
fn importing_again_updates_the_items_rather_than_adding_them_twice() {
    let (dir, file) = fresh("product.toml");
    let first =
        "Issue key,Summary,Status,Story Points\nDM-1,Sign in,To Do,3\nDM-2,Sign out,To Do,1\n";
    std::fs::write(dir.path().join("a.csv"), first).unwrap();
    run_ok(dir.path(), &file, &["import", "csv", "a.csv"]);
    // A comment written by hand on the first item survives the re-import.
    let commented = text(&file).replace(
        "[[items]]\nid = \"DM-1\"",
        "# kept\n[[items]]\nid = \"DM-1\"",
    );
    std::fs::write(&file, commented).unwrap();

    let second = "Issue key,Summary,Status,Story Points\nDM-2,Sign out,Done,1\nDM-1,Sign in with a passkey,In Progress,\nDM-3,Forget me,To Do,2\n";
    std::fs::write(dir.path().join("b.csv"), second).unwrap();
    let v: Value = serde_json::from_str(&run_ok(
        dir.path(),
        &file,
        &["import", "csv", "b.csv", "--json"],
    ))
    .unwrap();
    let ids = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("created"), ["DM-3"]);
    assert_eq!(ids("updated"), ["DM-2", "DM-1"]);
    assert_eq!(v["updated"][0]["changed"], serde_json::json!(["status"]));
    assert_eq!(
        v["updated"][1]["changed"],
        serde_json::json!(["title", "status"])
    );

    let items = items(dir.path(), &file);
    assert_eq!(items.len(), 3);
    let one = item(&items, "DM-1");
    assert_eq!(one["id"], "DM-1");
    assert_eq!(one["title"], "Sign in with a passkey");
    assert_eq!(one["status"], "doing");
    // An empty cell leaves the field as it was.
    assert_eq!(one["size"], 3);
    assert!(text(&file).contains("# kept\n[[items]]\nid = \"DM-1\""));

    // The same file a third time changes nothing, and writes nothing.
    let before = std::fs::read(&file).unwrap();
    let out = run_ok(dir.path(), &file, &["import", "csv", "b.csv"]);
    assert!(
        out.contains("added 0 items, updated 0, 3 unchanged"),
        "{out}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_bad_row_exits_3_naming_its_row_line_and_column_and_nothing_is_written() {
    for name in ["product.toml", "product.json"] {
        let (dir, file) = fresh(name);
        let csv = "Summary,Issue key,Story Points,Created\n\
            Good,DM-1,3,2026-11-01\n\
            \"Spans\ntwo lines\",DM-2,three,2026-11-02\n\
            Bad date,DM-3,5,03/04/2026\n\
            ,DM-4,1,\n";
        std::fs::write(dir.path().join("bad.csv"), csv).unwrap();
        let before = std::fs::read(&file).unwrap();
        let out = run(dir.path(), &file, &["import", "csv", "bad.csv"]);
        assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(
            err.contains("error: bad.csv: 3 rows cannot be imported; nothing was written"),
            "{err}"
        );
        // The row number as a spreadsheet shows it, and the cell's place in
        // the file: row 3 starts on line 3 and its size is on line 4.
        assert!(
            err.contains("error: bad.csv:4:17: row 3, Story Points: `three` is not a number"),
            "{err}"
        );
        assert!(
            err.contains("error: bad.csv:5:17: row 4, Created: `03/04/2026` is not a date"),
            "{err}"
        );
        assert!(
            err.contains("error: bad.csv:6:1: row 5, Summary: no title: a new item needs one"),
            "{err}"
        );
        assert!(err.contains("hint: fix the rows, or import the others with --skip-invalid"));
        assert_eq!(std::fs::read(&file).unwrap(), before, "{name} was written");

        let out = run(dir.path(), &file, &["import", "csv", "bad.csv", "--json"]);
        assert_eq!(out.status.code(), Some(3));
        assert!(out.stdout.is_empty());
        let e: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(e["code"], "csv_rows_invalid");
        assert_eq!(e["problems"][0]["file"], "bad.csv");
        assert_eq!(e["problems"][0]["line"], 4);
        assert_eq!(e["problems"][0]["column"], 17);
        assert_eq!(e["problems"][0]["path"], "row 3, Story Points");
        assert_eq!(std::fs::read(&file).unwrap(), before);

        // With --skip-invalid the good row goes in and the others are listed.
        let v: Value = serde_json::from_str(&run_ok(
            dir.path(),
            &file,
            &["import", "csv", "bad.csv", "--skip-invalid", "--json"],
        ))
        .unwrap();
        assert_eq!(v["created"].as_array().unwrap().len(), 1);
        let skipped: Vec<u64> = v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["row"].as_u64().unwrap())
            .collect();
        assert_eq!(skipped, [3, 4, 5]);
        assert_eq!(items(dir.path(), &file).len(), 1);
    }
}

#[test]
fn rows_that_cannot_be_read_as_cells_are_problems_too() {
    let (dir, file) = fresh("product.toml");
    let mut csv = b"Summary;Issue key;Story Points\nGood;DM-1;3\nToo many;DM-2;3;4\n".to_vec();
    csv.extend(b"Caf\xE9;DM-3;1\n");
    std::fs::write(dir.path().join("semi.csv"), &csv).unwrap();
    let out = run(dir.path(), &file, &["import", "csv", "semi.csv"]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("semi.csv:3:17: row 3: the row has 4 cells where the header has 3"),
        "{err}"
    );
    assert!(
        err.contains(
            "semi.csv:4:1: row 4, Summary: the cell is not UTF-8 text; save the CSV as UTF-8"
        ),
        "{err}"
    );
    // The semicolons were found from the header row.
    let v: Value = serde_json::from_str(&run_ok(
        dir.path(),
        &file,
        &["import", "csv", "semi.csv", "--skip-invalid", "--json"],
    ))
    .unwrap();
    assert_eq!(v["created"][0]["title"], "Good");
    assert_eq!(v["created"][0]["source"], "DM-1");
}

#[test]
fn dry_run_shows_what_would_change_and_writes_nothing() {
    let (dir, file) = fresh("product.toml");
    std::fs::write(dir.path().join("jira.csv"), jira_csv()).unwrap();
    let before = std::fs::read(&file).unwrap();
    let out = run_ok(
        dir.path(),
        &file,
        &["import", "csv", "jira.csv", "--dry-run"],
    );
    assert!(
        out.starts_with(
            "jira.csv: would add 5 items, would update 0, 0 unchanged (new: DM-1 to DM-5); nothing written."
        ),
        "{out}"
    );
    common::has_row(&out, "2 add DM-1 Pay by card, online DM-4");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let v = ok_json(
        dir.path(),
        &["--as", OWNER, "import", "csv", "jira.csv", "--dry-run"],
        "import",
    );
    assert_eq!(v["dry_run"], true);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn columns_are_mapped_by_hand_and_bad_mappings_are_usage_errors() {
    let (dir, file) = fresh("product.toml");
    // The story-point datasets' own headers.
    let csv =
        "issuekey,title,description,storypoint,Notes\nDM-4,Fix the build,It breaks,8,remember\n";
    std::fs::write(dir.path().join("sp.csv"), csv).unwrap();
    run_ok(
        dir.path(),
        &file,
        &[
            "import",
            "csv",
            "sp.csv",
            "--map",
            "reason=Notes",
            "--map",
            "description=",
        ],
    );
    let items = items(dir.path(), &file);
    let one = item(&items, "DM-4");
    assert_eq!(one["size"], 8);
    assert_eq!(one["reason"], "remember");
    assert!(one.get("description").is_none(), "{one}");

    let before = std::fs::read(&file).unwrap();
    for (args, needle, code) in [
        (
            vec!["--map", "titel=title"],
            "`titel` is not an item field; did you mean `title`?",
            2,
        ),
        (
            vec!["--map", "size=storypionts"],
            "the CSV has no column `storypionts`; did you mean `storypoint`?",
            2,
        ),
        (vec!["--map", "size"], "`--map size` is not FIELD=COLUMN", 2),
        (
            vec!["--map", "title=", "--map", "source="],
            "no column gives the items' titles",
            3,
        ),
        (
            vec!["--priority-map", "P1=urgent"],
            "is not must, should, could, wont or none",
            2,
        ),
        (vec!["--status-map", "Review"], "is not NAME=VALUE", 2),
    ] {
        let mut all = vec!["import", "csv", "sp.csv"];
        all.extend(args.iter().copied());
        let out = run(dir.path(), &file, &all);
        assert_eq!(out.status.code(), Some(code), "{all:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{all:?}: {}", stderr(&out));
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
    let out = run(dir.path(), &file, &["import", "csv", "missing.csv"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("missing.csv does not exist"));
}

#[test]
fn priority_and_status_maps_name_what_a_tracker_means() {
    let (dir, file) = fresh("product.toml");
    let csv = "Summary,Issue key,Priority,Status\nOne,DM-1,P1,In Review\nTwo,DM-2,P3,Waiting\nThree,DM-3,Major,Done\n";
    std::fs::write(dir.path().join("p.csv"), csv).unwrap();
    // Unknown names are warned about, with the flag that fixes them.
    let out = run_ok(dir.path(), &file, &["import", "csv", "p.csv", "--dry-run"]);
    assert!(
        out.contains("warning: status `In Review` (row 2) is not one this import knows"),
        "{out}"
    );
    assert!(out.contains("--priority-map \"P3=could\""), "{out}");
    run_ok(
        dir.path(),
        &file,
        &[
            "import",
            "csv",
            "p.csv",
            "--priority-map",
            "p1=must",
            "--priority-map",
            "P3=none",
            "--status-map",
            "in review=doing",
        ],
    );
    let items = items(dir.path(), &file);
    assert_eq!(item(&items, "DM-1")["moscow"], "must");
    assert_eq!(item(&items, "DM-1")["status"], "doing");
    assert!(item(&items, "DM-2").get("moscow").is_none());
    assert_eq!(item(&items, "DM-2")["status"], "idea");
    assert_eq!(item(&items, "DM-3")["moscow"], "should");
}

#[test]
fn ten_thousand_rows_import_in_one_write() {
    for name in ["product.toml", "product.json"] {
        let (dir, file) = fresh(name);
        let mut csv = String::from("Summary,Issue key,Status,Priority,Story Points,Labels\n");
        for n in 1..=10_000 {
            csv.push_str(&format!(
                "\"Story {n}, with a comma\",DM-{},{},{},{},team-{}\n",
                n + 100,
                ["To Do", "In Progress", "Done"][n % 3],
                ["High", "Low", "Medium"][n % 3],
                n % 13 + 1,
                n % 7
            ));
        }
        std::fs::write(dir.path().join("big.csv"), csv).unwrap();
        let out = run_ok(dir.path(), &file, &["-q", "import", "csv", "big.csv"]);
        assert!(out.is_empty());
        let items = items(dir.path(), &file);
        assert_eq!(items.len(), 10_000);
        let last = &items[9_999];
        assert_eq!(last["id"], "DM-10000");
        assert_eq!(last["source"], "DM-10100");
        assert_eq!(last["title"], "Story 10000, with a comma");
        assert_eq!(last["status"], "doing");
        assert_eq!(last["moscow"], "wont");
        assert_eq!(last["size"], 10_000 % 13 + 1);
        assert_eq!(
            last["tags"],
            serde_json::json!([format!("team-{}", 10_000 % 7)])
        );
        // One write: no lock or temporary file left beside the product file.
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != name && n != "big.csv" && !n.ends_with(".lock"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

#[test]
fn csv_can_come_from_standard_input() {
    let (dir, file) = fresh("product.toml");
    let out = product(dir.path())
        .args(["--as", OWNER, "-f"])
        .arg(&file)
        .args(["import", "csv", "-"])
        .write_stdin("Title\nFrom a pipe\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("standard input: added 1 item"));
    assert_eq!(items(dir.path(), &file)[0]["title"], "From a pipe");
}

/// Items with every field set, and the links a round trip must keep.
const RICH: &str = r#"version = 1

[product]
name = "Data management"
key = "DM"

[[items]]
id = "DM-1"
title = "=HYPERLINK(\"https://evil.example\",\"click\")"
description = "Two lines,\nwith \"quotes\""
kind = "experiment"
status = "doing"
tags = ["payments", "a, b"]
mvp = true
moscow = "must"
roadmap = "R1"
key_results = ["O1.KR1", "O1.KR2"]
acceptance = ["Given a card, when I pay, then I get a receipt", "-1 is refused"]
depends_on = ["DM-2"]
value = 8
time_criticality = 5
risk_reduction = 3
size = 5
cost = 2.5
reach = 1200
impact = 0.25
confidence = 80
effort = 1.5
due = 2027-01-31
reason = "@mention"
pinned = true
source = "DM-400"
experiment = { hypothesis = "+ more people pay", measure = "K1", success = "50%", result = "validated", learning = "\tit worked" }
created = 2026-01-02
updated = 2026-02-03

[[items]]
id = "DM-2"
title = "-3 degrees"
kind = "bug"
status = "dropped"
reason = "Not needed"
done_on = 2026-03-04
created = 2026-01-02
updated = 2026-03-04
"#;

#[test]
fn export_has_every_field_and_guards_cells_a_spreadsheet_would_run() {
    let (dir, file) = common::scratch_text(RICH, "product.toml");
    let out = ok(
        dir.path(),
        &["-f", "product.toml", "export", "csv", "--all"],
    );
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..3], ["id", "title", "description"]);
    assert!(header.contains(&"experiment.hypothesis".to_owned()));
    assert_eq!(
        header[header.len() - 3..],
        ["wsjf_score", "value_cost_score", "rice_score"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |row: usize, column: &str| {
        let i = header.iter().position(|h| h == column).unwrap();
        rows[row][i].to_owned()
    };
    assert_eq!(
        cell(0, "title"),
        "'=HYPERLINK(\"https://evil.example\",\"click\")"
    );
    assert_eq!(cell(0, "reason"), "'@mention");
    assert_eq!(cell(0, "experiment.hypothesis"), "'+ more people pay");
    assert_eq!(cell(0, "experiment.learning"), "'\tit worked");
    assert_eq!(cell(1, "title"), "'-3 degrees");
    // A list whose parts hold commas is a JSON array, so it reads back whole.
    assert_eq!(cell(0, "tags"), r#"["payments","a, b"]"#);
    assert_eq!(
        cell(0, "acceptance"),
        "Given a card, when I pay, then I get a receipt\n-1 is refused"
    );
    assert_eq!(cell(0, "key_results"), "O1.KR1, O1.KR2");
    assert_eq!(cell(0, "cost"), "2.5");
    assert_eq!(cell(0, "wsjf_score"), "3.2");
    assert_eq!(cell(0, "value_cost_score"), "3.2");
    assert_eq!(cell(0, "rice_score"), "160");
    assert_eq!(cell(0, "mvp"), "true");
    assert_eq!(cell(1, "mvp"), "");
    // Without --all, done and dropped items stay out.
    let open = ok(dir.path(), &["-f", "product.toml", "export", "csv"]);
    assert_eq!(open.lines().filter(|l| l.starts_with("DM-")).count(), 1);
    // -q does not silence the export: it is the data asked for.
    assert_eq!(
        ok(
            dir.path(),
            &["-q", "-f", "product.toml", "export", "csv", "--all"]
        ),
        out
    );
    let _ = file;
}

#[test]
fn an_export_imported_into_a_new_file_gives_the_same_items() {
    let (dir, _) = common::scratch_text(RICH, "product.toml");
    let exported = ok(
        dir.path(),
        &["-f", "product.toml", "export", "csv", "--all"],
    );
    std::fs::write(dir.path().join("export.csv"), &exported).unwrap();
    let original = items(dir.path(), &dir.path().join("product.toml"));
    for name in ["copy.toml", "copy.json"] {
        let copy = dir.path().join(name);
        ok(
            dir.path(),
            &[
                "-f", name, "init", "--name", "Copy", "--key", "DM", "--owner", OWNER,
            ],
        );
        let out = run_ok(dir.path(), &copy, &["import", "csv", "export.csv"]);
        // The links to things the new file lacks are kept, and told.
        assert!(
            out.contains("warning: roadmap entry `R1` (row 2) is not in this file"),
            "{out}"
        );
        assert!(
            out.contains("warning: KPI or key result `K1` (row 2)"),
            "{out}"
        );
        assert_eq!(items(dir.path(), &copy), original, "{name}");
        // And back out again, byte for byte the same CSV.
        assert_eq!(
            run_ok(dir.path(), &copy, &["export", "csv", "--all"]),
            exported,
            "{name}"
        );
    }
}

#[test]
fn ids_from_another_key_are_renumbered_and_dependencies_follow() {
    let (dir, file) = fresh("product.toml");
    let csv = "id,title,depends_on\nAB-7,First,AB-9\nAB-9,Second,\nDM-5,Third,AB-7\n";
    std::fs::write(dir.path().join("ab.csv"), csv).unwrap();
    run_ok(dir.path(), &file, &["import", "csv", "ab.csv"]);
    let items = items(dir.path(), &file);
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    // DM-5 keeps its id; the others follow on from it.
    assert_eq!(ids, ["DM-6", "DM-7", "DM-5"]);
    assert_eq!(items[0]["depends_on"], serde_json::json!(["DM-7"]));
    assert_eq!(items[2]["depends_on"], serde_json::json!(["DM-6"]));
}

#[test]
fn the_report_is_one_page_with_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::repo("examples/product.toml");
    let example = example.to_str().unwrap();
    let out = ok(
        dir.path(),
        &["-f", example, "report", "--format", "markdown"],
    );
    for heading in [
        "## Roadmap",
        "### Now",
        "### Next",
        "### Later",
        "## Objectives and key results",
        "## KPIs",
        "## Top of the backlog (",
        "## Decisions since 2026-10-24",
    ] {
        assert!(out.contains(heading), "no `{heading}` in:\n{out}");
    }
    let v = ok_json(dir.path(), &["-f", example, "report"], "report");
    assert_eq!(v["as_of"], common::TODAY);
    assert_eq!(v["decisions_since"], "2026-10-24");
    assert!(v["top"].as_array().unwrap().len() <= 10);
    for section in [
        "roadmap",
        "objectives",
        "kpis",
        "mvp",
        "decisions",
        "vision",
    ] {
        assert!(v.get(section).is_some(), "no {section} in {v:#}");
    }
    for d in v["decisions"].as_array().unwrap() {
        assert!(d["date"].as_str().unwrap() >= "2026-10-24", "{d}");
    }
}

#[test]
fn user_text_cannot_break_the_report_tables_or_add_markup() {
    let file = r##"version = 1

[product]
name = "# Not a heading"
key = "DM"

[vision]
statement = "Pay | in\n- two minutes"

[[items]]
id = "DM-1"
title = "Pipes | and\nnew lines"
kind = "feature"
status = "ready"

[[items]]
id = "DM-2"
title = "<script>alert(1)</script> [link](https://x.example) *bold* $x$ ~~gone~~"
kind = "feature"
status = "idea"

[[decisions]]
id = "D1"
date = 2026-11-20
kind = "scope"
summary = "Cut | scope\n# now"
decided_by = "Ada Byrne"
"##;
    let (dir, _) = common::scratch_text(file, "product.toml");
    let md = ok(dir.path(), &["report", "--format", "markdown"]);
    assert!(md.starts_with("## \\# Not a heading\n"), "{md}");
    assert!(
        md.contains("- **Vision**: Pay \\| in<br>\\- two minutes\n"),
        "{md}"
    );
    assert!(md.contains("| Pipes \\| and<br>new lines |"), "{md}");
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\> \\[link\\](https://x.example) \\*bold\\* \\$x\\$ \\~\\~gone\\~\\~"),
        "{md}"
    );
    assert!(md.contains("| Cut \\| scope<br>\\# now |"), "{md}");
    // Every row of a table has as many cell borders as its header.
    let unescaped = |line: &str| {
        let b = line.as_bytes();
        (0..b.len())
            .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
            .count()
    };
    let mut widths = Vec::new();
    for line in md.lines() {
        if line.starts_with('|') {
            widths.push(unescaped(line));
        } else if !widths.is_empty() {
            assert!(widths.iter().all(|w| *w == widths[0]), "{md}");
            widths.clear();
        }
        assert!(
            !line.starts_with('#') || line.starts_with("## ") || line.starts_with("### "),
            "{line}"
        );
    }
}

#[test]
fn a_quote_never_closed_is_refused_rather_than_swallowing_the_rest() {
    let (dir, file) = fresh("product.toml");
    let csv = "Summary,Story Points\nA,1\n\"B unterminated,2\nC,3\nD,4\n";
    std::fs::write(dir.path().join("u.csv"), csv).unwrap();
    let before = std::fs::read(&file).unwrap();
    let out = run(dir.path(), &file, &["import", "csv", "u.csv"]);
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "u.csv: row 3: the quote that opens the cell at line 3, column 1 is never closed"
        ),
        "{err}"
    );
    assert!(err.contains("hint: close the quote"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn places_are_right_in_a_csv_with_crlf_line_ends() {
    let (dir, file) = fresh("product.toml");
    std::fs::write(
        dir.path().join("c.csv"),
        "Summary,Size\r\nA,1\r\nB,2\r\nC,x\r\n",
    )
    .unwrap();
    let out = run(dir.path(), &file, &["import", "csv", "c.csv"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("c.csv:4:3: row 4, Size: `x` is not a number"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn text_keeps_its_spaces_and_lines_through_a_round_trip() {
    let (dir, file) = fresh("product.toml");
    let out = run(
        dir.path(),
        &file,
        &[
            "item",
            "add",
            "Given",
            "--description",
            "  indented\n\nand a blank line ",
            "--acceptance",
            "Given a card\nWhen I pay\nThen I get a receipt",
            "--acceptance",
            "X, and Y",
            "--tag",
            "a, b",
            "--tag",
            "[odd]",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let exported = run_ok(dir.path(), &file, &["export", "csv", "--all"]);
    std::fs::write(dir.path().join("e.csv"), &exported).unwrap();
    let copy = dir.path().join("copy.json");
    ok(
        dir.path(),
        &[
            "-f",
            "copy.json",
            "init",
            "--name",
            "Copy",
            "--key",
            "DM",
            "--owner",
            OWNER,
        ],
    );
    run_ok(dir.path(), &copy, &["import", "csv", "e.csv"]);
    assert_eq!(items(dir.path(), &copy), items(dir.path(), &file));
    // Importing its own unchanged export changes nothing.
    let out = run_ok(dir.path(), &file, &["import", "csv", "e.csv"]);
    assert!(
        out.contains("added 0 items, updated 0, 1 unchanged"),
        "{out}"
    );
}

#[test]
fn values_the_item_commands_refuse_are_left_out_with_a_warning() {
    let (dir, file) = fresh("product.toml");
    let toml = text(&file).replace("[product]", "[scoring]\nscale = \"fibonacci\"\n\n[product]");
    std::fs::write(&file, toml).unwrap();
    let csv = "title,size,confidence,effort\nA,-3,50,1\nB,5,500,1\nC,4,50,1\nD,5,50,0\n";
    std::fs::write(dir.path().join("v.csv"), csv).unwrap();
    let out = run_ok(dir.path(), &file, &["import", "csv", "v.csv"]);
    assert!(out.contains("added 4 items"), "{out}");
    for needle in [
        "warning: size from column `size`: 2 values not kept: size cannot be negative (row 2); not on the fibonacci scale 1, 2, 3, 5, 8, 13, 20 (row 4); ",
        "warning: confidence from column `confidence`: 1 value not kept (row 3): confidence is a percentage from 0 to 100; ",
        "warning: effort from column `effort`: 1 value not kept (row 5): effort must be more than 0, as scores divide by it; ",
    ] {
        assert!(out.contains(needle), "`{needle}` not in:\n{out}");
    }
    let items = items(dir.path(), &file);
    assert!(items[0].get("size").is_none(), "{:#?}", items[0]);
    assert_eq!(items[0]["confidence"], 50.0);
    assert!(items[1].get("confidence").is_none());
    assert_eq!(items[1]["size"], 5.0);

    // `--json` has the same warnings.
    let (dir, file) = fresh("product.json");
    let toml = text(&file).replace(
        "\"product\": {",
        "\"scoring\": {\"scale\": \"fibonacci\"},\n  \"product\": {",
    );
    std::fs::write(&file, toml).unwrap();
    std::fs::write(dir.path().join("v.csv"), csv).unwrap();
    let v: Value = serde_json::from_str(&run_ok(
        dir.path(),
        &file,
        &["import", "csv", "v.csv", "--json"],
    ))
    .unwrap();
    assert_eq!(v["kind"], "import");
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 3, "{v:#}");
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .starts_with("size from column `size`: 2 values not kept"),
        "{v:#}"
    );
}

#[test]
fn a_json_file_given_as_csv_is_said_to_be_json() {
    let (dir, file) = fresh("product.toml");
    let mut json = b"[{\"id\":1,\"title\":\"".to_vec();
    json.extend(std::iter::repeat_n(b'x', 100_000));
    json.extend(b"\"}]");
    std::fs::write(dir.path().join("issues.json"), &json).unwrap();
    let out = run(dir.path(), &file, &["import", "csv", "issues.json"]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.len() < 1000, "{} bytes of error", err.len());
    assert!(
        err.starts_with("error: issues.json: the file looks like JSON, not CSV\nhint: "),
        "{err}"
    );

    // Columns nobody reads are listed, but not all of a thousand, nor whole.
    let header: Vec<String> = (0..1000)
        .map(|n| format!("{n}{}", "y".repeat(500)))
        .collect();
    let csv = format!("Title,{}\nOne\n", header.join(","));
    std::fs::write(dir.path().join("wide.csv"), csv).unwrap();
    let out = run_ok(
        dir.path(),
        &file,
        &["import", "csv", "wide.csv", "--dry-run"],
    );
    assert!(out.len() < 3000, "{} bytes", out.len());
    assert!(
        out.contains(", and 960 more (read one with --map FIELD=COLUMN)."),
        "{out}"
    );
}

#[test]
fn only_our_own_export_has_its_formula_guard_taken_off() {
    let (dir, file) = fresh("product.toml");
    let csv = "Summary,Issue key\n'+' button missing,DM-1\n'@here' mention,DM-2\n";
    std::fs::write(dir.path().join("j.csv"), csv).unwrap();
    run_ok(dir.path(), &file, &["import", "csv", "j.csv"]);
    let items = items(dir.path(), &file);
    assert_eq!(item(&items, "DM-1")["title"], "'+' button missing");
    assert_eq!(item(&items, "DM-2")["title"], "'@here' mention");
}

#[test]
fn in_our_own_export_an_empty_cell_clears_the_field() {
    let (dir, _) = common::scratch_text(RICH, "product.toml");
    let exported = ok(
        dir.path(),
        &["-f", "product.toml", "export", "csv", "--all"],
    );
    // A spreadsheet user empties the MoSCoW, due date and MVP cells of DM-1.
    let mut reader = csv::Reader::from_reader(exported.as_bytes());
    let header = reader.headers().unwrap().clone();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        let row: Vec<&str> = header
            .iter()
            .zip(record.iter())
            .map(|(h, cell)| match h {
                "moscow" | "due" | "mvp" if &record[0] == "DM-1" => "",
                _ => cell,
            })
            .collect();
        writer.write_record(row).unwrap();
    }
    std::fs::write(dir.path().join("edited.csv"), writer.into_inner().unwrap()).unwrap();
    let v = ok_json(
        dir.path(),
        &["-f", "product.toml", "import", "csv", "edited.csv"],
        "import",
    );
    assert_eq!(
        v["updated"][0]["changed"],
        serde_json::json!(["mvp", "moscow", "due"])
    );
    let after = items(dir.path(), &dir.path().join("product.toml"));
    let one = &after[0];
    assert!(
        one.get("moscow").is_none() && one.get("due").is_none(),
        "{one}"
    );
    assert!(one.get("mvp").is_none(), "{one}");
    assert_eq!(one["updated"], common::TODAY);
    assert!(!text(&dir.path().join("product.toml")).contains("mvp = true"));
}

#[test]
fn a_reopened_issue_loses_its_done_date() {
    let (dir, file) = fresh("product.toml");
    let closed =
        "Title,URL,State,Closed At (UTC)\nLogin,https://g.example/1,closed,2019-11-25 10:00:00\n";
    std::fs::write(dir.path().join("g.csv"), closed).unwrap();
    run_ok(dir.path(), &file, &["import", "csv", "g.csv"]);
    assert_eq!(items(dir.path(), &file)[0]["done_on"], "2019-11-25");
    let reopened = "Title,URL,State,Closed At (UTC)\nLogin,https://g.example/1,opened,\n";
    std::fs::write(dir.path().join("g.csv"), reopened).unwrap();
    run_ok(dir.path(), &file, &["import", "csv", "g.csv"]);
    let one = &items(dir.path(), &file)[0];
    assert_eq!(one["status"], "idea");
    assert!(one.get("done_on").is_none(), "{one}");
}

#[test]
fn renumbered_rows_are_found_again_by_the_id_they_came_with() {
    let (dir, _) = common::scratch_text(RICH, "product.toml");
    let exported = ok(
        dir.path(),
        &["-f", "product.toml", "export", "csv", "--all"],
    );
    std::fs::write(dir.path().join("e.csv"), &exported).unwrap();
    let other = dir.path().join("other.toml");
    ok(
        dir.path(),
        &[
            "-f",
            "other.toml",
            "init",
            "--name",
            "Other",
            "--key",
            "ZZ",
            "--owner",
            OWNER,
        ],
    );
    run_ok(dir.path(), &other, &["import", "csv", "e.csv"]);
    let out = run_ok(dir.path(), &other, &["import", "csv", "e.csv"]);
    assert!(
        out.contains("added 0 items, updated 0, 2 unchanged"),
        "{out}"
    );
    let items = items(dir.path(), &other);
    assert_eq!(items.len(), 2);
    // DM-2 had no source: it is kept as the new item's, and DM-1's
    // dependency on it follows it to ZZ-2.
    assert_eq!(items[1]["id"], "ZZ-2");
    assert_eq!(items[1]["source"], "DM-2");
    assert_eq!(items[0]["depends_on"], serde_json::json!(["ZZ-2"]));
}

#[test]
fn spreadsheet_habits_are_understood() {
    let (dir, file) = fresh("product.toml");
    // Semicolons with decimal commas, rows of nothing but separators, and
    // labels in repeated columns mapped by hand.
    let csv = "Name;Points;Tag;Tag\nOne;2,5;a;b\n;;;\nTwo;3;;c\n;;;\n";
    std::fs::write(dir.path().join("s.csv"), csv).unwrap();
    let v: Value = serde_json::from_str(&run_ok(
        dir.path(),
        &file,
        &[
            "import",
            "csv",
            "s.csv",
            "--map",
            "title=Name",
            "--map",
            "size=Points",
            "--map",
            "tags=Tag",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(v["created"].as_array().unwrap().len(), 2, "{v:#}");
    let items = items(dir.path(), &file);
    assert_eq!(items[0]["size"], 2.5);
    assert_eq!(items[0]["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(items[1]["tags"], serde_json::json!(["c"]));
}

#[test]
fn a_column_that_fails_on_every_row_is_named_in_the_hint() {
    let (dir, file) = fresh("product.toml");
    let csv = "Summary,Created\nA,11/24/2026 15:04\nB,24.11.2026\n";
    std::fs::write(dir.path().join("d.csv"), csv).unwrap();
    let out = run(dir.path(), &file, &["import", "csv", "d.csv"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("to read the file without column `Created`, add --map created="),
        "{}",
        stderr(&out)
    );
    run_ok(
        dir.path(),
        &file,
        &["import", "csv", "d.csv", "--map", "created="],
    );
    assert_eq!(items(dir.path(), &file).len(), 2);
}

#[test]
fn the_report_has_no_csv_form_and_escapes_entities() {
    let file = "version = 1\n\n[product]\nname = \"Fish &amp; chips &#124;\"\nkey = \"DM\"\n";
    let (dir, path) = common::scratch_text(file, "product.toml");
    let md = ok(dir.path(), &["report", "--format", "markdown"]);
    assert!(md.starts_with("## Fish \\&amp; chips \\&#124;\n"), "{md}");
    let out = product(dir.path())
        .args(["report", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the report has no CSV form"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    let _ = path;
}

#[test]
fn the_reports_decision_table_shows_why() {
    let file = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[decisions]]
id = "D1"
date = 2026-11-20
kind = "scope"
summary = "LC-4 added: Renew by text"
decided_by = "Ada Byrne"
rationale = "Half of renewals are late"
"#;
    let (dir, _) = common::scratch_text(file, "product.toml");
    let md = ok(dir.path(), &["report", "--format", "markdown"]);
    assert!(md.contains("| Why |"), "{md}");
    assert!(
        md.contains("| LC-4 added: Renew by text | Ada Byrne |  | Half of renewals are late |"),
        "{md}"
    );
    let v = ok_json(dir.path(), &["report"], "report");
    assert_eq!(v["decisions"][0]["rationale"], "Half of renewals are late");
}

#[test]
fn a_source_key_from_two_columns_survives_export_and_import() {
    let (dir, file) = fresh("product.toml");
    let csv = "repo_name,id,issue_name,resolutiondate\n\
        Apache,101,Crash on start,2020-01-02 10:00:00\n\
        Spring,101,Slow login,\n";
    std::fs::write(dir.path().join("two.csv"), csv).unwrap();
    // Without the second column the repeated id is refused, naming the rows.
    let out = run(
        dir.path(),
        &file,
        &["import", "csv", "two.csv", "--map", "title=issue_name"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("two.csv:3:8: row 3, id: id `101` is on row 2 too"),
        "{}",
        stderr(&out)
    );
    let map = [
        "import",
        "csv",
        "two.csv",
        "--map",
        "title=issue_name",
        "--map",
        "source=repo_name+id",
    ];
    let out = run_ok(dir.path(), &file, &map);
    assert!(
        out.contains(
            "Columns read: issue_name → title, resolutiondate → done_on, repo_name + id → source."
        ),
        "{out}"
    );
    let items = items(dir.path(), &file);
    assert_eq!(item(&items, "Apache/101")["status"], "done");
    assert_eq!(item(&items, "Apache/101")["done_on"], "2020-01-02");
    assert_eq!(item(&items, "Spring/101")["status"], "idea");
    assert!(run_ok(dir.path(), &file, &map).contains("added 0 items, updated 0, 2 unchanged"));

    let exported = run_ok(dir.path(), &file, &["export", "csv", "--all"]);
    std::fs::write(dir.path().join("e.csv"), exported).unwrap();
    let copy = dir.path().join("copy.toml");
    ok(
        dir.path(),
        &[
            "-f",
            "copy.toml",
            "init",
            "--name",
            "Copy",
            "--key",
            "RX",
            "--owner",
            OWNER,
        ],
    );
    run_ok(dir.path(), &copy, &["import", "csv", "e.csv"]);
    assert!(run_ok(dir.path(), &copy, &["import", "csv", "e.csv"]).contains("2 unchanged"));
}
