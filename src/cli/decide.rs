//! `product decide`: records a decision taken outside the tool.

use crate::cli::choice::choice;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::Decision;
use productfile::rights::{self, DecisionKind};

use super::candidates;
use super::context::Ctx;
use super::error::{CmdResult, CommandError};
use productfile::ops as govern;

/// Record a decision taken outside the tool, in the decision log
///
/// The decision is checked against the rights as any change is: the person
/// recording it (--as) must hold a deciding role, and where agreement is
/// needed, --agreed-by must name someone who holds an agreeing role.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product decide --kind launch --summary \"Public beta from 3 March\" --agreed-by \"Dan Okafor\" --ref R1
  product decide --kind scope --summary \"No paper forms in the MVP\" --why \"Fewer than 2% used them\"")]
pub struct Args {
    /// What kind of decision it is
    #[arg(long, value_parser = choice::<DecisionKind>())]
    kind: DecisionKind,
    /// What was decided, in a sentence
    #[arg(long, value_name = "TEXT")]
    summary: String,
    /// What it is about: an item, objective, key result, KPI or roadmap id (repeatable)
    #[arg(long = "ref", value_name = "ID", add = candidates::anything())]
    refs: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Decided {
    action: &'static str,
    decision: Decision,
}

impl View for Decided {
    fn kind(&self) -> &'static str {
        "decision_added"
    }

    fn blocks(&self) -> Vec<Block> {
        let d = &self.decision;
        vec![Block::Line(format!(
            "Logged {}: {} decision by {}: {}",
            d.id, d.kind, d.decided_by, d.summary
        ))]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let summary = args.summary.trim().to_owned();
    if summary.is_empty() {
        return Err(CommandError::usage("--summary is empty"));
    }
    let actor = ctx.actor_name().ok_or_else(|| {
        govern::refusal(rights::Refusal::NoActor {
            kinds: vec![args.kind],
        })
    })?;
    let view = ctx.mutate(|product| {
        let authorised = rights::authorise(product, &[args.kind], Some(&actor), &ctx.agreed_by)
            .map_err(govern::refusal)?;
        let decision = Decision {
            id: govern::next_decision_id(product),
            date: ctx.today,
            kind: args.kind.name().to_owned(),
            summary,
            decided_by: actor.clone(),
            agreed_by: if authorised.agreed_by.is_empty() {
                ctx.agreed_by.clone()
            } else {
                authorised.agreed_by
            },
            rationale: ctx.why.clone(),
            refs: args.refs,
        };
        product.decisions.push(decision.clone());
        Ok(Decided {
            action: "added",
            decision,
        })
    })?;
    ctx.print(&view)
}
