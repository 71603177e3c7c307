//! `product kpi rm`: remove a KPI, never leaving an experiment measuring nothing.

use serde::Serialize;

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::render::numbers::plural;
use crate::render::{Block, View};
use productfile::ops::kpi::{self, RemoveKpi};

/// Remove a KPI, with its readings
///
/// Refused while an experiment measures it, unless --unlink, which takes
/// it off those experiments, so that none is left measuring nothing. Asks
/// for confirmation on a terminal; elsewhere it needs --yes. Removing a KPI
/// is a metrics decision: by default the owner's, with leadership's
/// agreement (--agreed-by).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product kpi rm K2 --yes --agreed-by \"Dan Okafor\"
  product kpi rm K2 --unlink --yes --agreed-by \"Dan Okafor\" --why \"Replaced by K5\"")]
pub struct Args {
    /// The KPI's id, e.g. K1
    #[arg(add = candidates::kpis())]
    id: String,
    /// Take it off the experiments that measure it
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
    name: String,
    /// Experiments that measured it and no longer do.
    unlinked: Vec<String>,
}

impl View for Removed {
    fn kind(&self) -> &'static str {
        "kpi_removed"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Line(format!("Removed {}: {}", self.id, self.name))];
        if !self.unlinked.is_empty() {
            blocks.push(Block::Line(format!(
                "No longer measured by: {}",
                self.unlinked.join(", ")
            )));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = RemoveKpi {
        id: args.id,
        unlink: args.unlink,
    };
    if !args.yes {
        // Everything the removal would refuse is said before asking: it is
        // tried on the product as read, which is not saved.
        let (_, mut product) = ctx.load()?;
        let k = product.find_kpi(&opts.id)?;
        let question = format!(
            "Remove {}: {}, with {}?",
            k.id,
            k.name,
            plural(k.history.len(), "reading")
        );
        kpi::remove(&mut product, ctx.today, &opts)?;
        ctx.confirm_removal(&question, &format!("kpi rm {}", opts.id))?;
    }
    let removed = ctx.mutate(|product| kpi::remove(product, ctx.today, &opts))?;
    ctx.print(&Removed {
        action: "removed",
        id: removed.kpi.id,
        name: removed.kpi.name,
        unlinked: removed.unlinked,
    })
}
