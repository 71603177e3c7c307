//! Objectives and key results as a report: each objective graded as of a
//! day, with its colour and pace, each key result with its progress, and
//! (for one objective) the backlog items that work towards it.

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::goals::{self, Band, GoalError, ObjectiveGrade, Progress};
use crate::model::{Commitment, Date, KeyResult, Objective, Product, Reading, Status};

/// An objective, graded as of a day.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveReport {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub commitment: Commitment,
    /// The grade it is expected to reach: 1.0 committed, 0.7 aspirational.
    pub expectation: f64,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// The weighted mean of its key results' grades; none without a key result to grade.
    pub grade: Option<f64>,
    pub colour: Option<Band>,
    /// The share of its period that has passed; none without both dates.
    pub expected_progress: Option<f64>,
    /// Where the grade should be by now: expectation × expected progress.
    pub expected_grade: Option<f64>,
    pub status: Option<goals::Status>,
    /// The portfolio objectives it contributes to (`PO1`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contributes_to: Vec<String>,
    pub key_results: Vec<KeyResultReport>,
}

/// A key result with its progress.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultReport {
    pub id: String,
    /// How items and check-ins name it: `O1.KR1`.
    pub reference: String,
    pub title: String,
    pub unit: Option<String>,
    pub start: f64,
    pub target: f64,
    pub current: Option<f64>,
    pub weight: f64,
    /// (current − start) / (target − start), unclamped.
    pub progress: Option<f64>,
    /// The progress clamped to [0, 1].
    pub grade: Option<f64>,
    /// The grade's colour band.
    pub colour: Option<Band>,
    /// Why it cannot be graded, when it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The same, as a value.
    #[serde(skip)]
    pub grading_error: Option<GoalError>,
    /// Its check-ins, in date order.
    pub history: Vec<Reading>,
    /// The backlog items linked to it (in the report of one objective only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<LinkedItem>>,
}

/// A backlog item that works towards a key result.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedItem {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// Its place among open items; none when done or dropped.
    pub position: Option<usize>,
}

impl ObjectiveReport {
    /// The objective graded as of `today` (its key results without their items).
    pub fn of(objective: &Objective, today: Date) -> Self {
        let graded: ObjectiveGrade = goals::grade_objective(objective, today);
        let key_results = objective
            .key_results
            .iter()
            .zip(&graded.key_results)
            .map(|(kr, g)| KeyResultReport::of(objective, kr, g.progress))
            .collect();
        ObjectiveReport {
            id: objective.id.clone(),
            title: objective.title.clone(),
            description: objective.description.clone(),
            commitment: objective.commitment.unwrap_or(Commitment::Aspirational),
            expectation: graded.expectation,
            start: objective.start,
            end: objective.end,
            grade: graded.grade,
            colour: graded.band,
            expected_progress: graded.pace.map(|p| p.expected_progress),
            expected_grade: graded.pace.map(|p| p.expected_grade),
            status: graded.pace.map(|p| p.status),
            contributes_to: objective.contributes_to.clone(),
            key_results,
        }
    }
}

impl KeyResultReport {
    fn of(objective: &Objective, kr: &KeyResult, progress: Result<Progress, GoalError>) -> Self {
        // A hand-kept history may be out of order; it is shown in date order.
        let mut history = kr.history.clone();
        history.sort_by_key(|r| r.date);
        KeyResultReport {
            id: kr.id.clone(),
            reference: objective.kr_ref(kr),
            title: kr.title.clone(),
            unit: kr.unit.clone(),
            start: kr.start,
            target: kr.target,
            current: kr.current.or_else(|| history.last().map(|r| r.value)),
            weight: kr.weight.unwrap_or(1.0),
            progress: progress.ok().map(|p| p.raw),
            grade: progress.ok().map(|p| p.grade),
            colour: progress.ok().map(|p| Band::of(p.grade)),
            error: progress.err().map(|e| e.to_string()),
            grading_error: progress.err(),
            history,
            items: None,
        }
    }
}

/// Every objective of the product, graded as of `today`.
pub fn objectives(product: &Product, today: Date) -> Vec<ObjectiveReport> {
    product
        .objectives
        .iter()
        .map(|o| ObjectiveReport::of(o, today))
        .collect()
}

/// One objective, graded as of `today`, with the backlog items linked to
/// each of its key results (in backlog order, each once).
pub fn objective(product: &Product, id: &str, today: Date) -> Result<ObjectiveReport> {
    let objective = product.find_objective(id)?;
    let mut report = ObjectiveReport::of(objective, today);
    // One pass over the backlog, however many items and key results there are.
    let mut linked: HashMap<&str, Vec<LinkedItem>> = HashMap::new();
    let mut position = 0;
    for item in &product.items {
        if item.is_open() {
            position += 1;
        }
        let mut seen: Vec<&str> = Vec::new();
        for reference in &item.key_results {
            // A link written twice by hand lists the item once.
            if seen.contains(&reference.as_str()) {
                continue;
            }
            seen.push(reference);
            linked.entry(reference).or_default().push(LinkedItem {
                id: item.id.clone(),
                title: item.title.clone(),
                status: item.status,
                position: item.is_open().then_some(position),
            });
        }
    }
    for kr in &mut report.key_results {
        kr.items = Some(linked.remove(kr.reference.as_str()).unwrap_or_default());
    }
    Ok(report)
}
