//! `product item edit`: change an item with flags, or in `$EDITOR`.

use productfile::model::{Item, Product};
use productfile::store::{self, Problem};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};
use super::fields::{FieldArgs, check_no_cycle, link_warnings};
use super::scores::ScoreArgs;
use super::view::ItemDetail;

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
    #[command(flatten)]
    fields: FieldArgs,
    #[command(flatten)]
    scores: ScoreArgs,
}

const HEADER: &str = "# Edit the item, save and close. Delete everything to cancel.\n";

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let id = args.id.clone();
    let with_flags = args.title.is_some()
        || !args.untag.is_empty()
        || !args.unlink_kr.is_empty()
        || !args.unlink_depends_on.is_empty()
        || args.fields.any()
        || args.scores.any();
    let view = if with_flags {
        ctx.mutate(|product| {
            let scale = product.scoring.scale();
            args.fields.check_links(product, Some(&id))?;
            let item = super::find_mut(product, &id)?;
            let before = item.clone();
            if let Some(title) = args.title {
                let title = title.trim().to_owned();
                if title.is_empty() {
                    return Err(CommandError::usage("--title is empty"));
                }
                item.title = title;
            }
            item.tags.retain(|t| !args.untag.contains(t));
            item.key_results.retain(|k| !args.unlink_kr.contains(k));
            item.depends_on
                .retain(|d| !args.unlink_depends_on.contains(d));
            args.fields.apply(item)?;
            args.scores.apply(item, scale)?;
            check_no_cycle(product, &id, &before.depends_on)?;
            let mut view = finish(product, &id, before, ctx);
            if view.kind == "item_updated" {
                view.warnings = link_warnings(product, &view.item);
            }
            Ok(view)
        })?
    } else {
        in_editor(ctx, &id)?
    };
    ctx.print(&view)
}

/// Edits the item in `$EDITOR`. The file is not locked while the editor is
/// open, so nobody else is kept waiting; once it closes, the item is written
/// under the lock, unless the same item changed in the file meanwhile.
fn in_editor(ctx: &Ctx, id: &str) -> CmdResult<ItemDetail> {
    let (path, product) = ctx.load()?;
    let before = super::find(&product, id)?.clone();
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
            return Ok(unchanged(&product, id));
        }
        match read_back(&text, id).and_then(|item| linked_to_known(item, &before, &product)) {
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
        return Ok(unchanged(&product, id));
    }
    ctx.mutate(|product| {
        let item = super::find_mut(product, id)?;
        if *item != before {
            return Err(CommandError::new(
                ErrorKind::Conflict,
                ErrorCode::Conflict,
                format!(
                    "{id} changed on disk while it was open in the editor; nothing was written to {}",
                    path.display()
                ),
            )
            .with_hint(format!("run `product item edit {id}` again on the new version")));
        }
        *item = edited;
        check_no_cycle(product, id, &before.depends_on)?;
        Ok(finish(product, id, before, ctx))
    })
}

/// Reads the edited item; its id must stay the same.
fn read_back(text: &str, id: &str) -> Result<Item, Problem> {
    let item = store::item_from_toml(text)?;
    if item.id != id {
        return Err(Problem {
            line_col: None,
            path: "id".into(),
            message: format!(
                "the id cannot change (was {id}, now {}); add a new item instead",
                item.id
            ),
        });
    }
    Ok(item)
}

/// Refuses links the edit added to key results, roadmap entries, items or
/// measures the product does not have;
/// links that were there before are left for `product check` to report.
fn linked_to_known(item: Item, before: &Item, product: &Product) -> Result<Item, Problem> {
    let new = |now: &[String], was: &[String]| -> Vec<String> {
        now.iter().filter(|k| !was.contains(k)).cloned().collect()
    };
    let links = FieldArgs {
        key_results: new(&item.key_results, &before.key_results),
        depends_on: new(&item.depends_on, &before.depends_on),
        roadmap: item
            .roadmap
            .clone()
            .filter(|r| before.roadmap.as_ref() != Some(r)),
        measure: measure(&item).filter(|m| measure(before).as_ref() != Some(m)),
        ..FieldArgs::default()
    };
    match links.check_links(product, Some(&item.id)) {
        Ok(()) => Ok(item),
        Err(e) => Err(Problem {
            line_col: None,
            path: String::new(),
            message: match e.hint {
                Some(hint) => format!("{} ({hint})", e.message),
                None => e.message,
            },
        }),
    }
}

fn measure(item: &Item) -> Option<String> {
    item.experiment.as_ref().and_then(|e| e.measure.clone())
}

/// Dates the change, or reports that there was none.
fn finish(product: &mut Product, id: &str, before: Item, ctx: &Ctx) -> ItemDetail {
    let item = product.item_mut(id).expect("edited above");
    if *item == before {
        return unchanged(product, id);
    }
    item.updated = Some(ctx.today);
    ItemDetail::new("item_updated", Some("updated"), product, id).expect("edited above")
}

fn unchanged(product: &Product, id: &str) -> ItemDetail {
    ItemDetail::new("item_unchanged", Some("unchanged"), product, id).expect("found above")
}
