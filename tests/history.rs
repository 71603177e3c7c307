//! History from git: done days recovered from the commits that marked items
//! done (the file's `done_on` winning), and `product history`'s burn-up,
//! over a repository whose commits carry fixed dates.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{git, has_row, ok, ok_json, refuses, scratch_text};
use productfile::model::Date;
use productfile::store::{self, DoneSince};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// A product file whose items have these (status, done_on) pairs; ids
/// LC-1, LC-2, ... in order. A `None` status leaves the item out.
fn version(items: &[Option<(&str, Option<&str>)>]) -> String {
    let mut text =
        String::from("version = 1\n\n[product]\nname = \"Library cards\"\nkey = \"LC\"\n");
    for (n, item) in items.iter().enumerate() {
        let Some((status, done_on)) = item else {
            continue;
        };
        text.push_str(&format!(
            "\n[[items]]\nid = \"LC-{}\"\ntitle = \"Item {}\"\nstatus = \"{status}\"\n",
            n + 1,
            n + 1
        ));
        if let Some(on) = done_on {
            text.push_str(&format!("done_on = {on}\n"));
        }
        if *status == "dropped" {
            text.push_str("reason = \"Not needed\"\n");
        }
    }
    text
}

/// Writes `text` to `file` and commits everything with this committer
/// day; the author day is years earlier, so a test sees which one counts.
fn commit_on(dir: &Path, file: &str, text: &str, committed: &str) {
    std::fs::write(dir.join(file), text).unwrap();
    git(dir, &["add", "-A"]);
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_COMMITTER_DATE", format!("{committed}T12:00:00+00:00"))
        .env("GIT_AUTHOR_DATE", "2020-01-01T12:00:00+00:00")
        .args(["commit", "-q", "--allow-empty", "-m", committed])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository whose product file went through five commits:
///
/// - 2026-10-05 (a Monday): LC-1..LC-4 ready, LC-5 already done;
/// - 2026-10-14: LC-1 done (no done_on), LC-6 added;
/// - 2026-10-20: LC-2 done with done_on 2026-10-16, LC-3 done;
/// - 2026-10-28: LC-3 reopened, LC-4 dropped;
/// - 2026-11-04: LC-3 done again.
fn repository() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch_text("", "product.toml");
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", "Ada Byrne"]);
    git(d, &["config", "user.email", "ada@example.org"]);
    git(d, &["config", "commit.gpgsign", "false"]);
    let done = Some(("done", None));
    let ready = Some(("ready", None));
    let file = "product.toml";
    commit_on(
        d,
        file,
        &version(&[ready, ready, ready, ready, done]),
        "2026-10-05",
    );
    let idea = Some(("idea", None));
    commit_on(
        d,
        file,
        &version(&[done, ready, ready, ready, done, idea]),
        "2026-10-14",
    );
    let on_16 = Some(("done", Some("2026-10-16")));
    commit_on(
        d,
        file,
        &version(&[done, on_16, done, ready, done, idea]),
        "2026-10-20",
    );
    let doing = Some(("doing", None));
    let dropped = Some(("dropped", None));
    commit_on(
        d,
        file,
        &version(&[done, on_16, doing, dropped, done, idea]),
        "2026-10-28",
    );
    commit_on(
        d,
        file,
        &version(&[done, on_16, done, dropped, done, idea]),
        "2026-11-04",
    );
    (dir, path)
}

#[test]
fn done_days_are_recovered_from_the_commits_that_marked_items_done() {
    let (_dir, path) = repository();
    let history = store::file_history(&path).unwrap();
    assert_eq!(history.path, "product.toml");
    assert_eq!(history.versions.len(), 5);
    assert!(history.unreadable.is_empty());
    // The committer's day, not the author's (2020-01-01).
    assert_eq!(history.done_since["LC-1"], DoneSince::On(day("2026-10-14")));
    // Reopened on the 28th: done since it was marked done again.
    assert_eq!(history.done_since["LC-3"], DoneSince::On(day("2026-11-04")));
    // Done in the first commit: git cannot say when.
    assert_eq!(history.done_since["LC-5"], DoneSince::BeforeHistory);
    assert_eq!(history.first_seen["LC-6"], day("2026-10-14"));

    let recovered = store::recovered_done_dates(&path).unwrap();
    let expected: BTreeMap<String, Date> = [
        ("LC-1", "2026-10-14"),
        // The file's done_on wins over the commit of the 20th.
        ("LC-2", "2026-10-16"),
        ("LC-3", "2026-11-04"),
    ]
    .into_iter()
    .map(|(id, d)| (id.to_owned(), day(d)))
    .collect();
    assert_eq!(recovered, expected);

    let product = store::load(&path).unwrap();
    let dates = history.done_dates(&product);
    assert_eq!((dates.from_file, dates.from_git), (1, 2));
    assert_eq!(dates.unknown, ["LC-5"]);
}

#[test]
fn a_loaded_file_gives_the_same_history_without_parsing_its_text_again() {
    let (_dir, path) = repository();
    let product = store::load(&path).unwrap();
    let plain = store::file_history(&path).unwrap();
    assert_eq!(store::file_history_of(&path, &product).unwrap(), plain);
    // The product given is used for the version with the file's own text:
    // a product that differs from the file shows where it was taken.
    let mut other = product.clone();
    other.items[3].status = productfile::model::Status::Done;
    let reused = store::file_history_of(&path, &other).unwrap();
    assert_eq!(reused.done_since["LC-4"], DoneSince::On(day("2026-11-04")));
    assert!(!plain.done_since.contains_key("LC-4"));
    // Once the file has changed since its last commit, every version is
    // read from git, as without it.
    std::fs::write(&path, version(&[None])).unwrap();
    assert_eq!(
        store::file_history_of(&path, &other).unwrap(),
        store::file_history(&path).unwrap()
    );
}

#[test]
fn a_done_day_in_the_file_wins_over_the_recovered_one() {
    let (dir, path) = repository();
    // Not committed: the work tree's file is the one read.
    let text = common::text(&path).replacen(
        "id = \"LC-1\"\ntitle = \"Item 1\"\nstatus = \"done\"\n",
        "id = \"LC-1\"\ntitle = \"Item 1\"\nstatus = \"done\"\ndone_on = 2026-10-01\n",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let recovered = store::recovered_done_dates(&path).unwrap();
    assert_eq!(recovered["LC-1"], day("2026-10-01"));
    assert_eq!(recovered["LC-3"], day("2026-11-04"));
    let v = ok_json(dir.path(), &["history"], "history");
    assert_eq!(v["done_dates"]["from_file"], 2, "{v:#}");
    assert_eq!(v["done_dates"]["from_git"], 1, "{v:#}");
}

#[test]
fn renames_are_followed() {
    let (dir, _) = repository();
    let d = dir.path();
    git(d, &["mv", "product.toml", "plan.toml"]);
    let text = common::text(&d.join("plan.toml"));
    commit_on(d, "plan.toml", &text, "2026-11-10");
    let history = store::file_history(&d.join("plan.toml")).unwrap();
    assert_eq!(history.versions.len(), 6);
    assert_eq!(history.path, "plan.toml");
    assert_eq!(history.done_since["LC-1"], DoneSince::On(day("2026-10-14")));
}

#[test]
fn history_prints_the_burn_up_per_week() {
    let (dir, _) = repository();
    let out = ok(dir.path(), &["history"]);
    assert!(
        out.contains("Burn-up of product.toml from 5 commits"),
        "{out}"
    );
    has_row(&out, "Week of Added Done Scope Done total");
    // Monday to Sunday, from the first commit's week through today's
    // (2026-11-23).
    has_row(&out, "2026-10-05 5 0 5 0");
    has_row(&out, "2026-10-12 1 2 6 2");
    has_row(&out, "2026-10-19 0 0 6 2");
    has_row(&out, "2026-10-26 0 0 5 2");
    has_row(&out, "2026-11-02 0 1 5 3");
    has_row(&out, "2026-11-23 0 0 5 3");
    assert!(
        out.contains(
            "Done days: 1 from the file (done_on), 2 recovered from git, 1 unknown (LC-5:"
        ),
        "{out}"
    );

    let v = ok_json(dir.path(), &["history"], "history");
    assert_eq!(v["per"], "week");
    assert_eq!(v["commits"], 5);
    assert_eq!(v["done_dates"]["unknown"], serde_json::json!(["LC-5"]));
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 8, "{v:#}");
    assert_eq!(
        periods[1],
        serde_json::json!({"start": "2026-10-12", "end": "2026-10-18", "added": 1,
            "done": 2, "scope": 6, "done_total": 2})
    );
}

#[test]
fn history_per_day_since_a_date_and_as_csv_and_markdown() {
    let (dir, _) = repository();
    let v = ok_json(
        dir.path(),
        &["history", "--per", "day", "--since", "2026-11-03"],
        "history",
    );
    let periods = v["periods"].as_array().unwrap();
    // 2026-11-03 through 2026-11-23.
    assert_eq!(periods.len(), 21);
    assert_eq!(periods[0]["done_total"], 2);
    assert_eq!(periods[1]["start"], "2026-11-04");
    assert_eq!(periods[1]["done"], 1);
    assert_eq!(periods[1]["done_total"], 3);

    let csv = ok(
        dir.path(),
        &["history", "--since", "2026-11-02", "--format", "csv"],
    );
    assert_eq!(
        csv,
        "Week of,Added,Done,Scope,Done total\n\
         2026-11-02,0,1,5,3\n2026-11-09,0,0,5,3\n2026-11-16,0,0,5,3\n2026-11-23,0,0,5,3\n"
    );
    let md = ok(
        dir.path(),
        &["history", "--since", "2026-11-16", "--format", "markdown"],
    );
    assert!(md.contains("| 2026-11-16 | 0 | 0 | 5 | 3 |"), "{md}");
}

#[test]
fn history_outside_git_is_refused() {
    let (dir, path) = scratch_text(common::MINIMAL, "product.toml");
    let e = refuses(
        2,
        dir.path(),
        &path,
        &["history"],
        &["not in a git repository", "committed in git"],
    );
    assert_eq!(e["code"], "not_in_git", "{e}");
}

#[test]
fn a_file_never_committed_has_an_empty_history() {
    let (dir, path) = scratch_text(common::MINIMAL, "product.toml");
    git(dir.path(), &["init", "-q"]);
    let history = store::file_history(&path).unwrap();
    assert!(history.versions.is_empty());
    let out = ok(dir.path(), &["history"]);
    assert!(out.contains("git has no commit of the file yet"), "{out}");
}

#[test]
fn work_merged_from_another_branch_counts_from_the_merge() {
    let (dir, path) = scratch_text("", "product.toml");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["config", "user.name", "Ada Byrne"]);
    git(d, &["config", "user.email", "ada@example.org"]);
    git(d, &["config", "commit.gpgsign", "false"]);
    let (ready, done) = (Some(("ready", None)), Some(("done", None)));
    let file = "product.toml";
    commit_on(d, file, &version(&[ready, ready, ready]), "2026-10-05");
    git(d, &["checkout", "-q", "-b", "feature"]);
    commit_on(d, file, &version(&[done, ready, ready]), "2026-10-07");
    commit_on(d, file, &version(&[done, ready, done]), "2026-10-09");
    git(d, &["checkout", "-q", "main"]);
    commit_on(d, file, &version(&[ready, done, ready]), "2026-10-08");
    let out = std::process::Command::new("git")
        .current_dir(d)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_COMMITTER_DATE", "2026-10-12T12:00:00+00:00")
        .args(["merge", "-q", "--no-ff", "--no-edit", "feature"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(common::text(&path), version(&[done, done, done]));

    let recovered = store::recovered_done_dates(&path).unwrap();
    // The branch's work counts from the day it was merged; the work done
    // on main meanwhile keeps its own day.
    assert_eq!(recovered["LC-1"], day("2026-10-12"));
    assert_eq!(recovered["LC-3"], day("2026-10-12"));
    assert_eq!(recovered["LC-2"], day("2026-10-08"));
}

#[test]
fn history_since_a_day_after_today_says_so() {
    let (dir, _) = repository();
    let out = ok(dir.path(), &["history", "--since", "2026-12-01"]);
    assert!(
        out.contains("No period to show: --since 2026-12-01 is after today."),
        "{out}"
    );
    let v = ok_json(dir.path(), &["history", "--since", "2026-12-01"], "history");
    assert_eq!(v["periods"], serde_json::json!([]));
    assert_eq!(v["since"], "2026-12-01");
}

/// A file with 24 items marked done two a week over the 12 weeks before
/// TODAY, none with `done_on`, and 20 open MVP items: only git knows the
/// pace. Each week's commit lands on its Wednesday.
fn paced_in_git() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch_text("", "product.toml");
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", "Ada Byrne"]);
    git(d, &["config", "user.email", "ada@example.org"]);
    git(d, &["config", "commit.gpgsign", "false"]);
    let text = |done: usize| {
        let mut text =
            String::from("version = 1\n\n[product]\nname = \"Payments\"\nkey = \"PAY\"\n");
        for n in 1..=44 {
            let (status, mvp) = match n {
                n if n <= done => ("done", ""),
                n if n <= 24 => ("ready", ""),
                _ => ("ready", "mvp = true\n"),
            };
            text += &format!(
                "\n[[items]]\nid = \"PAY-{n}\"\ntitle = \"Item {n}\"\nstatus = \"{status}\"\n{mvp}"
            );
        }
        text
    };
    // The Sunday before the window opens: nothing done yet.
    commit_on(d, "product.toml", &text(0), "2026-08-30");
    let wednesday = chrono::NaiveDate::from_ymd_opt(2026, 9, 2).unwrap();
    for week in 0..12 {
        let on = wednesday + chrono::Duration::days(7 * week);
        commit_on(
            d,
            "product.toml",
            &text(2 * (week as usize + 1)),
            &on.to_string(),
        );
    }
    (dir, path)
}

#[test]
fn forecast_from_git_samples_the_pace_recovered_from_the_commits() {
    assert_eq!(common::TODAY, "2026-11-23");
    let (dir, path) = paced_in_git();
    let before = std::fs::read(&path).unwrap();

    // The file alone records no done day: nothing to sample.
    let v = ok_json(dir.path(), &["forecast", "--mvp"], "forecast");
    assert_eq!(v["status"], "insufficient_history", "{v:#}");
    assert_eq!(v["throughput"]["items_done"], 0, "{v:#}");
    assert!(v["done_dates"].is_null(), "{v:#}");

    let v = ok_json(
        dir.path(),
        &["forecast", "--mvp", "--from-git", "--by-date", "2026-12-21"],
        "forecast",
    );
    assert_eq!(v["status"], "ok", "{v:#}");
    assert_eq!(v["throughput"]["per_week"], serde_json::json!(vec![2; 12]));
    assert_eq!(v["throughput"]["items_done"], 24);
    assert_eq!(
        v["done_dates"],
        serde_json::json!({"from_file": 0, "from_git": 24, "unknown": 0}),
        "{v:#}"
    );
    // Ten weeks of two at every percentile, as with done days in the file.
    for p in ["p50", "p85", "p95"] {
        assert_eq!(v["when"][p], "2027-01-31", "{v:#}");
        assert_eq!(v["how_many"][p], 8, "{v:#}");
    }

    let table = ok(dir.path(), &["forecast", "--mvp", "--from-git"]);
    assert!(table.contains("24 from git"), "{table}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "forecast wrote");
}

#[test]
fn forecast_from_git_outside_git_is_refused_and_the_file_kept() {
    let (dir, path) = scratch_text(common::MINIMAL, "product.toml");
    let e = refuses(
        2,
        dir.path(),
        &path,
        &["forecast", "--from-git"],
        &["not in a git repository"],
    );
    assert_eq!(e["code"], "not_in_git", "{e}");
}
