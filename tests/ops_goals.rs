//! Objectives, key results and KPIs through the library, without the
//! binary: the rules of `ops::okr` and `ops::kpi` (ids, start = target,
//! weights, dates after today, duplicate names, thresholds), that a refused
//! change leaves the product as it was, and the reports of `query`.

use productfile::goals::{Band, KpiStatus, Status as Pace};
use productfile::model::{
    Commitment, Date, DecisionKind, Direction, Experiment, Horizon, Item, Kind, Kpi, Product,
    RoadmapEntry,
};
use productfile::ops::init::Template;
use productfile::ops::kpi::{self, AddKpi, EditKpi, Record, RemoveKpi};
use productfile::ops::okr::{
    self, AddKeyResult, AddObjective, CheckIn, EditKeyResult, EditObjective, RemoveKeyResult,
    RemoveObjective,
};
use productfile::ops::readings::{EditReading, RemoveReading};
use productfile::ops::{Actor, Committed, Transaction};
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

// ------------------------------------------- editing and removing (issue 19)

/// O1 with O1.KR1 (linked from an item and an experiment) and O1.KR2, O2,
/// roadmap entry R1 serving O1, and K1 and K2, K2 an experiment's measure.
fn linked() -> Product {
    let mut p = product();
    okr::add_key_result(&mut p, today(), &key_result("O1", 10.0, 5.0)).unwrap();
    okr::add_objective(&mut p, today(), &objective("Nobody pays a penalty")).unwrap();
    for name in ["User satisfaction", "Cost per transaction"] {
        kpi::add(&mut p, today(), &AddKpi::new(name, "%", Direction::Up)).unwrap();
    }
    let mut card = Item::new("PAY-1".into(), "Pay by card".into(), Kind::Feature, today());
    card.key_results = vec!["O1.KR1".into()];
    let experiment = |id: &str, measure: &str| {
        let mut e = Item::new(id.into(), "Try Apple Pay".into(), Kind::Experiment, today());
        e.experiment = Some(Experiment {
            measure: Some(measure.into()),
            ..Experiment::default()
        });
        e
    };
    p.items = vec![
        card,
        experiment("PAY-2", "O1.KR2"),
        experiment("PAY-3", "K2"),
    ];
    p.roadmap.push(RoadmapEntry {
        id: "R1".into(),
        title: "Pay online".into(),
        horizon: Horizon::Now,
        outcome: None,
        objectives: vec!["O1".into(), "O2".into()],
        date: None,
        date_reason: None,
    });
    p
}

#[test]
fn an_objective_is_removed_with_its_key_results_only_with_the_links_to_them() {
    let mut p = linked();
    let rm = |id: &str, unlink: bool| RemoveObjective {
        id: id.into(),
        unlink,
    };
    let e = fails(&mut p, |p| {
        okr::remove_objective(p, today(), &rm("O1", false))
    });
    assert_eq!(e.kind, ErrorKind::Usage);
    assert_eq!(
        e.message,
        "O1 is linked to: items PAY-1, PAY-2 link to its key results; roadmap entry R1 serves it"
    );
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("`product okr rm O1 --unlink`"),
        "{e:?}"
    );
    let e = fails(&mut p, |p| {
        okr::remove_objective(p, today(), &rm("O9", true))
    });
    assert_eq!(
        (e.code, e.message.as_str()),
        (ErrorCode::UnknownId, "no objective `O9`")
    );

    let removed = okr::remove_objective(&mut p, today(), &rm("O1", true)).unwrap();
    assert_eq!(removed.objective.key_results.len(), 2);
    assert_eq!(removed.unlinked_items, ["PAY-1", "PAY-2"]);
    assert_eq!(removed.unlinked_roadmap, ["R1"]);
    assert_eq!(p.objectives.len(), 1);
    assert!(p.items[0].key_results.is_empty());
    assert_eq!(p.items[1].experiment.as_ref().unwrap().measure, None);
    assert_eq!(
        p.items[2].experiment.as_ref().unwrap().measure.as_deref(),
        Some("K2")
    );
    assert_eq!(p.roadmap[0].objectives, ["O2"]);
    assert!(p.dangling().is_empty());
    let e = fails(&mut p, |p| {
        okr::remove_objective(p, today(), &rm("O2", false))
    });
    assert_eq!(
        e.hint.as_deref(),
        Some(
            "take them off first (`product roadmap edit R1 --unlink-objective O2`), or run `product okr rm O2 --unlink` to take the links off"
        )
    );
    okr::remove_objective(&mut p, today(), &rm("O2", true)).unwrap();
    assert!(p.objectives.is_empty());
    assert!(p.roadmap[0].objectives.is_empty());
}

#[test]
fn a_key_result_removal_names_how_to_unlink_it() {
    let mut p = linked();
    let e = fails(&mut p, |p| {
        okr::remove_key_result(
            p,
            today(),
            &RemoveKeyResult {
                reference: "O1.KR2".into(),
                unlink: false,
            },
        )
    });
    assert_eq!(e.message, "O1.KR2 has items linked to it: PAY-2");
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("`product okr kr rm O1.KR2 --unlink`"),
        "{e:?}"
    );
}

#[test]
fn a_kpi_is_removed_only_with_the_experiments_that_measure_it() {
    let mut p = linked();
    let rm = |id: &str, unlink: bool| RemoveKpi {
        id: id.into(),
        unlink,
    };
    let e = fails(&mut p, |p| kpi::remove(p, today(), &rm("K2", false)));
    assert_eq!(e.message, "K2 is the measure of experiment PAY-3");
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("`product kpi rm K2 --unlink`")
    );
    let e = fails(&mut p, |p| kpi::remove(p, today(), &rm("K7", true)));
    assert_eq!(e.code, ErrorCode::UnknownId);

    kpi::remove(&mut p, today(), &rm("K1", false)).unwrap();
    let removed = kpi::remove(&mut p, today(), &rm("K2", true)).unwrap();
    assert_eq!(
        (removed.kpi.name.as_str(), removed.unlinked),
        ("Cost per transaction", vec!["PAY-3".to_owned()])
    );
    assert!(p.kpis.is_empty());
    assert_eq!(p.items[2].experiment.as_ref().unwrap().measure, None);
    assert!(p.dangling().is_empty());
}

/// K1 with readings on 2027-01-01 (70), 2027-02-01 (80, then 82 the same day).
fn read_kpi() -> Product {
    let mut p = Product::new("Payments".into(), "PAY".into());
    let satisfaction = AddKpi {
        target: Some(90.0),
        threshold: Some(75.0),
        ..AddKpi::new("User satisfaction", "%", Direction::Up)
    };
    kpi::add(&mut p, today(), &satisfaction).unwrap();
    for (date, value) in [
        ("2027-01-01", 70.0),
        ("2027-02-01", 80.0),
        ("2027-02-01", 82.0),
    ] {
        let r = Record {
            date: Some(day(date)),
            ..Record::new("K1", value)
        };
        kpi::record(&mut p, today(), &r).unwrap();
    }
    p
}

fn values(p: &Product) -> Vec<f64> {
    p.kpis[0].history.iter().map(|r| r.value).collect()
}

#[test]
fn a_kpi_reading_is_removed_by_its_date_and_a_shared_day_by_its_value() {
    let mut p = read_kpi();
    let e = fails(&mut p, |p| {
        kpi::remove_reading(p, today(), &RemoveReading::new("K1", day("2027-01-15")))
    });
    assert_eq!(
        (e.code, e.message.as_str()),
        (ErrorCode::UnknownId, "K1 has no reading on 2027-01-15")
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("its readings are dated 2027-01-01, 2027-02-01; see them with `product kpi show K1`")
    );
    let e = fails(&mut p, |p| {
        kpi::remove_reading(p, today(), &RemoveReading::new("K1", day("2027-02-01")))
    });
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::Usage, "K1 has 2 readings on 2027-02-01: 80, 82")
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("say which with --was, e.g. --was 80")
    );
    let e = fails(&mut p, |p| {
        kpi::remove_reading(
            p,
            today(),
            &RemoveReading {
                was: Some(81.0),
                ..RemoveReading::new("K1", day("2027-02-01"))
            },
        )
    });
    assert_eq!(e.message, "K1 has no reading of 81 on 2027-02-01");

    // Removing the latest puts the status back on the reading before it.
    assert_eq!(query::kpi::kpis(&p, today())[0].status, KpiStatus::Amber);
    let removed = kpi::remove_reading(
        &mut p,
        today(),
        &RemoveReading {
            was: Some(82.0),
            ..RemoveReading::new("K1", day("2027-02-01"))
        },
    )
    .unwrap();
    assert_eq!(removed.reading.value, 82.0);
    assert_eq!(removed.latest.map(|r| r.value), Some(80.0));
    kpi::remove_reading(
        &mut p,
        today(),
        &RemoveReading::new("K1", day("2027-02-01")),
    )
    .unwrap();
    assert_eq!(values(&p), [70.0]);
    assert_eq!(query::kpi::kpis(&p, today())[0].status, KpiStatus::Red);
}

#[test]
fn a_kpi_reading_is_corrected_in_place() {
    let mut p = read_kpi();
    let fix = |value: Option<f64>| EditReading {
        value,
        ..EditReading::new("K1", day("2027-01-01"))
    };
    let e = fails(&mut p, |p| kpi::edit_reading(p, today(), &fix(None)));
    assert_eq!(e.message, "nothing to change");
    let e = fails(&mut p, |p| {
        kpi::edit_reading(p, today(), &fix(Some(f64::NAN)))
    });
    assert_eq!(e.code, ErrorCode::InvalidValue);
    let edited = kpi::edit_reading(
        &mut p,
        today(),
        &EditReading {
            note: Some(Some("survey misread".into())),
            ..fix(Some(72.0))
        },
    )
    .unwrap();
    assert!(edited.changed);
    assert_eq!((edited.before.value, edited.reading.value), (70.0, 72.0));
    assert_eq!(values(&p), [72.0, 80.0, 82.0]);
    assert_eq!(p.kpis[0].history[0].note.as_deref(), Some("survey misread"));
    let again = kpi::edit_reading(&mut p, today(), &fix(Some(72.0))).unwrap();
    assert!(!again.changed);
}

#[test]
fn removing_or_correcting_a_check_in_moves_the_current_value() {
    let mut p = product();
    for (date, value) in [("2027-01-10", 65.0), ("2027-02-01", 70.0)] {
        let c = CheckIn {
            date: Some(day(date)),
            ..CheckIn::new("O1.KR1", value)
        };
        okr::check_in(&mut p, today(), &c).unwrap();
    }
    let kr = |p: &Product| p.find_key_result("O1.KR1").unwrap().clone();
    let e = fails(&mut p, |p| {
        okr::remove_check_in(p, today(), &RemoveReading::new("O1.KR1", day("2027-01-11")))
    });
    assert_eq!(
        e.hint.as_deref(),
        Some("its check-ins are dated 2027-01-10, 2027-02-01; see them with `product okr show O1`")
    );
    let e = fails(&mut p, |p| {
        okr::remove_check_in(p, today(), &RemoveReading::new("O1.KR9", day("2027-02-01")))
    });
    assert_eq!(e.code, ErrorCode::UnknownId);

    let fixed = EditReading {
        value: Some(71.0),
        ..EditReading::new("O1.KR1", day("2027-02-01"))
    };
    okr::edit_check_in(&mut p, today(), &fixed).unwrap();
    assert_eq!(kr(&p).current, Some(71.0));
    let removed = okr::remove_check_in(
        &mut p,
        today(),
        &RemoveReading::new("O1.KR1", day("2027-02-01")),
    )
    .unwrap();
    assert_eq!(removed.latest.map(|r| r.value), Some(65.0));
    assert_eq!(kr(&p).current, Some(65.0));
    okr::remove_check_in(
        &mut p,
        today(),
        &RemoveReading::new("O1.KR1", day("2027-01-10")),
    )
    .unwrap();
    // With no check-in left, the key result stands at its start.
    assert_eq!((kr(&p).current, kr(&p).history.len()), (None, 0));
}

#[test]
fn the_govuk_template_adds_the_kpis_a_product_lacks_with_the_next_ids() {
    let mut p = Product::new("Payments".into(), "PAY".into());
    kpi::add(
        &mut p,
        today(),
        &AddKpi::new("Time to pay", "s", Direction::Down),
    )
    .unwrap();
    kpi::add(
        &mut p,
        today(),
        &AddKpi::new("user satisfaction", "%", Direction::Up),
    )
    .unwrap();
    let applied = kpi::add_template(&mut p, today(), Template::Govuk).unwrap();
    let added: Vec<(&str, &str)> = applied
        .added
        .iter()
        .map(|k| (k.id.as_str(), k.name.as_str()))
        .collect();
    assert_eq!(
        added,
        [
            ("K3", "Cost per transaction"),
            ("K4", "Completion rate"),
            ("K5", "Digital take-up")
        ]
    );
    assert_eq!(
        (
            applied.skipped[0].name.as_str(),
            applied.skipped[0].id.as_str()
        ),
        ("User satisfaction", "K2")
    );
    // The same definitions as `init --template govuk`, under new ids.
    let starter = Template::Govuk.kpis();
    let cost = p.find_kpi("K3").unwrap();
    assert_eq!(
        Kpi {
            id: "K1".into(),
            ..cost.clone()
        },
        starter[0]
    );
    // Applying it again adds nothing.
    let again = kpi::add_template(&mut p, today(), Template::Govuk).unwrap();
    assert!(again.added.is_empty());
    assert_eq!(again.skipped.len(), 4);
    let e = fails(&mut p, |p| kpi::add_template(p, today(), Template::Basic));
    assert_eq!(e.message, "the basic template has no KPIs");
}

// ------------------------------------------------ governed like their change

/// An owner, leadership and a team member under the default rules, with
/// O1.KR1 (one check-in) and K1 (one reading).
const TEAM: &str = r#"version = 1

[product]
name = "Payments"
key = "PAY"
owner = "Priya Shah"

[[people]]
name = "Priya Shah"
roles = ["owner"]

[[people]]
name = "Dan Okafor"
roles = ["leadership"]

[[people]]
name = "Sam Lee"
roles = ["team"]

[[objectives]]
id = "O1"
title = "Make paying effortless"

[[objectives.key_results]]
id = "KR1"
title = "Online completion rate"
start = 62.0
target = 85.0
current = 70.0
history = [{ date = 2027-02-01, value = 70.0 }]

[[kpis]]
id = "K1"
name = "User satisfaction"
unit = "%"
direction = "up"
history = [{ date = 2027-02-01, value = 84.0 }]
"#;

fn team() -> Product {
    productfile::store::parse(TEAM, std::path::Path::new("product.toml")).unwrap()
}

type Change = fn(&mut Product, Date) -> productfile::error::Result<()>;

fn attempt(change: Change, actor: &Actor) -> productfile::error::Result<Committed> {
    let mut tx = Transaction::in_memory(team(), today());
    tx.apply(change)?;
    tx.commit(actor)
}

/// Refused to the owner alone; made with leadership's agreement, logging
/// one decision of `kind` that names `refs`.
fn needs_leadership(change: Change, kind: DecisionKind, refs: &[&str]) -> Product {
    let e = attempt(change, &Actor::named("Priya Shah"))
        .err()
        .expect("refused");
    assert_eq!(
        (e.kind, e.code),
        (ErrorKind::Refused, ErrorCode::Refused),
        "{e}"
    );
    assert!(
        e.message
            .contains("need the agreement of one of [leadership]"),
        "{e}"
    );
    let done = attempt(change, &Actor::named("Priya Shah").agreed_by("Dan Okafor")).unwrap();
    let d = done.decision.expect("a decision is logged");
    assert_eq!(
        (d.kinds, d.refs),
        (vec![kind], refs.iter().map(|r| (*r).to_owned()).collect())
    );
    assert_eq!(d.agreed_by, ["Dan Okafor"]);
    done.product
}

#[test]
fn removing_an_objective_or_a_key_result_is_a_goals_decision() {
    let p = needs_leadership(
        |p, today| {
            okr::remove_objective(
                p,
                today,
                &RemoveObjective {
                    id: "O1".into(),
                    unlink: false,
                },
            )?;
            Ok(())
        },
        DecisionKind::Goals,
        &["O1", "O1.KR1"],
    );
    assert!(p.objectives.is_empty());
    needs_leadership(
        |p, today| {
            okr::remove_key_result(
                p,
                today,
                &RemoveKeyResult {
                    reference: "O1.KR1".into(),
                    unlink: false,
                },
            )?;
            Ok(())
        },
        DecisionKind::Goals,
        &["O1.KR1"],
    );
    needs_leadership(
        |p, today| {
            okr::edit_objective(
                p,
                today,
                &EditObjective {
                    id: "O1".into(),
                    title: Some("Pay in a minute".into()),
                    ..EditObjective::default()
                },
            )?;
            Ok(())
        },
        DecisionKind::Goals,
        &["O1"],
    );
}

#[test]
fn removing_a_kpi_or_applying_a_template_is_a_metrics_decision() {
    let p = needs_leadership(
        |p, today| {
            kpi::remove(
                p,
                today,
                &RemoveKpi {
                    id: "K1".into(),
                    unlink: false,
                },
            )?;
            Ok(())
        },
        DecisionKind::Metrics,
        &["K1"],
    );
    assert!(p.kpis.is_empty());
    let p = needs_leadership(
        |p, today| {
            kpi::add_template(p, today, Template::Govuk)?;
            Ok(())
        },
        DecisionKind::Metrics,
        &["K2", "K3", "K4"],
    );
    assert_eq!(p.kpis.len(), 4);
}

#[test]
fn removing_or_correcting_a_reading_or_check_in_is_no_decision() {
    let change: Change = |p, today| {
        let on = day("2027-02-01");
        okr::remove_check_in(p, today, &RemoveReading::new("O1.KR1", on))?;
        kpi::edit_reading(
            p,
            today,
            &EditReading {
                value: Some(85.0),
                ..EditReading::new("K1", on)
            },
        )?;
        Ok(())
    };
    for actor in [Actor::named("Sam Lee"), Actor::nobody()] {
        let done = attempt(change, &actor).unwrap();
        assert!(done.decision.is_none());
        assert_eq!(
            done.product.find_key_result("O1.KR1").unwrap().current,
            None
        );
        assert_eq!(done.product.kpis[0].history[0].value, 85.0);
    }
}
