//! `item edit` with no flags: the item in $EDITOR, checked on the way back.

#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{MINIMAL, product, scratch_text};
use predicates::str::contains;

/// Writes an executable editor script; `$1` is the file to edit.
fn editor(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("fake-editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\nset -e\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn a_valid_edit_is_saved_in_place() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let script = editor(
        dir.path(),
        r#"sed -i 's/^title = "Join online"/title = "Join the library online"/; s/^size = 5/size = 8/' "$1""#,
    );
    product(dir.path())
        .env("EDITOR", &script)
        .args(["item", "edit", "LC-1"])
        .assert()
        .success()
        .stdout("Updated LC-1: Join the library online (#1 in the backlog)\n");
    let text = std::fs::read_to_string(&path).unwrap();
    let expected = MINIMAL
        .replace(
            "title = \"Join online\"",
            "title = \"Join the library online\"",
        )
        .replace("size = 5", "size = 8\nupdated = 2026-11-23");
    assert_eq!(text, expected);
}

#[test]
fn the_editor_sees_the_item_as_toml() {
    let (dir, _) = scratch_text(MINIMAL, "product.toml");
    let copy = dir.path().join("seen.toml");
    let script = editor(dir.path(), &format!("cp \"$1\" '{}'", copy.display()));
    product(dir.path())
        .env("EDITOR", &script)
        .args(["item", "edit", "LC-1"])
        .assert()
        .success()
        .stdout(contains("Unchanged"));
    let seen = std::fs::read_to_string(copy).unwrap();
    assert!(seen.starts_with("# Edit the item"), "{seen}");
    assert!(seen.contains("id = \"LC-1\"\ntitle = \"Join online\"\nkind = \"feature\"\nstatus = \"ready\"\nsize = 5\n"), "{seen}");
}

#[test]
fn an_invalid_edit_writes_nothing_off_a_terminal() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    for (body, needle) in [
        (
            r#"sed -i 's/^size = 5/size = "big"/' "$1""#,
            "expected a number",
        ),
        (r#"echo 'sise = 3' >> "$1""#, "unknown key `sise`"),
        (
            r#"sed -i 's/^id = "LC-1"/id = "LC-9"/' "$1""#,
            "the id cannot change",
        ),
        (r#"echo '[[[' >> "$1""#, "LC-1.toml:"),
    ] {
        let script = editor(dir.path(), body);
        product(dir.path())
            .env("EDITOR", &script)
            .args(["item", "edit", "LC-1"])
            .assert()
            .code(3)
            .stderr(contains(needle).and(contains("nothing was written")));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
    }
}

#[test]
fn emptying_the_file_cancels() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let script = editor(dir.path(), r#": > "$1""#);
    product(dir.path())
        .env("EDITOR", &script)
        .args(["item", "edit", "LC-1"])
        .assert()
        .success()
        .stdout(contains("Unchanged"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
}

#[test]
fn the_same_item_saved_elsewhere_meanwhile_is_a_conflict() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    // While LC-1 is open, someone changes LC-1 in product.toml by hand.
    let script = editor(
        dir.path(),
        &format!(
            "sed -i 's/^size = 5/size = 8/' \"$1\"\nsed -i 's/^title = \"Join online\"/title = \"Join\"/' '{}'",
            path.display()
        ),
    );
    product(dir.path())
        .env("EDITOR", &script)
        .args(["item", "edit", "LC-1"])
        .assert()
        .code(5)
        .stderr(contains(
            "LC-1 changed on disk while it was open in the editor",
        ));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        MINIMAL.replace("title = \"Join online\"", "title = \"Join\"")
    );
}

#[test]
fn other_changes_saved_meanwhile_are_kept_and_the_file_is_not_locked() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    // While LC-1 is open, another command adds an item: it must not wait for
    // the editor, and both changes must land.
    let bin = assert_cmd::cargo::cargo_bin("product");
    let script = editor(
        dir.path(),
        &format!(
            "sed -i 's/^size = 5/size = 8/' \"$1\"\nPRODUCT_LOCK_TIMEOUT=0 PRODUCT_TODAY=2026-11-23 '{}' -f '{}' item add 'Added meanwhile' >/dev/null || exit 9",
            bin.display(),
            path.display()
        ),
    );
    product(dir.path())
        .env("EDITOR", &script)
        .args(["item", "edit", "LC-1"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("size = 8"), "{text}");
    assert!(text.contains("title = \"Added meanwhile\""), "{text}");
}

#[test]
fn a_failing_editor_changes_nothing() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let script = editor(dir.path(), "exit 1");
    product(dir.path())
        .env("EDITOR", &script)
        .args(["item", "edit", "LC-1"])
        .assert()
        .code(6)
        .stderr(contains("exited with"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
}

use predicates::prelude::PredicateBooleanExt;
