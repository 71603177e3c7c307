//! `[product]` and `[vision]`: what the product is and why it exists.

use serde::{Deserialize, Serialize};

/// `[product]`: the product's name, its item key and its owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductInfo {
    pub name: String,
    /// Prefix of backlog item ids: `RX` gives `RX-1`, `RX-2`, ...
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// `[vision]`: the statement, who it is for, what it solves and how.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vision {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategy: Vec<String>,
}

impl Vision {
    pub const FIELDS: &[&str] = &["statement", "users", "problems", "strategy"];

    pub fn is_empty(&self) -> bool {
        *self == Vision::default()
    }
}

impl ProductInfo {
    pub const FIELDS: &[&str] = &["name", "key", "owner"];
}
