//! How the forecast would have fared on the team's own past, and whether
//! the pace has changed lately.
//!
//! The backtest replays "how many in H weeks" at each past week with a full
//! window behind it and the horizon ahead of it, from the weekly counts
//! known then, and compares the percentiles with what was actually done.
//! A week whose window has too little history to forecast from (fewer than
//! [`MIN_ITEMS_DONE`](super::MIN_ITEMS_DONE) items done) is not tested, as
//! the forecast itself would give no figure. Each tested week draws from
//! PCG32 stream 2 seeded with the seed plus the week's index (0 = the first
//! week of the history), so the same file and seed give the same record.

use chrono::Days;
use serde::Serialize;

use super::rng::Pcg32;
use super::{MIN_ITEMS_DONE, at_least};
use crate::error::{Error, Result};
use crate::model::Date;

/// The most weeks a backtest may draw in all (tested weeks × trials ×
/// horizon): about two seconds on a laptop. Past it, the run is refused
/// with what to lower, rather than left to run for minutes.
pub const MAX_DRAWS: u64 = 500_000_000;

/// The weeks ahead a backtest compares when no horizon is given.
pub const DEFAULT_HORIZON_WEEKS: u32 = 8;
/// The fewest tested weeks a summary quotes a hit rate from.
pub const MIN_WEEKS_TESTED: u32 = 8;
/// The weeks the pace compares: the latest ones against those before them.
pub const RECENT_WEEKS: usize = 4;
pub const EARLIER_WEEKS: usize = 8;

/// How often the actual count reached each percentile's "at least this
/// many", as fractions from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HitRate {
    pub p50: f64,
    pub p85: f64,
    pub p95: f64,
}

/// One past week replayed: the forecast made from the window ending the
/// day before `from`, and what was done in the horizon that followed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestedWeek {
    /// The first day of the horizon (a Monday).
    pub from: Date,
    pub p50: u32,
    pub p85: u32,
    pub p95: u32,
    pub done: u32,
}

/// The forecast's track record on the team's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    pub horizon_weeks: u32,
    pub window_weeks: u32,
    pub weeks_tested: u32,
    /// `None` when no week could be tested.
    pub hit_rate: Option<HitRate>,
    /// The mean of P50 minus what was done, in items: above zero, the
    /// forecast promised more than was done.
    pub mean_error: Option<f64>,
    pub weeks: Vec<TestedWeek>,
}

impl Backtest {
    /// Whether enough weeks were tested to quote a hit rate.
    pub fn is_enough(&self) -> bool {
        self.weeks_tested >= MIN_WEEKS_TESTED
    }
}

/// The items done in each week of the history, oldest first, and the
/// Monday its first week starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyHistory {
    pub first_monday: Date,
    pub per_week: Vec<u32>,
}

/// Replays the forecast at each week of `history` with `window_weeks`
/// behind it and `horizon_weeks` ahead, `trials` trials each.
pub fn backtest(
    history: &WeeklyHistory,
    window_weeks: u32,
    horizon_weeks: u32,
    trials: u32,
    seed: u64,
) -> Backtest {
    let (window, horizon) = (window_weeks as usize, horizon_weeks as usize);
    let weeks = &history.per_week;
    let mut tested = Vec::new();
    let last_start = weeks.len().saturating_sub(horizon);
    for start in window..=last_start {
        if start + horizon > weeks.len() {
            break;
        }
        let sample = &weeks[start - window..start];
        if sample.iter().sum::<u32>() < MIN_ITEMS_DONE {
            continue;
        }
        let mut rng = Pcg32::new(seed.wrapping_add(start as u64), 2);
        let mut counts: Vec<u32> = (0..trials)
            .map(|_| {
                (0..horizon)
                    .map(|_| sample[rng.below(window as u32) as usize])
                    .sum()
            })
            .collect();
        counts.sort_unstable();
        tested.push(TestedWeek {
            from: history
                .first_monday
                .0
                .checked_add_days(Days::new(7 * start as u64))
                .map_or(history.first_monday, Date),
            p50: at_least(&counts, 0.5),
            p85: at_least(&counts, 0.85),
            p95: at_least(&counts, 0.95),
            done: weeks[start..start + horizon].iter().sum(),
        });
    }
    let n = tested.len() as f64;
    let rate =
        |f: fn(&TestedWeek) -> u32| tested.iter().filter(|w| w.done >= f(w)).count() as f64 / n;
    let (hit_rate, mean_error) = if tested.is_empty() {
        (None, None)
    } else {
        (
            Some(HitRate {
                p50: rate(|w| w.p50),
                p85: rate(|w| w.p85),
                p95: rate(|w| w.p95),
            }),
            Some(
                tested
                    .iter()
                    .map(|w| f64::from(w.p50) - f64::from(w.done))
                    .sum::<f64>()
                    / n,
            ),
        )
    };
    Backtest {
        horizon_weeks,
        window_weeks,
        weeks_tested: tested.len() as u32,
        hit_rate,
        mean_error,
        weeks: tested,
    }
}

/// Refuses a backtest that would draw more than [`MAX_DRAWS`] weeks: a
/// history of `history_weeks` tested at every week with `window` weeks
/// behind and `horizon` ahead, `trials` times each.
pub fn check_size(history_weeks: usize, window: u32, horizon: u32, trials: u32) -> Result<()> {
    let tested = (history_weeks as u64 + 1).saturating_sub(u64::from(window) + u64::from(horizon));
    let draws = tested * u64::from(trials) * u64::from(horizon);
    if draws > MAX_DRAWS {
        return Err(Error::usage(format!(
            "a backtest of {tested} weeks × {trials} trials × {horizon} weeks ahead would draw \
             {draws} weeks, more than {MAX_DRAWS}"
        ))
        .with_hint(format!(
            "lower --trials (at most {} here) or --horizon",
            (MAX_DRAWS / (tested * u64::from(horizon))).max(1)
        )));
    }
    Ok(())
}

/// The latest weeks' pace against the weeks before them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pace {
    /// Items done a week over the last [`RECENT_WEEKS`] complete weeks.
    pub recent_per_week: f64,
    /// Items done a week over the [`EARLIER_WEEKS`] weeks before them.
    pub earlier_per_week: f64,
    /// `recent / earlier - 1`, e.g. -0.5 for half the pace; `None` when
    /// nothing was done in the earlier weeks.
    pub change: Option<f64>,
    /// Whether the change is beyond the threshold (`[check] pace_change`);
    /// a pace from nothing to something counts as changed. Never set while
    /// the history (from the first week anything was done) is shorter than
    /// the two spans compared: a team that started three weeks ago has no
    /// earlier pace to have changed from.
    pub changed: bool,
}

/// The pace of the last weeks of `per_week` (oldest first, ending with the
/// last complete week; missing weeks count as zero), against `threshold`.
pub fn pace(per_week: &[u32], threshold: f64) -> Pace {
    let week = |back: usize| -> f64 {
        per_week
            .len()
            .checked_sub(back + 1)
            .map_or(0.0, |i| f64::from(per_week[i]))
    };
    let recent = (0..RECENT_WEEKS).map(week).sum::<f64>() / RECENT_WEEKS as f64;
    let earlier = (RECENT_WEEKS..RECENT_WEEKS + EARLIER_WEEKS)
        .map(week)
        .sum::<f64>()
        / EARLIER_WEEKS as f64;
    let change = (earlier > 0.0).then(|| recent / earlier - 1.0);
    let long_enough = per_week.len() >= RECENT_WEEKS + EARLIER_WEEKS;
    let changed = long_enough
        && match change {
            Some(c) => c.abs() > threshold,
            None => recent > 0.0,
        };
    Pace {
        recent_per_week: recent,
        earlier_per_week: earlier,
        change,
        changed,
    }
}
