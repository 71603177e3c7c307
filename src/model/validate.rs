//! The checks every product file must pass to be loaded at all: a supported
//! version, and ids that are well formed and unique. Softer rules (references,
//! backlog health) belong to `product check`, which reports rather than refuses.
//!
//! `[scoring]` (formulas that parse, a default method that exists) is
//! checked by [`crate::priority::validate_scoring`], which knows the
//! methods; a file is loaded only when it passes both. The model knows
//! nothing of scoring methods, so it does not depend on `priority`.

use std::collections::HashSet;

use super::path::KeyPath;
use super::{NumberField, Product, SUPPORTED_VERSION};

/// One reason a product cannot be loaded, with the value it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub path: KeyPath,
    pub message: String,
    /// Where in the value's text the problem is (a byte offset into a
    /// string, such as a formula), so it can be placed at its column.
    pub within: Option<usize>,
}

/// Every reason the product is not a valid version 1 file; empty when it is.
pub fn validate(product: &Product) -> Vec<Invalid> {
    let mut problems = Vec::new();
    let root = KeyPath::root();
    if product.version != SUPPORTED_VERSION {
        problems.push(Invalid {
            path: root.key("version"),
            message: format!(
                "unsupported version {}; this build reads version {SUPPORTED_VERSION}",
                product.version
            ),
            within: None,
        });
    }
    if !is_item_key(&product.product.key) {
        problems.push(Invalid {
            path: root.key("product").key("key"),
            message: format!(
                "`{}` is not a valid item key; expected 1 to 10 capital letters or digits, starting with a letter, e.g. \"RX\"",
                product.product.key
            ),
            within: None,
        });
    }
    if product.product.name.trim().is_empty() {
        problems.push(Invalid {
            path: root.key("product").key("name"),
            message: "the product name is empty".into(),
            within: None,
        });
    }

    // Items are most of a file: their paths are only built for a problem,
    // and their ids are checked against a set of borrowed names.
    let mut item_ids: HashSet<&str> = HashSet::with_capacity(product.items.len());
    for (i, item) in product.items.iter().enumerate() {
        let at = || root.key("items").index(i, Some(&item.id));
        if !is_item_id(&item.id) {
            problems.push(Invalid {
                path: at().key("id"),
                message: format!(
                    "`{}` is not a valid item id; expected KEY-N, e.g. \"{}-{}\"",
                    item.id,
                    product.product.key,
                    i + 1
                ),
                within: None,
            });
        }
        if !item_ids.insert(&item.id) {
            problems.push(Invalid {
                path: at().key("id"),
                message: format!("duplicate id `{}` in items; ids must be unique", item.id),
                within: None,
            });
        }
        for field in NumberField::ALL {
            if let Some(v) = item.number(field).filter(|v| !v.is_finite()) {
                problems.push(Invalid {
                    path: at().key(field.name()),
                    message: format!(
                        "{v} is not a usable number; expected a finite number such as 5 or 2.5"
                    ),
                    within: None,
                });
            }
        }
    }
    let mut ids = UniqueIds::new(&mut problems);
    for (i, o) in product.objectives.iter().enumerate() {
        let at = root.key("objectives").index(i, Some(&o.id));
        ids.check_name("objectives", &o.id, at.key("id"));
        for (j, kr) in o.key_results.iter().enumerate() {
            let kr_at = at.key("key_results").index(j, Some(&kr.id));
            ids.check_name(
                &format!("objectives[{}].key_results", o.id),
                &kr.id,
                kr_at.key("id"),
            );
            let numbers = [
                ("start", Some(kr.start)),
                ("target", Some(kr.target)),
                ("current", kr.current),
                ("weight", kr.weight),
            ];
            finite(&mut ids, &kr_at, &numbers, &kr.history);
        }
    }
    for (i, k) in product.kpis.iter().enumerate() {
        let at = root.key("kpis").index(i, Some(&k.id));
        ids.check_name("kpis", &k.id, at.key("id"));
        let numbers = [("target", k.target), ("threshold", k.threshold)];
        finite(&mut ids, &at, &numbers, &k.history);
    }
    for (i, r) in product.roadmap.iter().enumerate() {
        ids.check_name(
            "roadmap",
            &r.id,
            root.key("roadmap").index(i, Some(&r.id)).key("id"),
        );
    }
    service(product, &mut ids);
    for (i, a) in product.assessments.iter().enumerate() {
        let at = root.key("assessments").index(i, Some(&a.id));
        ids.check_name("assessments", &a.id, at.key("id"));
        for (j, r) in a.recommendations.iter().enumerate() {
            ids.check_name(
                &format!("assessments[{}].recommendations", a.id),
                &r.id,
                at.key("recommendations").index(j, Some(&r.id)).key("id"),
            );
        }
        let mut seen = HashSet::new();
        for (j, p) in a.points.iter().enumerate() {
            if !seen.insert(p.point) {
                ids.problem(
                    at.key("points").index(j, None).key("point"),
                    format!(
                        "point {} has two outcomes in assessment {}; keep one",
                        p.point, a.id
                    ),
                );
            }
        }
    }
    for (i, n) in product.needs.iter().enumerate() {
        let at = root.key("needs").index(i, Some(&n.id));
        ids.check_name("needs", &n.id, at.key("id"));
        if n.statement.trim().is_empty() {
            ids.problem(at.key("statement"), "the need's statement is empty".into());
        }
    }
    for (i, r) in product.requests.iter().enumerate() {
        ids.check_name(
            "requests",
            &r.id,
            root.key("requests").index(i, Some(&r.id)).key("id"),
        );
    }
    for (i, d) in product.decisions.iter().enumerate() {
        ids.check_name(
            "decisions",
            &d.id,
            root.key("decisions").index(i, Some(&d.id)).key("id"),
        );
    }
    for (i, p) in product.people.iter().enumerate() {
        let at = root.key("people").index(i, None).key("name");
        if p.name.trim().is_empty() {
            ids.problem(at, "a person's name is empty".into());
        } else {
            ids.check("people", &p.name, at);
        }
    }
    // The `[check]` settings that are fractions: each above 0 and at most
    // its bound, with an example in the message.
    for (key, value, most, what, example) in [
        (
            "must_have_share",
            product.check.must_have_share,
            1.0,
            "a share",
            "0.6 for 60%",
        ),
        (
            "hard_date_confidence",
            product.check.hard_date_confidence,
            1.0,
            "a chance",
            "0.85 for 85%",
        ),
        (
            "pace_change",
            product.check.pace_change,
            10.0,
            "a change in pace",
            "0.3 for 30%",
        ),
    ] {
        if let Some(v) = value
            && !(v > 0.0 && v <= most)
        {
            problems.push(Invalid {
                path: root.key("check").key(key),
                message: format!(
                    "{v} is not {what}; expected a number above 0 and at most {most}, such as {example}"
                ),
                within: None,
            });
        }
    }
    problems
}

/// `[service]`: a custom standard's points, numbered once each and
/// titled, and where each point's evidence is looked for, in words the
/// readiness review knows. Like `[scoring]`, this is how the file is read,
/// so a mistake stops it loading rather than being read some other way.
fn service(product: &Product, ids: &mut UniqueIds<'_>) {
    use super::{Source, Standard};
    let Some(service) = &product.service else {
        return;
    };
    let at = KeyPath::root().key("service");
    if service.standard != Standard::Custom && !service.points.is_empty() {
        ids.problem(
            at.key("points"),
            format!(
                "points are listed, and the standard is `{}`, which has its own",
                service.standard
            ),
        );
    }
    if service.standard == Standard::Custom && service.points.is_empty() {
        ids.problem(
            at.key("standard"),
            "the standard is `custom`, and no points are listed; add [[service.points]] with a number and a title"
                .into(),
        );
    }
    let mut numbers = HashSet::new();
    for (i, p) in service.points.iter().enumerate() {
        let point = at.key("points").index(i, None);
        if p.number == 0 || !numbers.insert(p.number) {
            ids.problem(
                point.key("number"),
                format!(
                    "point number {} is 0 or used twice; number the points 1, 2, 3, ...",
                    p.number
                ),
            );
        }
        if p.title.trim().is_empty() {
            ids.problem(point.key("title"), "the point's title is empty".into());
        }
        for word in &p.evidence {
            if Source::parse(word).is_none() {
                ids.problem(point.key("evidence"), unknown_source(word));
            }
        }
    }
    let points = product.point_numbers();
    for (key, words) in &service.evidence {
        let known = key
            .parse::<u32>()
            .is_ok_and(|n| n.to_string() == *key && points.contains(&n));
        if !known {
            let listed: Vec<String> = points.iter().map(u32::to_string).collect();
            ids.problem(
                at.key("evidence").key(key),
                format!(
                    "`{key}` is not a point of the {}; write one of its point numbers: {}",
                    super::standard_name(service.standard),
                    listed.join(", ")
                ),
            );
        }
        for word in words {
            if Source::parse(word).is_none() {
                ids.problem(at.key("evidence").key(key), unknown_source(word));
            }
        }
    }
}

fn unknown_source(word: &str) -> String {
    format!(
        "`{word}` is not a source of evidence; use {}",
        super::Source::NAMES.join(", ")
    )
}

/// Reports numbers that are NaN or infinite (TOML can spell `nan` and `inf`):
/// no score, grade or status can be computed from them.
fn finite(
    ids: &mut UniqueIds<'_>,
    at: &KeyPath,
    numbers: &[(&str, Option<f64>)],
    history: &[super::Reading],
) {
    let readings = history
        .iter()
        .enumerate()
        .map(|(i, r)| (at.key("history").index(i, None).key("value"), r.value));
    let fields = numbers
        .iter()
        .filter_map(|(k, v)| v.map(|v| (at.key(k), v)));
    for (path, v) in fields.chain(readings) {
        if !v.is_finite() {
            ids.problem(
                path,
                format!("{v} is not a usable number; expected a finite number"),
            );
        }
    }
}

/// Collects ids per collection and reports the second use of any of them.
struct UniqueIds<'a> {
    seen: HashSet<(String, String)>,
    problems: &'a mut Vec<Invalid>,
}

impl<'a> UniqueIds<'a> {
    fn new(problems: &'a mut Vec<Invalid>) -> Self {
        UniqueIds {
            seen: HashSet::new(),
            problems,
        }
    }

    fn problem(&mut self, path: KeyPath, message: String) {
        self.problems.push(Invalid {
            path,
            message,
            within: None,
        });
    }

    fn check(&mut self, collection: &str, id: &str, path: KeyPath) {
        if !self.seen.insert((collection.to_owned(), id.to_owned())) {
            self.problem(
                path,
                format!("duplicate id `{id}` in {collection}; ids must be unique"),
            );
        }
    }

    /// Like `check`, and the id must also be a simple name: it is used in references like `O1.KR1`.
    fn check_name(&mut self, collection: &str, id: &str, path: KeyPath) {
        if !is_simple_id(id) {
            self.problem(path.clone(), format!(
                "`{id}` is not a valid id in {collection}; expected letters, digits or `_`, starting with a letter, e.g. \"O1\""
            ));
        }
        self.check(collection, id, path);
    }
}

/// [`is_item_key`] as a regular expression, for the JSON Schema.
pub const ITEM_KEY_PATTERN: &str = "^[A-Z][A-Z0-9]{0,9}$";

/// [`is_item_id`] as a regular expression, for the JSON Schema.
pub const ITEM_ID_PATTERN: &str = "^[A-Z][A-Z0-9]{0,9}-[1-9][0-9]{0,17}$";

/// [`is_simple_id`] as a regular expression, for the JSON Schema.
pub const SIMPLE_ID_PATTERN: &str = "^[A-Za-z][A-Za-z0-9_]*$";

/// `RX`, `DM2`: what goes before the dash of an item id.
pub fn is_item_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && key.len() <= 10
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// `RX-12`: a key, a dash, and a number from 1 without leading zeros.
pub fn is_item_id(id: &str) -> bool {
    match id.rsplit_once('-') {
        Some((key, n)) => {
            is_item_key(key)
                && !n.is_empty()
                && !n.starts_with('0')
                && n.bytes().all(|b| b.is_ascii_digit())
                && n.len() <= 18
        }
        None => false,
    }
}

pub fn is_simple_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Item, Kind};

    fn product() -> Product {
        Product::new("Payments".into(), "RX".into())
    }

    #[test]
    fn item_ids_are_key_dash_number() {
        assert!(is_item_id("RX-1"));
        assert!(is_item_id("DM2-40"));
        for bad in ["RX1", "rx-1", "RX-0", "RX-01", "RX-", "-1", "RX-1a"] {
            assert!(!is_item_id(bad), "{bad}");
        }
    }

    #[test]
    fn reports_duplicate_ids_at_the_second_use() {
        let mut p = product();
        let today = Date::from_ymd(2026, 11, 1).unwrap();
        p.items
            .push(Item::new("RX-1".into(), "a".into(), Kind::Feature, today));
        p.items
            .push(Item::new("RX-1".into(), "b".into(), Kind::Feature, today));
        let problems = validate(&p);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path.to_string(), "items[RX-1].id");
        assert!(problems[0].message.contains("duplicate id `RX-1`"));
        assert_eq!(
            problems[0].path.0[1],
            crate::model::Segment::Index(1, Some("RX-1".into()))
        );
    }

    #[test]
    fn refuses_other_versions_and_bad_keys() {
        let mut p = product();
        p.version = 2;
        p.product.key = "rx".into();
        let paths: Vec<String> = validate(&p).iter().map(|i| i.path.to_string()).collect();
        assert_eq!(paths, ["version", "product.key"]);
    }
}
