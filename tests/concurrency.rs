//! Parallel commands on one file: the lock must keep every write.

mod common;

use std::process::{Command, Stdio};

use common::{MINIMAL, scratch_text};

#[test]
fn fifty_parallel_adds_keep_all_fifty_items() {
    let (dir, path) = scratch_text(MINIMAL, "product.toml");
    let bin = assert_cmd::cargo::cargo_bin("product");
    let children: Vec<_> = (0..50)
        .map(|n| {
            Command::new(&bin)
                .current_dir(dir.path())
                .env("PRODUCT_TODAY", common::TODAY)
                .env("PRODUCT_LOCK_TIMEOUT", "120")
                .env_remove("PRODUCT_FILE")
                .args(["-q", "item", "add", &format!("Parallel item {n}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start product")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let product: toml::Table = toml::from_str(&text).expect("still valid TOML");
    let items = product["items"].as_array().unwrap();
    assert_eq!(items.len(), 52);
    let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 52, "every id distinct");
    for n in 0..50 {
        assert!(
            text.contains(&format!("\"Parallel item {n}\"")),
            "item {n} kept"
        );
    }
    // And the tool itself still reads it.
    common::product(dir.path())
        .args(["item", "list"])
        .assert()
        .success();
}

/// A symlink to the file and the file itself are one file: an edit through
/// one holds the lock the other waits for.
#[cfg(unix)]
#[test]
fn a_symlink_and_its_target_share_one_lock() {
    use productfile::store::{Edit, StoreError};
    use std::time::Duration;
    let (dir, real) = scratch_text(MINIMAL, "real.toml");
    let link = dir.path().join("a.toml");
    std::os::unix::fs::symlink("real.toml", &link).unwrap();
    let (_, _held) = Edit::open(&link, Duration::ZERO).expect("the first edit locks");
    match Edit::open(&real, Duration::ZERO) {
        Err(StoreError::Locked { lock, .. }) => {
            assert_eq!(lock.file_name().unwrap(), "real.toml.lock", "{lock:?}")
        }
        Err(e) => panic!("expected the lock to be taken: {e}"),
        Ok(_) => panic!("the real file was locked again while its symlink was held"),
    }
    assert!(!dir.path().join("a.toml.lock").exists());
}

/// Half the writers reach the file through a symlink: every write lands,
/// and the symlink stays a symlink.
#[cfg(unix)]
#[test]
fn parallel_adds_through_a_symlink_and_the_real_path_keep_every_item() {
    let (dir, real) = scratch_text(MINIMAL, "real.toml");
    std::os::unix::fs::symlink("real.toml", dir.path().join("a.toml")).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("product");
    let children: Vec<_> = (0..40)
        .map(|n| {
            let file = if n % 2 == 0 { "a.toml" } else { "real.toml" };
            Command::new(&bin)
                .current_dir(dir.path())
                .env("PRODUCT_TODAY", common::TODAY)
                .env("PRODUCT_LOCK_TIMEOUT", "120")
                .env_remove("PRODUCT_FILE")
                .args(["-q", "-f", file, "item", "add", &format!("Linked item {n}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start product")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = std::fs::read_to_string(&real).unwrap();
    for n in 0..40 {
        assert!(
            text.contains(&format!("\"Linked item {n}\"")),
            "item {n} lost"
        );
    }
    let link = std::fs::symlink_metadata(dir.path().join("a.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the symlink stays a symlink");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
