//! `product item rm`: delete an item from the file for good.

use crate::render::{Block, View};
use productfile::ops::item::{self, ItemRemoved};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};

/// Delete an item from the file (to keep a record, use `item drop` instead)
///
/// Asks for confirmation on a terminal; elsewhere it needs --yes.
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
        let item = product.find_item(&id)?;
        if !ctx.interactive {
            return Err(CommandError::usage(format!("removing {id} needs confirmation"))
                .with_hint(format!("run `product item rm {id} --yes`, or `product item drop {id} --reason ...` to keep a record")));
        }
        if !ctx.confirm(&format!("Remove {}: {}?", item.id, item.title), false)? {
            return Err(CommandError::usage("not removed"));
        }
    }
    let removed = ctx.mutate(|product| item::remove(product, ctx.today, &id))?;
    ctx.print(&removed)
}
