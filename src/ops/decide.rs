//! A decision recorded by hand: one taken outside the tool (in a meeting, by
//! email), put in the decision log under the same rules as a change.
//!
//! The person recording it must hold a deciding role for each of its kinds,
//! and where a kind needs agreement, the actor's `agreed_by` must name
//! someone else who holds an agreeing role. Adding to the log is not itself
//! a decision, so committing the transaction logs nothing more.
//!
//! ```
//! use productfile::model::{Date, DecisionKind, Person, Product};
//! use productfile::ops::decide::{self, Decide};
//! use productfile::ops::{Actor, Transaction};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! for (name, role) in [("Priya", "owner"), ("Dan", "leadership")] {
//!     product.people.push(Person { name: name.into(), roles: vec![role.into()] });
//! }
//! let mut tx = Transaction::in_memory(product, today);
//! let priya = Actor::named("Priya").agreed_by("Dan");
//! let decided = tx.apply(|p, today| {
//!     decide::decide(p, today, &priya, &Decide::new(DecisionKind::Launch, "Public beta from 3 March"))
//! })?;
//! assert_eq!(decided.decision.agreed_by, ["Dan"]);
//! tx.commit(&priya)?;
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use super::{Actor, next_decision_id, refusal};
use crate::error::{Error, Result};
use crate::model::{Date, Decision, DecisionKind, Product};
use crate::rights::{self, Refusal};

/// A decision to record.
#[derive(Debug, Clone, PartialEq)]
pub struct Decide {
    /// What kinds of decision it is (one at least).
    pub kinds: Vec<DecisionKind>,
    /// What was decided, in a sentence.
    pub summary: String,
    /// What it is about: item, objective, key result, KPI or roadmap ids.
    pub refs: Vec<String>,
}

impl Decide {
    /// A decision of one kind, about nothing in particular yet.
    pub fn new(kind: DecisionKind, summary: impl Into<String>) -> Self {
        Decide {
            kinds: vec![kind],
            summary: summary.into(),
            refs: Vec::new(),
        }
    }
}

/// The decision logged.
#[derive(Debug, Clone, Serialize)]
pub struct Decided {
    pub decision: Decision,
}

/// Authorises the decision for `actor` (with their agreement and reason)
/// against the product's rules, and appends it to the log.
pub fn decide(product: &mut Product, today: Date, actor: &Actor, opts: &Decide) -> Result<Decided> {
    let summary = opts.summary.trim().to_owned();
    if summary.is_empty() {
        return Err(Error::usage("--summary is empty"));
    }
    let mut kinds: Vec<DecisionKind> = Vec::new();
    for &k in &opts.kinds {
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    if kinds.is_empty() {
        return Err(Error::usage("a decision needs its kind").with_hint(
            "give the kind: prioritisation, scope, refinement, goals, metrics, launch, vision or rights",
        ));
    }
    let Some(name) = actor.name.clone() else {
        return Err(refusal(Refusal::NoActor { kinds }));
    };
    let authorised =
        rights::authorise(product, &kinds, Some(&name), &actor.agreed_by).map_err(refusal)?;
    let decision = Decision {
        id: next_decision_id(product),
        date: today,
        kinds,
        other_kinds: Vec::new(),
        summary,
        decided_by: name,
        agreed_by: if authorised.agreed_by.is_empty() {
            actor.agreed_by.clone()
        } else {
            authorised.agreed_by
        },
        rationale: actor.why.clone(),
        refs: opts.refs.clone(),
        covers: Vec::new(),
    };
    product.decisions.push(decision.clone());
    Ok(Decided { decision })
}
