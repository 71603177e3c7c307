//! Edits that must not lose or bend what is in the file: items written as an
//! inline array, JSON with a repeated key, symlinked files, the mode of a new
//! file, and CRLF line endings.

mod common;

use std::fs;
use std::path::Path;

use common::{MINIMAL, product, scratch_text};
use predicates::str::contains;

/// Runs `product -f <name> <args>` in `dir`, expecting success.
fn run_ok(dir: &Path, name: &str, args: &[&str]) {
    product(dir)
        .arg("-f")
        .arg(name)
        .args(args)
        .assert()
        .success();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

const INLINE: &str = r#"version = 1
items = [{ id = "RX-1", title = "a", kind = "feature", status = "idea", custom = "keep1" }, { id = "RX-2", title = "b", kind = "bug", status = "idea", custom = "keep2" }]

[product]
name = "P"
key = "RX"
"#;

#[test]
fn moving_an_item_of_an_inline_array_keeps_every_item_whole() {
    let (dir, path) = scratch_text(INLINE, "f.toml");
    run_ok(dir.path(), "f.toml", &["item", "move", "RX-2", "--top"]);
    assert_eq!(
        read(&path),
        r#"version = 1
items = [{ id = "RX-2", title = "b", kind = "bug", status = "idea", custom = "keep2" }, { id = "RX-1", title = "a", kind = "feature", status = "idea", custom = "keep1" }]

[product]
name = "P"
key = "RX"
"#
    );
}

#[test]
fn removing_and_adding_in_an_inline_array_keeps_the_others() {
    let (dir, path) = scratch_text(INLINE, "f.toml");
    run_ok(dir.path(), "f.toml", &["item", "rm", "RX-1", "--yes"]);
    assert_eq!(
        read(&path),
        r#"version = 1
items = [{ id = "RX-2", title = "b", kind = "bug", status = "idea", custom = "keep2" }]

[product]
name = "P"
key = "RX"
"#
    );
    run_ok(dir.path(), "f.toml", &["item", "add", "c"]);
    assert_eq!(
        read(&path),
        r#"version = 1
items = [{ id = "RX-2", title = "b", kind = "bug", status = "idea", custom = "keep2" }, { id = "RX-3", title = "c", kind = "feature", status = "idea", created = 2026-11-23, updated = 2026-11-23 }]

[product]
name = "P"
key = "RX"
"#
    );
}

#[test]
fn changing_an_inline_item_keeps_its_unknown_keys() {
    let (dir, path) = scratch_text(INLINE, "f.toml");
    run_ok(
        dir.path(),
        "f.toml",
        &["item", "edit", "RX-1", "--title", "A"],
    );
    run_ok(dir.path(), "f.toml", &["item", "done", "RX-1"]);
    run_ok(
        dir.path(),
        "f.toml",
        &["item", "drop", "RX-2", "--reason", "no"],
    );
    let text = read(&path);
    assert!(text.contains(r#"custom = "keep1" }"#), "{text}");
    assert!(text.contains(r#"custom = "keep2" }"#), "{text}");
    assert!(text.contains(r#"{ id = "RX-1", title = "A", kind = "feature", status = "done""#));
    assert!(text.contains(r#"{ id = "RX-2", title = "b", kind = "bug", status = "dropped""#));
}

#[test]
fn a_multiline_inline_array_keeps_its_layout_and_comments_through_a_move() {
    let text = r#"version = 1
items = [
  # the first one
  { id = "RX-1", title = "a", kind = "feature", status = "idea", custom = "keep1" },
  {id="RX-2",title="b",kind="bug",status="idea",custom="keep2"},
  { id = "RX-3", title = "c", kind = "bug", status = "idea" }
]

[product]
name = "P"
key = "RX"
"#;
    let (dir, path) = scratch_text(text, "f.toml");
    run_ok(dir.path(), "f.toml", &["item", "move", "RX-3", "--top"]);
    run_ok(dir.path(), "f.toml", &["item", "rm", "RX-2", "--yes"]);
    run_ok(dir.path(), "f.toml", &["item", "add", "d"]);
    assert_eq!(
        read(&path),
        r#"version = 1
items = [
  { id = "RX-3", title = "c", kind = "bug", status = "idea" },
  # the first one
  { id = "RX-1", title = "a", kind = "feature", status = "idea", custom = "keep1" },
  { id = "RX-4", title = "d", kind = "feature", status = "idea", created = 2026-11-23, updated = 2026-11-23 }
]

[product]
name = "P"
key = "RX"
"#
    );
}

#[test]
fn json_move_and_remove_keep_unknown_keys_with_their_item() {
    let text = r#"{
  "version": 1,
  "product": {"name": "P", "key": "RX"},
  "items": [
    {"id": "RX-1", "title": "a", "kind": "feature", "status": "idea", "x-note": "keep1"},
    {"id": "RX-2", "title": "b", "kind": "bug", "status": "idea", "x-note": "keep2"},
    {"id": "RX-3", "title": "c", "kind": "bug", "status": "idea"}
  ]
}
"#;
    let (dir, path) = scratch_text(text, "f.json");
    run_ok(dir.path(), "f.json", &["item", "move", "RX-2", "--top"]);
    run_ok(dir.path(), "f.json", &["item", "rm", "RX-1", "--yes"]);
    assert_eq!(
        read(&path),
        r#"{
  "version": 1,
  "product": {
    "name": "P",
    "key": "RX"
  },
  "items": [
    {
      "id": "RX-2",
      "title": "b",
      "kind": "bug",
      "status": "idea",
      "x-note": "keep2"
    },
    {
      "id": "RX-3",
      "title": "c",
      "kind": "bug",
      "status": "idea"
    }
  ]
}
"#
    );
}

const DUPLICATE: &str = r#"{
  "version": 1,
  "product": {"name": "P", "key": "RX"},
  "items": [
    {"id": "RX-1", "title": "a", "kind": "feature", "status": "idea", "size": 3, "size": 8}
  ]
}
"#;

#[test]
fn a_json_key_written_twice_is_refused_by_edits_as_by_reads() {
    let (dir, path) = scratch_text(DUPLICATE, "d.json");
    product(dir.path())
        .args(["-f", "d.json", "item", "list"])
        .assert()
        .code(3)
        .stderr(contains("d.json:5:87: items[RX-1]: duplicate field `size`"));
    product(dir.path())
        .args(["-f", "d.json", "item", "add", "x"])
        .assert()
        .code(3)
        .stderr(contains("d.json:5:87: items[RX-1]: duplicate field `size`"));
    assert_eq!(read(&path), DUPLICATE);
}

#[test]
fn an_unknown_json_key_written_twice_is_refused_by_edits() {
    // Reads may ignore it, but a write would keep only one of the two.
    let text = DUPLICATE.replace(r#""size": 3, "size": 8"#, r#""x-a": 3, "x-a": 8"#);
    let (dir, path) = scratch_text(&text, "d.json");
    product(dir.path())
        .args(["-f", "d.json", "item", "add", "x"])
        .assert()
        .code(3)
        .stderr(contains("d.json:5:85: items[RX-1]: duplicate key `x-a`"));
    assert_eq!(read(&path), text);
}

#[cfg(unix)]
#[test]
fn an_edit_writes_through_a_symlink_and_leaves_the_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/product.toml");
    fs::write(&target, MINIMAL).unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("real/product.toml", &link).unwrap();
    run_ok(dir.path(), "link.toml", &["item", "rm", "LC-2", "--yes"]);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_link(&link).unwrap(),
        Path::new("real/product.toml")
    );
    // LC-2 was the highest id: the file now remembers it was issued.
    let expected = MINIMAL
        .split("\n[[items]]\nid = \"LC-2\"")
        .next()
        .unwrap()
        .replace(
            "key = \"LC\"\n",
            "key = \"LC\"\nrequires = \"0.2\"\nlast_ids = { items = 2 }\n",
        );
    assert_eq!(read(&target), expected);
    // The lock is the target's, shared by every path to it; no temporary
    // file is left beside it.
    assert!(!dir.path().join("link.toml.lock").exists());
    let mut in_real: Vec<String> = fs::read_dir(dir.path().join("real"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    in_real.sort();
    assert_eq!(in_real, ["product.toml", "product.toml.lock"]);
}

#[cfg(unix)]
#[test]
fn init_gives_a_new_file_the_usual_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // What any program creating a file here gets: 0o666 less the umask.
    let probe = dir.path().join("probe");
    fs::File::create(&probe).unwrap();
    let usual = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    fs::remove_file(&probe).unwrap();
    product(dir.path())
        .args(["init", "--name", "N", "--key", "NN"])
        .assert()
        .success();
    let mode = fs::metadata(dir.path().join("product.toml"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(format!("{mode:o}"), format!("{usual:o}"));
}

#[test]
fn a_crlf_toml_file_stays_crlf() {
    let (dir, path) = scratch_text(&MINIMAL.replace('\n', "\r\n"), "product.toml");
    run_ok(
        dir.path(),
        "product.toml",
        &["item", "edit", "LC-1", "--title", "Join"],
    );
    run_ok(dir.path(), "product.toml", &["item", "add", "New"]);
    let expected = MINIMAL
        .replace("Join online", "Join")
        .replace("size = 5\n", "size = 5\nupdated = 2026-11-23\n")
        + "\n[[items]]\nid = \"LC-3\"\ntitle = \"New\"\nkind = \"feature\"\nstatus = \"idea\"\ncreated = 2026-11-23\nupdated = 2026-11-23\n";
    assert_eq!(read(&path), expected.replace('\n', "\r\n"));
}

#[test]
fn a_crlf_json_file_stays_crlf() {
    let text = "{\r\n  \"version\": 1,\r\n  \"product\": {\r\n    \"name\": \"P\",\r\n    \"key\": \"RX\"\r\n  }\r\n}\r\n";
    let (dir, path) = scratch_text(text, "product.json");
    run_ok(dir.path(), "product.json", &["item", "add", "New"]);
    let expected = "{\r\n  \"version\": 1,\r\n  \"product\": {\r\n    \"name\": \"P\",\r\n    \"key\": \"RX\"\r\n  },\r\n  \"items\": [\r\n    {\r\n      \"id\": \"RX-1\",\r\n      \"title\": \"New\",\r\n      \"kind\": \"feature\",\r\n      \"status\": \"idea\",\r\n      \"created\": \"2026-11-23\",\r\n      \"updated\": \"2026-11-23\"\r\n    }\r\n  ]\r\n}\r\n";
    assert_eq!(read(&path), expected);
}

#[test]
fn a_crlf_toml_file_keeps_the_line_breaks_inside_multi_line_strings() {
    // Found by fuzzing: an edit turned the LF inside an untouched multi-line
    // string into CRLF, changing its value, and wrote a new multi-line
    // title with CRLF inside.
    let text = "version = 1\r\n[product]\r\nname = \"P\"\r\nkey = \"P\"\r\n[vision]\r\nstatement = \"\"\"a\nb\"\"\"\r\n";
    let (dir, path) = common::scratch_text(text, "product.toml");
    run_ok(dir.path(), "product.toml", &["item", "add", "Two\nlines"]);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with(text), "{written:?}");
    let product = productfile::store::load(&path).unwrap();
    assert_eq!(product.vision.statement.as_deref(), Some("a\nb"));
    assert_eq!(product.items[0].title, "Two\nlines");
    // Every line outside the strings still ends in CRLF.
    assert!(written.ends_with("\r\n"), "{written:?}");
    assert!(
        written.contains("title = \"\"\"\nTwo\nlines\"\"\"\r\nkind"),
        "{written:?}"
    );
}

#[test]
fn json_numbers_read_back_exactly_after_an_edit() {
    // Found by fuzzing: without exact float parsing, a number could read
    // back one unit in the last place off once written again.
    let text = r#"{"version":1,"product":{"name":"P","key":"P"},"items":[{"id":"P-1","title":"t","kind":"bug","status":"ready","cost":4.444445e62}]}"#;
    let (dir, path) = common::scratch_text(text, "product.json");
    let before = productfile::store::load(&path).unwrap();
    assert_eq!(
        before.items[0].cost,
        Some("4.444445e62".parse::<f64>().unwrap())
    );
    run_ok(dir.path(), "product.json", &["item", "add", "Z"]);
    let after = productfile::store::load(&path).unwrap();
    assert_eq!(after.items[0], before.items[0]);
}
