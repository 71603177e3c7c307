//! `product roadmap`: outcomes on a now / next / later horizon.

mod add;
mod edit;
mod list;
mod move_entry;
mod rm;
mod show;
mod view;

use clap::Subcommand;

use productfile::model::{Product, RoadmapEntry};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};

pub use list::Roadmap;
pub use view::RoadmapReport;

/// Plan outcomes on a now / next / later roadmap, and link backlog items to them
///
/// A roadmap entry is an outcome, not a list of features: what should change
/// for users, the objectives it serves, and, only where something outside
/// forces it, a hard date with the reason. Backlog items link to an entry
/// with `product item edit ID --roadmap R1`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product roadmap add --title \"Pay online\" --horizon now --outcome \"Patients pay without calling us\" --objective O1
  product roadmap move R2 --to now
  product roadmap list
  product roadmap show R1")]
pub struct Args {
    #[command(subcommand)]
    command: RoadmapCommand,
}

#[derive(Debug, Subcommand)]
enum RoadmapCommand {
    Add(add::Args),
    Move(move_entry::Args),
    Edit(edit::Args),
    Rm(rm::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        RoadmapCommand::Add(a) => add::run(ctx, a),
        RoadmapCommand::Move(a) => move_entry::run(ctx, a),
        RoadmapCommand::Edit(a) => edit::run(ctx, a),
        RoadmapCommand::Rm(a) => rm::run(ctx, a),
        RoadmapCommand::List(a) => list::run(ctx, a),
        RoadmapCommand::Show(a) => show::run(ctx, a),
    }
}

fn find<'a>(product: &'a Product, id: &str) -> CmdResult<&'a RoadmapEntry> {
    super::item::check_roadmap(product, id)?;
    Ok(product.roadmap_entry(id).expect("checked above"))
}

fn find_mut<'a>(product: &'a mut Product, id: &str) -> CmdResult<&'a mut RoadmapEntry> {
    super::item::check_roadmap(product, id)?;
    Ok(product.roadmap_entry_mut(id).expect("checked above"))
}

/// Refuses objective ids the product does not have.
fn check_objectives(product: &Product, ids: &[String]) -> CmdResult<()> {
    match ids.iter().find(|id| product.objective(id).is_none()) {
        Some(id) => Err(CommandError::unknown(
            "objective",
            id,
            product.objectives.iter().map(|o| &o.id),
        )),
        None => Ok(()),
    }
}

/// A hard date needs its reason: without one, nobody can tell later
/// whether the date still binds.
fn check_date_reason(entry: &RoadmapEntry) -> CmdResult<()> {
    if entry.date.is_none() && entry.date_reason.is_some() {
        return Err(CommandError::usage(format!(
            "{} has a reason for a hard date but no date",
            entry.id
        ))
        .with_hint("give --date with it, or leave the reason out"));
    }
    if entry.date.is_some() && entry.date_reason.is_none() {
        return Err(CommandError::usage(format!(
            "{} has a hard date but no reason for it",
            entry.id
        ))
        .with_hint("give --date-reason, e.g. \"Regulation takes effect\""));
    }
    Ok(())
}
