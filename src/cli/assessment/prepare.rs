//! `product assessment prepare`: readiness for an assessment, point by
//! point, as the table a team prepares from (`--format markdown` for the
//! preparation document).

use serde::Serialize;

use crate::render::service::{assessment_words, readiness_line, readiness_table};
use crate::render::{Block, Csv, View};
use productfile::query::readiness::{self, Readiness};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Show readiness for an assessment: each point's evidence in the file, its gaps, and last time's recommendations
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product assessment prepare A2
  product assessment prepare A2 --format markdown > beta-readiness.md
  product assessment prepare A2 --json | jq '.points[] | select(.evidence == []) | .title'")]
pub struct Args {
    /// The assessment's id, e.g. A2
    #[arg(add = candidates::assessments())]
    id: String,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Prepared(Readiness);

impl View for Prepared {
    fn kind(&self) -> &'static str {
        "assessment_readiness"
    }

    fn csv(&self) -> Csv {
        Csv::table(&readiness_table(&self.0))
    }

    fn blocks(&self) -> Vec<Block> {
        let r = &self.0;
        vec![
            Block::Heading(format!(
                "Readiness: {}, {}",
                assessment_words(&r.assessment),
                r.standard_name
            )),
            Block::Line(readiness_line(r)),
            Block::Table(readiness_table(r)),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&Prepared(readiness::readiness(
        &product, &args.id, ctx.today,
    )?))
}
