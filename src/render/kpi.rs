//! How KPIs look in the tables of several commands (`kpi list`, `kpi show`,
//! `kpi record`, `show`, `report`): status, change, age and trend cells,
//! and the KPI table.

use productfile::goals::{KpiStatus, Trend};
use productfile::model::Direction;
use productfile::query::kpi::KpiReport;

use super::csv::{self, Csv};
use super::numbers::{signed, with_unit};
use super::{Cell, Picture, TableBlock, Tone};

/// How many of the latest readings a sparkline shows.
const TREND_READINGS: usize = 12;

/// A value in this KPI's unit.
pub fn value(k: &KpiReport, v: f64) -> String {
    with_unit(v, k.unit.as_deref())
}

pub fn latest_cell(k: &KpiReport) -> Cell {
    match &k.latest {
        Some(r) => value(k, r.value).into(),
        None => Cell::new("no reading", Tone::Dim),
    }
}

/// The target and which way is better: `at least 85%`, `at most £1.50`.
pub fn target_text(k: &KpiReport) -> String {
    let bound = match k.direction {
        Direction::Up => "at least",
        Direction::Down => "at most",
    };
    match k.target {
        Some(t) => format!("{bound} {}", value(k, t)),
        None => "none".into(),
    }
}

/// The latest change with whether it went the right way, or nothing.
pub fn kpi_change_cell(k: &KpiReport) -> Cell {
    match (k.change, k.trend) {
        (Some(c), Some(t)) => change_cell(c, t),
        _ => Cell::from(""),
    }
}

/// How old the latest reading is, flagged when it is overdue.
pub fn age_cell(k: &KpiReport) -> Cell {
    let Some(age) = k.age_days else {
        return Cell::from("");
    };
    let text = match age {
        0 => "today".to_owned(),
        1 => "1 day".to_owned(),
        n if n < 0 => format!("in {} days", -n),
        n => format!("{n} days"),
    };
    match (k.stale, k.cadence) {
        (true, Some(_)) => Cell::new(format!("{text}, overdue"), Tone::Warn),
        _ => text.into(),
    }
}

/// The shape of the latest readings.
pub fn trend_cell(k: &KpiReport) -> Cell {
    let from = k.history.len().saturating_sub(TREND_READINGS);
    Cell::from("").with_picture(Picture::Sparkline(
        k.history[from..].iter().map(|r| r.value).collect(),
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
                    latest_cell(k),
                    target_text(k).into(),
                    status_cell(k.status),
                    kpi_change_cell(k),
                    age_cell(k),
                    trend_cell(k),
                ]
            })
            .collect(),
    }
}

/// The KPIs as CSV: values as numbers with the unit in a column of its
/// own, which way is better, and the age in days with whether it is overdue.
pub fn csv(reports: &[KpiReport]) -> Csv {
    let header = [
        "ID",
        "KPI",
        "Unit",
        "Direction",
        "Latest",
        "Latest on",
        "Target",
        "Threshold",
        "Status",
        "Change",
        "Trend",
        "Age (days)",
        "Cadence",
        "Overdue",
        "Readings",
    ];
    Csv::Table {
        header: header.map(String::from).to_vec(),
        rows: reports
            .iter()
            .map(|k| {
                vec![
                    k.id.clone(),
                    k.name.clone(),
                    k.unit.clone().unwrap_or_default(),
                    csv::plain(&k.direction),
                    csv::number(k.latest.as_ref().map(|r| r.value)),
                    csv::plain(&k.latest.as_ref().map(|r| r.date)),
                    csv::number(k.target),
                    csv::number(k.threshold),
                    csv::plain(&k.status),
                    csv::number(k.change),
                    csv::plain(&k.trend),
                    k.age_days.map_or(String::new(), |d| d.to_string()),
                    csv::plain(&k.cadence),
                    k.stale.to_string(),
                    k.history.len().to_string(),
                ]
            })
            .collect(),
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
