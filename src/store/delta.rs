//! What an edit changed, as the JSON trees the writers reconcile from.
//!
//! Only sections that differ are included, so an unchanged section is never
//! serialized or visited. Within `items`, which can hold many thousands of
//! entries, an unchanged item stands in as `{"id": ...}` on both sides: enough
//! to match and order it, equal on both sides so the writer leaves it alone.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{Item, Product};

/// The before and after trees of the sections that changed.
///
/// Every section of the model is named here: `Product` is taken apart
/// without `..`, so a new section does not compile until it is handled.
pub fn delta(before: &Product, after: &Product) -> (Value, Value) {
    let Product {
        version,
        product,
        vision,
        people,
        rights,
        scoring,
        objectives,
        kpis,
        roadmap,
        items,
        stakeholders,
        decisions,
        check,
    } = after;
    let mut trees = Trees::default();
    trees.section("version", &before.version, version);
    trees.section("product", &before.product, product);
    trees.section("vision", &before.vision, vision);
    trees.section("people", &before.people, people);
    trees.section("rights", &before.rights, rights);
    trees.section("scoring", &before.scoring, scoring);
    trees.section("objectives", &before.objectives, objectives);
    trees.section("kpis", &before.kpis, kpis);
    trees.section("roadmap", &before.roadmap, roadmap);
    if before.items != *items {
        let (o, n) = items_delta(&before.items, items);
        put(&mut trees.old, "items", &o);
        put(&mut trees.new, "items", &n);
    }
    trees.section("stakeholders", &before.stakeholders, stakeholders);
    trees.section("decisions", &before.decisions, decisions);
    trees.section("check", &before.check, check);
    (Value::Object(trees.old), Value::Object(trees.new))
}

/// The trees being built: the sections that changed, before and after.
#[derive(Default)]
struct Trees {
    old: Map<String, Value>,
    new: Map<String, Value>,
}

impl Trees {
    /// Adds a section to both trees if it changed.
    fn section<T: Serialize + PartialEq>(&mut self, key: &str, before: &T, after: &T) {
        if before != after {
            put(&mut self.old, key, before);
            put(&mut self.new, key, after);
        }
    }
}

/// Puts a section in the tree unless it is empty, as the model leaves empty
/// sections out of the file.
fn put<T: Serialize>(tree: &mut Map<String, Value>, key: &str, section: &T) {
    let value = serde_json::to_value(section).expect("the model always serializes");
    let empty = match &value {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    if !empty {
        tree.insert(key.to_owned(), value);
    }
}

fn items_delta(before: &[Item], after: &[Item]) -> (Vec<Value>, Vec<Value>) {
    let before_by_id: HashMap<&str, &Item> = before.iter().map(|i| (i.id.as_str(), i)).collect();
    let after_by_id: HashMap<&str, &Item> = after.iter().map(|i| (i.id.as_str(), i)).collect();
    let side = |items: &[Item], other: &HashMap<&str, &Item>| -> Vec<Value> {
        items
            .iter()
            .map(|item| match other.get(item.id.as_str()) {
                Some(same) if *same == item => stub(&item.id),
                _ => serde_json::to_value(item).expect("the model always serializes"),
            })
            .collect()
    };
    (side(before, &after_by_id), side(after, &before_by_id))
}

fn stub(id: &str) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), Value::String(id.to_owned()));
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Kind};

    #[test]
    fn only_changed_sections_and_items_are_spelled_out() {
        let today = Date::from_ymd(2026, 11, 1).unwrap();
        let mut before = Product::new("P".into(), "RX".into());
        for n in 1..=3 {
            before.items.push(Item::new(
                format!("RX-{n}"),
                format!("t{n}"),
                Kind::Feature,
                today,
            ));
        }
        let mut after = before.clone();
        after.items[1].title = "changed".into();
        after.items.swap(0, 2);
        let (old, new) = delta(&before, &after);
        assert_eq!(
            old.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["items"]
        );
        assert_eq!(new["items"][0], serde_json::json!({"id": "RX-3"}));
        assert_eq!(new["items"][1]["title"], "changed");
        assert_eq!(old["items"][1]["title"], "t2");
        assert_eq!(new["items"][2], serde_json::json!({"id": "RX-1"}));
    }

    #[test]
    fn every_section_is_compared_check_too() {
        let before = Product::new("P".into(), "RX".into());
        let mut after = before.clone();
        after.check.max_doing = Some(4);
        let (old, new) = delta(&before, &after);
        assert!(old.get("check").is_none());
        assert_eq!(new["check"]["max_doing"], 4);
        assert_eq!(new.as_object().unwrap().len(), 1);
    }

    #[test]
    fn an_emptied_section_is_left_out() {
        let mut before = Product::new("P".into(), "RX".into());
        before.vision.statement = Some("s".into());
        let after = Product::new("P".into(), "RX".into());
        let (old, new) = delta(&before, &after);
        assert_eq!(old["vision"]["statement"], "s");
        assert!(new.get("vision").is_none());
    }
}
