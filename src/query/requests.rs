//! Requests as the team and the requesters read them: what waits to be
//! triaged and for how long, what was accepted (and into which items),
//! what was declined and why, and what was merged into what.

use serde::Serialize;

use crate::error::Result;
use crate::model::{Date, Product, Request, RequestStatus};

/// One request, with how long it waited (or has waited so far).
#[derive(Debug, Clone, Serialize)]
pub struct RequestRow {
    pub id: String,
    pub text: String,
    pub from: String,
    pub date: Date,
    pub status: RequestStatus,
    /// Days from the request to its triage, or to today while it is open.
    pub waiting_days: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub triaged: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
    /// The items accepted for it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// The requests by what became of them.
#[derive(Debug, Clone, Serialize)]
pub struct Requests {
    /// Waiting to be triaged, the longest waiting first.
    pub open: Vec<RequestRow>,
    pub accepted: Vec<RequestRow>,
    pub declined: Vec<RequestRow>,
    pub merged: Vec<RequestRow>,
    /// Days the longest-waiting open request has waited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oldest_open_days: Option<i64>,
    /// The median days from request to triage, over the triaged ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_days_to_triage: Option<i64>,
}

impl Requests {
    pub fn total(&self) -> usize {
        self.open.len() + self.accepted.len() + self.declined.len() + self.merged.len()
    }

    /// Every group with its status, in the order a list shows them.
    pub fn groups(&self) -> [(RequestStatus, &[RequestRow]); 4] {
        [
            (RequestStatus::Open, &self.open),
            (RequestStatus::Accepted, &self.accepted),
            (RequestStatus::Declined, &self.declined),
            (RequestStatus::Merged, &self.merged),
        ]
    }
}

/// The product's requests as of `today`.
pub fn requests(product: &Product, today: Date) -> Requests {
    let mut by_request: std::collections::HashMap<&str, Vec<String>> =
        std::collections::HashMap::new();
    for item in &product.items {
        for r in &item.requests {
            by_request
                .entry(r.as_str())
                .or_default()
                .push(item.id.clone());
        }
    }
    let rows: Vec<RequestRow> = product
        .requests
        .iter()
        .map(|r| {
            row(
                r,
                today,
                by_request.remove(r.id.as_str()).unwrap_or_default(),
            )
        })
        .collect();
    let of = |status: RequestStatus| -> Vec<RequestRow> {
        rows.iter()
            .filter(|r| r.status == status)
            .cloned()
            .collect()
    };
    let mut open = of(RequestStatus::Open);
    // Longest waiting first; a day's requests in file order.
    open.sort_by_key(|r| std::cmp::Reverse(r.waiting_days));
    let mut waits: Vec<i64> = rows
        .iter()
        .filter(|r| r.status != RequestStatus::Open)
        .map(|r| r.waiting_days)
        .collect();
    waits.sort_unstable();
    Requests {
        oldest_open_days: open.first().map(|r| r.waiting_days),
        median_days_to_triage: (!waits.is_empty()).then(|| waits[(waits.len() - 1) / 2]),
        open,
        accepted: of(RequestStatus::Accepted),
        declined: of(RequestStatus::Declined),
        merged: of(RequestStatus::Merged),
    }
}

/// One request, as of `today`.
pub fn detail(product: &Product, today: Date, id: &str) -> Result<RequestRow> {
    let request = product.find_request(id)?;
    let items = product
        .items
        .iter()
        .filter(|i| i.requests.iter().any(|r| r == id))
        .map(|i| i.id.clone())
        .collect();
    Ok(row(request, today, items))
}

fn row(r: &Request, today: Date, items: Vec<String>) -> RequestRow {
    let until = match r.status {
        RequestStatus::Open => today,
        _ => r.triaged.unwrap_or(today),
    };
    RequestRow {
        id: r.id.clone(),
        text: r.text.clone(),
        from: r.from.clone(),
        date: r.date,
        status: r.status,
        waiting_days: (until.0 - r.date.0).num_days().max(0),
        triaged: r.triaged,
        reason: r.reason.clone(),
        into: r.into.clone(),
        items,
    }
}
