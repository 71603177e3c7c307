//! `product okr`: objectives and key results, their check-ins and grades.

mod add;
mod checkin;
mod kr;
mod list;
mod show;
mod view;

use clap::Subcommand;

use productfile::model::{KeyResult, Objective, Product};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};

pub use view::{KeyResultReport, ObjectiveReport};

/// Set objectives and key results, check in progress, and see how they grade
///
/// A key result's progress is (current − start) / (target − start), which
/// works for metrics that should fall as well as rise; its grade is that
/// clamped to 0..1. An objective's grade is the weighted mean of its key
/// results' grades: red below 0.4, amber below 0.7, green from 0.7. A
/// committed objective is expected to reach 1.0, an aspirational one 0.7;
/// with start and end dates, `okr list` says whether it is on track for the
/// share of its period that has passed.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr add --title \"Make paying effortless\" --quarter 2027-Q1 --committed
  product okr kr add O1 --title \"Online completion rate\" --start 62 --target 85 --unit %
  product okr checkin O1.KR1 71 --note \"3-D Secure retry shipped\"
  product okr list
  product okr show O1")]
pub struct Args {
    #[command(subcommand)]
    command: OkrCommand,
}

#[derive(Debug, Subcommand)]
enum OkrCommand {
    Add(add::Args),
    Kr(kr::Args),
    Checkin(checkin::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        OkrCommand::Add(a) => add::run(ctx, a),
        OkrCommand::Kr(a) => kr::run(ctx, a),
        OkrCommand::Checkin(a) => checkin::run(ctx, a),
        OkrCommand::List(a) => list::run(ctx, a),
        OkrCommand::Show(a) => show::run(ctx, a),
    }
}

/// The objective with this id, or an error that lists the ones there are.
fn find_objective<'a>(product: &'a Product, id: &str) -> CmdResult<&'a Objective> {
    product
        .objective(id)
        .ok_or_else(|| unknown_objective(product, id))
}

fn find_objective_mut<'a>(product: &'a mut Product, id: &str) -> CmdResult<&'a mut Objective> {
    if product.objective(id).is_none() {
        return Err(unknown_objective(product, id));
    }
    Ok(product.objective_mut(id).expect("checked above"))
}

fn unknown_objective(product: &Product, id: &str) -> CommandError {
    CommandError::unknown("objective", id, product.objectives.iter().map(|o| &o.id))
}

/// The key result a reference such as `O1.KR1` names, or an error that
/// lists the references there are.
pub fn find_key_result_mut<'a>(
    product: &'a mut Product,
    reference: &str,
) -> CmdResult<&'a mut KeyResult> {
    if product.key_result(reference).is_none() {
        return Err(unknown_key_result(product, reference));
    }
    Ok(product.key_result_mut(reference).expect("checked above"))
}

fn unknown_key_result(product: &Product, reference: &str) -> CommandError {
    let e = CommandError::unknown("key result", reference, product.key_result_refs());
    if reference.contains('.') {
        e
    } else {
        let hint = e.hint.clone().unwrap_or_default();
        e.with_hint(format!(
            "a key result is named with its objective, as O1.KR1; {hint}"
        ))
    }
}
