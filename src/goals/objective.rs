//! An objective's grade (the weighted mean of its key results' grades), its
//! colour, and whether it is on track for the time that has passed.

use std::fmt;

use serde::Serialize;

use crate::model::{Commitment, Date, Objective};

use super::period::elapsed_share;
use super::progress::{GoalError, Progress, key_result_progress, tidy, weight};

/// The grade a committed objective is expected to reach.
pub const COMMITTED_EXPECTATION: f64 = 1.0;
/// The grade an aspirational objective is expected to reach: a stretch goal
/// met at 0.7 is a success.
pub const ASPIRATIONAL_EXPECTATION: f64 = 0.7;
/// How far below its expected grade an objective can be and still be on track.
pub const ON_TRACK_MARGIN: f64 = 0.1;
/// How far below its expected grade an objective can be and be at risk rather than off track.
pub const AT_RISK_MARGIN: f64 = 0.3;

/// The colour of a grade: [0, 0.4) red, [0.4, 0.7) amber, [0.7, 1] green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Red,
    Amber,
    Green,
}

impl Band {
    pub fn of(grade: f64) -> Band {
        if grade >= 0.7 {
            Band::Green
        } else if grade >= 0.4 {
            Band::Amber
        } else {
            Band::Red
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Band::Red => "red",
            Band::Amber => "amber",
            Band::Green => "green",
        })
    }
}

/// Where an objective stands against where it should be by now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::OffTrack => "off track",
        })
    }
}

/// An objective measured against its period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pace {
    /// The share of the period that has passed: the progress expected by now.
    pub expected_progress: f64,
    /// The grade it should have by now: its expectation × `expected_progress`.
    pub expected_grade: f64,
    pub status: Status,
}

/// One key result's part in its objective's grade.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyResultGrade {
    pub progress: Result<Progress, GoalError>,
    pub weight: f64,
}

/// An objective's grade, colour and pace.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveGrade {
    /// One for each key result, in order.
    pub key_results: Vec<KeyResultGrade>,
    /// The weighted mean of the key results that can be graded; `None` when
    /// there are none, or their weights add up to 0.
    pub grade: Option<f64>,
    pub band: Option<Band>,
    /// The grade it is expected to reach: 1.0 committed, 0.7 aspirational.
    pub expectation: f64,
    /// With a start and an end date and a grade: where it should be by now.
    pub pace: Option<Pace>,
}

/// The grade it is expected to reach. Without a commitment an objective is
/// aspirational, as most OKRs are.
pub fn expectation(commitment: Option<Commitment>) -> f64 {
    match commitment {
        Some(Commitment::Committed) => COMMITTED_EXPECTATION,
        Some(Commitment::Aspirational) | None => ASPIRATIONAL_EXPECTATION,
    }
}

/// Grades an objective as of `today`.
pub fn grade_objective(objective: &Objective, today: Date) -> ObjectiveGrade {
    let key_results: Vec<KeyResultGrade> = objective
        .key_results
        .iter()
        .map(|kr| match weight(kr) {
            Ok(w) => KeyResultGrade {
                progress: key_result_progress(kr),
                weight: w,
            },
            Err(e) => KeyResultGrade {
                progress: Err(e),
                weight: 0.0,
            },
        })
        .collect();
    let (sum, weights) = key_results
        .iter()
        .filter_map(|k| k.progress.as_ref().ok().map(|p| (p.grade, k.weight)))
        .fold((0.0, 0.0), |(sum, weights), (g, w)| {
            (sum + g * w, weights + w)
        });
    let grade = (weights > 0.0).then(|| tidy(sum / weights).clamp(0.0, 1.0));
    let expectation = expectation(objective.commitment);
    let pace = match (objective.start, objective.end, grade) {
        (Some(start), Some(end), Some(grade)) => {
            elapsed_share(start, end, today).map(|share| pace(grade, expectation, share))
        }
        _ => None,
    };
    ObjectiveGrade {
        key_results,
        band: grade.map(Band::of),
        grade,
        expectation,
        pace,
    }
}

/// On track within [`ON_TRACK_MARGIN`] of the expected grade, at risk
/// within [`AT_RISK_MARGIN`], off track further behind.
fn pace(grade: f64, expectation: f64, share: f64) -> Pace {
    let expected_grade = tidy(expectation * share);
    let behind = expected_grade - grade;
    // A hair of tolerance, so that 0.6 against 0.7 reads as the 0.1 it is.
    const EPSILON: f64 = 1e-9;
    let status = if behind <= ON_TRACK_MARGIN + EPSILON {
        Status::OnTrack
    } else if behind <= AT_RISK_MARGIN + EPSILON {
        Status::AtRisk
    } else {
        Status::OffTrack
    };
    Pace {
        expected_progress: share,
        expected_grade,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KeyResult;

    fn kr(id: &str, start: f64, target: f64, current: f64, weight: Option<f64>) -> KeyResult {
        KeyResult {
            id: id.into(),
            title: id.into(),
            unit: None,
            start,
            target,
            current: Some(current),
            weight,
            history: Vec::new(),
        }
    }

    fn objective(krs: Vec<KeyResult>, commitment: Option<Commitment>) -> Objective {
        Objective {
            id: "O1".into(),
            title: "Effortless payments".into(),
            description: None,
            start: Some("2027-01-01".parse().unwrap()),
            end: Some("2027-01-10".parse().unwrap()),
            commitment,
            needs: Vec::new(),
            contributes_to: Vec::new(),
            key_results: krs,
        }
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_grade_is_the_weighted_mean_of_clamped_grades() {
        // 0.5 with weight 1, 1.0 (raw 2.0) with weight 3: (0.5 + 3) / 4.
        let o = objective(
            vec![
                kr("KR1", 0.0, 10.0, 5.0, None),
                kr("KR2", 0.0, 10.0, 20.0, Some(3.0)),
            ],
            None,
        );
        let g = grade_objective(&o, d("2027-01-05"));
        assert_eq!(g.grade, Some(0.875));
        assert_eq!(g.band, Some(Band::Green));
        assert_eq!(g.key_results[1].progress.unwrap().raw, 2.0);
    }

    #[test]
    fn an_ungradable_key_result_is_left_out_and_reported() {
        let o = objective(
            vec![
                kr("KR1", 0.0, 10.0, 3.0, None),
                kr("KR2", 5.0, 5.0, 5.0, None),
            ],
            None,
        );
        let g = grade_objective(&o, d("2027-01-05"));
        assert_eq!(g.grade, Some(0.3));
        assert_eq!(
            g.key_results[1].progress,
            Err(GoalError::StartIsTarget(5.0))
        );
    }

    #[test]
    fn no_key_results_means_no_grade() {
        let g = grade_objective(&objective(Vec::new(), None), d("2027-01-05"));
        assert_eq!((g.grade, g.band, g.pace), (None, None, None));
    }

    #[test]
    fn colour_bands_meet_at_their_bounds() {
        assert_eq!(Band::of(0.0), Band::Red);
        assert_eq!(Band::of(0.399), Band::Red);
        assert_eq!(Band::of(0.4), Band::Amber);
        assert_eq!(Band::of(0.699), Band::Amber);
        assert_eq!(Band::of(0.7), Band::Green);
        assert_eq!(Band::of(1.0), Band::Green);
    }

    #[test]
    fn committed_expects_one_and_aspirational_seven_tenths() {
        assert_eq!(expectation(Some(Commitment::Committed)), 1.0);
        assert_eq!(expectation(Some(Commitment::Aspirational)), 0.7);
        assert_eq!(expectation(None), 0.7);
    }

    #[test]
    fn pace_compares_the_grade_with_the_share_of_the_period() {
        // Halfway through a ten-day period; committed, so 0.5 is expected.
        let at = |current: f64| {
            let o = objective(
                vec![kr("KR1", 0.0, 10.0, current, None)],
                Some(Commitment::Committed),
            );
            grade_objective(&o, d("2027-01-05")).pace.unwrap()
        };
        assert_eq!(at(5.0).expected_progress, 0.5);
        assert_eq!(at(5.0).expected_grade, 0.5);
        assert_eq!(at(5.0).status, Status::OnTrack);
        assert_eq!(at(4.0).status, Status::OnTrack);
        assert_eq!(at(3.0).status, Status::AtRisk);
        assert_eq!(at(2.0).status, Status::AtRisk);
        assert_eq!(at(1.0).status, Status::OffTrack);
    }

    #[test]
    fn aspirational_objectives_are_paced_to_seven_tenths() {
        let o = objective(vec![kr("KR1", 0.0, 10.0, 6.0, None)], None);
        let after_end = grade_objective(&o, d("2027-02-01")).pace.unwrap();
        assert_eq!(after_end.expected_progress, 1.0);
        assert_eq!(after_end.expected_grade, 0.7);
        assert_eq!(after_end.status, Status::OnTrack);
        let before_start = grade_objective(&o, d("2026-12-01")).pace.unwrap();
        assert_eq!(before_start.expected_grade, 0.0);
        assert_eq!(before_start.status, Status::OnTrack);
    }

    #[test]
    fn without_dates_there_is_no_pace() {
        let mut o = objective(vec![kr("KR1", 0.0, 10.0, 6.0, None)], None);
        o.end = None;
        assert_eq!(grade_objective(&o, d("2027-01-05")).pace, None);
    }
}
