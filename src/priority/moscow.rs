//! MoSCoW: the open backlog grouped into must, should, could and won't have,
//! and the share of the effort the must-haves take.
//!
//! The share is the size of the must-haves over the size of the must, should
//! and could haves (won't-haves are not in this release). Above 60% there is
//! too little contingency left to absorb a surprise.

use serde::Serialize;

use crate::model::{Moscow, Product, number};

/// Above this share of the size, the must-haves leave too little contingency.
pub const MUST_SHARE_LIMIT: f64 = 0.6;

/// One MoSCoW group, its items in backlog order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoscowGroup {
    /// `None` for open items with no MoSCoW category yet.
    pub moscow: Option<Moscow>,
    pub items: Vec<String>,
    /// The sum of the sizes of its items that have one.
    #[serde(serialize_with = "number::compact")]
    pub size: f64,
    /// Its items with no size.
    pub unsized_items: usize,
}

/// The open backlog by MoSCoW category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoscowSummary {
    /// Must, should, could, won't, then uncategorised.
    pub groups: Vec<MoscowGroup>,
    /// Must-have size over must + should + could size; `None` when that is 0.
    pub must_share: Option<f64>,
    /// The share above which the must-haves leave too little contingency:
    /// `[check] must_have_share`, else [`MUST_SHARE_LIMIT`].
    pub limit: f64,
    /// Whether the must share is above the limit.
    pub over_limit: bool,
}

/// Groups the open items of `product` by MoSCoW category.
pub fn moscow(product: &Product) -> MoscowSummary {
    let categories = [
        Some(Moscow::Must),
        Some(Moscow::Should),
        Some(Moscow::Could),
        Some(Moscow::Wont),
        None,
    ];
    let mut groups: Vec<MoscowGroup> = categories
        .iter()
        .map(|&moscow| MoscowGroup {
            moscow,
            items: Vec::new(),
            size: 0.0,
            unsized_items: 0,
        })
        .collect();
    for item in product.open_items() {
        let at = categories
            .iter()
            .position(|c| *c == item.moscow)
            .unwrap_or(4);
        let group = &mut groups[at];
        group.items.push(item.id.clone());
        match item.size.filter(|s| s.is_finite() && *s >= 0.0) {
            Some(size) => group.size += size,
            None => group.unsized_items += 1,
        }
    }
    let release: f64 = groups[..3].iter().map(|g| g.size).sum();
    let must_share = (release > 0.0).then(|| groups[0].size / release);
    let limit = product.check.must_have_share.unwrap_or(MUST_SHARE_LIMIT);
    MoscowSummary {
        over_limit: must_share.is_some_and(|s| s > limit),
        limit,
        must_share,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Item, Kind, Status};

    #[test]
    fn must_share_counts_must_should_and_could() {
        let mut p = Product::new("P".into(), "RX".into());
        let today = Date::from_ymd(2026, 11, 1).unwrap();
        let rows = [
            (Some(Moscow::Must), Some(8.0), Status::Idea),
            (Some(Moscow::Should), Some(3.0), Status::Idea),
            (Some(Moscow::Could), Some(2.0), Status::Idea),
            (Some(Moscow::Wont), Some(40.0), Status::Idea),
            (Some(Moscow::Must), None, Status::Idea),
            (Some(Moscow::Must), Some(100.0), Status::Done),
            (None, Some(1.0), Status::Ready),
        ];
        for (n, (m, size, status)) in rows.iter().enumerate() {
            let mut item = Item::new(format!("RX-{}", n + 1), "t".into(), Kind::Feature, today);
            item.moscow = *m;
            item.size = *size;
            item.status = *status;
            p.items.push(item);
        }
        let s = moscow(&p);
        assert_eq!(s.groups[0].items, ["RX-1", "RX-5"]);
        assert_eq!(s.groups[0].unsized_items, 1);
        assert_eq!(s.groups[4].items, ["RX-7"]);
        assert_eq!(s.must_share, Some(8.0 / 13.0));
        assert!(s.over_limit);
    }
}
