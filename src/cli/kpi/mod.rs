//! `product kpi`: key performance indicators and their readings.

mod add;
mod edit;
mod list;
mod reading;
mod record;
mod rm;
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
  product kpi add --template govuk
  product kpi record K1 84
  product kpi reading edit K1 --date 2026-11-15 --value 86
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
    Rm(rm::Args),
    Reading(reading::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        KpiCommand::Add(a) => add::run(ctx, a),
        KpiCommand::Record(a) => record::run(ctx, a),
        KpiCommand::Edit(a) => edit::run(ctx, a),
        KpiCommand::Rm(a) => rm::run(ctx, a),
        KpiCommand::Reading(a) => reading::run(ctx, a),
        KpiCommand::List(a) => list::run(ctx, a),
        KpiCommand::Show(a) => show::run(ctx, a),
    }
}
