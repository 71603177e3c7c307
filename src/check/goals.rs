//! Rules about goals and measures: key results that can be measured,
//! objectives with a sensible number of them and a sensible period, a
//! missed commitment that someone has answered for, readings that agree
//! with each other and are not from the future, and KPIs that are kept up.

use crate::goals::{assess, cadence_days, grade_objective, percent_out_of_range};
use crate::model::{
    Commitment, Date, Direction, KeyPath, Objective, Product, Reading, latest, number,
};

use super::Finding;
use super::rules::{
    COMMITTED_OBJECTIVE_MISSED, CURRENT_NOT_LATEST, END_BEFORE_START, FUTURE_READING,
    KPI_NO_READING, KPI_STALE_READING, KR_START_EQUALS_TARGET, OBJECTIVE_WITHOUT_KEY_RESULTS,
    PERCENT_OUT_OF_RANGE, THRESHOLD_WRONG_SIDE, TOO_MANY_KEY_RESULTS,
};

pub fn check(product: &Product, today: Date, findings: &mut Vec<Finding>) {
    let max_key_results = product.check.max_key_results() as usize;
    for (i, o) in product.objectives.iter().enumerate() {
        let at = KeyPath::root().key("objectives").index(i, Some(&o.id));
        objective(product, o, &at, today, max_key_results, findings);
        for (j, kr) in o.key_results.iter().enumerate() {
            let reference = o.kr_ref(kr);
            let kr_at = at.key("key_results").index(j, Some(&kr.id));
            if kr.start == kr.target {
                findings.push(
                    Finding::new(
                        KR_START_EQUALS_TARGET,
                        kr_at.key("target"),
                        format!(
                            "key result {reference} starts at its target ({}), so its progress cannot be measured",
                            number::display(kr.target)
                        ),
                    )
                    .hint("set the value it started from and the one it aims for, which must differ")
                    .about(&reference),
                );
            }
            if let (Some(current), Some(last)) = (kr.current, latest(&kr.history))
                && current != last.value
            {
                findings.push(
                    Finding::new(
                        CURRENT_NOT_LATEST,
                        kr_at.key("current"),
                        format!(
                            "key result {reference} has current {} but its latest check-in ({}) is {}",
                            number::display(current),
                            last.date,
                            number::display(last.value)
                        ),
                    )
                    .hint(format!(
                        "record the value as a check-in, which sets both: `product okr checkin {reference} VALUE`"
                    ))
                    .about(&reference),
                );
            }
            future(&kr.history, &kr_at, &reference, "check-in", today, findings);
            let values = [
                ("start", Some(kr.start)),
                ("target", Some(kr.target)),
                ("current", kr.current),
            ];
            percentages(
                &values,
                &kr.history,
                "check-in",
                kr.unit.as_deref(),
                &kr_at,
                &reference,
                findings,
            );
        }
    }
    for (i, kpi) in product.kpis.iter().enumerate() {
        let at = KeyPath::root().key("kpis").index(i, Some(&kpi.id));
        if let (Some(target), Some(threshold)) = (kpi.target, kpi.threshold) {
            let wrong = match kpi.direction {
                Direction::Up => threshold > target,
                Direction::Down => threshold < target,
            };
            if wrong {
                let (good, side) = match kpi.direction {
                    Direction::Up => ("higher", "below"),
                    Direction::Down => ("lower", "above"),
                };
                findings.push(
                    Finding::new(
                        THRESHOLD_WRONG_SIDE,
                        at.key("threshold"),
                        format!(
                            "KPI {}: {good} is better, so its threshold ({}) should be {side} its target ({})",
                            kpi.id,
                            number::display(threshold),
                            number::display(target)
                        ),
                    )
                    .hint(format!(
                        "the threshold is where it turns red: `product kpi edit {} --threshold N` (a metrics decision: add --agreed-by where the rules ask)",
                        kpi.id
                    ))
                    .about(&kpi.id),
                );
            }
        }
        future(&kpi.history, &at, &kpi.id, "reading", today, findings);
        let values = [("target", kpi.target), ("threshold", kpi.threshold)];
        percentages(
            &values,
            &kpi.history,
            "reading",
            kpi.unit.as_deref(),
            &at,
            &kpi.id,
            findings,
        );
        let assessment = assess(kpi, today);
        match (&assessment.latest, kpi.cadence) {
            (None, _) => findings.push(
                Finding::new(
                    KPI_NO_READING,
                    at.key("id"),
                    format!("KPI {} ({}) has no reading", kpi.id, kpi.name),
                )
                .hint(format!("record one: `product kpi record {} VALUE`", kpi.id))
                .about(&kpi.id),
            ),
            (Some(last), Some(cadence)) if assessment.stale => {
                let index = kpi.history.iter().position(|r| r == last).unwrap_or(0);
                findings.push(
                    Finding::new(
                        KPI_STALE_READING,
                        at.key("history").index(index, None).key("date"),
                        format!(
                            "KPI {}'s latest reading is from {} ({} days ago), older than its {cadence} cadence allows ({} days)",
                            kpi.id,
                            last.date,
                            assessment.age_days.unwrap_or_default(),
                            cadence_days(cadence)
                        ),
                    )
                    .hint(format!("record a fresh one: `product kpi record {} VALUE`", kpi.id))
                    .about(&kpi.id),
                );
            }
            _ => {}
        }
    }
}

fn objective(
    product: &Product,
    o: &Objective,
    at: &KeyPath,
    today: Date,
    max_key_results: usize,
    findings: &mut Vec<Finding>,
) {
    if o.key_results.is_empty() {
        findings.push(
            Finding::new(
                OBJECTIVE_WITHOUT_KEY_RESULTS,
                at.key("id"),
                format!(
                    "objective {} has no key results, so nothing measures it",
                    o.id
                ),
            )
            .hint(format!(
                "add one: `product okr kr add {} --title \"...\" --start N --target N`",
                o.id
            ))
            .about(&o.id),
        );
    }
    if o.key_results.len() > max_key_results {
        let first_over = &o.key_results[max_key_results];
        findings.push(
            Finding::new(
                TOO_MANY_KEY_RESULTS,
                at.key("key_results")
                    .index(max_key_results, Some(&first_over.id))
                    .key("id"),
                format!(
                    "objective {} has {} key results, more than {max_key_results}; focus is lost",
                    o.id,
                    o.key_results.len()
                ),
            )
            .hint("keep the few that best show the outcome, or raise `max_key_results` in [check]")
            .about(&o.id),
        );
    }
    if let (Some(start), Some(end)) = (o.start, o.end)
        && end < start
    {
        findings.push(
            Finding::new(
                END_BEFORE_START,
                at.key("end"),
                format!("objective {} ends ({end}) before it starts ({start})", o.id),
            )
            .hint("correct the dates; progress is expected over the period between them")
            .about(&o.id),
        );
    }
    missed_commitment(product, o, at, today, findings);
}

/// A committed objective is expected to reach 1.0. One that ended short of
/// it needs a decision on record (dated from its end on, referring to it or
/// one of its key results): carried over, re-scoped, or accepted.
fn missed_commitment(
    product: &Product,
    o: &Objective,
    at: &KeyPath,
    today: Date,
    findings: &mut Vec<Finding>,
) {
    let Some(end) = o.end else { return };
    if o.commitment != Some(Commitment::Committed) || end >= today {
        return;
    }
    let Some(grade) = grade_objective(o, today).grade else {
        return;
    };
    if grade >= 1.0 {
        return;
    }
    let about_it = |r: &String| {
        r == &o.id
            || r.strip_prefix(o.id.as_str())
                .is_some_and(|rest| rest.starts_with('.'))
    };
    let answered = product
        .decisions
        .iter()
        .any(|d| d.date >= end && d.refs.iter().any(about_it));
    if answered {
        return;
    }
    findings.push(
        Finding::new(
            COMMITTED_OBJECTIVE_MISSED,
            at.key("commitment"),
            format!(
                "committed objective {} ended on {end} at {grade:.2}, short of 1.0, and no decision since says what happens now",
                o.id
            ),
        )
        .hint(format!(
            "record what was decided: `product decide --kind goals --summary \"...\" --ref {} --agreed-by NAME`",
            o.id
        ))
        .about(&o.id),
    );
}

/// Values in `%` outside 0 to 100: the named fields, then the history.
fn percentages(
    values: &[(&str, Option<f64>)],
    history: &[Reading],
    reading: &str,
    unit: Option<&str>,
    at: &KeyPath,
    id: &str,
    findings: &mut Vec<Finding>,
) {
    let fields = values
        .iter()
        .filter_map(|&(key, v)| Some((at.key(key), format!("its {key}"), v?)));
    let readings = history.iter().enumerate().map(|(k, r)| {
        (
            at.key("history").index(k, None).key("value"),
            format!("the {reading} of {}", r.date),
            r.value,
        )
    });
    for (path, what, value) in fields.chain(readings) {
        if !percent_out_of_range(value, unit) {
            continue;
        }
        findings.push(
            Finding::new(
                PERCENT_OUT_OF_RANGE,
                path,
                format!(
                    "{id}: {what} is {}%, outside 0 to 100%",
                    number::display(value)
                ),
            )
            .hint("a share of a whole is from 0 to 100: correct the value (1.35M is 1,350,000), or the unit if it is not a share; a rate that may pass 100% can turn the rule off: [check.rules] percent-out-of-range = \"off\"")
            .about(id),
        );
    }
}

/// Readings dated after today: a typo in the year, most likely. Status and
/// grades leave them out until their day comes.
fn future(
    history: &[Reading],
    at: &KeyPath,
    id: &str,
    what: &str,
    today: Date,
    findings: &mut Vec<Finding>,
) {
    for (k, r) in history.iter().enumerate() {
        if r.date > today {
            findings.push(
                Finding::new(
                    FUTURE_READING,
                    at.key("history").index(k, None).key("date"),
                    format!("{id} has a {what} dated {}, after today ({today})", r.date),
                )
                .hint("correct the date; it is left out of statuses and grades until that day")
                .about(id),
            );
        }
    }
}
