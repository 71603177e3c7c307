//! Helpers shared by the integration tests: a `product` command with a fixed
//! environment, scratch folders, and golden-file comparison.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The date every test runs on.
pub const TODAY: &str = "2026-11-23";

/// `product` with a stable environment: fixed date, no colour, fixed width,
/// and nothing inherited that could pick another file or actor.
pub fn product(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("product").expect("the binary is built");
    cmd.current_dir(dir)
        .env("PRODUCT_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env_remove("TERM")
        .env("PRODUCT_LOCK_TIMEOUT", "60")
        .env_remove("PRODUCT_FILE")
        .env_remove("PRODUCT_AS")
        // Nobody's git identity: the actor is whoever a test names.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("EDITOR")
        .env_remove("VISUAL");
    cmd
}

/// A scratch folder holding a copy of `source` under `name`.
pub fn scratch_with(source: &Path, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::copy(source, &path).expect("copy the fixture");
    (dir, path)
}

/// A scratch folder with a product file of this text.
pub fn scratch_text(text: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write the fixture");
    (dir, path)
}

/// The repository's own files.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A small valid product file.
pub const MINIMAL: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"

[[items]]
id = "LC-1"
title = "Join online"
kind = "feature"
status = "ready"
size = 5

[[items]]
id = "LC-2"
title = "Renew a card"
kind = "feature"
status = "idea"
"#;

/// Compares `actual` with the golden file; `UPDATE_GOLDEN=1` rewrites it instead.
pub fn assert_golden(golden: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, actual).expect("write the golden file");
        return;
    }
    let expected = std::fs::read_to_string(golden).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            golden.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .collect();
        panic!(
            "{} differs ({} vs {} lines)\n{}",
            golden.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

/// Splits a command line the way a shell would for plain words and "double quotes".
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}
