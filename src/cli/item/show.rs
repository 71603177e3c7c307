//! `product item show`: one item in full.

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::view::ItemView;

/// Show one item in full
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item show RX-3
  product item show RX-3 --json")]
pub struct Args {
    /// The item's id, e.g. RX-3
    #[arg(add = candidates::items())]
    id: String,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let view = ItemView::new("item", None, &product, &args.id, Vec::new())?;
    ctx.print(&view)
}
