//! `[service]` and `[[assessments]]`: where a public service stands in its
//! life (discovery, alpha, beta, live), the standard it is assessed
//! against, and each assessment's panel, outcome per point and
//! recommendations.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choices;
use super::date::Date;
use super::validate::SIMPLE_ID_PATTERN;

/// A phase of a service's life, in the order a service moves through them.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Finding out what the problem is and whether to solve it.
    #[default]
    Discovery,
    /// Trying out ways of solving it with prototypes.
    Alpha,
    /// Building the real service and opening it to users.
    Beta,
    /// Running the service for everyone.
    Live,
    /// Closed down.
    Retired,
}

/// The standard a service is assessed against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Standard {
    /// The GOV.UK Service Standard (14 points).
    #[default]
    Govuk,
    /// The NHS service standard (17 points).
    Nhs,
    /// The points listed in `[[service.points]]`.
    Custom,
}

/// `[service]`: the phase the service is in and the standard it answers to.
///
/// ```toml
/// [service]
/// phase = "alpha"
/// standard = "govuk"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Service {
    /// `discovery` (when left out), `alpha`, `beta`, `live` or `retired`.
    #[serde(default)]
    pub phase: Phase,
    /// `govuk` (when left out), `nhs` or `custom`.
    #[serde(default)]
    pub standard: Standard,
    /// The points of a `custom` standard, numbered from 1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<CustomPoint>,
    /// Where `product assessment prepare` looks for a point's evidence, by
    /// point number, in place of the standard's mapping: `5 = ["tag:accessibility"]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, Vec<String>>,
}

impl Service {
    pub const FIELDS: &[&str] = &["phase", "standard", "points", "evidence"];
}

/// One point of a custom standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CustomPoint {
    /// The point's number: 1, 2, ...
    pub number: u32,
    /// What the point asks, in a few words.
    pub title: String,
    /// What it means, in a line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Where `product assessment prepare` looks for its evidence (see the docs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

impl CustomPoint {
    pub const FIELDS: &[&str] = &["number", "title", "summary", "evidence"];
}

/// Whether an assessment is yet to happen or has happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AssessmentStatus {
    /// Booked for its date: where an assessment starts.
    #[default]
    Planned,
    /// Held: the panel's outcomes are recorded.
    Held,
}

/// What a panel found of one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PointResult {
    Met,
    NotMet,
}

/// A service assessment: planned for a day, or held, with the panel's
/// outcome for each point and its recommendations.
///
/// ```toml
/// [[assessments]]
/// id = "A1"
/// phase = "alpha"
/// date = 2026-09-14
/// status = "held"
/// panel = ["Lead assessor", "User research assessor"]
///
/// [[assessments.points]]
/// point = 5
/// result = "not_met"
/// note = "No accessibility testing with assistive technology yet"
///
/// [[assessments.recommendations]]
/// id = "R1"
/// point = 5
/// text = "Test with screen reader users before beta"
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    /// The assessment's id, e.g. `A1`.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// The phase the service is assessed for leaving: `alpha` is the alpha assessment.
    pub phase: Phase,
    /// The day it is planned for, or was held.
    pub date: Date,
    /// `planned` (when left out) or `held`.
    #[serde(default)]
    pub status: AssessmentStatus,
    /// The assessors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub panel: Vec<String>,
    /// The panel's outcome for each point it assessed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<PointOutcome>,
    /// What the panel asks the team to do, each for a point: `A1.R1`, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<Recommendation>,
}

impl Assessment {
    pub const FIELDS: &[&str] = &[
        "id",
        "phase",
        "date",
        "status",
        "panel",
        "points",
        "recommendations",
    ];

    /// The outcome recorded for `point`, if any.
    pub fn outcome(&self, point: u32) -> Option<&PointOutcome> {
        self.points.iter().find(|p| p.point == point)
    }

    /// The full reference of one of its recommendations: `A1.R3`.
    pub fn recommendation_ref(&self, r: &Recommendation) -> String {
        format!("{}.{}", self.id, r.id)
    }

    pub fn is_held(&self) -> bool {
        self.status == AssessmentStatus::Held
    }

    /// Whether this held assessment is one `later` builds on: held on or
    /// before `later`'s day, or, when `later` is still to be held, held
    /// at all (a planned assessment whose day has passed still answers to
    /// every panel so far).
    pub fn is_held_before(&self, later: &Assessment) -> bool {
        self.is_held() && self.id != later.id && (self.date <= later.date || !later.is_held())
    }

    /// The points its outcomes and recommendations are filed under.
    pub fn points_named(&self) -> impl Iterator<Item = u32> + '_ {
        self.points
            .iter()
            .map(|o| o.point)
            .chain(self.recommendations.iter().map(|r| r.point))
    }

    /// Whether the panel judged `point`: a recorded result, or a
    /// recommendation for it (a note alone is not a judgment).
    pub fn judged(&self, point: u32) -> bool {
        self.outcome(point).is_some_and(|o| o.result.is_some())
            || self.recommendations.iter().any(|r| r.point == point)
    }
}

/// The panel's outcome for one point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PointOutcome {
    /// The point's number in the standard.
    pub point: u32,
    /// `met` or `not_met`; left out while the point is not yet assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<PointResult>,
    /// What the panel said of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl PointOutcome {
    pub const FIELDS: &[&str] = &["point", "result", "note"];
}

/// A recommendation of a panel, for one point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Recommendation {
    /// Its id within the assessment, e.g. `R1` (referred to as `A1.R1`).
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// The point it is about.
    pub point: u32,
    /// What the panel recommends.
    pub text: String,
}

impl Recommendation {
    pub const FIELDS: &[&str] = &["id", "point", "text"];
}

/// A reference to a recommendation, `A1.R3`, taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecommendationRef<'a> {
    pub assessment: &'a str,
    pub recommendation: &'a str,
}

impl<'a> RecommendationRef<'a> {
    /// `A1.R3` as its two ids; `None` when it has no dot.
    pub fn parse(text: &'a str) -> Option<Self> {
        let (assessment, recommendation) = text.split_once('.')?;
        (!assessment.is_empty() && !recommendation.is_empty()).then_some(RecommendationRef {
            assessment,
            recommendation,
        })
    }
}

/// The GOV.UK performance measures every service publishes at beta and
/// live. The GOV.UK template writes one on each of its KPIs (`mandatory =
/// "completion_rate"`); a KPI without it is known by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MandatoryKpi {
    CostPerTransaction,
    UserSatisfaction,
    CompletionRate,
    DigitalTakeUp,
}

impl MandatoryKpi {
    /// The measure's usual name, by which a KPI without the key is known.
    pub fn title(self) -> &'static str {
        match self {
            MandatoryKpi::CostPerTransaction => "Cost per transaction",
            MandatoryKpi::UserSatisfaction => "User satisfaction",
            MandatoryKpi::CompletionRate => "Completion rate",
            MandatoryKpi::DigitalTakeUp => "Digital take-up",
        }
    }
}

macro_rules! display_as_choice {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(super::Choice::name(*self))
            }
        }
    )*};
}
display_as_choice!(Phase, Standard, AssessmentStatus, PointResult, MandatoryKpi);

choices!(Phase {
    Discovery => "discovery": "Finding out what the problem is",
    Alpha => "alpha": "Trying out solutions with prototypes",
    Beta => "beta": "Building the real service, open to users",
    Live => "live": "Running the service for everyone",
    Retired => "retired": "Closed down",
});
choices!(Standard {
    Govuk => "govuk": "The GOV.UK Service Standard (14 points)",
    Nhs => "nhs": "The NHS service standard (17 points)",
    Custom => "custom": "The points listed in [[service.points]]",
});
choices!(AssessmentStatus {
    Planned => "planned",
    Held => "held",
});
choices!(PointResult {
    Met => "met",
    NotMet => "not_met",
});
choices!(MandatoryKpi {
    CostPerTransaction => "cost_per_transaction",
    UserSatisfaction => "user_satisfaction",
    CompletionRate => "completion_rate",
    DigitalTakeUp => "digital_take_up",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recommendation_reference_is_two_ids() {
        let r = RecommendationRef::parse("A1.R3").unwrap();
        assert_eq!((r.assessment, r.recommendation), ("A1", "R3"));
        assert_eq!(RecommendationRef::parse("A1"), None);
        assert_eq!(RecommendationRef::parse("A1."), None);
    }

    #[test]
    fn phases_are_in_the_order_of_a_services_life() {
        assert!(Phase::Discovery < Phase::Alpha && Phase::Beta < Phase::Live);
    }
}
