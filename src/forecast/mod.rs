//! Monte Carlo forecasts from the backlog's own history (pure: today, the
//! history and the seed are passed in).
//!
//! Throughput is the number of items done per week (or day) over a window of
//! past weeks, weeks with nothing done counting as zero; `calendar` says
//! which weeks. Each trial draws a period's throughput from that sample, with
//! replacement, period after period: "when" draws until a set's work is done,
//! "how many" draws the periods up to a date. Percentiles of the trials
//! answer the questions; the cut line says, for each open item in backlog
//! order, in what share of trials it is done by the date.
//!
//! The numbers come from [`rng::Pcg32`], a fixed algorithm, seeded by the
//! caller: the same file, day and seed give the same forecast. Each question
//! draws from its own stream, so adding a hard-dated roadmap entry does not
//! move the other figures.

pub mod backtest;
pub mod calendar;
pub mod rng;
mod simulate;
pub mod target;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Date, Item, Product, Status as ItemStatus, number};

pub use backtest::{Backtest, HitRate, Pace, TestedWeek, WeeklyHistory};
pub use calendar::{Per, Window};
pub use target::{Blocked, Target, TargetSet};

use simulate::Simulation;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 21;
/// The trials run when no number is given.
pub const DEFAULT_TRIALS: u32 = 10_000;
/// The weeks of history used when no window is given.
pub const DEFAULT_WINDOW_WEEKS: u32 = 12;
/// The fewest items done in the window a forecast is made from.
pub const MIN_ITEMS_DONE: u32 = 5;
/// The trials a summary (`show`, the report, `check`) runs: fewer than a
/// forecast's, so that it stays quick on a large file.
pub const SUMMARY_TRIALS: u32 = 2_000;
/// The most trials a forecast runs.
pub const MAX_TRIALS: u32 = 1_000_000;

/// How to forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub window_weeks: u32,
    pub per: Per,
    pub trials: u32,
    pub seed: u64,
    /// The factor the set's work grows by (split and discovered work); 1 for none.
    pub growth: f64,
    /// Throughput and work in size points rather than items.
    pub by_size: bool,
    /// Forecast the set as if nothing else were worked on.
    pub alone: bool,
    /// Replay the forecast on the history with this horizon in weeks.
    pub backtest_horizon: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            window_weeks: DEFAULT_WINDOW_WEEKS,
            per: Per::Week,
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
            growth: 1.0,
            by_size: false,
            alone: false,
            backtest_horizon: None,
        }
    }
}

/// What is asked: when a set is done, how much is done by a date, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Question {
    pub target: Option<Target>,
    pub by_date: Option<Date>,
}

/// Whether the forecast could be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// Too few items done in the window to forecast from.
    InsufficientHistory,
    /// The set is done already.
    Done,
}

/// The history the forecast draws from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Throughput {
    pub window_weeks: u32,
    pub window_start: Date,
    pub window_end: Date,
    pub per: Per,
    /// Items done in each week of the window, oldest first.
    pub per_week: Vec<u32>,
    /// Items done on each day of the window, with `per: day`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_day: Option<Vec<u32>>,
    pub items_done: u32,
    /// Size points done in the window, by size.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub points_done: Option<f64>,
    /// Done items with no done date, left out.
    pub done_without_date: usize,
    /// Done dates taken from the history given (the file had none).
    pub recovered_dates: usize,
    /// What each trial draws from: items (or size points) per period.
    #[serde(skip)]
    pub sample: Vec<f64>,
}

/// The completion date at three percentiles, and how the trials spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct When {
    pub p50: Date,
    pub p85: Date,
    pub p95: Date,
    /// Periods after the window's end, at the same percentiles.
    pub periods: [u32; 3],
    pub histogram: Vec<WhenBar>,
}

/// Trials that finished in the period ending on `date`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhenBar {
    pub date: Date,
    pub trials: u32,
}

/// Items done by a date: at least `p85` in 85% of trials, and so on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HowMany {
    pub date: Date,
    pub p50: usize,
    pub p85: usize,
    pub p95: usize,
    /// Whole periods from the window's end to the date.
    pub periods: u32,
    pub histogram: Vec<CountBar>,
}

/// Trials in which exactly `items` items were done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountBar {
    pub items: usize,
    pub trials: u32,
}

/// An open item and the share of trials in which it is done by the date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutLine {
    pub id: String,
    pub probability: f64,
}

/// A roadmap entry's hard date and the chance of meeting it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HardDate {
    pub id: String,
    pub title: String,
    pub date: Date,
    /// `None` when the history is too thin to say.
    pub probability: Option<f64>,
    pub status: Status,
}

/// A forecast: the history it draws from and its answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub target: Option<TargetSet>,
    pub throughput: Throughput,
    pub when: Option<When>,
    pub how_many: Option<HowMany>,
    pub cut_line: Vec<CutLine>,
    pub hard_dates: Vec<HardDate>,
    pub status: Status,
    /// Why there is no forecast: what was found and what is needed.
    pub reason: Option<String>,
    /// The last weeks' pace against the weeks before them.
    pub pace: Pace,
    /// The forecast's track record, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backtest: Option<Backtest>,
    pub seed: u64,
    pub trials: u32,
}

/// Forecasts `question` for `product` on `today`. `recovered` holds done
/// dates found elsewhere (e.g. in git) for done items the file has none for;
/// the file's own dates win.
pub fn forecast(
    product: &Product,
    today: Date,
    question: &Question,
    recovered: &BTreeMap<String, Date>,
    options: &Options,
) -> Result<Forecast> {
    check_options(options)?;
    let window = Window::ending_before(today, options.window_weeks);
    let target = match &question.target {
        Some(t) => Some(TargetSet::of(product, t, options.alone)?),
        None => None,
    };
    let throughput = throughput(product, &window, recovered, options);
    let shortage = shortage(&throughput, options);
    let open: Vec<&Item> = product.open_items().collect();
    let weights = weights(&open, product, &window, recovered, options);
    let history = weekly_history(product, today, recovered);
    let pace = backtest::pace(&history.per_week, product.check.pace_change());
    let backtest = match options.backtest_horizon {
        Some(horizon) => {
            backtest::check_size(
                history.per_week.len(),
                options.window_weeks,
                horizon,
                options.trials,
            )?;
            Some(backtest::backtest(
                &history,
                options.window_weeks,
                horizon,
                options.trials,
                options.seed,
            ))
        }
        None => None,
    };
    let mut forecast = Forecast {
        pace,
        backtest,
        target,
        when: None,
        how_many: None,
        cut_line: Vec::new(),
        hard_dates: Vec::new(),
        status: Status::Ok,
        reason: shortage.clone(),
        seed: options.seed,
        trials: options.trials,
        throughput,
    };
    let sim = weights
        .as_ref()
        .filter(|_| shortage.is_none())
        .map(|w| Simulation {
            sample: &forecast.throughput.sample,
            cumulative: cumulative(w, options.growth),
            weights: w.clone(),
            growth: options.growth,
            trials: options.trials,
            seed: options.seed,
        });
    forecast.hard_dates = hard_dates(product, &window, sim.as_ref(), options)?;
    if let Some(set) = &mut forecast.target {
        if let Some(hard) = set
            .id
            .as_ref()
            .and_then(|id| forecast.hard_dates.iter().find(|h| &h.id == id))
        {
            set.date = Some(hard.date);
            set.probability = hard.probability;
        }
        if set.open.is_empty() {
            forecast.status = Status::Done;
            forecast.reason = Some(format!(
                "all {} items of the {} are done",
                set.done,
                target_name(set)
            ));
            return Ok(forecast);
        }
    }
    let Some(sim) = sim else {
        forecast.status = Status::InsufficientHistory;
        return Ok(forecast);
    };
    if let Some(set) = &forecast.target {
        let periods = sim.when(sim.work(&set.positions));
        forecast.when = Some(when(&periods, &window, options.per));
    }
    if let Some(date) = question.by_date {
        let periods = window.periods_until(date, options.per);
        let capacities = sim.capacities(periods, 2);
        let (how_many, cut_line) = how_many(&sim, &capacities, &open, date, periods);
        forecast.how_many = Some(how_many);
        forecast.cut_line = cut_line;
    }
    Ok(forecast)
}

/// The most weeks of history a backtest replays: ten years.
const MAX_HISTORY_WEEKS: u32 = 520;

/// Items done each week, from the week of the first done day (at most
/// [`MAX_HISTORY_WEEKS`] back) to the last complete week before `today`.
pub fn weekly_history(
    product: &Product,
    today: Date,
    recovered: &BTreeMap<String, Date>,
) -> WeeklyHistory {
    let last = Window::ending_before(today, 1);
    let days: Vec<Date> = product
        .items
        .iter()
        .filter_map(|i| done_day(i, recovered))
        .filter(|&d| d <= last.end)
        .collect();
    let weeks = days.iter().min().map_or(1, |first| {
        let span = (last.end.0 - first.week_start().0).num_days() + 1;
        u32::try_from(span / 7)
            .unwrap_or(u32::MAX)
            .clamp(1, MAX_HISTORY_WEEKS)
    });
    let window = Window::ending_before(today, weeks);
    let mut per_week = vec![0u32; window.periods(Per::Week)];
    for day in days {
        if let Some(w) = window.period_of(day, Per::Week) {
            per_week[w] += 1;
        }
    }
    WeeklyHistory {
        first_monday: window.start,
        per_week,
    }
}

fn check_options(options: &Options) -> Result<()> {
    if !(1..=520).contains(&options.window_weeks) {
        return Err(Error::usage(format!(
            "a window of {} weeks is out of range",
            options.window_weeks
        ))
        .with_hint("give --window between 1 and 520 weeks"));
    }
    if !(1..=MAX_TRIALS).contains(&options.trials) {
        return Err(
            Error::usage(format!("{} trials is out of range", options.trials))
                .with_hint(format!("give --trials between 1 and {MAX_TRIALS}")),
        );
    }
    if let Some(h) = options.backtest_horizon
        && !(1..=104).contains(&h)
    {
        return Err(
            Error::usage(format!("a horizon of {h} weeks is out of range"))
                .with_hint("give --horizon between 1 and 104 weeks"),
        );
    }
    if !(options.growth.is_finite() && (1.0..=100.0).contains(&options.growth)) {
        return Err(
            Error::usage(format!("a growth of {} is out of range", options.growth)).with_hint(
                "give --growth from 1 (no growth) to 100, e.g. 1.2 for a fifth more work",
            ),
        );
    }
    Ok(())
}

fn target_name(set: &TargetSet) -> String {
    match (set.kind, &set.id) {
        ("roadmap", Some(id)) => format!("roadmap entry {id}"),
        ("mvp", _) => "MVP".into(),
        _ => "items asked about".into(),
    }
}

/// The day an item was done: the file's `done_on`, else a recovered date.
fn done_day(item: &Item, recovered: &BTreeMap<String, Date>) -> Option<Date> {
    if item.status != ItemStatus::Done {
        return None;
    }
    item.done_on.or_else(|| recovered.get(&item.id).copied())
}

fn throughput(
    product: &Product,
    window: &Window,
    recovered: &BTreeMap<String, Date>,
    options: &Options,
) -> Throughput {
    let mut per_week = vec![0u32; window.periods(Per::Week)];
    let mut per_day = vec![0u32; window.periods(Per::Day)];
    let mut points = vec![0f64; window.periods(options.per)];
    let mut done_without_date = 0;
    let mut recovered_dates = 0;
    let fill = mean_done_size(product, window, recovered);
    for item in product
        .items
        .iter()
        .filter(|i| i.status == ItemStatus::Done)
    {
        let Some(day) = done_day(item, recovered) else {
            done_without_date += 1;
            continue;
        };
        if item.done_on.is_none() {
            recovered_dates += 1;
        }
        if let Some(w) = window.period_of(day, Per::Week) {
            per_week[w] += 1;
        }
        if let Some(d) = window.period_of(day, Per::Day) {
            per_day[d] += 1;
            let p = d / options.per.days() as usize;
            points[p] += item.size.or(fill).unwrap_or(0.0);
        }
    }
    let items_done = per_week.iter().sum();
    let sample = match (options.by_size, options.per) {
        (true, _) => points.clone(),
        (false, Per::Week) => per_week.iter().map(|&n| f64::from(n)).collect(),
        (false, Per::Day) => per_day.iter().map(|&n| f64::from(n)).collect(),
    };
    Throughput {
        window_weeks: window.weeks,
        window_start: window.start,
        window_end: window.end,
        per: options.per,
        per_week,
        per_day: (options.per == Per::Day).then_some(per_day),
        items_done,
        points_done: options.by_size.then(|| points.iter().sum()),
        done_without_date,
        recovered_dates,
        sample,
    }
}

/// The mean size of the sized items done in the window: the size an unsized
/// item is taken to have, by size.
fn mean_done_size(
    product: &Product,
    window: &Window,
    recovered: &BTreeMap<String, Date>,
) -> Option<f64> {
    let sizes: Vec<f64> = product
        .items
        .iter()
        .filter(|i| done_day(i, recovered).is_some_and(|d| window.period_of(d, Per::Day).is_some()))
        .filter_map(|i| i.size)
        .collect();
    (!sizes.is_empty()).then(|| sizes.iter().sum::<f64>() / sizes.len() as f64)
}

/// What is missing to forecast from, if anything.
fn shortage(throughput: &Throughput, options: &Options) -> Option<String> {
    let found = format!(
        "{} item{} done in the {} weeks from {} to {}",
        throughput.items_done,
        if throughput.items_done == 1 { "" } else { "s" },
        throughput.window_weeks,
        throughput.window_start,
        throughput.window_end
    );
    let undated = match throughput.done_without_date {
        0 => String::new(),
        n => format!(" ({n} done items have no done date)"),
    };
    if throughput.items_done < MIN_ITEMS_DONE {
        return Some(format!(
            "found {found}{undated}; at least {MIN_ITEMS_DONE} are needed"
        ));
    }
    if throughput.sample.iter().sum::<f64>() <= 0.0 {
        let what = if options.by_size {
            "none of them has a size"
        } else {
            "no throughput"
        };
        return Some(format!(
            "found {found}, but {what}; a window with throughput is needed"
        ));
    }
    None
}

/// The work each open item takes: 1, or its size by size (an unsized item
/// the mean size of the sized items done in the window). `None` by size
/// when no item done in the window has a size.
fn weights(
    open: &[&Item],
    product: &Product,
    window: &Window,
    recovered: &BTreeMap<String, Date>,
    options: &Options,
) -> Option<Vec<f64>> {
    if !options.by_size {
        return Some(vec![1.0; open.len()]);
    }
    let fill = mean_done_size(product, window, recovered)?;
    Some(open.iter().map(|i| i.size.unwrap_or(fill)).collect())
}

fn cumulative(weights: &[f64], growth: f64) -> Vec<f64> {
    let mut total = 0.0;
    weights
        .iter()
        .map(|w| {
            total += w;
            total * growth
        })
        .collect()
}

/// The `q` quantile of trials sorted ascending: the value reached within it
/// in at least `q` of them.
fn within<T: Copy>(sorted: &[T], q: f64) -> T {
    let n = sorted.len();
    let k = ((q * n as f64).ceil() as usize).clamp(1, n);
    sorted[k - 1]
}

/// The value at least reached in `q` of the trials, sorted ascending.
pub(crate) fn at_least<T: Copy>(sorted: &[T], q: f64) -> T {
    let n = sorted.len();
    let k = ((q * n as f64).ceil() as usize).clamp(1, n);
    sorted[n - k]
}

fn when(periods: &[u32], window: &Window, per: Per) -> When {
    let mut sorted = periods.to_vec();
    sorted.sort_unstable();
    let p = [
        within(&sorted, 0.5),
        within(&sorted, 0.85),
        within(&sorted, 0.95),
    ];
    let mut histogram: Vec<WhenBar> = Vec::new();
    for &n in &sorted {
        let date = window.end_of_period(n, per);
        match histogram.last_mut() {
            Some(bar) if bar.date == date => bar.trials += 1,
            _ => histogram.push(WhenBar { date, trials: 1 }),
        }
    }
    When {
        p50: window.end_of_period(p[0], per),
        p85: window.end_of_period(p[1], per),
        p95: window.end_of_period(p[2], per),
        periods: p,
        histogram,
    }
}

fn how_many(
    sim: &Simulation,
    capacities: &[f64],
    open: &[&Item],
    date: Date,
    periods: u32,
) -> (HowMany, Vec<CutLine>) {
    let mut counts: Vec<usize> = capacities.iter().map(|&c| sim.items_within(c)).collect();
    counts.sort_unstable();
    let mut histogram: Vec<CountBar> = Vec::new();
    for &items in &counts {
        match histogram.last_mut() {
            Some(bar) if bar.items == items => bar.trials += 1,
            _ => histogram.push(CountBar { items, trials: 1 }),
        }
    }
    // Item i is done in a trial when the trial's capacity reaches the work
    // up to it: the share of trials whose count is above i.
    let trials = counts.len() as f64;
    let cut_line = open
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let below = counts.partition_point(|&c| c <= i);
            CutLine {
                id: item.id.clone(),
                probability: (counts.len() - below) as f64 / trials,
            }
        })
        .collect();
    let how_many = HowMany {
        date,
        p50: at_least(&counts, 0.5),
        p85: at_least(&counts, 0.85),
        p95: at_least(&counts, 0.95),
        periods,
        histogram,
    };
    (how_many, cut_line)
}

fn hard_dates(
    product: &Product,
    window: &Window,
    sim: Option<&Simulation>,
    options: &Options,
) -> Result<Vec<HardDate>> {
    let mut out = Vec::new();
    for (index, entry) in product.roadmap.iter().enumerate() {
        let Some(date) = entry.date else { continue };
        let set = match TargetSet::of(product, &Target::Roadmap(entry.id.clone()), options.alone) {
            Ok(set) => set,
            // An entry with no items has nothing to forecast.
            Err(_) => continue,
        };
        let (probability, status) = if set.open.is_empty() {
            (Some(1.0), Status::Done)
        } else if let Some(sim) = sim {
            let periods = window.periods_until(date, options.per);
            let work = sim.work(&set.positions);
            (
                Some(sim.chance_by(work, periods, 3 + index as u64)),
                Status::Ok,
            )
        } else {
            (None, Status::InsufficientHistory)
        };
        out.push(HardDate {
            id: entry.id.clone(),
            title: entry.title.clone(),
            date,
            probability,
            status,
        });
    }
    Ok(out)
}
