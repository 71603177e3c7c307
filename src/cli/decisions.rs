//! `product decisions`: the decision log.

use crate::cli::choice::choice;
use clap::Subcommand;
use serde::Serialize;

use crate::render::plans::decision_table;
use crate::render::{Block, Cell, View};
use productfile::model::{Date, Decision, DecisionKind};
use productfile::query::decisions::{self, DecisionLog, Filter};

use super::candidates;
use super::context::Ctx;
use super::error::CmdResult;

/// Read the decision log: what was decided, by whom, with whose agreement
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product decisions
  product decisions list --kind goals --since 2026-10-01
  product decisions show D3")]
pub struct Args {
    #[command(subcommand)]
    command: Option<DecisionsCommand>,
}

#[derive(Debug, Subcommand)]
enum DecisionsCommand {
    List(ListArgs),
    Show(ShowArgs),
}

/// List decisions, latest last
#[derive(Debug, Default, clap::Args)]
#[command(after_help = "\
Examples:
  product decisions list
  product decisions list --kind metrics --since 2026-11-01")]
pub struct ListArgs {
    /// Only decisions of this kind
    #[arg(long, value_parser = choice::<DecisionKind>())]
    kind: Option<DecisionKind>,
    /// Only decisions on or after this day
    #[arg(long, value_name = "DATE")]
    since: Option<Date>,
}

/// Show one decision in full
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  product decisions show D3")]
pub struct ShowArgs {
    /// The decision's id, e.g. D3
    #[arg(add = candidates::decisions())]
    id: String,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        None => list(ctx, ListArgs::default()),
        Some(DecisionsCommand::List(a)) => list(ctx, a),
        Some(DecisionsCommand::Show(a)) => show(ctx, a),
    }
}

/// The log as the command shows it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Log(DecisionLog);

impl View for Log {
    fn kind(&self) -> &'static str {
        "decision_list"
    }

    fn blocks(&self) -> Vec<Block> {
        let log = &self.0;
        if log.decisions.is_empty() {
            return vec![Block::Line(format!(
                "No decisions match ({} in the log).",
                log.total
            ))];
        }
        vec![
            Block::Table(decision_table(&log.decisions)),
            Block::Line(format!(
                "{} of {} decisions",
                log.decisions.len(),
                log.total
            )),
        ]
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let filter = Filter {
        kind: args.kind,
        since: args.since,
    };
    ctx.print(&Log(decisions::log(&product, &filter)))
}

#[derive(Debug, Serialize)]
struct One {
    decision: Decision,
}

impl View for One {
    fn kind(&self) -> &'static str {
        "decision"
    }

    fn blocks(&self) -> Vec<Block> {
        let d = &self.decision;
        let mut fields: Vec<(String, Cell)> = vec![
            ("Date".into(), d.date.to_string().into()),
            ("Kind".into(), d.kind_names().into()),
            ("Decided by".into(), d.decided_by.as_str().into()),
        ];
        if !d.agreed_by.is_empty() {
            fields.push(("Agreed by".into(), d.agreed_by.join(", ").into()));
        }
        if let Some(r) = &d.rationale {
            fields.push(("Why".into(), r.as_str().into()));
        }
        if !d.refs.is_empty() {
            fields.push(("About".into(), d.refs.join(", ").into()));
        }
        vec![
            Block::Heading(format!("{} {}", d.id, d.summary)),
            Block::Fields(fields),
        ]
    }
}

fn show(ctx: &Ctx, args: ShowArgs) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let decision = product.find_decision(&args.id)?.clone();
    ctx.print(&One { decision })
}
