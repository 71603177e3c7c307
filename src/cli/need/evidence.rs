//! `product need evidence add`: what research found, for how many people.

use clap::Subcommand;

use crate::cli::choice::choice;
use productfile::model::{Date, EvidenceKind};
use productfile::ops::need::{self, AddEvidence};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::super::number;
use super::change::Changed;

/// Add evidence for a need: an interview, a survey, a usability test, ...
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need evidence add N1 --kind usability_test --people 5 --summary \"All five missed the renew link\"")]
pub struct Args {
    #[command(subcommand)]
    command: EvidenceCommand,
}

#[derive(Debug, Subcommand)]
enum EvidenceCommand {
    Add(AddArgs),
}

/// Add a piece of evidence to a need
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need evidence add N1 --kind interview --people 6 --summary \"Five of six pay at the counter only\"
  product need evidence add N1 --kind survey --people 412 --summary \"61% would pay online\" \\
      --date 2026-09-14 --link https://example.org/survey")]
pub struct AddArgs {
    /// The need's id, e.g. N1
    #[arg(add = candidates::needs())]
    need: String,
    /// Where it comes from
    #[arg(long, value_parser = choice::<EvidenceKind>())]
    kind: EvidenceKind,
    /// How many people it stands for: six interviews, a survey's 412 answers
    #[arg(long, value_name = "N", value_parser = number::count, allow_hyphen_values = true)]
    people: usize,
    /// What was found, in a line
    #[arg(long, value_name = "TEXT")]
    summary: String,
    /// The day it was gathered, as YYYY-MM-DD (today when left out)
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// Where the research is kept: a report, a recording, a dashboard
    #[arg(long, value_name = "URL")]
    link: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let EvidenceCommand::Add(args) = args.command;
    let opts = AddEvidence {
        need: args.need,
        kind: args.kind,
        people: args.people as u64,
        summary: args.summary,
        date: args.date,
        link: args.link,
        source: None,
    };
    let added = ctx.mutate(|product| need::add_evidence(product, ctx.today, &opts))?;
    ctx.print(&Changed::of("need_evidence_added", "evidence_added", added))
}
