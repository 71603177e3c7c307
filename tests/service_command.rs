//! `product service` and `product assessment` end to end: an alpha
//! assessment recorded at the terminal, the file as written (comments
//! kept), the beta prepared as markdown and checked at `file:line`, the
//! views in every format, the decision log, and refusals that leave the
//! file as it was.

mod common;

use std::path::Path;

use common::{has_row, ok, ok_json, product, refuses, scratch_text, stderr, text};

const ADA: &str = "Ada Lovell";

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

# The four measures GOV.UK asks every service to publish.
[[kpis]]
id = "K1"
name = "Cost per transaction"
unit = "£"
direction = "down"
cadence = "quarterly"
history = [{ date = 2026-10-01, value = 2.1 }]

[[kpis]]
id = "K2"
name = "User satisfaction"
unit = "%"
direction = "up"
cadence = "monthly"
history = [{ date = 2026-11-10, value = 81 }]

[[kpis]]
id = "K3"
name = "Completion rate"   # no reading yet
unit = "%"
direction = "up"
cadence = "monthly"

[[kpis]]
id = "K4"
name = "Digital take-up"
unit = "%"
direction = "up"
cadence = "monthly"
history = [{ date = 2026-06-01, value = 64 }]

[[needs]]
id = "N1"
statement = "As an angler I need a licence before I fish so that I am not fined"
status = "validated"

[[needs.evidence]]
date = 2026-08-03
kind = "interview"
people = 6
summary = "Five of six buy on the day they fish"
"#;

fn run(dir: &Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--as", ADA]);
    ok(dir, &all)
}

/// The line of the first `needle` after the first `anchor`.
fn line_of(text: &str, anchor: &str, needle: &str) -> u64 {
    let from = text.find(anchor).unwrap_or_else(|| panic!("no {anchor}"));
    let at = from
        + text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle}"));
    text[..at].matches('\n').count() as u64 + 1
}

/// The alpha assessment recorded point by point: 5, 9 and 12 not met, six
/// recommendations; items for four of them, two done; the phase moved on
/// and the beta assessment planned 20 days out.
fn assessed(dir: &Path) {
    let out = run(
        dir,
        &[
            "service",
            "set",
            "--phase",
            "alpha",
            "--standard",
            "govuk",
            "--agreed-by",
            "Lee Marsh",
        ],
    );
    assert_eq!(
        out,
        "The service is in alpha, assessed against the GOV.UK Service Standard\n"
    );
    let out = product(dir)
        .args([
            "assessment",
            "plan",
            "--phase",
            "alpha",
            "--date",
            "2026-09-14",
            "--panel",
            "Sam Lee",
            "--as",
            ADA,
        ])
        .output()
        .unwrap();
    assert_eq!(
        common::stdout(&out),
        "Planned A1: alpha assessment on 2026-09-14 (70 days ago); prepare with `product assessment prepare A1`\n"
    );
    assert_eq!(
        stderr(&out),
        "Logged D2: assessment decision by Ada Lovell\n"
    );
    for point in 1..=14 {
        let p = point.to_string();
        let mut args = vec!["assessment", "record", "A1", "--point", &p];
        match point {
            1 => args.extend([
                "--met",
                "--recommendation",
                "Research with assisted digital users",
            ]),
            5 => args.extend([
                "--not-met",
                "--note",
                "No testing with assistive technology",
                "--recommendation",
                "Test with screen reader users",
                "--recommendation",
                "Publish an accessibility statement",
            ]),
            9 => args.extend([
                "--not-met",
                "--recommendation",
                "Complete a threat model",
                "--recommendation",
                "Agree data retention with the data protection officer",
            ]),
            12 => args.extend(["--not-met", "--recommendation", "Publish the code openly"]),
            _ => args.push("--met"),
        }
        run(dir, &args);
    }
    for (title, rec) in [
        ("Screen reader testing round", "A1.R2"),
        ("Accessibility statement", "A1.R3"),
        ("Threat model", "A1.R4"),
        ("Retention schedule", "A1.R5"),
    ] {
        run(dir, &["item", "add", title, "--recommendation", rec]);
    }
    run(dir, &["item", "done", "FL-1"]);
    run(dir, &["item", "done", "FL-3"]);
    run(
        dir,
        &[
            "service",
            "set",
            "--phase",
            "beta",
            "--agreed-by",
            "Lee Marsh",
        ],
    );
    run(
        dir,
        &[
            "assessment",
            "plan",
            "--phase",
            "beta",
            "--date",
            "2026-12-13",
        ],
    );
}

#[test]
fn an_alpha_assessment_recorded_and_the_beta_prepared_and_checked() {
    let (dir, path) = scratch_text(START, "product.toml");
    let dir = dir.path();
    assessed(dir);
    let written = text(&path);
    // The comments are where they were; the new sections follow.
    assert!(
        written.contains("# The four measures GOV.UK asks every service to publish.\n[[kpis]]")
    );
    assert!(written.contains("name = \"Completion rate\"   # no reading yet"));
    assert!(written.contains(
        "[[assessments.points]]\npoint = 5\nresult = \"not_met\"\nnote = \"No testing with assistive technology\"\n"
    ));
    assert!(written.contains(
        "[[assessments.recommendations]]\nid = \"R6\"\npoint = 12\ntext = \"Publish the code openly\"\n"
    ));
    assert!(
        written.contains("title = \"Threat model\"\nkind = \"feature\"\nstatus = \"done\"\nrecommendation = \"A1.R4\"\n"),
        "{written}"
    );

    // The preparation document: every point, its evidence and its gaps.
    let md = ok(
        dir,
        &["assessment", "prepare", "A2", "--format", "markdown"],
    );
    assert!(md.starts_with(
        "## Readiness: A2 beta assessment, planned for 2026-12-13 (in 20 days), GOV.UK Service Standard\n\n\
         8 of 14 points have evidence in the file; recommendations not yet addressed: 4 of 6\n\n\
         | Point | Last outcome | Evidence in the file | Gaps | Recommendations |\n"
    ), "{md}");
    for n in 1..=14 {
        assert!(
            md.contains(&format!("\n| {n}. ")),
            "point {n} missing:\n{md}"
        );
    }
    assert!(md.contains(
        "| 5. Make sure everyone can use the service | not met (A1) |  | no item tagged accessibility<br>no usability test among the needs' evidence | A1.R2 Test with screen reader users (addressed: FL-1 done)<br>A1.R3 Publish an accessibility statement (in progress: FL-2 idea) |"
    ), "{md}");
    assert!(md.contains("K3 Completion rate: no reading<br>"), "{md}");

    // The checks, each at its line.
    let report = ok_json(dir, &["check"], "check");
    let at = |rule: &str| -> Vec<(u64, String)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                assert_eq!(f["file"], "product.toml");
                (
                    f["line"].as_u64().unwrap(),
                    f["entity"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let rec_line = |id: &str| {
        line_of(
            &written,
            "[[assessments]]\nid = \"A1\"",
            &format!("[[assessments.recommendations]]\nid = \"{id}\""),
        ) + 1
    };
    assert_eq!(
        at("recommendation-unaddressed"),
        [
            (rec_line("R1"), "A1.R1".to_owned()),
            (rec_line("R3"), "A1.R3".to_owned()),
            (rec_line("R5"), "A1.R5".to_owned()),
            (rec_line("R6"), "A1.R6".to_owned()),
        ]
    );
    assert_eq!(
        at("mandatory-kpi-missing"),
        [
            (
                line_of(&written, "[[kpis]]\nid = \"K3\"", "id"),
                "K3".to_owned()
            ),
            (
                line_of(&written, "[[kpis]]\nid = \"K4\"", "id"),
                "K4".to_owned()
            ),
        ]
    );
    let a2_date = line_of(&written, "[[assessments]]\nid = \"A2\"", "date =");
    assert!(
        at("assessment-gap")
            .iter()
            .all(|(line, _)| *line == a2_date)
    );
    assert_eq!(
        at("assessment-gap")
            .iter()
            .map(|(_, e)| e.as_str())
            .collect::<Vec<_>>(),
        ["A2.3", "A2.4", "A2.5", "A2.9", "A2.12", "A2.13"]
    );
    let human = product(dir).arg("check").output().unwrap();
    let said = common::stdout(&human);
    assert!(said.contains(&format!(
        "product.toml:{}:1: warning[recommendation-unaddressed]: A1.R1 (point 1: Research with assisted digital users) is not addressed, and the beta assessment A2 is in 20 days (2026-12-13): no item addresses it\n  hint: add the work to the backlog: `product item add TITLE --recommendation A1.R1`\n",
        rec_line("R1")
    )), "{said}");

    // The views in their formats.
    let shown = ok(dir, &["service", "show"]);
    has_row(&shown, "Phase: beta");
    has_row(
        &shown,
        "Next assessment: A2 beta assessment, planned for 2026-12-13 (in 20 days)",
    );
    let md = ok(dir, &["service", "show", "--format", "markdown"]);
    assert!(
        md.contains("| 5 | Make sure everyone can use the service | not met (A1) | No testing with assistive technology |"),
        "{md}"
    );
    let v = ok_json(dir, &["service", "show"], "service");
    assert_eq!(v["points"].as_array().unwrap().len(), 14);
    assert_eq!(v["last"]["outcome"], "not_met");
    let v = ok_json(dir, &["assessment", "list"], "assessment_list");
    assert_eq!(v["assessments"][0]["met"], 11);
    assert_eq!(v["assessments"][1]["status"], "planned");
    let csv = ok(dir, &["assessment", "list", "--format", "csv"]);
    assert!(csv.starts_with("ID,Phase,Date,Status,Outcome,Recommendations\nA1,alpha,2026-09-14,held,\"not met (11 met, 3 not met)\",6\n"), "{csv}");
    let shown = ok(dir, &["assessment", "show", "A1", "--format", "markdown"]);
    assert!(
        shown.contains("| A1.R5 | 9 | Agree data retention with the data protection officer | in progress: FL-4 idea |"),
        "{shown}"
    );
    let csv = ok(dir, &["assessment", "show", "A1", "--format", "csv"]);
    assert!(
        csv.starts_with("Point,Title,Outcome,Note,Recommendations\n"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "\n9,Create a secure service which protects users' privacy,not met,,A1.R4; A1.R5\n"
        ),
        "{csv}"
    );
    let v = ok_json(dir, &["assessment", "show", "A1"], "assessment");
    assert_eq!(v["recommendations"][0]["progress"], "no_item");
    let v = ok_json(
        dir,
        &["assessment", "prepare", "A2"],
        "assessment_readiness",
    );
    assert_eq!(v["unaddressed"], 4);
    let shown = ok(dir, &["item", "show", "FL-2"]);
    has_row(&shown, "Recommendation: A1.R3");

    // The decision log: the phase moved twice with agreement (launch),
    // and every planning and recording by the owner alone (assessment).
    let log = ok_json(dir, &["decisions"], "decision_list");
    let kinds: Vec<(String, usize)> = log["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap().to_owned(),
                d["agreed_by"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    let launch = kinds
        .iter()
        .filter(|(k, n)| k == "launch" && *n == 1)
        .count();
    let assessment = kinds
        .iter()
        .filter(|(k, n)| k == "assessment" && *n == 0)
        .count();
    assert_eq!((launch, assessment), (2, 16), "{kinds:?}");

    // The report's section.
    let md = ok(dir, &["report", "--format", "markdown"]);
    assert!(md.contains("## Service standard\n"), "{md}");
    assert!(
        md.contains("| 12. Make new source code open | not met (A1) | none | 1 | A1.R6 |"),
        "{md}"
    );
}

#[test]
fn bad_input_is_refused_and_the_file_kept() {
    let (dir, path) = scratch_text(START, "product.toml");
    let dir = dir.path();
    // Not a service yet.
    refuses(
        2,
        dir,
        &path,
        &[
            "assessment",
            "plan",
            "--phase",
            "alpha",
            "--date",
            "2026-12-01",
            "--as",
            ADA,
        ],
        &["no [service]", "product service set --phase"],
    );
    refuses(2, dir, &path, &["service", "show"], &["no [service]"]);
    assessed(dir);
    // An unknown phase and standard list the known ones (exit 2).
    refuses(
        2,
        dir,
        &path,
        &["service", "set", "--phase", "gamma", "--as", ADA],
        &["gamma", "discovery", "alpha", "beta", "live", "retired"],
    );
    refuses(
        2,
        dir,
        &path,
        &["service", "set", "--standard", "iso", "--as", ADA],
        &["govuk", "nhs", "custom"],
    );
    // An unknown point, assessment or recommendation (exit 3).
    refuses(
        3,
        dir,
        &path,
        &[
            "assessment",
            "record",
            "A1",
            "--point",
            "15",
            "--met",
            "--as",
            ADA,
        ],
        &[
            "no point `15`",
            "known points: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14",
        ],
    );
    refuses(
        3,
        dir,
        &path,
        &["assessment", "show", "A9"],
        &["no assessment `A9`", "known assessments: A1, A2"],
    );
    refuses(
        3,
        dir,
        &path,
        &["assessment", "prepare", "A9"],
        &["known assessments: A1, A2"],
    );
    refuses(
        3,
        dir,
        &path,
        &[
            "item",
            "edit",
            "FL-1",
            "--recommendation",
            "A1.R9",
            "--as",
            ADA,
        ],
        &["no recommendation `A1.R9`", "A1.R1, A1.R2"],
    );
    // A point that is not a number, an outcome ahead of its day (exit 2).
    refuses(
        2,
        dir,
        &path,
        &[
            "assessment",
            "record",
            "A1",
            "--point",
            "five",
            "--met",
            "--as",
            ADA,
        ],
        &["five"],
    );
    refuses(
        2,
        dir,
        &path,
        &[
            "assessment",
            "record",
            "A2",
            "--point",
            "1",
            "--met",
            "--as",
            ADA,
        ],
        &["planned for 2026-12-13, after today", "--date"],
    );
    refuses(
        2,
        dir,
        &path,
        &[
            "assessment",
            "plan",
            "--phase",
            "discovery",
            "--date",
            "2026-12-20",
            "--as",
            ADA,
        ],
        &["not assessed in discovery", "alpha, beta or live"],
    );
    // Rights: the phase is launch, agreed; assessments are the owner's (exit 4).
    refuses(
        4,
        dir,
        &path,
        &["service", "set", "--phase", "live", "--as", ADA],
        &["launch decisions need the agreement", "Lee Marsh"],
    );
    refuses(
        4,
        dir,
        &path,
        &[
            "assessment",
            "record",
            "A1",
            "--point",
            "2",
            "--not-met",
            "--as",
            "Tom Reyes",
        ],
        &["may not take assessment decisions", "Ada Lovell"],
    );
    // A KPI named otherwise is made a mandatory measure (metrics, agreed);
    // one measure is one KPI.
    run(
        dir,
        &[
            "kpi",
            "edit",
            "K3",
            "--mandatory",
            "completion_rate",
            "--agreed-by",
            "Lee Marsh",
        ],
    );
    assert!(text(&path).contains("mandatory = \"completion_rate\""));
    refuses(
        2,
        dir,
        &path,
        &[
            "kpi",
            "edit",
            "K4",
            "--mandatory",
            "completion_rate",
            "--as",
            ADA,
            "--agreed-by",
            "Lee Marsh",
        ],
        &[
            "K3 is already the completion_rate measure",
            "--mandatory none",
        ],
    );
    refuses(
        2,
        dir,
        &path,
        &["kpi", "edit", "K4", "--mandatory", "speed", "--as", ADA],
        &["not a mandatory measure", "digital_take_up"],
    );
    // The dashboard says where the service is.
    has_row(
        &ok(dir, &["show"]),
        "Service: beta · GOV.UK Service Standard · next: A2 beta assessment, planned for 2026-12-13 (in 20 days)",
    );
    // Unlinking a recommendation takes `none`.
    run(dir, &["item", "edit", "FL-2", "--recommendation", "none"]);
    assert!(!text(&path).contains("recommendation = \"A1.R3\""));
}

#[test]
fn assessments_made_by_the_commands_pass_the_governance_check_and_hand_edits_do_not() {
    let (dir, path) = scratch_text(START, "product.toml");
    let dir = dir.path();
    common::commit_all(dir, ADA, "The product file");
    common::git(dir, &["branch", "-M", "main"]);
    common::git(dir, &["checkout", "-q", "-b", "feature"]);
    // Through the commands: every change carries its logged decision, and
    // the dates the decisions record read back as the dates they were.
    assessed(dir);
    common::commit_all(dir, ADA, "Alpha assessed, beta planned");
    let out = product(dir)
        .args(["check", "--base", "main", "--json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ungoverned: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "ungoverned-change")
        .collect();
    assert!(ungoverned.is_empty(), "{ungoverned:#?}");
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    // By hand: an outcome recorded with no decision is reported.
    common::git(dir, &["checkout", "-q", "-b", "by-hand"]);
    let written = text(&path);
    std::fs::write(
        &path,
        written.replacen(
            "[[assessments.points]]\npoint = 2\nresult = \"met\"",
            "[[assessments.points]]\npoint = 2\nresult = \"not_met\"",
            1,
        ),
    )
    .unwrap();
    common::commit_all(dir, ADA, "Point 2 by hand");
    let out = product(dir)
        .args(["check", "--base", "feature"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = common::stdout(&out);
    assert!(
        said.contains("error[ungoverned-change]: A1 point 2: not met: a service assessment planned or recorded is always logged: it needs an assessment decision decided by owner (Ada Lovell)"),
        "{said}"
    );
    assert!(
        said.contains("hint: log it in this change: `product --as \"Ada Lovell\" decide --kind assessment --summary \"...\" --ref \"A1\" --field points`"),
        "{said}"
    );
}

#[test]
fn recording_keeps_each_points_comments_and_unknown_keys_with_it() {
    let held = format!(
        "{START}\n[service]\nphase = \"alpha\"\n\n[[assessments]]\nid = \"A1\"\nphase = \"alpha\"\ndate = 2026-11-02\nstatus = \"held\"\n\n# point three\n[[assessments.points]]\npoint = 3\nresult = \"met\"\nx-pt = \"three\"\n\n[[assessments.points]]\npoint = 7   # seven\nresult = \"met\"\nx-pt = \"seven\"\n"
    );
    for name in ["product.toml", "product.json"] {
        let body = if name == "product.toml" {
            held.clone()
        } else {
            let p: serde_json::Value = toml::from_str::<toml::Value>(&held)
                .map(|v| serde_json::to_value(v).unwrap())
                .unwrap();
            serde_json::to_string_pretty(&p).unwrap()
        };
        let (dir, path) = scratch_text(&body, name);
        let dir = dir.path();
        run(
            dir,
            &["assessment", "record", "A1", "--point", "1", "--met"],
        );
        run(
            dir,
            &["assessment", "record", "A1", "--point", "5", "--not-met"],
        );
        let written = text(&path);
        if name == "product.toml" {
            assert!(written.contains("[[assessments.points]]\npoint = 1\nresult = \"met\"\n\n# point three\n[[assessments.points]]\npoint = 3\nresult = \"met\"\nx-pt = \"three\"\n\n[[assessments.points]]\npoint = 5\nresult = \"not_met\"\n\n[[assessments.points]]\npoint = 7   # seven\nresult = \"met\"\nx-pt = \"seven\"\n"), "{written}");
        } else {
            let v: serde_json::Value = serde_json::from_str(&written).unwrap();
            let points = &v["assessments"][0]["points"];
            assert_eq!(points[1]["x-pt"], "three", "{v:#}");
            assert_eq!(points[3]["x-pt"], "seven", "{v:#}");
            assert_eq!(points[2]["point"], 5, "{v:#}");
        }
    }
}

#[test]
fn a_mapping_for_a_point_the_standard_lacks_stops_the_file_at_its_line() {
    for (key, words) in [
        ("99", "[\"team\"]"),
        ("05", "[\"team\"]"),
        ("5", "[\"tag:\"]"),
        ("5", "[\"meetings\"]"),
    ] {
        let text = format!(
            "{START}\n[service]\nphase = \"alpha\"\n\n[service.evidence]\n{key} = {words}\n"
        );
        let (dir, path) = scratch_text(&text, "product.toml");
        let line = text.lines().count();
        let e = refuses(3, dir.path(), &path, &["check"], &["service.evidence"]);
        assert_eq!(e["problems"][0]["line"], line, "{e:#}");
        let said = e["message"].as_str().unwrap();
        if words.contains("team") {
            assert!(
                said.contains(&format!(
                    "`{key}` is not a point of the GOV.UK Service Standard"
                )),
                "{said}"
            );
            assert!(
                said.contains("1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14"),
                "{said}"
            );
        } else {
            assert!(said.contains("is not a source of evidence"), "{said}");
            assert!(said.contains("needs, usability, experiments"), "{said}");
        }
    }
}

#[test]
fn a_planned_assessment_is_moved_or_taken_off_the_plan_and_a_held_one_stays() {
    let (dir, path) = scratch_text(START, "product.toml");
    let dir = dir.path();
    assessed(dir);
    let out = product(dir)
        .args([
            "assessment",
            "edit",
            "A2",
            "--date",
            "2027-01-20",
            "--panel",
            "Ana Ruiz",
            "--as",
            ADA,
        ])
        .output()
        .unwrap();
    assert_eq!(
        common::stdout(&out),
        "Updated A2: beta assessment on 2027-01-20 (in 58 days)\n"
    );
    assert!(stderr(&out).starts_with("Logged D"), "{}", stderr(&out));
    // Now 58 days away: outside the window, so nothing is asked yet.
    let report = ok_json(dir, &["check"], "check");
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "recommendation-unaddressed"),
        "{report:#}"
    );
    refuses(
        2,
        dir,
        &path,
        &[
            "assessment",
            "edit",
            "A1",
            "--date",
            "2026-09-20",
            "--as",
            ADA,
        ],
        &["A1 was held on 2026-09-14", "--date"],
    );
    refuses(
        2,
        dir,
        &path,
        &["assessment", "rm", "A1", "--as", ADA],
        &["A1 was held on 2026-09-14", "stays"],
    );
    refuses(
        2,
        dir,
        &path,
        &["assessment", "edit", "A2", "--as", ADA],
        &["nothing to change"],
    );
    refuses(
        4,
        dir,
        &path,
        &["assessment", "rm", "A2", "--as", "Tom Reyes"],
        &["may not take assessment decisions"],
    );
    let v = ok_json(
        dir,
        &["assessment", "rm", "A2", "--as", ADA],
        "assessment_removed",
    );
    assert_eq!(v["assessment"]["id"], "A2");
    assert!(v["decision"].is_string(), "{v:#}");
    let listed = ok_json(dir, &["assessment", "list"], "assessment_list");
    assert_eq!(listed["assessments"].as_array().unwrap().len(), 1);
    // Its id is not handed out again.
    run(
        dir,
        &[
            "assessment",
            "plan",
            "--phase",
            "beta",
            "--date",
            "2027-02-03",
        ],
    );
    assert!(
        text(&path).contains("[[assessments]]\nid = \"A3\"\nphase = \"beta\"\ndate = 2027-02-03\n")
    );
}
