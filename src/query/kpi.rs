//! KPIs as a report: each with its status, latest reading, change, age and
//! whether a reading is overdue; and, for one KPI, what each reading meant
//! at the time.

use serde::Serialize;

use crate::error::Result;
use crate::goals::{self, KpiStatus, Trend, status_of, trend};
use crate::model::{Cadence, Date, Direction, Kpi, Product, Reading};

/// A KPI, assessed as of a day.
#[derive(Debug, Clone, Serialize)]
pub struct KpiReport {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub direction: Direction,
    pub target: Option<f64>,
    pub threshold: Option<f64>,
    pub cadence: Option<Cadence>,
    pub latest: Option<Reading>,
    pub status: KpiStatus,
    /// The latest value minus the one before it.
    pub change: Option<f64>,
    /// Whether that change went the right way.
    pub trend: Option<Trend>,
    /// Days since the latest reading.
    pub age_days: Option<i64>,
    /// Whether the latest reading is older than the cadence allows.
    pub stale: bool,
    /// Every reading, in date order.
    pub history: Vec<Reading>,
}

impl KpiReport {
    /// The KPI assessed as of `today`.
    pub fn of(kpi: &Kpi, today: Date) -> Self {
        let a = goals::assess(kpi, today);
        let mut history = kpi.history.clone();
        history.sort_by_key(|r| r.date);
        KpiReport {
            id: kpi.id.clone(),
            name: kpi.name.clone(),
            unit: kpi.unit.clone(),
            direction: kpi.direction,
            target: kpi.target,
            threshold: kpi.threshold,
            cadence: kpi.cadence,
            latest: a.latest,
            status: a.status,
            change: a.change,
            trend: a.trend,
            age_days: a.age_days,
            stale: a.stale,
            history,
        }
    }
}

/// Every KPI of the product, assessed as of `today`.
pub fn kpis(product: &Product, today: Date) -> Vec<KpiReport> {
    product
        .kpis
        .iter()
        .map(|k| KpiReport::of(k, today))
        .collect()
}

/// One KPI, with its readings and what each meant when it was read.
#[derive(Debug, Clone, Serialize)]
pub struct KpiDetail {
    #[serde(flatten)]
    pub kpi: KpiReport,
    /// The history with what each reading meant at the time.
    pub readings: Vec<ReadingRow>,
}

/// A reading, its change from the one before, and the status it gave.
#[derive(Debug, Clone, Serialize)]
pub struct ReadingRow {
    pub date: Date,
    pub value: f64,
    pub change: Option<f64>,
    pub trend: Option<Trend>,
    pub status: KpiStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The KPI of this id, assessed as of `today`, with its readings.
pub fn kpi(product: &Product, id: &str, today: Date) -> Result<KpiDetail> {
    let kpi = product.find_kpi(id)?;
    let report = KpiReport::of(kpi, today);
    let mut previous: Option<f64> = None;
    let readings = report
        .history
        .iter()
        .map(|r| {
            let change = previous.map(|p| r.value - p);
            previous = Some(r.value);
            ReadingRow {
                date: r.date,
                value: r.value,
                change,
                trend: change.map(|c| trend(c, kpi.direction)),
                status: status_of(kpi, r.value),
                note: r.note.clone(),
            }
        })
        .collect();
    Ok(KpiDetail {
        kpi: report,
        readings,
    })
}
