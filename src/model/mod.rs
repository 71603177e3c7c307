//! The product file as Rust types: one module per section, plus the checks
//! every loaded file must pass and the backlog moves commands make.
//!
//! Types derive `serde` so the same model reads and writes TOML and JSON, and
//! `schemars`, so that their doc comments describe the file's JSON Schema.
//! Nothing here does I/O or reads the clock.

mod backlog;
mod check_settings;
mod choice;
mod date;
pub(crate) mod dependencies;
mod goals;
pub mod ids;
mod item;
mod measures;
mod needs;
pub mod number;
mod path;
mod people;
mod people_outside;
mod product_info;
mod refs;
mod roadmap;
mod scoring;
mod service;
mod standards;
pub mod suggest;
pub(crate) mod validate;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use backlog::{MoveError, MoveTo};
pub use check_settings::{CheckSettings, RuleLevel};
pub use choice::Choice;
pub(crate) use choice::choices;
pub use date::{Date, DateParseError};
pub(crate) use dependencies::strongly_connected;
pub use goals::{Cadence, Commitment, Direction, KeyResult, Kpi, Objective, Reading};
pub use item::{Experiment, ExperimentResult, Item, Kind, Moscow, NumberField, Status};
pub use measures::{KrRef, insert_in_date_order, latest};
pub use needs::{Evidence, EvidenceKind, Need, NeedStatus, Request, RequestStatus};
pub use path::{KeyPath, Segment};
pub use people::{DecisionKind, Person, Rights, Rule, Signatures};
pub use people_outside::{
    Cover, CoverChange, Decision, DecisionSignature, Level, Quadrant, Stakeholder,
};
pub use product_info::{ProductInfo, Vision};
pub use refs::{Dangling, Entity, LinkField, NotFound};
pub use roadmap::{Horizon, RoadmapEntry};
pub use scoring::{Scale, Scoring};
pub use service::{
    Assessment, AssessmentStatus, CustomPoint, MandatoryKpi, Phase, PointOutcome, PointResult,
    Recommendation, RecommendationRef, Service, Standard,
};
pub use standards::{Point, Source, known_points, standard_name};
pub use validate::{Invalid, is_item_id, is_item_key, is_simple_id, validate};

/// The key at the top of a file that names its JSON Schema. Editors read
/// it; `product` keeps it and does not report it as unknown.
pub const SCHEMA_KEY: &str = "$schema";

/// The file format version this library reads and writes.
pub const SUPPORTED_VERSION: i64 = 1;

/// A whole product file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Product {
    /// The file format version: always 1 for this format.
    // A file of another version does not load, so the schema allows only this one.
    #[schemars(extend("const" = SUPPORTED_VERSION))]
    pub version: i64,
    /// What the product is: its name, the key of its item ids and its owner.
    pub product: ProductInfo,
    /// Why the product exists: the statement, its users, their problems and the strategy.
    #[serde(default, skip_serializing_if = "Vision::is_empty")]
    pub vision: Vision,
    /// Who is who: each person and the roles they hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Who decides what: one rule per decision kind; a kind left out takes its default rule.
    #[serde(default, skip_serializing_if = "Rights::is_empty")]
    pub rights: Rights,
    /// How the backlog is scored: the default method, the scale of WSJF inputs, named formulas.
    #[serde(default, skip_serializing_if = "Scoring::is_empty")]
    pub scoring: Scoring,
    /// Objectives and their key results (OKRs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
    /// Key performance indicators and their readings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<Kpi>,
    /// Outcomes planned on a now / next / later horizon.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roadmap: Vec<RoadmapEntry>,
    /// The public service: the phase it is in and the standard it is assessed against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
    /// Service assessments, planned and held, with the panel's outcomes and recommendations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    /// What users need, with the evidence that shows it: what the backlog is for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Need>,
    /// The product backlog, in priority order: the first item is the most important.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "whole_list"
    )]
    pub items: Vec<Item>,
    /// New work asked for by stakeholders and users, and how each was triaged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<Request>,
    /// People and groups outside the team with a stake in the product.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<Stakeholder>,
    /// The decision log: what was decided, when, by whom, with whose agreement and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// How strict `product check` is: rule severities and limits.
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
        "service",
        "assessments",
        "needs",
        "items",
        "requests",
        "stakeholders",
        "decisions",
        "check",
    ];

    /// How many sections the struct has, counted by taking it apart
    /// without `..`: a new section does not compile until it is counted
    /// here, and the test below then asks for it in [`Product::FIELDS`].
    #[cfg(test)]
    fn section_count(&self) -> usize {
        let Product {
            version: _,
            product: _,
            vision: _,
            people: _,
            rights: _,
            scoring: _,
            objectives: _,
            kpis: _,
            roadmap: _,
            service: _,
            assessments: _,
            needs: _,
            items: _,
            requests: _,
            stakeholders: _,
            decisions: _,
            check: _,
        } = self;
        17
    }

    /// An empty product with just a name and an item key.
    pub fn new(name: String, key: String) -> Self {
        Product {
            version: SUPPORTED_VERSION,
            product: ProductInfo {
                name,
                key,
                owner: None,
                requires: None,
                last_ids: Default::default(),
            },
            vision: Vision::default(),
            people: Vec::new(),
            rights: Rights::default(),
            scoring: Scoring::default(),
            objectives: Vec::new(),
            kpis: Vec::new(),
            roadmap: Vec::new(),
            service: None,
            assessments: Vec::new(),
            needs: Vec::new(),
            items: Vec::new(),
            requests: Vec::new(),
            stakeholders: Vec::new(),
            decisions: Vec::new(),
            check: CheckSettings::default(),
        }
    }
}

/// A list read into room for all of it at once, where the reader knows its
/// length (a JSON or TOML document already in memory does), with an eighth
/// more for what the edit adds. serde's own reading grows the list from a
/// cautious guess, doubling: for a backlog of many thousands of items that
/// holds up to three times the list's room for a moment, and keeps up to
/// twice what it needs; and a list read to its exact length doubles at the
/// first item added.
fn whole_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct List<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for List<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // A length given by the reader is a list already read; the cap
            // keeps a reader that overstates it from reserving without end.
            const MOST: usize = 1 << 20;
            let len = seq.size_hint().unwrap_or(0).min(MOST);
            let mut list = Vec::with_capacity(len + len / 8);
            while let Some(element) = seq.next_element()? {
                list.push(element);
            }
            Ok(list)
        }
    }
    deserializer.deserialize_seq(List(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_list_names_every_section() {
        let product = Product::new("P".into(), "P".into());
        assert_eq!(product.section_count(), Product::FIELDS.len());
        // And in the order the model serializes them.
        let value = serde_json::to_value(&product).unwrap();
        let written: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert!(Product::FIELDS.starts_with(&written[..2]));
    }
}
