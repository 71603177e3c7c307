//! `product request`: work asked for from outside the team, and its triage.

mod list;
mod show;
mod triage;

use clap::Subcommand;

use super::context::Ctx;
use super::error::CmdResult;

/// Record requests for new work, and accept, decline or merge each one
///
/// A request is what a stakeholder or a user asked for, who asked and
/// when. Recording one decides nothing. Accepting it adds scope: it creates
/// an item (or links one with --item) that lists the request in its
/// `requests`. Declining it says why, and is always logged in the decision
/// log, where the requester can be shown the reason. Merging it folds it
/// into a need or an item that already covers it.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product request add \"Export refunds to CSV\" --from Finance
  product request list --open
  product request accept Q1
  product request accept Q2 --item RX-4
  product request decline Q3 --reason \"Outside the service: refunds are the bank's\"
  product request merge Q4 --into N2")]
pub struct Args {
    #[command(subcommand)]
    command: RequestCommand,
}

#[derive(Debug, Subcommand)]
enum RequestCommand {
    Add(triage::AddArgs),
    List(list::Args),
    Show(show::Args),
    Accept(triage::AcceptArgs),
    Decline(triage::DeclineArgs),
    Merge(triage::MergeArgs),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        RequestCommand::Add(a) => triage::add(ctx, a),
        RequestCommand::List(a) => list::run(ctx, a),
        RequestCommand::Show(a) => show::run(ctx, a),
        RequestCommand::Accept(a) => triage::accept(ctx, a),
        RequestCommand::Decline(a) => triage::decline(ctx, a),
        RequestCommand::Merge(a) => triage::merge(ctx, a),
    }
}
