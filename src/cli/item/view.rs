//! How one item looks in full, with its place in the backlog.

use serde::Serialize;

use crate::render::items::status_cell;
use crate::render::{Block, Cell, View};
use productfile::model::{Item, Product, number};
use productfile::query::items::{self, ItemDetail};

use super::super::error::CmdResult;

/// One item in full, with its place in the backlog, as a command shows it.
#[derive(Debug, Serialize)]
pub struct ItemView {
    #[serde(skip)]
    pub kind: &'static str,
    /// What happened, for commands that change the item (`added`, `moved`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<&'static str>,
    #[serde(flatten)]
    pub detail: ItemDetail,
    /// Things the user should know that did not stop the command.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl ItemView {
    /// Item `id` of the product, as it is now.
    pub fn new(
        kind: &'static str,
        action: Option<&'static str>,
        product: &Product,
        id: &str,
        warnings: Vec<String>,
    ) -> CmdResult<Self> {
        Ok(ItemView {
            kind,
            action,
            detail: items::detail(product, id)?,
            warnings,
        })
    }
}

impl View for ItemView {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let item = &self.detail.item;
        let position = self.detail.position;
        let mut blocks = Vec::new();
        if let Some(action) = self.action {
            let place = position.map_or(String::new(), |p| format!(" (#{p} in the backlog)"));
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
        blocks.push(Block::Fields(detail_fields(item, position)));
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
        if !self.detail.needs.is_empty() {
            blocks.push(Block::Heading("User needs".into()));
            for n in &self.detail.needs {
                blocks.push(Block::Line(format!(
                    "{} ({}, evidence from {} {}): {}",
                    n.id,
                    n.status,
                    n.people,
                    if n.people == 1 { "person" } else { "people" },
                    n.statement
                )));
                for e in &n.evidence {
                    blocks.push(Block::Line(format!(
                        "  {} {}, {}: {}",
                        e.date, e.kind, e.people, e.summary
                    )));
                }
            }
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
    text("Needs", list(&item.needs));
    text("Requests", list(&item.requests));
    text("Recommendation", item.recommendation.clone());
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
