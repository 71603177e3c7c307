//! `product item edit`: change an item with flags, or in `$EDITOR`.

use crate::cli::choice::choice;
use productfile::model::{Date, Product, Status};
use productfile::ops::item::{self, EditItem, ItemChanged, ReplaceItem};
use productfile::store;

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};
use super::args::{FieldArgs, ScoreArgs};
use super::view::ItemView;

/// Change an item: with flags, or with none in $EDITOR
///
/// With no flags, the item opens in $EDITOR (then $VISUAL, then vi) as TOML.
/// On save it is checked; if it is not valid you can re-open it, and if you
/// do not, nothing is written.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item edit RX-3 --title \"Pay by card or Apple Pay\"
  product item edit RX-3 --tag payments --untag later --mvp
  product item edit RX-3 --size 8 --moscow should
  product item edit RX-3 --kr O1.KR2 --unlink-kr O1.KR1
  product item edit RX-3 --roadmap R2 --depends-on RX-5 --unlink-depends-on RX-4
  product item edit RX-3 --acceptance \"Given an expired card, when I pay, then I am told why\"
  product item edit RX-3 --status ready --pin --due 2027-03-01
  product item edit RX-3 --unpin --no-due
  product item edit RX-3                # opens $EDITOR")]
pub struct Args {
    /// The item's id
    #[arg(add = candidates::items())]
    id: String,
    /// A new title
    #[arg(long)]
    title: Option<String>,
    /// Remove a tag (repeatable)
    #[arg(long = "untag", value_name = "TAG")]
    untag: Vec<String>,
    /// Remove a link to a key result (repeatable)
    #[arg(long = "unlink-kr", value_name = "O1.KR1", add = candidates::key_results())]
    unlink_kr: Vec<String>,
    /// Remove a dependency (repeatable)
    #[arg(long = "unlink-depends-on", value_name = "ID", add = candidates::items())]
    unlink_depends_on: Vec<String>,
    /// Move it to idea, ready or doing (reopens a done or dropped item; to
    /// close one, use `item done` or `item drop`)
    #[arg(long, value_parser = choice::<Status>(), value_name = "STATUS")]
    status: Option<Status>,
    /// Pin it: it keeps its place when a ranking is applied
    #[arg(long, overrides_with = "unpin")]
    pin: bool,
    /// Unpin it
    #[arg(long)]
    unpin: bool,
    /// The day it is due, as YYYY-MM-DD
    #[arg(long, value_name = "DATE", conflicts_with = "no_due")]
    due: Option<Date>,
    /// Remove its due date
    #[arg(long)]
    no_due: bool,
    #[command(flatten)]
    fields: FieldArgs,
    #[command(flatten)]
    scores: ScoreArgs,
}

const HEADER: &str = "# Edit the item, save and close. Delete everything to cancel.\n";

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = EditItem {
        id: args.id,
        title: args.title,
        untag: args.untag,
        unlink_key_results: args.unlink_kr,
        unlink_depends_on: args.unlink_depends_on,
        status: args.status,
        pinned: match (args.pin, args.unpin) {
            (_, true) => Some(false),
            (true, false) => Some(true),
            (false, false) => None,
        },
        due: if args.no_due {
            Some(None)
        } else {
            args.due.map(Some)
        },
        fields: args.fields.into(),
        scores: args.scores.into(),
    };
    let view = if opts.is_empty() {
        in_editor(ctx, &opts.id)?
    } else {
        ctx.mutate(|product| {
            let edited = item::edit(product, ctx.today, &opts)?;
            view_of(product, edited)
        })?
    };
    ctx.print(&view)
}

/// Edits the item in `$EDITOR`. The file is not locked while the editor is
/// open, so nobody else is kept waiting; once it closes, the item is written
/// under the lock, unless the same item changed in the file meanwhile.
fn in_editor(ctx: &Ctx, id: &str) -> CmdResult<ItemView> {
    let (path, product) = ctx.load()?;
    let before = product.find_item(id)?.clone();
    let name = format!("{id}.toml");
    let mut text = format!("{HEADER}{}", store::item_to_toml(&before));
    let edited = loop {
        text = super::editor::edit(&text, &name)?;
        let body: String = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        if body.trim().is_empty() {
            return unchanged(&product, id);
        }
        let checked = store::item_from_toml(&text).and_then(|edited| {
            item::check_replacement(&product, &before, &edited).map(|()| edited)
        });
        match checked {
            Ok(item) => break item,
            Err(problem) => {
                let place = problem
                    .line_col
                    .map_or(String::new(), |(l, c)| format!("{name}:{l}:{c}: "));
                if ctx.interactive {
                    eprintln!("error: {place}{problem}");
                    if ctx.confirm("Re-open the editor?", true)? {
                        continue;
                    }
                }
                return Err(CommandError::new(
                    ErrorKind::Invalid,
                    ErrorCode::InvalidItem,
                    format!(
                        "{place}{problem}; nothing was written to {}",
                        path.display()
                    ),
                )
                .with_hint("run `product item edit` again, or edit with flags"));
            }
        }
    };
    if edited == before {
        return unchanged(&product, id);
    }
    let opts = ReplaceItem { before, edited };
    ctx.mutate(|product| {
        let replaced = item::replace(product, ctx.today, &opts).map_err(|e| {
            if e.code != ErrorCode::Conflict {
                return e;
            }
            CommandError::new(
                ErrorKind::Conflict,
                ErrorCode::Conflict,
                format!(
                    "{id} changed on disk while it was open in the editor; nothing was written to {}",
                    path.display()
                ),
            )
            .with_hint(format!("run `product item edit {id}` again on the new version"))
        })?;
        view_of(product, replaced)
    })
}

/// The item after an edit: updated, or unchanged.
fn view_of(product: &Product, edited: ItemChanged) -> CmdResult<ItemView> {
    if !edited.changed {
        return unchanged(product, &edited.id);
    }
    ItemView::new(
        "item_updated",
        Some("updated"),
        product,
        &edited.id,
        edited.warnings,
    )
}

fn unchanged(product: &Product, id: &str) -> CmdResult<ItemView> {
    ItemView::new("item_unchanged", Some("unchanged"), product, id, Vec::new())
}
