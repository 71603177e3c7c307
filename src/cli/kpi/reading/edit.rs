//! `product kpi reading edit`: correct a reading's value or note.

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::cli::number::{self, in_unit};
use crate::render::readings::{Noun, ReadingChanged};
use productfile::model::number::Written;
use productfile::model::{Date, latest};
use productfile::ops::kpi;
use productfile::ops::readings::EditReading;

use super::standing;

/// Correct a reading of a KPI, named by its date
///
/// Changes its value, its note, or both. To move a reading to another day,
/// remove it and record it again. Where the day has two readings, --was
/// says which. A reading is not a decision.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi reading edit K2 --date 2026-11-15 --value 86
  product kpi reading edit K1 --date 2026-11-01 --value £1.94 --note \"includes phone costs\"
  product kpi reading edit K2 --date 2026-11-15 --was 84 --value 48")]
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
    /// The value it should have; K, M and B scale it
    #[arg(long, allow_hyphen_values = true, value_parser = number::written)]
    value: Option<Written>,
    /// What explains the value (an empty note removes it)
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let view = ctx.mutate(|product| {
        let unit = product.find_kpi(&args.id)?.unit.clone();
        let read = |text: &Option<Written>, what| {
            text.as_ref()
                .map(|t| in_unit(t, what, unit.as_deref()))
                .transpose()
        };
        let opts = EditReading {
            was: read(&args.was, "--was")?,
            value: read(&args.value, "--value")?,
            note: args.note.clone().map(Some),
            ..EditReading::new(args.id.clone(), args.date)
        };
        let edited = kpi::edit_reading(product, ctx.today, &opts)?;
        let latest = latest(&product.find_kpi(&edited.id)?.history).cloned();
        let standing = standing(product, &edited.id);
        Ok(ReadingChanged::edited(
            Noun::Reading,
            edited,
            latest,
            unit,
            standing,
        ))
    })?;
    ctx.print(&view)
}
