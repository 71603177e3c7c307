//! `[product]` and `[vision]`: what the product is and why it exists.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::LastIds;
use super::validate::ITEM_KEY_PATTERN;

/// `[product]`: the product's name, its item key and its owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProductInfo {
    /// The product's name.
    pub name: String,
    /// Prefix of backlog item ids, 1 to 10 capital letters or digits: `RX` gives `RX-1`, `RX-2`, ...
    #[schemars(extend("pattern" = ITEM_KEY_PATTERN))]
    pub key: String,
    /// The product owner: a person in `people` with the role `owner`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The oldest `product` version (`X.Y`) that may write this file: set
    /// when the file uses a key an older tool would misapply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<String>,
    /// The highest number ever issued per kind of id, where the file's own
    /// ids no longer show it (the entity with it was removed): no id is
    /// handed out twice.
    #[serde(default, skip_serializing_if = "LastIds::is_empty")]
    pub last_ids: LastIds,
}

/// `[vision]`: the statement, who it is for, what it solves and how.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Vision {
    /// The vision in a sentence: who gets what, and why it matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    /// Who the product is for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<String>,
    /// The problems it solves for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// How the product will get there and win.
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
    pub const FIELDS: &[&str] = &["name", "key", "owner", "requires", "last_ids"];
}
