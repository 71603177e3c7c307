//! `product assessment edit | rm`: a planned assessment moved, added to,
//! or taken off the plan.

use serde::Serialize;

use crate::render::service::days;
use crate::render::{Block, View};
use productfile::model::{Assessment, Date};
use productfile::ops::assessment::{self, EditAssessment};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Move a planned assessment to another day, or add to its panel; always logged
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product assessment edit A2 --date 2027-01-27
  product assessment edit A2 --panel \"Ana Ruiz\"")]
pub struct EditArgs {
    /// The assessment's id, e.g. A2
    #[arg(add = candidates::assessments())]
    id: String,
    /// The day it is now planned for, as YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// An assessor to add to the panel (repeatable)
    #[arg(long = "panel", value_name = "NAME")]
    panel: Vec<String>,
}

/// Take a planned assessment off the plan (a held one is the record and stays); always logged
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product assessment rm A3")]
pub struct RmArgs {
    /// The assessment's id, e.g. A3
    #[arg(add = candidates::assessments())]
    id: String,
}

#[derive(Debug, Serialize)]
struct Changed {
    #[serde(skip)]
    kind: &'static str,
    assessment: Assessment,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<String>,
    #[serde(skip)]
    days_away: i64,
}

impl View for Changed {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let a = &self.assessment;
        let line = if self.kind == "assessment_removed" {
            format!(
                "Removed {}: the {} assessment planned for {}",
                a.id, a.phase, a.date
            )
        } else {
            format!(
                "Updated {}: {} assessment on {} ({})",
                a.id,
                a.phase,
                a.date,
                days(self.days_away)
            )
        };
        vec![Block::Line(line)]
    }
}

pub fn edit(ctx: &Ctx, args: EditArgs) -> CmdResult<()> {
    let opts = EditAssessment {
        id: args.id,
        date: args.date,
        panel: args.panel,
    };
    let (assessment, decision) =
        ctx.mutate_logged(|product| assessment::edit(product, ctx.today, &opts))?;
    ctx.print(&Changed {
        kind: "assessment_updated",
        days_away: (assessment.date.0 - ctx.today.0).num_days(),
        assessment,
        decision,
    })
}

pub fn rm(ctx: &Ctx, args: RmArgs) -> CmdResult<()> {
    let (assessment, decision) =
        ctx.mutate_logged(|product| assessment::remove(product, ctx.today, &args.id))?;
    ctx.print(&Changed {
        kind: "assessment_removed",
        days_away: (assessment.date.0 - ctx.today.0).num_days(),
        assessment,
        decision,
    })
}
