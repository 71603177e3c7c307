//! `product decide`: records a decision taken outside the tool.

use crate::cli::choice::choice;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::{Decision, DecisionKind};
use productfile::ops::decide::{self, Decide};

use super::candidates;
use super::context::Ctx;
use super::error::CmdResult;

/// Record a decision taken outside the tool, in the decision log
///
/// The decision is checked against the rights as any change is: the person
/// recording it (--as) must hold a deciding role, and where agreement is
/// needed, --agreed-by must name someone who holds an agreeing role.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product decide --kind launch --summary \"Public beta from 3 March\" --agreed-by \"Dan Okafor\" --ref R1
  product decide --kind metrics --summary \"K1 red below 75%\" --ref K1 --field threshold --agreed-by \"Dan Okafor\"
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
    /// The field of each --ref the decision covers (repeatable): it then
    /// counts in `check --base` for any change of that field, and nothing else
    #[arg(long = "field", value_name = "FIELD", requires = "refs")]
    fields: Vec<String>,
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
            d.id,
            d.kind_names(),
            d.decided_by,
            d.summary
        ))]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = Decide {
        kinds: vec![args.kind],
        summary: args.summary,
        refs: args.refs,
        fields: args.fields,
    };
    let actor = ctx.actor();
    let decided = ctx.mutate(|product| decide::decide(product, ctx.today, &actor, &opts))?;
    ctx.print(&Decided {
        action: "added",
        decision: decided.decision,
    })
}
