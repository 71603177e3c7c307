//! User needs and requests as the commands and the report show them: the
//! words for a need's standing and for what became of a request, and the
//! report's two tables.

use productfile::model::{NeedStatus, RequestStatus};
use productfile::query::needs::{Coverage, NeedRow};
use productfile::query::requests::{RequestRow, Requests};

use super::{Cell, TableBlock, Tone};

/// A need's status, flagged where it is validated and nothing answers it.
pub fn status_cell(n: &NeedRow) -> Cell {
    match n.status {
        NeedStatus::Validated if !n.items.addressed() => {
            Cell::new("validated, unaddressed", Tone::Bad)
        }
        NeedStatus::Invalid => Cell::new("invalid", Tone::Dim),
        NeedStatus::Met => Cell::new("met", Tone::Good),
        s => s.to_string().into(),
    }
}

/// What became of a request, in words: `waiting 14 days`, `accepted: RX-16`,
/// `declined: Out of scope`, `merged into N2`.
pub fn outcome(r: &RequestRow) -> String {
    match r.status {
        RequestStatus::Open => format!(
            "waiting {}",
            counted(r.waiting_days.unsigned_abs(), "day", "days")
        ),
        RequestStatus::Accepted if r.items.is_empty() => "accepted".into(),
        RequestStatus::Accepted => format!("accepted: {}", r.items.join(", ")),
        RequestStatus::Declined => match &r.reason {
            Some(reason) => format!("declined: {reason}"),
            None => "declined".into(),
        },
        RequestStatus::Merged => format!("merged into {}", r.into.as_deref().unwrap_or("?")),
    }
}

/// The report's needs: each with its standing, the people its evidence
/// stands for, and the items that answer it.
pub fn report_table(c: &Coverage) -> TableBlock {
    TableBlock {
        header: [
            "ID",
            "Need",
            "Status",
            "Evidence from",
            "Items open",
            "Items done",
        ]
        .map(String::from)
        .to_vec(),
        rows: c
            .needs
            .iter()
            .map(|n| {
                vec![
                    Cell::new(&n.id, Tone::Strong),
                    n.statement.as_str().into(),
                    status_cell(n),
                    counted(n.people, "person", "people").into(),
                    n.items.open.to_string().into(),
                    n.items.done.to_string().into(),
                ]
            })
            .collect(),
    }
}

/// The report's requests: the open ones longest-waiting first, then what
/// was accepted, declined (with why) and merged.
pub fn requests_table(r: &Requests) -> TableBlock {
    TableBlock {
        header: ["ID", "Request", "From", "Asked", "What happened"]
            .map(String::from)
            .to_vec(),
        rows: r
            .groups()
            .into_iter()
            .flat_map(|(_, rows)| rows.iter())
            .map(|q| {
                let tone = if q.status == RequestStatus::Open {
                    Tone::Warn
                } else {
                    Tone::Plain
                };
                vec![
                    Cell::new(&q.id, Tone::Strong),
                    q.text.as_str().into(),
                    q.from.as_str().into(),
                    q.date.to_string().into(),
                    Cell::new(outcome(q), tone),
                ]
            })
            .collect(),
    }
}

/// `1 person`, `420 people`: a count with the noun it takes.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
