//! `product item`: the backlog's daily moves.

mod add;
mod edit;
mod editor;
mod fields;
mod list;
mod move_item;
mod rm;
mod score;
mod scores;
mod show;
mod status;
mod view;

use clap::Subcommand;

use productfile::model::{Item, Product};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};

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

/// The item with this id, or an error that lists the ids there are.
fn find<'a>(product: &'a Product, id: &str) -> CmdResult<&'a Item> {
    product.item(id).ok_or_else(|| unknown(product, id))
}

fn find_mut<'a>(product: &'a mut Product, id: &str) -> CmdResult<&'a mut Item> {
    if product.item(id).is_none() {
        return Err(unknown(product, id));
    }
    Ok(product.item_mut(id).expect("checked above"))
}

fn unknown(product: &Product, id: &str) -> CommandError {
    CommandError::unknown("item", id, product.items.iter().map(|i| i.id.as_str()))
}
