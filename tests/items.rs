//! The item commands, run as a product owner would, checking output and the file.

mod common;

use common::{MINIMAL, on_a_terminal, product, scratch_text};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

fn read(path: &std::path::Path) -> toml::Table {
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ids(path: &std::path::Path) -> Vec<String> {
    read(path)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

fn item(path: &std::path::Path, id: &str) -> toml::Table {
    read(path)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_str() == Some(id))
        .unwrap()
        .as_table()
        .unwrap()
        .clone()
}

#[test]
fn add_gives_the_next_id_and_todays_date() {
    let (dir, path) = scratch_text(&MINIMAL.replace("LC-2", "LC-7"), "product.toml");
    product(dir.path())
        .args([
            "item",
            "add",
            "Print a card",
            "--kind",
            "bug",
            "--tag",
            "print",
            "--tag",
            "print",
            "--mvp",
        ])
        .args([
            "--acceptance",
            "Given a card, when I print, then it scans",
            "--description",
            "Long text",
        ])
        .assert()
        .success()
        .stdout("Added LC-8: Print a card (#3 in the backlog)\n");
    let added = item(&path, "LC-8");
    assert_eq!(added["kind"].as_str(), Some("bug"));
    assert_eq!(added["status"].as_str(), Some("idea"));
    assert_eq!(added["tags"].as_array().unwrap().len(), 1);
    assert_eq!(added["mvp"].as_bool(), Some(true));
    assert_eq!(added["created"].to_string(), "2026-11-23");
    assert_eq!(added["updated"].to_string(), "2026-11-23");
    assert_eq!(added["description"].as_str(), Some("Long text"));
}

#[test]
fn list_filters_and_counts() {
    let text = format!(
        "{MINIMAL}\n[[items]]\nid = \"LC-3\"\ntitle = \"Old form\"\nkind = \"debt\"\nstatus = \"done\"\ntags = [\"paper\"]\n"
    );
    let (dir, _) = scratch_text(&text, "product.toml");
    let list = |args: &[&str]| {
        let out = product(dir.path())
            .args(["item", "list", "--json"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(list(&[]), ["LC-1", "LC-2"]);
    assert_eq!(list(&["--all"]), ["LC-1", "LC-2", "LC-3"]);
    assert_eq!(list(&["--status", "done"]), ["LC-3"]);
    assert_eq!(
        list(&["--status", "idea", "--status", "ready"]),
        ["LC-1", "LC-2"]
    );
    assert_eq!(list(&["--kind", "debt", "--all"]), ["LC-3"]);
    assert_eq!(list(&["--tag", "paper"]), Vec::<String>::new());
    assert_eq!(list(&["--tag", "paper", "--all"]), ["LC-3"]);
    assert_eq!(list(&["--mvp"]), Vec::<String>::new());
    product(dir.path())
        .args(["item", "list"])
        .assert()
        .success()
        .stdout(
            contains("LC-1")
                .and(contains("Join online"))
                .and(contains("2 of 3 items")),
        );
}

#[test]
fn move_reorders_open_items() {
    let text = format!(
        "{MINIMAL}\n[[items]]\nid = \"LC-3\"\ntitle = \"c\"\nkind = \"bug\"\nstatus = \"done\"\n\n[[items]]\nid = \"LC-4\"\ntitle = \"d\"\nkind = \"bug\"\nstatus = \"idea\"\n"
    );
    let (dir, path) = scratch_text(&text, "product.toml");
    let mv = |args: &[&str]| {
        product(dir.path())
            .args(["item", "move"])
            .args(args)
            .assert()
            .success()
    };
    mv(&["LC-4", "--top"]);
    assert_eq!(ids(&path), ["LC-4", "LC-1", "LC-2", "LC-3"]);
    mv(&["LC-4", "--bottom"]);
    assert_eq!(ids(&path), ["LC-1", "LC-2", "LC-4", "LC-3"]);
    mv(&["LC-1", "--to", "2"]);
    assert_eq!(ids(&path), ["LC-2", "LC-1", "LC-4", "LC-3"]);
    mv(&["LC-4", "--before", "LC-2"]);
    assert_eq!(ids(&path), ["LC-4", "LC-2", "LC-1", "LC-3"]);
    mv(&["LC-4", "--after", "LC-1"]).stdout("Moved LC-4: d (#3 in the backlog)\n");
    assert_eq!(ids(&path), ["LC-2", "LC-1", "LC-4", "LC-3"]);
    // A done item has no place to move to.
    let before = std::fs::read_to_string(&path).unwrap();
    product(dir.path())
        .args(["item", "move", "LC-3", "--top"])
        .assert()
        .code(2)
        .stderr(contains("LC-3 is done"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn start_done_drop_and_reopen() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    product(dir.path())
        .args(["item", "start", "LC-1"])
        .assert()
        .success()
        .stdout(contains("Started LC-1"));
    assert_eq!(item(&path, "LC-1")["status"].as_str(), Some("doing"));
    product(dir.path())
        .args(["item", "start", "LC-1"])
        .assert()
        .code(2)
        .stderr(contains("already doing"));
    product(dir.path())
        .args(["item", "done", "LC-1"])
        .assert()
        .success();
    let done = item(&path, "LC-1");
    assert_eq!(done["status"].as_str(), Some("done"));
    assert_eq!(done["done_on"].to_string(), "2026-11-23");
    product(dir.path())
        .args(["item", "drop", "LC-2", "--reason", "Not needed"])
        .assert()
        .success();
    let dropped = item(&path, "LC-2");
    assert_eq!(dropped["status"].as_str(), Some("dropped"));
    assert_eq!(dropped["reason"].as_str(), Some("Not needed"));
    // Reopening clears what no longer applies.
    product(dir.path())
        .args(["item", "start", "LC-2"])
        .assert()
        .success();
    let reopened = item(&path, "LC-2");
    assert!(!reopened.contains_key("reason"));
    product(dir.path())
        .args(["item", "start", "LC-1"])
        .assert()
        .success();
    assert!(!item(&path, "LC-1").contains_key("done_on"));
}

#[test]
fn edit_with_flags() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    product(dir.path())
        .args([
            "item",
            "edit",
            "LC-1",
            "--title",
            "Join the library online",
            "--tag",
            "join",
            "--tag",
            "web",
        ])
        .assert()
        .success()
        .stdout("Updated LC-1: Join the library online (#1 in the backlog)\n");
    product(dir.path())
        .args([
            "item", "edit", "LC-1", "--untag", "web", "--no-mvp", "--kind", "bug",
        ])
        .assert()
        .success();
    let edited = item(&path, "LC-1");
    assert_eq!(edited["title"].as_str(), Some("Join the library online"));
    assert_eq!(edited["tags"].as_array().unwrap().len(), 1);
    assert_eq!(edited["kind"].as_str(), Some("bug"));
    assert_eq!(edited["updated"].to_string(), "2026-11-23");
    // The same values again: nothing changes, nothing is written.
    let before = std::fs::read_to_string(&path).unwrap();
    product(dir.path())
        .args(["item", "edit", "LC-1", "--tag", "join"])
        .assert()
        .success()
        .stdout(contains("Unchanged LC-1"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn rm_needs_confirmation_off_a_terminal() {
    let text = MINIMAL.replace(
        "status = \"idea\"",
        "status = \"idea\"\ndepends_on = [\"LC-1\"]",
    );
    let (dir, path) = scratch_text(&text, "product.toml");
    product(dir.path())
        .args(["item", "rm", "LC-1"])
        .assert()
        .code(2)
        .stderr(contains("--yes"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    product(dir.path())
        .args(["item", "rm", "LC-1", "--yes"])
        .assert()
        .success()
        .stdout("Removed LC-1: Join online\nNo longer a dependency of LC-2\n");
    assert_eq!(ids(&path), ["LC-2"]);
    assert!(!item(&path, "LC-2").contains_key("depends_on"));
}

#[test]
fn show_one_item() {
    let (dir, _) = scratch_text(MINIMAL, "product.toml");
    product(dir.path())
        .args(["item", "show", "LC-1"])
        .assert()
        .success()
        .stdout(
            contains("LC-1 Join online")
                .and(contains("Size:     5"))
                .and(contains("Position: 1")),
        );
}

#[test]
fn the_file_is_found_in_a_parent_folder_or_by_env() {
    let (dir, _) = scratch_text(MINIMAL, "product.toml");
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    product(&nested)
        .args(["item", "list"])
        .assert()
        .success()
        .stdout(contains("LC-1"));
    let elsewhere = tempfile::tempdir().unwrap();
    product(elsewhere.path())
        .env("PRODUCT_FILE", dir.path().join("product.toml"))
        .args(["item", "list"])
        .assert()
        .success()
        .stdout(contains("LC-1"));
}

#[test]
fn quiet_prints_nothing_but_still_works() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    product(dir.path())
        .args(["-q", "item", "add", "Quiet one"])
        .assert()
        .success()
        .stdout("");
    assert_eq!(ids(&path).len(), 3);
}

#[test]
fn broken_pipe_exits_quietly() {
    let mut text = MINIMAL.to_owned();
    for n in 3..3000 {
        text.push_str(&format!("\n[[items]]\nid = \"LC-{n}\"\ntitle = \"Item number {n}\"\nkind = \"feature\"\nstatus = \"idea\"\n"));
    }
    let (dir, _) = scratch_text(&text, "product.toml");
    let bin = assert_cmd::cargo::cargo_bin("product");
    let output = std::process::Command::new("sh")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(format!(
            "'{}' item list --format csv | head -1; exit ${{PIPESTATUS:-0}}",
            bin.display()
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "#,ID,Title,Kind,Status,Blocked,Blocked by,Size,WSJF,MVP,Tags\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "no message on a closed pipe"
    );
    // And the exit code itself, without the shell in the way, for every format.
    for format in ["csv", "json", "table", "markdown"] {
        let mut child = std::process::Command::new(&bin)
            .current_dir(dir.path())
            .args(["item", "list", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert!(
            output.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn markdown_and_csv_formats() {
    let (dir, _) = scratch_text(MINIMAL, "product.toml");
    product(dir.path())
        .args(["item", "list", "--format", "csv"])
        .assert()
        .success()
        .stdout("#,ID,Title,Kind,Status,Blocked,Blocked by,Size,WSJF,MVP,Tags\n1,LC-1,Join online,feature,ready,false,,5,,false,\n2,LC-2,Renew a card,feature,idea,false,,,,false,\n");
    product(dir.path())
        .args(["item", "list", "--format", "markdown"])
        .assert()
        .success()
        .stdout(contains(
            "| # | ID | Title | Kind | Status | Size | WSJF | MVP | Tags |\n| --- |",
        ));
}

#[test]
fn edit_sets_status_pin_and_due_date() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    product(dir.path())
        .args([
            "item",
            "edit",
            "LC-1",
            "--status",
            "ready",
            "--pin",
            "--due",
            "2027-03-01",
        ])
        .assert()
        .success()
        .stdout(contains("Updated LC-1"));
    let edited = item(&path, "LC-1");
    assert_eq!(edited["status"].as_str(), Some("ready"));
    assert_eq!(edited["pinned"].as_bool(), Some(true));
    assert_eq!(edited["due"].to_string(), "2027-03-01");
    let out = product(dir.path())
        .args(["item", "edit", "LC-1", "--unpin", "--no-due", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["kind"], "item_updated");
    let edited = item(&path, "LC-1");
    assert!(
        !edited.contains_key("pinned") && !edited.contains_key("due"),
        "{edited:?}"
    );
    // A bad date is a usage error, and the file is untouched.
    let before = std::fs::read_to_string(&path).unwrap();
    product(dir.path())
        .args(["item", "edit", "LC-1", "--due", "tomorrow"])
        .assert()
        .code(2);
    product(dir.path())
        .args(["item", "edit", "LC-1", "--status", "done"])
        .assert()
        .code(2)
        .stderr(contains("product item done LC-1"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn rm_names_the_items_that_depend_on_it_before_asking() {
    let text = MINIMAL.replace(
        "status = \"idea\"",
        "status = \"idea\"\ndepends_on = [\"LC-1\"]",
    );
    let (dir, path) = scratch_text(&text, "product.toml");
    // Off a terminal, the refusal names them.
    product(dir.path())
        .args(["item", "rm", "LC-1"])
        .assert()
        .code(2)
        .stderr(contains("LC-2 (Renew a card) depends on it"));
    // On one, they are named before the question; declining removes
    // nothing and is no error.
    let (code, said) = on_a_terminal(dir.path(), "item rm LC-1", "n\n");
    assert_eq!(code, Some(0), "{said}");
    let asked = said.find("Remove LC-1: Join online?").expect(&said);
    let named = said.find("LC-2 (Renew a card) depends on it").expect(&said);
    assert!(named < asked, "{said}");
    assert!(said.contains("Not removed: LC-1"), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let (code, said) = on_a_terminal(dir.path(), "item rm LC-1 --json", "n\n");
    assert_eq!(code, Some(0), "{said}");
    let json: serde_json::Value =
        serde_json::from_str(&said[said.find('{').expect(&said)..]).expect(&said);
    assert_eq!(json["kind"], "item_not_removed");
    assert_eq!(json["id"], "LC-1");
    assert_eq!(json["dependents"][0]["id"], "LC-2");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // Agreeing removes it, and the dependency with it.
    let (code, said) = on_a_terminal(dir.path(), "item rm LC-1", "y\n");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("Removed LC-1: Join online"), "{said}");
    assert_eq!(ids(&path), ["LC-2"]);
}
