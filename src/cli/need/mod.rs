//! `product need`: user needs, the evidence for them, and whether they hold.

mod change;
mod evidence;
mod list;
mod show;

use clap::Subcommand;

use super::context::Ctx;
use super::error::CmdResult;

/// Record what users need, the evidence that shows it, and which items answer it
///
/// A need is a statement ("As a … I need … so that …") of a user group,
/// `assumed` until research validates it (or finds it invalid, with a
/// reason). Evidence says what was found, when, how (interview, survey,
/// usability test, analytics, support contact, feedback) and for how many
/// people. Items link to needs with `product item edit ID --need N1`; a
/// formula in [scoring.formulas] may rank by `evidence` (the people the
/// item's needs stand for) and `needs` (how many it answers).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need add \"As a patient I need to pay at any hour\" --users \"Patients who pay\"
  product need evidence add N1 --kind interview --people 6 --summary \"Five of six pay at the counter only\"
  product need validate N1
  product need invalidate N3 --reason \"Staff already take payments by phone\"
  product need list --status validated
  product need show N1")]
pub struct Args {
    #[command(subcommand)]
    command: NeedCommand,
}

#[derive(Debug, Subcommand)]
enum NeedCommand {
    Add(change::AddArgs),
    Edit(change::EditArgs),
    Rm(change::RmArgs),
    Validate(change::ValidateArgs),
    Invalidate(change::InvalidateArgs),
    Evidence(evidence::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        NeedCommand::Add(a) => change::add(ctx, a),
        NeedCommand::Edit(a) => change::edit(ctx, a),
        NeedCommand::Rm(a) => change::rm(ctx, a),
        NeedCommand::Validate(a) => change::validate(ctx, a),
        NeedCommand::Invalidate(a) => change::invalidate(ctx, a),
        NeedCommand::Evidence(a) => evidence::run(ctx, a),
        NeedCommand::List(a) => list::run(ctx, a),
        NeedCommand::Show(a) => show::run(ctx, a),
    }
}
