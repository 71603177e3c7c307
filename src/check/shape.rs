//! The keys of a product file as written, whatever its format, and the
//! rule that every one of them is a key the format knows. Unknown keys are
//! kept on every write, so nobody's data is lost; this is where a typo
//! (`sise = 3`) is caught.

use crate::model::ids::LastIds;
use crate::model::suggest::closest;
use crate::model::{
    Assessment, CheckSettings, Cover, CustomPoint, Decision, Evidence, Experiment, Item, KeyPath,
    KeyResult, Kpi, Need, Objective, Person, PointOutcome, Product, ProductInfo, Reading,
    Recommendation, Request, Rights, RoadmapEntry, Rule, SCHEMA_KEY, Scoring, Segment, Service,
    Stakeholder, Vision,
};
pub use crate::store::Shape;

use super::rules::{RULES, UNKNOWN_KEY};
use super::{Finding, listed};

/// The keys a table may have, by where it is in the file.
enum Known {
    Fields(&'static [&'static str]),
    /// Keys of the user's choosing: formula names.
    Any,
    /// `[check.rules]`: rule ids.
    RuleIds,
}

/// What may be in the table reached by these keys from the top of the file
/// (array positions left out); `None` where there are no tables to check.
fn known(names: &[&str]) -> Option<Known> {
    use Known::*;
    Some(match names {
        [] => Fields(Product::FIELDS),
        ["product"] => Fields(ProductInfo::FIELDS),
        ["product", "last_ids"] => Fields(LastIds::FIELDS),
        // Objective ids: a dangling one is harmless and left to the references rule.
        ["product", "last_ids", "key_results"] => Any,
        ["vision"] => Fields(Vision::FIELDS),
        ["people"] => Fields(Person::FIELDS),
        ["rights"] => Fields(Rights::FIELDS),
        ["rights", _] => Fields(Rule::FIELDS),
        ["scoring"] => Fields(Scoring::FIELDS),
        ["scoring", "formulas"] => Any,
        ["objectives"] => Fields(Objective::FIELDS),
        ["objectives", "key_results"] => Fields(KeyResult::FIELDS),
        ["objectives", "key_results", "history"] | ["kpis", "history"] => Fields(Reading::FIELDS),
        ["kpis"] => Fields(Kpi::FIELDS),
        ["roadmap"] => Fields(RoadmapEntry::FIELDS),
        ["items"] => Fields(Item::FIELDS),
        ["service"] => Fields(Service::FIELDS),
        ["service", "points"] => Fields(CustomPoint::FIELDS),
        // Point numbers: one that is not a point of the standard is
        // named by `product check` as a reference to nothing.
        ["service", "evidence"] => Any,
        ["assessments"] => Fields(Assessment::FIELDS),
        ["assessments", "points"] => Fields(PointOutcome::FIELDS),
        ["assessments", "recommendations"] => Fields(Recommendation::FIELDS),
        ["needs"] => Fields(Need::FIELDS),
        ["needs", "evidence"] => Fields(Evidence::FIELDS),
        ["requests"] => Fields(Request::FIELDS),
        ["items", "experiment"] => Fields(Experiment::FIELDS),
        ["stakeholders"] => Fields(Stakeholder::FIELDS),
        ["decisions"] => Fields(Decision::FIELDS),
        ["decisions", "covers"] => Fields(Cover::FIELDS),
        ["check"] => Fields(CheckSettings::FIELDS),
        ["check", "rules"] => RuleIds,
        _ => return None,
    })
}

/// Reports every key the format does not know, with the likely one meant.
pub fn unknown_keys(shape: &Shape, findings: &mut Vec<Finding>) {
    walk(shape, &mut Vec::new(), &KeyPath::root(), findings);
}

fn walk<'a>(shape: &'a Shape, names: &mut Vec<&'a str>, at: &KeyPath, findings: &mut Vec<Finding>) {
    match shape {
        Shape::Array(elements) => {
            for (i, element) in elements.iter().enumerate() {
                let id = match element {
                    Shape::Table { id, .. } => id.as_deref(),
                    _ => None,
                };
                walk(element, names, &at.index(i, id), findings);
            }
        }
        Shape::Table { keys, .. } => {
            let Some(known) = known(names) else { return };
            for (key, value) in keys {
                // `x-` keys are the file's own extensions, and `$schema` at the
                // top names the file's JSON Schema for editors: kept, never reported.
                if key.starts_with("x-") || (names.is_empty() && key == SCHEMA_KEY) {
                    continue;
                }
                let path = at.key(key);
                match &known {
                    Known::Fields(fields) if !fields.contains(&key.as_str()) => {
                        findings.push(unknown_field(key, fields, at, path));
                        continue;
                    }
                    Known::RuleIds if !RULES.iter().any(|r| r.id == key) => {
                        findings.push(unknown_rule(key, path));
                        continue;
                    }
                    _ => {}
                }
                names.push(key);
                walk(value, names, &path, findings);
                names.pop();
            }
        }
        Shape::Leaf => {}
    }
}

fn unknown_field(key: &str, fields: &[&str], table: &KeyPath, path: KeyPath) -> Finding {
    let place = match table.0.as_slice() {
        [] => "at the top of the file".to_owned(),
        [Segment::Key(k)] => format!("in [{k}]"),
        _ => format!("in {table}"),
    };
    let message = format!("unknown key `{key}` {place}");
    let finding = Finding::new(UNKNOWN_KEY, path, message);
    match closest(key, fields.iter().copied()) {
        Some(meant) => finding.hint(format!(
            "did you mean `{meant}`? The value is kept, but nothing reads `{key}`"
        )),
        None => finding.hint(format!(
            "known keys here: {}; the value is kept, but nothing reads it",
            listed(fields)
        )),
    }
}

fn unknown_rule(key: &str, path: KeyPath) -> Finding {
    let finding = Finding::new(
        UNKNOWN_KEY,
        path,
        format!("unknown rule `{key}` in [check.rules]"),
    );
    match closest(key, RULES.iter().map(|r| r.id)) {
        Some(meant) => finding.hint(format!("did you mean `{meant}`?")),
        None => finding.hint("`product check --list-rules` lists the rules"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(keys: Vec<(&str, Shape)>) -> Shape {
        Shape::Table {
            id: None,
            keys: keys.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }

    #[test]
    fn a_schema_key_is_known_at_the_top_only() {
        let file = table(vec![
            ("$schema", Shape::Leaf),
            ("version", Shape::Leaf),
            ("product", table(vec![("$schema", Shape::Leaf)])),
        ]);
        let mut findings = Vec::new();
        unknown_keys(&file, &mut findings);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].path.to_string(), "product.$schema");
    }

    #[test]
    fn names_the_unknown_key_with_its_path_and_the_likely_one() {
        let item = Shape::Table {
            id: Some("RX-4".into()),
            keys: vec![("id".into(), Shape::Leaf), ("sise".into(), Shape::Leaf)],
        };
        let file = table(vec![
            ("version", Shape::Leaf),
            ("items", Shape::Array(vec![item])),
            (
                "scoring",
                table(vec![("formulas", table(vec![("roi", Shape::Leaf)]))]),
            ),
            (
                "check",
                table(vec![(
                    "rules",
                    table(vec![("ready-need-size", Shape::Leaf)]),
                )]),
            ),
        ]);
        let mut findings = Vec::new();
        unknown_keys(&file, &mut findings);
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert_eq!(findings[0].path.to_string(), "items[RX-4].sise");
        assert_eq!(findings[0].message, "unknown key `sise` in items[RX-4]");
        assert!(
            findings[0]
                .hint
                .as_ref()
                .unwrap()
                .starts_with("did you mean `size`?")
        );
        assert_eq!(
            findings[1].message,
            "unknown rule `ready-need-size` in [check.rules]"
        );
        assert_eq!(
            findings[1].hint.as_deref(),
            Some("did you mean `ready-needs-size`?")
        );
    }
}
