//! `--format csv` on every command, end to end: each prints one complete
//! table of plain values a spreadsheet can use, or refuses with exit 2; and
//! the tables for people end their lines without padding.

mod common;

use std::path::Path;

use common::{ok, ok_json, product, scratch_with, stderr, stdout};

/// Every command that reads, with arguments that fit the bundled example.
const READ: &[&str] = &[
    "show",
    "vision",
    "vision show",
    "item list",
    "item list --all",
    "item show RX-1",
    "item show RX-12",
    "rank",
    "rank --by value-cost",
    "rank --by rice",
    "rank --by moscow",
    "rank --by roi",
    "rank --explain",
    "rank --apply --dry-run",
    "okr list",
    "okr show O1",
    "kpi list",
    "kpi show K1",
    "roadmap list",
    "roadmap show R1",
    "mvp",
    "forecast",
    "forecast --by-date 2027-03-01 --window 52",
    "stakeholder list",
    "experiment list",
    "experiment list --all",
    "people list",
    "rights",
    "decisions",
    "decisions list",
    "decisions show D1",
    "decisions verify",
    "check",
    "check --list-rules",
    "git status",
    "diff product.toml other.toml",
];

/// Commands with no CSV form: they refuse with exit 2 and say what to use.
const REFUSED: &[&str] = &["report", "schema"];

fn example() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch_with(&common::repo("examples/product.toml"), "product.toml");
    // A second version for `diff`: one item re-valued, one added.
    let other = common::text(&path).replacen("value = 13", "value = 5", 1);
    std::fs::write(dir.path().join("other.toml"), other).unwrap();
    (dir, path)
}

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The CSV a command prints: its header and rows, parsed strictly (every
/// row as long as the header).
fn csv_of(dir: &Path, line: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut args = words(line);
    args.extend(["--format", "csv"]);
    let out = ok(dir, &args);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{line}: no CSV header ({e}):\n{out}"))
        .iter()
        .map(String::from)
        .collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{line}: not CSV ({e}):\n{out}"))
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    (header, rows)
}

/// Text made for people rather than a value: arrows and bullets between
/// facts, or a parenthesised note after a short value (`ready (blocked)`,
/// `Helen Marsh (product owner)`; a sentence may end in brackets).
fn display_only(cell: &str) -> bool {
    let short = cell.split_whitespace().count() < 8;
    cell.contains(['→', '↑', '↓', '·', '█', '▏'])
        || (short && cell.ends_with(')') && cell.contains(" ("))
        || cell.starts_with("'=")
        || cell.starts_with("'-")
}

/// The values of the named column.
fn column<'a>(header: &[String], rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = header
        .iter()
        .position(|h| h.eq_ignore_ascii_case(name))
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"));
    rows.iter().map(|r| r[i].as_str()).collect()
}

/// The value of a `field,value` row.
fn field<'a>(rows: &'a [Vec<String>], name: &str) -> Option<&'a str> {
    rows.iter().find(|r| r[0] == name).map(|r| r[1].as_str())
}

#[test]
fn every_read_command_prints_complete_csv_of_plain_values() {
    let (dir, _) = example();
    for line in READ {
        let (header, rows) = csv_of(dir.path(), line);
        assert!(!header.is_empty(), "{line}: no header");
        // The example signs no decision: that list alone is empty.
        if *line != "decisions verify" {
            assert!(!rows.is_empty(), "{line}: a header and no rows");
        }
        for row in &rows {
            for cell in row {
                assert!(
                    !display_only(cell),
                    "{line}: display text `{cell}` in row {row:?}"
                );
            }
        }
    }
}

#[test]
fn commands_without_a_csv_form_refuse_it() {
    let (dir, _) = example();
    for line in REFUSED {
        let mut args = words(line);
        args.extend(["--format", "csv"]);
        let out = product(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{line}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{line}: {}", stdout(&out));
        assert!(stderr(&out).contains("hint:"), "{line}: {}", stderr(&out));
    }
}

/// The ids of the open items, from the JSON.
fn open_ids(dir: &Path) -> Vec<String> {
    let list = ok_json(dir, &["item", "list"], "item_list");
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn rank_csv_lists_every_open_item_scored_or_not() {
    let (dir, _) = example();
    let mut open = open_ids(dir.path());
    open.sort();
    for by in ["wsjf", "value-cost", "rice", "moscow", "roi"] {
        let (header, rows) = csv_of(dir.path(), &format!("rank --by {by}"));
        let mut ids: Vec<&str> = column(&header, &rows, "ID");
        ids.sort();
        assert_eq!(ids, open, "rank --by {by}");
        // A score is a number, or empty where the method cannot score the item.
        if by != "moscow" {
            for score in column(&header, &rows, "Score") {
                assert!(
                    score.is_empty() || score.parse::<f64>().is_ok(),
                    "--by {by}: score `{score}`"
                );
            }
        }
        for shift in column(&header, &rows, "Move") {
            assert!(
                shift.is_empty() || shift.parse::<i64>().is_ok(),
                "--by {by}: move `{shift}`"
            );
        }
    }
    // RICE leaves unscored items that are still rows, with why.
    let (header, rows) = csv_of(dir.path(), "rank --by rice");
    assert!(column(&header, &rows, "Why").iter().any(|w| !w.is_empty()));
}

#[test]
fn moscow_csv_has_every_category() {
    let (dir, path) = example();
    // One open item of each category, and one with none.
    let text = common::text(&path);
    let text = text.replacen("moscow = \"could\"", "moscow = \"wont\"", 1);
    std::fs::write(&path, text).unwrap();
    let (header, rows) = csv_of(dir.path(), "rank --by moscow");
    let mut categories: Vec<&str> = column(&header, &rows, "MoSCoW");
    categories.dedup();
    assert_eq!(
        categories,
        ["must", "should", "could", "wont", ""],
        "{rows:?}"
    );
}

#[test]
fn item_csv_says_blocked_in_its_own_column() {
    let (dir, _) = example();
    let (header, rows) = csv_of(dir.path(), "item list");
    let ids = column(&header, &rows, "ID");
    let statuses = column(&header, &rows, "Status");
    let blocked = column(&header, &rows, "Blocked");
    let at = |id: &str| ids.iter().position(|i| *i == id).unwrap();
    assert_eq!(statuses[at("RX-5")], "ready");
    assert_eq!(blocked[at("RX-5")], "true");
    assert_eq!(blocked[at("RX-1")], "false");
}

#[test]
fn item_show_csv_has_id_title_and_text() {
    let (dir, _) = example();
    let (header, rows) = csv_of(dir.path(), "item show RX-1");
    assert_eq!(header, ["field", "value"]);
    assert_eq!(field(&rows, "item.id"), Some("RX-1"));
    assert_eq!(field(&rows, "item.title"), Some("Check if you need to pay"));
    assert!(
        field(&rows, "item.description")
            .is_some_and(|d| d.starts_with("A short eligibility checker"))
    );
    assert!(rows.iter().any(|r| r[0].starts_with("item.acceptance.")));
}

#[test]
fn vision_and_show_csv_hold_every_part() {
    let (dir, _) = example();
    let (header, rows) = csv_of(dir.path(), "vision");
    assert_eq!(header, ["field", "value"]);
    let vision = ok_json(dir.path(), &["vision"], "vision");
    assert_eq!(
        field(&rows, "statement"),
        vision["statement"].as_str(),
        "{rows:?}"
    );
    for (list, key) in [("users", "users"), ("problems", "problems")] {
        let expected: Vec<&str> = vision[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let got: Vec<&str> = rows
            .iter()
            .filter(|r| r[0].starts_with(&format!("{key}.")))
            .map(|r| r[1].as_str())
            .collect();
        assert_eq!(got, expected, "{key}");
    }

    let (_, rows) = csv_of(dir.path(), "show");
    for wanted in [
        "objectives.0.id",
        "kpis.0.id",
        "top.0.id",
        "roadmap_now.0.id",
    ] {
        assert!(field(&rows, wanted).is_some(), "no {wanted} in {rows:?}");
    }
    assert_eq!(field(&rows, "objectives.1.id"), Some("O2"));
}

#[test]
fn okr_and_kpi_csv_give_numbers_apart_from_their_words() {
    let (dir, _) = example();
    let (header, rows) = csv_of(dir.path(), "okr list");
    for grade in column(&header, &rows, "Grade") {
        assert!(grade.parse::<f64>().is_ok(), "grade `{grade}`");
    }
    assert_eq!(column(&header, &rows, "Colour")[0], "red");

    let (header, rows) = csv_of(dir.path(), "kpi list");
    for name in ["Latest", "Target", "Change", "Age (days)"] {
        for value in column(&header, &rows, name) {
            assert!(
                value.is_empty() || value.parse::<f64>().is_ok(),
                "{name} `{value}`"
            );
        }
    }
    assert!(column(&header, &rows, "Overdue").contains(&"true"));
}

#[test]
fn a_change_prints_what_it_did_as_csv() {
    let (dir, _) = example();
    let args = [
        "item",
        "add",
        "Offer a Welsh version",
        "--as",
        "Helen Marsh",
        "--format",
        "csv",
    ];
    let out = ok(dir.path(), &args);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(header, ["field", "value"]);
    assert_eq!(field(&rows, "item.id"), Some("RX-16"), "{rows:?}");
}

/// The text without its colour codes (`ESC [ ... m`).
fn without_colour(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = rest.find('m').map_or("", |m| &rest[m + 1..]);
    }
    out.push_str(rest);
    out
}

/// Every read command's table for people, at a width and in a narrow
/// terminal, in colour and without: no line ends with a space.
#[test]
fn table_lines_end_without_spaces() {
    let (dir, _) = example();
    for (columns, color) in [("100", "never"), ("60", "never"), ("200", "always")] {
        for line in READ.iter().chain(&["report"]) {
            let out = product(dir.path())
                .args(words(line))
                .args(["--color", color])
                .env("COLUMNS", columns)
                .output()
                .unwrap();
            let text = without_colour(&stdout(&out));
            for l in text.lines() {
                assert!(
                    !l.ends_with(' '),
                    "{line} (COLUMNS={columns}): `{l}` ends with a space"
                );
            }
        }
    }
}

#[test]
fn group_headings_count_items_naturally() {
    let (dir, path) = example();
    let text = common::text(&path).replacen("moscow = \"could\"", "moscow = \"wont\"", 1);
    std::fs::write(&path, text).unwrap();
    let out = ok(dir.path(), &["rank", "--by", "moscow"]);
    let headings: Vec<&str> = out
        .lines()
        .filter(|l| l.ends_with(')') && !l.starts_with(' '))
        .collect();
    assert!(headings.contains(&"Must have (4 items, size 17)"), "{out}");
    assert!(
        headings.contains(&"Won't have this time (1 item, size 3)"),
        "{out}"
    );
    assert!(
        headings.contains(&"No MoSCoW category (1 item, not sized)"),
        "{out}"
    );
    for h in &headings {
        assert!(!h.contains("(1 items"), "{h}");
    }
    let out = ok(dir.path(), &["rank", "--by", "rice"]);
    assert!(out.contains("Not scored by RICE (8 items)"), "{out}");
}

/// A list with nothing in it is still that list: its header, no rows.
#[test]
fn an_empty_list_prints_its_header() {
    let (dir, _) = common::scratch_text(common::MINIMAL, "product.toml");
    for (line, first) in [
        ("stakeholder list", "Grid"),
        ("decisions", "ID"),
        ("experiment list", "ID"),
        ("okr list", "ID"),
        ("kpi list", "ID"),
        ("roadmap list", "Horizon"),
        ("people list", "Name"),
        ("item list --status done", "#"),
    ] {
        let (header, rows) = csv_of(dir.path(), line);
        assert_eq!(header.first().map(String::as_str), Some(first), "{line}");
        assert!(rows.is_empty(), "{line}: {rows:?}");
    }
}

/// A list's CSV has a row for each entry its JSON has.
#[test]
fn a_list_has_a_row_for_each_entry_of_its_json() {
    let (dir, _) = example();
    let count = |v: &serde_json::Value, keys: &[&str]| -> usize {
        keys.iter()
            .map(|k| v[*k].as_array().map_or(0, Vec::len))
            .sum()
    };
    for (line, kind, keys) in [
        ("item list --all", "item_list", &["items"][..]),
        ("okr list", "okr_list", &["objectives"]),
        ("kpi list", "kpi_list", &["kpis"]),
        ("roadmap list", "roadmap", &["now", "next", "later"]),
        (
            "stakeholder list",
            "stakeholder_list",
            &[
                "manage_closely",
                "keep_satisfied",
                "keep_informed",
                "monitor",
            ],
        ),
        ("experiment list", "experiment_list", &["experiments"]),
        ("people list", "people", &["people"]),
        ("rights", "rights", &["rights"]),
        ("decisions", "decision_list", &["decisions"]),
        ("check", "check", &["findings"]),
        ("check --list-rules", "check_rules", &["rules"]),
        ("item score RX-1", "item_scores", &["scores"]),
    ] {
        let json = ok_json(dir.path(), &words(line), kind);
        let (_, rows) = csv_of(dir.path(), line);
        assert_eq!(rows.len(), count(&json, keys), "{line}");
    }
}
