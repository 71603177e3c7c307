//! The stakeholder report (`product report`): the one page for the people
//! the product answers to: vision, roadmap, objectives and key results,
//! KPIs, the top of the backlog, MVP progress and the recent decisions.

use serde::Serialize;

use super::decisions;
use super::kpi::{self, KpiReport};
use super::mvp::MvpReport;
use super::okr::{self, ObjectiveReport};
use super::roadmap::{self, Roadmap};
use crate::model::{Date, Decision, Item, Product, ProductInfo};

/// How many items the report shows from the top of the backlog.
pub const TOP: usize = 10;

/// How many days back the report's decisions go.
pub const DECISION_DAYS: u64 = 30;

/// The report, as of a day.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub product: ProductInfo,
    pub vision: Option<String>,
    /// The day the report was made: grades and statuses are as of it.
    pub as_of: Date,
    pub roadmap: Roadmap,
    pub objectives: Vec<ObjectiveReport>,
    pub kpis: Vec<KpiReport>,
    /// The ids of the open items at the top of the backlog ([`top_items`]).
    pub top: Vec<String>,
    pub open_items: usize,
    pub mvp: MvpReport,
    /// The MVP's forecast (85th percentile) and the hard dates' chances.
    pub forecast: super::forecast::Outlook,
    /// Decisions dated on or after `decisions_since`, newest first.
    pub decisions: Vec<Decision>,
    pub decisions_since: Date,
}

/// The open items at the top of the backlog, [`TOP`] at most.
pub fn top_items(product: &Product) -> Vec<&Item> {
    product.open_items().take(TOP).collect()
}

/// The report of the product as of `today`.
pub fn report(product: &Product, today: Date) -> Report {
    let since = Date(
        today
            .0
            .checked_sub_days(chrono::Days::new(DECISION_DAYS))
            .unwrap_or(today.0),
    );
    Report {
        product: product.product.clone(),
        vision: product.vision.statement.clone(),
        as_of: today,
        roadmap: roadmap::roadmap(product),
        objectives: okr::objectives(product, today),
        kpis: kpi::kpis(product, today),
        top: top_items(product).iter().map(|i| i.id.clone()).collect(),
        open_items: product.open_items().count(),
        mvp: MvpReport::of(product),
        forecast: {
            let mut outlook = super::forecast::outlook(product, today);
            if outlook.mvp_status.is_some() {
                outlook.track_record = Some(super::forecast::track_record(product, today));
            }
            outlook
        },
        decisions: decisions::recent(product, since),
        decisions_since: since,
    }
}
