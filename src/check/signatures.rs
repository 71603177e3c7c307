//! Signing keys and signatures in the file itself: keys that are not keys,
//! signatures required of someone with no key, and signatures that no
//! longer match their decision. What `check --base` proves with the keys of
//! the base is [`super::governance`]'s; these say only that the file is
//! consistent with itself.

use crate::model::{KeyPath, Product};
use crate::rights::keyless_signers;
use crate::signing::{self, Problem};

use super::rules::{SIGNATURE_INVALID, SIGNING_KEY_INVALID, SIGNING_KEY_MISSING};
use super::{Finding, quoted};

pub fn check(product: &Product, findings: &mut Vec<Finding>) {
    let people = KeyPath::root().key("people");
    for (i, person) in product.people.iter().enumerate() {
        for (j, line) in person.signing_keys.iter().enumerate() {
            if let Err(e) = signing::public_key(line) {
                findings.push(
                    Finding::new(
                        SIGNING_KEY_INVALID,
                        people.index(i, None).key("signing_keys").index(j, None),
                        format!("{}'s signing key {}: {e}", person.name, j + 1),
                    )
                    .hint(format!(
                        "remove it, then add the key from its file: `product people key {} --add ~/.ssh/id_ed25519.pub`",
                        quoted(&person.name)
                    ))
                    .about(&person.name),
                );
            }
        }
    }
    if product.rights.signatures_required() {
        for name in keyless_signers(product) {
            let i = product.people.iter().position(|p| p.name == name);
            findings.push(
                Finding::new(
                    SIGNING_KEY_MISSING,
                    i.map_or(people.clone(), |i| people.index(i, None).key("name")),
                    format!(
                        "signatures are required, and {name} decides or agrees but has no signing key, so their decisions cannot be signed"
                    ),
                )
                .hint(format!(
                    "add their key: `product people key {} --add ~/.ssh/id_ed25519.pub`",
                    quoted(&name)
                ))
                .about(&name),
            );
        }
    }
    let decisions = KeyPath::root().key("decisions");
    for (i, d) in product.decisions.iter().enumerate() {
        if d.signatures.is_empty() {
            continue;
        }
        for c in signing::verify(d, &product.people, " in the file") {
            let Some(problem) = &c.problem else { continue };
            if matches!(problem, Problem::Missing { .. }) {
                continue;
            }
            findings.push(
                Finding::new(
                    SIGNATURE_INVALID,
                    decisions.index(i, Some(&d.id)).key("signatures"),
                    format!("{}: {problem}", d.id),
                )
                .hint(format!(
                    "`product decisions verify {}` says more; a decision that changed is signed again by everyone it names",
                    d.id
                ))
                .about(&d.id),
            );
        }
    }
}
