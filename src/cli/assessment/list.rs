//! `product assessment list`: every assessment, planned and held.

use serde::Serialize;

use crate::render::service::assessments_table;
use crate::render::{Block, Csv, View};
use productfile::query::service::{self, AssessmentLine};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// List assessments in date order, with their outcome and recommendations
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product assessment list
  product assessment list --json | jq '.assessments[] | select(.status == \"planned\")'")]
pub struct Args {}

#[derive(Debug, Serialize)]
struct Listed {
    assessments: Vec<AssessmentLine>,
}

impl View for Listed {
    fn kind(&self) -> &'static str {
        "assessment_list"
    }

    fn csv(&self) -> Csv {
        Csv::table(&assessments_table(&self.assessments))
    }

    fn blocks(&self) -> Vec<Block> {
        if self.assessments.is_empty() {
            return vec![Block::Line(
                "No assessments: plan one with `product assessment plan --phase P --date D`."
                    .into(),
            )];
        }
        vec![Block::Table(assessments_table(&self.assessments))]
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&Listed {
        assessments: service::list(&product, ctx.today),
    })
}
