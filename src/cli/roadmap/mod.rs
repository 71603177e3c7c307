//! `product roadmap`: outcomes on a now / next / later horizon.

mod add;
mod edit;
mod list;
mod move_entry;
mod rm;
mod show;

use clap::Subcommand;

use super::context::Ctx;
use super::error::CmdResult;

/// Plan outcomes on a now / next / later roadmap, and link backlog items to them
///
/// A roadmap entry is an outcome, not a list of features: what should change
/// for users, the objectives it serves, and, only where something outside
/// forces it, a hard date with the reason. Backlog items link to an entry
/// with `product item edit ID --roadmap R1`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product roadmap add --title \"Pay online\" --horizon now --outcome \"Patients pay without calling us\" --objective O1
  product roadmap move R2 --to now
  product roadmap list
  product roadmap show R1")]
pub struct Args {
    #[command(subcommand)]
    command: RoadmapCommand,
}

#[derive(Debug, Subcommand)]
enum RoadmapCommand {
    Add(add::Args),
    Move(move_entry::Args),
    Edit(edit::Args),
    Rm(rm::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        RoadmapCommand::Add(a) => add::run(ctx, a),
        RoadmapCommand::Move(a) => move_entry::run(ctx, a),
        RoadmapCommand::Edit(a) => edit::run(ctx, a),
        RoadmapCommand::Rm(a) => rm::run(ctx, a),
        RoadmapCommand::List(a) => list::run(ctx, a),
        RoadmapCommand::Show(a) => show::run(ctx, a),
    }
}
