//! Periods of time an objective runs over: how much of one has elapsed, and
//! calendar quarters such as `2027-Q1`.

use std::fmt;
use std::str::FromStr;

use crate::model::Date;

/// The share of the period from `start` to `end` (both days included) that
/// has passed by the end of `today`: 0 before it starts, 1 from its last day
/// on. Counting whole days keeps a one-day period well defined: 0 the day
/// before, 1 on the day. `None` when `end` is before `start`.
pub fn elapsed_share(start: Date, end: Date, today: Date) -> Option<f64> {
    if end < start {
        return None;
    }
    let days = (end.0 - start.0).num_days() + 1;
    let passed = ((today.0 - start.0).num_days() + 1).clamp(0, days);
    Some(passed as f64 / days as f64)
}

/// A calendar quarter: `2027-Q1` is January to March 2027.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u32,
}

impl Quarter {
    pub fn start(self) -> Date {
        Date::from_ymd(self.year, 3 * (self.number - 1) + 1, 1)
            .expect("a quarter starts on the 1st")
    }

    pub fn end(self) -> Date {
        let next = if self.number == 4 {
            Date::from_ymd(self.year + 1, 1, 1)
        } else {
            Date::from_ymd(self.year, 3 * self.number + 1, 1)
        };
        let next = next.expect("a quarter ends before the next starts");
        Date(next.0.pred_opt().expect("the day before the 1st exists"))
    }
}

/// Text that is not a quarter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a quarter; expected YYYY-QN, e.g. 2027-Q1")]
pub struct QuarterParseError(pub String);

impl FromStr for Quarter {
    type Err = QuarterParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || QuarterParseError(s.to_owned());
        let (year, q) = s.trim().split_once('-').ok_or_else(err)?;
        let number = q
            .strip_prefix(['Q', 'q'])
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| (1..=4).contains(n))
            .ok_or_else(err)?;
        let year = Some(year)
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|y| y.parse::<i32>().ok())
            .ok_or_else(err)?;
        Ok(Quarter { year, number })
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn nothing_has_elapsed_before_the_start() {
        assert_eq!(
            elapsed_share(d("2027-01-01"), d("2027-03-31"), d("2026-12-31")),
            Some(0.0)
        );
    }

    #[test]
    fn all_has_elapsed_from_the_last_day_on() {
        let (start, end) = (d("2027-01-01"), d("2027-03-31"));
        assert_eq!(elapsed_share(start, end, d("2027-03-31")), Some(1.0));
        assert_eq!(elapsed_share(start, end, d("2028-06-01")), Some(1.0));
    }

    #[test]
    fn the_share_counts_whole_days() {
        // 2027-01-01 to 2027-01-10 is ten days; by the end of the 5th, five have passed.
        assert_eq!(
            elapsed_share(d("2027-01-01"), d("2027-01-10"), d("2027-01-05")),
            Some(0.5)
        );
    }

    #[test]
    fn a_one_day_period_is_all_or_nothing() {
        let day = d("2027-01-01");
        assert_eq!(elapsed_share(day, day, d("2026-12-31")), Some(0.0));
        assert_eq!(elapsed_share(day, day, day), Some(1.0));
        assert_eq!(elapsed_share(day, day, d("2027-01-02")), Some(1.0));
    }

    #[test]
    fn an_end_before_the_start_has_no_share() {
        assert_eq!(
            elapsed_share(d("2027-02-01"), d("2027-01-01"), d("2027-01-15")),
            None
        );
    }

    #[test]
    fn quarters_run_to_their_last_day() {
        let q: Quarter = "2027-Q1".parse().unwrap();
        assert_eq!((q.start(), q.end()), (d("2027-01-01"), d("2027-03-31")));
        let q: Quarter = "2028-q4".parse().unwrap();
        assert_eq!((q.start(), q.end()), (d("2028-10-01"), d("2028-12-31")));
        assert_eq!(q.to_string(), "2028-Q4");
        assert!("2027-Q5".parse::<Quarter>().is_err());
        assert!("27-Q1".parse::<Quarter>().is_err());
        assert!("2027Q1".parse::<Quarter>().is_err());
    }
}
