//! A calendar date that reads from a TOML date or a `YYYY-MM-DD` string and
//! writes as a `YYYY-MM-DD` string (the store turns it back into a TOML date).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day, without time or zone. Product files only ever need days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// The Monday of the week (Monday to Sunday) this day falls in: the one
    /// week rule of forecasts and burn-ups.
    pub fn week_start(self) -> Date {
        use chrono::Datelike;
        let back = u64::from(self.0.weekday().num_days_from_monday());
        Date(self.0 - chrono::Days::new(back))
    }

    /// Builds a date from its parts; `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written by hand: chrono's format strings are parsed on every call,
        // and a large file writes many dates.
        use chrono::Datelike;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

/// The error for text that is not a `YYYY-MM-DD` day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date; expected YYYY-MM-DD, e.g. 2027-01-31")]
pub struct DateParseError(pub String);

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // chrono accepts a few lenient forms; a product file wants exactly one.
        let well_formed = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !well_formed {
            return Err(DateParseError(s.to_owned()));
        }
        // The digits are checked above; chrono's format parser is slow for
        // a file with thousands of dates.
        let number = |range: std::ops::Range<usize>| {
            s.as_bytes()[range]
                .iter()
                .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
        };
        let year = i32::try_from(number(0..4)).unwrap_or_default();
        NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
            .map(Date)
            .ok_or_else(|| DateParseError(s.to_owned()))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

// A TOML date reaches a JSON Schema validator (an editor checking a TOML
// file) as its text, and a JSON file spells it as a string: both are strings
// in the `date` format, so the schema is written by hand.
impl schemars::JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
        })
    }
}

struct DateVisitor;

/// The key under which the TOML deserializers hand over a date.
pub(super) const TOML_DATETIME_FIELD: &str = "$__toml_private_datetime";

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        v.parse().map_err(E::custom)
    }

    // TOML dates arrive as a one-entry map holding the date's text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(
                "expected a date YYYY-MM-DD, found a table",
            ));
        };
        if key != TOML_DATETIME_FIELD {
            return Err(de::Error::custom(
                "expected a date YYYY-MM-DD, found a table",
            ));
        }
        let text: String = map.next_value()?;
        text.parse().map_err(|_| {
            de::Error::custom(format!(
                "`{text}` is not a plain date; expected YYYY-MM-DD without a time"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_well_formed_days() {
        assert_eq!(
            "2027-01-31".parse::<Date>().unwrap().to_string(),
            "2027-01-31"
        );
        for bad in [
            "2027-1-31",
            "2027-02-30",
            "27-01-31",
            "2027-01-31T00:00:00",
            "",
            "today",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn reads_toml_dates_and_json_strings() {
        #[derive(Deserialize)]
        struct Holder {
            d: Date,
        }
        let t: Holder = toml::from_str("d = 2026-11-01").unwrap();
        assert_eq!(t.d.to_string(), "2026-11-01");
        let j: Holder = serde_json::from_str(r#"{"d": "2026-11-01"}"#).unwrap();
        assert_eq!(j.d, t.d);
        assert!(toml::from_str::<Holder>("d = 2026-11-01T10:00:00").is_err());
        assert!(toml::from_str::<Holder>("d = 5").is_err());
    }
}
