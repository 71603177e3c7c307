//! `product item`: the backlog's daily moves.

mod add;
mod args;
mod edit;
mod editor;
mod list;
mod move_item;
mod rm;
mod score;
mod show;
mod status;
mod view;

use clap::Subcommand;

use super::context::Ctx;
use super::error::CmdResult;

/// Add, list, show, edit, reorder and close backlog items
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item add \"Pay by card online\" --kind feature --tag payments --mvp
  product item list --status ready --status doing
  product item show RX-3
  product item edit RX-3 --acceptance \"Given a valid card, when I pay, then I get a receipt\"
  product item move RX-7 --top
  product item score RX-3 --value 8 --time-criticality 5 --risk-reduction 3 --size 5
  product item done RX-3")]
pub struct Args {
    #[command(subcommand)]
    command: ItemCommand,
}

#[derive(Debug, Subcommand)]
enum ItemCommand {
    Add(add::Args),
    List(list::Args),
    Show(show::Args),
    Edit(edit::Args),
    Move(move_item::Args),
    Start(status::StartArgs),
    Done(status::DoneArgs),
    Drop(status::DropArgs),
    Rm(rm::Args),
    Score(score::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        ItemCommand::Add(a) => add::run(ctx, a),
        ItemCommand::List(a) => list::run(ctx, a),
        ItemCommand::Show(a) => show::run(ctx, a),
        ItemCommand::Edit(a) => edit::run(ctx, a),
        ItemCommand::Move(a) => move_item::run(ctx, a),
        ItemCommand::Start(a) => status::start(ctx, a),
        ItemCommand::Done(a) => status::done(ctx, a),
        ItemCommand::Drop(a) => status::drop(ctx, a),
        ItemCommand::Rm(a) => rm::run(ctx, a),
        ItemCommand::Score(a) => score::run(ctx, a),
    }
}
