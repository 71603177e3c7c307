//! The roadmap, the MVP, dependencies between items, stakeholders and
//! experiments, run as a product owner would: what each command prints, what
//! it writes to the file, and how it refuses a reference to nothing.

mod common;

use std::path::Path;

use common::{
    has_row, ok, ok_json, product, read, refuses, rows, scratch_text, stderr, stdout, succeeded,
    text,
};
use serde_json::{Value, json};

/// Two objectives (one with a key result), a KPI and a backlog; no roadmap yet.
const PLAN: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[objectives]]
id = "O1"
title = "Joining takes five minutes"

[[objectives.key_results]]
id = "KR1"
title = "Online joins completed"
start = 40.0
target = 80.0

[[objectives]]
id = "O2"
title = "Every branch takes cards"

[[kpis]]
id = "K1"
name = "User satisfaction"
unit = "%"
direction = "up"
target = 90.0

[[items]]
id = "LC-1"
title = "Join online"
kind = "feature"
status = "ready"
value = 8
time_criticality = 5
risk_reduction = 3
size = 4

[[items]]
id = "LC-2"
title = "Renew a card"
kind = "feature"
status = "idea"

[[items]]
id = "LC-3"
title = "Card photo"
kind = "feature"
status = "done"
size = 2
"#;

/// A roadmap with one entry on each horizon. R1 has an open and a done item,
/// R2 one open item and a hard date, R3 nothing yet; LC-2 is on no entry.
const ROADMAP: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[objectives]]
id = "O1"
title = "Joining takes five minutes"

[[objectives]]
id = "O2"
title = "Every branch takes cards"

[[roadmap]]
id = "R1"
title = "Join online"
horizon = "now"
outcome = "People join without visiting"
objectives = ["O1"]

[[roadmap]]
id = "R2"
title = "Renewals"
horizon = "next"
objectives = ["O1", "O2"]
date = 2027-03-01
date_reason = "Old system switched off"

[[roadmap]]
id = "R3"
title = "Card designs"
horizon = "later"

[[items]]
id = "LC-1"
title = "Join online"
kind = "feature"
status = "ready"
roadmap = "R1"
value = 8
time_criticality = 5
risk_reduction = 3
size = 4

[[items]]
id = "LC-2"
title = "Renew a card"
kind = "feature"
status = "idea"

[[items]]
id = "LC-3"
title = "Card photo"
kind = "feature"
status = "done"
roadmap = "R1"
size = 2

[[items]]
id = "LC-4"
title = "Renew online"
kind = "feature"
status = "idea"
roadmap = "R2"
size = 3
"#;

/// Four open items with no links between them, for dependencies.
const CHAIN: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[items]]
id = "LC-1"
title = "Join online"
kind = "feature"
status = "ready"
size = 5

[[items]]
id = "LC-2"
title = "Check an address"
kind = "feature"
status = "ready"
size = 3

[[items]]
id = "LC-3"
title = "Post the card"
kind = "feature"
status = "idea"

[[items]]
id = "LC-4"
title = "Welcome email"
kind = "feature"
status = "idea"
"#;

// ---------------------------------------------------------------- helpers

/// The item with this id in a TOML file.
fn item(path: &Path, id: &str) -> toml::Table {
    read(path)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no {id} in the file"))
        .as_table()
        .unwrap()
        .clone()
}

/// The ids of the roadmap entries in a TOML file, in file order.
fn entry_ids(path: &Path) -> Vec<String> {
    read(path)
        .get("roadmap")
        .and_then(|r| r.as_array())
        .map_or_else(Vec::new, |r| {
            r.iter()
                .map(|e| e["id"].as_str().unwrap().to_owned())
                .collect()
        })
}

/// Runs a command that should succeed in a terminal this wide.
fn ok_cols(dir: &Path, columns: &str, args: &[&str]) -> String {
    let out = product(dir)
        .env("COLUMNS", columns)
        .args(args)
        .output()
        .unwrap();
    stdout(&succeeded(out, args))
}

/// `refuses` for invalid input or an unknown id: exit 3.
fn refused(dir: &Path, path: &Path, args: &[&str], needles: &[&str]) {
    refuses(3, dir, path, args, needles);
}

/// `refuses` for a usage error: exit 2.
fn misused(dir: &Path, path: &Path, args: &[&str], needles: &[&str]) {
    refuses(2, dir, path, args, needles);
}

/// The ids of JSON rows.
fn ids(rows: &Value) -> Vec<&str> {
    rows.as_array()
        .unwrap_or_else(|| panic!("not an array: {rows}"))
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect()
}

// ----------------------------------------------------------- roadmap add

#[test]
fn roadmap_add_appends_an_entry_and_prints_its_id() {
    let (dir, path) = scratch_text(PLAN, "product.toml");
    let d = dir.path();
    let out = ok(
        d,
        &[
            "roadmap",
            "add",
            "--title",
            "Join online",
            "--horizon",
            "now",
            "--outcome",
            "People join without visiting",
            "--objective",
            "O1",
        ],
    );
    assert_eq!(
        out,
        "Added R1: Join online (now)\n\
         Next: product item edit ID --roadmap R1 to link backlog items\n"
    );

    let v = ok_json(
        d,
        &[
            "roadmap",
            "add",
            "--title",
            "Renewals",
            "--horizon",
            "next",
            "--objective",
            "O1",
            "--objective",
            "O2",
            "--date",
            "2027-03-01",
            "--date-reason",
            "Old system switched off",
        ],
        "roadmap_added",
    );
    assert_eq!(v["action"], "added");
    assert_eq!(
        v["entry"],
        json!({
            "id": "R2",
            "title": "Renewals",
            "horizon": "next",
            "objectives": ["O1", "O2"],
            "date": "2027-03-01",
            "date_reason": "Old system switched off",
        })
    );

    let out = ok(
        d,
        &[
            "roadmap",
            "add",
            "--title",
            "Card designs",
            "--horizon",
            "later",
        ],
    );
    assert!(out.starts_with("Added R3: Card designs (later)\n"), "{out}");

    // The entries go at the end, in the file's own layout; nothing else moves.
    let expected = format!(
        "{PLAN}
[[roadmap]]
id = \"R1\"
title = \"Join online\"
horizon = \"now\"
outcome = \"People join without visiting\"
objectives = [\"O1\"]

[[roadmap]]
id = \"R2\"
title = \"Renewals\"
horizon = \"next\"
objectives = [\"O1\", \"O2\"]
date = 2027-03-01
date_reason = \"Old system switched off\"

[[roadmap]]
id = \"R3\"
title = \"Card designs\"
horizon = \"later\"
"
    );
    assert_eq!(text(&path), expected);
}

#[test]
fn roadmap_add_refuses_a_date_without_a_reason_and_a_bad_horizon() {
    let (dir, path) = scratch_text(PLAN, "product.toml");
    let d = dir.path();
    misused(
        d,
        &path,
        &[
            "roadmap",
            "add",
            "--title",
            "Renewals",
            "--horizon",
            "next",
            "--date",
            "2027-03-01",
        ],
        &["--date-reason"],
    );
    misused(
        d,
        &path,
        &[
            "roadmap",
            "add",
            "--title",
            "Renewals",
            "--horizon",
            "next",
            "--date-reason",
            "Old system switched off",
        ],
        &["--date"],
    );
    misused(
        d,
        &path,
        &["roadmap", "add", "--title", "Renewals", "--horizon", "soon"],
        &["soon"],
    );
    misused(
        d,
        &path,
        &["roadmap", "add", "--title", " ", "--horizon", "now"],
        &["--title"],
    );
    assert_eq!(text(&path), PLAN);
}

// ---------------------------------------------------------- roadmap move

#[test]
fn roadmap_move_changes_the_horizon_and_says_where_from() {
    let (dir, path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let out = ok(d, &["roadmap", "move", "R3", "--to", "now"]);
    assert_eq!(out, "Moved R3: Card designs from later to now\n");
    assert_eq!(
        text(&path),
        ROADMAP.replace(
            "title = \"Card designs\"\nhorizon = \"later\"",
            "title = \"Card designs\"\nhorizon = \"now\""
        )
    );

    let v = ok_json(
        d,
        &["roadmap", "move", "R3", "--to", "next"],
        "roadmap_moved",
    );
    assert_eq!(v["action"], "moved");
    assert_eq!(v["from"], "now");
    assert_eq!(v["entry"]["id"], "R3");
    assert_eq!(v["entry"]["horizon"], "next");
    let after = text(&path);
    assert_eq!(
        after,
        ROADMAP.replace(
            "title = \"Card designs\"\nhorizon = \"later\"",
            "title = \"Card designs\"\nhorizon = \"next\""
        )
    );

    // Moving to where it is already changes nothing and says so.
    let out = ok(d, &["roadmap", "move", "R3", "--to", "next"]);
    assert_eq!(out, "R3 Card designs is already in next\n");
    let v = ok_json(
        d,
        &["roadmap", "move", "R3", "--to", "next"],
        "roadmap_moved",
    );
    assert_eq!(v["action"], "unchanged");
    assert_eq!(v["from"], "next");
    assert_eq!(text(&path), after);

    misused(
        d,
        &path,
        &["roadmap", "move", "R3", "--to", "soon"],
        &["soon"],
    );
}

// ---------------------------------------------------------- roadmap edit

#[test]
fn roadmap_edit_changes_title_outcome_objectives_and_date() {
    let (dir, path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let out = ok(
        d,
        &[
            "roadmap",
            "edit",
            "R3",
            "--title",
            "New card designs",
            "--outcome",
            "Children choose their own card",
        ],
    );
    assert_eq!(out, "Updated R3: New card designs\n");

    let v = ok_json(
        d,
        &["roadmap", "edit", "R3", "--objective", "O2"],
        "roadmap_updated",
    );
    assert_eq!(v["action"], "updated");
    assert_eq!(
        v["entry"],
        json!({
            "id": "R3",
            "title": "New card designs",
            "horizon": "later",
            "outcome": "Children choose their own card",
            "objectives": ["O2"],
        })
    );

    ok(
        d,
        &[
            "roadmap",
            "edit",
            "R3",
            "--date",
            "2027-06-30",
            "--date-reason",
            "Printer contract ends",
        ],
    );
    assert_eq!(
        text(&path),
        ROADMAP.replace(
            "title = \"Card designs\"\nhorizon = \"later\"\n",
            "title = \"New card designs\"\nhorizon = \"later\"\n\
             outcome = \"Children choose their own card\"\nobjectives = [\"O2\"]\n\
             date = 2027-06-30\ndate_reason = \"Printer contract ends\"\n"
        )
    );

    // A new date on an entry without one needs a reason.
    misused(
        d,
        &path,
        &["roadmap", "edit", "R1", "--date", "2027-01-31"],
        &["R1 has a hard date but no reason for it", "--date-reason"],
    );
    // Taking the reason off a dated entry is refused the same way.
    misused(
        d,
        &path,
        &["roadmap", "edit", "R2", "--date-reason", ""],
        &["R2 has a hard date but no reason for it"],
    );
    misused(
        d,
        &path,
        &[
            "roadmap",
            "edit",
            "R1",
            "--date",
            "31/01/2027",
            "--date-reason",
            "x",
        ],
        &["31/01/2027", "YYYY-MM-DD"],
    );
    misused(d, &path, &["roadmap", "edit", "R1"], &["nothing to change"]);

    // Objectives come off, `--date none` takes the date and its reason, an
    // empty outcome removes it: the entry is back as it was.
    let v = ok_json(
        d,
        &[
            "roadmap",
            "edit",
            "R3",
            "--title",
            "Card designs",
            "--unlink-objective",
            "O2",
            "--date",
            "none",
            "--outcome",
            "",
        ],
        "roadmap_updated",
    );
    assert_eq!(
        v["entry"],
        json!({"id": "R3", "title": "Card designs", "horizon": "later"})
    );
    assert_eq!(text(&path), ROADMAP);

    // Unlinking an objective it does not serve changes nothing.
    let out = ok(d, &["roadmap", "edit", "R3", "--unlink-objective", "O1"]);
    assert_eq!(out, "Unchanged R3: Card designs\n");
    assert_eq!(text(&path), ROADMAP);
}

/// A reason for a hard date needs the date, on edit as on add.
#[test]
fn roadmap_edit_refuses_a_date_reason_without_a_date() {
    let (dir, path) = scratch_text(ROADMAP, "product.toml");
    misused(
        dir.path(),
        &path,
        &["roadmap", "edit", "R1", "--date-reason", "Regulation"],
        &["--date"],
    );
    assert_eq!(text(&path), ROADMAP);
}

// ------------------------------------------------------------ roadmap rm

#[test]
fn roadmap_rm_is_refused_while_items_link_to_it_and_unlink_clears_them() {
    let (dir, path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    misused(
        d,
        &path,
        &["roadmap", "rm", "R1"],
        &[
            "R1 has items linked to it: LC-1, LC-3",
            "product roadmap rm R1 --unlink",
        ],
    );

    // An entry nobody links to goes at once.
    let v = ok_json(d, &["roadmap", "rm", "R3"], "roadmap_removed");
    assert_eq!(v["id"], "R3");
    assert_eq!(v["title"], "Card designs");
    assert_eq!(v["unlinked"], json!([]));
    assert_eq!(entry_ids(&path), ["R1", "R2"]);

    let out = ok(d, &["roadmap", "rm", "R1", "--unlink"]);
    assert_eq!(
        out,
        "Removed R1: Join online\nTaken off the roadmap: LC-1, LC-3\n"
    );
    let v = ok_json(d, &["roadmap", "rm", "R2", "--unlink"], "roadmap_removed");
    assert_eq!(v["id"], "R2");
    assert_eq!(v["unlinked"], json!(["LC-4"]));

    // No entry is left, and no item points at one.
    assert!(read(&path).get("roadmap").is_none(), "{}", text(&path));
    for id in ["LC-1", "LC-2", "LC-3", "LC-4"] {
        assert!(item(&path, id).get("roadmap").is_none(), "{id} still links");
    }
    let written = text(&path);
    assert!(
        !written.contains("[[roadmap]]") && !written.contains("roadmap = \"R"),
        "{written}"
    );
    // The ids stay issued: a new entry is R4, not a second R1.
    let product = read(&path)["product"].clone();
    assert_eq!(
        product["last_ids"]["roadmap"].as_integer(),
        Some(3),
        "{written}"
    );
    assert_eq!(product["requires"].as_str(), Some("0.2"), "{written}");
    // The items are otherwise untouched.
    let expected = ROADMAP
        .replace("roadmap = \"R1\"\n", "")
        .replace("roadmap = \"R2\"\n", "");
    let start = expected.find("[[items]]").unwrap();
    assert!(text(&path).ends_with(&expected[start..]), "{}", text(&path));
    let out = ok(d, &["item", "show", "LC-1"]);
    assert!(!out.contains("Roadmap"), "{out}");
    let v = ok_json(d, &["roadmap", "list"], "roadmap");
    assert_eq!(v["now"], json!([]));
    assert_eq!(v["next"], json!([]));
    assert_eq!(v["later"], json!([]));
}

// ---------------------------------------------------------- roadmap list

#[test]
fn roadmap_list_puts_now_next_and_later_side_by_side_in_a_wide_terminal() {
    let (dir, _path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    for columns in ["100", "90"] {
        let out = ok_cols(d, columns, &["roadmap", "list"]);
        let lines = rows(&out);
        assert_eq!(lines[0], "Now Next Later", "{out}");
        // Each horizon is a column, so the first entry of each sits on one line.
        has_row(&out, "R1 Join online R2 Renewals R3 Card designs");
        assert!(
            out.lines().nth(2).unwrap().find("R2 Renewals")
                > out.lines().nth(2).unwrap().find("R1 Join online"),
            "{out}"
        );
        assert!(out.contains("People join without visiting"), "{out}");
        assert!(out.contains("O1 · 1/2 items done"), "{out}");
        assert!(out.contains("by 2027-03-01 (Old system"), "{out}");
        assert!(out.contains("0/1 items done"), "{out}");
        assert!(out.contains("no items yet"), "{out}");
        // No stacked headings or bullets.
        assert!(!out.contains("- R1"), "{out}");
        for line in out.lines() {
            assert!(
                line.chars().count() <= columns.parse().unwrap(),
                "wider than {columns}: `{line}`"
            );
        }
    }
    let out = ok_cols(d, "100", &["roadmap", "list"]);
    assert_eq!(
        out,
        " Now                            Next                                                Later\n\
         ────────────────────────────── ─────────────────────────────────────────────────── ─────────────────\n \
         R1 Join online                 R2 Renewals                                         R3 Card designs\n \
         People join without visiting   O1, O2 · by 2027-03-01 (Old system switched off)    no items yet\n \
         O1 · 1/2 items done            · 0/1 items done\n"
    );
}

#[test]
fn roadmap_list_stacks_the_horizons_in_a_narrow_terminal() {
    let (dir, _path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let expected = "\
Now
  - R1 Join online
    People join without visiting
    O1 · 1/2 items done

Next
  - R2 Renewals
    O1, O2 · by 2027-03-01 (Old system switched off) · 0/1 items done

Later
  - R3 Card designs
    no items yet
";
    assert_eq!(ok_cols(d, "60", &["roadmap", "list"]), expected);
    assert_eq!(ok_cols(d, "89", &["roadmap", "list"]), expected);

    // An empty horizon says so.
    ok(d, &["roadmap", "move", "R3", "--to", "next"]);
    let out = ok_cols(d, "60", &["roadmap", "list"]);
    assert!(out.ends_with("\nLater\n  (none)\n"), "{out}");
    assert!(
        out.contains("\nNext\n  - R2 Renewals\n    O1, O2 · by 2027-03-01 (Old system switched off) · 0/1 items done\n  - R3 Card designs\n    no items yet\n"),
        "{out}"
    );
}

#[test]
fn roadmap_list_as_markdown_and_json() {
    let (dir, _path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let out = ok(d, &["roadmap", "list", "--format", "markdown"]);
    assert_eq!(
        out,
        "### Now

- R1 Join online<br>People join without visiting<br>O1 · 1/2 items done

### Next

- R2 Renewals<br>O1, O2 · by 2027-03-01 (Old system switched off) · 0/1 items done

### Later

- R3 Card designs<br>no items yet
"
    );

    let v = ok_json(d, &["roadmap", "list"], "roadmap");
    assert_eq!(
        v["now"],
        json!([{
            "id": "R1",
            "title": "Join online",
            "horizon": "now",
            "outcome": "People join without visiting",
            "objectives": ["O1"],
            "date": null,
            "date_reason": null,
            "items_total": 2,
            "items_done": 1,
            "size_total": 6,
            "size_done": 2,
        }])
    );
    assert_eq!(
        v["next"],
        json!([{
            "id": "R2",
            "title": "Renewals",
            "horizon": "next",
            "outcome": null,
            "objectives": ["O1", "O2"],
            "date": "2027-03-01",
            "date_reason": "Old system switched off",
            "items_total": 1,
            "items_done": 0,
            "size_total": 3,
            "size_done": 0,
        }])
    );
    assert_eq!(
        v["later"],
        json!([{
            "id": "R3",
            "title": "Card designs",
            "horizon": "later",
            "outcome": null,
            "objectives": [],
            "date": null,
            "date_reason": null,
            "items_total": 0,
            "items_done": 0,
            "size_total": 0,
            "size_done": 0,
        }])
    );

    // With no roadmap at all, three empty lists.
    let (dir, _path) = scratch_text(PLAN, "product.toml");
    let v = ok_json(dir.path(), &["roadmap", "list"], "roadmap");
    assert_eq!(v["now"], json!([]));
    assert_eq!(v["next"], json!([]));
    assert_eq!(v["later"], json!([]));
}

// ---------------------------------------------------------- roadmap show

#[test]
fn roadmap_show_lists_its_items_with_status_and_score() {
    let (dir, _path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let out = ok(d, &["roadmap", "show", "R1"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        &lines[..5],
        [
            "R1 Join online",
            "Horizon:    now",
            "Outcome:    People join without visiting",
            "Objectives: O1",
            "Progress:   1/2 items done",
        ],
        "{out}"
    );
    has_row(&out, "# ID Title Kind Status Size WSJF MVP Tags");
    has_row(&out, "1 LC-1 Join online feature ready 4 4");
    has_row(&out, "LC-3 Card photo feature done 2");
    // Open items first, then done ones.
    assert!(out.find("LC-1").unwrap() < out.find("LC-3").unwrap());
    assert!(!out.contains("LC-2") && !out.contains("LC-4"), "{out}");

    let out = ok(d, &["roadmap", "show", "R2"]);
    assert!(
        out.contains("Hard date:  2027-03-01 (Old system switched off)\n"),
        "{out}"
    );
    assert!(out.contains("Objectives: O1, O2\n"), "{out}");
    has_row(&out, "3 LC-4 Renew online feature idea 3");

    let out = ok(d, &["roadmap", "show", "R3"]);
    assert_eq!(
        out,
        "R3 Card designs\nHorizon:  later\nProgress: no items yet\n\
         No items yet: link one with `product item edit ID --roadmap R3`.\n"
    );

    let v = ok_json(d, &["roadmap", "show", "R1"], "roadmap_entry");
    assert_eq!(v["id"], "R1");
    assert_eq!(v["title"], "Join online");
    assert_eq!(v["horizon"], "now");
    assert_eq!(v["outcome"], "People join without visiting");
    assert_eq!(v["objectives"], json!(["O1"]));
    assert_eq!(v["date"], Value::Null);
    assert_eq!(v["items_total"], 2);
    assert_eq!(v["items_done"], 1);
    assert_eq!(v["score_method"], "wsjf");
    assert_eq!(ids(&v["items"]), ["LC-1", "LC-3"]);
    assert_eq!(v["items"][0]["status"], "ready");
    assert_eq!(v["items"][0]["position"], 1);
    assert_eq!(v["items"][0]["score"], 4);
    assert_eq!(v["items"][1]["status"], "done");
    assert_eq!(v["items"][1]["position"], Value::Null);
    assert_eq!(v["items"][1]["score"], Value::Null);

    let v = ok_json(d, &["roadmap", "show", "R2"], "roadmap_entry");
    assert_eq!(v["date"], "2027-03-01");
    assert_eq!(v["date_reason"], "Old system switched off");
    assert_eq!(ids(&v["items"]), ["LC-4"]);
    assert_eq!(v["items"][0]["position"], 3);

    let out = ok(d, &["roadmap", "show", "R2", "--format", "markdown"]);
    assert!(out.starts_with("## R2 Renewals\n"), "{out}");
    assert!(
        out.contains("- **Hard date**: 2027-03-01 (Old system switched off)\n"),
        "{out}"
    );
    assert!(
        out.contains("| 3 | LC-4 | Renew online | feature | idea | 3 |  |  |  |\n"),
        "{out}"
    );
}

// ------------------------------------------------------ item --roadmap

#[test]
fn items_link_to_a_roadmap_entry_and_none_takes_them_off() {
    let (dir, path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let out = ok(d, &["item", "edit", "LC-2", "--roadmap", "R3"]);
    assert_eq!(out, "Updated LC-2: Renew a card (#2 in the backlog)\n");
    assert_eq!(item(&path, "LC-2")["roadmap"].as_str(), Some("R3"));
    let out = ok(d, &["item", "show", "LC-2"]);
    assert!(out.contains("Roadmap:"), "{out}");
    assert!(out.contains("R3"), "{out}");

    let v = ok_json(
        d,
        &["item", "add", "Design competition", "--roadmap", "R3"],
        "item_added",
    );
    assert_eq!(v["item"]["id"], "LC-5");
    assert_eq!(v["item"]["roadmap"], "R3");
    assert_eq!(item(&path, "LC-5")["roadmap"].as_str(), Some("R3"));

    let v = ok_json(d, &["roadmap", "show", "R3"], "roadmap_entry");
    assert_eq!(ids(&v["items"]), ["LC-2", "LC-5"]);
    assert_eq!(v["items_total"], 2);
    assert_eq!(v["items_done"], 0);

    // `none` takes the key out of the file.
    let v = ok_json(
        d,
        &["item", "edit", "LC-2", "--roadmap", "none"],
        "item_updated",
    );
    assert!(v["item"].get("roadmap").is_none(), "{v:#}");
    assert!(item(&path, "LC-2").get("roadmap").is_none());
    let v = ok_json(d, &["roadmap", "show", "R3"], "roadmap_entry");
    assert_eq!(ids(&v["items"]), ["LC-5"]);

    // Moving an item from one entry to another.
    ok(d, &["item", "edit", "LC-4", "--roadmap", "R1"]);
    let v = ok_json(d, &["roadmap", "list"], "roadmap");
    assert_eq!(v["now"][0]["items_total"], 3);
    assert_eq!(v["next"][0]["items_total"], 0);
}

#[test]
fn item_list_roadmap_shows_only_that_entrys_items() {
    let (dir, _path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let out = ok(d, &["item", "list", "--roadmap", "R1"]);
    has_row(&out, "1 LC-1 Join online feature ready 4 4");
    assert!(!out.contains("LC-2"), "{out}");
    assert!(!out.contains("LC-4"), "{out}");
    let v = ok_json(d, &["item", "list", "--roadmap", "R2"], "item_list");
    assert_eq!(ids(&v["items"]), ["LC-4"]);
    let v = ok_json(
        d,
        &["item", "list", "--roadmap", "R1", "--all"],
        "item_list",
    );
    assert_eq!(ids(&v["items"]), ["LC-1", "LC-3"]);
    let out = ok(d, &["item", "list", "--roadmap", "R3"]);
    assert_eq!(out, "No items match (4 in the file).\n");
}

// ------------------------------------------------------ bad references

#[test]
fn references_to_nothing_are_refused_and_nothing_is_written() {
    let (dir, path) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let entries = ["no roadmap entry `R9`", "R1, R2, R3"];
    refused(
        d,
        &path,
        &["item", "edit", "LC-2", "--roadmap", "R9"],
        &entries,
    );
    refused(
        d,
        &path,
        &["item", "add", "Print", "--roadmap", "R9"],
        &entries,
    );
    refused(d, &path, &["item", "list", "--roadmap", "R9"], &entries);
    refused(d, &path, &["roadmap", "show", "R9"], &entries);
    refused(
        d,
        &path,
        &["roadmap", "move", "R9", "--to", "now"],
        &entries,
    );
    refused(
        d,
        &path,
        &["roadmap", "edit", "R9", "--title", "X"],
        &entries,
    );
    refused(d, &path, &["roadmap", "rm", "R9", "--unlink"], &entries);

    let objectives = ["no objective `O9`", "known objectives: O1, O2"];
    refused(
        d,
        &path,
        &[
            "roadmap",
            "add",
            "--title",
            "X",
            "--horizon",
            "now",
            "--objective",
            "O1",
            "--objective",
            "O9",
        ],
        &objectives,
    );
    refused(
        d,
        &path,
        &["roadmap", "edit", "R1", "--objective", "O9"],
        &objectives,
    );

    let items = ["no item `LC-99`", "LC-1, LC-2, LC-3, LC-4"];
    refused(
        d,
        &path,
        &["item", "edit", "LC-1", "--depends-on", "LC-99"],
        &items,
    );
    refused(
        d,
        &path,
        &[
            "item",
            "add",
            "Print",
            "--depends-on",
            "LC-2",
            "--depends-on",
            "LC-99",
        ],
        &items,
    );
    assert_eq!(text(&path), ROADMAP);

    let (dir, path) = scratch_text(PLAN, "product.toml");
    let d = dir.path();
    for measure in ["K9", "O1.KR9", "O9.KR1"] {
        refused(
            d,
            &path,
            &[
                "item",
                "add",
                "Reminders",
                "--kind",
                "experiment",
                "--hypothesis",
                "Reminders cut lapsed cards",
                "--measure",
                measure,
                "--success",
                "K1 up by 5",
            ],
            &[&format!("`{measure}`"), "K1, O1.KR1"],
        );
    }
    // A file with no roadmap says there is none yet.
    refused(
        d,
        &path,
        &["item", "edit", "LC-1", "--roadmap", "R1"],
        &["no roadmap entry `R1`", "no roadmap"],
    );
    refused(
        d,
        &path,
        &["stakeholder", "rm", "Nobody"],
        &["no stakeholder `Nobody`"],
    );
    assert_eq!(text(&path), PLAN);
}

/// Known ids are listed under a proper plural: "roadmap entries".
#[test]
fn the_hint_for_an_unknown_roadmap_entry_is_good_english() {
    let (dir, path) = scratch_text(ROADMAP, "product.toml");
    refused(
        dir.path(),
        &path,
        &["roadmap", "show", "R9"],
        &["known roadmap entries: R1, R2, R3"],
    );
}

// --------------------------------------------------------- dependencies

#[test]
fn an_item_waiting_on_an_open_item_is_blocked() {
    let (dir, path) = scratch_text(CHAIN, "product.toml");
    let d = dir.path();
    let out = ok(d, &["item", "edit", "LC-1", "--depends-on", "LC-2"]);
    assert_eq!(out, "Updated LC-1: Join online (#1 in the backlog)\n");
    assert_eq!(
        item(&path, "LC-1")["depends_on"],
        toml::Value::Array(vec!["LC-2".into()])
    );
    let v = ok_json(
        d,
        &[
            "item",
            "add",
            "Library app",
            "--depends-on",
            "LC-1",
            "--depends-on",
            "LC-3",
        ],
        "item_added",
    );
    assert_eq!(v["item"]["id"], "LC-5");
    assert_eq!(v["item"]["depends_on"], json!(["LC-1", "LC-3"]));
    assert!(text(&path).ends_with(
        "depends_on = [\"LC-1\", \"LC-3\"]\ncreated = 2026-11-23\nupdated = 2026-11-23\n"
    ));

    // Adding the same dependency again changes nothing.
    let before = text(&path);
    let out = ok(d, &["item", "edit", "LC-1", "--depends-on", "LC-2"]);
    assert_eq!(out, "Unchanged LC-1: Join online (#1 in the backlog)\n");
    assert_eq!(text(&path), before);

    let out = ok(d, &["item", "list"]);
    has_row(&out, "1 LC-1 Join online feature ready (blocked) 5");
    has_row(&out, "2 LC-2 Check an address feature ready 3");
    has_row(&out, "3 LC-3 Post the card feature idea");
    has_row(&out, "5 LC-5 Library app feature idea (blocked)");
    let v = ok_json(d, &["item", "list"], "item_list");
    let by: Vec<(&str, &Value)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), &r["blocked_by"]))
        .collect();
    assert_eq!(
        by,
        [
            ("LC-1", &json!(["LC-2"])),
            ("LC-2", &json!([])),
            ("LC-3", &json!([])),
            ("LC-4", &json!([])),
            ("LC-5", &json!(["LC-1", "LC-3"])),
        ]
    );
    // The status in JSON stays the item's own.
    assert_eq!(v["items"][0]["status"], "ready");

    // A done or dropped dependency no longer blocks.
    ok(d, &["item", "done", "LC-2"]);
    ok(
        d,
        &["item", "drop", "LC-3", "--reason", "Cards are collected"],
    );
    let out = ok(d, &["item", "list"]);
    has_row(&out, "1 LC-1 Join online feature ready 5");
    has_row(&out, "3 LC-5 Library app feature idea (blocked)");
    let v = ok_json(d, &["item", "list"], "item_list");
    assert_eq!(ids(&v["items"]), ["LC-1", "LC-4", "LC-5"]);
    assert_eq!(v["items"][0]["blocked_by"], json!([]));
    assert_eq!(v["items"][2]["blocked_by"], json!(["LC-1"]));
}

#[test]
fn an_item_cannot_depend_on_itself() {
    let (dir, path) = scratch_text(CHAIN, "product.toml");
    refused(
        dir.path(),
        &path,
        &["item", "edit", "LC-2", "--depends-on", "LC-2"],
        &["LC-2 cannot depend on itself"],
    );
    assert_eq!(text(&path), CHAIN);
}

#[test]
fn a_dependency_cycle_is_refused_and_named() {
    let (dir, path) = scratch_text(CHAIN, "product.toml");
    let d = dir.path();
    // A = LC-1 depends on B = LC-2, B on C = LC-3; then C on A closes the ring.
    ok(d, &["item", "edit", "LC-1", "--depends-on", "LC-2"]);
    ok(d, &["item", "edit", "LC-2", "--depends-on", "LC-3"]);
    let before = text(&path);
    refused(
        d,
        &path,
        &["item", "edit", "LC-3", "--depends-on", "LC-1"],
        &[
            "that would make a dependency cycle: LC-3 -> LC-1 -> LC-2 -> LC-3",
            "--unlink-depends-on",
        ],
    );
    let out = product(d)
        .args(["item", "edit", "LC-3", "--depends-on", "LC-1", "--json"])
        .output()
        .unwrap();
    let e: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["code"], "dependency_cycle");
    assert_eq!(text(&path), before);
    assert!(item(&path, "LC-3").get("depends_on").is_none());

    // A ring of two is named the same way.
    refused(
        d,
        &path,
        &["item", "edit", "LC-2", "--depends-on", "LC-1"],
        &["that would make a dependency cycle: LC-2 -> LC-1 -> LC-2"],
    );
    // Another dependency among the flags does not slip the cycle through.
    refused(
        d,
        &path,
        &[
            "item",
            "edit",
            "LC-3",
            "--depends-on",
            "LC-4",
            "--depends-on",
            "LC-1",
        ],
        &["LC-3 -> LC-1 -> LC-2 -> LC-3"],
    );
    assert_eq!(text(&path), before);
}

#[test]
fn done_warns_when_an_item_it_depends_on_is_still_open() {
    let (dir, path) = scratch_text(CHAIN, "product.toml");
    let d = dir.path();
    ok(
        d,
        &[
            "item",
            "edit",
            "LC-1",
            "--depends-on",
            "LC-2",
            "--depends-on",
            "LC-3",
        ],
    );
    ok(d, &["item", "edit", "LC-4", "--depends-on", "LC-2"]);
    ok(d, &["item", "done", "LC-3"]);

    let out = ok(d, &["item", "done", "LC-1"]);
    assert_eq!(
        out,
        "Done LC-1: Join online\nwarning: it depends on LC-2 (ready), still open\n"
    );
    assert_eq!(item(&path, "LC-1")["status"].as_str(), Some("done"));
    assert_eq!(item(&path, "LC-1")["done_on"].to_string(), "2026-11-23");

    let v = ok_json(d, &["item", "done", "LC-4"], "item_done");
    assert_eq!(v["item"]["status"], "done");
    assert_eq!(
        v["warnings"],
        json!(["it depends on LC-2 (ready), still open"])
    );

    // With every dependency done, no warning.
    let v = ok_json(d, &["item", "done", "LC-2"], "item_done");
    assert!(v.get("warnings").is_none(), "{v:#}");
}

#[test]
fn unlink_depends_on_takes_a_dependency_off() {
    let (dir, path) = scratch_text(CHAIN, "product.toml");
    let d = dir.path();
    ok(
        d,
        &[
            "item",
            "edit",
            "LC-1",
            "--depends-on",
            "LC-2",
            "--depends-on",
            "LC-3",
        ],
    );
    let v = ok_json(
        d,
        &[
            "item",
            "edit",
            "LC-1",
            "--unlink-depends-on",
            "LC-2",
            "--title",
            "Join online today",
        ],
        "item_updated",
    );
    assert_eq!(v["item"]["depends_on"], json!(["LC-3"]));
    assert_eq!(
        item(&path, "LC-1")["depends_on"],
        toml::Value::Array(vec!["LC-3".into()])
    );
    ok(
        d,
        &[
            "item",
            "edit",
            "LC-1",
            "--unlink-depends-on",
            "LC-3",
            "--title",
            "Join online",
        ],
    );
    // The last one gone, the key goes too: the file is as it was.
    assert_eq!(
        text(&path),
        CHAIN.replace(
            "status = \"ready\"\nsize = 5\n",
            "status = \"ready\"\nsize = 5\nupdated = 2026-11-23\n"
        )
    );
}

/// `--unlink-depends-on` alone is a flag edit, not a trip to $EDITOR.
#[test]
fn unlink_depends_on_alone_is_a_flag_edit_not_the_editor() {
    let (dir, path) = scratch_text(CHAIN, "product.toml");
    let d = dir.path();
    ok(d, &["item", "edit", "LC-1", "--depends-on", "LC-2"]);
    let out = product(d)
        .env("EDITOR", "false")
        .args(["item", "edit", "LC-1", "--unlink-depends-on", "LC-2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Updated LC-1: Join online (#1 in the backlog)\n"
    );
    assert!(item(&path, "LC-1").get("depends_on").is_none());
}

#[test]
fn item_rm_takes_the_item_out_of_every_depends_on() {
    let (dir, path) = scratch_text(CHAIN, "product.toml");
    let d = dir.path();
    ok(d, &["item", "edit", "LC-1", "--depends-on", "LC-2"]);
    ok(
        d,
        &[
            "item",
            "edit",
            "LC-3",
            "--depends-on",
            "LC-2",
            "--depends-on",
            "LC-4",
        ],
    );
    let out = ok(d, &["item", "rm", "LC-2", "--yes"]);
    assert_eq!(
        out,
        "Removed LC-2: Check an address\nNo longer a dependency of LC-1, LC-3\n"
    );
    assert!(!text(&path).contains("LC-2"), "{}", text(&path));
    assert!(item(&path, "LC-1").get("depends_on").is_none());
    assert_eq!(
        item(&path, "LC-3")["depends_on"],
        toml::Value::Array(vec!["LC-4".into()])
    );

    let v = ok_json(d, &["item", "rm", "LC-4", "--yes"], "item_removed");
    assert_eq!(v["id"], "LC-4");
    assert_eq!(v["title"], "Welcome email");
    assert_eq!(v["unlinked"], json!(["LC-3"]));
    assert!(item(&path, "LC-3").get("depends_on").is_none());
    assert!(!text(&path).contains("depends_on"), "{}", text(&path));
    // Nothing is blocked by an item that is gone.
    let v = ok_json(d, &["item", "list"], "item_list");
    assert_eq!(ids(&v["items"]), ["LC-1", "LC-3"]);
    for row in v["items"].as_array().unwrap() {
        assert_eq!(row["blocked_by"], json!([]), "{row}");
    }
}

// ------------------------------------------------------------------ mvp

#[test]
fn mvp_reports_progress_size_and_what_stands_in_the_way() {
    let (dir, path) = scratch_text(PLAN, "product.toml");
    let d = dir.path();
    let out = ok(d, &["mvp"]);
    assert_eq!(
        out,
        "No items are in the MVP yet: add one with `product item edit ID --mvp`.\n"
    );
    let v = ok_json(d, &["mvp"], "mvp");
    assert_eq!(v["items_total"], 0);
    assert_eq!(v["size_total"], 0);
    assert_eq!(v["items"], json!([]));

    let out = ok(d, &["item", "edit", "LC-1", "--mvp"]);
    assert_eq!(out, "Updated LC-1: Join online (#1 in the backlog)\n");
    assert_eq!(item(&path, "LC-1")["mvp"].as_bool(), Some(true));
    let v = ok_json(d, &["item", "edit", "LC-3", "--mvp"], "item_updated");
    assert_eq!(v["item"]["mvp"], true);
    ok(
        d,
        &[
            "item",
            "add",
            "Print a card",
            "--mvp",
            "--size",
            "3",
            "--depends-on",
            "LC-2",
        ],
    );
    ok(d, &["item", "add", "Choose a PIN", "--mvp"]);
    ok(d, &["item", "add", "Dropped idea", "--mvp", "--size", "8"]);
    ok(d, &["item", "drop", "LC-6", "--reason", "Out of scope"]);

    let out = ok(d, &["mvp"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        &lines[..3],
        [
            "Minimum viable product",
            "Progress:  1/4 items done · size 2/9",
            "Not sized: LC-5",
        ],
        "{out}"
    );
    has_row(&out, "1 LC-1 Join online feature ready 4 4 yes");
    has_row(&out, "3 LC-4 Print a card feature idea (blocked) 3 yes");
    has_row(&out, "4 LC-5 Choose a PIN feature idea yes");
    has_row(&out, "LC-3 Card photo feature done 2 yes");
    assert!(!out.contains("LC-6"), "{out}");
    has_row(&out, "In the way: 3 open (LC-1, LC-4, LC-5)");
    has_row(&out, "Waiting on items outside the MVP");
    has_row(&out, "MVP item Waits for Title Status");
    has_row(&out, "LC-4 LC-2 Renew a card idea");

    let v = ok_json(d, &["mvp"], "mvp");
    assert_eq!(v["items_total"], 4);
    assert_eq!(v["items_done"], 1);
    assert_eq!(v["size_total"], 9);
    assert_eq!(v["size_done"], 2);
    assert_eq!(v["unsized_items"], json!(["LC-5"]));
    assert_eq!(v["open"], json!(["LC-1", "LC-4", "LC-5"]));
    assert_eq!(
        v["unmet_dependencies"],
        json!([{
            "item": "LC-4",
            "depends_on": "LC-2",
            "title": "Renew a card",
            "status": "idea",
            "direct": true,
        }])
    );
    assert_eq!(ids(&v["items"]), ["LC-1", "LC-4", "LC-5", "LC-3"]);
    assert_eq!(v["items"][1]["blocked_by"], json!(["LC-2"]));

    // Out of the MVP again: the key goes, and so does the unmet dependency
    // once the item waited on is in the MVP.
    let v = ok_json(d, &["item", "edit", "LC-5", "--no-mvp"], "item_updated");
    assert!(v["item"].get("mvp").is_none(), "{v:#}");
    assert!(item(&path, "LC-5").get("mvp").is_none(), "{}", text(&path));
    ok(d, &["item", "edit", "LC-2", "--mvp"]);
    let v = ok_json(d, &["mvp"], "mvp");
    assert_eq!(v["items_total"], 4);
    assert_eq!(v["open"], json!(["LC-1", "LC-2", "LC-4"]));
    assert_eq!(v["unsized_items"], json!(["LC-2"]));
    assert_eq!(v["unmet_dependencies"], json!([]));
    let out = ok(d, &["mvp"]);
    assert!(!out.contains("Waiting on items outside the MVP"), "{out}");

    let out = ok(d, &["item", "list", "--mvp"]);
    has_row(&out, "1 LC-1 Join online feature ready 4 4 yes");
    assert!(!out.contains("LC-5"), "{out}");
}

// ---------------------------------------------------------- stakeholders

#[test]
fn stakeholders_sit_on_the_power_interest_grid() {
    let (dir, path) = scratch_text(PLAN, "product.toml");
    let d = dir.path();
    let out = ok(d, &["stakeholder", "list"]);
    assert!(out.starts_with("No stakeholders yet"), "{out}");
    let v = ok_json(d, &["stakeholder", "list"], "stakeholder_list");
    for group in [
        "manage_closely",
        "keep_satisfied",
        "keep_informed",
        "monitor",
    ] {
        assert_eq!(v[group], json!([]), "{group}");
    }

    let out = ok(
        d,
        &[
            "stakeholder",
            "add",
            "--name",
            "Head librarian",
            "--interest",
            "high",
            "--influence",
            "high",
            "--notes",
            "Signs off launches",
        ],
    );
    assert_eq!(
        out,
        "Added Head librarian: manage closely (high influence, high interest)\n"
    );
    let v = ok_json(
        d,
        &[
            "stakeholder",
            "add",
            "--name",
            "Finance",
            "--interest",
            "low",
            "--influence",
            "high",
        ],
        "stakeholder_added",
    );
    assert_eq!(v["action"], "added");
    assert_eq!(v["quadrant"], "keep_satisfied");
    assert_eq!(
        v["stakeholder"],
        json!({"name": "Finance", "interest": "low", "influence": "high"})
    );
    let out = ok(
        d,
        &[
            "stakeholder",
            "add",
            "--name",
            "Readers' forum",
            "--interest",
            "high",
            "--influence",
            "low",
        ],
    );
    assert_eq!(
        out,
        "Added Readers' forum: keep informed (low influence, high interest)\n"
    );
    ok(
        d,
        &[
            "stakeholder",
            "add",
            "--name",
            "Press office",
            "--interest",
            "low",
            "--influence",
            "low",
        ],
    );
    assert!(
        text(&path).ends_with(
            "\n[[stakeholders]]
name = \"Head librarian\"
interest = \"high\"
influence = \"high\"
notes = \"Signs off launches\"

[[stakeholders]]
name = \"Finance\"
interest = \"low\"
influence = \"high\"

[[stakeholders]]
name = \"Readers' forum\"
interest = \"high\"
influence = \"low\"

[[stakeholders]]
name = \"Press office\"
interest = \"low\"
influence = \"low\"
"
        ),
        "{}",
        text(&path)
    );

    // A name taken, in any case, is refused.
    for name in ["Finance", "finance"] {
        refused(
            d,
            &path,
            &[
                "stakeholder",
                "add",
                "--name",
                name,
                "--interest",
                "high",
                "--influence",
                "low",
            ],
            &["there is already a stakeholder named `Finance`"],
        );
    }
    misused(
        d,
        &path,
        &[
            "stakeholder",
            "add",
            "--name",
            "Mayor",
            "--interest",
            "medium",
            "--influence",
            "high",
        ],
        &["medium"],
    );

    let out = ok(d, &["stakeholder", "list"]);
    has_row(&out, "Grid Stakeholder Interest Influence Notes");
    has_row(
        &out,
        "Manage closely Head librarian high high Signs off launches",
    );
    has_row(&out, "Keep satisfied Finance low high");
    has_row(&out, "Keep informed Readers' forum high low");
    has_row(&out, "Monitor Press office low low");
    let v = ok_json(d, &["stakeholder", "list"], "stakeholder_list");
    assert_eq!(
        v["manage_closely"],
        json!([{
            "name": "Head librarian",
            "interest": "high",
            "influence": "high",
            "notes": "Signs off launches",
        }])
    );
    assert_eq!(v["keep_satisfied"][0]["name"], "Finance");
    assert_eq!(v["keep_informed"][0]["name"], "Readers' forum");
    assert_eq!(v["monitor"][0]["name"], "Press office");

    let out = ok(d, &["stakeholder", "rm", "Finance"]);
    assert_eq!(out, "Removed Finance\n");
    let v = ok_json(
        d,
        &["stakeholder", "rm", "Readers' forum"],
        "stakeholder_removed",
    );
    assert_eq!(v["action"], "removed");
    assert_eq!(v["quadrant"], "keep_informed");
    assert_eq!(v["stakeholder"]["name"], "Readers' forum");
    refused(
        d,
        &path,
        &["stakeholder", "rm", "Finance"],
        &[
            "no stakeholder `Finance`",
            "known stakeholders: Head librarian, Press office",
        ],
    );
    let names: Vec<String> = read(&path)["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Head librarian", "Press office"]);
    assert!(text(&path).starts_with(PLAN));
}

// ----------------------------------------------------------- experiments

#[test]
fn experiments_record_a_hypothesis_and_what_they_showed() {
    let (dir, path) = scratch_text(PLAN, "product.toml");
    let d = dir.path();
    let out = ok(d, &["experiment", "list"]);
    assert!(out.starts_with("No experiments yet"), "{out}");
    let v = ok_json(d, &["experiment", "list"], "experiment_list");
    assert_eq!(v["experiments"], json!([]));

    let out = ok(
        d,
        &[
            "item",
            "add",
            "Reminder emails",
            "--kind",
            "experiment",
            "--hypothesis",
            "Reminders cut lapsed cards",
            "--measure",
            "K1",
            "--success",
            "K1 up by 5",
        ],
    );
    assert_eq!(out, "Added LC-4: Reminder emails (#3 in the backlog)\n");
    let v = ok_json(
        d,
        &[
            "item",
            "add",
            "Join in branch",
            "--kind",
            "experiment",
            "--hypothesis",
            "Staff help raises joins",
            "--measure",
            "O1.KR1",
            "--success",
            "KR1 at 60",
        ],
        "item_added",
    );
    assert_eq!(
        v["item"]["experiment"],
        json!({
            "hypothesis": "Staff help raises joins",
            "measure": "O1.KR1",
            "success": "KR1 at 60",
        })
    );
    ok(
        d,
        &[
            "item",
            "add",
            "Card colours",
            "--kind",
            "experiment",
            "--hypothesis",
            "Bright cards get lost less",
        ],
    );
    let experiment = item(&path, "LC-4")["experiment"]
        .as_table()
        .unwrap()
        .clone();
    assert_eq!(
        experiment,
        toml::from_str::<toml::Table>(
            "hypothesis = \"Reminders cut lapsed cards\"\nmeasure = \"K1\"\nsuccess = \"K1 up by 5\"\n"
        )
        .unwrap()
    );

    // Experiment fields on other kinds, and results for them, are usage errors.
    misused(
        d,
        &path,
        &["item", "add", "Posters", "--hypothesis", "Posters work"],
        &["--hypothesis", "experiment"],
    );
    misused(
        d,
        &path,
        &[
            "item",
            "add",
            "Posters",
            "--kind",
            "feature",
            "--measure",
            "K1",
        ],
        &["experiment"],
    );
    misused(
        d,
        &path,
        &["item", "edit", "LC-1", "--success", "K1 up"],
        &["LC-1 is a feature"],
    );
    misused(
        d,
        &path,
        &["item", "done", "LC-1", "--result", "validated"],
        &["--result is for experiments, and LC-1 is a feature"],
    );
    misused(
        d,
        &path,
        &["item", "done", "LC-4", "--result", "proved"],
        &["proved"],
    );
    misused(
        d,
        &path,
        &["item", "done", "LC-4", "--learning", "Something"],
        &["--result"],
    );

    let out = ok(
        d,
        &[
            "item",
            "done",
            "LC-4",
            "--result",
            "validated",
            "--learning",
            "Lapsed cards down 12%",
        ],
    );
    assert_eq!(out, "Done LC-4: Reminder emails\n");
    let v = ok_json(
        d,
        &["item", "done", "LC-5", "--result", "inconclusive"],
        "item_done",
    );
    assert_eq!(v["item"]["experiment"]["result"], "inconclusive");
    assert!(v["item"]["experiment"].get("learning").is_none());
    ok(d, &["item", "drop", "LC-6", "--reason", "No budget"]);

    assert!(
        text(&path).contains(
            "status = \"done\"\ndone_on = 2026-11-23\n\
             experiment = { hypothesis = \"Reminders cut lapsed cards\", measure = \"K1\", \
             success = \"K1 up by 5\", result = \"validated\", learning = \"Lapsed cards down 12%\" }\n"
        ),
        "{}",
        text(&path)
    );
    let lc4 = item(&path, "LC-4");
    assert_eq!(lc4["experiment"]["result"].as_str(), Some("validated"));
    assert_eq!(
        lc4["experiment"]["learning"].as_str(),
        Some("Lapsed cards down 12%")
    );
    assert_eq!(
        item(&path, "LC-5")["experiment"]["result"].as_str(),
        Some("inconclusive")
    );

    let out = ok(d, &["experiment", "list"]);
    has_row(&out, "ID Title Status Hypothesis Measure Success Result");
    has_row(
        &out,
        "LC-4 Reminder emails done Reminders cut K1 K1 up by 5 validated: Lapsed",
    );
    has_row(&out, "lapsed cards cards down 12%");
    has_row(
        &out,
        "LC-5 Join in branch done Staff help raises O1.KR1 KR1 at 60 inconclusive",
    );
    assert!(!out.contains("LC-6"), "{out}");
    let out = ok(d, &["experiment", "list", "--all"]);
    has_row(&out, "LC-6 Card colours dropped Bright cards get");
    has_row(&out, "lost less");

    let v = ok_json(d, &["experiment", "list"], "experiment_list");
    assert_eq!(
        v["experiments"],
        json!([
            {
                "id": "LC-4",
                "title": "Reminder emails",
                "status": "done",
                "hypothesis": "Reminders cut lapsed cards",
                "measure": "K1",
                "success": "K1 up by 5",
                "result": "validated",
                "learning": "Lapsed cards down 12%",
            },
            {
                "id": "LC-5",
                "title": "Join in branch",
                "status": "done",
                "hypothesis": "Staff help raises joins",
                "measure": "O1.KR1",
                "success": "KR1 at 60",
                "result": "inconclusive",
                "learning": null,
            },
        ])
    );
    let v = ok_json(d, &["experiment", "list", "--all"], "experiment_list");
    assert_eq!(ids(&v["experiments"]), ["LC-4", "LC-5", "LC-6"]);
    assert_eq!(v["experiments"][2]["status"], "dropped");
    assert_eq!(v["experiments"][2]["measure"], Value::Null);
}

// ------------------------------------------------------------------ show

#[test]
fn show_has_the_now_column_and_mvp_progress() {
    let (dir, _path) = scratch_text(PLAN, "product.toml");
    let d = dir.path();
    let out = ok(d, &["show"]);
    assert!(!out.contains("Roadmap: now"), "{out}");
    assert!(!out.contains("MVP:"), "{out}");
    let v = ok_json(d, &["show"], "dashboard");
    assert_eq!(v["roadmap_now"], json!([]));
    assert_eq!(v["mvp"]["items_total"], 0);

    ok(
        d,
        &[
            "roadmap",
            "add",
            "--title",
            "Join online",
            "--horizon",
            "now",
            "--objective",
            "O1",
        ],
    );
    ok(
        d,
        &["roadmap", "add", "--title", "Renewals", "--horizon", "next"],
    );
    ok(
        d,
        &[
            "roadmap",
            "add",
            "--title",
            "Quick wins",
            "--horizon",
            "now",
        ],
    );
    ok(d, &["item", "edit", "LC-1", "--roadmap", "R1", "--mvp"]);
    ok(d, &["item", "edit", "LC-3", "--roadmap", "R1", "--mvp"]);

    let out = ok(d, &["show"]);
    // The fields line up with the longest label (the MVP forecast's).
    has_row(&out, "MVP: 1/2 items done · size 2/6");
    assert!(
        out.contains(
            "\nRoadmap: now\nR1 Join online · 1/2 items done\nR3 Quick wins · no items yet\n"
        ),
        "{out}"
    );
    assert!(!out.contains("Renewals"), "{out}");

    let v = ok_json(d, &["show"], "dashboard");
    assert_eq!(ids(&v["roadmap_now"]), ["R1", "R3"]);
    assert_eq!(v["roadmap_now"][0]["items_total"], 2);
    assert_eq!(v["roadmap_now"][0]["items_done"], 1);
    assert_eq!(v["roadmap_now"][0]["objectives"], json!(["O1"]));
    assert_eq!(
        v["mvp"],
        json!({
            "items_total": 2,
            "items_done": 1,
            "size_total": 6,
            "size_done": 2,
            "unsized_items": [],
            "open": ["LC-1"],
            "unmet_dependencies": [],
            "external_dependencies": [],
        })
    );
}

// ---------------------------------------------------------- preservation

const COMMENTED: &str = r#"# Library cards product file
version = 1

[product]
name = "Library cards"   # working name
key = "LC"

# Goals for the year
[[objectives]]
id = "O1"
title = "Joining takes five minutes"

[[objectives]]
id = "O2"
title = "Every branch takes cards"

# The roadmap, outcome by outcome
[[roadmap]]
id = "R1"
title = "Join online"   # the big one
horizon = "now"
outcome = "People join without visiting"
objectives = ["O1"]   # joining

[[roadmap]]
id = "R2"
title = "Renewals"
horizon = "later"   # not yet

# The backlog
[[items]]
id = "LC-1"
title = "Join online"   # first
kind = "feature"
status = "ready"
size = 5   # points

[[items]]
# an idea from the front desk
id = "LC-2"
title = "Renew a card"
kind = "feature"
status = "idea"
roadmap = "R2"   # goes with renewals

# End of file
"#;

#[test]
fn roadmap_and_item_link_edits_keep_every_comment_in_toml() {
    let (dir, path) = scratch_text(COMMENTED, "product.toml");
    let d = dir.path();
    ok(
        d,
        &[
            "roadmap",
            "add",
            "--title",
            "Branch cards",
            "--horizon",
            "next",
            "--objective",
            "O2",
            "--date",
            "2027-04-01",
            "--date-reason",
            "Council budget year",
        ],
    );
    ok(d, &["roadmap", "move", "R2", "--to", "next"]);
    ok(
        d,
        &[
            "roadmap",
            "edit",
            "R1",
            "--title",
            "Join from home",
            "--outcome",
            "Nine in ten join online",
            "--objective",
            "O2",
        ],
    );
    ok(d, &["item", "edit", "LC-1", "--roadmap", "R1"]);
    ok(d, &["item", "edit", "LC-2", "--roadmap", "R3"]);
    let expected = r#"# Library cards product file
version = 1

[product]
name = "Library cards"   # working name
key = "LC"

# Goals for the year
[[objectives]]
id = "O1"
title = "Joining takes five minutes"

[[objectives]]
id = "O2"
title = "Every branch takes cards"

# The roadmap, outcome by outcome
[[roadmap]]
id = "R1"
title = "Join from home"   # the big one
horizon = "now"
outcome = "Nine in ten join online"
objectives = ["O1", "O2"]   # joining

[[roadmap]]
id = "R2"
title = "Renewals"
horizon = "next"   # not yet

[[roadmap]]
id = "R3"
title = "Branch cards"
horizon = "next"
objectives = ["O2"]
date = 2027-04-01
date_reason = "Council budget year"

# The backlog
[[items]]
id = "LC-1"
title = "Join online"   # first
kind = "feature"
status = "ready"
roadmap = "R1"
size = 5   # points
updated = 2026-11-23

[[items]]
# an idea from the front desk
id = "LC-2"
title = "Renew a card"
kind = "feature"
status = "idea"
roadmap = "R3"   # goes with renewals
updated = 2026-11-23

# End of file
"#;
    assert_eq!(text(&path), expected);

    // Taking the date off and an item off the roadmap touches only those lines.
    ok(d, &["roadmap", "edit", "R3", "--date", "none"]);
    ok(d, &["item", "edit", "LC-1", "--roadmap", "none"]);
    let expected = expected
        .replace(
            "date = 2027-04-01\ndate_reason = \"Council budget year\"\n",
            "",
        )
        .replace(
            "status = \"ready\"\nroadmap = \"R1\"\n",
            "status = \"ready\"\n",
        );
    assert_eq!(text(&path), expected);

    // Removing an entry with --unlink keeps the comments around it.
    ok(d, &["roadmap", "rm", "R3", "--unlink"]);
    let after = text(&path);
    assert!(!after.contains("R3"), "{after}");
    assert!(!after.contains("# goes with renewals"), "{after}");
    for comment in [
        "# Library cards product file",
        "# working name",
        "# The roadmap, outcome by outcome",
        "# the big one",
        "# joining",
        "# not yet",
        "# The backlog",
        "# first",
        "# points",
        "# an idea from the front desk",
        "# End of file",
    ] {
        assert!(after.contains(comment), "lost `{comment}`:\n{after}");
    }
    assert!(
        after.contains("horizon = \"next\"   # not yet\n\n# The backlog\n"),
        "{after}"
    );
}

// ------------------------------------------------------------------ JSON

const JSON: &str = r#"{
  "version": 1,
  "product": {
    "name": "Library cards",
    "key": "LC"
  },
  "objectives": [
    {
      "id": "O1",
      "title": "Joining takes five minutes"
    }
  ],
  "kpis": [
    {
      "id": "K1",
      "name": "User satisfaction",
      "direction": "up",
      "target": 90.0
    }
  ],
  "items": [
    {
      "id": "LC-1",
      "title": "Join online",
      "kind": "feature",
      "status": "ready",
      "size": 5
    },
    {
      "id": "LC-2",
      "title": "Renew a card",
      "kind": "feature",
      "status": "idea"
    }
  ]
}
"#;

#[test]
fn roadmap_links_and_stakeholders_work_on_json_files() {
    let (dir, path) = scratch_text(JSON, "product.json");
    let d = dir.path();
    let out = ok(
        d,
        &[
            "roadmap",
            "add",
            "--title",
            "Join online",
            "--horizon",
            "now",
            "--objective",
            "O1",
            "--date",
            "2027-03-01",
            "--date-reason",
            "Launch event",
        ],
    );
    assert!(out.starts_with("Added R1: Join online (now)\n"), "{out}");
    let v = ok_json(
        d,
        &["roadmap", "move", "R1", "--to", "next"],
        "roadmap_moved",
    );
    assert_eq!(v["from"], "now");
    ok(
        d,
        &[
            "roadmap",
            "edit",
            "R1",
            "--outcome",
            "People join from home",
        ],
    );
    ok(
        d,
        &[
            "item",
            "edit",
            "LC-1",
            "--roadmap",
            "R1",
            "--depends-on",
            "LC-2",
            "--mvp",
        ],
    );
    ok(
        d,
        &[
            "stakeholder",
            "add",
            "--name",
            "Finance",
            "--interest",
            "low",
            "--influence",
            "high",
        ],
    );
    let before = text(&path);
    refused(
        d,
        &path,
        &["roadmap", "edit", "R1", "--objective", "O9"],
        &["no objective `O9`", "known objectives: O1"],
    );
    refused(
        d,
        &path,
        &["item", "edit", "LC-2", "--roadmap", "R9"],
        &["no roadmap entry `R9`", "R1"],
    );
    refused(
        d,
        &path,
        &["item", "edit", "LC-2", "--depends-on", "LC-1"],
        &["LC-2 -> LC-1 -> LC-2"],
    );
    assert_eq!(text(&path), before);

    // Only what changed, in the file's own layout, dates as strings.
    let expected = JSON
        .replace(
            "      \"status\": \"ready\",\n      \"size\": 5\n",
            "      \"status\": \"ready\",\n      \"mvp\": true,\n      \"roadmap\": \"R1\",\n      \"depends_on\": [\n        \"LC-2\"\n      ],\n      \"size\": 5,\n      \"updated\": \"2026-11-23\"\n",
        )
        .replace(
            "      \"status\": \"idea\"\n    }\n  ]\n}\n",
            "      \"status\": \"idea\"\n    }\n  ],
  \"roadmap\": [
    {
      \"id\": \"R1\",
      \"title\": \"Join online\",
      \"horizon\": \"next\",
      \"outcome\": \"People join from home\",
      \"objectives\": [
        \"O1\"
      ],
      \"date\": \"2027-03-01\",
      \"date_reason\": \"Launch event\"
    }
  ],
  \"stakeholders\": [
    {
      \"name\": \"Finance\",
      \"interest\": \"low\",
      \"influence\": \"high\"
    }
  ]
}
",
        );
    assert_eq!(text(&path), expected);

    let v = ok_json(d, &["roadmap", "list"], "roadmap");
    assert_eq!(ids(&v["next"]), ["R1"]);
    assert_eq!(v["next"][0]["date"], "2027-03-01");
    let v = ok_json(d, &["item", "list"], "item_list");
    assert_eq!(v["items"][0]["blocked_by"], json!(["LC-2"]));
    let v = ok_json(d, &["mvp"], "mvp");
    assert_eq!(v["unmet_dependencies"][0]["depends_on"], "LC-2");
    ok(
        d,
        &[
            "item",
            "add",
            "Reminders",
            "--kind",
            "experiment",
            "--hypothesis",
            "Reminders help",
            "--measure",
            "K1",
            "--success",
            "K1 up",
        ],
    );
    ok(d, &["item", "done", "LC-3", "--result", "invalidated"]);
    let file: Value = serde_json::from_str(&text(&path)).unwrap();
    assert_eq!(
        file["items"][2]["experiment"],
        json!({
            "hypothesis": "Reminders help",
            "measure": "K1",
            "success": "K1 up",
            "result": "invalidated",
        })
    );
    assert_eq!(file["items"][2]["done_on"], "2026-11-23");

    // Removing leaves no dangling reference in JSON either.
    ok(d, &["roadmap", "rm", "R1", "--unlink"]);
    ok(d, &["item", "rm", "LC-2", "--yes"]);
    ok(d, &["stakeholder", "rm", "Finance"]);
    let file: Value = serde_json::from_str(&text(&path)).unwrap();
    assert!(file.get("roadmap").is_none(), "{file:#}");
    assert!(file["items"][0].get("roadmap").is_none(), "{file:#}");
    assert!(file["items"][0].get("depends_on").is_none(), "{file:#}");
    assert_eq!(ids(&file["items"]), ["LC-1", "LC-3"]);
    assert!(!text(&path).contains("LC-2"), "{}", text(&path));
    assert!(!text(&path).contains("R1"), "{}", text(&path));
}

// ------------------------------------------------------------- audit cases

#[test]
fn mvp_follows_dependencies_through_other_items_and_counts_dropped_ones() {
    let (dir, _) = scratch_text(CHAIN, "product.toml");
    let d = dir.path();
    // LC-1 (MVP) waits for LC-2, which waits for LC-3; LC-4 is dropped.
    ok(
        d,
        &["item", "edit", "LC-1", "--mvp", "--depends-on", "LC-2"],
    );
    ok(
        d,
        &[
            "item",
            "edit",
            "LC-2",
            "--depends-on",
            "LC-3",
            "--depends-on",
            "LC-4",
        ],
    );
    let out = ok(d, &["item", "drop", "LC-4", "--reason", "not needed"]);
    assert!(
        out.contains("warning: LC-2 depend on it: drop them too"),
        "{out}"
    );
    let v = ok_json(d, &["mvp"], "mvp");
    let unmet: Vec<(String, bool)> = v["unmet_dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                format!("{} {}", u["depends_on"].as_str().unwrap(), u["status"]),
                u["direct"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        unmet,
        [
            ("LC-2 \"ready\"".to_owned(), true),
            ("LC-4 \"dropped\"".to_owned(), false),
            ("LC-3 \"idea\"".to_owned(), false),
        ]
    );
    let out = ok(d, &["mvp"]);
    has_row(&out, "LC-1 LC-3 (through others) Post the card idea");
}

#[test]
fn a_cycle_already_in_the_file_does_not_hold_up_other_edits() {
    let text = CHAIN
        .replace(
            "status = \"ready\"\nsize = 5",
            "status = \"ready\"\nsize = 5\ndepends_on = [\"LC-2\"]",
        )
        .replace(
            "status = \"ready\"\nsize = 3",
            "status = \"ready\"\nsize = 3\ndepends_on = [\"LC-1\"]",
        );
    let (dir, path) = scratch_text(&text, "product.toml");
    let d = dir.path();
    ok(
        d,
        &["item", "edit", "LC-1", "--title", "Join the library online"],
    );
    // Adding to the dependencies is still checked.
    refused(
        d,
        &path,
        &["item", "edit", "LC-1", "--depends-on", "LC-3"],
        &["LC-1 -> LC-2 -> LC-1"],
    );
}

#[test]
fn stakeholder_rm_refuses_a_name_two_records_share() {
    let text = format!(
        "{CHAIN}\n[[stakeholders]]\nname = \"Sales\"\ninterest = \"low\"\ninfluence = \"high\"\n\n[[stakeholders]]\nname = \"Sales\"   # the US team\ninterest = \"high\"\ninfluence = \"low\"\n"
    );
    let (dir, path) = scratch_text(&text, "product.toml");
    refused(
        dir.path(),
        &path,
        &["stakeholder", "rm", "Sales"],
        &["2 stakeholders are named `Sales`"],
    );
}

#[test]
fn experiments_missing_their_parts_are_warned_about() {
    let (dir, _) = scratch_text(CHAIN, "product.toml");
    let d = dir.path();
    let out = ok(d, &["item", "add", "Reminders", "--kind", "experiment"]);
    assert!(
        out.contains("warning: an experiment needs --hypothesis, --measure, --success"),
        "{out}"
    );
    let out = ok(d, &["item", "done", "LC-5"]);
    assert!(out.contains("warning: no result recorded"), "{out}");
}

#[test]
fn roadmap_csv_has_a_row_per_entry_and_ascii_terminals_get_ascii_marks() {
    let (dir, _) = scratch_text(ROADMAP, "product.toml");
    let d = dir.path();
    let csv = ok(d, &["roadmap", "list", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("Horizon,ID,Title,Outcome,Objectives,Date,Date reason,Items done,Items")
    );
    assert!(
        lines.all(|l| l.starts_with("now,") || l.starts_with("next,") || l.starts_with("later,"))
    );
    let out = product(d)
        .env("LANG", "C")
        .args(["roadmap", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_ascii(), "{}", stdout(&out));
}

#[test]
fn stakeholder_edit_moves_them_on_the_grid() {
    let (dir, path) = scratch_text(PLAN, "product.toml");
    let d = dir.path();
    ok(
        d,
        &[
            "stakeholder",
            "add",
            "--name",
            "Finance",
            "--interest",
            "low",
            "--influence",
            "high",
            "--notes",
            "Quarterly budget",
        ],
    );
    let out = ok(d, &["stakeholder", "edit", "Finance", "--interest", "high"]);
    assert_eq!(
        out,
        "Updated Finance: manage closely (high influence, high interest)\n"
    );
    let v = ok_json(
        d,
        &[
            "stakeholder",
            "edit",
            "Finance",
            "--name",
            "Finance director",
            "--influence",
            "low",
            "--no-notes",
        ],
        "stakeholder_updated",
    );
    assert_eq!(v["quadrant"], "keep_informed");
    assert_eq!(
        v["stakeholder"],
        json!({"name": "Finance director", "interest": "high", "influence": "low"})
    );
    ok(
        d,
        &[
            "stakeholder",
            "edit",
            "Finance director",
            "--notes",
            "Signs the budget",
        ],
    );
    assert!(
        text(&path).ends_with(
            "[[stakeholders]]
name = \"Finance director\"
interest = \"high\"
influence = \"low\"
notes = \"Signs the budget\"
"
        ),
        "{}",
        text(&path)
    );
    // The same values: unchanged, nothing written.
    let before = text(&path);
    let out = ok(
        d,
        &[
            "stakeholder",
            "edit",
            "Finance director",
            "--interest",
            "high",
        ],
    );
    assert_eq!(out, "Unchanged Finance director\n");
    assert_eq!(text(&path), before);
    refused(
        d,
        &path,
        &["stakeholder", "edit", "Nobody", "--interest", "high"],
        &["no stakeholder `Nobody`"],
    );
    misused(
        d,
        &path,
        &["stakeholder", "edit", "Finance director"],
        &["nothing to change"],
    );
}
