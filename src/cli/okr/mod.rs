//! `product okr`: objectives and key results, their check-ins and grades.

mod add;
mod checkin;
mod edit;
mod kr;
mod list;
mod rm;
mod show;

use clap::Subcommand;

use super::context::Ctx;
use super::error::CmdResult;

/// Set objectives and key results, check in progress, and see how they grade
///
/// A key result's progress is (current − start) / (target − start), which
/// works for metrics that should fall as well as rise; its grade is that
/// clamped to 0..1. An objective's grade is the weighted mean of its key
/// results' grades: red below 0.4, amber below 0.7, green from 0.7. A
/// committed objective is expected to reach 1.0, an aspirational one 0.7;
/// with start and end dates, `okr list` says whether it is on track for the
/// share of its period that has passed.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr add --title \"Make paying effortless\" --quarter 2027-Q1 --committed
  product okr kr add O1 --title \"Online completion rate\" --start 62 --target 85 --unit %
  product okr checkin O1.KR1 71 --note \"3-D Secure retry shipped\"
  product okr edit O1 --end 2027-06-30
  product okr checkin rm O1.KR1 --date 2027-01-15
  product okr list
  product okr show O1")]
pub struct Args {
    #[command(subcommand)]
    command: OkrCommand,
}

#[derive(Debug, Subcommand)]
enum OkrCommand {
    Add(add::Args),
    Edit(edit::Args),
    Rm(rm::Args),
    Kr(kr::Args),
    Checkin(checkin::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        OkrCommand::Add(a) => add::run(ctx, a),
        OkrCommand::Edit(a) => edit::run(ctx, a),
        OkrCommand::Rm(a) => rm::run(ctx, a),
        OkrCommand::Kr(a) => kr::run(ctx, a),
        OkrCommand::Checkin(a) => checkin::run(ctx, a),
        OkrCommand::List(a) => list::run(ctx, a),
        OkrCommand::Show(a) => show::run(ctx, a),
    }
}
