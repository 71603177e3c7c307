//! `product item start|done|drop`: moving an item through its life.

use crate::cli::choice::choice;
use productfile::model::ExperimentResult;
use productfile::ops::item::{self, DoneItem, DropItem};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::view::ItemView;

/// Start work on an item (status doing); also reopens a done or dropped item
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  product item start RX-3")]
pub struct StartArgs {
    /// The item's id
    #[arg(add = candidates::items())]
    id: String,
}

/// Mark an item done, dated today; for an experiment, record what it showed
///
/// Warns when an item it depends on is still open.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item done RX-3
  product item done RX-12 --result validated --learning \"Reminders cut late payments by 14%\"")]
pub struct DoneArgs {
    /// The item's id
    #[arg(add = candidates::open_items())]
    id: String,
    /// Experiment: how it came out
    #[arg(long, value_parser = choice::<ExperimentResult>())]
    result: Option<ExperimentResult>,
    /// Experiment: what was learned
    #[arg(long, value_name = "TEXT", requires = "result")]
    learning: Option<String>,
}

/// Drop an item from the backlog, saying why (it stays in the file)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  product item drop RX-9 --reason \"Replaced by the national payments service\""
)]
pub struct DropArgs {
    /// The item's id
    #[arg(add = candidates::open_items())]
    id: String,
    /// Why it is dropped, for whoever wonders later
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

pub fn start(ctx: &Ctx, args: StartArgs) -> CmdResult<()> {
    let view = ctx.mutate(|product| {
        let started = item::start(product, ctx.today, &args.id)?;
        ItemView::new(
            "item_started",
            Some("started"),
            product,
            &started.id,
            started.warnings,
        )
    })?;
    ctx.print(&view)
}

pub fn done(ctx: &Ctx, args: DoneArgs) -> CmdResult<()> {
    let opts = DoneItem {
        id: args.id,
        result: args.result,
        learning: args.learning,
    };
    let view = ctx.mutate(|product| {
        let done = item::done(product, ctx.today, &opts)?;
        ItemView::new("item_done", Some("done"), product, &done.id, done.warnings)
    })?;
    ctx.print(&view)
}

pub fn drop(ctx: &Ctx, args: DropArgs) -> CmdResult<()> {
    let opts = DropItem {
        id: args.id,
        reason: args.reason,
    };
    opts.check()?;
    let view = ctx.mutate(|product| {
        let dropped = item::drop(product, ctx.today, &opts)?;
        ItemView::new(
            "item_dropped",
            Some("dropped"),
            product,
            &dropped.id,
            dropped.warnings,
        )
    })?;
    ctx.print(&view)
}
