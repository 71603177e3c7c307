//! `[[roadmap]]`: outcomes on a now / next / later horizon.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choices;

use super::Product;
use super::date::Date;
use super::ids::{IdKind, IdsExhausted};
use super::validate::SIMPLE_ID_PATTERN;

/// When a roadmap entry is planned: being worked on, coming up, or later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Horizon {
    /// Being worked on
    Now,
    /// Coming up
    Next,
    /// Further out
    Later,
}

impl Horizon {
    pub const ALL: [Horizon; 3] = [Horizon::Now, Horizon::Next, Horizon::Later];

    /// `Now`, `Next`, `Later`: as a column heading.
    pub fn heading(self) -> &'static str {
        match self {
            Horizon::Now => "Now",
            Horizon::Next => "Next",
            Horizon::Later => "Later",
        }
    }
}

impl std::fmt::Display for Horizon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Horizon::Now => "now",
            Horizon::Next => "next",
            Horizon::Later => "later",
        })
    }
}

/// One roadmap entry: an outcome, the objectives it serves, an optional hard date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RoadmapEntry {
    /// The entry's id, e.g. `R1`: letters, digits or `_`, starting with a letter.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// The entry's name.
    pub title: String,
    /// When it is planned: `now`, `next` or `later`.
    pub horizon: Horizon,
    /// The outcome it brings about, for users or the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The ids of the objectives it serves, e.g. `O1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    /// A hard date, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Why the date is fixed.
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

impl Product {
    pub fn roadmap_entry(&self, id: &str) -> Option<&RoadmapEntry> {
        self.roadmap.iter().find(|r| r.id == id)
    }

    pub fn roadmap_entry_mut(&mut self, id: &str) -> Option<&mut RoadmapEntry> {
        self.roadmap.iter_mut().find(|r| r.id == id)
    }

    /// The next roadmap id: `R` and one more than the highest issued.
    pub fn next_roadmap_id(&self) -> Result<String, IdsExhausted> {
        IdKind::Roadmap.next_id(self)
    }
}

choices!(Horizon { Now => "now": "Being worked on", Next => "next": "Coming up", Later => "later": "Further out" });
