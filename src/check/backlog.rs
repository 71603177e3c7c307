//! Rules about the backlog: the definition of ready, scoring inputs in
//! range, relative estimates with a reference, the must-have share, dropped
//! items with reasons, and work in progress within its limit.

use crate::model::{Item, KeyPath, Moscow, NumberField, Product, Status, number};
use crate::priority::{self, SCALED_FIELDS};

use super::Finding;
use super::rules::{
    CONFIDENCE_FRACTION, DROPPED_WITHOUT_REASON, MUST_HAVE_SHARE, READY_NEEDS_ACCEPTANCE,
    READY_NEEDS_SIZE, SCORE_OUT_OF_SCALE, TOO_MANY_DOING, WSJF_NO_REFERENCE,
};

pub fn check(product: &Product, findings: &mut Vec<Finding>) {
    let scale = product.scoring.scale();
    let max_doing = product.check.max_doing();
    let mut doing = 0;
    for (i, item) in product.items.iter().enumerate() {
        let at = KeyPath::root().key("items").index(i, Some(&item.id));
        ready(item, &at, findings);
        if item.status == Status::Dropped
            && item.reason.as_deref().is_none_or(|r| r.trim().is_empty())
        {
            findings.push(
                Finding::new(
                    DROPPED_WITHOUT_REASON,
                    at.key("status"),
                    format!("{} is dropped but does not say why", item.id),
                )
                .hint("add `reason = \"...\"` to the item, for whoever wonders later")
                .about(&item.id),
            );
        }
        if item.status == Status::Doing {
            doing += 1;
            if doing == max_doing as usize + 1 {
                let count = product
                    .items
                    .iter()
                    .filter(|i| i.status == Status::Doing)
                    .count();
                findings.push(
                    Finding::new(
                        TOO_MANY_DOING,
                        at.key("status"),
                        format!(
                            "{count} items are in progress, more than the limit of {max_doing}; {} is the first over it",
                            item.id
                        ),
                    )
                    .hint("finish work before starting more, or raise `max_doing` in [check]")
                    .about(&item.id),
                );
            }
        }
        if item.is_open() {
            for field in NumberField::ALL {
                let Some(value) = item.number(field) else {
                    continue;
                };
                if let Err(why) = priority::check_input(field, value, scale) {
                    findings.push(
                        Finding::new(SCORE_OUT_OF_SCALE, at.key(field.name()), format!("{}: {why}", item.id))
                            .hint(format!(
                                "ranking leaves {} unscored until it is fixed: `product item edit {} --{} N`",
                                item.id,
                                item.id,
                                field.name().replace('_', "-")
                            ))
                            .about(&item.id),
                    );
                }
            }
        }
    }
    confidence_fractions(product, findings);
    reference_points(product, findings);
    must_have_share(product, findings);
}

/// The definition of ready: work that is ready or under way has acceptance
/// criteria and a size.
fn ready(item: &Item, at: &KeyPath, findings: &mut Vec<Finding>) {
    if !matches!(item.status, Status::Ready | Status::Doing) {
        return;
    }
    let status = if item.status == Status::Ready {
        "ready"
    } else {
        "in progress"
    };
    if item.acceptance.iter().all(|a| a.trim().is_empty()) {
        findings.push(
            Finding::new(
                READY_NEEDS_ACCEPTANCE,
                at.key("status"),
                format!("{} is {status} but has no acceptance criteria", item.id),
            )
            .hint(format!(
                "say how the team will know it is done: `product item edit {} --acceptance \"Given ..., when ..., then ...\"`",
                item.id
            ))
            .about(&item.id),
        );
    }
    if item.size.is_none() {
        findings.push(
            Finding::new(
                READY_NEEDS_SIZE,
                at.key("status"),
                format!("{} is {status} but has no size", item.id),
            )
            .hint(format!("size it: `product item edit {} --size N`", item.id))
            .about(&item.id),
        );
    }
}

/// A RICE confidence of at most 1 was most likely written as a fraction
/// (0.8 for 80%), and makes the item's score 100 times too small.
fn confidence_fractions(product: &Product, findings: &mut Vec<Finding>) {
    for (i, item) in product.items.iter().enumerate() {
        let Some(why) = item
            .confidence
            .filter(|_| item.is_open())
            .and_then(priority::confidence_as_fraction)
        else {
            continue;
        };
        let at = KeyPath::root()
            .key("items")
            .index(i, Some(&item.id))
            .key("confidence");
        let percent = number::display(item.confidence.unwrap_or_default() * 100.0);
        findings.push(
            Finding::new(CONFIDENCE_FRACTION, at, format!("{}: {why}", item.id))
                .hint(format!(
                    "confidence is a percentage from 0 to 100: `product item score {} --confidence {percent}%`",
                    item.id
                ))
                .about(&item.id),
        );
    }
}

/// WSJF inputs are relative: the smallest piece of work is 1 and the rest
/// are judged against it. A column with no 1 has lost its reference point.
fn reference_points(product: &Product, findings: &mut Vec<Finding>) {
    for field in SCALED_FIELDS {
        let estimated: Vec<(usize, &Item, f64)> = product
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.is_open())
            .filter_map(|(i, item)| Some((i, item, item.number(field)?)))
            .filter(|(_, _, v)| v.is_finite())
            .collect();
        // One estimate alone has nothing to be relative to.
        if estimated.len() < 2 {
            continue;
        }
        let Some(&(i, item, value)) = estimated.iter().min_by(|a, b| a.2.total_cmp(&b.2)) else {
            continue;
        };
        if value == 1.0 {
            continue;
        }
        let at = KeyPath::root()
            .key("items")
            .index(i, Some(&item.id))
            .key(field.name());
        findings.push(
            Finding::new(
                WSJF_NO_REFERENCE,
                at,
                format!(
                    "no open item has {field} 1; the smallest is {} ({})",
                    number::display(value),
                    item.id
                ),
            )
            .hint(format!(
                "WSJF inputs are relative: give the item with the least {field} a 1 and judge the others against it"
            ))
            .about(&item.id),
        );
    }
}

fn must_have_share(product: &Product, findings: &mut Vec<Finding>) {
    let summary = priority::moscow(product);
    let (Some(share), true) = (summary.must_share, summary.over_limit) else {
        return;
    };
    // Placed at the first open must-have, where the MoSCoW calls start.
    let Some((i, item)) = product
        .items
        .iter()
        .enumerate()
        .find(|(_, item)| item.is_open() && item.moscow == Some(Moscow::Must))
    else {
        return;
    };
    let at = KeyPath::root()
        .key("items")
        .index(i, Some(&item.id))
        .key("moscow");
    findings.push(Finding::new(
        MUST_HAVE_SHARE,
        at,
        format!(
            "must-haves are {:.0}% of the size of the must, should and could haves, above the limit of {:.0}%",
            share * 100.0,
            summary.limit * 100.0
        ),
    )
    .hint("too little is left to absorb a surprise: make some should or could (`product rank --by moscow` shows them)"));
}
