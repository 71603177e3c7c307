//! Service assessments: planning one for a phase and a day, and recording
//! what the panel found of each point and what it recommends. Both write
//! down a judgment made elsewhere, so both are the owner's to do alone
//! (the `assessment` decision kind), and both are always logged.
//!
//! ```
//! use productfile::model::{Date, Phase, PointResult, Product, Service};
//! use productfile::ops::assessment::{self, PlanAssessment, RecordOutcome};
//!
//! let today = Date::from_ymd(2026, 9, 14).unwrap();
//! let mut product = Product::new("Renew a licence".into(), "RL".into());
//! product.service = Some(Service { phase: Phase::Alpha, ..Service::default() });
//! let planned = assessment::plan(&mut product, today, &PlanAssessment::new(Phase::Alpha, today))?;
//! assert_eq!(planned.id, "A1");
//! let mut outcome = RecordOutcome::new("A1", 5);
//! outcome.result = Some(PointResult::NotMet);
//! outcome.recommendations = vec!["Test with screen reader users".into()];
//! let recorded = assessment::record(&mut product, today, &outcome)?;
//! assert_eq!(recorded.recommendations, ["A1.R1"]);
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::ids::{IdKind, number_after};
use crate::model::{
    Assessment, AssessmentStatus, Date, Phase, PointOutcome, PointResult, Product, Recommendation,
};

use super::text::{required, text};

/// The phases a service is assessed for leaving or running.
pub const ASSESSED_PHASES: [Phase; 3] = [Phase::Alpha, Phase::Beta, Phase::Live];

/// An assessment to plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanAssessment {
    pub phase: Phase,
    pub date: Date,
    /// The assessors, where known.
    pub panel: Vec<String>,
}

impl PlanAssessment {
    pub fn new(phase: Phase, date: Date) -> Self {
        PlanAssessment {
            phase,
            date,
            panel: Vec::new(),
        }
    }
}

/// Plans an assessment, with the next free id. The product must be a
/// service (`[service]`), the phase one that is assessed, and no other
/// assessment for that phase may be waiting to be held.
pub fn plan(product: &mut Product, _today: Date, opts: &PlanAssessment) -> Result<Assessment> {
    if product.service.is_none() {
        return Err(
            Error::usage("the product is not set up as a service: it has no [service]")
                .with_hint("say which phase it is in first: `product service set --phase alpha`"),
        );
    }
    if !ASSESSED_PHASES.contains(&opts.phase) {
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::InvalidValue,
            format!("a service is not assessed in {}", opts.phase),
        )
        .with_hint("plan an alpha, beta or live assessment"));
    }
    if let Some(waiting) = product
        .assessments
        .iter()
        .find(|a| a.phase == opts.phase && !a.is_held())
    {
        return Err(Error::usage(format!(
            "{} is already planned for the {} assessment, on {}",
            waiting.id, opts.phase, waiting.date
        ))
        .with_hint(format!(
            "record its outcome when it is held: `product assessment record {} --point N --met`",
            waiting.id
        )));
    }
    let panel = opts
        .panel
        .iter()
        .map(|p| required(p, "a panel member's name"))
        .collect::<Result<Vec<_>>>()?;
    let assessment = Assessment {
        id: IdKind::Assessment.next_id(product)?,
        phase: opts.phase,
        date: opts.date,
        status: AssessmentStatus::Planned,
        panel,
        points: Vec::new(),
        recommendations: Vec::new(),
    };
    product.assessments.push(assessment.clone());
    Ok(assessment)
}

/// What a panel found of one point.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordOutcome {
    pub id: String,
    pub point: u32,
    /// Met or not met; `None` keeps what is recorded.
    pub result: Option<PointResult>,
    /// The panel's note; replaces the one recorded.
    pub note: Option<String>,
    /// Recommendations to add for the point, each given the next id.
    pub recommendations: Vec<String>,
    /// The day it was held, when not the planned day.
    pub date: Option<Date>,
    /// Assessors to add to the panel.
    pub panel: Vec<String>,
}

impl RecordOutcome {
    pub fn new(id: impl Into<String>, point: u32) -> Self {
        RecordOutcome {
            id: id.into(),
            point,
            result: None,
            note: None,
            recommendations: Vec::new(),
            date: None,
            panel: Vec::new(),
        }
    }
}

/// The assessment as recorded, and the references of the recommendations added.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    pub assessment: Assessment,
    pub recommendations: Vec<String>,
}

/// Records a point's outcome, note and recommendations; the assessment is
/// then held. The point must be one of the standard's, and the day it was
/// held not after today.
pub fn record(product: &mut Product, today: Date, opts: &RecordOutcome) -> Result<Recorded> {
    let numbers = product.point_numbers();
    let found = product.find_assessment(&opts.id)?;
    if !numbers.contains(&opts.point) {
        return Err(Error::unknown(
            "point",
            &opts.point.to_string(),
            numbers.iter().map(u32::to_string),
        ));
    }
    if opts.result.is_none() && opts.note.is_none() && opts.recommendations.is_empty() {
        return Err(Error::usage(format!(
            "nothing to record for point {} of {}",
            opts.point, opts.id
        ))
        .with_hint("give --met or --not-met, --note TEXT or --recommendation TEXT"));
    }
    if found.is_held()
        && let Some(date) = opts.date.filter(|d| *d != found.date)
    {
        return Err(Error::usage(format!(
            "{} was held on {}, not {date}; a held assessment keeps its day",
            opts.id, found.date
        ))
        .with_hint("record its outcomes without --date"));
    }
    let held_on = opts.date.unwrap_or(found.date);
    if held_on > today {
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::DateInFuture,
            format!(
                "{} is planned for {held_on}, after today ({today}); a panel's outcome is recorded once it is held",
                opts.id
            ),
        )
        .with_hint("record it on the day or after, or give the day it was held with --date"));
    }
    let note = text(opts.note.as_deref());
    let new_texts = opts
        .recommendations
        .iter()
        .map(|r| required(r, "a recommendation"))
        .collect::<Result<Vec<_>>>()?;
    let panel = opts
        .panel
        .iter()
        .map(|p| required(p, "a panel member's name"))
        .collect::<Result<Vec<_>>>()?;
    let assessment = product.find_assessment_mut(&opts.id)?;
    assessment.status = AssessmentStatus::Held;
    assessment.date = held_on;
    for name in panel {
        if !assessment.panel.contains(&name) {
            assessment.panel.push(name);
        }
    }
    let at = match assessment.points.iter().position(|p| p.point == opts.point) {
        Some(at) => at,
        None => {
            let at = assessment
                .points
                .iter()
                .position(|p| p.point > opts.point)
                .unwrap_or(assessment.points.len());
            assessment.points.insert(
                at,
                PointOutcome {
                    point: opts.point,
                    result: None,
                    note: None,
                },
            );
            at
        }
    };
    let outcome = &mut assessment.points[at];
    if opts.result.is_some() {
        outcome.result = opts.result;
    }
    if note.is_some() {
        outcome.note = note;
    }
    let mut highest = assessment
        .recommendations
        .iter()
        .filter_map(|r| number_after(&r.id, "R"))
        .max()
        .unwrap_or(0);
    let mut added = Vec::new();
    for text in new_texts {
        highest = highest.checked_add(1).ok_or_else(|| {
            Error::usage(format!("no recommendation number is left in {}", opts.id))
        })?;
        let r = Recommendation {
            id: format!("R{highest}"),
            point: opts.point,
            text,
        };
        added.push(assessment.recommendation_ref(&r));
        assessment.recommendations.push(r);
    }
    Ok(Recorded {
        assessment: assessment.clone(),
        recommendations: added,
    })
}

/// A planned assessment moved to another day, or its panel added to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditAssessment {
    pub id: String,
    pub date: Option<Date>,
    /// Assessors to add to the panel.
    pub panel: Vec<String>,
}

/// Moves a planned assessment to another day or adds to its panel. A held
/// assessment is the record of what a panel found: its day is where
/// `record --date` put it.
pub fn edit(product: &mut Product, _today: Date, opts: &EditAssessment) -> Result<Assessment> {
    if opts.date.is_none() && opts.panel.is_empty() {
        return Err(Error::usage("nothing to change").with_hint("give --date or --panel"));
    }
    let panel = opts
        .panel
        .iter()
        .map(|p| required(p, "a panel member's name"))
        .collect::<Result<Vec<_>>>()?;
    let a = product.find_assessment_mut(&opts.id)?;
    if a.is_held() && opts.date.is_some_and(|d| d != a.date) {
        return Err(Error::usage(format!(
            "{} was held on {}; a held assessment keeps its day",
            a.id, a.date
        ))
        .with_hint(format!(
            "give the day it was held when recording: `product assessment record {} --point N --date D`",
            a.id
        )));
    }
    if let Some(date) = opts.date {
        a.date = date;
    }
    for name in panel {
        if !a.panel.contains(&name) {
            a.panel.push(name);
        }
    }
    Ok(a.clone())
}

/// Takes a planned assessment off the plan (cancelled, or planned by
/// mistake). A held one is refused: it is the record of a panel's judgment.
pub fn remove(product: &mut Product, _today: Date, id: &str) -> Result<Assessment> {
    let a = product.find_assessment(id)?;
    if a.is_held() {
        return Err(Error::usage(format!(
            "{id} was held on {}: it is the record of what the panel found, and stays",
            a.date
        ))
        .with_hint("only a planned assessment is taken off the plan"));
    }
    let at = product
        .assessments
        .iter()
        .position(|a| a.id == id)
        .unwrap_or_default();
    Ok(product.assessments.remove(at))
}
