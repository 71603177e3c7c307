//! The semantic difference of two products: what was added, removed,
//! moved or changed, entity by entity and field by field, each change with
//! the kind of decision it carries (see [`crate::rights`]).
//!
//! Elements are matched by id (people and stakeholders by name), never by
//! position, so a reordered file shows moves, not changes; and a moved item
//! is one move, not one for every item it pushed along.

mod moves;

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::DecisionKind;
use crate::model::{Item, Product};

pub use moves::moves;

/// One change between two products.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The section: `items`, `objectives`, `key_results`, `kpis`, `roadmap`,
    /// `vision`, `people`, `rights`, `product`, `stakeholders`,
    /// `decisions`, `scoring`, `check`, or another top-level key.
    pub section: String,
    /// The element's id (`RX-3`, `O1.KR2`, a person's name); empty for a table.
    pub id: String,
    #[serde(flatten)]
    pub what: What,
    /// The decision it carries; none for what is not a decision (a check-in, a reading).
    pub kind: Option<DecisionKind>,
}

/// What happened to the element.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum What {
    Added,
    Removed,
    /// An open item's place among open items, 1-based.
    Moved {
        from: usize,
        to: usize,
    },
    Changed {
        field: String,
        old: Value,
        new: Value,
    },
}

impl Change {
    /// The change in a line: `items[RX-3].size: 5 -> 8`, `RX-9 added`.
    pub fn summary(&self) -> String {
        let name = if self.id.is_empty() {
            self.section.clone()
        } else {
            self.id.clone()
        };
        match &self.what {
            What::Added => format!("{name} added"),
            What::Removed => format!("{name} removed"),
            What::Moved { from, to } => format!("{name} moved from #{from} to #{to}"),
            What::Changed { field, old, new } if field == "signing_keys" => {
                format!("{name} signing keys: {}", key_changes(old, new))
            }
            // A need's evidence is a list of records: said by its count,
            // as the whole list would grow the log with every entry.
            What::Changed { field, old, new } if field == "evidence" => {
                let count = |v: &Value| v.as_array().map_or(0, Vec::len);
                format!("{name} evidence: {} -> {} pieces", count(old), count(new))
            }
            // A panel's outcomes and recommendations: what changed, point
            // by point, rather than both lists whole.
            What::Changed { field, old, new }
                if self.section == "assessments" && field == "points" =>
            {
                format!("{name} {}", assessment_points(old, new))
            }
            What::Changed { field, old, new }
                if self.section == "assessments" && field == "recommendations" =>
            {
                format!(
                    "{name} recommendations {}",
                    recommendation_changes(&self.id, old, new)
                )
            }
            What::Changed { field, old, new } => {
                format!("{name} {field}: {} -> {}", short(old), short(new))
            }
        }
    }
}

/// The points whose outcome changed: `point 5: not met (No testing), point 6: met`.
fn assessment_points(old: &Value, new: &Value) -> String {
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let (old, new) = (list(old), list(new));
    let mut parts = Vec::new();
    for p in &new {
        let number = &p["point"];
        if old.iter().any(|o| o == p) {
            continue;
        }
        let result = match p["result"].as_str() {
            Some("met") => "met",
            Some("not_met") => "not met",
            _ => "not assessed",
        };
        match p["note"].as_str() {
            Some(note) => parts.push(format!("point {number}: {result} ({note})")),
            None => parts.push(format!("point {number}: {result}")),
        }
    }
    for o in &old {
        if !new.iter().any(|p| p["point"] == o["point"]) {
            parts.push(format!("point {}: outcome removed", o["point"]));
        }
    }
    parts.join(", ")
}

/// Recommendations added, removed or reworded, by their full reference:
/// `added A1.R1, A1.R2` (a bare `R1` would read as a roadmap entry, and be
/// renamed as one when a merge renumbers the roadmap).
fn recommendation_changes(assessment: &str, old: &Value, new: &Value) -> String {
    let ids = |v: &Value| -> Vec<(String, Value)> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|r| {
                        let id = r["id"].as_str().unwrap_or("?");
                        (format!("{assessment}.{id}"), r.clone())
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (old, new) = (ids(old), ids(new));
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for (id, r) in &new {
        match old.iter().find(|(o, _)| o == id) {
            None => added.push(id.as_str()),
            Some((_, before)) if before != r => changed.push(id.as_str()),
            Some(_) => {}
        }
    }
    let removed: Vec<&str> = old
        .iter()
        .filter(|(o, _)| !new.iter().any(|(n, _)| n == o))
        .map(|(o, _)| o.as_str())
        .collect();
    let mut parts = Vec::new();
    for (word, list) in [("added", added), ("changed", changed), ("removed", removed)] {
        if !list.is_empty() {
            parts.push(format!("{word} {}", list.join(", ")));
        }
    }
    parts.join("; ")
}

impl Change {
    /// Whether the change declines a request: moves it to `declined`, or
    /// records one already declined (`after` is the product it leads to).
    /// A decline is always logged, and judged so by `check --base`.
    pub fn declines_a_request(&self, after: &Product) -> bool {
        if self.section != "requests" {
            return false;
        }
        match &self.what {
            What::Changed { field, new, .. } => field == "status" && new == "declined",
            What::Added => after
                .requests
                .iter()
                .any(|r| r.id == self.id && r.status == crate::model::RequestStatus::Declined),
            _ => false,
        }
    }

    /// The change in a line that names what it is about by its title (an
    /// item's, an objective's, a key result's, a roadmap entry's) or name
    /// (a KPI's): `O1 added: Grow renewals`, `RX-9 removed: Offline mode`,
    /// `RX-3 (Pay by card) size: 5 -> 8`; a person added or removed by
    /// their roles (`Sam Lee added: team`). What has none (the vision,
    /// `[rights]`) reads as [`Change::summary`]. For a decision's summary:
    /// the log is read by people, who know titles, not ids.
    pub fn titled_summary(&self, before: &Product, after: &Product) -> String {
        let title = |p: &Product| -> Option<String> {
            let v = element(p, &self.section, &self.id)?;
            match self.section.as_str() {
                "kpis" => v["name"].as_str().map(str::to_owned),
                "needs" => v["statement"].as_str().map(str::to_owned),
                "requests" => v["text"].as_str().map(str::to_owned),
                "assessments" => Some(format!(
                    "{} assessment on {}",
                    v["phase"].as_str().unwrap_or("?"),
                    v["date"].as_str().unwrap_or("?")
                )),
                // A person's name is their id: what they hold says more.
                "people" => v["roles"].as_array().map(|roles| {
                    let roles: Vec<&str> = roles.iter().filter_map(Value::as_str).collect();
                    roles.join(", ")
                }),
                _ => v["title"].as_str().map(str::to_owned),
            }
            .filter(|t| !t.is_empty())
        };
        match &self.what {
            What::Added => title(after).map(|t| format!("{} added: {t}", self.id)),
            What::Removed => title(before).map(|t| format!("{} removed: {t}", self.id)),
            What::Changed { field, .. } if field == "title" || field == "name" => None,
            _ if self.section == "people" => None,
            What::Moved { .. } | What::Changed { .. } => title(after).map(|t| {
                let plain = self.summary();
                let rest = plain.strip_prefix(self.id.as_str()).unwrap_or(&plain);
                format!("{} ({t}){rest}", self.id)
            }),
        }
        .unwrap_or_else(|| self.summary())
    }
}

/// Signing keys added and removed, each by fingerprint and comment: a whole
/// key line is a wall of base64 nobody reviews by eye.
fn key_changes(old: &Value, new: &Value) -> String {
    let lines = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let (old, new) = (lines(old), lines(new));
    let mut parts = Vec::new();
    for (sign, from, other) in [("+", &new, &old), ("-", &old, &new)] {
        for line in from {
            if !other.iter().any(|o| crate::signing::same_key(o, line)) {
                parts.push(format!("{sign} {}", key_label(line)));
            }
        }
    }
    if parts.is_empty() {
        "comments changed".into()
    } else {
        parts.join(", ")
    }
}

/// `SHA256:… (comment)`, or the line itself when it is not a key.
fn key_label(line: &str) -> String {
    match crate::signing::public_key(line) {
        Ok(key) if key.comment().is_empty() => crate::signing::fingerprint(&key),
        Ok(key) => format!("{} ({})", crate::signing::fingerprint(&key), key.comment()),
        Err(_) => line.to_owned(),
    }
}

/// A value for a summary: strings without quotes, absent as `none`.
fn short(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Every change from `old` to `new`.
pub fn diff(old: &Product, new: &Product) -> Vec<Change> {
    // Every section is compared below. Taking `Product` apart without `..`
    // makes a new section a compile error here until it is compared too.
    // (`version` cannot differ: a file of another version does not load.)
    let Product {
        version: _,
        product: _,
        vision: _,
        people: _,
        rights: _,
        scoring: _,
        objectives: _,
        kpis: _,
        roadmap: _,
        service: _,
        assessments: _,
        needs: _,
        items: _,
        requests: _,
        stakeholders: _,
        decisions: _,
        check: _,
    } = new;
    let mut out = Vec::new();
    let json = |v: &dyn erased::Ser| v.to_value();
    if old.product != new.product {
        fields(
            &mut out,
            "product",
            "",
            &json(&old.product),
            &json(&new.product),
        );
    }
    if old.vision != new.vision {
        fields(
            &mut out,
            "vision",
            "",
            &json(&old.vision),
            &json(&new.vision),
        );
    }
    if old.rights != new.rights {
        fields(
            &mut out,
            "rights",
            "",
            &json(&old.rights),
            &json(&new.rights),
        );
    }
    if old.scoring != new.scoring {
        fields(
            &mut out,
            "scoring",
            "",
            &json(&old.scoring),
            &json(&new.scoring),
        );
    }
    // Check settings say how strict `product check` is: a change worth
    // seeing in a review, but no decision of the product's.
    if old.check != new.check {
        fields(&mut out, "check", "", &json(&old.check), &json(&new.check));
    }
    if old.people != new.people {
        keyed(&mut out, "people", &old.people, &new.people, |p| {
            p.name.clone()
        });
    }
    if old.objectives != new.objectives {
        keyed(
            &mut out,
            "objectives",
            &old.objectives,
            &new.objectives,
            |o| o.id.clone(),
        );
        let (old_krs, new_krs) = (key_results(old), key_results(new));
        keyed_pairs(&mut out, "key_results", &old_krs, &new_krs);
    }
    if old.kpis != new.kpis {
        keyed(&mut out, "kpis", &old.kpis, &new.kpis, |k| k.id.clone());
    }
    if old.roadmap != new.roadmap {
        keyed(&mut out, "roadmap", &old.roadmap, &new.roadmap, |r| {
            r.id.clone()
        });
    }
    if old.service != new.service {
        fields(
            &mut out,
            "service",
            "",
            &json(&old.service),
            &json(&new.service),
        );
    }
    if old.assessments != new.assessments {
        keyed(
            &mut out,
            "assessments",
            &old.assessments,
            &new.assessments,
            |a| a.id.clone(),
        );
    }
    if old.needs != new.needs {
        keyed(&mut out, "needs", &old.needs, &new.needs, |n| n.id.clone());
    }
    if old.items != new.items {
        items(&mut out, &old.items, &new.items);
    }
    if old.requests != new.requests {
        keyed(&mut out, "requests", &old.requests, &new.requests, |r| {
            r.id.clone()
        });
    }
    if old.stakeholders != new.stakeholders {
        keyed(
            &mut out,
            "stakeholders",
            &old.stakeholders,
            &new.stakeholders,
            |s| s.name.clone(),
        );
    }
    if old.decisions != new.decisions {
        keyed(&mut out, "decisions", &old.decisions, &new.decisions, |d| {
            d.id.clone()
        });
    }
    out
}

/// Every key result with its reference, `O1.KR1`.
fn key_results(p: &Product) -> Vec<(String, &crate::model::KeyResult)> {
    p.objectives
        .iter()
        .flat_map(|o| o.key_results.iter().map(move |kr| (o.kr_ref(kr), kr)))
        .collect()
}

/// The decision kinds a set of changes carries, each once, in order.
pub fn kinds(changes: &[Change]) -> Vec<DecisionKind> {
    let mut kinds: Vec<DecisionKind> = changes.iter().filter_map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

mod erased {
    use serde::Serialize;
    use serde_json::Value;

    /// Anything serializable, as JSON: how fields are compared one by one.
    pub trait Ser {
        fn to_value(&self) -> Value;
    }

    impl<T: Serialize> Ser for T {
        fn to_value(&self) -> Value {
            serde_json::to_value(self).unwrap_or(Value::Null)
        }
    }
}

use erased::Ser;

/// Field by field changes of one element (or table).
fn fields(out: &mut Vec<Change>, section: &str, id: &str, old: &Value, new: &Value) {
    let empty = Map::new();
    let (old, new) = (
        old.as_object().unwrap_or(&empty),
        new.as_object().unwrap_or(&empty),
    );
    let mut keys: Vec<&String> = old.keys().collect();
    keys.extend(new.keys().filter(|k| !old.contains_key(*k)));
    for key in keys {
        // Key results are elements of their own, compared apart.
        if section == "objectives" && key == "key_results" {
            continue;
        }
        let (o, n) = (
            old.get(key).cloned().unwrap_or(Value::Null),
            new.get(key).cloned().unwrap_or(Value::Null),
        );
        if o != n {
            let what = What::Changed {
                field: key.clone(),
                old: o,
                new: n,
            };
            let kind = kind_of(section, &what);
            out.push(Change {
                section: section.into(),
                id: id.into(),
                what,
                kind,
            });
        }
    }
}

/// The roles a change of `[[people]]` gives or takes: those of a person
/// added or removed, or the ones a change of someone's roles adds or drops.
/// `None` for any other change (a signing key, another section).
pub fn roles_moved(change: &Change, base: &Product, head: &Product) -> Option<Vec<String>> {
    if change.section != "people" {
        return None;
    }
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|r| r.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let held = |product: &Product| {
        element(product, "people", &change.id).map_or_else(Vec::new, |p| strings(&p["roles"]))
    };
    match &change.what {
        What::Added => Some(held(head)),
        What::Removed => Some(held(base)),
        What::Changed { field, old, new } if field == "roles" => {
            let (old, new) = (strings(old), strings(new));
            let mut moved: Vec<String> = old.iter().filter(|r| !new.contains(r)).cloned().collect();
            moved.extend(new.iter().filter(|r| !old.contains(r)).cloned());
            Some(moved)
        }
        _ => None,
    }
}

/// The element `id` of `section` in `product` as a value, as the diff sees
/// it (an objective without its key results, which are elements of their
/// own); `None` when there is none.
pub fn element(product: &Product, section: &str, id: &str) -> Option<Value> {
    fn find<T: Serialize>(list: &[T], key: impl Fn(&T) -> &str, id: &str) -> Option<Value> {
        list.iter().find(|e| key(e) == id).map(|e| e.to_value())
    }
    let mut value = match section {
        "items" => find(&product.items, |i| &i.id, id),
        "objectives" => find(&product.objectives, |o| &o.id, id),
        "key_results" => key_results(product)
            .into_iter()
            .find(|(r, _)| r == id)
            .map(|(_, kr)| kr.to_value()),
        "kpis" => find(&product.kpis, |k| &k.id, id),
        "roadmap" => find(&product.roadmap, |r| &r.id, id),
        "needs" => find(&product.needs, |n| &n.id, id),
        "requests" => find(&product.requests, |r| &r.id, id),
        "assessments" => find(&product.assessments, |a| &a.id, id),
        "people" => find(&product.people, |p| &p.name, id),
        "stakeholders" => find(&product.stakeholders, |s| &s.name, id),
        "decisions" => find(&product.decisions, |d| &d.id, id),
        _ => None,
    }?;
    if section == "objectives"
        && let Some(map) = value.as_object_mut()
    {
        map.remove("key_results");
    }
    Some(value)
}

/// The field-by-field changes from `old` to `new`, two values of one
/// element, each with the decision kind it carries.
pub fn field_changes(section: &str, id: &str, old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    fields(&mut out, section, id, old, new);
    out
}

/// Elements matched by a key: added, removed, and changed field by field.
fn keyed<T: Serialize + PartialEq>(
    out: &mut Vec<Change>,
    section: &str,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
) {
    let old: Vec<(String, &T)> = old.iter().map(|e| (key(e), e)).collect();
    let new: Vec<(String, &T)> = new.iter().map(|e| (key(e), e)).collect();
    keyed_pairs(out, section, &old, &new);
}

fn keyed_pairs<T: Serialize + PartialEq>(
    out: &mut Vec<Change>,
    section: &str,
    old: &[(String, &T)],
    new: &[(String, &T)],
) {
    let old_by: HashMap<&str, &T> = old.iter().map(|(k, e)| (k.as_str(), *e)).collect();
    let new_by: HashMap<&str, &T> = new.iter().map(|(k, e)| (k.as_str(), *e)).collect();
    for (k, e) in old {
        if !new_by.contains_key(k.as_str()) {
            push_whole(out, section, k, What::Removed, *e);
        }
    }
    for (k, e) in new {
        match old_by.get(k.as_str()) {
            None => push_whole(out, section, k, What::Added, *e),
            Some(before) if *before != *e => {
                fields(out, section, k, &before.to_value(), &e.to_value());
            }
            Some(_) => {}
        }
    }
}

fn push_whole<T: Serialize>(out: &mut Vec<Change>, section: &str, id: &str, what: What, e: &T) {
    let mut kind = kind_of(section, &what);
    // A person added or removed changes rights only through the roles they hold.
    if section == "people" && e.to_value()["roles"].as_array().is_none_or(Vec::is_empty) {
        kind = None;
    }
    // A request recorded already triaged is its triage, decided as one.
    if section == "requests" && what == What::Added {
        kind = request_status_kind("open", e.to_value()["status"].as_str().unwrap_or("open"));
    }
    out.push(Change {
        section: section.into(),
        id: id.into(),
        what,
        kind,
    });
}

/// Items: added, removed, changed field by field, and the fewest moves.
fn items(out: &mut Vec<Change>, old: &[Item], new: &[Item]) {
    let old_by: HashMap<&str, &Item> = old.iter().map(|i| (i.id.as_str(), i)).collect();
    let new_by: HashMap<&str, &Item> = new.iter().map(|i| (i.id.as_str(), i)).collect();
    for i in old.iter().filter(|i| !new_by.contains_key(i.id.as_str())) {
        push_whole(out, "items", &i.id, What::Removed, i);
    }
    for i in new {
        match old_by.get(i.id.as_str()) {
            None => push_whole(out, "items", &i.id, What::Added, i),
            Some(before) if *before != i => {
                fields(out, "items", &i.id, &before.to_value(), &i.to_value());
            }
            Some(_) => {}
        }
    }
    let open = |items: &[Item]| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.is_open())
            .map(|i| i.id.clone())
            .collect()
    };
    let (old_open, new_open) = (open(old), open(new));
    let old_ids: Vec<&str> = old_open.iter().map(String::as_str).collect();
    let new_ids: Vec<&str> = new_open.iter().map(String::as_str).collect();
    for (id, from, to) in moves(&old_ids, &new_ids) {
        out.push(Change {
            section: "items".into(),
            id,
            what: What::Moved { from, to },
            kind: Some(DecisionKind::Prioritisation),
        });
    }
}

/// The decision a change carries, from the table in DESIGN.md.
fn kind_of(section: &str, what: &What) -> Option<DecisionKind> {
    use DecisionKind::*;
    let field = match what {
        What::Added | What::Removed => {
            return match section {
                "items" => Some(Scope),
                "objectives" | "key_results" => Some(Goals),
                "kpis" => Some(Metrics),
                "roadmap" => Some(Launch),
                "people" => Some(Rights),
                // What users need is the team's understanding, refined as
                // research comes in.
                "needs" => Some(Refinement),
                // Planning an assessment, or taking one out of the record.
                "assessments" => Some(Assessment),
                // Anyone may record what was asked for; taking a request
                // out of the record drops it unanswered.
                "requests" if *what == What::Removed => Some(Scope),
                // The log is the audit trail: adding to it is not a
                // decision, taking from it is a matter of rights.
                "decisions" if *what == What::Removed => Some(Rights),
                _ => None,
            };
        }
        What::Moved { .. } => return Some(Prioritisation),
        What::Changed { field, .. } => field.as_str(),
    };
    match (section, field) {
        ("items", "status") => match what {
            // Dropping an item, or taking it back, changes the scope; other
            // status moves are the team's daily work.
            What::Changed { old, new, .. } if old == "dropped" || new == "dropped" => Some(Scope),
            _ => None,
        },
        (
            "items",
            "value" | "time_criticality" | "risk_reduction" | "size" | "cost" | "reach" | "impact"
            | "confidence" | "effort" | "moscow" | "pinned",
        ) => Some(Prioritisation),
        ("items", "mvp" | "acceptance" | "roadmap") => Some(Scope),
        // What an item, a goal, a KPI or a roadmap entry is called is part
        // of what was agreed: swapping two names moves targets and places.
        ("items", "title" | "description" | "tags" | "needs") => Some(Refinement),
        // An item accepted for a request is scope the request added.
        ("items", "requests") => Some(Scope),
        ("objectives", "needs") => Some(Refinement),
        ("needs", _) => Some(Refinement),
        // Which recommendation an item addresses is how the team tracks
        // its work on them, as it links items to needs.
        ("items", "recommendation") => Some(Refinement),
        // The phase is where the service is in its life: moving it is
        // launching it. The standard, and a custom standard's points, are
        // what it is assessed against.
        ("service", "phase" | "standard" | "points") => Some(Launch),
        // Where a readiness review looks for evidence is the team's view.
        ("service", "evidence") => Some(Refinement),
        // A panel's judgment, recorded by the owner as it was given.
        ("assessments", _) => Some(Assessment),
        // Which mandatory measure a KPI is belongs to what the KPI is.
        ("kpis", "mandatory") => Some(Metrics),
        ("requests", "status") => match what {
            What::Changed { old, new, .. } => request_status_kind(
                old.as_str().unwrap_or("open"),
                new.as_str().unwrap_or("open"),
            ),
            _ => None,
        },
        ("requests", "reason") => Some(Scope),
        // What was asked, by whom and when is the record the triage
        // answers: the team's to correct, not anyone's.
        ("requests", "into" | "text" | "from" | "date") => Some(Refinement),
        // Which portfolio objective a goal serves is agreed across products.
        ("objectives", "title" | "start" | "end" | "commitment" | "contributes_to") => Some(Goals),
        ("key_results", "title" | "unit" | "start" | "target" | "weight") => Some(Goals),
        ("kpis", "name" | "unit" | "direction" | "target" | "threshold") => Some(Metrics),
        ("roadmap", "title" | "outcome" | "horizon" | "date") => Some(Launch),
        ("vision", _) => Some(Vision),
        ("rights", _) => Some(Rights),
        // A signing key is whose word a signature proves.
        ("people", "roles" | "signing_keys") => Some(Rights),
        ("product", "owner") => Some(Rights),
        // A signature proves who agreed to a decision; adding one changes
        // nothing that was decided.
        ("decisions", "signatures") => None,
        ("decisions", _) => Some(Rights),
        _ => None,
    }
}

/// The decision a request's move from one status to another carries:
/// accepting or declining it decides scope, and so does undoing either;
/// merging it into a need or an item (or undoing that) refines what is
/// there; none for no move.
fn request_status_kind(old: &str, new: &str) -> Option<DecisionKind> {
    let scope = |s: &str| matches!(s, "accepted" | "declined");
    if old == new {
        None
    } else if scope(old) || scope(new) {
        Some(DecisionKind::Scope)
    } else {
        Some(DecisionKind::Refinement)
    }
}

#[cfg(test)]
mod request_tests {
    use super::*;
    use crate::model::{Date, Request, RequestStatus};

    fn request(status: RequestStatus) -> Request {
        Request {
            id: "Q1".into(),
            text: "Dark mode".into(),
            from: "A resident".into(),
            date: Date::from_ymd(2026, 11, 1).unwrap(),
            status,
            triaged: None,
            reason: None,
            into: None,
            source: None,
        }
    }

    fn kinds_of(old: Option<Request>, new: Option<Request>) -> Vec<Option<DecisionKind>> {
        let mut a = Product::new("P".into(), "RX".into());
        let mut b = a.clone();
        a.requests.extend(old);
        b.requests.extend(new);
        diff(&a, &b).into_iter().map(|c| c.kind).collect()
    }

    #[test]
    fn triage_is_scope_and_merging_refinement_whichever_way_it_moves() {
        use DecisionKind::{Refinement, Scope};
        use RequestStatus::*;
        for (from, to, kind) in [
            (Open, Accepted, Scope),
            (Open, Declined, Scope),
            (Open, Merged, Refinement),
            (Merged, Accepted, Scope),
            (Merged, Declined, Scope),
            (Accepted, Merged, Scope),
            (Declined, Open, Scope),
            (Merged, Open, Refinement),
        ] {
            assert_eq!(
                kinds_of(Some(request(from)), Some(request(to))),
                [Some(kind)],
                "{from} -> {to}"
            );
        }
        // Recorded open: no decision; recorded already triaged: its triage.
        assert_eq!(kinds_of(None, Some(request(Open))), [None]);
        assert_eq!(kinds_of(None, Some(request(Declined))), [Some(Scope)]);
        assert_eq!(kinds_of(None, Some(request(Merged))), [Some(Refinement)]);
        assert_eq!(kinds_of(Some(request(Open)), None), [Some(Scope)]);
        // What was asked is the team's to correct, not anyone's.
        let mut reworded = request(Declined);
        reworded.text = "Something else".into();
        assert_eq!(
            kinds_of(Some(request(Declined)), Some(reworded)),
            [Some(Refinement)]
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyResult, Kind, Objective, Reading, Status};

    fn base() -> Product {
        let mut p = Product::new("P".into(), "RX".into());
        let today = "2026-11-24".parse().unwrap();
        for n in 1..=4 {
            p.items.push(Item::new(
                format!("RX-{n}"),
                format!("Item {n}"),
                Kind::Feature,
                today,
            ));
        }
        p.objectives.push(Objective {
            id: "O1".into(),
            title: "Effortless".into(),
            description: None,
            start: None,
            end: None,
            commitment: None,
            needs: Vec::new(),
            contributes_to: Vec::new(),
            key_results: vec![KeyResult {
                id: "KR1".into(),
                title: "Completion".into(),
                unit: None,
                start: 60.0,
                target: 80.0,
                current: None,
                weight: None,
                history: Vec::new(),
            }],
        });
        p
    }

    #[test]
    fn a_target_change_is_a_goals_decision() {
        let old = base();
        let mut new = base();
        new.objectives[0].key_results[0].target = 85.0;
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].kind, Some(DecisionKind::Goals));
        assert_eq!(changes[0].summary(), "O1.KR1 target: 80 -> 85");
    }

    #[test]
    fn a_check_in_is_not_a_decision() {
        let old = base();
        let mut new = base();
        new.objectives[0].key_results[0].check_in(Reading {
            date: "2026-11-24".parse().unwrap(),
            value: 70.0,
            note: None,
        });
        let changes = diff(&old, &new);
        assert!(!changes.is_empty());
        assert!(changes.iter().all(|c| c.kind.is_none()), "{changes:?}");
    }

    #[test]
    fn a_reorder_is_moves_only_and_one_move_for_one_item() {
        let old = base();
        let mut new = base();
        let last = new.items.pop().unwrap();
        new.items.insert(0, last);
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].what, What::Moved { from: 4, to: 1 });
        assert_eq!(kinds(&changes), [DecisionKind::Prioritisation]);
    }

    #[test]
    fn items_added_dropped_and_started() {
        let old = base();
        let mut new = base();
        new.items[0].status = Status::Doing;
        new.items[1].status = Status::Dropped;
        new.items.push(Item::new(
            "RX-5".into(),
            "New".into(),
            Kind::Bug,
            "2026-11-24".parse().unwrap(),
        ));
        let changes = diff(&old, &new);
        let find = |id: &str| changes.iter().find(|c| c.id == id).unwrap();
        assert_eq!(find("RX-1").kind, None);
        assert_eq!(find("RX-2").kind, Some(DecisionKind::Scope));
        assert_eq!(find("RX-5").what, What::Added);
        assert_eq!(kinds(&changes), [DecisionKind::Scope]);
    }

    #[test]
    fn a_signing_key_change_is_summarised_by_fingerprint() {
        let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAdo2xJ43Qg0xczr4nCrNyIafecY+LVwVm2hTAYtKhc1 ada@laptop";
        let change = Change {
            section: "people".into(),
            id: "Ada".into(),
            what: What::Changed {
                field: "signing_keys".into(),
                old: serde_json::json!([]),
                new: serde_json::json!([key]),
            },
            kind: Some(DecisionKind::Rights),
        };
        assert_eq!(
            change.summary(),
            "Ada signing keys: + SHA256:DknWzQA69E2EvLrVb3kfEtlOhaNoxJ4AE3Tp0For/lw (ada@laptop)"
        );
    }
}
