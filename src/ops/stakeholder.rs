//! Stakeholders: adding, editing and removing them. They are named, not
//! numbered, so a name is unique (in any case); no rule governs them.
//!
//! ```
//! use productfile::model::{Date, Level, Product, Quadrant};
//! use productfile::ops::stakeholder::{self, AddStakeholder, EditStakeholder};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! let added = stakeholder::add(&mut product, today, &AddStakeholder::new("Finance", Level::Low, Level::High))?;
//! assert_eq!(added.quadrant, Quadrant::KeepSatisfied);
//! let edited = stakeholder::edit(&mut product, today, &EditStakeholder {
//!     name: "Finance".into(),
//!     interest: Some(Level::High),
//!     ..EditStakeholder::default()
//! })?;
//! assert_eq!(edited.quadrant, Quadrant::ManageClosely);
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use super::text::text;
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{Date, Level, Product, Quadrant, Stakeholder};

/// A new stakeholder.
#[derive(Debug, Clone, PartialEq)]
pub struct AddStakeholder {
    /// Who: a person, a team or an organisation; unique.
    pub name: String,
    /// How much they care about the product.
    pub interest: Level,
    /// How much they can affect it.
    pub influence: Level,
    /// Anything worth remembering about them.
    pub notes: Option<String>,
}

impl AddStakeholder {
    pub fn new(name: impl Into<String>, interest: Level, influence: Level) -> Self {
        AddStakeholder {
            name: name.into(),
            interest,
            influence,
            notes: None,
        }
    }
}

/// A stakeholder as added, edited or removed, and where they sit on the grid.
#[derive(Debug, Clone, Serialize)]
pub struct StakeholderChanged {
    pub stakeholder: Stakeholder,
    pub quadrant: Quadrant,
    /// False for an edit that changed nothing.
    #[serde(skip)]
    pub changed: bool,
}

impl StakeholderChanged {
    fn of(stakeholder: Stakeholder, changed: bool) -> Self {
        StakeholderChanged {
            quadrant: stakeholder.quadrant(),
            stakeholder,
            changed,
        }
    }
}

/// Adds a stakeholder, refusing a name already there in any case.
pub fn add(
    product: &mut Product,
    _today: Date,
    opts: &AddStakeholder,
) -> Result<StakeholderChanged> {
    let name = opts.name.trim().to_owned();
    if name.is_empty() {
        return Err(Error::usage("--name is empty"));
    }
    name_is_free(product, &name, None)?;
    let stakeholder = Stakeholder {
        name,
        interest: opts.interest,
        influence: opts.influence,
        notes: text(opts.notes.as_deref()),
    };
    product.stakeholders.push(stakeholder.clone());
    Ok(StakeholderChanged::of(stakeholder, true))
}

/// Changes to a stakeholder: each field given is set; `Some(None)` removes
/// the notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditStakeholder {
    /// Their name, exactly as listed.
    pub name: String,
    /// A new name; unique, as any.
    pub rename: Option<String>,
    pub interest: Option<Level>,
    pub influence: Option<Level>,
    pub notes: Option<Option<String>>,
}

/// Edits a stakeholder's name, interest, influence or notes.
pub fn edit(
    product: &mut Product,
    _today: Date,
    opts: &EditStakeholder,
) -> Result<StakeholderChanged> {
    let given = opts.rename.is_some()
        || opts.interest.is_some()
        || opts.influence.is_some()
        || opts.notes.is_some();
    if !given {
        return Err(Error::usage("nothing to change")
            .with_hint("give a new name, interest, influence or notes"));
    }
    let at = position(product, &opts.name)?;
    let rename = match &opts.rename {
        Some(n) if n.trim().is_empty() => return Err(Error::usage("the new name is empty")),
        Some(n) => {
            name_is_free(product, n.trim(), Some(at))?;
            Some(n.trim().to_owned())
        }
        None => None,
    };
    let s = &mut product.stakeholders[at];
    let before = s.clone();
    if let Some(name) = rename {
        s.name = name;
    }
    if let Some(interest) = opts.interest {
        s.interest = interest;
    }
    if let Some(influence) = opts.influence {
        s.influence = influence;
    }
    if let Some(notes) = &opts.notes {
        s.notes = text(notes.as_deref());
    }
    let changed = *s != before;
    Ok(StakeholderChanged::of(s.clone(), changed))
}

/// A stakeholder to remove.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemoveStakeholder {
    /// Their name, exactly as listed.
    pub name: String,
}

/// Removes a stakeholder.
pub fn remove(
    product: &mut Product,
    _today: Date,
    opts: &RemoveStakeholder,
) -> Result<StakeholderChanged> {
    let at = position(product, &opts.name)?;
    let stakeholder = product.stakeholders.remove(at);
    Ok(StakeholderChanged::of(stakeholder, true))
}

/// Where the stakeholder of this name (exactly) is. Two records of one
/// name cannot be told apart: changing either by name would mix them in
/// the file, so that is refused.
fn position(product: &Product, name: &str) -> Result<usize> {
    let same = product
        .stakeholders
        .iter()
        .filter(|s| s.name == name)
        .count();
    if same > 1 {
        return Err(Error::new(
            ErrorKind::Invalid,
            ErrorCode::DuplicateName,
            format!("{same} stakeholders are named `{name}`"),
        )
        .with_hint("rename one in the file so that they can be told apart, then remove it"));
    }
    product
        .stakeholders
        .iter()
        .position(|s| s.name == name)
        .ok_or_else(|| {
            Error::unknown(
                "stakeholder",
                name,
                product.stakeholders.iter().map(|s| &s.name),
            )
        })
}

fn name_is_free(product: &Product, name: &str, except: Option<usize>) -> Result<()> {
    let clash = product
        .stakeholders
        .iter()
        .enumerate()
        .find(|(i, s)| Some(*i) != except && s.name.trim().eq_ignore_ascii_case(name));
    match clash {
        Some((_, s)) => Err(Error::new(
            ErrorKind::Invalid,
            ErrorCode::DuplicateName,
            format!("there is already a stakeholder named `{}`", s.name),
        )
        .with_hint(format!(
            "remove it first with `product stakeholder rm \"{}\"`, or use another name",
            s.name
        ))),
        None => Ok(()),
    }
}
