//! How the roadmap looks in several commands (`roadmap list`, `roadmap
//! show`, `show`, `report`): an entry as the text of a column, as a row, its
//! items' progress, and now, next and later side by side.

use productfile::model::Horizon;
use productfile::query::roadmap::{Roadmap, RoadmapReport};

use super::{Block, Cell, ColumnBlock, TableBlock};

/// Now, next and later side by side, with a row an entry for CSV.
pub fn columns(roadmap: &Roadmap) -> Block {
    let column = |horizon: Horizon, entries: &[RoadmapReport]| ColumnBlock {
        heading: horizon.heading().into(),
        entries: entries.iter().map(column_text).collect(),
    };
    let horizons = roadmap.horizons();
    let rows = horizons
        .iter()
        .flat_map(|(_, entries)| entries.iter())
        .map(row)
        .collect();
    Block::Columns {
        columns: horizons.iter().map(|(h, e)| column(*h, e)).collect(),
        rows: TableBlock {
            header: ROW_HEADER.map(String::from).to_vec(),
            rows,
        },
    }
}

/// The entry as lines for a column: id and title, outcome, objectives
/// and date, items done.
pub fn column_text(r: &RoadmapReport) -> String {
    let mut lines = vec![format!("{} {}", r.id, r.title)];
    if let Some(o) = &r.outcome {
        lines.push(o.clone());
    }
    let mut facts = Vec::new();
    if !r.objectives.is_empty() {
        facts.push(r.objectives.join(", "));
    }
    if let Some(d) = r.date {
        facts.push(match &r.date_reason {
            Some(why) => format!("by {d} ({why})"),
            None => format!("by {d}"),
        });
    }
    facts.push(progress(r));
    lines.push(facts.join(" · "));
    lines.join("\n")
}

/// The header of [`row`].
const ROW_HEADER: [&str; 9] = [
    "Horizon",
    "ID",
    "Title",
    "Outcome",
    "Objectives",
    "Date",
    "Date reason",
    "Items done",
    "Items",
];

/// The entry as a table row, one value a cell (for CSV).
fn row(r: &RoadmapReport) -> Vec<Cell> {
    vec![
        r.horizon.to_string().into(),
        r.id.as_str().into(),
        r.title.as_str().into(),
        r.outcome.clone().unwrap_or_default().into(),
        r.objectives.join(" ").into(),
        r.date.map_or(String::new(), |d| d.to_string()).into(),
        r.date_reason.clone().unwrap_or_default().into(),
        r.items_done.to_string().into(),
        r.items_total.to_string().into(),
    ]
}

/// `2/5 items done`, or `no items yet`.
pub fn progress(r: &RoadmapReport) -> String {
    if r.items_total == 0 {
        "no items yet".into()
    } else {
        format!("{}/{} items done", r.items_done, r.items_total)
    }
}
