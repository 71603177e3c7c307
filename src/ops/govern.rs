//! The decision-rights step of every change: what the change decides (the
//! semantic diff), whether the person making it may (the rules), and the
//! decision to log when agreement was needed or a reason was given.

use serde_json::Value;

use crate::diff::{self, Change, What};
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::ids::IdKind;
use crate::model::{Cover, CoverChange, Date, Decision, DecisionKind, Product};
use crate::rights::{self, Authorised, Refusal};

use super::Actor;

/// How many changes a generated summary names before saying how many more.
const SUMMARY_CHANGES: usize = 3;

/// Checks the change from `before` to `after` against the decision rights
/// of `before`, and appends the decision to `after`'s log when one is owed.
/// A refusal leaves the file untouched, since nothing has been written yet.
pub fn authorise_change(
    before: &Product,
    after: &mut Product,
    actor: &Actor,
    today: Date,
) -> Result<Option<Decision>> {
    let changes = diff::diff(before, after);
    let kinds = diff::kinds(&changes);
    if kinds.is_empty() {
        return Ok(None);
    }
    let name = actor.name.as_deref();
    // Roles the actor may pass on answer to no `rights` rule, when every
    // rights change in the set is one; the decision is logged all the same.
    let passed_on = name.is_some_and(|n| {
        changes
            .iter()
            .filter(|c| c.kind == Some(DecisionKind::Rights))
            .all(|c| rights::passed_on(before, before, after, c, n))
    });
    let judged: Vec<DecisionKind> = kinds
        .iter()
        .copied()
        .filter(|k| !(passed_on && *k == DecisionKind::Rights))
        .collect();
    let mut authorised =
        rights::authorise(before, &judged, name, &actor.agreed_by).map_err(refusal)?;
    authorised.kinds = kinds;
    rights::keeps_an_owner(before, after).map_err(refusal)?;
    rights::keeps_signers_keyed(before, after).map_err(refusal)?;
    // Taking the owner role, or taking it away, is the current owner's word
    // as well as the rights rule's.
    if let Some(owner) =
        rights::owner_change_agreed(before, after, name, &actor.agreed_by).map_err(refusal)?
    {
        authorised.agreement_needed = true;
        if !authorised.agreed_by.contains(&owner) {
            authorised.agreed_by.push(owner);
        }
    }
    // A change of rights is always logged: who holds which right is what
    // every other decision is judged by.
    let rights_change = authorised.kinds.contains(&DecisionKind::Rights);
    // So is a service assessment planned or recorded: the panel's judgment
    // was made elsewhere, and the log shows who wrote it down, and when.
    let assessment = authorised.kinds.contains(&DecisionKind::Assessment);
    // With signatures required, every governed change needs a decision
    // that can be signed: the file cannot otherwise prove who made it.
    let signed = before.rights.signatures_required();
    // A declined request is always logged, with its reason: the requester
    // is owed an answer, and the log is where it is kept.
    let declined = declined_reason(&changes, after);
    let wanted = authorised.agreement_needed
        || rights_change
        || assessment
        || declined.is_some()
        || signed
        || actor.why.is_some()
        || !actor.agreed_by.is_empty();
    if !wanted {
        return Ok(None);
    }
    let Some(name) = name else {
        let what = if rights_change {
            "a change of rights is always logged"
        } else if assessment {
            "a service assessment planned or recorded is always logged"
        } else if declined.is_some() {
            "declining a request is always logged"
        } else if signed {
            "with signatures required, every decision is logged to be signed"
        } else {
            "a decision is to be logged"
        };
        return Err(
            Error::usage(format!("{what}, and nobody is named as taking it"))
                .with_hint("say who you are with --as NAME, $PRODUCT_AS or `git config user.name`"),
        );
    };
    // The reason a request was declined is the decision's rationale; a
    // `--why` given as well is kept after it.
    let why = match (declined, actor.why.clone()) {
        (Some(reasons), Some(why)) => Some(format!("{reasons}; {why}")),
        (reasons, why) => reasons.or(why),
    };
    let actor = &Actor {
        why,
        ..actor.clone()
    };
    let decision = decision(
        actor,
        today,
        (before, after),
        &changes,
        &authorised,
        name.to_owned(),
    )?;
    after.decisions.push(decision.clone());
    Ok(Some(decision))
}

fn decision(
    actor: &Actor,
    today: Date,
    (before, product): (&Product, &Product),
    changes: &[Change],
    authorised: &Authorised,
    decided_by: String,
) -> Result<Decision> {
    let governed: Vec<&Change> = changes.iter().filter(|c| c.kind.is_some()).collect();
    // An element is named by its title once; its other changes by id.
    let mut named: Vec<&str> = Vec::new();
    let mut summary: Vec<String> = Vec::new();
    for c in governed.iter().take(SUMMARY_CHANGES) {
        summary.push(if named.contains(&c.id.as_str()) {
            c.summary()
        } else {
            c.titled_summary(before, product)
        });
        named.push(&c.id);
    }
    if governed.len() > SUMMARY_CHANGES {
        summary.push(format!("and {} more", governed.len() - SUMMARY_CHANGES));
    }
    let mut refs: Vec<String> = Vec::new();
    for c in &governed {
        if !c.id.is_empty() && !refs.contains(&c.id) && c.section != "people" {
            refs.push(c.id.clone());
        }
    }
    Ok(Decision {
        id: next_decision_id(product)?,
        date: today,
        kinds: authorised.kinds.clone(),
        other_kinds: Vec::new(),
        summary: summary.join("; "),
        decided_by,
        // Agreement given where none was needed is still worth the record.
        agreed_by: if authorised.agreed_by.is_empty() {
            actor.agreed_by.clone()
        } else {
            authorised.agreed_by.clone()
        },
        rationale: actor.why.clone(),
        refs,
        covers: governed.iter().map(|c| cover(c, product)).collect(),
        signatures: Vec::new(),
    })
}

/// The reasons of the requests this change declines, as one rationale;
/// `None` when it declines none.
fn declined_reason(changes: &[Change], after: &Product) -> Option<String> {
    let reasons: Vec<String> = changes
        .iter()
        .filter(|c| c.declines_a_request(after))
        .map(|c| {
            let reason = after
                .requests
                .iter()
                .find(|r| r.id == c.id)
                .and_then(|r| r.reason.clone());
            match reason {
                Some(reason) => format!("{}: {reason}", c.id),
                None => c.id.clone(),
            }
        })
        .collect();
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

/// What a decision logged with a change covers: that change, exactly. An
/// element added is recorded with what it holds in `after`, so that the
/// decision answers for that element and not for whatever takes its id.
pub fn cover(change: &Change, after: &Product) -> Cover {
    let (change_word, field, old, new) = match &change.what {
        What::Added => (
            Some(CoverChange::Added),
            None,
            None,
            diff::element(after, &change.section, &change.id)
                .as_ref()
                .and_then(value),
        ),
        What::Removed => (Some(CoverChange::Removed), None, None, None),
        // Moves are matched by item, not by place: the place is not recorded.
        What::Moved { .. } => (Some(CoverChange::Moved), None, None, None),
        What::Changed { field, old, new } => (None, Some(field.clone()), value(old), value(new)),
    };
    Cover {
        section: change.section.clone(),
        id: change.id.clone(),
        change: change_word,
        field,
        old,
        new,
    }
}

/// A value as a cover records it: none left out, and no empty values inside
/// tables (TOML has no null).
fn value(v: &Value) -> Option<Value> {
    fn strip(v: &Value) -> Value {
        match v {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect(),
            ),
            Value::Array(list) => Value::Array(list.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    (!v.is_null()).then(|| strip(v))
}

/// `D` and one more than the highest decision number issued.
pub fn next_decision_id(product: &Product) -> Result<String> {
    Ok(IdKind::Decision.next_id(product)?)
}

/// A command to suggest (`product okr kr add O1 ...`), with the
/// `--agreed-by "NAME"` the change it makes, of these kinds, will need when
/// `actor` runs it under the product's rules today, naming a real agreer.
pub fn with_agreement(
    product: &Product,
    kinds: &[DecisionKind],
    actor: Option<&str>,
    command: &str,
) -> String {
    match rights::agreement_to_ask(product, kinds, actor) {
        Some(name) => format!("{command} --agreed-by {}", crate::check::quoted(&name)),
        None => command.to_owned(),
    }
}

/// A refusal as the command's error: exit 4, the rule, and what to do.
pub fn refusal(r: Refusal) -> Error {
    let hint = match &r {
        Refusal::NoActor { .. } => {
            "say who you are with --as NAME, $PRODUCT_AS or `git config user.name`".to_owned()
        }
        Refusal::NotDecider { holders, .. } => format!(
            "ask {} to make this change, or have the rule changed in [rights]",
            holders.join(" or ")
        ),
        Refusal::NeedsAgreement { holders, .. } => format!(
            "once agreed, run it again with --agreed-by \"{}\" (and --why to say why)",
            holders.first().map_or("NAME", String::as_str)
        ),
        Refusal::NeedsOwner { owners, .. } => format!(
            "ask {} to make the change, or run it again with --agreed-by \"{}\" once they agree",
            owners.join(" or "),
            owners.first().map_or("NAME", String::as_str)
        ),
        Refusal::NotAgreer { holders, .. } => {
            format!("agreement must come from {}", holders.join(" or "))
        }
        Refusal::UnknownPerson { known, .. } => format!(
            "name one of {}, or add them with `product people add NAME`",
            known.join(", ")
        ),
        Refusal::KeylessSigners { people } => format!(
            "add their keys first: `product people key {} --add ~/.ssh/id_ed25519.pub`",
            people
                .first()
                .map_or("NAME".to_owned(), |n| crate::check::quoted(n))
        ),
        Refusal::NoOwnerLeft => {
            "give the owner role to someone else first: `product people role NAME --add owner`"
                .to_owned()
        }
    };
    Error::new(ErrorKind::Refused, ErrorCode::Refused, r.to_string()).with_hint(hint)
}
