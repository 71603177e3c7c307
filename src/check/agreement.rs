//! Agreement that falls away: a rule asks one person to decide and another
//! to agree, but the only person who could agree also decides. Nobody
//! agrees with themselves, so that person's decisions of the kind need
//! nobody's agreement, silently. Worth a warning, not a refusal: a founder
//! who is both owner and the only leader is a real, small team.

use crate::model::{KeyPath, Product};
use crate::rights::{Binding, bindings};

use super::rules::AGREEMENT_FALLS_AWAY;
use super::{Finding, quoted};

pub fn check(product: &Product, findings: &mut Vec<Finding>) {
    let rules = bindings(product);
    for (i, person) in product.people.iter().enumerate() {
        let name = person.name.as_str();
        let kinds: Vec<&Binding> = rules.iter().filter(|b| falls_away_for(b, name)).collect();
        if kinds.is_empty() {
            continue;
        }
        let names: Vec<&str> = kinds.iter().map(|b| b.kind.name()).collect();
        let mut agree_roles: Vec<&str> = kinds
            .iter()
            .flat_map(|b| b.agree_roles.iter().map(String::as_str))
            .collect();
        agree_roles.sort_unstable();
        agree_roles.dedup();
        let at = KeyPath::root().key("people").index(i, None).key("roles");
        let role = agree_roles.first().copied().unwrap_or("leadership");
        findings.push(
            Finding::new(
                AGREEMENT_FALLS_AWAY,
                at,
                format!(
                    "{name} decides {} and is the only one who can agree to them ({}), \
                     so their decisions of {} need nobody's agreement",
                    and_list(&names),
                    agree_roles.join(", "),
                    if names.len() == 1 {
                        "that kind"
                    } else {
                        "those kinds"
                    },
                ),
            )
            .hint(format!(
                "give the agreeing role to someone else (`product people role NAME --add {role}`), \
                 or take it from {name} (`product people role {} --remove {role}`)",
                quoted(name)
            ))
            .about(name),
        );
    }
}

/// Whether `name` may decide `b`'s kind and is the only one who could agree.
fn falls_away_for(b: &Binding, name: &str) -> bool {
    !b.agree_roles.is_empty()
        && b.deciders.iter().any(|d| d == name)
        && b.agreers.iter().all(|a| a == name)
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn product(people: &[(&str, &[&str])]) -> Product {
        let mut p = Product::new("P".into(), "RX".into());
        p.people = people
            .iter()
            .map(|(n, roles)| Person::new(*n, roles.iter().map(|r| (*r).to_owned()).collect()))
            .collect();
        p
    }

    #[test]
    fn a_founder_who_is_owner_and_the_only_leader_is_warned_once() {
        let p = product(&[("Priya", &["owner", "leadership"]), ("Sam", &["team"])]);
        let mut findings = Vec::new();
        check(&p, &mut findings);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(f.rule, "agreement-falls-away");
        assert_eq!(
            f.message,
            "Priya decides goals, metrics, launch and vision and is the only one who can agree \
             to them (leadership), so their decisions of those kinds need nobody's agreement"
        );
        assert_eq!(f.path.to_string(), "people[1].roles");
    }

    #[test]
    fn a_second_agreer_or_no_agreer_at_all_is_fine() {
        let mut findings = Vec::new();
        let two = product(&[
            ("Priya", &["owner", "leadership"]),
            ("Dan", &["leadership"]),
        ]);
        check(&two, &mut findings);
        let lone = product(&[("Priya", &["owner"])]);
        check(&lone, &mut findings);
        let apart = product(&[("Priya", &["owner"]), ("Dan", &["leadership"])]);
        check(&apart, &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
    }
}
