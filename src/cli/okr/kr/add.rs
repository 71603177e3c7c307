//! `product okr kr add`: a new key result for an objective.

use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::KeyResult;
use productfile::ops::okr::{self, AddKeyResult};

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::cli::number::{self, in_unit};
use crate::render::numbers::with_unit;
use productfile::model::number::Written;

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
pub struct Args {
    /// The objective's id, e.g. O1
    #[arg(add = candidates::objectives())]
    objective: String,
    /// What is measured
    #[arg(long)]
    title: String,
    /// Its value when the key result was set
    #[arg(long, value_name = "X", allow_hyphen_values = true, value_parser = number::written)]
    start: Written,
    /// The value that counts as fully achieved
    #[arg(long, value_name = "Y", allow_hyphen_values = true, value_parser = number::written)]
    target: Written,
    /// The unit values are in, e.g. %, £, users
    #[arg(long)]
    unit: Option<String>,
    /// Its weight in the objective's grade [default: 1]
    #[arg(long, value_name = "W", allow_hyphen_values = true, value_parser = number::plain)]
    weight: Option<f64>,
}

#[derive(Debug, Serialize)]
struct Added {
    action: &'static str,
    objective: String,
    reference: String,
    key_result: KeyResult,
    /// Things worth knowing that did not stop the change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    /// The command that records its first check-in.
    next: String,
}

impl View for Added {
    fn kind(&self) -> &'static str {
        "key_result_added"
    }

    fn blocks(&self) -> Vec<Block> {
        let kr = &self.key_result;
        let unit = kr.unit.as_deref();
        let mut blocks = vec![Block::Line(format!(
            "Added {}: {} (from {} to {})",
            self.reference,
            kr.title,
            with_unit(kr.start, unit),
            with_unit(kr.target, unit)
        ))];
        blocks.extend(
            self.warnings
                .iter()
                .map(|w| Block::Line(format!("warning: {w}"))),
        );
        blocks.push(Block::Line(format!("Next: {}", self.next)));
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let unit = args
        .unit
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty());
    let opts = AddKeyResult {
        start: in_unit(&args.start, "--start", unit.as_deref())?,
        target: in_unit(&args.target, "--target", unit.as_deref())?,
        weight: args.weight,
        objective: args.objective,
        title: args.title,
        unit,
    };
    let added = ctx.mutate(|product| okr::add_key_result(product, ctx.today, &opts))?;
    ctx.print(&Added {
        action: "added",
        objective: added.objective,
        next: ctx.command(&format!("product okr checkin {} VALUE", added.reference)),
        reference: added.reference,
        key_result: added.key_result,
        warnings: added.warnings,
    })
}
