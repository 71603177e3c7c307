//! Stakeholders on the power/interest grid: who to manage closely, keep
//! satisfied, keep informed, or monitor.

use serde::Serialize;

use crate::model::{Product, Quadrant, Stakeholder};

/// The stakeholders by quadrant, each in file order.
#[derive(Debug, Clone, Serialize)]
pub struct StakeholderGrid {
    pub manage_closely: Vec<Stakeholder>,
    pub keep_satisfied: Vec<Stakeholder>,
    pub keep_informed: Vec<Stakeholder>,
    pub monitor: Vec<Stakeholder>,
}

impl StakeholderGrid {
    /// The quadrants with their stakeholders, in the order to act on them.
    pub fn quadrants(&self) -> [(Quadrant, &[Stakeholder]); 4] {
        [
            (Quadrant::ManageClosely, &self.manage_closely),
            (Quadrant::KeepSatisfied, &self.keep_satisfied),
            (Quadrant::KeepInformed, &self.keep_informed),
            (Quadrant::Monitor, &self.monitor),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.quadrants().iter().all(|(_, s)| s.is_empty())
    }
}

/// The product's stakeholders on the grid.
pub fn grid(product: &Product) -> StakeholderGrid {
    let on = |q: Quadrant| {
        product
            .stakeholders
            .iter()
            .filter(|s| s.quadrant() == q)
            .cloned()
            .collect()
    };
    StakeholderGrid {
        manage_closely: on(Quadrant::ManageClosely),
        keep_satisfied: on(Quadrant::KeepSatisfied),
        keep_informed: on(Quadrant::KeepInformed),
        monitor: on(Quadrant::Monitor),
    }
}
