//! The forecast's track record and pace warning through the library: a
//! steady team is always right, a team that slowed down is caught out and
//! warned about, and the hit counts match a reference replay written here.

use std::collections::BTreeMap;

use productfile::forecast::rng::Pcg32;
use productfile::forecast::{self, Options, Question, Target, backtest};
use productfile::model::{Date, Item, Kind, Product, Status};

/// A Wednesday: the last complete week ends on Sunday 2027-01-10.
fn today() -> Date {
    Date::from_ymd(2027, 1, 13).unwrap()
}

fn days_after(day: Date, days: i64) -> Date {
    Date(day.0 + chrono::Duration::days(days))
}

/// A product whose items were done `per_week[w]` in week `w` (on its
/// Tuesday), oldest first, the last week ending on 2027-01-10, with 20
/// open MVP items.
fn product(per_week: &[u32]) -> Product {
    let mut p = Product::new("Payments".into(), "PAY".into());
    let first_monday = days_after(
        Date::from_ymd(2027, 1, 10).unwrap(),
        -7 * per_week.len() as i64 + 1,
    );
    let mut add = |status: Status, done_on: Option<Date>, mvp: bool| {
        let id = format!("PAY-{}", p.items.len() + 1);
        let mut item = Item::new(id.clone(), format!("Item {id}"), Kind::Feature, today());
        item.status = status;
        item.done_on = done_on;
        item.mvp = mvp;
        p.items.push(item);
    };
    for (w, &n) in per_week.iter().enumerate() {
        for _ in 0..n {
            add(
                Status::Done,
                Some(days_after(first_monday, 7 * w as i64 + 1)),
                false,
            );
        }
    }
    for _ in 0..20 {
        add(Status::Ready, None, true);
    }
    p
}

fn with_backtest(p: &Product, horizon: u32, trials: u32) -> forecast::Forecast {
    let options = Options {
        backtest_horizon: Some(horizon),
        trials,
        ..Options::default()
    };
    let question = Question {
        target: Some(Target::Mvp),
        by_date: None,
    };
    forecast::forecast(p, today(), &question, &BTreeMap::new(), &options).unwrap()
}

/// The default question (the MVP) on `p` with these options.
fn run(p: &Product, options: &Options) -> productfile::error::Result<forecast::Forecast> {
    forecast::forecast(p, today(), &Question::default(), &BTreeMap::new(), options)
}

#[test]
fn a_steady_team_is_always_right() {
    let f = with_backtest(&product(&[3; 40]), 8, 10_000);
    let b = f.backtest.unwrap();
    // Weeks 12..=32 of 40 have 12 weeks behind them and 8 ahead.
    assert_eq!(b.weeks_tested, 21);
    let rate = b.hit_rate.unwrap();
    assert_eq!((rate.p50, rate.p85, rate.p95), (1.0, 1.0, 1.0));
    assert_eq!(b.mean_error, Some(0.0));
    assert!(
        b.weeks
            .iter()
            .all(|w| (w.p50, w.p85, w.p95, w.done) == (24, 24, 24, 24))
    );
    assert_eq!(b.weeks[0].from, Date::from_ymd(2026, 6, 29).unwrap());
    assert!(!f.pace.changed);
    assert_eq!(f.pace.change, Some(0.0));
}

#[test]
fn a_team_that_halved_its_pace_is_caught_out_and_warned() {
    // Weeks alternating 3 and 5 (4 a week) for 20 weeks, then 2 a week for
    // the last 8: of the 9 weeks with 12 behind and 8 ahead, all but the
    // first look ahead into the slow weeks.
    let mut weeks: Vec<u32> = (0..20).map(|w| if w % 2 == 0 { 3 } else { 5 }).collect();
    weeks.extend([2; 8]);
    let f = with_backtest(&product(&weeks), 8, 10_000);
    let b = f.backtest.clone().unwrap();
    assert_eq!(b.weeks_tested, 9);
    let rate = b.hit_rate.unwrap();
    assert!(rate.p85 < 0.5, "P85 held in {} of the weeks", rate.p85);
    assert!(b.mean_error.unwrap() > 0.0, "{:?}", b.mean_error);
    // The last 4 weeks did 2 a week; the 8 before, 4 of 2 and 4 of 3 or 5.
    let pace = f.pace;
    assert_eq!(pace.recent_per_week, 2.0);
    assert_eq!(pace.earlier_per_week, 3.0);
    assert!((pace.change.unwrap() + 1.0 / 3.0).abs() < 1e-12, "{pace:?}");
    assert!(pace.changed);
    // A threshold above the change keeps quiet.
    assert!(!backtest::pace(&weeks, 0.4).changed);
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json["pace"]["recent_per_week"], 2.0);
    assert_eq!(json["backtest"]["weeks_tested"], 9);
    assert!(json["backtest"]["hit_rate"]["p85"].is_number());
}

/// The replay written out again from the method's description. The
/// history starts with the week of the first item done; for each
/// week with `window` weeks behind and `horizon` ahead and at least 5 items
/// done in the window, draw `horizon` weeks from the window with PCG32
/// (seed + week, stream 2), and count the weeks whose actual count reached
/// each percentile ("at least this many in q of the trials").
fn reference_hits(
    weeks: &[u32],
    window: usize,
    horizon: usize,
    trials: u32,
    seed: u64,
) -> (usize, [usize; 3]) {
    let first = weeks.iter().position(|&n| n > 0).unwrap();
    let weeks = &weeks[first..];
    let mut tested = 0;
    let mut hits = [0; 3];
    for start in window..=weeks.len() - horizon {
        let sample = &weeks[start - window..start];
        if sample.iter().sum::<u32>() < 5 {
            continue;
        }
        tested += 1;
        let mut rng = Pcg32::new(seed + start as u64, 2);
        let mut counts: Vec<u32> = (0..trials)
            .map(|_| {
                (0..horizon)
                    .map(|_| sample[rng.below(window as u32) as usize])
                    .sum()
            })
            .collect();
        counts.sort();
        let done: u32 = weeks[start..start + horizon].iter().sum();
        for (k, q) in [0.5, 0.85, 0.95].into_iter().enumerate() {
            let need = (q * f64::from(trials)).ceil() as usize;
            if done >= counts[counts.len() - need] {
                hits[k] += 1;
            }
        }
    }
    (tested, hits)
}

#[test]
fn the_hit_counts_match_a_reference_replay() {
    let weeks = [0, 1, 0, 4, 2, 0, 3, 1, 5, 0, 2, 2, 6, 0, 1, 3, 0, 2];
    let p = product(&weeks);
    let options = Options {
        window_weeks: 4,
        backtest_horizon: Some(3),
        trials: 500,
        seed: 9,
        ..Options::default()
    };
    let f = run(&p, &options).unwrap();
    let b = f.backtest.unwrap();
    let (tested, hits) = reference_hits(&weeks, 4, 3, 500, 9);
    assert!(tested >= 5, "{tested}");
    assert_eq!(b.weeks_tested as usize, tested);
    let rate = b.hit_rate.unwrap();
    for (got, hit) in [rate.p50, rate.p85, rate.p95].into_iter().zip(hits) {
        assert_eq!(got, hit as f64 / tested as f64);
    }
    // The history starts with the first week that has an item done (the
    // second); the first window with 5 done is its weeks 1 to 4.
    assert_eq!(
        b.weeks[0].from,
        days_after(Date::from_ymd(2027, 1, 10).unwrap(), -7 * 18 + 1 + 7 * 5)
    );
}

#[test]
fn too_short_a_history_tests_no_week() {
    let f = with_backtest(&product(&[2; 15]), 8, 1_000);
    let b = f.backtest.unwrap();
    assert_eq!(b.weeks_tested, 0);
    assert!(b.hit_rate.is_none() && b.mean_error.is_none());
    let json = serde_json::to_value(&b).unwrap();
    assert!(json["hit_rate"].is_null(), "{json}");
}

#[test]
fn a_horizon_out_of_range_is_refused() {
    let p = product(&[2; 20]);
    for horizon in [0, 105] {
        let options = Options {
            backtest_horizon: Some(horizon),
            ..Options::default()
        };
        let e = run(&p, &options).unwrap_err();
        assert!(e.to_string().contains("horizon"), "{e}");
    }
}

#[test]
fn a_backtest_too_long_to_run_is_refused_with_what_to_lower() {
    // Ten years of weeks: 401 tested weeks with a window of 16 and a
    // horizon of 104 weeks ahead.
    let p = product(&[2; 520]);
    let options = Options {
        window_weeks: 16,
        backtest_horizon: Some(104),
        trials: 100_000,
        ..Options::default()
    };
    let e = run(&p, &options).unwrap_err();
    assert_eq!(e.kind, productfile::ErrorKind::Usage);
    assert!(
        e.to_string()
            .contains("401 weeks × 100000 trials × 104 weeks ahead would draw 4170400000 weeks"),
        "{e}"
    );
    // 500 million draws / (401 × 104) = 11989 trials.
    assert!(format!("{e:?}").contains("at most 11989"), "{e:?}");
    assert!(backtest::check_size(520, 16, 104, 11_989).is_ok());
    assert!(backtest::check_size(520, 16, 104, 11_990).is_err());
    // The defaults on the same ten years run.
    let f = run(
        &p,
        &Options {
            backtest_horizon: Some(8),
            trials: 1_000,
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(f.backtest.unwrap().weeks_tested, 501);
}
