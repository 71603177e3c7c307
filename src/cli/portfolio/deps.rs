//! `product portfolio deps`: the dependencies between products.

use serde::Serialize;

use crate::render::items::status_cell;
use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::portfolio::deps::{self, Dependency, Resolved};

use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::Opened;

/// List every item that depends on another product's item, with its status
///
/// An open item whose dependency is planned in a later horizon, dropped, or
/// missing (no such item, or no product of the portfolio with that key) is
/// flagged; `product portfolio check` reports the same at file:line.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio deps
  product portfolio deps --flagged
  product portfolio deps --json | jq '.dependencies[] | select(.flag != null)'")]
pub struct Args {
    /// Only the flagged dependencies
    #[arg(long)]
    flagged: bool,
}

#[derive(Debug, Serialize)]
struct DepsView {
    dependencies: Vec<Dependency>,
    flagged: usize,
}

fn rows(deps: &[Dependency]) -> TableBlock {
    TableBlock {
        header: [
            "Item",
            "Status",
            "Horizon",
            "Waits for",
            "Its status",
            "Its horizon",
            "Flag",
        ]
        .map(String::from)
        .to_vec(),
        rows: deps
            .iter()
            .map(|d| {
                let on_status = match (d.on_status, d.resolved) {
                    (Some(s), _) => status_cell(s),
                    (None, Resolved::MissingItem) => Cell::new("no such item", Tone::Bad),
                    (None, Resolved::UnknownProduct) => Cell::new("no such product", Tone::Bad),
                    (None, _) => Cell::new("product unreadable", Tone::Dim),
                };
                vec![
                    Cell::new(&d.item, Tone::Strong),
                    status_cell(d.status),
                    d.horizon.map(|h| h.heading()).unwrap_or("").into(),
                    Cell::new(
                        match &d.on_title {
                            Some(t) => format!("{}: {t}", d.depends_on),
                            None => d.depends_on.clone(),
                        },
                        Tone::Strong,
                    ),
                    on_status,
                    d.on_horizon.map(|h| h.heading()).unwrap_or("").into(),
                    match d.flag {
                        Some(f) => Cell::new(f.name(), Tone::Bad),
                        None => "".into(),
                    },
                ]
            })
            .collect(),
    }
}

impl View for DepsView {
    fn kind(&self) -> &'static str {
        "portfolio_deps"
    }

    fn csv(&self) -> Csv {
        Csv::table(&rows(&self.dependencies))
    }

    fn blocks(&self) -> Vec<Block> {
        if self.dependencies.is_empty() {
            return vec![Block::Line(
                "No item depends on another product's item.".into(),
            )];
        }
        vec![
            Block::Table(rows(&self.dependencies)),
            Block::Line(format!(
                "{} dependencies between products, {} flagged",
                self.dependencies.len(),
                self.flagged
            )),
        ]
    }
}

pub fn run(ctx: &Ctx, opened: &Opened, args: Args) -> CmdResult<()> {
    let mut dependencies = deps::dependencies(&opened.portfolio());
    let flagged = dependencies.iter().filter(|d| d.flag.is_some()).count();
    if args.flagged {
        dependencies.retain(|d| d.flag.is_some());
    }
    ctx.print(&DepsView {
        dependencies,
        flagged,
    })?;
    opened.failed()
}
