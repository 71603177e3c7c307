//! `product roadmap show`: one entry and its backlog items.

use serde::Serialize;

use crate::render::{Block, Cell, View};

use crate::render::items::{ItemRow, ScoreColumn};
use crate::render::roadmap::progress;
use productfile::query::roadmap::{self, RoadmapReport};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Show a roadmap entry and its items in backlog order, with status and score
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product roadmap show R1
  product roadmap show R1 --json | jq '.items[] | {id, status, score}'")]
pub struct Args {
    /// The entry's id, e.g. R1
    #[arg(add = candidates::roadmap())]
    id: String,
}

#[derive(Debug, Serialize)]
struct EntryDetail {
    #[serde(flatten)]
    entry: RoadmapReport,
    score_method: String,
    #[serde(skip)]
    score: ScoreColumn,
    /// Its items in backlog order: open ones first, as the backlog orders
    /// them, then done and dropped ones where they sit in the file.
    items: Vec<ItemRow>,
}

impl View for EntryDetail {
    fn kind(&self) -> &'static str {
        "roadmap_entry"
    }

    fn blocks(&self) -> Vec<Block> {
        let e = &self.entry;
        let mut fields: Vec<(String, Cell)> =
            vec![("Horizon".into(), e.horizon.to_string().into())];
        if let Some(o) = &e.outcome {
            fields.push(("Outcome".into(), o.as_str().into()));
        }
        if !e.objectives.is_empty() {
            fields.push(("Objectives".into(), e.objectives.join(", ").into()));
        }
        if let Some(d) = e.date {
            let why = e
                .date_reason
                .as_deref()
                .map_or(String::new(), |w| format!(" ({w})"));
            fields.push(("Hard date".into(), format!("{d}{why}").into()));
        }
        fields.push(("Progress".into(), progress(e).into()));
        let mut blocks = vec![
            Block::Heading(format!("{} {}", e.id, e.title)),
            Block::Fields(fields),
        ];
        if self.items.is_empty() {
            blocks.push(Block::Line(format!(
                "No items yet: link one with `product item edit ID --roadmap {}`.",
                e.id
            )));
        } else {
            blocks.push(Block::Table(ItemRow::table(&self.items, &self.score)));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let found = roadmap::entry(&product, &args.id)?;
    let score = ScoreColumn::of(&product);
    ctx.print(&EntryDetail {
        items: ItemRow::rows(&product, found.items),
        entry: found.entry,
        score_method: score.method.clone(),
        score,
    })
}
