//! The product file as Rust types: one module per section, plus the checks
//! every loaded file must pass and the backlog moves commands make.
//!
//! Types derive `serde` so the same model reads and writes TOML and JSON.
//! Nothing here does I/O or reads the clock.

mod backlog;
mod check_settings;
mod date;
mod dependencies;
mod goals;
mod item;
mod measures;
pub mod number;
mod path;
mod people;
mod people_outside;
mod product_info;
mod roadmap;
mod scoring;
pub mod suggest;
mod validate;

use serde::{Deserialize, Serialize};

pub use backlog::{MoveError, MoveTo};
pub use check_settings::{CheckSettings, RuleLevel};
pub use date::{Date, DateParseError};
pub use goals::{Cadence, Commitment, Direction, KeyResult, Kpi, Objective, Reading};
pub use item::{Experiment, ExperimentResult, Item, Kind, Moscow, Status};
pub use measures::{KrRef, insert_in_date_order, latest};
pub use path::{KeyPath, Segment};
pub use people::{Person, Rights, Rule};
pub use people_outside::{Decision, Level, Quadrant, Stakeholder};
pub use product_info::{ProductInfo, Vision};
pub use roadmap::{Horizon, RoadmapEntry};
pub use scoring::{Scale, Scoring};
pub use validate::{Invalid, is_item_id, validate};

/// The file format version this library reads and writes.
pub const SUPPORTED_VERSION: i64 = 1;

/// A whole product file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub version: i64,
    pub product: ProductInfo,
    #[serde(default, skip_serializing_if = "Vision::is_empty")]
    pub vision: Vision,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(default, skip_serializing_if = "Rights::is_empty")]
    pub rights: Rights,
    #[serde(default, skip_serializing_if = "Scoring::is_empty")]
    pub scoring: Scoring,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<Kpi>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roadmap: Vec<RoadmapEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "CheckSettings::is_empty")]
    pub check: CheckSettings,
}

impl Product {
    /// Top-level keys, in the order the model writes them.
    pub const FIELDS: &[&str] = &[
        "version",
        "product",
        "vision",
        "people",
        "rights",
        "scoring",
        "objectives",
        "kpis",
        "roadmap",
        "items",
        "stakeholders",
        "decisions",
        "check",
    ];

    /// An empty product with just a name and an item key.
    pub fn new(name: String, key: String) -> Self {
        Product {
            version: SUPPORTED_VERSION,
            product: ProductInfo {
                name,
                key,
                owner: None,
            },
            vision: Vision::default(),
            people: Vec::new(),
            rights: Rights::default(),
            scoring: Scoring::default(),
            objectives: Vec::new(),
            kpis: Vec::new(),
            roadmap: Vec::new(),
            items: Vec::new(),
            stakeholders: Vec::new(),
            decisions: Vec::new(),
            check: CheckSettings::default(),
        }
    }
}
