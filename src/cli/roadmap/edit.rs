//! `product roadmap edit`: change an entry's title, outcome, objectives or date.

use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::RoadmapEntry;
use productfile::ops::roadmap::{self, EditEntry};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};

/// Change a roadmap entry: title, outcome, objectives, hard date
///
/// `--date none` removes the hard date and its reason. To change the
/// horizon, use `product roadmap move`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product roadmap edit R1 --outcome \"Nine in ten patients pay online first time\"
  product roadmap edit R1 --objective O2 --unlink-objective O1
  product roadmap edit R3 --date 2027-06-30 --date-reason \"Contract with the old supplier ends\"
  product roadmap edit R3 --date none")]
pub struct Args {
    /// The entry's id, e.g. R1
    #[arg(add = candidates::roadmap())]
    id: String,
    /// A new title
    #[arg(long)]
    title: Option<String>,
    /// What changes for users when it is done (an empty string removes it)
    #[arg(long, value_name = "TEXT")]
    outcome: Option<String>,
    /// Add an objective it serves (repeatable)
    #[arg(long = "objective", value_name = "O1", add = candidates::objectives())]
    objectives: Vec<String>,
    /// Remove an objective (repeatable)
    #[arg(long = "unlink-objective", value_name = "O1", add = candidates::objectives())]
    unlink_objectives: Vec<String>,
    /// A hard date (with --date-reason), or `none` to remove it
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Why the date is hard
    #[arg(long, value_name = "TEXT")]
    date_reason: Option<String>,
}

#[derive(Debug, Serialize)]
struct Edited {
    action: &'static str,
    entry: RoadmapEntry,
}

impl View for Edited {
    fn kind(&self) -> &'static str {
        "roadmap_updated"
    }

    fn blocks(&self) -> Vec<Block> {
        let verb = if self.action == "updated" {
            "Updated"
        } else {
            "Unchanged"
        };
        vec![Block::Line(format!(
            "{verb} {}: {}",
            self.entry.id, self.entry.title
        ))]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let date = match args.date.as_deref() {
        None => None,
        Some(d) if d.eq_ignore_ascii_case("none") => Some(None),
        Some(d) => Some(Some(
            d.parse()
                .map_err(|e| CommandError::usage(format!("--date: {e}")))?,
        )),
    };
    let opts = EditEntry {
        id: args.id,
        title: args.title,
        outcome: args.outcome,
        objectives: args.objectives,
        unlink_objectives: args.unlink_objectives,
        date,
        date_reason: args.date_reason,
    };
    let edited = ctx.mutate(|product| roadmap::edit(product, ctx.today, &opts))?;
    ctx.print(&Edited {
        action: if edited.changed {
            "updated"
        } else {
            "unchanged"
        },
        entry: edited.entry,
    })
}
