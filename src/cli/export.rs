//! `product export csv`: the backlog as a CSV for spreadsheets and other
//! tools, with every item field and score.

use serde::Serialize;

use crate::render::{Block, Cell, Csv, OutputFormat, TableBlock, View};
use productfile::interchange::{self, Export};

use super::context::Ctx;
use super::error::CmdResult;

/// Export the backlog for another tool
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product export csv > backlog.csv
  product export csv --all > everything.csv")]
pub struct Args {
    #[command(subcommand)]
    command: ExportCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ExportCommand {
    Csv(CsvArgs),
}

/// Export items as CSV: every field, named as in the product file, then the scores
///
/// Open items in backlog order; --all adds done and dropped ones. Lists
/// (tags, key results, dependencies) are comma-separated, acceptance
/// criteria one a line, and a list whose parts hold commas or line breaks
/// is a JSON array. A cell a spreadsheet would run as a formula (one
/// starting with =, +, -, @, a tab or a carriage return) starts with ' so
/// it is shown as text; `product import csv` takes the ' off again, so an
/// export imports back into a new file unchanged. With --json, the items come
/// as JSON, each with a `scores` object.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product export csv > backlog.csv
  product export csv --all > everything.csv
  product export csv --json | jq '.items[] | .scores.wsjf'
  product export csv --all | product -f copy.toml import csv -")]
pub struct CsvArgs {
    /// Include done and dropped items
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Serialize)]
struct CsvExport {
    columns: Vec<String>,
    /// Each item as the product file has it, with a `scores` object.
    items: Vec<serde_json::Value>,
    #[serde(skip)]
    table: Export,
}

impl View for CsvExport {
    fn kind(&self) -> &'static str {
        "export"
    }

    fn csv(&self) -> Csv {
        Csv::Table {
            header: self.table.header.clone(),
            rows: self.table.rows.clone(),
        }
    }

    fn blocks(&self) -> Vec<Block> {
        vec![Block::Table(TableBlock {
            header: self.table.header.clone(),
            rows: self
                .table
                .rows
                .iter()
                .map(|row| row.iter().map(|c| Cell::from(c.as_str())).collect())
                .collect(),
        })]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let ExportCommand::Csv(args) = args.command;
    let (_, product) = ctx.load()?;
    let items = product.items.iter().filter(|i| args.all || i.is_open());
    let table = interchange::export(&product, items);
    let items = if ctx.format == OutputFormat::Json {
        interchange::export_json(
            &product,
            product.items.iter().filter(|i| args.all || i.is_open()),
        )
    } else {
        Vec::new()
    };
    let view = CsvExport {
        columns: table.header.clone(),
        items,
        table,
    };
    // It is a CSV export whatever --format says, unless JSON was asked for.
    let format = match ctx.format {
        OutputFormat::Json => OutputFormat::Json,
        _ => OutputFormat::Csv,
    };
    ctx.print_as(&view, format)
}
