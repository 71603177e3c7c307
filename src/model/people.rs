//! `[[people]]` and `[rights]`: who is who, and who decides what.

use serde::{Deserialize, Serialize};

/// A person and the roles they hold (`owner`, `leadership`, or any other).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

impl Person {
    pub const FIELDS: &[&str] = &["name", "roles"];
}

/// Who may decide a kind of decision, and whose agreement it needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decide: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agree: Vec<String>,
}

impl Rule {
    pub const FIELDS: &[&str] = &["decide", "agree"];
}

/// `[rights]`: one optional rule per decision kind; a missing rule takes the default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rights {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prioritisation: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<Rule>,
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
