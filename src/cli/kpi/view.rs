//! How KPIs look: the report of one with its status, change and age (the
//! JSON scripts chart from), and its table rows.

use serde::Serialize;

use crate::render::{Cell, Picture, TableBlock, Tone};
use productfile::goals::{self, KpiStatus, Trend};
use productfile::model::{Cadence, Date, Direction, Kpi, Product, Reading};

use crate::render::numbers::{signed, with_unit};

/// How many of the latest readings a sparkline shows.
const TREND_READINGS: usize = 12;

/// A KPI, assessed as of today.
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

    pub fn all(product: &Product, today: Date) -> Vec<Self> {
        product.kpis.iter().map(|k| Self::of(k, today)).collect()
    }

    /// A value in this KPI's unit.
    pub fn value(&self, v: f64) -> String {
        with_unit(v, self.unit.as_deref())
    }

    pub fn latest_cell(&self) -> Cell {
        match &self.latest {
            Some(r) => self.value(r.value).into(),
            None => Cell::new("no reading", Tone::Dim),
        }
    }

    /// The target and which way is better: `at least 85%`, `at most £1.50`.
    pub fn target_text(&self) -> String {
        let bound = match self.direction {
            Direction::Up => "at least",
            Direction::Down => "at most",
        };
        match self.target {
            Some(t) => format!("{bound} {}", self.value(t)),
            None => "none".into(),
        }
    }

    pub fn status_cell(&self) -> Cell {
        status_cell(self.status)
    }

    pub fn change_cell(&self) -> Cell {
        match (self.change, self.trend) {
            (Some(c), Some(t)) => change_cell(c, t),
            _ => Cell::from(""),
        }
    }

    /// How old the latest reading is, flagged when it is overdue.
    pub fn age_cell(&self) -> Cell {
        let Some(age) = self.age_days else {
            return Cell::from("");
        };
        let text = match age {
            0 => "today".to_owned(),
            1 => "1 day".to_owned(),
            n if n < 0 => format!("in {} days", -n),
            n => format!("{n} days"),
        };
        match (self.stale, self.cadence) {
            (true, Some(_)) => Cell::new(format!("{text}, overdue"), Tone::Warn),
            _ => text.into(),
        }
    }

    /// The shape of the latest readings.
    pub fn trend_cell(&self) -> Cell {
        let from = self.history.len().saturating_sub(TREND_READINGS);
        Cell::from("").with_picture(Picture::Sparkline(
            self.history[from..].iter().map(|r| r.value).collect(),
        ))
    }

    /// The KPIs as a table: latest value, target, status, change, age, trend.
    pub fn table(reports: &[KpiReport]) -> TableBlock {
        TableBlock {
            header: [
                "ID", "KPI", "Latest", "Target", "Status", "Change", "Age", "Trend",
            ]
            .map(String::from)
            .to_vec(),
            rows: reports
                .iter()
                .map(|k| {
                    vec![
                        Cell::new(&k.id, Tone::Strong),
                        k.name.as_str().into(),
                        k.latest_cell(),
                        k.target_text().into(),
                        k.status_cell(),
                        k.change_cell(),
                        k.age_cell(),
                        k.trend_cell(),
                    ]
                })
                .collect(),
        }
    }
}

pub fn status_cell(status: KpiStatus) -> Cell {
    let tone = match status {
        KpiStatus::Green => Tone::Good,
        KpiStatus::Amber => Tone::Warn,
        KpiStatus::Red => Tone::Bad,
        KpiStatus::Unknown => Tone::Dim,
    };
    Cell::new(status.to_string(), tone)
}

/// A change with whether it went the right way: `-0.16 better`.
pub fn change_cell(change: f64, trend: Trend) -> Cell {
    match trend {
        Trend::Same => Cell::new("no change", Tone::Dim),
        Trend::Better => Cell::new(format!("{} better", signed(change)), Tone::Good),
        Trend::Worse => Cell::new(format!("{} worse", signed(change)), Tone::Bad),
    }
}
