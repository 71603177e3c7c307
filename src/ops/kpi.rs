//! Key performance indicators: adding (one, or a template's), editing and
//! removing them, and recording, correcting and removing readings.
//!
//! A KPI's name is unique (in any case), and its threshold, where it has
//! one, is on the bad side of its target, so that amber lies between them.
//!
//! ```
//! use productfile::model::{Date, Direction, Product};
//! use productfile::ops::kpi::{self, AddKpi, Record};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! let added = kpi::add(&mut product, today, &AddKpi {
//!     target: Some(90.0),
//!     threshold: Some(80.0),
//!     ..AddKpi::new("User satisfaction", "%", Direction::Up)
//! })?;
//! assert_eq!(added.kpi.id, "K1");
//! kpi::record(&mut product, today, &Record::new("K1", 84.0))?;
//! // A second KPI of the same name is refused.
//! assert!(kpi::add(&mut product, today, &AddKpi::new("user satisfaction", "%", Direction::Up)).is_err());
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use super::init::Template;
use super::okr::not_after_today;
use super::readings::finite;
use super::readings::{self, EditReading, ReadingEdited, ReadingRemoved, RemoveReading, Whose};
use super::text::text;
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::goals;
use crate::model::{Cadence, Date, Direction, Kpi, MandatoryKpi, Product, Reading, latest};

/// A new KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct AddKpi {
    /// What is measured; unique among the KPIs.
    pub name: String,
    /// The unit of its values, e.g. `%` or `£`.
    pub unit: Option<String>,
    /// Which way is better.
    pub direction: Direction,
    /// Green at or beyond this value.
    pub target: Option<f64>,
    /// Red beyond this value; amber between it and the target.
    pub threshold: Option<f64>,
    /// How often it should be read.
    pub cadence: Option<Cadence>,
    /// Which GOV.UK mandatory measure it is, if one.
    pub mandatory: Option<MandatoryKpi>,
}

impl AddKpi {
    /// A KPI with a name, unit and direction, and nothing else yet.
    pub fn new(name: impl Into<String>, unit: impl Into<String>, direction: Direction) -> Self {
        AddKpi {
            name: name.into(),
            unit: Some(unit.into()),
            direction,
            target: None,
            threshold: None,
            cadence: None,
            mandatory: None,
        }
    }
}

/// The KPI added, with the id it was given.
#[derive(Debug, Clone, Serialize)]
pub struct KpiAdded {
    pub kpi: Kpi,
    /// Things worth knowing that did not stop the change (a percentage outside 0 to 100).
    pub warnings: Vec<String>,
}

/// Adds a KPI with the next free id (`K1`, `K2`, ...).
pub fn add(product: &mut Product, _today: Date, opts: &AddKpi) -> Result<KpiAdded> {
    let name = opts.name.trim().to_owned();
    if name.is_empty() {
        return Err(Error::usage("--name is empty"));
    }
    for (value, what) in [(opts.target, "--target"), (opts.threshold, "--threshold")] {
        if let Some(v) = value {
            finite(v, what)?;
        }
    }
    unique_name(product, &name, None)?;
    let kpi = Kpi {
        id: product.next_kpi_id()?,
        name,
        unit: text(opts.unit.as_deref()),
        direction: opts.direction,
        target: opts.target,
        threshold: opts.threshold,
        cadence: opts.cadence,
        mandatory: opts.mandatory,
        history: Vec::new(),
    };
    bounds_in_order(&kpi)?;
    product.kpis.push(kpi.clone());
    let values = [("target", kpi.target), ("threshold", kpi.threshold)];
    let warnings = goals::percent_warnings(&kpi.id, &values, kpi.unit.as_deref());
    Ok(KpiAdded { kpi, warnings })
}

/// Changes to a KPI: each field given is set; `Some(None)` removes an
/// optional one. Readings are kept as they are (a new unit converts none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditKpi {
    /// The KPI's id, e.g. `K1`.
    pub id: String,
    pub name: Option<String>,
    pub unit: Option<Option<String>>,
    pub direction: Option<Direction>,
    pub target: Option<Option<f64>>,
    pub threshold: Option<Option<f64>>,
    pub cadence: Option<Option<Cadence>>,
    /// Which GOV.UK mandatory measure it is; `Some(None)` says it is none.
    pub mandatory: Option<Option<MandatoryKpi>>,
}

/// The KPI after an edit, and whether the edit changed it.
#[derive(Debug, Clone, Serialize)]
pub struct KpiEdited {
    pub kpi: Kpi,
    pub changed: bool,
    /// Things worth knowing that did not stop the change (a percentage outside 0 to 100).
    pub warnings: Vec<String>,
}

/// Edits a KPI's name, unit, direction, target, threshold or cadence.
pub fn edit(product: &mut Product, _today: Date, opts: &EditKpi) -> Result<KpiEdited> {
    let given = opts.name.is_some()
        || opts.unit.is_some()
        || opts.direction.is_some()
        || opts.target.is_some()
        || opts.threshold.is_some()
        || opts.cadence.is_some()
        || opts.mandatory.is_some();
    if !given {
        return Err(Error::usage("nothing to change").with_hint(
            "give --name, --unit, --direction, --target, --threshold, --cadence or --mandatory",
        ));
    }
    if let Some(Some(measure)) = opts.mandatory
        && let Some(other) = product
            .kpis
            .iter()
            .find(|k| k.id != opts.id && k.mandatory == Some(measure))
    {
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::InvalidValue,
            format!("{} is already the {measure} measure", other.id),
        )
        .with_hint(format!(
            "a measure is one KPI; take it off {} first: `product kpi edit {} --mandatory none`",
            other.id, other.id
        )));
    }
    if let Some(name) = &opts.name {
        if name.trim().is_empty() {
            return Err(Error::usage("--name is empty"));
        }
        unique_name(product, name, Some(&opts.id))?;
    }
    for (value, what) in [(opts.target, "--target"), (opts.threshold, "--threshold")] {
        if let Some(Some(v)) = value {
            finite(v, what)?;
        }
    }
    let kpi = product.find_kpi_mut(&opts.id)?;
    let mut edited = kpi.clone();
    if let Some(name) = &opts.name {
        edited.name = name.trim().to_owned();
    }
    if let Some(unit) = &opts.unit {
        edited.unit = text(unit.as_deref());
    }
    if let Some(direction) = opts.direction {
        edited.direction = direction;
    }
    if let Some(target) = opts.target {
        edited.target = target;
    }
    if let Some(threshold) = opts.threshold {
        edited.threshold = threshold;
    }
    if let Some(cadence) = opts.cadence {
        edited.cadence = cadence;
    }
    if let Some(mandatory) = opts.mandatory {
        edited.mandatory = mandatory;
    }
    bounds_in_order(&edited)?;
    let changed = edited != *kpi;
    // The values given, in the unit the KPI has after the edit.
    let values = [
        ("target", opts.target.flatten()),
        ("threshold", opts.threshold.flatten()),
    ];
    let warnings = goals::percent_warnings(&edited.id, &values, edited.unit.as_deref());
    *kpi = edited;
    Ok(KpiEdited {
        kpi: kpi.clone(),
        changed,
        warnings,
    })
}

/// A reading of a KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The KPI's id, e.g. `K1`.
    pub id: String,
    /// The value read, in its unit.
    pub value: f64,
    /// The day of the reading; today when none. Never after today.
    pub date: Option<Date>,
    /// What explains the value.
    pub note: Option<String>,
}

impl Record {
    /// A reading of `value` today, without a note.
    pub fn new(id: impl Into<String>, value: f64) -> Self {
        Record {
            id: id.into(),
            value,
            date: None,
            note: None,
        }
    }
}

/// What a reading recorded.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    /// The KPI's id.
    pub id: String,
    pub reading: Reading,
    /// Dated before the latest reading, which still sets the status.
    pub back_dated: bool,
    /// A reading already recorded that day: both are kept, and the new one counts.
    pub same_day: Option<Reading>,
    /// Things worth knowing that did not stop the reading (a percentage outside 0 to 100).
    pub warnings: Vec<String>,
}

/// Records a reading in the KPI's history, in date order.
pub fn record(product: &mut Product, today: Date, opts: &Record) -> Result<Recorded> {
    let date = opts.date.unwrap_or(today);
    not_after_today(date, today, "a reading")?;
    finite(opts.value, &opts.id)?;
    let kpi = product.find_kpi_mut(&opts.id)?;
    let back_dated = latest(&kpi.history).is_some_and(|last| date < last.date);
    let same_day = kpi.history.iter().rfind(|r| r.date == date).cloned();
    let reading = Reading {
        date,
        value: opts.value,
        note: opts.note.clone().filter(|n| !n.trim().is_empty()),
    };
    kpi.record(reading.clone());
    let warnings = goals::percent_warning(&kpi.id, opts.value, kpi.unit.as_deref())
        .into_iter()
        .collect();
    Ok(Recorded {
        id: kpi.id.clone(),
        reading,
        back_dated,
        same_day,
        warnings,
    })
}

/// The KPIs a template added, and those it skipped because the product
/// already has a KPI of that name.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateAdded {
    pub template: &'static str,
    pub added: Vec<Kpi>,
    pub skipped: Vec<KpiSkipped>,
}

/// A template's KPI the product already has (by name, in any case).
#[derive(Debug, Clone, Serialize)]
pub struct KpiSkipped {
    pub name: String,
    /// The id of the KPI of that name the product has.
    pub id: String,
}

/// Adds a template's KPIs (those `product init --template` starts a file
/// with) to a product, with ids continuing its sequence; one it already has
/// by name is skipped, so applying a template twice adds nothing.
pub fn add_template(
    product: &mut Product,
    today: Date,
    template: Template,
) -> Result<TemplateAdded> {
    let kpis = template.kpis();
    if kpis.is_empty() {
        return Err(
            Error::usage(format!("the {} template has no KPIs", template.name()))
                .with_hint("use --template govuk"),
        );
    }
    let mut added = Vec::new();
    let mut skipped = Vec::new();
    for k in kpis {
        if let Some(have) = named(product, &k.name, None) {
            skipped.push(KpiSkipped {
                name: k.name,
                id: have.id.clone(),
            });
            continue;
        }
        let opts = AddKpi {
            name: k.name,
            unit: k.unit,
            direction: k.direction,
            target: k.target,
            threshold: k.threshold,
            cadence: k.cadence,
            mandatory: k.mandatory,
        };
        added.push(add(product, today, &opts)?.kpi);
    }
    Ok(TemplateAdded {
        template: template.name(),
        added,
        skipped,
    })
}

/// A KPI to remove, with its readings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemoveKpi {
    /// The KPI's id, e.g. `K2`.
    pub id: String,
    /// Take it off the experiments that measure it; without it, a KPI an
    /// experiment measures is not removed.
    pub unlink: bool,
}

/// The KPI removed, and the experiments that measured it and no longer do.
#[derive(Debug, Clone, Serialize)]
pub struct KpiRemoved {
    pub kpi: Kpi,
    pub unlinked: Vec<String>,
}

/// Removes a KPI and its readings, never leaving an experiment measuring nothing.
pub fn remove(product: &mut Product, _today: Date, opts: &RemoveKpi) -> Result<KpiRemoved> {
    let id = opts.id.as_str();
    product.find_kpi(id)?;
    let measures = |i: &crate::model::Item| {
        i.experiment.as_ref().and_then(|e| e.measure.as_deref()) == Some(id)
    };
    let linked: Vec<String> = product
        .items
        .iter()
        .filter(|i| measures(i))
        .map(|i| i.id.clone())
        .collect();
    if !linked.is_empty() && !opts.unlink {
        let experiments = match linked.as_slice() {
            [one] => format!("experiment {one}"),
            many => format!("experiments {}", many.join(", ")),
        };
        return Err(Error::usage(format!("{id} is the measure of {experiments}"))
        .with_hint(format!(
            "give them another measure first (`product item edit ID --measure K1`), or run `product kpi rm {id} --unlink` to take it off them"
        )));
    }
    for item in &mut product.items {
        if measures(item)
            && let Some(e) = &mut item.experiment
        {
            e.measure = None;
        }
    }
    let at = product
        .kpis
        .iter()
        .position(|k| k.id == id)
        .ok_or_else(|| Error::from(product.not_found(crate::model::Entity::Kpi, id)))?;
    Ok(KpiRemoved {
        kpi: product.kpis.remove(at),
        unlinked: linked,
    })
}

/// Removes a reading of a KPI (not a decision); the latest left sets its status.
pub fn remove_reading(
    product: &mut Product,
    _today: Date,
    opts: &RemoveReading,
) -> Result<ReadingRemoved> {
    let whose = readings_of(&opts.id);
    let kpi = product.find_kpi_mut(&opts.id)?;
    let reading = readings::remove(&mut kpi.history, opts, &whose)?;
    Ok(ReadingRemoved {
        id: opts.id.clone(),
        reading,
        latest: latest(&kpi.history).cloned(),
    })
}

/// Corrects a reading's value or note (not a decision).
pub fn edit_reading(
    product: &mut Product,
    _today: Date,
    opts: &EditReading,
) -> Result<ReadingEdited> {
    let whose = readings_of(&opts.id);
    let kpi = product.find_kpi_mut(&opts.id)?;
    let (before, reading) = readings::edit(&mut kpi.history, opts, &whose)?;
    Ok(ReadingEdited {
        id: opts.id.clone(),
        changed: before != reading,
        before,
        reading,
    })
}

fn readings_of(id: &str) -> Whose<'_> {
    Whose {
        id,
        noun: "reading",
        show: format!("product kpi show {id}"),
    }
}

/// Refuses a threshold on the good side of the target: the amber band
/// between them would be empty and the status would skip from green to red.
fn bounds_in_order(kpi: &Kpi) -> Result<()> {
    let (Some(target), Some(threshold)) = (kpi.target, kpi.threshold) else {
        return Ok(());
    };
    let wrong_side = match kpi.direction {
        Direction::Up => threshold > target,
        Direction::Down => threshold < target,
    };
    if !wrong_side {
        return Ok(());
    }
    let (side, red) = match kpi.direction {
        Direction::Up => ("at or below", "below"),
        Direction::Down => ("at or above", "above"),
    };
    Err(Error::new(
        ErrorKind::Usage,
        ErrorCode::InvalidValue,
        format!(
            "{}: the threshold {threshold} is on the good side of the target {target}",
            kpi.name
        ),
    )
    .with_hint(format!(
        "with --direction {}, the threshold (red {red} it) must be {side} the target",
        kpi.direction
    )))
}

/// Refuses a second KPI of the same name, which no one could tell apart.
fn unique_name(product: &Product, name: &str, except: Option<&str>) -> Result<()> {
    match named(product, name, except) {
        Some(k) => Err(Error::new(
            ErrorKind::Invalid,
            ErrorCode::DuplicateName,
            format!("there is already a KPI named `{}` ({})", k.name, k.id),
        )
        .with_hint(format!(
            "record readings with `product kpi record {} VALUE`",
            k.id
        ))),
        None => Ok(()),
    }
}

/// The KPI (other than `except`) with this name, in any case.
fn named<'a>(product: &'a Product, name: &str, except: Option<&str>) -> Option<&'a Kpi> {
    product
        .kpis
        .iter()
        .find(|k| Some(k.id.as_str()) != except && k.name.trim().eq_ignore_ascii_case(name.trim()))
}
