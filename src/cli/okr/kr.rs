//! `product okr kr add`: a new key result for an objective.

use clap::Subcommand;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::goals::GoalError;
use productfile::model::{KeyResult, number};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};
use super::super::measure;
use crate::render::numbers::with_unit;

/// Add key results to an objective
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr kr add O1 --title \"Online completion rate\" --start 62 --target 85 --unit %")]
pub struct Args {
    #[command(subcommand)]
    command: KrCommand,
}

#[derive(Debug, Subcommand)]
enum KrCommand {
    Add(AddArgs),
}

/// Add a key result: a metric, where it starts and where it should get to
///
/// The key result gets the next free id in its objective (KR1, KR2, ...)
/// and is named O1.KR1 elsewhere. A target below the start measures a
/// metric that should fall, such as churn going from 8% to 5%. Values take
/// K, M and B for thousands, millions and billions.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr kr add O1 --title \"Online completion rate\" --start 62 --target 85 --unit %
  product okr kr add O1 --title \"Monthly churn\" --start 8 --target 5 --unit % --weight 2
  product okr kr add O2 --title \"Annual revenue\" --start 1.0M --target 1.5M --unit £")]
pub struct AddArgs {
    /// The objective's id, e.g. O1
    #[arg(add = candidates::objectives())]
    objective: String,
    /// What is measured
    #[arg(long)]
    title: String,
    /// Its value when the key result was set
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    start: String,
    /// The value that counts as fully achieved
    #[arg(long, value_name = "Y", allow_hyphen_values = true)]
    target: String,
    /// The unit values are in, e.g. %, £, users
    #[arg(long)]
    unit: Option<String>,
    /// Its weight in the objective's grade [default: 1]
    #[arg(long, value_name = "W", allow_hyphen_values = true)]
    weight: Option<String>,
}

#[derive(Debug, Serialize)]
struct Added {
    action: &'static str,
    objective: String,
    reference: String,
    key_result: KeyResult,
}

impl View for Added {
    fn kind(&self) -> &'static str {
        "key_result_added"
    }

    fn blocks(&self) -> Vec<Block> {
        let kr = &self.key_result;
        let unit = kr.unit.as_deref();
        vec![
            Block::Line(format!(
                "Added {}: {} (from {} to {})",
                self.reference,
                kr.title,
                with_unit(kr.start, unit),
                with_unit(kr.target, unit)
            )),
            Block::Line(format!(
                "Next: product okr checkin {} VALUE",
                self.reference
            )),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        KrCommand::Add(a) => add(ctx, a),
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> CmdResult<()> {
    let title = args.title.trim().to_owned();
    if title.is_empty() {
        return Err(CommandError::usage("--title is empty"));
    }
    let unit = args
        .unit
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty());
    let start = measure::parse(&args.start, "--start", unit.as_deref())?;
    let target = measure::parse(&args.target, "--target", unit.as_deref())?;
    if start == target {
        return Err(CommandError::new(
            ErrorKind::Invalid,
            ErrorCode::StartIsTarget,
            format!(
                "--start and --target are both {}, so there is no distance to measure progress along",
                number::display(start)
            ),
        )
        .with_hint("give the value the metric starts from and a different value to reach"));
    }
    let weight = match &args.weight {
        None => None,
        Some(text) => {
            let w = measure::parse(text, "--weight", None)?;
            if w < 0.0 {
                return Err(CommandError::new(
                    ErrorKind::Invalid,
                    ErrorCode::InvalidValue,
                    format!("--weight: {}", GoalError::NegativeWeight(w)),
                ));
            }
            Some(w)
        }
    };
    let view = ctx.mutate(|product| {
        let objective = super::find_objective_mut(product, &args.objective)?;
        let key_result = KeyResult {
            id: objective.next_key_result_id(),
            title,
            unit,
            start,
            target,
            current: None,
            weight,
            history: Vec::new(),
        };
        objective.key_results.push(key_result.clone());
        Ok(Added {
            action: "added",
            objective: objective.id.clone(),
            reference: objective.kr_ref(&key_result),
            key_result,
        })
    })?;
    ctx.print(&view)
}
