//! `product okr checkin edit`: correct a check-in's value or note.

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::cli::number::{self, in_unit};
use crate::render::readings::{Noun, ReadingChanged};
use productfile::model::number::Written;
use productfile::model::{Date, latest};
use productfile::ops::okr;
use productfile::ops::readings::EditReading;

use super::standing;

/// Correct a check-in of a key result, named by its date
///
/// Changes its value, its note, or both; the key result's current value
/// follows its latest check-in. To move a check-in to another day, remove
/// it and check in again. Where the day has two check-ins, --was says
/// which. A check-in is not a decision.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr checkin edit O1.KR1 --date 2026-11-15 --value 64
  product okr checkin edit O1.KR1 --date 2026-11-15 --note \"from the October export\"
  product okr checkin edit O1.KR1 --date 2026-11-15 --was 63 --value 36")]
pub struct Args {
    /// The key result, as O1.KR1
    #[arg(add = candidates::key_results())]
    key_result: String,
    /// The day of the check-in
    #[arg(long, value_name = "DATE")]
    date: Date,
    /// Its value, where the day has more than one check-in
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
        let unit = okr::find_key_result(product, &args.key_result)?
            .unit
            .clone();
        let read = |text: &Option<Written>, what| {
            text.as_ref()
                .map(|t| in_unit(t, what, unit.as_deref()))
                .transpose()
        };
        let opts = EditReading {
            was: read(&args.was, "--was")?,
            value: read(&args.value, "--value")?,
            note: args.note.clone().map(Some),
            ..EditReading::new(args.key_result.clone(), args.date)
        };
        let edited = okr::edit_check_in(product, ctx.today, &opts)?;
        let latest = latest(&product.find_key_result(&edited.id)?.history).cloned();
        let standing = standing(product, &edited.id, ctx.today);
        Ok(ReadingChanged::edited(
            Noun::CheckIn,
            edited,
            latest,
            unit,
            standing,
        ))
    })?;
    ctx.print(&view)
}
