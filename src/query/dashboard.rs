//! The one-screen dashboard (`product show`): the product and its vision,
//! how many items have each status, the top of the backlog, every
//! objective's grade, every KPI's status, the roadmap's Now column and the
//! MVP's progress.

use serde::Serialize;

use super::kpi::{self, KpiReport};
use super::mvp::MvpReport;
use super::okr::{self, ObjectiveReport};
use super::roadmap::{self, RoadmapReport};
use crate::model::{Date, Horizon, Item, Product, ProductInfo, Status};

/// How many items the dashboard shows from the top of the backlog.
pub const TOP: usize = 5;

/// The product at a glance, as of a day.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub product: ProductInfo,
    pub vision: Option<String>,
    /// How many items have each status.
    pub items_by_status: Vec<StatusCount>,
    pub open_items: usize,
    /// The ids of the open items at the top of the backlog ([`top_items`]).
    pub top: Vec<String>,
    /// Every objective, graded as of today.
    pub objectives: Vec<ObjectiveReport>,
    /// Every KPI, assessed as of today.
    pub kpis: Vec<KpiReport>,
    /// The roadmap's Now column.
    pub roadmap_now: Vec<RoadmapReport>,
    /// The minimum viable product's progress.
    pub mvp: MvpReport,
    /// The MVP's forecast (85th percentile) and the hard dates' chances.
    pub forecast: super::forecast::Outlook,
}

/// How many items have a status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: Status,
    pub count: usize,
}

/// The open items at the top of the backlog, [`TOP`] at most.
pub fn top_items(product: &Product) -> Vec<&Item> {
    product.open_items().take(TOP).collect()
}

/// The dashboard of the product as of `today`.
pub fn dashboard(product: &Product, today: Date) -> Dashboard {
    Dashboard {
        product: product.product.clone(),
        vision: product.vision.statement.clone(),
        items_by_status: status_counts(product),
        open_items: product.open_items().count(),
        top: top_items(product).iter().map(|i| i.id.clone()).collect(),
        objectives: okr::objectives(product, today),
        kpis: kpi::kpis(product, today),
        roadmap_now: roadmap::entries(product)
            .into_iter()
            .filter(|r| r.horizon == Horizon::Now)
            .collect(),
        mvp: MvpReport::of(product),
        forecast: super::forecast::outlook(product, today),
    }
}

/// How many items have each status, in the order of the statuses.
pub fn status_counts(product: &Product) -> Vec<StatusCount> {
    let mut counts = [0usize; Status::ALL.len()];
    for item in &product.items {
        if let Some(at) = Status::ALL.iter().position(|&s| s == item.status) {
            counts[at] += 1;
        }
    }
    Status::ALL
        .iter()
        .zip(counts)
        .map(|(&status, count)| StatusCount { status, count })
        .collect()
}
