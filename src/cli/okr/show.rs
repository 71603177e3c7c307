//! `product okr show`: one objective, its key results and the work behind them.

use serde::Serialize;

use crate::render::items::status_cell;
use crate::render::numbers::two_places;
use crate::render::okr::{
    key_result_table, kr_value, objective_grade_cell, period, status_explained,
};
use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::goals::progress;
use productfile::model::Date;
use productfile::query::okr::{self, KeyResultReport, LinkedItem, ObjectiveReport};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Show an objective: its key results, their check-ins and the linked backlog items
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr show O1
  product okr show O1 --json | jq '.key_results[] | {reference, progress, grade}'")]
pub struct Args {
    /// The objective's id, e.g. O1
    #[arg(add = candidates::objectives())]
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
        let period = period(o);
        if !period.is_empty() {
            let elapsed = o
                .expected_progress
                .map_or(String::new(), |p| format!(" ({:.0}% elapsed)", p * 100.0));
            fields.push(("Period".into(), format!("{period}{elapsed}").into()));
        }
        fields.push(("Grade".into(), objective_grade_cell(o)));
        fields.push(("Status".into(), status_explained(o)));
        if !o.contributes_to.is_empty() {
            fields.push((
                "Contributes to".into(),
                format!("{} (portfolio objectives)", o.contributes_to.join(", ")).into(),
            ));
        }
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
        blocks.push(Block::Table(key_result_table(&o.key_results)));
        blocks.extend(check_ins(&o.key_results));
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

/// How many of each key result's latest check-ins the table lists.
const RECENT_CHECK_INS: usize = 6;

/// The latest check-ins of each key result, with their notes.
fn check_ins(key_results: &[KeyResultReport]) -> Vec<Block> {
    let mut rows = Vec::new();
    let mut earlier = 0;
    for kr in key_results {
        let from = kr.history.len().saturating_sub(RECENT_CHECK_INS);
        earlier += from;
        for r in &kr.history[from..] {
            let progress =
                progress(kr.start, kr.target, r.value).map_or(String::new(), |p| two_places(p.raw));
            rows.push(vec![
                Cell::new(&kr.reference, Tone::Dim),
                r.date.to_string().into(),
                kr_value(kr, r.value).into(),
                progress.into(),
                r.note.clone().unwrap_or_default().into(),
            ]);
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![
        Block::Heading("Check-ins".into()),
        Block::Table(TableBlock {
            header: ["KR", "Date", "Value", "Progress", "Note"]
                .map(String::from)
                .to_vec(),
            rows,
        }),
    ];
    if earlier > 0 {
        blocks.push(Block::Line(format!(
            "The latest {RECENT_CHECK_INS} of each; {earlier} earlier ones are in --json."
        )));
    }
    blocks
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&OkrDetail {
        today: ctx.today,
        objective: okr::objective(&product, &args.id, ctx.today)?,
    })
}
