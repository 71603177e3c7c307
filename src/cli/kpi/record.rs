//! `product kpi record`: a new reading of a KPI.

use serde::Serialize;

use crate::render::{Block, View};
use productfile::goals::{KpiStatus, status_of};
use productfile::model::{Date, Reading, latest};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::super::measure;
use super::view::KpiReport;
use crate::render::numbers::with_unit;

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
    #[arg(allow_hyphen_values = true)]
    value: String,
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
            k.value(self.reading.value),
            self.reading.date
        );
        let line = match (&k.latest, self.back_dated) {
            (Some(latest), true) => format!(
                "{head}: {} then; the latest reading ({} on {}) still sets the status: {}",
                self.reading_status,
                k.value(latest.value),
                latest.date,
                k.status
            ),
            _ => {
                let change = match k.change_cell().text.as_str() {
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
    let date = args.date.unwrap_or(ctx.today);
    measure::not_after_today(date, ctx.today, "a reading")?;
    let view = ctx.mutate(|product| {
        let kpi = super::find_mut(product, &args.id)?;
        let value = measure::parse(&args.value, &kpi.id, kpi.unit.as_deref())?;
        let mut warnings = Vec::new();
        let latest_before = latest(&kpi.history).cloned();
        let back_dated = latest_before.as_ref().is_some_and(|last| date < last.date);
        if let Some(same_day) = kpi.history.iter().rfind(|r| r.date == date) {
            warnings.push(format!(
                "{} already has a reading on {date} ({}); both are kept and this one counts",
                kpi.id,
                with_unit(same_day.value, kpi.unit.as_deref())
            ));
        }
        let reading = Reading {
            date,
            value,
            note: args.note.filter(|n| !n.trim().is_empty()),
        };
        kpi.record(reading.clone());
        Ok(Recorded {
            reading_status: status_of(kpi, value),
            reading,
            back_dated,
            kpi: KpiReport::of(kpi, ctx.today),
            warnings,
        })
    })?;
    ctx.print(&view)
}
