//! The governance check of `product check --base REV`: every change since
//! the base that the rules hold to a decision comes with a decision added
//! in the same change, of its kind, decided by someone who may decide it
//! and agreed by someone who may agree to it.
//!
//! A decision answers only for the changes it covers (its `covers`: the
//! element and field, with old and new values, or an element added,
//! removed or moved); see [`answered`]. One without `covers` counts by
//! kind for what its `refs` name, or, with no `refs`, for its whole kind.
//!
//! Two versions of the file judge a branch, and they need not be one:
//!
//! - **what changed** is measured from the *base*, where the branch left
//!   `REV` (their merge-base), so changes made on `REV` since are not the
//!   branch's;
//! - **whether it may** is judged by the *rules* version, `REV`'s tip: its
//!   `[rights]`, the people who hold roles and its `[check]` settings. The
//!   tip, not the base, because the tip is what the branch is merged into
//!   and its rules were themselves changed under governance: a branch cut
//!   before leadership was named cannot bring back the days when nobody had
//!   to agree. (Not "the stricter of the two": rules and people cannot be
//!   ordered by strictness, and a person who left since the branch point
//!   no longer agrees to anything.) A change cannot loosen the rules that
//!   judge it, nor switch this check off for itself.
//!
//! Which changes are held to a decision:
//!
//! - a change whose rule needs agreement (an agreeing role held by someone
//!   other than a person who decides);
//! - every `rights` change (roles in `[[people]]`, `[rights]`,
//!   `[product].owner`, an edited or removed decision), agreement or not:
//!   rights changes are always logged; one that only gives or takes roles
//!   whose rights its decider holds ([`rights::may_pass_on`]) counts
//!   though the decider does not decide `rights`;
//! - a change that gives someone the `owner` role or takes it from its
//!   holder (or names another person in `[product].owner`) needs, besides,
//!   the agreement of the owner as of the rules version, while there is
//!   one: its decision is decided or agreed by a person holding `owner`.

use std::collections::{HashSet, VecDeque};

use serde_json::Value;

use crate::diff::{self, Change, What};
use crate::model::{Cover, CoverChange, Decision, KeyPath, KrRef, Person, Product};
use crate::rights::{self, Binding, DecisionKind, holders};
use crate::signing::{self, SignerCheck};
use crate::store::BaseVersions;

use super::rules::{UNGOVERNED_CHANGE, UNSIGNED_DECISION};
use super::{Finding, apply_settings, listed, quoted};

/// Every change from `base` to `head` that lacks the decision the rules of
/// `rules` ask of it. `rules` is the version whose `[rights]`, people and
/// `[check]` settings judge the change (`REV`'s tip), `base` the version the
/// change is measured from (where the branch left `REV`); they may be one.
/// Signatures are required when `rules` says so (`[rights] signatures`).
pub fn governance(rules: &Product, base: &Product, head: &Product) -> Vec<Finding> {
    governance_with(rules, base, head, rules.rights.signatures_required())
}

/// [`governance`], with signatures required or not. With them required,
/// every governed change (of any kind, agreement or not) needs a covering
/// decision signed by its decider and each agreer, with keys as `rules`
/// holds them: a key added in the same branch does not count.
pub fn governance_with(
    rules: &Product,
    base: &Product,
    head: &Product,
    signatures: bool,
) -> Vec<Finding> {
    let changes = diff::diff(base, head);
    let logged: HashSet<&str> = base.decisions.iter().map(|d| d.id.as_str()).collect();
    let added: Vec<&Decision> = head
        .decisions
        .iter()
        .filter(|d| !logged.contains(d.id.as_str()))
        .collect();
    let owners = holders(&rules.people, "owner");
    // Each added decision's signatures, checked once against the rules' keys.
    let signed: Vec<(&str, Vec<SignerCheck>)> = if signatures {
        added
            .iter()
            .map(|d| {
                (
                    d.id.as_str(),
                    signing::verify(d, &rules.people, " in the base"),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let unsigned = |d: &Decision| -> Vec<String> {
        signed
            .iter()
            .find(|(id, _)| *id == d.id)
            .map(|(_, checks)| {
                checks
                    .iter()
                    .filter(|c| c.role != "not named")
                    .filter_map(|c| c.problem.as_ref().map(ToString::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut findings = Vec::new();
    let mut queue: VecDeque<Change> = changes.into();
    while let Some(change) = queue.pop_front() {
        let change = &change;
        let Some(kind) = change.kind else { continue };
        let binding = Binding::of(rules, kind);
        let owed = Owed {
            kind,
            agreement: needs_agreement(&binding),
            owner: if kind == DecisionKind::Rights && moves_owner_role(base, head, change, &owners)
            {
                owners.clone()
            } else {
                Vec::new()
            },
            signed: signatures,
            passers: if kind == DecisionKind::Rights {
                rules
                    .people
                    .iter()
                    .map(|p| p.name.as_str())
                    .filter(|n| !binding.deciders.iter().any(|d| d == n))
                    .filter(|n| rights::passed_on(rules, base, head, change, n))
                    .collect()
            } else {
                Vec::new()
            },
        };
        // Rights changes are always logged, where a rule binds anyone: a
        // file nobody held a role in (a new one) has nobody to answer to.
        // With signatures required, every change anyone is bound to answers
        // to a signed decision, agreement or not.
        // So is declining a request: the requester is owed the reason; and
        // a service assessment planned or recorded.
        let logged_always = (kind.always_logged() || signatures || change.declines_a_request(head))
            && binding.binds();
        if !(owed.agreement || logged_always) {
            continue;
        }
        let of_kind: Vec<&Decision> = added.iter().copied().filter(|d| d.is_of(kind)).collect();
        let mut refusals: Vec<String> = Vec::new();
        let mut valid: Vec<&Decision> = Vec::new();
        // Roles the decider may pass on answer to no `rights` rule.
        let passes = |d: &Decision| {
            kind == DecisionKind::Rights
                && rights::passed_on(rules, base, head, change, &d.decided_by)
        };
        for d in &of_kind {
            match if passes(d) {
                None
            } else {
                why_not(rules, &owed, d)
            } {
                Some(why) => refusals.push(format!("{} does not count: {why}", d.id)),
                None => valid.push(d),
            }
        }
        let proven: Vec<&Decision> = valid
            .iter()
            .copied()
            .filter(|d| !signatures || unsigned(d).is_empty())
            .collect();
        if answered(change, &proven) {
            // An element added as a decision recorded it: what it holds
            // now beyond that is a change of its own, to be answered for.
            queue.extend(beyond_added(change, &proven, head));
            continue;
        }
        let covering: Vec<&Decision> = valid
            .iter()
            .copied()
            .filter(|d| answered(change, &[d]))
            .collect();
        if !covering.is_empty() {
            findings.push(not_signed(head, change, &covering, &unsigned));
            continue;
        }
        for d in &valid {
            refusals.push(not_covered(d, change));
        }
        findings.push(unmatched(head, change, &owed, &binding, &refusals));
    }
    apply_settings(rules, findings)
}

/// For an element added, the changes from what the covering decisions
/// recorded it holding (`new` of an `added` cover) to what it holds in
/// `head`; none when a cover records no contents (an older decision, or
/// one written by hand) or one records exactly these.
fn beyond_added(change: &Change, decisions: &[&Decision], head: &Product) -> Vec<Change> {
    if change.what != What::Added {
        return Vec::new();
    }
    let Some(now) = diff::element(head, &change.section, &change.id) else {
        return Vec::new();
    };
    let recorded: Vec<&Value> = decisions
        .iter()
        .flat_map(|d| &d.covers)
        .filter(|c| c.section == change.section && c.id == change.id)
        .filter(|c| c.change == Some(CoverChange::Added))
        .map(|c| c.new.as_ref())
        .collect::<Option<Vec<&Value>>>()
        .unwrap_or_default();
    let beyond = |was: &Value| -> Vec<Change> {
        diff::field_changes(&change.section, &change.id, was, &now)
            .into_iter()
            .filter(|c| match &c.what {
                What::Changed { old, new, .. } => !same(old, new),
                _ => true,
            })
            .collect()
    };
    recorded
        .iter()
        .map(|was| beyond(was))
        .min_by_key(Vec::len)
        .unwrap_or_default()
}

/// A change covered by decisions that lack the signatures required: each
/// decision, each person and why.
fn not_signed(
    head: &Product,
    change: &Change,
    covering: &[&Decision],
    unsigned: &dyn Fn(&Decision) -> Vec<String>,
) -> Finding {
    let reasons: Vec<String> = covering
        .iter()
        .map(|d| format!("{}: {}", d.id, unsigned(d).join("; ")))
        .collect();
    let first = covering[0];
    let mut finding = Finding::new(
        UNSIGNED_DECISION,
        place(head, change),
        format!(
            "{}: signatures are required, and the decision covering it is not signed as it must be ({})",
            change.summary(),
            reasons.join("; ")
        ),
    )
    .hint(format!(
        "each person it names signs it with a key of theirs as the base holds them: `product --as NAME decisions sign {}`",
        first.id
    ));
    if !change.id.is_empty() {
        finding = finding.about(&change.id);
    }
    finding
}

/// The governance check of `check --base REV`, on the versions
/// [`crate::store::load_base`] read: the change from where the branch left
/// `REV` to `head`, judged by the rules of `REV`'s tip (of the base, when
/// the tip has no product file). A file with no version at the base is
/// new: measured from an empty product, it is judged by the tip's rules
/// when the tip has the file, and by none when nothing bound anyone before.
/// Signatures are required when `require_signatures` or the rules say so.
pub fn governance_since(
    versions: &BaseVersions,
    head: &Product,
    require_signatures: bool,
) -> Vec<Finding> {
    let new_file;
    let base = match &versions.changes_from {
        Some(at) => &at.product,
        None => {
            new_file = Product::new(head.product.name.clone(), head.product.key.clone());
            &new_file
        }
    };
    let rules = versions.rules_from.as_ref().map_or(base, |at| &at.product);
    let signatures = require_signatures || rules.rights.signatures_required();
    governance_with(rules, base, head, signatures)
}

/// Whether the decisions (each one that may answer for the change) answer
/// for it by what they cover: an element added, removed or moved by a cover
/// of that element and change (a move whatever the places); a field changed
/// by a cover of that field without values, or by covers whose values lead
/// from the old value to the new one, one step or several (90 -> 95 and
/// 95 -> 97 cover 90 -> 97). A decision without `covers` (written by hand,
/// or before decisions said what they cover) counts as decisions used to:
/// for any change of its kind, when its `refs` are empty or name the
/// changed element (or, for a table such as `[vision]`, its section).
pub fn answered(change: &Change, decisions: &[&Decision]) -> bool {
    let legacy = |d: &Decision| {
        d.covers.is_empty()
            && (d.refs.is_empty()
                || d.refs.iter().any(|r| {
                    if change.id.is_empty() {
                        *r == change.section
                    } else {
                        *r == change.id
                    }
                }))
    };
    if decisions.iter().any(|d| legacy(d)) {
        return true;
    }
    let covers: Vec<&Cover> = decisions
        .iter()
        .flat_map(|d| &d.covers)
        .filter(|c| c.section == change.section && c.id == change.id)
        .collect();
    let whole = |want: CoverChange| covers.iter().any(|c| c.change == Some(want));
    match &change.what {
        What::Added => whole(CoverChange::Added),
        What::Removed => whole(CoverChange::Removed),
        What::Moved { .. } => whole(CoverChange::Moved),
        What::Changed { field, old, new } => {
            let of_field: Vec<&&Cover> = covers
                .iter()
                .filter(|c| {
                    matches!(c.change, None | Some(CoverChange::Changed))
                        && c.field.as_deref() == Some(field.as_str())
                })
                .collect();
            if of_field.iter().any(|c| !c.has_values()) {
                return true;
            }
            let none = Value::Null;
            let steps: Vec<(&Value, &Value)> = of_field
                .iter()
                .map(|c| {
                    (
                        c.old.as_ref().unwrap_or(&none),
                        c.new.as_ref().unwrap_or(&none),
                    )
                })
                .collect();
            chain(&steps, old, new) || chain_by_element(&steps, old, new)
        }
    }
}

/// Whether steps lead from list `start` to list `end` element by element:
/// what a merge of two branches makes of one list both changed (each
/// recorded a different point of one assessment, or added a different
/// tag), which no single step reaches. Elements are matched by their `id`,
/// `point` or `number`, or are themselves the key (a list of words); a
/// list that does not read so is not decomposed.
fn chain_by_element(steps: &[(&Value, &Value)], start: &Value, end: &Value) -> bool {
    use std::collections::BTreeMap;
    fn elements(list: &Value) -> Option<BTreeMap<String, &Value>> {
        let mut out = BTreeMap::new();
        for v in list.as_array()? {
            let key = match v {
                Value::Object(o) => ["id", "point", "number"]
                    .iter()
                    .find_map(|k| o.get(*k))?
                    .to_string(),
                Value::String(_) | Value::Number(_) => v.to_string(),
                _ => return None,
            };
            if out.insert(key, v).is_some() {
                return None;
            }
        }
        Some(out)
    }
    let (Some(from), Some(to)) = (elements(start), elements(end)) else {
        return false;
    };
    let steps: Vec<_> = steps
        .iter()
        .filter_map(|(a, b)| Some((elements(a)?, elements(b)?)))
        .collect();
    // Absent from a list reads as null, as an absent field does.
    static ABSENT: Value = Value::Null;
    fn at<'v>(m: &BTreeMap<String, &'v Value>, k: &str) -> &'v Value {
        m.get(k).copied().unwrap_or(&ABSENT)
    }
    let keys: std::collections::BTreeSet<&String> = from.keys().chain(to.keys()).collect();
    keys.into_iter().all(|k| {
        let (was, now) = (at(&from, k), at(&to, k));
        if same(was, now) {
            return true;
        }
        let projected: Vec<(&Value, &Value)> =
            steps.iter().map(|(a, b)| (at(a, k), at(b, k))).collect();
        chain(&projected, was, now)
    })
}

/// Whether steps `(from, to)` lead from `start` to `end`.
fn chain(steps: &[(&Value, &Value)], start: &Value, end: &Value) -> bool {
    let mut reached: Vec<&Value> = vec![start];
    let mut used = vec![false; steps.len()];
    let mut at = 0;
    while at < reached.len() {
        let here = reached[at];
        for (i, (from, to)) in steps.iter().enumerate() {
            if !used[i] && same(from, here) {
                used[i] = true;
                if same(to, end) {
                    return true;
                }
                reached.push(to);
            }
        }
        at += 1;
    }
    false
}

/// Values equal, numbers by value (`90` is `90.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            let set =
                |m: &serde_json::Map<String, Value>| m.iter().filter(|(_, v)| !v.is_null()).count();
            set(x) == set(y)
                && x.iter()
                    .filter(|(_, v)| !v.is_null())
                    .all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Why a decision that may answer for a change does not: what it covers.
fn not_covered(d: &Decision, change: &Change) -> String {
    let mut said: Vec<String> = d.covers.iter().map(Cover::summary).collect();
    if said.is_empty() {
        return format!(
            "{} does not count: it names {} in its refs, not {}",
            d.id,
            listed(&d.refs),
            if change.id.is_empty() {
                &change.section
            } else {
                &change.id
            }
        );
    }
    if said.len() > 3 {
        let more = said.len() - 3;
        said.truncate(3);
        said.push(format!("{more} more"));
    }
    format!(
        "{} does not count: it covers {}, not this change",
        d.id,
        said.join("; ")
    )
}

/// What a change asks of its decision.
struct Owed<'a> {
    kind: DecisionKind,
    /// Someone's agreement under the rule of its kind.
    agreement: bool,
    /// The owners, one of whom must decide or agree (the change moves the
    /// owner role); empty when it does not, or nobody holds the role.
    owner: Vec<&'a str>,
    /// Signed by its decider and each agreer.
    signed: bool,
    /// Besides the rule's deciders, the people who may decide it because
    /// it only gives or takes roles whose rights they all hold.
    passers: Vec<&'a str>,
}

/// Why a decision does not answer for a change; `None` when it does.
fn why_not(rules: &Product, owed: &Owed, d: &Decision) -> Option<String> {
    let authorised = |agreed_by: &[String]| {
        rights::authorise(rules, &[owed.kind], Some(&d.decided_by), agreed_by)
    };
    if let Err(why) = authorised(&d.agreed_by) {
        // The owner agrees as owner, which the rule's own agreeing roles
        // need not include: the decision stands if it does without them.
        let others: Vec<String> = d
            .agreed_by
            .iter()
            .filter(|a| !owed.owner.contains(&a.as_str()))
            .cloned()
            .collect();
        if owed.owner.is_empty()
            || others.len() == d.agreed_by.len()
            || authorised(&others).is_err()
        {
            return Some(why.to_string());
        }
    }
    let by_owner = owed.owner.contains(&d.decided_by.as_str())
        || d.agreed_by.iter().any(|a| owed.owner.contains(&a.as_str()));
    if owed.owner.is_empty() || by_owner {
        return None;
    }
    Some(format!(
        "giving or taking the owner role needs the owner's agreement, and {} is neither decided nor agreed by {}",
        d.id,
        owed.owner.join(" or ")
    ))
}

/// Whether a change gives someone the `owner` role, takes it from its
/// holder, or names as `[product].owner` someone who does not hold it in
/// the rules version.
fn moves_owner_role(base: &Product, head: &Product, change: &Change, owners: &[&str]) -> bool {
    let person =
        |p: &Product| -> Option<Person> { p.people.iter().find(|p| p.name == change.id).cloned() };
    let holds = |p: Option<Person>| p.is_some_and(|p| p.roles.iter().any(|r| r == "owner"));
    let has_owner = |v: &Value| {
        v.as_array()
            .is_some_and(|roles| roles.iter().any(|r| r == "owner"))
    };
    match (change.section.as_str(), &change.what) {
        ("people", What::Added) => holds(person(head)),
        ("people", What::Removed) => holds(person(base)),
        ("people", What::Changed { field, old, new }) if field == "roles" => {
            has_owner(old) != has_owner(new)
        }
        ("product", What::Changed { field, new, .. }) if field == "owner" => {
            !new.as_str().is_some_and(|name| owners.contains(&name))
        }
        _ => false,
    }
}

/// Whether someone's agreement can be asked: an agreeing role is held by
/// someone other than a person who decides.
fn needs_agreement(b: &Binding) -> bool {
    b.agreers
        .iter()
        .any(|a| b.deciders.is_empty() || b.deciders.iter().any(|d| d != a))
}

fn unmatched(
    head: &Product,
    change: &Change,
    owed: &Owed,
    binding: &Binding,
    refusals: &[String],
) -> Finding {
    let kind = owed.kind;
    let agreed = format!(
        "agreed by {} ({})",
        binding.agree_roles.join(" or "),
        listed(&binding.agreers)
    );
    let needs = if kind == DecisionKind::Rights {
        let passers = if owed.passers.is_empty() {
            String::new()
        } else {
            format!(
                " or by someone whose roles hold every right of the roles it gives or takes ({})",
                listed(&owed.passers)
            )
        };
        let mut who = vec![format!(
            "decided by {} ({}){passers}",
            binding.decide_roles.join(" or "),
            listed(&binding.deciders)
        )];
        if owed.agreement {
            who.push(agreed);
        }
        if !owed.owner.is_empty() {
            who.push(format!("agreed by the owner ({})", listed(&owed.owner)));
        }
        if owed.owner.is_empty() {
            format!(
                "a rights change is always logged: it needs a{} decision {}",
                signed_word(owed),
                who.join(" and ")
            )
        } else {
            format!(
                "a change of who holds the owner role needs a{} rights decision {}",
                signed_word(owed),
                who.join(" and ")
            )
        }
    } else if owed.agreement {
        format!(
            "a {kind} change needs a{} decision {agreed}",
            signed_word(owed)
        )
    } else if change.declines_a_request(head) && !owed.signed {
        format!(
            "declining a request is always logged: it needs a {kind} decision decided by {} ({})",
            binding.decide_roles.join(" or "),
            listed(&binding.deciders)
        )
    } else if kind.always_logged() && !owed.signed {
        format!(
            "a service assessment planned or recorded is always logged: it needs an {kind} decision decided by {} ({})",
            binding.decide_roles.join(" or "),
            listed(&binding.deciders)
        )
    } else {
        format!(
            "a {kind} change needs a signed decision decided by {} ({})",
            binding.decide_roles.join(" or "),
            listed(&binding.deciders)
        )
    };
    let message = if refusals.is_empty() {
        format!(
            "{}: {needs}, and none of kind {kind} was added with it",
            change.summary()
        )
    } else {
        format!("{}: {needs}; {}", change.summary(), refusals.join("; "))
    };
    let hint = if kind == DecisionKind::Rights {
        let decider = binding.deciders.first().map_or("NAME", String::as_str);
        let mut agreers: Vec<&str> = Vec::new();
        if owed.agreement
            && let Some(a) = binding.agreers.iter().find(|a| *a != decider)
        {
            agreers.push(a);
        }
        if let Some(owner) = owed.owner.first()
            && *owner != decider
            && !agreers.contains(owner)
        {
            agreers.push(owner);
        }
        let agreed: String = agreers
            .iter()
            .map(|a| format!(" --agreed-by {}", quoted(a)))
            .collect();
        format!(
            "log it in this change: `product --as {} decide --kind rights --summary \"...\"{agreed}`",
            quoted(decider)
        )
    } else {
        let agreer = binding.agreers.first().map_or("NAME", String::as_str);
        // Tied to the change, so that it covers this and nothing else.
        let covers = match (&change.what, change.id.is_empty()) {
            (What::Changed { field, .. }, false) => {
                format!(" --ref {} --field {field}", quoted(&change.id))
            }
            (What::Changed { field, .. }, true) => {
                format!(" --ref {} --field {field}", change.section)
            }
            (_, false) => format!(" --ref {}", quoted(&change.id)),
            (_, true) => String::new(),
        };
        if owed.agreement {
            format!(
                "once agreed, log it in this change: `product decide --kind {kind} --summary \"...\"{covers} --agreed-by \"{agreer}\"`"
            )
        } else {
            let decider = binding.deciders.first().map_or("NAME", String::as_str);
            format!(
                "log it in this change: `product --as {} decide --kind {kind} --summary \"...\"{covers}`",
                quoted(decider)
            )
        }
    };
    let mut finding = Finding::new(UNGOVERNED_CHANGE, place(head, change), message).hint(hint);
    if !change.id.is_empty() {
        finding = finding.about(&change.id);
    }
    finding
}

/// ` signed` where signatures are required.
fn signed_word(owed: &Owed) -> &'static str {
    if owed.signed { " signed" } else { "" }
}

/// Where the change is in the new file: the field changed, or the element
/// added or moved; the section, for what is no longer there.
fn place(head: &Product, change: &Change) -> KeyPath {
    let root = KeyPath::root();
    let section = root.key(&change.section);
    let field = |at: KeyPath| match &change.what {
        What::Changed { field, .. } => at.key(field),
        _ => at,
    };
    if change.what == What::Removed {
        return section;
    }
    let at = match change.section.as_str() {
        "items" => {
            index_of(&head.items, &change.id, |i| &i.id).map(|i| section.index(i, Some(&change.id)))
        }
        "objectives" => index_of(&head.objectives, &change.id, |o| &o.id)
            .map(|i| section.index(i, Some(&change.id))),
        "kpis" => {
            index_of(&head.kpis, &change.id, |k| &k.id).map(|i| section.index(i, Some(&change.id)))
        }
        "roadmap" => index_of(&head.roadmap, &change.id, |r| &r.id)
            .map(|i| section.index(i, Some(&change.id))),
        "needs" => {
            index_of(&head.needs, &change.id, |n| &n.id).map(|i| section.index(i, Some(&change.id)))
        }
        "requests" => index_of(&head.requests, &change.id, |r| &r.id)
            .map(|i| section.index(i, Some(&change.id))),
        "decisions" => index_of(&head.decisions, &change.id, |d| &d.id)
            .map(|i| section.index(i, Some(&change.id))),
        "people" => index_of(&head.people, &change.id, |p| &p.name).map(|i| section.index(i, None)),
        "key_results" => KrRef::parse(&change.id).and_then(|r| {
            let i = head.objectives.iter().position(|o| o.id == r.objective)?;
            let j = head.objectives[i]
                .key_results
                .iter()
                .position(|kr| kr.id == r.key_result)?;
            Some(
                root.key("objectives")
                    .index(i, Some(r.objective))
                    .key("key_results")
                    .index(j, Some(r.key_result)),
            )
        }),
        _ => Some(section.clone()),
    };
    match at {
        Some(at) => field(at),
        None => section,
    }
}

/// Where the element with this id (or name) is in its list.
fn index_of<T>(list: &[T], id: &str, key: impl Fn(&T) -> &String) -> Option<usize> {
    list.iter().position(|e| key(e) == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Kpi, Person};

    fn base() -> Product {
        let mut p = Product::new("P".into(), "RX".into());
        for (name, role) in [("Priya", "owner"), ("Dan", "leadership"), ("Sam", "team")] {
            p.people.push(Person::new(name, vec![role.into()]));
        }
        p.kpis.push(Kpi {
            id: "K1".into(),
            name: "Completion".into(),
            unit: None,
            direction: crate::model::Direction::Up,
            target: Some(90.0),
            threshold: None,
            cadence: None,
            mandatory: None,
            history: Vec::new(),
        });
        p
    }

    fn decision(id: &str, kinds: &[DecisionKind], by: &str, agreed: &[&str]) -> Decision {
        Decision {
            id: id.into(),
            date: Date::from_ymd(2026, 11, 24).unwrap(),
            kinds: kinds.to_vec(),
            other_kinds: Vec::new(),
            summary: "s".into(),
            decided_by: by.into(),
            agreed_by: agreed.iter().map(|a| (*a).to_owned()).collect(),
            rationale: None,
            refs: Vec::new(),
            covers: Vec::new(),
            signatures: Vec::new(),
        }
    }

    #[test]
    fn a_metrics_change_needs_a_decision_agreed_by_leadership() {
        let old = base();
        let mut new = old.clone();
        new.kpis[0].target = Some(80.0);
        let found = governance(&old, &old, &new);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "ungoverned-change");
        assert_eq!(found[0].path.to_string(), "kpis[K1].target");
        assert!(
            found[0]
                .message
                .starts_with("K1 target: 90 -> 80: a metrics change"),
            "{}",
            found[0].message
        );

        new.decisions
            .push(decision("D1", &[DecisionKind::Metrics], "Priya", &["Sam"]));
        let found = governance(&old, &old, &new);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("D1 does not count: Sam cannot agree"),
            "{}",
            found[0].message
        );

        new.decisions.push(decision(
            "D2",
            &[DecisionKind::Goals, DecisionKind::Metrics],
            "Priya",
            &["Dan"],
        ));
        assert_eq!(governance(&old, &old, &new), []);
    }

    #[test]
    fn a_decision_already_in_the_base_does_not_count_again() {
        let mut old = base();
        old.decisions
            .push(decision("D1", &[DecisionKind::Metrics], "Priya", &["Dan"]));
        let mut new = old.clone();
        new.kpis[0].target = Some(80.0);
        assert_eq!(governance(&old, &old, &new).len(), 1);
    }

    #[test]
    fn the_heads_settings_do_not_switch_the_rule_off() {
        let old = base();
        let mut new = old.clone();
        new.kpis[0].target = Some(80.0);
        new.check
            .rules
            .insert("ungoverned-change".into(), crate::model::RuleLevel::Off);
        assert_eq!(governance(&old, &old, &new).len(), 1);
    }
    #[test]
    fn the_rules_version_judges_not_the_base() {
        // The branch left before leadership was named; the tip has it.
        let mut alone = base();
        alone.people.retain(|p| p.name != "Dan");
        let tip = base();
        let mut head = alone.clone();
        head.kpis[0].target = Some(80.0);
        assert_eq!(governance(&alone, &alone, &head), []);
        let found = governance(&tip, &alone, &head);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("agreed by leadership (Dan)"));
        // Dan agrees, though the branch's file does not know him.
        head.decisions
            .push(decision("D1", &[DecisionKind::Metrics], "Priya", &["Dan"]));
        assert_eq!(governance(&tip, &alone, &head), []);
    }

    #[test]
    fn rules_loosened_at_the_tip_apply_to_the_branch() {
        let old = base();
        let mut tip = base();
        tip.rights.metrics = Some(crate::model::Rule {
            decide: vec!["owner".into()],
            agree: Vec::new(),
        });
        let mut head = old.clone();
        head.kpis[0].target = Some(80.0);
        assert_eq!(governance(&old, &old, &head).len(), 1);
        assert_eq!(governance(&tip, &old, &head), []);
    }

    #[test]
    fn the_tips_check_settings_apply() {
        let old = base();
        let mut tip = base();
        tip.check
            .rules
            .insert("ungoverned-change".into(), crate::model::RuleLevel::Warning);
        let mut head = old.clone();
        head.kpis[0].target = Some(80.0);
        let found = governance(&tip, &old, &head);
        assert_eq!(found[0].severity, super::super::Severity::Warning);
    }

    #[test]
    fn every_rights_change_needs_a_decision_by_a_rights_decider() {
        let old = base();
        let mut new = old.clone();
        new.people[2].roles.push("leadership".into());
        let found = governance(&old, &old, &new);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path.to_string(), "people[3].roles");
        assert!(
            found[0]
                .message
                .contains("a rights change is always logged"),
            "{}",
            found[0].message
        );
        new.decisions
            .push(decision("D1", &[DecisionKind::Rights], "Priya", &[]));
        let found = governance(&old, &old, &new);
        assert!(
            found[0]
                .message
                .contains("D1 does not count: Priya may not take rights decisions")
        );
        new.decisions
            .push(decision("D2", &[DecisionKind::Rights], "Dan", &[]));
        assert_eq!(governance(&old, &old, &new), []);
    }

    #[test]
    fn the_owner_role_changes_hands_only_with_the_owners_agreement() {
        let old = base();
        let mut new = old.clone();
        new.people[1].roles.push("owner".into());
        new.decisions
            .push(decision("D1", &[DecisionKind::Rights], "Dan", &[]));
        let found = governance(&old, &old, &new);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("agreed by the owner (Priya)"));
        assert_eq!(
            found[0].hint.as_deref(),
            Some(
                "log it in this change: `product --as \"Dan\" decide --kind rights --summary \"...\" --agreed-by \"Priya\"`"
            )
        );
        new.decisions[0].agreed_by = vec!["Priya".into()];
        assert_eq!(governance(&old, &old, &new), []);

        // The owner as of the rules version: nobody, so nobody to ask.
        let mut ownerless = old.clone();
        ownerless.people[0].roles.clear();
        let mut new = ownerless.clone();
        new.people[1].roles.push("owner".into());
        new.decisions
            .push(decision("D1", &[DecisionKind::Rights], "Dan", &[]));
        assert_eq!(governance(&ownerless, &ownerless, &new), []);
    }

    #[test]
    fn naming_the_current_owner_takes_nothing_but_is_logged() {
        let old = base();
        let mut new = old.clone();
        new.product.owner = Some("Priya".into());
        let found = governance(&old, &old, &new);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("always logged"));
        new.product.owner = Some("Dan".into());
        let found = governance(&old, &old, &new);
        assert!(found[0].message.contains("owner role"));
    }

    #[test]
    fn a_new_file_answers_to_nobody() {
        let empty = Product::new("P".into(), "RX".into());
        assert_eq!(governance(&empty, &empty, &base()), []);
    }

    #[test]
    fn the_owner_agrees_as_owner_beside_a_rules_own_agreeing_role() {
        let mut old = base();
        old.people.push(Person::new("Bea", vec!["board".into()]));
        old.rights.rights = Some(crate::model::Rule {
            decide: vec!["leadership".into()],
            agree: vec!["board".into()],
        });
        let mut new = old.clone();
        new.people[1].roles.push("owner".into());
        new.decisions
            .push(decision("D1", &[DecisionKind::Rights], "Dan", &["Priya"]));
        let found = governance(&old, &old, &new);
        assert!(
            found[0].message.contains("Priya cannot agree"),
            "{}",
            found[0].message
        );
        new.decisions[0].agreed_by = vec!["Bea".into(), "Priya".into()];
        assert_eq!(governance(&old, &old, &new), []);
        new.decisions[0].agreed_by = vec!["Bea".into()];
        assert!(
            governance(&old, &old, &new)[0]
                .message
                .contains("neither decided nor agreed by Priya")
        );
    }

    fn covering(id: &str, covers: Vec<Cover>) -> Decision {
        let mut d = decision(id, &[DecisionKind::Metrics], "Priya", &["Dan"]);
        d.covers = covers;
        d
    }

    fn field(id: &str, field: &str, old: f64, new: f64) -> Cover {
        Cover {
            section: "kpis".into(),
            id: id.into(),
            change: None,
            field: Some(field.into()),
            old: Some(old.into()),
            new: Some(new.into()),
        }
    }

    #[test]
    fn a_decision_for_the_target_does_not_cover_the_threshold() {
        let mut old = base();
        old.kpis[0].threshold = Some(80.0);
        let mut new = old.clone();
        new.kpis[0].target = Some(95.0);
        new.kpis[0].threshold = Some(1.0);
        new.decisions
            .push(covering("D1", vec![field("K1", "target", 90.0, 95.0)]));
        let found = governance(&old, &old, &new);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path.to_string(), "kpis[K1].threshold");
        assert!(
            found[0]
                .message
                .contains("D1 does not count: it covers K1 target: 90.0 -> 95.0, not this change"),
            "{}",
            found[0].message
        );
        // Other values are not covered either.
        new.kpis[0].threshold = Some(80.0);
        new.kpis[0].target = Some(99.0);
        assert_eq!(governance(&old, &old, &new).len(), 1);
        new.kpis[0].target = Some(95.0);
        assert_eq!(governance(&old, &old, &new), []);
    }

    #[test]
    fn two_branches_changes_to_one_list_are_covered_element_by_element() {
        use serde_json::json;
        let list_cover = |old: Value, new: Value| Cover {
            section: "assessments".into(),
            id: "A1".into(),
            change: None,
            field: Some("points".into()),
            old: Some(old),
            new: Some(new),
        };
        let three = json!({"point": 3, "result": "met"});
        let five = json!({"point": 5, "result": "not_met"});
        let nine = json!({"point": 9, "result": "met"});
        let ours = covering("D1", vec![list_cover(json!([three]), json!([three, five]))]);
        let theirs = covering("D2", vec![list_cover(json!([three]), json!([three, nine]))]);
        let merged = |new: Value| Change {
            section: "assessments".into(),
            id: "A1".into(),
            what: What::Changed {
                field: "points".into(),
                old: json!([three]),
                new,
            },
            kind: Some(DecisionKind::Assessment),
        };
        let both = merged(json!([three, five, nine]));
        assert!(answered(&both, &[&ours, &theirs]));
        assert!(!answered(&both, &[&ours]));
        // A point neither recorded, or recorded otherwise, is not covered.
        let other = json!({"point": 9, "result": "not_met"});
        assert!(!answered(
            &merged(json!([three, five, other])),
            &[&ours, &theirs]
        ));
        // Words: tags added on two branches.
        let tags = |old: Value, new: Value| Cover {
            field: Some("tags".into()),
            ..list_cover(old, new)
        };
        let a = covering("D3", vec![tags(json!(["x"]), json!(["x", "y"]))]);
        let b = covering("D4", vec![tags(json!(["x"]), json!(["z"]))]);
        let change = Change {
            what: What::Changed {
                field: "tags".into(),
                old: json!(["x"]),
                new: json!(["y", "z"]),
            },
            ..merged(Value::Null)
        };
        assert!(answered(&change, &[&a, &b]));
    }

    #[test]
    fn a_chain_of_decisions_covers_a_change_made_in_steps() {
        let old = base();
        let mut new = old.clone();
        new.kpis[0].target = Some(97.0);
        new.decisions
            .push(covering("D1", vec![field("K1", "target", 90.0, 95.0)]));
        assert_eq!(governance(&old, &old, &new).len(), 1);
        new.decisions
            .push(covering("D2", vec![field("K1", "target", 95.0, 97.0)]));
        assert_eq!(governance(&old, &old, &new), []);
        // A step by someone who may not decide breaks the chain.
        new.decisions[1].agreed_by = vec!["Sam".into()];
        assert_eq!(governance(&old, &old, &new).len(), 1);
    }

    #[test]
    fn a_cover_without_values_covers_any_change_of_its_field() {
        let old = base();
        let mut new = old.clone();
        new.kpis[0].target = Some(12.0);
        let mut any = field("K1", "target", 0.0, 0.0);
        (any.old, any.new) = (None, None);
        new.decisions.push(covering("D1", vec![any]));
        assert_eq!(governance(&old, &old, &new), []);
    }

    #[test]
    fn moves_are_matched_by_item_and_additions_by_element() {
        let mut old = base();
        old.rights.prioritisation = Some(crate::model::Rule {
            decide: vec!["owner".into()],
            agree: vec!["leadership".into()],
        });
        for n in 1..=3 {
            old.items.push(crate::model::Item::new(
                format!("RX-{n}"),
                format!("Item {n}"),
                crate::model::Kind::Feature,
                Date::from_ymd(2026, 11, 1).unwrap(),
            ));
        }
        let mut new = old.clone();
        let last = new.items.pop().unwrap();
        new.items.insert(0, last);
        let moved = |id: &str| Cover {
            section: "items".into(),
            id: id.into(),
            change: Some(CoverChange::Moved),
            field: None,
            old: None,
            new: None,
        };
        let mut d = decision("D1", &[DecisionKind::Prioritisation], "Priya", &["Dan"]);
        d.covers = vec![moved("RX-1")];
        new.decisions.push(d.clone());
        let found = governance(&old, &old, &new);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("it covers RX-1 moved"));
        new.decisions[0].covers = vec![moved("RX-3")];
        assert_eq!(governance(&old, &old, &new), []);
    }

    #[test]
    fn a_decision_without_covers_counts_for_what_its_refs_name() {
        let mut old = base();
        old.kpis.push(Kpi {
            id: "K2".into(),
            ..old.kpis[0].clone()
        });
        let mut new = old.clone();
        new.kpis[1].target = Some(1.0);
        let mut d = decision("D1", &[DecisionKind::Metrics], "Priya", &["Dan"]);
        d.refs = vec!["K1".into()];
        new.decisions.push(d);
        let found = governance(&old, &old, &new);
        assert!(
            found[0].message.contains("it names K1 in its refs, not K2"),
            "{}",
            found[0].message
        );
        new.decisions[0].refs = vec!["K2".into()];
        assert_eq!(governance(&old, &old, &new), []);
    }
}
