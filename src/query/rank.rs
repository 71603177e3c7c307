//! The open backlog ranked by a scoring method: each scored item's inputs,
//! score, place now and the move the ranking implies; the items the method
//! cannot score, with why; and for MoSCoW, the groups and the must-have share.

use std::collections::HashMap;

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{Item, Moscow, Product, number};
use crate::priority::{self, Explanation, Method, MethodError, MoscowSummary, Placement, Ranking};

/// What to rank by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RankQuery {
    /// A method's name (`wsjf`, `value-cost`, `rice`, `moscow` or a
    /// formula's); the file's default method when `None`.
    pub by: Option<String>,
    /// Show only the first so many ranked items.
    pub limit: Option<usize>,
}

/// A ranking of the open backlog, as it is shown.
#[derive(Debug, Clone, Serialize)]
pub struct RankReport {
    pub method: Method,
    /// The item fields the method reads.
    pub inputs: Vec<String>,
    pub ranked: Vec<RankRow>,
    pub unscored: Vec<UnscoredRow>,
    /// Ranked items left out by the limit.
    #[serde(skip_serializing_if = "is_zero")]
    pub not_shown: usize,
    /// How many open items the ranking moves.
    pub moves: usize,
    /// Whether the new order was written.
    pub applied: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moscow: Option<MoscowSummary>,
    /// Set when there are open items and the method could score none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nothing_scored: Option<NothingScored>,
}

/// Why a method scored no open item, and the command that gives scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NothingScored {
    /// E.g. `no item has all of value, time_criticality, risk_reduction and size`.
    pub reason: String,
    /// E.g. `product item score LC-1 --size N`.
    pub hint: String,
}

/// A scored item, in rank order.
#[derive(Debug, Clone, Serialize)]
pub struct RankRow {
    pub rank: usize,
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "number::compact")]
    pub score: f64,
    /// Its category, when ranked by MoSCoW.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moscow: Option<Moscow>,
    /// Its size, when ranked by MoSCoW.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    pub size: Option<f64>,
    /// Its place among open items now.
    pub position: usize,
    /// Its place once the ranking is applied.
    pub new_position: usize,
    /// Places it moves up (negative: down).
    #[serde(rename = "move")]
    pub shift: i64,
    pub pinned: bool,
    /// In progress: like a pinned item, it keeps its place.
    pub doing: bool,
    /// Why its new place is not the one its rank alone gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    /// The items of the dependency cycle it is in (itself included): their
    /// dependencies on each other are ignored, so they keep score order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cycle: Vec<String>,
    pub explanation: Explanation,
}

/// An open item the method cannot score.
#[derive(Debug, Clone, Serialize)]
pub struct UnscoredRow {
    pub id: String,
    pub title: String,
    pub position: usize,
    pub new_position: usize,
    pub pinned: bool,
    pub doing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cycle: Vec<String>,
    pub reason: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The method `by` names, else the file's default.
pub fn method(product: &Product, by: Option<&str>) -> Result<Method> {
    let result = match by {
        Some(name) => Method::resolve(name, &product.scoring),
        None => Method::default_for(&product.scoring),
    };
    result.map_err(|e| match e {
        MethodError::Unknown(u) => Error::new(
            ErrorKind::Usage,
            ErrorCode::UnknownMethod,
            format!("no method `{}`", u.name),
        )
        .with_hint(format!(
            "methods: {}; add your own under [scoring.formulas]",
            u.known.join(", ")
        )),
        other => Error::new(
            ErrorKind::Invalid,
            ErrorCode::InvalidFormula,
            other.to_string(),
        )
        .with_hint("fix [scoring.formulas] in the product file"),
    })
}

/// The open backlog ranked as `query` asks.
pub fn rank(product: &Product, query: &RankQuery) -> Result<RankReport> {
    let method = method(product, query.by.as_deref())?;
    let ranking = priority::rank(product, &method);
    Ok(RankReport::new(product, &ranking).limited(query.limit))
}

impl RankReport {
    /// The report of a ranking of `product`, before it is applied.
    pub fn new(product: &Product, ranking: &Ranking) -> RankReport {
        let by_id: HashMap<&str, &Item> =
            product.items.iter().map(|i| (i.id.as_str(), i)).collect();
        let item = |id: &str| by_id.get(id).copied();
        let title = |id: &str| item(id).map_or(String::new(), |i| i.title.clone());
        let moscow = ranking.method == Method::Moscow;
        let ranked = ranking
            .ranked
            .iter()
            .map(|r| RankRow {
                rank: r.rank,
                id: r.id.clone(),
                title: title(&r.id),
                score: r.score.value,
                moscow: item(&r.id).and_then(|i| i.moscow).filter(|_| moscow),
                size: item(&r.id).and_then(|i| i.size).filter(|_| moscow),
                position: r.position,
                new_position: r.new_position,
                shift: r.position as i64 - r.new_position as i64,
                pinned: r.pinned,
                doing: r.doing,
                placement: r.placement.clone(),
                cycle: r.cycle.clone(),
                explanation: r.explanation.clone(),
            })
            .collect();
        let unscored = ranking
            .unscored
            .iter()
            .map(|u| UnscoredRow {
                id: u.id.clone(),
                title: title(&u.id),
                position: u.position,
                new_position: u.new_position,
                pinned: u.pinned,
                doing: u.doing,
                placement: u.placement.clone(),
                cycle: u.cycle.clone(),
                reason: u.why.reason.clone(),
                missing: u.why.missing.clone(),
            })
            .collect();
        RankReport {
            method: ranking.method.clone(),
            inputs: ranking
                .method
                .inputs()
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            ranked,
            unscored,
            not_shown: 0,
            moves: ranking.moves(),
            applied: false,
            moscow: moscow.then(|| priority::moscow(product)),
            nothing_scored: nothing_scored(ranking),
        }
    }

    /// Keeps the first `limit` ranked items, counting the others as not shown.
    pub fn limited(mut self, limit: Option<usize>) -> RankReport {
        if let Some(limit) = limit.filter(|&l| l < self.ranked.len()) {
            self.not_shown += self.ranked.len() - limit;
            self.ranked.truncate(limit);
        }
        self
    }
}

/// Why no open item could be scored, when none could: the inputs no item
/// has all of, and a command for the first item that lacks some.
fn nothing_scored(ranking: &Ranking) -> Option<NothingScored> {
    if !ranking.ranked.is_empty() {
        return None;
    }
    let first = ranking.unscored.first()?;
    // MoSCoW ranks by the category alone; size only weighs the groups.
    let needed: Vec<&str> = match ranking.method {
        Method::Moscow => vec!["moscow"],
        _ => ranking.method.inputs(),
    };
    let lacking = ranking.unscored.iter().find(|u| !u.why.missing.is_empty());
    let reason = match (lacking, needed.as_slice()) {
        (Some(_), [one]) => format!("no item has {one}"),
        (Some(_), [rest @ .., last]) => {
            format!("no item has all of {} and {last}", rest.join(", "))
        }
        _ => format!(
            "no item's inputs can be used (e.g. {}: {})",
            first.id, first.why.reason
        ),
    };
    let hint = match lacking {
        Some(u) => {
            let flags: Vec<String> = u
                .why
                .missing
                .iter()
                .map(|f| {
                    let example = if f == "moscow" { "must" } else { "N" };
                    format!("--{} {example}", f.replace('_', "-"))
                })
                .collect();
            format!("product item score {} {}", u.id, flags.join(" "))
        }
        None => format!("product item score {}", first.id),
    };
    Some(NothingScored { reason, hint })
}
