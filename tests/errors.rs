//! Bad input: every case exits with the documented code, says where the
//! problem is, and leaves the file byte for byte as it was.

mod common;

use common::{MINIMAL, product, scratch_text};

/// Runs `args` on a file with `text`, checks the exit code and that stderr
/// mentions every `needle`, and that the file is unchanged.
fn refuses(text: &str, name: &str, args: &[&str], code: i32, needles: &[&str]) -> String {
    let (dir, path) = scratch_text(text, name);
    let output = product(dir.path()).args(args).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(code), "stderr: {stderr}");
    assert!(
        output.stdout.is_empty(),
        "nothing on stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    for needle in needles {
        assert!(stderr.contains(needle), "`{needle}` not in: {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "the file must be untouched"
    );
    stderr
}

const ADD: &[&str] = &["item", "add", "Something new"];

#[test]
fn empty_file() {
    refuses(
        "",
        "product.toml",
        ADD,
        3,
        &["product.toml:1:1", "the file is empty"],
    );
    refuses(
        "",
        "product.json",
        ADD,
        3,
        &["product.json:1:1", "the file is empty"],
    );
}

#[test]
fn invalid_toml() {
    let text = "version = 1\n[product\nname = \"x\"\n";
    refuses(text, "product.toml", ADD, 3, &["product.toml:2:"]);
    refuses(
        text,
        "product.toml",
        &["item", "list"],
        3,
        &["product.toml:2:"],
    );
}

#[test]
fn invalid_json() {
    let text = "{\n  \"version\": 1,\n  \"product\": {\"name\": \"x\", \"key\": \"LC\"\n}\n";
    refuses(
        text,
        "product.json",
        ADD,
        3,
        &["product.json:5:1", "EOF while parsing"],
    );
}

#[test]
fn wrong_type() {
    let text = MINIMAL.replace("size = 5", "size = \"big\"");
    refuses(
        &text,
        "product.toml",
        ADD,
        3,
        &["product.toml:12:8", "items[LC-1].size", "expected a number"],
    );
    refuses(&text, "product.toml", &["show"], 3, &["items[LC-1].size"]);
}

#[test]
fn wrong_type_in_json() {
    let text = r#"{
  "version": 1,
  "product": {"name": "x", "key": "LC"},
  "items": [
    {"id": "LC-1", "title": "a", "kind": "feature", "status": "idea", "size": "big"}
  ]
}
"#;
    refuses(
        text,
        "product.json",
        ADD,
        3,
        &["product.json:5:", "items[LC-1].size", "expected a number"],
    );
}

#[test]
fn unknown_enum_value_lists_the_allowed_ones() {
    let text = MINIMAL.replace("status = \"idea\"", "status = \"someday\"");
    refuses(
        &text,
        "product.toml",
        ADD,
        3,
        &["items[LC-2].status", "someday", "`idea`"],
    );
}

#[test]
fn bad_date() {
    let text = MINIMAL.replace("size = 5", "size = 5\ncreated = \"last week\"");
    refuses(
        &text,
        "product.toml",
        ADD,
        3,
        &["items[LC-1].created", "YYYY-MM-DD"],
    );
}

#[test]
fn duplicate_id() {
    let text = MINIMAL.replace("id = \"LC-2\"", "id = \"LC-1\"");
    refuses(
        &text,
        "product.toml",
        ADD,
        3,
        &["product.toml:15:1", "items[LC-1].id", "duplicate id `LC-1`"],
    );
}

#[test]
fn malformed_id() {
    let text = MINIMAL.replace("id = \"LC-2\"", "id = \"LC2\"");
    refuses(
        &text,
        "product.toml",
        &["item", "list"],
        3,
        &["items[LC2].id", "expected KEY-N"],
    );
}

#[test]
fn unknown_version() {
    let text = MINIMAL.replace("version = 1", "version = 2");
    refuses(
        &text,
        "product.toml",
        ADD,
        3,
        &["product.toml:1:1", "unsupported version 2"],
    );
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = product(dir.path())
        .args(["-f", "nowhere.toml", "item", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("nowhere.toml does not exist"), "{stderr}");
    assert!(!dir.path().join("nowhere.toml").exists());
}

#[test]
fn no_file_found_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let output = product(dir.path()).args(["show"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no product file found"), "{stderr}");
    assert!(stderr.contains("product init"), "{stderr}");
}

#[test]
fn unknown_item_id_lists_the_known_ones() {
    for args in [
        &["item", "show", "LC-99"][..],
        &["item", "done", "LC-99"],
        &["item", "move", "LC-99", "--top"],
        &["item", "move", "LC-1", "--after", "LC-99"],
        &["item", "edit", "LC-99", "--tag", "x"],
        &["item", "drop", "LC-99", "--reason", "r"],
        &["item", "rm", "LC-99", "--yes"],
    ] {
        refuses(
            MINIMAL,
            "product.toml",
            args,
            3,
            &["no item `LC-99`", "known items: LC-1, LC-2"],
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    refuses(MINIMAL, "product.toml", &["item", "add"], 2, &["TITLE"]);
    refuses(
        MINIMAL,
        "product.toml",
        &["item", "move", "LC-1"],
        2,
        &["--to"],
    );
    refuses(
        MINIMAL,
        "product.toml",
        &["item", "list", "--status", "someday"],
        2,
        &["someday"],
    );
    refuses(
        MINIMAL,
        "product.toml",
        &["item", "drop", "LC-1"],
        2,
        &["--reason"],
    );
    refuses(
        MINIMAL,
        "product.toml",
        &["item", "add", "  "],
        2,
        &["title is empty"],
    );
    refuses(
        MINIMAL,
        "product.toml",
        &["item", "move", "LC-1", "--before", "LC-1"],
        2,
        &["relative to itself"],
    );
    refuses(
        MINIMAL,
        "product.toml",
        &["item", "start", "LC-1", "--bogus"],
        2,
        &["--bogus"],
    );
}

#[test]
fn errors_as_json_keep_stdout_empty() {
    let text = MINIMAL.replace("size = 5", "size = \"big\"");
    let (dir, _) = scratch_text(&text, "product.toml");
    let output = product(dir.path())
        .args(["item", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(output.stdout.is_empty());
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["kind"], "error");
    assert_eq!(error["version"], 1);
    assert_eq!(error["code"], "file_invalid");
    assert_eq!(error["exit_code"], 3);
    assert_eq!(error["problems"][0]["line"], 12);
    assert_eq!(error["problems"][0]["column"], 8);
    assert_eq!(error["problems"][0]["path"], "items[LC-1].size");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("expected a number")
    );

    let output = product(dir.path())
        .args(["item", "nonsense", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["code"], "usage");
}

#[test]
fn bad_environment_is_a_usage_error() {
    let (dir, _) = scratch_text(MINIMAL, "product.toml");
    let output = product(dir.path())
        .env("PRODUCT_TODAY", "tomorrow")
        .args(["item", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("PRODUCT_TODAY"));
}

#[test]
fn a_byte_order_mark_is_read_past_and_kept() {
    let text = format!("\u{feff}{MINIMAL}");
    let (dir, path) = scratch_text(&text, "product.toml");
    product(dir.path()).args(ADD).assert().success();
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&text), "BOM and content kept: {after:?}");
    let (dir, _) = scratch_text(
        "\u{feff}{\"version\": 1, \"product\": {\"name\": \"x\", \"key\": \"LC\"}}",
        "product.json",
    );
    product(dir.path())
        .args(["item", "list"])
        .assert()
        .success();
}

#[test]
fn hostile_inputs_never_panic() {
    let cases = [
        "\u{feff}version = 1\n",
        "version = 1\n[product]\nname = \"x\"\nkey = \"LC\"\n[[items]]\n",
        "version = 1\nproduct = 5\n",
        "version = 99999999999999999999\n",
        "[[items]]\nid = 1\n",
        "version = 1\nitems = \"oops\"\n[product]\nname = \"x\"\nkey = \"LC\"\n",
        "version = 1\n[product]\nname = \"\"\nkey = \"lower\"\n",
    ];
    for text in cases {
        let (dir, path) = scratch_text(text, "product.toml");
        let output = product(dir.path()).args(ADD).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{text:?}: {stderr}");
        assert!(stderr.contains("product.toml"), "{text:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(std::fs::read_to_string(path).unwrap(), text);
    }
    let json_cases = [
        "[]",
        "null",
        "{\"version\": 1, \"product\": []}",
        "{\"version\": 1,,}",
        "\"str\"",
    ];
    for text in json_cases {
        let (dir, path) = scratch_text(text, "product.json");
        let output = product(dir.path()).args(ADD).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{text:?}: {stderr}");
        assert_eq!(std::fs::read_to_string(path).unwrap(), text);
    }
}

#[test]
fn not_a_number_is_refused_with_its_place() {
    let text = MINIMAL.replace("size = 5", "size = nan");
    refuses(
        &text,
        "product.toml",
        &["item", "list"],
        3,
        &["product.toml:12:1: items[LC-1].size: NaN is not a usable number"],
    );
}

#[test]
fn item_numbers_that_run_out_are_refused() {
    let text = MINIMAL.replace("\"LC-2\"", "\"LC-999999999999999999\"");
    refuses(
        &text,
        "product.toml",
        &["item", "add", "One more"],
        3,
        &["no item number is left after the highest LC id"],
    );
}

/// Items written by hand: an id and a title are enough.
#[test]
fn an_item_with_only_an_id_and_a_title_reads_as_a_feature_idea() {
    let text = "version = 1\n\n[product]\nname = \"Demo\"\nkey = \"DM\"\n\n[[items]]\nid = \"DM-1\"\ntitle = \"Sign in\"\n";
    let (dir, path) = scratch_text(text, "product.toml");
    let shown = common::ok_json(dir.path(), &["item", "show", "DM-1"], "item");
    assert_eq!(shown["item"]["kind"], "feature", "{shown}");
    assert_eq!(shown["item"]["status"], "idea", "{shown}");
    // Editing it writes only what changed: no `kind` or `status` appears.
    common::ok(
        dir.path(),
        &["item", "edit", "DM-1", "--title", "Sign in with email"],
    );
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("title = \"Sign in with email\""), "{after}");
    assert!(
        !after.contains("kind") && !after.contains("status"),
        "{after}"
    );
}

/// Several problems in one file are all reported, each at its place.
#[test]
fn every_problem_in_a_file_is_reported_in_one_run() {
    let text = "version = 1\n\n[product]\nname = \"Demo\"\nkey = \"DM\"\n\n\
[[items]]\nid = \"DM-1\"\ntitle = \"Sign in\"\n\n\
[[items]]\nid = \"DM-1\"\ntitle = \"Sign out\"\n\n\
[[items]]\nid = \"DM-3\"\nkind = \"bug\"\n\n\
[[items]]\nid = \"DM-4\"\ntitle = \"Export\"\nsize = \"big\"\n";
    let stderr = refuses(
        text,
        "product.toml",
        &["show"],
        3,
        &[
            "product.toml:12:1",
            "duplicate id `DM-1`",
            "product.toml:15:1",
            "missing field `title`",
            "product.toml:22:8",
            "items[DM-4].size",
        ],
    );
    assert!(
        stderr.find("12:1").unwrap() < stderr.find("15:1").unwrap(),
        "{stderr}"
    );
    // The same in JSON.
    let json = r#"{
  "version": 1,
  "product": {"name": "Demo", "key": "DM"},
  "items": [
    {"id": "DM-1", "title": "Sign in"},
    {"id": "DM-1", "title": "Sign out"},
    {"id": "DM-3", "kind": "bug"},
    {"id": "DM-4", "title": "Export", "size": "big"}
  ]
}
"#;
    refuses(
        json,
        "product.json",
        &["show"],
        3,
        &[
            "product.json:6:",
            "duplicate id `DM-1`",
            "product.json:7:",
            "missing field `title`",
            "product.json:8:",
            "items[DM-4].size",
        ],
    );
}
