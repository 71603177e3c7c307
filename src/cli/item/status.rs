//! `product item start|done|drop`: moving an item through its life.

use crate::model::{Product, Status};

use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};
use super::view::ItemDetail;

/// Start work on an item (status doing); also reopens a done or dropped item
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  product item start RX-3")]
pub struct StartArgs {
    /// The item's id
    id: String,
}

/// Mark an item done, dated today
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  product item done RX-3")]
pub struct DoneArgs {
    /// The item's id
    id: String,
}

/// Drop an item from the backlog, saying why (it stays in the file)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  product item drop RX-9 --reason \"Replaced by the national payments service\""
)]
pub struct DropArgs {
    /// The item's id
    id: String,
    /// Why it is dropped, for whoever wonders later
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

pub fn start(ctx: &Ctx, args: StartArgs) -> CmdResult<()> {
    set_status(
        ctx,
        &args.id,
        Status::Doing,
        None,
        "item_started",
        "started",
    )
}

pub fn done(ctx: &Ctx, args: DoneArgs) -> CmdResult<()> {
    set_status(ctx, &args.id, Status::Done, None, "item_done", "done")
}

pub fn drop(ctx: &Ctx, args: DropArgs) -> CmdResult<()> {
    let reason = args.reason.trim().to_owned();
    if reason.is_empty() {
        return Err(
            CommandError::usage("--reason is empty").with_hint("say why the item is dropped")
        );
    }
    set_status(
        ctx,
        &args.id,
        Status::Dropped,
        Some(reason),
        "item_dropped",
        "dropped",
    )
}

fn set_status(
    ctx: &Ctx,
    id: &str,
    status: Status,
    reason: Option<String>,
    kind: &'static str,
    action: &'static str,
) -> CmdResult<()> {
    let view = ctx.mutate(|product: &mut Product| {
        let today = ctx.today;
        let item = super::find_mut(product, id)?;
        if item.status == status {
            return Err(CommandError::usage(format!("{id} is already {status}")));
        }
        item.status = status;
        item.done_on = (status == Status::Done).then_some(today);
        item.reason = reason;
        item.updated = Some(today);
        Ok(ItemDetail::new(kind, Some(action), product, id).expect("found above"))
    })?;
    ctx.print(&view)
}
