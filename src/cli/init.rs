//! `product init`: writes a commented starter file.

use serde::Serialize;

use crate::cli::choice::choice;
use crate::render::{Block, OutputFormat, View};
use productfile::model::DecisionKind;
use productfile::ops::init::{self, Init, Replaced, Template};
use productfile::store::{self, Format, GitScope, StoreError};

use super::context::{Ctx, stdout_is_terminal};
use super::error::CmdResult;

/// Create a new product file with a commented starter layout
///
/// Writes product.toml in the current folder, or the file given with --file
/// (its extension picks TOML or JSON). With --json and no --file, it writes
/// product.json and prints JSON. An existing file is kept unless --force.
///
/// With --git, it also sets git up to merge the file with `product merge`,
/// as `product git setup` does (outside a git repository it writes nothing
/// and exits 2).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product init --name \"Prescription payments\" --key RX --owner \"Priya Shah\"
  product init --git                   # and set git up to merge it (product git setup)
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
    /// Replace the file if it exists (as a change of everything: the file's decision rights decide)
    #[arg(long)]
    force: bool,
    /// With --force: replace a file that does not read as a product file (judged by the rules of its last committed version in git)
    #[arg(long, requires = "force")]
    discard_invalid: bool,
    /// What to start with
    #[arg(long, value_parser = choice::<Template>(), default_value = "basic")]
    template: Template,
    /// The product owner, named in [[people]] [default: --as, $PRODUCT_AS, else git's user.name]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Point editors at this JSON Schema: a `#:schema` first line in TOML, a "$schema" key in JSON
    #[arg(long, value_name = "PATH")]
    schema: Option<String>,
    /// Also set git up to merge the file with `product merge`, as `product git setup` does
    #[arg(long)]
    git: bool,
}

/// What `--git` did.
#[derive(Debug, Serialize)]
struct GitDone {
    attributes_file: String,
    attributes_added: Vec<String>,
    /// Whether anything changed: `false` when git was already set up.
    changed: bool,
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
    /// With --git: what setting git up did; null without it.
    git: Option<GitDone>,
    /// With --force: what it replaced: `none`, `valid` or `invalid`.
    replaced: &'static str,
    /// With --discard-invalid: the revision whose rules judged the
    /// replacement (`HEAD`), or null when git had no committed version.
    checked_at: Option<String>,
    /// The command to run next (adding a first item), with the agreement
    /// it will need under the new file's rules (none, with a lone owner).
    next: String,
    #[serde(skip)]
    next_command: String,
    /// In a git repository that does not route the file to the merge
    /// driver, on a terminal: `product git setup` is worth a mention.
    #[serde(skip)]
    suggest_git_setup: bool,
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
        if self.replaced == "invalid" {
            blocks.push(Block::Line(match &self.checked_at {
                Some(rev) => format!(
                    "Replaced a file that did not read, as the rights of its version at {rev} allow"
                ),
                None => "Replaced a file that did not read (not committed in git, so no rules to judge it by)".to_owned(),
            }));
        }
        if !self.kpis.is_empty() {
            blocks.push(Block::Line(format!(
                "With the {} template's KPIs: {}",
                self.template,
                self.kpis.join(", ")
            )));
        }
        if let Some(git) = &self.git {
            blocks.push(Block::Line(if git.changed {
                format!(
                    "Set git up to merge it with `product merge` (merge.product in the repository's git config; {} routes product files to it): commit {}",
                    git.attributes_file, git.attributes_file
                )
            } else {
                "git was already set up to merge it with `product merge`".to_owned()
            }));
        }
        blocks.push(Block::Line(format!("Next: {}", self.next)));
        if self.suggest_git_setup {
            blocks.push(Block::Line(format!(
                "So that git merges it item by item: {} git setup",
                self.next_command
            )));
        }
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
    // Where git is asked about the repository: the new file's folder.
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => ctx.cwd.join(p),
        _ => ctx.cwd.clone(),
    };
    // (A folder that does not exist is left for the write to report.)
    if args.git && folder.is_dir() && store::repository_top(&folder)?.is_none() {
        // Refused before anything is written.
        return Err(StoreError::NotInGit { dir: folder }.into());
    }
    let replaced = if args.force {
        init::authorise_replacement(&path, &starter.product, &ctx.actor(), args.discard_invalid)?
    } else {
        Replaced::Nothing
    };
    store::create(&path, &starter.text, args.force, ctx.lock_wait)?;
    let git = if args.git {
        let names = store::names_to_route(&path);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let done = store::git_setup(&folder, &names, GitScope::Local)?;
        Some(GitDone {
            attributes_file: ctx.shown(&done.attributes_file),
            attributes_added: done.attributes_added,
            changed: done.changed,
        })
    } else {
        None
    };
    // Reading a few small files: only where someone will see the line.
    let suggest_git_setup = git.is_none()
        && ctx.format == OutputFormat::Table
        && !ctx.quiet
        && stdout_is_terminal()
        && store::attributes_of(&path).is_some_and(|repo| {
            !productfile::gitattributes::routes_to_product(&repo.files, &repo.path)
        });
    let product = starter.product;
    let next_command = match &ctx.file {
        Some(_) => format!("product -f {}", ctx.shown(&path)),
        None => "product".into(),
    };
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
        git,
        replaced: match replaced {
            Replaced::Nothing => "none",
            Replaced::Valid => "valid",
            Replaced::Invalid { .. } => "invalid",
        },
        checked_at: match replaced {
            Replaced::Invalid { checked_at, .. } => checked_at,
            _ => None,
        },
        next: productfile::ops::with_agreement(
            &product,
            &[DecisionKind::Scope],
            product.product.owner.as_deref(),
            &format!("{next_command} item add \"A first backlog item\""),
        ),
        next_command,
        suggest_git_setup,
    })
}

fn folder_name(cwd: &std::path::Path) -> String {
    cwd.file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or("My product")
        .to_owned()
}
