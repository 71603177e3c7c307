//! `product roadmap rm`: remove an entry, never leaving items linked to nothing.

use serde::Serialize;

use crate::render::{Block, View};
use productfile::ops::roadmap::{self, RemoveEntry};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Remove a roadmap entry
///
/// Refused while backlog items link to it, unless --unlink, which takes the
/// link off those items, so that no item is left pointing at nothing.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product roadmap rm R4
  product roadmap rm R4 --unlink")]
pub struct Args {
    /// The entry's id, e.g. R1
    #[arg(add = candidates::roadmap())]
    id: String,
    /// Take the link off the items that point to it
    #[arg(long)]
    unlink: bool,
}

#[derive(Debug, Serialize)]
struct Removed {
    id: String,
    title: String,
    /// Items whose `roadmap` pointed to it and no longer does.
    unlinked: Vec<String>,
}

impl View for Removed {
    fn kind(&self) -> &'static str {
        "roadmap_removed"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Line(format!("Removed {}: {}", self.id, self.title))];
        if !self.unlinked.is_empty() {
            blocks.push(Block::Line(format!(
                "Taken off the roadmap: {}",
                self.unlinked.join(", ")
            )));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = RemoveEntry {
        id: args.id,
        unlink: args.unlink,
    };
    let removed = ctx.mutate(|product| roadmap::remove(product, ctx.today, &opts))?;
    ctx.print(&Removed {
        id: removed.entry.id,
        title: removed.entry.title,
        unlinked: removed.unlinked,
    })
}
