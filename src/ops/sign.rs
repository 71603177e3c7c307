//! Signing a decision: who may put a signature on which decision, and
//! attaching one made with their key.
//!
//! Only the people a decision names (its decider and agreers) sign it, each
//! with a key `[[people]]` holds for them. A decision another person has
//! signed and that changed since is refused: a new signature would vouch
//! for content the others never saw. A valid signature is not a decision:
//! it changes nothing that was decided, and the transaction logs none.
//!
//! ```
//! use productfile::model::{Date, Product};
//! use productfile::ops::sign;
//!
//! let product = Product::new("Payments".into(), "PAY".into());
//! let err = sign::may_sign(&product, "D7", "Priya").unwrap_err();
//! assert_eq!(err.code.as_str(), "unknown_id");
//! ```

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{Date, Decision, DecisionSignature, Entity, Product};
use crate::signing::{self, Problem};

/// A signature attached.
#[derive(Debug, Clone, Serialize)]
pub struct Signed {
    pub decision: String,
    pub by: String,
    /// The SHA256 fingerprint of the key that made it.
    pub key: String,
    /// Whether it replaced an earlier signature of the same person.
    pub replaced: bool,
    /// Whose signatures the decision still needs.
    pub still_needed: Vec<String>,
}

/// The decision `id`, when `by` may sign it: named on it, with a signing
/// key in the file, and signed by nobody else since it changed.
pub fn may_sign<'a>(product: &'a Product, id: &str, by: &str) -> Result<&'a Decision> {
    let decision = product.find_decision(id)?;
    let named = decision.decided_by == by || decision.agreed_by.iter().any(|a| a == by);
    if !named {
        let mut who = vec![format!("decided by {}", decision.decided_by)];
        if !decision.agreed_by.is_empty() {
            who.push(format!("agreed by {}", decision.agreed_by.join(", ")));
        }
        return Err(refused(
            format!(
                "{by} is not named on {id} ({}): only they sign it",
                who.join(", ")
            ),
            "sign as one of them (--as NAME), or log your own decision with `product decide`",
        ));
    }
    let keys = product
        .people
        .iter()
        .find(|p| p.name == by)
        .map_or(&[][..], |p| &p.signing_keys[..]);
    if !keys.iter().any(|k| signing::public_key(k).is_ok()) {
        return Err(Error::usage(format!("{by} has no signing key in the file"))
            .with_hint(format!(
                "add yours first (a rights change): `product people key {} --add ~/.ssh/id_ed25519.pub`",
                crate::check::quoted(by)
            )));
    }
    let altered: Vec<String> = signing::verify(decision, &product.people, "")
        .into_iter()
        .filter(|c| c.person != by)
        .filter(|c| {
            matches!(
                c.problem,
                Some(Problem::ContentChanged { .. } | Problem::Malformed { .. })
            )
        })
        .map(|c| c.person)
        .collect();
    if !altered.is_empty() {
        return Err(refused(
            format!(
                "{id} has changed since {} signed it: a signature now would vouch for content they did not",
                altered.join(" and ")
            ),
            format!(
                "put {id} back as it was signed (see `git log -p`), or log a new decision with `product decide`"
            ),
        ));
    }
    Ok(decision)
}

/// Attaches `signature` (armored, as `ssh-keygen -Y sign` writes it, or its
/// one-line body) to decision `id` as `by`'s, once it is a valid signature
/// of the decision with one of `by`'s keys. It replaces an earlier
/// signature of theirs.
pub fn attach(
    product: &mut Product,
    _today: Date,
    id: &str,
    by: &str,
    signature: &str,
) -> Result<Signed> {
    let decision = may_sign(product, id, by)?;
    let body = signing::body(signature)
        .map_err(|why| invalid(format!("the signature for {id} cannot be read: {why}")))?;
    let mut signed = decision.clone();
    signed.signatures = vec![DecisionSignature {
        by: by.to_owned(),
        signature: body.clone(),
    }];
    let check = signing::verify(&signed, &product.people, " in the file")
        .into_iter()
        .find(|c| c.person == by);
    let key = match check {
        Some(c) if c.valid() => c.key.unwrap_or_default(),
        Some(c) => {
            let why = c.problem.map(|p| p.to_string()).unwrap_or_default();
            return Err(invalid(format!("not a valid signature of {id}: {why}")));
        }
        None => return Err(invalid(format!("not a signature of {id} by {by}"))),
    };
    let Some(decision) = product.decisions.iter_mut().find(|d| d.id == id) else {
        return Err(product.not_found(Entity::Decision, id).into());
    };
    let before = decision.signatures.len();
    decision.signatures.retain(|s| s.by != by);
    let replaced = decision.signatures.len() != before;
    decision.signatures.push(DecisionSignature {
        by: by.to_owned(),
        signature: body,
    });
    let still_needed = signing::verify(decision, &product.people, "")
        .into_iter()
        .filter(|c| c.role != "not named" && !c.valid())
        .map(|c| c.person)
        .collect();
    Ok(Signed {
        decision: id.to_owned(),
        by: by.to_owned(),
        key,
        replaced,
        still_needed,
    })
}

fn refused(message: String, hint: impl Into<String>) -> Error {
    Error::new(ErrorKind::Refused, ErrorCode::Refused, message).with_hint(hint)
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::Invalid, ErrorCode::SignatureInvalid, message).with_hint(
        "sign the bytes of `product decisions payload ID` with `ssh-keygen -Y sign -n productfile-decision -f KEY`, with a key of yours in [[people]]",
    )
}
