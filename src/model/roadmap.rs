//! `[[roadmap]]`: outcomes on a now / next / later horizon.

use serde::{Deserialize, Serialize};

use super::Product;
use super::date::Date;
use super::measures::next_id;

/// When a roadmap entry is planned: being worked on, coming up, or later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
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

impl Product {
    pub fn roadmap_entry(&self, id: &str) -> Option<&RoadmapEntry> {
        self.roadmap.iter().find(|r| r.id == id)
    }

    pub fn roadmap_entry_mut(&mut self, id: &str) -> Option<&mut RoadmapEntry> {
        self.roadmap.iter_mut().find(|r| r.id == id)
    }

    /// The next roadmap id: `R` and one more than the highest in use.
    pub fn next_roadmap_id(&self) -> String {
        next_id("R", self.roadmap.iter().map(|r| r.id.as_str()))
    }
}
