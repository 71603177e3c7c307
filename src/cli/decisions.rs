//! `product decisions`: the decision log.

use crate::cli::choice::choice;
use clap::Subcommand;
use serde::Serialize;

use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::model::{Date, Decision};
use productfile::rights::DecisionKind;

use super::candidates;
use super::context::Ctx;
use super::error::{CmdResult, CommandError};

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

#[derive(Debug, Serialize)]
struct Log {
    decisions: Vec<Decision>,
    total: usize,
}

impl View for Log {
    fn kind(&self) -> &'static str {
        "decision_list"
    }

    fn blocks(&self) -> Vec<Block> {
        if self.decisions.is_empty() {
            return vec![Block::Line(format!(
                "No decisions match ({} in the log).",
                self.total
            ))];
        }
        vec![
            Block::Table(table(&self.decisions)),
            Block::Line(format!(
                "{} of {} decisions",
                self.decisions.len(),
                self.total
            )),
        ]
    }
}

/// Decisions as a table: id, date, kind, summary, who decided and who agreed.
pub fn table(decisions: &[Decision]) -> TableBlock {
    TableBlock {
        header: ["ID", "Date", "Kind", "Summary", "Decided by", "Agreed by"]
            .map(String::from)
            .to_vec(),
        rows: decisions
            .iter()
            .map(|d| {
                vec![
                    Cell::new(&d.id, Tone::Strong),
                    d.date.to_string().into(),
                    d.kind.as_str().into(),
                    d.summary.as_str().into(),
                    d.decided_by.as_str().into(),
                    d.agreed_by.join(", ").into(),
                ]
            })
            .collect(),
    }
}

/// Whether a decision is of a kind: its `kind` may name several, `goals, metrics`.
fn is_kind(d: &Decision, kind: DecisionKind) -> bool {
    d.kind.split(',').any(|k| k.trim() == kind.name())
}

fn list(ctx: &Ctx, args: ListArgs) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let decisions = product
        .decisions
        .iter()
        .filter(|d| args.kind.is_none_or(|k| is_kind(d, k)))
        .filter(|d| args.since.is_none_or(|s| d.date >= s))
        .cloned()
        .collect();
    ctx.print(&Log {
        decisions,
        total: product.decisions.len(),
    })
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
            ("Kind".into(), d.kind.as_str().into()),
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
    let decision = product
        .decisions
        .iter()
        .find(|d| d.id == args.id)
        .cloned()
        .ok_or_else(|| {
            CommandError::unknown(
                "decision",
                &args.id,
                product.decisions.iter().map(|d| &d.id),
            )
        })?;
    ctx.print(&One { decision })
}
