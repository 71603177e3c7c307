//! Objectives, key results and KPIs through the library, without the
//! binary: the rules of `ops::okr` and `ops::kpi` (ids, start = target,
//! weights, dates after today, duplicate names, thresholds), that a refused
//! change leaves the product as it was, and the reports of `query`.

use productfile::goals::{Band, KpiStatus, Status as Pace};
use productfile::model::{Commitment, Date, Direction, Experiment, Item, Kind, Product};
use productfile::ops::kpi::{self, AddKpi, EditKpi, Record};
use productfile::ops::okr::{
    self, AddKeyResult, AddObjective, CheckIn, EditKeyResult, EditObjective, RemoveKeyResult,
};
use productfile::query;
use productfile::{Error, ErrorCode, ErrorKind};

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn today() -> Date {
    day("2027-02-14")
}

fn objective(title: &str) -> AddObjective {
    AddObjective {
        title: title.into(),
        start: Some(day("2027-01-01")),
        end: Some(day("2027-03-31")),
        commitment: Commitment::Committed,
        description: None,
    }
}

fn key_result(objective: &str, start: f64, target: f64) -> AddKeyResult {
    AddKeyResult {
        objective: objective.into(),
        title: "Online completion rate".into(),
        unit: Some("%".into()),
        start,
        target,
        weight: None,
    }
}

/// A product with O1 (a committed quarter) and O1.KR1 from 62% to 85%.
fn product() -> Product {
    let mut p = Product::new("Payments".into(), "PAY".into());
    okr::add_objective(&mut p, today(), &objective("Make paying effortless")).unwrap();
    okr::add_key_result(&mut p, today(), &key_result("O1", 62.0, 85.0)).unwrap();
    p
}

/// Runs a change expected to fail and checks it left the product untouched.
fn fails<T: std::fmt::Debug>(
    p: &mut Product,
    change: impl FnOnce(&mut Product) -> productfile::error::Result<T>,
) -> Error {
    let before = p.clone();
    let e = change(p).expect_err("refused");
    assert_eq!(*p, before, "a refused change changed the product: {e}");
    e
}

#[test]
fn objectives_get_the_next_id_and_a_period_in_order() {
    let mut p = product();
    let o2 = okr::add_objective(&mut p, today(), &objective("Nobody pays a penalty")).unwrap();
    assert_eq!(o2.objective.id, "O2");
    assert_eq!(o2.objective.commitment, Some(Commitment::Committed));

    let e = fails(&mut p, |p| {
        okr::add_objective(p, today(), &objective("   "))
    });
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::Usage, "--title is empty")
    );
    let backwards = AddObjective {
        start: Some(day("2027-03-31")),
        end: Some(day("2027-01-01")),
        ..objective("Backwards")
    };
    let e = fails(&mut p, |p| okr::add_objective(p, today(), &backwards));
    assert_eq!(e.message, "--end 2027-01-01 is before --start 2027-03-31");

    let edit = |e: EditObjective| EditObjective {
        id: "O1".into(),
        ..e
    };
    let e = fails(&mut p, |p| {
        okr::edit_objective(p, today(), &edit(EditObjective::default()))
    });
    assert_eq!(e.message, "nothing to change");
    let e = fails(&mut p, |p| {
        okr::edit_objective(
            p,
            today(),
            &edit(EditObjective {
                end: Some(Some(day("2026-12-31"))),
                ..EditObjective::default()
            }),
        )
    });
    assert_eq!(e.message, "--end 2026-12-31 is before --start 2027-01-01");
    let edited = okr::edit_objective(
        &mut p,
        today(),
        &edit(EditObjective {
            title: Some(" Make paying effortless ".into()),
            commitment: Some(Commitment::Aspirational),
            ..EditObjective::default()
        }),
    )
    .unwrap();
    assert!(edited.changed);
    assert_eq!(edited.objective.title, "Make paying effortless");
    assert_eq!(edited.objective.commitment, Some(Commitment::Aspirational));
    let again = okr::edit_objective(
        &mut p,
        today(),
        &edit(EditObjective {
            commitment: Some(Commitment::Aspirational),
            ..EditObjective::default()
        }),
    )
    .unwrap();
    assert!(!again.changed);
}

#[test]
fn key_results_need_distance_between_start_and_target_and_a_weight_of_0_or_more() {
    let mut p = product();
    let kr2 = okr::add_key_result(
        &mut p,
        today(),
        &AddKeyResult {
            weight: Some(2.0),
            ..key_result("O1", 8.0, 5.0)
        },
    )
    .unwrap();
    assert_eq!(kr2.reference, "O1.KR2");
    assert_eq!(kr2.key_result.weight, Some(2.0));

    let e = fails(&mut p, |p| {
        okr::add_key_result(p, today(), &key_result("O1", 5.0, 5.0))
    });
    assert_eq!(
        (e.kind, e.code),
        (ErrorKind::Usage, ErrorCode::StartIsTarget)
    );
    assert!(
        e.message.starts_with("--start and --target are both 5"),
        "{e}"
    );
    let heavy = AddKeyResult {
        weight: Some(-1.0),
        ..key_result("O1", 0.0, 1.0)
    };
    let e = fails(&mut p, |p| okr::add_key_result(p, today(), &heavy));
    assert_eq!(e.code, ErrorCode::InvalidValue);
    assert!(e.message.contains("weight -1 is negative"), "{e}");
    let e = fails(&mut p, |p| {
        okr::add_key_result(p, today(), &key_result("O9", 0.0, 1.0))
    });
    assert_eq!(e.code, ErrorCode::UnknownId);
    assert_eq!(e.message, "no objective `O9`");
    assert_eq!(e.hint.as_deref(), Some("known objectives: O1"));

    // An edit is checked as a whole: a target equal to the start is refused.
    let target = |t: f64| EditKeyResult {
        reference: "O1.KR1".into(),
        target: Some(t),
        ..EditKeyResult::default()
    };
    let e = fails(&mut p, |p| okr::edit_key_result(p, today(), &target(62.0)));
    assert_eq!(e.code, ErrorCode::StartIsTarget);
    let edited = okr::edit_key_result(&mut p, today(), &target(90.0)).unwrap();
    assert!(edited.changed);
    assert_eq!(edited.key_result.target, 90.0);
    let unweighted = okr::edit_key_result(
        &mut p,
        today(),
        &EditKeyResult {
            reference: "O1.KR2".into(),
            weight: Some(None),
            ..EditKeyResult::default()
        },
    )
    .unwrap();
    assert_eq!(unweighted.key_result.weight, None);
    // A reference needs its objective, and the hint says so.
    let e = fails(&mut p, |p| {
        okr::edit_key_result(
            p,
            today(),
            &EditKeyResult {
                reference: "KR1".into(),
                ..target(80.0)
            },
        )
    });
    assert_eq!(e.code, ErrorCode::UnknownId);
    let hint = e.hint.unwrap_or_default();
    assert!(
        hint.starts_with("a key result is named with its objective, as O1.KR1"),
        "{hint}"
    );
}

#[test]
fn a_check_in_goes_in_date_order_and_the_latest_stays_current() {
    let mut p = product();
    let on = |date: &str, value: f64| CheckIn {
        date: Some(day(date)),
        ..CheckIn::new("O1.KR1", value)
    };
    let first = okr::check_in(&mut p, today(), &on("2027-02-01", 70.0)).unwrap();
    assert!(!first.back_dated && first.same_day.is_none());
    assert_eq!(first.objective, "O1");
    let earlier = okr::check_in(&mut p, today(), &on("2027-01-15", 66.0)).unwrap();
    assert!(earlier.back_dated);
    let kr = p.find_key_result("O1.KR1").unwrap();
    assert_eq!(kr.current, Some(70.0));
    let dates: Vec<String> = kr.history.iter().map(|r| r.date.to_string()).collect();
    assert_eq!(dates, ["2027-01-15", "2027-02-01"]);

    let again = okr::check_in(&mut p, today(), &on("2027-02-01", 71.0)).unwrap();
    assert_eq!(again.same_day.map(|r| r.value), Some(70.0));
    assert_eq!(p.find_key_result("O1.KR1").unwrap().current, Some(71.0));

    // Today when no date is given; never after today.
    let now = okr::check_in(&mut p, today(), &CheckIn::new("O1.KR1", 73.0)).unwrap();
    assert_eq!(now.reading.date, today());
    let e = fails(&mut p, |p| {
        okr::check_in(p, today(), &on("2027-02-15", 80.0))
    });
    assert_eq!(e.code, ErrorCode::DateInFuture);
    assert!(
        e.message.contains("2027-02-15 is after today (2027-02-14)"),
        "{e}"
    );
    let e = fails(&mut p, |p| {
        okr::check_in(p, today(), &CheckIn::new("O1.KR9", 1.0))
    });
    assert_eq!(e.code, ErrorCode::UnknownId);
    assert_eq!(e.hint.as_deref(), Some("known key results: O1.KR1"));
}

#[test]
fn an_objective_grades_as_its_key_results_and_paces_its_period() {
    let mut p = product();
    okr::check_in(&mut p, today(), &CheckIn::new("O1.KR1", 73.5)).unwrap();
    // (73.5 - 62) / (85 - 62) = 0.5; half of a 90-day quarter has passed.
    let report = query::okr::objective(&p, "O1", today()).unwrap();
    assert_eq!(report.grade, Some(0.5));
    assert_eq!(report.colour, Some(Band::Amber));
    assert_eq!(report.status, Some(Pace::OnTrack));
    assert_eq!(report.key_results[0].reference, "O1.KR1");
    assert_eq!(
        report.key_results[0].items.as_deref().map(<[_]>::len),
        Some(0)
    );
    assert_eq!(query::okr::objectives(&p, today()).len(), 1);
    assert!(query::okr::objective(&p, "O2", today()).is_err());

    // A grade-less key result says why, as a value and in words.
    okr::add_key_result(&mut p, today(), &key_result("O1", 1.0, 2.0)).unwrap();
    p.objectives[0].key_results[1].target = 1.0;
    let report = query::okr::objective(&p, "O1", today()).unwrap();
    let kr2 = &report.key_results[1];
    assert!(kr2.grading_error.is_some());
    assert!(
        kr2.error
            .as_deref()
            .unwrap_or("")
            .contains("start and target are both 1")
    );
}

#[test]
fn a_key_result_that_items_link_to_is_removed_only_with_its_links() {
    let mut p = product();
    let mut linked = Item::new("PAY-1".into(), "Pay by card".into(), Kind::Feature, today());
    linked.key_results = vec!["O1.KR1".into()];
    let mut experiment = Item::new(
        "PAY-2".into(),
        "Try Apple Pay".into(),
        Kind::Experiment,
        today(),
    );
    experiment.experiment = Some(Experiment {
        measure: Some("O1.KR1".into()),
        ..Experiment::default()
    });
    p.items = vec![linked, experiment];
    let rm = |unlink: bool| RemoveKeyResult {
        reference: "O1.KR1".into(),
        unlink,
    };
    let e = fails(&mut p, |p| okr::remove_key_result(p, today(), &rm(false)));
    assert_eq!(e.message, "O1.KR1 has items linked to it: PAY-1, PAY-2");
    let removed = okr::remove_key_result(&mut p, today(), &rm(true)).unwrap();
    assert_eq!(removed.unlinked, ["PAY-1", "PAY-2"]);
    assert!(p.objectives[0].key_results.is_empty());
    assert!(p.items[0].key_results.is_empty());
    assert_eq!(p.items[1].experiment.as_ref().unwrap().measure, None);
    assert!(p.dangling().is_empty());
}

#[test]
fn kpis_have_unique_names_and_thresholds_on_the_bad_side() {
    let mut p = Product::new("Payments".into(), "PAY".into());
    let satisfaction = AddKpi {
        target: Some(90.0),
        threshold: Some(80.0),
        ..AddKpi::new("User satisfaction", "%", Direction::Up)
    };
    assert_eq!(
        kpi::add(&mut p, today(), &satisfaction).unwrap().kpi.id,
        "K1"
    );
    let e = fails(&mut p, |p| {
        kpi::add(
            p,
            today(),
            &AddKpi::new("user SATISFACTION ", "%", Direction::Up),
        )
    });
    assert_eq!(e.code, ErrorCode::DuplicateName);
    assert_eq!(
        e.message,
        "there is already a KPI named `User satisfaction` (K1)"
    );

    let cost = AddKpi {
        target: Some(1.5),
        threshold: Some(1.0),
        ..AddKpi::new("Cost per transaction", "£", Direction::Down)
    };
    let e = fails(&mut p, |p| kpi::add(p, today(), &cost));
    assert_eq!(e.code, ErrorCode::InvalidValue);
    assert!(
        e.message
            .contains("the threshold 1 is on the good side of the target 1.5"),
        "{e}"
    );

    let edit = |e: EditKpi| EditKpi {
        id: "K1".into(),
        ..e
    };
    let e = fails(&mut p, |p| {
        kpi::edit(
            p,
            today(),
            &edit(EditKpi {
                threshold: Some(Some(95.0)),
                ..EditKpi::default()
            }),
        )
    });
    assert!(
        e.message
            .contains("the threshold 95 is on the good side of the target 90"),
        "{e}"
    );
    // Its own name is no clash; removing the target makes the status unknown.
    let edited = kpi::edit(
        &mut p,
        today(),
        &edit(EditKpi {
            name: Some("User Satisfaction".into()),
            target: Some(None),
            ..EditKpi::default()
        }),
    )
    .unwrap();
    assert!(edited.changed);
    assert_eq!(edited.kpi.target, None);
    kpi::record(&mut p, today(), &Record::new("K1", 84.0)).unwrap();
    assert_eq!(query::kpi::kpis(&p, today())[0].status, KpiStatus::Unknown);
}

#[test]
fn a_kpi_reading_goes_in_date_order_and_the_latest_sets_the_status() {
    let mut p = Product::new("Payments".into(), "PAY".into());
    let satisfaction = AddKpi {
        target: Some(90.0),
        threshold: Some(80.0),
        ..AddKpi::new("User satisfaction", "%", Direction::Up)
    };
    kpi::add(&mut p, today(), &satisfaction).unwrap();
    let on = |date: &str, value: f64| Record {
        date: Some(day(date)),
        ..Record::new("K1", value)
    };
    kpi::record(&mut p, today(), &on("2027-02-01", 85.0)).unwrap();
    let late = kpi::record(&mut p, today(), &on("2027-01-01", 75.0)).unwrap();
    assert!(late.back_dated);
    let detail = query::kpi::kpi(&p, "K1", today()).unwrap();
    assert_eq!(detail.kpi.status, KpiStatus::Amber);
    let statuses: Vec<KpiStatus> = detail.readings.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [KpiStatus::Red, KpiStatus::Amber]);
    assert_eq!(detail.readings[1].change, Some(10.0));
    let e = fails(&mut p, |p| kpi::record(p, today(), &on("2028-01-01", 95.0)));
    assert_eq!(e.code, ErrorCode::DateInFuture);
    let e = fails(&mut p, |p| kpi::record(p, today(), &Record::new("K2", 1.0)));
    assert_eq!(e.message, "no KPI `K2`");
}

#[test]
fn a_percentage_outside_0_to_100_is_recorded_with_a_warning() {
    let mut p = product();
    kpi::add(
        &mut p,
        today(),
        &AddKpi {
            target: Some(90.0),
            ..AddKpi::new("User satisfaction", "%", Direction::Up)
        },
    )
    .unwrap();
    kpi::add(
        &mut p,
        today(),
        &AddKpi::new("Calls", "calls", Direction::Down),
    )
    .unwrap();
    for (value, shown) in [(1_350_000.0, "1350000%"), (120.0, "120%"), (-5.0, "-5%")] {
        let recorded = kpi::record(&mut p, today(), &Record::new("K1", value)).unwrap();
        assert_eq!(
            recorded.warnings,
            [format!(
                "K1: {shown} is outside 0 to 100%; check the value (or the unit, if it is not a share of a whole)"
            )]
        );
        let checked = okr::check_in(&mut p, today(), &CheckIn::new("O1.KR1", value)).unwrap();
        assert_eq!(
            checked.warnings,
            [format!(
                "O1.KR1: {shown} is outside 0 to 100%; check the value (or the unit, if it is not a share of a whole)"
            )]
        );
    }
    // Recorded all the same; and 0 to 100, or another unit, is not warned about.
    assert_eq!(p.find_kpi("K1").unwrap().history.len(), 3);
    for value in [0.0, 85.0, 100.0] {
        assert!(
            kpi::record(&mut p, today(), &Record::new("K1", value))
                .unwrap()
                .warnings
                .is_empty()
        );
        assert!(
            okr::check_in(&mut p, today(), &CheckIn::new("O1.KR1", value))
                .unwrap()
                .warnings
                .is_empty()
        );
    }
    assert!(
        kpi::record(&mut p, today(), &Record::new("K2", 1_350_000.0))
            .unwrap()
            .warnings
            .is_empty()
    );
}

#[test]
fn a_target_or_threshold_in_percent_outside_0_to_100_is_warned_about() {
    let warning = |what: &str, shown: &str| {
        format!(
            "{what}: {shown} is outside 0 to 100%; check the value (or the unit, if it is not a share of a whole)"
        )
    };
    let mut p = product();
    let added = kpi::add(
        &mut p,
        today(),
        &AddKpi {
            target: Some(120.0),
            threshold: Some(-5.0),
            ..AddKpi::new("User satisfaction", "%", Direction::Up)
        },
    )
    .unwrap();
    assert_eq!(
        added.warnings,
        [warning("K1 target", "120%"), warning("K1 threshold", "-5%")]
    );
    let edited = kpi::edit(
        &mut p,
        today(),
        &EditKpi {
            id: "K1".into(),
            target: Some(Some(1_350_000.0)),
            ..EditKpi::default()
        },
    )
    .unwrap();
    assert_eq!(edited.warnings, [warning("K1 target", "1350000%")]);
    let kr = okr::add_key_result(&mut p, today(), &key_result("O1", 50.0, 150.0)).unwrap();
    assert_eq!(kr.warnings, [warning("O1.KR2 target", "150%")]);
    // In range, or in another unit: nothing to say.
    let calls = kpi::add(
        &mut p,
        today(),
        &AddKpi {
            target: Some(1_350_000.0),
            ..AddKpi::new("Calls", "calls", Direction::Down)
        },
    )
    .unwrap();
    assert!(calls.warnings.is_empty());
    let kr = okr::add_key_result(&mut p, today(), &key_result("O1", 0.0, 100.0)).unwrap();
    assert!(kr.warnings.is_empty());
}
