//! `product forecast` end to end: the JSON envelope, the same bytes for the
//! same seed, the table with its histogram (golden, Unicode and ASCII), and
//! bad values refused with exit 2.

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
