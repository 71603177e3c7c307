//! `[[objectives]]` with their key results, and `[[kpis]]`.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::number;

/// Whether an objective is expected to be met in full or is a stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Commitment {
    Committed,
    Aspirational,
}

/// An objective and the key results that measure it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
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
        "key_results",
    ];
}

/// A measurable result: where it started, where it should get, where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyResult {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(serialize_with = "number::compact")]
    pub start: f64,
    #[serde(serialize_with = "number::compact")]
    pub target: f64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub current: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Reading>,
}

impl KeyResult {
    pub const FIELDS: &[&str] = &[
        "id", "title", "unit", "start", "target", "current", "weight", "history",
    ];
}

/// A dated value: a key result check-in or a KPI reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub date: Date,
    #[serde(serialize_with = "number::compact")]
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Reading {
    pub const FIELDS: &[&str] = &["date", "value", "note"];
}

/// Which way is better for a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub direction: Direction,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub target: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub threshold: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
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
        "history",
    ];
}
