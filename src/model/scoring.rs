//! `[scoring]`: the default prioritisation method, the scale of the WSJF
//! inputs, and the team's own formulas. The numbers themselves are computed
//! by [`crate::priority`]; this is only what the file says.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What values the WSJF inputs (value, time criticality, risk reduction, size) may take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Any number of zero or more (size more than zero).
    #[default]
    Free,
    /// The modified Fibonacci sequence used for relative estimates: 1, 2, 3, 5, 8, 13, 20.
    Fibonacci,
}

impl Scale {
    /// The values the Fibonacci scale allows.
    pub const FIBONACCI: [f64; 7] = [1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0];
}

/// `[scoring]`: how the backlog is scored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Scoring {
    /// The method `rank` and `item list` use by default: `wsjf`, `value-cost`, `rice`, `moscow` or a formula's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// What values the WSJF inputs may take: `free` (the default) or `fibonacci`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// Named formulas over the numeric item fields, e.g. `roi = "value / cost"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub formulas: BTreeMap<String, String>,
}

impl Scoring {
    pub const FIELDS: &[&str] = &["method", "scale", "formulas"];

    pub fn is_empty(&self) -> bool {
        *self == Scoring::default()
    }

    /// The scale in force: `free` unless the file says otherwise.
    pub fn scale(&self) -> Scale {
        self.scale.unwrap_or_default()
    }
}
