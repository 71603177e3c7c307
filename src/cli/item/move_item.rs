//! `product item move`: reorder the backlog by hand.

use productfile::model::MoveTo;
use productfile::ops::item::{self, MoveItem};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::view::ItemView;

/// Move an item up or down the backlog
///
/// Positions count open items only, as `item list` shows them; done and
/// dropped items keep their places.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item move RX-7 --top
  product item move RX-7 --to 3
  product item move RX-7 --before RX-2
  product item move RX-7 --after RX-2
  product item move RX-7 --bottom")]
#[command(group = clap::ArgGroup::new("where").required(true).args(["to", "before", "after", "top", "bottom"]))]
pub struct Args {
    /// The item to move
    #[arg(add = candidates::open_items())]
    id: String,
    /// To this position in the backlog (1 is the top)
    #[arg(long, value_name = "N", value_parser = super::super::number::count)]
    to: Option<usize>,
    /// Just before this item
    #[arg(long, value_name = "ID", add = candidates::open_items())]
    before: Option<String>,
    /// Just after this item
    #[arg(long, value_name = "ID", add = candidates::open_items())]
    after: Option<String>,
    /// To the top of the backlog
    #[arg(long)]
    top: bool,
    /// To the bottom of the backlog
    #[arg(long)]
    bottom: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let to = match (args.to, args.before, args.after) {
        (Some(n), _, _) => MoveTo::Position(n),
        (_, Some(id), _) => MoveTo::Before(id),
        (_, _, Some(id)) => MoveTo::After(id),
        _ if args.top => MoveTo::Top,
        _ => MoveTo::Bottom,
    };
    let opts = MoveItem { id: args.id, to };
    let view = ctx.mutate(|product| {
        let moved = item::move_item(product, ctx.today, &opts)?;
        ItemView::new(
            "item_moved",
            Some("moved"),
            product,
            &moved.id,
            moved.warnings,
        )
    })?;
    ctx.print(&view)
}
