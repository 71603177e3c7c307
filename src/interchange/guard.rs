//! Formula injection: a spreadsheet runs a cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return as a formula. Cells written to CSV
//! are guarded with a leading `'`, and the guard is taken off again on
//! import, so that a round trip gives back exactly what went out.

/// The characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as it is safe to write: `'` before text a spreadsheet would run.
/// A plain number (`-0.16`, `+3`) is left alone: it is data, not a formula.
/// Text that already starts with quotes before a trigger (`'=x`) gets one
/// more, so that [`restore`] can tell it from a guard.
pub fn neutralise(text: &str) -> String {
    if needs_guard(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The cell as it was before [`neutralise`]: one leading `'` taken off
/// where it guards a trigger.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_with_trigger(cell) => rest,
        _ => cell,
    }
}

fn needs_guard(text: &str) -> bool {
    let number = text.parse::<f64>().is_ok_and(f64::is_finite);
    !number && starts_with_trigger(text)
}

/// Whether the text, past any leading quotes, starts with a trigger.
fn starts_with_trigger(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(TRIGGERS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("-0.16"), "-0.16");
        assert_eq!(neutralise("+3"), "+3");
        assert_eq!(neutralise("-1+2"), "'-1+2");
        assert_eq!(neutralise("-inf"), "'-inf");
        assert_eq!(neutralise("plain"), "plain");
    }

    #[test]
    fn restoring_gives_back_what_was_guarded() {
        for text in [
            "=1+1", "'=1+1", "''@x", "'plain", "'", "-3", "'-3", "+", "\r\n", "x", "",
        ] {
            assert_eq!(restore(&neutralise(text)), text, "{text:?}");
        }
    }
}
