//! A KPI's status from its latest reading, the change since the reading
//! before, and how old the latest reading is.

use std::fmt;

use serde::Serialize;

use crate::model::{Cadence, Date, Direction, Kpi, Reading, latest};

use super::progress::tidy;

/// How a KPI is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KpiStatus {
    /// At or beyond the target.
    Green,
    /// Between the threshold and the target.
    Amber,
    /// Beyond the threshold, or short of the target when there is no threshold.
    Red,
    /// No reading, or no target to compare it with.
    Unknown,
}

impl fmt::Display for KpiStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KpiStatus::Green => "green",
            KpiStatus::Amber => "amber",
            KpiStatus::Red => "red",
            KpiStatus::Unknown => "unknown",
        })
    }
}

/// Whether a change moved a KPI the way it should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    Better,
    Worse,
    Same,
}

/// The status a value gives a KPI. `up`: green at or above the target, red
/// below the threshold, amber between; `down` the mirror image. Without a
/// threshold, anything short of the target is red.
pub fn status_of(kpi: &Kpi, value: f64) -> KpiStatus {
    let Some(target) = kpi.target else {
        return KpiStatus::Unknown;
    };
    // `at_or_beyond(a, b)`: a is at b or on its good side.
    let at_or_beyond = |a: f64, b: f64| match kpi.direction {
        Direction::Up => a >= b,
        Direction::Down => a <= b,
    };
    if at_or_beyond(value, target) {
        KpiStatus::Green
    } else if kpi.threshold.is_none_or(|t| !at_or_beyond(value, t)) {
        KpiStatus::Red
    } else {
        KpiStatus::Amber
    }
}

/// Whether a change went the way a KPI should go.
pub fn trend(change: f64, direction: Direction) -> Trend {
    match direction {
        _ if change == 0.0 => Trend::Same,
        Direction::Up if change > 0.0 => Trend::Better,
        Direction::Down if change < 0.0 => Trend::Better,
        _ => Trend::Worse,
    }
}

/// A KPI as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiAssessment {
    pub latest: Option<Reading>,
    pub status: KpiStatus,
    /// The latest value minus the one of the reading before it.
    pub change: Option<f64>,
    pub trend: Option<Trend>,
    /// Days from the latest reading to today.
    pub age_days: Option<i64>,
    /// Whether the latest reading is older than the KPI's cadence allows
    /// (false with no reading at all: that is told apart by `latest`).
    pub stale: bool,
}

/// The most days a reading stays fresh at each cadence.
pub fn cadence_days(cadence: Cadence) -> i64 {
    match cadence {
        Cadence::Weekly => 7,
        Cadence::Monthly => 31,
        Cadence::Quarterly => 92,
    }
}

/// Assesses a KPI from its history as of `today`; readings dated after
/// today are not counted.
pub fn assess(kpi: &Kpi, today: Date) -> KpiAssessment {
    // A reading dated after today (a typo in the year, say) has not been
    // taken yet; it would otherwise set the status for years to come.
    let history: Vec<Reading> = kpi
        .history
        .iter()
        .filter(|r| r.date <= today)
        .cloned()
        .collect();
    let Some(last) = latest(&history) else {
        return KpiAssessment {
            latest: None,
            status: KpiStatus::Unknown,
            change: None,
            trend: None,
            age_days: None,
            stale: false,
        };
    };
    let previous = previous(&history, last);
    let change = previous.map(|p| tidy(last.value - p.value));
    let trend = change.map(|c| trend(c, kpi.direction));
    let age = (today.0 - last.date.0).num_days();
    KpiAssessment {
        status: status_of(kpi, last.value),
        change,
        trend,
        age_days: Some(age),
        stale: kpi.cadence.is_some_and(|c| age > cadence_days(c)),
        latest: Some(last.clone()),
    }
}

/// The reading just before `last` in date order (within a day, file order).
fn previous<'a>(history: &'a [Reading], last: &Reading) -> Option<&'a Reading> {
    let at = history.iter().position(|r| std::ptr::eq(r, last))?;
    history
        .iter()
        .enumerate()
        .filter(|&(i, r)| i != at && (r.date < last.date || (r.date == last.date && i < at)))
        .max_by_key(|&(i, r)| (r.date, i))
        .map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpi(direction: Direction, target: f64, threshold: Option<f64>) -> Kpi {
        Kpi {
            id: "K1".into(),
            name: "Satisfaction".into(),
            unit: Some("%".into()),
            direction,
            target: Some(target),
            threshold,
            cadence: Some(Cadence::Monthly),
            mandatory: None,
            history: Vec::new(),
        }
    }

    fn reading(date: &str, value: f64) -> Reading {
        Reading {
            date: date.parse().unwrap(),
            value,
            note: None,
        }
    }

    #[test]
    fn up_is_green_from_the_target_and_red_below_the_threshold() {
        let k = kpi(Direction::Up, 90.0, Some(80.0));
        assert_eq!(status_of(&k, 95.0), KpiStatus::Green);
        assert_eq!(status_of(&k, 90.0), KpiStatus::Green);
        assert_eq!(status_of(&k, 85.0), KpiStatus::Amber);
        assert_eq!(status_of(&k, 80.0), KpiStatus::Amber);
        assert_eq!(status_of(&k, 79.9), KpiStatus::Red);
    }

    #[test]
    fn down_is_the_mirror_image() {
        let k = kpi(Direction::Down, 1.5, Some(2.5));
        assert_eq!(status_of(&k, 1.2), KpiStatus::Green);
        assert_eq!(status_of(&k, 1.5), KpiStatus::Green);
        assert_eq!(status_of(&k, 2.0), KpiStatus::Amber);
        assert_eq!(status_of(&k, 2.5), KpiStatus::Amber);
        assert_eq!(status_of(&k, 2.6), KpiStatus::Red);
    }

    #[test]
    fn without_a_threshold_it_is_green_or_red() {
        let up = kpi(Direction::Up, 90.0, None);
        assert_eq!(status_of(&up, 90.0), KpiStatus::Green);
        assert_eq!(status_of(&up, 89.0), KpiStatus::Red);
        let down = kpi(Direction::Down, 1.5, None);
        assert_eq!(status_of(&down, 1.5), KpiStatus::Green);
        assert_eq!(status_of(&down, 1.6), KpiStatus::Red);
    }

    #[test]
    fn without_a_target_or_a_reading_it_is_unknown() {
        let mut k = kpi(Direction::Up, 90.0, None);
        let today = "2026-11-24".parse().unwrap();
        assert_eq!(assess(&k, today).status, KpiStatus::Unknown);
        k.target = None;
        assert_eq!(status_of(&k, 95.0), KpiStatus::Unknown);
    }

    #[test]
    fn change_trend_and_age_come_from_the_last_two_readings() {
        let mut k = kpi(Direction::Down, 1.5, Some(2.5));
        k.history = vec![
            reading("2026-09-01", 2.31),
            reading("2026-11-01", 1.94),
            reading("2026-10-01", 2.1),
        ];
        let a = assess(&k, "2026-11-24".parse().unwrap());
        assert_eq!(a.latest.as_ref().map(|r| r.value), Some(1.94));
        assert!((a.change.unwrap() - -0.16).abs() < 1e-9);
        assert_eq!(a.trend, Some(Trend::Better));
        assert_eq!(a.age_days, Some(23));
        assert!(!a.stale);
        assert_eq!(a.status, KpiStatus::Amber);
        let later = assess(&k, "2026-12-05".parse().unwrap());
        assert_eq!(later.age_days, Some(34));
        assert!(later.stale);
    }

    #[test]
    fn readings_dated_after_today_do_not_count_yet() {
        let mut k = kpi(Direction::Up, 90.0, Some(80.0));
        k.history = vec![reading("2026-11-01", 70.0), reading("2062-11-01", 95.0)];
        let a = assess(&k, "2026-11-24".parse().unwrap());
        assert_eq!(a.status, KpiStatus::Red);
        assert_eq!(a.age_days, Some(23));
        assert_eq!(a.change, None);
    }

    #[test]
    fn two_readings_on_one_day_compare_in_file_order() {
        let mut k = kpi(Direction::Up, 90.0, Some(80.0));
        k.history = vec![reading("2026-11-01", 84.0), reading("2026-11-01", 82.0)];
        let a = assess(&k, "2026-11-02".parse().unwrap());
        assert_eq!(a.latest.map(|r| r.value), Some(82.0));
        assert_eq!(a.change, Some(-2.0));
        assert_eq!(a.trend, Some(Trend::Worse));
    }
}
