//! `[[people]]` and `[rights]`: who is who, the kinds of decision, and who
//! decides each.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Product;
use super::choice::choices;

/// A person and the roles they hold (`owner`, `leadership`, or any other).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Person {
    /// The person's name, as `owner`, `--as` and the decision log spell it.
    pub name: String,
    /// The roles they hold, e.g. `owner` or `leadership`; roles carry decision rights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The SSH public keys their signatures on decisions are made with, as
    /// `ssh-keygen` writes them: `ssh-ed25519 AAAA... comment`. Adding or
    /// changing one is a `rights` decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signing_keys: Vec<String>,
}

impl Person {
    pub const FIELDS: &[&str] = &["name", "roles", "signing_keys"];

    /// Someone holding these roles, with no signing keys.
    pub fn new(name: impl Into<String>, roles: Vec<String>) -> Self {
        Person {
            name: name.into(),
            roles,
            signing_keys: Vec::new(),
        }
    }
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
    /// Items added, removed or dropped; MVP, acceptance, roadmap links; requests accepted or declined (default: the owner decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Rule>,
    /// Items' title, description, tags and needs; user needs and their evidence; requests merged (default: the owner or the team decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refinement: Option<Rule>,
    /// Objectives and key results (default: the owner decides, leadership agrees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Rule>,
    /// KPIs, their name, unit, direction, target and threshold (default: the owner decides, leadership agrees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Rule>,
    /// Roadmap entries, their title, outcome, horizon and date (default: the owner decides, leadership agrees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch: Option<Rule>,
    /// Anything in `vision` (default: the owner decides, leadership agrees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<Rule>,
    /// `rights`, people's roles and the product owner (default: leadership decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<Rule>,
    /// Service assessments planned, and a panel's outcomes and recommendations recorded (default: the owner decides; always logged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Rule>,
    /// Whether decisions must be signed: `required` makes `product check
    /// --base` ask every governed change for a covering decision signed by
    /// its decider and each agreer (default: `optional`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatures: Option<Signatures>,
}

/// `[rights] signatures`: whether decisions must carry signatures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Signatures {
    /// Signatures are checked where present, and not asked for.
    #[default]
    Optional,
    /// Every governed change needs a covering decision signed by its
    /// decider and each agreer.
    Required,
}

impl Rights {
    pub const FIELDS: &[&str] = &[
        "prioritisation",
        "scope",
        "refinement",
        "goals",
        "metrics",
        "launch",
        "vision",
        "rights",
        "assessment",
        "signatures",
    ];

    /// Whether the file asks for signed decisions.
    pub fn signatures_required(&self) -> bool {
        self.signatures == Some(Signatures::Required)
    }

    pub fn is_empty(&self) -> bool {
        *self == Rights::default()
    }
}

/// A kind of decision: what a change decides. `[rights]` has a rule for each.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DecisionKind {
    /// The order of open items and their scoring inputs
    Prioritisation,
    /// Items added, removed or dropped; MVP; acceptance; roadmap links
    Scope,
    /// Items' title, description and tags
    Refinement,
    /// Objectives and key results
    Goals,
    /// KPIs: which, what they are called, which way, their targets
    Metrics,
    /// Roadmap entries, their titles, outcomes, horizons and dates
    Launch,
    /// The vision
    Vision,
    /// Rights, roles and the product owner
    Rights,
    /// Service assessments planned, and a panel's outcomes recorded
    Assessment,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 9] = [
        DecisionKind::Prioritisation,
        DecisionKind::Scope,
        DecisionKind::Refinement,
        DecisionKind::Goals,
        DecisionKind::Metrics,
        DecisionKind::Launch,
        DecisionKind::Vision,
        DecisionKind::Rights,
        DecisionKind::Assessment,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DecisionKind::Prioritisation => "prioritisation",
            DecisionKind::Scope => "scope",
            DecisionKind::Refinement => "refinement",
            DecisionKind::Goals => "goals",
            DecisionKind::Metrics => "metrics",
            DecisionKind::Launch => "launch",
            DecisionKind::Vision => "vision",
            DecisionKind::Rights => "rights",
            DecisionKind::Assessment => "assessment",
        }
    }

    /// The rule when `[rights]` does not set one.
    pub fn default_rule(self) -> Rule {
        let roles = |r: &[&str]| r.iter().map(|s| (*s).to_owned()).collect();
        match self {
            DecisionKind::Prioritisation | DecisionKind::Scope | DecisionKind::Assessment => Rule {
                decide: roles(&["owner"]),
                agree: Vec::new(),
            },
            DecisionKind::Refinement => Rule {
                decide: roles(&["owner", "team"]),
                agree: Vec::new(),
            },
            DecisionKind::Goals
            | DecisionKind::Metrics
            | DecisionKind::Launch
            | DecisionKind::Vision => Rule {
                decide: roles(&["owner"]),
                agree: roles(&["leadership"]),
            },
            DecisionKind::Rights => Rule {
                decide: roles(&["leadership"]),
                agree: Vec::new(),
            },
        }
    }

    /// Whether every change of this kind is logged, agreement or not: who
    /// holds which right (what every other decision is judged by), and a
    /// service assessment (a judgment made elsewhere, which the record
    /// must show was written down by the one who holds the right).
    pub fn always_logged(self) -> bool {
        matches!(self, DecisionKind::Rights | DecisionKind::Assessment)
    }

    /// The rule `[rights]` in this product writes for this kind, if any.
    pub fn own_rule(self, product: &Product) -> Option<&Rule> {
        let r = &product.rights;
        match self {
            DecisionKind::Prioritisation => r.prioritisation.as_ref(),
            DecisionKind::Scope => r.scope.as_ref(),
            DecisionKind::Refinement => r.refinement.as_ref(),
            DecisionKind::Goals => r.goals.as_ref(),
            DecisionKind::Metrics => r.metrics.as_ref(),
            DecisionKind::Launch => r.launch.as_ref(),
            DecisionKind::Vision => r.vision.as_ref(),
            DecisionKind::Rights => r.rights.as_ref(),
            DecisionKind::Assessment => r.assessment.as_ref(),
        }
    }

    /// The rule that applies in this product: its own, or the default.
    pub fn rule(self, product: &Product) -> Rule {
        self.own_rule(product)
            .cloned()
            .unwrap_or_else(|| self.default_rule())
    }
}

impl std::fmt::Display for DecisionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for DecisionKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DecisionKind::ALL
            .into_iter()
            .find(|k| k.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = DecisionKind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "`{s}` is not a decision kind; use one of {}",
                    names.join(", ")
                )
            })
    }
}

choices!(Signatures {
    Optional => "optional": "Signatures are checked where present, not asked for",
    Required => "required": "Every governed change needs a signed decision",
});

choices!(DecisionKind {
    Prioritisation => "prioritisation": "The order of open items and their scoring inputs",
    Scope => "scope": "Items added, removed or dropped; MVP; acceptance; roadmap links",
    Refinement => "refinement": "Items' title, description and tags",
    Goals => "goals": "Objectives and key results",
    Metrics => "metrics": "KPIs: which, what they are called, which way, their targets",
    Launch => "launch": "Roadmap entries, their titles, outcomes, horizons and dates",
    Vision => "vision": "The vision",
    Rights => "rights": "Rights, roles and the product owner",
    Assessment => "assessment": "Service assessments planned, and a panel's outcomes recorded",
});
