//! `[[people]]` and `[rights]`: who is who, and who decides what.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A person and the roles they hold (`owner`, `leadership`, or any other).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Person {
    /// The person's name, as `owner`, `--as` and the decision log spell it.
    pub name: String,
    /// The roles they hold, e.g. `owner` or `leadership`; roles carry decision rights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

impl Person {
    pub const FIELDS: &[&str] = &["name", "roles"];
}

/// Who may decide a kind of decision, and whose agreement it needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rule {
    /// The roles whose holders may take the decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decide: Vec<String>,
    /// The roles of which one holder must agree to the decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agree: Vec<String>,
}

impl Rule {
    pub const FIELDS: &[&str] = &["decide", "agree"];
}

/// `[rights]`: one optional rule per decision kind; a missing rule takes the default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rights {
    /// The order and scoring inputs of open items (default: the owner decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prioritisation: Option<Rule>,
    /// Items added, removed or dropped; MVP, acceptance, roadmap links (default: the owner decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Rule>,
    /// Objectives and key results (default: the owner decides, leadership agrees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Rule>,
    /// KPIs, their direction, target and threshold (default: the owner decides, leadership agrees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Rule>,
    /// Roadmap entries, their horizon and date (default: the owner decides, leadership agrees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch: Option<Rule>,
    /// Anything in `vision` (default: the owner decides, leadership agrees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<Rule>,
    /// `rights`, people's roles and the product owner (default: leadership decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<Rule>,
}

impl Rights {
    pub const FIELDS: &[&str] = &[
        "prioritisation",
        "scope",
        "goals",
        "metrics",
        "launch",
        "vision",
        "rights",
    ];

    pub fn is_empty(&self) -> bool {
        *self == Rights::default()
    }
}
