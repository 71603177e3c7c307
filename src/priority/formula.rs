//! Custom scoring formulas from `[scoring.formulas]`, such as
//! `roi = "value * confidence / 100 / cost"`, over the numeric item fields
//! and what the item's user needs say (`evidence`, `needs`).
//!
//! Parsing and evaluation are `nanoexpr`'s: plain `f64` arithmetic (so
//! `1 / 2` is 0.5), the usual functions (`min`, `max`, `sqrt`, `ln`, ...),
//! and errors that carry the span of the text at fault, which is what lets a
//! typo be reported at its column in the file.

use std::fmt;

use nanoexpr::{Context, ErrorKind, Instruction, Math};

use crate::model::Item;

use super::variable::{NeedEvidence, Variable};

/// Names a formula cannot take: the built-in methods.
pub const RESERVED: &[&str] = &["wsjf", "value-cost", "value_cost", "rice", "moscow"];

/// A formula that parsed and names only known fields and functions.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub name: String,
    pub text: String,
    /// The item fields and variables it reads, in order of first use.
    pub fields: Vec<Variable>,
}

/// Why a formula cannot be used, and where in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaError {
    /// Byte offset in the formula's text.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Formula {
    /// Parses and checks a formula: its syntax, and that every name is an
    /// item field, a constant or a function.
    pub fn parse(name: &str, text: &str) -> Result<Formula, FormulaError> {
        if !is_formula_name(name) {
            return Err(FormulaError {
                offset: 0,
                message: format!(
                    "`{name}` cannot name a formula; use letters, digits, `_` or `-`, starting with a letter, and not a built-in method ({})",
                    RESERVED.join(", ")
                ),
            });
        }
        if text.trim().is_empty() {
            return Err(FormulaError {
                offset: 0,
                message: "the formula is empty".into(),
            });
        }
        // Syntax first, over the whole text: compiling reads every branch,
        // where evaluating skips the ones a condition does not take.
        let mut code = vec![Instruction::<f64>::default(); text.len() + 2];
        if let Err(e) = nanoexpr::compile::<f64, 64>(text, &mut code) {
            return Err(FormulaError {
                offset: e.span.start,
                message: syntax_message(text, e),
            });
        }
        let mut fields: Vec<Variable> = Vec::new();
        for name in names(text) {
            let word = &text[name.start..name.end];
            let field = (!name.call).then(|| Variable::named(word)).flatten();
            let known = if name.call {
                <Math as Context<f64>>::call(&Math, word, &[1.0]).is_some()
            } else {
                field.is_some() || <Math as Context<f64>>::variable(&Math, word).is_some()
            };
            if !known {
                return Err(FormulaError {
                    offset: name.start,
                    message: unknown_name(word, name.call),
                });
            }
            if let Some(field) = field.filter(|f| !fields.contains(f)) {
                fields.push(field);
            }
        }
        Ok(Formula {
            name: name.to_owned(),
            text: text.to_owned(),
            fields,
        })
    }

    /// Whether it reads what the item's needs say.
    pub fn reads_needs(&self) -> bool {
        self.fields.iter().any(|f| f.field().is_none())
    }

    /// The formula's value for an item, or why it has none.
    pub fn evaluate(&self, item: &Item, needs: &NeedEvidence) -> Result<f64, Unevaluable> {
        let context = (ItemFields { item, needs }, Math);
        match nanoexpr::evaluate_with::<f64, _>(&self.text, &context) {
            Ok(v) if v.is_finite() => Ok(v),
            Ok(_) => Err(Unevaluable::NotFinite),
            Err(e) if e.kind == ErrorKind::UnknownVariable => {
                // Checked on load, so an unresolved name is a field the item lacks.
                Err(Unevaluable::Missing(
                    self.fields
                        .iter()
                        .filter(|f| needs.value(item, **f).is_none())
                        .map(|f| f.name().to_owned())
                        .collect(),
                ))
            }
            Err(e) => Err(Unevaluable::Error(format!(
                "{} at `{}`",
                e.kind,
                self.text.get(e.span.start..e.span.end).unwrap_or("")
            ))),
        }
    }
}

/// Why a formula gives no value for an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unevaluable {
    /// Fields the formula reads that the item does not have.
    Missing(Vec<String>),
    /// A division by zero, a domain error, ...
    Error(String),
    /// An infinite or undefined result.
    NotFinite,
}

/// Resolves formula names to the item's numeric fields and its needs' evidence.
struct ItemFields<'a> {
    item: &'a Item,
    needs: &'a NeedEvidence<'a>,
}

impl Context<f64> for ItemFields<'_> {
    fn variable(&self, name: &str) -> Option<f64> {
        Variable::named(name).and_then(|v| self.needs.value(self.item, v))
    }
}

fn is_formula_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !RESERVED.contains(&name.to_ascii_lowercase().as_str())
}

fn syntax_message(text: &str, e: nanoexpr::Error) -> String {
    let at = text.get(e.span.start..e.span.end).unwrap_or("");
    match e.kind {
        ErrorKind::UnexpectedEnd => {
            "the formula ends too early; an operand or `)` is missing".into()
        }
        ErrorKind::UnclosedParenthesis => "this `(` is never closed".into(),
        _ if at.is_empty() => format!("{}", e.kind),
        _ => format!("{} `{at}`", e.kind),
    }
}

fn unknown_name(word: &str, call: bool) -> String {
    if call {
        return format!(
            "unknown function `{word}`; functions include min, max, abs, sqrt, ln, log, exp, round, floor, ceil"
        );
    }
    let names: Vec<&str> = Variable::all().map(Variable::name).collect();
    let guess = crate::model::suggest::closest(word, names.iter().copied())
        .map(|f| format!(" (did you mean `{f}`?)"))
        .unwrap_or_default();
    format!(
        "unknown field `{word}`{guess}; formulas can use {}",
        names.join(", ")
    )
}

/// A name in a formula's text and whether it is called as a function.
struct Name {
    start: usize,
    end: usize,
    call: bool,
}

/// The names in a formula, found by reading its words the way `nanoexpr`'s
/// lexer does (numbers with their exponents are skipped, so `2e3` has no
/// name). Evaluation alone would only meet the names on the branch a
/// condition takes; a check on load must see them all.
fn names(text: &str) -> Vec<Name> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() || b == b'.' {
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            if i < bytes.len() && matches!(bytes[i], b'e' | b'E') {
                let sign = usize::from(matches!(bytes.get(i + 1), Some(b'+' | b'-')));
                if bytes.get(i + 1 + sign).is_some_and(u8::is_ascii_digit) {
                    i += 1 + sign;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let rest = text[i..].trim_start();
            out.push(Name {
                start,
                end: i,
                call: rest.starts_with('('),
            });
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Kind, NumberField};

    fn field(f: NumberField) -> Variable {
        Variable::Field(f)
    }

    fn item() -> Item {
        let mut item = Item::new(
            "RX-1".into(),
            "t".into(),
            Kind::Feature,
            Date::from_ymd(2026, 11, 1).unwrap(),
        );
        item.value = Some(8.0);
        item.confidence = Some(80.0);
        item.cost = Some(16.0);
        item
    }

    #[test]
    fn evaluates_over_item_fields_in_floating_point() {
        let f = Formula::parse("roi", "value * confidence / 100 / cost").unwrap();
        assert_eq!(
            f.fields,
            [
                field(NumberField::Value),
                field(NumberField::Confidence),
                field(NumberField::Cost)
            ]
        );
        assert_eq!(f.evaluate(&item(), &NeedEvidence::none()), Ok(0.4));
        let half = Formula::parse("half", "1 / 2 * value").unwrap();
        assert_eq!(half.evaluate(&item(), &NeedEvidence::none()), Ok(4.0));
        let f = Formula::parse("m", "max(value, 2e1) + pi * 0").unwrap();
        assert_eq!(f.fields, [field(NumberField::Value)]);
        assert_eq!(f.evaluate(&item(), &NeedEvidence::none()), Ok(20.0));
    }

    #[test]
    fn a_typo_is_reported_at_its_offset_with_a_guess() {
        let e = Formula::parse("roi", "value * confidnce / 100").unwrap_err();
        assert_eq!(e.offset, 8);
        assert!(e.message.contains("unknown field `confidnce`"), "{e}");
        assert!(e.message.contains("did you mean `confidence`"), "{e}");
        // A name on a branch that evaluation would skip is still checked.
        let e = Formula::parse("c", "size > 0 ? value / size : vlaue").unwrap_err();
        assert_eq!(e.offset, 26);
    }

    #[test]
    fn syntax_errors_carry_their_offset() {
        let e = Formula::parse("x", "value * * size").unwrap_err();
        assert_eq!(e.offset, 8);
        let e = Formula::parse("x", "(value + size").unwrap_err();
        assert_eq!(e.offset, 0, "{e}");
        let e = Formula::parse("x", "value $ size").unwrap_err();
        assert_eq!(e.offset, 6);
        let e = Formula::parse("x", "nope(value)").unwrap_err();
        assert!(e.message.contains("unknown function `nope`"), "{e}");
        assert!(Formula::parse("x", "  ").is_err());
        assert!(Formula::parse("wsjf", "value").is_err());
    }

    #[test]
    fn missing_fields_and_division_by_zero_leave_an_item_unscored() {
        let f = Formula::parse("r", "value * reach / effort").unwrap();
        assert_eq!(
            f.evaluate(&item(), &NeedEvidence::none()),
            Err(Unevaluable::Missing(vec!["reach".into(), "effort".into()]))
        );
        let f = Formula::parse("z", "value / (cost - 16)").unwrap();
        assert!(
            matches!(f.evaluate(&item(), &NeedEvidence::none()), Err(Unevaluable::Error(m)) if m.contains("division by zero"))
        );
    }
}
