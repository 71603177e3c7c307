//! The command line's parsers for numbers, every one over the library's
//! one syntax ([`number::parse`]: `85%`, `£4.20`, `1.35M`, `500K`, `12`,
//! `-5`, `0.8`). A value that is not a number, or not the number wanted,
//! is a usage error (exit 2) that says what to write instead.

use productfile::model::number::{self, NumberError, Written};
use productfile::ops::item::Setting;

use super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};

/// clap's message for a value refused: what is wrong and what to write.
fn refused(e: NumberError) -> String {
    format!("{e}; {}", e.hint())
}

/// A number without a unit of its own (a scoring input): `%` and a
/// currency sign may mark it, a word may not.
pub fn plain(text: &str) -> Result<f64, String> {
    number::parse(text)
        .and_then(|w| w.in_unit(None))
        .map_err(refused)
}

/// [`plain`], or `none` to clear the value.
pub fn plain_or_none(text: &str) -> Result<Setting<f64>, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(Setting::Clear);
    }
    plain(text).map(Setting::Set)
}

/// A value in the unit of a key result or a KPI, which the file knows: read
/// here, and put in its unit by [`in_unit`] once the file is read.
pub fn written(text: &str) -> Result<Written, String> {
    number::parse(text).map_err(refused)
}

/// A value read by [`written`], or `none` to remove it (a newtype, since
/// clap takes `Option<Option<T>>` to mean a flag whose value may be left out).
#[derive(Debug, Clone)]
pub struct WrittenOrNone(pub Option<Written>);

/// [`written`], or `none`.
pub fn written_or_none(text: &str) -> Result<WrittenOrNone, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(WrittenOrNone(None));
    }
    written(text).map(|w| WrittenOrNone(Some(w)))
}

/// A count or a position: a whole number of 0 or more (`10`, `2K`).
pub fn count(text: &str) -> Result<usize, String> {
    let n = number::parse(text)
        .and_then(|w| w.count())
        .map_err(refused)?;
    usize::try_from(n).map_err(|_| format!("`{text}` is too large"))
}

/// A count from `min` to `max`.
pub fn count_between(
    min: usize,
    max: usize,
) -> impl Fn(&str) -> Result<usize, String> + Clone + Send + Sync + 'static {
    move |text| {
        let n = count(text)?;
        if (min..=max).contains(&n) {
            Ok(n)
        } else {
            Err(format!("`{text}` is not from {min} to {max}"))
        }
    }
}

/// A value read by [`written`], in `unit` (that of the key result or KPI
/// it is for): another unit is a usage error, as a bad number is.
pub fn in_unit(value: &Written, what: &str, unit: Option<&str>) -> CmdResult<f64> {
    value.in_unit(unit).map_err(|e| {
        CommandError::new(
            ErrorKind::Usage,
            ErrorCode::InvalidValue,
            format!("{what}: {e}"),
        )
        .with_hint(e.hint())
    })
}

/// A value given for an option that may be removed (`--target`,
/// `--threshold`, `--weight`), in `unit`: `none` removes it; `None` when the
/// option was not given.
pub fn value_or_none(
    given: Option<&WrittenOrNone>,
    what: &str,
    unit: Option<&str>,
) -> CmdResult<Option<Option<f64>>> {
    given
        .map(|g| g.0.as_ref().map(|w| in_unit(w, what, unit)).transpose())
        .transpose()
}
