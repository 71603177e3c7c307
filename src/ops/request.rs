//! Requests for new work, and their triage. Recording a request decides
//! nothing; accepting one adds scope and declining one turns scope away
//! (both `scope`, and a decline is always logged with its reason); merging
//! one into a need or an item is `refinement`.
//!
//! ```
//! use productfile::model::{Date, Product, RequestStatus};
//! use productfile::ops::request::{self, AcceptRequest, AddRequest};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! request::add(&mut product, today, &AddRequest::new("Export refunds to CSV", "Finance"))?;
//! let accepted = request::accept(&mut product, today, &AcceptRequest::new("Q1"))?;
//! assert_eq!(accepted.request.status, RequestStatus::Accepted);
//! assert_eq!(accepted.items, ["PAY-1"]);
//! assert_eq!(product.items[0].requests, ["Q1"]);
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::ids::IdKind;
use crate::model::{Date, Entity, Product, Request, RequestStatus};

use super::item::{self, AddItem};
use super::text::required;

/// A request to record.
#[derive(Debug, Clone, PartialEq)]
pub struct AddRequest {
    /// What was asked for.
    pub text: String,
    /// Who asked.
    pub from: String,
    /// The day it was asked; today when not given.
    pub date: Option<Date>,
    /// The row's key in an export it came from.
    pub source: Option<String>,
}

impl AddRequest {
    pub fn new(text: impl Into<String>, from: impl Into<String>) -> Self {
        AddRequest {
            text: text.into(),
            from: from.into(),
            date: None,
            source: None,
        }
    }
}

/// A request as recorded or triaged, and the items accepting it made or linked.
#[derive(Debug, Clone, Serialize)]
pub struct RequestChanged {
    pub request: Request,
    /// The items that answer it, for an accepted request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Whether accepting it made a new item (rather than linking one).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub created: bool,
}

/// Records a request, open until triaged, with the next free id.
pub fn add(product: &mut Product, today: Date, opts: &AddRequest) -> Result<RequestChanged> {
    let text = required(&opts.text, "the request's text")?;
    let from = required(&opts.from, "--from")?;
    let date = opts.date.unwrap_or(today);
    if date > today {
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::DateInFuture,
            format!(
                "--date {date} is after today ({today}); a request is dated the day it was asked"
            ),
        )
        .with_hint("give the day it was asked, or leave --date out for today"));
    }
    let request = Request {
        id: IdKind::Request.next_id(product)?,
        text,
        from,
        date,
        status: RequestStatus::Open,
        triaged: None,
        reason: None,
        into: None,
        source: opts
            .source
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
    };
    product.requests.push(request.clone());
    Ok(RequestChanged {
        request,
        items: Vec::new(),
        created: false,
    })
}

/// Accepting a request: into an item that exists, or a new one titled with
/// the request's text (or `title`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AcceptRequest {
    pub id: String,
    /// An item that already answers it.
    pub item: Option<String>,
    /// The new item's title, when no item is given (the request's text otherwise).
    pub title: Option<String>,
}

impl AcceptRequest {
    pub fn new(id: impl Into<String>) -> Self {
        AcceptRequest {
            id: id.into(),
            ..AcceptRequest::default()
        }
    }
}

/// Accepts a request: the item given (or a new idea) lists it in its
/// `requests`, and the request is dated as triaged today.
pub fn accept(product: &mut Product, today: Date, opts: &AcceptRequest) -> Result<RequestChanged> {
    let at = open_request(product, &opts.id)?;
    let id = product.requests[at].id.clone();
    let (item_id, created) = match &opts.item {
        Some(item_id) => {
            if opts.title.is_some() {
                return Err(Error::usage(
                    "--title names a new item, and --item links one that exists: give one",
                ));
            }
            let item = product.find_item_mut(item_id)?;
            if !item.requests.contains(&id) {
                item.requests.push(id.clone());
            }
            (item_id.clone(), false)
        }
        None => {
            let title = opts
                .title
                .clone()
                .unwrap_or_else(|| product.requests[at].text.clone());
            let add = AddItem {
                title,
                fields: Default::default(),
                scores: Default::default(),
            };
            let added = item::add(product, today, &add)?;
            product.find_item_mut(&added.id)?.requests.push(id.clone());
            (added.id, true)
        }
    };
    let request = &mut product.requests[at];
    request.status = RequestStatus::Accepted;
    request.triaged = Some(today);
    Ok(RequestChanged {
        request: request.clone(),
        items: vec![item_id],
        created,
    })
}

/// Declines a request with a reason the requester can be shown.
pub fn decline(
    product: &mut Product,
    today: Date,
    id: &str,
    reason: &str,
) -> Result<RequestChanged> {
    let reason = required(reason, "--reason")
        .map_err(|e| e.with_hint("a declined request says why, for whoever asked"))?;
    let at = open_request(product, id)?;
    let request = &mut product.requests[at];
    request.status = RequestStatus::Declined;
    request.triaged = Some(today);
    request.reason = Some(reason);
    Ok(RequestChanged {
        request: request.clone(),
        items: Vec::new(),
        created: false,
    })
}

/// Merges a request into a need (`N1`) or an item (`RX-4`) that already
/// covers what it asks.
pub fn merge(product: &mut Product, today: Date, id: &str, into: &str) -> Result<RequestChanged> {
    let at = open_request(product, id)?;
    let into = into.trim();
    if product.needs.iter().all(|n| n.id != into) && product.item(into).is_none() {
        return Err(Error::unknown_link(
            product.not_found(Entity::NeedOrItem, into),
        ));
    }
    let request = &mut product.requests[at];
    request.status = RequestStatus::Merged;
    request.triaged = Some(today);
    request.into = Some(into.to_owned());
    Ok(RequestChanged {
        request: request.clone(),
        items: Vec::new(),
        created: false,
    })
}

/// Where the open request `id` is; one already triaged is refused, saying how.
fn open_request(product: &Product, id: &str) -> Result<usize> {
    let at = product
        .requests
        .iter()
        .position(|r| r.id == id)
        .ok_or_else(|| product.not_found(Entity::Request, id))?;
    let request = &product.requests[at];
    if request.status != RequestStatus::Open {
        let when = request
            .triaged
            .map_or(String::new(), |d| format!(" on {d}"));
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::InvalidValue,
            format!("{id} was already {}{when}", request.status),
        )
        .with_hint(format!(
            "`product request show {id}` says how; a request is triaged once"
        )));
    }
    Ok(at)
}
