//! Forecasts through the library, without the binary: exact cases, a known
//! distribution against dynamic programming, reproducibility, the set's
//! dependencies, and the statuses that give no date.

use std::collections::BTreeMap;

use productfile::forecast::{
    self, Blocked, Forecast, Options, Per, Question, Status as ForecastStatus, Target,
};
use productfile::model::{Date, Horizon, Item, Kind, Product, RoadmapEntry, Status};

/// A Wednesday: the window ends on Sunday 2027-01-10.
fn today() -> Date {
    Date::from_ymd(2027, 1, 13).unwrap()
}

fn window_end() -> Date {
    Date::from_ymd(2027, 1, 10).unwrap()
}

fn days_after(day: Date, days: i64) -> Date {
    Date(day.0 + chrono::Duration::days(days))
}

fn item(p: &mut Product, status: Status) -> String {
    let id = format!("PAY-{}", p.items.len() + 1);
    let mut item = Item::new(id.clone(), format!("Item {id}"), Kind::Feature, today());
    item.status = status;
    p.items.push(item);
    id
}

fn last(p: &mut Product) -> &mut Item {
    p.items.last_mut().unwrap()
}

/// Done items: `per_week[w]` done in week `w` of the 12-week window (on its
/// Wednesday), oldest first.
fn history(p: &mut Product, per_week: &[u32]) {
    let start = days_after(window_end(), -7 * per_week.len() as i64 + 1);
    for (w, &n) in per_week.iter().enumerate() {
        for _ in 0..n {
            item(p, Status::Done);
            last(p).done_on = Some(days_after(start, 7 * w as i64 + 2));
        }
    }
}

/// `n` open MVP items.
fn mvp(p: &mut Product, n: usize) {
    for _ in 0..n {
        item(p, Status::Ready);
        last(p).mvp = true;
    }
}

fn product() -> Product {
    Product::new("Payments".into(), "PAY".into())
}

fn run(p: &Product, question: &Question, options: &Options) -> Forecast {
    forecast::forecast(p, today(), question, &BTreeMap::new(), options).unwrap()
}

fn ask(target: Option<Target>, by_date: Option<Date>) -> Question {
    Question { target, by_date }
}

#[test]
fn two_a_week_and_twenty_items_is_ten_weeks_at_every_percentile() {
    let mut p = product();
    history(&mut p, &[2; 12]);
    mvp(&mut p, 20);
    let by = days_after(today(), 28);
    let f = run(&p, &ask(Some(Target::Mvp), Some(by)), &Options::default());
    assert_eq!(f.status, ForecastStatus::Ok);
    assert_eq!(f.throughput.per_week, vec![2; 12]);
    assert_eq!(f.throughput.items_done, 24);
    let when = f.when.unwrap();
    assert_eq!(when.periods, [10, 10, 10]);
    let ten_weeks = days_after(window_end(), 70);
    assert_eq!(
        (when.p50, when.p85, when.p95),
        (ten_weeks, ten_weeks, ten_weeks)
    );
    assert_eq!(when.histogram.len(), 1);
    let how_many = f.how_many.unwrap();
    assert_eq!((how_many.p50, how_many.p85, how_many.p95), (8, 8, 8));
    assert_eq!(how_many.periods, 4);
    let sure: Vec<f64> = f.cut_line.iter().map(|c| c.probability).collect();
    assert_eq!(sure[..8], [1.0; 8]);
    assert!(sure[8..].iter().all(|&p| p == 0.0));
    assert_eq!(f.cut_line.len(), 20);
}

#[test]
fn growth_and_per_day_scale_the_work_and_the_periods() {
    let mut p = product();
    history(&mut p, &[2; 12]);
    mvp(&mut p, 20);
    let grown = Options {
        growth: 1.2,
        ..Options::default()
    };
    assert_eq!(
        run(&p, &ask(Some(Target::Mvp), None), &grown)
            .when
            .unwrap()
            .periods,
        [12; 3]
    );
    // By day, 2 items on one day of every 7: the work takes longer than 70
    // days at the 95th percentile and never less than 20 draws.
    let daily = Options {
        per: Per::Day,
        ..Options::default()
    };
    let f = run(&p, &ask(Some(Target::Mvp), None), &daily);
    let when = f.when.unwrap();
    assert!(
        when.periods[0] >= 10 && when.periods[2] > when.periods[0],
        "{when:?}"
    );
    assert_eq!(f.throughput.per_day.unwrap().iter().sum::<u32>(), 24);
}

#[test]
fn by_size_draws_size_points() {
    let mut p = product();
    history(&mut p, &[2; 12]);
    for item in &mut p.items {
        item.size = Some(3.0);
    }
    mvp(&mut p, 4);
    for item in p.items.iter_mut().filter(|i| i.is_open()) {
        item.size = Some(6.0);
    }
    let sized = Options {
        by_size: true,
        ..Options::default()
    };
    let f = run(&p, &ask(Some(Target::Mvp), None), &sized);
    assert_eq!(f.throughput.points_done, Some(72.0));
    // 24 points of work at 6 points a week.
    assert_eq!(f.when.unwrap().periods, [4; 3]);
}

/// P(done within k weeks), for k from 0, when each week does
/// 1 or 3 items equally often and the work is `work` items, by dynamic
/// programming over the items done so far.
fn exact_done_within(work: usize, weeks: usize) -> Vec<f64> {
    // reached[s]: probability of s items done so far, capped at `work`.
    let mut reached = vec![0.0; work + 1];
    reached[0] = 1.0;
    let mut within = vec![0.0];
    for _ in 0..weeks {
        let mut next = vec![0.0; work + 1];
        for (s, &q) in reached.iter().enumerate() {
            if s == work {
                next[work] += q;
                continue;
            }
            next[(s + 1).min(work)] += q / 2.0;
            next[(s + 3).min(work)] += q / 2.0;
        }
        reached = next;
        within.push(reached[work]);
    }
    within
}

fn exact_percentile(within: &[f64], q: f64) -> u32 {
    within.iter().position(|&p| p >= q).unwrap() as u32
}

fn one_or_three() -> Product {
    let mut p = product();
    history(&mut p, &[1, 3, 3, 1, 1, 3, 1, 3, 3, 1, 1, 3]);
    mvp(&mut p, 30);
    p
}

#[test]
fn weeks_of_one_or_three_match_the_exact_distribution() {
    let p = one_or_three();
    let top = Target::Top(17);
    let f = run(&p, &ask(Some(top), None), &Options::default());
    let within = exact_done_within(17, 40);
    let when = f.when.unwrap();
    for (got, q) in when.periods.iter().zip([0.5, 0.85, 0.95]) {
        let exact = exact_percentile(&within, q);
        // Where the exact distribution is near the quantile, sampling may
        // land on the next week; otherwise it must be exact.
        let close = (within[exact as usize] - q).abs() < 0.02
            || (within[exact as usize - 1] - q).abs() < 0.02;
        assert!(
            *got == exact || (close && got.abs_diff(exact) == 1),
            "p{q}: {got} weeks, exactly {exact}"
        );
    }
    // The whole distribution, week by week, within 4 standard errors.
    let trials = 10_000.0;
    let mut seen = 0.0;
    for bar in &when.histogram {
        seen += f64::from(bar.trials);
        let weeks = ((bar.date.0 - window_end().0).num_days() / 7) as usize;
        let exact = within[weeks];
        let error = (exact * (1.0 - exact) / trials).sqrt();
        assert!(
            (seen / trials - exact).abs() <= 4.0 * error + 1e-9,
            "within {weeks} weeks: {} of trials, exactly {exact}",
            seen / trials
        );
    }
}

#[test]
fn how_many_in_four_weeks_of_one_or_three_matches_the_binomial() {
    let p = one_or_three();
    let by = days_after(window_end(), 28);
    let f = run(&p, &ask(None, Some(by)), &Options::default());
    // In 4 weeks: 4 + 2 * Binomial(4, 1/2) items; P(at least 8) = 11/16,
    // P(at least 6) = 15/16, P(at least 10) = 5/16.
    let hm = f.how_many.unwrap();
    assert_eq!((hm.p50, hm.p85, hm.p95), (8, 6, 4));
    let chance = |id: &str| f.cut_line.iter().find(|c| c.id == id).unwrap().probability;
    let first_open = p.items.iter().position(|i| i.is_open()).unwrap();
    let nth = |n: usize| p.items[first_open + n - 1].id.clone();
    for (n, exact) in [
        (4, 1.0),
        (6, 15.0 / 16.0),
        (8, 11.0 / 16.0),
        (10, 5.0 / 16.0),
        (12, 1.0 / 16.0),
    ] {
        let error = (exact * (1.0 - exact) / 10_000f64).sqrt();
        assert!(
            (chance(&nth(n)) - exact).abs() <= 4.0 * error + 1e-9,
            "item {n}: {}, exactly {exact}",
            chance(&nth(n))
        );
    }
    assert_eq!(chance(&nth(13)), 0.0);
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_moves_little() {
    let p = one_or_three();
    let q = ask(Some(Target::Top(17)), Some(days_after(window_end(), 28)));
    let json = |seed| {
        serde_json::to_string(&run(
            &p,
            &q,
            &Options {
                seed,
                ..Options::default()
            },
        ))
        .unwrap()
    };
    assert_eq!(json(7), json(7));
    assert_ne!(json(7), json(8));
    let (a, b) = (
        run(
            &p,
            &q,
            &Options {
                seed: 7,
                ..Options::default()
            },
        ),
        run(
            &p,
            &q,
            &Options {
                seed: 8,
                ..Options::default()
            },
        ),
    );
    let (wa, wb) = (a.when.unwrap(), b.when.unwrap());
    for (x, y) in wa.periods.iter().zip(wb.periods) {
        assert!(
            x.abs_diff(y) <= 1,
            "{:?} against {:?}",
            wa.periods,
            wb.periods
        );
    }
    for (x, y) in a.cut_line.iter().zip(&b.cut_line) {
        // Two samples of 10,000: 5 standard errors of their difference at worst.
        assert!(
            (x.probability - y.probability).abs() < 0.036,
            "{x:?} against {y:?}"
        );
    }
}

#[test]
fn open_dependencies_outside_the_set_are_added_and_the_items_above_counted() {
    let mut p = product();
    history(&mut p, &[2; 12]);
    mvp(&mut p, 3);
    let first = p.items.iter().position(|i| i.is_open()).unwrap();
    for _ in 0..6 {
        item(&mut p, Status::Ready);
    }
    let dep = item(&mut p, Status::Ready);
    p.items[first].depends_on = vec![dep.clone()];
    let f = run(&p, &ask(Some(Target::Mvp), None), &Options::default());
    let set = f.target.unwrap();
    assert_eq!(set.added_dependencies, vec![dep.clone()]);
    assert_eq!(set.open.len(), 4);
    assert_eq!(set.ahead, 6);
    // 10 items in backlog order at 2 a week.
    assert_eq!(f.when.unwrap().periods, [5; 3]);
    let alone = Options {
        alone: true,
        ..Options::default()
    };
    let f = run(&p, &ask(Some(Target::Mvp), None), &alone);
    assert_eq!(f.target.as_ref().unwrap().ahead, 0);
    assert_eq!(f.when.unwrap().periods, [2; 3]);
}

#[test]
fn an_item_blocked_by_a_dropped_one_is_reported() {
    let mut p = product();
    history(&mut p, &[2; 12]);
    let dropped = item(&mut p, Status::Dropped);
    let middle = item(&mut p, Status::Ready);
    last(&mut p).depends_on = vec![dropped.clone()];
    mvp(&mut p, 2);
    last(&mut p).depends_on = vec![middle.clone()];
    let waiting = last(&mut p).id.clone();
    let f = run(&p, &ask(Some(Target::Mvp), None), &Options::default());
    let set = f.target.unwrap();
    assert_eq!(set.added_dependencies, vec![middle.clone()]);
    assert_eq!(
        set.blocked,
        vec![Blocked {
            item: waiting,
            dropped
        }]
    );
}

#[test]
fn thin_history_is_insufficient_and_says_what_it_found() {
    let mut p = product();
    history(&mut p, &[0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    // Done before the window: not counted.
    item(&mut p, Status::Done);
    last(&mut p).done_on = Some(Date::from_ymd(2026, 1, 5).unwrap());
    // Done with no date: said.
    item(&mut p, Status::Done);
    mvp(&mut p, 5);
    let f = run(
        &p,
        &ask(Some(Target::Mvp), Some(days_after(today(), 28))),
        &Options::default(),
    );
    assert_eq!(f.status, ForecastStatus::InsufficientHistory);
    assert!(f.when.is_none() && f.how_many.is_none() && f.cut_line.is_empty());
    let reason = f.reason.unwrap();
    assert!(
        reason.contains("found 4 items done in the 12 weeks from 2026-10-19 to 2027-01-10"),
        "{reason}"
    );
    assert!(
        reason.contains("1 done items have no done date"),
        "{reason}"
    );
    assert!(reason.contains("at least 5 are needed"), "{reason}");
}

#[test]
fn recovered_done_dates_count_and_the_file_wins() {
    let mut p = product();
    let mut recovered = BTreeMap::new();
    for _ in 0..5 {
        let id = item(&mut p, Status::Done);
        recovered.insert(id, days_after(window_end(), -3));
    }
    // The file's date (before the window) wins over the recovered one.
    let dated = p.items[0].id.clone();
    p.items[0].done_on = Some(Date::from_ymd(2025, 1, 1).unwrap());
    mvp(&mut p, 2);
    let q = ask(Some(Target::Mvp), None);
    let f = forecast::forecast(&p, today(), &q, &recovered, &Options::default()).unwrap();
    assert_eq!(f.throughput.items_done, 4);
    assert_eq!(f.throughput.recovered_dates, 4);
    assert_eq!(f.status, ForecastStatus::InsufficientHistory);
    recovered.remove(&dated);
    p.items[0].done_on = None;
    recovered.insert(dated, days_after(window_end(), -1));
    let f = forecast::forecast(&p, today(), &q, &recovered, &Options::default()).unwrap();
    assert_eq!(f.status, ForecastStatus::Ok);
    assert_eq!(f.throughput.per_week[11], 5);
}

#[test]
fn a_set_already_done_says_so() {
    let mut p = product();
    history(&mut p, &[2; 12]);
    p.items[0].mvp = true;
    let f = run(&p, &ask(Some(Target::Mvp), None), &Options::default());
    assert_eq!(f.status, ForecastStatus::Done);
    assert!(f.when.is_none());
    assert_eq!(f.target.unwrap().done, 1);
}

#[test]
fn a_hard_date_gets_the_chance_of_meeting_it() {
    let mut p = product();
    history(&mut p, &[2; 12]);
    for (id, weeks) in [("R1", 5), ("R2", 4)] {
        p.roadmap.push(RoadmapEntry {
            id: id.into(),
            title: format!("Launch {id}"),
            horizon: Horizon::Now,
            outcome: None,
            objectives: Vec::new(),
            date: Some(days_after(window_end(), 7 * weeks)),
            date_reason: None,
        });
    }
    for _ in 0..10 {
        item(&mut p, Status::Ready);
        last(&mut p).roadmap = Some("R1".into());
    }
    for _ in 0..2 {
        item(&mut p, Status::Ready);
        last(&mut p).roadmap = Some("R2".into());
    }
    let f = run(
        &p,
        &ask(Some(Target::Roadmap("R2".into())), None),
        &Options::default(),
    );
    let chances: Vec<(String, Option<f64>)> = f
        .hard_dates
        .iter()
        .map(|h| (h.id.clone(), h.probability))
        .collect();
    // R1: 10 items in 5 weeks; R2 comes after R1's 10: 12 in 4 weeks, never.
    assert_eq!(
        chances,
        [("R1".into(), Some(1.0)), ("R2".into(), Some(0.0))]
    );
    assert_eq!(f.target.as_ref().unwrap().probability, Some(0.0));
    let alone = Options {
        alone: true,
        ..Options::default()
    };
    let f = run(&p, &ask(None, None), &alone);
    assert_eq!(f.hard_dates[1].probability, Some(1.0));
}

#[test]
fn unknown_ids_and_bad_options_are_errors() {
    let mut p = product();
    history(&mut p, &[2; 12]);
    let err = forecast::forecast(
        &p,
        today(),
        &ask(Some(Target::Items(vec!["PAY-99".into()])), None),
        &BTreeMap::new(),
        &Options::default(),
    )
    .unwrap_err();
    assert!(err.message.contains("PAY-99"), "{err:?}");
    let err = forecast::forecast(
        &p,
        today(),
        &ask(Some(Target::Mvp), None),
        &BTreeMap::new(),
        &Options::default(),
    )
    .unwrap_err();
    assert!(err.message.contains("no items are in the MVP"), "{err:?}");
    let err = forecast::forecast(
        &p,
        today(),
        &ask(None, None),
        &BTreeMap::new(),
        &Options {
            growth: 0.5,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(err.hint.unwrap().contains("--growth"));
}
