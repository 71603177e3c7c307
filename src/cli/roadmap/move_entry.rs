//! `product roadmap move`: an entry to another horizon.

use crate::cli::choice::choice;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::{Horizon, RoadmapEntry};
use productfile::ops::roadmap::{self, MoveEntry};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Move a roadmap entry to the now, next or later horizon
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product roadmap move R2 --to now
  product roadmap move R4 --to later")]
pub struct Args {
    /// The entry's id, e.g. R1
    #[arg(add = candidates::roadmap())]
    id: String,
    /// The horizon it moves to
    #[arg(long, value_parser = choice::<Horizon>())]
    to: Horizon,
}

#[derive(Debug, Serialize)]
struct Moved {
    action: &'static str,
    from: Horizon,
    entry: RoadmapEntry,
}

impl View for Moved {
    fn kind(&self) -> &'static str {
        "roadmap_moved"
    }

    fn blocks(&self) -> Vec<Block> {
        let e = &self.entry;
        vec![Block::Line(if self.action == "unchanged" {
            format!("{} {} is already in {}", e.id, e.title, e.horizon)
        } else {
            format!(
                "Moved {}: {} from {} to {}",
                e.id, e.title, self.from, e.horizon
            )
        })]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = MoveEntry {
        id: args.id,
        to: args.to,
    };
    let moved = ctx.mutate(|product| roadmap::move_entry(product, ctx.today, &opts))?;
    ctx.print(&Moved {
        action: if moved.changed { "moved" } else { "unchanged" },
        from: moved.from,
        entry: moved.entry,
    })
}
