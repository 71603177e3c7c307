//! The page's sections on goals: each objective with its grade and key
//! results, and each KPI with its readings drawn over its bands.

use maud::{Markup, html};

use productfile::goals::Band;

use crate::render::numbers::{signed, with_unit};
use productfile::query::kpi::KpiReport;
use productfile::query::okr::ObjectiveReport;

use super::{chart, empty};

/// A share as a whole percentage; never "-0%".
fn percent(share: f64) -> String {
    let whole = (share * 100.0).round();
    format!("{:.0}%", if whole == 0.0 { 0.0 } else { whole })
}

pub(super) fn band_word(band: Option<Band>) -> &'static str {
    match band {
        Some(Band::Green) => "green",
        Some(Band::Amber) => "amber",
        Some(Band::Red) => "red",
        None => "ungraded",
    }
}

pub(super) fn grade_text(grade: Option<f64>) -> String {
    grade.map_or("no grade".into(), |g| format!("{g:.2}"))
}

fn objective(o: &ObjectiveReport) -> Markup {
    let band = band_word(o.colour);
    let label = format!("{} grade {} ({band})", o.id, grade_text(o.grade));
    html! {
        article.objective {
            h3 { span.id { (o.id) } " " (o.title) }
            p.meta {
                (o.commitment)
                @if let (Some(start), Some(end)) = (o.start, o.end) { " · " (start) " to " (end) }
                @if let Some(status) = o.status { " · " strong { (status) } }
            }
            div.progress.wide {
                (chart::grade(o.grade, band, &label))
                span class=(format!("word {band}")) { (grade_text(o.grade)) " " (band) }
            }
            @if o.key_results.is_empty() {
                p.empty { "No key results yet: " code { "product okr kr add " (o.id) " --title TEXT --start N --target N" } }
            } @else {
                div.scroll {
                    table.krs {
                        caption { "Key results of " (o.id) }
                        thead { tr {
                            th scope="col" { "KR" } th scope="col" { "Title" } th scope="col" { "Start" }
                            th scope="col" { "Target" } th scope="col" { "Current" } th scope="col" { "Progress" }
                        } }
                        tbody {
                            @for kr in &o.key_results {
                                @let unit = |v: f64| with_unit(v, kr.unit.as_deref());
                                tr {
                                    td.ref { (kr.reference) }
                                    td { (kr.title) }
                                    td.num { (unit(kr.start)) }
                                    td.num { (unit(kr.target)) }
                                    td.num { (kr.current.map(unit).unwrap_or_default()) }
                                    td.num {
                                        (kr.progress.map_or("—".into(), percent))
                                        " " span class=(format!("word {}", band_word(kr.colour))) { (band_word(kr.colour)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn objectives(list: &[ObjectiveReport]) -> Markup {
    html! {
        section #objectives {
            h2 { "Objectives and key results" }
            @if list.is_empty() {
                (empty("No objectives yet.", "product okr add --title TEXT --quarter 2027-Q1"))
            }
            @for o in list { (objective(o)) }
        }
    }
}

fn kpi(k: &KpiReport) -> Markup {
    let word = chart::status_word(k.status);
    let value = |v: f64| with_unit(v, k.unit.as_deref());
    html! {
        article.kpi {
            h3 { span.id { (k.id) } " " (k.name) }
            (chart::sparkline(k))
            p.figures {
                @if let Some(latest) = &k.latest {
                    "Latest " strong { (value(latest.value)) } " on " (latest.date)
                } @else { "No reading yet" }
                @if let Some(change) = k.change {
                    " · change " (signed(change))
                }
                @if let Some(target) = k.target { " · target " (value(target)) }
                @if let Some(threshold) = k.threshold { " · threshold " (value(threshold)) }
                " · " span class=(format!("word {word}")) { (word) }
                @if k.stale { " · " strong { "stale" } }
            }
            @if !k.history.is_empty() {
                // The readings themselves, for screen readers: the chart's
                // title says what it draws, this says every value.
                p.sr-only {
                    "Readings: "
                    @for (i, r) in k.history.iter().enumerate() {
                        @if i > 0 { "; " }
                        (r.date) " " (value(r.value))
                    }
                    "."
                }
            }
        }
    }
}

pub(super) fn kpis(list: &[KpiReport]) -> Markup {
    html! {
        section #kpis {
            h2 { "KPIs" }
            @if list.is_empty() {
                (empty("No KPIs yet.", "product kpi add --name TEXT --direction up --target N"))
            } @else {
                div.kpis { @for k in list { (kpi(k)) } }
            }
        }
    }
}
