//! `[check]`: how strict `product check` is for this product. Per-rule
//! severities (or `"off"`) and the limits some rules count against. The
//! rules themselves live in [`crate::check`]; this is only what the file says.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a rule's finding counts as, or that the rule is off.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Info,
    Off,
}

/// `[check]`: rule severities and limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CheckSettings {
    /// The most items in `doing` at once (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_doing: Option<u32>,
    /// The most roadmap entries in Now (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_now: Option<u32>,
    /// The most key results an objective should have (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_key_results: Option<u32>,
    /// The largest share of the size the must-haves may take, above 0 and at most 1 (default 0.6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1))]
    pub must_have_share: Option<f64>,
    /// The least chance a roadmap entry's hard date should have by the
    /// forecast, above 0 and at most 1 (default 0.85).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1))]
    pub hard_date_confidence: Option<f64>,
    /// The change in pace (the last 4 weeks' throughput against the 8
    /// before them, as a fraction) the forecast and `pace-changed` report,
    /// above 0 and at most 10 (default 0.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 10))]
    pub pace_change: Option<f64>,
    /// The most days a request may wait to be triaged before `request-waiting`
    /// reports it (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_days: Option<u32>,
    /// How many days before a planned service assessment
    /// `recommendation-unaddressed` and `assessment-gap` report (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_days: Option<u32>,
    /// Severity by rule id (`product check --list-rules`): `error`, `warning`, `info` or `off`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleLevel>,
}

impl CheckSettings {
    pub const FIELDS: &[&str] = &[
        "max_doing",
        "max_now",
        "max_key_results",
        "must_have_share",
        "hard_date_confidence",
        "pace_change",
        "request_days",
        "assessment_days",
        "rules",
    ];

    pub const DEFAULT_MAX_DOING: u32 = 5;
    pub const DEFAULT_MAX_NOW: u32 = 3;
    pub const DEFAULT_MAX_KEY_RESULTS: u32 = 5;
    pub const DEFAULT_HARD_DATE_CONFIDENCE: f64 = 0.85;
    pub const DEFAULT_PACE_CHANGE: f64 = 0.3;
    pub const DEFAULT_REQUEST_DAYS: u32 = 30;
    pub const DEFAULT_ASSESSMENT_DAYS: u32 = 30;

    pub fn is_empty(&self) -> bool {
        *self == CheckSettings::default()
    }

    pub fn max_doing(&self) -> u32 {
        self.max_doing.unwrap_or(Self::DEFAULT_MAX_DOING)
    }

    pub fn max_now(&self) -> u32 {
        self.max_now.unwrap_or(Self::DEFAULT_MAX_NOW)
    }

    pub fn max_key_results(&self) -> u32 {
        self.max_key_results
            .unwrap_or(Self::DEFAULT_MAX_KEY_RESULTS)
    }

    pub fn hard_date_confidence(&self) -> f64 {
        self.hard_date_confidence
            .unwrap_or(Self::DEFAULT_HARD_DATE_CONFIDENCE)
    }

    pub fn request_days(&self) -> u32 {
        self.request_days.unwrap_or(Self::DEFAULT_REQUEST_DAYS)
    }

    pub fn assessment_days(&self) -> u32 {
        self.assessment_days
            .unwrap_or(Self::DEFAULT_ASSESSMENT_DAYS)
    }

    pub fn pace_change(&self) -> f64 {
        self.pace_change.unwrap_or(Self::DEFAULT_PACE_CHANGE)
    }
}
