//! What a formula may read: an item's numeric fields, and what its linked
//! user needs say (`evidence`, the people their evidence stands for, and
//! `needs`, how many there are), which the item does not hold itself.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::model::{Item, NumberField, Product};

/// A name a formula reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variable {
    /// One of the item's own numbers.
    Field(NumberField),
    /// The people the evidence of the item's needs stands for, in all
    /// (needs found invalid left out).
    Evidence,
    /// How many needs the item answers (needs found invalid left out).
    Needs,
}

impl Variable {
    /// Every variable, in the order messages list them.
    pub fn all() -> impl Iterator<Item = Variable> {
        NumberField::ALL
            .into_iter()
            .map(Variable::Field)
            .chain([Variable::Evidence, Variable::Needs])
    }

    pub fn name(self) -> &'static str {
        match self {
            Variable::Field(f) => f.name(),
            Variable::Evidence => "evidence",
            Variable::Needs => "needs",
        }
    }

    pub fn named(name: &str) -> Option<Variable> {
        Variable::all().find(|v| v.name() == name)
    }

    /// The item's own field, if the variable is one.
    pub fn field(self) -> Option<NumberField> {
        match self {
            Variable::Field(f) => Some(f),
            _ => None,
        }
    }
}

impl fmt::Display for Variable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Variable {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The product's needs as scores read them: each need that counts (not
/// invalid), by id, with the people its evidence stands for. Built once
/// per product, so scoring a large backlog looks each link up once.
#[derive(Debug, Clone, Default)]
pub struct NeedEvidence<'a> {
    people: HashMap<&'a str, u64>,
}

impl<'a> NeedEvidence<'a> {
    pub fn of(product: &'a Product) -> Self {
        NeedEvidence {
            people: product
                .needs
                .iter()
                .filter(|n| n.status.counts())
                .map(|n| (n.id.as_str(), n.people()))
                .collect(),
        }
    }

    /// No needs at all: every item's `evidence` and `needs` are 0.
    pub fn none() -> Self {
        NeedEvidence::default()
    }

    /// `evidence` and `needs` for an item: its links to needs that count
    /// (a link named twice counts once; a dangling one, not at all).
    pub fn of_item(&self, item: &Item) -> (f64, f64) {
        let mut people = 0u64;
        let mut needs = 0u64;
        for (i, id) in item.needs.iter().enumerate() {
            if item.needs[..i].contains(id) {
                continue;
            }
            if let Some(p) = self.people.get(id.as_str()) {
                people = people.saturating_add(*p);
                needs += 1;
            }
        }
        // People counts are whole numbers far below 2^53: exact as f64.
        (people as f64, needs as f64)
    }

    /// A variable's value for an item, if it has one.
    pub fn value(&self, item: &Item, variable: Variable) -> Option<f64> {
        match variable {
            Variable::Field(f) => item.number(f),
            Variable::Evidence => Some(self.of_item(item).0),
            Variable::Needs => Some(self.of_item(item).1),
        }
    }
}
