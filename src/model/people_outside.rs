//! `[[stakeholders]]` and `[[decisions]]`: who cares, and what was decided.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choices;

use super::date::Date;
use super::validate::SIMPLE_ID_PATTERN;

/// High or low, for a stakeholder's interest and influence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    Low,
}

/// Someone outside the team with a stake in the product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stakeholder {
    /// The person or group's name.
    pub name: String,
    /// How much they care about the product: `high` or `low`.
    pub interest: Level,
    /// How much they can affect it: `high` or `low`.
    pub influence: Level,
    /// Anything worth remembering about them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Stakeholder {
    pub const FIELDS: &[&str] = &["name", "interest", "influence", "notes"];

    /// Where the stakeholder sits on the power/interest grid.
    pub fn quadrant(&self) -> Quadrant {
        match (self.influence, self.interest) {
            (Level::High, Level::High) => Quadrant::ManageClosely,
            (Level::High, Level::Low) => Quadrant::KeepSatisfied,
            (Level::Low, Level::High) => Quadrant::KeepInformed,
            (Level::Low, Level::Low) => Quadrant::Monitor,
        }
    }
}

/// The four places of the power/interest grid, and how to treat each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High influence, high interest: involve them and consult them closely.
    ManageClosely,
    /// High influence, low interest: meet their needs without overloading them.
    KeepSatisfied,
    /// Low influence, high interest: keep them adequately informed.
    KeepInformed,
    /// Low influence, low interest: watch, with little communication.
    Monitor,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::ManageClosely,
        Quadrant::KeepSatisfied,
        Quadrant::KeepInformed,
        Quadrant::Monitor,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "Manage closely",
            Quadrant::KeepSatisfied => "Keep satisfied",
            Quadrant::KeepInformed => "Keep informed",
            Quadrant::Monitor => "Monitor",
        }
    }

    /// Which corner of the grid, in words.
    pub fn grid(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "high influence, high interest",
            Quadrant::KeepSatisfied => "high influence, low interest",
            Quadrant::KeepInformed => "low influence, high interest",
            Quadrant::Monitor => "low influence, low interest",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Level::High => "high",
            Level::Low => "low",
        })
    }
}

/// An entry of the decision log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Decision {
    /// The decision's id, e.g. `D1`.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// The day it was decided.
    pub date: Date,
    /// The decision kind (`goals`, `scope`, ...); free text so a new kind never breaks a read.
    pub kind: String,
    /// What was decided, in a line.
    pub summary: String,
    /// The person who decided.
    pub decided_by: String,
    /// The people who agreed to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreed_by: Vec<String>,
    /// Why it was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    /// The ids it is about, e.g. `O1.KR1` or `RX-4`.
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

choices!(Level { High => "high", Low => "low" });
