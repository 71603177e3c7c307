//! The governance check of `product check --base REV`: every change since
//! the base whose rule needs agreement comes with a decision added in the
//! same change, of its kind, decided by someone who may decide it and
//! agreed by someone who may agree to it.
//!
//! The rules, the people who hold roles and the `[check]` settings are
//! those of the base: a change cannot loosen the rules that judge it, nor
//! switch this check off for itself.

use std::collections::HashSet;

use crate::diff::{self, Change, What};
use crate::model::{Decision, KeyPath, KrRef, Product};
use crate::rights::{self, Binding, DecisionKind};

use super::rules::UNGOVERNED_CHANGE;
use super::{Finding, apply_settings, listed};

/// Every governed change from `base` to `head` that lacks its decision.
pub fn governance(base: &Product, head: &Product) -> Vec<Finding> {
    let changes = diff::diff(base, head);
    let logged: HashSet<&str> = base.decisions.iter().map(|d| d.id.as_str()).collect();
    let added: Vec<&Decision> = head
        .decisions
        .iter()
        .filter(|d| !logged.contains(d.id.as_str()))
        .collect();
    let mut findings = Vec::new();
    for change in &changes {
        let Some(kind) = change.kind else { continue };
        let binding = Binding::of(base, kind);
        if !needs_agreement(&binding) {
            continue;
        }
        let of_kind: Vec<&&Decision> = added.iter().filter(|d| d.is_of(kind)).collect();
        let refusals: Vec<String> = of_kind
            .iter()
            .filter_map(|d| {
                rights::authorise(base, &[kind], Some(&d.decided_by), &d.agreed_by)
                    .err()
                    .map(|why| format!("{} does not count: {why}", d.id))
            })
            .collect();
        if !of_kind.is_empty() && refusals.len() < of_kind.len() {
            continue;
        }
        findings.push(unmatched(head, change, kind, &binding, &refusals));
    }
    apply_settings(base, findings)
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
    kind: DecisionKind,
    binding: &Binding,
    refusals: &[String],
) -> Finding {
    let who = format!(
        "agreed by {} ({})",
        binding.agree_roles.join(" or "),
        listed(&binding.agreers)
    );
    let message = if refusals.is_empty() {
        format!(
            "{}: a {kind} change needs a decision {who}, and none of kind {kind} was added with it",
            change.summary()
        )
    } else {
        format!(
            "{}: a {kind} change needs a decision {who}; {}",
            change.summary(),
            refusals.join("; ")
        )
    };
    let agreer = binding.agreers.first().map_or("NAME", String::as_str);
    let mut finding = Finding::new(UNGOVERNED_CHANGE, place(head, change), message).hint(format!(
        "once agreed, log it in this change: `product decide --kind {kind} --summary \"...\" --agreed-by \"{agreer}\"`"
    ));
    if !change.id.is_empty() {
        finding = finding.about(&change.id);
    }
    finding
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
            p.people.push(Person {
                name: name.into(),
                roles: vec![role.into()],
            });
        }
        p.kpis.push(Kpi {
            id: "K1".into(),
            name: "Completion".into(),
            unit: None,
            direction: crate::model::Direction::Up,
            target: Some(90.0),
            threshold: None,
            cadence: None,
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
        }
    }

    #[test]
    fn a_metrics_change_needs_a_decision_agreed_by_leadership() {
        let old = base();
        let mut new = old.clone();
        new.kpis[0].target = Some(80.0);
        let found = governance(&old, &new);
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
        let found = governance(&old, &new);
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
        assert_eq!(governance(&old, &new), []);
    }

    #[test]
    fn a_decision_already_in_the_base_does_not_count_again() {
        let mut old = base();
        old.decisions
            .push(decision("D1", &[DecisionKind::Metrics], "Priya", &["Dan"]));
        let mut new = old.clone();
        new.kpis[0].target = Some(80.0);
        assert_eq!(governance(&old, &new).len(), 1);
    }

    #[test]
    fn the_base_settings_decide_whether_the_rule_is_on() {
        let old = base();
        let mut new = old.clone();
        new.kpis[0].target = Some(80.0);
        new.check
            .rules
            .insert("ungoverned-change".into(), crate::model::RuleLevel::Off);
        assert_eq!(governance(&old, &new).len(), 1);
    }
}
