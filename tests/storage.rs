//! The storage guarantees: locking, atomic replacement, permissions, and
//! not writing when nothing changed.

mod common;

use common::{MINIMAL, product, scratch_text};
use predicates::str::contains;

#[test]
fn a_held_lock_is_a_conflict_after_the_timeout() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let lock = std::fs::File::create(dir.path().join("product.toml.lock")).unwrap();
    lock.lock().unwrap();
    product(dir.path())
        .env("PRODUCT_LOCK_TIMEOUT", "1")
        .args(["item", "add", "Blocked"])
        .assert()
        .code(5)
        .stderr(contains("could not lock").and(contains("PRODUCT_LOCK_TIMEOUT")));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
    // Reading needs no lock.
    product(dir.path())
        .args(["item", "list"])
        .assert()
        .success();
    lock.unlock().unwrap();
    product(dir.path())
        .args(["item", "add", "Free now"])
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_no_temporary_file_is_left() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    product(dir.path())
        .args(["item", "add", "Kept private"])
        .assert()
        .success();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["product.toml", "product.toml.lock"]);
}

#[test]
fn a_command_that_changes_nothing_does_not_write() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    product(dir.path())
        .args(["item", "edit", "LC-1", "--kind", "feature"])
        .assert()
        .success();
    product(dir.path())
        .args(["item", "move", "LC-1", "--top"])
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (dir, _) = scratch_text(MINIMAL, "product.toml");
    let plain = product(dir.path()).args(["item", "list"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
    let coloured = product(dir.path())
        .args(["--color", "always", "item", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains('\u{1b}'));
}

use predicates::prelude::PredicateBooleanExt;
