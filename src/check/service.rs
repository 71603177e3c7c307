//! Rules about a public service and its assessments: before the next
//! assessment the last one's recommendations are acted on and every point
//! has evidence; a GOV.UK service in beta or live publishes its four
//! mandatory KPIs; the phase keeps up with the assessments held; one
//! assessment at most waits for each phase; and every point an assessment
//! names is a point of the standard.

use crate::model::{Assessment, Date, KeyPath, Product, standard_name};
use crate::query::readiness::{self, has_recent_reading, mandatory_kpis, mandatory_kpis_apply};
use crate::query::service::{Progress, next_planned};

use super::Finding;
use super::rules::{
    ASSESSMENT_GAP, ASSESSMENT_PLANNED_TWICE, DANGLING_REFERENCE, MANDATORY_KPI_MISSING,
    PHASE_BEHIND, RECOMMENDATION_UNADDRESSED,
};

pub fn check(product: &Product, today: Date, findings: &mut Vec<Finding>) {
    points_of_the_standard(product, findings);
    let Some(service) = &product.service else {
        return;
    };
    let next = next_planned(product);
    let within = i64::from(product.check.assessment_days());
    if let Some(next) = next.filter(|a| (a.date.0 - today.0).num_days() <= within) {
        before_next(product, next, today, findings);
    }
    // Asked of a service in beta or live; readiness for a beta
    // assessment lists the four KPIs whatever the phase.
    mandatory(product, service.phase, today, findings);
    phase_behind(product, findings);
    planned_twice(product, findings);
}

fn assessment_at(product: &Product, id: &str) -> KeyPath {
    let i = product
        .assessments
        .iter()
        .position(|a| a.id == id)
        .unwrap_or(0);
    KeyPath::root().key("assessments").index(i, Some(id))
}

/// The last assessment's recommendations with no done item, and the
/// points with no evidence, when the next assessment is near.
fn before_next(product: &Product, next: &Assessment, today: Date, findings: &mut Vec<Finding>) {
    let days = (next.date.0 - today.0).num_days();
    let when = match days {
        d if d < 0 => format!("was planned for {} and is not recorded", next.date),
        0 => "is today".to_owned(),
        1 => "is tomorrow".to_owned(),
        d => format!("is in {d} days ({})", next.date),
    };
    // The recommendations each point was last given, as readiness follows
    // them up: a reassessment of a few points answers for those points.
    let ready = readiness::presence(product, next, today);
    for r in ready.points.iter().flat_map(|p| &p.recommendations) {
        let (state, hint) = match r.progress {
            Progress::Addressed => continue,
            Progress::InProgress => {
                let ids: Vec<&str> = r.items.iter().map(|i| i.id.as_str()).collect();
                (
                    format!("its items ({}) are not done", ids.join(", ")),
                    "finish the work, or say at the assessment how far it got".to_owned(),
                )
            }
            Progress::NoItem => (
                "no item addresses it".to_owned(),
                format!(
                    "add the work to the backlog: `product item add TITLE --recommendation {}`",
                    r.reference
                ),
            ),
        };
        let Some((assessment, rec_id)) = r.reference.split_once('.') else {
            continue;
        };
        let Some(last) = product.assessments.iter().find(|a| a.id == assessment) else {
            continue;
        };
        let Some(j) = last.recommendations.iter().position(|x| x.id == rec_id) else {
            continue;
        };
        findings.push(
            Finding::new(
                RECOMMENDATION_UNADDRESSED,
                assessment_at(product, &last.id)
                    .key("recommendations")
                    .index(j, Some(rec_id))
                    .key("id"),
                format!(
                    "{} (point {}: {}) is not addressed, and the {} assessment {} {when}: {state}",
                    r.reference, r.point, r.text, next.phase, next.id
                ),
            )
            .hint(hint)
            .about(&r.reference),
        );
    }
    let at = assessment_at(product, &next.id);
    for p in ready.points.iter().filter(|p| !p.has_evidence()) {
        let gaps: Vec<&str> = p.gaps.iter().map(|g| g.text.as_str()).collect();
        findings.push(
            Finding::new(
                ASSESSMENT_GAP,
                at.key("date"),
                format!(
                    "point {} ({}) has no evidence in the file, and {} {when}: {}",
                    p.number,
                    p.title,
                    next.id,
                    gaps.join("; ")
                ),
            )
            .hint(format!(
                "see what each point has: `product assessment prepare {}`",
                next.id
            ))
            .about(format!("{}.{}", next.id, p.number)),
        );
    }
}

/// The four GOV.UK mandatory KPIs, each present with a reading in its cadence.
fn mandatory(
    product: &Product,
    phase: crate::model::Phase,
    today: Date,
    findings: &mut Vec<Finding>,
) {
    if !mandatory_kpis_apply(product, phase) {
        return;
    }
    let root = KeyPath::root();
    for (measure, kpi) in mandatory_kpis(product) {
        let finding = match kpi {
            None => Finding::new(
                MANDATORY_KPI_MISSING,
                root.key("service").key("phase"),
                format!(
                    "a GOV.UK service in beta or live publishes {}, and the file has no KPI for it",
                    measure.title().to_lowercase()
                ),
            )
            .hint(format!(
                "add it: `product kpi add --template govuk` adds the four, or give a KPI `mandatory = \"{measure}\"`"
            ))
            .about(measure.to_string()),
            Some(k) if !has_recent_reading(k, today) => {
                let i = product.kpis.iter().position(|x| x.id == k.id).unwrap_or(0);
                let why = match k.history.iter().filter(|r| r.date <= today).map(|r| r.date).max() {
                    None => "has no reading".to_owned(),
                    Some(d) => format!("was last read on {d}, longer ago than its cadence"),
                };
                Finding::new(
                    MANDATORY_KPI_MISSING,
                    root.key("kpis").index(i, Some(&k.id)).key("id"),
                    format!(
                        "{} ({}) is a mandatory GOV.UK measure and {why}",
                        k.id, k.name
                    ),
                )
                .hint(format!("record a reading: `product kpi record {} VALUE`", k.id))
                .about(&k.id)
            }
            Some(_) => continue,
        };
        findings.push(finding);
    }
}

/// A held assessment for a later phase than the service is in.
fn phase_behind(product: &Product, findings: &mut Vec<Finding>) {
    let Some(service) = &product.service else {
        return;
    };
    let latest = product
        .assessments
        .iter()
        .filter(|a| a.is_held() && a.phase > service.phase)
        .max_by_key(|a| a.phase);
    if let Some(a) = latest {
        findings.push(
            Finding::new(
                PHASE_BEHIND,
                KeyPath::root().key("service").key("phase"),
                format!(
                    "the service is in {}, and {} was its {} assessment, held on {}",
                    service.phase, a.id, a.phase, a.date
                ),
            )
            .hint(format!(
                "move the phase on with leadership's agreement: `product service set --phase {}`",
                a.phase
            ))
            .about(&a.id),
        );
    }
}

/// A second assessment waiting to be held for a phase that already has
/// one: `assessment plan` refuses it, but two branches can each plan one
/// and merge cleanly (under two ids), and readiness follows the earlier.
fn planned_twice(product: &Product, findings: &mut Vec<Finding>) {
    let waiting: Vec<&Assessment> = product
        .assessments
        .iter()
        .filter(|a| !a.is_held())
        .collect();
    for (k, a) in waiting.iter().enumerate() {
        let Some(first) = waiting[..k].iter().find(|w| w.phase == a.phase) else {
            continue;
        };
        findings.push(
            Finding::new(
                ASSESSMENT_PLANNED_TWICE,
                assessment_at(product, &a.id).key("date"),
                format!(
                    "{} plans the {} assessment for {}, and {} already plans it for {}",
                    a.id, a.phase, a.date, first.id, first.date
                ),
            )
            .hint(format!(
                "keep one: `product assessment rm {}` (or `rm {}`)",
                a.id, first.id
            ))
            .about(&a.id),
        );
    }
}

/// Every point an assessment's outcomes and recommendations name is a
/// point of the standard.
fn points_of_the_standard(product: &Product, findings: &mut Vec<Finding>) {
    if product.assessments.is_empty() {
        return;
    }
    let numbers = product.point_numbers();
    let standard = product
        .service
        .as_ref()
        .map(|s| s.standard)
        .unwrap_or_default();
    let known: Vec<String> = numbers.iter().map(u32::to_string).collect();
    let root = KeyPath::root();
    for (i, a) in product.assessments.iter().enumerate() {
        let at = root.key("assessments").index(i, Some(&a.id));
        let outside = a
            .points
            .iter()
            .enumerate()
            .map(|(j, p)| (at.key("points").index(j, None).key("point"), p.point))
            .chain(a.recommendations.iter().enumerate().map(|(j, r)| {
                (
                    at.key("recommendations").index(j, Some(&r.id)).key("point"),
                    r.point,
                )
            }));
        for (path, point) in outside {
            if numbers.contains(&point) {
                continue;
            }
            findings.push(
                Finding::new(
                    DANGLING_REFERENCE,
                    path,
                    format!(
                        "{} names point {point}, which the {} does not have",
                        a.id,
                        standard_name(standard)
                    ),
                )
                .hint(format!("its points are {}", known.join(", ")))
                .about(&a.id),
            );
        }
    }
}
