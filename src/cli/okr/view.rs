//! How objectives and key results look: the report of an objective with its
//! grade, colour and pace (the JSON scripts chart from), and its table rows.

use serde::Serialize;

use crate::render::{Cell, Picture, TableBlock, Tone};
use productfile::goals::{self, Band, GoalError, ObjectiveGrade, Progress};
use productfile::model::{
    Commitment, Date, KeyResult, Objective, Product, Reading, Status, number,
};

use crate::render::numbers::{two_places, with_unit};

/// The width of a grade's progress bar.
const BAR: usize = 8;

/// An objective, graded as of today.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveReport {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub commitment: Commitment,
    /// The grade it is expected to reach: 1.0 committed, 0.7 aspirational.
    pub expectation: f64,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// The weighted mean of its key results' grades; none without a key result to grade.
    pub grade: Option<f64>,
    pub colour: Option<Band>,
    /// The share of its period that has passed; none without both dates.
    pub expected_progress: Option<f64>,
    /// Where the grade should be by now: expectation × expected progress.
    pub expected_grade: Option<f64>,
    pub status: Option<goals::Status>,
    pub key_results: Vec<KeyResultReport>,
}

/// A key result with its progress.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultReport {
    pub id: String,
    /// How items and check-ins name it: `O1.KR1`.
    pub reference: String,
    pub title: String,
    pub unit: Option<String>,
    pub start: f64,
    pub target: f64,
    pub current: Option<f64>,
    pub weight: f64,
    /// (current − start) / (target − start), unclamped.
    pub progress: Option<f64>,
    /// The progress clamped to [0, 1].
    pub grade: Option<f64>,
    /// The grade's colour band.
    pub colour: Option<Band>,
    /// Why it cannot be graded, when it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The same, in a few words for a table cell.
    #[serde(skip)]
    pub error_short: Option<&'static str>,
    pub history: Vec<Reading>,
    /// The backlog items linked to it (`okr show` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<LinkedItem>>,
}

/// A backlog item that works towards a key result.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedItem {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// Its place among open items; none when done or dropped.
    pub position: Option<usize>,
}

impl ObjectiveReport {
    pub fn of(objective: &Objective, today: Date) -> Self {
        let graded: ObjectiveGrade = goals::grade_objective(objective, today);
        let key_results = objective
            .key_results
            .iter()
            .zip(&graded.key_results)
            .map(|(kr, g)| KeyResultReport::of(objective, kr, g.progress))
            .collect();
        ObjectiveReport {
            id: objective.id.clone(),
            title: objective.title.clone(),
            description: objective.description.clone(),
            commitment: objective.commitment.unwrap_or(Commitment::Aspirational),
            expectation: graded.expectation,
            start: objective.start,
            end: objective.end,
            grade: graded.grade,
            colour: graded.band,
            expected_progress: graded.pace.map(|p| p.expected_progress),
            expected_grade: graded.pace.map(|p| p.expected_grade),
            status: graded.pace.map(|p| p.status),
            key_results,
        }
    }

    /// Every objective of the product, graded.
    pub fn all(product: &Product, today: Date) -> Vec<Self> {
        product
            .objectives
            .iter()
            .map(|o| Self::of(o, today))
            .collect()
    }

    /// The grade as a coloured bar, figure and colour name, so that the
    /// band reads without colour too: `█████░░░░░ 0.52 amber`.
    pub fn grade_cell(&self) -> Cell {
        let mut cell = grade_cell(self.grade);
        if let Some(colour) = self.colour {
            cell.text = format!("{} {colour}", cell.text);
        }
        cell
    }

    /// `at risk`, or why there is no status.
    pub fn status_cell(&self) -> Cell {
        let why = match (self.status, self.start, self.end) {
            (Some(status), _, _) => return Cell::new(status.to_string(), status_tone(status)),
            _ if self.key_results.is_empty() => "no key results",
            _ if self.grade.is_none() => "nothing to grade",
            (None, Some(start), Some(end)) if end < start => "ends before start",
            _ => "no period",
        };
        Cell::new(why, Tone::Dim)
    }

    /// The status with where the grade should be: `at risk (0.38 expected by now)`.
    pub fn status_explained(&self) -> Cell {
        let mut cell = self.status_cell();
        if let Some(expected) = self.expected_grade {
            cell.text = format!("{} ({} expected by now)", cell.text, two_places(expected));
        }
        cell
    }

    /// The grade it should have by now.
    pub fn expected_cell(&self) -> Cell {
        self.expected_grade.map_or(String::new(), two_places).into()
    }

    /// `2027-01-01 to 2027-03-31`, or what is missing.
    pub fn period(&self) -> String {
        match (self.start, self.end) {
            (Some(s), Some(e)) => format!("{s} to {e}"),
            (Some(s), None) => format!("from {s}"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => String::new(),
        }
    }

    /// The objectives as a table: id, title, grade, where it should be,
    /// status, end. The commitment shows in Expected (and in `okr show`).
    pub fn table(reports: &[ObjectiveReport]) -> TableBlock {
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
                        o.grade_cell(),
                        o.expected_cell(),
                        o.status_cell(),
                        o.end.map_or(String::new(), |e| e.to_string()).into(),
                    ]
                })
                .collect(),
        }
    }
}

impl KeyResultReport {
    fn of(objective: &Objective, kr: &KeyResult, progress: Result<Progress, GoalError>) -> Self {
        // A hand-kept history may be out of order; it is shown in date order.
        let mut history = kr.history.clone();
        history.sort_by_key(|r| r.date);
        KeyResultReport {
            id: kr.id.clone(),
            reference: objective.kr_ref(kr),
            title: kr.title.clone(),
            unit: kr.unit.clone(),
            start: kr.start,
            target: kr.target,
            current: kr.current.or_else(|| history.last().map(|r| r.value)),
            weight: kr.weight.unwrap_or(1.0),
            progress: progress.ok().map(|p| p.raw),
            grade: progress.ok().map(|p| p.grade),
            colour: progress.ok().map(|p| Band::of(p.grade)),
            error: progress.err().map(|e| e.to_string()),
            error_short: progress.err().map(|e| match e {
                GoalError::StartIsTarget(_) => "start = target",
                GoalError::NegativeWeight(_) => "negative weight",
            }),
            history,
            items: None,
        }
    }

    /// A value in this key result's unit.
    pub fn value(&self, v: f64) -> String {
        with_unit(v, self.unit.as_deref())
    }

    /// The key results as a table: where each started, stands and is going,
    /// its grade and the shape of its check-ins.
    /// A Weight column appears when some key result weighs other than 1.
    pub fn table(reports: &[KeyResultReport]) -> TableBlock {
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
                    let progress = match (kr.error_short, kr.progress) {
                        (Some(why), _) => Cell::new(why, Tone::Bad),
                        (None, Some(p)) => two_places(p).into(),
                        (None, None) => Cell::from(""),
                    };
                    let mut row = vec![
                        Cell::new(&kr.reference, Tone::Strong),
                        kr.title.as_str().into(),
                        kr.value(kr.start).into(),
                        kr.current.map_or(String::new(), |c| kr.value(c)).into(),
                        kr.value(kr.target).into(),
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
