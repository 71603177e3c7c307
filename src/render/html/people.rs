//! The page's sections on people: the decision log of the period and the
//! stakeholders on the power/interest grid.

use maud::{Markup, html};

use productfile::model::{Date, Decision, Stakeholder};
use productfile::query::report::Report;

use super::empty;

pub(super) fn decisions(list: &[Decision], since: Date) -> Markup {
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
                            td { (d.kind_names()) }
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

pub(super) fn stakeholders(r: &Report) -> Markup {
    let g = &r.stakeholders;
    html! {
        section #stakeholders {
            h2 { "Stakeholders" }
            @if g.is_empty() {
                (empty("No stakeholders yet.", "product stakeholder add --name TEXT --interest high --influence high"))
            } @else {
                p.legend { "On a wide screen influence rises upward and interest to the right; each quadrant names its own." }
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
