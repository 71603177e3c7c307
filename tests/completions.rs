//! `product completions`: the scripts for each shell, the registration they
//! make in a real bash, and the answers `product` gives the shell at <TAB>:
//! ids read from the product file, and silence when there is none.

mod common;

use std::path::Path;
use std::process::Output;

use common::{ok, product, stderr, stdout};

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];
const OWNER: &str = "Priya Shah";
/// What clap's bash script sets `_CLAP_IFS` to: a vertical tab.
const BASH_IFS: &str = "\u{b}";

/// A folder with a product file made the way a product owner would: two
/// items, an objective with a key result, a roadmap entry, a KPI and a
/// decision.
fn backlog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    ok(
        p,
        &[
            "init",
            "--name",
            "Prescription payments",
            "--key",
            "RX",
            "--owner",
            OWNER,
        ],
    );
    for args in [
        &["item", "add", "Pay by card online"][..],
        &["item", "add", "Refund a payment"],
        &["item", "add", "Paper forms"],
        &[
            "okr",
            "add",
            "--title",
            "Make paying effortless",
            "--quarter",
            "2027-Q1",
        ],
        &[
            "okr",
            "kr",
            "add",
            "O1",
            "--title",
            "Online completion rate",
            "--start",
            "62",
            "--target",
            "85",
        ],
        &[
            "roadmap",
            "add",
            "--title",
            "Pay online",
            "--horizon",
            "now",
        ],
        &[
            "kpi",
            "add",
            "--name",
            "User satisfaction",
            "--unit",
            "%",
            "--direction",
            "up",
            "--target",
            "90",
        ],
        &[
            "item",
            "drop",
            "RX-3",
            "--reason",
            "Nobody posts forms any more",
        ],
    ] {
        ok(p, &[args, &["--as", OWNER]].concat());
    }
    dir
}

/// Runs `product` as clap's bash script does at <TAB>: the words typed so
/// far after `--`, the last one (possibly empty) under the cursor.
fn ask_bash(dir: &Path, words: &[&str]) -> Output {
    product(dir)
        .env("PRODUCT_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "false")
        .env("_CLAP_IFS", BASH_IFS)
        .arg("--")
        .args(words)
        .output()
        .unwrap()
}

/// The candidates bash would get, after checking the answer was given quietly.
fn bash_candidates(dir: &Path, words: &[&str]) -> Vec<String> {
    let out = ask_bash(dir, words);
    assert_eq!(out.status.code(), Some(0), "{words:?}: {}", stderr(&out));
    assert!(out.stderr.is_empty(), "{words:?}: {}", stderr(&out));
    stdout(&out)
        .split(BASH_IFS)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The candidates that are not flags.
fn values(candidates: &[String]) -> Vec<&str> {
    candidates
        .iter()
        .map(String::as_str)
        .filter(|c| !c.starts_with('-'))
        .collect()
}

/// Runs `product` as the fish or zsh script does, returning its lines.
fn ask(shell: &str, dir: &Path, words: &[&str]) -> Vec<String> {
    let out = product(dir)
        .env("PRODUCT_COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{words:?}: {}", stderr(&out));
    assert!(out.stderr.is_empty(), "{words:?}: {}", stderr(&out));
    stdout(&out).lines().map(str::to_owned).collect()
}

fn script(dir: &Path, shell: &str) -> String {
    ok(dir, &["completions", shell])
}

#[test]
fn every_shell_gets_a_script_that_names_product() {
    let dir = tempfile::tempdir().unwrap();
    for shell in SHELLS {
        let out = product(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        assert!(out.stderr.is_empty(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(
            script.contains("product") && script.contains("PRODUCT_COMPLETE"),
            "{shell}: {script}"
        );
    }
}

#[test]
fn the_script_is_the_one_the_complete_variable_prints() {
    let dir = tempfile::tempdir().unwrap();
    for shell in SHELLS {
        let by_variable = product(dir.path())
            .env("PRODUCT_COMPLETE", shell)
            .output()
            .unwrap();
        assert_eq!(by_variable.status.code(), Some(0), "{shell}");
        assert_eq!(script(dir.path(), shell), stdout(&by_variable), "{shell}");
    }
}

#[test]
fn json_carries_the_script_in_the_envelope() {
    let dir = tempfile::tempdir().unwrap();
    for shell in SHELLS {
        let v = common::ok_json(dir.path(), &["completions", shell], "completions");
        assert_eq!(v["shell"], shell);
        assert_eq!(v["script"], script(dir.path(), shell), "{shell}");
    }
}

#[test]
fn quiet_still_prints_the_script() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        ok(dir.path(), &["completions", "bash", "--quiet"]),
        script(dir.path(), "bash")
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = product(dir.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("tcsh"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());

    let out = product(dir.path())
        .env("PRODUCT_COMPLETE", "tcsh")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown shell `tcsh`"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

/// bash with no start-up files, the product binary on no path but the script's own.
fn bash(dir: &Path, program: &str, script_file: &Path) -> Output {
    std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", program, "bash"])
        .arg(script_file)
        .current_dir(dir)
        .env_remove("PRODUCT_COMPLETE")
        .env_remove("PRODUCT_FILE")
        .output()
        .expect("bash runs")
}

#[test]
fn bash_sources_the_script_and_registers_product() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("product.bash");
    std::fs::write(&file, script(dir.path(), "bash")).unwrap();
    let out = bash(
        dir.path(),
        r#"set -e; source "$1"; complete -p product"#,
        &file,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let registration = stdout(&out);
    assert!(
        registration.contains("-F _clap_complete_product product"),
        "{registration}"
    );
}

#[test]
fn bash_completes_item_ids_through_the_script() {
    let dir = backlog();
    let file = dir.path().join("product.bash");
    std::fs::write(&file, script(dir.path(), "bash")).unwrap();
    // What bash does at `product item show <TAB>`: fill in COMP_WORDS and
    // COMP_CWORD and call the registered function with the command, the
    // word under the cursor and the one before it.
    let program = r#"
        source "$1"
        COMP_WORDS=(product item show "")
        COMP_CWORD=3
        COMP_TYPE=9
        _clap_complete_product product "" show
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let out = bash(dir.path(), program, &file);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let offered = stdout(&out);
    let ids: Vec<&str> = offered.lines().filter(|l| l.starts_with("RX-")).collect();
    assert_eq!(ids, ["RX-1", "RX-2", "RX-3"], "{offered}");
}

#[test]
fn zsh_and_fish_scripts_are_valid_where_those_shells_are_installed() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, check) in [("zsh", "-n"), ("fish", "--no-execute")] {
        if std::process::Command::new(shell)
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("note: {shell} is not installed; its script's syntax was not checked");
            continue;
        }
        let file = dir.path().join(format!("product.{shell}"));
        std::fs::write(&file, script(dir.path(), shell)).unwrap();
        let out = std::process::Command::new(shell)
            .arg(check)
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
    }
}

#[test]
fn item_commands_complete_item_ids() {
    let dir = backlog();
    let p = dir.path();
    let all = ["RX-1", "RX-2", "RX-3"];
    let open = ["RX-1", "RX-2"];
    for words in [
        &["product", "item", "show", ""][..],
        &["product", "item", "edit", ""],
        &["product", "item", "start", ""],
        &["product", "item", "rm", ""],
        &["product", "item", "score", ""],
        &["product", "item", "edit", "RX-1", "--depends-on", ""],
        &["product", "item", "edit", "RX-1", "--unlink-depends-on", ""],
    ] {
        assert_eq!(values(&bash_candidates(p, words)), all, "{words:?}");
    }
    // Only open items can be moved, done or dropped.
    for words in [
        &["product", "item", "move", ""][..],
        &["product", "item", "move", "RX-1", "--before", ""],
        &["product", "item", "move", "RX-1", "--after", ""],
        &["product", "item", "done", ""],
        &["product", "item", "drop", ""],
    ] {
        assert_eq!(values(&bash_candidates(p, words)), open, "{words:?}");
    }
    // A word begun is finished from the ids that fit it.
    assert_eq!(
        bash_candidates(p, &["product", "item", "show", "RX-2"]),
        ["RX-2"]
    );
}

#[test]
fn goal_roadmap_and_decision_arguments_complete_their_ids() {
    let dir = backlog();
    let p = dir.path();
    ok(
        p,
        &[
            "decide",
            "--kind",
            "scope",
            "--summary",
            "No paper forms",
            "--as",
            OWNER,
        ],
    );
    for (words, expected) in [
        (
            &["product", "okr", "checkin", ""][..],
            &["edit", "rm", "O1.KR1"][..],
        ),
        (&["product", "okr", "checkin", "rm", ""], &["O1.KR1"]),
        (&["product", "okr", "show", ""], &["O1"]),
        (&["product", "okr", "edit", ""], &["O1"]),
        (&["product", "okr", "rm", ""], &["O1"]),
        (&["product", "okr", "kr", "add", ""], &["O1"]),
        (&["product", "okr", "kr", "edit", ""], &["O1.KR1"]),
        (&["product", "kpi", "rm", ""], &["K1"]),
        (&["product", "kpi", "reading", "rm", ""], &["K1"]),
        (
            &["product", "item", "edit", "RX-1", "--kr", ""],
            &["O1.KR1"],
        ),
        (
            &["product", "item", "edit", "RX-1", "--unlink-kr", ""],
            &["O1.KR1"],
        ),
        (&["product", "item", "list", "--kr", ""], &["O1.KR1"]),
        (
            &["product", "item", "edit", "RX-1", "--roadmap", ""],
            &["R1", "none"],
        ),
        (
            &["product", "item", "add", "T", "--roadmap", ""],
            &["R1", "none"],
        ),
        (&["product", "item", "list", "--roadmap", ""], &["R1"]),
        (
            &["product", "item", "edit", "RX-1", "--measure", ""],
            &["K1", "O1.KR1"],
        ),
        (&["product", "kpi", "record", ""], &["K1"]),
        (&["product", "kpi", "edit", ""], &["K1"]),
        (&["product", "kpi", "show", ""], &["K1"]),
        (&["product", "roadmap", "show", ""], &["R1"]),
        (&["product", "roadmap", "move", ""], &["R1"]),
        (&["product", "roadmap", "edit", ""], &["R1"]),
        (&["product", "roadmap", "rm", ""], &["R1"]),
        (
            &["product", "roadmap", "edit", "R1", "--objective", ""],
            &["O1"],
        ),
        (
            &["product", "roadmap", "edit", "R1", "--unlink-objective", ""],
            &["O1"],
        ),
        (&["product", "roadmap", "add", "--objective", ""], &["O1"]),
        (&["product", "decisions", "show", ""], &["D1"]),
        (
            &["product", "decide", "--ref", ""],
            &["RX-1", "RX-2", "RX-3", "O1", "O1.KR1", "K1", "R1"],
        ),
    ] {
        assert_eq!(values(&bash_candidates(p, words)), expected, "{words:?}");
    }
}

#[test]
fn shells_that_show_help_get_the_titles() {
    let dir = backlog();
    let p = dir.path();
    // `okr checkin` also has subcommands (`edit`, `rm`), offered before the key results.
    let fish = ask("fish", p, &["product", "okr", "checkin", ""]);
    assert_eq!(fish[2], "O1.KR1\tOnline completion rate", "{fish:?}");
    let fish = ask("fish", p, &["product", "item", "show", "RX-"]);
    assert_eq!(
        fish,
        [
            "RX-1\tPay by card online",
            "RX-2\tRefund a payment",
            "RX-3\tPaper forms"
        ]
    );
    let zsh = ask(
        "zsh",
        p,
        &["product", "item", "edit", "RX-1", "--roadmap", ""],
    );
    assert_eq!(zsh, ["R1:Pay online", "none:take it off the roadmap"]);
}

#[test]
fn the_file_named_on_the_line_being_completed_is_the_one_read() {
    let dir = backlog();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = dir.path().join("product.toml");
    let file = file.to_str().unwrap();
    for words in [
        &["product", "-f", file, "item", "show", ""][..],
        &["product", "item", "show", "--file", file, ""],
        &["product", &format!("--file={file}"), "okr", "checkin", "O"],
    ] {
        let offered = bash_candidates(elsewhere.path(), words);
        assert!(
            offered.iter().any(|c| c == "RX-1" || c == "O1.KR1"),
            "{words:?}: {offered:?}"
        );
    }
    // $PRODUCT_FILE, as for any command.
    let out = product(elsewhere.path())
        .env("PRODUCT_FILE", file)
        .env("PRODUCT_COMPLETE", "fish")
        .args(["--", "product", "item", "show", "RX-1"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "RX-1\tPay by card online\n");
    // The file on the command line comes before $PRODUCT_FILE.
    let other = elsewhere.path().join("other.toml");
    std::fs::write(&other, common::MINIMAL).unwrap();
    let out = product(elsewhere.path())
        .env("PRODUCT_FILE", file)
        .env("PRODUCT_COMPLETE", "fish")
        .args(["--", "product", "-f", "other.toml", "item", "show", ""])
        .output()
        .unwrap();
    let ids: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| !l.starts_with('-'))
        .map(str::to_owned)
        .collect();
    assert_eq!(ids, ["LC-1\tJoin online", "LC-2\tRenew a card"]);
}

#[test]
fn without_a_readable_product_file_nothing_but_flags_is_offered_and_nothing_said() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let show = ["product", "item", "show", ""];
    let offered = bash_candidates(p, &show);
    assert!(values(&offered).is_empty(), "{offered:?}");
    assert!(offered.iter().any(|c| c == "--json"), "{offered:?}");
    assert!(bash_candidates(p, &["product", "okr", "checkin", "O"]).is_empty());

    // A file that does not parse, one that is not text, and one named but missing.
    std::fs::write(p.join("product.toml"), "version = 1\n[product\n").unwrap();
    assert!(values(&bash_candidates(p, &show)).is_empty());
    std::fs::write(p.join("product.toml"), [0xff, 0xfe, 0x00, 0x9f]).unwrap();
    assert!(values(&bash_candidates(p, &show)).is_empty());
    let missing = ["product", "-f", "missing.toml", "item", "show", ""];
    assert!(values(&bash_candidates(p, &missing)).is_empty());
}

#[test]
fn completing_changes_nothing_on_disk() {
    let dir = backlog();
    let before = std::fs::read(dir.path().join("product.toml")).unwrap();
    let names = |d: &Path| {
        let mut n: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        n.sort();
        n
    };
    let files = names(dir.path());
    bash_candidates(dir.path(), &["product", "item", "done", ""]);
    assert_eq!(
        std::fs::read(dir.path().join("product.toml")).unwrap(),
        before
    );
    assert_eq!(names(dir.path()), files);
}
