//! The roadmap as a report: each entry with how far its items have got,
//! the three horizons side by side, and one entry's items in backlog order.

use serde::Serialize;

use crate::error::Result;
use crate::model::{Date, Horizon, Item, Product, RoadmapEntry, Status, number};

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
    /// The sum of those items' sizes (unsized ones count nothing), and of
    /// the done ones'.
    #[serde(serialize_with = "number::compact")]
    pub size_total: f64,
    #[serde(serialize_with = "number::compact")]
    pub size_done: f64,
}

impl RoadmapReport {
    pub fn of(product: &Product, entry: &RoadmapEntry) -> Self {
        let linked = product
            .items
            .iter()
            .filter(|i| i.roadmap.as_deref() == Some(entry.id.as_str()))
            .filter(|i| i.status != Status::Dropped);
        let (mut total, mut done) = (0, 0);
        let (mut size_total, mut size_done) = (0.0, 0.0);
        for item in linked {
            let size = item.size.unwrap_or(0.0);
            total += 1;
            size_total += size;
            if item.status == Status::Done {
                done += 1;
                size_done += size;
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
            size_total,
            size_done,
        }
    }
}

/// Every entry of the roadmap, in file order.
pub fn entries(product: &Product) -> Vec<RoadmapReport> {
    product
        .roadmap
        .iter()
        .map(|r| RoadmapReport::of(product, r))
        .collect()
}

/// The roadmap in its three horizons.
#[derive(Debug, Clone, Serialize)]
pub struct Roadmap {
    pub now: Vec<RoadmapReport>,
    pub next: Vec<RoadmapReport>,
    pub later: Vec<RoadmapReport>,
}

impl Roadmap {
    pub fn is_empty(&self) -> bool {
        self.now.is_empty() && self.next.is_empty() && self.later.is_empty()
    }

    /// The horizons with their entries, now first.
    pub fn horizons(&self) -> [(Horizon, &[RoadmapReport]); 3] {
        [
            (Horizon::Now, &self.now),
            (Horizon::Next, &self.next),
            (Horizon::Later, &self.later),
        ]
    }
}

/// The roadmap: now, next and later, each in file order.
pub fn roadmap(product: &Product) -> Roadmap {
    let all = entries(product);
    let on = |h: Horizon| all.iter().filter(|r| r.horizon == h).cloned().collect();
    Roadmap {
        now: on(Horizon::Now),
        next: on(Horizon::Next),
        later: on(Horizon::Later),
    }
}

/// One entry with its items in backlog order: open ones first, as the
/// backlog orders them, then done and dropped ones where they sit in the file.
#[derive(Debug, Clone)]
pub struct EntryItems<'a> {
    pub entry: RoadmapReport,
    pub items: Vec<&'a Item>,
}

/// The entry of this id and its items.
pub fn entry<'a>(product: &'a Product, id: &str) -> Result<EntryItems<'a>> {
    let entry = product.find_roadmap_entry(id)?;
    let linked = |open: bool| {
        product
            .items
            .iter()
            .filter(move |i| i.is_open() == open && i.roadmap.as_deref() == Some(id))
    };
    Ok(EntryItems {
        entry: RoadmapReport::of(product, entry),
        items: linked(true).chain(linked(false)).collect(),
    })
}
