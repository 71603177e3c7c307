//! The `console` examples of the README and of docs/product-file.md, run as
//! they are written: every `$ product ...` line, with the output a user
//! sees (stdout and stderr merged in the order printed, as in a terminal)
//! and, after `? N`, the exit code. trycmd runs each document as one
//! sequence in one folder, so the README tour's ids, scores and decisions
//! follow from each other as they do for a reader typing along.
//!
//! The folder starts with the documents' fixtures (`tests/readme/`: the CSV
//! files the README imports, files with mistakes in them, public keys) and
//! copies of the bundled example, `examples/product.toml` and
//! `examples/product.json`; the tour creates `product.toml` beside them.
//! Today is [`common::TODAY`] and the actor is Ada Byrne, as the README says.
//!
//! After an intended change of output, `TRYCMD=overwrite cargo test --test
//! readme` rewrites the expected output in both documents; review
//! `git diff README.md docs/product-file.md`.
//!
//! Blocks marked `sh` or `text` are not run here: they need a shell pipe, a
//! git history, private keys, an interactive shell or two processes at once.
//! Each is covered by an integration test instead:
//!
//! | block | covered by |
//! |---|---|
//! | `item show <Tab>` in zsh | `completions::item_commands_complete_item_ids`, `completions::shells_that_show_help_get_the_titles` |
//! | `product man --out ...` | `man::a_page_is_written_for_every_command` |
//! | `check --base origin/main` (an ungoverned target) | `check::a_governed_change_without_its_decision_fails_the_check`, and `check_base.rs` for the base revision |
//! | `check --base origin/main --deny warnings` in a hook | `check::warnings_fail_only_when_denied` |
//! | signing a decision and `check --base main -q` | `signatures::a_change_passes_only_once_everyone_named_has_signed` |
//! | `git setup` | `git::setup_then_status` |
//! | `git merge main` through the driver | `merge_git::two_branches_adding_items_merge_with_theirs_renumbered_toml` |
//! | rebasing on `origin/main` before a push | `merge_git::rebasing_a_branch_on_origin_main_keeps_mains_ids` |
//! | `export csv` then `import csv` into a new file | `interchange::an_export_imported_into_a_new_file_gives_the_same_items` |
//! | `report --format markdown > REPORT.md` | `interchange::the_report_is_one_page_with_every_section` |
//! | `schema > product.schema.json` | `schema::the_committed_schema_is_what_product_schema_prints` |
//! | `item list --json \| jq`, `okr list --json \| jq` | `the_json_the_readme_pipes_to_jq_has_those_fields` (below) |
//! | docs/product-file.md: the lock not obtained in time | `storage::a_held_lock_is_a_conflict_after_the_timeout` |
//! | docs/product-file.md: the file changed on disk | `faults::an_editor_saving_while_a_command_holds_its_read_is_a_conflict_and_loses_nothing` |

mod common;

use std::path::Path;

use common::{ok, ok_json};

#[test]
fn readme_console_examples_run_as_written() {
    run_markdown("README.md");
}

#[test]
fn product_file_console_examples_run_as_written() {
    run_markdown("docs/product-file.md");
}

/// trycmd's case is a copy of the document in a temporary folder, beside
/// `NAME.in/` (the folder to start from) and an empty `NAME.out/` (which
/// makes trycmd run in a scratch copy of `NAME.in/`, checking no files).
/// With `TRYCMD=overwrite`, the copy trycmd rewrote goes back over the
/// document.
fn run_markdown(doc: &str) {
    assert!(
        std::env::var_os("PRODUCT_FILE").is_none(),
        "unset PRODUCT_FILE to run {doc}: it would pick the file for every command"
    );
    let case = tempfile::Builder::new()
        .prefix("docs-")
        .tempdir()
        .expect("a temporary folder");
    let source = common::repo(doc);
    let name = source.file_name().unwrap();
    let copy = case.path().join(name);
    let original = std::fs::read_to_string(&source).expect("read the document");
    std::fs::write(&copy, &original).expect("copy the document");

    let input = copy.with_extension("in");
    copy_dir(&common::repo("tests/readme"), &input);
    std::fs::create_dir_all(input.join("examples")).unwrap();
    for example in ["examples/product.toml", "examples/product.json"] {
        std::fs::copy(common::repo(example), input.join(example)).expect("copy the example");
    }
    std::fs::create_dir(copy.with_extension("out")).unwrap();

    trycmd::TestCases::new()
        .register_bin("product", Path::new(env!("CARGO_BIN_EXE_product")))
        .env("PRODUCT_TODAY", common::TODAY)
        .env("PRODUCT_AS", "Ada Byrne")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .env("PRODUCT_LOCK_TIMEOUT", "60")
        // Empty is as unset for these.
        .env("PRODUCT_COMPLETE", "")
        .env("EDITOR", "")
        .env("VISUAL", "")
        // Nobody's git identity or settings.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // The scratch folder is under the temporary folder: no repository
        // around it counts, wherever that folder is.
        .env(
            "GIT_CEILING_DIRECTORIES",
            std::env::temp_dir().to_string_lossy(),
        )
        .case(&copy)
        .run();

    if std::env::var_os("TRYCMD").is_some_and(|m| m == "overwrite") {
        let updated = std::fs::read_to_string(&copy).expect("read the updated document");
        if updated != original {
            std::fs::write(&source, updated).expect("write the document back");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).expect("read the fixtures") {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// trycmd runs only the programs it knows and silently skips any other
/// (`$ git ...` would pass unchecked), and hands `|` or `>` to `product` as
/// arguments. So a `console` block holds `product` commands only; anything
/// else goes in an `sh` or `text` block, which is not run.
#[test]
fn console_blocks_hold_only_product_commands() {
    let mut bad = Vec::new();
    for doc in DOCUMENTS {
        bad.extend(not_runnable(doc));
    }
    assert!(
        bad.is_empty(),
        "these lines of `console` blocks would not run as written; \
         make them `product` commands or move them to an `sh` or `text` block:\n{}",
        bad.join("\n")
    );
}

/// The documents whose `console` blocks are run.
const DOCUMENTS: [&str; 2] = ["README.md", "docs/product-file.md"];

/// The lines of `doc`'s `console` blocks that trycmd would not run as a
/// reader would: another program, a shell operator, a continuation line, or
/// output with no command before it.
fn not_runnable(doc: &str) -> Vec<String> {
    let text = std::fs::read_to_string(common::repo(doc)).unwrap();
    let shell = ["|", "||", "&&", ";", ">", ">>", "<", "2>&1", "&"];
    let mut fence: Option<&str> = None;
    let mut bad = Vec::new();
    let mut command_seen = false;
    for (n, line) in text.lines().enumerate() {
        let at = || format!("{doc}:{}: {line}", n + 1);
        if let Some(info) = line.strip_prefix("```") {
            fence = match fence {
                None => Some(info.trim()),
                Some(_) => None,
            };
            command_seen = false;
            continue;
        }
        // trycmd runs `console` and `trycmd` blocks, and blocks without a language.
        if !matches!(fence, Some("console" | "trycmd" | "")) {
            continue;
        }
        // A `> ` line continues the command for trycmd, but pasted into a
        // shell it redirects to a file: one command, one line.
        let Some(command) = line.strip_prefix("$ ") else {
            if !command_seen || line.starts_with("> ") {
                bad.push(at());
            }
            continue;
        };
        command_seen = true;
        let words = common::words(command);
        let program = words.iter().find(|w| !w.contains('='));
        if program.map(String::as_str) != Some("product")
            || words.iter().any(|w| shell.contains(&w.as_str()))
        {
            bad.push(at());
        }
    }
    bad
}

/// The README pipes `item list --json` and `okr list --json` to jq for the
/// fields it names; they are there, with the values the tour gives them.
#[test]
fn the_json_the_readme_pipes_to_jq_has_those_fields() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let me = ["--as", "Ada Byrne"];
    let run = |args: &[&str]| ok(p, &[&me[..], args].concat());
    run(&["init", "--name", "Library cards", "--key", "LC"]);
    run(&["item", "add", "Join online"]);
    run(&["item", "add", "Renew a card"]);
    run(&["item", "start", "LC-2"]);
    let items = ok_json(p, &["item", "list"], "item_list");
    let rows: Vec<(&str, &str)> = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(rows, [("LC-1", "idea"), ("LC-2", "doing")]);

    run(&[
        "okr",
        "add",
        "--title",
        "Joining takes five minutes",
        "--start",
        "2026-10-01",
        "--end",
        "2026-12-31",
        "--committed",
    ]);
    run(&[
        "okr",
        "kr",
        "add",
        "O1",
        "--title",
        "Online joins",
        "--start",
        "40",
        "--target",
        "80",
    ]);
    run(&["okr", "checkin", "O1.KR1", "63"]);
    let okrs = ok_json(p, &["okr", "list"], "okr_list");
    let o1 = &okrs["objectives"][0];
    assert_eq!(o1["id"], "O1");
    assert_eq!(o1["grade"].as_f64(), Some(0.575));
    assert_eq!(o1["colour"], "amber");
    // 2026-10-01 to 2026-11-23 is 54 of the period's 92 days.
    let expected = o1["expected_progress"].as_f64().unwrap();
    assert!((expected - 54.0 / 92.0).abs() < 1e-12, "{expected}");
    assert_eq!(o1["status"], "on_track");
}
