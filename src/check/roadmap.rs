//! Rules about the roadmap: hard dates that say why, a Now column kept
//! short, nothing in Now without open work behind it, and hard dates the
//! forecast from the backlog's history says are likely to be met.

use std::collections::BTreeMap;

use crate::forecast::{self, Options, Question, SUMMARY_TRIALS, Status};
use crate::model::{Date, Horizon, KeyPath, Product, RuleLevel};

use super::Finding;
use super::rules::{
    HARD_DATE_AT_RISK, HARD_DATE_WITHOUT_REASON, NOW_WITHOUT_OPEN_ITEMS, TOO_MANY_NOW,
};

pub fn check(product: &Product, findings: &mut Vec<Finding>) {
    let max_now = product.check.max_now() as usize;
    let now_count = product
        .roadmap
        .iter()
        .filter(|r| r.horizon == Horizon::Now)
        .count();
    let mut now_seen = 0;
    for (i, entry) in product.roadmap.iter().enumerate() {
        let at = KeyPath::root().key("roadmap").index(i, Some(&entry.id));
        if let Some(date) = entry.date
            && entry
                .date_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            findings.push(
                Finding::new(
                    HARD_DATE_WITHOUT_REASON,
                    at.key("date"),
                    format!(
                        "roadmap entry {} has a hard date ({date}) but no reason for it",
                        entry.id
                    ),
                )
                .hint(format!(
                    "say what fixes the date (a contract, a law, an event): `product roadmap edit {} --date-reason \"...\"`",
                    entry.id
                ))
                .about(&entry.id),
            );
        }
        if entry.horizon != Horizon::Now {
            continue;
        }
        now_seen += 1;
        if now_seen == max_now + 1 {
            findings.push(
                Finding::new(
                    TOO_MANY_NOW,
                    at.key("horizon"),
                    format!(
                        "{now_count} roadmap entries are in Now, more than the limit of {max_now}; {} is the first over it",
                        entry.id
                    ),
                )
                .hint(format!(
                    "move what is not being worked on to Next (`product roadmap move {} --to next`), or raise `max_now` in [check]",
                    entry.id
                ))
                .about(&entry.id),
            );
        }
        let linked: Vec<_> = product
            .items
            .iter()
            .filter(|item| item.roadmap.as_deref() == Some(entry.id.as_str()))
            .collect();
        if !linked.iter().any(|item| item.is_open()) {
            let message = if linked.is_empty() {
                format!("roadmap entry {} is in Now but has no items", entry.id)
            } else {
                match linked.len() {
                    1 => format!(
                        "roadmap entry {} is in Now but its one item is done or dropped",
                        entry.id
                    ),
                    n => format!(
                        "roadmap entry {} is in Now but its {n} items are all done or dropped",
                        entry.id
                    ),
                }
            };
            let hint = if linked.is_empty() {
                format!(
                    "put the work under it (`product item edit ID --roadmap {}`), or move it to Next",
                    entry.id
                )
            } else {
                "if the outcome is reached, take it off the roadmap or move it on; if not, add the work still to do".to_owned()
            };
            findings.push(
                Finding::new(NOW_WITHOUT_OPEN_ITEMS, at.key("horizon"), message)
                    .hint(hint)
                    .about(&entry.id),
            );
        }
    }
}

/// Roadmap entries whose hard date the forecast (the default options, with
/// [`SUMMARY_TRIALS`]) gives less than `[check] hard_date_confidence`. With
/// too little history there is nothing to say.
pub fn hard_dates_at_risk(product: &Product, today: Date, findings: &mut Vec<Finding>) {
    // The forecast is the dearest check: skipped when the rule is off.
    let off = product.check.rules.get(HARD_DATE_AT_RISK.id) == Some(&RuleLevel::Off);
    if off || product.roadmap.iter().all(|r| r.date.is_none()) {
        return;
    }
    let options = Options {
        trials: SUMMARY_TRIALS,
        ..Options::default()
    };
    let Ok(f) = forecast::forecast(
        product,
        today,
        &Question::default(),
        &BTreeMap::new(),
        &options,
    ) else {
        return;
    };
    let least = product.check.hard_date_confidence();
    for hard in &f.hard_dates {
        let (Status::Ok, Some(chance)) = (hard.status, hard.probability) else {
            continue;
        };
        if chance >= least {
            continue;
        }
        let Some(i) = product.roadmap.iter().position(|r| r.id == hard.id) else {
            continue;
        };
        let at = KeyPath::root().key("roadmap").index(i, Some(&hard.id));
        findings.push(
            Finding::new(
                HARD_DATE_AT_RISK,
                at.key("date"),
                format!(
                    "roadmap entry {} has a {:.0}% chance of meeting its hard date ({}), below {:.0}%: \
                     forecast from {} items done in the {} weeks to {} ({} trials)",
                    hard.id,
                    chance * 100.0,
                    hard.date,
                    least * 100.0,
                    f.throughput.items_done,
                    f.throughput.window_weeks,
                    f.throughput.window_end,
                    f.trials
                ),
            )
            .hint(format!(
                "see `product forecast --roadmap {}`; move its items up the backlog, cut its scope or move the date",
                hard.id
            ))
            .about(&hard.id),
        );
    }
}
