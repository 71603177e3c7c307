//! `[[needs]]` with their evidence, and `[[requests]]`: what users need,
//! what shows it, and the work people outside the team ask for.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choices;
use super::date::Date;
use super::validate::SIMPLE_ID_PATTERN;

/// Where a user need stands.
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
pub enum NeedStatus {
    /// Believed, not yet shown by research: where a need starts.
    #[default]
    Assumed,
    /// Shown to be real by research.
    Validated,
    /// Met by what has been delivered.
    Met,
    /// Shown not to be a need after all (its `reason` says why).
    Invalid,
}

impl NeedStatus {
    /// Whether the need counts: an invalid need neither asks for work nor
    /// lends its evidence to a score.
    pub fn counts(self) -> bool {
        self != NeedStatus::Invalid
    }
}

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Interview,
    UsabilityTest,
    Survey,
    Analytics,
    /// A support contact: a ticket, a call, a chat.
    Support,
    Feedback,
    Other,
}

/// What a user group needs: the statement, where it stands, and the
/// evidence for it.
///
/// ```toml
/// [[needs]]
/// id = "N1"
/// statement = "As a shop owner I need to see refunds by day so that I can reconcile my till"
/// users = "Shop owners"
/// status = "validated"
///
/// [[needs.evidence]]
/// date = 2026-10-02
/// kind = "interview"
/// people = 6
/// summary = "Five of six reconcile by hand every evening"
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Need {
    /// The need's id, e.g. `N1`.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// The need: "As a … I need … so that …", or free text.
    pub statement: String,
    /// The user group that has it: one of the vision's users, or another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<String>,
    /// `assumed` (when left out), `validated`, `met` or `invalid`.
    #[serde(default)]
    pub status: NeedStatus,
    /// Why the need was found invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The day it was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Date>,
    /// What shows the need is real, in the order it was recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Need {
    pub const FIELDS: &[&str] = &[
        "id",
        "statement",
        "users",
        "status",
        "reason",
        "created",
        "evidence",
    ];

    /// How many people its evidence stands for, in all.
    pub fn people(&self) -> u64 {
        self.evidence
            .iter()
            .fold(0u64, |sum, e| sum.saturating_add(e.people))
    }
}

/// One piece of evidence for a need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// The day it was gathered.
    pub date: Date,
    /// `interview`, `usability_test`, `survey`, `analytics`, `support`,
    /// `feedback` or `other`.
    pub kind: EvidenceKind,
    /// What was found, in a line.
    pub summary: String,
    /// How many people it stands for (1 when left out): six interviews, a
    /// survey's 240 answers.
    #[serde(default = "one")]
    pub people: u64,
    /// Where the research is kept: a report, a recording, a dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The row's key in the export it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn one() -> u64 {
    1
}

impl Evidence {
    pub const FIELDS: &[&str] = &["date", "kind", "summary", "people", "link", "source"];

    /// The most people a piece of evidence may stand for: more than live
    /// on Earth, and well within what TOML writes as an integer.
    pub const MAX_PEOPLE: u64 = 10_000_000_000;
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RequestStatus {
    /// Waiting to be triaged: where a request starts.
    #[default]
    Open,
    /// Taken into the backlog: the items that answer it list it in their `requests`.
    Accepted,
    /// Turned down, with a `reason` the requester can be shown.
    Declined,
    /// Folded into a need or an item (`into`).
    Merged,
}

/// New work asked for by a stakeholder or a user.
///
/// ```toml
/// [[requests]]
/// id = "Q1"
/// text = "Export refunds to CSV"
/// from = "Finance"
/// date = 2026-11-03
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Request {
    /// The request's id, e.g. `Q1`.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    pub id: String,
    /// What was asked for.
    pub text: String,
    /// Who asked: a person, a team, a customer.
    pub from: String,
    /// The day it was asked.
    pub date: Date,
    /// `open` (when left out), `accepted`, `declined` or `merged`.
    #[serde(default)]
    pub status: RequestStatus,
    /// The day it was accepted, declined or merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triaged: Option<Date>,
    /// Why it was declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The need (`N1`) or item (`RX-4`) it was merged into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
    /// The row's key in the export it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Request {
    pub const FIELDS: &[&str] = &[
        "id", "text", "from", "date", "status", "triaged", "reason", "into", "source",
    ];

    pub fn is_open(&self) -> bool {
        self.status == RequestStatus::Open
    }
}

macro_rules! display_as_choice {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(super::Choice::name(*self))
            }
        }
    )*};
}
display_as_choice!(NeedStatus, EvidenceKind, RequestStatus);

choices!(NeedStatus {
    Assumed => "assumed": "Believed, not yet shown by research",
    Validated => "validated": "Shown to be real by research",
    Met => "met": "Met by what was delivered",
    Invalid => "invalid": "Shown not to be a need",
});
choices!(EvidenceKind {
    Interview => "interview",
    UsabilityTest => "usability_test",
    Survey => "survey",
    Analytics => "analytics",
    Support => "support": "A support contact: a ticket, a call, a chat",
    Feedback => "feedback",
    Other => "other",
});
choices!(RequestStatus {
    Open => "open",
    Accepted => "accepted",
    Declined => "declined",
    Merged => "merged",
});
