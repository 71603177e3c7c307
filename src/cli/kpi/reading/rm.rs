//! `product kpi reading rm`: remove a reading of a KPI.

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::cli::number::{self, in_unit};
use crate::render::readings::{Noun, ReadingChanged};
use productfile::model::Date;
use productfile::model::number::Written;
use productfile::ops::kpi;
use productfile::ops::readings::RemoveReading;

use super::standing;

/// Remove a reading of a KPI, named by its date
///
/// The latest reading left sets the KPI's status. Where the day has two
/// readings, --was says which. A reading is not a decision.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi reading rm K2 --date 2026-11-15
  product kpi reading rm K2 --date 2026-11-15 --was 84%")]
pub struct Args {
    /// The KPI's id, e.g. K1
    #[arg(add = candidates::kpis())]
    id: String,
    /// The day of the reading
    #[arg(long, value_name = "DATE")]
    date: Date,
    /// Its value, where the day has more than one reading
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true, value_parser = number::written)]
    was: Option<Written>,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let view = ctx.mutate(|product| {
        let unit = product.find_kpi(&args.id)?.unit.clone();
        let opts = RemoveReading {
            was: args
                .was
                .as_ref()
                .map(|w| in_unit(w, "--was", unit.as_deref()))
                .transpose()?,
            ..RemoveReading::new(args.id.clone(), args.date)
        };
        let removed = kpi::remove_reading(product, ctx.today, &opts)?;
        let standing = standing(product, &removed.id);
        Ok(ReadingChanged::removed(
            Noun::Reading,
            removed,
            unit,
            standing,
        ))
    })?;
    ctx.print(&view)
}
