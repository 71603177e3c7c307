//! `product kpi`: key performance indicators and their readings.

mod add;
mod edit;
mod list;
mod record;
mod show;

use clap::Subcommand;

use super::context::Ctx;
use super::error::CmdResult;

/// Track key performance indicators: their readings, targets and status
///
/// A KPI's status comes from its latest reading. For one where higher is
/// better (--direction up) it is green at or above the target, red below
/// the threshold and amber between; for lower is better (down) the other way
/// round. Without a threshold it is green or red; without a reading, unknown.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi add --name \"User satisfaction\" --unit % --direction up --target 90 --threshold 80
  product kpi record K1 84
  product kpi list
  product kpi show K1")]
pub struct Args {
    #[command(subcommand)]
    command: KpiCommand,
}

#[derive(Debug, Subcommand)]
enum KpiCommand {
    Add(add::Args),
    Record(record::Args),
    Edit(edit::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        KpiCommand::Add(a) => add::run(ctx, a),
        KpiCommand::Record(a) => record::run(ctx, a),
        KpiCommand::Edit(a) => edit::run(ctx, a),
        KpiCommand::List(a) => list::run(ctx, a),
        KpiCommand::Show(a) => show::run(ctx, a),
    }
}
