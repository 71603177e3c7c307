//! `product request show`: one request and what became of it.

use serde::Serialize;

use crate::render::{Block, Cell, View};
use productfile::model::RequestStatus;
use productfile::query::requests::{self, RequestRow};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Show a request: who asked, when, how long it waited and what became of it
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product request show Q1
  product request show Q1 --json | jq .status")]
pub struct Args {
    /// The request's id, e.g. Q1
    #[arg(add = candidates::requests())]
    id: String,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct RequestView(RequestRow);

impl View for RequestView {
    fn kind(&self) -> &'static str {
        "request"
    }

    fn blocks(&self) -> Vec<Block> {
        let r = &self.0;
        let mut fields: Vec<(String, Cell)> = vec![
            ("From".into(), r.from.as_str().into()),
            ("Asked".into(), r.date.to_string().into()),
            ("Status".into(), r.status.to_string().into()),
        ];
        match r.status {
            RequestStatus::Open => {
                fields.push(("Waiting".into(), format!("{} days", r.waiting_days).into()));
            }
            _ => {
                let on = r.triaged.map_or(String::new(), |d| d.to_string());
                fields.push((
                    "Triaged".into(),
                    format!("{on} ({} days after it was asked)", r.waiting_days).into(),
                ));
            }
        }
        if let Some(reason) = &r.reason {
            fields.push(("Why declined".into(), reason.as_str().into()));
        }
        if let Some(into) = &r.into {
            fields.push(("Merged into".into(), into.as_str().into()));
        }
        if !r.items.is_empty() {
            fields.push(("Items".into(), r.items.join(", ").into()));
        }
        vec![
            Block::Heading(format!("{} {}", r.id, r.text)),
            Block::Fields(fields),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&RequestView(requests::detail(
        &product, ctx.today, &args.id,
    )?))
}
