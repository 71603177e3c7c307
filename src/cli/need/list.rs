//! `product need list`: every need with its evidence and the items that
//! answer it, then the open features that answer none.

use serde::Serialize;

use crate::cli::choice::choice;
use crate::render::needs;
use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::model::NeedStatus;
use productfile::query::needs::{self as query, Coverage};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// List user needs: status, evidence, and the items that answer each
///
/// Items are counted open (idea, ready, doing), done and dropped. A
/// validated need that no open or done item answers is flagged, and the
/// open features that answer no need are listed after the needs.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need list
  product need list --status validated
  product need list --json | jq '.needs[] | select(.items.open == 0) | .id'")]
pub struct Args {
    /// Only the needs with this status
    #[arg(long, value_parser = choice::<NeedStatus>(), value_name = "STATUS")]
    status: Option<NeedStatus>,
}

#[derive(Debug, Serialize)]
struct CoverageView {
    #[serde(flatten)]
    coverage: Coverage,
    /// Whether a status was asked for.
    #[serde(skip)]
    filtered: bool,
}

impl CoverageView {
    fn table(&self) -> TableBlock {
        TableBlock {
            header: [
                "ID", "Status", "Need", "Users", "Evidence", "People", "Open", "Done",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .coverage
                .needs
                .iter()
                .map(|n| {
                    vec![
                        Cell::new(&n.id, Tone::Strong),
                        needs::status_cell(n),
                        n.statement.as_str().into(),
                        n.users.clone().unwrap_or_default().into(),
                        n.evidence.to_string().into(),
                        n.people.to_string().into(),
                        n.items.open.to_string().into(),
                        n.items.done.to_string().into(),
                    ]
                })
                .collect(),
        }
    }
}

impl View for CoverageView {
    fn kind(&self) -> &'static str {
        "need_list"
    }

    fn csv(&self) -> Csv {
        Csv::table(&self.table())
    }

    fn blocks(&self) -> Vec<Block> {
        if self.coverage.needs.is_empty() && self.filtered {
            return vec![Block::Line("No needs with that status.".into())];
        }
        if self.coverage.needs.is_empty() {
            return vec![Block::Line(
                "No needs yet: add one with `product need add \"As a … I need … so that …\"`."
                    .into(),
            )];
        }
        let mut blocks = vec![Block::Table(self.table())];
        let without = &self.coverage.items_without_need;
        if !without.is_empty() {
            const SHOWN: usize = 10;
            let mut ids: Vec<&str> = without.iter().take(SHOWN).map(|i| i.id.as_str()).collect();
            if without.len() > SHOWN {
                ids.push("...");
            }
            blocks.push(Block::Line(format!(
                "{} open feature{} answer{} no need: {}",
                without.len(),
                if without.len() == 1 { "" } else { "s" },
                if without.len() == 1 { "s" } else { "" },
                ids.join(", ")
            )));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&CoverageView {
        coverage: query::coverage(&product, args.status),
        filtered: args.status.is_some(),
    })
}
