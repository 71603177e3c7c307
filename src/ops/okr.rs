//! Objectives and key results: adding, editing and removing them, and
//! checking in where a key result stands (and correcting or removing a
//! check-in).
//!
//! Each function checks everything before it changes anything, so an error
//! leaves the product as it was. Messages name the options as the command
//! line spells them (`--title`, `--start`), which is also how a form would
//! label them.
//!
//! ```
//! use productfile::model::{Commitment, Date, Product};
//! use productfile::ops::okr::{self, AddKeyResult, AddObjective, CheckIn};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! let added = okr::add_objective(&mut product, today, &AddObjective {
//!     title: "Make paying effortless".into(),
//!     start: Date::from_ymd(2027, 1, 1),
//!     end: Date::from_ymd(2027, 3, 31),
//!     commitment: Commitment::Committed,
//!     description: None,
//! })?;
//! let kr = okr::add_key_result(&mut product, today, &AddKeyResult {
//!     objective: added.objective.id.clone(),
//!     title: "Online completion rate".into(),
//!     unit: Some("%".into()),
//!     start: 62.0,
//!     target: 85.0,
//!     weight: None,
//! })?;
//! assert_eq!(kr.reference, "O1.KR1");
//! let checked = okr::check_in(&mut product, today, &CheckIn::new("O1.KR1", 70.0))?;
//! assert!(!checked.back_dated);
//! assert_eq!(product.find_key_result("O1.KR1")?.current, Some(70.0));
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use super::readings::{
    self, EditReading, ReadingEdited, ReadingRemoved, RemoveReading, Whose, finite,
};
use super::text::{required, text};
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::goals::{self, GoalError};
use crate::model::{
    Commitment, Date, Entity, KeyResult, KrRef, Objective, Product, Reading, latest, number,
};

/// A new objective.
#[derive(Debug, Clone, PartialEq)]
pub struct AddObjective {
    /// What the objective is, in a sentence.
    pub title: String,
    /// The first day of its period.
    pub start: Option<Date>,
    /// The last day of its period.
    pub end: Option<Date>,
    /// Met in full (committed) or a stretch (aspirational).
    pub commitment: Commitment,
    /// Why it matters.
    pub description: Option<String>,
}

/// The objective added, with the id it was given.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveAdded {
    pub objective: Objective,
}

/// Adds an objective with the next free id (`O1`, `O2`, ...).
pub fn add_objective(
    product: &mut Product,
    _today: Date,
    opts: &AddObjective,
) -> Result<ObjectiveAdded> {
    let title = required(&opts.title, "--title")?;
    period_in_order(opts.start, opts.end)?;
    let objective = Objective {
        id: product.next_objective_id()?,
        title,
        description: opts.description.clone().filter(|d| !d.trim().is_empty()),
        start: opts.start,
        end: opts.end,
        commitment: Some(opts.commitment),
        needs: Vec::new(),
        contributes_to: Vec::new(),
        key_results: Vec::new(),
    };
    product.objectives.push(objective.clone());
    Ok(ObjectiveAdded { objective })
}

/// Changes to an objective: each field given is set; `Some(None)` removes
/// an optional one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditObjective {
    /// The objective's id, e.g. `O1`.
    pub id: String,
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub start: Option<Option<Date>>,
    pub end: Option<Option<Date>>,
    pub commitment: Option<Commitment>,
    /// User needs it serves, to link (`N1`).
    pub needs: Vec<String>,
    /// User needs to unlink.
    pub unlink_needs: Vec<String>,
    /// Portfolio objectives it contributes to, to add (`PO1`): ids in the
    /// portfolio manifest, which this file does not hold, so not looked up.
    pub contributes_to: Vec<String>,
    /// Portfolio objectives to stop contributing to.
    pub uncontribute: Vec<String>,
}

/// The objective after an edit, and whether the edit changed it.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveEdited {
    pub objective: Objective,
    pub changed: bool,
}

/// Edits an objective's title, description, period or commitment (its key
/// results have their own functions).
pub fn edit_objective(
    product: &mut Product,
    _today: Date,
    opts: &EditObjective,
) -> Result<ObjectiveEdited> {
    let given = opts.title.is_some()
        || opts.description.is_some()
        || opts.start.is_some()
        || opts.end.is_some()
        || opts.commitment.is_some()
        || !opts.needs.is_empty()
        || !opts.unlink_needs.is_empty()
        || !opts.contributes_to.is_empty()
        || !opts.uncontribute.is_empty();
    if !given {
        return Err(Error::usage("nothing to change").with_hint(
            "give a title, description, start, end, commitment, a need or a portfolio objective",
        ));
    }
    for need in &opts.needs {
        product.find_need(need)?;
    }
    for id in &opts.contributes_to {
        if !crate::model::is_simple_id(id) {
            return Err(Error::usage(format!(
                "`{id}` is not a portfolio objective's id: expected letters, digits or `_`, starting with a letter"
            ))
            .with_hint("give the id the portfolio manifest gives it, e.g. PO1"));
        }
    }
    let title = opts
        .title
        .as_deref()
        .map(|t| required(t, "--title"))
        .transpose()?;
    let objective = product.find_objective_mut(&opts.id)?;
    let start = opts.start.unwrap_or(objective.start);
    let end = opts.end.unwrap_or(objective.end);
    period_in_order(start, end)?;
    let before = objective.clone();
    if let Some(title) = title {
        objective.title = title;
    }
    if let Some(description) = &opts.description {
        objective.description = description.clone().filter(|d| !d.trim().is_empty());
    }
    objective.start = start;
    objective.end = end;
    if let Some(c) = opts.commitment {
        objective.commitment = Some(c);
    }
    objective.needs.retain(|n| !opts.unlink_needs.contains(n));
    for need in &opts.needs {
        if !objective.needs.contains(need) {
            objective.needs.push(need.clone());
        }
    }
    objective
        .contributes_to
        .retain(|c| !opts.uncontribute.contains(c));
    for id in &opts.contributes_to {
        if !objective.contributes_to.contains(id) {
            objective.contributes_to.push(id.clone());
        }
    }
    Ok(ObjectiveEdited {
        changed: *objective != before,
        objective: objective.clone(),
    })
}

/// A new key result of an objective.
#[derive(Debug, Clone, PartialEq)]
pub struct AddKeyResult {
    /// The objective's id, e.g. `O1`.
    pub objective: String,
    /// What is measured.
    pub title: String,
    /// The unit of its values, e.g. `%` or `£`.
    pub unit: Option<String>,
    /// Its value when the key result was set.
    pub start: f64,
    /// The value that counts as fully achieved; below the start for a
    /// metric that should fall.
    pub target: f64,
    /// Its weight in the objective's grade (1 when none).
    pub weight: Option<f64>,
}

/// The key result added: its objective, its reference (`O1.KR1`) and itself.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultAdded {
    pub objective: String,
    pub reference: String,
    pub key_result: KeyResult,
    /// Things worth knowing that did not stop the change (a percentage outside 0 to 100).
    pub warnings: Vec<String>,
}

/// Adds a key result with the next free id in its objective (`KR1`, ...).
/// Its start and target must differ, and a weight is 0 or more.
pub fn add_key_result(
    product: &mut Product,
    _today: Date,
    opts: &AddKeyResult,
) -> Result<KeyResultAdded> {
    let title = required(&opts.title, "--title")?;
    finite(opts.start, "--start")?;
    finite(opts.target, "--target")?;
    start_is_not_target(opts.start, opts.target)?;
    if let Some(w) = opts.weight {
        weight_is_valid(w)?;
    }
    let unit = text(opts.unit.as_deref());
    let id = product.next_key_result_id(&product.find_objective(&opts.objective)?.id)?;
    let objective = product.find_objective_mut(&opts.objective)?;
    let key_result = KeyResult {
        id,
        title,
        unit,
        start: opts.start,
        target: opts.target,
        current: None,
        weight: opts.weight,
        history: Vec::new(),
    };
    objective.key_results.push(key_result.clone());
    let reference = objective.kr_ref(&key_result);
    let values = [("start", Some(opts.start)), ("target", Some(opts.target))];
    Ok(KeyResultAdded {
        objective: objective.id.clone(),
        warnings: goals::percent_warnings(&reference, &values, key_result.unit.as_deref()),
        reference,
        key_result,
    })
}

/// Changes to a key result: each field given is set; `Some(None)` removes
/// an optional one. Its check-ins are kept as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditKeyResult {
    /// The key result, as `O1.KR1`.
    pub reference: String,
    pub title: Option<String>,
    pub unit: Option<Option<String>>,
    pub start: Option<f64>,
    pub target: Option<f64>,
    pub weight: Option<Option<f64>>,
}

/// The key result after an edit, and whether the edit changed it.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultEdited {
    pub reference: String,
    pub key_result: KeyResult,
    pub changed: bool,
    /// Things worth knowing that did not stop the change (a percentage outside 0 to 100).
    pub warnings: Vec<String>,
}

/// Edits a key result's title, unit, start, target or weight.
pub fn edit_key_result(
    product: &mut Product,
    _today: Date,
    opts: &EditKeyResult,
) -> Result<KeyResultEdited> {
    let given = opts.title.is_some()
        || opts.unit.is_some()
        || opts.start.is_some()
        || opts.target.is_some()
        || opts.weight.is_some();
    if !given {
        return Err(Error::usage("nothing to change")
            .with_hint("give a title, unit, start, target or weight"));
    }
    let title = opts
        .title
        .as_deref()
        .map(|t| required(t, "--title"))
        .transpose()?;
    if let Some(w) = opts.weight.flatten() {
        weight_is_valid(w)?;
    }
    for (value, what) in [(opts.start, "--start"), (opts.target, "--target")] {
        if let Some(v) = value {
            finite(v, what)?;
        }
    }
    let kr = find_key_result_mut(product, &opts.reference)?;
    start_is_not_target(
        opts.start.unwrap_or(kr.start),
        opts.target.unwrap_or(kr.target),
    )?;
    let before = kr.clone();
    if let Some(title) = title {
        kr.title = title;
    }
    if let Some(unit) = &opts.unit {
        kr.unit = text(unit.as_deref());
    }
    if let Some(start) = opts.start {
        kr.start = start;
    }
    if let Some(target) = opts.target {
        kr.target = target;
    }
    if let Some(weight) = opts.weight {
        kr.weight = weight;
    }
    let values = [("start", opts.start), ("target", opts.target)];
    Ok(KeyResultEdited {
        reference: opts.reference.clone(),
        changed: *kr != before,
        warnings: goals::percent_warnings(&opts.reference, &values, kr.unit.as_deref()),
        key_result: kr.clone(),
    })
}

/// A key result to remove.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemoveKeyResult {
    /// The key result, as `O1.KR1`.
    pub reference: String,
    /// Take the links to it off the items that have them (their
    /// `key_results`, and an experiment's `measure`); without it, a key
    /// result that items link to is not removed.
    pub unlink: bool,
}

/// The key result removed, and the items that linked to it and no longer do.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultRemoved {
    pub reference: String,
    pub key_result: KeyResult,
    pub unlinked: Vec<String>,
}

/// Removes a key result, never leaving an item linked to nothing.
pub fn remove_key_result(
    product: &mut Product,
    _today: Date,
    opts: &RemoveKeyResult,
) -> Result<KeyResultRemoved> {
    let reference = opts.reference.as_str();
    find_key_result(product, reference)?;
    let references = References::to(product, &[reference.to_owned()], None);
    if !references.is_empty() && !opts.unlink {
        return Err(Error::usage(format!(
            "{reference} has items linked to it: {}",
            references.items.join(", ")
        ))
        .with_hint(format!(
            "link them to another key result first (`product item edit ID --unlink-kr {reference}`), or run `product okr kr rm {reference} --unlink` to take the links off"
        )));
    }
    references.unlink(product);
    let Some(r) = KrRef::parse(reference) else {
        return Err(not_found_key_result(product, reference));
    };
    let objective = product.find_objective_mut(r.objective)?;
    let Some(at) = objective
        .key_results
        .iter()
        .position(|kr| kr.id == r.key_result)
    else {
        return Err(not_found_key_result(product, reference));
    };
    let key_result = objective.key_results.remove(at);
    Ok(KeyResultRemoved {
        reference: reference.to_owned(),
        key_result,
        unlinked: references.items,
    })
}

/// An objective to remove, with its key results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemoveObjective {
    /// The objective's id, e.g. `O1`.
    pub id: String,
    /// Take the links to it off the items linked to its key results (their
    /// `key_results`, and an experiment's `measure`) and off the roadmap
    /// entries that serve it; without it, an objective something links to
    /// is not removed.
    pub unlink: bool,
}

/// The objective removed (with its key results), and what linked to it and
/// no longer does.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveRemoved {
    pub objective: Objective,
    /// Items that linked to one of its key results.
    pub unlinked_items: Vec<String>,
    /// Roadmap entries that listed it in their `objectives`.
    pub unlinked_roadmap: Vec<String>,
}

/// Removes an objective and its key results, never leaving an item or a
/// roadmap entry linked to nothing.
pub fn remove_objective(
    product: &mut Product,
    _today: Date,
    opts: &RemoveObjective,
) -> Result<ObjectiveRemoved> {
    let id = opts.id.as_str();
    let objective = product.find_objective(id)?;
    let key_results: Vec<String> = objective
        .key_results
        .iter()
        .map(|kr| objective.kr_ref(kr))
        .collect();
    let references = References::to(product, &key_results, Some(id));
    if !references.is_empty() && !opts.unlink {
        return Err(references.refusal(product, id));
    }
    references.unlink(product);
    let at = product
        .objectives
        .iter()
        .position(|o| o.id == id)
        .ok_or_else(|| Error::from(product.not_found(Entity::Objective, id)))?;
    let objective = product.objectives.remove(at);
    // The key result mark of a removed objective says nothing any more.
    product.product.last_ids.key_results.remove(id);
    Ok(ObjectiveRemoved {
        objective,
        unlinked_items: references.items,
        unlinked_roadmap: references.roadmap,
    })
}

/// What links to some key results (and maybe their objective): the items
/// that name one in `key_results` or as an experiment's `measure`, and the
/// roadmap entries that serve the objective.
struct References {
    key_results: Vec<String>,
    objective: Option<String>,
    items: Vec<String>,
    roadmap: Vec<String>,
}

impl References {
    fn to(product: &Product, key_results: &[String], objective: Option<&str>) -> Self {
        let named = |r: &String| key_results.contains(r);
        let items = product
            .items
            .iter()
            .filter(|i| {
                i.key_results.iter().any(named)
                    || i.experiment
                        .as_ref()
                        .and_then(|e| e.measure.as_ref())
                        .is_some_and(named)
            })
            .map(|i| i.id.clone())
            .collect();
        let roadmap = objective.map_or_else(Vec::new, |o| {
            product
                .roadmap
                .iter()
                .filter(|r| r.objectives.iter().any(|x| x == o))
                .map(|r| r.id.clone())
                .collect()
        });
        References {
            key_results: key_results.to_vec(),
            objective: objective.map(str::to_owned),
            items,
            roadmap,
        }
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.roadmap.is_empty()
    }

    /// Why an objective these links point to is not removed without
    /// `unlink`, with the commands that would take them off.
    fn refusal(&self, product: &Product, id: &str) -> Error {
        let mut what = Vec::new();
        match self.items.as_slice() {
            [] => {}
            [one] => what.push(format!("item {one} links to its key results")),
            many => what.push(format!("items {} link to its key results", many.join(", "))),
        }
        match self.roadmap.as_slice() {
            [] => {}
            [one] => what.push(format!("roadmap entry {one} serves it")),
            many => what.push(format!("roadmap entries {} serve it", many.join(", "))),
        }
        let mut first = Vec::new();
        if let Some(item) = self.items.first() {
            // An item links by its key results or, an experiment, by its measure.
            let linked = product
                .item(item)
                .and_then(|i| i.key_results.iter().find(|k| self.key_results.contains(k)));
            first.push(match linked {
                Some(kr) => format!("`product item edit {item} --unlink-kr {kr}`"),
                None => format!("`product item edit {item} --measure K1` for another measure"),
            });
        }
        if let Some(entry) = self.roadmap.first() {
            first.push(format!(
                "`product roadmap edit {entry} --unlink-objective {id}`"
            ));
        }
        Error::usage(format!("{id} is linked to: {}", what.join("; "))).with_hint(format!(
            "take them off first ({}), or run `product okr rm {id} --unlink` to take the links off",
            first.join(", ")
        ))
    }

    /// Takes every one of these links off.
    fn unlink(&self, product: &mut Product) {
        for item in &mut product.items {
            item.key_results.retain(|k| !self.key_results.contains(k));
            if let Some(e) = &mut item.experiment
                && e.measure
                    .as_ref()
                    .is_some_and(|m| self.key_results.contains(m))
            {
                e.measure = None;
            }
        }
        if let Some(o) = &self.objective {
            for entry in &mut product.roadmap {
                entry.objectives.retain(|x| x != o);
            }
        }
    }
}

/// Where a key result stands on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckIn {
    /// The key result, as `O1.KR1`.
    pub reference: String,
    /// Its value, in its unit.
    pub value: f64,
    /// The day measured; today when none. Never after today.
    pub date: Option<Date>,
    /// What explains the value.
    pub note: Option<String>,
}

impl CheckIn {
    /// A check-in of `value` today, without a note.
    pub fn new(reference: impl Into<String>, value: f64) -> Self {
        CheckIn {
            reference: reference.into(),
            value,
            date: None,
            note: None,
        }
    }
}

/// What a check-in recorded.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedIn {
    /// The key result, as `O1.KR1`.
    pub reference: String,
    /// Its objective's id.
    pub objective: String,
    pub reading: Reading,
    /// Dated before the latest check-in, so it fills in the history and the
    /// latest stays current.
    pub back_dated: bool,
    /// A check-in already recorded that day: both are kept, and the new one counts.
    pub same_day: Option<Reading>,
    /// Things worth knowing that did not stop the check-in (a percentage outside 0 to 100).
    pub warnings: Vec<String>,
}

/// Records a check-in: the value goes into the key result's history in
/// date order and becomes its current value, unless an earlier date puts
/// it before the latest check-in.
pub fn check_in(product: &mut Product, today: Date, opts: &CheckIn) -> Result<CheckedIn> {
    let date = opts.date.unwrap_or(today);
    not_after_today(date, today, "a check-in")?;
    finite(opts.value, &opts.reference)?;
    let kr = find_key_result_mut(product, &opts.reference)?;
    let back_dated = latest(&kr.history).is_some_and(|last| date < last.date);
    let same_day = kr.history.iter().rfind(|r| r.date == date).cloned();
    let reading = Reading {
        date,
        value: opts.value,
        note: opts.note.clone().filter(|n| !n.trim().is_empty()),
    };
    kr.check_in(reading.clone());
    let warnings = goals::percent_warning(&opts.reference, opts.value, kr.unit.as_deref())
        .into_iter()
        .collect();
    let objective =
        KrRef::parse(&opts.reference).map_or_else(String::new, |r| r.objective.to_owned());
    Ok(CheckedIn {
        reference: opts.reference.clone(),
        objective,
        reading,
        back_dated,
        same_day,
        warnings,
    })
}

/// Removes a check-in of a key result (not a decision: its history is its
/// own). Its current value becomes the latest check-in left, or none.
pub fn remove_check_in(
    product: &mut Product,
    _today: Date,
    opts: &RemoveReading,
) -> Result<ReadingRemoved> {
    let whose = check_ins_of(&opts.id);
    let kr = find_key_result_mut(product, &opts.id)?;
    let reading = readings::remove(&mut kr.history, opts, &whose)?;
    kr.current = latest(&kr.history).map(|r| r.value);
    Ok(ReadingRemoved {
        id: opts.id.clone(),
        reading,
        latest: latest(&kr.history).cloned(),
    })
}

/// Corrects a check-in's value or note; the key result's current value
/// follows its latest check-in.
pub fn edit_check_in(
    product: &mut Product,
    _today: Date,
    opts: &EditReading,
) -> Result<ReadingEdited> {
    let whose = check_ins_of(&opts.id);
    let kr = find_key_result_mut(product, &opts.id)?;
    let (before, reading) = readings::edit(&mut kr.history, opts, &whose)?;
    kr.current = latest(&kr.history).map(|r| r.value);
    Ok(ReadingEdited {
        id: opts.id.clone(),
        changed: before != reading,
        before,
        reading,
    })
}

fn check_ins_of(reference: &str) -> Whose<'_> {
    Whose {
        id: reference,
        noun: "check-in",
        show: format!(
            "product okr show {}",
            reference.split('.').next().unwrap_or(reference)
        ),
    }
}

/// The key results these references name, or an error naming the first
/// that names none (with the references there are).
pub fn check_key_results<'a>(
    product: &Product,
    references: impl IntoIterator<Item = &'a String>,
) -> Result<()> {
    for r in references {
        find_key_result(product, r)?;
    }
    Ok(())
}

/// The key result a reference such as `O1.KR1` names; a reference without
/// its objective gets a hint saying how to write one.
pub fn find_key_result<'a>(product: &'a Product, reference: &str) -> Result<&'a KeyResult> {
    product
        .find_key_result(reference)
        .map_err(Error::unknown_link)
}

fn find_key_result_mut<'a>(product: &'a mut Product, reference: &str) -> Result<&'a mut KeyResult> {
    product
        .find_key_result_mut(reference)
        .map_err(Error::unknown_link)
}

fn not_found_key_result(product: &Product, reference: &str) -> Error {
    Error::unknown_link(product.not_found(Entity::KeyResult, reference))
}

/// Refuses a reading dated after today: it would stand as the latest, and
/// so set the status, until the calendar caught up with it.
pub(crate) fn not_after_today(date: Date, today: Date, what: &str) -> Result<()> {
    if date <= today {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Usage,
        ErrorCode::DateInFuture,
        format!("--date {date} is after today ({today}); {what} records a value already measured"),
    )
    .with_hint("check the year, or leave out --date for today"))
}

fn start_is_not_target(start: f64, target: f64) -> Result<()> {
    if start != target {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Usage,
        ErrorCode::StartIsTarget,
        format!(
            "--start and --target are both {}, so there is no distance to measure progress along",
            number::display(start)
        ),
    )
    .with_hint("give the value the metric starts from and a different value to reach"))
}

fn weight_is_valid(w: f64) -> Result<()> {
    if w >= 0.0 && w.is_finite() {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Usage,
        ErrorCode::InvalidValue,
        format!("--weight: {}", GoalError::NegativeWeight(w)),
    ))
}

fn period_in_order(start: Option<Date>, end: Option<Date>) -> Result<()> {
    match (start, end) {
        (Some(s), Some(e)) if e < s => {
            Err(Error::usage(format!("--end {e} is before --start {s}")))
        }
        _ => Ok(()),
    }
}
