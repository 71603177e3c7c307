//! `product service`: the phase a public service is in and the standard it
//! is assessed against.

mod set;
mod show;

use clap::Subcommand;

use super::context::Ctx;
use super::error::CmdResult;

/// Set and show the service's phase and the standard it answers to
///
/// A public service moves through discovery, alpha, beta and live (and is
/// retired at the end). At each move a panel assesses it against a service
/// standard: the GOV.UK Service Standard (14 points), the NHS service
/// standard (17 points), or a custom one whose points the file lists.
/// Moving the phase is a `launch` decision: where leadership exists, it
/// needs their agreement (--agreed-by). See also `product assessment`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product service set --phase alpha --standard govuk
  product service set --phase beta --agreed-by \"Dan Okafor\"
  product service set --standard custom --point \"Know the patients\" --point \"Keep data safe\"
  product service show")]
pub struct Args {
    #[command(subcommand)]
    command: ServiceCommand,
}

#[derive(Debug, Subcommand)]
enum ServiceCommand {
    Set(set::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        ServiceCommand::Set(a) => set::run(ctx, a),
        ServiceCommand::Show(a) => show::run(ctx, a),
    }
}
