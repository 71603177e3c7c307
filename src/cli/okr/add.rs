//! `product okr add`: a new objective.

use serde::Serialize;

use crate::render::{Block, View};
use productfile::goals::Quarter;
use productfile::model::{Commitment, Date, DecisionKind, Objective};
use productfile::ops;
use productfile::ops::okr::{self, AddObjective};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Add an objective, for a period or a quarter
///
/// The objective gets the next free id (O1, O2, ...). It is aspirational
/// (expected to reach a grade of 0.7) unless --committed (expected 1.0).
/// Give it key results with `product okr kr add`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr add --title \"Make paying for prescriptions effortless\" --quarter 2027-Q1
  product okr add --title \"Nobody pays a penalty by mistake\" --start 2027-01-01 --end 2027-06-30 --committed")]
pub struct Args {
    /// What the objective is, in a sentence
    #[arg(long)]
    title: String,
    /// The first day of its period (with --end)
    #[arg(
        long,
        value_name = "DATE",
        requires = "end",
        conflicts_with = "quarter"
    )]
    start: Option<Date>,
    /// The last day of its period (with --start)
    #[arg(
        long,
        value_name = "DATE",
        requires = "start",
        conflicts_with = "quarter"
    )]
    end: Option<Date>,
    /// A calendar quarter as its period, e.g. 2027-Q1
    #[arg(long, value_name = "YYYY-QN")]
    quarter: Option<Quarter>,
    /// It must be met in full (a grade of 1.0), not a stretch
    #[arg(long)]
    committed: bool,
    /// Why it matters
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
}

#[derive(Debug, Serialize)]
struct Added {
    action: &'static str,
    objective: Objective,
    /// The command that gives it a key result, with the agreement it needs.
    next: String,
}

impl View for Added {
    fn kind(&self) -> &'static str {
        "objective_added"
    }

    fn blocks(&self) -> Vec<Block> {
        let o = &self.objective;
        let period = match (o.start, o.end) {
            (Some(s), Some(e)) => format!(", {s} to {e}"),
            _ => String::new(),
        };
        let commitment = o.commitment.unwrap_or(Commitment::Aspirational);
        vec![
            Block::Line(format!(
                "Added {}: {} ({commitment}{period})",
                o.id, o.title
            )),
            Block::Line(format!("Next: {}", self.next)),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (start, end) = match args.quarter {
        Some(q) => (Some(q.start()), Some(q.end())),
        None => (args.start, args.end),
    };
    let opts = AddObjective {
        title: args.title,
        start,
        end,
        commitment: if args.committed {
            Commitment::Committed
        } else {
            Commitment::Aspirational
        },
        description: args.description,
    };
    let (added, next) = ctx.mutate(|product| {
        let added = okr::add_objective(product, ctx.today, &opts)?;
        // A key result is a goals decision: name whose agreement it needs.
        let next = ops::with_agreement(
            product,
            &[DecisionKind::Goals],
            ctx.actor_name().as_deref(),
            &format!(
                "product okr kr add {} --title \"...\" --start 0 --target 10",
                added.objective.id
            ),
        );
        Ok((added, ctx.command(&next)))
    })?;
    ctx.print(&Added {
        action: "added",
        objective: added.objective,
        next,
    })
}
