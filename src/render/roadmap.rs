//! How the roadmap looks in several commands (`roadmap list`, `roadmap
//! show`, `show`, `report`): an entry as the text of a column, as a row, its
//! items' progress, and now, next and later side by side.

use productfile::model::Horizon;
use productfile::query::roadmap::{Roadmap, RoadmapReport};

use super::csv::{self, Csv};
use super::{Block, ColumnBlock};

/// Now, next and later side by side.
pub fn columns(roadmap: &Roadmap) -> Block {
    let column = |horizon: Horizon, entries: &[RoadmapReport]| ColumnBlock {
        heading: horizon.heading().into(),
        entries: entries.iter().map(column_text).collect(),
    };
    Block::Columns(
        roadmap
            .horizons()
            .iter()
            .map(|(h, e)| column(*h, e))
            .collect(),
    )
}

/// The roadmap as CSV: a row an entry, now first.
pub fn csv(roadmap: &Roadmap) -> Csv {
    Csv::Table {
        header: ROW_HEADER.map(String::from).to_vec(),
        rows: roadmap
            .horizons()
            .iter()
            .flat_map(|(_, entries)| entries.iter())
            .map(row)
            .collect(),
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

/// The header of [`csv`].
pub const ROW_HEADER: [&str; 9] = [
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

/// The entry as a CSV row, one value a cell.
pub fn row(r: &RoadmapReport) -> Vec<String> {
    vec![
        csv::plain(&r.horizon),
        r.id.clone(),
        r.title.clone(),
        r.outcome.clone().unwrap_or_default(),
        r.objectives.join(" "),
        csv::plain(&r.date),
        r.date_reason.clone().unwrap_or_default(),
        r.items_done.to_string(),
        r.items_total.to_string(),
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
