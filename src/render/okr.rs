//! How objectives and key results look in the tables of several commands
//! (`okr list`, `okr show`, `okr checkin`, `show`, `report`): grades as
//! coloured bars, statuses, and the objective and key result tables.

use productfile::goals::{self, Band, GoalError};
use productfile::model::number;
use productfile::query::okr::{KeyResultReport, ObjectiveReport};

use super::csv::{self, Csv};
use super::numbers::{two_places, with_unit};
use super::{Cell, Picture, TableBlock, Tone};

/// The width of a grade's progress bar.
const BAR: usize = 8;

/// The grade as a coloured bar, figure and colour name, so that the
/// band reads without colour too: `█████░░░░░ 0.52 amber`.
pub fn objective_grade_cell(o: &ObjectiveReport) -> Cell {
    let mut cell = grade_cell(o.grade);
    if let Some(colour) = o.colour {
        cell.text = format!("{} {colour}", cell.text);
    }
    cell
}

/// `at risk`, or why there is no status.
pub fn status_cell(o: &ObjectiveReport) -> Cell {
    let why = match (o.status, o.start, o.end) {
        (Some(status), _, _) => return Cell::new(status.to_string(), status_tone(status)),
        _ if o.key_results.is_empty() => "no key results",
        _ if o.grade.is_none() => "nothing to grade",
        (None, Some(start), Some(end)) if end < start => "ends before start",
        _ => "no period",
    };
    Cell::new(why, Tone::Dim)
}

/// The status with where the grade should be: `at risk (0.38 expected by now)`.
pub fn status_explained(o: &ObjectiveReport) -> Cell {
    let mut cell = status_cell(o);
    if let Some(expected) = o.expected_grade {
        cell.text = format!("{} ({} expected by now)", cell.text, two_places(expected));
    }
    cell
}

/// The grade it should have by now.
pub fn expected_cell(o: &ObjectiveReport) -> Cell {
    o.expected_grade.map_or(String::new(), two_places).into()
}

/// `2027-01-01 to 2027-03-31`, or what is missing.
pub fn period(o: &ObjectiveReport) -> String {
    match (o.start, o.end) {
        (Some(s), Some(e)) => format!("{s} to {e}"),
        (Some(s), None) => format!("from {s}"),
        (None, Some(e)) => format!("until {e}"),
        (None, None) => String::new(),
    }
}

/// The objectives as a table: id, title, grade, where it should be,
/// status, end. The commitment shows in Expected (and in `okr show`).
pub fn objective_table(reports: &[ObjectiveReport]) -> TableBlock {
    TableBlock {
        header: ["ID", "Objective", "Grade", "Expected", "Status", "Ends"]
            .map(String::from)
            .to_vec(),
        rows: reports
            .iter()
            .map(|o| {
                vec![
                    Cell::new(&o.id, Tone::Strong),
                    o.title.as_str().into(),
                    objective_grade_cell(o),
                    expected_cell(o),
                    status_cell(o),
                    o.end.map_or(String::new(), |e| e.to_string()).into(),
                ]
            })
            .collect(),
    }
}

/// The objectives as CSV: the grade a number, its colour a column of its own.
pub fn objective_csv(reports: &[ObjectiveReport]) -> Csv {
    let header = [
        "ID",
        "Objective",
        "Commitment",
        "Grade",
        "Colour",
        "Expected",
        "Status",
        "Starts",
        "Ends",
        "Key results",
    ];
    Csv::Table {
        header: header.map(String::from).to_vec(),
        rows: reports
            .iter()
            .map(|o| {
                vec![
                    o.id.clone(),
                    o.title.clone(),
                    csv::plain(&o.commitment),
                    csv::number(o.grade),
                    csv::plain(&o.colour),
                    csv::number(o.expected_grade),
                    csv::plain(&o.status),
                    csv::plain(&o.start),
                    csv::plain(&o.end),
                    o.key_results.len().to_string(),
                ]
            })
            .collect(),
    }
}

/// A value in a key result's unit.
pub fn kr_value(kr: &KeyResultReport, v: f64) -> String {
    with_unit(v, kr.unit.as_deref())
}

/// Why a key result cannot be graded, in a few words for a table cell.
fn grading_error_short(e: GoalError) -> &'static str {
    match e {
        GoalError::StartIsTarget(_) => "start = target",
        GoalError::NegativeWeight(_) => "negative weight",
    }
}

/// The key results as a table: where each started, stands and is going,
/// its grade and the shape of its check-ins.
/// A Weight column appears when some key result weighs other than 1.
pub fn key_result_table(reports: &[KeyResultReport]) -> TableBlock {
    let weighted = reports.iter().any(|kr| kr.weight != 1.0);
    let mut header: Vec<String> = [
        "KR", "Title", "Start", "Current", "Target", "Progress", "Grade", "History",
    ]
    .map(String::from)
    .to_vec();
    if weighted {
        header.insert(5, "Weight".into());
    }
    TableBlock {
        header,
        rows: reports
            .iter()
            .map(|kr| {
                let progress = match (kr.grading_error, kr.progress) {
                    (Some(e), _) => Cell::new(grading_error_short(e), Tone::Bad),
                    (None, Some(p)) => two_places(p).into(),
                    (None, None) => Cell::from(""),
                };
                let mut row = vec![
                    Cell::new(&kr.reference, Tone::Strong),
                    kr.title.as_str().into(),
                    kr_value(kr, kr.start).into(),
                    kr.current.map_or(String::new(), |c| kr_value(kr, c)).into(),
                    kr_value(kr, kr.target).into(),
                    progress,
                    grade_cell(kr.grade),
                    Cell::from("").with_picture(Picture::Sparkline(
                        kr.history.iter().map(|r| r.value).collect(),
                    )),
                ];
                if weighted {
                    row.insert(5, number::display(kr.weight).into());
                }
                row
            })
            .collect(),
    }
}

/// A grade as a bar and a figure, coloured by its band.
pub fn grade_cell(grade: Option<f64>) -> Cell {
    match grade {
        None => Cell::new("", Tone::Dim),
        Some(g) => Cell::new(grade_text(g), band_tone(Band::of(g))).with_picture(Picture::Bar {
            fraction: g,
            width: BAR,
        }),
    }
}

/// A grade to two places, or three where two would round it into the
/// band above (0.398 is red: `0.398`, not `0.40`).
pub fn grade_text(grade: f64) -> String {
    let shown = two_places(grade);
    match shown.parse::<f64>() {
        Ok(rounded) if Band::of(rounded) != Band::of(grade) => {
            format!("{:.3}", (grade * 1000.0).floor() / 1000.0)
        }
        _ => shown,
    }
}

pub fn band_tone(band: Band) -> Tone {
    match band {
        Band::Red => Tone::Bad,
        Band::Amber => Tone::Warn,
        Band::Green => Tone::Good,
    }
}

pub fn status_tone(status: goals::Status) -> Tone {
    match status {
        goals::Status::OnTrack => Tone::Good,
        goals::Status::AtRisk => Tone::Warn,
        goals::Status::OffTrack => Tone::Bad,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grade_is_never_shown_in_the_band_above_its_own() {
        assert_eq!(grade_text(0.398), "0.398");
        assert_eq!(grade_text(0.6996), "0.699");
        assert_eq!(grade_text(0.4), "0.40");
        assert_eq!(grade_text(0.666_666), "0.67");
    }
}
