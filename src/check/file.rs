//! Rules about the file as a whole: links that resolve, ids in their
//! usual form, sources that name one item each, no dependency cycles, and
//! people and roles that exist.

use std::collections::HashMap;

use crate::model::suggest::closest;
use crate::model::{Dangling, KeyPath, LinkField, NotFound, Product};
use crate::rights::{DecisionKind, holders};

use super::rules::{
    DANGLING_REFERENCE, DEPENDENCY_CYCLE, DUPLICATE_SOURCE, ID_FORMAT, OWNER_NOT_IN_PEOPLE,
    UNHELD_ROLE, UNKNOWN_PERSON,
};
use super::{Finding, listed, quoted};

pub fn check(product: &Product, findings: &mut Vec<Finding>) {
    references(product, findings);
    id_formats(product, findings);
    duplicate_sources(product, findings);
    cycles(product, findings);
    owner(product, findings);
    unheld_roles(product, findings);
    decision_people(product, findings);
}

/// What a reference could have named: the hint under a dangling one.
fn known_hint(what: &str, wanted: &str, known: &[String]) -> String {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(wanted)) {
        return format!("did you mean `{k}`? ids are case-sensitive");
    }
    if let Some(k) = closest(wanted, known.iter().map(String::as_str)) {
        return format!("did you mean `{k}`? Known {what}: {}", listed(known));
    }
    if known.is_empty() {
        format!("the file has no {what}; remove the link or add what it names")
    } else {
        format!("known {what}: {}", listed(known))
    }
}

/// Links that name nothing, as [`Product::dangling`] finds them (the same
/// definition commands, import and `$EDITOR` edits use), each with how to fix it.
fn references(product: &Product, findings: &mut Vec<Finding>) {
    let root = KeyPath::root();
    for Dangling {
        from,
        index,
        field,
        missing,
    } in product.dangling()
    {
        let NotFound { id, known, .. } = &missing;
        let item = || root.key("items").index(index, Some(&from));
        let finding = match field {
            LinkField::KeyResults => Finding::new(
                DANGLING_REFERENCE,
                item().key("key_results"),
                format!("{from} links to key result {id}, which the file does not have"),
            )
            .hint(format!(
                "{}; or unlink it: `product item edit {from} --unlink-kr {id}`",
                known_hint("key results", id, known),
            )),
            LinkField::Roadmap => Finding::new(
                DANGLING_REFERENCE,
                item().key("roadmap"),
                format!("{from} is on roadmap entry {id}, which the file does not have"),
            )
            .hint(format!(
                "{}; or take it off the roadmap: `product item edit {from} --roadmap none`",
                known_hint("roadmap entries", id, known),
            )),
            LinkField::DependsOn => Finding::new(
                DANGLING_REFERENCE,
                item().key("depends_on"),
                format!("{from} depends on {id}, which the file does not have"),
            )
            .hint(format!(
                "remove it with `product item edit {from} --unlink-depends-on {id}`"
            )),
            LinkField::Measure => Finding::new(
                DANGLING_REFERENCE,
                item().key("experiment").key("measure"),
                format!(
                    "experiment {from} is measured by {id}, which is neither a KPI nor a key result of the file"
                ),
            )
            .hint(known_hint("measures", id, known)),
            LinkField::Objectives => Finding::new(
                DANGLING_REFERENCE,
                root.key("roadmap").index(index, Some(&from)).key("objectives"),
                format!(
                    "roadmap entry {from} serves objective {id}, which the file does not have"
                ),
            )
            .hint(format!(
                "{}; or unlink it: `product roadmap edit {from} --unlink-objective {id}`",
                known_hint("objectives", id, known),
            )),
            LinkField::Needs => Finding::new(
                DANGLING_REFERENCE,
                item().key("needs"),
                format!("{from} answers need {id}, which the file does not have"),
            )
            .hint(format!(
                "{}; or unlink it: `product item edit {from} --unlink-need {id}`",
                known_hint("needs", id, known),
            )),
            LinkField::Requests => Finding::new(
                DANGLING_REFERENCE,
                item().key("requests"),
                format!("{from} was accepted for request {id}, which the file does not have"),
            )
            .hint(format!(
                "{}; or remove `{id}` from its `requests`",
                known_hint("requests", id, known),
            )),
            LinkField::ObjectiveNeeds => Finding::new(
                DANGLING_REFERENCE,
                root.key("objectives").index(index, Some(&from)).key("needs"),
                format!("objective {from} serves need {id}, which the file does not have"),
            )
            .hint(format!(
                "{}; or remove `{id}` from its `needs`",
                known_hint("needs", id, known),
            )),
            LinkField::Into => Finding::new(
                DANGLING_REFERENCE,
                root.key("requests").index(index, Some(&from)).key("into"),
                format!("request {from} was merged into {id}, which the file does not have"),
            )
            .hint(known_hint("needs or items", id, known)),
            LinkField::Recommendation => Finding::new(
                DANGLING_REFERENCE,
                item().key("recommendation"),
                format!(
                    "{from} addresses recommendation {id}, which no assessment of the file has"
                ),
            )
            .hint(format!(
                "{}; or unlink it: `product item edit {from} --recommendation none`",
                known_hint("recommendations", id, known),
            )),
        };
        findings.push(finding.about(&from));
    }
}

/// Items that share a source: an import matches a row to its item by
/// source, so it cannot tell them apart (a re-import, or an export imported
/// elsewhere, is refused). Each item after the first is placed at its own.
fn duplicate_sources(product: &Product, findings: &mut Vec<Finding>) {
    let root = KeyPath::root();
    let mut first: HashMap<&str, &str> = HashMap::new();
    for (i, item) in product.items.iter().enumerate() {
        let Some(source) = item.source.as_deref() else {
            continue;
        };
        let Some(earlier) = first.get(source).copied() else {
            first.insert(source, &item.id);
            continue;
        };
        findings.push(
            Finding::new(
                DUPLICATE_SOURCE,
                root.key("items").index(i, Some(&item.id)).key("source"),
                format!(
                    "{} has source `{source}`, as {earlier} does; an import cannot tell them apart",
                    item.id
                ),
            )
            .hint(
                "give each item its own source key; where the items came from several trackers, name the tracker in it, as `import csv --map source=TRACKER+KEY` does (`TRACKER/KEY`)",
            )
            .about(&item.id),
        );
    }
}

/// `O12` for prefix `O`: the prefix, then a number from 1 without leading zeros.
fn numbered(prefix: &str, id: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

fn id_formats(product: &Product, findings: &mut Vec<Finding>) {
    let root = KeyPath::root();
    let mut wrong = |path: KeyPath, id: &str, what: &str, example: &str| {
        findings.push(
            Finding::new(
                ID_FORMAT,
                path,
                format!("{what} id `{id}` is not in the usual form {example}"),
            )
            .hint(format!(
                "commands number new ids from the usual form; rename it, and the links to it, to something like {example}"
            ))
            .about(id),
        );
    };
    let key = &product.product.key;
    for (i, item) in product.items.iter().enumerate() {
        if item.id.rsplit_once('-').map(|(k, _)| k) != Some(key.as_str()) {
            wrong(
                root.key("items").index(i, Some(&item.id)).key("id"),
                &item.id,
                "item",
                &format!("{key}-1 (the product key is {key})"),
            );
        }
    }
    for (i, o) in product.objectives.iter().enumerate() {
        let at = root.key("objectives").index(i, Some(&o.id));
        if !numbered("O", &o.id) {
            wrong(at.key("id"), &o.id, "objective", "O1");
        }
        for (j, kr) in o.key_results.iter().enumerate() {
            if !numbered("KR", &kr.id) {
                let at = at.key("key_results").index(j, Some(&kr.id)).key("id");
                wrong(at, &o.kr_ref(kr), "key result", "KR1");
            }
        }
    }
    let sections: [(&str, &str, &str, Vec<&str>); 6] = [
        (
            "kpis",
            "K",
            "KPI",
            product.kpis.iter().map(|k| k.id.as_str()).collect(),
        ),
        (
            "roadmap",
            "R",
            "roadmap entry",
            product.roadmap.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "decisions",
            "D",
            "decision",
            product.decisions.iter().map(|d| d.id.as_str()).collect(),
        ),
        (
            "needs",
            "N",
            "need",
            product.needs.iter().map(|n| n.id.as_str()).collect(),
        ),
        (
            "requests",
            "Q",
            "request",
            product.requests.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "assessments",
            "A",
            "assessment",
            product.assessments.iter().map(|a| a.id.as_str()).collect(),
        ),
    ];
    for (section, prefix, what, ids) in sections {
        for (i, id) in ids.into_iter().enumerate() {
            if !numbered(prefix, id) {
                let at = root.key(section).index(i, Some(id)).key("id");
                wrong(at, id, what, &format!("{prefix}1"));
            }
        }
    }
    for (i, a) in product.assessments.iter().enumerate() {
        for (j, r) in a.recommendations.iter().enumerate() {
            if !numbered("R", &r.id) {
                let at = root
                    .key("assessments")
                    .index(i, Some(&a.id))
                    .key("recommendations")
                    .index(j, Some(&r.id))
                    .key("id");
                wrong(at, &a.recommendation_ref(r), "recommendation", "R1");
            }
        }
    }
}

fn cycles(product: &Product, findings: &mut Vec<Finding>) {
    for cycle in product.dependency_cycles() {
        let first = &cycle[0];
        let Some(i) = product.items.iter().position(|item| &item.id == first) else {
            continue;
        };
        let at = KeyPath::root()
            .key("items")
            .index(i, Some(first))
            .key("depends_on");
        let next = cycle.get(1).map_or(first.as_str(), String::as_str);
        // A long cycle is named by its ends, not item by item.
        const SHOWN: usize = 8;
        let path = if cycle.len() > SHOWN + 2 {
            format!(
                "{} -> ... -> {} ({} items)",
                cycle[..SHOWN].join(" -> "),
                first,
                cycle.len() - 1
            )
        } else {
            cycle.join(" -> ")
        };
        findings.push(
            Finding::new(
                DEPENDENCY_CYCLE,
                at,
                format!("dependency cycle among open items: {path}; none of them can start"),
            )
            .hint(format!(
                "break the cycle, e.g. `product item edit {first} --unlink-depends-on {next}`"
            ))
            .about(first),
        );
    }
}

fn owner(product: &Product, findings: &mut Vec<Finding>) {
    let Some(owner) = &product.product.owner else {
        return;
    };
    if product.people.is_empty() {
        return;
    }
    let at = KeyPath::root().key("product").key("owner");
    match product.people.iter().find(|p| &p.name == owner) {
        None => findings.push(
            Finding::new(
                OWNER_NOT_IN_PEOPLE,
                at,
                format!("the owner, {owner}, is not in [[people]]"),
            )
            .hint(format!(
                "add them with `product people add {} --role owner`, or correct the name (people: {})",
                quoted(owner),
                listed(&product.people.iter().map(|p| p.name.clone()).collect::<Vec<_>>())
            )),
        ),
        Some(person) if !person.roles.iter().any(|r| r == "owner") => findings.push(
            Finding::new(
                OWNER_NOT_IN_PEOPLE,
                at,
                format!("the owner, {owner}, does not hold the owner role in [[people]]"),
            )
            .hint(format!(
                "decision rights follow roles: `product people role {} --add owner`",
                quoted(owner)
            )),
        ),
        Some(_) => {}
    }
}

fn unheld_roles(product: &Product, findings: &mut Vec<Finding>) {
    let mut held: Vec<String> = product
        .people
        .iter()
        .flat_map(|p| p.roles.clone())
        .collect();
    held.sort();
    held.dedup();
    for kind in DecisionKind::ALL {
        // Only rules the file writes: the defaults name leadership, which a
        // new file with a lone owner does not have yet, and that is fine.
        let Some(rule) = kind.own_rule(product) else {
            continue;
        };
        for (list, roles) in [("decide", &rule.decide), ("agree", &rule.agree)] {
            for role in roles {
                if holders(&product.people, role).is_empty() {
                    let at = KeyPath::root().key("rights").key(kind.name()).key(list);
                    let hint = match closest(role, held.iter().map(String::as_str)) {
                        Some(meant) => format!("did you mean `{meant}`?"),
                        None if held.is_empty() => {
                            "nobody has a role yet: `product people add NAME --role ROLE`"
                                .to_owned()
                        }
                        None => format!(
                            "give someone the role (`product people role NAME --add {role}`), or name a held role: {}",
                            listed(&held)
                        ),
                    };
                    let effect = if list == "decide" {
                        "so the owner decides instead"
                    } else {
                        "so nobody's agreement is asked"
                    };
                    findings.push(
                        Finding::new(
                            UNHELD_ROLE,
                            at,
                            format!(
                                "[rights] {} {list}s with role `{role}`, which nobody holds, {effect}",
                                kind.name()
                            ),
                        )
                        .hint(hint),
                    );
                }
            }
        }
    }
}

/// The people in the log are people of the file. Only once the file has
/// `[[people]]`: before that, nobody is known to compare with.
fn decision_people(product: &Product, findings: &mut Vec<Finding>) {
    if product.people.is_empty() {
        return;
    }
    let names: Vec<String> = product.people.iter().map(|p| p.name.clone()).collect();
    for (i, d) in product.decisions.iter().enumerate() {
        let at = KeyPath::root().key("decisions").index(i, Some(&d.id));
        let named = std::iter::once(("decided_by", &d.decided_by))
            .chain(d.agreed_by.iter().map(|a| ("agreed_by", a)));
        for (key, name) in named {
            if !names.contains(name) {
                let hint = match closest(name, names.iter().map(String::as_str)) {
                    Some(meant) => format!("did you mean `{meant}`?"),
                    None => format!(
                        "people: {}; someone who has left can be kept with `product people add {}` and no role",
                        listed(&names),
                        quoted(name)
                    ),
                };
                findings.push(
                    Finding::new(
                        UNKNOWN_PERSON,
                        at.key(key),
                        format!(
                            "decision {} names {name} ({key}), who is not in [[people]]",
                            d.id
                        ),
                    )
                    .hint(hint)
                    .about(&d.id),
                );
            }
        }
    }
}
