//! `product experiment list`: what the product is trying to learn.

use clap::Subcommand;

use crate::render::csv::{self, Csv};
use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::model::ExperimentResult;
use productfile::query::items::{self, ExperimentList};

use super::context::Ctx;
use super::error::CmdResult;
use crate::render::items::status_cell;

/// See experiments: hypotheses, how they are measured, and what they showed
///
/// An experiment is a backlog item of kind `experiment`:
/// `product item add "..." --kind experiment --hypothesis "..." --measure K1 --success "..."`,
/// closed with `product item done ID --result validated|invalidated|inconclusive --learning "..."`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product experiment list
  product experiment list --json | jq '.experiments[] | select(.result == \"validated\")'")]
pub struct Args {
    #[command(subcommand)]
    command: ExperimentCommand,
}

#[derive(Debug, Subcommand)]
enum ExperimentCommand {
    List(ListArgs),
}

/// List experiments with hypothesis, measure, success criterion and result
///
/// Dropped experiments are left out unless --all.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product experiment list
  product experiment list --all")]
pub struct ListArgs {
    /// Include dropped experiments
    #[arg(long)]
    all: bool,
}

impl View for ExperimentList {
    fn kind(&self) -> &'static str {
        "experiment_list"
    }

    fn csv(&self) -> Csv {
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        Csv::Table {
            header: [
                "ID",
                "Title",
                "Status",
                "Hypothesis",
                "Measure",
                "Success",
                "Result",
                "Learning",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .experiments
                .iter()
                .map(|e| {
                    vec![
                        e.id.clone(),
                        e.title.clone(),
                        csv::plain(&e.status),
                        text(&e.hypothesis),
                        text(&e.measure),
                        text(&e.success),
                        csv::plain(&e.result),
                        text(&e.learning),
                    ]
                })
                .collect(),
        }
    }

    fn blocks(&self) -> Vec<Block> {
        if self.experiments.is_empty() {
            return vec![Block::Line(
                "No experiments yet: add one with `product item add \"...\" --kind experiment --hypothesis \"...\" --measure K1 --success \"...\"`."
                    .into(),
            )];
        }
        let text = |t: &Option<String>| Cell::from(t.clone().unwrap_or_default());
        vec![Block::Table(TableBlock {
            header: [
                "ID",
                "Title",
                "Status",
                "Hypothesis",
                "Measure",
                "Success",
                "Result",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .experiments
                .iter()
                .map(|e| {
                    let result = match e.result {
                        None => Cell::new("", Tone::Dim),
                        Some(r) => {
                            let tone = match r {
                                ExperimentResult::Validated => Tone::Good,
                                ExperimentResult::Invalidated => Tone::Bad,
                                ExperimentResult::Inconclusive => Tone::Warn,
                            };
                            let learning = e
                                .learning
                                .as_deref()
                                .map_or(String::new(), |l| format!(": {l}"));
                            Cell::new(format!("{r}{learning}"), tone)
                        }
                    };
                    vec![
                        Cell::new(&e.id, Tone::Strong),
                        e.title.as_str().into(),
                        status_cell(e.status),
                        text(&e.hypothesis),
                        text(&e.measure),
                        text(&e.success),
                        result,
                    ]
                })
                .collect(),
        })]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let ExperimentCommand::List(list) = args.command;
    let (_, product) = ctx.load()?;
    ctx.print(&items::experiments(&product, list.all))
}
