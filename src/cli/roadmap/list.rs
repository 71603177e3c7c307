//! `product roadmap list`: now, next and later, side by side.

use serde::Serialize;

use crate::render::{Block, ColumnBlock, TableBlock, View};
use productfile::model::Horizon;

use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::view::RoadmapReport;

/// Show the roadmap: Now, Next and Later side by side
///
/// Each entry shows its outcome, the objectives it serves, any hard date
/// and how many of its items are done. In a terminal narrower than 90
/// columns (or in a pipe) the three lists are stacked.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product roadmap list
  product roadmap list --format markdown >> README.md
  product roadmap list --json | jq '.now[].title'")]
pub struct Args {}

/// The roadmap in its three horizons.
#[derive(Debug, Serialize)]
pub struct Roadmap {
    now: Vec<RoadmapReport>,
    next: Vec<RoadmapReport>,
    later: Vec<RoadmapReport>,
}

impl Roadmap {
    pub fn of(product: &productfile::model::Product) -> Self {
        let all = RoadmapReport::all(product);
        let on = |h: Horizon| all.iter().filter(|r| r.horizon == h).cloned().collect();
        Roadmap {
            now: on(Horizon::Now),
            next: on(Horizon::Next),
            later: on(Horizon::Later),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.now.is_empty() && self.next.is_empty() && self.later.is_empty()
    }

    /// Now, next and later side by side, with a row an entry for CSV.
    pub fn columns(&self) -> Block {
        let column = |horizon: Horizon, entries: &[RoadmapReport]| ColumnBlock {
            heading: horizon.heading().into(),
            entries: entries.iter().map(RoadmapReport::column_text).collect(),
        };
        let rows = [&self.now, &self.next, &self.later]
            .into_iter()
            .flatten()
            .map(RoadmapReport::row)
            .collect();
        Block::Columns {
            columns: vec![
                column(Horizon::Now, &self.now),
                column(Horizon::Next, &self.next),
                column(Horizon::Later, &self.later),
            ],
            rows: TableBlock {
                header: RoadmapReport::ROW_HEADER.map(String::from).to_vec(),
                rows,
            },
        }
    }
}

impl View for Roadmap {
    fn kind(&self) -> &'static str {
        "roadmap"
    }

    fn blocks(&self) -> Vec<Block> {
        if self.is_empty() {
            return vec![Block::Line(
                "The roadmap is empty: add an entry with `product roadmap add --title \"...\" --horizon now`."
                    .into(),
            )];
        }
        vec![self.columns()]
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&Roadmap::of(&product))
}
