//! `product item list`: the backlog in order.

use crate::cli::choice::choice;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::{Kind, Status};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::super::okr::check_key_results;
use super::fields::check_roadmap;
use crate::render::items::{ItemRow, ScoreColumn};

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
    /// Include done and dropped items
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Serialize)]
struct ItemList {
    /// The method of the rows' `score`: the file's default.
    score_method: String,
    #[serde(skip)]
    score: ScoreColumn,
    items: Vec<ItemRow>,
    /// Items in the file, whatever their status.
    total: usize,
}

impl View for ItemList {
    fn kind(&self) -> &'static str {
        "item_list"
    }

    fn blocks(&self) -> Vec<Block> {
        if self.items.is_empty() {
            return vec![Block::Line(format!(
                "No items match ({} in the file).",
                self.total
            ))];
        }
        vec![
            Block::Table(ItemRow::table(&self.items, &self.score)),
            Block::Line(format!("{} of {} items", self.items.len(), self.total)),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    if let Some(kr) = &args.kr {
        check_key_results(&product, [kr])?;
    }
    if let Some(r) = &args.roadmap {
        check_roadmap(&product, r)?;
    }
    let selected = product.items.iter().filter(|item| {
        let status_ok = if args.statuses.is_empty() {
            args.all || item.is_open()
        } else {
            args.statuses.contains(&item.status)
        };
        status_ok
            && args.kind.is_none_or(|k| item.kind == k)
            && args.tag.as_ref().is_none_or(|t| item.tags.contains(t))
            && (!args.mvp || item.mvp)
            && args
                .kr
                .as_ref()
                .is_none_or(|kr| item.key_results.contains(kr))
            && args
                .roadmap
                .as_ref()
                .is_none_or(|r| item.roadmap.as_ref() == Some(r))
    });
    let items = ItemRow::rows(&product, selected);
    let score = ScoreColumn::of(&product);
    ctx.print(&ItemList {
        score_method: score.method.clone(),
        score,
        items,
        total: product.items.len(),
    })
}
