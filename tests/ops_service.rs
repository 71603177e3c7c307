//! Service phases and assessments through the library, without the binary:
//! a realistic alpha assessment of a GOV.UK service rebuilt (14 points, six
//! recommendations, items for four of them), a beta assessment planned 20
//! days out and the readiness and checks read back; the NHS standard and a
//! custom one; decision rights; and bad input refused with what is known.

use std::path::Path;

use productfile::check;
use productfile::model::{
    Date, DecisionKind, Phase, PointResult, Product, Source, Standard, known_points,
};
use productfile::ops::assessment::{self, PlanAssessment, RecordOutcome};
use productfile::ops::item::{self as item_ops, AddItem, DoneItem, ItemFields, Scores};
use productfile::ops::service::{self, SetService};
use productfile::ops::{Actor, Transaction};
use productfile::query::{readiness, report, service as service_query};
use productfile::{Error, ErrorCode, ErrorKind, store};

type Result<T> = std::result::Result<T, Error>;

const ADA: &str = "Ada Lovell";
const LEE: &str = "Lee Marsh";
const TOM: &str = "Tom Reyes";

/// A fishing-licence service: an owner, a leader, a team member; a
/// validated need with interviews and a usability test; an experiment that
/// came out; work tagged for accessibility and security; and the four
/// GOV.UK KPIs, two read recently, one never, one long ago.
const START: &str = r#"version = 1

[product]
name = "Fishing licences"
key = "FL"
owner = "Ada Lovell"

[[people]]
name = "Ada Lovell"
roles = ["owner"]

[[people]]
name = "Lee Marsh"
roles = ["leadership"]

[[people]]
name = "Tom Reyes"
roles = ["team"]

[[kpis]]
id = "K1"
name = "Cost per transaction"
unit = "£"
direction = "down"
cadence = "quarterly"
mandatory = "cost_per_transaction"
history = [{ date = 2026-10-01, value = 2.1 }]

[[kpis]]
id = "K2"
name = "User satisfaction"
unit = "%"
direction = "up"
cadence = "monthly"
mandatory = "user_satisfaction"
history = [{ date = 2026-11-10, value = 81 }]

[[kpis]]
id = "K3"
name = "Completion rate"
unit = "%"
direction = "up"
cadence = "monthly"

[[kpis]]
id = "K4"
name = "Digital take-up"
unit = "%"
direction = "up"
cadence = "monthly"
mandatory = "digital_take_up"
history = [{ date = 2026-06-01, value = 64 }]

[[roadmap]]
id = "R1"
title = "Buy a licence online"
horizon = "now"

[[needs]]
id = "N1"
statement = "As an angler I need a licence before I fish so that I am not fined"
status = "validated"

[[needs.evidence]]
date = 2026-08-03
kind = "interview"
people = 6
summary = "Five of six buy on the day they fish"

[[needs.evidence]]
date = 2026-08-20
kind = "usability_test"
people = 5
summary = "All five bought a licence in under four minutes"

[[items]]
id = "FL-1"
title = "Does a reminder email cut lapsed licences?"
kind = "experiment"
status = "done"
done_on = 2026-10-20
experiment = { hypothesis = "Reminders cut lapses", result = "validated" }

[[items]]
id = "FL-2"
title = "Keyboard-only journey"
status = "done"
tags = ["accessibility"]
done_on = 2026-10-28

[[items]]
id = "FL-3"
title = "Penetration test"
status = "ready"
tags = ["security"]
"#;

fn day(m: u32, d: u32) -> Date {
    Date::from_ymd(2026, m, d).unwrap()
}

const TODAY: (u32, u32) = (11, 23);

fn today() -> Date {
    day(TODAY.0, TODAY.1)
}

fn start() -> Product {
    store::parse(START, Path::new("product.toml")).unwrap()
}

/// Runs one change as `actor` in memory: the product and the decision logged.
fn change<T>(
    product: Product,
    on: Date,
    actor: &Actor,
    f: impl FnOnce(&mut Product, Date) -> Result<T>,
) -> Result<(Product, Option<productfile::model::Decision>, T)> {
    let mut tx = Transaction::in_memory(product, on);
    let out = tx.apply(f)?;
    let done = tx.commit(actor)?;
    Ok((done.product, done.decision, out))
}

/// A custom standard's points listed again, in order.
fn listed(points: &[&str]) -> SetService {
    SetService {
        points: points.iter().map(|p| (*p).to_owned()).collect(),
        ..SetService::default()
    }
}

fn outcome(id: &str, point: u32, result: PointResult, recommendations: &[&str]) -> RecordOutcome {
    RecordOutcome {
        result: Some(result),
        recommendations: recommendations.iter().map(|r| (*r).to_owned()).collect(),
        ..RecordOutcome::new(id, point)
    }
}

/// The alpha assessment as a panel gave it: points 5, 9 and 12 not met,
/// six recommendations (two each on 5 and 9, one each on 12 and 1).
fn alpha_assessed() -> Product {
    let ada = Actor::named(ADA);
    let agreed = Actor::named(ADA).agreed_by(LEE);
    let (p, _, _) = change(start(), day(7, 1), &agreed, |p, _| {
        service::set(
            p,
            &SetService {
                phase: Some(Phase::Alpha),
                standard: Some(Standard::Govuk),
                points: Vec::new(),
            },
        )
    })
    .unwrap();
    let (p, d, a1) = change(p, day(9, 1), &ada, |p, on| {
        assessment::plan(
            p,
            on,
            &PlanAssessment {
                panel: vec!["Sam Lee (lead)".into(), "Ana Ruiz".into()],
                ..PlanAssessment::new(Phase::Alpha, day(9, 14))
            },
        )
    })
    .unwrap();
    assert_eq!(a1.id, "A1");
    let d = d.expect("planning an assessment is logged");
    assert_eq!(d.kinds, [DecisionKind::Assessment]);
    assert_eq!(d.decided_by, ADA);
    assert!(d.agreed_by.is_empty());
    let mut p = p;
    for point in 1..=14 {
        let rec = match point {
            1 => outcome(
                "A1",
                1,
                PointResult::Met,
                &["Research with assisted digital users"],
            ),
            5 => outcome(
                "A1",
                5,
                PointResult::NotMet,
                &[
                    "Test with screen reader users",
                    "Publish an accessibility statement",
                ],
            ),
            9 => outcome(
                "A1",
                9,
                PointResult::NotMet,
                &[
                    "Complete a threat model",
                    "Agree data retention with the data protection officer",
                ],
            ),
            12 => outcome("A1", 12, PointResult::NotMet, &["Publish the code openly"]),
            n => outcome("A1", n, PointResult::Met, &[]),
        };
        let (next, d, _) =
            change(p, day(9, 15), &ada, |p, on| assessment::record(p, on, &rec)).unwrap();
        assert!(d.is_some_and(|d| d.kinds == [DecisionKind::Assessment]));
        p = next;
    }
    p
}

fn addressing(title: &str, recommendation: &str) -> AddItem {
    AddItem {
        title: title.into(),
        fields: ItemFields {
            recommendation: Some(Some(recommendation.into())),
            ..ItemFields::default()
        },
        scores: Scores::default(),
    }
}

/// Items for four recommendations (two done), the phase moved on, and the
/// beta assessment planned 20 days from today.
fn beta_planned() -> Product {
    let ada = Actor::named(ADA);
    let (p, _, _) = change(alpha_assessed(), day(9, 20), &ada, |p, on| {
        for (title, rec) in [
            ("Screen reader testing round", "A1.R2"),
            ("Accessibility statement", "A1.R3"),
            ("Threat model", "A1.R4"),
            ("Retention schedule", "A1.R5"),
        ] {
            item_ops::add(p, on, &addressing(title, rec))?;
        }
        Ok(())
    })
    .unwrap();
    let (p, _, _) = change(p, day(10, 30), &ada, |p, on| {
        for id in ["FL-4", "FL-6"] {
            item_ops::done(
                p,
                on,
                &DoneItem {
                    id: id.into(),
                    result: None,
                    learning: None,
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    let agreed = Actor::named(ADA).agreed_by(LEE);
    let (p, d, _) = change(p, day(10, 1), &agreed, |p, _| {
        service::set(
            p,
            &SetService {
                phase: Some(Phase::Beta),
                ..SetService::default()
            },
        )
    })
    .unwrap();
    let d = d.expect("moving the phase is logged, agreed");
    assert_eq!(d.kinds, [DecisionKind::Launch]);
    assert_eq!(d.agreed_by, [LEE]);
    let (p, _, a2) = change(p, today(), &ada, |p, on| {
        assessment::plan(p, on, &PlanAssessment::new(Phase::Beta, day(12, 13)))
    })
    .unwrap();
    assert_eq!(a2.id, "A2");
    p
}

#[test]
fn an_alpha_assessment_rebuilt_and_the_beta_prepared() {
    let p = beta_planned();
    let a1 = p.find_assessment("A1").unwrap();
    assert_eq!(a1.points.len(), 14);
    assert_eq!(a1.recommendations.len(), 6);
    assert_eq!(
        p.recommendation_refs(),
        ["A1.R1", "A1.R2", "A1.R3", "A1.R4", "A1.R5", "A1.R6"]
    );

    // The service's standing: each point's last outcome.
    let s = service_query::service(&p, today()).unwrap();
    assert_eq!(s.phase, Phase::Beta);
    assert_eq!(s.points.len(), 14);
    let not_met: Vec<u32> = s
        .points
        .iter()
        .filter(|x| {
            x.last
                .as_ref()
                .is_some_and(|l| l.result == PointResult::NotMet)
        })
        .map(|x| x.number)
        .collect();
    assert_eq!(not_met, [5, 9, 12]);
    let last = s.last.unwrap();
    assert_eq!((last.id.as_str(), last.met, last.not_met), ("A1", 11, 3));
    assert_eq!(last.outcome, Some(PointResult::NotMet));
    let next = s.next.unwrap();
    assert_eq!((next.id.as_str(), next.days_away), ("A2", 20));

    // Readiness: every point, with its evidence and its gaps.
    let r = readiness::readiness(&p, "A2", today()).unwrap();
    assert_eq!(r.previous.as_deref(), Some("A1"));
    let numbers: Vec<u32> = r.points.iter().map(|x| x.number).collect();
    assert_eq!(numbers, (1..=14).collect::<Vec<_>>());
    let point = |n: u32| r.points.iter().find(|x| x.number == n).unwrap();
    let texts = |list: &[readiness::Found]| -> Vec<String> {
        list.iter().map(|f| f.text.clone()).collect()
    };
    let p1 = point(1);
    assert_eq!(p1.previous, Some(PointResult::Met));
    assert_eq!(p1.sources, ["needs", "experiments"]);
    assert_eq!(
        texts(&p1.evidence),
        [
            "N1 (validated): As an angler I need a licence before I fish so that I am not fined; 2 pieces of evidence, 11 people",
            "FL-1 validated: Does a reminder email cut lapsed licences?",
        ]
    );
    assert!(p1.gaps.is_empty());
    // Point 4 is shown by the usability test among the need's evidence.
    assert_eq!(
        texts(&point(4).evidence)[0],
        "N1: usability test on 2026-08-20, 5 people: All five bought a licence in under four minutes"
    );
    // Point 5: the tagged work, and last time's two recommendations.
    let p5 = point(5);
    assert_eq!(
        texts(&p5.evidence),
        [
            "FL-2 (done): Keyboard-only journey",
            "N1: usability test on 2026-08-20, 5 people: All five bought a licence in under four minutes",
        ]
    );
    let recs: Vec<(&str, &str)> = p5
        .recommendations
        .iter()
        .map(|x| (x.reference.as_str(), x.progress.words()))
        .collect();
    assert_eq!(recs, [("A1.R2", "addressed"), ("A1.R3", "in progress")]);
    // Point 6: the team and their roles.
    assert_eq!(
        texts(&point(6).evidence),
        [
            "Ada Lovell: owner",
            "Lee Marsh: leadership",
            "Tom Reyes: team"
        ]
    );
    // Point 10: the mandatory KPIs at beta, each found or missing once.
    let p10 = point(10);
    assert_eq!(
        texts(&p10.evidence),
        [
            "K1 Cost per transaction: £2.10 on 2026-10-01",
            "K2 User satisfaction: 81% on 2026-11-10",
        ]
    );
    assert_eq!(
        texts(&p10.gaps),
        [
            "K3 Completion rate: no reading",
            "K4 Digital take-up: the latest reading (2026-06-01) is older than its monthly cadence",
            "no objective runs now",
        ]
    );
    // Point 12: nothing in the file, and its recommendation has no item.
    let p12 = point(12);
    assert!(!p12.has_evidence());
    assert_eq!(texts(&p12.gaps), ["no item tagged open-source"]);
    assert_eq!(p12.recommendations[0].progress.words(), "no item");
    assert_eq!(r.unaddressed, 4);
    let empty: Vec<u32> = r
        .points
        .iter()
        .filter(|x| !x.has_evidence())
        .map(|x| x.number)
        .collect();
    assert_eq!(empty, [12, 13]);
    assert_eq!(r.with_evidence, 12);

    // The checks: four unaddressed recommendations (two with open items,
    // two with none), two mandatory KPIs without a reading in cadence, and
    // the two points with no evidence.
    let findings = check::check(&p, None, today());
    let of = |rule: &str| -> Vec<(String, String)> {
        findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.path.to_string(), f.message.clone()))
            .collect()
    };
    let unaddressed = of("recommendation-unaddressed");
    let paths: Vec<&str> = unaddressed.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "assessments[A1].recommendations[R1].id",
            "assessments[A1].recommendations[R3].id",
            "assessments[A1].recommendations[R5].id",
            "assessments[A1].recommendations[R6].id",
        ]
    );
    assert!(
        unaddressed[0].1.contains("no item addresses it"),
        "{unaddressed:?}"
    );
    assert!(
        unaddressed[1].1.contains("its items (FL-5) are not done"),
        "{unaddressed:?}"
    );
    assert!(
        unaddressed[2].1.contains("its items (FL-7) are not done"),
        "{unaddressed:?}"
    );
    assert!(
        unaddressed[3].1.contains("no item addresses it"),
        "{unaddressed:?}"
    );
    assert!(unaddressed[0].1.contains("A2 is in 20 days (2026-12-13)"));
    let kpis = of("mandatory-kpi-missing");
    assert_eq!(
        kpis.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        ["kpis[K3].id", "kpis[K4].id"]
    );
    assert!(kpis[0].1.contains("has no reading"));
    assert!(kpis[1].1.contains("was last read on 2026-06-01"));
    let gaps = of("assessment-gap");
    assert_eq!(gaps.len(), 2);
    assert!(
        gaps[0]
            .1
            .starts_with("point 12 (Make new source code open) has no evidence")
    );
    assert!(of("phase-behind").is_empty());

    // Outside the window the recommendations and gaps wait; the KPIs do not.
    let early = check::check(&p, None, day(11, 12));
    assert!(!early.iter().any(|f| f.rule == "recommendation-unaddressed"));
    assert!(!early.iter().any(|f| f.rule == "assessment-gap"));
    assert_eq!(
        early
            .iter()
            .filter(|f| f.rule == "mandatory-kpi-missing")
            .count(),
        2
    );

    // The report's section says the same.
    let rep = report::report(&p, today(), &report::Options::default());
    let section = rep.service.expect("a service has the section");
    assert_eq!(section.readiness.unwrap().unaddressed, 4);
    assert_eq!(
        section.service.points[4].last.as_ref().unwrap().result,
        PointResult::NotMet
    );

    // Addressing the rest clears the finding; a held beta assessment with
    // the phase left behind is flagged.
    let ada = Actor::named(ADA);
    let (p, _, _) = change(p, today(), &ada, |p, on| {
        for id in ["FL-5", "FL-7"] {
            item_ops::done(
                p,
                on,
                &DoneItem {
                    id: id.into(),
                    result: None,
                    learning: None,
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    let left: Vec<String> = check::check(&p, None, today())
        .into_iter()
        .filter(|f| f.rule == "recommendation-unaddressed")
        .filter_map(|f| f.entity)
        .collect();
    assert_eq!(left, ["A1.R1", "A1.R6"]);
}

#[test]
fn a_held_assessment_for_a_later_phase_flags_the_phase() {
    let mut p = alpha_assessed();
    // The beta assessment held while the file still says alpha.
    let ada = Actor::named(ADA);
    let (q, _, _) = change(p.clone(), today(), &ada, |p, on| {
        assessment::plan(p, on, &PlanAssessment::new(Phase::Beta, day(11, 20)))?;
        assessment::record(p, on, &outcome("A2", 1, PointResult::Met, &[]))
    })
    .unwrap();
    let behind: Vec<_> = check::check(&q, None, today())
        .into_iter()
        .filter(|f| f.rule == "phase-behind")
        .collect();
    assert_eq!(behind.len(), 1);
    assert_eq!(behind[0].path.to_string(), "service.phase");
    assert_eq!(
        behind[0].message,
        "the service is in alpha, and A2 was its beta assessment, held on 2026-11-20"
    );
    // At beta it is not behind.
    p = q;
    p.service.as_mut().unwrap().phase = Phase::Beta;
    assert!(
        !check::check(&p, None, today())
            .iter()
            .any(|f| f.rule == "phase-behind")
    );
}

#[test]
fn a_reassessment_of_some_points_leaves_the_others_last_word_with_the_one_before() {
    // A1 held with 5, 9 and 12 not met; A2 reassesses 5 and 9 only, and
    // meets them; the beta assessment is then planned.
    let ada = Actor::named(ADA);
    let (p, _, _) = change(alpha_assessed(), day(10, 20), &ada, |p, on| {
        assessment::plan(p, on, &PlanAssessment::new(Phase::Alpha, day(10, 20)))?;
        assessment::record(p, on, &outcome("A2", 5, PointResult::Met, &[]))?;
        assessment::record(
            p,
            on,
            &outcome(
                "A2",
                9,
                PointResult::Met,
                &["Keep the threat model current"],
            ),
        )?;
        // A note on 12 alone: the panel did not judge it again.
        assessment::record(
            p,
            on,
            &RecordOutcome {
                note: Some("Not looked at this time".into()),
                ..RecordOutcome::new("A2", 12)
            },
        )?;
        assessment::plan(p, on, &PlanAssessment::new(Phase::Beta, day(12, 13)))
    })
    .unwrap();
    let r = readiness::readiness(&p, "A3", today()).unwrap();
    assert_eq!(r.previous.as_deref(), Some("A2"));
    let by = |n: u32| {
        let x = &r.points[n as usize - 1];
        (
            x.judged_by.clone().unwrap_or_default(),
            x.previous,
            x.recommendations
                .iter()
                .map(|rec| rec.reference.clone())
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        by(1),
        ("A1".into(), Some(PointResult::Met), vec!["A1.R1".into()])
    );
    assert_eq!(by(5), ("A2".into(), Some(PointResult::Met), vec![]));
    assert_eq!(
        by(9),
        ("A2".into(), Some(PointResult::Met), vec!["A2.R1".into()])
    );
    assert_eq!(
        by(12),
        ("A1".into(), Some(PointResult::NotMet), vec!["A1.R6".into()])
    );
    assert_eq!((r.recommendations, r.unaddressed), (3, 3));
    // The check follows the same recommendations.
    let asked: Vec<String> = check::check(&p, None, today())
        .into_iter()
        .filter(|f| f.rule == "recommendation-unaddressed")
        .filter_map(|f| f.entity)
        .collect();
    assert_eq!(asked, ["A1.R1", "A2.R1", "A1.R6"]);

    // A planned assessment whose day has passed still answers to every
    // panel held so far, A2 included.
    let (p, _, _) = change(p, day(10, 20), &ada, |p, on| {
        p.assessments[2].date = day(10, 1);
        Ok(on)
    })
    .unwrap();
    let r = readiness::readiness(&p, "A3", today()).unwrap();
    assert_eq!(r.previous.as_deref(), Some("A2"));
    assert_eq!(r.points[4].judged_by.as_deref(), Some("A2"));
}

#[test]
fn the_phase_is_launch_and_assessments_are_the_owners_alone() {
    // Moving the phase needs leadership's agreement.
    let e = change(start(), today(), &Actor::named(ADA), |p, _| {
        service::set(
            p,
            &SetService {
                phase: Some(Phase::Alpha),
                ..SetService::default()
            },
        )
    })
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Refused, "{e}");
    assert!(
        e.message.contains("launch decisions need the agreement"),
        "{e}"
    );

    // Planning and recording are the owner's, without agreement, and the
    // team may not do them.
    let p = alpha_assessed();
    let e = change(p.clone(), today(), &Actor::named(TOM), |p, on| {
        assessment::plan(p, on, &PlanAssessment::new(Phase::Beta, day(12, 13)))
    })
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Refused, "{e}");
    assert!(
        e.message.contains("may not take assessment decisions"),
        "{e}"
    );
    let e = change(p.clone(), today(), &Actor::named(TOM), |p, on| {
        assessment::record(p, on, &outcome("A1", 2, PointResult::NotMet, &[]))
    })
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Refused, "{e}");
    // Nobody named: an assessment is always logged, so someone must be.
    let e = change(p.clone(), today(), &Actor::nobody(), |p, on| {
        assessment::plan(p, on, &PlanAssessment::new(Phase::Beta, day(12, 13)))
    })
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Refused, "{e}");
    assert_eq!(
        e.message,
        "this is an assessment decision, and nobody is named as making it"
    );
    // Every planning and every recording is in the log, decided by Ada alone.
    let logged: Vec<_> = p
        .decisions
        .iter()
        .filter(|d| d.is_of(DecisionKind::Assessment))
        .collect();
    assert_eq!(logged.len(), 15);
    assert!(
        logged
            .iter()
            .all(|d| d.decided_by == ADA && d.agreed_by.is_empty())
    );
    assert_eq!(
        logged[0].summary,
        "A1 added: alpha assessment on 2026-09-14"
    );
    assert!(
        logged[5].summary.contains("point 5: not met")
            && logged[5]
                .summary
                .contains("recommendations added A1.R2, A1.R3"),
        "{}",
        logged[5].summary
    );
}

#[test]
fn bad_input_is_refused_with_what_is_known() {
    let p = alpha_assessed();
    let mut q = p.clone();
    let on = today();
    // An unknown point, assessment and recommendation: exit 3, with the known ones.
    let e = assessment::record(&mut q, on, &outcome("A1", 15, PointResult::Met, &[])).unwrap_err();
    assert_eq!((e.kind, e.code), (ErrorKind::Invalid, ErrorCode::UnknownId));
    assert_eq!(e.message, "no point `15`");
    assert_eq!(
        e.hint.as_deref(),
        Some("known points: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14")
    );
    let e = assessment::record(&mut q, on, &outcome("A7", 1, PointResult::Met, &[])).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownId);
    assert_eq!(e.hint.as_deref(), Some("known assessments: A1"));
    let e = item_ops::add(&mut q, on, &addressing("Something", "A1.R9")).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownId);
    assert!(e.hint.as_deref().unwrap().contains("A1.R1, A1.R2"), "{e:?}");
    // A phase that is not assessed, a second beta plan, an outcome dated ahead.
    let e = assessment::plan(
        &mut q,
        on,
        &PlanAssessment::new(Phase::Discovery, day(12, 1)),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidValue);
    assert!(e.hint.unwrap().contains("alpha, beta or live"));
    assessment::plan(&mut q, on, &PlanAssessment::new(Phase::Beta, day(12, 13))).unwrap();
    let e =
        assessment::plan(&mut q, on, &PlanAssessment::new(Phase::Beta, day(12, 20))).unwrap_err();
    assert!(e.message.contains("A2 is already planned"), "{e}");
    let e = assessment::record(&mut q, on, &outcome("A2", 1, PointResult::Met, &[])).unwrap_err();
    assert_eq!(e.code, ErrorCode::DateInFuture);
    // Nothing to record.
    let e = assessment::record(&mut q, on, &RecordOutcome::new("A1", 3)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Usage);
    // A standard that would orphan recorded points is refused.
    let mut custom = p.clone();
    let e = service::set(
        &mut custom,
        &SetService {
            standard: Some(Standard::Custom),
            points: vec!["One".into(), "Two".into()],
            ..SetService::default()
        },
    )
    .unwrap_err();
    assert!(e.message.contains("A1 records point 3"), "{e}");
    assert_eq!(custom, p);
    // Not a service yet.
    let mut plain = start();
    let e = assessment::plan(&mut plain, on, &PlanAssessment::new(Phase::Alpha, on)).unwrap_err();
    assert!(e.message.contains("no [service]"), "{e}");
}

#[test]
fn the_nhs_standard_has_seventeen_points_and_a_custom_one_its_own() {
    let agreed = Actor::named(ADA).agreed_by(LEE);
    let ada = Actor::named(ADA);
    // NHS: 17 points; the GOV.UK KPIs are not asked of it.
    let (p, _, _) = change(start(), today(), &agreed, |p, _| {
        service::set(
            p,
            &SetService {
                phase: Some(Phase::Beta),
                standard: Some(Standard::Nhs),
                points: Vec::new(),
            },
        )
    })
    .unwrap();
    assert_eq!(p.standard_points().len(), 17);
    let (p, _, _) = change(p, today(), &ada, |p, on| {
        assessment::plan(p, on, &PlanAssessment::new(Phase::Beta, day(11, 2)))?;
        assessment::record(
            p,
            on,
            &outcome(
                "A1",
                16,
                PointResult::NotMet,
                &["Name a clinical safety officer"],
            ),
        )?;
        assessment::record(p, on, &outcome("A1", 17, PointResult::Met, &[]))?;
        assessment::plan(p, on, &PlanAssessment::new(Phase::Live, day(12, 1)))
    })
    .unwrap();
    let s = service_query::service(&p, today()).unwrap();
    assert_eq!(s.standard_name, "NHS service standard");
    assert_eq!(s.points[15].title, "Make your service clinically safe");
    assert_eq!(
        s.points[15].last.as_ref().unwrap().result,
        PointResult::NotMet
    );
    let r = readiness::readiness(&p, "A2", today()).unwrap();
    assert_eq!(r.points.len(), 17);
    assert_eq!(r.points[15].gaps[0].text, "no item tagged clinical-safety");
    assert_eq!(r.points[15].recommendations[0].reference, "A1.R1");
    let findings = check::check(&p, None, today());
    assert!(!findings.iter().any(|f| f.rule == "mandatory-kpi-missing"));
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.rule == "recommendation-unaddressed")
            .count(),
        1
    );
    let mut q = p.clone();
    let e =
        assessment::record(&mut q, today(), &outcome("A1", 18, PointResult::Met, &[])).unwrap_err();
    assert!(e.hint.unwrap().ends_with("15, 16, 17"));

    // A custom standard of five points, with evidence mapped per point.
    let (mut p, d, _) = change(start(), today(), &agreed, |p, _| {
        service::set(
            p,
            &SetService {
                phase: Some(Phase::Alpha),
                standard: Some(Standard::Custom),
                points: [
                    "Know the anglers",
                    "One journey",
                    "Easy",
                    "For everyone",
                    "Safe",
                ]
                .map(String::from)
                .to_vec(),
            },
        )
    })
    .unwrap();
    assert_eq!(d.unwrap().kinds, [DecisionKind::Launch]);
    p.service.as_mut().unwrap().points[0].evidence = vec!["needs".into()];
    p.service
        .as_mut()
        .unwrap()
        .evidence
        .insert("5".into(), vec!["tag:security".into()]);
    // Naming the points again keeps what the file says of those unchanged.
    let mut renamed = p.clone();
    service::set(
        &mut renamed,
        &listed(&[
            "Know the anglers",
            "Whole journey",
            "Easy",
            "For everyone",
            "Safe",
        ]),
    )
    .unwrap();
    let kept = &renamed.service.as_ref().unwrap().points;
    assert_eq!(kept[0].evidence, ["needs"]);
    assert_eq!(kept[1].title, "Whole journey");
    // Retitled in place: the evidence words stay with the number.
    let mut retitled = p.clone();
    service::set(
        &mut retitled,
        &listed(&[
            "Know who fishes",
            "One journey",
            "Easy",
            "For everyone",
            "Safe",
        ]),
    )
    .unwrap();
    assert_eq!(
        retitled.service.as_ref().unwrap().points[0].evidence,
        ["needs"]
    );
    let points = p.standard_points();
    assert_eq!(points.len(), 5);
    assert_eq!(points[4].evidence, [Source::Tag("security".into())]);
    let (p, _, _) = change(p, today(), &ada, |p, on| {
        assessment::plan(p, on, &PlanAssessment::new(Phase::Alpha, day(12, 1)))
    })
    .unwrap();
    let r = readiness::readiness(&p, "A1", today()).unwrap();
    assert_eq!(r.points.len(), 5);
    assert!(r.points[0].has_evidence());
    assert_eq!(
        r.points[4].evidence[0].text,
        "FL-3 (ready): Penetration test"
    );
    assert_eq!(
        r.points[1].gaps[0].text,
        "no source of evidence is mapped to this point; set one in [service.evidence]"
    );
    let gaps = check::check(&p, None, today())
        .into_iter()
        .filter(|f| f.rule == "assessment-gap")
        .count();
    assert_eq!(gaps, 3);
    let mut q = p.clone();
    let e = assessment::record(&mut q, day(12, 1), &outcome("A1", 6, PointResult::Met, &[]))
        .unwrap_err();
    assert_eq!(e.hint.as_deref(), Some("known points: 1, 2, 3, 4, 5"));
    // The data ships both known standards whole.
    // Reordering the points before anything is recorded: each keeps its
    // evidence, and its [service.evidence] entry, by its title.
    let swapped = listed(&[
        "Know the anglers",
        "One journey",
        "Safe",
        "For everyone",
        "Easy",
    ]);
    let mut planned = p.clone();
    planned.assessments.clear();
    service::set(&mut planned, &swapped).unwrap();
    let s = planned.service.as_ref().unwrap();
    assert_eq!(s.points[2].title, "Safe");
    assert_eq!(s.points[0].evidence, ["needs"]);
    assert_eq!(
        s.evidence.keys().collect::<Vec<_>>(),
        ["3"],
        "Safe's tag:security moved with it"
    );
    // Once an assessment has recorded a point, the point keeps its number.
    let mut q = p.clone();
    assessment::record(&mut q, day(12, 1), &outcome("A1", 5, PointResult::Met, &[])).unwrap();
    let before = q.clone();
    let e = service::set(&mut q, &swapped).unwrap_err();
    assert_eq!(
        e.message,
        "point 5 (Safe) would become point 3, and assessment A1 records point 5: what the panel found would fall to another point"
    );
    assert_eq!(
        e.hint.as_deref(),
        Some(
            "keep the recorded points at their numbers (Safe stays point 5) and add new points after them"
        )
    );
    assert_eq!(q, before);
    // Adding a point after the recorded ones is fine.
    service::set(
        &mut q,
        &listed(&[
            "Know the anglers",
            "One journey",
            "Easy",
            "For everyone",
            "Safe",
            "Fast",
        ]),
    )
    .unwrap();
    assert_eq!(q.standard_points().len(), 6);

    assert_eq!(known_points(Standard::Govuk).len(), 14);
    assert_eq!(known_points(Standard::Nhs).len(), 17);
}
