//! `product kpi reading`: a KPI's reading corrected or removed.

mod edit;
mod rm;

use clap::Subcommand;

use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use productfile::goals::status_of;
use productfile::model::{Product, latest};

/// Correct or remove a KPI's reading, named by its date
///
/// Readings are recorded with `product kpi record`. Correcting or removing
/// one is not a decision: anyone may. Where a day has two readings, --was
/// says which.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi reading edit K2 --date 2026-11-15 --value 86
  product kpi reading rm K2 --date 2026-11-15")]
pub struct Args {
    #[command(subcommand)]
    command: ReadingCommand,
}

#[derive(Debug, Subcommand)]
enum ReadingCommand {
    Edit(edit::Args),
    Rm(rm::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        ReadingCommand::Edit(a) => edit::run(ctx, a),
        ReadingCommand::Rm(a) => rm::run(ctx, a),
    }
}

/// The status a KPI's latest reading gives it: `amber`.
fn standing(product: &Product, id: &str) -> Option<String> {
    let k = product.find_kpi(id).ok()?;
    latest(&k.history).map(|r| status_of(k, r.value).to_string())
}
