//! Backlog items: adding, editing (with fields, or whole), moving, their
//! life (start, done, drop, reopen), removing and scoring.
//!
//! Each operation takes the product, today's date and a plain option
//! struct; it checks everything first (titles, ids, links, dependency
//! cycles, the scale of scoring inputs, the rules of experiments) and only
//! then changes the model, and returns what it did with the warnings worth
//! telling. It never saves: run it inside an [`ops::Transaction`](super::Transaction),
//! which authorises the change and logs the decision owed.
//!
//! ```
//! use productfile::model::{Date, Kind, NumberField, Product};
//! use productfile::ops::item::{self, AddItem, ItemFields, Scores};
//!
//! let today = Date::from_ymd(2027, 1, 4).unwrap();
//! let mut product = Product::new("Payments".into(), "RX".into());
//! let added = item::add(&mut product, today, &AddItem {
//!     title: "Pay by card online".into(),
//!     fields: ItemFields { kind: Some(Kind::Feature), mvp: Some(true), ..ItemFields::default() },
//!     scores: Scores::default().set(NumberField::Size, 5.0),
//! })?;
//! assert_eq!(added.id, "RX-1");
//! assert_eq!(product.items[0].size, Some(5.0));
//! # Ok::<(), productfile::Error>(())
//! ```

mod fields;
mod lifecycle;
mod scores;

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{
    Date, Entity, Experiment, ExperimentResult, Item, Kind, MoveError, MoveTo, Product, Status,
};
use crate::ops::kept::kept_by_requests;
use crate::store::Problem;

pub use fields::ItemFields;
pub use lifecycle::{StatusChange, set_status};
pub use scores::{Scores, Setting};

/// A new item, added at the bottom of the backlog as an idea.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddItem {
    /// What the item is, in a few words.
    pub title: String,
    pub fields: ItemFields,
    pub scores: Scores,
}

impl AddItem {
    /// The checks that need no product: a title. [`add`] makes them too;
    /// a face may make them first, before it opens the file.
    pub fn check(&self) -> Result<()> {
        if self.title.trim().is_empty() {
            return Err(Error::usage("the title is empty")
                .with_hint("give the item a title, e.g. product item add \"Pay by card\""));
        }
        Ok(())
    }
}

/// What adding an item did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemAdded {
    /// The id it was given: the key and the next free number.
    pub id: String,
    pub warnings: Vec<String>,
}

/// What a change to an item did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChanged {
    pub id: String,
    /// Whether anything changed (an edit to the values there are changes nothing).
    pub changed: bool,
    /// Things worth knowing that did not stop the change.
    pub warnings: Vec<String>,
}

impl ItemChanged {
    fn new(id: &str, changed: bool, warnings: Vec<String>) -> Self {
        ItemChanged {
            id: id.to_owned(),
            changed,
            warnings,
        }
    }
}

/// Adds an item at the bottom of the backlog with the next free id, dated today.
pub fn add(product: &mut Product, today: Date, opts: &AddItem) -> Result<ItemAdded> {
    opts.check()?;
    let id = product.next_item_id()?;
    opts.fields.check_links(product, None)?;
    let mut item = Item::new(
        id.clone(),
        opts.title.trim().to_owned(),
        Kind::Feature,
        today,
    );
    opts.fields.apply(&mut item)?;
    opts.scores.apply(&mut item, product.scoring.scale())?;
    let mut warnings = opts.scores.warnings();
    warnings.extend(link_warnings(product, &item));
    product.items.push(item);
    Ok(ItemAdded { id, warnings })
}

/// A change to an item's fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditItem {
    pub id: String,
    /// A new title.
    pub title: Option<String>,
    /// Tags to remove.
    pub untag: Vec<String>,
    /// Key results to unlink.
    pub unlink_key_results: Vec<String>,
    /// Dependencies to remove.
    pub unlink_depends_on: Vec<String>,
    /// User needs to unlink.
    pub unlink_needs: Vec<String>,
    /// An open status to move it to (idea, ready or doing), through the
    /// one lifecycle: a done or dropped item is opened again. Done and
    /// dropped have their own operations ([`done`], [`drop`]).
    pub status: Option<Status>,
    /// Pinned (keeps its place when a ranking is applied) or not.
    pub pinned: Option<bool>,
    /// The due date: `Some(None)` removes it.
    pub due: Option<Option<Date>>,
    pub fields: ItemFields,
    pub scores: Scores,
}

impl EditItem {
    /// Whether the edit changes nothing at all.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.untag.is_empty()
            && self.unlink_key_results.is_empty()
            && self.unlink_depends_on.is_empty()
            && self.unlink_needs.is_empty()
            && self.status.is_none()
            && self.pinned.is_none()
            && self.due.is_none()
            && self.fields.is_empty()
            && self.scores.is_empty()
    }
}

/// Changes an item's fields: removals first, then additions and new values.
/// The item is dated today if anything changed.
pub fn edit(product: &mut Product, today: Date, opts: &EditItem) -> Result<ItemChanged> {
    let id = opts.id.as_str();
    opts.fields.check_links(product, Some(id))?;
    let before = product.find_item(id)?;
    let mut item = before.clone();
    if let Some(status) = opts.status {
        let hint = match status {
            Status::Done => Some(format!("use `product item done {id}`, which dates it")),
            Status::Dropped => Some(format!(
                "use `product item drop {id} --reason \"...\"`: a dropped item says why"
            )),
            _ => None,
        };
        if let Some(hint) = hint {
            return Err(Error::usage(format!(
                "--status {status}: an edit moves an item to idea, ready or doing"
            ))
            .with_hint(hint));
        }
        if status != item.status {
            set_status(&mut item, StatusChange::reopen(status), today);
        }
    }
    if let Some(pinned) = opts.pinned {
        item.pinned = pinned;
    }
    if let Some(due) = opts.due {
        item.due = due;
    }
    if let Some(title) = &opts.title {
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::usage("--title is empty"));
        }
        title.clone_into(&mut item.title);
    }
    item.tags.retain(|t| !opts.untag.contains(t));
    item.key_results
        .retain(|k| !opts.unlink_key_results.contains(k));
    item.depends_on
        .retain(|d| !opts.unlink_depends_on.contains(d));
    item.needs.retain(|n| !opts.unlink_needs.contains(n));
    opts.fields.apply(&mut item)?;
    opts.scores.apply(&mut item, product.scoring.scale())?;
    check_no_cycle(product, &item, &before.depends_on)?;
    let started = item.status == Status::Doing && before.status != Status::Doing;
    let changed = commit(product, item, today)?;
    let mut warnings = opts.scores.warnings();
    if changed {
        warnings.extend(link_warnings(product, product.find_item(id)?));
    }
    if started {
        warnings.extend(open_blockers(product, id));
    }
    Ok(ItemChanged::new(id, changed, warnings))
}

/// An item edited as a whole (in `$EDITOR`): `edited` replaces the item,
/// which must still be as `before` has it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplaceItem {
    /// The item as it was when the edit began.
    pub before: Item,
    /// The item as edited.
    pub edited: Item,
}

/// Whether `edited` may replace `before`: the same id, and links it adds
/// that name what the product has (links that were there before are left
/// for `product check`). The problem says where in the item, for a person
/// who can fix it and try again.
pub fn check_replacement(product: &Product, before: &Item, edited: &Item) -> Result<(), Problem> {
    if edited.id != before.id {
        return Err(Problem {
            line_col: None,
            path: "id".into(),
            message: format!(
                "the id cannot change (was {}, now {}); add a new item instead",
                before.id, edited.id
            ),
        });
    }
    let new = |now: &[String], was: &[String]| -> Vec<String> {
        now.iter().filter(|k| !was.contains(k)).cloned().collect()
    };
    let measure = |item: &Item| item.experiment.as_ref().and_then(|e| e.measure.clone());
    let links = ItemFields {
        key_results: new(&edited.key_results, &before.key_results),
        needs: new(&edited.needs, &before.needs),
        depends_on: new(&edited.depends_on, &before.depends_on),
        roadmap: edited
            .roadmap
            .clone()
            .filter(|r| before.roadmap.as_ref() != Some(r))
            .map(Some),
        recommendation: edited
            .recommendation
            .clone()
            .filter(|r| before.recommendation.as_ref() != Some(r))
            .map(Some),
        measure: measure(edited).filter(|m| measure(before).as_ref() != Some(m)),
        ..ItemFields::default()
    };
    links
        .check_links(product, Some(&edited.id))
        .map_err(|e| Problem {
            line_col: None,
            path: String::new(),
            message: match e.hint {
                Some(hint) => format!("{} ({hint})", e.message),
                None => e.message,
            },
        })
}

/// Replaces an item with the same item edited as a whole, if it has not
/// changed since the edit began (else a conflict, and nothing changes).
pub fn replace(product: &mut Product, today: Date, opts: &ReplaceItem) -> Result<ItemChanged> {
    let id = opts.before.id.as_str();
    if *product.find_item(id)? != opts.before {
        return Err(Error::new(
            ErrorKind::Conflict,
            ErrorCode::Conflict,
            format!("{id} changed while it was being edited; nothing was changed"),
        )
        .with_hint(format!("edit {id} again, as it is now")));
    }
    check_replacement(product, &opts.before, &opts.edited)
        .map_err(|p| Error::new(ErrorKind::Invalid, ErrorCode::InvalidItem, p.to_string()))?;
    check_no_cycle(product, &opts.edited, &opts.before.depends_on)?;
    let changed = commit(product, opts.edited.clone(), today)?;
    Ok(ItemChanged::new(id, changed, Vec::new()))
}

/// Where to move an item in the backlog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveItem {
    pub id: String,
    pub to: MoveTo,
}

/// Moves an open item up or down the backlog; done and dropped items have
/// no place in it.
pub fn move_item(product: &mut Product, _today: Date, opts: &MoveItem) -> Result<ItemChanged> {
    let id = opts.id.as_str();
    let item = product.find_item(id)?;
    if !item.is_open() {
        return Err(Error::usage(format!(
            "{id} is {}; only open items have a place in the backlog",
            item.status
        ))
        .with_hint(format!("reopen it first with `product item start {id}`")));
    }
    if let MoveTo::Before(other) | MoveTo::After(other) = &opts.to
        && other != id
    {
        product.find_item(other)?;
    }
    let before = product.item_index(id);
    product.move_item(id, &opts.to).map_err(|e| match e {
        MoveError::UnknownItem(other) => product.not_found(Entity::Item, &other).into(),
        MoveError::SelfRelative(_) | MoveError::ZeroPosition | MoveError::NotAPermutation => {
            Error::usage(e.to_string())
        }
    })?;
    Ok(ItemChanged::new(
        id,
        product.item_index(id) != before,
        Vec::new(),
    ))
}

/// Starts work on an item (status doing); a done or dropped item is reopened.
pub fn start(product: &mut Product, today: Date, id: &str) -> Result<ItemChanged> {
    let item = product.find_item_mut(id)?;
    if item.status == Status::Doing {
        return Err(Error::usage(format!("{id} is already doing")));
    }
    set_status(item, StatusChange::start(), today);
    Ok(ItemChanged::new(id, true, waiting_for(product, id)))
}

/// An item finished, and for an experiment what it showed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoneItem {
    pub id: String,
    /// Experiment: how it came out.
    pub result: Option<ExperimentResult>,
    /// Experiment: what was learned (kept with a result).
    pub learning: Option<String>,
}

/// Marks an item done today, recording an experiment's result.
pub fn done(product: &mut Product, today: Date, opts: &DoneItem) -> Result<ItemChanged> {
    let id = opts.id.as_str();
    let item = product.find_item_mut(id)?;
    if item.status == Status::Done {
        return Err(Error::usage(format!("{id} is already done")));
    }
    if let Some(result) = opts.result {
        if item.kind != Kind::Experiment {
            return Err(Error::usage(format!(
                "--result is for experiments, and {} is a {}",
                item.id, item.kind
            )));
        }
        let e = item.experiment.get_or_insert_with(Experiment::default);
        e.result = Some(result);
        if let Some(l) = opts
            .learning
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            e.learning = Some(l.to_owned());
        }
    }
    set_status(item, StatusChange::done(today), today);
    let unrecorded = item.kind == Kind::Experiment
        && item.experiment.as_ref().is_none_or(|e| e.result.is_none());
    let mut warnings = waiting_for(product, id);
    if unrecorded {
        warnings.push(format!(
            "no result recorded; to record one, `product item start {id}` and then `product item done {id} --result validated|invalidated|inconclusive --learning \"...\"`"
        ));
    }
    Ok(ItemChanged::new(id, true, warnings))
}

/// An item dropped from the backlog, and why (it stays in the file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DropItem {
    pub id: String,
    pub reason: String,
}

impl DropItem {
    /// The checks that need no product: a reason.
    pub fn check(&self) -> Result<()> {
        if self.reason.trim().is_empty() {
            return Err(Error::usage("--reason is empty").with_hint("say why the item is dropped"));
        }
        Ok(())
    }
}

/// Drops an item, saying why.
pub fn drop(product: &mut Product, today: Date, opts: &DropItem) -> Result<ItemChanged> {
    opts.check()?;
    let id = opts.id.as_str();
    let item = product.find_item_mut(id)?;
    if item.status == Status::Dropped {
        return Err(Error::usage(format!("{id} is already dropped")));
    }
    set_status(item, StatusChange::dropped(opts.reason.trim()), today);
    let waiting = waiting_on(product, id);
    let mut warnings = Vec::new();
    if !waiting.is_empty() {
        warnings.push(format!(
            "{} depend on it: drop them too, or remove the dependency with `product item edit ID --unlink-depends-on {id}`",
            waiting.join(", ")
        ));
    }
    Ok(ItemChanged::new(id, true, warnings))
}

/// A done or dropped item opened again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReopenItem {
    pub id: String,
    /// The open status it takes: idea, ready or doing.
    pub status: Status,
}

/// Opens a done or dropped item again, clearing its done date and reason.
pub fn reopen(product: &mut Product, today: Date, opts: &ReopenItem) -> Result<ItemChanged> {
    let id = opts.id.as_str();
    if !opts.status.is_open() {
        return Err(Error::usage(format!(
            "{} is not an open status; reopen to idea, ready or doing",
            opts.status
        )));
    }
    let item = product.find_item_mut(id)?;
    if item.is_open() {
        return Err(Error::usage(format!(
            "{id} is {}, not done or dropped",
            item.status
        )));
    }
    set_status(item, StatusChange::reopen(opts.status), today);
    Ok(ItemChanged::new(id, true, waiting_for(product, id)))
}

/// What removing an item did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemRemoved {
    pub id: String,
    pub title: String,
    /// Items that listed it in `depends_on` and no longer do.
    pub unlinked: Vec<String>,
}

/// Deletes an item from the file for good, and the dependencies on it.
pub fn remove(product: &mut Product, _today: Date, id: &str) -> Result<ItemRemoved> {
    let index = match product.item_index(id) {
        Some(index) => index,
        None => {
            return Err(product
                .find_item(id)
                .err()
                .map_or_else(|| Error::usage(format!("no item `{id}`")), Error::from));
        }
    };
    // A request merged into the item would name nothing: its record is
    // the requester's answer, so it is not rewritten behind their back.
    let merged: Vec<&str> = product
        .requests
        .iter()
        .filter(|r| r.into.as_deref() == Some(id))
        .map(|r| r.id.as_str())
        .collect();
    // Nor is the one item a request was accepted for: the record would
    // say it was accepted for nothing.
    let accepted: Vec<&str> = product
        .requests
        .iter()
        .filter(|r| r.status == crate::model::RequestStatus::Accepted)
        .filter(|r| {
            let listing: Vec<&str> = product
                .items
                .iter()
                .filter(|i| i.requests.contains(&r.id))
                .map(|i| i.id.as_str())
                .collect();
            listing == [id]
        })
        .map(|r| r.id.as_str())
        .collect();
    let instead = || format!("drop it instead (`product item drop {id} --reason TEXT`)");
    if !accepted.is_empty() {
        return Err(kept_by_requests(
            id,
            &accepted,
            "accepted for it",
            instead(),
        ));
    }
    if !merged.is_empty() {
        return Err(kept_by_requests(id, &merged, "merged into it", instead()));
    }
    let unlinked: Vec<String> = product
        .dependents(id)
        .into_iter()
        .map(|i| i.id.clone())
        .collect();
    let item = product.items.remove(index);
    for other in &mut product.items {
        other.depends_on.retain(|d| d != id);
    }
    Ok(ItemRemoved {
        id: item.id,
        title: item.title,
        unlinked,
    })
}

/// Scoring inputs to set on an item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreItem {
    pub id: String,
    pub scores: Scores,
}

/// Sets an item's scoring inputs, each checked against the file's scale.
pub fn score(product: &mut Product, today: Date, opts: &ScoreItem) -> Result<ItemChanged> {
    let id = opts.id.as_str();
    let mut item = product.find_item(id)?.clone();
    opts.scores.apply(&mut item, product.scoring.scale())?;
    let changed = commit(product, item, today)?;
    Ok(ItemChanged::new(id, changed, opts.scores.warnings()))
}

/// Puts the changed item in place of the one with its id, dated today if
/// it differs; whether it did.
fn commit(product: &mut Product, mut item: Item, today: Date) -> Result<bool> {
    let slot = product.find_item_mut(&item.id)?;
    if *slot == item {
        return Ok(false);
    }
    item.updated = Some(today);
    *slot = item;
    Ok(true)
}

/// Refuses a change to an item's dependencies that would make it depend on
/// itself through others. A change that leaves them alone is not held up by
/// a cycle a hand edit put in the file (that is `product check`'s to report).
fn check_no_cycle(product: &Product, item: &Item, before: &[String]) -> Result<()> {
    if item.depends_on.iter().all(|d| before.contains(d)) {
        return Ok(());
    }
    let id = item.id.as_str();
    match product.cycle_through(id, &item.depends_on) {
        None => Ok(()),
        Some(cycle) => Err(Error::new(
            ErrorKind::Invalid,
            ErrorCode::DependencyCycle,
            format!("that would make a dependency cycle: {}", cycle.join(" -> ")),
        )
        .with_hint(format!(
            "an item cannot wait, through others, for itself; break the cycle elsewhere, e.g. `product item edit {} --unlink-depends-on {id}`",
            cycle[cycle.len() - 2]
        ))),
    }
}

/// What is worth knowing about an item's links after a change: an
/// experiment missing what makes it one, a dependency that was dropped.
fn link_warnings(product: &Product, item: &Item) -> Vec<String> {
    let mut warnings = Vec::new();
    if item.kind == Kind::Experiment {
        let e = item.experiment.clone().unwrap_or_default();
        let missing: Vec<&str> = [
            ("--hypothesis", e.hypothesis.is_none()),
            ("--measure", e.measure.is_none()),
            ("--success", e.success.is_none()),
        ]
        .into_iter()
        .filter_map(|(flag, missing)| missing.then_some(flag))
        .collect();
        if !missing.is_empty() {
            warnings.push(format!(
                "an experiment needs {}: add with `product item edit {} {}`",
                missing.join(", "),
                item.id,
                missing
                    .iter()
                    .map(|f| format!("{f} ..."))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
    }
    let dropped = product.dropped_dependencies(item);
    if !dropped.is_empty() {
        warnings.push(format!(
            "it depends on {}, which was dropped",
            dropped.join(", ")
        ));
    }
    warnings
}

/// What an item waits for: open dependencies hold it up, dropped ones
/// never will be delivered.
fn waiting_for(product: &Product, id: &str) -> Vec<String> {
    let Ok(item) = product.find_item(id) else {
        return Vec::new();
    };
    let mut warnings: Vec<String> = open_blockers(product, id).into_iter().collect();
    let dropped = product.dropped_dependencies(item);
    if !dropped.is_empty() {
        warnings.push(format!(
            "it depends on {}, dropped: see whether it still can be done",
            dropped.join(", ")
        ));
    }
    warnings
}

/// The open items an item depends on, which hold it up.
fn open_blockers(product: &Product, id: &str) -> Option<String> {
    let item = product.find_item(id).ok()?;
    let open: Vec<String> = product
        .blockers(item)
        .iter()
        .map(|d| format!("{} ({})", d.id, d.status))
        .collect();
    (!open.is_empty()).then(|| format!("it depends on {}, still open", open.join(", ")))
}

/// The open items that wait for this one.
fn waiting_on(product: &Product, id: &str) -> Vec<String> {
    product
        .dependents(id)
        .into_iter()
        .filter(|i| i.is_open())
        .map(|i| i.id.clone())
        .collect()
}
