//! `product kpi show`: one KPI and its history.

use serde::Serialize;

use crate::render::kpi::{
    age_cell, change_cell, latest_cell, status_cell, target_text, trend_cell, value,
};
use crate::render::{Block, Cell, TableBlock, View};
use productfile::model::{Date, Direction};
use productfile::query::kpi::{self, KpiDetail};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Show a KPI and its readings, each with the status it gave
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi show K1
  product kpi show K1 --format csv > satisfaction.csv")]
pub struct Args {
    /// The KPI's id, e.g. K1
    #[arg(add = candidates::kpis())]
    id: String,
}

#[derive(Debug, Serialize)]
struct KpiView {
    today: Date,
    #[serde(flatten)]
    detail: KpiDetail,
}

impl View for KpiView {
    fn kind(&self) -> &'static str {
        "kpi"
    }

    fn blocks(&self) -> Vec<Block> {
        let k = &self.detail.kpi;
        let mut fields: Vec<(String, Cell)> = vec![
            ("Latest".into(), latest_cell(k)),
            ("Status".into(), status_cell(k.status)),
            ("Target".into(), target_text(k).into()),
        ];
        if let Some(t) = k.threshold {
            let red = match k.direction {
                Direction::Up => "below",
                Direction::Down => "above",
            };
            fields.push((
                "Threshold".into(),
                format!("red {red} {}", value(k, t)).into(),
            ));
        }
        if let Some(c) = k.cadence {
            fields.push(("Cadence".into(), c.to_string().into()));
        }
        if k.latest.is_some() {
            fields.push(("Age".into(), age_cell(k)));
        }
        fields.push(("Trend".into(), trend_cell(k)));
        let mut blocks = vec![
            Block::Heading(format!("{} {}", k.id, k.name)),
            Block::Fields(fields),
        ];
        if self.detail.readings.is_empty() {
            blocks.push(Block::Line(format!(
                "No readings yet: record one with `product kpi record {} VALUE`.",
                k.id
            )));
            return blocks;
        }
        blocks.push(Block::Table(TableBlock {
            header: ["Date", "Value", "Change", "Status", "Note"]
                .map(String::from)
                .to_vec(),
            rows: self
                .detail
                .readings
                .iter()
                .map(|r| {
                    vec![
                        r.date.to_string().into(),
                        value(k, r.value).into(),
                        match (r.change, r.trend) {
                            (Some(c), Some(t)) => change_cell(c, t),
                            _ => Cell::from(""),
                        },
                        status_cell(r.status),
                        r.note.clone().unwrap_or_default().into(),
                    ]
                })
                .collect(),
        }));
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&KpiView {
        today: ctx.today,
        detail: kpi::kpi(&product, &args.id, ctx.today)?,
    })
}
