//! The roadmap: adding, editing, moving and removing entries.
//!
//! An entry's objectives are objectives of the product; a hard date comes
//! with its reason (and a reason with its date); and an entry that items
//! link to is removed only with those links.
//!
//! ```
//! use productfile::model::{Date, Horizon, Product};
//! use productfile::ops::roadmap::{self, AddEntry, MoveEntry};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! let added = roadmap::add(&mut product, today, &AddEntry::new("Pay online", Horizon::Next))?;
//! let moved = roadmap::move_entry(&mut product, today, &MoveEntry {
//!     id: added.entry.id.clone(),
//!     to: Horizon::Now,
//! })?;
//! assert_eq!(moved.from, Horizon::Next);
//! // A hard date needs its reason.
//! let dated = AddEntry { date: Date::from_ymd(2027, 3, 1), ..AddEntry::new("Refunds", Horizon::Later) };
//! assert!(roadmap::add(&mut product, today, &dated).is_err());
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use super::text::text;
use crate::error::{Error, Result};
use crate::model::{Date, Entity, Horizon, Product, RoadmapEntry};

/// A new roadmap entry.
#[derive(Debug, Clone, PartialEq)]
pub struct AddEntry {
    /// What the entry delivers, in a few words.
    pub title: String,
    /// When it is planned.
    pub horizon: Horizon,
    /// What changes for users when it is done.
    pub outcome: Option<String>,
    /// The objectives it serves, by id.
    pub objectives: Vec<String>,
    /// A hard date, only where something outside forces one.
    pub date: Option<Date>,
    /// Why the date is hard.
    pub date_reason: Option<String>,
}

impl AddEntry {
    /// An entry with a title and a horizon, and nothing else yet.
    pub fn new(title: impl Into<String>, horizon: Horizon) -> Self {
        AddEntry {
            title: title.into(),
            horizon,
            outcome: None,
            objectives: Vec::new(),
            date: None,
            date_reason: None,
        }
    }
}

/// The entry added, with the id it was given.
#[derive(Debug, Clone, Serialize)]
pub struct EntryAdded {
    pub entry: RoadmapEntry,
}

/// Adds a roadmap entry with the next free id (`R1`, `R2`, ...).
pub fn add(product: &mut Product, _today: Date, opts: &AddEntry) -> Result<EntryAdded> {
    let title = opts.title.trim().to_owned();
    if title.is_empty() {
        return Err(Error::usage("--title is empty"));
    }
    objectives_exist(product, &opts.objectives)?;
    let mut objectives: Vec<String> = Vec::new();
    for o in &opts.objectives {
        if !objectives.contains(o) {
            objectives.push(o.clone());
        }
    }
    let entry = RoadmapEntry {
        id: product.next_roadmap_id()?,
        title,
        horizon: opts.horizon,
        outcome: text(opts.outcome.as_deref()),
        objectives,
        date: opts.date,
        date_reason: text(opts.date_reason.as_deref()),
    };
    date_has_reason(&entry)?;
    product.roadmap.push(entry.clone());
    Ok(EntryAdded { entry })
}

/// Changes to a roadmap entry. Its horizon changes with [`move_entry`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditEntry {
    /// The entry's id, e.g. `R1`.
    pub id: String,
    pub title: Option<String>,
    /// A new outcome; an empty one removes it.
    pub outcome: Option<String>,
    /// Objectives to add to those it serves.
    pub objectives: Vec<String>,
    /// Objectives it no longer serves.
    pub unlink_objectives: Vec<String>,
    /// A new hard date, or `Some(None)` to remove the date and its reason.
    pub date: Option<Option<Date>>,
    /// A new reason for the hard date; an empty one removes it.
    pub date_reason: Option<String>,
}

/// The entry after an edit, and whether the edit changed it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryEdited {
    pub entry: RoadmapEntry,
    pub changed: bool,
}

/// Edits an entry's title, outcome, objectives or hard date.
pub fn edit(product: &mut Product, _today: Date, opts: &EditEntry) -> Result<EntryEdited> {
    let given = opts.title.is_some()
        || opts.outcome.is_some()
        || !opts.objectives.is_empty()
        || !opts.unlink_objectives.is_empty()
        || opts.date.is_some()
        || opts.date_reason.is_some();
    if !given {
        return Err(Error::usage("nothing to change").with_hint(
            "give --title, --outcome, --objective, --unlink-objective, --date or --date-reason",
        ));
    }
    if opts.date == Some(None) && opts.date_reason.is_some() {
        return Err(Error::usage(
            "--date none removes the hard date and its reason; --date-reason cannot go with it",
        ));
    }
    objectives_exist(product, &opts.objectives)?;
    let title = match &opts.title {
        Some(t) if t.trim().is_empty() => return Err(Error::usage("--title is empty")),
        Some(t) => Some(t.trim().to_owned()),
        None => None,
    };
    let entry = product.find_roadmap_entry_mut(&opts.id)?;
    let mut edited = entry.clone();
    if let Some(title) = title {
        edited.title = title;
    }
    if let Some(outcome) = &opts.outcome {
        edited.outcome = text(Some(outcome));
    }
    edited
        .objectives
        .retain(|o| !opts.unlink_objectives.contains(o));
    for o in &opts.objectives {
        if !edited.objectives.contains(o) {
            edited.objectives.push(o.clone());
        }
    }
    match opts.date {
        Some(None) => {
            edited.date = None;
            edited.date_reason = None;
        }
        Some(Some(d)) => edited.date = Some(d),
        None => {}
    }
    if let Some(why) = &opts.date_reason {
        edited.date_reason = text(Some(why));
    }
    date_has_reason(&edited)?;
    let changed = edited != *entry;
    *entry = edited;
    Ok(EntryEdited {
        entry: entry.clone(),
        changed,
    })
}

/// An entry to move to another horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveEntry {
    /// The entry's id, e.g. `R1`.
    pub id: String,
    /// The horizon it moves to.
    pub to: Horizon,
}

/// The entry moved, and the horizon it was on.
#[derive(Debug, Clone, Serialize)]
pub struct EntryMoved {
    pub from: Horizon,
    pub entry: RoadmapEntry,
    /// False when it was on that horizon already.
    pub changed: bool,
}

/// Moves an entry to another horizon.
pub fn move_entry(product: &mut Product, _today: Date, opts: &MoveEntry) -> Result<EntryMoved> {
    let entry = product.find_roadmap_entry_mut(&opts.id)?;
    let from = entry.horizon;
    entry.horizon = opts.to;
    Ok(EntryMoved {
        from,
        changed: from != opts.to,
        entry: entry.clone(),
    })
}

/// An entry to remove.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemoveEntry {
    /// The entry's id, e.g. `R1`.
    pub id: String,
    /// Take the link off the items that point to it; without it, an entry
    /// that items link to is not removed.
    pub unlink: bool,
}

/// The entry removed, and the items that linked to it and no longer do.
#[derive(Debug, Clone, Serialize)]
pub struct EntryRemoved {
    pub entry: RoadmapEntry,
    pub unlinked: Vec<String>,
}

/// Removes an entry, never leaving an item linked to nothing.
pub fn remove(product: &mut Product, _today: Date, opts: &RemoveEntry) -> Result<EntryRemoved> {
    let id = opts.id.as_str();
    let Some(at) = product.roadmap.iter().position(|r| r.id == id) else {
        return Err(product.not_found(Entity::RoadmapEntry, id).into());
    };
    let linked: Vec<String> = product
        .items
        .iter()
        .filter(|i| i.roadmap.as_deref() == Some(id))
        .map(|i| i.id.clone())
        .collect();
    if !linked.is_empty() && !opts.unlink {
        return Err(Error::usage(format!(
            "{id} has items linked to it: {}",
            linked.join(", ")
        ))
        .with_hint(format!(
            "move them first with `product item edit ID --roadmap R2`, or run `product roadmap rm {id} --unlink`"
        )));
    }
    for item in &mut product.items {
        if item.roadmap.as_deref() == Some(id) {
            item.roadmap = None;
        }
    }
    let entry = product.roadmap.remove(at);
    Ok(EntryRemoved {
        entry,
        unlinked: linked,
    })
}

/// Refuses objective ids the product does not have.
fn objectives_exist(product: &Product, ids: &[String]) -> Result<()> {
    for id in ids {
        product.find_objective(id)?;
    }
    Ok(())
}

/// A hard date needs its reason: without one, nobody can tell later
/// whether the date still binds.
fn date_has_reason(entry: &RoadmapEntry) -> Result<()> {
    if entry.date.is_none() && entry.date_reason.is_some() {
        return Err(Error::usage(format!(
            "{} has a reason for a hard date but no date",
            entry.id
        ))
        .with_hint("give --date with it, or leave the reason out"));
    }
    if entry.date.is_some() && entry.date_reason.is_none() {
        return Err(
            Error::usage(format!("{} has a hard date but no reason for it", entry.id))
                .with_hint("give --date-reason, e.g. \"Regulation takes effect\""),
        );
    }
    Ok(())
}
