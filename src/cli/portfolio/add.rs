//! `product portfolio add`: a product file joins the portfolio.

use std::path::PathBuf;

use serde::Serialize;

use crate::render::{Block, View};
use productfile::ops::portfolio as ops;
use productfile::portfolio::Member;
use productfile::store;

use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};
use super::{listed, manifest_path, shown};

/// Add a product file to the portfolio
///
/// The file is named relative to the manifest. With --rev, the portfolio
/// reads it as it is at that git revision (as `diff --base` does), so a
/// product in another repository can be followed at `origin/main`. The file
/// must read, and its key must be one no other product of the portfolio has.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio add ../payments/product.toml
  product portfolio add ../cards/product.json --rev origin/main")]
pub struct Args {
    /// The product file
    // Its own id: `file` is the global `-f`, which a positional of that
    // name would set, aiming every hint at the product being added.
    #[arg(id = "product_file", value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    file: PathBuf,
    /// Read it at this git revision (a branch, a tag, a commit)
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
}

#[derive(Debug, Serialize)]
struct Added {
    manifest: String,
    path: String,
    rev: Option<String>,
    key: String,
    name: String,
    /// Products whose key could not be compared (their file does not read).
    warnings: Vec<String>,
}

impl View for Added {
    fn kind(&self) -> &'static str {
        "portfolio_add"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Line(format!(
            "Added {} ({}, {}) to {}",
            self.key,
            self.name,
            shown(&self.path, &self.rev),
            self.manifest
        ))];
        blocks.extend(
            self.warnings
                .iter()
                .map(|w| Block::Line(format!("warning: {w}"))),
        );
        blocks
    }
}

pub fn run(ctx: &Ctx, manifest: Option<PathBuf>, args: Args) -> CmdResult<()> {
    let path = manifest_path(ctx, manifest.as_deref())?;
    let member = Member {
        path: store::relative_to_manifest(&path, &args.file)?,
        rev: args.rev.clone(),
    };
    // Read before the manifest is locked: it is the new product's key that
    // has to be distinct, and a file that does not read is refused.
    let loaded = store::load_member(&path, &member)?;
    let key = loaded.product.product.key.clone();
    // The keys there are read with the manifest locked, so that two adds
    // at once cannot both take one key.
    let unread = store::edit_manifest(&path, ctx.lock_wait, |before| {
        let (listed, unread) = listed(&path, before);
        Ok::<_, CommandError>((ops::add(before, member.clone(), &key, &listed)?, unread))
    })?;
    ctx.print(&Added {
        manifest: ctx.shown(&path),
        path: member.path,
        rev: member.rev,
        key,
        name: loaded.product.product.name.clone(),
        warnings: unread
            .iter()
            .map(|u| format!("{u} cannot be read, so its key could not be compared"))
            .collect(),
    })
}
