//! A deserializer's failure in the words of the file: the key path it
//! stopped at, and its message with Rust's type names made plain. Shared by
//! the first read of a file and the search for its other problems.

use crate::model::KeyPath;

pub(super) fn key_path(path: &serde_path_to_error::Path) -> KeyPath {
    use serde_path_to_error::Segment as S;
    let mut out = KeyPath::root();
    for segment in path.iter() {
        out = match segment {
            S::Seq { index } => out.index(*index, None),
            S::Map { key } => out.key(key),
            S::Enum { .. } | S::Unknown => continue,
        };
    }
    out
}

/// Rewords serde's Rust-flavoured type names into the words of the file.
pub(super) fn plain_message(message: &str) -> String {
    let mut m = message.trim_end().to_owned();
    for (rust, plain) in [
        ("expected f64", "expected a number"),
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected an array"),
        ("invalid type: sequence", "invalid type: array"),
        ("invalid type: map", "invalid type: table"),
        ("expected a boolean", "expected true or false"),
        (
            "recursion limit exceeded",
            "a value nested deeper than 128 arrays or objects",
        ),
        (
            "unexpected end of hex escape",
            "a lone surrogate: a `\\uD800` to `\\uDBFF` escape must be followed by a `\\uDC00` to `\\uDFFF` one (write the character itself, or both halves of its pair)",
        ),
        (
            "lone leading surrogate in hex escape",
            "a lone surrogate: a `\\uD800` to `\\uDBFF` escape must be followed by a `\\uDC00` to `\\uDFFF` one, and a `\\uDC00` to `\\uDFFF` escape must follow one (write the character itself, or both halves of its pair)",
        ),
    ] {
        m = m.replace(rust, plain);
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        m = format!("wrong type: {rest}");
    }
    if m.contains("expected struct ") {
        // "expected struct Item" -> "expected a table"
        let start = m.find("expected struct ").unwrap_or(0);
        m.replace_range(start.., "expected a table");
    }
    m
}
