//! Helpers shared by the integration tests: a `product` command with a fixed
//! environment, scratch folders, and golden-file comparison.

#![allow(dead_code)]

pub mod merging;
pub mod portfolio;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The date every test runs on.
pub const TODAY: &str = "2026-11-23";

/// `product` with a stable environment: fixed date, no colour, fixed width,
/// and nothing inherited that could pick another file or actor.
pub fn product(dir: &Path) -> Command {
    Command::from_std(plain(dir))
}

/// The same as a plain process, to spawn, kill or run many at once.
pub fn plain(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("product"));
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
        // A shell's request for completions would take over the run.
        .env_remove("PRODUCT_COMPLETE")
        // Nobody's git identity: the actor is whoever a test names.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("EDITOR")
        .env_remove("VISUAL")
        .env_remove("__PRODUCT_TEST_HOLD");
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

/// Compares `actual` with the golden file, showing a diff when they differ;
/// `SNAPSHOTS=overwrite` (or `UPDATE_GOLDEN=1`) rewrites the file instead.
/// Format preservation is byte for byte, so after snapbox's comparison
/// (which reads `...` and `[..]` as wildcards and normalises line ends) the
/// text must also be exactly the golden file's.
pub fn assert_golden(golden: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, actual).expect("write the golden file");
        return;
    }
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .normalize_paths(false)
        .eq(actual, snapbox::Data::read_from(golden, None));
    if std::env::var_os(snapbox::assert::DEFAULT_ACTION_ENV).is_none() {
        let expected = std::fs::read_to_string(golden).expect("read the golden file");
        assert!(
            expected == actual,
            "{} differs from the output in line endings or in text matching a wildcard",
            golden.display()
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

// ------------------------------------------------ running and checking commands

/// A command's stdout as text.
pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A command's stderr as text.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Checks that a command succeeded without a panic, and passes its output on.
pub fn succeeded(out: std::process::Output, args: &[&str]) -> std::process::Output {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}\nstdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

/// Runs a command that should succeed and returns its stdout.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    stdout(&succeeded(product(dir).args(args).output().unwrap(), args))
}

/// Runs a command with `--json` that should succeed, checks the envelope and
/// returns the object.
pub fn ok_json(dir: &Path, args: &[&str], kind: &str) -> serde_json::Value {
    let out = product(dir).args(args).arg("--json").output().unwrap();
    let out = succeeded(out, args);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e}): {}", stdout(&out)));
    assert_eq!(v["kind"], kind, "{v:#}");
    assert_eq!(v["version"], 1, "{v:#}");
    v
}

/// Each line with its runs of spaces squeezed to one, so a table row reads
/// as its cells in order.
pub fn rows(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Asserts that the output has this row (see [`rows`]).
pub fn has_row(out: &str, row: &str) {
    assert!(
        rows(out).iter().any(|r| r == row),
        "no row `{row}` in:\n{out}"
    );
}

/// A file's text.
pub fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A TOML file, parsed.
pub fn read(path: &Path) -> toml::Table {
    toml::from_str(&text(path)).unwrap()
}

/// Runs `args` as text and as `--json`: both must exit with `code`, print
/// nothing on stdout, name every needle in the error (on stderr; with
/// `--json`, an error object with a code, message and hint) and leave the
/// file byte for byte as it was. Returns the JSON error.
pub fn refuses(
    code: i32,
    dir: &Path,
    path: &Path,
    args: &[&str],
    needles: &[&str],
) -> serde_json::Value {
    let before = std::fs::read(path).unwrap();
    let out = product(dir).args(args).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    for needle in needles {
        assert!(err.contains(needle), "{args:?}: `{needle}` not in: {err}");
    }
    assert_eq!(std::fs::read(path).unwrap(), before, "{args:?} wrote");

    let out = product(dir).args(args).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?} --json");
    assert!(out.stdout.is_empty(), "{args:?} --json: {}", stdout(&out));
    let e: serde_json::Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|_| panic!("{args:?}: stderr is not JSON: {}", stderr(&out)));
    assert_eq!(e["kind"], "error", "{e}");
    assert_eq!(e["version"], 1, "{e}");
    assert_eq!(e["exit_code"], code, "{e}");
    assert!(e["code"].is_string(), "{e}");
    let said = format!(
        "{} {}",
        e["message"].as_str().unwrap_or_default(),
        e["hint"].as_str().unwrap_or_default()
    );
    for needle in needles {
        assert!(said.contains(needle), "{args:?}: `{needle}` not in {e}");
    }
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "{args:?} --json wrote"
    );
    e
}

/// Runs git in `dir` with no global or system configuration.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A git repository in `dir` holding its files in one commit, made by `name`.
pub fn commit_all(dir: &Path, name: &str, message: &str) {
    if !dir.join(".git").exists() {
        git(dir, &["init", "-q"]);
        git(dir, &["config", "user.name", name]);
        git(dir, &["config", "user.email", "someone@example.org"]);
        git(dir, &["config", "commit.gpgsign", "false"]);
    }
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// Runs `product ARGS` on a terminal (through util-linux `script`, which
/// gives it a pseudo-terminal), typing `input`; its exit code and all it
/// printed, stdout and stderr together.
pub fn on_a_terminal(dir: &Path, args: &str, input: &str) -> (Option<i32>, String) {
    on_a_terminal_as(plain(dir), args, input)
}

/// [`on_a_terminal`] for a `product` command made with [`plain`] and given
/// more environment (its arguments are `args`).
pub fn on_a_terminal_as(
    product: std::process::Command,
    args: &str,
    input: &str,
) -> (Option<i32>, String) {
    use std::io::Write;
    let line = format!("'{}' {args}", product.get_program().to_str().unwrap());
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    if let Some(dir) = product.get_current_dir() {
        script.current_dir(dir);
    }
    for (k, v) in product.get_envs() {
        match v {
            Some(v) => script.env(k, v),
            None => script.env_remove(k),
        };
    }
    let mut child = script.spawn().expect("util-linux `script` runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).replace('\r', ""),
    )
}
