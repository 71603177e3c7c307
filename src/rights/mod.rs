//! Decision rights: the kinds of decision a change can carry, who may take
//! each (the rules of `[rights]`, or their defaults), and whether a given
//! person, with whose agreement, may make a given change.
//!
//! | kind | decided by | agreed by |
//! |---|---|---|
//! | prioritisation, scope | owner | |
//! | refinement | owner, team | |
//! | goals, metrics, launch, vision | owner | leadership |
//! | rights | leadership | |
//!
//! A rule binds only the roles somebody holds: in a new file with a lone
//! owner, nobody's agreement can be asked, so none is needed; and a kind
//! whose deciding roles nobody holds is the owner's to decide. Agreement
//! comes from someone other than the person deciding. Rights changes
//! are judged by the rules as they stood before the change, so nobody can
//! grant themselves a right they lack; and the owner role changes hands
//! only with the current owner's word ([`owner_change_needs`]).
//!
//! Besides the `rights` rule, anyone in `[[people]]` may give or take a
//! role whose rights are all rights they hold themselves ([`may_pass_on`]):
//! the owner gives `team`, which decides only `refinement`, as the owner
//! does. It is still a `rights` decision, logged. A role carrying any right
//! the giver lacks stays the `rights` rule's to give, and the owner role
//! always does (with the owner's word besides).

use serde::Serialize;

use crate::diff::{self, Change};
pub use crate::model::DecisionKind;
use crate::model::{Person, Product, Rule};

/// The people who hold a role.
pub fn holders<'a>(people: &'a [Person], role: &str) -> Vec<&'a str> {
    people
        .iter()
        .filter(|p| p.roles.iter().any(|r| r == role))
        .map(|p| p.name.as_str())
        .collect()
}

/// A rule as it applies today: the roles named that somebody holds, and who.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Binding {
    pub kind: DecisionKind,
    pub rule: Rule,
    /// Deciding roles somebody holds; empty means anyone may decide.
    pub decide_roles: Vec<String>,
    pub deciders: Vec<String>,
    /// Agreeing roles somebody holds; empty means no agreement is needed.
    pub agree_roles: Vec<String>,
    pub agreers: Vec<String>,
}

impl Binding {
    pub fn of(product: &Product, kind: DecisionKind) -> Self {
        let rule = kind.rule(product);
        let held = |roles: &[String]| -> (Vec<String>, Vec<String>) {
            let mut held_roles = Vec::new();
            let mut people: Vec<String> = Vec::new();
            for role in roles {
                let who = holders(&product.people, role);
                if !who.is_empty() {
                    held_roles.push(role.clone());
                    for name in who {
                        if !people.iter().any(|p| p == name) {
                            people.push(name.to_owned());
                        }
                    }
                }
            }
            (held_roles, people)
        };
        let (mut decide_roles, mut deciders) = held(&rule.decide);
        // A rule whose deciding roles nobody holds (leadership not named yet,
        // a typo in `[rights]`, an empty list) falls to the owner: otherwise
        // anyone at all could take the decision, or name themselves owner.
        if decide_roles.is_empty() {
            (decide_roles, deciders) = held(&["owner".to_owned()]);
        }
        let (agree_roles, agreers) = held(&rule.agree);
        Binding {
            kind,
            rule,
            decide_roles,
            deciders,
            agree_roles,
            agreers,
        }
    }

    /// Whether the rule asks anything of anyone.
    pub fn binds(&self) -> bool {
        !self.decide_roles.is_empty() || !self.agree_roles.is_empty()
    }
}

/// Every kind's rule as it applies in the product today, in the order of
/// [`DecisionKind::ALL`].
pub fn bindings(product: &Product) -> Vec<Binding> {
    DecisionKind::ALL
        .iter()
        .map(|&k| Binding::of(product, k))
        .collect()
}

/// The people who decide or agree to some kind of decision and hold no
/// usable signing key, each once in the order of `[[people]]`: with
/// signatures required (`[rights] signatures = "required"`), their word
/// could not be proven.
pub fn keyless_signers(product: &Product) -> Vec<String> {
    let signers: Vec<String> = bindings(product)
        .into_iter()
        .flat_map(|b| b.deciders.into_iter().chain(b.agreers))
        .collect();
    product
        .people
        .iter()
        .filter(|p| signers.contains(&p.name))
        .filter(|p| {
            !p.signing_keys
                .iter()
                .any(|k| crate::signing::public_key(k).is_ok())
        })
        .map(|p| p.name.clone())
        .collect()
}

/// The rights a role carries, each as (kind, whether to agree rather than
/// decide): every rule naming it among the roles that decide or agree.
pub fn role_rights(product: &Product, role: &str) -> Vec<(DecisionKind, bool)> {
    let mut rights = Vec::new();
    for kind in DecisionKind::ALL {
        let rule = kind.rule(product);
        if rule.decide.iter().any(|r| r == role) {
            rights.push((kind, false));
        }
        if rule.agree.iter().any(|r| r == role) {
            rights.push((kind, true));
        }
    }
    rights
}

/// Whether `person` may give or take `role` though the `rights` rule does
/// not let them: they are in `[[people]]`, and every right the role
/// carries they hold by a role of their own (the rule's roles as written:
/// a rule falling to the owner because nobody holds its roles gives her
/// no role to pass on). Never the owner role, which keeps its own rule.
pub fn may_pass_on(product: &Product, person: &str, role: &str) -> bool {
    let Some(giver) = product.people.iter().find(|p| p.name == person) else {
        return false;
    };
    role != "owner"
        && role_rights(product, role).into_iter().all(|(kind, agree)| {
            let rule = kind.rule(product);
            let roles = if agree { &rule.agree } else { &rule.decide };
            giver.roles.iter().any(|r| roles.contains(r))
        })
}

/// Whether `change` (from `base` to `head`) only gives or takes roles that
/// `person` may pass on under the rules of `rules` ([`may_pass_on`]).
/// Shared by every change through `ops` and by `product check --base`.
pub fn passed_on(
    rules: &Product,
    base: &Product,
    head: &Product,
    change: &Change,
    person: &str,
) -> bool {
    diff::roles_moved(change, base, head)
        .is_some_and(|roles| roles.iter().all(|r| may_pass_on(rules, person, r)))
}

/// The person to ask: the first, in `[[people]]` order of the agreeing
/// roles, whose agreement a change of these kinds made by `actor` would
/// need under the product's rules today; `None` when it needs none. What a
/// suggested command names in its `--agreed-by`.
pub fn agreement_to_ask(
    product: &Product,
    kinds: &[DecisionKind],
    actor: Option<&str>,
) -> Option<String> {
    kinds.iter().find_map(|&kind| {
        let b = Binding::of(product, kind);
        if b.agree_roles.is_empty() {
            return None;
        }
        b.agreers.into_iter().find(|a| Some(a.as_str()) != actor)
    })
}

/// Why a change may not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    #[error("this is {} decision, and nobody is named as making it", with_article(&kinds_text(.kinds)))]
    NoActor { kinds: Vec<DecisionKind> },
    #[error("{actor} may not take {kind} decisions: the rule is decide = [{}], held by {}", .roles.join(", "), .holders.join(", "))]
    NotDecider {
        kind: DecisionKind,
        actor: String,
        roles: Vec<String>,
        holders: Vec<String>,
    },
    #[error("{kind} decisions need the agreement of one of [{}]: {}", .roles.join(", "), .holders.join(", "))]
    NeedsAgreement {
        kind: DecisionKind,
        roles: Vec<String>,
        holders: Vec<String>,
    },
    #[error("{name} is not in [[people]], so cannot be named as agreeing")]
    UnknownPerson { name: String, known: Vec<String> },
    #[error(
        "that would leave nobody holding the owner role, and anyone could then take the owner's decisions"
    )]
    NoOwnerLeft,
    #[error("signatures are required ([rights] signatures = \"required\"), and {} no signing key, so their word could not be proven", and_names(.people))]
    KeylessSigners { people: Vec<String> },
    #[error("{} the owner role needs the agreement of the current owner, {}", if .taken.is_empty() { "changing who holds" } else { "taking" }, .owners.join(" or "))]
    NeedsOwner {
        /// Who would gain the owner role (empty when it is only taken away).
        taken: Vec<String>,
        /// The people holding the owner role before the change.
        owners: Vec<String>,
    },
    #[error("{name} cannot agree to {kind} decisions: agreement comes from [{}], held by {}", .roles.join(", "), .holders.join(", "))]
    NotAgreer {
        kind: DecisionKind,
        name: String,
        roles: Vec<String>,
        holders: Vec<String>,
    },
}

/// `Sam has`, `Sam and Ken have`.
fn and_names(people: &[String]) -> String {
    match people {
        [one] => format!("{one} has"),
        [init @ .., last] => format!("{} and {last} have", init.join(", ")),
        [] => "nobody has".into(),
    }
}

/// `a scope`, `an assessment`.
fn with_article(words: &str) -> String {
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {words}")
}

fn kinds_text(kinds: &[DecisionKind]) -> String {
    kinds
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(" and ")
}

/// A change that may go ahead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Authorised {
    pub kinds: Vec<DecisionKind>,
    /// Whether some kind needed agreement, so the decision must be logged.
    pub agreement_needed: bool,
    /// The people whose agreement counted.
    pub agreed_by: Vec<String>,
}

/// Refuses a change that takes the owner role from the last person holding
/// it: every rule would then fall open to anyone.
pub fn keeps_an_owner(before: &Product, after: &Product) -> Result<(), Refusal> {
    let had = !holders(&before.people, "owner").is_empty();
    let has = !holders(&after.people, "owner").is_empty();
    if had && !has {
        return Err(Refusal::NoOwnerLeft);
    }
    Ok(())
}

/// Refuses a change after which signatures are required while someone who
/// decides or agrees holds no signing key, unless they already lacked one
/// with signatures required before (a file written by hand that way is
/// `product check`'s to report; other changes to it may go on).
pub fn keeps_signers_keyed(before: &Product, after: &Product) -> Result<(), Refusal> {
    if !after.rights.signatures_required() {
        return Ok(());
    }
    let already: Vec<String> = if before.rights.signatures_required() {
        keyless_signers(before)
    } else {
        Vec::new()
    };
    let people: Vec<String> = keyless_signers(after)
        .into_iter()
        .filter(|p| !already.contains(p))
        .collect();
    if people.is_empty() {
        Ok(())
    } else {
        Err(Refusal::KeylessSigners { people })
    }
}

/// Whose agreement a change of the owner role needs: the people holding
/// `owner` in `before`, when the change gives the role to someone who did
/// not hold it, takes it from someone who did, or names another person as
/// `[product] owner`. `None` when the change leaves the owner role alone,
/// or nobody held it (a new file, where somebody has to be first).
///
/// Shared by every change through `ops` and by `product check --base`.
pub fn owner_change_needs(before: &Product, after: &Product) -> Option<Vec<String>> {
    let owners: Vec<String> = holders(&before.people, "owner")
        .into_iter()
        .map(str::to_owned)
        .collect();
    if owners.is_empty() {
        return None;
    }
    let mut now: Vec<&str> = holders(&after.people, "owner");
    let mut was: Vec<&str> = owners.iter().map(String::as_str).collect();
    now.sort_unstable();
    was.sort_unstable();
    let named_changed = before.product.owner != after.product.owner;
    (now != was || named_changed).then_some(owners)
}

/// The people who would gain the owner role in the change from `before` to `after`.
pub fn owners_added(before: &Product, after: &Product) -> Vec<String> {
    let was = holders(&before.people, "owner");
    holders(&after.people, "owner")
        .into_iter()
        .filter(|n| !was.contains(n))
        .map(str::to_owned)
        .collect()
}

/// Whether a change of the owner role has the current owner's word: the
/// actor is a current owner (their own deciding counts), or one of them is
/// among `agreed_by`. Returns the owner who agreed, if it was not the actor.
pub fn owner_change_agreed(
    before: &Product,
    after: &Product,
    actor: Option<&str>,
    agreed_by: &[String],
) -> Result<Option<String>, Refusal> {
    let Some(owners) = owner_change_needs(before, after) else {
        return Ok(None);
    };
    if actor.is_some_and(|a| owners.iter().any(|o| o == a)) {
        return Ok(None);
    }
    match agreed_by.iter().find(|n| owners.contains(n)) {
        Some(owner) => Ok(Some(owner.clone())),
        None => Err(Refusal::NeedsOwner {
            taken: owners_added(before, after),
            owners,
        }),
    }
}

/// Whether `actor`, with the agreement of `agreed_by`, may make a change of
/// these kinds in `product` (the product as it was before the change).
pub fn authorise(
    product: &Product,
    kinds: &[DecisionKind],
    actor: Option<&str>,
    agreed_by: &[String],
) -> Result<Authorised, Refusal> {
    let mut kinds: Vec<DecisionKind> = kinds.to_vec();
    kinds.sort();
    kinds.dedup();
    // A name the file does not know cannot stand in the log as agreeing.
    if !product.people.is_empty()
        && let Some(name) = agreed_by
            .iter()
            .find(|n| !product.people.iter().any(|p| &p.name == *n))
    {
        return Err(Refusal::UnknownPerson {
            name: name.clone(),
            known: product.people.iter().map(|p| p.name.clone()).collect(),
        });
    }
    let bindings: Vec<Binding> = kinds.iter().map(|&k| Binding::of(product, k)).collect();
    let binding: Vec<&Binding> = bindings.iter().filter(|b| b.binds()).collect();
    if binding.is_empty() {
        return Ok(Authorised {
            kinds,
            agreement_needed: false,
            agreed_by: Vec::new(),
        });
    }
    let Some(actor) = actor else {
        return Err(Refusal::NoActor {
            kinds: binding.iter().map(|b| b.kind).collect(),
        });
    };
    let mut agreement_needed = false;
    let mut counted: Vec<String> = Vec::new();
    for b in binding {
        if !b.decide_roles.is_empty() && !b.deciders.iter().any(|d| d == actor) {
            return Err(Refusal::NotDecider {
                kind: b.kind,
                actor: actor.to_owned(),
                roles: b.decide_roles.clone(),
                holders: b.deciders.clone(),
            });
        }
        if b.agree_roles.is_empty() {
            continue;
        }
        // Agreement is someone else's: the person deciding cannot agree with
        // themselves. Where nobody else holds an agreeing role, none can be
        // asked, as with a role nobody holds.
        let others: Vec<String> = b.agreers.iter().filter(|a| *a != actor).cloned().collect();
        if others.is_empty() {
            continue;
        }
        agreement_needed = true;
        if let Some(name) = agreed_by.iter().find(|n| !others.contains(n)) {
            return Err(Refusal::NotAgreer {
                kind: b.kind,
                name: name.clone(),
                roles: b.agree_roles.clone(),
                holders: others,
            });
        }
        if agreed_by.is_empty() {
            return Err(Refusal::NeedsAgreement {
                kind: b.kind,
                roles: b.agree_roles.clone(),
                holders: others,
            });
        }
        for name in agreed_by {
            if !counted.contains(name) {
                counted.push(name.clone());
            }
        }
    }
    Ok(Authorised {
        kinds,
        agreement_needed,
        agreed_by: counted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(people: &[(&str, &[&str])]) -> Product {
        let mut p = Product::new("P".into(), "RX".into());
        p.people = people
            .iter()
            .map(|(n, roles)| Person::new(*n, roles.iter().map(|r| (*r).to_owned()).collect()))
            .collect();
        p
    }

    fn team() -> Product {
        product(&[
            ("Priya", &["owner"]),
            ("Dan", &["leadership"]),
            ("Sam", &["team"]),
        ])
    }

    #[test]
    fn the_owner_prioritises_alone_and_others_are_refused() {
        let p = team();
        let k = [DecisionKind::Prioritisation];
        let ok = authorise(&p, &k, Some("Priya"), &[]).unwrap();
        assert!(!ok.agreement_needed);
        let refused = authorise(&p, &k, Some("Sam"), &[]).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "Sam may not take prioritisation decisions: the rule is decide = [owner], held by Priya"
        );
    }

    #[test]
    fn goals_need_leadership_to_agree_and_only_leadership_counts() {
        let p = team();
        let k = [DecisionKind::Goals];
        assert!(matches!(
            authorise(&p, &k, Some("Priya"), &[]),
            Err(Refusal::NeedsAgreement { .. })
        ));
        let ok = authorise(&p, &k, Some("Priya"), &["Dan".into()]).unwrap();
        assert!(ok.agreement_needed);
        assert_eq!(ok.agreed_by, ["Dan"]);
        let e = authorise(&p, &k, Some("Priya"), &["Sam".into()]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Sam cannot agree to goals decisions: agreement comes from [leadership], held by Dan"
        );
    }

    #[test]
    fn a_rule_binds_only_roles_somebody_holds() {
        let lone = product(&[("Priya", &["owner"])]);
        let ok = authorise(&lone, &[DecisionKind::Goals], Some("Priya"), &[]).unwrap();
        assert!(!ok.agreement_needed);
        let nobody = product(&[]);
        assert!(authorise(&nobody, &[DecisionKind::Scope], None, &[]).is_ok());
    }

    #[test]
    fn a_binding_rule_needs_someone_acting() {
        let e = authorise(&team(), &[DecisionKind::Scope], None, &[]).unwrap_err();
        assert_eq!(
            e,
            Refusal::NoActor {
                kinds: vec![DecisionKind::Scope]
            }
        );
    }

    #[test]
    fn rights_are_leaderships_and_the_owner_cannot_take_them() {
        let p = team();
        assert!(authorise(&p, &[DecisionKind::Rights], Some("Dan"), &[]).is_ok());
        assert!(matches!(
            authorise(&p, &[DecisionKind::Rights], Some("Priya"), &[]),
            Err(Refusal::NotDecider { .. })
        ));
    }

    #[test]
    fn with_no_leadership_rights_fall_to_the_owner() {
        let lone = product(&[("Priya", &["owner"])]);
        assert!(authorise(&lone, &[DecisionKind::Rights], Some("Priya"), &[]).is_ok());
        assert!(matches!(
            authorise(&lone, &[DecisionKind::Rights], Some("Eve"), &[]),
            Err(Refusal::NotDecider { .. })
        ));
    }

    #[test]
    fn nobody_agrees_with_themselves() {
        let mut p = team();
        p.people[0].roles.push("leadership".into());
        let e = authorise(&p, &[DecisionKind::Goals], Some("Priya"), &["Priya".into()]);
        assert!(matches!(e, Err(Refusal::NotAgreer { .. })));
        assert!(matches!(
            authorise(&p, &[DecisionKind::Goals], Some("Priya"), &[]),
            Err(Refusal::NeedsAgreement { .. })
        ));
        // A founder who is the only leadership has nobody else to ask.
        let founder = product(&[("Priya", &["owner", "leadership"])]);
        assert!(authorise(&founder, &[DecisionKind::Goals], Some("Priya"), &[]).is_ok());
    }

    #[test]
    fn a_rule_nobody_can_hold_falls_to_the_owner() {
        let mut p = team();
        p.rights.prioritisation = Some(Rule {
            decide: vec!["Owner".into()],
            agree: Vec::new(),
        });
        assert!(authorise(&p, &[DecisionKind::Prioritisation], Some("Priya"), &[]).is_ok());
        assert!(authorise(&p, &[DecisionKind::Prioritisation], Some("Sam"), &[]).is_err());
    }

    #[test]
    fn a_file_can_set_its_own_rules() {
        let mut p = team();
        p.rights.prioritisation = Some(Rule {
            decide: vec!["team".into()],
            agree: Vec::new(),
        });
        assert!(authorise(&p, &[DecisionKind::Prioritisation], Some("Sam"), &[]).is_ok());
        assert!(authorise(&p, &[DecisionKind::Prioritisation], Some("Priya"), &[]).is_err());
    }

    #[test]
    fn taking_the_owner_role_needs_the_owners_word() {
        let before = team();
        let mut after = team();
        after.people[1].roles.push("owner".into());
        assert_eq!(
            owner_change_needs(&before, &after),
            Some(vec!["Priya".to_owned()])
        );
        let e = owner_change_agreed(&before, &after, Some("Dan"), &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "taking the owner role needs the agreement of the current owner, Priya"
        );
        assert_eq!(
            owner_change_agreed(&before, &after, Some("Dan"), &["Priya".into()]),
            Ok(Some("Priya".to_owned()))
        );
        // The owner handing on the role decides it themselves.
        assert_eq!(
            owner_change_agreed(&before, &after, Some("Priya"), &[]),
            Ok(None)
        );
        // Removing it from its holder is the same.
        let mut removed = after.clone();
        removed.people[0].roles.clear();
        assert!(owner_change_agreed(&after, &removed, Some("Sam"), &[]).is_err());
        // Other roles, and a file with nobody owning yet, need no owner.
        let mut lead = team();
        lead.people[2].roles.push("leadership".into());
        assert_eq!(owner_change_needs(&before, &lead), None);
        let nobody = product(&[("Dan", &["leadership"])]);
        let mut first = nobody.clone();
        first.people[0].roles.push("owner".into());
        assert_eq!(owner_change_needs(&nobody, &first), None);
    }

    #[test]
    fn the_agreement_to_ask_is_someone_elses_where_the_rule_needs_one() {
        let p = team();
        assert_eq!(
            agreement_to_ask(&p, &[DecisionKind::Goals], Some("Priya")),
            Some("Dan".to_owned())
        );
        assert_eq!(
            agreement_to_ask(&p, &[DecisionKind::Scope], Some("Priya")),
            None
        );
        assert_eq!(
            agreement_to_ask(&p, &[DecisionKind::Goals], Some("Dan")),
            None
        );
        let lone = product(&[("Priya", &["owner"])]);
        assert_eq!(agreement_to_ask(&lone, &[DecisionKind::Goals], None), None);
    }

    #[test]
    fn kinds_read_from_their_names() {
        assert_eq!("launch".parse::<DecisionKind>(), Ok(DecisionKind::Launch));
        assert!("budget".parse::<DecisionKind>().is_err());
    }
}
