//! Dependencies between products: every item that depends on another
//! product's item, with that item's status, and what is wrong when the
//! depending item is still open: the item is planned in a later horizon,
//! dropped, missing, or its product is not in the portfolio.

use serde::Serialize;

use crate::model::{Horizon, Status};

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
    pub found: Found,
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
pub enum Found {
    Yes,
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
    /// Not there: no such item, or no such product.
    Missing,
}

impl Flag {
    pub fn name(self) -> &'static str {
        match self {
            Flag::LaterHorizon => "later horizon",
            Flag::Dropped => "dropped",
            Flag::Missing => "missing",
        }
    }
}

/// Every dependency of an item on another product's item, product by
/// product in manifest order, items in file order.
pub fn dependencies(portfolio: &Portfolio) -> Vec<Dependency> {
    let keys = portfolio.by_key();
    let failed_keys: Vec<(usize, &str)> = portfolio
        .manifest
        .products
        .iter()
        .enumerate()
        .filter(|(i, _)| matches!(portfolio.products[*i], Loaded::Failed { .. }))
        .map(|(i, m)| (i, m.path.as_str()))
        .collect();
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
                    (_, Some(_)) => Found::Yes,
                    (Some(_), None) => Found::MissingItem,
                    (None, None) if !failed_keys.is_empty() => Found::UnreadableProduct,
                    (None, None) => Found::UnknownProduct,
                };
                let horizon = horizon_of(product, item);
                let on_horizon = target.and_then(|(o, t)| horizon_of(o, t));
                let flag = if !item.is_open() {
                    None
                } else {
                    match (found_as, target) {
                        (Found::MissingItem | Found::UnknownProduct, _) => Some(Flag::Missing),
                        (_, Some((_, t))) if t.status == Status::Dropped => Some(Flag::Dropped),
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
                    found: found_as,
                    flag,
                    at: (p, i, d),
                });
            }
        }
    }
    found
}
