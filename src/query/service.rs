//! The service as its team and its assessors read it: the phase and
//! standard, each point's last outcome, the assessments planned and held,
//! and what became of each recommendation (the items that address it, and
//! whether any is done).

use serde::Serialize;

use crate::error::Result;
use crate::model::{
    Assessment, AssessmentStatus, Date, Item, Phase, PointResult, Product, Standard, Status,
    standard_name,
};

/// Where the service stands.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    pub phase: Phase,
    pub standard: Standard,
    /// The standard's name as people write it.
    pub standard_name: &'static str,
    /// Each point, with the last outcome a held assessment recorded for it.
    pub points: Vec<PointStanding>,
    /// The latest held assessment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<AssessmentLine>,
    /// The next planned assessment (the earliest not yet held).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<AssessmentLine>,
}

/// One point of the standard and its last outcome.
#[derive(Debug, Clone, Serialize)]
pub struct PointStanding {
    pub number: u32,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The last held assessment that assessed it, and what it found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<LastOutcome>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LastOutcome {
    pub assessment: String,
    pub result: PointResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An assessment in a line.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentLine {
    pub id: String,
    pub phase: Phase,
    pub date: Date,
    pub status: AssessmentStatus,
    /// Days from today to its date (negative once past).
    pub days_away: i64,
    /// Points met and not met, of those recorded.
    pub met: usize,
    pub not_met: usize,
    /// How many recommendations the panel made.
    pub recommendation_count: usize,
    /// `met` when every point assessed was met, `not met` when any was not;
    /// none while nothing is recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<PointResult>,
}

impl AssessmentLine {
    pub fn of(a: &Assessment, today: Date) -> Self {
        let count = |r: PointResult| a.points.iter().filter(|p| p.result == Some(r)).count();
        let (met, not_met) = (count(PointResult::Met), count(PointResult::NotMet));
        AssessmentLine {
            id: a.id.clone(),
            phase: a.phase,
            date: a.date,
            status: a.status,
            days_away: (a.date.0 - today.0).num_days(),
            met,
            not_met,
            recommendation_count: a.recommendations.len(),
            outcome: match (met, not_met) {
                (0, 0) => None,
                (_, 0) => Some(PointResult::Met),
                _ => Some(PointResult::NotMet),
            },
        }
    }
}

/// An item working on a recommendation.
#[derive(Debug, Clone, Serialize)]
pub struct WorkItem {
    pub id: String,
    pub title: String,
    pub status: Status,
}

/// What became of a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// An item that addresses it is done.
    Addressed,
    /// Items address it, and none is done yet.
    InProgress,
    /// No item addresses it (or only dropped ones).
    NoItem,
}

impl Progress {
    pub fn words(self) -> &'static str {
        match self {
            Progress::Addressed => "addressed",
            Progress::InProgress => "in progress",
            Progress::NoItem => "no item",
        }
    }
}

/// A recommendation and the items that address it.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationStatus {
    /// `A1.R3`.
    pub reference: String,
    pub point: u32,
    pub text: String,
    pub progress: Progress,
    pub items: Vec<WorkItem>,
}

impl RecommendationStatus {
    pub fn addressed(&self) -> bool {
        self.progress == Progress::Addressed
    }
}

/// Every recommendation of `a`, with its items, in file order.
pub fn recommendations(product: &Product, a: &Assessment) -> Vec<RecommendationStatus> {
    a.recommendations
        .iter()
        .map(|r| {
            let reference = a.recommendation_ref(r);
            let items: Vec<&Item> = product
                .items
                .iter()
                .filter(|i| i.recommendation.as_deref() == Some(reference.as_str()))
                .collect();
            let progress = if items.iter().any(|i| i.status == Status::Done) {
                Progress::Addressed
            } else if items.iter().any(|i| i.is_open()) {
                Progress::InProgress
            } else {
                Progress::NoItem
            };
            RecommendationStatus {
                reference,
                point: r.point,
                text: r.text.clone(),
                progress,
                items: items
                    .iter()
                    .map(|i| WorkItem {
                        id: i.id.clone(),
                        title: i.title.clone(),
                        status: i.status,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The latest held assessment, by date (the later in the file on one day).
pub fn last_held(product: &Product) -> Option<&Assessment> {
    held_before(product, None)
}

/// The latest held assessment before `other` (by date), or the latest of
/// all; `other` itself is never it.
pub fn held_before<'a>(product: &'a Product, other: Option<&Assessment>) -> Option<&'a Assessment> {
    product
        .assessments
        .iter()
        .enumerate()
        .filter(|(_, a)| other.map_or(a.is_held(), |o| a.is_held_before(o)))
        .max_by_key(|(i, a)| (a.date, *i))
        .map(|(_, a)| a)
}

/// The next planned assessment: the earliest one not yet held.
pub fn next_planned(product: &Product) -> Option<&Assessment> {
    product
        .assessments
        .iter()
        .filter(|a| !a.is_held())
        .min_by_key(|a| a.date)
}

/// The service's standing; `None` when the product is not a service.
pub fn service(product: &Product, today: Date) -> Option<ServiceView> {
    let service = product.service.as_ref()?;
    let held: Vec<&Assessment> = {
        let mut held: Vec<(usize, &Assessment)> = product
            .assessments
            .iter()
            .enumerate()
            .filter(|(_, a)| a.is_held())
            .collect();
        held.sort_by_key(|(i, a)| (a.date, *i));
        held.into_iter().map(|(_, a)| a).collect()
    };
    let points = product
        .standard_points()
        .into_iter()
        .map(|p| {
            let last = held.iter().rev().find_map(|a| {
                let o = a.outcome(p.number)?;
                Some(LastOutcome {
                    assessment: a.id.clone(),
                    result: o.result?,
                    note: o.note.clone(),
                })
            });
            PointStanding {
                number: p.number,
                title: p.title,
                summary: p.summary,
                last,
            }
        })
        .collect();
    Some(ServiceView {
        phase: service.phase,
        standard: service.standard,
        standard_name: standard_name(service.standard),
        points,
        last: last_held(product).map(|a| AssessmentLine::of(a, today)),
        next: next_planned(product).map(|a| AssessmentLine::of(a, today)),
    })
}

/// Every assessment in a line, in date order.
pub fn list(product: &Product, today: Date) -> Vec<AssessmentLine> {
    let mut lines: Vec<AssessmentLine> = product
        .assessments
        .iter()
        .map(|a| AssessmentLine::of(a, today))
        .collect();
    lines.sort_by_key(|l| l.date);
    lines
}

/// One assessment in full.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentDetail {
    #[serde(flatten)]
    pub line: AssessmentLine,
    pub panel: Vec<String>,
    /// Every point of the standard, with what the panel found (if anything).
    pub points: Vec<PointFound>,
    pub recommendations: Vec<RecommendationStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PointFound {
    pub number: u32,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<PointResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The assessment `id` in full.
pub fn detail(product: &Product, id: &str, today: Date) -> Result<AssessmentDetail> {
    let a = product.find_assessment(id)?;
    let points = product
        .standard_points()
        .into_iter()
        .map(|p| {
            let found = a.outcome(p.number);
            PointFound {
                number: p.number,
                title: p.title,
                result: found.and_then(|o| o.result),
                note: found.and_then(|o| o.note.clone()),
            }
        })
        .collect();
    Ok(AssessmentDetail {
        line: AssessmentLine::of(a, today),
        panel: a.panel.clone(),
        points,
        recommendations: recommendations(product, a),
    })
}
