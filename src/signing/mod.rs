//! Signed decisions: the exact bytes a signature covers, making a signature
//! with a private key, and checking one against the keys people hold.
//!
//! A signature is an SSH signature (the SSHSIG format of `ssh-keygen -Y
//! sign` and git's SSH commit signing) in the namespace
//! [`NAMESPACE`], of the decision's [`payload`]: its content as canonical
//! JSON (RFC 8785), without its id, so a merge that renumbers a decision
//! keeps its signatures valid. Everything here is pure: reading key files
//! and running `ssh-keygen` or the agent are the store's
//! ([`crate::store::ssh`]).

use serde::Serialize;
use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use crate::model::{Cover, Decision, DecisionSignature, Person};

/// The SSHSIG namespace of a decision's signature: a signature made for
/// anything else (a git commit, a file) cannot be passed off as one.
pub const NAMESPACE: &str = "productfile-decision";

const BEGIN: &str = "-----BEGIN SSH SIGNATURE-----";
const END: &str = "-----END SSH SIGNATURE-----";

/// What a signature of a decision signs: every field but its id and its
/// signatures, each always present (`null` or `[]` when empty), so that the
/// bytes depend on the decision alone and not on how the file spelled it.
#[derive(Serialize)]
struct Payload<'a> {
    date: String,
    /// Known kinds first, then words no kind has, as the file writes them.
    kind: Vec<&'a str>,
    summary: &'a str,
    covers: &'a [Cover],
    decided_by: &'a str,
    agreed_by: &'a [String],
    rationale: Option<&'a str>,
    refs: &'a [String],
}

/// The exact bytes a signature of `decision` signs: its content (date,
/// kinds, summary, what it covers with values, decided_by, agreed_by,
/// rationale, refs) as canonical JSON, RFC 8785. `product decisions payload`
/// prints them, for signing elsewhere.
pub fn payload(decision: &Decision) -> Vec<u8> {
    let payload = Payload {
        date: decision.date.to_string(),
        kind: decision
            .kinds
            .iter()
            .map(|k| k.name())
            .chain(decision.other_kinds.iter().map(String::as_str))
            .collect(),
        summary: &decision.summary,
        covers: &decision.covers,
        decided_by: &decision.decided_by,
        agreed_by: &decision.agreed_by,
        rationale: decision.rationale.as_deref(),
        refs: &decision.refs,
    };
    // Strings, lists and finite numbers (the file holds no others) always
    // serialise.
    serde_jcs::to_vec(&payload).unwrap_or_default()
}

/// Why a key could not be read or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Not an SSH public key line.
    #[error(
        "not an SSH public key ({0}); give the line of a `.pub` file, e.g. `ssh-ed25519 AAAA... you@host`"
    )]
    NotAPublicKey(String),
    /// Not an OpenSSH private key.
    #[error("not an OpenSSH private key ({0})")]
    NotAPrivateKey(String),
    /// A private key under a passphrase: `ssh-keygen` (which asks for it) signs instead.
    #[error("the private key is protected by a passphrase")]
    Encrypted,
    /// The key could not sign.
    #[error("the key could not sign: {0}")]
    CannotSign(String),
}

/// A public key line as `ssh-keygen` writes it (`ssh-ed25519 AAAA... comment`).
pub fn public_key(line: &str) -> Result<PublicKey, KeyError> {
    PublicKey::from_openssh(line.trim()).map_err(|e| KeyError::NotAPublicKey(e.to_string()))
}

/// A key's SHA256 fingerprint, as `ssh-keygen -l` shows it.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Whether two key lines hold the same key, whatever their comments.
pub fn same_key(a: &str, b: &str) -> bool {
    match (public_key(a), public_key(b)) {
        (Ok(a), Ok(b)) => a.key_data() == b.key_data(),
        _ => a.trim() == b.trim(),
    }
}

/// Signs `decision` for `by` with an unencrypted OpenSSH private key.
/// [`KeyError::Encrypted`] says to sign with `ssh-keygen` instead.
pub fn sign(
    decision: &Decision,
    by: &str,
    private_key: &str,
) -> Result<DecisionSignature, KeyError> {
    let armored = sign_bytes(&payload(decision), private_key)?;
    Ok(DecisionSignature {
        by: by.to_owned(),
        signature: body(&armored).map_err(KeyError::CannotSign)?,
    })
}

/// The armored SSH signature of `message` by an unencrypted OpenSSH
/// private key, as `ssh-keygen -Y sign -n productfile-decision` makes it.
pub fn sign_bytes(message: &[u8], private_key: &str) -> Result<String, KeyError> {
    let key = PrivateKey::from_openssh(private_key)
        .map_err(|e| KeyError::NotAPrivateKey(e.to_string()))?;
    if key.is_encrypted() {
        return Err(KeyError::Encrypted);
    }
    let sig = key
        .sign(NAMESPACE, HashAlg::Sha512, message)
        .map_err(|e| KeyError::CannotSign(e.to_string()))?;
    sig.to_pem(LineEnding::LF)
        .map_err(|e| KeyError::CannotSign(e.to_string()))
}

/// The base64 body of an armored signature (`-----BEGIN SSH SIGNATURE-----`
/// ... `-----END SSH SIGNATURE-----`, as `ssh-keygen -Y sign` writes it) on
/// one line, or the text itself when it is already one line of base64.
pub fn body(text: &str) -> Result<String, String> {
    let text = text.trim();
    let inner = match (text.find(BEGIN), text.find(END)) {
        (Some(b), Some(e)) if b < e => &text[b + BEGIN.len()..e],
        (None, None) => text,
        _ => return Err("an SSH signature starts with `-----BEGIN SSH SIGNATURE-----` and ends with `-----END SSH SIGNATURE-----`".into()),
    };
    let one: String = inner.split_whitespace().collect();
    if one.is_empty() {
        return Err("the signature is empty".into());
    }
    SshSig::from_pem(armor(&one)).map_err(|e| format!("not an SSH signature ({e})"))?;
    Ok(one)
}

/// A stored signature as `ssh-keygen -Y verify` reads it.
pub fn armor(body: &str) -> String {
    let mut out = String::from(BEGIN);
    out.push('\n');
    let bytes = body.as_bytes();
    for line in bytes.chunks(70) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// Why a signature does not prove what it should.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// A person the decision names has not signed it.
    #[error("no signature by {person}")]
    Missing { person: String },
    /// Signed by someone the decision does not name.
    #[error("{person} signed it but is neither its decider nor an agreer")]
    NotNamed { person: String },
    /// The signer holds no signing key in the file the keys come from.
    #[error("{person} has no signing key{where_}")]
    NoKeys { person: String, where_: String },
    /// Made with a key that is not one of the signer's.
    #[error("signed with a key that is not one of {person}'s{where_} ({fingerprint})")]
    UnknownKey {
        person: String,
        fingerprint: String,
        where_: String,
    },
    /// Not a readable SSH signature, or one made for something else.
    #[error("{person}'s signature is not a signature of a decision: {why}")]
    Malformed { person: String, why: String },
    /// The content differs from what was signed.
    #[error("{person}'s signature does not match the decision: its content changed after signing")]
    ContentChanged { person: String },
}

/// How one person's signature on a decision stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignerCheck {
    pub person: String,
    /// `decider`, `agreer`, or `not named`.
    pub role: &'static str,
    /// The fingerprint of the key that made a valid signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    pub problem: Option<Problem>,
}

impl SignerCheck {
    pub fn valid(&self) -> bool {
        self.problem.is_none()
    }
}

/// Every signature `decision` needs (its decider's and each agreer's) and
/// every one it carries, checked against the signing keys of `people`;
/// `keys_from` names where those keys come from, for the reasons ("in the
/// base"). A person with several signatures counts when any is valid.
pub fn verify(decision: &Decision, people: &[Person], keys_from: &str) -> Vec<SignerCheck> {
    let message = payload(decision);
    let mut signers: Vec<(&str, &'static str)> = vec![(decision.decided_by.as_str(), "decider")];
    for a in &decision.agreed_by {
        if !signers.iter().any(|(n, _)| n == a) {
            signers.push((a, "agreer"));
        }
    }
    for s in &decision.signatures {
        if !signers.iter().any(|(n, _)| *n == s.by) {
            signers.push((&s.by, "not named"));
        }
    }
    signers
        .into_iter()
        .map(|(person, role)| {
            let mut check = SignerCheck {
                person: person.to_owned(),
                role,
                key: None,
                problem: None,
            };
            if role == "not named" {
                check.problem = Some(Problem::NotNamed {
                    person: person.to_owned(),
                });
                return check;
            }
            let theirs: Vec<&DecisionSignature> = decision
                .signatures
                .iter()
                .filter(|s| s.by == person)
                .collect();
            if theirs.is_empty() {
                check.problem = Some(Problem::Missing {
                    person: person.to_owned(),
                });
                return check;
            }
            let keys: Vec<PublicKey> = people
                .iter()
                .filter(|p| p.name == person)
                .flat_map(|p| p.signing_keys.iter())
                .filter_map(|k| public_key(k).ok())
                .collect();
            let mut problem = None;
            for s in theirs {
                match one(&message, person, &s.signature, &keys, keys_from) {
                    Ok(key) => {
                        check.key = Some(key);
                        problem = None;
                        break;
                    }
                    Err(p) => problem = problem.or(Some(p)),
                }
            }
            check.problem = problem;
            check
        })
        .collect()
}

/// Whether `signature` is `person`'s signature of `message` with one of
/// `keys`: the key's fingerprint when it is.
fn one(
    message: &[u8],
    person: &str,
    signature: &str,
    keys: &[PublicKey],
    keys_from: &str,
) -> Result<String, Problem> {
    let malformed = |why: String| Problem::Malformed {
        person: person.to_owned(),
        why,
    };
    let sig = SshSig::from_pem(armor(signature)).map_err(|e| malformed(e.to_string()))?;
    if sig.namespace() != NAMESPACE {
        return Err(malformed(format!(
            "made for `{}`, not `{NAMESPACE}`",
            sig.namespace()
        )));
    }
    if keys.is_empty() {
        return Err(Problem::NoKeys {
            person: person.to_owned(),
            where_: keys_from.to_owned(),
        });
    }
    let Some(key) = keys.iter().find(|k| k.key_data() == sig.public_key()) else {
        let signer = PublicKey::new(sig.public_key().clone(), "");
        return Err(Problem::UnknownKey {
            person: person.to_owned(),
            fingerprint: fingerprint(&signer),
            where_: keys_from.to_owned(),
        });
    };
    key.verify(NAMESPACE, message, &sig)
        .map_err(|_| Problem::ContentChanged {
            person: person.to_owned(),
        })?;
    Ok(fingerprint(key))
}

/// Whether a decision carries a valid signature from everyone it names.
pub fn fully_signed(checks: &[SignerCheck]) -> bool {
    checks.iter().all(|c| c.role == "not named" || c.valid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DecisionKind};
    use ssh_key::private::Ed25519Keypair;

    fn key(seed: u8) -> PrivateKey {
        PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]))
    }

    fn openssh(k: &PrivateKey) -> String {
        k.to_openssh(LineEnding::LF).unwrap().to_string()
    }

    fn person(name: &str, k: &PrivateKey) -> Person {
        let mut p = Person::new(name, vec!["leadership".into()]);
        p.signing_keys = vec![k.public_key().to_openssh().unwrap()];
        p
    }

    fn decision() -> Decision {
        Decision {
            id: "D7".into(),
            date: Date::from_ymd(2026, 12, 4).unwrap(),
            kinds: vec![DecisionKind::Metrics],
            other_kinds: Vec::new(),
            summary: "K1 target 90 -> 95".into(),
            decided_by: "Priya".into(),
            agreed_by: vec!["Ken".into()],
            rationale: None,
            refs: vec!["K1".into()],
            covers: vec![Cover {
                section: "kpis".into(),
                id: "K1".into(),
                change: None,
                field: Some("target".into()),
                old: Some(serde_json::json!(90.0)),
                new: Some(serde_json::json!(95)),
            }],
            signatures: Vec::new(),
        }
    }

    #[test]
    fn the_payload_is_canonical_json_without_the_id() {
        let text = String::from_utf8(payload(&decision())).unwrap();
        assert_eq!(
            text,
            r#"{"agreed_by":["Ken"],"covers":[{"field":"target","id":"K1","new":95,"old":90,"section":"kpis"}],"date":"2026-12-04","decided_by":"Priya","kind":["metrics"],"rationale":null,"refs":["K1"],"summary":"K1 target 90 -> 95"}"#
        );
        let mut renumbered = decision();
        renumbered.id = "D12".into();
        assert_eq!(payload(&renumbered), payload(&decision()));
    }

    #[test]
    fn both_signatures_verify_and_an_edit_breaks_them() {
        let (priya, ken) = (key(1), key(2));
        let people = vec![person("Priya", &priya), person("Ken", &ken)];
        let mut d = decision();
        d.signatures
            .push(sign(&d, "Priya", &openssh(&priya)).unwrap());
        let checks = verify(&d, &people, "");
        assert!(checks[0].valid(), "{checks:?}");
        assert_eq!(
            checks[1].problem,
            Some(Problem::Missing {
                person: "Ken".into()
            })
        );
        d.signatures.push(sign(&d, "Ken", &openssh(&ken)).unwrap());
        assert!(fully_signed(&verify(&d, &people, "")));

        d.covers[0].new = Some(serde_json::json!(99));
        let checks = verify(&d, &people, "");
        assert_eq!(
            checks[0].problem,
            Some(Problem::ContentChanged {
                person: "Priya".into()
            })
        );
    }

    #[test]
    fn a_signature_with_anothers_key_or_by_someone_unnamed_does_not_count() {
        let (priya, ken) = (key(1), key(2));
        let people = vec![person("Priya", &priya), person("Ken", &ken)];
        let mut d = decision();
        // Priya signs in Ken's name.
        d.signatures
            .push(sign(&d, "Ken", &openssh(&priya)).unwrap());
        d.signatures
            .push(sign(&d, "Sam", &openssh(&priya)).unwrap());
        let checks = verify(&d, &people, " in the base");
        assert!(matches!(
            checks[1].problem,
            Some(Problem::UnknownKey { ref person, .. }) if person == "Ken"
        ));
        assert_eq!(checks[2].role, "not named");
        let keyless = vec![Person::new("Ken", vec![])];
        let checks = verify(&d, &keyless, " in the base");
        assert_eq!(
            checks[1].problem.as_ref().unwrap().to_string(),
            "Ken has no signing key in the base"
        );
    }

    #[test]
    fn a_signature_made_for_another_namespace_is_refused() {
        let k = key(3);
        let d = decision();
        let sig = k.sign("git", HashAlg::Sha512, &payload(&d)).unwrap();
        let text = sig.to_pem(LineEnding::LF).unwrap();
        let mut signed = d.clone();
        signed.signatures.push(DecisionSignature {
            by: "Priya".into(),
            signature: body(&text).unwrap(),
        });
        let checks = verify(&signed, &[person("Priya", &k)], "");
        assert!(
            checks[0]
                .problem
                .as_ref()
                .unwrap()
                .to_string()
                .contains("made for `git`"),
            "{checks:?}"
        );
    }

    #[test]
    fn an_armored_signature_reads_as_its_body_and_back() {
        let k = key(4);
        let s = sign(&decision(), "Priya", &openssh(&k)).unwrap();
        let armored = armor(&s.signature);
        assert!(armored.starts_with(BEGIN) && armored.trim_end().ends_with(END));
        assert_eq!(body(&armored).unwrap(), s.signature);
        assert!(body("-----BEGIN SSH SIGNATURE-----\nAAAA").is_err());
        assert!(body("not base64 at all").is_err());
    }

    #[test]
    fn the_same_key_with_another_comment_is_the_same_key() {
        let k = key(5).public_key().to_openssh().unwrap();
        assert!(same_key(&format!("{k} a@host"), &format!("{k} b@host")));
        assert!(!same_key(&k, &key(6).public_key().to_openssh().unwrap()));
    }
}
