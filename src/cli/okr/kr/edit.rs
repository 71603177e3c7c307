//! `product okr kr edit`: change a key result's title, unit, start, target or weight.

use serde::Serialize;

use crate::cli::candidates;
use crate::cli::context::Ctx;
use crate::cli::error::CmdResult;
use crate::cli::number::{self, WrittenOrNone, in_unit, value_or_none};
use crate::render::numbers::with_unit;
use crate::render::{Block, View};
use productfile::model::KeyResult;
use productfile::model::number::Written;
use productfile::ops::okr::{self, EditKeyResult};

/// Change a key result: its title, unit, start, target or weight
///
/// Its check-ins are kept as they are (a new unit converts none). A changed
/// start or target is a goals decision, like the key result itself.
/// `--unit none` and `--weight none` remove them (a key result without a
/// weight weighs 1).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product okr kr edit O1.KR1 --target 90
  product okr kr edit O1.KR2 --title \"Minutes to join, median\" --weight 2
  product okr kr edit O2.KR1 --unit £ --start 1.0M --target 1.5M
  product okr kr edit O1.KR2 --weight none")]
pub struct Args {
    /// The key result, as O1.KR1
    #[arg(add = candidates::key_results())]
    key_result: String,
    /// A new title
    #[arg(long)]
    title: Option<String>,
    /// The unit values are in, or `none`
    #[arg(long)]
    unit: Option<String>,
    /// Its value when the key result was set
    #[arg(long, value_name = "X", allow_hyphen_values = true, value_parser = number::written)]
    start: Option<Written>,
    /// The value that counts as fully achieved
    #[arg(long, value_name = "Y", allow_hyphen_values = true, value_parser = number::written)]
    target: Option<Written>,
    /// Its weight in the objective's grade, or `none` for the default of 1
    #[arg(long, value_name = "W", allow_hyphen_values = true, value_parser = number::written_or_none)]
    weight: Option<WrittenOrNone>,
}

#[derive(Debug, Serialize)]
struct Edited {
    action: &'static str,
    reference: String,
    key_result: KeyResult,
}

impl View for Edited {
    fn kind(&self) -> &'static str {
        "key_result_updated"
    }

    fn blocks(&self) -> Vec<Block> {
        let kr = &self.key_result;
        let unit = kr.unit.as_deref();
        let verb = if self.action == "updated" {
            "Updated"
        } else {
            "Unchanged"
        };
        vec![Block::Line(format!(
            "{verb} {}: {} (from {} to {})",
            self.reference,
            kr.title,
            with_unit(kr.start, unit),
            with_unit(kr.target, unit)
        ))]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let unit = args.unit.as_deref().map(|u| {
        Some(u.trim().to_owned()).filter(|u| !u.is_empty() && !u.eq_ignore_ascii_case("none"))
    });
    let view = ctx.mutate(|product| {
        // Values are read in the unit the key result will have.
        let unit_now = match &unit {
            Some(u) => u.clone(),
            None => okr::find_key_result(product, &args.key_result)?
                .unit
                .clone(),
        };
        let read = |text: &Option<Written>, what| {
            text.as_ref()
                .map(|t| in_unit(t, what, unit_now.as_deref()))
                .transpose()
        };
        let opts = EditKeyResult {
            reference: args.key_result.clone(),
            title: args.title.clone(),
            unit: unit.clone(),
            start: read(&args.start, "--start")?,
            target: read(&args.target, "--target")?,
            weight: value_or_none(args.weight.as_ref(), "--weight", None)?,
        };
        let edited = okr::edit_key_result(product, ctx.today, &opts)?;
        Ok(Edited {
            action: if edited.changed {
                "updated"
            } else {
                "unchanged"
            },
            reference: edited.reference,
            key_result: edited.key_result,
        })
    })?;
    ctx.print(&view)
}
