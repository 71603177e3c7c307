//! `product okr list`: every objective with its grade and pace.

use serde::Serialize;

use crate::render::numbers::plural;
use crate::render::okr::{objective_csv, objective_table};
use crate::render::{Block, Csv, View};
use productfile::model::Date;
use productfile::query::okr::{self, ObjectiveReport};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// List objectives with their grades, colours and whether they are on track
///
/// The grade is the weighted mean of the key results' grades. The status
/// compares it with where the objective should be by now: its expected
/// grade (1.0 committed, 0.7 aspirational) times the share of its period
/// that has passed. Within 0.1 of that is on track, within 0.3 at risk,
/// further behind off track.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr list
  product okr list --json | jq '.objectives[] | {id, grade, status}'")]
pub struct Args {}

#[derive(Debug, Serialize)]
struct OkrList {
    today: Date,
    objectives: Vec<ObjectiveReport>,
}

impl View for OkrList {
    fn kind(&self) -> &'static str {
        "okr_list"
    }

    fn csv(&self) -> Csv {
        objective_csv(&self.objectives)
    }

    fn blocks(&self) -> Vec<Block> {
        if self.objectives.is_empty() {
            return vec![Block::Line(
                "No objectives yet: add one with `product okr add --title \"...\" --quarter 2027-Q1`."
                    .into(),
            )];
        }
        let krs: usize = self.objectives.iter().map(|o| o.key_results.len()).sum();
        vec![
            Block::Table(objective_table(&self.objectives)),
            Block::Line(format!(
                "{}, {}, as of {}; Expected is where the grade should be by now",
                plural(self.objectives.len(), "objective"),
                plural(krs, "key result"),
                self.today
            )),
        ]
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&OkrList {
        today: ctx.today,
        objectives: okr::objectives(&product, ctx.today),
    })
}
