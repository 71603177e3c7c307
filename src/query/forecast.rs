//! The forecast every face shows: what is asked (the MVP when nothing is
//! named and no date is given), forecast from the file's done dates and
//! any recovered ones, with the library's [`forecast`](crate::forecast).

use std::collections::BTreeMap;

use crate::error::Result;
use crate::forecast::{self, Forecast, Options, Question, SUMMARY_TRIALS, Target};
use crate::model::{Date, Product};

/// The forecast of `target`, or of the MVP when neither a target nor a
/// date is asked for. `recovered` holds done dates found outside the file
/// (the file's own win).
pub fn of(
    product: &Product,
    today: Date,
    target: Option<Target>,
    by_date: Option<Date>,
    recovered: &BTreeMap<String, Date>,
    options: &Options,
) -> Result<Forecast> {
    let target = match (target, by_date) {
        (None, None) => Some(Target::Mvp),
        (target, _) => target,
    };
    forecast::forecast(
        product,
        today,
        &Question { target, by_date },
        recovered,
        options,
    )
}

/// The MVP's forecast and the roadmap's hard dates, for a summary: the
/// default options with [`SUMMARY_TRIALS`]. `None` when there is no MVP
/// and no hard date to speak of.
pub fn outlook(product: &Product, today: Date) -> Option<Forecast> {
    let options = Options {
        trials: SUMMARY_TRIALS,
        ..Options::default()
    };
    let has_mvp = product
        .items
        .iter()
        .any(|i| i.mvp && i.status != crate::model::Status::Dropped);
    let target = has_mvp.then_some(Target::Mvp);
    let question = Question {
        target,
        by_date: None,
    };
    let f = forecast::forecast(product, today, &question, &BTreeMap::new(), &options).ok()?;
    (has_mvp || !f.hard_dates.is_empty()).then_some(f)
}
