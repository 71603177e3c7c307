//! The numbers of goals and measures as people type and read them: `85`,
//! `85%`, `£4.20`, `1.35M`, `500K`.

use productfile::model::Date;

use super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};

/// Reads a value typed for a key result or a KPI. Besides plain numbers it
/// takes the unit written before or after (`85%`, `£4.20`) and the
/// suffixes K, M and B (thousand, million, billion). A value that is not a
/// number is invalid input (exit 3), like an unknown id: the command line
/// was well formed, the value was not.
pub fn parse(text: &str, what: &str, unit: Option<&str>) -> CmdResult<f64> {
    read(text, unit).ok_or_else(|| {
        let hint = if text.contains(',') {
            "write the number without commas, with a point for decimals: 1350000 or 1.35M, 2.5"
                .to_owned()
        } else {
            let unit = unit
                .filter(|u| !u.trim().is_empty())
                .map_or(String::new(), |u| format!(" in {u}"));
            format!("write a number{unit}, such as 85, 2.5, -3, 1.35M or 500K")
        };
        CommandError::new(
            ErrorKind::Invalid,
            ErrorCode::InvalidValue,
            format!("{what}: `{text}` is not a number"),
        )
        .with_hint(hint)
    })
}

fn read(text: &str, unit: Option<&str>) -> Option<f64> {
    let mut t = text.trim();
    if let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty()) {
        t = t.strip_prefix(unit).unwrap_or(t);
        t = t.strip_suffix(unit).unwrap_or(t).trim();
    }
    let (mantissa, exponent) = match t.char_indices().last()? {
        (at, 'k' | 'K') => (&t[..at], 3),
        (at, 'm' | 'M') => (&t[..at], 6),
        (at, 'b' | 'B') => (&t[..at], 9),
        _ => (t, 0),
    };
    // Only digits, a sign, a point and an exponent: no `inf` or `nan`.
    let plain = !mantissa.is_empty()
        && mantissa
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !plain {
        return None;
    }
    // Shifting the exponent in the text keeps 1.35M exactly 1350000.
    let value: f64 = if exponent == 0 {
        mantissa.parse().ok()?
    } else {
        let (m, e) = match mantissa.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i32>().ok()?),
            None => (mantissa, 0),
        };
        format!("{m}e{}", e + exponent).parse().ok()?
    };
    value.is_finite().then_some(value)
}

/// Refuses a reading dated after today: it would stand as the latest, and
/// so set the status, until the calendar caught up with it.
pub fn not_after_today(date: Date, today: Date, what: &str) -> CmdResult<()> {
    if date <= today {
        return Ok(());
    }
    Err(CommandError::new(
        ErrorKind::Invalid,
        ErrorCode::DateInFuture,
        format!("--date {date} is after today ({today}); {what} records a value already measured"),
    )
    .with_hint("check the year, or leave out --date for today"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_and_units() {
        assert_eq!(read("85", None), Some(85.0));
        assert_eq!(read("-3.5", None), Some(-3.5));
        assert_eq!(read("85%", Some("%")), Some(85.0));
        assert_eq!(read("£4.20", Some("£")), Some(4.2));
        assert_eq!(read("96 calls/1000", Some("calls/1000")), Some(96.0));
    }

    #[test]
    fn suffixes_scale_exactly() {
        assert_eq!(read("1.35M", None), Some(1_350_000.0));
        assert_eq!(read("500K", None), Some(500_000.0));
        assert_eq!(read("2b", None), Some(2_000_000_000.0));
        assert_eq!(read("1.5e1k", None), Some(15_000.0));
    }

    #[test]
    fn words_and_specials_are_not_numbers() {
        for text in ["abc", "", "inf", "nan", "1,5", "1e999", "M", "5 %"] {
            assert_eq!(read(text, None), None, "{text}");
        }
        let e = parse("lots", "VALUE", None).unwrap_err();
        assert_eq!(e.kind, productfile::ErrorKind::Invalid);
        assert_eq!(e.message, "VALUE: `lots` is not a number");
        let e = parse("85%", "O1.KR1", Some("mins")).unwrap_err();
        assert_eq!(
            e.hint.as_deref(),
            Some("write a number in mins, such as 85, 2.5, -3, 1.35M or 500K")
        );
    }
}
