//! `product init`: writes a commented starter file.

use serde::Serialize;

use crate::cli::choice::choice;
use crate::render::{Block, OutputFormat, View};
use productfile::ops::init::{self, Init, Template};
use productfile::store::{self, Format};

use super::context::Ctx;
use super::error::CmdResult;

/// Create a new product file with a commented starter layout
///
/// Writes product.toml in the current folder, or the file given with --file
/// (its extension picks TOML or JSON). With --json and no --file, it writes
/// product.json and prints JSON. An existing file is kept unless --force.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product init --name \"Prescription payments\" --key RX --owner \"Priya Shah\"
  product init --json                  # product.json instead of product.toml
  product init --name \"Renew a licence\" --template govuk
  product init --schema product.schema.json   # after `product schema > product.schema.json`
  product -f ~/work/payments.toml init --name Payments --force")]
pub struct Args {
    /// The product's name [default: the folder's name]
    #[arg(long)]
    name: Option<String>,
    /// The prefix of backlog item ids, e.g. RX for RX-1 [default: the name's initials]
    #[arg(long)]
    key: Option<String>,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
    /// What to start with
    #[arg(long, value_parser = choice::<Template>(), default_value = "basic")]
    template: Template,
    /// The product owner, named in [[people]] [default: --as, $PRODUCT_AS, else git's user.name]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Point editors at this JSON Schema: a `#:schema` first line in TOML, a "$schema" key in JSON
    #[arg(long, value_name = "PATH")]
    schema: Option<String>,
}

#[derive(Debug, Serialize)]
struct Created {
    file: String,
    format: &'static str,
    name: String,
    key: String,
    owner: Option<String>,
    template: &'static str,
    /// The KPIs the template added.
    kpis: Vec<String>,
    #[serde(skip)]
    next_command: String,
}

impl View for Created {
    fn kind(&self) -> &'static str {
        "init"
    }

    fn blocks(&self) -> Vec<Block> {
        let owner = self
            .owner
            .as_deref()
            .map_or(String::new(), |o| format!(", owned by {o}"));
        let mut blocks = vec![Block::Line(format!(
            "Created {} for {} (items {}-1, {}-2, ...{owner})",
            self.file, self.name, self.key, self.key
        ))];
        if !self.kpis.is_empty() {
            blocks.push(Block::Line(format!(
                "With the {} template's KPIs: {}",
                self.template,
                self.kpis.join(", ")
            )));
        }
        blocks.push(Block::Line(format!(
            "Next: {} item add \"A first backlog item\"",
            self.next_command
        )));
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let path = match &ctx.file {
        Some(path) => path.clone(),
        // With --json (and no --file) the new file is JSON too: a script that
        // speaks JSON gets a file it can read without a TOML parser.
        None => ctx.cwd.join(if ctx.format == OutputFormat::Json {
            "product.json"
        } else {
            "product.toml"
        }),
    };
    let owner = args
        .owner
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty())
        .or_else(|| ctx.actor_name());
    let opts = Init {
        name: args.name.unwrap_or_else(|| folder_name(&ctx.cwd)),
        key: args.key,
        owner,
        template: args.template,
        schema: args.schema,
    };
    let format = Format::of(&path);
    let starter = init::starter(&opts, format)?;
    if args.force
        && let Ok(old) = store::load(&path)
    {
        init::may_replace(&old, &starter.product, &ctx.actor())?;
    }
    store::create(&path, &starter.text, args.force, ctx.lock_wait)?;
    let product = starter.product;
    ctx.print(&Created {
        file: ctx.shown(&path),
        format: if format == Format::Json {
            "json"
        } else {
            "toml"
        },
        name: product.product.name.clone(),
        key: product.product.key.clone(),
        owner: product.product.owner.clone(),
        template: args.template.name(),
        kpis: product
            .kpis
            .iter()
            .map(|k| format!("{} {}", k.id, k.name))
            .collect(),
        next_command: match &ctx.file {
            Some(_) => format!("product -f {}", ctx.shown(&path)),
            None => "product".into(),
        },
    })
}

fn folder_name(cwd: &std::path::Path) -> String {
    cwd.file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or("My product")
        .to_owned()
}
