//! The forecast every face shows: what is asked (the MVP when nothing is
//! named and no date is given), forecast from the file's done dates and
//! any recovered ones, with the library's [`forecast`](crate::forecast).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::forecast::{
    self, Backtest, Forecast, HardDate, Options, Question, SUMMARY_TRIALS, Status, Target,
};
use crate::model::{Date, Product, Status as ItemStatus};

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

/// The forecast a summary shows: the MVP's 85th percentile and each
/// hard-dated roadmap entry's chance of meeting its date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    /// The MVP's forecast status; `None` when no item is in the MVP.
    pub mvp_status: Option<Status>,
    /// The day the MVP is done by in 85% of trials.
    pub mvp_p85: Option<Date>,
    /// The same in 50% and in 95% of trials.
    pub mvp_p50: Option<Date>,
    pub mvp_p95: Option<Date>,
    /// Why there is no date: what history was found and what is needed.
    pub reason: Option<String>,
    pub hard_dates: Vec<HardDate>,
    /// How the forecast fared on the team's history (the report's, not
    /// `show`'s, which must stay quick).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track_record: Option<Backtest>,
    pub trials: u32,
}

impl Outlook {
    /// Whether there is anything to say: an MVP or a hard date.
    pub fn is_empty(&self) -> bool {
        self.mvp_status.is_none() && self.hard_dates.is_empty()
    }
}

/// The [`Outlook`] of `product` on `today`: the default options with
/// [`SUMMARY_TRIALS`], so that it stays quick on a large file.
pub fn outlook(product: &Product, today: Date) -> Outlook {
    let options = Options {
        trials: SUMMARY_TRIALS,
        ..Options::default()
    };
    let has_mvp = product
        .items
        .iter()
        .any(|i| i.mvp && i.status != ItemStatus::Dropped);
    let question = Question {
        target: has_mvp.then_some(Target::Mvp),
        by_date: None,
    };
    // The options are the defaults and the target is known to exist, so
    // the forecast cannot fail; an empty outlook would be the fallback.
    match forecast::forecast(product, today, &question, &BTreeMap::new(), &options) {
        Ok(f) => Outlook {
            mvp_status: has_mvp.then_some(f.status),
            mvp_p85: f.when.as_ref().map(|w| w.p85),
            mvp_p50: f.when.as_ref().map(|w| w.p50),
            mvp_p95: f.when.as_ref().map(|w| w.p95),
            reason: f.reason.filter(|_| f.status == Status::InsufficientHistory),
            hard_dates: f.hard_dates,
            track_record: None,
            trials: options.trials,
        },
        Err(_) => Outlook {
            mvp_status: None,
            mvp_p85: None,
            mvp_p50: None,
            mvp_p95: None,
            reason: None,
            hard_dates: Vec::new(),
            track_record: None,
            trials: options.trials,
        },
    }
}

/// The forecast's track record on the file's own history, as a summary
/// quotes it: the default window and horizon, [`SUMMARY_TRIALS`] a week.
pub fn track_record(product: &Product, today: Date) -> Backtest {
    let history = forecast::weekly_history(product, today, &BTreeMap::new());
    forecast::backtest::backtest(
        &history,
        forecast::DEFAULT_WINDOW_WEEKS,
        forecast::backtest::DEFAULT_HORIZON_WEEKS,
        SUMMARY_TRIALS,
        forecast::DEFAULT_SEED,
    )
}
