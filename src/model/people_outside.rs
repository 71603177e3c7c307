//! `[[stakeholders]]` and `[[decisions]]`: who cares, and what was decided.

use serde::{Deserialize, Serialize};

use super::date::Date;

/// High or low, for a stakeholder's interest and influence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    Low,
}

/// Someone outside the team with a stake in the product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub name: String,
    pub interest: Level,
    pub influence: Level,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Stakeholder {
    pub const FIELDS: &[&str] = &["name", "interest", "influence", "notes"];
}

/// An entry of the decision log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    pub date: Date,
    /// The decision kind (`goals`, `scope`, ...); free text so a new kind never breaks a read.
    pub kind: String,
    pub summary: String,
    pub decided_by: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreed_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
}

impl Decision {
    pub const FIELDS: &[&str] = &[
        "id",
        "date",
        "kind",
        "summary",
        "decided_by",
        "agreed_by",
        "rationale",
        "refs",
    ];
}
