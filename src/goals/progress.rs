//! Key result progress: how far a metric has moved from its start towards
//! its target.

use serde::Serialize;

use crate::model::{KeyResult, latest};

/// How far a key result has come.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Progress {
    /// (current − start) / (target − start): below 0 when the metric went the
    /// wrong way, above 1 when it passed the target.
    pub raw: f64,
    /// `raw` clamped to [0, 1]: the grade that counts.
    pub grade: f64,
}

/// Why a key result cannot be graded.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum GoalError {
    #[error("start and target are both {0}, so there is no distance to measure progress along")]
    StartIsTarget(f64),
    #[error("weight {0} is negative; a weight is 0 or more (1 when not given)")]
    NegativeWeight(f64),
}

/// Progress from `start` to `target` at `current`. One formula serves
/// metrics that should rise and ones that should fall: for churn going from
/// 8% to 5%, 6% is (6 − 8) / (5 − 8) = 0.67 of the way.
pub fn progress(start: f64, target: f64, current: f64) -> Result<Progress, GoalError> {
    if start == target {
        return Err(GoalError::StartIsTarget(start));
    }
    let raw = tidy((current - start) / (target - start));
    Ok(Progress {
        raw,
        grade: raw.clamp(0.0, 1.0),
    })
}

/// Rounds away the last bits of floating-point noise (to 12 significant
/// digits), so that 5.6 / 14 is the 0.4 a person computes, coloured amber,
/// not 0.39999999999999997, coloured red; and so that -0 is 0.
pub fn tidy(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.11e}").parse::<f64>().map_or(x, |t| t + 0.0)
}

/// Where a key result stands: its `current`, else its latest check-in
/// (a hand-kept history may lack `current`), else its start.
pub fn current_value(kr: &KeyResult) -> f64 {
    kr.current
        .or_else(|| latest(&kr.history).map(|r| r.value))
        .unwrap_or(kr.start)
}

/// A key result's progress. With no check-in yet it stands at its start.
pub fn key_result_progress(kr: &KeyResult) -> Result<Progress, GoalError> {
    progress(kr.start, kr.target, current_value(kr))
}

/// A key result's weight in its objective's grade: 1 unless given.
pub fn weight(kr: &KeyResult) -> Result<f64, GoalError> {
    match kr.weight {
        Some(w) if w < 0.0 => Err(GoalError::NegativeWeight(w)),
        Some(w) => Ok(w),
        None => Ok(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(start: f64, target: f64, current: f64) -> f64 {
        progress(start, target, current).unwrap().grade
    }

    fn two_places(x: f64) -> f64 {
        (x * 100.0).round() / 100.0
    }

    #[test]
    fn maximising_one_million_to_one_and_a_half_at_one_point_three_five() {
        assert_eq!(
            two_places(grade(1_000_000.0, 1_500_000.0, 1_350_000.0)),
            0.70
        );
    }

    #[test]
    fn minimising_five_hundred_thousand_to_four_hundred_thousand_at_four_twenty() {
        assert_eq!(two_places(grade(500_000.0, 400_000.0, 420_000.0)), 0.80);
    }

    #[test]
    fn churn_from_eight_to_five_percent_at_six() {
        assert_eq!(two_places(grade(8.0, 5.0, 6.0)), 0.67);
    }

    #[test]
    fn three_of_six_features_launched_is_half() {
        assert_eq!(grade(0.0, 6.0, 3.0), 0.5);
    }

    #[test]
    fn beyond_the_target_the_raw_value_exceeds_one_and_the_grade_is_one() {
        let p = progress(0.0, 6.0, 9.0).unwrap();
        assert_eq!(p.raw, 1.5);
        assert_eq!(p.grade, 1.0);
        let falling = progress(8.0, 5.0, 4.0).unwrap();
        assert!(falling.raw > 1.0);
        assert_eq!(falling.grade, 1.0);
    }

    #[test]
    fn the_wrong_way_is_negative_raw_and_a_zero_grade() {
        let p = progress(8.0, 5.0, 9.0).unwrap();
        assert!(p.raw < 0.0);
        assert_eq!(p.grade, 0.0);
    }

    #[test]
    fn float_noise_does_not_move_a_grade_across_a_band() {
        // 70 → 56 minutes, now 64.4: 5.6 / 14 is 0.4, not a hair below.
        assert_eq!(grade(70.0, 56.0, 64.4), 0.4);
        assert_eq!(grade(62.0, 85.0, 78.1), 0.7);
        assert_eq!(tidy(-0.0).to_string(), "0");
        assert_eq!(tidy(1.0 / 3.0), 0.333333333333);
    }

    #[test]
    fn without_current_a_key_result_stands_at_its_latest_check_in() {
        let mut kr = KeyResult {
            id: "KR1".into(),
            title: "t".into(),
            unit: None,
            start: 0.0,
            target: 100.0,
            current: None,
            weight: None,
            history: Vec::new(),
        };
        assert_eq!(key_result_progress(&kr).unwrap().raw, 0.0);
        kr.history = vec![
            crate::model::Reading {
                date: "2027-01-10".parse().unwrap(),
                value: 50.0,
                note: None,
            },
            crate::model::Reading {
                date: "2027-01-01".parse().unwrap(),
                value: 20.0,
                note: None,
            },
        ];
        assert_eq!(key_result_progress(&kr).unwrap().raw, 0.5);
    }

    #[test]
    fn start_equal_to_target_is_an_error() {
        assert_eq!(progress(5.0, 5.0, 5.0), Err(GoalError::StartIsTarget(5.0)));
    }
}
