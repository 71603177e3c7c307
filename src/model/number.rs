//! How numbers are written back: a whole number stays an integer (`size = 5`,
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

    #[test]
    fn displays_without_noise() {
        assert_eq!(display(12000.0), "12000");
        assert_eq!(display(2.5), "2.5");
        assert_eq!(display(0.125), "0.125");
        assert_eq!(display(1.0 / 3.0), "0.333");
    }
}
