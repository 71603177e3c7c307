//! `product item add`: a new item at the bottom of the backlog.

use productfile::ops::item::{self, AddItem};

use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::args::{FieldArgs, ScoreArgs};
use super::view::ItemView;

/// Add an item to the bottom of the backlog, as an idea
///
/// The new item gets the next free id (KEY-N) and today's date.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item add \"Pay by card online\"
  product item add \"Refund failed payments\" --kind bug --tag payments --mvp
  product item add \"Card payments\" --value 8 --time-criticality 5 --risk-reduction 3 --size 5
  product item add \"Receipt by email\" --acceptance \"Given a payment, when it succeeds, then I get an email\"")]
pub struct Args {
    /// What the item is, in a few words
    title: String,
    #[command(flatten)]
    fields: FieldArgs,
    #[command(flatten)]
    scores: ScoreArgs,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = AddItem {
        title: args.title,
        fields: args.fields.into(),
        scores: args.scores.into(),
    };
    opts.check()?;
    let view = ctx.mutate(|product| {
        let added = item::add(product, ctx.today, &opts)?;
        ItemView::new(
            "item_added",
            Some("added"),
            product,
            &added.id,
            added.warnings,
        )
    })?;
    ctx.print(&view)
}
