//! `product kpi edit`: change a KPI's name, unit, target, threshold or cadence.

use crate::cli::choice::choice;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::{Cadence, Direction, Kpi};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};
use super::super::item::Setting;
use super::super::measure;

/// Change a KPI: its name, unit, direction, target, threshold or cadence
///
/// Readings are kept as they are. `--target none`, `--threshold none` and
/// `--cadence none` remove them.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi edit K1 --target 92 --threshold 85
  product kpi edit K2 --cadence weekly
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
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    target: Option<String>,
    /// Red beyond this value, or `none` to remove it
    #[arg(long, value_name = "Y", allow_hyphen_values = true)]
    threshold: Option<String>,
    /// How often it should be read, or `none`
    #[arg(long, value_name = "CADENCE", value_parser = cadence_or_none)]
    cadence: Option<Setting<Cadence>>,
}

fn cadence_or_none(text: &str) -> Result<Setting<Cadence>, String> {
    match text.to_ascii_lowercase().as_str() {
        "none" => Ok(Setting::Clear),
        "weekly" => Ok(Setting::Set(Cadence::Weekly)),
        "monthly" => Ok(Setting::Set(Cadence::Monthly)),
        "quarterly" => Ok(Setting::Set(Cadence::Quarterly)),
        _ => Err(format!(
            "`{text}` is not a cadence; use weekly, monthly, quarterly (or none)"
        )),
    }
}

#[derive(Debug, Serialize)]
struct Edited {
    action: &'static str,
    kpi: Kpi,
}

impl View for Edited {
    fn kind(&self) -> &'static str {
        "kpi_updated"
    }

    fn blocks(&self) -> Vec<Block> {
        vec![Block::Line(format!(
            "{} {}: {}",
            if self.action == "updated" {
                "Updated"
            } else {
                "Unchanged"
            },
            self.kpi.id,
            self.kpi.name
        ))]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let given = args.name.is_some()
        || args.unit.is_some()
        || args.direction.is_some()
        || args.target.is_some()
        || args.threshold.is_some()
        || args.cadence.is_some();
    if !given {
        return Err(CommandError::usage("nothing to change")
            .with_hint("give --name, --unit, --direction, --target, --threshold or --cadence"));
    }
    let view = ctx.mutate(|product| {
        if let Some(name) = &args.name {
            if name.trim().is_empty() {
                return Err(CommandError::usage("--name is empty"));
            }
            super::check_unique_name(product, name, Some(&args.id))?;
        }
        let kpi = super::find_mut(product, &args.id)?;
        let before = kpi.clone();
        if let Some(name) = args.name {
            kpi.name = name.trim().to_owned();
        }
        if let Some(unit) = args.unit {
            kpi.unit = Some(unit.trim().to_owned()).filter(|u| !u.is_empty());
        }
        let unit = kpi.unit.clone();
        if let Some(direction) = args.direction {
            kpi.direction = direction;
        }
        match args.target.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("none") => kpi.target = None,
            Some(t) => kpi.target = Some(measure::parse(t, "--target", unit.as_deref())?),
            None => {}
        }
        match args.threshold.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("none") => kpi.threshold = None,
            Some(t) => kpi.threshold = Some(measure::parse(t, "--threshold", unit.as_deref())?),
            None => {}
        }
        match args.cadence {
            Some(Setting::Set(c)) => kpi.cadence = Some(c),
            Some(Setting::Clear) => kpi.cadence = None,
            None => {}
        }
        super::check_bounds(kpi)?;
        Ok(Edited {
            action: if *kpi == before {
                "unchanged"
            } else {
                "updated"
            },
            kpi: kpi.clone(),
        })
    })?;
    ctx.print(&view)
}
