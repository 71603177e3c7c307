//! `product request add | accept | decline | merge`: recording a request
//! and deciding what becomes of it.

use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::{Date, Request};
use productfile::ops::request::{self, AcceptRequest, AddRequest, RequestChanged};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Record a request for new work: what, from whom, and when
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product request add \"Export refunds to CSV\" --from Finance
  product request add \"Pay by phone\" --from \"Patient advisory panel\" --date 2026-11-02")]
pub struct AddArgs {
    /// What was asked for
    text: String,
    /// Who asked: a person, a team, a customer
    #[arg(long, value_name = "NAME")]
    from: String,
    /// The day it was asked, as YYYY-MM-DD (today when left out)
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
}

/// Accept a request: a new item for it, or one that exists (--item)
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product request accept Q1
  product request accept Q1 --title \"Export refunds as CSV\"
  product request accept Q2 --item RX-4")]
pub struct AcceptArgs {
    /// The request's id, e.g. Q1
    #[arg(add = candidates::open_requests())]
    id: String,
    /// An item that answers it, e.g. RX-4 (a new item is added otherwise)
    #[arg(long, value_name = "ID", add = candidates::items(), conflicts_with = "title")]
    item: Option<String>,
    /// The new item's title (the request's text when left out)
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
}

/// Decline a request, saying why; always logged
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product request decline Q3 --reason \"Refunds are the bank's, not ours\"")]
pub struct DeclineArgs {
    /// The request's id, e.g. Q1
    #[arg(add = candidates::open_requests())]
    id: String,
    /// Why, in words the requester can be shown
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

/// Merge a request into a need or an item that already covers it
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product request merge Q4 --into N2
  product request merge Q5 --into RX-5")]
pub struct MergeArgs {
    /// The request's id, e.g. Q1
    #[arg(add = candidates::open_requests())]
    id: String,
    /// The need (N1) or item (RX-4) that covers it
    #[arg(long, value_name = "N1|ID", add = candidates::needs_and_items())]
    into: String,
}

/// A request as recorded or triaged.
#[derive(Debug, Serialize)]
struct Changed {
    #[serde(skip)]
    kind: &'static str,
    action: &'static str,
    request: Request,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    items: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    created: bool,
    /// The decision logged with it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<String>,
}

impl Changed {
    fn of(
        kind: &'static str,
        action: &'static str,
        c: RequestChanged,
        decision: Option<String>,
    ) -> Self {
        Changed {
            kind,
            action,
            request: c.request,
            items: c.items,
            created: c.created,
            decision,
        }
    }
}

impl View for Changed {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let r = &self.request;
        let line = match self.action {
            "added" => format!("Added {}: {} (from {}, {})", r.id, r.text, r.from, r.date),
            "accepted" if self.created => {
                format!("Accepted {}: added {} for it", r.id, self.items.join(", "))
            }
            "accepted" => format!("Accepted {}: linked to {}", r.id, self.items.join(", ")),
            "declined" => format!(
                "Declined {}: {}",
                r.id,
                r.reason.as_deref().unwrap_or_default()
            ),
            _ => format!(
                "Merged {} into {}",
                r.id,
                r.into.as_deref().unwrap_or_default()
            ),
        };
        vec![Block::Line(line)]
    }
}

pub fn add(ctx: &Ctx, args: AddArgs) -> CmdResult<()> {
    let opts = AddRequest {
        text: args.text,
        from: args.from,
        date: args.date,
        source: None,
    };
    let added = ctx.mutate(|product| request::add(product, ctx.today, &opts))?;
    ctx.print(&Changed::of("request_added", "added", added, None))
}

pub fn accept(ctx: &Ctx, args: AcceptArgs) -> CmdResult<()> {
    let opts = AcceptRequest {
        id: args.id,
        item: args.item,
        title: args.title,
    };
    let (accepted, decision) =
        ctx.mutate_logged(|product| request::accept(product, ctx.today, &opts))?;
    ctx.print(&Changed::of(
        "request_accepted",
        "accepted",
        accepted,
        decision,
    ))
}

pub fn decline(ctx: &Ctx, args: DeclineArgs) -> CmdResult<()> {
    let (declined, decision) =
        ctx.mutate_logged(|product| request::decline(product, ctx.today, &args.id, &args.reason))?;
    ctx.print(&Changed::of(
        "request_declined",
        "declined",
        declined,
        decision,
    ))
}

pub fn merge(ctx: &Ctx, args: MergeArgs) -> CmdResult<()> {
    let (merged, decision) =
        ctx.mutate_logged(|product| request::merge(product, ctx.today, &args.id, &args.into))?;
    ctx.print(&Changed::of("request_merged", "merged", merged, decision))
}
