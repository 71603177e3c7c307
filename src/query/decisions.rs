//! The decision log: the decisions of a kind or since a day, and the
//! recent ones, newest first.

use serde::Serialize;

use crate::model::{Date, Decision, DecisionKind, Product};

/// Which decisions to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only decisions of this kind (among others, maybe).
    pub kind: Option<DecisionKind>,
    /// Only decisions on or after this day.
    pub since: Option<Date>,
}

/// The decisions that match, in log order, and how many the log holds.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionLog {
    pub decisions: Vec<Decision>,
    pub total: usize,
}

/// The decisions of the log that match `filter`, latest last.
pub fn log(product: &Product, filter: &Filter) -> DecisionLog {
    let decisions = product
        .decisions
        .iter()
        .filter(|d| filter.kind.is_none_or(|k| d.is_of(k)))
        .filter(|d| filter.since.is_none_or(|s| d.date >= s))
        .cloned()
        .collect();
    DecisionLog {
        decisions,
        total: product.decisions.len(),
    }
}

/// The decisions dated on or after `since`, newest first.
pub fn recent(product: &Product, since: Date) -> Vec<Decision> {
    let mut decisions: Vec<Decision> = product
        .decisions
        .iter()
        .filter(|d| d.date >= since)
        .cloned()
        .collect();
    decisions.sort_by_key(|d| std::cmp::Reverse(d.date));
    decisions
}
