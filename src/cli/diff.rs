//! `product diff`: what changed between two versions of a product file, and
//! what each change decides.

use std::path::PathBuf;

use serde::Serialize;

use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::diff::{self, Change, What};
use productfile::model::Product;
use productfile::rights::DecisionKind;
use productfile::store;

use super::context::Ctx;
use super::error::{CmdResult, CommandError};
use crate::render::numbers::plural;

/// Show what changed between two versions of a product file, and what each change decides
///
/// Compares two files, or the product file with itself at a git revision
/// (read with `git show`). Items, objectives, key results, KPIs, roadmap
/// entries, people and stakeholders are matched by id or name, so a
/// reorder shows as moves, and moving one item is one move. Each change
/// carries its decision kind (prioritisation, scope, refinement, goals,
/// metrics, launch, vision, rights) or none (a check-in, a reading).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product diff old.toml product.toml
  product diff --base HEAD~1
  product diff --base origin/main --format markdown > comment.md
  product diff --base origin/main --exit-code --json")]
pub struct Args {
    /// The old version, then the new one (with --base: the file, if not the usual one)
    #[arg(value_name = "FILE", num_args = 0..=2, value_hint = clap::ValueHint::FilePath)]
    files: Vec<PathBuf>,
    /// Compare with the file as it was at this git revision
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// Exit with 1 when there is a difference
    #[arg(long)]
    exit_code: bool,
}

#[derive(Debug, Serialize)]
struct DiffView {
    old: String,
    new: String,
    /// The decision kinds the changes carry, each once.
    kinds: Vec<DecisionKind>,
    changes: Vec<Change>,
}

impl View for DiffView {
    fn kind(&self) -> &'static str {
        "diff"
    }

    /// A change with no decision kind has an empty Kind; a move gives
    /// the old and new places as numbers.
    fn csv(&self) -> Csv {
        Csv::Table {
            header: ["Kind", "Section", "ID", "Change", "Old", "New"]
                .map(String::from)
                .to_vec(),
            rows: self
                .changes
                .iter()
                .map(|c| {
                    let (change, old, new) = match &c.what {
                        What::Added => ("added".to_owned(), String::new(), String::new()),
                        What::Removed => ("removed".to_owned(), String::new(), String::new()),
                        What::Moved { from, to } => {
                            ("moved".to_owned(), from.to_string(), to.to_string())
                        }
                        What::Changed { field, old, new } => {
                            (field.clone(), value(old), value(new))
                        }
                    };
                    vec![
                        c.kind.map_or(String::new(), |k| k.name().to_owned()),
                        c.section.clone(),
                        c.id.clone(),
                        change,
                        old,
                        new,
                    ]
                })
                .collect(),
        }
    }

    fn blocks(&self) -> Vec<Block> {
        if self.changes.is_empty() {
            return vec![Block::Line(format!(
                "No changes between {} and {}.",
                self.old, self.new
            ))];
        }
        let kinds = if self.kinds.is_empty() {
            "no decisions".to_owned()
        } else {
            let names: Vec<&str> = self.kinds.iter().map(|k| k.name()).collect();
            format!("decisions: {}", names.join(", "))
        };
        vec![
            Block::Heading(format!("Changes from {} to {}", self.old, self.new)),
            Block::Table(TableBlock {
                header: ["Kind", "Section", "ID", "Change", "Old", "New"]
                    .map(String::from)
                    .to_vec(),
                rows: self.changes.iter().map(row).collect(),
            }),
            Block::Line(format!("{}; {kinds}", plural(self.changes.len(), "change"))),
        ]
    }
}

fn row(c: &Change) -> Vec<Cell> {
    let kind = match c.kind {
        Some(k) => Cell::new(k.name(), Tone::Strong),
        None => Cell::new("-", Tone::Dim),
    };
    let (change, old, new) = match &c.what {
        What::Added => ("added".to_owned(), String::new(), String::new()),
        What::Removed => ("removed".to_owned(), String::new(), String::new()),
        What::Moved { from, to } => ("moved".to_owned(), format!("#{from}"), format!("#{to}")),
        What::Changed { field, old, new } => (field.clone(), value(old), value(new)),
    };
    vec![
        kind,
        c.section.as_str().into(),
        c.id.as_str().into(),
        change.into(),
        old.into(),
        new.into(),
    ]
}

fn value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The two products to compare, with the names to show them by.
fn sides(ctx: &Ctx, args: &Args) -> CmdResult<((String, Product), (String, Product))> {
    match (&args.base, args.files.as_slice()) {
        (Some(rev), files) if files.len() <= 1 => {
            let path = match files.first() {
                Some(f) => f.clone(),
                None => ctx.product_path()?,
            };
            let new = store::load(&path)?;
            let shown = ctx.shown(&path);
            // The file as it was at REV, under the name it had then (renamed,
            // moved, or converted between TOML and JSON), as `check --base`
            // finds it. Not in git at the base: the change adds the whole product.
            let (old_name, old) = match store::find_at_revision(&path, rev)? {
                Some(at) if at.found_as != store::FoundAs::Same => (at.shown(), at.product),
                Some(at) => (format!("{rev}:{shown}"), at.product),
                None => (
                    format!("{rev}:{shown}"),
                    Product::new(new.product.name.clone(), new.product.key.clone()),
                ),
            };
            Ok(((old_name, old), (shown, new)))
        }
        (None, [old, new]) => Ok((
            (ctx.shown(old), store::load(old)?),
            (ctx.shown(new), store::load(new)?),
        )),
        _ => Err(CommandError::usage(
            "give two files to compare, or --base REV with at most one file",
        )
        .with_hint("e.g. `product diff old.toml product.toml` or `product diff --base HEAD~1`")),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let ((old_name, old), (new_name, new)) = sides(ctx, &args)?;
    let changes = diff::diff(&old, &new);
    let view = DiffView {
        old: old_name,
        new: new_name,
        kinds: diff::kinds(&changes),
        changes,
    };
    ctx.print(&view)?;
    if args.exit_code && !view.changes.is_empty() {
        return Err(CommandError::found(format!(
            "{} changes",
            view.changes.len()
        )));
    }
    Ok(())
}
