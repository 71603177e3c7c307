//! The page's sections on what is planned and made: the vision, the
//! roadmap's lanes, the MVP with its forecast, the top of the backlog and
//! the burn-up.

use maud::{Markup, html};

use productfile::forecast::Status as ForecastStatus;
use productfile::model::{Date, number};
use productfile::query::history::History;
use productfile::query::report::{Report, Working};
use productfile::query::roadmap::RoadmapReport;

use super::{Page, chart, empty};
use crate::render::plans::forecast_fields;

fn list(title: &str, entries: &[String]) -> Markup {
    html! {
        @if !entries.is_empty() {
            div.part {
                h3 { (title) }
                ul { @for e in entries { li { (e) } } }
            }
        }
    }
}

pub(super) fn vision(r: &Report) -> Markup {
    let v = &r.vision_detail;
    html! {
        section #vision {
            h2 { "Vision" }
            @if let Some(statement) = &v.statement {
                p.statement { (statement) }
            } @else {
                p.empty { "No vision statement yet. Set one with " code { "product vision set --statement TEXT" } "." }
            }
            div.parts {
                (list("Users", &v.users))
                (list("Problems", &v.problems))
                (list("Strategy", &v.strategy))
            }
        }
    }
}

fn size_text(done: f64, total: f64) -> String {
    format!("size {}/{}", number::display(done), number::display(total))
}

fn entry(e: &RoadmapReport) -> Markup {
    let items = format!("{}/{} items done", e.items_done, e.items_total);
    html! {
        article.entry {
            h4 { span.id { (e.id) } " " (e.title) }
            @if let Some(outcome) = &e.outcome { p { "Outcome: " (outcome) } }
            @if !e.objectives.is_empty() { p { "Objectives: " (e.objectives.join(", ")) } }
            @if let Some(date) = e.date {
                p.hard {
                    strong { "Hard date " (date) }
                    @if let Some(reason) = &e.date_reason { ": " (reason) }
                }
            }
            @if e.items_total > 0 {
                div.progress {
                    (chart::bar(chart::share(e.items_done as f64, e.items_total as f64), &format!("{}: {items}", e.id)))
                    span { (items) }
                }
                @if e.size_total > 0.0 {
                    div.progress {
                        (chart::bar(chart::share(e.size_done, e.size_total), &format!("{}: {}", e.id, size_text(e.size_done, e.size_total))))
                        span { (size_text(e.size_done, e.size_total)) }
                    }
                }
            } @else {
                p.empty { "No items yet: " code { "product item edit ID --roadmap " (e.id) } }
            }
        }
    }
}

pub(super) fn roadmap(r: &Report) -> Markup {
    let lanes = [
        ("now", "Now", &r.roadmap.now),
        ("next", "Next", &r.roadmap.next),
        ("later", "Later", &r.roadmap.later),
    ];
    html! {
        section #roadmap {
            h2 { "Roadmap" }
            @if r.roadmap.is_empty() {
                (empty("No roadmap entries yet.", "product roadmap add --title TEXT --horizon now"))
            } @else {
                div.lanes {
                    @for (id, title, entries) in lanes {
                        section.lane id=(format!("lane-{id}")) aria-labelledby=(format!("lane-{id}-title")) {
                            h3 id=(format!("lane-{id}-title")) { (title) " " span.count { "(" (entries.len()) ")" } }
                            @if entries.is_empty() { p.empty { "Nothing here." } }
                            @for e in entries.iter() { (entry(e)) }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn mvp(r: &Report) -> Markup {
    let m = &r.mvp;
    let items = format!("{}/{} items done", m.items_done, m.items_total);
    let fields = forecast_fields(&r.forecast);
    html! {
        section #mvp {
            h2 { "MVP" }
            @if m.items_total == 0 {
                (empty("No MVP items yet.", "product item edit ID --mvp"))
            } @else {
                div.progress.wide {
                    (chart::bar(chart::share(m.items_done as f64, m.items_total as f64), &format!("MVP: {items}")))
                    span { (items) }
                }
                @if m.size_total > 0.0 {
                    div.progress.wide {
                        (chart::bar(chart::share(m.size_done, m.size_total), &format!("MVP: {}", size_text(m.size_done, m.size_total))))
                        span { (size_text(m.size_done, m.size_total)) }
                    }
                }
            }
            @if let (Some(ForecastStatus::Ok), Some(p50), Some(p85), Some(p95)) = (r.forecast.mvp_status, r.forecast.mvp_p50, r.forecast.mvp_p85, r.forecast.mvp_p95) {
                table.forecast {
                    caption { "When the MVP will be done, by " (r.forecast.trials) " simulated futures" }
                    thead { tr { th scope="col" { "Chance" } th scope="col" { "Done by" } } }
                    tbody {
                        tr { td { "50%" } td { (p50) } }
                        tr { td { "85%" } td { (p85) } }
                        tr { td { "95%" } td { (p95) } }
                    }
                }
            }
            @if !fields.is_empty() {
                dl.fields {
                    @for (label, cell) in &fields { dt { (label) } dd { (cell.text) } }
                }
            }
        }
    }
}

/// How an item's score was worked out, or why it has none.
fn working_of(working: &[Working], id: &str) -> String {
    match working.iter().find(|w| w.id == id) {
        Some(Working {
            working: Some(w), ..
        }) => w.clone(),
        Some(Working {
            unscored: Some(why),
            ..
        }) => format!("no score: {why}"),
        _ => String::new(),
    }
}

pub(super) fn top(p: &Page) -> Markup {
    let r = p.report;
    html! {
        section #backlog {
            h2 { "Top of the backlog " span.count { "(" (p.top.len()) " of " (r.open_items) " open)" } }
            @if p.top.is_empty() {
                (empty("The backlog is empty.", "product item add TITLE"))
            } @else {
                div.scroll {
                    table.backlog {
                        thead { tr {
                            th scope="col" { "#" } th scope="col" { "ID" } th scope="col" { "Title" }
                            th scope="col" { "Status" } th scope="col" { "Size" } th scope="col" { (p.score_label) }
                            th scope="col" { "Working" }
                        } }
                        tbody {
                            @for row in p.top {
                                @let row = &row.0;
                                tr {
                                    td.num { (row.position.map(|n| n.to_string()).unwrap_or_default()) }
                                    td.ref { (row.id) }
                                    td { (row.title) @if row.mvp { " " span.tag { "MVP" } } }
                                    td { (row.status) @if !row.blocked_by.is_empty() { " (blocked by " (row.blocked_by.join(", ")) ")" } }
                                    td.num { (row.size.map(number::display).unwrap_or_default()) }
                                    td.num { (row.score_text) }
                                    td.working { (working_of(&r.top_working, &row.id)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn burn_up_table(h: &History) -> Markup {
    html! {
        table {
            thead { tr { th scope="col" { "Week of" } th scope="col" { "Added" } th scope="col" { "Done" } th scope="col" { "Scope" } th scope="col" { "Done total" } } }
            tbody { @for period in &h.periods { tr {
                td { (period.start) } td.num { (period.added) } td.num { (period.done) }
                td.num { (period.scope) } td.num { (period.done_total) }
            } } }
        }
    }
}

pub(super) fn burn_up(history: Option<&History>, why_not: Option<&str>, as_of: Date) -> Markup {
    html! {
        section #burnup {
            h2 { "Burn-up" }
            @match history {
                Some(h) if !h.periods.is_empty() => {
                    figure {
                        (chart::burn_up(&h.periods))
                        figcaption { "Scope (dashed) and done (solid) by week, from " (h.commits) " commits of " code { (h.path) } "." }
                    }
                    details {
                        summary { "The burn-up as a table" }
                        div.scroll { (burn_up_table(h)) }
                    }
                    // A closed <details> does not print; the printout has
                    // the table, which screen readers already have above.
                    div.print-only aria-hidden="true" { (burn_up_table(h)) }
                }
                Some(h) => {
                    p.empty {
                        "No burn-up: "
                        @if h.commits == 1 { "the file's one commit is after " } @else { "the file's " (h.commits) " commits are all after " }
                        (as_of) ", the day of the data."
                    }
                }
                None => {
                    p.empty {
                        "No burn-up: " (why_not.unwrap_or("the file has no git history yet"))
                        ". It is drawn from the file's commits: commit the product file in git."
                    }
                }
            }
        }
    }
}
