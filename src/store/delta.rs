//! What an edit changed, as the JSON trees the writers reconcile from.
//!
//! Only sections that differ are included, so an unchanged section is never
//! serialized or visited. `items`, which can hold many thousands of entries,
//! is told apart when it is in the file before and after the edit: as a list
//! of slots saying, for each item after the edit, which item of the file it
//! is and, only if it changed or is new, what it was and is. An unchanged
//! item is never serialized.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{Item, Product};

use super::shape::Slot;

/// What an edit changed.
pub struct Delta<'a> {
    /// The sections that changed, as they were.
    pub old: Value,
    /// The sections that changed, as they are.
    pub new: Value,
    /// How `items` changed, when the file had items before and after (then
    /// `items` is in neither tree).
    pub items: Option<Items<'a>>,
    /// A backlog added whole (the file had none), left for the JSON writer
    /// to spell out item by item: `new` then has `items` as `null`. Only
    /// from [`delta_for_json`].
    pub whole_items: Option<&'a [Item]>,
}

/// Where an item after the edit comes from.
#[derive(Clone, Copy)]
enum Place {
    /// The item at this place in the list as read, unchanged.
    Kept(usize),
    /// The item at this place in the list as read, with the values at the second index.
    Changed(usize, usize),
    /// A new item, with the values at this index.
    New(usize),
}

/// How the backlog changed, item by item.
pub struct Items<'a> {
    before: &'a [Item],
    after: &'a [Item],
    /// For each item after the edit, in order: where it was in the list as
    /// read, and where its values are in `values` if it changed or is new.
    order: Vec<Place>,
    /// The changed and new items: as they were (if they were), and as they are.
    values: Vec<(Option<Value>, Value)>,
}

impl<'a> Items<'a> {
    /// Lines up the items after the edit with those before: the runs that
    /// kept their places at the start and the end by position (an item
    /// added, edited or removed leaves most of the list there), the rest by
    /// id. `None` when an item of the list as read would be used twice.
    fn new(before: &'a [Item], after: &'a [Item]) -> Option<Self> {
        let head = before
            .iter()
            .zip(after)
            .take_while(|(b, a)| b.id == a.id)
            .count();
        let tail = before[head..]
            .iter()
            .rev()
            .zip(after[head..].iter().rev())
            .take_while(|(b, a)| b.id == a.id)
            .count();
        let middle: HashMap<&str, usize> = (head..before.len() - tail)
            .map(|i| (before[i].id.as_str(), i))
            .collect();
        let mut used = vec![false; before.len()];
        let mut order = Vec::with_capacity(after.len());
        let mut values = Vec::new();
        for (j, item) in after.iter().enumerate() {
            let was = if j < head {
                Some(j)
            } else if j >= after.len() - tail {
                Some(before.len() - (after.len() - j))
            } else {
                middle.get(item.id.as_str()).copied()
            };
            if let Some(i) = was
                && std::mem::replace(&mut used[i], true)
            {
                return None;
            }
            let place = match was {
                Some(i) if before[i] == *item => Place::Kept(i),
                Some(i) => {
                    values.push((Some(to_json(&before[i])), to_json(item)));
                    Place::Changed(i, values.len() - 1)
                }
                None => {
                    values.push((None, to_json(item)));
                    Place::New(values.len() - 1)
                }
            };
            order.push(place);
        }
        Some(Items {
            before,
            after,
            order,
            values,
        })
    }

    /// How many items the file had.
    pub fn before_len(&self) -> usize {
        self.before.len()
    }

    /// What the writer does with each item of the file, in the new order.
    pub fn slots(&self) -> Vec<Slot<'_>> {
        self.order
            .iter()
            .map(|&place| match place {
                Place::Kept(at) => Slot::Kept { at },
                Place::Changed(at, k) => Slot::Changed {
                    at,
                    old: self.values[k].0.as_ref(),
                    new: &self.values[k].1,
                },
                Place::New(k) => Slot::New {
                    new: &self.values[k].1,
                },
            })
            .collect()
    }

    /// Every item before and after, spelled out, under `key`: for a
    /// document whose list is not the one the model was read from.
    pub fn in_full(&self, key: &str) -> (Value, Value) {
        let tree = |items: &[Item]| {
            let mut tree = Map::new();
            put(&mut tree, key, &items);
            Value::Object(tree)
        };
        (tree(self.before), tree(self.after))
    }
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("the model always serializes")
}

/// What changed between the product as read and the product to write.
pub fn delta<'a>(before: &'a Product, after: &'a Product) -> Delta<'a> {
    delta_with(before, after, false)
}

/// [`delta`], for the JSON writer: a backlog added whole is not made a
/// tree here but left to the writer ([`Delta::whole_items`]), so that a
/// first import of many thousands of rows never holds the backlog twice.
pub fn delta_for_json<'a>(before: &'a Product, after: &'a Product) -> Delta<'a> {
    delta_with(before, after, true)
}

/// Every section of the model is named here: `Product` is taken apart
/// without `..`, so a new section does not compile until it is handled.
fn delta_with<'a>(before: &'a Product, after: &'a Product, items_later: bool) -> Delta<'a> {
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
        service,
        assessments,
        needs,
        items,
        requests,
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
    trees.section("service", &before.service, service);
    trees.section("assessments", &before.assessments, assessments);
    trees.section("needs", &before.needs, needs);
    let mut item_slots = None;
    let mut whole_items = None;
    if before.items != *items {
        // Slots need items on both sides; a list added or emptied whole is
        // written whole.
        item_slots = (!before.items.is_empty() && !items.is_empty())
            .then(|| Items::new(&before.items, items))
            .flatten();
        if item_slots.is_none() {
            if items_later && before.items.is_empty() {
                trees.new.insert("items".to_owned(), Value::Null);
                whole_items = Some(items.as_slice());
            } else {
                trees.section("items", &before.items, items);
            }
        }
    }
    trees.section("requests", &before.requests, requests);
    trees.section("stakeholders", &before.stakeholders, stakeholders);
    trees.section("decisions", &before.decisions, decisions);
    trees.section("check", &before.check, check);
    Delta {
        old: Value::Object(trees.old),
        new: Value::Object(trees.new),
        items: item_slots,
        whole_items,
    }
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
    let value = to_json(section);
    let empty = match &value {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    if !empty {
        tree.insert(key.to_owned(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Kind};

    fn items(ids: &[(usize, &str)]) -> Vec<Item> {
        let today = Date::from_ymd(2026, 11, 1).unwrap();
        ids.iter()
            .map(|&(n, title)| Item::new(format!("RX-{n}"), title.into(), Kind::Feature, today))
            .collect()
    }

    #[test]
    fn only_changed_sections_and_items_are_spelled_out() {
        let mut before = Product::new("P".into(), "RX".into());
        before.items = items(&[(1, "t1"), (2, "t2"), (3, "t3")]);
        let mut after = before.clone();
        after.items[1].title = "changed".into();
        after.items.swap(0, 2);
        after.items.push(items(&[(4, "t4")]).remove(0));
        let delta = delta(&before, &after);
        assert_eq!(delta.old, serde_json::json!({}));
        assert_eq!(delta.new, serde_json::json!({}));
        let items = delta.items.expect("items on both sides");
        let slots = items.slots();
        assert_eq!(slots[0], Slot::Kept { at: 2 });
        assert!(
            matches!(slots[1], Slot::Changed { at: 1, old: Some(old), new }
            if old["title"] == "t2" && new["title"] == "changed")
        );
        assert_eq!(slots[2], Slot::Kept { at: 0 });
        assert!(matches!(slots[3], Slot::New { new } if new["id"] == "RX-4"));
    }

    #[test]
    fn an_item_added_in_the_middle_keeps_the_rest_in_place() {
        let mut before = Product::new("P".into(), "RX".into());
        before.items = items(&[(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        let mut after = before.clone();
        after.items.insert(2, items(&[(5, "e")]).remove(0));
        after.items.remove(0);
        let delta = delta(&before, &after);
        let slots = delta.items.as_ref().unwrap().slots();
        let at: Vec<Option<usize>> = slots.iter().map(Slot::at).collect();
        assert_eq!(at, [Some(1), None, Some(2), Some(3)]);
    }

    #[test]
    fn a_list_added_or_emptied_whole_is_spelled_out() {
        let empty = Product::new("P".into(), "RX".into());
        let mut full = empty.clone();
        full.items = items(&[(1, "a")]);
        let added = delta(&empty, &full);
        assert!(added.items.is_none());
        assert_eq!(added.new["items"][0]["title"], "a");
        let emptied = delta(&full, &empty);
        assert!(emptied.items.is_none());
        assert_eq!(emptied.old["items"][0]["title"], "a");
        assert!(emptied.new.get("items").is_none());
    }

    #[test]
    fn every_section_is_compared_check_too() {
        let before = Product::new("P".into(), "RX".into());
        let mut after = before.clone();
        after.check.max_doing = Some(4);
        let Delta { old, new, .. } = delta(&before, &after);
        assert!(old.get("check").is_none());
        assert_eq!(new["check"]["max_doing"], 4);
        assert_eq!(new.as_object().unwrap().len(), 1);
    }

    #[test]
    fn an_emptied_section_is_left_out() {
        let mut before = Product::new("P".into(), "RX".into());
        before.vision.statement = Some("s".into());
        let after = Product::new("P".into(), "RX".into());
        let Delta { old, new, .. } = delta(&before, &after);
        assert_eq!(old["vision"]["statement"], "s");
        assert!(new.get("vision").is_none());
    }
}
