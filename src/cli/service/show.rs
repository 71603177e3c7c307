//! `product service show`: the phase, the standard's points with their last
//! outcome, and the assessments last held and next planned.

use serde::Serialize;

use crate::render::service::{assessment_words, outcome_words, points_table};
use crate::render::{Block, Cell, Csv, View};
use productfile::query::service::{self, ServiceView};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Show the service: its phase, each point's last outcome, the last and next assessments
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product service show
  product service show --format markdown
  product service show --json | jq '.points[] | select(.last.result == \"not_met\")'")]
pub struct Args {}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Shown(ServiceView);

impl View for Shown {
    fn kind(&self) -> &'static str {
        "service"
    }

    fn csv(&self) -> Csv {
        Csv::table(&points_table(&self.0))
    }

    fn blocks(&self) -> Vec<Block> {
        let s = &self.0;
        let mut fields: Vec<(String, Cell)> = vec![
            ("Phase".into(), s.phase.to_string().into()),
            ("Standard".into(), s.standard_name.into()),
        ];
        if let Some(last) = &s.last {
            fields.push((
                "Last assessment".into(),
                format!("{}: {}", assessment_words(last), outcome_words(last)).into(),
            ));
        }
        match &s.next {
            Some(next) => fields.push(("Next assessment".into(), assessment_words(next).into())),
            None => fields.push((
                "Next assessment".into(),
                "none planned: `product assessment plan --phase P --date D`".into(),
            )),
        }
        vec![
            Block::Heading("Service".into()),
            Block::Fields(fields),
            Block::Table(points_table(s)),
        ]
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    match service::service(&product, ctx.today) {
        Some(view) => ctx.print(&Shown(view)),
        None => Err(productfile::Error::usage(
            "the product is not set up as a service: it has no [service]",
        )
        .with_hint(
            "say which phase it is in: `product service set --phase discovery --standard govuk`",
        )),
    }
}
