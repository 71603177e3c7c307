//! The forecast's calendar. Weeks run Monday to Sunday. The history window
//! is the N weeks ending with the last complete week: the week before
//! today's, or today's own when today is its Sunday. Forecast periods start
//! the day after the window ends, so a forecast of k weeks means "done by the
//! Sunday k weeks after the window's end", and a date gives the whole
//! periods from the window's end to it.

use chrono::Days;

use crate::model::Date;

/// What one period of throughput is: a week or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    #[default]
    Week,
    Day,
}

impl Per {
    pub fn days(self) -> u64 {
        match self {
            Per::Week => 7,
            Per::Day => 1,
        }
    }
}

/// The history window: its first and last day (a Monday and a Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Window {
    pub start: Date,
    pub end: Date,
    pub weeks: u32,
}

impl Window {
    /// The `weeks` weeks ending with the last complete week before `today`
    /// (today's own week when today is a Sunday).
    pub fn ending_before(today: Date, weeks: u32) -> Window {
        let monday = today.week_start();
        // Today ends its own week only on its Sunday.
        let end = if (today.0 - monday.0).num_days() == 6 {
            today
        } else {
            minus(monday, 1)
        };
        let start = minus(end, u64::from(weeks) * 7 - 1);
        Window { start, end, weeks }
    }

    /// The period (0 = the window's first) a day falls in, if inside it.
    pub fn period_of(&self, day: Date, per: Per) -> Option<usize> {
        if day < self.start || day > self.end {
            return None;
        }
        let days = (day.0 - self.start.0).num_days() as u64;
        Some((days / per.days()) as usize)
    }

    /// How many periods the window holds.
    pub fn periods(&self, per: Per) -> usize {
        (u64::from(self.weeks) * 7 / per.days()) as usize
    }

    /// The whole periods from the window's end to `date` (0 for a date
    /// before the end of the first one).
    pub fn periods_until(&self, date: Date, per: Per) -> u32 {
        if date <= self.end {
            return 0;
        }
        let days = (date.0 - self.end.0).num_days() as u64;
        u32::try_from(days / per.days()).unwrap_or(u32::MAX)
    }

    /// The last day of the `n`th forecast period.
    pub fn end_of_period(&self, n: u32, per: Per) -> Date {
        self.end
            .0
            .checked_add_days(Days::new(u64::from(n) * per.days()))
            .map_or(Date(chrono::NaiveDate::MAX), Date)
    }
}

fn minus(day: Date, days: u64) -> Date {
    day.0
        .checked_sub_days(Days::new(days))
        .map_or(Date(chrono::NaiveDate::MIN), Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_window_ends_with_the_last_complete_week() {
        // 2027-01-06 is a Wednesday: the last complete week ended on Sunday the 3rd.
        let w = Window::ending_before(d("2027-01-06"), 2);
        assert_eq!((w.start, w.end), (d("2026-12-21"), d("2027-01-03")));
        // On a Sunday, its own week is complete.
        let w = Window::ending_before(d("2027-01-10"), 1);
        assert_eq!((w.start, w.end), (d("2027-01-04"), d("2027-01-10")));
        // On a Monday, the week before.
        let w = Window::ending_before(d("2027-01-11"), 1);
        assert_eq!(w.end, d("2027-01-10"));
    }

    #[test]
    fn a_date_counts_whole_weeks_from_the_window_end() {
        let w = Window::ending_before(d("2027-01-06"), 12);
        assert_eq!(w.periods_until(d("2027-01-09"), Per::Week), 0);
        assert_eq!(w.periods_until(d("2027-01-10"), Per::Week), 1);
        assert_eq!(w.periods_until(d("2027-02-03"), Per::Week), 4);
        assert_eq!(w.periods_until(d("2027-01-10"), Per::Day), 7);
        assert_eq!(w.end_of_period(4, Per::Week), d("2027-01-31"));
        assert_eq!(w.period_of(d("2026-10-12"), Per::Week), Some(0));
        assert_eq!(w.period_of(d("2026-10-11"), Per::Week), None);
        assert_eq!(w.period_of(d("2027-01-03"), Per::Week), Some(11));
    }
}
