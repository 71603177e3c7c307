//! `product okr show`: one objective, its key results and the work behind them.

use serde::Serialize;

use crate::model::Date;
use crate::render::{Block, Cell, TableBlock, Tone, View};

use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::super::item::status_cell;
use super::super::measure::two_places;
use super::view::{KeyResultReport, LinkedItem, ObjectiveReport};

/// Show an objective: its key results, their check-ins and the linked backlog items
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr show O1
  product okr show O1 --json | jq '.key_results[] | {reference, progress, grade}'")]
pub struct Args {
    /// The objective's id, e.g. O1
    id: String,
}

#[derive(Debug, Serialize)]
struct OkrDetail {
    today: Date,
    #[serde(flatten)]
    objective: ObjectiveReport,
}

impl View for OkrDetail {
    fn kind(&self) -> &'static str {
        "okr"
    }

    fn blocks(&self) -> Vec<Block> {
        let o = &self.objective;
        let mut fields: Vec<(String, Cell)> = vec![(
            "Commitment".into(),
            format!(
                "{} (expected to reach {})",
                o.commitment,
                two_places(o.expectation)
            )
            .into(),
        )];
        let period = o.period();
        if !period.is_empty() {
            let elapsed = o
                .expected_progress
                .map_or(String::new(), |p| format!(" ({:.0}% elapsed)", p * 100.0));
            fields.push(("Period".into(), format!("{period}{elapsed}").into()));
        }
        fields.push(("Grade".into(), o.grade_cell()));
        fields.push(("Status".into(), o.status_explained()));
        if let Some(d) = &o.description {
            fields.push(("Description".into(), d.as_str().into()));
        }
        let mut blocks = vec![
            Block::Heading(format!("{} {}", o.id, o.title)),
            Block::Fields(fields),
        ];
        if o.key_results.is_empty() {
            blocks.push(Block::Line(format!(
                "No key results yet: add one with `product okr kr add {} --title \"...\" --start 0 --target 10`.",
                o.id
            )));
            return blocks;
        }
        blocks.push(Block::Heading("Key results".into()));
        blocks.push(Block::Table(KeyResultReport::table(&o.key_results)));
        let linked: Vec<(&KeyResultReport, &LinkedItem)> = o
            .key_results
            .iter()
            .flat_map(|kr| kr.items.iter().flatten().map(move |i| (kr, i)))
            .collect();
        if linked.is_empty() {
            blocks.push(Block::Line(format!(
                "No backlog items are linked: link one with `product item edit ID --kr {}`.",
                o.key_results[0].reference
            )));
        } else {
            blocks.push(Block::Heading("Backlog items".into()));
            blocks.push(Block::Table(TableBlock {
                header: ["KR", "#", "ID", "Title", "Status"]
                    .map(String::from)
                    .to_vec(),
                rows: linked
                    .into_iter()
                    .map(|(kr, item)| {
                        vec![
                            Cell::new(&kr.reference, Tone::Dim),
                            item.position
                                .map_or(String::new(), |p| p.to_string())
                                .into(),
                            Cell::new(&item.id, Tone::Strong),
                            item.title.as_str().into(),
                            status_cell(item.status),
                        ]
                    })
                    .collect(),
            }));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let objective = super::find_objective(&product, &args.id)?;
    let mut report = ObjectiveReport::of(objective, ctx.today);
    for kr in &mut report.key_results {
        let items = product
            .items
            .iter()
            .filter(|i| i.key_results.contains(&kr.reference))
            .map(|i| LinkedItem {
                id: i.id.clone(),
                title: i.title.clone(),
                status: i.status,
                position: product.backlog_position(&i.id),
            })
            .collect();
        kr.items = Some(items);
    }
    ctx.print(&OkrDetail {
        today: ctx.today,
        objective: report,
    })
}
