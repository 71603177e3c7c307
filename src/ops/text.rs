//! The text a change is given, as every domain operation reads it: trimmed,
//! with an empty required value refused and an empty optional one taken
//! as none.

use crate::error::{Error, Result};

/// A required value, trimmed; empty is refused, naming `what`.
pub(crate) fn required(value: &str, what: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::usage(format!("{what} is empty")));
    }
    Ok(value.to_owned())
}

/// An optional text, trimmed; empty is none.
pub(crate) fn text(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}
