//! `product item add`: a new item at the bottom of the backlog.

use productfile::model::{Item, Kind};

use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};
use super::fields::{FieldArgs, link_warnings};
use super::scores::ScoreArgs;
use super::view::ItemDetail;

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
    let title = args.title.trim().to_owned();
    if title.is_empty() {
        return Err(CommandError::usage("the title is empty")
            .with_hint("give the item a title, e.g. product item add \"Pay by card\""));
    }
    let view = ctx.mutate(|product| {
        let id = product.next_item_id().ok_or_else(|| {
            CommandError::new(
                ErrorKind::Invalid,
                ErrorCode::IdsExhausted,
                format!(
                    "no item number is left after the highest {} id",
                    product.product.key
                ),
            )
            .with_hint("renumber the items with the highest numbers, or use a new [product] key")
        })?;
        args.fields.check_links(product, None)?;
        let mut item = Item::new(id.clone(), title, Kind::Feature, ctx.today);
        args.fields.apply(&mut item)?;
        args.scores.apply(&mut item, product.scoring.scale())?;
        let warnings = link_warnings(product, &item);
        product.items.push(item);
        let mut view =
            ItemDetail::new("item_added", Some("added"), product, &id).expect("just added");
        view.warnings = warnings;
        Ok(view)
    })?;
    ctx.print(&view)
}
