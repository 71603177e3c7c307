//! `product item edit`: change an item with flags, or in `$EDITOR`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::choice::choice;
use crate::render::visible::say;
use productfile::model::{Date, Item, Product, Status};
use productfile::ops::item::{self, EditItem, ItemChanged, ReplaceItem};
use productfile::store;

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};
use super::args::{FieldArgs, ScoreArgs};
use super::view::ItemView;

/// Change an item: with flags, or with none in $EDITOR
///
/// With no flags, the item opens in $EDITOR (then $VISUAL, then vi) as TOML;
/// this needs a terminal (without one, use the flags). On save it is
/// checked; if it is not valid you can re-open it, and if you do not,
/// nothing is written. If the edit cannot be written (the item changed in
/// the file meanwhile, or the change is refused), your text is kept beside
/// the product file, as PRODUCT-FILE.ID.edit.toml, for --from.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item edit RX-3 --title \"Pay by card or Apple Pay\"
  product item edit RX-3 --tag payments --untag later --mvp
  product item edit RX-3 --size 8 --moscow should
  product item edit RX-3 --kr O1.KR2 --unlink-kr O1.KR1
  product item edit RX-3 --roadmap R2 --depends-on RX-5 --unlink-depends-on RX-4
  product item edit RX-3 --need N2 --unlink-need N1
  product item edit RX-3 --acceptance \"Given an expired card, when I pay, then I am told why\"
  product item edit RX-3 --status ready --pin --due 2027-03-01
  product item edit RX-3 --unpin --no-due
  product item edit RX-3                # opens $EDITOR
  product item edit RX-3 --from product.toml.RX-3.edit.toml")]
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
    /// Remove a link to a user need (repeatable)
    #[arg(long = "unlink-need", value_name = "N1", add = candidates::needs())]
    unlink_needs: Vec<String>,
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
    /// Replace the item as a whole with the TOML in FILE, checked as an edit
    /// in $EDITOR is: an edit kept after a conflict (it is then deleted), or
    /// a file of your own (it is left)
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    from: Option<PathBuf>,
}

const HEADER: &str = "# Edit the item, save and close. Delete everything to cancel.\n";

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = EditItem {
        id: args.id,
        title: args.title,
        untag: args.untag,
        unlink_key_results: args.unlink_kr,
        unlink_depends_on: args.unlink_depends_on,
        unlink_needs: args.unlink_needs,
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
    let view = if let Some(from) = args.from {
        if !opts.is_empty() {
            return Err(CommandError::usage(
                "--from replaces the whole item, so it takes no field flags",
            )
            .with_hint(format!(
                "run `product item edit {} --from {}` first, then the flags",
                opts.id,
                from.display()
            )));
        }
        from_file(ctx, &opts.id, &from)?
    } else if opts.is_empty() {
        if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
            return Err(CommandError::usage(format!(
                "`item edit {}` with no field flags opens $EDITOR, and there is no terminal \
                 (stdin or stdout is not one)",
                opts.id
            ))
            .with_hint(format!(
                "change fields with flags, e.g. `product item edit {} --title TITLE` (also \
                 --status, --size, --tag, --acceptance, ...; see `product item edit --help`), \
                 or replace the whole item with `--from FILE`",
                opts.id
            )));
        }
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
                    say(&format!("error: {place}{problem}"));
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
    // What changed in the file meanwhile, for the message if it did.
    let mut meanwhile = Vec::new();
    let opts = ReplaceItem {
        before: before.clone(),
        edited,
    };
    let written = ctx.mutate(|product| {
        if let Ok(now) = product.find_item(id) {
            meanwhile = changes(&before, now);
        }
        let replaced = item::replace(product, ctx.today, &opts)?;
        view_of(product, replaced)
    });
    written.map_err(|e| keep(&path, id, &text, &meanwhile, e))
}

/// The edit could not be written: keeps the user's text beside the file
/// and says how to apply it, so that no typing is lost.
fn keep(path: &Path, id: &str, text: &str, meanwhile: &[String], e: CommandError) -> CommandError {
    let edit = text.strip_prefix(HEADER).unwrap_or(text);
    let undone: String = meanwhile.iter().map(|c| format!("#   {c}\n")).collect();
    let undone = if undone.is_empty() {
        undone
    } else {
        format!(
            "# Changed in the file meanwhile (applying this undoes it unless you copy it in):\n{undone}"
        )
    };
    let kept_text = |kept: &Path| {
        format!(
            "# Your edit of {id}, kept because it could not be written to {}.\n\
             # Apply it (it replaces {id} as a whole) with:\n\
             #   product item edit {id} --from {}\n{undone}{edit}",
            path.display(),
            shell_word(kept)
        )
    };
    let kept = match store::keep_edit(path, id, kept_text) {
        Ok(kept) => kept,
        Err(keeping) => {
            let mut e = e;
            e.message
                .push_str(&format!("; your text could not be kept either ({keeping})"));
            return e;
        }
    };
    let apply = format!("product item edit {id} --from {}", shell_word(&kept));
    // The item itself changed meanwhile (not the file's bytes mid-write).
    if e.code == ErrorCode::Conflict && !meanwhile.is_empty() {
        let what = format!(" ({})", meanwhile.join("; "));
        return CommandError::new(
            ErrorKind::Conflict,
            ErrorCode::Conflict,
            format!(
                "{id} changed on disk while it was open in the editor{what}; nothing was written \
                 to {}; your text is kept in {}",
                path.display(),
                kept.display()
            ),
        )
        .with_hint(format!(
            "to apply your text to {id} as it is now (your version of every field wins), run \
             `{apply}`; to keep the change made meanwhile, edit {} first",
            kept.display()
        ));
    }
    let hint = match &e.hint {
        Some(hint) => format!("{hint}; then apply your text with `{apply}`"),
        None => format!("apply your text with `{apply}`"),
    };
    let mut e = e;
    e.message
        .push_str(&format!("; your text is kept in {}", kept.display()));
    e.with_hint(hint)
}

/// Replaces the item with the one in `from`, checked as an edit in the
/// editor is, against the item as it is now (read under the lock). A file
/// the editor flow kept is deleted once applied.
fn from_file(ctx: &Ctx, id: &str, from: &Path) -> CmdResult<ItemView> {
    let path = ctx.product_path()?;
    let text = store::read_text(from).map_err(|e| {
        let e = CommandError::from(e);
        if e.code == ErrorCode::FileMissing {
            e.with_hint("give the path of the item's TOML, such as the file `item edit` kept")
        } else {
            e
        }
    })?;
    let invalid = |place: String, message: String| {
        CommandError::new(
            ErrorKind::Invalid,
            ErrorCode::InvalidItem,
            format!(
                "{}{place}: {message}; nothing was written to {}",
                from.display(),
                path.display()
            ),
        )
        .with_hint(format!("fix {} and run the command again", from.display()))
    };
    let edited = store::item_from_toml(&text).map_err(|problem| match problem.line_col {
        Some((l, c)) => invalid(format!(":{l}:{c}"), problem.to_string()),
        None => invalid(String::new(), problem.to_string()),
    })?;
    let view = ctx.mutate(|product| {
        let before = product.find_item(id)?.clone();
        if edited == before {
            return unchanged(product, id);
        }
        let replace = ReplaceItem { before, edited };
        let replaced = item::replace(product, ctx.today, &replace).map_err(|e| {
            if e.code == ErrorCode::InvalidItem {
                invalid(String::new(), e.message)
            } else {
                e
            }
        })?;
        view_of(product, replaced)
    })?;
    if store::is_kept_edit(&path, id, from) {
        store::remove_kept_edit(from)?;
    }
    Ok(view)
}

/// The fields of an item that differ between two versions of it:
/// `RX-3 title: Pay -> Pay by card`.
fn changes(before: &Item, now: &Item) -> Vec<String> {
    let value = |item: &Item| serde_json::to_value(item).unwrap_or_default();
    productfile::diff::field_changes("items", &before.id, &value(before), &value(now))
        .iter()
        .map(|c| c.summary())
        .collect()
}

/// A path as one word of a shell command.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./+=:@".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
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
