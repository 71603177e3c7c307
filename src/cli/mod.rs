//! The `product` command line: clap definitions, one module per command
//! group, and [`run`], which turns arguments into an exit code.

mod assessment;
mod candidates;
mod check;
mod choice;
mod completions;
mod context;
mod decide;
mod decisions;
mod diff;
mod error;
mod exit;
mod experiment;
mod export;
mod findings;
mod forecast;
mod git;
mod history;
mod import;
mod init;
mod item;
mod kpi;
mod man;
mod merge;
mod mvp;
mod need;
mod number;
mod okr;
mod people;
mod portfolio;
mod rank;
mod report;
mod request;
mod rights;
mod roadmap;
mod schema;
mod service;
mod show;
mod stakeholder;
mod vision;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::render::visible::say;
use crate::render::{OutputFormat, Style};

pub use context::Ctx;
pub use error::{CmdResult, CommandError, ErrorCode, ErrorKind};

/// A product owner's backlog, roadmap, goals and decisions, kept in one plain-text file.
///
/// `product` reads and edits `product.toml` (or `product.json`), found in the
/// current folder or its parents, keeping comments and formatting intact.
#[derive(Debug, Parser)]
#[command(name = "product", version, max_term_width = 100, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  product init --name \"Prescription payments\" --key RX
  product item add \"Pay by card online\" --kind feature --tag payments
  product item list
  product rank --by wsjf
  product okr checkin O1.KR1 73
  product check --base origin/main
  product kpi list
  product -f examples/product.toml show
  product item list --json | jq '.items[].id'";

/// Flags every command takes.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The product file [default: product.toml or product.json here or in a parent folder]
    #[arg(
        short = 'f',
        long,
        global = true,
        env = "PRODUCT_FILE",
        value_name = "PATH",
        value_hint = clap::ValueHint::FilePath
    )]
    pub file: Option<PathBuf>,

    /// Print JSON (the same as --format json)
    #[arg(long, global = true)]
    pub json: bool,

    /// How to print the result
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,

    /// When to use colour (NO_COLOR turns it off too)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print nothing but errors (JSON output is still printed)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Who is making the change, for decision rights [default: $PRODUCT_AS, else git's user.name]
    #[arg(long = "as", global = true, env = "PRODUCT_AS", value_name = "NAME")]
    pub actor: Option<String>,

    /// Who agreed to the change, where its decision needs agreement (repeatable)
    #[arg(long = "agreed-by", global = true, value_name = "NAME")]
    pub agreed_by: Vec<String>,

    /// Why: logged with the decision (and logs one where none is owed)
    #[arg(long, global = true, value_name = "TEXT")]
    pub why: Option<String>,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::Args),
    Show(show::Args),
    Vision(vision::Args),
    Item(Box<item::Args>),
    Rank(rank::Args),
    Okr(okr::Args),
    Kpi(kpi::Args),
    Roadmap(roadmap::Args),
    Need(need::Args),
    Request(request::Args),
    Service(service::Args),
    Assessment(assessment::Args),
    Mvp(mvp::Args),
    Forecast(forecast::Args),
    Stakeholder(stakeholder::Args),
    Experiment(experiment::Args),
    People(people::Args),
    Rights(rights::Args),
    Portfolio(portfolio::Args),
    Decide(decide::Args),
    Decisions(decisions::Args),
    History(history::Args),
    Diff(diff::Args),
    Merge(merge::Args),
    Check(check::Args),
    Git(git::Args),
    Report(report::Args),
    Import(import::Args),
    Export(export::Args),
    Schema(schema::Args),
    Completions(completions::Args),
    Man(man::Args),
}

/// The binary's entry point: runs with the process's arguments and returns the exit code.
pub fn main() -> i32 {
    // A shell asking for completions is answered before anything else runs.
    if let Some(code) = completions::answer_shell() {
        return code;
    }
    run(std::env::args_os())
}

/// Runs `product` with these arguments and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    let json_errors = wants_json(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return clap_exit(e, json_errors),
    };
    let json = cli.global.json || cli.global.format == Some(OutputFormat::Json);
    let ran = build_context(&cli.global).and_then(|ctx| {
        dispatch(&ctx, cli.command).map_err(|mut e| {
            // A hinted command must act on the file this run was given.
            e.hint = e.hint.map(|h| ctx.commands_in(&h));
            e
        })
    });
    match ran {
        Ok(()) => 0,
        Err(e) if is_broken_pipe(&e) => 0,
        // The output already said what was found.
        Err(e) if e.kind == ErrorKind::Found => error::exit_code(e.kind),
        Err(e) => report(&e, json),
    }
}

fn build_context(global: &GlobalArgs) -> CmdResult<Ctx> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let format = if global.json {
        OutputFormat::Json
    } else {
        global.format.unwrap_or(OutputFormat::Table)
    };
    let terminal = context::stdout_is_terminal();
    let color = match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && env("NO_COLOR").is_none(),
    };
    Ok(Ctx {
        file: global.file.clone(),
        cwd: std::env::current_dir()?,
        today: context::today(env("PRODUCT_TODAY"))?,
        format,
        style: Style {
            color,
            width: context::width(env("COLUMNS"), terminal),
            unicode: context::unicode(
                [env("LC_ALL"), env("LC_CTYPE"), env("LANG")],
                env("TERM"),
                global.color == ColorChoice::Never,
            ),
        },
        quiet: global.quiet,
        actor: global.actor.clone(),
        actor_found: std::cell::OnceCell::new(),
        agreed_by: global
            .agreed_by
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect(),
        why: global
            .why
            .as_ref()
            .map(|w| w.trim().to_owned())
            .filter(|w| !w.is_empty()),
        lock_wait: context::lock_wait(env("PRODUCT_LOCK_TIMEOUT"))?,
        interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
    })
}

fn dispatch(ctx: &Ctx, command: Command) -> CmdResult<()> {
    let portfolio_prints = match &command {
        Command::Portfolio(p) => p.prints(ctx.format),
        _ => false,
    };
    if ctx.format.is_check_only() && !matches!(command, Command::Check(_)) && !portfolio_prints {
        return Err(CommandError::usage(format!(
            "--format {} is for `product check` and `product portfolio check` only",
            if ctx.format == OutputFormat::Github {
                "github"
            } else {
                "sarif"
            }
        ))
        .with_hint("other commands print table, json, markdown or csv"));
    }
    if ctx.format.is_report_only() && !matches!(command, Command::Report(_)) && !portfolio_prints {
        return Err(CommandError::usage(
            "--format html is for `product report` and `product portfolio report` only",
        )
        .with_hint("other commands print table, json, markdown or csv"));
    }
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Vision(args) => vision::run(ctx, args),
        Command::Item(args) => item::run(ctx, *args),
        Command::Rank(args) => rank::run(ctx, args),
        Command::Okr(args) => okr::run(ctx, args),
        Command::Kpi(args) => kpi::run(ctx, args),
        Command::Roadmap(args) => roadmap::run(ctx, args),
        Command::Need(args) => need::run(ctx, args),
        Command::Request(args) => request::run(ctx, args),
        Command::Service(args) => service::run(ctx, args),
        Command::Assessment(args) => assessment::run(ctx, args),
        Command::Mvp(args) => mvp::run(ctx, args),
        Command::Forecast(args) => forecast::run(ctx, args),
        Command::Stakeholder(args) => stakeholder::run(ctx, args),
        Command::Experiment(args) => experiment::run(ctx, args),
        Command::People(args) => people::run(ctx, args),
        Command::Rights(args) => rights::run(ctx, args),
        Command::Portfolio(args) => portfolio::run(ctx, args),
        Command::Decide(args) => decide::run(ctx, args),
        Command::Decisions(args) => decisions::run(ctx, args),
        Command::History(args) => history::run(ctx, args),
        Command::Diff(args) => diff::run(ctx, args),
        Command::Merge(args) => merge::run(ctx, args),
        Command::Check(args) => check::run(ctx, args),
        Command::Git(args) => git::run(ctx, args),
        Command::Report(args) => report::run(ctx, args),
        Command::Import(args) => import::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Schema(args) => schema::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man(args) => man::run(ctx, args),
    }
}

/// Whether the arguments ask for JSON, looked at before clap has parsed
/// them, so that a usage error can be JSON too.
fn wants_json(args: &[OsString]) -> bool {
    args.iter().enumerate().any(|(i, a)| {
        a == "--json"
            || a == "--format=json"
            || (a == "--format" && args.get(i + 1).is_some_and(|n| n == "json"))
    })
}

fn clap_exit(e: clap::Error, json: bool) -> i32 {
    use clap::error::ErrorKind as K;
    let missing_command = e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand;
    if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion) || (missing_command && !json) {
        let _ = e.print();
        return if missing_command { 2 } else { 0 };
    }
    if json {
        let message = if missing_command {
            "a subcommand is required".to_owned()
        } else {
            usage_message(&e.render().to_string())
        };
        let err = CommandError::usage(message).with_hint("run `product help` for usage");
        print_json_error(&err);
    } else {
        // clap quotes the value it refuses, which may hold escape sequences;
        // its message is shown plain, made visible.
        say(e.render().to_string().trim_end());
    }
    error::exit_code(ErrorKind::Usage)
}

/// clap's message without its `error:` prefix and the usage and help lines
/// after it, on one line: `the following required arguments were not
/// provided: <TITLE>`.
fn usage_message(rendered: &str) -> String {
    let body = rendered.split("\n\nUsage:").next().unwrap_or_default();
    let body = body
        .split("\n\nFor more information")
        .next()
        .unwrap_or_default();
    body.trim_start_matches("error: ")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_broken_pipe(e: &CommandError) -> bool {
    e.code == ErrorCode::BrokenPipe
}

/// Prints an error on stderr (as JSON with `--json`) and returns its exit code.
fn report(e: &CommandError, json: bool) -> i32 {
    if json {
        print_json_error(e);
    } else {
        // The library's messages may quote a user's text: `say` shows it safely.
        let file = e.file.as_deref().unwrap_or("");
        if e.problems.len() > 1 {
            say(&format!("error: {}", e.message));
        }
        for p in &e.problems {
            let place = match p.line_col {
                Some((l, c)) => format!("{file}:{l}:{c}: "),
                None if !file.is_empty() => format!("{file}: "),
                None => String::new(),
            };
            say(&format!("error: {place}{p}"));
        }
        if e.problems.is_empty() {
            say(&format!("error: {}", e.message));
        }
        if let Some(hint) = &e.hint {
            say(&format!("hint: {hint}"));
        }
    }
    error::exit_code(e.kind)
}

fn print_json_error(e: &CommandError) {
    let mut err = std::io::stderr().lock();
    let _ = serde_json::to_writer(&mut err, &error::to_json(e));
    let _ = writeln!(err);
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

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
    fn usage_messages_keep_their_detail() {
        let e = Cli::try_parse_from(["product", "item", "add"]).unwrap_err();
        assert_eq!(
            usage_message(&e.render().to_string()),
            "the following required arguments were not provided: <TITLE>"
        );
    }

    #[test]
    fn json_is_seen_before_parsing() {
        let args = |s: &str| s.split(' ').map(OsString::from).collect::<Vec<_>>();
        assert!(wants_json(&args("product item list --json")));
        assert!(wants_json(&args("product --format json item")));
        assert!(!wants_json(&args("product item add --json-ish")));
    }
}
