//! `product portfolio init`: a new manifest, with its first products.

use std::path::PathBuf;

use serde::Serialize;

use crate::render::{Block, View};
use productfile::ops::portfolio::{self as ops, Listed};
use productfile::portfolio::{MANIFEST_NAMES, Member};
use productfile::store;

use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Create a portfolio manifest listing product files
///
/// Writes portfolio.toml here (or the --manifest path; .json writes JSON),
/// with each FILE as a product, named relative to the manifest. Each file
/// must read, and keys must be distinct across the portfolio.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio init \"Payments\" ../payments/product.toml ../cards/product.toml
  product portfolio --manifest portfolio.json init \"Payments\"")]
pub struct Args {
    /// The portfolio's name
    name: String,
    /// Product files to list (more with `product portfolio add`)
    #[arg(value_hint = clap::ValueHint::FilePath)]
    files: Vec<PathBuf>,
    /// Overwrite a manifest that is already there
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Serialize)]
struct Created {
    manifest: String,
    name: String,
    products: Vec<Added>,
}

#[derive(Debug, Serialize)]
struct Added {
    path: String,
    key: String,
}

impl View for Created {
    fn kind(&self) -> &'static str {
        "portfolio_init"
    }

    fn blocks(&self) -> Vec<Block> {
        vec![Block::Line(format!(
            "Created {} ({}) with {} product{}{}",
            self.manifest,
            self.name,
            self.products.len(),
            if self.products.len() == 1 { "" } else { "s" },
            if self.products.is_empty() {
                ": add them with `product portfolio add FILE`".to_owned()
            } else {
                format!(
                    ": {}",
                    self.products
                        .iter()
                        .map(|p| format!("{} ({})", p.key, p.path))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ))]
    }
}

pub fn run(ctx: &Ctx, manifest: Option<PathBuf>, args: Args) -> CmdResult<()> {
    let path = manifest.unwrap_or_else(|| PathBuf::from(MANIFEST_NAMES[0]));
    let mut built = ops::init(&args.name)?;
    let mut listed: Vec<Listed> = Vec::new();
    let mut products = Vec::new();
    for file in &args.files {
        let member = Member {
            path: store::relative_to_manifest(&path, file)?,
            rev: None,
        };
        let loaded = store::load_member(&path, &member)?;
        let key = loaded.product.product.key.clone();
        built = ops::add(&built, member.clone(), &key, &listed)?;
        listed.push(Listed {
            member: member.clone(),
            key: Some(key.clone()),
        });
        products.push(Added {
            path: member.path,
            key,
        });
    }
    store::create_manifest(&path, &built, args.force, ctx.lock_wait)?;
    ctx.print(&Created {
        manifest: ctx.shown(&path),
        name: built.name,
        products,
    })
}
