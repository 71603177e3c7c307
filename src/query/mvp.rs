//! The minimum viable product: the items marked `mvp`, how far they have
//! got, and what stands in their way.
//!
//! Dropped items are out of the MVP. What stands in the way is its open
//! items, and the items outside it, not done, that they depend on, directly
//! or through others (a dropped one will never be delivered).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{Item, Product, Status, number};

/// The MVP's items in backlog order: open ones as the backlog orders them,
/// then done ones.
pub fn items(product: &Product) -> Vec<&Item> {
    let open_first = product
        .items
        .iter()
        .filter(|i| i.is_open())
        .chain(product.items.iter().filter(|i| i.status == Status::Done));
    open_first.filter(|i| i.mvp).collect()
}

/// The MVP's state: what is in it, how far it has got, what is in the way.
#[derive(Debug, Clone, Serialize)]
pub struct MvpReport {
    pub items_total: usize,
    pub items_done: usize,
    /// The sum of the items' sizes, and of the done ones'.
    #[serde(serialize_with = "number::compact")]
    pub size_total: f64,
    #[serde(serialize_with = "number::compact")]
    pub size_done: f64,
    /// Items with no size, left out of the sums.
    pub unsized_items: Vec<String>,
    /// Open MVP items, in backlog order.
    pub open: Vec<String>,
    /// Items outside the MVP, not done, that MVP items wait for, directly or
    /// through other items.
    pub unmet_dependencies: Vec<UnmetDependency>,
    /// Other products' items that open MVP items wait for, directly or
    /// through other items: outside this file, so not counted (`product
    /// portfolio deps` gives their status).
    pub external_dependencies: Vec<ExternalDependency>,
}

/// An item waiting for another product's item (`PAY-12`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalDependency {
    pub item: String,
    pub depends_on: String,
    /// Whether the item depends on it itself, or through other items.
    pub direct: bool,
}

/// An MVP item waiting for an item outside the MVP that is not done: open,
/// or dropped (and so never to be delivered).
#[derive(Debug, Clone, Serialize)]
pub struct UnmetDependency {
    pub item: String,
    pub depends_on: String,
    pub title: String,
    pub status: Status,
    /// Whether the MVP item depends on it itself, or through other items.
    pub direct: bool,
}

impl MvpReport {
    /// The MVP of the product: its items, their sizes, what is in the way.
    pub fn of(product: &Product) -> Self {
        let items = items(product);
        let in_mvp: HashSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
        let by_id: HashMap<&str, &Item> =
            product.items.iter().map(|i| (i.id.as_str(), i)).collect();
        let mut report = MvpReport {
            items_total: items.len(),
            items_done: 0,
            size_total: 0.0,
            size_done: 0.0,
            unsized_items: Vec::new(),
            open: Vec::new(),
            unmet_dependencies: Vec::new(),
            external_dependencies: Vec::new(),
        };
        for item in &items {
            let done = item.status == Status::Done;
            match item.size {
                Some(size) => {
                    report.size_total += size;
                    if done {
                        report.size_done += size;
                    }
                }
                None => report.unsized_items.push(item.id.clone()),
            }
            if done {
                report.items_done += 1;
                continue;
            }
            report.open.push(item.id.clone());
            // Follow dependencies through the items they depend on in turn:
            // whatever is not done, directly or not, stands in the way.
            let mut seen: HashSet<&str> = HashSet::new();
            let mut queue: Vec<(&str, bool)> =
                item.depends_on.iter().map(|d| (d.as_str(), true)).collect();
            while let Some((id, direct)) = queue.pop() {
                if !seen.insert(id) {
                    continue;
                }
                let Some(dep) = by_id.get(id) else {
                    if product.is_external_item(id) {
                        report.external_dependencies.push(ExternalDependency {
                            item: item.id.clone(),
                            depends_on: id.to_owned(),
                            direct,
                        });
                    }
                    continue;
                };
                if dep.status == Status::Done {
                    continue;
                }
                if !in_mvp.contains(id) {
                    report.unmet_dependencies.push(UnmetDependency {
                        item: item.id.clone(),
                        depends_on: dep.id.clone(),
                        title: dep.title.clone(),
                        status: dep.status,
                        direct,
                    });
                }
                if dep.is_open() {
                    queue.extend(dep.depends_on.iter().map(|d| (d.as_str(), false)));
                }
            }
        }
        report
    }
}
