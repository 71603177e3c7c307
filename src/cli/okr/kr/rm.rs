//! `product okr kr rm`: remove a key result, never leaving items linked to nothing.

use serde::Serialize;

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::render::numbers::plural;
use crate::render::{Block, View};
use productfile::ops::okr::{self, RemoveKeyResult};

/// Remove a key result, with its check-ins
///
/// Refused while backlog items link to it (by --kr, or as an experiment's
/// measure), unless --unlink, which takes the link off them, so that no
/// item is left pointing at nothing. Asks for confirmation on a terminal;
/// elsewhere it needs --yes. Removing a key result is a goals decision.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr kr rm O1.KR2 --yes
  product okr kr rm O1.KR2 --unlink --yes")]
pub struct Args {
    /// The key result, as O1.KR1
    #[arg(add = candidates::key_results())]
    key_result: String,
    /// Take the link off the items that point to it
    #[arg(long)]
    unlink: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    yes: bool,
}

#[derive(Debug, Serialize)]
struct Removed {
    action: &'static str,
    reference: String,
    title: String,
    /// Items that linked to it and no longer do.
    unlinked: Vec<String>,
}

impl View for Removed {
    fn kind(&self) -> &'static str {
        "key_result_removed"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Line(format!(
            "Removed {}: {}",
            self.reference, self.title
        ))];
        if !self.unlinked.is_empty() {
            blocks.push(Block::Line(format!(
                "No longer linked to it: {}",
                self.unlinked.join(", ")
            )));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = RemoveKeyResult {
        reference: args.key_result,
        unlink: args.unlink,
    };
    if !args.yes {
        // Everything the removal would refuse is said before asking: it is
        // tried on the product as read, which is not saved.
        let (_, mut product) = ctx.load()?;
        let kr = okr::find_key_result(&product, &opts.reference)?;
        let question = format!(
            "Remove {}: {}, with {}?",
            opts.reference,
            kr.title,
            plural(kr.history.len(), "check-in")
        );
        okr::remove_key_result(&mut product, ctx.today, &opts)?;
        ctx.confirm_removal(&question, &format!("okr kr rm {}", opts.reference))?;
    }
    let removed = ctx.mutate(|product| okr::remove_key_result(product, ctx.today, &opts))?;
    ctx.print(&Removed {
        action: "removed",
        reference: removed.reference,
        title: removed.key_result.title,
        unlinked: removed.unlinked,
    })
}
