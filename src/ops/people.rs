//! People and their roles: adding someone, giving or taking roles, and
//! removing someone the file no longer needs.
//!
//! Roles carry decision rights, so giving or taking one is a `rights`
//! decision, authorised when the change is committed: by the `rights`
//! rule (leadership, by default), or, for a role whose rights are all the
//! actor's own, by the actor ([`crate::rights::may_pass_on`]: the owner
//! adds a team member). The owner role keeps its own rule. A name is unique
//! (in any case); the last holder of the owner role keeps it (the
//! transaction refuses a change that leaves nobody holding it).
//!
//! ```
//! use productfile::model::{Date, Product};
//! use productfile::ops::people::{self, AddPerson, ChangeRoles};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! people::add(&mut product, today, &AddPerson::new("Priya Shah", ["owner"]))?;
//! let changed = people::change_roles(&mut product, today, &ChangeRoles {
//!     name: "Priya Shah".into(),
//!     add: vec!["leadership".into()],
//!     remove: vec![],
//! })?;
//! assert_eq!(changed.person.roles, ["owner", "leadership"]);
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{Date, Entity, Person, Product};
use crate::signing;

/// Someone new, with their roles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddPerson {
    /// Their name, as decisions will name them.
    pub name: String,
    /// The roles they hold, e.g. `owner`, `leadership`, `team`.
    pub roles: Vec<String>,
}

impl AddPerson {
    pub fn new<R: Into<String>>(
        name: impl Into<String>,
        roles: impl IntoIterator<Item = R>,
    ) -> Self {
        AddPerson {
            name: name.into(),
            roles: roles.into_iter().map(Into::into).collect(),
        }
    }
}

/// The person added.
#[derive(Debug, Clone, Serialize)]
pub struct PersonAdded {
    pub person: Person,
}

/// Adds a person, refusing a name already there in any case.
pub fn add(product: &mut Product, _today: Date, opts: &AddPerson) -> Result<PersonAdded> {
    let name = opts.name.trim().to_owned();
    if name.is_empty() {
        return Err(Error::usage("the name is empty"));
    }
    let roles = roles(&opts.roles)?;
    if let Some(p) = product
        .people
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(&name))
    {
        return Err(Error::new(
            ErrorKind::Invalid,
            ErrorCode::DuplicateName,
            format!("{} is already in [[people]]", p.name),
        )
        .with_hint(format!(
            "give or take roles with `product people role \"{}\" --add ROLE`",
            p.name
        )));
    }
    let person = Person::new(name, roles);
    product.people.push(person.clone());
    Ok(PersonAdded { person })
}

/// Roles to give someone and roles to take away.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeRoles {
    /// The person's name, exactly as `[[people]]` writes it.
    pub name: String,
    pub add: Vec<String>,
    pub remove: Vec<String>,
}

/// The person after the change, and whether their roles changed.
#[derive(Debug, Clone, Serialize)]
pub struct RolesChanged {
    pub person: Person,
    pub changed: bool,
}

/// Gives and takes roles: those taken go first, those given are added at
/// the end, each once.
pub fn change_roles(
    product: &mut Product,
    _today: Date,
    opts: &ChangeRoles,
) -> Result<RolesChanged> {
    if opts.add.is_empty() && opts.remove.is_empty() {
        return Err(Error::usage("nothing to change").with_hint("give --add ROLE or --remove ROLE"));
    }
    let (add, remove) = (roles(&opts.add)?, roles(&opts.remove)?);
    let Some(person) = product.people.iter_mut().find(|p| p.name == opts.name) else {
        return Err(unknown_person(product, &opts.name));
    };
    let before = person.roles.clone();
    person.roles.retain(|r| !remove.contains(r));
    for r in add {
        if !person.roles.contains(&r) {
            person.roles.push(r);
        }
    }
    Ok(RolesChanged {
        changed: person.roles != before,
        person: person.clone(),
    })
}

/// Signing keys to give someone and keys to take away: public key lines
/// as `ssh-keygen` writes them (`ssh-ed25519 AAAA... comment`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeKeys {
    /// The person's name, exactly as `[[people]]` writes it.
    pub name: String,
    pub add: Vec<String>,
    pub remove: Vec<String>,
}

/// The person after the change, and whether their keys changed.
#[derive(Debug, Clone, Serialize)]
pub struct KeysChanged {
    pub person: Person,
    pub changed: bool,
    /// The SHA256 fingerprints of the keys they hold now.
    pub fingerprints: Vec<String>,
}

/// Gives and takes signing keys. A key is matched whatever its comment;
/// one that is not an SSH public key, or that someone else holds (their
/// signatures would count as this person's), is refused. A `rights` change.
pub fn change_keys(product: &mut Product, _today: Date, opts: &ChangeKeys) -> Result<KeysChanged> {
    if opts.add.is_empty() && opts.remove.is_empty() {
        return Err(Error::usage("nothing to change").with_hint("give --add KEY or --remove KEY"));
    }
    let bad_key = |line: &str, e: signing::KeyError| {
        Error::new(
            ErrorKind::Usage,
            ErrorCode::InvalidValue,
            format!("`{}`: {e}", short(line)),
        )
        .with_hint("give the line of your .pub file, or its path: `--add ~/.ssh/id_ed25519.pub`")
    };
    let mut add: Vec<String> = Vec::new();
    for line in &opts.add {
        let line = line.trim();
        signing::public_key(line).map_err(|e| bad_key(line, e))?;
        if let Some(other) = product.people.iter().find(|p| {
            p.name != opts.name && p.signing_keys.iter().any(|k| signing::same_key(k, line))
        }) {
            return Err(Error::usage(format!(
                "that key is already {}'s: their signatures would count as {}'s",
                other.name, opts.name
            ))
            .with_hint("each person signs with a key of their own"));
        }
        add.push(line.to_owned());
    }
    let Some(person) = product.people.iter_mut().find(|p| p.name == opts.name) else {
        return Err(unknown_person(product, &opts.name));
    };
    let before = person.signing_keys.clone();
    for line in &opts.remove {
        let held = person.signing_keys.len();
        person.signing_keys.retain(|k| !signing::same_key(k, line));
        if person.signing_keys.len() == held {
            let fingerprints: Vec<String> = before.iter().map(|k| fingerprint(k)).collect();
            return Err(Error::new(
                ErrorKind::Invalid,
                ErrorCode::UnknownId,
                format!("{} holds no key `{}`", opts.name, short(line)),
            )
            .with_hint(if fingerprints.is_empty() {
                format!("{} holds no signing keys", opts.name)
            } else {
                format!("their keys: {}", fingerprints.join(", "))
            }));
        }
    }
    for line in add {
        if !person
            .signing_keys
            .iter()
            .any(|k| signing::same_key(k, &line))
        {
            person.signing_keys.push(line);
        }
    }
    Ok(KeysChanged {
        changed: person.signing_keys != before,
        fingerprints: person.signing_keys.iter().map(|k| fingerprint(k)).collect(),
        person: person.clone(),
    })
}

/// A key line's fingerprint, or the line itself when it does not parse.
fn fingerprint(line: &str) -> String {
    signing::public_key(line).map_or_else(|_| short(line), |k| signing::fingerprint(&k))
}

/// The start of a long key line, enough to recognise it.
fn short(line: &str) -> String {
    const SHOWN: usize = 40;
    match line.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line.to_owned(),
    }
}

/// Someone to take out of `[[people]]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemovePerson {
    /// The person's name, exactly as `[[people]]` writes it.
    pub name: String,
}

/// The person removed.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRemoved {
    pub person: Person,
}

/// Removes a person. Refused while `[product] owner` names them, or the
/// decision log does: the log must keep saying who decided, so someone who
/// has left stays, with no roles.
pub fn remove(product: &mut Product, _today: Date, opts: &RemovePerson) -> Result<PersonRemoved> {
    let name = opts.name.as_str();
    let Some(at) = product.people.iter().position(|p| p.name == name) else {
        return Err(unknown_person(product, name));
    };
    if product.product.owner.as_deref() == Some(name) {
        return Err(
            Error::usage(format!("{name} is the product owner ([product] owner)"))
                .with_hint("name another owner first"),
        );
    }
    let logged: Vec<&str> = product
        .decisions
        .iter()
        .filter(|d| d.decided_by == name || d.agreed_by.iter().any(|a| a == name))
        .map(|d| d.id.as_str())
        .collect();
    if !logged.is_empty() {
        return Err(Error::usage(format!(
            "the decision log names {name} ({})",
            logged.join(", ")
        ))
        .with_hint(format!(
            "keep them as someone who has left, with no roles: `product people role \"{name}\" --remove ROLE`"
        )));
    }
    let person = product.people.remove(at);
    Ok(PersonRemoved { person })
}

fn unknown_person(product: &Product, name: &str) -> Error {
    product.not_found(Entity::Person, name).into()
}

/// Roles as given, trimmed and each once; an empty one is refused.
fn roles(list: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for r in list {
        let r = r.trim().to_owned();
        if r.is_empty() {
            return Err(Error::usage("a role is empty"));
        }
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}
