//! `product okr edit`: change an objective's title, description, period or commitment.

use serde::Serialize;

use crate::cli::candidates;
use crate::cli::choice::choice;
use crate::cli::context::Ctx;
use crate::cli::error::{CmdResult, CommandError};
use crate::render::{Block, View};
use productfile::goals::Quarter;
use productfile::model::{Commitment, Date, Objective};
use productfile::ops::okr::{self, EditObjective};

/// Change an objective: its title, description, period or commitment
///
/// Its key results are kept (change them with `product okr kr edit`).
/// `--start none`, `--end none` and `--description none` remove them. A
/// changed title, period or commitment is a goals decision, like the
/// objective itself.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr edit O1 --title \"Paying takes two minutes\"
  product okr edit O1 --quarter 2027-Q2 --commitment committed
  product okr edit O2 --end 2027-09-30 --description \"Fines are the top complaint\"
  product okr edit O2 --start none --end none
  product okr edit O1 --need N1 --unlink-need N3
  product okr edit O1 --contributes-to PO1")]
pub struct Args {
    /// The objective's id, e.g. O1
    #[arg(add = candidates::objectives())]
    id: String,
    /// A new title
    #[arg(long)]
    title: Option<String>,
    /// Why it matters, or `none` to remove it
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// The first day of its period, or `none`
    #[arg(long, value_name = "DATE", conflicts_with = "quarter")]
    start: Option<String>,
    /// The last day of its period, or `none`
    #[arg(long, value_name = "DATE", conflicts_with = "quarter")]
    end: Option<String>,
    /// A calendar quarter as its period, e.g. 2027-Q2
    #[arg(long, value_name = "YYYY-QN")]
    quarter: Option<Quarter>,
    /// Met in full (committed, a grade of 1.0) or a stretch (aspirational, 0.7)
    #[arg(long, value_parser = choice::<Commitment>())]
    commitment: Option<Commitment>,
    /// Link it to a user need it serves, e.g. N1 (repeatable)
    #[arg(long = "need", value_name = "N1", add = candidates::needs())]
    needs: Vec<String>,
    /// Remove a link to a user need (repeatable)
    #[arg(long = "unlink-need", value_name = "N1", add = candidates::needs())]
    unlink_needs: Vec<String>,
    /// Say it contributes to a portfolio objective, e.g. PO1 (repeatable; see `product portfolio`)
    #[arg(long = "contributes-to", value_name = "PO1")]
    contributes_to: Vec<String>,
    /// Stop it contributing to a portfolio objective (repeatable)
    #[arg(long, value_name = "PO1")]
    uncontribute: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Edited {
    action: &'static str,
    objective: Objective,
}

impl View for Edited {
    fn kind(&self) -> &'static str {
        "objective_updated"
    }

    fn blocks(&self) -> Vec<Block> {
        let o = &self.objective;
        let verb = if self.action == "updated" {
            "Updated"
        } else {
            "Unchanged"
        };
        let period = match (o.start, o.end) {
            (Some(s), Some(e)) => format!(", {s} to {e}"),
            (Some(s), None) => format!(", from {s}"),
            (None, Some(e)) => format!(", to {e}"),
            (None, None) => String::new(),
        };
        let commitment = o.commitment.unwrap_or(Commitment::Aspirational);
        vec![Block::Line(format!(
            "{verb} {}: {} ({commitment}{period})",
            o.id, o.title
        ))]
    }
}

/// A date typed for `--start` or `--end`: `none`, or a date.
fn date_or_none(text: Option<&str>, what: &str) -> CmdResult<Option<Option<Date>>> {
    match text {
        None => Ok(None),
        Some(t) if t.eq_ignore_ascii_case("none") => Ok(Some(None)),
        Some(t) => t
            .parse()
            .map(|d| Some(Some(d)))
            .map_err(|e| CommandError::usage(format!("{what}: {e}"))),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (start, end) = match args.quarter {
        Some(q) => (Some(Some(q.start())), Some(Some(q.end()))),
        None => (
            date_or_none(args.start.as_deref(), "--start")?,
            date_or_none(args.end.as_deref(), "--end")?,
        ),
    };
    let description = args
        .description
        .map(|d| Some(d).filter(|d| !d.eq_ignore_ascii_case("none")));
    let opts = EditObjective {
        id: args.id,
        title: args.title,
        description,
        start,
        end,
        commitment: args.commitment,
        needs: args.needs,
        unlink_needs: args.unlink_needs,
        contributes_to: args.contributes_to,
        uncontribute: args.uncontribute,
    };
    let edited = ctx.mutate(|product| okr::edit_objective(product, ctx.today, &opts))?;
    ctx.print(&Edited {
        action: if edited.changed {
            "updated"
        } else {
            "unchanged"
        },
        objective: edited.objective,
    })
}
