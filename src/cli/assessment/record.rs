//! `product assessment record`: a panel's outcome for one point.

use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::{Assessment, Date, PointResult};
use productfile::ops::assessment::{self, RecordOutcome};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Record the panel's outcome for a point: met or not met, a note, recommendations; always logged
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product assessment record A1 --point 1 --met
  product assessment record A1 --point 5 --not-met --note \"No testing with assistive technology\" \\
      --recommendation \"Test with screen reader users\" --recommendation \"Publish an accessibility statement\"
  product assessment record A2 --point 3 --met --date 2027-01-21")]
pub struct Args {
    /// The assessment's id, e.g. A1
    #[arg(add = candidates::assessments())]
    id: String,
    /// The point's number in the standard, e.g. 5
    #[arg(long, value_name = "N")]
    point: u32,
    /// The panel found the point met
    #[arg(long, conflicts_with = "not_met")]
    met: bool,
    /// The panel found the point not met
    #[arg(long)]
    not_met: bool,
    /// What the panel said of the point (replaces the note recorded)
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// A recommendation for the point, given the next id (A1.R1, ...) (repeatable)
    #[arg(long = "recommendation", value_name = "TEXT")]
    recommendations: Vec<String>,
    /// The day it was held, when not the day planned, as YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// An assessor to add to the panel (repeatable)
    #[arg(long = "panel", value_name = "NAME")]
    panel: Vec<String>,
}

#[derive(Debug, Serialize)]
struct RecordedView {
    assessment: Assessment,
    point: u32,
    recommendations: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<String>,
}

impl View for RecordedView {
    fn kind(&self) -> &'static str {
        "assessment_recorded"
    }

    fn blocks(&self) -> Vec<Block> {
        let a = &self.assessment;
        let result = match a.outcome(self.point).and_then(|o| o.result) {
            Some(PointResult::Met) => "met",
            Some(PointResult::NotMet) => "not met",
            None => "not assessed",
        };
        let mut line = format!("Recorded {} point {}: {result}", a.id, self.point);
        if !self.recommendations.is_empty() {
            line.push_str(&format!(
                "; recommendations {}",
                self.recommendations.join(", ")
            ));
        }
        vec![Block::Line(line)]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = RecordOutcome {
        id: args.id,
        point: args.point,
        result: match (args.met, args.not_met) {
            (true, _) => Some(PointResult::Met),
            (_, true) => Some(PointResult::NotMet),
            _ => None,
        },
        note: args.note,
        recommendations: args.recommendations,
        date: args.date,
        panel: args.panel,
    };
    let (recorded, decision) =
        ctx.mutate_logged(|product| assessment::record(product, ctx.today, &opts))?;
    ctx.print(&RecordedView {
        assessment: recorded.assessment,
        point: opts.point,
        recommendations: recorded.recommendations,
        decision,
    })
}
