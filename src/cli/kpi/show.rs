//! `product kpi show`: one KPI and its history.

use serde::Serialize;

use crate::render::{Block, Cell, TableBlock, View};
use productfile::goals::{KpiStatus, Trend, status_of, trend};
use productfile::model::{Date, Direction};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::view::{KpiReport, change_cell, status_cell};

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
struct KpiDetail {
    today: Date,
    #[serde(flatten)]
    kpi: KpiReport,
    /// The history with what each reading meant at the time.
    readings: Vec<ReadingRow>,
}

#[derive(Debug, Serialize)]
struct ReadingRow {
    date: Date,
    value: f64,
    change: Option<f64>,
    trend: Option<Trend>,
    status: KpiStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl View for KpiDetail {
    fn kind(&self) -> &'static str {
        "kpi"
    }

    fn blocks(&self) -> Vec<Block> {
        let k = &self.kpi;
        let mut fields: Vec<(String, Cell)> = vec![
            ("Latest".into(), k.latest_cell()),
            ("Status".into(), k.status_cell()),
            ("Target".into(), k.target_text().into()),
        ];
        if let Some(t) = k.threshold {
            let red = match k.direction {
                Direction::Up => "below",
                Direction::Down => "above",
            };
            fields.push((
                "Threshold".into(),
                format!("red {red} {}", k.value(t)).into(),
            ));
        }
        if let Some(c) = k.cadence {
            fields.push(("Cadence".into(), c.to_string().into()));
        }
        if k.latest.is_some() {
            fields.push(("Age".into(), k.age_cell()));
        }
        fields.push(("Trend".into(), k.trend_cell()));
        let mut blocks = vec![
            Block::Heading(format!("{} {}", k.id, k.name)),
            Block::Fields(fields),
        ];
        if self.readings.is_empty() {
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
                .readings
                .iter()
                .map(|r| {
                    vec![
                        r.date.to_string().into(),
                        k.value(r.value).into(),
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
    let kpi = super::find(&product, &args.id)?;
    let report = KpiReport::of(kpi, ctx.today);
    let mut previous: Option<f64> = None;
    let readings = report
        .history
        .iter()
        .map(|r| {
            let change = previous.map(|p| r.value - p);
            previous = Some(r.value);
            ReadingRow {
                date: r.date,
                value: r.value,
                change,
                trend: change.map(|c| trend(c, kpi.direction)),
                status: status_of(kpi, r.value),
                note: r.note.clone(),
            }
        })
        .collect();
    ctx.print(&KpiDetail {
        today: ctx.today,
        kpi: report,
        readings,
    })
}
