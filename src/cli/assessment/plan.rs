//! `product assessment plan`: booking an assessment for a phase and a day.

use serde::Serialize;

use crate::cli::choice::choice;
use crate::render::service::days;
use crate::render::{Block, View};
use productfile::model::{Assessment, Date, Phase};
use productfile::ops::assessment::{self, PlanAssessment};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Plan an assessment for a phase on a day; always logged
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product assessment plan --phase beta --date 2027-01-20
  product assessment plan --phase alpha --date 2026-09-14 --panel \"Sam Lee\" --panel \"Ana Ruiz\"")]
pub struct Args {
    /// The phase assessed: alpha, beta or live
    #[arg(long, value_parser = choice::<Phase>())]
    phase: Phase,
    /// The day it is planned for, as YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    date: Date,
    /// An assessor on the panel (repeatable)
    #[arg(long = "panel", value_name = "NAME")]
    panel: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Planned {
    assessment: Assessment,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<String>,
    #[serde(skip)]
    days_away: i64,
}

impl View for Planned {
    fn kind(&self) -> &'static str {
        "assessment_planned"
    }

    fn blocks(&self) -> Vec<Block> {
        let a = &self.assessment;
        vec![Block::Line(format!(
            "Planned {}: {} assessment on {} ({}); prepare with `product assessment prepare {}`",
            a.id,
            a.phase,
            a.date,
            days(self.days_away),
            a.id
        ))]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = PlanAssessment {
        phase: args.phase,
        date: args.date,
        panel: args.panel,
    };
    let (assessment, decision) =
        ctx.mutate_logged(|product| assessment::plan(product, ctx.today, &opts))?;
    ctx.print(&Planned {
        days_away: (assessment.date.0 - ctx.today.0).num_days(),
        assessment,
        decision,
    })
}
