//! Goals and measures: how far key results have come, how objectives grade
//! and whether they are on track, and how KPIs are doing.
//!
//! - **Key result progress** = (current − start) / (target − start). The same
//!   formula covers metrics that should fall: churn going from 8% to 5% is
//!   0.67 of the way at 6%. The raw value is kept (above 1 past the target,
//!   below 0 the wrong way); the grade is clamped to [0, 1]. A start equal to
//!   the target is an error.
//! - **Objective grade** = the weighted mean of its key results' grades
//!   (weight 1 unless given), coloured [0, 0.4) red, [0.4, 0.7) amber,
//!   [0.7, 1] green. A committed objective is expected to reach 1.0, an
//!   aspirational one 0.7. With a start and an end date, the progress
//!   expected by now is the share of the period that has passed; the
//!   objective is *on track* within 0.1 of its expected grade by now
//!   (expectation × share), *at risk* within 0.3, and *off track* beyond.
//! - **KPI status** from the latest reading: for `up`, green at or above the
//!   target, red below the threshold, amber between; `down` is mirrored;
//!   without a threshold, green or red; without a reading, unknown.
//!
//! Nothing here reads the clock: today's date is passed in.
//!
//! ```
//! use productfile::goals::{Band, Status, grade_objective, progress};
//! use productfile::model::{Commitment, KeyResult, Objective};
//!
//! // Churn from 8% down to 5%, now at 6%.
//! let churn = progress(8.0, 5.0, 6.0).unwrap();
//! assert_eq!((churn.grade * 100.0).round() / 100.0, 0.67);
//!
//! let kr = KeyResult {
//!     id: "KR1".into(), title: "Features launched".into(), unit: None,
//!     start: 0.0, target: 6.0, current: Some(3.0), weight: None, history: vec![],
//! };
//! let objective = Objective {
//!     id: "O1".into(), title: "Launch the new service".into(), description: None,
//!     start: "2027-01-01".parse().ok(), end: "2027-03-31".parse().ok(),
//!     commitment: Some(Commitment::Committed), needs: vec![], contributes_to: vec![], key_results: vec![kr],
//! };
//! let grade = grade_objective(&objective, "2027-02-14".parse().unwrap());
//! assert_eq!(grade.grade, Some(0.5));
//! assert_eq!(grade.band, Some(Band::Amber));
//! // 45 of 90 days have passed: 0.5 is where a committed objective should be.
//! assert_eq!(grade.pace.unwrap().status, Status::OnTrack);
//! ```

mod kpi;
mod objective;
mod percent;
mod period;
mod progress;

pub use kpi::{KpiAssessment, KpiStatus, Trend, assess, cadence_days, status_of, trend};
pub use objective::{
    ASPIRATIONAL_EXPECTATION, AT_RISK_MARGIN, Band, COMMITTED_EXPECTATION, KeyResultGrade,
    ON_TRACK_MARGIN, ObjectiveGrade, Pace, Status, expectation, grade_objective,
};
pub use percent::{
    is_percent, out_of_range as percent_out_of_range, out_of_range_warning as percent_warning,
    out_of_range_warnings as percent_warnings,
};
pub use period::{Quarter, QuarterParseError, elapsed_share};
pub use progress::{
    GoalError, Progress, current_value, key_result_progress, progress, tidy, weight,
};
