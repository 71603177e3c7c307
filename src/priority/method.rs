//! The prioritisation methods: the three built-in ratios, MoSCoW, and the
//! file's own formulas, chosen by name anywhere a method is asked for.

use std::fmt;

use serde::Serialize;

use crate::model::{NumberField, Scoring};

use super::formula::{Formula, FormulaError};

/// A way of putting the backlog in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// Weighted shortest job first: (value + time criticality + risk reduction) / size.
    Wsjf,
    /// value / cost.
    ValueCost,
    /// reach × impact × confidence% / effort.
    Rice,
    /// Must, should, could, won't: a grouping rather than a score.
    Moscow,
    /// A formula from `[scoring.formulas]`.
    Formula(Formula),
}

/// A method name that is neither built in nor a formula of the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no method `{name}`; methods: {}", .known.join(", "))]
pub struct UnknownMethod {
    pub name: String,
    pub known: Vec<String>,
}

/// Why a method could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MethodError {
    #[error(transparent)]
    Unknown(#[from] UnknownMethod),
    #[error("formula `{name}`: {error} (at character {})", .error.offset + 1)]
    Formula { name: String, error: FormulaError },
}

impl Method {
    /// The names of the built-in methods, as typed on the command line.
    pub const BUILT_IN: [&str; 4] = ["wsjf", "value-cost", "rice", "moscow"];

    /// The method called `name`: built in, or a formula of `scoring`.
    pub fn resolve(name: &str, scoring: &Scoring) -> Result<Method, MethodError> {
        match name.to_ascii_lowercase().as_str() {
            "wsjf" => return Ok(Method::Wsjf),
            "value-cost" | "value_cost" | "valuecost" => return Ok(Method::ValueCost),
            "rice" => return Ok(Method::Rice),
            "moscow" => return Ok(Method::Moscow),
            _ => {}
        }
        match scoring.formulas.get(name) {
            Some(text) => Formula::parse(name, text)
                .map(Method::Formula)
                .map_err(|error| MethodError::Formula {
                    name: name.to_owned(),
                    error,
                }),
            None => Err(UnknownMethod {
                name: name.to_owned(),
                known: Method::known(scoring),
            }
            .into()),
        }
    }

    /// The method the file names as its default (`[scoring] method`), else WSJF.
    pub fn default_for(scoring: &Scoring) -> Result<Method, MethodError> {
        match &scoring.method {
            Some(name) => Method::resolve(name, scoring),
            None => Ok(Method::Wsjf),
        }
    }

    /// Every method name the file allows.
    pub fn known(scoring: &Scoring) -> Vec<String> {
        Method::BUILT_IN
            .iter()
            .map(|s| (*s).to_owned())
            .chain(scoring.formulas.keys().cloned())
            .collect()
    }

    /// The name to type for this method.
    pub fn name(&self) -> &str {
        match self {
            Method::Wsjf => "wsjf",
            Method::ValueCost => "value-cost",
            Method::Rice => "rice",
            Method::Moscow => "moscow",
            Method::Formula(f) => &f.name,
        }
    }

    /// A heading for the score column.
    pub fn label(&self) -> String {
        match self {
            Method::Wsjf => "WSJF".into(),
            Method::ValueCost => "Value/cost".into(),
            Method::Rice => "RICE".into(),
            Method::Moscow => "MoSCoW".into(),
            Method::Formula(f) => f.name.clone(),
        }
    }

    /// The item fields the method reads, in the order they are shown.
    pub fn inputs(&self) -> Vec<&str> {
        match self {
            Method::Wsjf => vec!["value", "time_criticality", "risk_reduction", "size"],
            Method::ValueCost => vec!["value", "cost"],
            Method::Rice => vec!["reach", "impact", "confidence", "effort"],
            Method::Moscow => vec!["moscow", "size"],
            Method::Formula(f) => f.fields.iter().map(|f| f.name()).collect(),
        }
    }

    /// The field a ratio divides by: smaller wins a tie.
    pub fn denominator(&self) -> Option<NumberField> {
        match self {
            Method::Wsjf => Some(NumberField::Size),
            Method::ValueCost => Some(NumberField::Cost),
            Method::Rice => Some(NumberField::Effort),
            Method::Moscow | Method::Formula(_) => None,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}
