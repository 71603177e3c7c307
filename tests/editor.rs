//! `item edit` with no flags: the item in $EDITOR, on a terminal only,
//! checked on the way back; the edited text kept beside the file when it
//! cannot be written, and applied with `item edit ID --from FILE`.

#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{MINIMAL, on_a_terminal_as, plain, product, scratch_text};
use predicates::str::contains;

/// Writes an executable editor script; `$1` is the file to edit.
fn editor(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("fake-editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\nset -e\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// Runs `product ARGS` on a terminal with `script` as its editor, typing
/// `input`; its exit code and all it printed.
fn in_editor(dir: &Path, script: &Path, args: &str, input: &str) -> (Option<i32>, String) {
    let mut cmd = plain(dir);
    cmd.env("EDITOR", script);
    on_a_terminal_as(cmd, args, input)
}

#[test]
fn a_valid_edit_is_saved_in_place() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let script = editor(
        dir.path(),
        r#"sed -i 's/^title = "Join online"/title = "Join the library online"/; s/^size = 5/size = 8/' "$1""#,
    );
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "");
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(
        said,
        "Updated LC-1: Join the library online (#1 in the backlog)\n"
    );
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
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("Unchanged"), "{said}");
    let seen = std::fs::read_to_string(copy).unwrap();
    assert!(seen.starts_with("# Edit the item"), "{seen}");
    assert!(seen.contains("id = \"LC-1\"\ntitle = \"Join online\"\nkind = \"feature\"\nstatus = \"ready\"\nsize = 5\n"), "{seen}");
}

#[test]
fn an_invalid_edit_not_reopened_writes_nothing() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    for (body, needle) in [
        (
            r#"sed -i 's/^size = 5/size = "big"/' "$1""#,
            "expected a number",
        ),
        (
            r#"echo 'sise = 3' >> "$1""#,
            "LC-1.toml:7:1: unknown key `sise`; did you mean `size`?",
        ),
        (
            r#"echo 'size = 3' >> "$1""#,
            "LC-1.toml:7:1: duplicate key `size` (first set on line 6)",
        ),
        (
            r#"sed -i 's/^id = "LC-1"/id = "LC-9"/' "$1""#,
            "the id cannot change",
        ),
        (r#"echo '[[[' >> "$1""#, "LC-1.toml:"),
    ] {
        let script = editor(dir.path(), body);
        let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "n\n");
        assert_eq!(code, Some(3), "{said}");
        assert!(said.contains("Re-open the editor?"), "{said}");
        assert!(said.contains(needle), "{needle}: {said}");
        assert!(said.contains("nothing was written"), "{said}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
    }
}

#[test]
fn off_a_terminal_the_editor_is_refused_with_the_field_flags() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let ran = dir.path().join("editor-ran");
    let script = editor(dir.path(), &format!("touch '{}'", ran.display()));
    for json in [false, true] {
        let mut cmd = product(dir.path());
        cmd.env("EDITOR", &script).args(["item", "edit", "LC-1"]);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let said = String::from_utf8(out.stderr).unwrap();
        for needle in ["no terminal", "--title", "--from FILE"] {
            assert!(said.contains(needle), "{needle}: {said}");
        }
    }
    // On a terminal, but with the output going elsewhere.
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1 > out.txt", "");
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("--title"), "{said}");
    assert!(!ran.exists(), "the editor ran");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
}

#[test]
fn emptying_the_file_cancels() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let script = editor(dir.path(), r#": > "$1""#);
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("Unchanged"), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
}

#[test]
fn the_same_item_saved_elsewhere_meanwhile_is_a_conflict_and_the_text_is_kept() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    // While LC-1 is open, someone changes LC-1 in product.toml by hand.
    let script = editor(
        dir.path(),
        &format!(
            "sed -i 's/^size = 5/size = 8/' \"$1\"\nsed -i 's/^title = \"Join online\"/title = \"Join\"/' '{}'",
            path.display()
        ),
    );
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "");
    assert_eq!(code, Some(5), "{said}");
    for needle in [
        "LC-1 changed on disk while it was open in the editor (LC-1 title: Join online -> Join)",
        "nothing was written to product.toml",
        "your text is kept in product.toml.LC-1.edit.toml",
        "product item edit LC-1 --from product.toml.LC-1.edit.toml",
    ] {
        assert!(said.contains(needle), "{needle}: {said}");
    }
    let changed = MINIMAL.replace("title = \"Join online\"", "title = \"Join\"");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), changed);
    let kept = dir.path().join("product.toml.LC-1.edit.toml");
    let text = std::fs::read_to_string(&kept).unwrap();
    assert!(text.contains("title = \"Join online\"\n"), "{text}");
    assert!(text.contains("size = 8\n"), "{text}");
    assert!(
        text.contains("# Changed in the file meanwhile (applying this undoes it unless you copy it in):\n#   LC-1 title: Join online -> Join\n"),
        "{text}"
    );

    // A second conflict does not overwrite the first text kept.
    let script = editor(
        dir.path(),
        &format!(
            "sed -i 's/^size = 5/size = 8/' \"$1\"\nsed -i 's/^title = \"Join\"/title = \"Join online\"/' '{}'",
            path.display()
        ),
    );
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "");
    assert_eq!(code, Some(5), "{said}");
    assert!(said.contains("product.toml.LC-1.edit-2.toml"), "{said}");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), text);
    assert!(dir.path().join("product.toml.LC-1.edit-2.toml").exists());
    std::fs::write(&path, &changed).unwrap();

    // One command applies the kept text to LC-1 as it is now, without a
    // terminal, and removes the file it kept.
    product(dir.path())
        .args([
            "item",
            "edit",
            "LC-1",
            "--from",
            "product.toml.LC-1.edit.toml",
        ])
        .assert()
        .success()
        .stdout("Updated LC-1: Join online (#1 in the backlog)\n");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        MINIMAL.replace("size = 5", "size = 8\nupdated = 2026-11-23")
    );
    assert!(!kept.exists());
}

#[test]
fn from_a_file_is_checked_like_an_edit() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let mine = dir.path().join("mine.toml");
    let item = "id = \"LC-1\"\ntitle = \"Join online\"\nkind = \"feature\"\nstatus = \"ready\"\n";
    std::fs::write(&mine, format!("{item}sise = 3\n")).unwrap();
    product(dir.path())
        .args(["item", "edit", "LC-1", "--from", "mine.toml"])
        .assert()
        .code(3)
        .stderr(contains(
            "mine.toml:5:1: unknown key `sise`; did you mean `size`?",
        ));
    product(dir.path())
        .args(["item", "edit", "LC-2", "--from", "mine.toml"])
        .assert()
        .code(3);
    product(dir.path())
        .args([
            "item",
            "edit",
            "LC-1",
            "--from",
            "mine.toml",
            "--title",
            "T",
        ])
        .assert()
        .code(2)
        .stderr(contains("--from"));
    product(dir.path())
        .args(["item", "edit", "LC-1", "--from", "nowhere.toml"])
        .assert()
        .code(3)
        .stderr(contains("nowhere.toml does not exist"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
    // A file of one's own is applied and left where it is.
    std::fs::write(&mine, format!("{item}size = 3\n")).unwrap();
    product(dir.path())
        .args(["item", "edit", "LC-1", "--from", "mine.toml"])
        .assert()
        .success();
    assert!(mine.exists());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("size = 3\n")
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
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "");
    assert_eq!(code, Some(0), "{said}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("size = 8"), "{text}");
    assert!(text.contains("title = \"Added meanwhile\""), "{text}");
}

#[test]
fn a_failing_editor_changes_nothing() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let script = editor(dir.path(), "exit 1");
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "");
    assert_eq!(code, Some(6), "{said}");
    assert!(said.contains("exited with"), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
}

#[test]
fn an_edit_refused_on_writing_is_kept_too() {
    // LC-2 depends on LC-1: LC-1 may not come to depend on LC-2.
    let text = MINIMAL.replace(
        "status = \"idea\"",
        "status = \"idea\"\ndepends_on = [\"LC-1\"]",
    );
    let (dir, path) = scratch_text(&text, "product.toml");
    let script = editor(dir.path(), r#"echo 'depends_on = ["LC-2"]' >> "$1""#);
    let (code, said) = in_editor(dir.path(), &script, "item edit LC-1", "");
    assert_ne!(code, Some(0), "{said}");
    assert!(said.contains("cycle"), "{said}");
    assert!(
        said.contains("your text is kept in product.toml.LC-1.edit.toml"),
        "{said}"
    );
    assert!(
        said.contains("product item edit LC-1 --from product.toml.LC-1.edit.toml"),
        "{said}"
    );
    let kept = std::fs::read_to_string(dir.path().join("product.toml.LC-1.edit.toml")).unwrap();
    assert!(
        kept.contains("#   product item edit LC-1 --from product.toml.LC-1.edit.toml\n"),
        "{kept}"
    );
    assert!(kept.ends_with("depends_on = [\"LC-2\"]\n"), "{kept}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
