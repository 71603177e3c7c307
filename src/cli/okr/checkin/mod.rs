//! `product okr checkin`: records where a key result stands; `checkin rm`
//! and `checkin edit` remove or correct a check-in.

mod edit;
mod rm;

use serde::Serialize;

use super::super::number::{self, in_unit};
use crate::render::numbers::{two_places, with_unit};
use crate::render::okr::grade_text;
use crate::render::{Block, View};
use productfile::goals;
use productfile::model::number::Written;
use productfile::model::{Date, Reading};
use productfile::ops::okr::{self, CheckIn};
use productfile::query::okr::ObjectiveReport;

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::{CmdResult, CommandError};

/// Check in a key result's current value
///
/// The value goes into the key result's history in date order and becomes
/// its current value, unless it is dated before the latest check-in (then
/// it fills in the history and the latest stays current). `checkin edit`
/// corrects a check-in and `checkin rm` removes one; neither is a decision.
#[derive(Debug, clap::Args)]
// No `help` subcommand: it would be offered among the key results when
// completing `okr checkin`; `--help` serves.
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    disable_help_subcommand = true,
    after_help = "\
Examples:
  product okr checkin O1.KR1 71
  product okr checkin O1.KR1 73.5% --note \"3-D Secure retry at 100%\"
  product okr checkin O2.KR1 1.35M --date 2026-11-01
  product okr checkin edit O1.KR1 --date 2026-11-01 --value 72
  product okr checkin rm O1.KR1 --date 2026-11-01"
)]
pub struct Args {
    #[command(subcommand)]
    command: Option<CheckinCommand>,
    /// The key result, as O1.KR1
    #[arg(required = true, add = candidates::key_results())]
    key_result: Option<String>,
    /// Its value now (or on --date); K, M and B scale it
    #[arg(required = true, allow_hyphen_values = true, value_parser = number::written)]
    value: Option<Written>,
    /// The day of the value [default: today]
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// What explains the value
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
enum CheckinCommand {
    Edit(edit::Args),
    Rm(rm::Args),
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
    let (key_result, value) = match (args.command, args.key_result, args.value) {
        (Some(CheckinCommand::Edit(a)), ..) => return edit::run(ctx, a),
        (Some(CheckinCommand::Rm(a)), ..) => return rm::run(ctx, a),
        (None, Some(key_result), Some(value)) => (key_result, value),
        // clap requires both without a subcommand.
        _ => return Err(CommandError::usage("give a key result and its value")),
    };
    let view = ctx.mutate(|product| {
        let unit = okr::find_key_result(product, &key_result)?.unit.clone();
        let opts = CheckIn {
            value: in_unit(&value, &key_result, unit.as_deref())?,
            reference: key_result,
            date: args.date,
            note: args.note,
        };
        let checked = okr::check_in(product, ctx.today, &opts)?;
        let kr = product.find_key_result(&checked.reference)?;
        let value = checked.reading.value;
        let progress = goals::key_result_progress(kr).ok();
        let warnings = checked
            .same_day
            .iter()
            .map(|same_day| {
                format!(
                    "{} already has a check-in on {} ({}); both are kept and this one counts",
                    checked.reference,
                    same_day.date,
                    with_unit(same_day.value, unit.as_deref())
                )
            })
            .chain(checked.warnings.iter().cloned())
            .collect();
        Ok(CheckedIn {
            reading_progress: goals::progress(kr.start, kr.target, value)
                .ok()
                .map(|p| p.raw),
            back_dated: checked.back_dated,
            current: kr.current,
            progress: progress.map(|p| p.raw),
            grade: progress.map(|p| p.grade),
            objective: ObjectiveReport::of(product.find_objective(&checked.objective)?, ctx.today),
            key_result: checked.reference,
            reading: checked.reading,
            unit,
            warnings,
        })
    })?;
    ctx.print(&view)
}

/// What a key result's objective grades after one of its check-ins changed:
/// `O1 grades 0.49 amber`.
fn standing(product: &productfile::model::Product, reference: &str, today: Date) -> Option<String> {
    let objective = reference.split('.').next()?;
    let report = ObjectiveReport::of(product.find_objective(objective).ok()?, today);
    report
        .grade
        .map(|g| format!("{} grades {}", report.id, grade_text(g)))
}
