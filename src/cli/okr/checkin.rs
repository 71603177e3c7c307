//! `product okr checkin`: records where a key result stands.

use serde::Serialize;

use crate::render::{Block, View};
use productfile::goals;
use productfile::model::{Date, KrRef, Reading, latest};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::super::measure;
use super::view::{ObjectiveReport, grade_text};
use crate::render::numbers::{two_places, with_unit};

/// Check in a key result's current value
///
/// The value goes into the key result's history in date order and becomes
/// its current value, unless it is dated before the latest check-in (then
/// it fills in the history and the latest stays current).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr checkin O1.KR1 71
  product okr checkin O1.KR1 73.5% --note \"3-D Secure retry at 100%\"
  product okr checkin O2.KR1 1.35M --date 2026-11-01")]
pub struct Args {
    /// The key result, as O1.KR1
    #[arg(add = candidates::key_results())]
    key_result: String,
    /// Its value now (or on --date); K, M and B scale it
    #[arg(allow_hyphen_values = true)]
    value: String,
    /// The day of the value [default: today]
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// What explains the value
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct CheckedIn {
    key_result: String,
    reading: Reading,
    /// The progress the checked-in value itself stands for.
    reading_progress: Option<f64>,
    /// Whether it is dated before the latest check-in (and so is not current).
    back_dated: bool,
    /// The key result's current value after the check-in.
    current: Option<f64>,
    #[serde(skip)]
    unit: Option<String>,
    /// The key result's progress and grade after the check-in.
    progress: Option<f64>,
    grade: Option<f64>,
    /// The objective, graded after the check-in.
    objective: ObjectiveReport,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl View for CheckedIn {
    fn kind(&self) -> &'static str {
        "checkin"
    }

    fn blocks(&self) -> Vec<Block> {
        let value = |v: f64| with_unit(v, self.unit.as_deref());
        let progress = match (self.progress, self.grade) {
            (Some(p), Some(g)) if p != g => {
                format!("progress {}, graded {}", two_places(p), two_places(g))
            }
            (Some(p), _) => format!("progress {}", two_places(p)),
            _ => "no progress: its start and target are the same".into(),
        };
        let objective = match self.objective.grade {
            Some(g) => format!("; {} grades {}", self.objective.id, grade_text(g)),
            None => String::new(),
        };
        let line = if self.back_dated {
            let then = self.reading_progress.map_or(String::new(), |p| {
                format!(" (progress {} then)", two_places(p))
            });
            let current = self.current.map_or(String::new(), value);
            format!(
                "Checked in {} at {} on {}{then}; current stays {current}: {progress}{objective}",
                self.key_result,
                value(self.reading.value),
                self.reading.date
            )
        } else {
            format!(
                "Checked in {} at {} on {}: {progress}{objective}",
                self.key_result,
                value(self.reading.value),
                self.reading.date
            )
        };
        let mut blocks = vec![Block::Line(line)];
        blocks.extend(
            self.warnings
                .iter()
                .map(|w| Block::Line(format!("warning: {w}"))),
        );
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let reference = args.key_result.clone();
    let date = args.date.unwrap_or(ctx.today);
    measure::not_after_today(date, ctx.today, "a check-in")?;
    let view = ctx.mutate(|product| {
        let kr = super::find_key_result_mut(product, &reference)?;
        let unit = kr.unit.clone();
        let value = measure::parse(&args.value, &reference, unit.as_deref())?;
        let mut warnings = Vec::new();
        let latest_before = latest(&kr.history).cloned();
        let back_dated = latest_before.as_ref().is_some_and(|last| date < last.date);
        if let Some(same_day) = kr.history.iter().rfind(|r| r.date == date) {
            warnings.push(format!(
                "{reference} already has a check-in on {date} ({}); both are kept and this one counts",
                with_unit(same_day.value, unit.as_deref())
            ));
        }
        let reading = Reading {
            date,
            value,
            note: args.note.filter(|n| !n.trim().is_empty()),
        };
        kr.check_in(reading.clone());
        let reading_progress = goals::progress(kr.start, kr.target, value).ok().map(|p| p.raw);
        let (current, progress) = (kr.current, goals::key_result_progress(kr).ok());
        let objective_id = KrRef::parse(&reference).expect("found above").objective;
        let objective = ObjectiveReport::of(
            product.objective(objective_id).expect("found above"),
            ctx.today,
        );
        Ok(CheckedIn {
            key_result: reference.clone(),
            reading,
            reading_progress,
            back_dated,
            current,
            unit,
            progress: progress.map(|p| p.raw),
            grade: progress.map(|p| p.grade),
            objective,
            warnings,
        })
    })?;
    ctx.print(&view)
}
