//! `product kpi list`: every KPI with its latest reading and status.

use serde::Serialize;

use crate::render::kpi::{csv, table};
use crate::render::numbers::plural;
use crate::render::{Block, Csv, View};
use productfile::model::Date;
use productfile::query::kpi::{self, KpiReport};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// List KPIs: latest value, target, status, change, age and trend
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi list
  product kpi list --json | jq '.kpis[] | select(.status == \"red\") | .name'")]
pub struct Args {}

#[derive(Debug, Serialize)]
struct KpiList {
    today: Date,
    kpis: Vec<KpiReport>,
}

impl View for KpiList {
    fn kind(&self) -> &'static str {
        "kpi_list"
    }

    fn csv(&self) -> Csv {
        csv(&self.kpis)
    }

    fn blocks(&self) -> Vec<Block> {
        if self.kpis.is_empty() {
            return vec![Block::Line(
                "No KPIs yet: add one with `product kpi add --name \"...\" --unit % --direction up --target 90`."
                    .into(),
            )];
        }
        let count = |test: fn(&KpiReport) -> bool| self.kpis.iter().filter(|k| test(k)).count();
        let mut notes = String::new();
        match count(|k| k.stale) {
            0 => {}
            n => notes.push_str(&format!(", {n} overdue for a reading")),
        }
        match count(|k| k.latest.is_none()) {
            0 => {}
            n => notes.push_str(&format!(", {n} without a reading yet")),
        }
        vec![
            Block::Table(table(&self.kpis)),
            Block::Line(format!(
                "{} as of {}{notes}",
                plural(self.kpis.len(), "KPI"),
                self.today
            )),
        ]
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&KpiList {
        today: ctx.today,
        kpis: kpi::kpis(&product, ctx.today),
    })
}
