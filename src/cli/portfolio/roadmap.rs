//! `product portfolio roadmap`: Now, Next and Later across products.

use serde::Serialize;

use crate::render::roadmap::{ROW_HEADER, column_text, row};
use crate::render::{Block, ColumnBlock, Csv, TableBlock, View};
use productfile::portfolio::roadmap::{self, LaneEntry, PortfolioRoadmap};

use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::Opened;

/// Show the combined roadmap: each product's entries in Now, Next and Later
///
/// Entries keep their product's key (`PAY R2`) and read as in `product
/// roadmap list`: outcome, objectives, a hard date as `by DATE (why)`,
/// items done. In a terminal narrower than 90 columns (or in a
/// pipe) the three lanes are stacked.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio roadmap
  product portfolio roadmap --format markdown > ROADMAP.md
  product portfolio roadmap --json | jq '.lanes[0].entries[].title'")]
pub struct Args {}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct RoadmapView(PortfolioRoadmap);

/// The entry as `roadmap list` writes it, its product's key first.
fn entry_text(e: &LaneEntry) -> String {
    format!("{} {}", e.product, column_text(&e.entry))
}

impl View for RoadmapView {
    fn kind(&self) -> &'static str {
        "portfolio_roadmap"
    }

    /// `roadmap list`'s columns, with the product's key first.
    fn csv(&self) -> Csv {
        let mut header = vec!["Product".to_owned()];
        header.extend(ROW_HEADER.iter().map(|h| (*h).to_owned()));
        Csv::table(&TableBlock {
            header,
            rows: self
                .0
                .lanes
                .iter()
                .flat_map(|lane| &lane.entries)
                .map(|e| {
                    let mut cells = vec![e.product.as_str().into()];
                    cells.extend(row(&e.entry).into_iter().map(Into::into));
                    cells
                })
                .collect(),
        })
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Heading(format!("{}: roadmap", self.0.name))];
        if self.0.lanes.iter().all(|l| l.entries.is_empty()) {
            blocks.push(Block::Line("No product has a roadmap entry yet.".into()));
            return blocks;
        }
        blocks.push(Block::Columns(
            self.0
                .lanes
                .iter()
                .map(|lane| ColumnBlock {
                    heading: lane.horizon.heading().to_owned(),
                    entries: lane.entries.iter().map(entry_text).collect(),
                })
                .collect(),
        ));
        blocks
    }
}

pub fn run(ctx: &Ctx, opened: &Opened, _args: Args) -> CmdResult<()> {
    ctx.print(&RoadmapView(roadmap::roadmap(&opened.portfolio())))?;
    opened.failed()
}
