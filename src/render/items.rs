//! How items look in the tables of several commands (`item list`, `mvp`,
//! `show`, `report`, `roadmap show`): a row of a backlog table, its score
//! column, and a status cell coloured by where the item is.

use serde::Serialize;

use super::csv::{self, Csv};
use super::{Cell, TableBlock, Tone};
use productfile::model::{Item, Product, Status, number};
use productfile::query::items::ItemRow as Row;

pub use productfile::query::items::ScoreColumn;

/// One line of a backlog table: the library's row, which is what its JSON
/// shows, with the table it makes.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct ItemRow(pub Row);

impl ItemRow {
    /// Rows for these items, with their backlog positions and default scores.
    pub fn rows<'a>(product: &Product, items: impl IntoIterator<Item = &'a Item>) -> Vec<ItemRow> {
        Row::rows(product, items).into_iter().map(ItemRow).collect()
    }

    pub fn table(rows: &[ItemRow], score: &ScoreColumn) -> TableBlock {
        table(rows.iter().map(|r| &r.0), score)
    }
}

/// A backlog table of these rows, scored as `score` says.
pub fn table<'a>(rows: impl IntoIterator<Item = &'a Row>, score: &ScoreColumn) -> TableBlock {
    TableBlock {
        header: [
            "#",
            "ID",
            "Title",
            "Kind",
            "Status",
            "Size",
            &score.label,
            "MVP",
            "Tags",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .into_iter()
            .map(|r| {
                vec![
                    r.position.map_or(String::new(), |p| p.to_string()).into(),
                    Cell::new(&r.id, Tone::Strong),
                    r.title.as_str().into(),
                    r.kind.as_str().into(),
                    if r.blocked_by.is_empty() {
                        status_cell(r.status)
                    } else {
                        Cell::new(format!("{} (blocked)", r.status), Tone::Bad)
                    },
                    r.size.map_or(String::new(), number::display).into(),
                    r.score_text.as_str().into(),
                    if r.mvp { "yes" } else { "" }.into(),
                    r.tags.join(", ").into(),
                ]
            })
            .collect(),
    }
}

/// The rows as CSV: whether an item is blocked, and by what, in columns of
/// their own; the score as a number (for MoSCoW, the category).
pub fn plain_table<'a>(rows: impl IntoIterator<Item = &'a Row>, score: &ScoreColumn) -> Csv {
    let header = [
        "#",
        "ID",
        "Title",
        "Kind",
        "Status",
        "Blocked",
        "Blocked by",
        "Size",
        &score.label,
        "MVP",
        "Tags",
    ];
    Csv::Table {
        header: header.map(String::from).to_vec(),
        rows: rows
            .into_iter()
            .map(|r| {
                let score = match r.score {
                    Some(_) => csv::number(r.score),
                    None => r.score_text.clone(),
                };
                vec![
                    r.position.map_or(String::new(), |p| p.to_string()),
                    r.id.clone(),
                    r.title.clone(),
                    r.kind.clone(),
                    csv::plain(&r.status),
                    (!r.blocked_by.is_empty()).to_string(),
                    r.blocked_by.join(", "),
                    csv::number(r.size),
                    score,
                    r.mvp.to_string(),
                    r.tags.join(", "),
                ]
            })
            .collect(),
    }
}

/// A status, coloured by where the item is.
pub fn status_cell(status: Status) -> Cell {
    let tone = match status {
        Status::Idea => Tone::Plain,
        Status::Ready => Tone::Strong,
        Status::Doing => Tone::Warn,
        Status::Done => Tone::Good,
        Status::Dropped => Tone::Dim,
    };
    Cell::new(status.to_string(), tone)
}
