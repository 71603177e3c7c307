//! The portfolio as one self-contained HTML page (`product portfolio
//! report --format html`): the products at a glance, the portfolio
//! objectives, the combined roadmap, the flagged dependencies, then a
//! section per product with its MVP, objectives and KPIs, drawn with the
//! stakeholder report's charts.

use maud::{Markup, html};

use productfile::goals::Band;
use productfile::portfolio::deps::Dependency;
use productfile::portfolio::roadmap::PortfolioRoadmap;
use productfile::portfolio::show::{PortfolioShow, ProductLine};
use productfile::query::kpi::KpiReport;
use productfile::query::okr::ObjectiveReport;

use super::super::findings::summary_line;
use super::super::numbers::plural;
use super::goals::{band_word, grade_text};
use super::{chart, document};

/// What the page draws.
pub struct PortfolioPage<'a> {
    pub show: &'a PortfolioShow,
    pub roadmap: &'a PortfolioRoadmap,
    pub dependencies: &'a [Dependency],
    /// Each product read, by its key: its objectives and KPIs as its own
    /// report gives them.
    pub products: Vec<(&'a str, &'a [ObjectiveReport], &'a [KpiReport])>,
    pub as_of: productfile::model::Date,
}

/// The band's word, the grade's class on the page.
fn band_class(grade: Option<f64>) -> &'static str {
    band_word(grade.map(Band::of))
}

/// The whole page.
pub fn portfolio_page(p: &PortfolioPage) -> String {
    let s = p.show;
    document(
        &format!("{} · portfolio {}", s.name, p.as_of),
        html! {
            header.top {
                h1 { (s.name) }
                p.meta {
                    (plural(s.products.len(), "product"))
                    @if s.unreadable > 0 { " (" (s.unreadable) " cannot be read)" }
                    " · Data as of " time datetime=(p.as_of) { (p.as_of) }
                }
            }
            main {
                (overview(s))
                (objectives(s))
                (roadmap(p.roadmap))
                (dependencies(p.dependencies))
                @for (line, (key, objectives, kpis)) in s.products.iter().filter(|l| l.error.is_none()).zip(&p.products) {
                    (product(line, key, objectives, kpis))
                }
            }
            footer { "Made by " code { "product portfolio report --format html" } " from the portfolio manifest." }
        },
    )
}

fn overview(s: &PortfolioShow) -> Markup {
    html! {
        section #products {
            h2 { "Products" }
            table {
                thead { tr { th { "Product" } th { "Owner" } th { "Open items" } th { "MVP" } th { "Now" } th { "KPIs" } th { "Check" } th { "MVP by (85%)" } } }
                tbody {
                    @for l in &s.products {
                        tr {
                            @if let Some(error) = &l.error {
                                td { (l.path) } td colspan="7" { strong { "Cannot be read: " } (error) }
                            } @else {
                                td { strong { (l.key.as_deref().unwrap_or("")) } " " (l.name.as_deref().unwrap_or("")) }
                                td { (l.owner.as_deref().unwrap_or("")) }
                                @let (done, total) = (l.mvp_done.unwrap_or_default(), l.mvp_total.unwrap_or_default());
                                @let kpis = l.kpis.unwrap_or_default();
                                td { (l.open_items.unwrap_or_default()) }
                                td {
                                    div.progress {
                                        (chart::bar(chart::share(done as f64, total as f64), &format!("MVP: {done}/{total} done")))
                                        span { (done) "/" (total) }
                                    }
                                }
                                td { (l.now.join(", ")) }
                                td { (kpis.green) " green, " (kpis.amber) " amber, " (kpis.red) " red" }
                                td { @if let Some(c) = l.check { (summary_line(&c)) } }
                                td { @if let Some(d) = l.mvp_p85 { time datetime=(d) { (d) } } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn objectives(s: &PortfolioShow) -> Markup {
    html! {
        section #portfolio-objectives {
            h2 { "Portfolio objectives" }
            @if s.objectives.is_empty() {
                p.empty { "No portfolio objectives: list them in the manifest's " code { "[[objectives]]" } "." }
            }
            @for o in &s.objectives {
                article.objective {
                    h3 { span.id { (o.id) } " " (o.title) }
                    (chart::grade(o.grade, band_class(o.grade), &format!("{}: {}", o.id, grade_text(o.grade))))
                    @if o.contributions.is_empty() { p.empty { "No product objective contributes yet." } }
                    ul {
                        @for c in &o.contributions {
                            li { strong { (c.product) " " (c.objective) } " " (c.title) ": " (grade_text(c.grade)) }
                        }
                    }
                }
            }
        }
    }
}

fn roadmap(r: &PortfolioRoadmap) -> Markup {
    html! {
        section #portfolio-roadmap {
            h2 { "Roadmap" }
            div.lanes {
                @for lane in &r.lanes {
                    section.lane {
                        h3 { (lane.horizon.heading()) " " span.count { "(" (lane.entries.len()) ")" } }
                        @if lane.entries.is_empty() { p.empty { "Nothing here." } }
                        @for l in &lane.entries {
                            @let e = &l.entry;
                            article.entry {
                                h4 { span.id { (l.product) " " (e.id) } " " (e.title) }
                                @if let Some(date) = e.date {
                                    p.date { strong { "Hard date " } time datetime=(date) { (date) } @if let Some(why) = &e.date_reason { ": " (why) } }
                                }
                                @if e.items_total > 0 {
                                    div.progress {
                                        (chart::bar(chart::share(e.items_done as f64, e.items_total as f64), &format!("{}/{} items done", e.items_done, e.items_total)))
                                        span { (e.items_done) "/" (e.items_total) }
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

fn dependencies(deps: &[Dependency]) -> Markup {
    let flagged: Vec<&Dependency> = deps.iter().filter(|d| d.flag.is_some()).collect();
    html! {
        section #dependencies {
            h2 { "Dependencies between products" }
            p { (deps.len()) " dependencies, " (flagged.len()) " flagged." }
            @if !flagged.is_empty() {
                table {
                    thead { tr { th { "Item" } th { "Depends on" } th { "Its status" } th { "Flag" } } }
                    tbody {
                        @for d in flagged {
                            tr {
                                td { strong { (d.item) } " " (d.title) }
                                td { strong { (d.depends_on) } @if let Some(t) = &d.on_title { " " (t) } }
                                td { @if let Some(s) = d.on_status { (s) } }
                                td { @if let Some(f) = d.flag { (f.name()) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn product(
    line: &ProductLine,
    key: &str,
    objectives: &[ObjectiveReport],
    kpis: &[KpiReport],
) -> Markup {
    html! {
        section.product id=(format!("product-{key}")) {
            h2 { span.id { (key) } " " (line.name.as_deref().unwrap_or("")) }
            p.meta { (line.path) @if let Some(owner) = &line.owner { " · Product owner: " strong { (owner) } } }
            h3 { "Objectives" }
            @if objectives.is_empty() { p.empty { "No objectives." } }
            @for o in objectives {
                div.progress {
                    (chart::grade(o.grade, band_class(o.grade), &format!("{}: {}", o.id, grade_text(o.grade))))
                    span { (o.id) " " (o.title) ": " (grade_text(o.grade)) }
                }
            }
            h3 { "KPIs" }
            @if kpis.is_empty() { p.empty { "No KPIs." } }
            @for k in kpis {
                article.kpi {
                    h4 { span.id { (k.id) } " " (k.name) " · " (chart::status_word(k.status)) }
                    (chart::sparkline(k))
                }
            }
        }
    }
}
