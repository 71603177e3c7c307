//! A service and its assessments as the commands and the report show them:
//! a point's outcome in words, the points with their last outcome, the
//! assessments in lines, the recommendations with their work, and the
//! readiness table a team prepares an assessment from.

use productfile::model::{AssessmentStatus, PointResult};
use productfile::query::readiness::{Found, Readiness};
use productfile::query::report::ServiceStandard;
use productfile::query::service::{AssessmentLine, Progress, RecommendationStatus, ServiceView};

use super::{Block, Cell, TableBlock, Tone};

/// `met` in green, `not met` in red, nothing for a point not assessed.
pub fn result_cell(result: Option<PointResult>) -> Cell {
    match result {
        Some(PointResult::Met) => Cell::new("met", Tone::Good),
        Some(PointResult::NotMet) => Cell::new("not met", Tone::Bad),
        None => Cell::new("", Tone::Plain),
    }
}

/// An assessment in words: `A2 beta assessment, planned for 2026-12-26 (in 20 days)`.
pub fn assessment_words(a: &AssessmentLine) -> String {
    let when = match a.status {
        AssessmentStatus::Held => format!("held on {}", a.date),
        AssessmentStatus::Planned => format!("planned for {} ({})", a.date, days(a.days_away)),
    };
    format!("{} {} assessment, {when}", a.id, a.phase)
}

/// `in 20 days`, `today`, `3 days ago`.
pub fn days(away: i64) -> String {
    match away {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

/// The outcome of a held assessment: `not met (12 met, 2 not met)`.
pub fn outcome_words(a: &AssessmentLine) -> String {
    match a.outcome {
        None => String::new(),
        Some(r) => format!(
            "{} ({} met, {} not met)",
            if r == PointResult::Met {
                "met"
            } else {
                "not met"
            },
            a.met,
            a.not_met
        ),
    }
}

/// Every point of the standard with its last outcome.
pub fn points_table(s: &ServiceView) -> TableBlock {
    TableBlock {
        header: ["Point", "Title", "Last outcome", "Note"]
            .map(String::from)
            .to_vec(),
        rows: s
            .points
            .iter()
            .map(|p| {
                let last = p.last.as_ref();
                let mut result = result_cell(last.map(|l| l.result));
                if let Some(l) = last {
                    result.text = format!("{} ({})", result.text, l.assessment);
                }
                vec![
                    Cell::new(p.number.to_string(), Tone::Strong),
                    p.title.as_str().into(),
                    result,
                    last.and_then(|l| l.note.clone()).unwrap_or_default().into(),
                ]
            })
            .collect(),
    }
}

/// Assessments in lines.
pub fn assessments_table(lines: &[AssessmentLine]) -> TableBlock {
    TableBlock {
        header: [
            "ID",
            "Phase",
            "Date",
            "Status",
            "Outcome",
            "Recommendations",
        ]
        .map(String::from)
        .to_vec(),
        rows: lines
            .iter()
            .map(|a| {
                let status = match a.status {
                    AssessmentStatus::Held => Cell::new("held", Tone::Plain),
                    AssessmentStatus::Planned => {
                        Cell::new(format!("planned, {}", days(a.days_away)), Tone::Strong)
                    }
                };
                let outcome = match a.outcome {
                    Some(PointResult::Met) => Cell::new(outcome_words(a), Tone::Good),
                    Some(PointResult::NotMet) => Cell::new(outcome_words(a), Tone::Bad),
                    None => Cell::new("", Tone::Plain),
                };
                vec![
                    Cell::new(&a.id, Tone::Strong),
                    a.phase.to_string().into(),
                    a.date.to_string().into(),
                    status,
                    outcome,
                    a.recommendation_count.to_string().into(),
                ]
            })
            .collect(),
    }
}

/// What became of a recommendation, with its items: `addressed: RX-5 done`.
pub fn progress_cell(r: &RecommendationStatus) -> Cell {
    let items: Vec<String> = r
        .items
        .iter()
        .map(|i| format!("{} {}", i.id, i.status))
        .collect();
    let text = if items.is_empty() {
        r.progress.words().to_owned()
    } else {
        format!("{}: {}", r.progress.words(), items.join(", "))
    };
    let tone = match r.progress {
        Progress::Addressed => Tone::Good,
        Progress::InProgress => Tone::Warn,
        Progress::NoItem => Tone::Bad,
    };
    Cell::new(text, tone)
}

/// Recommendations with their point and their work.
pub fn recommendations_table(list: &[RecommendationStatus]) -> TableBlock {
    TableBlock {
        header: ["Recommendation", "Point", "Text", "Work"]
            .map(String::from)
            .to_vec(),
        rows: list
            .iter()
            .map(|r| {
                vec![
                    Cell::new(&r.reference, Tone::Strong),
                    r.point.to_string().into(),
                    r.text.as_str().into(),
                    progress_cell(r),
                ]
            })
            .collect(),
    }
}

/// The readiness table: each point with its evidence, its gaps and the
/// previous assessment's recommendations for it.
pub fn readiness_table(r: &Readiness) -> TableBlock {
    TableBlock {
        header: vec![
            "Point".into(),
            "Last outcome".into(),
            "Evidence in the file".into(),
            "Gaps".into(),
            "Recommendations".into(),
        ],
        rows: r
            .points
            .iter()
            .map(|p| {
                let evidence = shown_evidence(&p.evidence);
                let gaps: Vec<&str> = p.gaps.iter().map(|g| g.text.as_str()).collect();
                let recs: Vec<String> = p
                    .recommendations
                    .iter()
                    .map(|rec| {
                        format!(
                            "{} {} ({})",
                            rec.reference,
                            rec.text,
                            progress_cell(rec).text
                        )
                    })
                    .collect();
                let gap_tone = if p.has_evidence() {
                    Tone::Warn
                } else {
                    Tone::Bad
                };
                vec![
                    Cell::new(format!("{}. {}", p.number, p.title), Tone::Strong),
                    {
                        let mut last = result_cell(p.previous);
                        if let (Some(_), Some(by)) = (p.previous, &p.judged_by) {
                            last.text = format!("{} ({by})", last.text);
                        }
                        last
                    },
                    evidence.join("\n").into(),
                    Cell::new(gaps.join("\n"), gap_tone),
                    recs.join("\n").into(),
                ]
            })
            .collect(),
    }
}

/// How many lines of one source a point shows in a table; the JSON has them all.
const SHOWN_A_SOURCE: usize = 5;

/// A point's evidence for people: each source's first few lines, then how
/// many more it found. A large backlog can tag thousands of items for one
/// point, and a preparation document lists what shows it, not all of it.
fn shown_evidence(found: &[Found]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut at = 0;
    while at < found.len() {
        let source = &found[at].source;
        let run = found[at..]
            .iter()
            .take_while(|f| &f.source == source)
            .count();
        lines.extend(
            found[at..at + run]
                .iter()
                .take(SHOWN_A_SOURCE)
                .map(|f| f.text.clone()),
        );
        if run > SHOWN_A_SOURCE {
            lines.push(format!("and {} more from {source}", run - SHOWN_A_SOURCE));
        }
        at += run;
    }
    lines
}

/// The readiness in a line: `12 of 14 points have evidence; 4 of A1's
/// recommendations are not addressed`.
pub fn readiness_line(r: &Readiness) -> String {
    let mut line = format!(
        "{} of {} points have evidence in the file",
        r.with_evidence,
        r.points.len()
    );
    if r.recommendations > 0 {
        line.push_str(&format!(
            "; recommendations not yet addressed: {} of {}",
            r.unaddressed, r.recommendations
        ));
    }
    line
}

/// The report's "Service standard" section: the phase, the last and next
/// assessments, and each point's last outcome with its readiness for the
/// next one (how much evidence, which gaps, what is still asked).
pub fn report_blocks(s: &ServiceStandard) -> Vec<Block> {
    let v = &s.service;
    let mut fields: Vec<(String, Cell)> = vec![
        ("Phase".into(), v.phase.to_string().into()),
        ("Standard".into(), v.standard_name.into()),
    ];
    if let Some(last) = &v.last {
        fields.push((
            "Last assessment".into(),
            format!("{}: {}", assessment_words(last), outcome_words(last)).into(),
        ));
    }
    match (&v.next, &s.readiness) {
        (Some(next), Some(r)) => fields.push((
            "Next assessment".into(),
            format!("{}; {}", assessment_words(next), readiness_line(r)).into(),
        )),
        _ => fields.push(("Next assessment".into(), "none planned".into())),
    }
    let mut header = vec!["Point".to_owned(), "Last outcome".to_owned()];
    if s.readiness.is_some() {
        header.extend(["Evidence", "Gaps", "Still asked"].map(String::from));
    }
    let rows = v
        .points
        .iter()
        .map(|p| {
            let last = p.last.as_ref();
            let mut result = result_cell(last.map(|l| l.result));
            if let Some(l) = last {
                result.text = format!("{} ({})", result.text, l.assessment);
            }
            let mut row = vec![
                Cell::new(format!("{}. {}", p.number, p.title), Tone::Plain),
                result,
            ];
            if let Some(r) = &s.readiness
                && let Some(ready) = r.points.iter().find(|x| x.number == p.number)
            {
                let open: Vec<&str> = ready
                    .recommendations
                    .iter()
                    .filter(|x| !x.addressed())
                    .map(|x| x.reference.as_str())
                    .collect();
                row.push(if ready.has_evidence() {
                    Cell::new(ready.evidence.len().to_string(), Tone::Plain)
                } else {
                    Cell::new("none", Tone::Bad)
                });
                row.push(ready.gaps.len().to_string().into());
                row.push(Cell::new(
                    open.join(", "),
                    if open.is_empty() {
                        Tone::Plain
                    } else {
                        Tone::Warn
                    },
                ));
            }
            row
        })
        .collect();
    vec![
        Block::Heading("Service standard".into()),
        Block::Fields(fields),
        Block::Table(TableBlock { header, rows }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_shows_its_first_lines_and_counts_the_rest() {
        let found = |source: &str, n: usize| -> Vec<Found> {
            (1..=n)
                .map(|i| Found {
                    source: source.into(),
                    text: format!("{source} {i}"),
                })
                .collect()
        };
        let mut all = found("tag:accessibility", 8);
        all.extend(found("usability", 2));
        assert_eq!(
            shown_evidence(&all),
            [
                "tag:accessibility 1",
                "tag:accessibility 2",
                "tag:accessibility 3",
                "tag:accessibility 4",
                "tag:accessibility 5",
                "and 3 more from tag:accessibility",
                "usability 1",
                "usability 2",
            ]
        );
    }
}
