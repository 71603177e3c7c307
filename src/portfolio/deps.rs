//! Dependencies between products: every item that depends on another
//! product's item, with that item's status, and what is wrong when the
//! depending item is still open: the item is planned in a later horizon,
//! dropped, missing, or its product is not in the portfolio.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;

use crate::model::dependencies::strongly_connected;
use crate::model::{Horizon, Item, Status};

use super::{Loaded, Portfolio, horizon_of, horizon_rank};

/// One item's dependency on another product's item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dependency {
    /// The depending item's product key, and the item.
    pub product: String,
    pub item: String,
    pub title: String,
    pub status: Status,
    pub horizon: Option<Horizon>,
    /// The item depended on (`PAY-12`).
    pub depends_on: String,
    /// Its product's key and name, when the portfolio has that key.
    pub on_product: Option<String>,
    pub on_product_name: Option<String>,
    /// The item's title, status and horizon, when it was found.
    pub on_title: Option<String>,
    pub on_status: Option<Status>,
    pub on_horizon: Option<Horizon>,
    pub resolved: Resolved,
    /// What is wrong, for an open depending item.
    pub flag: Option<Flag>,
    /// Where it is written: the product's place in the manifest, the item's
    /// place in its file, and the dependency's place in `depends_on`.
    #[serde(skip)]
    pub at: (usize, usize, usize),
}

/// Whether the item depended on was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolved {
    Found,
    /// Its product is in the portfolio but has no such item.
    MissingItem,
    /// No product of the portfolio has its key.
    UnknownProduct,
    /// No product read has its key, and a product could not be read: it
    /// may be that one.
    UnreadableProduct,
}

/// What is wrong with a dependency of an open item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Planned in a later horizon than the item that waits for it.
    LaterHorizon,
    /// Dropped: it will never be delivered.
    Dropped,
    /// It waits, through other products' items, for the item that waits
    /// for it: neither can start.
    Cycle,
    /// Not there: no such item, or no such product.
    Missing,
}

impl Flag {
    pub fn name(self) -> &'static str {
        match self {
            Flag::LaterHorizon => "later horizon",
            Flag::Dropped => "dropped",
            Flag::Cycle => "cycle",
            Flag::Missing => "missing",
        }
    }
}

/// Every dependency of an item on another product's item, product by
/// product in manifest order, items in file order.
pub fn dependencies(portfolio: &Portfolio) -> Vec<Dependency> {
    dependencies_with(portfolio, &cycles(portfolio))
}

/// [`dependencies`], with the portfolio's [`cycles`] already found.
pub fn dependencies_with(portfolio: &Portfolio, cycles: &Cycles) -> Vec<Dependency> {
    let keys = portfolio.by_key();
    let some_unread = portfolio
        .products
        .iter()
        .any(|l| matches!(l, Loaded::Failed { .. }));
    let in_cycles = &cycles.edges;
    let mut found = Vec::new();
    for (p, product) in portfolio.read() {
        for (i, item) in product.items.iter().enumerate() {
            for (d, dep) in item.depends_on.iter().enumerate() {
                if !product.is_external_item(dep) {
                    continue;
                }
                let key = dep.rsplit_once('-').map_or("", |(k, _)| k);
                let on = keys
                    .get(key)
                    .and_then(|&o| Some((o, portfolio.product(o)?)));
                let target = on.and_then(|(_, o)| Some((o, o.item(dep)?)));
                let found_as = match (on, target) {
                    (_, Some(_)) => Resolved::Found,
                    (Some(_), None) => Resolved::MissingItem,
                    (None, None) if some_unread => Resolved::UnreadableProduct,
                    (None, None) => Resolved::UnknownProduct,
                };
                let horizon = horizon_of(product, item);
                let on_horizon = target.and_then(|(o, t)| horizon_of(o, t));
                let flag = if !item.is_open() {
                    None
                } else {
                    match (found_as, target) {
                        (Resolved::MissingItem | Resolved::UnknownProduct, _) => {
                            Some(Flag::Missing)
                        }
                        (_, Some((_, t))) if t.status == Status::Dropped => Some(Flag::Dropped),
                        _ if in_cycles.contains(&(item.id.clone(), dep.clone())) => {
                            Some(Flag::Cycle)
                        }
                        (_, Some((_, t)))
                            if t.status != Status::Done
                                && matches!((horizon, on_horizon), (Some(h), Some(o)) if horizon_rank(o) > horizon_rank(h)) =>
                        {
                            Some(Flag::LaterHorizon)
                        }
                        _ => None,
                    }
                };
                found.push(Dependency {
                    product: product.product.key.clone(),
                    item: item.id.clone(),
                    title: item.title.clone(),
                    status: item.status,
                    horizon,
                    depends_on: dep.clone(),
                    on_product: on.map(|(_, o)| o.product.key.clone()),
                    on_product_name: on.map(|(_, o)| o.product.name.clone()),
                    on_title: target.map(|(_, t)| t.title.clone()),
                    on_status: target.map(|(_, t)| t.status),
                    on_horizon,
                    resolved: found_as,
                    flag,
                    at: (p, i, d),
                });
            }
        }
    }
    found
}

/// A cycle of open items across products.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// The ids around it, the first repeated at the end (`PAY-1 → CARD-1 → PAY-1`).
    pub ids: Vec<String>,
    /// How many products it crosses.
    pub products: usize,
    /// Where its first dependency is written: the product's place in the
    /// manifest, the item's in its file, the dependency's in `depends_on`.
    pub at: (usize, usize, usize),
}

/// The cycles across products, and every dependency (item, item waited
/// for) inside one of their tangles.
#[derive(Debug, Clone, Default)]
pub struct Cycles {
    /// One per tangle: a shortest cycle through its first item.
    pub cycles: Vec<Cycle>,
    pub edges: HashSet<(String, String)>,
}

/// Open items of different products that wait for each other in a circle
/// (a cycle inside one product is its own check's). Found with Tarjan's
/// strongly connected components over every open item of the portfolio.
pub fn cycles(portfolio: &Portfolio) -> Cycles {
    let keys = portfolio.by_key();
    let mut nodes: Vec<(usize, usize, &Item)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (p, product) in portfolio.read() {
        // A second product with a key already seen is left out: its ids
        // are another's (the duplicate-key finding says so).
        if keys.get(product.product.key.as_str()) != Some(&p) {
            continue;
        }
        for (i, item) in product.items.iter().enumerate() {
            if item.is_open() {
                index.insert(item.id.as_str(), nodes.len());
                nodes.push((p, i, item));
            }
        }
    }
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|(_, _, item)| {
            item.depends_on
                .iter()
                .filter_map(|d| index.get(d.as_str()).copied())
                .collect()
        })
        .collect();
    let mut found = Cycles::default();
    for component in strongly_connected(&edges) {
        let products: HashSet<usize> = component.iter().map(|&n| nodes[n].0).collect();
        if products.len() < 2 {
            continue;
        }
        let within: HashSet<usize> = component.iter().copied().collect();
        for &n in &component {
            for &m in &edges[n] {
                if within.contains(&m) {
                    found
                        .edges
                        .insert((nodes[n].2.id.clone(), nodes[m].2.id.clone()));
                }
            }
        }
        let Some(&start) = component.iter().min() else {
            continue;
        };
        let Some(path) = shortest_cycle(start, &edges, &within) else {
            continue;
        };
        let (p, i, item) = nodes[start];
        let next = path[1];
        let d = item
            .depends_on
            .iter()
            .position(|d| index.get(d.as_str()) == Some(&next))
            .unwrap_or(0);
        found.cycles.push(Cycle {
            ids: path.iter().map(|&n| nodes[n].2.id.clone()).collect(),
            products: products.len(),
            at: (p, i, d),
        });
    }
    found
}

/// The shortest way round from `start` back to it, inside `within`.
fn shortest_cycle(
    start: usize,
    edges: &[Vec<usize>],
    within: &HashSet<usize>,
) -> Option<Vec<usize>> {
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for &next in &edges[at] {
            if next == start {
                let mut path = vec![at];
                let mut step = at;
                while step != start {
                    step = came_from[&step];
                    path.push(step);
                }
                path.reverse();
                path.push(start);
                return Some(path);
            }
            if within.contains(&next) && next != start && !came_from.contains_key(&next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}
