//! `[[objectives]]` with their key results, and `[[kpis]]`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choices;

use super::date::Date;
use super::number;
use super::validate::SIMPLE_ID_PATTERN;

/// Whether an objective is expected to be met in full or is a stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Commitment {
    Committed,
    Aspirational,
}

/// An objective and the key results that measure it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Objective {
    /// The objective's id, e.g. `O1`: letters, digits or `_`, starting with a letter.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// What the objective sets out to achieve.
    pub title: String,
    /// Longer text: context and why it matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The first day of the objective's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// The last day of the objective's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// `committed` (expected in full, a grade of 1.0) or `aspirational` (a stretch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
    /// The user needs it serves, e.g. `N1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// The portfolio objectives it contributes to, e.g. `PO1`: ids in the
    /// portfolio manifest (`portfolio.toml`), resolved by `product portfolio`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributes_to: Vec<String>,
    /// The measurable results that say how far the objective got.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_results: Vec<KeyResult>,
}

impl Objective {
    pub const FIELDS: &[&str] = &[
        "id",
        "title",
        "description",
        "start",
        "end",
        "commitment",
        "needs",
        "contributes_to",
        "key_results",
    ];
}

/// A measurable result: where it started, where it should get, where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KeyResult {
    /// The key result's id within its objective, e.g. `KR1`, referred to as `O1.KR1`.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// What is measured.
    pub title: String,
    /// The unit of its values, e.g. `%` or `£`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The value when the key result was set: progress 0.
    #[serde(serialize_with = "number::compact")]
    pub start: f64,
    /// The value that counts as fully achieved: progress 1.
    #[serde(serialize_with = "number::compact")]
    pub target: f64,
    /// The value now: its latest check-in.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub current: Option<f64>,
    /// Its weight in the objective's grade (default 1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub weight: Option<f64>,
    /// Check-ins: dated values, in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Reading>,
}

impl KeyResult {
    pub const FIELDS: &[&str] = &[
        "id", "title", "unit", "start", "target", "current", "weight", "history",
    ];
}

/// A dated value: a key result check-in or a KPI reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reading {
    /// The day of the reading.
    pub date: Date,
    /// The value read, in the unit of its key result or KPI.
    #[serde(serialize_with = "number::compact")]
    pub value: f64,
    /// A note on the reading: where it came from, what explains it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Reading {
    pub const FIELDS: &[&str] = &["date", "value", "note"];
}

/// Which way is better for a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better
    Up,
    /// Lower is better
    Down,
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Direction::Up => "up",
            Direction::Down => "down",
        })
    }
}

/// How often a KPI is expected to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    Weekly,
    Monthly,
    Quarterly,
}

impl std::fmt::Display for Cadence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
        })
    }
}

impl std::fmt::Display for Commitment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Commitment::Committed => "committed",
            Commitment::Aspirational => "aspirational",
        })
    }
}

/// A key performance indicator and its readings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Kpi {
    /// The KPI's id, e.g. `K1`: letters, digits or `_`, starting with a letter.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// What is measured.
    pub name: String,
    /// The unit of its values, e.g. `%` or `£`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Which way is better: `up` (higher) or `down` (lower).
    pub direction: Direction,
    /// Green at or beyond this value.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub target: Option<f64>,
    /// Red beyond this value; amber between it and the target.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub threshold: Option<f64>,
    /// How often it is read: `weekly`, `monthly` or `quarterly`; an older latest reading is stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// Which GOV.UK mandatory measure it is (`cost_per_transaction`,
    /// `user_satisfaction`, `completion_rate` or `digital_take_up`), as the
    /// GOV.UK template writes; a KPI without it is known by its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandatory: Option<super::MandatoryKpi>,
    /// Readings: dated values, in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Reading>,
}

impl Kpi {
    pub const FIELDS: &[&str] = &[
        "id",
        "name",
        "unit",
        "direction",
        "target",
        "threshold",
        "cadence",
        "mandatory",
        "history",
    ];
}

choices!(Direction { Up => "up": "Higher is better", Down => "down": "Lower is better" });
choices!(Cadence { Weekly => "weekly", Monthly => "monthly", Quarterly => "quarterly" });
choices!(Commitment { Committed => "committed", Aspirational => "aspirational" });
