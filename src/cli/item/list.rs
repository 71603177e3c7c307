//! `product item list`: the backlog in order.

use crate::cli::choice::choice;
use crate::render::{Block, Csv, View, items};
use productfile::model::{Kind, Status};
use productfile::query::items::{self as query, ItemFilter, ItemList};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// List backlog items in priority order
///
/// Shows open items (idea, ready, doing) by default; --all adds done and
/// dropped ones, and --status picks statuses exactly. An item that depends
/// on an open item is marked blocked.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item list
  product item list --status ready --status doing
  product item list --kind bug --tag payments
  product item list --kr O1.KR1
  product item list --roadmap R1
  product item list --need N1
  product item list --all --format csv > backlog.csv")]
pub struct Args {
    /// Only items with this status (repeatable)
    #[arg(long = "status", value_parser = choice::<Status>(), value_name = "STATUS")]
    statuses: Vec<Status>,
    /// Only items of this kind
    #[arg(long, value_parser = choice::<Kind>())]
    kind: Option<Kind>,
    /// Only items with this tag
    #[arg(long)]
    tag: Option<String>,
    /// Only items in the minimum viable product
    #[arg(long)]
    mvp: bool,
    /// Only items linked to this key result, e.g. O1.KR1
    #[arg(long, value_name = "O1.KR1", add = candidates::key_results())]
    kr: Option<String>,
    /// Only items under this roadmap entry, e.g. R1
    #[arg(long, value_name = "R1", add = candidates::roadmap())]
    roadmap: Option<String>,
    /// Only items that answer this user need, e.g. N1
    #[arg(long, value_name = "N1", add = candidates::needs())]
    need: Option<String>,
    /// Include done and dropped items
    #[arg(long)]
    all: bool,
}

impl View for ItemList {
    fn kind(&self) -> &'static str {
        "item_list"
    }

    fn csv(&self) -> Csv {
        items::plain_table(&self.items, &self.score)
    }

    fn blocks(&self) -> Vec<Block> {
        if self.items.is_empty() {
            return vec![Block::Line(format!(
                "No items match ({} in the file).",
                self.total
            ))];
        }
        vec![
            Block::Table(items::table(&self.items, &self.score)),
            Block::Line(format!("{} of {} items", self.items.len(), self.total)),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let filter = ItemFilter {
        statuses: args.statuses,
        all: args.all,
        kind: args.kind,
        tag: args.tag,
        mvp: args.mvp,
        key_result: args.kr,
        roadmap: args.roadmap,
        need: args.need,
    };
    ctx.print(&query::list(&product, &filter)?)
}
