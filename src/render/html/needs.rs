//! The page's sections on users: the user needs with the people their
//! evidence stands for and the items that answer them, and what happened
//! to the requests for new work.

use maud::{Markup, html};

use productfile::model::{NeedStatus, RequestStatus};
use productfile::query::needs::Coverage;
use productfile::query::requests::Requests;

use crate::render::needs::{counted, outcome};
use crate::render::numbers::plural;

/// "User needs": shown once the file has needs.
pub(super) fn needs(c: &Coverage) -> Markup {
    if c.needs.is_empty() {
        return html! {};
    }
    html! {
        section #needs {
            h2 { "User needs" }
            div.scroll {
                table.needs {
                    thead { tr {
                        th scope="col" { "Need" } th scope="col" { "Status" }
                        th scope="col" { "Evidence from" } th scope="col" { "Items open" } th scope="col" { "Items done" }
                    } }
                    tbody { @for n in &c.needs {
                        @let (word, tone) = match n.status {
                            NeedStatus::Validated if !n.items.addressed() => ("validated, no item yet", "red"),
                            NeedStatus::Validated => ("validated", "green"),
                            NeedStatus::Met => ("met", "green"),
                            NeedStatus::Assumed => ("assumed", "amber"),
                            NeedStatus::Invalid => ("invalid", "red"),
                        };
                        tr {
                            td { span.id { (n.id) } " " (n.statement)
                                @if let Some(users) = &n.users { br; span.notes { (users) } } }
                            td { span.word.(tone) { (word) }
                                @if let Some(reason) = &n.reason { br; span.notes { (reason) } } }
                            td.num { (counted(n.people, "person", "people")) }
                            td.num { (n.items.open) }
                            td.num { (n.items.done) }
                        }
                    } }
                }
            }
            @let without = c.items_without_need.len();
            @if without > 0 {
                p.legend { (plural(without, "open feature")) " answer" @if without == 1 { "s" } " no user need." }
            }
        }
    }
}

/// "What happened to requests": shown once the file has requests.
pub(super) fn requests(r: &Requests) -> Markup {
    if r.total() == 0 {
        return html! {};
    }
    html! {
        section #requests {
            h2 { "What happened to requests" }
            p.legend {
                (r.open.len()) " waiting, " (r.accepted.len()) " accepted, "
                (r.declined.len()) " declined, " (r.merged.len()) " merged"
                @if let Some(days) = r.oldest_open_days { "; the oldest has waited " (counted(days.unsigned_abs(), "day", "days")) }
                "."
            }
            div.scroll {
                table.requests {
                    thead { tr {
                        th scope="col" { "Request" } th scope="col" { "From" } th scope="col" { "Asked" } th scope="col" { "What happened" }
                    } }
                    tbody { @for (status, rows) in r.groups() { @for q in rows {
                        tr {
                            td { span.id { (q.id) } " " (q.text) }
                            td { (q.from) }
                            td.when { (q.date) }
                            td { @if status == RequestStatus::Open { span.word.amber { (outcome(q)) } } @else { (outcome(q)) } }
                        }
                    } } }
                }
            }
        }
    }
}
