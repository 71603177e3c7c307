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
