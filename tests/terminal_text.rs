//! What reaches the terminal: a user's text with escape sequences, bells or
//! bidirectional overrides is shown with those made visible, in every view
//! and message for people, and kept as it is in JSON; and a title of
//! megabytes without a space lays out in a table in linear time.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

/// Text that would retitle the window, clear the screen, hide a link, ring
/// the bell, move the cursor (C1 CSI) and reverse what follows it.
const HOSTILE: &str = "Pay\x1b]0;pwned\x07 now\x1b[2J\x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\ \u{9b}31m red \u{202e}gnirts\u{202c} \u{2066}iso\u{2069} del\x7f back\x08 cr\r!";

/// The characters that must not reach a terminal raw: control characters
/// other than a line break, and bidirectional overrides and isolates.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// The text without the tool's own colour codes (`ESC [ digits ; ... m`).
fn without_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            out.push_str("\x1b[");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn assert_visible(what: &str, text: &str) {
    let raw = raw_controls(text);
    assert!(raw.is_empty(), "{what}: raw {raw:?} in\n{text:?}");
}

/// A product whose name, items, tags, stakeholder and roadmap carry the text.
fn hostile_product() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "--name", HOSTILE, "--key", "RX"]);
    let added = ok(d, &["item", "add", HOSTILE, "--tag", HOSTILE]);
    assert_visible("item add", &added);
    ok(d, &["item", "add", "Plain one", "--acceptance", HOSTILE]);
    ok(
        d,
        &[
            "item",
            "score",
            "RX-1",
            "--value",
            "8",
            "--time-criticality",
            "3",
            "--risk-reduction",
            "2",
            "--size",
            "5",
        ],
    );
    ok(
        d,
        &[
            "stakeholder",
            "add",
            "--name",
            HOSTILE,
            "--interest",
            "high",
            "--influence",
            "high",
        ],
    );
    ok(
        d,
        &["roadmap", "add", "--title", HOSTILE, "--horizon", "now"],
    );
    let csv = format!(
        "Summary,Issue key\n\"{}\",LIB-1\n",
        HOSTILE.replace('"', "\"\"")
    );
    std::fs::write(d.join("in.csv"), csv).unwrap();
    let dry = product(d)
        .args(["import", "csv", "in.csv", "--dry-run"])
        .output()
        .unwrap();
    assert_visible("import --dry-run stdout", &stdout(&dry));
    assert_visible("import --dry-run stderr", &stderr(&dry));
    let imported = product(d)
        .args(["import", "csv", "in.csv"])
        .output()
        .unwrap();
    assert_visible("import stdout", &stdout(&imported));
    assert_visible("import stderr", &stderr(&imported));
    dir
}

const VIEWS: &[&str] = &[
    "item list",
    "item list --all",
    "item show RX-1",
    "item show RX-2",
    "item show RX-3",
    "show",
    "rank",
    "rank --by value-cost",
    "report",
    "roadmap list",
    "roadmap show R1",
    "stakeholder list",
    "check",
];

fn args(line: &str) -> Vec<&str> {
    line.split(' ').collect()
}

#[test]
fn user_text_reaches_a_table_with_its_control_characters_made_visible() {
    let dir = hostile_product();
    let d = dir.path();
    for view in VIEWS {
        let out = product(d).args(args(view)).output().unwrap();
        assert_visible(view, &stdout(&out));
        assert_visible(view, &stderr(&out));
        let md = product(d)
            .args(args(view))
            .args(["--format", "markdown"])
            .output()
            .unwrap();
        assert_visible(&format!("{view} --format markdown"), &stdout(&md));
    }
    // The title is still recognisable: only the control characters changed.
    let shown = ok(d, &["item", "show", "RX-1"]);
    assert!(shown.contains(r"Pay\e]0;pwned\x07 now\e[2J"), "{shown}");
    assert!(shown.contains(r"\u{202e}gnirts\u{202c}"), "{shown}");
}

#[test]
fn error_messages_show_a_given_id_or_name_with_its_control_characters_visible() {
    let dir = hostile_product();
    let d = dir.path();
    for line in [
        vec!["item", "show", HOSTILE],
        vec!["item", "start", HOSTILE],
        vec!["stakeholder", "rm", "\x1b[2Jnobody\u{202e}"],
        // A value clap refuses, which its message quotes.
        vec![
            "stakeholder",
            "add",
            "--name",
            "x",
            "--interest",
            HOSTILE,
            "--influence",
            "high",
        ],
        vec!["-f", "\x1b]0;x\x07missing.toml", "item", "list"],
    ] {
        let out = product(d).args(&line).output().unwrap();
        assert_ne!(out.status.code(), Some(0), "{line:?}");
        let err = stderr(&out);
        assert!(!err.is_empty(), "{line:?}");
        assert_visible(&format!("{line:?}"), &err);
    }
}

#[test]
fn json_keeps_the_text_byte_for_byte() {
    let dir = hostile_product();
    let d = dir.path();
    let list = ok_json(d, &["item", "list", "--all"], "item_list");
    let titles: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles.iter().filter(|t| **t == HOSTILE).count(),
        2,
        "{titles:?}"
    );
    let stored = std::fs::read_to_string(d.join("product.toml")).unwrap();
    let file: toml::Table = toml::from_str(&stored).unwrap();
    assert_eq!(file["product"]["name"].as_str(), Some(HOSTILE));
    let err = product(d)
        .args(["item", "show", HOSTILE, "--json"])
        .output()
        .unwrap();
    let err: serde_json::Value = serde_json::from_slice(&err.stderr).unwrap();
    assert!(
        err.to_string()
            .contains(&serde_json::to_string(HOSTILE).unwrap()[1..20]),
        "{err}"
    );
}

#[test]
fn on_a_terminal_with_colour_only_the_tools_own_colour_codes_are_raw() {
    let dir = hostile_product();
    let d = dir.path();
    for view in VIEWS.iter().chain(&["item show 'RX-1\x1b[2J'"]) {
        let mut cmd = plain(d);
        cmd.env_remove("NO_COLOR").env("TERM", "xterm-256color");
        let line = format!("--color always {view}");
        let (_, out) = on_a_terminal_as(cmd, &line, "");
        // `script` shows the run's \r\n as \n; all else is as printed.
        if *view == "item list" {
            assert!(out.contains("\x1b[1m"), "{view}: no colour in {out:?}");
        }
        assert_visible(view, &without_sgr(&out));
    }
}
/// A title of megabytes without a space, from a CSV, in a file.
fn long_title_product(d: &Path, bytes: usize) {
    ok(d, &["init", "--name", "Long", "--key", "LT"]);
    let title = "x".repeat(bytes);
    std::fs::write(d.join("in.csv"), format!("Summary\n{title}\n")).unwrap();
    ok(d, &["import", "csv", "in.csv"]);
    // Too long for a command-line argument: written into the file.
    let mut file = std::fs::read_to_string(d.join("product.toml")).unwrap();
    file.push_str(&format!(
        "\n[[roadmap]]\nid = \"R1\"\ntitle = \"{}\"\nhorizon = \"now\"\n",
        "y".repeat(bytes)
    ));
    std::fs::write(d.join("product.toml"), file).unwrap();
}

#[test]
fn a_title_of_megabytes_lays_out_in_a_table_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    long_title_product(d, 2_000_000);
    for view in [
        "item list",
        "rank",
        "report",
        "show",
        "roadmap list",
        "roadmap show R1",
    ] {
        let started = Instant::now();
        let out = ok(d, &args(view));
        let took = started.elapsed();
        // Generous: a debug build on a busy machine; it took minutes before.
        assert!(took < Duration::from_secs(10), "{view} took {took:?}");
        // A table cuts a cell; a line of prose (`show`'s roadmap) is whole.
        if ["item list", "rank", "roadmap list"].contains(&view) {
            assert!(
                out.lines().all(|l| l.chars().count() < 400),
                "{view}: a cell is not cut"
            );
        }
    }
    let out = ok(d, &["item", "list"]);
    assert!(out.contains("xxx…"), "{out}");
    // Where the whole text is asked for, it is all there.
    let shown = ok(d, &["item", "show", "LT-1"]);
    assert!(shown.contains(&"x".repeat(2_000_000)));
    let md = ok(d, &["item", "list", "--format", "markdown"]);
    assert!(md.contains(&"x".repeat(2_000_000)));
}
