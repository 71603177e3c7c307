//! Help text: every command explains itself and ends with examples; the
//! top-level and item help are kept as golden files.

mod common;

use clap::CommandFactory;
use productfile::cli::Cli;

fn all_commands(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("{path} {}", sub.get_name());
        out.push((name.clone(), sub.clone()));
        all_commands(sub, name, out);
    }
}

#[test]
fn every_command_and_flag_is_explained_with_examples() {
    let root = Cli::command();
    let mut commands = vec![("product".to_owned(), root.clone())];
    all_commands(&root, "product".into(), &mut commands);
    assert!(commands.len() >= 14, "{}", commands.len());
    for (name, cmd) in &commands {
        assert!(cmd.get_about().is_some(), "{name} has no help text");
        let after = cmd
            .get_after_help()
            .map(|s| s.to_string())
            .unwrap_or_default();
        assert!(
            after.starts_with("Examples:\n  product"),
            "{name} does not end with examples"
        );
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            assert!(arg.get_help().is_some(), "{name}: --{id} has no help text");
        }
    }
}

#[test]
fn help_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    for (args, golden) in [
        (&["--help"][..], "product.txt"),
        (&["item", "--help"], "item.txt"),
        (&["rank", "--help"], "rank.txt"),
    ] {
        let out = common::product(dir.path()).args(args).output().unwrap();
        assert!(out.status.success());
        common::assert_golden(
            &common::repo("tests/golden/help").join(golden),
            &String::from_utf8(out.stdout).unwrap(),
        );
    }
}
