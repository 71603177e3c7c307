//! `product roadmap list`: now, next and later, side by side.

use serde::Serialize;

use crate::render::roadmap::{columns, csv};
use crate::render::{Block, Csv, View};
use productfile::query::roadmap::{self, Roadmap};

use super::super::context::Ctx;
use super::super::error::CmdResult;

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

/// The roadmap as the command shows it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct RoadmapView(Roadmap);

impl View for RoadmapView {
    fn kind(&self) -> &'static str {
        "roadmap"
    }

    fn csv(&self) -> Csv {
        csv(&self.0)
    }

    fn blocks(&self) -> Vec<Block> {
        if self.0.is_empty() {
            return vec![Block::Line(
                "The roadmap is empty: add an entry with `product roadmap add --title \"...\" --horizon now`."
                    .into(),
            )];
        }
        vec![columns(&self.0)]
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&RoadmapView(roadmap::roadmap(&product)))
}
