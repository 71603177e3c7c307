//! The backlog's burn-up, from the product file's history in git: per week
//! (Monday to Sunday, the calendar the forecast uses) or per day, the items
//! added and the items done, and both as running totals. Pure: the history
//! is read by `store::file_history`, today is passed in.

use chrono::Days;
use serde::Serialize;

use crate::model::{Date, Product};
use crate::store::FileHistory;

/// How long a period of the burn-up is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Monday to Sunday.
    #[default]
    Week,
    Day,
}

impl Per {
    /// The first day of the period `day` falls in.
    pub fn start_of(self, day: Date) -> Date {
        match self {
            Per::Day => day,
            Per::Week => day.week_start(),
        }
    }

    /// The last day of the period that starts on `start`.
    fn end_from(self, start: Date) -> Date {
        match self {
            Per::Day => start,
            Per::Week => Date(start.0 + Days::new(6)),
        }
    }
}

/// What `product history` is asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Show periods from the one holding this day (earlier work still
    /// counts in the running totals); by default, from the file's first
    /// commit.
    pub since: Option<Date>,
    pub per: Per,
}

/// The burn-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History {
    pub per: Per,
    /// `--since`, as asked.
    pub since: Option<Date>,
    /// The file's path at its newest commit, from the top of the repository.
    pub path: String,
    /// The commits that changed the file and could be read.
    pub commits: usize,
    /// Commits whose version of the file could not be read (short ids).
    pub unreadable: Vec<String>,
    /// Where the done items' days came from.
    pub done_dates: DoneDateSources,
    /// Oldest first, through the period holding today.
    pub periods: Vec<Period>,
}

/// How many done items' days the file gave, how many git, and which have
/// none (done before the file's history in git, or since its last commit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoneDateSources {
    pub from_file: usize,
    pub from_git: usize,
    pub unknown: Vec<String>,
}

/// One period of the burn-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    /// Items first in the file in a commit of this period.
    pub added: usize,
    /// Items of the current file done in this period (by their done day).
    pub done: usize,
    /// Items in the file, dropped ones left out, as its last commit by the
    /// end of the period held it: the burn-up's upper line.
    pub scope: usize,
    /// Items of the current file done by the end of the period: its lower line.
    pub done_total: usize,
}

/// The burn-up of `product` (the current file) over its `history`, by
/// `options`, through the period holding `today`. A done item's day is its
/// `done_on`, else the day git saw it become done.
pub fn burn_up(
    product: &Product,
    history: &FileHistory,
    today: Date,
    options: &Options,
) -> History {
    let per = options.per;
    let dates = history.done_dates(product);
    let first = history.versions.first().map(|v| v.date);
    let mut periods = Vec::new();
    if let Some(first) = first.or(options.since) {
        let mut start = per.start_of(options.since.unwrap_or(first));
        let last = per.start_of(today);
        while start <= last {
            let end = per.end_from(start);
            let within = |d: &Date| start <= *d && *d <= end;
            let scope = history
                .versions
                .iter()
                .rev()
                .find(|v| v.date <= end)
                .map_or(0, |v| v.items - v.dropped);
            periods.push(Period {
                start,
                end,
                added: history.first_seen.values().filter(|d| within(d)).count(),
                done: dates.dates.values().filter(|d| within(d)).count(),
                scope,
                done_total: dates.dates.values().filter(|d| **d <= end).count(),
            });
            start = Date(end.0 + Days::new(1));
        }
    }
    History {
        per,
        since: options.since,
        path: history.path.clone(),
        commits: history.versions.len(),
        unreadable: history.unreadable.clone(),
        done_dates: DoneDateSources {
            from_file: dates.from_file,
            from_git: dates.from_git,
            unknown: dates.unknown,
        },
        periods,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        // 2026-11-23 is a Monday.
        assert_eq!(Per::Week.start_of(day("2026-11-23")), day("2026-11-23"));
        assert_eq!(Per::Week.start_of(day("2026-11-29")), day("2026-11-23"));
        assert_eq!(Per::Week.start_of(day("2026-11-30")), day("2026-11-30"));
        assert_eq!(Per::Week.end_from(day("2026-11-23")), day("2026-11-29"));
        assert_eq!(Per::Day.start_of(day("2026-11-29")), day("2026-11-29"));
    }
}
