//! `product roadmap add`: a new roadmap entry.

use crate::cli::choice::choice;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::{Date, DecisionKind, Horizon, RoadmapEntry};
use productfile::ops::{
    self,
    roadmap::{self, AddEntry},
};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Add a roadmap entry: an outcome on the now, next or later horizon
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product roadmap add --title \"Pay online\" --horizon now --objective O1
  product roadmap add --title \"Exemption checks\" --horizon next \\
      --outcome \"Nobody pays a penalty by mistake\" --date 2027-04-01 --date-reason \"New rules take effect\"")]
pub struct Args {
    /// What the entry delivers, in a few words
    #[arg(long)]
    title: String,
    /// When it is planned
    #[arg(long, value_parser = choice::<Horizon>())]
    horizon: Horizon,
    /// What changes for users when it is done
    #[arg(long, value_name = "TEXT")]
    outcome: Option<String>,
    /// An objective it serves, e.g. O1 (repeatable)
    #[arg(long = "objective", value_name = "O1", add = candidates::objectives())]
    objectives: Vec<String>,
    /// A hard date, only where something outside forces one (with --date-reason)
    #[arg(long, value_name = "DATE", requires = "date_reason")]
    date: Option<Date>,
    /// Why the date is hard, e.g. "Regulation takes effect"
    #[arg(long, value_name = "TEXT", requires = "date")]
    date_reason: Option<String>,
}

#[derive(Debug, Serialize)]
struct Added {
    action: &'static str,
    entry: RoadmapEntry,
    /// The command that links backlog items to it, with the agreement it
    /// will need.
    next: String,
}

impl View for Added {
    fn kind(&self) -> &'static str {
        "roadmap_added"
    }

    fn blocks(&self) -> Vec<Block> {
        let e = &self.entry;
        vec![
            Block::Line(format!("Added {}: {} ({})", e.id, e.title, e.horizon)),
            Block::Line(format!("Next: {} to link backlog items", self.next)),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = AddEntry {
        title: args.title,
        horizon: args.horizon,
        outcome: args.outcome,
        objectives: args.objectives,
        date: args.date,
        date_reason: args.date_reason,
    };
    let (added, next) = ctx.mutate(|product| {
        let added = roadmap::add(product, ctx.today, &opts)?;
        // Linking an item to the roadmap is a scope decision.
        let next = ops::with_agreement(
            product,
            &[DecisionKind::Scope],
            ctx.actor_name().as_deref(),
            &format!("product item edit ID --roadmap {}", added.entry.id),
        );
        Ok((added, ctx.command(&next)))
    })?;
    ctx.print(&Added {
        action: "added",
        entry: added.entry,
        next,
    })
}
