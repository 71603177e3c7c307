//! `product item start|done|drop`: moving an item through its life.

use crate::cli::choice::choice;
use productfile::model::{Experiment, ExperimentResult, Kind, Product, Status};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};
use super::view::ItemDetail;

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
    set_status(
        ctx,
        &args.id,
        Status::Doing,
        None,
        "item_started",
        "started",
    )
}

/// Warnings about what an item waits for: open dependencies hold it up,
/// dropped ones never will be delivered.
fn waiting_for(product: &Product, id: &str) -> Vec<String> {
    let Some(item) = product.item(id) else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    let open: Vec<String> = product
        .blockers(item)
        .iter()
        .map(|d| format!("{} ({})", d.id, d.status))
        .collect();
    if !open.is_empty() {
        warnings.push(format!("it depends on {}, still open", open.join(", ")));
    }
    let dropped = product.dropped_dependencies(item);
    if !dropped.is_empty() {
        warnings.push(format!(
            "it depends on {}, dropped: see whether it still can be done",
            dropped.join(", ")
        ));
    }
    warnings
}

/// The open items that wait for this one.
fn waiting_on(product: &Product, id: &str) -> Vec<String> {
    product
        .items
        .iter()
        .filter(|i| i.is_open() && i.depends_on.iter().any(|d| d == id))
        .map(|i| i.id.clone())
        .collect()
}

pub fn done(ctx: &Ctx, args: DoneArgs) -> CmdResult<()> {
    let view = ctx.mutate(|product: &mut Product| {
        let today = ctx.today;
        let item = super::find_mut(product, &args.id)?;
        if item.status == Status::Done {
            return Err(CommandError::usage(format!("{} is already done", args.id)));
        }
        if let Some(result) = args.result {
            if item.kind != Kind::Experiment {
                return Err(CommandError::usage(format!(
                    "--result is for experiments, and {} is a {}",
                    item.id, item.kind
                )));
            }
            let e = item.experiment.get_or_insert_with(Experiment::default);
            e.result = Some(result);
            if let Some(l) = args
                .learning
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
            {
                e.learning = Some(l);
            }
        }
        item.status = Status::Done;
        item.done_on = Some(today);
        item.reason = None;
        item.updated = Some(today);
        let mut view =
            ItemDetail::new("item_done", Some("done"), product, &args.id).expect("found above");
        view.warnings = waiting_for(product, &args.id);
        if view.item.kind == Kind::Experiment
            && view.item.experiment.as_ref().is_none_or(|e| e.result.is_none())
        {
            view.warnings.push(format!(
                "no result recorded; to record one, `product item start {0}` and then `product item done {0} --result validated|invalidated|inconclusive --learning \"...\"`",
                args.id
            ));
        }
        Ok(view)
    })?;
    ctx.print(&view)
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
        let mut view = ItemDetail::new(kind, Some(action), product, id).expect("found above");
        match status {
            Status::Doing => view.warnings = waiting_for(product, id),
            Status::Dropped => {
                let waiting = waiting_on(product, id);
                if !waiting.is_empty() {
                    view.warnings.push(format!(
                        "{} depend on it: drop them too, or remove the dependency with `product item edit ID --unlink-depends-on {id}`",
                        waiting.join(", ")
                    ));
                }
            }
            _ => {}
        }
        Ok(view)
    })?;
    ctx.print(&view)
}
