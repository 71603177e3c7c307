//! How roadmap entries look: the report of one with its items' progress,
//! and the text of an entry in a now / next / later column.

use serde::Serialize;

use crate::render::Cell;
use productfile::model::{Date, Horizon, Product, RoadmapEntry, Status};

/// A roadmap entry and how far its items have got.
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapReport {
    pub id: String,
    pub title: String,
    pub horizon: Horizon,
    pub outcome: Option<String>,
    pub objectives: Vec<String>,
    pub date: Option<Date>,
    pub date_reason: Option<String>,
    /// Items linked to it (dropped ones left out).
    pub items_total: usize,
    pub items_done: usize,
}

impl RoadmapReport {
    pub fn of(product: &Product, entry: &RoadmapEntry) -> Self {
        let linked = product
            .items
            .iter()
            .filter(|i| i.roadmap.as_deref() == Some(entry.id.as_str()))
            .filter(|i| i.status != Status::Dropped);
        let (mut total, mut done) = (0, 0);
        for item in linked {
            total += 1;
            if item.status == Status::Done {
                done += 1;
            }
        }
        RoadmapReport {
            id: entry.id.clone(),
            title: entry.title.clone(),
            horizon: entry.horizon,
            outcome: entry.outcome.clone(),
            objectives: entry.objectives.clone(),
            date: entry.date,
            date_reason: entry.date_reason.clone(),
            items_total: total,
            items_done: done,
        }
    }

    pub fn all(product: &Product) -> Vec<Self> {
        product
            .roadmap
            .iter()
            .map(|r| Self::of(product, r))
            .collect()
    }

    /// The entry as lines for a column: id and title, outcome, objectives
    /// and date, items done.
    pub fn column_text(&self) -> String {
        let mut lines = vec![format!("{} {}", self.id, self.title)];
        if let Some(o) = &self.outcome {
            lines.push(o.clone());
        }
        let mut facts = Vec::new();
        if !self.objectives.is_empty() {
            facts.push(self.objectives.join(", "));
        }
        if let Some(d) = self.date {
            facts.push(match &self.date_reason {
                Some(why) => format!("by {d} ({why})"),
                None => format!("by {d}"),
            });
        }
        facts.push(self.progress());
        lines.push(facts.join(" · "));
        lines.join("\n")
    }

    /// The header of [`RoadmapReport::row`].
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

    /// The entry as a table row, one value a cell (for CSV).
    pub fn row(&self) -> Vec<Cell> {
        vec![
            self.horizon.to_string().into(),
            self.id.as_str().into(),
            self.title.as_str().into(),
            self.outcome.clone().unwrap_or_default().into(),
            self.objectives.join(" ").into(),
            self.date.map_or(String::new(), |d| d.to_string()).into(),
            self.date_reason.clone().unwrap_or_default().into(),
            self.items_done.to_string().into(),
            self.items_total.to_string().into(),
        ]
    }

    /// `2/5 items done`, or `no items yet`.
    pub fn progress(&self) -> String {
        if self.items_total == 0 {
            "no items yet".into()
        } else {
            format!("{}/{} items done", self.items_done, self.items_total)
        }
    }
}
