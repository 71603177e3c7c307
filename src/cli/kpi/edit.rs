//! `product kpi edit`: change a KPI's name, unit, target, threshold or cadence.

use crate::cli::choice::choice;
use serde::Serialize;

use super::super::number::{self, WrittenOrNone, value_or_none};
use crate::render::{Block, View};
use productfile::model::{Cadence, Choice, Direction, Kpi, MandatoryKpi};
use productfile::ops::kpi::{self, EditKpi};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Change a KPI: its name, unit, direction, target, threshold or cadence
///
/// Readings are kept as they are. `--target none`, `--threshold none` and
/// `--cadence none` remove them.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi edit K1 --target 92 --threshold 85
  product kpi edit K2 --cadence weekly
  product kpi edit K3 --mandatory completion_rate
  product kpi edit K3 --threshold none")]
pub struct Args {
    /// The KPI's id, e.g. K1
    #[arg(add = candidates::kpis())]
    id: String,
    /// A new name
    #[arg(long)]
    name: Option<String>,
    /// A new unit (readings are not converted)
    #[arg(long)]
    unit: Option<String>,
    /// Which way is better
    #[arg(long, value_parser = choice::<Direction>())]
    direction: Option<Direction>,
    /// Green at or beyond this value, or `none` to remove it (the status is then unknown)
    #[arg(long, value_name = "X", allow_hyphen_values = true, value_parser = number::written_or_none)]
    target: Option<WrittenOrNone>,
    /// Red beyond this value, or `none` to remove it
    #[arg(long, value_name = "Y", allow_hyphen_values = true, value_parser = number::written_or_none)]
    threshold: Option<WrittenOrNone>,
    /// How often it should be read, or `none`
    #[arg(long, value_name = "CADENCE", value_parser = cadence_or_none)]
    cadence: Option<CadenceOrNone>,
    /// Which GOV.UK mandatory measure it is (cost_per_transaction, user_satisfaction,
    /// completion_rate, digital_take_up), or `none`
    #[arg(long, value_name = "MEASURE", value_parser = mandatory_or_none)]
    mandatory: Option<MandatoryOrNone>,
}

/// A mandatory measure, or `none`.
#[derive(Debug, Clone, Copy)]
struct MandatoryOrNone(Option<MandatoryKpi>);

fn mandatory_or_none(text: &str) -> Result<MandatoryOrNone, String> {
    if text.eq_ignore_ascii_case("none") {
        return Ok(MandatoryOrNone(None));
    }
    MandatoryKpi::from_name(text)
        .map(|m| MandatoryOrNone(Some(m)))
        .ok_or_else(|| {
            let names: Vec<&str> = MandatoryKpi::ALL.iter().map(|m| m.name()).collect();
            format!(
                "`{text}` is not a mandatory measure; use {} (or none)",
                names.join(", ")
            )
        })
}

/// A cadence, or `none` to remove it (a newtype, since clap takes
/// `Option<Option<T>>` to mean a flag whose value may be left out).
#[derive(Debug, Clone, Copy)]
struct CadenceOrNone(Option<Cadence>);

fn cadence_or_none(text: &str) -> Result<CadenceOrNone, String> {
    match text.to_ascii_lowercase().as_str() {
        "none" => Ok(CadenceOrNone(None)),
        "weekly" => Ok(CadenceOrNone(Some(Cadence::Weekly))),
        "monthly" => Ok(CadenceOrNone(Some(Cadence::Monthly))),
        "quarterly" => Ok(CadenceOrNone(Some(Cadence::Quarterly))),
        _ => Err(format!(
            "`{text}` is not a cadence; use weekly, monthly, quarterly (or none)"
        )),
    }
}

#[derive(Debug, Serialize)]
struct Edited {
    action: &'static str,
    kpi: Kpi,
    /// Things worth knowing that did not stop the change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl View for Edited {
    fn kind(&self) -> &'static str {
        "kpi_updated"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Line(format!(
            "{} {}: {}",
            if self.action == "updated" {
                "Updated"
            } else {
                "Unchanged"
            },
            self.kpi.id,
            self.kpi.name
        ))];
        blocks.extend(
            self.warnings
                .iter()
                .map(|w| Block::Line(format!("warning: {w}"))),
        );
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let unit = args.unit.as_deref().map(|u| Some(u.trim().to_owned()));
    let view = ctx.mutate(|product| {
        // Values are read in the unit the KPI will have.
        let numbers = args.target.is_some() || args.threshold.is_some();
        let unit_now = match &unit {
            Some(u) => u.clone().filter(|u| !u.is_empty()),
            None if numbers => product.find_kpi(&args.id)?.unit.clone(),
            None => None,
        };
        let opts = EditKpi {
            id: args.id.clone(),
            name: args.name.clone(),
            unit: unit.clone(),
            direction: args.direction,
            target: value_or_none(args.target.as_ref(), "--target", unit_now.as_deref())?,
            threshold: value_or_none(args.threshold.as_ref(), "--threshold", unit_now.as_deref())?,
            cadence: args.cadence.map(|c| c.0),
            mandatory: args.mandatory.map(|m| m.0),
        };
        let edited = kpi::edit(product, ctx.today, &opts)?;
        Ok(Edited {
            action: if edited.changed {
                "updated"
            } else {
                "unchanged"
            },
            kpi: edited.kpi,
            warnings: edited.warnings,
        })
    })?;
    ctx.print(&view)
}
