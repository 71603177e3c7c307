//! `product mvp`: the minimum viable product, and what stands in its way.

use serde::Serialize;

use crate::render::items::{ItemRow, ScoreColumn, status_cell};
use crate::render::plans::mvp_progress;
use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::query::mvp::{self, MvpReport};

use super::context::Ctx;
use super::error::CmdResult;

/// Show the minimum viable product: its items, their size, and what stands in the way
///
/// The MVP is the items marked `mvp` (`product item edit ID --mvp`), in
/// backlog order. Dropped items are out of it. What stands in the way is its
/// open items, and the items outside the MVP, not done, that they depend on,
/// directly or through others (a dropped one will never be delivered).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product mvp
  product item edit RX-4 --mvp
  product mvp --json | jq '.unmet_dependencies'")]
pub struct Args {}

#[derive(Debug, Serialize)]
struct Mvp {
    #[serde(flatten)]
    report: MvpReport,
    score_method: String,
    #[serde(skip)]
    score: ScoreColumn,
    items: Vec<ItemRow>,
}

impl View for Mvp {
    fn kind(&self) -> &'static str {
        "mvp"
    }

    fn blocks(&self) -> Vec<Block> {
        let r = &self.report;
        if r.items_total == 0 {
            return vec![Block::Line(
                "No items are in the MVP yet: add one with `product item edit ID --mvp`.".into(),
            )];
        }
        let mut fields: Vec<(String, Cell)> = vec![("Progress".into(), mvp_progress(r).into())];
        if !r.unsized_items.is_empty() {
            fields.push((
                "Not sized".into(),
                Cell::new(r.unsized_items.join(", "), Tone::Warn),
            ));
        }
        let mut blocks = vec![
            Block::Heading("Minimum viable product".into()),
            Block::Fields(fields),
            Block::Table(ItemRow::table(&self.items, &self.score)),
        ];
        if r.open.is_empty() {
            blocks.push(Block::Line("Every MVP item is done.".into()));
        } else {
            blocks.push(Block::Line(format!(
                "In the way: {} open ({})",
                r.open.len(),
                r.open.join(", ")
            )));
        }
        if !r.unmet_dependencies.is_empty() {
            blocks.push(Block::Heading("Waiting on items outside the MVP".into()));
            blocks.push(Block::Table(TableBlock {
                header: ["MVP item", "Waits for", "Title", "Status"]
                    .map(String::from)
                    .to_vec(),
                rows: r
                    .unmet_dependencies
                    .iter()
                    .map(|u| {
                        vec![
                            Cell::new(&u.item, Tone::Strong),
                            Cell::new(
                                if u.direct {
                                    u.depends_on.clone()
                                } else {
                                    format!("{} (through others)", u.depends_on)
                                },
                                Tone::Strong,
                            ),
                            u.title.as_str().into(),
                            status_cell(u.status),
                        ]
                    })
                    .collect(),
            }));
        }
        if !r.external_dependencies.is_empty() {
            blocks.push(Block::Heading(
                "Waiting on other products (outside this file, not counted)".into(),
            ));
            blocks.push(Block::Table(TableBlock {
                header: ["MVP item", "Waits for"].map(String::from).to_vec(),
                rows: r
                    .external_dependencies
                    .iter()
                    .map(|e| {
                        let through = if e.direct { "" } else { " (through others)" };
                        vec![
                            Cell::new(&e.item, Tone::Strong),
                            Cell::new(format!("{}{through}", e.depends_on), Tone::Strong),
                        ]
                    })
                    .collect(),
            }));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let score = ScoreColumn::of(&product);
    ctx.print(&Mvp {
        items: ItemRow::rows(&product, mvp::items(&product)),
        report: MvpReport::of(&product),
        score_method: score.method.clone(),
        score,
    })
}
