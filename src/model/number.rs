//! Numbers as people write them. Read: the one syntax every face takes a
//! number in (`85%`, `£4.20`, `1.35M`, `500K`, `12`, `-5`, `0.8`), see
//! [`parse`]. Written back: a whole number stays an integer (`size = 5`,
//! not `size = 5.0`), so an edit reads the way a person would have typed it.

use serde::Serializer;

/// Serializes an optional number, whole ones as integers.
pub fn compact_opt<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => compact(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// Serializes a number, whole ones as integers.
pub fn compact<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    match as_integer(*value) {
        Some(i) => serializer.serialize_i64(i),
        None => serializer.serialize_f64(*value),
    }
}

/// The integer a float holds exactly, if it is a whole number in range.
pub fn as_integer(value: f64) -> Option<i64> {
    // 2^53: beyond it not every integer is representable, so keep floats as floats.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    (value.fract() == 0.0 && value.abs() <= EXACT).then_some(value as i64)
}

/// Formats a number for people: `5`, `2.5`, `12000`.
pub fn display(value: f64) -> String {
    match as_integer(value) {
        Some(i) => i.to_string(),
        None => {
            let s = format!("{value:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    }
}

/// A number as a person writes it: a sign, a unit written before it
/// (`£4.20`, `-£2`) or after it (`85%`, `96 calls/1000`), and a suffix K, M
/// or B for thousands, millions, billions (`1.35M`, `500K`). Whether the
/// unit is the right one is for [`Written::in_unit`] to say, once the unit
/// of the value is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The text as written, trimmed.
    pub text: String,
    /// The number, scaled by its suffix.
    pub value: f64,
    /// The unit written with it, if any.
    pub unit: Option<String>,
}

/// Why a text is not the number wanted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NumberError {
    /// No number can be read: `abc`, `1,350`, `inf`.
    #[error("`{0}` is not a number")]
    NotANumber(String),
    /// A number in another unit than the value's: `£5` for a value in `%`,
    /// or a unit at all for a plain number (`12 users` for a reach).
    #[error("`{text}` is in {written}, {}", match .unit { Some(u) => format!("not in {u}"), None => "but this value has no unit".to_owned() })]
    OtherUnit {
        text: String,
        written: String,
        unit: Option<String>,
    },
    /// A count or a position that is not a whole number of 0 or more.
    #[error("`{0}` is not a whole number of 0 or more")]
    NotACount(String),
}

impl NumberError {
    /// What to write instead.
    pub fn hint(&self) -> String {
        match self {
            NumberError::NotANumber(text) if text.contains(',') => {
                "write the number without commas, with a point for decimals: 1350000 or 1.35M, 2.5"
                    .to_owned()
            }
            NumberError::NotANumber(_) => {
                "write a number such as 85, 2.5, -3, 85%, £4.20, 1.35M or 500K".to_owned()
            }
            NumberError::OtherUnit { unit: Some(u), .. } => {
                format!("write the value in {u}, or as a plain number (85, 2.5, 1.35M)")
            }
            NumberError::OtherUnit { unit: None, .. } => {
                "write the number alone, such as 12, 85%, £4.20 or 40K".to_owned()
            }
            NumberError::NotACount(_) => "write a whole number, such as 10 or 2K".to_owned(),
        }
    }
}

/// Reads a number as a person writes it (see [`Written`]). No `inf` or
/// `nan`, no thousands separators: `1,350` is refused rather than guessed.
pub fn parse(text: &str) -> Result<Written, NumberError> {
    let t = text.trim();
    let bad = || NumberError::NotANumber(t.to_owned());
    let (mut sign, rest) = split_sign(t);
    // A unit written first: everything up to the number (`£`, `USD `).
    let start = rest
        .find(|c: char| c.is_ascii_digit() || c == '.')
        .ok_or_else(bad)?;
    let (mut before, rest) = rest.split_at(start);
    if sign.is_empty()
        && let Some(b) = before.strip_suffix(['-', '+'])
    {
        // The sign after the unit: `£-2`.
        sign = &before[b.len()..];
        before = b;
    }
    let before = before.trim();
    if before.contains(['-', '+']) {
        return Err(bad());
    }
    let (mantissa, exponent, rest) = split_number(rest).ok_or_else(bad)?;
    let (scale, rest) = split_scale(rest);
    let after = rest.trim();
    if after.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-'))
        || (!before.is_empty() && !after.is_empty())
    {
        return Err(bad());
    }
    // Shifting the exponent in the text keeps 1.35M exactly 1350000.
    let value: f64 = format!("{sign}{mantissa}e{}", exponent + scale)
        .parse()
        .map_err(|_| bad())?;
    if !value.is_finite() {
        return Err(bad());
    }
    let unit = [before, after].into_iter().find(|u| !u.is_empty());
    Ok(Written {
        text: t.to_owned(),
        value,
        unit: unit.map(str::to_owned),
    })
}

/// A leading `+` or `-`, and the rest.
fn split_sign(t: &str) -> (&str, &str) {
    match t.strip_prefix(['-', '+']) {
        Some(rest) => (&t[..1], rest),
        None => ("", t),
    }
}

/// Digits with at most one point, and an exponent (`e3`, `E-2`) if one
/// follows: the mantissa, the exponent and what is left.
fn split_number(t: &str) -> Option<(&str, i32, &str)> {
    let mut points = 0;
    let end = t
        .find(|c: char| {
            if c == '.' {
                points += 1;
            }
            !(c.is_ascii_digit() || c == '.')
        })
        .unwrap_or(t.len());
    let mantissa = &t[..end];
    if points > 1 || !mantissa.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &t[end..];
    let Some(after_e) = rest.strip_prefix(['e', 'E']) else {
        return Some((mantissa, 0, rest));
    };
    let (sign, digits) = split_sign(after_e);
    let len = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    if len == 0 {
        // `5each`: not an exponent but the start of a unit.
        return Some((mantissa, 0, rest));
    }
    let exponent = format!("{sign}{}", &digits[..len]).parse().ok()?;
    Some((mantissa, exponent, &digits[len..]))
}

/// A K, M or B straight after the number, unless it begins a word (`5mins`).
fn split_scale(t: &str) -> (i32, &str) {
    let mut chars = t.chars();
    let scale = match chars.next() {
        Some('k' | 'K') => 3,
        Some('m' | 'M') => 6,
        Some('b' | 'B') => 9,
        _ => return (0, t),
    };
    let rest = chars.as_str();
    if rest.starts_with(char::is_alphabetic) {
        return (0, t);
    }
    (scale, rest)
}

impl Written {
    /// The value in `unit`, the unit of what it is for (a key result's, a
    /// KPI's; `None` for one without). The unit may be written or left
    /// out; another unit is refused. Without a unit, `%` and a currency
    /// sign are taken as marks of the number (a confidence of `85%`, a
    /// cost of `£4.20`), and a word is refused.
    pub fn in_unit(&self, unit: Option<&str>) -> Result<f64, NumberError> {
        let unit = unit.map(str::trim).filter(|u| !u.is_empty());
        if let Some(u) = unit
            && let Some(value) = self.without(u)
        {
            // `5m` for a value in metres is 5, not 5 million.
            return Ok(value);
        }
        match (self.unit.as_deref(), unit) {
            (None, _) => Ok(self.value),
            (Some(w), Some(u)) if w.to_lowercase() == u.to_lowercase() => Ok(self.value),
            (Some(w), None) if w == "%" || is_currency(w) => Ok(self.value),
            (Some(w), _) => Err(NumberError::OtherUnit {
                text: self.text.clone(),
                written: w.to_owned(),
                unit: unit.map(str::to_owned),
            }),
        }
    }

    /// The number with `unit` taken off the end, when what is left is a plain number.
    fn without(&self, unit: &str) -> Option<f64> {
        let bare = parse(self.text.strip_suffix(unit)?).ok()?;
        bare.unit.is_none().then_some(bare.value)
    }

    /// The value as a count or a position: a whole number of 0 or more,
    /// with no unit (`10`, `2K`).
    pub fn count(&self) -> Result<u64, NumberError> {
        let whole = self.unit.is_none() && self.value >= 0.0;
        match as_integer(self.value).filter(|_| whole) {
            Some(i) => Ok(i as u64),
            None => Err(NumberError::NotACount(self.text.clone())),
        }
    }
}

/// Whether a unit is a currency sign, written before the amount: `£1.94`.
pub fn is_currency(unit: &str) -> bool {
    matches!(unit, "£" | "$" | "€" | "¥")
}

/// A value with its unit, the way people write it: `71%`, `£1.94`, `96 calls/1000`.
pub fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        None => display(value),
        Some("%") => format!("{}%", display(value)),
        Some(u) if is_currency(u) => {
            let amount = if as_integer(value).is_some() {
                display(value.abs())
            } else {
                format!("{:.2}", value.abs())
            };
            let sign = if value < 0.0 { "-" } else { "" };
            format!("{sign}{u}{amount}")
        }
        Some(u) => format!("{} {u}", display(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_integers() {
        assert_eq!(as_integer(5.0), Some(5));
        assert_eq!(as_integer(-3.0), Some(-3));
        assert_eq!(as_integer(2.5), None);
        assert_eq!(as_integer(f64::NAN), None);
        assert_eq!(as_integer(1e300), None);
    }

    fn value(text: &str) -> Option<f64> {
        parse(text).ok()?.in_unit(None).ok()
    }

    #[test]
    fn plain_numbers_and_marks() {
        assert_eq!(value("85"), Some(85.0));
        assert_eq!(value(" -3.5 "), Some(-3.5));
        assert_eq!(value("+2"), Some(2.0));
        assert_eq!(value(".5"), Some(0.5));
        assert_eq!(value("0.8"), Some(0.8));
        assert_eq!(value("85%"), Some(85.0));
        assert_eq!(value("£4.20"), Some(4.2));
        assert_eq!(value("-£2"), Some(-2.0));
        assert_eq!(value("£-2"), Some(-2.0));
        assert_eq!(value("1e3"), Some(1000.0));
    }

    #[test]
    fn suffixes_scale_exactly() {
        assert_eq!(value("1.35M"), Some(1_350_000.0));
        assert_eq!(value("500K"), Some(500_000.0));
        assert_eq!(value("4.2k"), Some(4_200.0));
        assert_eq!(value("2b"), Some(2_000_000_000.0));
        assert_eq!(value("1.5e1k"), Some(15_000.0));
        assert_eq!(value("-1.5K"), Some(-1_500.0));
        assert_eq!(value("40K%"), Some(40_000.0));
    }

    #[test]
    fn words_and_specials_are_not_numbers() {
        for text in [
            "abc",
            "",
            "inf",
            "nan",
            "-inf",
            "1,5",
            "1,350,000",
            "1e999",
            "M",
            "1.2.3",
            "--5",
            "£5%",
            "5 6",
            "-",
            ".",
        ] {
            assert_eq!(
                parse(text).map(|w| w.value),
                Err(NumberError::NotANumber(text.trim().to_owned())),
                "{text}"
            );
        }
        assert!(
            NumberError::NotANumber("1,5".into())
                .hint()
                .contains("without commas")
        );
    }

    #[test]
    fn units_are_those_of_the_value() {
        let w = |t: &str| parse(t).unwrap();
        assert_eq!(w("96 calls/1000").in_unit(Some("calls/1000")), Ok(96.0));
        assert_eq!(w("85%").in_unit(Some("%")), Ok(85.0));
        assert_eq!(w("85").in_unit(Some("%")), Ok(85.0));
        assert_eq!(w("£1.94").in_unit(Some("£")), Ok(1.94));
        assert_eq!(w("USD 5").in_unit(Some("usd")), Ok(5.0));
        assert_eq!(w("5mins").in_unit(Some("mins")), Ok(5.0));
        // A suffix that is the unit itself: 5 metres, not 5 million.
        assert_eq!(w("5m").in_unit(Some("m")), Ok(5.0));
        assert_eq!(w("5m").in_unit(Some("%")), Ok(5_000_000.0));
        let e = w("£5").in_unit(Some("%")).unwrap_err();
        assert_eq!(e.to_string(), "`£5` is in £, not in %");
        assert!(e.hint().contains("in %"), "{}", e.hint());
        let e = w("12 users").in_unit(None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`12 users` is in users, but this value has no unit"
        );
    }

    #[test]
    fn counts_are_whole_and_plain() {
        let count = |t: &str| parse(t).unwrap().count();
        assert_eq!(count("10"), Ok(10));
        assert_eq!(count("2K"), Ok(2_000));
        for text in ["5.5", "85%", "-5", "£3"] {
            assert_eq!(
                count(text),
                Err(NumberError::NotACount(text.into())),
                "{text}"
            );
        }
    }

    #[test]
    fn displays_without_noise() {
        assert_eq!(display(12000.0), "12000");
        assert_eq!(display(2.5), "2.5");
        assert_eq!(display(0.125), "0.125");
        assert_eq!(display(1.0 / 3.0), "0.333");
    }
}
