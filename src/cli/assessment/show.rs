//! `product assessment show`: one assessment, point by point, with its
//! recommendations and their work.

use serde::Serialize;

use crate::render::service::{assessment_words, outcome_words, recommendations_table, result_cell};
use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::query::service::{self, AssessmentDetail};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Show an assessment: its panel, each point's outcome and note, its recommendations
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product assessment show A1
  product assessment show A1 --json | jq '.recommendations[] | select(.progress != \"addressed\")'")]
pub struct Args {
    /// The assessment's id, e.g. A1
    #[arg(add = candidates::assessments())]
    id: String,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Shown(AssessmentDetail);

impl Shown {
    fn points(&self) -> TableBlock {
        TableBlock {
            header: ["Point", "Title", "Outcome", "Note"]
                .map(String::from)
                .to_vec(),
            rows: self
                .0
                .points
                .iter()
                .map(|p| {
                    vec![
                        Cell::new(p.number.to_string(), Tone::Strong),
                        p.title.as_str().into(),
                        result_cell(p.result),
                        p.note.clone().unwrap_or_default().into(),
                    ]
                })
                .collect(),
        }
    }
}

impl View for Shown {
    fn kind(&self) -> &'static str {
        "assessment"
    }

    /// A row per point, as the table has them, with the ids of the point's
    /// recommendations: CSV holds one table, and a spreadsheet sorts by
    /// point.
    fn csv(&self) -> Csv {
        let mut table = self.points();
        table.header.push("Recommendations".into());
        for (row, point) in table.rows.iter_mut().zip(&self.0.points) {
            let ids: Vec<&str> = self
                .0
                .recommendations
                .iter()
                .filter(|r| r.point == point.number)
                .map(|r| r.reference.as_str())
                .collect();
            row.push(ids.join("; ").into());
        }
        Csv::table(&table)
    }

    fn blocks(&self) -> Vec<Block> {
        let a = &self.0;
        let mut fields: Vec<(String, Cell)> = Vec::new();
        if !a.panel.is_empty() {
            fields.push(("Panel".into(), a.panel.join(", ").into()));
        }
        let outcome = outcome_words(&a.line);
        if !outcome.is_empty() {
            fields.push(("Outcome".into(), outcome.into()));
        }
        let mut blocks = vec![Block::Heading(assessment_words(&a.line))];
        if !fields.is_empty() {
            blocks.push(Block::Fields(fields));
        }
        blocks.push(Block::Table(self.points()));
        if !a.recommendations.is_empty() {
            blocks.push(Block::Table(recommendations_table(&a.recommendations)));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&Shown(service::detail(&product, &args.id, ctx.today)?))
}
