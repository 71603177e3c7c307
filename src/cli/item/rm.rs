//! `product item rm`: delete an item from the file for good.

use serde::Serialize;

use crate::render::visible::say;
use crate::render::{Block, View};
use productfile::ops::item::{self, ItemRemoved};
use productfile::query::items::{self, Removal};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};

/// Delete an item from the file (to keep a record, use `item drop` instead)
///
/// Asks for confirmation on a terminal, first naming the items that depend
/// on it (their dependency on it goes too); declining removes nothing.
/// Elsewhere it needs --yes.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item rm RX-9
  product item rm RX-9 --yes")]
pub struct Args {
    /// The item's id
    #[arg(add = candidates::items())]
    id: String,
    /// Do not ask for confirmation
    #[arg(short, long)]
    yes: bool,
}

/// A removal declined: the item stays, and so do the dependencies on it.
#[derive(Serialize)]
#[serde(transparent)]
struct NotRemoved(Removal);

impl View for NotRemoved {
    fn kind(&self) -> &'static str {
        "item_not_removed"
    }

    fn blocks(&self) -> Vec<Block> {
        vec![Block::Line(format!("Not removed: {}", self.0.id))]
    }
}

impl View for ItemRemoved {
    fn kind(&self) -> &'static str {
        "item_removed"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Line(format!("Removed {}: {}", self.id, self.title))];
        if !self.unlinked.is_empty() {
            blocks.push(Block::Line(format!(
                "No longer a dependency of {}",
                self.unlinked.join(", ")
            )));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let id = args.id;
    if !args.yes {
        // An unknown id is the first thing to hear about, before confirmation.
        let (_, product) = ctx.load()?;
        let removal = items::removal(&product, &id)?;
        let unlinks = removal
            .dependents_text()
            .map(|t| format!(" ({t}; removing it removes that dependency)"));
        if !ctx.interactive {
            return Err(CommandError::usage(format!(
                "removing {id} needs confirmation{}",
                unlinks.unwrap_or_default()
            ))
            .with_hint(format!("run `product item rm {id} --yes`, or `product item drop {id} --reason ...` to keep a record")));
        }
        if let Some(text) = removal.dependents_text() {
            say(&format!("{text}; removing it removes that dependency."));
        }
        if !ctx.confirm(&format!("Remove {}: {}?", removal.id, removal.title), false)? {
            return ctx.print(&NotRemoved(removal));
        }
    }
    let removed = ctx.mutate(|product| item::remove(product, ctx.today, &id))?;
    ctx.print(&removed)
}
