//! `product kpi add`: a new key performance indicator.

use crate::cli::choice::choice;
use serde::Serialize;

use super::super::number::{self, in_unit};
use crate::render::numbers::with_unit;
use crate::render::{Block, View};
use productfile::model::number::Written;
use productfile::model::{Cadence, Direction, Kpi};
use productfile::ops::kpi::{self, AddKpi};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Add a KPI: what is measured, which way is better, and the target
///
/// The KPI gets the next free id (K1, K2, ...). Values take K, M and B for
/// thousands, millions and billions.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi add --name \"User satisfaction\" --unit % --direction up --target 90 --threshold 80
  product kpi add --name \"Cost per transaction\" --unit £ --direction down --target 1.50 --threshold 2.50 --cadence monthly")]
pub struct Args {
    /// What is measured
    #[arg(long)]
    name: String,
    /// The unit values are in, e.g. %, £, seconds
    #[arg(long)]
    unit: String,
    /// Which way is better
    #[arg(long, value_parser = choice::<Direction>())]
    direction: Direction,
    /// Green at or beyond this value
    #[arg(long, value_name = "X", allow_hyphen_values = true, value_parser = number::written)]
    target: Written,
    /// Red beyond this value, amber between it and the target
    #[arg(long, value_name = "Y", allow_hyphen_values = true, value_parser = number::written)]
    threshold: Option<Written>,
    /// How often it should be read; a reading older than that is overdue
    #[arg(long, value_parser = choice::<Cadence>())]
    cadence: Option<Cadence>,
}

#[derive(Debug, Serialize)]
struct Added {
    action: &'static str,
    kpi: Kpi,
    /// Things worth knowing that did not stop the change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl View for Added {
    fn kind(&self) -> &'static str {
        "kpi_added"
    }

    fn blocks(&self) -> Vec<Block> {
        let k = &self.kpi;
        let unit = k.unit.as_deref();
        let better = match k.direction {
            Direction::Up => "higher",
            Direction::Down => "lower",
        };
        let target = k.target.map_or(String::new(), |t| {
            format!(", target {}", with_unit(t, unit))
        });
        let threshold = k.threshold.map_or(String::new(), |t| {
            format!(", threshold {}", with_unit(t, unit))
        });
        let mut blocks = vec![Block::Line(format!(
            "Added {}: {} ({better} is better{target}{threshold})",
            k.id, k.name
        ))];
        blocks.extend(
            self.warnings
                .iter()
                .map(|w| Block::Line(format!("warning: {w}"))),
        );
        blocks.push(Block::Line(format!(
            "Next: product kpi record {} VALUE",
            k.id
        )));
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let unit = Some(args.unit.trim().to_owned()).filter(|u| !u.is_empty());
    let opts = AddKpi {
        target: Some(in_unit(&args.target, "--target", unit.as_deref())?),
        threshold: args
            .threshold
            .as_ref()
            .map(|t| in_unit(t, "--threshold", unit.as_deref()))
            .transpose()?,
        name: args.name,
        unit,
        direction: args.direction,
        cadence: args.cadence,
    };
    let added = ctx.mutate(|product| kpi::add(product, ctx.today, &opts))?;
    ctx.print(&Added {
        action: "added",
        kpi: added.kpi,
        warnings: added.warnings,
    })
}
