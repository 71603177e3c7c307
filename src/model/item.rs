//! `[[items]]`: one backlog item. The array's order is the backlog's priority order.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::{Choice, choices};
use super::date::Date;
use super::number;
use super::validate::ITEM_ID_PATTERN;

/// What sort of work an item is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    // What an item is when the file does not say.
    #[default]
    Feature,
    Bug,
    Debt,
    Spike,
    Experiment,
}

/// Where an item is in its life.
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
pub enum Status {
    // Where an item is when the file does not say.
    #[default]
    Idea,
    Ready,
    Doing,
    Done,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Idea,
        Status::Ready,
        Status::Doing,
        Status::Done,
        Status::Dropped,
    ];

    /// Open items are the backlog proper: not done and not dropped.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Dropped)
    }
}

/// MoSCoW: must, should, could, won't (this time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Moscow {
    Must,
    Should,
    Could,
    Wont,
}

/// What an experiment item sets out to learn.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Experiment {
    /// What is believed to be true, and is to be tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hypothesis: Option<String>,
    /// A KPI id (`K1`) or key result (`O1.KR1`) that tells whether it worked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// What result of the measure counts as success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    /// How it came out: `validated`, `invalidated` or `inconclusive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ExperimentResult>,
    /// What was learnt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning: Option<String>,
}

impl Experiment {
    pub const FIELDS: &[&str] = &["hypothesis", "measure", "success", "result", "learning"];
}

/// How an experiment came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExperimentResult {
    Validated,
    Invalidated,
    Inconclusive,
}

/// A backlog item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    /// The item's id: the product's key, a dash and a number, e.g. `RX-1`.
    #[schemars(extend("pattern" = ITEM_ID_PATTERN))]
    pub id: String,
    /// What the item is, in a line.
    pub title: String,
    /// Longer text: context, notes, links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What sort of work: `feature` (when left out), `bug`, `debt`, `spike`
    /// or `experiment`.
    #[serde(default)]
    pub kind: Kind,
    /// Where it is in its life: `idea` (when left out), `ready`, `doing`,
    /// `done` or `dropped`.
    #[serde(default)]
    pub status: Status,
    /// Free labels, to group and filter items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Part of the minimum viable product.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mvp: bool,
    /// MoSCoW: `must`, `should`, `could` or `wont` (have, this time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moscow: Option<Moscow>,
    /// The id of the roadmap entry it belongs to, e.g. `R1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roadmap: Option<String>,
    /// The key results it moves, e.g. `O1.KR1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_results: Vec<String>,
    /// The user needs it answers, e.g. `N1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// The requests it was accepted for, e.g. `Q1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<String>,
    /// The assessment recommendation it addresses, e.g. `A1.R3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<String>,
    /// Acceptance criteria, one a string.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acceptance: Vec<String>,
    /// The ids of the items it waits for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// WSJF: user-business value.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub value: Option<f64>,
    /// WSJF: time criticality, how much the value decays with delay.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub time_criticality: Option<f64>,
    /// WSJF: risk reduction or opportunity enablement.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub risk_reduction: Option<f64>,
    /// WSJF: job size.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub size: Option<f64>,
    /// The denominator of value/cost, in any unit used consistently.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub cost: Option<f64>,
    /// RICE: reach, the people reached per period.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub reach: Option<f64>,
    /// RICE: impact, 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub impact: Option<f64>,
    /// RICE: confidence, in percent (0 to 100).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub confidence: Option<f64>,
    /// RICE: effort, in person-months.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub effort: Option<f64>,
    /// The day it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// The day it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<Date>,
    /// Why the item was dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Keeps the item's place when a ranking is applied.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    /// The item's key in the system it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What an experiment item sets out to learn, and what it learnt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experiment: Option<Experiment>,
    /// The day it was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Date>,
    /// The day it last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
}

impl Item {
    pub const FIELDS: &[&str] = &[
        "id",
        "title",
        "description",
        "kind",
        "status",
        "tags",
        "mvp",
        "moscow",
        "roadmap",
        "key_results",
        "needs",
        "requests",
        "recommendation",
        "acceptance",
        "depends_on",
        "value",
        "time_criticality",
        "risk_reduction",
        "size",
        "cost",
        "reach",
        "impact",
        "confidence",
        "effort",
        "due",
        "done_on",
        "reason",
        "pinned",
        "source",
        "experiment",
        "created",
        "updated",
    ];

    /// A new idea with nothing but a title.
    pub fn new(id: String, title: String, kind: Kind, today: Date) -> Self {
        Item {
            id,
            title,
            description: None,
            kind,
            status: Status::Idea,
            tags: Vec::new(),
            mvp: false,
            moscow: None,
            roadmap: None,
            key_results: Vec::new(),
            needs: Vec::new(),
            requests: Vec::new(),
            recommendation: None,
            acceptance: Vec::new(),
            depends_on: Vec::new(),
            value: None,
            time_criticality: None,
            risk_reduction: None,
            size: None,
            cost: None,
            reach: None,
            impact: None,
            confidence: None,
            effort: None,
            due: None,
            done_on: None,
            reason: None,
            pinned: false,
            source: None,
            experiment: None,
            created: Some(today),
            updated: Some(today),
        }
    }

    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }
}

/// A numeric field of an item: the inputs that scores and formulas are
/// computed from. One list gives the names, the reader and the writer, so
/// they cannot drift apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberField {
    Value,
    TimeCriticality,
    RiskReduction,
    Size,
    Cost,
    Reach,
    Impact,
    Confidence,
    Effort,
}

impl NumberField {
    /// Every numeric field, in the order the file writes them.
    pub const ALL: [NumberField; 9] = [
        NumberField::Value,
        NumberField::TimeCriticality,
        NumberField::RiskReduction,
        NumberField::Size,
        NumberField::Cost,
        NumberField::Reach,
        NumberField::Impact,
        NumberField::Confidence,
        NumberField::Effort,
    ];

    /// The field's key in the file: `value`, `time_criticality`, ...
    pub fn name(self) -> &'static str {
        match self {
            NumberField::Value => "value",
            NumberField::TimeCriticality => "time_criticality",
            NumberField::RiskReduction => "risk_reduction",
            NumberField::Size => "size",
            NumberField::Cost => "cost",
            NumberField::Reach => "reach",
            NumberField::Impact => "impact",
            NumberField::Confidence => "confidence",
            NumberField::Effort => "effort",
        }
    }

    /// The field with this key, if it is one.
    pub fn named(name: &str) -> Option<NumberField> {
        NumberField::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl fmt::Display for NumberField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Item {
    /// A numeric field's value.
    pub fn number(&self, field: NumberField) -> Option<f64> {
        match field {
            NumberField::Value => self.value,
            NumberField::TimeCriticality => self.time_criticality,
            NumberField::RiskReduction => self.risk_reduction,
            NumberField::Size => self.size,
            NumberField::Cost => self.cost,
            NumberField::Reach => self.reach,
            NumberField::Impact => self.impact,
            NumberField::Confidence => self.confidence,
            NumberField::Effort => self.effort,
        }
    }

    /// A numeric field, to set or clear.
    pub fn number_mut(&mut self, field: NumberField) -> &mut Option<f64> {
        match field {
            NumberField::Value => &mut self.value,
            NumberField::TimeCriticality => &mut self.time_criticality,
            NumberField::RiskReduction => &mut self.risk_reduction,
            NumberField::Size => &mut self.size,
            NumberField::Cost => &mut self.cost,
            NumberField::Reach => &mut self.reach,
            NumberField::Impact => &mut self.impact,
            NumberField::Confidence => &mut self.confidence,
            NumberField::Effort => &mut self.effort,
        }
    }
}

macro_rules! display_as_choice {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    )*};
}
display_as_choice!(Kind, Status, Moscow, ExperimentResult);

choices!(Kind { Feature => "feature", Bug => "bug", Debt => "debt", Spike => "spike", Experiment => "experiment" });
choices!(Status { Idea => "idea", Ready => "ready", Doing => "doing", Done => "done", Dropped => "dropped" });
choices!(Moscow { Must => "must", Should => "should", Could => "could", Wont => "wont" });
choices!(ExperimentResult {
    Validated => "validated",
    Invalidated => "invalidated",
    Inconclusive => "inconclusive",
});
