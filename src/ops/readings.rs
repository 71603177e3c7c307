//! Correcting and removing a dated reading: a KPI's reading or a key
//! result's check-in, the same rules for both.
//!
//! A reading is named by its date. Two readings may share a day (both are
//! kept when recorded), so where a day has more than one, the value it has
//! (`--was`) says which; a date or value that names none is refused with the
//! readings there are.

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{Date, Reading, number};

/// A reading to remove: whose (`K2`, `O1.KR1`), which day, and, where the
/// day has more than one, the value of the one meant.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoveReading {
    /// The KPI's id (`K2`) or the key result (`O1.KR1`).
    pub id: String,
    /// The day of the reading.
    pub date: Date,
    /// The value it has, to tell apart two readings of one day.
    pub was: Option<f64>,
}

impl RemoveReading {
    /// The one reading of `id` on `date`.
    pub fn new(id: impl Into<String>, date: Date) -> Self {
        RemoveReading {
            id: id.into(),
            date,
            was: None,
        }
    }
}

/// A correction to a reading: its value, its note, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct EditReading {
    /// The KPI's id (`K2`) or the key result (`O1.KR1`).
    pub id: String,
    /// The day of the reading.
    pub date: Date,
    /// The value it has, to tell apart two readings of one day.
    pub was: Option<f64>,
    /// The value it should have.
    pub value: Option<f64>,
    /// Its note; `Some(None)` removes it.
    pub note: Option<Option<String>>,
}

impl EditReading {
    /// A correction of the one reading of `id` on `date` that changes nothing yet.
    pub fn new(id: impl Into<String>, date: Date) -> Self {
        EditReading {
            id: id.into(),
            date,
            was: None,
            value: None,
            note: None,
        }
    }
}

/// The reading removed, and the latest one left (which now counts).
#[derive(Debug, Clone, Serialize)]
pub struct ReadingRemoved {
    pub id: String,
    pub reading: Reading,
    /// The latest reading left, if any: the one that now sets the status or
    /// the current value.
    pub latest: Option<Reading>,
}

/// A reading before and after a correction.
#[derive(Debug, Clone, Serialize)]
pub struct ReadingEdited {
    pub id: String,
    pub before: Reading,
    pub reading: Reading,
    pub changed: bool,
}

/// What a history is a history of, for messages: `K2` and how to list its
/// readings (`product kpi show K2`).
pub(crate) struct Whose<'a> {
    pub id: &'a str,
    /// `reading`, or `check-in`.
    pub noun: &'static str,
    pub show: String,
}

/// Where in `history` the reading `date` (and `was`) names is.
pub(crate) fn find(
    history: &[Reading],
    date: Date,
    was: Option<f64>,
    whose: &Whose,
) -> Result<usize> {
    let on_day: Vec<usize> = (0..history.len())
        .filter(|&i| history[i].date == date)
        .collect();
    if on_day.is_empty() {
        let mut dates: Vec<String> = history.iter().map(|r| r.date.to_string()).collect();
        dates.dedup();
        let hint = if dates.is_empty() {
            format!("{} has no {}s yet", whose.id, whose.noun)
        } else {
            format!(
                "its {}s are dated {}; see them with `{}`",
                whose.noun,
                dates.join(", "),
                whose.show
            )
        };
        return Err(Error::new(
            ErrorKind::Invalid,
            ErrorCode::UnknownId,
            format!("{} has no {} on {date}", whose.id, whose.noun),
        )
        .with_hint(hint));
    }
    let values = || {
        on_day
            .iter()
            .map(|&i| number::display(history[i].value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match was {
        Some(v) => on_day
            .iter()
            .copied()
            .find(|&i| same(history[i].value, v))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Invalid,
                    ErrorCode::UnknownId,
                    format!(
                        "{} has no {} of {} on {date}",
                        whose.id,
                        whose.noun,
                        number::display(v)
                    ),
                )
                .with_hint(format!("on {date} it has {}", values()))
            }),
        None if on_day.len() == 1 => Ok(on_day[0]),
        None => Err(Error::usage(format!(
            "{} has {} {}s on {date}: {}",
            whose.id,
            on_day.len(),
            whose.noun,
            values()
        ))
        .with_hint(format!(
            "say which with --was, e.g. --was {}",
            number::display(history[on_day[0]].value)
        ))),
    }
}

/// Removes the reading `opts` names from `history`.
pub(crate) fn remove(
    history: &mut Vec<Reading>,
    opts: &RemoveReading,
    whose: &Whose,
) -> Result<Reading> {
    let at = find(history, opts.date, opts.was, whose)?;
    Ok(history.remove(at))
}

/// Corrects the reading `opts` names in `history`; the value must be a number.
pub(crate) fn edit(
    history: &mut [Reading],
    opts: &EditReading,
    whose: &Whose,
) -> Result<(Reading, Reading)> {
    if opts.value.is_none() && opts.note.is_none() {
        return Err(Error::usage("nothing to change").with_hint("give --value, --note, or both"));
    }
    if let Some(v) = opts.value {
        finite(v, "--value")?;
    }
    let at = find(history, opts.date, opts.was, whose)?;
    let before = history[at].clone();
    let reading = &mut history[at];
    if let Some(v) = opts.value {
        reading.value = v;
    }
    if let Some(note) = &opts.note {
        reading.note = note.clone().filter(|n| !n.trim().is_empty());
    }
    Ok((before, reading.clone()))
}

/// Whether two values are the same as written (`84` and `84.0`, `1.94` read
/// in two ways), so that `--was` matches what `kpi show` displays.
fn same(a: f64, b: f64) -> bool {
    a == b || number::display(a) == number::display(b)
}

/// Refuses a number that is not one (infinite, or not a number at all).
pub(crate) fn finite(value: f64, what: &str) -> Result<()> {
    if value.is_finite() {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Usage,
        ErrorCode::InvalidValue,
        format!("{what}: `{value}` is not a number"),
    ))
}
