//! The storage guarantees: locking, atomic replacement, permissions, and
//! not writing when nothing changed.

mod common;

use common::{MINIMAL, product, refuses, scratch_text};
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

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_and_left_as_it_is() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let e = refuses(
        6,
        dir.path(),
        &path,
        &["item", "add", "Not here"],
        &["product.toml is read-only", "0444", "chmod u+w"],
    );
    assert_eq!(e["code"], "read_only");
    // `init --force` over it is refused alike.
    let e = refuses(
        6,
        dir.path(),
        &path,
        &["-f", "product.toml", "init", "--force", "--name", "Other"],
        &["read-only"],
    );
    assert_eq!(e["code"], "read_only");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
    // Made writable, the same command goes through.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    product(dir.path())
        .args(["item", "add", "Now here"])
        .assert()
        .success();
}

/// Root editing someone else's file leaves it theirs: the new file gets
/// the old one's owner and group. Only root can give a file away, so
/// elsewhere there is nothing to see.
#[cfg(unix)]
#[test]
fn the_owner_and_group_are_kept() {
    use std::os::unix::fs::{MetadataExt, chown};
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    if chown(&path, Some(4321), Some(4322)).is_err() {
        eprintln!("not root: cannot give the file away, nothing to test");
        return;
    }
    product(dir.path())
        .args(["item", "add", "Still theirs"])
        .assert()
        .success();
    let meta = std::fs::metadata(&path).unwrap();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Still theirs")
    );
    assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
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

// --- Through the library ----------------------------------------------------

use std::time::Duration;

use productfile::model::RuleLevel;
use productfile::store::{self, Edit, StoreError};

const WAIT: Duration = Duration::from_secs(5);

/// Whether another holder could take the file's lock right now.
fn lock_is_free(path: &std::path::Path) -> bool {
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(store::lock_path(path))
        .unwrap();
    let free = lock.try_lock().is_ok();
    if free {
        lock.unlock().unwrap();
    }
    free
}

#[test]
fn check_settings_are_saved() {
    for name in ["product.toml", "product.json"] {
        let (dir, path) = scratch_text(MINIMAL, "product.toml");
        let path = if name.ends_with(".json") {
            let json_path = dir.path().join(name);
            let product = store::load(&path).unwrap();
            let value = serde_json::to_value(&product).unwrap();
            std::fs::write(&json_path, store::JsonStyle::standard().write(&value)).unwrap();
            json_path
        } else {
            path
        };
        let (mut product, mut edit) = Edit::open(&path, WAIT).unwrap();
        product.check.max_doing = Some(9);
        product
            .check
            .rules
            .insert("ready-needs-size".into(), RuleLevel::Info);
        assert!(edit.save(&product).unwrap(), "{name}: nothing written");
        drop(edit);
        let read = store::load(&path).unwrap();
        assert_eq!(read.check.max_doing, Some(9), "{name}");
        assert_eq!(
            read.check.rules.get("ready-needs-size"),
            Some(&RuleLevel::Info),
            "{name}"
        );
        assert_eq!(read, product, "{name}");
    }
}

#[test]
fn save_releases_the_lock_whether_it_writes_or_fails() {
    let (_dir, path) = scratch_text(MINIMAL, "product.toml");
    let (mut product, mut edit) = Edit::open(&path, WAIT).unwrap();
    assert!(!lock_is_free(&path), "the edit holds the lock");
    product.items[0].title = "Join online today".into();
    assert!(edit.save(&product).unwrap());
    assert!(lock_is_free(&path), "released after writing");
    // The edit read a file that is now gone: it does not write again.
    product.items[0].title = "Again".into();
    assert!(matches!(
        edit.save(&product),
        Err(StoreError::Conflict { .. })
    ));
    assert!(store::load(&path).unwrap().items[0].title == "Join online today");
    drop(edit);

    // A file changed underneath: refused, nothing written, lock released.
    let (mut product, mut edit) = Edit::open(&path, WAIT).unwrap();
    let changed = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Join online today", "Edited meanwhile");
    std::fs::write(&path, &changed).unwrap();
    product.items[0].title = "Mine".into();
    assert!(matches!(
        edit.save(&product),
        Err(StoreError::Conflict { .. })
    ));
    assert!(lock_is_free(&path), "released after failing");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), changed);
}

#[test]
fn an_edit_that_wrote_nothing_takes_the_lock_again_to_write() {
    let (_dir, path) = scratch_text(MINIMAL, "product.toml");
    let (mut product, mut edit) = Edit::open(&path, WAIT).unwrap();
    assert!(!edit.save(&product).unwrap());
    assert!(lock_is_free(&path));
    product.items[0].title = "Later".into();
    assert!(edit.save(&product).unwrap());
    assert_eq!(store::load(&path).unwrap().items[0].title, "Later");
}

#[test]
fn an_invalid_file_is_reported_at_the_same_place_by_an_edit() {
    let item = "[[items]]\nid = \"LC-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\n";
    let head = "version = 1\n\n[product]\nname = \"P\"\nkey = \"LC\"\n\n";
    let cases = [
        (
            format!("{head}{item}size = \"big\"\n"),
            Some(
                "product.toml:12:8: items[LC-1].size: wrong type: string \"big\", expected a number",
            ),
        ),
        (format!("{head}{item}created = 2026-13-01\n"), None),
        (format!("{head}{item}created = 2026-11-01T10:00:00\n"), None),
        (format!("{head}{item}kind = \"epic\"\n"), None),
        (format!("{head}{item}{item}"), None),
        (format!("{head}{item}status = \"idea\"\n"), None),
        ("version = 1\n[product\n".to_owned(), None),
        ("version = 2\n".to_owned(), None),
        (String::new(), None),
        (format!("{head}[check]\nmax_doing = -1\n"), None),
        (format!("\u{feff}{head}{item}size = [1]\n"), None),
    ];
    for (text, expected) in cases {
        let (_dir, path) = scratch_text(&text, "product.toml");
        let read = store::load(&path).unwrap_err().to_string();
        let edited = match Edit::open(&path, WAIT) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("an edit opened {text:?}"),
        };
        assert_eq!(edited, read, "{text:?}");
        let placed = store::Placer::new(text.trim_start_matches('\u{feff}'), store::Format::Toml)
            .product(&path)
            .unwrap_err()
            .to_string();
        assert_eq!(placed, read, "{text:?}");
        let file = path.display().to_string();
        assert!(read.starts_with(&format!("{file}:")), "{read}");
        if let Some(expected) = expected {
            assert_eq!(read.replace(&file, "product.toml"), expected);
        }
    }
}

/// Runs `product` and waits at most `limit` for it; a run still going then
/// is killed and reported as a hang.
#[cfg(unix)]
fn run_bounded(
    cmd: &mut std::process::Command,
    limit: std::time::Duration,
) -> std::process::Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("product starts");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("product still running after {limit:?}: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A FIFO where the lock file goes would block the open for ever, past
/// `$PRODUCT_LOCK_TIMEOUT`: it is refused at once, saying what it is.
#[cfg(unix)]
#[test]
fn a_fifo_as_the_lock_file_is_refused_not_waited_on() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("product.toml.lock"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let out = run_bounded(
        common::plain(dir.path())
            .env("PRODUCT_LOCK_TIMEOUT", "1")
            .args(["item", "add", "Never written"]),
        std::time::Duration::from_secs(60),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(err.contains("product.toml.lock"), "{err}");
    assert!(err.contains("not a regular file (a FIFO)"), "{err}");
    assert!(err.contains("remove it"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINIMAL);
}
