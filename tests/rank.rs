//! `product rank` and `product item score`: scores, rankings, applying a
//! ranking, formulas and scales, as a user runs them.

mod common;

use common::{product, scratch_text};
use predicates::str::contains;

/// Intercom's three RICE projects, in the order 1, 2, 3, and WSJF inputs.
const SCORED: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[items]]
id = "LC-1"
title = "Project one"
kind = "feature"
status = "ready"
reach = 450
impact = 3
confidence = 100
effort = 2
value = 8
time_criticality = 4
risk_reduction = 3
size = 5
moscow = "must"

[[items]]
id = "LC-2"
title = "Project two"
kind = "feature"
status = "idea"
reach = 2000
impact = 1
confidence = 80
effort = 4
value = 5
time_criticality = 9
risk_reduction = 8
size = 2
moscow = "should"

[[items]]
id = "LC-3"
title = "Project three"
kind = "feature"
status = "idea"
reach = 800
impact = 2
confidence = 50
effort = 1
value = 4
time_criticality = 3
risk_reduction = 7
size = 8
moscow = "must"

[[items]]
id = "LC-4"
title = "Not sized yet"
kind = "bug"
status = "idea"
value = 3
"#;

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("stdout is JSON")
}

#[test]
fn rice_ranks_intercoms_projects_three_one_two() {
    let (dir, _) = scratch_text(SCORED, "product.toml");
    let out = product(dir.path())
        .args(["rank", "--by", "rice", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = json(&out.stdout);
    assert_eq!(v["kind"], "rank");
    assert_eq!(v["version"], 1);
    assert_eq!(v["method"], "rice");
    let ranked: Vec<(&str, f64, i64)> = v["ranked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["score"].as_f64().unwrap(),
                r["move"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranked,
        [("LC-3", 800.0, 2), ("LC-1", 675.0, -1), ("LC-2", 400.0, -1)]
    );
    assert_eq!(v["unscored"][0]["id"], "LC-4");
    assert_eq!(
        v["unscored"][0]["reason"],
        "missing reach, impact, confidence, effort"
    );
    assert_eq!(v["moves"], 3);
}

#[test]
fn the_wsjf_table_shows_inputs_cost_of_delay_score_and_moves() {
    let (dir, _) = scratch_text(SCORED, "product.toml");
    let out = product(dir.path())
        .args(["rank", "--explain"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row = |id: &str| {
        text.lines()
            .find(|l| l.contains(id) && l.contains("Project"))
            .unwrap_or_else(|| panic!("no row for {id} in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row("LC-2"), "1 LC-2 Project two 5 9 8 2 22 11 2 ↑1");
    assert_eq!(row("LC-1"), "2 LC-1 Project one 8 4 3 5 15 3 1 ↓1");
    assert_eq!(row("LC-3"), "3 LC-3 Project three 4 3 7 8 14 1.75 3 =");
    assert!(text.contains("1. LC-2: (5 + 9 + 8) / 2 = 11"), "{text}");
    assert!(text.contains("LC-4   Not sized yet"), "{text}");
    assert!(text.contains("missing time_criticality, risk_reduction, size"));
    assert!(text.contains("Applying this ranking would move 2 items"));
}

#[test]
fn apply_reorders_once_and_then_is_a_no_op() {
    let (dir, path) = scratch_text(SCORED, "product.toml");
    let dry = product(dir.path())
        .args(["rank", "--apply", "--dry-run", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&dry.stdout)["kind"], "rank_dry_run");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        SCORED,
        "a dry run writes nothing"
    );

    product(dir.path())
        .args(["rank", "--apply"])
        .assert()
        .success()
        .stdout(contains("Applied: moved 2 items into WSJF order."));
    let applied = std::fs::read_to_string(&path).unwrap();
    let order: Vec<&str> = applied
        .lines()
        .filter_map(|l| l.strip_prefix("id = "))
        .collect();
    assert_eq!(order, ["\"LC-2\"", "\"LC-1\"", "\"LC-3\"", "\"LC-4\""]);

    product(dir.path())
        .args(["rank", "--apply"])
        .assert()
        .success()
        .stdout(contains("Nothing to move"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), applied);
    let again = product(dir.path())
        .args(["rank", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&again.stdout)["moves"], 0);
}

#[test]
fn apply_works_on_json_files_too() {
    let (dir, toml_path) = scratch_text(SCORED, "product.toml");
    let value: toml::Table = toml::from_str(SCORED).unwrap();
    let json_path = dir.path().join("product.json");
    std::fs::write(&json_path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    std::fs::remove_file(toml_path).unwrap();
    product(dir.path())
        .args(["rank", "--by", "rice", "--apply"])
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    let ids: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["LC-3", "LC-1", "LC-2", "LC-4"]);
}

#[test]
fn moscow_groups_and_warns_about_the_must_share() {
    let (dir, _) = scratch_text(SCORED, "product.toml");
    let out = product(dir.path())
        .args(["rank", "--by", "moscow"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Must have (2 items, size 13)"), "{text}");
    assert!(
        text.contains("Should have (1 items, size 2)") || text.contains("Should have (1 item"),
        "{text}"
    );
    // 13 of 15 is 87%.
    assert!(text.contains("warning: Must-haves are 87%"), "{text}");
    let out = product(dir.path())
        .args(["rank", "--by", "moscow", "--json"])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["moscow"]["over_limit"], true);
    assert_eq!(
        v["moscow"]["groups"][0]["items"],
        serde_json::json!(["LC-1", "LC-3"])
    );
}

#[test]
fn a_formula_ranks_and_a_typo_in_one_is_placed_in_the_file() {
    let with_formula = SCORED.replace(
        "key = \"LC\"\n",
        "key = \"LC\"\n\n[scoring]\nmethod = \"reach_per_size\"\nformulas = { reach_per_size = \"reach / size\" }\n",
    );
    let (dir, _) = scratch_text(&with_formula, "product.toml");
    let out = product(dir.path())
        .args(["rank", "--json"])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["method"], "reach_per_size");
    assert_eq!(v["ranked"][0]["id"], "LC-2");
    assert_eq!(v["ranked"][0]["score"], 1000.0);
    let list = product(dir.path()).args(["item", "list"]).output().unwrap();
    assert!(
        String::from_utf8(list.stdout)
            .unwrap()
            .contains("reach_per_size")
    );

    let typo = with_formula.replace("reach / size", "reach / sise");
    let (dir, path) = scratch_text(&typo, "product.toml");
    let out = product(dir.path()).args(["rank"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    // Line 9 holds the formula; `sise` starts at column 40.
    assert!(
        err.contains("product.toml:9:40: scoring.formulas.reach_per_size: unknown field `sise` (did you mean `size`?)"),
        "{err}"
    );
    assert!(err.contains("at character 9 of \"reach / sise\""), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), typo);

    let syntax = with_formula.replace("reach / size", "reach / / size");
    let (dir, _) = scratch_text(&syntax, "product.toml");
    let out = product(dir.path())
        .args(["item", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        err["problems"][0]["path"],
        "scoring.formulas.reach_per_size"
    );
    assert_eq!(err["problems"][0]["line"], 9);
    assert_eq!(err["problems"][0]["column"], 40);
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unknown_method_is_a_usage_error_listing_the_methods() {
    let (dir, _) = scratch_text(SCORED, "product.toml");
    product(dir.path())
        .args(["rank", "--by", "wsfj"])
        .assert()
        .code(2)
        .stderr(contains("no method `wsfj`"))
        .stderr(contains("wsjf, value-cost, rice, moscow"));
    let bad_default = SCORED.replace(
        "key = \"LC\"\n",
        "key = \"LC\"\n[scoring]\nmethod = \"roi\"\n",
    );
    let (dir, _) = scratch_text(&bad_default, "product.toml");
    product(dir.path())
        .args(["item", "list"])
        .assert()
        .code(3)
        .stderr(contains("scoring.method: no method `roi`"));
}

#[test]
fn item_score_sets_inputs_within_the_scale_and_shows_every_method() {
    let fibonacci = SCORED.replace(
        "key = \"LC\"\n",
        "key = \"LC\"\n\n[scoring]\nscale = \"fibonacci\"\n",
    );
    let (dir, path) = scratch_text(&fibonacci, "product.toml");
    product(dir.path())
        .args(["item", "score", "LC-4", "--size", "4"])
        .assert()
        .code(2)
        .stderr(contains(
            "--size: size 4 is not on the fibonacci scale; use one of 1, 2, 3, 5, 8, 13, 20",
        ));
    product(dir.path())
        .args(["item", "score", "LC-4", "--value", "-3"])
        .assert()
        .code(2)
        .stderr(contains("value cannot be negative"));
    product(dir.path())
        .args(["item", "score", "LC-4", "--cost", "0"])
        .assert()
        .code(2)
        .stderr(contains("cost must be more than 0"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fibonacci);

    let out = product(dir.path())
        .args([
            "item",
            "score",
            "LC-4",
            "--time-criticality",
            "5",
            "--risk-reduction",
            "1",
            "--size",
            "3",
            "--moscow",
            "could",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out.stdout);
    assert_eq!(v["kind"], "item_scored");
    assert_eq!(v["scores"][0]["method"], "wsjf");
    assert_eq!(v["scores"][0]["score"], 3.0);
    assert_eq!(v["scores"][0]["cost_of_delay"], 9.0);
    assert_eq!(
        v["scores"][2]["unscored"],
        "missing reach, impact, confidence, effort"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("value = 3\ntime_criticality = 5\nrisk_reduction = 1\nsize = 3\nmoscow = \"could\"\nupdated = 2026-11-23\n") || text.contains("moscow = \"could\""), "{text}");

    // `none` clears an input, and the item is then unscored again.
    product(dir.path())
        .args(["item", "score", "LC-4", "--size", "none"])
        .assert()
        .success()
        .stdout(contains("missing size"));
    let text = std::fs::read_to_string(&path).unwrap();
    let lc4 = &text[text.find("id = \"LC-4\"").unwrap()..];
    assert!(!lc4.contains("size ="), "{lc4}");
}

#[test]
fn item_add_and_edit_take_the_scoring_flags() {
    let (dir, path) = scratch_text(SCORED, "product.toml");
    product(dir.path())
        .args([
            "item",
            "add",
            "Fast track",
            "--value",
            "13",
            "--time-criticality",
            "13",
            "--risk-reduction",
            "2",
            "--size",
            "1",
        ])
        .assert()
        .success();
    product(dir.path())
        .args(["item", "edit", "LC-3", "--size", "1"])
        .assert()
        .success();
    let out = product(dir.path())
        .args(["rank", "--json"])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    let ids: Vec<&str> = v["ranked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["LC-5", "LC-3", "LC-2", "LC-1"]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("id = \"LC-5\"\ntitle = \"Fast track\"\nkind = \"feature\"\nstatus = \"idea\"\nvalue = 13\ntime_criticality = 13\nrisk_reduction = 2\nsize = 1\n"), "{text}");
}

#[test]
fn pinned_items_keep_their_place_and_closed_items_stay_put() {
    let pinned = SCORED
        .replace(
            "title = \"Project one\"\n",
            "title = \"Project one\"\npinned = true\n",
        )
        .replace(
            "title = \"Project two\"\nkind = \"feature\"\nstatus = \"idea\"",
            "title = \"Project two\"\nkind = \"feature\"\nstatus = \"done\"",
        );
    let (dir, path) = scratch_text(&pinned, "product.toml");
    product(dir.path())
        .args(["rank", "--by", "rice", "--apply"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    let order: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("id = "))
        .collect();
    // LC-1 is pinned at the top, LC-2 is done and keeps its place in the file.
    assert_eq!(order, ["\"LC-1\"", "\"LC-2\"", "\"LC-3\"", "\"LC-4\""]);
    let out = product(dir.path())
        .args(["rank", "--by", "rice", "--json"])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["moves"], 0);
    assert_eq!(v["ranked"][0]["id"], "LC-3");
    assert_eq!(v["ranked"][1]["pinned"], true);
}

/// Five items scored by value/cost (cost 1): LC-2 is in progress and LC-3,
/// the most valuable, depends on LC-4.
const DEPENDENT: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[items]]
id = "LC-1"
title = "Offline mode"
kind = "feature"
status = "idea"
value = 2
cost = 1

[[items]]
id = "LC-2"
title = "Search"
kind = "feature"
status = "doing"
value = 1
cost = 1

[[items]]
id = "LC-3"
title = "Single sign-on"
kind = "feature"
status = "idea"
depends_on = ["LC-4"]
value = 9
cost = 1

[[items]]
id = "LC-4"
title = "Accounts"
kind = "feature"
status = "idea"
value = 3
cost = 1

[[items]]
id = "LC-5"
title = "Export"
kind = "feature"
status = "idea"
value = 5
cost = 1
"#;

fn file_order(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|id| id.trim_end_matches('"').to_owned())
        .collect()
}

#[test]
fn apply_puts_an_item_after_what_it_depends_on_and_keeps_work_in_progress() {
    let (dir, path) = scratch_text(DEPENDENT, "product.toml");
    let shown = common::ok(dir.path(), &["rank", "--by", "value-cost"]);
    assert!(
        shown.contains("\nLC-3 comes after LC-4, which it depends on.\n"),
        "{shown}"
    );
    assert!(shown.contains("= doing"), "{shown}");
    let v = common::ok_json(dir.path(), &["rank", "--by", "value-cost"], "rank");
    let sso = &v["ranked"][0];
    assert_eq!(sso["id"], "LC-3");
    assert_eq!(sso["new_position"], 4);
    assert_eq!(sso["placement"]["why"], "after_dependency");
    assert_eq!(sso["placement"]["id"], "LC-4");
    let search = v["ranked"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "LC-2")
        .unwrap();
    assert_eq!(search["doing"], true);
    assert_eq!(search["new_position"], 2);

    common::ok(dir.path(), &["rank", "--by", "value-cost", "--apply"]);
    assert_eq!(file_order(&path), ["LC-5", "LC-2", "LC-4", "LC-3", "LC-1"]);
    let again = common::ok_json(dir.path(), &["rank", "--by", "value-cost"], "rank");
    assert_eq!(again["moves"], 0);
}

#[test]
fn a_diff_after_apply_shows_only_items_whose_place_changed() {
    // Values 1, 2, 3: value/cost reverses them, and LC-2 stays second.
    let reversed = DEPENDENT
        .split("[[items]]\nid = \"LC-4\"")
        .next()
        .unwrap()
        .replace("status = \"doing\"", "status = \"idea\"")
        .replace("depends_on = [\"LC-4\"]\nvalue = 9", "value = 3")
        .replace("value = 2\n", "value = 1\n")
        .replace(
            "title = \"Search\"\nkind = \"feature\"\nstatus = \"idea\"\nvalue = 1",
            "title = \"Search\"\nkind = \"feature\"\nstatus = \"idea\"\nvalue = 2",
        );
    let (dir, path) = scratch_text(&reversed, "product.toml");
    common::commit_all(dir.path(), "Ada Byrne", "Three items");
    common::ok(dir.path(), &["rank", "--by", "value-cost", "--apply"]);
    assert_eq!(file_order(&path), ["LC-3", "LC-2", "LC-1"]);
    let v = common::ok_json(dir.path(), &["diff", "--base", "HEAD"], "diff");
    let moves: Vec<(String, i64, i64)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["change"], "moved", "{c}");
            (
                c["id"].as_str().unwrap().to_owned(),
                c["from"].as_i64().unwrap(),
                c["to"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(moves, [("LC-3".into(), 3, 1), ("LC-1".into(), 1, 3)]);
    let text = common::ok(dir.path(), &["diff", "--base", "HEAD"]);
    assert!(!text.contains("#2    #2"), "{text}");
}

#[test]
fn nothing_scored_says_which_inputs_are_missing_and_how_to_give_them() {
    let no_size: String = SCORED
        .lines()
        .filter(|l| !l.starts_with("size = "))
        .map(|l| format!("{l}\n"))
        .collect();
    let (dir, _) = scratch_text(&no_size, "product.toml");
    let text = common::ok(dir.path(), &["rank"]);
    assert!(!text.contains("in WSJF order"), "{text}");
    assert!(
        text.contains(
            "No item could be scored by WSJF: no item has all of value, time_criticality, risk_reduction and size."
        ),
        "{text}"
    );
    assert!(text.contains("product item score LC-1 --size N"), "{text}");
    let v = common::ok_json(dir.path(), &["rank"], "rank");
    let none = &v["nothing_scored"];
    assert_eq!(
        none["reason"],
        "no item has all of value, time_criticality, risk_reduction and size"
    );
    assert_eq!(none["hint"], "product item score LC-1 --size N");
    let applied = common::ok(dir.path(), &["rank", "--apply"]);
    assert!(!applied.contains("already in WSJF order"), "{applied}");
    assert!(
        applied.contains("No item could be scored by WSJF"),
        "{applied}"
    );
}

/// A suggested command acts on the file the user named with `-f`.
#[test]
fn hints_name_the_file_given_with_f() {
    let (dir, _) = scratch_text(SCORED, "plan.toml");
    let out = product(dir.path())
        .args(["-f", "plan.toml", "rank", "--by", "rice"])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("product -f plan.toml rank --by rice --apply"),
        "{said}"
    );
    let out = product(dir.path())
        .args([
            "-f",
            "plan.toml",
            "kpi",
            "add",
            "--name",
            "Joins",
            "--unit",
            "%",
            "--direction",
            "up",
            "--target",
            "80",
            "--as",
            "Anyone",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("Next: product -f plan.toml kpi record K1 VALUE"),
        "{said}"
    );
    // An error's hint too.
    let out = product(dir.path())
        .args(["-f", "plan.toml", "item", "rm", "LC-1"])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("`product -f plan.toml item rm LC-1 --yes`"),
        "{said}"
    );
}
