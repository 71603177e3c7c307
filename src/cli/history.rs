//! `product history`: the backlog's burn-up, read from the product file's
//! commits in git.

use serde::Serialize;

use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::model::Date;
use productfile::query::history::{self, History, Options, Per};
use productfile::store::{self, StoreError};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};

/// Show the backlog's burn-up from git: items added and done, per week or day
///
/// Reads every commit that changed the product file (renames followed) and
/// shows, per period, the items added (first in the file in a commit of the
/// period) and the items done, with the running totals: the scope (items in
/// the file, dropped ones left out) and the items done. Weeks run Monday to
/// Sunday. A done item's day is its `done_on` when the file has one; else
/// the day of the commit that marked it done (the commit's committer date).
/// The output says how many days came from each. An item already done in
/// the file's first commit has no day: git cannot say when it was done.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product history
  product history --since 2026-09-01
  product history --per day --since 2026-11-01
  product history --json | jq '.periods[] | [.start, .done_total, .scope]'
  product history --format csv > burn-up.csv")]
pub struct Args {
    /// Show periods from the one holding this day (earlier work still counts in the totals)
    #[arg(long, value_name = "DATE")]
    since: Option<Date>,
    /// How long a period is: a week (Monday to Sunday) or a day
    #[arg(long, value_enum, default_value_t = PerArg::Week, value_name = "PERIOD")]
    per: PerArg,
}

/// `--per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PerArg {
    Week,
    Day,
}

/// The burn-up as the command shows it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct HistoryView(History);

impl HistoryView {
    fn table(&self, plain: bool) -> TableBlock {
        let first = match self.0.per {
            Per::Week => "Week of",
            Per::Day => "Day",
        };
        let number = |n: usize| -> Cell {
            if plain {
                n.to_string().into()
            } else {
                Cell::new(n.to_string(), if n == 0 { Tone::Dim } else { Tone::Plain })
            }
        };
        TableBlock {
            header: [first, "Added", "Done", "Scope", "Done total"]
                .map(String::from)
                .to_vec(),
            rows: self
                .0
                .periods
                .iter()
                .map(|p| {
                    vec![
                        p.start.to_string().into(),
                        number(p.added),
                        number(p.done),
                        p.scope.to_string().into(),
                        p.done_total.to_string().into(),
                    ]
                })
                .collect(),
        }
    }
}

impl View for HistoryView {
    fn kind(&self) -> &'static str {
        "history"
    }

    fn csv(&self) -> Csv {
        Csv::table(&self.table(true))
    }

    fn blocks(&self) -> Vec<Block> {
        let h = &self.0;
        let sources = &h.done_dates;
        let mut blocks = vec![Block::Heading(format!(
            "Burn-up of {} from {} commit{}",
            h.path,
            h.commits,
            if h.commits == 1 { "" } else { "s" }
        ))];
        if h.commits == 0 && h.since.is_none() {
            blocks.push(Block::Line(
                "git has no commit of the file yet: commit it, and its history starts there."
                    .into(),
            ));
        } else if h.periods.is_empty() {
            blocks.push(Block::Line(format!(
                "No period to show: --since {} is after today.",
                h.since.map(|d| d.to_string()).unwrap_or_default()
            )));
        } else {
            blocks.push(Block::Table(self.table(false)));
        }
        let mut dates = format!(
            "Done days: {} from the file (done_on), {} recovered from git",
            sources.from_file, sources.from_git
        );
        if !sources.unknown.is_empty() {
            dates.push_str(&format!(
                ", {} unknown ({}: done before the file's first commit, or since its last)",
                sources.unknown.len(),
                sources.unknown.join(", ")
            ));
        }
        blocks.push(Block::Line(dates));
        if !h.unreadable.is_empty() {
            blocks.push(Block::Line(format!(
                "Left out: {} commit{} whose version of the file could not be read ({})",
                h.unreadable.len(),
                if h.unreadable.len() == 1 { "" } else { "s" },
                h.unreadable.join(", ")
            )));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (path, product) = ctx.load()?;
    let file_history = store::file_history_of(&path, &product).map_err(|e| match e {
        e @ StoreError::NotInGit { .. } => CommandError::from(e).with_hint(
            "the burn-up is read from the file's commits: run it where the product file is committed in git",
        ),
        e => e.into(),
    })?;
    let options = Options {
        since: args.since,
        per: match args.per {
            PerArg::Week => Per::Week,
            PerArg::Day => Per::Day,
        },
    };
    let burn_up = history::burn_up(&product, &file_history, ctx.today, &options);
    ctx.print(&HistoryView(burn_up))
}
