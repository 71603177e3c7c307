//! `product portfolio check`: each product's own check, and what only the
//! whole portfolio can see: products that cannot be read, a key two
//! products share, dependencies on other products' items that name
//! nothing, are dropped or planned later, cycles across products, and
//! objectives contributing to portfolio objectives the manifest lacks.
//! Each finding is at a key path of the manifest or of a product file.

use std::collections::HashMap;

use crate::check::{Finding, Tally};
use crate::model::{Date, KeyPath};

use super::deps::{self, Flag, Resolved};
use super::rules::{
    CROSS_CYCLE, CROSS_DANGLING, DEPENDS_ON_DROPPED, DEPENDS_ON_LATER, DUPLICATE_KEY,
    MANIFEST_UNKNOWN_KEY, PRODUCT_UNREADABLE, UNKNOWN_OBJECTIVE,
};
use super::{Loaded, Portfolio};

/// Which file a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Manifest,
    /// The product at this place in the manifest.
    Product(usize),
}

/// A finding, and the file it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub place: Place,
    pub finding: Finding,
}

/// What the check found: the portfolio's findings and each product's own,
/// and each product's own tally (`None` for one that could not be read).
#[derive(Debug, Clone)]
pub struct Checked {
    pub findings: Vec<Placed>,
    pub own: Vec<Option<Tally>>,
}

/// Checks the portfolio as of `today`.
pub fn check(portfolio: &Portfolio, today: Date) -> Checked {
    let own_findings: Vec<Option<Vec<Finding>>> =
        super::par_map(&portfolio.products, |loaded| match loaded {
            Loaded::Read {
                product,
                shape,
                repository,
            } => Some(super::own_check(product, *shape, *repository, today)),
            Loaded::Failed { .. } => None,
        });
    let own = own_findings
        .iter()
        .map(|f| f.as_deref().map(Tally::of))
        .collect();
    let mut findings = portfolio_findings(portfolio);
    for (i, found) in own_findings.into_iter().enumerate() {
        findings.extend(found.into_iter().flatten().map(|finding| Placed {
            place: Place::Product(i),
            finding,
        }));
    }
    Checked { findings, own }
}

/// The findings only the portfolio can make, without each product's own.
pub fn portfolio_findings(portfolio: &Portfolio) -> Vec<Placed> {
    let mut findings = Vec::new();
    let manifest = |finding: Finding| Placed {
        place: Place::Manifest,
        finding,
    };
    for at in &portfolio.manifest.unknown_keys {
        let key = match at.0.last() {
            Some(crate::model::Segment::Key(k)) => k.clone(),
            _ => at.to_string(),
        };
        findings.push(manifest(
            Finding::new(
                MANIFEST_UNKNOWN_KEY,
                at.clone(),
                format!("unknown key `{key}` in {at}; the manifest does not use it"),
            )
            .hint("check its spelling: a product has `path` and `rev`, an objective `id`, `title` and `description`"),
        ));
    }
    let member_path = |i: usize| KeyPath::root().key("products").index(i, None).key("path");
    let mut first_with_key: HashMap<&str, usize> = HashMap::new();
    for (i, loaded) in portfolio.products.iter().enumerate() {
        let member = &portfolio.manifest.products[i];
        match loaded {
            Loaded::Failed { reason } => findings.push(manifest(
                Finding::new(
                    PRODUCT_UNREADABLE,
                    member_path(i),
                    format!("{} cannot be read: {reason}", member.shown()),
                )
                .hint(format!(
                    "fix the file or its revision, or take it out with `product portfolio rm {}`",
                    member.shown()
                ))
                .about(member.shown()),
            )),
            Loaded::Read { product, .. } => {
                let key = product.product.key.as_str();
                match first_with_key.get(key) {
                    None => {
                        first_with_key.insert(key, i);
                    }
                    Some(&first) => findings.push(manifest(
                        Finding::new(
                            DUPLICATE_KEY,
                            member_path(i),
                            format!(
                                "{} and {} both have the key {key}, so {key}-1 could be either's item",
                                portfolio.manifest.products[first].shown(),
                                member.shown()
                            ),
                        )
                        .hint("give one of them another key; item ids follow the key")
                        .about(key),
                    )),
                }
            }
        }
    }
    let cycles = deps::cycles(portfolio);
    dependency_findings(portfolio, &cycles, &mut findings);
    cycle_findings(&cycles, &mut findings);
    objectives(portfolio, &mut findings);
    findings
}

fn dependency_findings(portfolio: &Portfolio, cycles: &deps::Cycles, findings: &mut Vec<Placed>) {
    for dep in deps::dependencies_with(portfolio, cycles) {
        // A cycle is one finding per tangle (below), not one per dependency.
        let Some(flag) = dep.flag.filter(|f| *f != Flag::Cycle) else {
            continue;
        };
        let (p, i, d) = dep.at;
        let path = KeyPath::root()
            .key("items")
            .index(i, Some(&dep.item))
            .key("depends_on")
            .index(d, None);
        let unlink = format!(
            "`product item edit {} --unlink-depends-on {}`",
            dep.item, dep.depends_on
        );
        let finding = match flag {
            Flag::Cycle => continue,
            Flag::Missing => {
                let message = match dep.resolved {
                    Resolved::MissingItem => format!(
                        "{} depends on {}, which {} does not have",
                        dep.item,
                        dep.depends_on,
                        dep.on_product_name.as_deref().unwrap_or("its product")
                    ),
                    _ => format!(
                        "{} depends on {}, but no product of the portfolio has the key {}",
                        dep.item,
                        dep.depends_on,
                        dep.depends_on.rsplit_once('-').map_or("", |(k, _)| k)
                    ),
                };
                Finding::new(CROSS_DANGLING, path, message).hint(format!(
                    "correct the id, add its product with `product portfolio add FILE`, or remove it: {unlink}"
                ))
            }
            Flag::Dropped => Finding::new(
                DEPENDS_ON_DROPPED,
                path,
                format!(
                    "{} depends on {} of {}, which is dropped and will not be delivered",
                    dep.item,
                    dep.depends_on,
                    dep.on_product_name.as_deref().unwrap_or("another product")
                ),
            )
            .hint(format!(
                "agree another way with its owner, or remove the dependency: {unlink}"
            )),
            Flag::LaterHorizon => Finding::new(
                DEPENDS_ON_LATER,
                path,
                format!(
                    "{} ({}) depends on {} of {}, planned for {}",
                    dep.item,
                    dep.horizon.map_or("", |h| h.heading()),
                    dep.depends_on,
                    dep.on_product_name.as_deref().unwrap_or("another product"),
                    dep.on_horizon.map_or("", |h| h.heading()),
                ),
            )
            .hint(format!(
                "ask {}'s owner to bring it forward, or plan {} later",
                dep.on_product_name.as_deref().unwrap_or("its product"),
                dep.item
            )),
        };
        findings.push(Placed {
            place: super::check::Place::Product(p),
            finding: finding.about(&dep.item),
        });
    }
}

/// Cycles of open items that cross products (one inside a product is its
/// own check's): one finding per tangle, at the first item's dependency.
fn cycle_findings(cycles: &deps::Cycles, findings: &mut Vec<Placed>) {
    for cycle in &cycles.cycles {
        let (p, i, d) = cycle.at;
        findings.push(Placed {
            place: Place::Product(p),
            finding: Finding::new(
                CROSS_CYCLE,
                KeyPath::root()
                    .key("items")
                    .index(i, Some(&cycle.ids[0]))
                    .key("depends_on")
                    .index(d, None),
                format!(
                    "open items of {} products wait for each other: {}",
                    cycle.products,
                    cycle.ids.join(" → ")
                ),
            )
            .hint(format!(
                "agree which comes first with the other owners, then remove one dependency, e.g. `product item edit {} --unlink-depends-on {}`",
                cycle.ids[0], cycle.ids[1]
            ))
            .about(&cycle.ids[0]),
        });
    }
}

/// Objectives contributing to a portfolio objective the manifest lacks.
fn objectives(portfolio: &Portfolio, findings: &mut Vec<Placed>) {
    let known: Vec<&str> = portfolio
        .manifest
        .objectives
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    for (p, product) in portfolio.read() {
        for (o, objective) in product.objectives.iter().enumerate() {
            for (c, id) in objective.contributes_to.iter().enumerate() {
                if known.contains(&id.as_str()) {
                    continue;
                }
                let hint = if known.is_empty() {
                    "add it to the manifest's [[objectives]], or remove it".to_owned()
                } else {
                    format!(
                        "the portfolio's objectives are {}; or remove it: `product okr edit {} --uncontribute {id}`",
                        known.join(", "),
                        objective.id
                    )
                };
                findings.push(Placed {
                    place: Place::Product(p),
                    finding: Finding::new(
                        UNKNOWN_OBJECTIVE,
                        KeyPath::root()
                            .key("objectives")
                            .index(o, Some(&objective.id))
                            .key("contributes_to")
                            .index(c, None),
                        format!(
                            "{} contributes to {id}, which the portfolio does not have",
                            objective.id
                        ),
                    )
                    .hint(hint)
                    .about(&objective.id),
                });
            }
        }
    }
}
