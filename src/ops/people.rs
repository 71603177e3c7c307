//! People and their roles: adding someone, giving or taking roles, and
//! removing someone the file no longer needs.
//!
//! Roles carry decision rights, so giving or taking one is a `rights`
//! decision, authorised when the change is committed. A name is unique
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
    let person = Person { name, roles };
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
