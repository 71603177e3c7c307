//! `product item rm`: delete an item from the file for good.

use serde::Serialize;

use crate::render::{Block, View};

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

#[derive(Debug, Serialize)]
struct Removed {
    id: String,
    title: String,
    /// Items that listed it in `depends_on` and no longer do.
    unlinked: Vec<String>,
}

impl View for Removed {
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
        super::find(&product, &id)?;
        if !ctx.interactive {
            return Err(CommandError::usage(format!("removing {id} needs confirmation"))
                .with_hint(format!("run `product item rm {id} --yes`, or `product item drop {id} --reason ...` to keep a record")));
        }
        let item = super::find(&product, &id)?;
        if !ctx.confirm(&format!("Remove {}: {}?", item.id, item.title), false)? {
            return Err(CommandError::usage("not removed"));
        }
    }
    let view = ctx.mutate(|product| {
        let index = product
            .item_index(&id)
            .ok_or_else(|| super::unknown(product, &id))?;
        let item = product.items.remove(index);
        let mut unlinked = Vec::new();
        for other in &mut product.items {
            let before = other.depends_on.len();
            other.depends_on.retain(|d| *d != id);
            if other.depends_on.len() != before {
                unlinked.push(other.id.clone());
            }
        }
        Ok(Removed {
            id: item.id,
            title: item.title,
            unlinked,
        })
    })?;
    ctx.print(&view)
}
