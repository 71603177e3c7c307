//! The stakeholder report as one self-contained HTML page
//! (`product report --format html`): the sections in the order a
//! stakeholder reads them, the charts inline as SVG, the style inline, and
//! a Content-Security-Policy that forbids every request the page could
//! make, so it can be opened from a file, a CI artifact or a static site
//! with nothing fetched from anywhere.
//!
//! Written with maud, whose `html!` escapes every value it is given:
//! user text (titles, names, rationale, the vision) can only ever be text.
//! maud rather than askama: the page is built from the library's read
//! models in Rust, so a macro checked by the compiler, with no template
//! files to ship or find at run time, fits; both escape by default.

mod chart;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use productfile::forecast::Status as ForecastStatus;
use productfile::goals::Band;
use productfile::model::{Date, Decision, Stakeholder, number};
use productfile::query::history::History;
use productfile::query::kpi::KpiReport;
use productfile::query::okr::ObjectiveReport;
use productfile::query::report::{Report, Working};
use productfile::query::roadmap::RoadmapReport;

use super::items::ItemRow;
use super::plans::forecast_fields;

/// The page's style sheet, inline; its hash goes in the CSP.
const STYLE: &str = include_str!("page.css");

/// What the page draws: the library's report and the top of the backlog as
/// the tables show it.
pub struct Page<'a> {
    pub report: &'a Report,
    pub top: &'a [ItemRow],
    /// The score column's heading, e.g. `WSJF`.
    pub score_label: &'a str,
    /// Why there is no burn-up when there is none, e.g. "the file is not
    /// in a git repository".
    pub no_burn_up: Option<&'a str>,
}

/// The Content-Security-Policy: nothing may be fetched, run or framed;
/// only the page's own style sheet, by its hash, applies.
fn policy() -> String {
    let digest = Sha256::digest(STYLE.as_bytes());
    format!(
        "default-src 'none'; style-src 'sha256-{}'; img-src 'none'; script-src 'none'; \
         form-action 'none'; base-uri 'none'",
        base64(&digest)
    )
}

/// Standard base64 with padding, as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The whole page.
pub fn page(p: &Page) -> String {
    let r = p.report;
    let name = &r.product.name;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy());
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (name) " · product report " (r.as_of) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.top {
                    h1 { (name) }
                    p.meta {
                        @if let Some(owner) = &r.product.owner { "Product owner: " strong { (owner) } " · " }
                        "Data as of " time datetime=(r.as_of) { (r.as_of) }
                    }
                }
                main {
                    (vision(r))
                    (roadmap(r))
                    (mvp(r))
                    (objectives(&r.objectives))
                    (kpis(&r.kpis))
                    (top(p))
                    (burn_up(r.burn_up.as_ref(), p.no_burn_up))
                    (decisions(&r.decisions, r.decisions_since))
                    (stakeholders(r))
                }
                footer { "Made by " code { "product report --format html" } " from the product file." }
            }
        }
    }
    .into_string()
}

/// An empty section's line: what to add, and the command that adds it.
fn empty(what: &str, command: &str) -> Markup {
    html! { p.empty { (what) " Add one with " code { (command) } "." } }
}

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

fn vision(r: &Report) -> Markup {
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

fn roadmap(r: &Report) -> Markup {
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

fn mvp(r: &Report) -> Markup {
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

fn band_word(band: Option<Band>) -> &'static str {
    match band {
        Some(Band::Green) => "green",
        Some(Band::Amber) => "amber",
        Some(Band::Red) => "red",
        None => "ungraded",
    }
}

fn grade_text(grade: Option<f64>) -> String {
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
                                @let unit = |v: f64| match &kr.unit { Some(u) => format!("{} {u}", number::display(v)), None => number::display(v) };
                                tr {
                                    td.ref { (kr.reference) }
                                    td { (kr.title) }
                                    td.num { (unit(kr.start)) }
                                    td.num { (unit(kr.target)) }
                                    td.num { (kr.current.map(unit).unwrap_or_default()) }
                                    td.num {
                                        (kr.progress.map_or("—".into(), |p| format!("{:.0}%", p * 100.0)))
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

fn objectives(list: &[ObjectiveReport]) -> Markup {
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
    let value = |v: f64| match &k.unit {
        Some(u) => format!("{} {u}", number::display(v)),
        None => number::display(v),
    };
    html! {
        article.kpi {
            h3 { span.id { (k.id) } " " (k.name) }
            (chart::sparkline(k))
            p.figures {
                @if let Some(latest) = &k.latest {
                    "Latest " strong { (value(latest.value)) } " on " (latest.date)
                } @else { "No reading yet" }
                @if let Some(change) = k.change {
                    " · change " (if change > 0.0 { "+" } else { "" }) (number::display(change))
                }
                @if let Some(target) = k.target { " · target " (value(target)) }
                @if let Some(threshold) = k.threshold { " · threshold " (value(threshold)) }
                " · " span class=(format!("word {word}")) { (word) }
                @if k.stale { " · " strong { "stale" } }
            }
            p.sr-only { (chart::spark_title(k)) }
        }
    }
}

fn kpis(list: &[KpiReport]) -> Markup {
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

fn working_of<'a>(working: &'a [Working], id: &str) -> &'a str {
    working
        .iter()
        .find(|w| w.id == id)
        .and_then(|w| w.working.as_deref().or(w.unscored.as_deref()))
        .unwrap_or("")
}

fn top(p: &Page) -> Markup {
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

fn burn_up(history: Option<&History>, why_not: Option<&str>) -> Markup {
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
                        div.scroll {
                            table {
                                thead { tr { th scope="col" { "Week of" } th scope="col" { "Added" } th scope="col" { "Done" } th scope="col" { "Scope" } th scope="col" { "Done total" } } }
                                tbody { @for period in &h.periods { tr {
                                    td { (period.start) } td.num { (period.added) } td.num { (period.done) }
                                    td.num { (period.scope) } td.num { (period.done_total) }
                                } } }
                            }
                        }
                    }
                }
                _ => {
                    p.empty {
                        "No burn-up: " (why_not.unwrap_or("the file has no git history yet"))
                        ". It is drawn from the file's commits: commit the product file in git."
                    }
                }
            }
        }
    }
}

fn decisions(list: &[Decision], since: Date) -> Markup {
    html! {
        section #decisions {
            h2 { "Decisions since " (since) }
            @if list.is_empty() {
                p.empty {
                    "No decisions since " (since) ". They are logged by the commands that make them, or with "
                    code { "product decide --kind KIND --summary TEXT" } "."
                }
            } @else {
                div.scroll {
                    table.decisions {
                        thead { tr {
                            th scope="col" { "Date" } th scope="col" { "Decision" } th scope="col" { "Kind" }
                            th scope="col" { "Decided by" } th scope="col" { "Agreed by" } th scope="col" { "Why" }
                        } }
                        tbody { @for d in list { tr {
                            td { (d.date) }
                            td { span.id { (d.id) } " " (d.summary) }
                            td { (kinds(d)) }
                            td { (d.decided_by) }
                            td { (d.agreed_by.join(", ")) }
                            td { (d.rationale.as_deref().unwrap_or("")) }
                        } } }
                    }
                }
            }
        }
    }
}

fn kinds(d: &Decision) -> String {
    d.kinds
        .iter()
        .map(ToString::to_string)
        .chain(d.other_kinds.iter().cloned())
        .collect::<Vec<_>>()
        .join(", ")
}

fn quadrant(title: &str, hint: &str, people: &[Stakeholder]) -> Markup {
    html! {
        section.quadrant {
            h3 { (title) }
            p.hint { (hint) }
            @if people.is_empty() { p.empty { "No one." } }
            ul { @for s in people { li { (s.name) @if let Some(notes) = &s.notes { span.notes { " — " (notes) } } } } }
        }
    }
}

fn stakeholders(r: &Report) -> Markup {
    let g = &r.stakeholders;
    html! {
        section #stakeholders {
            h2 { "Stakeholders" }
            @if g.is_empty() {
                (empty("No stakeholders yet.", "product stakeholder add --name TEXT --interest high --influence high"))
            } @else {
                p.legend { "Influence rises upward, interest to the right." }
                div.grid {
                    (quadrant("Keep satisfied", "High influence, low interest", &g.keep_satisfied))
                    (quadrant("Manage closely", "High influence, high interest", &g.manage_closely))
                    (quadrant("Monitor", "Low influence, low interest", &g.monitor))
                    (quadrant("Keep informed", "Low influence, high interest", &g.keep_informed))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    /// The colour `--name` is set to in the style sheet.
    fn colour(name: &str) -> [f64; 3] {
        let at = STYLE.find(&format!("--{name}: #")).unwrap() + name.len() + 5;
        let hex = &STYLE[at..at + 6];
        [0, 2, 4].map(|i| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()))
    }

    /// WCAG 2.1's contrast ratio of two colours.
    fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
        let luminance = |c: [f64; 3]| {
            let [r, g, b] = c.map(|v| {
                let v = v / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            });
            0.2126 * r + 0.7152 * g + 0.0722 * b
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn text_colours_keep_a_contrast_of_at_least_4_5() {
        assert!((contrast([0.0; 3], [255.0; 3]) - 21.0).abs() < 1e-9);
        // Each colour text is set in, on each background it is set on.
        for (text, background) in [
            ("ink", "paper"),
            ("ink", "panel"),
            ("muted", "paper"),
            ("muted", "panel"),
            ("accent", "paper"),
            ("red", "paper"),
            ("green", "green-bg"),
            ("amber", "amber-bg"),
            ("red", "red-bg"),
        ] {
            let ratio = contrast(colour(text), colour(background));
            assert!(ratio >= 4.5, "{text} on {background}: {ratio:.2}");
        }
    }

    #[test]
    fn the_policy_allows_the_style_sheet_by_its_hash_and_nothing_else() {
        let csp = policy();
        assert!(
            csp.starts_with("default-src 'none'; style-src 'sha256-"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe") && !csp.contains("http"), "{csp}");
    }
}
