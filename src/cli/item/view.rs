//! How items look: a row of a backlog table, and one item in full.

use serde::Serialize;

use productfile::model::{Item, Product, Status, number};
use productfile::priority::{self, Method};
use crate::render::{Block, Cell, TableBlock, Tone, View};

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

/// One item in full, with its place in the backlog.
#[derive(Debug, Serialize)]
pub struct ItemDetail {
    #[serde(skip)]
    pub kind: &'static str,
    /// What happened, for commands that change the item (`added`, `moved`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<&'static str>,
    pub position: Option<usize>,
    pub item: Item,
    /// Things the user should know that did not stop the command.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl ItemDetail {
    pub fn new(
        kind: &'static str,
        action: Option<&'static str>,
        product: &Product,
        id: &str,
    ) -> Option<Self> {
        Some(ItemDetail {
            kind,
            action,
            position: product.backlog_position(id),
            item: product.item(id)?.clone(),
            warnings: Vec::new(),
        })
    }
}

impl View for ItemDetail {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let item = &self.item;
        let mut blocks = Vec::new();
        if let Some(action) = self.action {
            let place = self
                .position
                .map_or(String::new(), |p| format!(" (#{p} in the backlog)"));
            blocks.push(Block::Line(format!(
                "{} {}: {}{place}",
                capitalise(action),
                item.id,
                item.title
            )));
            for w in &self.warnings {
                blocks.push(Block::Line(format!("warning: {w}")));
            }
            return blocks;
        }
        blocks.push(Block::Heading(format!("{} {}", item.id, item.title)));
        blocks.push(Block::Fields(detail_fields(item, self.position)));
        if !item.acceptance.is_empty() {
            blocks.push(Block::Heading("Acceptance criteria".into()));
            for (i, a) in item.acceptance.iter().enumerate() {
                blocks.push(Block::Line(format!("{}. {a}", i + 1)));
            }
        }
        if let Some(d) = &item.description {
            blocks.push(Block::Heading("Description".into()));
            blocks.push(Block::Line(d.clone()));
        }
        blocks
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn detail_fields(item: &Item, position: Option<usize>) -> Vec<(String, Cell)> {
    let mut fields: Vec<(String, Cell)> = vec![
        ("Kind".into(), item.kind.to_string().into()),
        ("Status".into(), status_cell(item.status)),
    ];
    let mut text = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            fields.push((label.into(), v.into()));
        }
    };
    let num = |v: Option<f64>| v.map(number::display);
    let list = |v: &[String]| (!v.is_empty()).then(|| v.join(", "));
    text("Position", position.map(|p| p.to_string()));
    text("Tags", list(&item.tags));
    text("MVP", item.mvp.then(|| "yes".into()));
    text("MoSCoW", item.moscow.map(|m| m.to_string()));
    text("Roadmap", item.roadmap.clone());
    text("Key results", list(&item.key_results));
    text("Depends on", list(&item.depends_on));
    text("Value", num(item.value));
    text("Time criticality", num(item.time_criticality));
    text("Risk reduction", num(item.risk_reduction));
    text("Size", num(item.size));
    text("Cost", num(item.cost));
    text("Reach", num(item.reach));
    text("Impact", num(item.impact));
    text(
        "Confidence",
        item.confidence.map(|c| format!("{}%", number::display(c))),
    );
    text("Effort", num(item.effort));
    text("Due", item.due.map(|d| d.to_string()));
    text("Done on", item.done_on.map(|d| d.to_string()));
    text("Dropped because", item.reason.clone());
    text("Pinned", item.pinned.then(|| "yes".into()));
    text("Source", item.source.clone());
    if let Some(e) = &item.experiment {
        text("Hypothesis", e.hypothesis.clone());
        text("Measure", e.measure.clone());
        text("Success", e.success.clone());
        text("Result", e.result.map(|r| r.to_string()));
        text("Learning", e.learning.clone());
    }
    text("Created", item.created.map(|d| d.to_string()));
    text("Updated", item.updated.map(|d| d.to_string()));
    fields
}
