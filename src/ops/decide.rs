//! A decision recorded by hand: one taken outside the tool (in a meeting, by
//! email), put in the decision log under the same rules as a change.
//!
//! The person recording it must hold a deciding role for each of its kinds,
//! and where a kind needs agreement, the actor's `agreed_by` must name
//! someone else who holds an agreeing role. Adding to the log is not itself
//! a decision, so committing the transaction logs nothing more. A `rights`
//! decision naming only people who hold roles the actor may pass on
//! ([`rights::may_pass_on`]) needs no `rights` rule.
//!
//! ```
//! use productfile::model::{Date, DecisionKind, Person, Product};
//! use productfile::ops::decide::{self, Decide};
//! use productfile::ops::{Actor, Transaction};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! for (name, role) in [("Priya", "owner"), ("Dan", "leadership")] {
//!     product.people.push(Person::new(name, vec![role.into()]));
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
use crate::model::{
    Cover, Date, Decision, DecisionKind, Item, KeyResult, Kpi, Objective, Person, Product,
    ProductInfo, Rights, RoadmapEntry, Vision,
};
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
    /// Fields of the referenced elements it covers: with them, the decision
    /// covers any change the branch makes to each field of each ref, and
    /// nothing else (recorded without values: see [`crate::model::Cover`]).
    pub fields: Vec<String>,
}

impl Decide {
    /// A decision of one kind, about nothing in particular yet.
    pub fn new(kind: DecisionKind, summary: impl Into<String>) -> Self {
        Decide {
            kinds: vec![kind],
            summary: summary.into(),
            refs: Vec::new(),
            fields: Vec::new(),
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
    let covers = covers(product, opts)?;
    let Some(name) = actor.name.clone() else {
        return Err(refusal(Refusal::NoActor { kinds }));
    };
    // A rights decision about people whose roles are all the actor's to
    // pass on answers to no `rights` rule (`check --base` judges what it
    // covers, change by change).
    let judged: Vec<DecisionKind> = if passes_on(product, &name, opts) {
        kinds
            .iter()
            .copied()
            .filter(|k| *k != DecisionKind::Rights)
            .collect()
    } else {
        kinds.clone()
    };
    let authorised =
        rights::authorise(product, &judged, Some(&name), &actor.agreed_by).map_err(refusal)?;
    let decision = Decision {
        id: next_decision_id(product)?,
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
        covers,
        signatures: Vec::new(),
    };
    product.decisions.push(decision.clone());
    Ok(Decided { decision })
}

/// Whether a `rights` decision names only people (and, with fields, only
/// their roles) who hold nothing but roles `name` may pass on.
fn passes_on(product: &Product, name: &str, opts: &Decide) -> bool {
    opts.kinds.contains(&DecisionKind::Rights)
        && !opts.refs.is_empty()
        && opts.fields.iter().all(|f| f == "roles")
        && opts.refs.iter().all(|r| {
            product.people.iter().any(|p| {
                p.name == *r
                    && p.roles
                        .iter()
                        .all(|role| rights::may_pass_on(product, name, role))
            })
        })
}

/// What `--ref ID --field F` covers: field F of each element named, as
/// the branch changes it.
fn covers(product: &Product, opts: &Decide) -> Result<Vec<Cover>> {
    if opts.fields.is_empty() {
        return Ok(Vec::new());
    }
    if opts.refs.is_empty() {
        return Err(
            Error::usage("--field needs --ref: whose field does the decision cover?")
                .with_hint("name the element: `--ref K1 --field threshold`"),
        );
    }
    let mut out = Vec::new();
    for reference in &opts.refs {
        let (section, id, known) = section_of(product, reference)?;
        for field in &opts.fields {
            if !known.contains(&field.as_str()) {
                return Err(Error::usage(format!(
                    "--field {field}: {reference} ({section}) has no field `{field}`"
                ))
                .with_hint(format!("its fields are {}", known.join(", "))));
            }
            out.push(Cover {
                section: section.to_owned(),
                id: id.clone(),
                change: None,
                field: Some(field.clone()),
                old: None,
                new: None,
            });
        }
    }
    Ok(out)
}

/// The section an id names, the id as a cover records it, and the fields
/// there are: an element's id (a person's name), or `vision`, `rights`,
/// `product` for those tables.
fn section_of(
    product: &Product,
    reference: &str,
) -> Result<(&'static str, String, &'static [&'static str])> {
    let id = reference.to_owned();
    if product.find_item(reference).is_ok() {
        return Ok(("items", id, Item::FIELDS));
    }
    if product.find_key_result(reference).is_ok() {
        return Ok(("key_results", id, KeyResult::FIELDS));
    }
    if product.find_objective(reference).is_ok() {
        return Ok(("objectives", id, Objective::FIELDS));
    }
    if product.find_kpi(reference).is_ok() {
        return Ok(("kpis", id, Kpi::FIELDS));
    }
    if product.find_roadmap_entry(reference).is_ok() {
        return Ok(("roadmap", id, RoadmapEntry::FIELDS));
    }
    if product.people.iter().any(|p| p.name == reference) {
        return Ok(("people", id, Person::FIELDS));
    }
    match reference {
        "vision" => Ok(("vision", String::new(), Vision::FIELDS)),
        "rights" => Ok(("rights", String::new(), Rights::FIELDS)),
        "product" => Ok(("product", String::new(), ProductInfo::FIELDS)),
        _ => Err(Error::usage(format!(
            "--ref {reference}: no item, objective, key result, KPI, roadmap entry or person has that id"
        ))
        .with_hint(
            "name an element of the file, or `vision`, `rights` or `product` for those tables",
        )),
    }
}
