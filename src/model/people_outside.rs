//! `[[stakeholders]]` and `[[decisions]]`: who cares, and what was decided.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choices;

use super::date::Date;
use super::validate::SIMPLE_ID_PATTERN;
use super::{Choice, DecisionKind};

/// High or low, for a stakeholder's interest and influence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    Low,
}

/// Someone outside the team with a stake in the product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stakeholder {
    /// The person or group's name.
    pub name: String,
    /// How much they care about the product: `high` or `low`.
    pub interest: Level,
    /// How much they can affect it: `high` or `low`.
    pub influence: Level,
    /// Anything worth remembering about them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Stakeholder {
    pub const FIELDS: &[&str] = &["name", "interest", "influence", "notes"];

    /// Where the stakeholder sits on the power/interest grid.
    pub fn quadrant(&self) -> Quadrant {
        match (self.influence, self.interest) {
            (Level::High, Level::High) => Quadrant::ManageClosely,
            (Level::High, Level::Low) => Quadrant::KeepSatisfied,
            (Level::Low, Level::High) => Quadrant::KeepInformed,
            (Level::Low, Level::Low) => Quadrant::Monitor,
        }
    }
}

/// The four places of the power/interest grid, and how to treat each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High influence, high interest: involve them and consult them closely.
    ManageClosely,
    /// High influence, low interest: meet their needs without overloading them.
    KeepSatisfied,
    /// Low influence, high interest: keep them adequately informed.
    KeepInformed,
    /// Low influence, low interest: watch, with little communication.
    Monitor,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::ManageClosely,
        Quadrant::KeepSatisfied,
        Quadrant::KeepInformed,
        Quadrant::Monitor,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "Manage closely",
            Quadrant::KeepSatisfied => "Keep satisfied",
            Quadrant::KeepInformed => "Keep informed",
            Quadrant::Monitor => "Monitor",
        }
    }

    /// Which corner of the grid, in words.
    pub fn grid(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "high influence, high interest",
            Quadrant::KeepSatisfied => "high influence, low interest",
            Quadrant::KeepInformed => "low influence, high interest",
            Quadrant::Monitor => "low influence, low interest",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Level::High => "high",
            Level::Low => "low",
        })
    }
}

/// An entry of the decision log.
///
/// In the file, `kind` holds the decision's kinds: one word (`kind =
/// "goals"`) or a list of them (`kind = ["goals", "metrics"]`). Files written
/// before kinds were a list may hold several in one string, comma-separated
/// (`"goals, metrics"`): they read the same. A word that names no kind this
/// version knows is kept in [`Decision::other_kinds`] and written back after
/// the known ones, so nobody's record is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "DecisionRecord", into = "DecisionRecord")]
pub struct Decision {
    pub id: String,
    pub date: Date,
    /// The kinds of decision it is, each once, in the order written.
    pub kinds: Vec<DecisionKind>,
    /// Words of `kind` that name no kind this version knows, as written.
    pub other_kinds: Vec<String>,
    pub summary: String,
    pub decided_by: String,
    pub agreed_by: Vec<String>,
    pub rationale: Option<String>,
    pub refs: Vec<String>,
    /// What it authorises, change by change; empty for a decision written
    /// before decisions said so, or by hand without it.
    pub covers: Vec<Cover>,
    /// Signatures of its content by the people named on it; see
    /// [`crate::signing`]. Not part of what is signed.
    pub signatures: Vec<DecisionSignature>,
}

/// A signature of a decision's content by one of the people named on it:
/// an SSH signature (`ssh-keygen -Y sign`, namespace
/// `productfile-decision`) of the decision's canonical JSON.
///
/// ```toml
/// signatures = [{ by = "Ken Mori", signature = "U1NIU0lHAAAAAQ..." }]
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionSignature {
    /// Who signed: the decider or one of the agreers, as the decision names them.
    pub by: String,
    /// The SSH signature, as base64 on one line: the text between the
    /// `-----BEGIN SSH SIGNATURE-----` lines of `ssh-keygen -Y sign`.
    pub signature: String,
}

/// One change a decision authorises: an element added, removed or moved,
/// or one field of it changed, with its old and new values when known.
///
/// ```toml
/// covers = [
///   { section = "kpis", id = "K1", field = "target", old = 90.0, new = 95.0 },
///   { section = "items", id = "LC-4", change = "added" },
///   { section = "items", id = "LC-2", change = "moved" },
/// ]
/// ```
///
/// A field change without `old` and `new` covers whatever change is made to
/// that field (what `product decide --ref ID --field F` records). A value
/// that is absent (`none`) is left out, so `new` alone means it was unset
/// before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cover {
    /// The section of the file, as `product diff` names it: `items`,
    /// `objectives`, `key_results`, `kpis`, `roadmap`, `vision`, `people`,
    /// `rights`, `product`, `decisions`.
    pub section: String,
    /// The element's id (`RX-3`, `O1.KR2`, `K1`, a person's name); left out for a table such as `[vision]`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// `added`, `removed` or `moved`; left out (or `changed`) for a field change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<CoverChange>,
    /// The field changed, for a field change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The field's value before; left out when it had none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "plain_value"
    )]
    pub old: Option<serde_json::Value>,
    /// The field's value after; left out when it has none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "plain_value"
    )]
    pub new: Option<serde_json::Value>,
}

/// A recorded value as the model writes it: a date read from TOML reaches
/// serde as a one-entry table (`{ "$__toml_private_datetime" = "..." }`),
/// and is kept as the date's text, as the JSON the diff compares with has
/// it. Without this a covered date never equals itself once written to a
/// TOML file and read back.
fn plain_value<'de, D>(deserializer: D) -> Result<Option<serde_json::Value>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    fn plain(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::Object(map) => {
                if map.len() == 1
                    && let Some(Value::String(date)) = map.get(super::date::TOML_DATETIME_FIELD)
                {
                    return Value::String(date.clone());
                }
                Value::Object(map.into_iter().map(|(k, v)| (k, plain(v))).collect())
            }
            Value::Array(items) => Value::Array(items.into_iter().map(plain).collect()),
            other => other,
        }
    }
    Ok(Option::<serde_json::Value>::deserialize(deserializer)?.map(plain))
}

/// What a [`Cover`] says happened to its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CoverChange {
    Added,
    Removed,
    Moved,
    Changed,
}

impl Cover {
    pub const FIELDS: &[&str] = &["section", "id", "change", "field", "old", "new"];

    /// Whether values were recorded: without them, a field cover covers
    /// any change of its field.
    pub fn has_values(&self) -> bool {
        self.old.is_some() || self.new.is_some()
    }

    /// The cover in a line: `K1 target: 90 -> 95`, `RX-4 added`.
    pub fn summary(&self) -> String {
        let name = if self.id.is_empty() {
            self.section.as_str()
        } else {
            self.id.as_str()
        };
        let show = |v: &Option<serde_json::Value>| match v {
            None => "none".to_owned(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        match (self.change, &self.field) {
            (Some(CoverChange::Added), _) => format!("{name} added"),
            (Some(CoverChange::Removed), _) => format!("{name} removed"),
            (Some(CoverChange::Moved), _) => format!("{name} moved"),
            (_, Some(field)) if self.has_values() => {
                format!("{name} {field}: {} -> {}", show(&self.old), show(&self.new))
            }
            (_, Some(field)) => format!("{name} {field}: any change"),
            (_, None) => format!("{name}: nothing (a cover needs `field` or `change`)"),
        }
    }
}

impl Decision {
    pub const FIELDS: &[&str] = &[
        "id",
        "date",
        "kind",
        "summary",
        "decided_by",
        "agreed_by",
        "rationale",
        "refs",
        "covers",
        "signatures",
    ];

    /// Whether it is a decision of this kind (among others, maybe).
    pub fn is_of(&self, kind: DecisionKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// Its kinds as words, known ones first: `goals, metrics`.
    pub fn kind_names(&self) -> String {
        self.kinds
            .iter()
            .map(|k| k.name())
            .chain(self.other_kinds.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A decision as the file writes it: the model's kinds, known and not, in
/// the one key `kind`.
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Decision", description = "An entry of the decision log.")]
struct DecisionRecord {
    /// The decision's id, e.g. `D1`.
    #[schemars(extend("pattern" = SIMPLE_ID_PATTERN))]
    id: String,
    /// The day it was decided.
    date: Date,
    /// The kind of decision (`goals`, `scope`, ...), or a list of kinds when it is of several: `["goals", "metrics"]`.
    kind: KindWords,
    /// What was decided, in a line.
    summary: String,
    /// The person who decided.
    decided_by: String,
    /// The people who agreed to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    agreed_by: Vec<String>,
    /// Why it was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rationale: Option<String>,
    /// The ids it is about, e.g. `O1.KR1` or `RX-4`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    refs: Vec<String>,
    /// What it authorises, change by change: `{ section = "kpis", id = "K1", field = "target", old = 90.0, new = 95.0 }`, `{ section = "items", id = "RX-4", change = "added" }`. `product check --base` counts a decision only for the changes it covers; one without `covers` counts for changes of its kind to what its `refs` name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    covers: Vec<Cover>,
    /// Signatures of the decision's content (everything above but `id`, as canonical JSON) by the people named on it: `{ by = "Ken Mori", signature = "U1NIU0lH..." }`, the base64 of an SSH signature in namespace `productfile-decision`. `product decisions sign` adds one; `product decisions verify` checks them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    signatures: Vec<DecisionSignature>,
}

/// The words of `kind`: one string, or a list of them.
#[derive(Serialize, Deserialize)]
#[serde(untagged, expecting = "a decision kind, or a list of them")]
enum KindWords {
    One(String),
    Several(Vec<String>),
}

impl JsonSchema for KindWords {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DecisionKinds".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let kind = generator.subschema_for::<DecisionKind>();
        schemars::json_schema!({
            "anyOf": [
                kind,
                { "type": "array", "items": kind, "minItems": 1, "uniqueItems": true },
            ],
            "description": "One decision kind, or a list of them. A file written before kinds were lists may hold several in one string, comma-separated, and a word no kind has: `product` reads both and keeps the words, but an editor flags them.",
        })
    }
}

impl From<DecisionRecord> for Decision {
    fn from(r: DecisionRecord) -> Self {
        let words: Vec<String> = match r.kind {
            KindWords::One(text) => vec![text],
            KindWords::Several(list) => list,
        };
        let mut kinds: Vec<DecisionKind> = Vec::new();
        let mut other_kinds: Vec<String> = Vec::new();
        // `"goals, metrics"` is how kinds were written before they were a list.
        for word in words.iter().flat_map(|w| w.split(',')) {
            let word = word.trim();
            if word.is_empty() {
                continue;
            }
            match DecisionKind::from_name(word) {
                Some(k) if !kinds.contains(&k) => kinds.push(k),
                Some(_) => {}
                None if !other_kinds.iter().any(|o| o == word) => other_kinds.push(word.to_owned()),
                None => {}
            }
        }
        Decision {
            id: r.id,
            date: r.date,
            kinds,
            other_kinds,
            summary: r.summary,
            decided_by: r.decided_by,
            agreed_by: r.agreed_by,
            rationale: r.rationale,
            refs: r.refs,
            covers: r.covers,
            signatures: r.signatures,
        }
    }
}

impl From<Decision> for DecisionRecord {
    fn from(d: Decision) -> Self {
        let mut words: Vec<String> = d.kinds.iter().map(|k| k.name().to_owned()).collect();
        words.extend(d.other_kinds);
        // One kind reads best as a word; several, or none, as a list.
        let kind = if words.len() == 1 {
            KindWords::One(words.remove(0))
        } else {
            KindWords::Several(words)
        };
        DecisionRecord {
            id: d.id,
            date: d.date,
            kind,
            summary: d.summary,
            decided_by: d.decided_by,
            agreed_by: d.agreed_by,
            rationale: d.rationale,
            refs: d.refs,
            covers: d.covers,
            signatures: d.signatures,
        }
    }
}

impl JsonSchema for Decision {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        DecisionRecord::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DecisionRecord::json_schema(generator)
    }
}

choices!(Level { High => "high", Low => "low" });

#[cfg(test)]
mod tests {
    use super::*;

    fn read(kind: &str) -> Decision {
        let text = format!(
            "id = \"D1\"\ndate = 2026-11-20\nkind = {kind}\nsummary = \"s\"\ndecided_by = \"Priya\"\n"
        );
        toml::from_str(&text).unwrap()
    }

    fn written(d: &Decision) -> serde_json::Value {
        serde_json::to_value(d).unwrap()["kind"].clone()
    }

    #[test]
    fn one_kind_is_a_word_and_several_a_list() {
        let one = read("\"goals\"");
        assert_eq!(one.kinds, [DecisionKind::Goals]);
        assert_eq!(written(&one), "goals");
        let two = read("[\"goals\", \"metrics\"]");
        assert_eq!(two.kinds, [DecisionKind::Goals, DecisionKind::Metrics]);
        assert_eq!(written(&two), serde_json::json!(["goals", "metrics"]));
        assert_eq!(two.kind_names(), "goals, metrics");
        assert!(two.is_of(DecisionKind::Metrics) && !two.is_of(DecisionKind::Scope));
    }

    #[test]
    fn kinds_comma_joined_in_one_string_read_as_a_list() {
        let old = read("\"prioritisation, scope\"");
        assert_eq!(
            old.kinds,
            [DecisionKind::Prioritisation, DecisionKind::Scope]
        );
        assert!(old.other_kinds.is_empty());
        assert_eq!(
            written(&old),
            serde_json::json!(["prioritisation", "scope"])
        );
    }

    #[test]
    fn words_that_name_no_kind_are_kept_after_the_known_ones() {
        let d = read("\"budget, goals, goals\"");
        assert_eq!(d.kinds, [DecisionKind::Goals]);
        assert_eq!(d.other_kinds, ["budget"]);
        assert_eq!(written(&d), serde_json::json!(["goals", "budget"]));
        assert_eq!(read("\"budget\"").other_kinds, ["budget"]);
        assert_eq!(written(&read("\"budget\"")), "budget");
    }

    #[test]
    fn a_kind_that_is_neither_a_word_nor_a_list_is_refused() {
        let text =
            "id = \"D1\"\ndate = 2026-11-20\nkind = 5\nsummary = \"s\"\ndecided_by = \"P\"\n";
        let e = toml::from_str::<Decision>(text).unwrap_err();
        assert!(
            e.to_string().contains("a decision kind, or a list of them"),
            "{e}"
        );
    }
}
