//! Values in `%` are shares of a whole, from 0 to 100. One outside is most
//! likely a slip (1,350,000% typed for 13.5%, a count put in the wrong
//! unit): `ops` warns when one is recorded, and `check` reports those in
//! the file. Neither refuses it: a rate of growth may rightly pass 100%.

use crate::model::number;

/// Whether values in `unit` are percentages.
pub fn is_percent(unit: Option<&str>) -> bool {
    unit.map(str::trim) == Some("%")
}

/// Whether `value`, in `unit`, is a percentage outside 0 to 100.
pub fn out_of_range(value: f64, unit: Option<&str>) -> bool {
    is_percent(unit) && !(0.0..=100.0).contains(&value)
}

/// What to say of `value` given for `what` (`K1`, `O1.KR1`) when it is a
/// percentage outside 0 to 100.
pub fn out_of_range_warning(what: &str, value: f64, unit: Option<&str>) -> Option<String> {
    out_of_range(value, unit).then(|| {
        format!(
            "{what}: {}% is outside 0 to 100%; check the value (or the unit, if it is not a share of a whole)",
            number::display(value)
        )
    })
}

/// What to say of the values given for `id`'s fields (`("target", 120.0)`)
/// that are percentages outside 0 to 100: `K1 target: 120% is ...`.
pub fn out_of_range_warnings(
    id: &str,
    values: &[(&str, Option<f64>)],
    unit: Option<&str>,
) -> Vec<String> {
    values
        .iter()
        .filter_map(|&(field, v)| out_of_range_warning(&format!("{id} {field}"), v?, unit))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_percentages_outside_0_to_100_are_out_of_range() {
        for value in [-5.0, 100.5, 120.0, 1_350_000.0] {
            assert!(out_of_range(value, Some("%")), "{value}");
            assert!(!out_of_range(value, Some("£")), "{value}");
            assert!(!out_of_range(value, None), "{value}");
        }
        for value in [0.0, 13.5, 100.0] {
            assert!(!out_of_range(value, Some(" % ")), "{value}");
        }
        assert_eq!(
            out_of_range_warning("K1", 120.0, Some("%")).as_deref(),
            Some(
                "K1: 120% is outside 0 to 100%; check the value (or the unit, if it is not a share of a whole)"
            )
        );
    }
}
