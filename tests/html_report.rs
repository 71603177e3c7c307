//! `product report --format html`: a page a conforming parser reads without
//! an error, with every section, one chart per KPI and per objective, user
//! text that stays text, nothing it could fetch, empty sections that say
//! what to add, and `--top`, `--since` and `--out`.

mod common;
#[path = "common/page.rs"]
mod page;

use common::{commit_all, git, product, refuses, scratch_text, stderr, text};
use page::{IMAGE, SCRIPT, elements, hostile_example, parse};

#[test]
fn the_page_parses_without_an_error_and_has_every_section() {
    let (dir, _) = scratch_text(&hostile_example(), "product.toml");
    let html = page::page(dir.path(), &["--since", "2026-09-01"]);
    let (dom, errors) = parse(&html);
    assert!(errors.is_empty(), "parse errors: {errors:#?}");
    // The parser does report what is wrong.
    assert!(
        !parse("<!DOCTYPE html><title>x</title><p></div><rect>")
            .1
            .is_empty()
    );
    assert!(!parse("<p>no doctype</p>").1.is_empty());
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));

    let all = elements(&dom);
    let ids: Vec<&str> = all.iter().filter_map(|e| e.attr("id")).collect();
    for id in [
        "vision",
        "roadmap",
        "lane-now",
        "lane-next",
        "lane-later",
        "mvp",
        "objectives",
        "kpis",
        "backlog",
        "burnup",
        "needs",
        "decisions",
        "requests",
        "stakeholders",
        "service",
    ] {
        assert!(ids.contains(&id), "no #{id} in {ids:?}");
    }
    // One sparkline per KPI and one grade per objective, each with a title.
    let svgs: Vec<_> = all.iter().filter(|e| e.name == "svg").collect();
    let count = |class: &str| svgs.iter().filter(|e| e.has_class(class)).count();
    assert_eq!(count("spark"), 3);
    assert_eq!(count("grade"), 2);
    // Bars: 5 entries with items by count and by size, and the MVP's two.
    assert_eq!(count("bar"), 12);
    assert!(svgs.iter().all(|s| s.attr("role") == Some("img")));
    assert_eq!(
        all.iter().filter(|e| e.name == "title").count(),
        1 + svgs.len()
    );

    let words = page::text(&dom);
    for expected in [
        "Prescription payments",
        "Helen Marsh",
        "Data as of ",
        "Hard date 2027-03-01",
        "Paper payment slips are withdrawn from pharmacies on 1 March 2027",
        "2/8 items done",
        "size 5/31",
        "1/5 items done",
        "MVP forecast",
        "0.40 red",
        "O1.KR1",
        "amber",
        "(8 + 13 + 8) / 2 = 14.5",
        // Values with their units as the tables write them.
        "£1.94",
        "96 calls/1000",
        "71%",
        "Decisions since 2026-09-01",
        "Manage closely",
        "Community pharmacy owners' association",
        // User needs and what happened to the requests.
        "User needs",
        "420 people",
        "1 open feature answers no user need.",
        "What happened to requests",
        "1 waiting, 0 accepted, 0 declined, 1 merged; the oldest has waited 14 days.",
        "waiting 14 days",
        "merged into RX-5",
        // The service standard: the phase, the last and next assessments.
        "Service standard",
        " · GOV.UK Service Standard",
        "Last assessment: A1 alpha assessment, held on 2026-10-14: not met (12 met, 2 not met).",
        "Next assessment: A2 beta assessment, planned for 2027-01-20 (in 58 days).",
        "recommendations not yet addressed: 2 of 2",
        " Make sure everyone can use the service",
    ] {
        assert!(words.contains(expected), "no `{expected}` in:\n{words}");
    }
}

#[test]
fn hostile_text_shows_as_text_and_adds_no_element_or_attribute() {
    let (dir, _) = scratch_text(&hostile_example(), "product.toml");
    let html = page::page(dir.path(), &["--since", "2026-09-01"]);
    let (dom, errors) = parse(&html);
    assert!(errors.is_empty(), "{errors:#?}");
    let all = elements(&dom);
    assert!(!all.iter().any(|e| e.name == "script" || e.name == "img"));
    assert!(
        !all.iter().any(|e| e
            .attrs
            .iter()
            .any(|(n, _)| n.starts_with("on") || n == "src" || n == "href")),
        "an element has an event handler or a source"
    );
    let words = page::text(&dom);
    // Objective, item, decision rationale, need, recommendation; KPI,
    // roadmap entry, stakeholder, vision, request.
    assert!(words.matches(SCRIPT).count() >= 5, "{words}");
    assert!(words.matches(IMAGE).count() >= 5, "{words}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains(SCRIPT) && !html.contains("<img"));
}

#[test]
fn the_page_can_fetch_nothing() {
    let (dir, _) = scratch_text(&hostile_example(), "product.toml");
    let html = page::page(dir.path(), &[]);
    let (dom, _) = parse(&html);
    let all = elements(&dom);
    let csp = all
        .iter()
        .find(|e| e.name == "meta" && e.attr("http-equiv") == Some("Content-Security-Policy"))
        .and_then(|e| e.attr("content"))
        .expect("a Content-Security-Policy");
    assert!(
        csp.starts_with("default-src 'none'; style-src 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe"), "{csp}");
    // Nothing that names another resource: no link, no external style, no
    // URL anywhere in an attribute.
    assert!(
        !all.iter()
            .any(|e| matches!(e.name.as_str(), "link" | "iframe" | "object" | "embed"))
    );
    for e in &all {
        for (name, value) in &e.attrs {
            assert!(
                !value.contains("://") && !value.starts_with("//"),
                "{} {name}={value}",
                e.name
            );
        }
    }
    assert!(!html.contains("url("), "the style sheet fetches something");
    assert!(!html.contains("@import"));
}

#[test]
fn a_product_with_nothing_but_a_name_says_what_to_add() {
    let bare = "version = 1\n\n[product]\nname = \"Bare\"\nkey = \"BA\"\n";
    let (dir, _) = scratch_text(bare, "product.toml");
    let html = page::page(dir.path(), &[]);
    let (dom, errors) = parse(&html);
    assert!(errors.is_empty(), "{errors:#?}");
    let words = page::text(&dom);
    for command in [
        "product vision set --statement TEXT",
        "product roadmap add --title TEXT --horizon now",
        "product okr add --title TEXT --quarter 2027-Q1",
        "product kpi add --name TEXT --direction up --target N",
        "product item add TITLE",
        "product item edit ID --mvp",
        "product decide --kind KIND --summary TEXT",
        "product stakeholder add --name TEXT --interest high --influence high",
    ] {
        assert!(words.contains(command), "no `{command}` in:\n{words}");
    }
    assert!(
        words.contains("No burn-up: the file is not in a git repository"),
        "{words}"
    );
    assert!(!elements(&dom).iter().any(|e| e.name == "svg"));
}

#[test]
fn top_and_since_choose_what_the_page_shows() {
    let (dir, path) = scratch_text(&hostile_example(), "product.toml");
    let rows = |html: &str| {
        let (dom, _) = parse(html);
        let all = elements(&dom);
        let table = all.iter().position(|e| e.has_class("backlog")).unwrap();
        all[table..]
            .iter()
            .take_while(|e| !(e.name == "section" && e.attr("id") == Some("burnup")))
            .filter(|e| e.name == "tr")
            .count()
            - 1
    };
    assert_eq!(rows(&page::page(dir.path(), &[])), 10);
    assert_eq!(rows(&page::page(dir.path(), &["--top", "2"])), 2);
    assert_eq!(rows(&page::page(dir.path(), &["--top", "500"])), 12);

    // D1 is from 2026-09-28: in the log since September, not in the last 30 days.
    let since = page::text(&parse(&page::page(dir.path(), &["--since", "2026-09-01"])).0);
    assert!(since.contains("D1"), "{since}");
    let recent = page::text(&parse(&page::page(dir.path(), &[])).0);
    assert!(recent.contains("No decisions since 2026-10-24"), "{recent}");
    // The markdown and JSON reports take the same options.
    let markdown = common::ok(
        dir.path(),
        &["report", "--format", "markdown", "--top", "2"],
    );
    assert!(
        markdown.contains("Top of the backlog (2 of 12 open)"),
        "{markdown}"
    );
    let json = common::ok_json(dir.path(), &["report", "--since", "2026-09-01"], "report");
    assert_eq!(json["decisions_since"], "2026-09-01");
    assert_eq!(json["decisions"][0]["id"], "D1");

    refuses(2, dir.path(), &path, &["report", "--top", "0"], &["--top"]);
}

#[test]
fn out_writes_the_page_and_only_report_prints_html() {
    let (dir, path) = scratch_text(&hostile_example(), "product.toml");
    let before = std::fs::read(&path).unwrap();
    let out = product(dir.path())
        .args(["report", "--format", "html", "--out", "site/index.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = text(&dir.path().join("site/index.html"));
    assert_eq!(written, page::page(dir.path(), &[]));
    // Markdown to a file as well.
    common::ok(
        dir.path(),
        &["report", "--format", "markdown", "--out", "REPORT.md"],
    );
    assert!(text(&dir.path().join("REPORT.md")).starts_with("## Prescription payments"));

    // Never over the product file itself.
    refuses(
        2,
        dir.path(),
        &path,
        &["report", "--format", "html", "--out", "product.toml"],
        &["is the product file itself"],
    );
    for args in [
        &["item", "list", "--format", "html"][..],
        &["show", "--format", "html"],
        &["check", "--format", "html"],
    ] {
        let out = product(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(
                "--format html is for `product report` and `product portfolio report` only"
            ),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Commits everything in `dir` as made on `day` (the committer's day is
/// the one the history reads).
fn commit_on(dir: &std::path::Path, day: &str, message: &str) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", format!("{day}T12:00:00Z"))
        .env("GIT_COMMITTER_DATE", format!("{day}T12:00:00Z"))
        .args(["commit", "-q", "-a", "-m", message])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn in_git_the_page_draws_the_burn_up() {
    let (dir, path) = scratch_text(&hostile_example(), "product.toml");
    commit_all(dir.path(), "Helen Marsh", "The example");
    // Move the first commit back to the start of November, then add an
    // item two weeks later.
    let amend = std::process::Command::new("git")
        .current_dir(dir.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_COMMITTER_DATE", "2026-11-02T12:00:00Z")
        .args([
            "commit",
            "-q",
            "--amend",
            "--no-edit",
            "--date",
            "2026-11-02T12:00:00Z",
        ])
        .status()
        .unwrap();
    assert!(amend.success());
    let more = format!(
        "{}\n[[items]]\nid = \"RX-99\"\ntitle = \"One more\"\n",
        text(&path)
    );
    std::fs::write(&path, more).unwrap();
    commit_on(dir.path(), "2026-11-16", "One more");
    assert_eq!(
        git(dir.path(), &["rev-list", "--count", "HEAD"]).trim(),
        "2"
    );

    let html = page::page(dir.path(), &[]);
    let (dom, errors) = parse(&html);
    assert!(errors.is_empty(), "{errors:#?}");
    let all = elements(&dom);
    assert_eq!(
        all.iter().filter(|e| e.has_class("burnup")).count(),
        1,
        "{html}"
    );
    let words = page::text(&dom);
    assert!(words.contains("from 2 commits of"), "{words}");
    assert!(words.contains("The burn-up as a table"), "{words}");
    // Weeks of 2, 9, 16 and 23 November (added, done, scope, done in
    // all): the file's 15 items first seen (one of them dropped), then
    // one more on the 16th; its two done items were done before November.
    assert!(words.contains("2026-11-02\n15\n0\n14\n2\n"), "{words}");
    assert!(words.contains("2026-11-16\n1\n0\n15\n2\n"), "{words}");
}

#[test]
fn an_item_without_a_score_says_why() {
    let (dir, _) = scratch_text(common::MINIMAL, "product.toml");
    let words = page::text(&parse(&page::page(dir.path(), &[])).0);
    assert!(
        words.contains("no score: missing value, time_criticality, risk_reduction"),
        "{words}"
    );
}

#[test]
fn commits_all_after_the_day_of_the_data_draw_no_burn_up_and_say_so() {
    let (dir, _) = scratch_text(common::MINIMAL, "product.toml");
    commit_all(dir.path(), "Ada Byrne", "The file");
    // The commit is from the clock's today; the data is as of 2026-11-23.
    let amend = std::process::Command::new("git")
        .current_dir(dir.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_COMMITTER_DATE", "2026-12-01T12:00:00Z")
        .args(["commit", "-q", "--amend", "--no-edit"])
        .status()
        .unwrap();
    assert!(amend.success());
    let words = page::text(&parse(&page::page(dir.path(), &[])).0);
    assert!(
        words.contains(
            "No burn-up: the file's one commit is after 2026-11-23, the day of the data."
        ),
        "{words}"
    );
}
