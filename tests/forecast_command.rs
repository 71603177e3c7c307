//! `product forecast` end to end: the JSON envelope, the same bytes for the
//! same seed, the table with its histogram (golden, Unicode and ASCII), the
//! track record and the pace warning, and bad values refused with exit 2.

mod common;

use common::{TODAY, assert_golden, ok, ok_json, product, repo, scratch_text, stderr};

/// Two items done every week of the 12 weeks before TODAY (a Monday: the
/// window ends the day before), 20 open MVP items, a roadmap entry with a
/// hard date 10 weeks after the window and 10 items.
fn steady() -> String {
    let mut text = String::from(
        "version = 1\n\n[product]\nname = \"Payments\"\nkey = \"PAY\"\n\n\
         [[roadmap]]\nid = \"R1\"\ntitle = \"Launch\"\nhorizon = \"now\"\n\
         date = 2027-01-31\ndate_reason = \"The contract starts\"\n",
    );
    let start = chrono::NaiveDate::from_ymd_opt(2026, 9, 2).unwrap();
    let mut n = 0;
    for week in 0..12 {
        for _ in 0..2 {
            n += 1;
            let day = start + chrono::Duration::days(7 * week);
            text += &format!(
                "\n[[items]]\nid = \"PAY-{n}\"\ntitle = \"Done {n}\"\nstatus = \"done\"\ndone_on = {day}\n"
            );
        }
    }
    for i in 0..20 {
        n += 1;
        let roadmap = if i < 10 { "roadmap = \"R1\"\n" } else { "" };
        text += &format!(
            "\n[[items]]\nid = \"PAY-{n}\"\ntitle = \"Open {n}\"\nstatus = \"ready\"\nmvp = true\n{roadmap}"
        );
    }
    text
}

#[test]
fn forecast_json_has_the_issue_shape_and_exact_figures() {
    assert_eq!(TODAY, "2026-11-23");
    let (dir, _) = scratch_text(&steady(), "product.toml");
    let v = ok_json(
        dir.path(),
        &["forecast", "--mvp", "--by-date", "2026-12-21"],
        "forecast",
    );
    // Ten weeks after Sunday 2026-11-22 at every percentile.
    for p in ["p50", "p85", "p95"] {
        assert_eq!(v["when"][p], "2027-01-31", "{v:#}");
        assert_eq!(v["how_many"][p], 8, "{v:#}");
    }
    assert_eq!(v["how_many"]["date"], "2026-12-21");
    assert_eq!(v["throughput"]["window_weeks"], 12);
    assert_eq!(v["throughput"]["per_week"], serde_json::json!(vec![2; 12]));
    assert_eq!(v["throughput"]["items_done"], 24);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["seed"], 21);
    assert_eq!(v["trials"], 10_000);
    assert_eq!(v["target"]["kind"], "mvp");
    assert_eq!(
        v["cut_line"][7],
        serde_json::json!({"id": "PAY-32", "probability": 1.0})
    );
    assert_eq!(
        v["cut_line"][8],
        serde_json::json!({"id": "PAY-33", "probability": 0.0})
    );
    assert_eq!(v["hard_dates"][0]["probability"], 1.0);
    // The same seed, the same bytes.
    let again = |seed: &str| {
        product(dir.path())
            .args(["forecast", "--json", "--seed", seed])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(again("5"), again("5"));
}

#[test]
fn thin_history_and_a_done_set_give_their_status() {
    let (dir, _) = scratch_text(&steady(), "product.toml");
    let v = ok_json(dir.path(), &["forecast", "--window", "1"], "forecast");
    assert_eq!(v["status"], "insufficient_history");
    assert!(v["when"].is_null() && v["how_many"].is_null());
    let v = ok_json(dir.path(), &["forecast", "PAY-1", "PAY-2"], "forecast");
    assert_eq!(v["status"], "done");
    assert!(v["when"].is_null());
}

#[test]
fn forecast_table_draws_the_histogram_in_unicode_and_ascii() {
    let (dir, _) = scratch_text(&steady(), "product.toml");
    // Weeks of 1 or 3 items would spread the histogram; 2 a week gives one bar.
    let table = ok(
        dir.path(),
        &["forecast", "--top", "12", "--by-date", "2026-12-21"],
    );
    assert_golden(&repo("tests/golden/forecast/table.txt"), &table);
    let out = product(dir.path())
        .env("LANG", "C")
        .args(["forecast", "--top", "12"])
        .output()
        .unwrap();
    let ascii = String::from_utf8(out.stdout).unwrap();
    assert!(ascii.contains("########################"), "{ascii}");
    assert!(!ascii.contains('█'), "{ascii}");
}

#[test]
fn bad_values_are_refused_with_exit_2() {
    let (dir, _) = scratch_text(&steady(), "product.toml");
    for args in [
        &["forecast", "--growth", "0.5"][..],
        &["forecast", "--trials", "0"],
        &["forecast", "--by", "points"],
        &["forecast", "--mvp", "--top", "3"],
    ] {
        let out = product(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = product(dir.path())
        .args(["forecast", "--roadmap", "R9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("R9"), "{}", stderr(&out));
}

#[test]
fn show_and_the_report_give_the_mvp_forecast_and_the_hard_dates_chance() {
    let (dir, _) = scratch_text(&steady(), "product.toml");
    let shown = ok_json(dir.path(), &["show"], "dashboard");
    assert_eq!(shown["forecast"]["mvp_p85"], "2027-01-31", "{shown:#}");
    assert_eq!(shown["forecast"]["trials"], 2000);
    assert_eq!(shown["forecast"]["hard_dates"][0]["probability"], 1.0);
    let table = ok(dir.path(), &["show"]);
    assert!(
        table.contains("MVP forecast: done by 2027-01-31 in 85% of 2000 trials"),
        "{table}"
    );
    let report = ok(dir.path(), &["report", "--format", "markdown"]);
    assert!(
        report.contains("100% chance of 2027-01-31 (Launch)"),
        "{report}"
    );
    let reported = ok_json(dir.path(), &["report"], "report");
    assert_eq!(reported["forecast"]["mvp_status"], "ok");
}

/// Items done `per_week[w]` in week `w` (on its Wednesday), oldest first,
/// the last week ending on Sunday 2026-11-22, and 20 open MVP items.
fn weeks_of(per_week: &[u32]) -> String {
    let mut text = String::from("version = 1\n\n[product]\nname = \"Payments\"\nkey = \"PAY\"\n");
    let last_wednesday = chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
    let mut n = 0;
    for (w, &done) in per_week.iter().enumerate() {
        let back = (per_week.len() - 1 - w) as i64;
        let day = last_wednesday - chrono::Duration::days(7 * back);
        for _ in 0..done {
            n += 1;
            text += &format!(
                "\n[[items]]\nid = \"PAY-{n}\"\ntitle = \"Done {n}\"\nstatus = \"done\"\ndone_on = {day}\n"
            );
        }
    }
    for _ in 0..20 {
        n += 1;
        text += &format!(
            "\n[[items]]\nid = \"PAY-{n}\"\ntitle = \"Open {n}\"\nstatus = \"ready\"\nmvp = true\n"
        );
    }
    text
}

#[test]
fn backtest_of_a_steady_team_holds_every_week_in_json_and_the_table() {
    let (dir, _) = scratch_text(&weeks_of(&[2; 30]), "product.toml");
    let v = ok_json(dir.path(), &["forecast", "--backtest"], "forecast");
    let b = &v["backtest"];
    // Weeks 12 to 22 of 30 have 12 weeks behind them and 8 ahead.
    assert_eq!(b["weeks_tested"], 11, "{b:#}");
    assert_eq!(b["horizon_weeks"], 8);
    for p in ["p50", "p85", "p95"] {
        assert_eq!(b["hit_rate"][p], 1.0, "{b:#}");
    }
    assert_eq!(b["mean_error"], 0.0);
    assert_eq!(b["weeks"][0]["from"], "2026-07-20", "{b:#}");
    assert_eq!(b["weeks"][0]["done"], 16);
    assert_eq!(v["pace"]["recent_per_week"], 2.0);
    assert_eq!(v["pace"]["earlier_per_week"], 2.0);
    assert_eq!(v["pace"]["change"], 0.0);
    assert_eq!(v["pace"]["changed"], false);

    let v = ok_json(
        dir.path(),
        &["forecast", "--backtest", "--horizon", "4"],
        "forecast",
    );
    assert_eq!(v["backtest"]["weeks_tested"], 15);
    assert_eq!(v["backtest"]["weeks"][0]["p85"], 8);

    let table = ok(dir.path(), &["forecast", "--backtest"]);
    assert!(table.contains("Track record"), "{table}");
    assert!(
        table.contains(" P85          100%   85%")
            && table.contains("Replayed at 11 past weeks")
            && table.contains("Mean error of P50: 0.0 items"),
        "{table}"
    );
    assert!(!table.contains("pace"), "{table}");
    let markdown = ok(
        dir.path(),
        &["forecast", "--backtest", "--format", "markdown"],
    );
    assert!(
        markdown.contains("## Track record\n\n| Percentile | Held | Ideal |\n| --- | --- | --- |\n| P50 | 100% | 50% |"),
        "{markdown}"
    );
    // Without --backtest there is no track record, and the pace is there.
    let v = ok_json(dir.path(), &["forecast"], "forecast");
    assert!(v.get("backtest").is_none(), "{v:#}");
    assert_eq!(v["pace"]["change"], 0.0);
}

#[test]
fn a_team_that_slowed_down_is_caught_out_and_warned() {
    // 3 a week for 22 weeks, then 1 a week for 8.
    let mut weeks = vec![3; 22];
    weeks.extend([1; 8]);
    let (dir, _) = scratch_text(&weeks_of(&weeks), "product.toml");
    let v = ok_json(dir.path(), &["forecast", "--backtest"], "forecast");
    // The last 4 weeks against the 4 of 1 and 4 of 3 before them.
    assert_eq!(v["pace"]["recent_per_week"], 1.0);
    assert_eq!(v["pace"]["earlier_per_week"], 2.0);
    assert_eq!(v["pace"]["change"], -0.5);
    assert_eq!(v["pace"]["changed"], true);
    let p85 = v["backtest"]["hit_rate"]["p85"].as_f64().unwrap();
    assert!(p85 < 0.85, "{v:#}");
    assert!(v["backtest"]["mean_error"].as_f64().unwrap() > 0.0);

    let table = ok(dir.path(), &["forecast", "--backtest"]);
    assert!(
        table.contains(
            "The pace has changed: 1 a week in the last 4 weeks against 2 a week in the 8 before (-50%)"
        ),
        "{table}"
    );
    let (report, _) = {
        let out = product(dir.path())
            .args(["check", "--json"])
            .output()
            .unwrap();
        (
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
            out.status.code(),
        )
    };
    let found: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "pace-changed")
        .collect();
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "info");
    assert!(
        found[0]["message"].as_str().unwrap().contains("-50%"),
        "{report:#}"
    );
}

#[test]
fn the_horizon_needs_the_backtest_and_a_sane_number() {
    let (dir, path) = scratch_text(&weeks_of(&[2; 30]), "product.toml");
    let before = std::fs::read(&path).unwrap();
    for args in [
        &["forecast", "--horizon", "8"][..],
        &["forecast", "--backtest", "--horizon", "0"],
        &["forecast", "--backtest", "--horizon", "105"],
    ] {
        let out = product(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("horizon"), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_report_gives_the_track_record_and_show_does_not() {
    let (dir, _) = scratch_text(&weeks_of(&[2; 30]), "product.toml");
    let report = ok(dir.path(), &["report", "--format", "markdown"]);
    assert!(
        report.contains("- **Track record**: P85 held in 100% of 11 tested weeks"),
        "{report}"
    );
    let reported = ok_json(dir.path(), &["report"], "report");
    assert_eq!(
        reported["forecast"]["track_record"]["weeks_tested"], 11,
        "{reported:#}"
    );
    let shown = ok(dir.path(), &["show"]);
    assert!(!shown.contains("Track record"), "{shown}");
    let shown = ok_json(dir.path(), &["show"], "dashboard");
    assert!(shown["forecast"].get("track_record").is_none(), "{shown:#}");

    // Twelve weeks: a window but nothing ahead of it to test.
    let (dir, _) = scratch_text(&steady(), "product.toml");
    let report = ok(dir.path(), &["report", "--format", "markdown"]);
    assert!(
        report.contains("not enough history to test (0 weeks tested, at least 8 needed)"),
        "{report}"
    );
}
