//! `product portfolio roadmap`: Now, Next and Later across products.

use serde::Serialize;

use crate::render::{Block, ColumnBlock, Csv, TableBlock, View};
use productfile::portfolio::roadmap::{self, LaneEntry, PortfolioRoadmap};

use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::Opened;

/// Show the combined roadmap: each product's entries in Now, Next and Later
///
/// Entries keep their product's key (`PAY R2`); a hard date is marked
/// with `!` and the date. In a terminal narrower than 90 columns (or in a
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

fn entry_text(e: &LaneEntry) -> String {
    let mut text = format!("{} {}: {}", e.product, e.id, e.title);
    if let Some(date) = e.date {
        text.push_str(&format!(" (! hard date {date})"));
    }
    if e.items_total > 0 {
        text.push_str(&format!(" [{}/{} done]", e.items_done, e.items_total));
    }
    text
}

impl View for RoadmapView {
    fn kind(&self) -> &'static str {
        "portfolio_roadmap"
    }

    fn csv(&self) -> Csv {
        Csv::table(&TableBlock {
            header: [
                "horizon",
                "product",
                "id",
                "title",
                "outcome",
                "date",
                "date_reason",
                "items_total",
                "items_done",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .0
                .lanes
                .iter()
                .flat_map(|lane| {
                    lane.entries.iter().map(move |e| {
                        vec![
                            lane.horizon.to_string().into(),
                            e.product.as_str().into(),
                            e.id.as_str().into(),
                            e.title.as_str().into(),
                            e.outcome.clone().unwrap_or_default().into(),
                            e.date.map(|d| d.to_string()).unwrap_or_default().into(),
                            e.date_reason.clone().unwrap_or_default().into(),
                            e.items_total.to_string().into(),
                            e.items_done.to_string().into(),
                        ]
                    })
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
