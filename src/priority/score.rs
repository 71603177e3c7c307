//! One item's score under one method, with the working that explains it, or
//! the reason it has none.

use std::cmp::Ordering;

use serde::Serialize;

use crate::model::{Item, Moscow, NumberField, number};

use super::formula::Unevaluable;
use super::method::Method;
use super::variable::{NeedEvidence, Variable};

/// A score: the value, and for ratios the two terms it divides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub value: f64,
    /// What is divided: the cost of delay (WSJF), the value (value/cost), or
    /// reach × impact × confidence% (RICE).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    /// What it is divided by: size, cost or effort.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// The same ratio in whole numbers, when every input is a whole number,
    /// so that equal scores compare equal.
    #[serde(skip)]
    pub(crate) exact: Option<(i128, i128)>,
}

impl Score {
    /// Compares two scores exactly when both are whole-number ratios whose
    /// cross products fit; by value otherwise.
    pub fn cmp_exact(&self, other: &Score) -> Ordering {
        if let (Some((a, b)), Some((c, d))) = (self.exact, other.exact)
            && let (Some(left), Some(right)) = (a.checked_mul(d), c.checked_mul(b))
        {
            return left.cmp(&right);
        }
        self.value.total_cmp(&other.value)
    }
}

/// One input of a score, as read from the item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Input {
    pub field: Variable,
    #[serde(serialize_with = "number::compact")]
    pub value: f64,
}

/// How a score came about: its inputs, the cost of delay for WSJF, and the
/// sum written out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub inputs: Vec<Input>,
    /// WSJF's numerator: value + time criticality + risk reduction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_of_delay: Option<f64>,
    /// The calculation, e.g. `(8 + 5 + 3) / 5 = 3.2`.
    pub working: String,
}

/// Why an item has no score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unscored {
    /// For people: `missing size`, `size is 0`, `value is negative (-3)`.
    pub reason: String,
    /// The inputs the item lacks, if that is the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

impl Unscored {
    fn because(reason: impl Into<String>) -> Self {
        Unscored {
            reason: reason.into(),
            missing: Vec::new(),
        }
    }

    fn missing(fields: Vec<String>) -> Self {
        Unscored {
            reason: format!("missing {}", fields.join(", ")),
            missing: fields,
        }
    }
}

/// An item's score under a method, with its explanation, or why it has
/// none. `needs` is what the product's user needs say, for formulas that
/// read `evidence` or `needs` ([`NeedEvidence::of`] the product).
pub fn score(
    item: &Item,
    method: &Method,
    needs: &NeedEvidence,
) -> Result<(Score, Explanation), Unscored> {
    match method {
        Method::Wsjf => ratio(
            item,
            &[
                NumberField::Value,
                NumberField::TimeCriticality,
                NumberField::RiskReduction,
            ],
            NumberField::Size,
            |n| n.iter().sum(),
        ),
        Method::ValueCost => ratio(item, &[NumberField::Value], NumberField::Cost, |n| n[0]),
        Method::Rice => {
            let confidence = item.confidence.unwrap_or(0.0);
            if confidence > 100.0 {
                return Err(Unscored::because(format!(
                    "confidence is over 100% ({})",
                    number::display(confidence)
                )));
            }
            ratio(
                item,
                &[
                    NumberField::Reach,
                    NumberField::Impact,
                    NumberField::Confidence,
                ],
                NumberField::Effort,
                |n| n[0] * n[1] * n[2] / 100.0,
            )
        }
        Method::Moscow => moscow(item),
        Method::Formula(f) => match f.evaluate(item, needs) {
            Ok(value) => {
                let inputs = f
                    .fields
                    .iter()
                    .filter_map(|&field| {
                        Some(Input {
                            field,
                            value: needs.value(item, field)?,
                        })
                    })
                    .collect::<Vec<_>>();
                let with: Vec<String> = inputs
                    .iter()
                    .map(|i| format!("{} = {}", i.field, number::display(i.value)))
                    .collect();
                let working = if with.is_empty() {
                    format!("{} = {}", f.text, display_score(value))
                } else {
                    format!(
                        "{} with {} = {}",
                        f.text,
                        with.join(", "),
                        display_score(value)
                    )
                };
                Ok((
                    Score {
                        value,
                        numerator: None,
                        denominator: None,
                        exact: None,
                    },
                    Explanation {
                        inputs,
                        cost_of_delay: None,
                        working,
                    },
                ))
            }
            Err(Unevaluable::Missing(fields)) => Err(Unscored::missing(fields)),
            Err(Unevaluable::Error(message)) => Err(Unscored::because(message)),
            Err(Unevaluable::NotFinite) => Err(Unscored::because(format!(
                "`{}` gives no finite number",
                f.text
            ))),
        },
    }
}

/// A ratio method: reads the numerator fields and the denominator, refuses
/// missing, negative and zero inputs, and combines the numerator fields.
fn ratio(
    item: &Item,
    top: &[NumberField],
    bottom: NumberField,
    combine: fn(&[f64]) -> f64,
) -> Result<(Score, Explanation), Unscored> {
    let fields: Vec<NumberField> = top.iter().copied().chain([bottom]).collect();
    let missing: Vec<String> = fields
        .iter()
        .filter(|f| item.number(**f).is_none())
        .map(|f| f.name().to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(Unscored::missing(missing));
    }
    let inputs: Vec<Input> = fields
        .iter()
        .map(|&field| Input {
            field: Variable::Field(field),
            value: item.number(field).unwrap_or(0.0),
        })
        .collect();
    if let Some(bad) = inputs.iter().find(|i| !i.value.is_finite()) {
        return Err(Unscored::because(format!("{} is not a number", bad.field)));
    }
    if let Some(negative) = inputs.iter().find(|i| i.value < 0.0) {
        return Err(Unscored::because(format!(
            "{} is negative ({})",
            negative.field,
            number::display(negative.value)
        )));
    }
    let (numbers, divisor) = inputs.split_at(top.len());
    let divisor = divisor[0].value;
    if divisor == 0.0 {
        return Err(Unscored::because(format!("{bottom} is 0")));
    }
    let values: Vec<f64> = numbers.iter().map(|i| i.value).collect();
    let numerator = combine(&values);
    let value = numerator / divisor;
    let exact = exact_ratio(&values, divisor, bottom == NumberField::Effort);
    let shown: Vec<String> = values.iter().map(|v| number::display(*v)).collect();
    let working = match bottom {
        NumberField::Size => format!(
            "({}) / {} = {}",
            shown.join(" + "),
            number::display(divisor),
            display_score(value)
        ),
        NumberField::Effort => format!(
            "{} × {} × {}% / {} = {}",
            shown[0],
            shown[1],
            shown[2],
            number::display(divisor),
            display_score(value)
        ),
        _ => format!(
            "{} / {} = {}",
            shown[0],
            number::display(divisor),
            display_score(value)
        ),
    };
    Ok((
        Score {
            value,
            numerator: Some(numerator),
            denominator: Some(divisor),
            exact,
        },
        Explanation {
            inputs,
            cost_of_delay: (bottom == NumberField::Size).then_some(numerator),
            working,
        },
    ))
}

/// The ratio in integers when every input is whole: a sum over the divisor
/// (WSJF, and value/cost as a sum of one), or a product over 100 × effort (RICE).
fn exact_ratio(numbers: &[f64], divisor: f64, product: bool) -> Option<(i128, i128)> {
    let whole = |v: f64| number::as_integer(v).map(i128::from);
    let divisor = whole(divisor)?;
    let mut top: i128 = if product { 1 } else { 0 };
    for v in numbers {
        let v = whole(*v)?;
        top = if product {
            top.checked_mul(v)?
        } else {
            top.checked_add(v)?
        };
    }
    if product {
        return Some((top, divisor.checked_mul(100)?));
    }
    Some((top, divisor))
}

fn moscow(item: &Item) -> Result<(Score, Explanation), Unscored> {
    let Some(m) = item.moscow else {
        return Err(Unscored::missing(vec!["moscow".into()]));
    };
    let rank = match m {
        Moscow::Must => 4,
        Moscow::Should => 3,
        Moscow::Could => 2,
        Moscow::Wont => 1,
    };
    Ok((
        Score {
            value: f64::from(rank),
            numerator: None,
            denominator: None,
            exact: Some((i128::from(rank), 1)),
        },
        Explanation {
            inputs: Vec::new(),
            cost_of_delay: None,
            working: m.to_string(),
        },
    ))
}

/// A score for people: two decimals from 1 up, three significant digits below.
pub fn display_score(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return number::display(value);
    }
    let text = if value.abs() >= 1.0 {
        format!("{value:.2}")
    } else {
        let digits = (2 - value.abs().log10().floor() as i32).clamp(0, 12) as usize;
        format!("{value:.digits$}")
    };
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score_of(item: &Item, method: &Method) -> Result<(Score, Explanation), Unscored> {
        score(item, method, &NeedEvidence::none())
    }
    use crate::model::{Date, Kind};

    pub(crate) fn item(fields: &[(&str, f64)]) -> Item {
        let field = |name: &str| NumberField::named(name).expect("a numeric field");
        let mut item = Item::new(
            "RX-1".into(),
            "t".into(),
            Kind::Feature,
            Date::from_ymd(2026, 11, 1).unwrap(),
        );
        for (k, v) in fields {
            *item.number_mut(field(k)) = Some(*v);
        }
        item
    }

    #[test]
    fn wsjf_cost_of_delay_is_the_sum_of_three() {
        // Jason Yip's worked example: cost of delay 1 + 3 + 5 = 9.
        let i = item(&[
            ("value", 1.0),
            ("time_criticality", 3.0),
            ("risk_reduction", 5.0),
            ("size", 3.0),
        ]);
        let (s, e) = score_of(&i, &Method::Wsjf).unwrap();
        assert_eq!(e.cost_of_delay, Some(9.0));
        assert_eq!(s.value, 3.0);
        assert_eq!(s.exact, Some((9, 3)));
        assert_eq!(e.working, "(1 + 3 + 5) / 3 = 3");
    }

    #[test]
    fn rice_matches_intercoms_worked_examples() {
        // Intercom's RICE post: 675, 400 and 800.
        for (reach, impact, confidence, effort, expected) in [
            (450.0, 3.0, 100.0, 2.0, 675.0),
            (2000.0, 1.0, 80.0, 4.0, 400.0),
            (800.0, 2.0, 50.0, 1.0, 800.0),
        ] {
            let i = item(&[
                ("reach", reach),
                ("impact", impact),
                ("confidence", confidence),
                ("effort", effort),
            ]);
            let (s, _) = score_of(&i, &Method::Rice).unwrap();
            assert_eq!(s.value, expected);
        }
    }

    #[test]
    fn missing_zero_and_negative_inputs_leave_it_unscored() {
        let e = score_of(&item(&[("value", 3.0)]), &Method::Wsjf).unwrap_err();
        assert_eq!(e.reason, "missing time_criticality, risk_reduction, size");
        assert_eq!(e.missing.len(), 3);
        let zero_size = item(&[
            ("value", 3.0),
            ("time_criticality", 1.0),
            ("risk_reduction", 1.0),
            ("size", 0.0),
        ]);
        assert_eq!(
            score_of(&zero_size, &Method::Wsjf).unwrap_err().reason,
            "size is 0"
        );
        let e = score_of(&item(&[("value", 3.0), ("cost", 0.0)]), &Method::ValueCost).unwrap_err();
        assert_eq!(e.reason, "cost is 0");
        let e = score_of(&item(&[("value", -3.0), ("cost", 2.0)]), &Method::ValueCost).unwrap_err();
        assert_eq!(e.reason, "value is negative (-3)");
        let e = score_of(
            &item(&[
                ("reach", 1.0),
                ("impact", 1.0),
                ("confidence", 120.0),
                ("effort", 1.0),
            ]),
            &Method::Rice,
        )
        .unwrap_err();
        assert_eq!(e.reason, "confidence is over 100% (120)");
    }

    #[test]
    fn huge_inputs_do_not_overflow() {
        let big = 9_007_199_254_740_992.0; // 2^53, the largest exact whole f64
        let i = item(&[
            ("reach", big),
            ("impact", big),
            ("confidence", 100.0),
            ("effort", 1.0),
        ]);
        let (s, _) = score_of(&i, &Method::Rice).unwrap();
        assert!(s.value > 8e31);
        let j = item(&[
            ("reach", big),
            ("impact", big),
            ("confidence", 100.0),
            ("effort", 3.0),
        ]);
        let (t, _) = score_of(&j, &Method::Rice).unwrap();
        // The cross products overflow i128: compared by value instead, never by wrapping.
        assert_eq!(s.cmp_exact(&t), Ordering::Greater);
    }

    #[test]
    fn exact_ties_are_ties() {
        // 0.1 + 0.2 style noise cannot split equal whole-number ratios: 10/30 vs 1/3.
        let a = item(&[
            ("value", 4.0),
            ("time_criticality", 3.0),
            ("risk_reduction", 3.0),
            ("size", 30.0),
        ]);
        let b = item(&[
            ("value", 1.0),
            ("time_criticality", 0.0),
            ("risk_reduction", 0.0),
            ("size", 3.0),
        ]);
        let (sa, _) = score_of(&a, &Method::Wsjf).unwrap();
        let (sb, _) = score_of(&b, &Method::Wsjf).unwrap();
        assert_eq!(sa.cmp_exact(&sb), Ordering::Equal);
    }

    #[test]
    fn scores_display_without_noise() {
        assert_eq!(display_score(3.2), "3.2");
        assert_eq!(display_score(8.333333), "8.33");
        assert_eq!(display_score(675.0), "675");
        assert_eq!(display_score(0.000666666), "0.000667");
        assert_eq!(display_score(0.5), "0.5");
    }
}
