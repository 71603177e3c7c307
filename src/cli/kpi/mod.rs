//! `product kpi`: key performance indicators and their readings.

mod add;
mod edit;
mod list;
mod record;
mod show;
mod view;

use clap::Subcommand;

use productfile::model::{Direction, Kpi, Product};

use super::context::Ctx;
use super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};

pub use view::KpiReport;

/// Track key performance indicators: their readings, targets and status
///
/// A KPI's status comes from its latest reading. For one where higher is
/// better (--direction up) it is green at or above the target, red below
/// the threshold and amber between; for lower is better (down) the other way
/// round. Without a threshold it is green or red; without a reading, unknown.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi add --name \"User satisfaction\" --unit % --direction up --target 90 --threshold 80
  product kpi record K1 84
  product kpi list
  product kpi show K1")]
pub struct Args {
    #[command(subcommand)]
    command: KpiCommand,
}

#[derive(Debug, Subcommand)]
enum KpiCommand {
    Add(add::Args),
    Record(record::Args),
    Edit(edit::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        KpiCommand::Add(a) => add::run(ctx, a),
        KpiCommand::Record(a) => record::run(ctx, a),
        KpiCommand::Edit(a) => edit::run(ctx, a),
        KpiCommand::List(a) => list::run(ctx, a),
        KpiCommand::Show(a) => show::run(ctx, a),
    }
}

fn find<'a>(product: &'a Product, id: &str) -> CmdResult<&'a Kpi> {
    product.kpi(id).ok_or_else(|| unknown(product, id))
}

fn find_mut<'a>(product: &'a mut Product, id: &str) -> CmdResult<&'a mut Kpi> {
    if product.kpi(id).is_none() {
        return Err(unknown(product, id));
    }
    Ok(product.kpi_mut(id).expect("checked above"))
}

fn unknown(product: &Product, id: &str) -> CommandError {
    CommandError::unknown("KPI", id, product.kpis.iter().map(|k| &k.id))
}

/// Refuses a threshold on the good side of the target: the amber band
/// between them would be empty and the status would skip from green to red.
fn check_bounds(kpi: &Kpi) -> CmdResult<()> {
    let (Some(target), Some(threshold)) = (kpi.target, kpi.threshold) else {
        return Ok(());
    };
    let wrong_side = match kpi.direction {
        Direction::Up => threshold > target,
        Direction::Down => threshold < target,
    };
    if !wrong_side {
        return Ok(());
    }
    let (side, red) = match kpi.direction {
        Direction::Up => ("at or below", "below"),
        Direction::Down => ("at or above", "above"),
    };
    Err(CommandError::new(
        ErrorKind::Invalid,
        ErrorCode::InvalidValue,
        format!(
            "{}: the threshold {threshold} is on the good side of the target {target}",
            kpi.name
        ),
    )
    .with_hint(format!(
        "with --direction {}, the threshold (red {red} it) must be {side} the target",
        kpi.direction
    )))
}

/// Refuses a second KPI of the same name, which no one could tell apart.
fn check_unique_name(product: &Product, name: &str, except: Option<&str>) -> CmdResult<()> {
    let clash = product
        .kpis
        .iter()
        .find(|k| Some(k.id.as_str()) != except && k.name.trim().eq_ignore_ascii_case(name.trim()));
    match clash {
        Some(k) => Err(CommandError::new(
            ErrorKind::Invalid,
            ErrorCode::DuplicateName,
            format!("there is already a KPI named `{}` ({})", k.name, k.id),
        )
        .with_hint(format!(
            "record readings with `product kpi record {} VALUE`",
            k.id
        ))),
        None => Ok(()),
    }
}
