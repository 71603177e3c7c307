//! The inputs of an item's scores, set or cleared together, each checked
//! against the file's scale before any is set.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::model::{Item, Moscow, NumberField, Scale};
use crate::priority;

/// A value to set, or `Clear` to remove the one there is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Setting<T> {
    Set(T),
    Clear,
}

impl<T> Setting<T> {
    /// The value the field takes: `None` once cleared.
    pub fn value(self) -> Option<T> {
        match self {
            Setting::Set(v) => Some(v),
            Setting::Clear => None,
        }
    }
}

/// Scoring inputs to set or clear: the numeric fields, and MoSCoW.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// The numeric fields to change, checked and set in field order.
    pub numbers: BTreeMap<NumberField, Setting<f64>>,
    pub moscow: Option<Setting<Moscow>>,
}

impl Scores {
    /// Sets a numeric field to `value`.
    pub fn set(mut self, field: NumberField, value: f64) -> Self {
        self.numbers.insert(field, Setting::Set(value));
        self
    }

    /// Clears a numeric field.
    pub fn clear(mut self, field: NumberField) -> Self {
        self.numbers.insert(field, Setting::Clear);
        self
    }

    /// Sets the MoSCoW category.
    pub fn moscow(mut self, moscow: Moscow) -> Self {
        self.moscow = Some(Setting::Set(moscow));
        self
    }

    /// Whether there is nothing to change.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty() && self.moscow.is_none()
    }

    /// Refuses a value the scale does not allow: a negative one, a divisor
    /// of 0, a confidence over 100%, or a WSJF input off a Fibonacci scale.
    pub fn check(&self, scale: Scale) -> Result<()> {
        for (&field, setting) in &self.numbers {
            if let Setting::Set(v) = *setting {
                priority::check_input(field, v, scale).map_err(|message| {
                    let flag = field.name().replace('_', "-");
                    let hint = match (scale, priority::SCALED_FIELDS.contains(&field)) {
                        (Scale::Fibonacci, true) => format!(
                            "the file sets [scoring] scale = \"fibonacci\"; allowed: {}",
                            priority::allowed(scale)
                        ),
                        _ => "give a number of 0 or more (more than 0 for size, cost and effort; at most 100 for confidence)".into(),
                    };
                    Error::usage(format!("--{flag}: {message}")).with_hint(hint)
                })?;
            }
        }
        Ok(())
    }

    /// What is worth knowing about values the scale allows: a confidence
    /// that looks like a fraction (`0.8` for 80%).
    pub fn warnings(&self) -> Vec<String> {
        match self.numbers.get(&NumberField::Confidence) {
            Some(Setting::Set(c)) => priority::confidence_as_fraction(*c).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Checks every value against the scale, then sets them: nothing is set
    /// unless all are allowed.
    pub(crate) fn apply(&self, item: &mut Item, scale: Scale) -> Result<()> {
        self.check(scale)?;
        for (&field, setting) in &self.numbers {
            *item.number_mut(field) = setting.value();
        }
        if let Some(m) = self.moscow {
            item.moscow = m.value();
        }
        Ok(())
    }
}
