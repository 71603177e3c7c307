//! The stakeholder report (`product report`): the one page for the people
//! the product answers to: vision, roadmap, objectives and key results,
//! KPIs, the top of the backlog, MVP progress and the recent decisions.

use serde::Serialize;

use super::decisions;
use super::history::{self, History, Per};
use super::kpi::{self, KpiReport};
use super::mvp::MvpReport;
use super::needs::Coverage;
use super::okr::{self, ObjectiveReport};
use super::requests::Requests;
use super::roadmap::{self, Roadmap};
use super::stakeholders::{self, StakeholderGrid};
use crate::model::{Date, Decision, Item, Product, ProductInfo, Vision};
use crate::priority::{NeedEvidence, score};
use crate::store::FileHistory;

/// How many items the report shows from the top of the backlog by default.
pub const TOP: usize = 10;

/// How many days back the report's decisions go.
pub const DECISION_DAYS: u64 = 30;

/// What the report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Open items from the top of the backlog.
    pub top: usize,
    /// The first day of the decision log; `None`: [`DECISION_DAYS`] back.
    pub since: Option<Date>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            top: TOP,
            since: None,
        }
    }
}

/// The report, as of a day.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub product: ProductInfo,
    pub vision: Option<String>,
    /// The whole vision: statement, users, problems and strategy.
    pub vision_detail: Vision,
    /// The day the report was made: grades and statuses are as of it.
    pub as_of: Date,
    pub roadmap: Roadmap,
    pub objectives: Vec<ObjectiveReport>,
    pub kpis: Vec<KpiReport>,
    /// The ids of the open items at the top of the backlog ([`top_items`]).
    pub top: Vec<String>,
    /// How each of them is scored by the file's default method: the
    /// calculation, or why it has none.
    pub top_working: Vec<Working>,
    pub open_items: usize,
    pub mvp: MvpReport,
    /// The MVP's forecast (85th percentile) and the hard dates' chances.
    pub forecast: super::forecast::Outlook,
    /// Decisions dated on or after `decisions_since`, newest first.
    pub decisions: Vec<Decision>,
    pub decisions_since: Date,
    /// The stakeholders on the power/interest grid.
    pub stakeholders: StakeholderGrid,
    /// User needs, their evidence and the items that answer them.
    pub needs: Coverage,
    /// What happened to the requests: waiting, accepted, declined, merged.
    pub requests: Requests,
    /// The service standard: the phase, each point's last outcome, and
    /// readiness for the next assessment; none when the product is not a service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceStandard>,
    /// Scope and done by week from the file's git history, when it was
    /// given ([`with_burn_up`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burn_up: Option<History>,
}

/// The service's standing and its readiness for the next assessment.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceStandard {
    #[serde(flatten)]
    pub service: super::service::ServiceView,
    /// Readiness for the next planned assessment, if one is planned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness: Option<super::readiness::Readiness>,
}

impl ServiceStandard {
    pub fn of(product: &Product, today: Date) -> Option<Self> {
        Some(ServiceStandard {
            service: super::service::service(product, today)?,
            readiness: super::service::next_planned(product)
                .map(|a| super::readiness::of(product, a, today)),
        })
    }
}

/// How an item at the top of the backlog is scored.
#[derive(Debug, Clone, Serialize)]
pub struct Working {
    pub id: String,
    /// The calculation, e.g. `(8 + 5 + 3) / 5 = 3.2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
    /// Why it has no score, e.g. `missing size`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unscored: Option<String>,
}

fn working(product: &Product, items: &[&Item]) -> Vec<Working> {
    // The default method was checked when the file was loaded.
    let method = super::rank::method(product, None).ok();
    let needs = NeedEvidence::of(product);
    items
        .iter()
        .map(|item| {
            let scored = method.as_ref().map(|m| score(item, m, &needs));
            Working {
                id: item.id.clone(),
                working: match &scored {
                    Some(Ok((_, explanation))) => Some(explanation.working.clone()),
                    _ => None,
                },
                unscored: match scored {
                    Some(Err(why)) => Some(why.reason),
                    _ => None,
                },
            }
        })
        .collect()
}

/// The open items at the top of the backlog, `top` at most.
pub fn top_items(product: &Product, top: usize) -> Vec<&Item> {
    product.open_items().take(top).collect()
}

/// The report of the product as of `today`.
pub fn report(product: &Product, today: Date, options: &Options) -> Report {
    let since = options.since.unwrap_or_else(|| {
        Date(
            today
                .0
                .checked_sub_days(chrono::Days::new(DECISION_DAYS))
                .unwrap_or(today.0),
        )
    });
    let top = top_items(product, options.top);
    Report {
        product: product.product.clone(),
        vision: product.vision.statement.clone(),
        vision_detail: product.vision.clone(),
        as_of: today,
        roadmap: roadmap::roadmap(product),
        objectives: okr::objectives(product, today),
        kpis: kpi::kpis(product, today),
        top: top.iter().map(|i| i.id.clone()).collect(),
        top_working: working(product, &top),
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
        stakeholders: stakeholders::grid(product),
        needs: super::needs::coverage(product, None),
        requests: super::requests::requests(product, today),
        service: ServiceStandard::of(product, today),
        burn_up: None,
    }
}

/// The report with the weekly burn-up over the file's git history.
pub fn with_burn_up(mut report: Report, product: &Product, history: &FileHistory) -> Report {
    let options = history::Options {
        since: None,
        per: Per::Week,
    };
    report.burn_up = Some(history::burn_up(product, history, report.as_of, &options));
    report
}
