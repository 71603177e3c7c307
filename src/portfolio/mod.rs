//! Several products together: a portfolio manifest lists product files
//! (each in its own repository, perhaps read at a git revision), and this
//! module rolls them up: one line per product ([`show`]), the combined
//! roadmap ([`roadmap`]), the dependencies between products ([`deps`]),
//! and the checks only the whole portfolio can make ([`check`]).
//!
//! Pure over loaded products: the store reads the manifest and the files;
//! what could not be read comes in as the reason, so the rest still shows.
//! An item may depend on another product's item by its id (`PAY-12`): the
//! key says which product. The figures of each product are its own
//! commands' (`query`), so a roll-up agrees with them.

pub mod check;
pub mod deps;
mod manifest;
pub mod roadmap;
pub mod rules;
pub mod show;

use std::collections::HashMap;

use crate::check::{Finding, Shape};
use crate::gitattributes::InRepository;
use crate::model::{Date, Horizon, Item, Product};

pub use manifest::{MANIFEST_NAMES, Manifest, Member, PortfolioObjective};

/// A product of the portfolio: read, or why it could not be.
#[derive(Debug, Clone, Copy)]
pub enum Loaded<'a> {
    Read {
        product: &'a Product,
        /// The file's keys as written, for its own check's unknown-key rule.
        shape: Option<&'a Shape>,
        /// Its place in a git work tree and the `.gitattributes` there, for
        /// its own check's merge-driver rule (none when read at a revision).
        repository: Option<&'a InRepository>,
    },
    Failed {
        reason: &'a str,
    },
}

/// A product already in the portfolio, as it was read: its manifest
/// entry and its key, when it could be read (what adding and removing a
/// product are checked against).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub member: Member,
    pub key: Option<String>,
}

/// The portfolio: its manifest and its products, one per manifest entry
/// and in its order.
#[derive(Debug, Clone)]
pub struct Portfolio<'a> {
    pub manifest: &'a Manifest,
    pub products: Vec<Loaded<'a>>,
}

impl<'a> Portfolio<'a> {
    /// The products that were read, with their place in the manifest.
    pub fn read(&self) -> impl Iterator<Item = (usize, &'a Product)> + '_ {
        self.products
            .iter()
            .enumerate()
            .filter_map(|(i, l)| match l {
                Loaded::Read { product, .. } => Some((i, *product)),
                Loaded::Failed { .. } => None,
            })
    }

    /// The product read at this place in the manifest.
    pub fn product(&self, index: usize) -> Option<&'a Product> {
        match self.products.get(index)? {
            Loaded::Read { product, .. } => Some(product),
            Loaded::Failed { .. } => None,
        }
    }

    /// Each key to the first product that has it (a second one is a
    /// `portfolio-duplicate-key` finding).
    pub fn by_key(&self) -> HashMap<&'a str, usize> {
        let mut keys = HashMap::new();
        for (i, product) in self.read() {
            keys.entry(product.product.key.as_str()).or_insert(i);
        }
        keys
    }
}

/// A product's own `product check` (without `--base`): its rules and the
/// merge-driver rule, as its own check runs them.
pub fn own_check(
    product: &Product,
    shape: Option<&Shape>,
    repository: Option<&InRepository>,
    today: Date,
) -> Vec<Finding> {
    let mut findings = crate::check::check(product, shape, today);
    findings.extend(crate::check::merge_driver(product, repository));
    findings
}

/// Where an item is planned: its roadmap entry's horizon.
pub fn horizon_of(product: &Product, item: &Item) -> Option<Horizon> {
    item.roadmap
        .as_deref()
        .and_then(|r| product.roadmap_entry(r))
        .map(|r| r.horizon)
}

/// Now before Next before Later.
pub fn horizon_rank(horizon: Horizon) -> usize {
    match horizon {
        Horizon::Now => 0,
        Horizon::Next => 1,
        Horizon::Later => 2,
    }
}

/// `f` over every element, on as many threads as there are cores, in order:
/// each product's figures are its own, so they are worked out side by side.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    done.lock().unwrap_or_else(|e| e.into_inner()).push((i, r));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
