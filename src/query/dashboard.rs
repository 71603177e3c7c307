//! The one-screen dashboard (`product show`): the product and its vision,
//! how many items have each status, the top of the backlog, every
//! objective's grade, every KPI's status, the roadmap's Now column and the
//! MVP's progress.

use serde::Serialize;

use super::kpi::{self, KpiReport};
use super::mvp::MvpReport;
use super::okr::{self, ObjectiveReport};
use super::roadmap::{self, RoadmapReport};
use crate::model::{Date, Horizon, Item, NeedStatus, Product, ProductInfo, Status};

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
    /// User needs by status, and the validated ones nothing answers.
    pub needs: NeedCounts,
    /// Requests waiting to be triaged, and how long the oldest has waited.
    pub requests: RequestCounts,
    /// The service's phase and next assessment, where the product is a service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceLine>,
}

/// A service in a line: its phase, its standard, its next assessment.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceLine {
    pub phase: crate::model::Phase,
    pub standard_name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<super::service::AssessmentLine>,
}

impl ServiceLine {
    fn of(product: &Product, today: Date) -> Option<Self> {
        let service = product.service.as_ref()?;
        Some(ServiceLine {
            phase: service.phase,
            standard_name: crate::model::standard_name(service.standard),
            next: super::service::next_planned(product)
                .map(|a| super::service::AssessmentLine::of(a, today)),
        })
    }
}

/// How many user needs there are, by status.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NeedCounts {
    pub total: usize,
    pub assumed: usize,
    pub validated: usize,
    pub met: usize,
    pub invalid: usize,
    /// Validated needs that no open or done item answers.
    pub unaddressed: usize,
}

/// Requests still to triage.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RequestCounts {
    pub total: usize,
    pub open: usize,
    /// Days the longest-waiting open request has waited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oldest_open_days: Option<i64>,
}

fn need_counts(product: &Product) -> NeedCounts {
    let coverage = super::needs::coverage(product, None);
    let of = |s: NeedStatus| coverage.needs.iter().filter(|n| n.status == s).count();
    NeedCounts {
        total: coverage.needs.len(),
        assumed: of(NeedStatus::Assumed),
        validated: of(NeedStatus::Validated),
        met: of(NeedStatus::Met),
        invalid: of(NeedStatus::Invalid),
        unaddressed: coverage.unaddressed.len(),
    }
}

fn request_counts(product: &Product, today: Date) -> RequestCounts {
    let requests = super::requests::requests(product, today);
    RequestCounts {
        total: requests.total(),
        open: requests.open.len(),
        oldest_open_days: requests.oldest_open_days,
    }
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
        needs: need_counts(product),
        requests: request_counts(product, today),
        service: ServiceLine::of(product, today),
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
