//! `[[roadmap]]`: outcomes on a now / next / later horizon.

use serde::{Deserialize, Serialize};

use super::date::Date;

/// When a roadmap entry is planned: being worked on, coming up, or later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Horizon {
    Now,
    Next,
    Later,
}

/// One roadmap entry: an outcome, the objectives it serves, an optional hard date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoadmapEntry {
    pub id: String,
    pub title: String,
    pub horizon: Horizon,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_reason: Option<String>,
}

impl RoadmapEntry {
    pub const FIELDS: &[&str] = &[
        "id",
        "title",
        "horizon",
        "outcome",
        "objectives",
        "date",
        "date_reason",
    ];
}
