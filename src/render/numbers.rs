//! Numbers as people read and write them: with a sign, to two places, with
//! a count's noun, with a unit (`71%`, `£1.94`); and values typed with a
//! unit or a suffix (`85%`, `1.35M`) read back.

use productfile::model::number;
use productfile::{Error, ErrorCode, ErrorKind};

/// A change with its sign: `+2.5`, `-0.16`, `0`.
pub fn signed(value: f64) -> String {
    if value > 0.0 {
        format!("+{}", number::display(value))
    } else {
        number::display(value)
    }
}

/// A grade or share to two places: `0.70`.
pub fn two_places(value: f64) -> String {
    format!("{value:.2}")
}

/// `1 objective`, `3 objectives`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A group's count and size, for its heading: `1 item, size 20`,
/// `3 items, size 5, 1 not sized`, `2 items, not sized`.
pub fn items_and_size(count: usize, size: f64, unsized_items: usize) -> String {
    let items = plural(count, "item");
    match unsized_items {
        0 => format!("{items}, size {}", number::display(size)),
        n if n == count => format!("{items}, not sized"),
        n => format!("{items}, size {}, {n} not sized", number::display(size)),
    }
}

/// A value with its unit, the way people write it: `71%`, `£1.94`, `96 calls/1000`.
pub fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        None => number::display(value),
        Some("%") => format!("{}%", number::display(value)),
        Some(u) if is_currency(u) => {
            let amount = if number::as_integer(value).is_some() {
                number::display(value.abs())
            } else {
                format!("{:.2}", value.abs())
            };
            let sign = if value < 0.0 { "-" } else { "" };
            format!("{sign}{u}{amount}")
        }
        Some(u) => format!("{} {u}", number::display(value)),
    }
}

fn is_currency(unit: &str) -> bool {
    matches!(unit, "£" | "$" | "€" | "¥")
}

/// Reads a value typed for a key result or a KPI. Besides plain numbers it
/// takes the unit written before or after (`85%`, `£4.20`) and the
/// suffixes K, M and B (thousand, million, billion). A value that is not a
/// number is invalid input (exit 3), like an unknown id: the command line
/// was well formed, the value was not.
pub fn read_value(text: &str, what: &str, unit: Option<&str>) -> Result<f64, Error> {
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
        Error::new(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_with_their_units() {
        assert_eq!(with_unit(71.0, Some("%")), "71%");
        assert_eq!(with_unit(1.94, Some("£")), "£1.94");
        assert_eq!(with_unit(1.5, Some("£")), "£1.50");
        assert_eq!(with_unit(-2.0, Some("£")), "-£2");
        assert_eq!(with_unit(96.0, Some("calls/1000")), "96 calls/1000");
        assert_eq!(with_unit(3.0, None), "3");
        assert_eq!(signed(2.5), "+2.5");
        assert_eq!(signed(-0.16), "-0.16");
    }

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
        let e = read_value("lots", "VALUE", None).unwrap_err();
        assert_eq!(e.kind, productfile::ErrorKind::Invalid);
        assert_eq!(e.message, "VALUE: `lots` is not a number");
        let e = read_value("85%", "O1.KR1", Some("mins")).unwrap_err();
        assert_eq!(
            e.hint.as_deref(),
            Some("write a number in mins, such as 85, 2.5, -3, 1.35M or 500K")
        );
    }
}
