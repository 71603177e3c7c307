//! `product kpi record`: a new reading of a KPI.

use serde::Serialize;

use super::super::number::{self, in_unit};
use crate::render::kpi::{kpi_change_cell, value};
use crate::render::numbers::with_unit;
use crate::render::{Block, View};
use productfile::goals::{KpiStatus, status_of};
use productfile::model::number::Written;
use productfile::model::{Date, Reading};
use productfile::ops::kpi::{self, Record};
use productfile::query::kpi::KpiReport;

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Record a reading of a KPI
///
/// The reading goes into the KPI's history in date order; the status comes
/// from the latest reading.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi record K1 84
  product kpi record K2 £1.94 --date 2026-11-01
  product kpi record K3 71.5% --note \"after the new payment page\"")]
pub struct Args {
    /// The KPI's id, e.g. K1
    #[arg(add = candidates::kpis())]
    id: String,
    /// The value read; K, M and B scale it
    #[arg(allow_hyphen_values = true, value_parser = number::written)]
    value: Written,
    /// The day of the reading [default: today]
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// What explains the value
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct Recorded {
    reading: Reading,
    /// The status the recorded value itself gives.
    reading_status: KpiStatus,
    /// Whether it is dated before the latest reading (which still sets the status).
    back_dated: bool,
    /// The KPI after the reading.
    kpi: KpiReport,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl View for Recorded {
    fn kind(&self) -> &'static str {
        "kpi_recorded"
    }

    fn blocks(&self) -> Vec<Block> {
        let k = &self.kpi;
        let head = format!(
            "Recorded {} ({}) at {} on {}",
            k.id,
            k.name,
            value(k, self.reading.value),
            self.reading.date
        );
        let line = match (&k.latest, self.back_dated) {
            (Some(latest), true) => format!(
                "{head}: {} then; the latest reading ({} on {}) still sets the status: {}",
                self.reading_status,
                value(k, latest.value),
                latest.date,
                k.status
            ),
            _ => {
                let change = match kpi_change_cell(k).text.as_str() {
                    "" => String::new(),
                    c => format!(", {c}"),
                };
                format!("{head}: {}{change}", k.status)
            }
        };
        let mut blocks = vec![Block::Line(line)];
        blocks.extend(
            self.warnings
                .iter()
                .map(|w| Block::Line(format!("warning: {w}"))),
        );
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let view = ctx.mutate(|product| {
        let found = product.find_kpi(&args.id)?;
        let opts = Record {
            value: in_unit(&args.value, &found.id, found.unit.as_deref())?,
            id: args.id,
            date: args.date,
            note: args.note,
        };
        let recorded = kpi::record(product, ctx.today, &opts)?;
        let k = product.find_kpi(&recorded.id)?;
        let warnings = recorded
            .same_day
            .iter()
            .map(|same_day| {
                format!(
                    "{} already has a reading on {} ({}); both are kept and this one counts",
                    k.id,
                    same_day.date,
                    with_unit(same_day.value, k.unit.as_deref())
                )
            })
            .chain(recorded.warnings.iter().cloned())
            .collect();
        Ok(Recorded {
            reading_status: status_of(k, recorded.reading.value),
            reading: recorded.reading,
            back_dated: recorded.back_dated,
            kpi: KpiReport::of(k, ctx.today),
            warnings,
        })
    })?;
    ctx.print(&view)
}
