//! `product okr rm`: remove an objective and its key results, never leaving
//! items or roadmap entries linked to nothing.

use serde::Serialize;

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::render::numbers::plural;
use crate::render::{Block, View};
use productfile::ops::okr::{self, RemoveObjective};

/// Remove an objective, with its key results and their check-ins
///
/// Refused while backlog items link to its key results (by --kr, or as an
/// experiment's measure) or roadmap entries serve it, unless --unlink,
/// which takes those links off, so that nothing is left pointing at
/// nothing. Asks for confirmation on a terminal; elsewhere it needs --yes.
/// Removing an objective is a goals decision: by default the owner's, with
/// leadership's agreement (--agreed-by).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr rm O2 --yes --agreed-by \"Dan Okafor\"
  product okr rm O2 --unlink --yes --agreed-by \"Dan Okafor\" --why \"Merged into O1\"")]
pub struct Args {
    /// The objective's id, e.g. O1
    #[arg(add = candidates::objectives())]
    id: String,
    /// Take the links off the items and roadmap entries that point to it
    #[arg(long)]
    unlink: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    yes: bool,
}

#[derive(Debug, Serialize)]
struct Removed {
    action: &'static str,
    id: String,
    title: String,
    /// Its key results, removed with it, as `O1.KR1`.
    key_results: Vec<String>,
    /// Items that linked to one of its key results and no longer do.
    unlinked_items: Vec<String>,
    /// Roadmap entries that served it and no longer do.
    unlinked_roadmap: Vec<String>,
}

impl View for Removed {
    fn kind(&self) -> &'static str {
        "objective_removed"
    }

    fn blocks(&self) -> Vec<Block> {
        let with = if self.key_results.is_empty() {
            String::new()
        } else {
            format!(" (and {})", self.key_results.join(", "))
        };
        let mut blocks = vec![Block::Line(format!(
            "Removed {}: {}{with}",
            self.id, self.title
        ))];
        if !self.unlinked_items.is_empty() {
            blocks.push(Block::Line(format!(
                "No longer linked to its key results: {}",
                self.unlinked_items.join(", ")
            )));
        }
        if !self.unlinked_roadmap.is_empty() {
            blocks.push(Block::Line(format!(
                "No longer serving it: {}",
                self.unlinked_roadmap.join(", ")
            )));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = RemoveObjective {
        id: args.id,
        unlink: args.unlink,
    };
    if !args.yes {
        // Everything the removal would refuse is said before asking: it is
        // tried on the product as read, which is not saved.
        let (_, mut product) = ctx.load()?;
        let o = product.find_objective(&opts.id)?;
        let check_ins = o.key_results.iter().map(|kr| kr.history.len()).sum();
        let question = format!(
            "Remove {}: {}, with {} and {}?",
            o.id,
            o.title,
            plural(o.key_results.len(), "key result"),
            plural(check_ins, "check-in")
        );
        okr::remove_objective(&mut product, ctx.today, &opts)?;
        ctx.confirm_removal(&question, &format!("okr rm {}", opts.id))?;
    }
    let removed = ctx.mutate(|product| okr::remove_objective(product, ctx.today, &opts))?;
    let o = removed.objective;
    ctx.print(&Removed {
        action: "removed",
        key_results: o.key_results.iter().map(|kr| o.kr_ref(kr)).collect(),
        id: o.id,
        title: o.title,
        unlinked_items: removed.unlinked_items,
        unlinked_roadmap: removed.unlinked_roadmap,
    })
}
