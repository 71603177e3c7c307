//! `product request list`: requests by what became of them, with how long
//! each waited.

use serde::Serialize;

use crate::render::needs;
use crate::render::{Block, Csv, TableBlock, View};
use productfile::query::requests::{self, Requests};

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// List requests: open ones longest-waiting first, then accepted, declined
/// (with the reason) and merged
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product request list
  product request list --open
  product request list --json | jq '.declined[] | {id, from, reason}'")]
pub struct Args {
    /// Only the requests waiting to be triaged
    #[arg(long)]
    open: bool,
}

/// The requests, and whether only the open ones were asked for.
#[derive(Debug, Serialize)]
struct RequestsView {
    #[serde(flatten)]
    requests: Requests,
    #[serde(skip)]
    open_only: bool,
}

impl RequestsView {
    fn table(&self) -> TableBlock {
        needs::requests_table(&self.requests)
    }
}

impl View for RequestsView {
    fn kind(&self) -> &'static str {
        "request_list"
    }

    fn csv(&self) -> Csv {
        Csv::table(&self.table())
    }

    fn blocks(&self) -> Vec<Block> {
        if self.requests.total() == 0 && self.open_only {
            return vec![Block::Line("No request is waiting to be triaged.".into())];
        }
        if self.requests.total() == 0 {
            return vec![Block::Line(
                "No requests: record one with `product request add TEXT --from NAME`.".into(),
            )];
        }
        let mut blocks = vec![Block::Table(self.table())];
        let r = &self.requests;
        let mut line = format!(
            "{} open, {} accepted, {} declined, {} merged",
            r.open.len(),
            r.accepted.len(),
            r.declined.len(),
            r.merged.len()
        );
        if let Some(days) = r.oldest_open_days {
            line.push_str(&format!("; the oldest open has waited {days} days"));
        }
        if let Some(days) = r.median_days_to_triage {
            line.push_str(&format!("; triaged in {days} days (median)"));
        }
        blocks.push(Block::Line(line));
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let mut found = requests::requests(&product, ctx.today);
    if args.open {
        found.accepted.clear();
        found.declined.clear();
        found.merged.clear();
    }
    ctx.print(&RequestsView {
        requests: found,
        open_only: args.open,
    })
}
