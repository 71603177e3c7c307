//! Which values a scoring input may take, for commands that set them: never
//! negative, a divisor never 0, confidence a percentage, and with
//! `scale = "fibonacci"` the WSJF inputs on the modified Fibonacci sequence.
//!
//! A file may still hold other values (it is edited by hand too); ranking
//! then leaves such items unscored with the reason, and `product check`
//! reports values outside the scale.

use crate::model::{NumberField, Scale, number};

/// The WSJF inputs a scale applies to.
pub const SCALED_FIELDS: [NumberField; 4] = [
    NumberField::Value,
    NumberField::TimeCriticality,
    NumberField::RiskReduction,
    NumberField::Size,
];

/// The fields scores divide by: never 0.
pub const DIVISORS: [NumberField; 3] = [NumberField::Size, NumberField::Cost, NumberField::Effort];

/// Which rule a value for a scoring field breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InputProblem {
    NotANumber,
    Negative,
    /// 0 for a field scores divide by.
    Zero,
    /// A confidence over 100%.
    OverHundred,
    /// Off the Fibonacci scale, for a WSJF input.
    OffScale,
}

impl InputProblem {
    /// The rule the value breaks, without the value: for a message about
    /// several values at once (an import's column).
    pub fn rule(self, field: NumberField, scale: Scale) -> String {
        match self {
            InputProblem::NotANumber => format!("{field} must be a number"),
            InputProblem::Negative => format!("{field} cannot be negative"),
            InputProblem::Zero => format!("{field} must be more than 0, as scores divide by it"),
            InputProblem::OverHundred => "confidence is a percentage from 0 to 100".into(),
            InputProblem::OffScale => format!("not on the fibonacci scale {}", allowed(scale)),
        }
    }
}

/// The rule a value for a scoring field breaks, if any.
pub fn input_problem(field: NumberField, value: f64, scale: Scale) -> Option<InputProblem> {
    if !value.is_finite() {
        Some(InputProblem::NotANumber)
    } else if value < 0.0 {
        Some(InputProblem::Negative)
    } else if DIVISORS.contains(&field) && value == 0.0 {
        Some(InputProblem::Zero)
    } else if field == NumberField::Confidence && value > 100.0 {
        Some(InputProblem::OverHundred)
    } else if scale == Scale::Fibonacci && SCALED_FIELDS.contains(&field) && !in_scale(value, scale)
    {
        Some(InputProblem::OffScale)
    } else {
        None
    }
}

/// Checks a value for a scoring field; the error says what is allowed.
pub fn check_input(field: NumberField, value: f64, scale: Scale) -> Result<(), String> {
    let Some(problem) = input_problem(field, value, scale) else {
        return Ok(());
    };
    let shown = number::display(value);
    Err(match problem {
        InputProblem::NotANumber => format!("{field} must be a number"),
        InputProblem::Negative => format!("{field} cannot be negative ({shown})"),
        InputProblem::Zero => format!("{field} must be more than 0: scores divide by it"),
        InputProblem::OverHundred => {
            format!("confidence is a percentage from 0 to 100, not {shown}")
        }
        InputProblem::OffScale => format!(
            "{field} {shown} is not on the fibonacci scale; use one of {}",
            allowed(scale)
        ),
    })
}

/// A RICE confidence that looks like a fraction (`0.8` for 80%): above 0
/// and at most 1. It is read as a percentage, so such a confidence makes a
/// score 100 times too small; what `ops` warns of and `check` reports.
pub fn confidence_as_fraction(value: f64) -> Option<String> {
    (value > 0.0 && value <= 1.0).then(|| {
        format!(
            "confidence {} is read as {} %; did you mean {}%?",
            number::display(value),
            number::display(value),
            number::display(value * 100.0)
        )
    })
}

/// Whether a WSJF input is on the scale.
pub fn in_scale(value: f64, scale: Scale) -> bool {
    match scale {
        Scale::Free => value.is_finite() && value >= 0.0,
        Scale::Fibonacci => Scale::FIBONACCI.contains(&value),
    }
}

/// The values a scale allows, for messages.
pub fn allowed(scale: Scale) -> String {
    match scale {
        Scale::Free => "any number of 0 or more".into(),
        Scale::Fibonacci => Scale::FIBONACCI
            .iter()
            .map(|v| number::display(*v))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberField::{Confidence, Cost, Impact, Reach, Size, Value};

    #[test]
    fn a_fraction_of_1_is_not_read_as_a_percentage() {
        assert_eq!(
            confidence_as_fraction(0.8).as_deref(),
            Some("confidence 0.8 is read as 0.8 %; did you mean 80%?")
        );
        assert!(confidence_as_fraction(1.0).is_some());
        for value in [0.0, 1.5, 80.0, -0.5] {
            assert_eq!(confidence_as_fraction(value), None, "{value}");
        }
    }

    #[test]
    fn fibonacci_allows_only_its_values_for_wsjf_inputs() {
        assert!(check_input(Size, 8.0, Scale::Fibonacci).is_ok());
        let e = check_input(Size, 4.0, Scale::Fibonacci).unwrap_err();
        assert_eq!(
            e,
            "size 4 is not on the fibonacci scale; use one of 1, 2, 3, 5, 8, 13, 20"
        );
        assert!(check_input(Reach, 4000.0, Scale::Fibonacci).is_ok());
        assert!(check_input(Size, 4.0, Scale::Free).is_ok());
    }

    #[test]
    fn negatives_zero_divisors_and_over_100_percent_are_refused() {
        assert!(
            check_input(Value, -1.0, Scale::Free)
                .unwrap_err()
                .contains("negative")
        );
        assert!(
            check_input(Cost, 0.0, Scale::Free)
                .unwrap_err()
                .contains("more than 0")
        );
        assert!(check_input(Value, 0.0, Scale::Free).is_ok());
        assert!(check_input(Confidence, 101.0, Scale::Free).is_err());
        assert!(check_input(Impact, f64::NAN, Scale::Free).is_err());
    }
}
