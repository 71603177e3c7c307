//! What a "when" forecast is about: a set of open items, widened by the open
//! items it waits for, and the work the team does before it is done.
//!
//! The team works in backlog order, so every open item above the set's last
//! one is done first (as the cut line says) unless the set is forecast
//! `alone`. An item that waits, directly or through others, for a dropped
//! item will never be delivered as things stand: it is reported.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Item, Product, Status};

/// Which items a forecast is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The items marked `mvp`.
    Mvp,
    /// A roadmap entry's items.
    Roadmap(String),
    /// The first N open items of the backlog.
    Top(usize),
    /// The listed items.
    Items(Vec<String>),
}

/// An item in the set that waits for a dropped item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    pub item: String,
    pub dropped: String,
}

/// A set item waiting for another product's item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct External {
    pub item: String,
    pub depends_on: String,
}

/// The set a target names, as the forecast takes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSet {
    /// `mvp`, `roadmap`, `top` or `items`.
    pub kind: &'static str,
    /// The roadmap entry's id, for a roadmap target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The open items of the set, its added dependencies included, in backlog order.
    pub open: Vec<String>,
    /// How many of the set's items are done.
    pub done: usize,
    /// Open items outside the set that its items wait for, added to it.
    pub added_dependencies: Vec<String>,
    /// Open items above the set's last one, done first in backlog order
    /// (none when forecast alone).
    pub ahead: usize,
    /// Set items waiting for a dropped item.
    pub blocked: Vec<Blocked>,
    /// Other products' items the set waits for (`PAY-12`): outside this
    /// file, so not forecast; their own product's forecast says when.
    pub external_dependencies: Vec<External>,
    /// Whether the set is forecast as if nothing else were worked on.
    pub alone: bool,
    /// The roadmap entry's hard date, and the probability of meeting it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<crate::model::Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// Positions (0-based, among open items in backlog order) of the items
    /// the team does before the set is done.
    #[serde(skip)]
    pub(crate) positions: Vec<usize>,
}

impl TargetSet {
    /// The set `target` names in `product`; an unknown id is an error.
    pub fn of(product: &Product, target: &Target, alone: bool) -> Result<TargetSet> {
        let (kind, id, members): (_, _, Vec<&Item>) = match target {
            Target::Mvp => (
                "mvp",
                None,
                product.items.iter().filter(|i| i.mvp).collect(),
            ),
            Target::Roadmap(r) => {
                product.find_roadmap_entry(r)?;
                let members = product
                    .items
                    .iter()
                    .filter(|i| i.roadmap.as_deref() == Some(r) && i.status != Status::Dropped)
                    .collect();
                ("roadmap", Some(r.clone()), members)
            }
            Target::Top(n) => ("top", None, product.open_items().take(*n).collect()),
            Target::Items(ids) => {
                let mut members = Vec::with_capacity(ids.len());
                for id in ids {
                    members.push(product.find_item(id)?);
                }
                ("items", None, members)
            }
        };
        if members.is_empty() {
            return Err(empty(target));
        }
        let by_id: HashMap<&str, &Item> =
            product.items.iter().map(|i| (i.id.as_str(), i)).collect();
        let chosen: HashSet<&str> = members.iter().map(|i| i.id.as_str()).collect();
        let mut in_set: HashSet<&str> = HashSet::new();
        let mut added = HashSet::new();
        let mut blocked = Vec::new();
        let mut external = Vec::new();
        let done = members.iter().filter(|i| i.status == Status::Done).count();
        for item in members.iter().filter(|i| i.is_open()) {
            in_set.insert(&item.id);
            let mut seen: HashSet<&str> = HashSet::new();
            let mut queue: Vec<&str> = item.depends_on.iter().map(String::as_str).collect();
            while let Some(dep_id) = queue.pop() {
                if !seen.insert(dep_id) {
                    continue;
                }
                let Some(dep) = by_id.get(dep_id) else {
                    if product.is_external_item(dep_id) {
                        external.push(External {
                            item: item.id.clone(),
                            depends_on: dep_id.to_owned(),
                        });
                    }
                    continue;
                };
                match dep.status {
                    Status::Done => {}
                    Status::Dropped => blocked.push(Blocked {
                        item: item.id.clone(),
                        dropped: dep.id.clone(),
                    }),
                    _ => {
                        if !chosen.contains(dep_id) {
                            added.insert(dep_id);
                        }
                        in_set.insert(dep_id);
                        queue.extend(dep.depends_on.iter().map(String::as_str));
                    }
                }
            }
        }
        let open_items: Vec<&Item> = product.open_items().collect();
        let in_set_positions: Vec<usize> = open_items
            .iter()
            .enumerate()
            .filter(|(_, i)| in_set.contains(i.id.as_str()))
            .map(|(p, _)| p)
            .collect();
        let positions = match (alone, in_set_positions.last()) {
            (false, Some(&last)) => (0..=last).collect(),
            _ => in_set_positions.clone(),
        };
        blocked.sort_by(|a, b| (&a.item, &a.dropped).cmp(&(&b.item, &b.dropped)));
        blocked.dedup();
        external.sort_by(|a, b| (&a.item, &a.depends_on).cmp(&(&b.item, &b.depends_on)));
        external.dedup();
        Ok(TargetSet {
            kind,
            id,
            open: in_set_positions
                .iter()
                .map(|&p| open_items[p].id.clone())
                .collect(),
            done,
            added_dependencies: open_items
                .iter()
                .filter(|i| added.contains(i.id.as_str()))
                .map(|i| i.id.clone())
                .collect(),
            ahead: positions.len() - in_set_positions.len(),
            blocked,
            external_dependencies: external,
            alone,
            date: None,
            probability: None,
            positions,
        })
    }
}

fn empty(target: &Target) -> Error {
    match target {
        Target::Mvp => Error::usage("no items are in the MVP, so there is nothing to forecast")
            .with_hint(
                "mark items with `product item edit ID --mvp`, or name a roadmap entry or items",
            ),
        Target::Roadmap(r) => Error::usage(format!("roadmap entry {r} has no items")).with_hint(
            format!("give it items with `product item edit ID --roadmap {r}`"),
        ),
        Target::Top(_) => Error::usage("the backlog has no open items to forecast")
            .with_hint("add one with `product item add TITLE`"),
        Target::Items(_) => Error::usage("no items were named to forecast")
            .with_hint("name item ids, e.g. `product forecast RX-4 RX-7`"),
    }
}
