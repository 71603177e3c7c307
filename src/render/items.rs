//! How items look in the tables of several commands (`item list`, `mvp`,
//! `show`, `report`, `roadmap show`): a row of a backlog table, its score
//! column, and a status cell coloured by where the item is.

use serde::Serialize;

use super::{Cell, TableBlock, Tone};
use productfile::model::{Item, Product, Status, number};
use productfile::priority::{self, Method};

/// One line of a backlog table.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    /// The 1-based place among open items; none for done and dropped ones.
    pub position: Option<usize>,
    pub id: String,
    pub title: String,
    pub kind: String,
    pub status: Status,
    #[serde(serialize_with = "number::compact_opt")]
    pub size: Option<f64>,
    pub mvp: bool,
    pub tags: Vec<String>,
    /// Open items it depends on: while there are any, it is blocked.
    pub blocked_by: Vec<String>,
    /// The score by the file's default method; none when it cannot be scored.
    #[serde(serialize_with = "number::compact_opt")]
    pub score: Option<f64>,
    /// The score as shown (for MoSCoW, the category).
    #[serde(skip)]
    pub score_text: String,
}

/// The method that scores rows, as a heading and a name.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreColumn {
    pub method: String,
    #[serde(skip)]
    pub label: String,
}

impl ScoreColumn {
    /// The file's default method (checked when the file was loaded).
    fn method(product: &Product) -> Option<Method> {
        Method::default_for(&product.scoring).ok()
    }

    pub fn of(product: &Product) -> ScoreColumn {
        let method = Self::method(product).unwrap_or(Method::Wsjf);
        ScoreColumn {
            method: method.name().to_owned(),
            label: method.label(),
        }
    }
}

impl ItemRow {
    /// Rows for these items, with their backlog positions and default scores.
    pub fn rows<'a>(product: &Product, items: impl IntoIterator<Item = &'a Item>) -> Vec<ItemRow> {
        let positions: std::collections::HashMap<&str, usize> = product
            .open_items()
            .enumerate()
            .map(|(i, item)| (item.id.as_str(), i + 1))
            .collect();
        // Looked up once, not per dependency: a backlog can hold many thousands.
        let open: std::collections::HashSet<&str> = positions.keys().copied().collect();
        let method = ScoreColumn::method(product);
        items
            .into_iter()
            .map(|item| {
                let scored = method.as_ref().and_then(|m| priority::score(item, m).ok());
                let (score, score_text) = match (&method, scored) {
                    (Some(Method::Moscow), Some(_)) => {
                        (None, item.moscow.map_or(String::new(), |m| m.to_string()))
                    }
                    (_, Some((s, _))) => (Some(s.value), priority::display_score(s.value)),
                    _ => (None, String::new()),
                };
                ItemRow {
                    score,
                    score_text,
                    position: positions.get(item.id.as_str()).copied(),
                    id: item.id.clone(),
                    title: item.title.clone(),
                    kind: item.kind.to_string(),
                    status: item.status,
                    size: item.size,
                    mvp: item.mvp,
                    tags: item.tags.clone(),
                    blocked_by: if item.is_open() {
                        item.depends_on
                            .iter()
                            .filter(|d| open.contains(d.as_str()))
                            .cloned()
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    pub fn table(rows: &[ItemRow], score: &ScoreColumn) -> TableBlock {
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
                .iter()
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
