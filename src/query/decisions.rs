//! The decision log: the decisions of a kind or since a day, the recent
//! ones, newest first, and how their signatures stand.

use serde::Serialize;

use crate::error::Result;
use crate::model::{Date, Decision, DecisionKind, Product};
use crate::signing::{self, SignerCheck};

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

/// The exact bytes a signature of decision `id` signs (see
/// [`signing::payload`]).
pub fn payload(product: &Product, id: &str) -> Result<Vec<u8>> {
    Ok(signing::payload(product.find_decision(id)?))
}

/// How the signatures of some decisions stand, against the signing keys
/// the file holds.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub decisions: Vec<DecisionSignatures>,
    /// Whether `[rights] signatures = "required"`.
    pub required: bool,
    /// How many decisions the log holds.
    pub total: usize,
}

/// One decision's signers: every signature it needs and every one it carries.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionSignatures {
    pub id: String,
    pub summary: String,
    pub signers: Vec<SignerCheck>,
    /// Signed validly by its decider and each agreer.
    pub fully_signed: bool,
    /// A signature it carries is not valid, or (asked for by id, or with
    /// signatures required) someone it names has not signed.
    pub failed: bool,
}

impl Verification {
    /// Whether any decision listed failed.
    pub fn failed(&self) -> bool {
        self.decisions.iter().any(|d| d.failed)
    }
}

/// The signatures of decision `id`, or of every decision that carries one
/// (and, with signatures required, every one logged), checked against the
/// keys in `[[people]]`. Keys in the same file prove only that the file is
/// consistent; `product check --base` checks against the keys of the base.
pub fn verify(product: &Product, id: Option<&str>) -> Result<Verification> {
    let required = product.rights.signatures_required();
    let chosen: Vec<&Decision> = match id {
        Some(id) => vec![product.find_decision(id)?],
        None => product
            .decisions
            .iter()
            .filter(|d| required || !d.signatures.is_empty())
            .collect(),
    };
    let strict = required || id.is_some();
    let decisions = chosen
        .into_iter()
        .map(|d| {
            let signers = signing::verify(d, &product.people, " in the file");
            let fully_signed = signing::fully_signed(&signers);
            let failed = signers.iter().any(|c| match &c.problem {
                None => false,
                Some(signing::Problem::Missing { .. }) => strict,
                Some(_) => true,
            });
            DecisionSignatures {
                id: d.id.clone(),
                summary: d.summary.clone(),
                signers,
                fully_signed,
                failed,
            }
        })
        .collect();
    Ok(Verification {
        decisions,
        required,
        total: product.decisions.len(),
    })
}
