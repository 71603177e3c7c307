//! Readiness for a service assessment: for each point of the standard, the
//! evidence the file already holds (from the sources the point is mapped
//! to, see `data/standards/`), the gaps, and the previous assessment's
//! recommendations with whether their work is done. This is the table a
//! team prepares from.

use serde::Serialize;

use crate::error::Result;
use crate::goals as kpi;
use crate::model::{
    Assessment, Date, EvidenceKind, ExperimentResult, Kind, Kpi, MandatoryKpi, NeedStatus, Phase,
    Point, PointResult, Product, Source, Standard, Status, standard_name,
};

use super::service::{AssessmentLine, RecommendationStatus, held_before, recommendations};

/// How far back `throughput` looks.
pub const THROUGHPUT_WEEKS: i64 = 12;

/// Readiness for one assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    pub assessment: AssessmentLine,
    pub standard: Standard,
    pub standard_name: &'static str,
    /// The latest held assessment before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    pub points: Vec<PointReadiness>,
    /// Points with some evidence, of all points.
    pub with_evidence: usize,
    /// Recommendations followed up (see [`PointReadiness::recommendations`]).
    pub recommendations: usize,
    /// Of those, the ones not yet addressed.
    pub unaddressed: usize,
}

/// One point: what shows it, what is missing, and what was asked last time.
#[derive(Debug, Clone, Serialize)]
pub struct PointReadiness {
    pub number: u32,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// What the last held assessment to judge it found of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<PointResult>,
    /// That assessment: the latest held before this one that recorded an
    /// outcome or a recommendation for the point. A reassessment of a few
    /// points leaves the others' last word with the assessment before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged_by: Option<String>,
    /// The sources looked at, as written (`needs`, `tag:accessibility`).
    pub sources: Vec<String>,
    pub evidence: Vec<Found>,
    pub gaps: Vec<Found>,
    /// The recommendations for the point of the assessment that judged it
    /// last, with their work.
    pub recommendations: Vec<RecommendationStatus>,
}

impl PointReadiness {
    pub fn has_evidence(&self) -> bool {
        !self.evidence.is_empty()
    }
}

/// A line of evidence or a gap, with the source it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub source: String,
    pub text: String,
}

/// Readiness for the assessment `id` as of `today`.
pub fn readiness(product: &Product, id: &str, today: Date) -> Result<Readiness> {
    let a = product.find_assessment(id)?;
    Ok(of(product, a, today))
}

/// Readiness for `a` as of `today`.
pub fn of(product: &Product, a: &Assessment, today: Date) -> Readiness {
    readiness_of(product, a, today, true)
}

/// Readiness for `a` as a check needs it: each point's gaps and
/// recommendations in full, its evidence only as whether there is any
/// (one empty line), which is much less to write on a large backlog.
pub fn presence(product: &Product, a: &Assessment, today: Date) -> Readiness {
    readiness_of(product, a, today, false)
}

fn readiness_of(product: &Product, a: &Assessment, today: Date, full: bool) -> Readiness {
    let previous = held_before(product, Some(a));
    // Every held assessment before this one, the latest last, each with
    // its recommendations' work.
    let mut held: Vec<(usize, &Assessment)> = product
        .assessments
        .iter()
        .enumerate()
        .filter(|(_, h)| h.is_held_before(a))
        .collect();
    held.sort_by_key(|(i, h)| (h.date, *i));
    let held: Vec<(&Assessment, Vec<RecommendationStatus>)> = held
        .into_iter()
        .map(|(_, h)| (h, recommendations(product, h)))
        .collect();
    let standard = product
        .service
        .as_ref()
        .map(|s| s.standard)
        .unwrap_or_default();
    let points: Vec<PointReadiness> = product
        .standard_points()
        .into_iter()
        .map(|p| point(product, &p, a.phase, &held, today, full))
        .collect();
    let asked = || points.iter().flat_map(|p| &p.recommendations);
    Readiness {
        assessment: AssessmentLine::of(a, today),
        standard,
        standard_name: standard_name(standard),
        previous: previous.map(|p| p.id.clone()),
        with_evidence: points.iter().filter(|p| p.has_evidence()).count(),
        recommendations: asked().count(),
        unaddressed: asked().filter(|r| !r.addressed()).count(),
        points,
    }
}

fn point(
    product: &Product,
    p: &Point,
    phase: Phase,
    held: &[(&Assessment, Vec<RecommendationStatus>)],
    today: Date,
    full: bool,
) -> PointReadiness {
    let judged = held.iter().rev().find(|(h, _)| h.judged(p.number));
    let mut evidence = Vec::new();
    let mut gaps = Vec::new();
    for source in &p.evidence {
        let name = source.to_string();
        let (found, missing) = look(product, source, phase, today, full);
        // Two sources may find one thing (a KPI is among `kpis` and
        // `mandatory_kpis`): it is said once.
        for (list, texts) in [(&mut evidence, found), (&mut gaps, missing)] {
            for text in texts {
                if !list.iter().any(|f: &Found| f.text == text) {
                    list.push(Found {
                        source: name.clone(),
                        text,
                    });
                }
            }
        }
    }
    if p.evidence.is_empty() {
        gaps.push(Found {
            source: String::new(),
            text: "no source of evidence is mapped to this point; set one in [service.evidence]"
                .into(),
        });
    }
    PointReadiness {
        number: p.number,
        title: p.title.clone(),
        summary: p.summary.clone(),
        previous: judged.and_then(|(h, _)| h.outcome(p.number)?.result),
        judged_by: judged.map(|(h, _)| h.id.clone()),
        sources: p.evidence.iter().map(Source::to_string).collect(),
        evidence,
        gaps,
        recommendations: judged
            .map(|(_, asked)| {
                asked
                    .iter()
                    .filter(|r| r.point == p.number)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// What a source finds, and what it finds missing.
fn look(
    product: &Product,
    source: &Source,
    phase: Phase,
    today: Date,
    full: bool,
) -> (Vec<String>, Vec<String>) {
    let mut found = Lines {
        full,
        lines: Vec::new(),
    };
    let mut missing = Vec::new();
    match source {
        Source::Needs => {
            for n in &product.needs {
                if !matches!(n.status, NeedStatus::Validated | NeedStatus::Met) {
                    continue;
                }
                if n.evidence.is_empty() {
                    missing.push(format!(
                        "{} is {} with no evidence recorded",
                        n.id, n.status
                    ));
                } else {
                    found.add(|| {
                        format!(
                            "{} ({}): {}; {}, {}",
                            n.id,
                            n.status,
                            n.statement,
                            counted(
                                n.evidence.len() as u64,
                                "piece of evidence",
                                "pieces of evidence"
                            ),
                            counted(n.people(), "person", "people")
                        )
                    });
                }
            }
            if found.is_empty() && missing.is_empty() {
                missing.push("no validated user need".into());
            }
        }
        Source::Usability => {
            for n in &product.needs {
                for e in n
                    .evidence
                    .iter()
                    .filter(|e| e.kind == EvidenceKind::UsabilityTest)
                {
                    found.add(|| {
                        format!(
                            "{}: usability test on {}, {} people: {}",
                            n.id, e.date, e.people, e.summary
                        )
                    });
                }
            }
            if found.is_empty() {
                missing.push("no usability test among the needs' evidence".into());
            }
        }
        Source::Experiments => {
            let experiments: Vec<_> = product
                .items
                .iter()
                .filter(|i| i.kind == Kind::Experiment)
                .collect();
            for i in &experiments {
                if let Some(result) = i.experiment.as_ref().and_then(|e| e.result) {
                    let word = match result {
                        ExperimentResult::Validated => "validated",
                        ExperimentResult::Invalidated => "invalidated",
                        ExperimentResult::Inconclusive => "inconclusive",
                    };
                    found.add(|| format!("{} {word}: {}", i.id, i.title));
                }
            }
            if found.is_empty() {
                missing.push(if experiments.is_empty() {
                    "no experiment".into()
                } else {
                    format!(
                        "{}, none with a result yet",
                        counted(experiments.len() as u64, "experiment", "experiments")
                    )
                });
            }
        }
        Source::Team => {
            for p in &product.people {
                let roles = if p.roles.is_empty() {
                    "no role".to_owned()
                } else {
                    p.roles.join(", ")
                };
                found.add(|| format!("{}: {roles}", p.name));
            }
            if !product
                .people
                .iter()
                .any(|p| p.roles.iter().any(|r| r == "team"))
            {
                missing.push("nobody in [[people]] holds the team role".into());
            }
        }
        Source::Throughput => {
            let since = today.0 - chrono::Duration::weeks(THROUGHPUT_WEEKS);
            let done = product
                .items
                .iter()
                .filter(|i| i.status == Status::Done)
                .filter(|i| i.done_on.is_some_and(|d| d.0 > since && d <= today))
                .count();
            if done == 0 {
                missing.push(format!("no item done in the last {THROUGHPUT_WEEKS} weeks"));
            } else {
                found.add(|| {
                    format!(
                        "{} done in the last {THROUGHPUT_WEEKS} weeks ({:.1} a week)",
                        counted(done as u64, "item", "items"),
                        done as f64 / THROUGHPUT_WEEKS as f64
                    )
                });
            }
        }
        Source::Decisions => match product.decisions.iter().max_by_key(|d| d.date) {
            Some(latest) => found.add(|| {
                format!(
                    "{} logged, the latest {} on {}",
                    counted(product.decisions.len() as u64, "decision", "decisions"),
                    latest.id,
                    latest.date
                )
            }),
            None => missing.push("the decision log is empty".into()),
        },
        Source::Kpis => {
            for k in &product.kpis {
                match reading(k, today) {
                    Ok(text) => found.add(|| text),
                    Err(text) => missing.push(text),
                }
            }
            if product.kpis.is_empty() {
                missing.push("no KPIs".into());
            }
        }
        Source::Objectives => {
            for o in &product.objectives {
                let started = o.start.is_none_or(|s| s <= today);
                let running = o.end.is_none_or(|e| e >= today);
                if started && running {
                    found.add(|| {
                        format!(
                            "{}: {} ({})",
                            o.id,
                            o.title,
                            counted(o.key_results.len() as u64, "key result", "key results")
                        )
                    });
                }
            }
            if found.is_empty() {
                missing.push("no objective runs now".into());
            }
        }
        Source::MandatoryKpis => {
            if mandatory_kpis_apply(product, phase) {
                for (measure, kpi) in mandatory_kpis(product) {
                    match kpi {
                        None => missing.push(format!("{}: no KPI", measure.title())),
                        Some(k) => match reading(k, today) {
                            Ok(text) => found.add(|| text),
                            Err(text) => missing.push(text),
                        },
                    }
                }
            }
        }
        Source::Roadmap => {
            for r in &product.roadmap {
                found.add(|| format!("{} ({}): {}", r.id, r.horizon, r.title));
            }
            if found.is_empty() {
                missing.push("no roadmap entries".into());
            }
        }
        Source::Tag(tag) => {
            for i in product
                .items
                .iter()
                .filter(|i| i.tags.iter().any(|t| t == tag))
            {
                if i.status != Status::Dropped {
                    found.add(|| format!("{} ({}): {}", i.id, i.status, i.title));
                }
            }
            if found.is_empty() {
                missing.push(format!("no item tagged {tag}"));
            }
        }
    }
    (found.lines, missing)
}

/// `1 person`, `6 people`.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a source found: every line, or (for a check, which asks only
/// whether a point has evidence) one empty line once anything is found,
/// without writing the text.
struct Lines {
    full: bool,
    lines: Vec<String>,
}

impl Lines {
    fn add(&mut self, text: impl FnOnce() -> String) {
        if self.full {
            self.lines.push(text());
        } else if self.lines.is_empty() {
            self.lines.push(String::new());
        }
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// A KPI's latest reading, if it is in its cadence; else what is missing.
fn reading(k: &Kpi, today: Date) -> std::result::Result<String, String> {
    let assessed = kpi::assess(k, today);
    match assessed.latest {
        None => Err(format!("{} {}: no reading", k.id, k.name)),
        Some(r) if assessed.stale => Err(format!(
            "{} {}: the latest reading ({}) is older than its {} cadence",
            k.id,
            k.name,
            r.date,
            k.cadence.map(|c| c.to_string()).unwrap_or_default()
        )),
        Some(r) => Ok(format!(
            "{} {}: {} on {}",
            k.id,
            k.name,
            crate::model::number::with_unit(r.value, k.unit.as_deref()),
            r.date
        )),
    }
}

/// Whether the GOV.UK mandatory KPIs are asked of this product: the GOV.UK
/// standard, for a beta or live assessment or a service in beta or live.
pub fn mandatory_kpis_apply(product: &Product, phase: Phase) -> bool {
    let Some(service) = &product.service else {
        return false;
    };
    let late = |p: Phase| matches!(p, Phase::Beta | Phase::Live);
    service.standard == Standard::Govuk && (late(phase) || late(service.phase))
}

/// The four mandatory measures, each with the KPI that is it: the one
/// whose `mandatory` key names it, else the one of its name (any case).
pub fn mandatory_kpis(product: &Product) -> Vec<(MandatoryKpi, Option<&Kpi>)> {
    use crate::model::Choice;
    MandatoryKpi::ALL
        .iter()
        .map(|&m| {
            let kpi = product
                .kpis
                .iter()
                .find(|k| k.mandatory == Some(m))
                .or_else(|| {
                    product.kpis.iter().find(|k| {
                        k.mandatory.is_none() && k.name.trim().eq_ignore_ascii_case(m.title())
                    })
                });
            (m, kpi)
        })
        .collect()
}

/// Whether a mandatory KPI has a reading in its cadence (any reading, for
/// one without a cadence).
pub fn has_recent_reading(k: &Kpi, today: Date) -> bool {
    reading(k, today).is_ok()
}
