//! `product okr kr`: a key result added, changed or removed.

mod add;
mod edit;
mod rm;

use clap::Subcommand;

use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;

/// Add, change or remove the key results of an objective
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr kr add O1 --title \"Online completion rate\" --start 62 --target 85 --unit %
  product okr kr edit O1.KR2 --target 4 --weight 2
  product okr kr rm O1.KR2 --yes")]
pub struct Args {
    #[command(subcommand)]
    command: KrCommand,
}

#[derive(Debug, Subcommand)]
enum KrCommand {
    Add(add::Args),
    Edit(edit::Args),
    Rm(rm::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        KrCommand::Add(a) => add::run(ctx, a),
        KrCommand::Edit(a) => edit::run(ctx, a),
        KrCommand::Rm(a) => rm::run(ctx, a),
    }
}
