//! Rules about the roadmap: hard dates that say why, a Now column kept
//! short, and nothing in Now without open work behind it.

use crate::model::{Horizon, KeyPath, Product};

use super::Finding;
use super::rules::{HARD_DATE_WITHOUT_REASON, NOW_WITHOUT_OPEN_ITEMS, TOO_MANY_NOW};

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
