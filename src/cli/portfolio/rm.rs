//! `product portfolio rm`: a product leaves the portfolio.

use std::path::PathBuf;

use serde::Serialize;

use crate::render::{Block, View};
use productfile::ops::portfolio as ops;
use productfile::store;

use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::{listed, manifest_path, shown};

/// Take a product out of the portfolio (its file is left alone)
///
/// Names the product by its key, or by its path in the manifest (for a
/// product whose file cannot be read).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio rm PAY
  product portfolio rm ../old/product.toml")]
pub struct Args {
    /// The product's key (PAY), or its path as the manifest gives it
    key: String,
}

#[derive(Debug, Serialize)]
struct Removed {
    manifest: String,
    /// The product's key, when its file reads.
    key: Option<String>,
    path: String,
    rev: Option<String>,
}

impl View for Removed {
    fn kind(&self) -> &'static str {
        "portfolio_rm"
    }

    fn blocks(&self) -> Vec<Block> {
        let shown = shown(&self.path, &self.rev);
        vec![Block::Line(match &self.key {
            Some(key) => format!("Took {key} ({shown}) out of {}", self.manifest),
            None => format!("Took {shown} out of {}", self.manifest),
        })]
    }
}

pub fn run(ctx: &Ctx, manifest: Option<PathBuf>, args: Args) -> CmdResult<()> {
    let path = manifest_path(ctx, manifest.as_deref())?;
    let (removed, key) = store::edit_manifest(&path, ctx.lock_wait, |before| {
        let listed = listed(&path, before).0;
        let (after, removed) = ops::remove(before, &args.key, &listed)?;
        let key = listed
            .iter()
            .find(|l| l.member == removed)
            .and_then(|l| l.key.clone());
        Ok::<_, productfile::Error>((after, (removed, key)))
    })?;
    ctx.print(&Removed {
        manifest: ctx.shown(&path),
        key,
        path: removed.path,
        rev: removed.rev,
    })
}
