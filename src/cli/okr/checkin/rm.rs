//! `product okr checkin rm`: remove a check-in of a key result.

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::render::readings::{Noun, ReadingChanged};
use productfile::model::Date;
use productfile::ops::okr;
use productfile::ops::readings::RemoveReading;

use super::standing;
use crate::cli::number::{self, in_unit};
use productfile::model::number::Written;

/// Remove a check-in of a key result, named by its date
///
/// The key result's current value becomes its latest check-in left (or its
/// start, with none left). Where the day has two check-ins, --was says
/// which. A check-in is not a decision: anyone may remove one.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr checkin rm O1.KR1 --date 2026-11-15
  product okr checkin rm O1.KR1 --date 2026-11-15 --was 63%")]
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
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let view = ctx.mutate(|product| {
        let unit = okr::find_key_result(product, &args.key_result)?
            .unit
            .clone();
        let opts = RemoveReading {
            was: args
                .was
                .as_ref()
                .map(|w| in_unit(w, "--was", unit.as_deref()))
                .transpose()?,
            ..RemoveReading::new(args.key_result.clone(), args.date)
        };
        let removed = okr::remove_check_in(product, ctx.today, &opts)?;
        let standing = standing(product, &removed.id, ctx.today);
        Ok(ReadingChanged::removed(
            Noun::CheckIn,
            removed,
            unit,
            standing,
        ))
    })?;
    ctx.print(&view)
}
