//! Ranking the open backlog by a method, and the order that applying the
//! ranking gives it.
//!
//! Higher scores come first. Ties go to the smaller denominator (size, cost
//! or effort), then to the item higher in the backlog, then to the smaller
//! id. Scores are compared exactly where every input is a whole number.
//! Done and dropped items are not ranked; unscored items are listed apart,
//! each with its reason. Applying the ranking places items by rank, after
//! what they depend on and around held (pinned or in-progress) items: see
//! [`super::place`] for the rules.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Product, Status};

use super::method::Method;
use super::place::{self, Node, Why};
use super::score::{Explanation, Score, Unscored, score};
use super::variable::NeedEvidence;

/// The ranking of a product's open items by one method.
#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    pub method: Method,
    pub ranked: Vec<Ranked>,
    pub unscored: Vec<UnscoredItem>,
}

/// An item with a score, in rank order.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    /// 1 for the highest score.
    pub rank: usize,
    pub id: String,
    /// Its place among open items now (1-based).
    pub position: usize,
    /// Its place once the ranking is applied.
    pub new_position: usize,
    pub pinned: bool,
    /// In progress: like a pinned item, it keeps its place.
    pub doing: bool,
    /// Why its new place is not the one its rank alone gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    /// The items of the dependency cycle it is in (itself included), whose
    /// dependencies on each other are ignored: they keep score order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cycle: Vec<String>,
    pub score: Score,
    pub explanation: Explanation,
}

/// An open item the method cannot score.
#[derive(Debug, Clone, Serialize)]
pub struct UnscoredItem {
    pub id: String,
    pub position: usize,
    pub new_position: usize,
    pub pinned: bool,
    pub doing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cycle: Vec<String>,
    #[serde(flatten)]
    pub why: Unscored,
}

/// Why applying a ranking puts an item somewhere other than its rank alone
/// would: a dependency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Placement {
    /// It comes after this open item, which it depends on.
    AfterDependency { id: String },
    /// It comes before this pinned or in-progress item, which depends on it.
    BeforeDependent { id: String },
}

impl Ranking {
    /// The open items' ids in the order applying the ranking gives them.
    pub fn order(&self) -> Vec<&str> {
        let mut order: Vec<(usize, &str)> = self
            .ranked
            .iter()
            .map(|r| (r.new_position, r.id.as_str()))
            .chain(
                self.unscored
                    .iter()
                    .map(|u| (u.new_position, u.id.as_str())),
            )
            .collect();
        order.sort_unstable();
        order.into_iter().map(|(_, id)| id).collect()
    }

    /// How many open items applying the ranking would move.
    pub fn moves(&self) -> usize {
        self.ranked
            .iter()
            .filter(|r| r.position != r.new_position)
            .count()
            + self
                .unscored
                .iter()
                .filter(|u| u.position != u.new_position)
                .count()
    }
}

/// Ranks the open items of `product` by `method`.
pub fn rank(product: &Product, method: &Method) -> Ranking {
    let mut candidates = Vec::new();
    let mut unscored = Vec::new();
    let needs = NeedEvidence::of(product);
    for (i, item) in product.open_items().enumerate() {
        match score(item, method, &needs) {
            Ok((score, explanation)) => candidates.push(Ranked {
                rank: 0,
                id: item.id.clone(),
                position: i + 1,
                new_position: 0,
                pinned: item.pinned,
                doing: item.status == Status::Doing,
                placement: None,
                cycle: Vec::new(),
                score,
                explanation,
            }),
            Err(why) => unscored.push(UnscoredItem {
                id: item.id.clone(),
                position: i + 1,
                new_position: 0,
                pinned: item.pinned,
                doing: item.status == Status::Doing,
                placement: None,
                cycle: Vec::new(),
                why,
            }),
        }
    }
    if !exact_comparisons_fit(&candidates) {
        // One inexact score would make comparisons mix exact and rounded
        // values, which need not be a consistent order: compare all by value.
        for c in &mut candidates {
            c.score.exact = None;
        }
    }
    candidates.sort_by(|a, b| {
        b.score
            .cmp_exact(&a.score)
            .then_with(|| denominator_cmp(&a.score, &b.score))
            .then(a.position.cmp(&b.position))
            .then_with(|| a.id.cmp(&b.id))
    });
    for (i, c) in candidates.iter_mut().enumerate() {
        c.rank = i + 1;
    }
    place(product, &mut candidates, &mut unscored);
    Ranking {
        method: method.clone(),
        ranked: candidates,
        unscored,
    }
}

/// Whether every score is a whole-number ratio and every cross product fits.
fn exact_comparisons_fit(candidates: &[Ranked]) -> bool {
    let mut top: i128 = 0;
    let mut bottom: i128 = 0;
    for c in candidates {
        match c.score.exact {
            Some((n, d)) => {
                top = top.max(n.abs());
                bottom = bottom.max(d.abs());
            }
            None => return false,
        }
    }
    top.checked_mul(bottom).is_some()
}

fn denominator_cmp(a: &Score, b: &Score) -> Ordering {
    match (a.denominator, b.denominator) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => Ordering::Equal,
    }
}

/// Gives every open item its place once applied, and why where it is not
/// its rank's: ranked items in rank order, then unscored items in their
/// present order, placed by [`place::place`].
fn place(product: &Product, ranked: &mut [Ranked], unscored: &mut [UnscoredItem]) {
    let open: Vec<&crate::model::Item> = product.open_items().collect();
    let index: HashMap<&str, usize> = open
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    let nodes: Vec<Node> = open
        .iter()
        .map(|item| Node {
            held: item.pinned || item.status == Status::Doing,
            deps: item
                .depends_on
                .iter()
                .filter_map(|d| index.get(d.as_str()).copied())
                .collect(),
        })
        .collect();
    let mut preference = vec![0; open.len()];
    let positions = ranked
        .iter()
        .map(|r| r.position)
        .chain(unscored.iter().map(|u| u.position));
    for (rank, position) in positions.enumerate() {
        preference[position - 1] = rank;
    }
    let placed = place::place(&nodes, &preference);
    let mut new_position = vec![0; open.len()];
    for (slot, &i) in placed.order.iter().enumerate() {
        new_position[i] = slot + 1;
    }
    let id = |i: usize| open[i].id.clone();
    let placement = |i: usize| {
        placed.why[i].map(|why| match why {
            Why::After(d) => Placement::AfterDependency { id: id(d) },
            Why::Before(d) => Placement::BeforeDependent { id: id(d) },
        })
    };
    let cycle = |i: usize| placed.cycle[i].iter().map(|&c| id(c)).collect();
    for r in ranked.iter_mut() {
        let i = r.position - 1;
        (r.new_position, r.placement, r.cycle) = (new_position[i], placement(i), cycle(i));
    }
    for u in unscored.iter_mut() {
        let i = u.position - 1;
        (u.new_position, u.placement, u.cycle) = (new_position[i], placement(i), cycle(i));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Item, Kind, Status};

    fn product(items: &[(&str, &[(&str, f64)])]) -> Product {
        let mut p = Product::new("P".into(), "RX".into());
        let today = Date::from_ymd(2026, 11, 1).unwrap();
        for (id, fields) in items {
            let mut item = Item::new((*id).into(), format!("item {id}"), Kind::Feature, today);
            for (k, v) in *fields {
                let field = crate::model::NumberField::named(k).expect("a numeric field");
                *item.number_mut(field) = Some(*v);
            }
            p.items.push(item);
        }
        p
    }

    fn ids(ranking: &Ranking) -> Vec<&str> {
        ranking.ranked.iter().map(|r| r.id.as_str()).collect()
    }

    fn rice(reach: f64, impact: f64, confidence: f64, effort: f64) -> Vec<(&'static str, f64)> {
        vec![
            ("reach", reach),
            ("impact", impact),
            ("confidence", confidence),
            ("effort", effort),
        ]
    }

    #[test]
    fn intercoms_projects_rank_three_one_two() {
        let (a, b, c) = (
            rice(450.0, 3.0, 100.0, 2.0),
            rice(2000.0, 1.0, 80.0, 4.0),
            rice(800.0, 2.0, 50.0, 1.0),
        );
        let p = product(&[("RX-1", &a), ("RX-2", &b), ("RX-3", &c)]);
        let r = rank(&p, &Method::Rice);
        assert_eq!(ids(&r), ["RX-3", "RX-1", "RX-2"]);
        assert_eq!(r.ranked[0].new_position, 1);
        assert_eq!(r.order(), ["RX-3", "RX-1", "RX-2"]);
        assert_eq!(r.moves(), 3);
    }

    #[test]
    fn ties_go_to_the_smaller_size_then_the_backlog_order() {
        let wsjf = |v: f64, size: f64| {
            vec![
                ("value", v),
                ("time_criticality", 0.0),
                ("risk_reduction", 0.0),
                ("size", size),
            ]
        };
        let (a, b, c, d) = (
            wsjf(4.0, 2.0),
            wsjf(2.0, 1.0),
            wsjf(2.0, 1.0),
            wsjf(9.0, 3.0),
        );
        let p = product(&[("RX-1", &a), ("RX-2", &b), ("RX-3", &c), ("RX-4", &d)]);
        let r = rank(&p, &Method::Wsjf);
        assert_eq!(ids(&r), ["RX-4", "RX-2", "RX-3", "RX-1"]);
    }

    #[test]
    fn closed_items_are_left_out_and_unscored_ones_listed_apart() {
        let scored = [("value", 1.0), ("cost", 2.0)];
        let zero = [("value", 1.0), ("cost", 0.0)];
        let mut p = product(&[
            ("RX-1", &[]),
            ("RX-2", &scored),
            ("RX-3", &scored),
            ("RX-4", &zero),
        ]);
        p.items[2].status = Status::Done;
        let r = rank(&p, &Method::ValueCost);
        assert_eq!(ids(&r), ["RX-2"]);
        let reasons: Vec<(&str, &str)> = r
            .unscored
            .iter()
            .map(|u| (u.id.as_str(), u.why.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [("RX-1", "missing value, cost"), ("RX-4", "cost is 0")]
        );
        assert_eq!(r.order(), ["RX-2", "RX-1", "RX-4"]);
    }

    #[test]
    fn pinned_items_keep_their_places() {
        let low = [("value", 1.0), ("cost", 1.0)];
        let high = [("value", 9.0), ("cost", 1.0)];
        let mid = [("value", 5.0), ("cost", 1.0)];
        let mut p = product(&[("RX-1", &low), ("RX-2", &mid), ("RX-3", &high)]);
        p.items[0].pinned = true;
        let r = rank(&p, &Method::ValueCost);
        assert_eq!(r.order(), ["RX-1", "RX-3", "RX-2"]);
        let again = {
            let mut q = p.clone();
            q.reorder_open(&r.order()).unwrap();
            rank(&q, &Method::ValueCost)
        };
        assert_eq!(again.moves(), 0);
    }

    #[test]
    fn mixed_whole_and_fractional_inputs_still_order_consistently() {
        let a = [("value", 1.0), ("cost", 3.0)];
        let b = [("value", 0.5), ("cost", 1.5)];
        let c = [("value", 2.0), ("cost", 6.0)];
        let p = product(&[("RX-1", &a), ("RX-2", &b), ("RX-3", &c)]);
        let r = rank(&p, &Method::ValueCost);
        // All equal to 1/3: the smaller cost wins, then the backlog order.
        assert_eq!(ids(&r), ["RX-2", "RX-1", "RX-3"]);
    }
}
