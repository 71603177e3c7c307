//! `product git`: sets git up to merge product files with `product merge`
//! (`setup`), and says whether it is (`status`).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::store::{self, ConfigSetting, GitScope};

use super::context::Ctx;
use super::error::CmdResult;

/// Set git up to merge product files with `product merge`, or see whether it is
///
/// git merges text line by line: two branches that each add an item at the
/// end of the backlog conflict, and a merge can leave a file that no longer
/// reads. `product merge` merges product files item by item instead. git
/// runs it once it is configured as a merge driver and `.gitattributes`
/// routes product files to it; `product git setup` does both.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product git setup
  product git setup --global
  product git status
  product git status --json")]
pub struct Args {
    #[command(subcommand)]
    command: GitCommand,
}

#[derive(Debug, Subcommand)]
enum GitCommand {
    Setup(SetupArgs),
    Status(StatusArgs),
}

/// Configure the merge driver and route product files to it
///
/// Writes `merge.product.name` and `merge.product.driver` (`product merge %O
/// %A %B --marker-size %L --path %P`) into the repository's git config, and
/// adds `product.toml merge=product` and `product.json merge=product` to the
/// top-level `.gitattributes` (and the product file's own name, when it has
/// another). Those patterns match at any depth. Everything else in
/// `.gitattributes` is kept; running it again changes nothing.
///
/// Commit `.gitattributes`, so that every clone routes product files to the
/// driver. git config is not committed: each clone needs the driver once
/// (`product git setup` there, or `--global` once per machine); without it,
/// git merges the files line by line as before.
///
/// With --global: your global git config, and your global attributes file
/// (`core.attributesFile`, else `$XDG_CONFIG_HOME/git/attributes` or
/// `~/.config/git/attributes`), for every repository. Outside a git
/// repository, setup without --global exits 2.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product git setup
  product git setup --global
  product -f plans/roadmap.toml git setup   # routes roadmap.toml too")]
pub struct SetupArgs {
    /// Set up git for all your repositories: your global git config and attributes file
    #[arg(long)]
    global: bool,
}

/// Say whether git merges the product file with `product merge`
///
/// Whether the merge driver is configured (and in which git config: local,
/// global, ...) and whether the file's `merge` attribute routes it to the
/// driver, as `git check-attr` works it out from every attributes file.
/// Exits 0 either way; `--json` gives `driver_configured`, `routed` and
/// `ready`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product git status
  product git status --json | jq .ready")]
pub struct StatusArgs {}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        GitCommand::Setup(a) => setup(ctx, a),
        GitCommand::Status(_) => status(ctx),
    }
}

/// The product file: the one named (whether or not it exists yet), else
/// the one found, else `product.toml` here.
fn product_file(ctx: &Ctx) -> PathBuf {
    match &ctx.file {
        Some(file) => ctx.cwd.join(file),
        None => store::discover(None, &ctx.cwd).unwrap_or_else(|_| ctx.cwd.join("product.toml")),
    }
}

/// The folder to find the repository from: the product file's, if it exists.
fn folder(ctx: &Ctx, file: &Path) -> PathBuf {
    file.parent()
        .filter(|p| p.is_dir())
        .map_or_else(|| ctx.cwd.clone(), Path::to_path_buf)
}

#[derive(Debug, Serialize)]
struct SetupView {
    scope: GitScope,
    /// The top of the work tree, for a local setup.
    repository: Option<String>,
    config: Vec<ConfigSetting>,
    attributes_file: String,
    /// The file names routed to the driver.
    names: Vec<String>,
    attributes_added: Vec<String>,
    changed: bool,
}

impl View for SetupView {
    fn kind(&self) -> &'static str {
        "git_setup"
    }

    fn blocks(&self) -> Vec<Block> {
        let where_config = match self.scope {
            GitScope::Local => "the repository's git config",
            GitScope::Global => "your global git config",
        };
        let names = match self.names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => self.names.join(""),
        };
        if !self.changed {
            return vec![Block::Line(format!(
                "Already set up: git merges {names} with `product merge` ({where_config}, {})",
                self.attributes_file
            ))];
        }
        let mut lines = Vec::new();
        for c in self.config.iter().filter(|c| c.changed) {
            let was = c
                .previous
                .as_deref()
                .map_or(String::new(), |p| format!(" (was: {p})"));
            lines.push(format!("Set {} in {where_config}: {}{was}", c.key, c.value));
        }
        if self.attributes_added.is_empty() {
            lines.push(format!("{} already routes {names}", self.attributes_file));
        } else {
            lines.push(format!(
                "Added to {}: {}",
                self.attributes_file,
                self.attributes_added.join(", ")
            ));
        }
        if self.scope == GitScope::Local {
            lines.push(format!(
                "Next: commit {}; in each other clone, run `product git setup` (or `product git setup --global` once)",
                self.attributes_file
            ));
        }
        lines.into_iter().map(Block::Line).collect()
    }
}

fn setup(ctx: &Ctx, args: SetupArgs) -> CmdResult<()> {
    let file = product_file(ctx);
    let names = store::names_to_route(&file);
    let scope = if args.global {
        GitScope::Global
    } else {
        GitScope::Local
    };
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let done = store::git_setup(&folder(ctx, &file), &name_refs, scope)?;
    ctx.print(&SetupView {
        scope: done.scope,
        repository: done.repository.as_deref().map(|r| r.display().to_string()),
        config: done.config,
        attributes_file: ctx.shown(&done.attributes_file),
        names,
        attributes_added: done.attributes_added,
        changed: done.changed,
    })
}

#[derive(Debug, Serialize)]
struct StatusView {
    file: String,
    /// The top of the work tree; null outside git.
    repository: Option<String>,
    driver_configured: bool,
    /// `local`, `global`, `system`, ...: where the driver is configured.
    driver_scope: Option<String>,
    driver: Option<String>,
    /// Whether the driver is the command `product git setup` writes.
    driver_current: bool,
    /// The file's `merge` attribute as git reads it: `product`,
    /// `unspecified`, `unset`, `set` or another driver; null outside git.
    merge_attribute: Option<String>,
    routed: bool,
    /// Both: git will merge the file with `product merge`.
    ready: bool,
}

impl View for StatusView {
    fn kind(&self) -> &'static str {
        "git_status"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut lines = vec![if self.ready {
            format!("git merges {} with `product merge`", self.file)
        } else {
            format!(
                "git does not merge {} with `product merge` yet: run `product git setup`",
                self.file
            )
        }];
        lines.push(match (&self.driver, &self.driver_scope) {
            (Some(driver), scope) => {
                let scope = scope
                    .as_deref()
                    .map_or(String::new(), |s| format!(" ({s})"));
                let differs = if self.driver_current {
                    ""
                } else {
                    "; not the command `product git setup` writes"
                };
                format!("  merge driver: configured{scope}: {driver}{differs}")
            }
            (None, _) => "  merge driver: not configured (merge.product.driver)".to_owned(),
        });
        lines.push(match &self.merge_attribute {
            None => "  attributes: not in a git repository".to_owned(),
            Some(_) if self.routed => format!("  attributes: {} has merge=product", self.file),
            Some(merge) => format!(
                "  attributes: {} is not routed to the driver (merge: {merge})",
                self.file
            ),
        });
        lines.into_iter().map(Block::Line).collect()
    }
}

fn status(ctx: &Ctx) -> CmdResult<()> {
    let file = match ctx.product_path() {
        Ok(found) => ctx.cwd.join(found),
        Err(_) => product_file(ctx),
    };
    let status = store::git_status(&file)?;
    let driver_current = status.driver.as_deref() == Some(store::DRIVER_COMMAND);
    ctx.print(&StatusView {
        file: ctx.shown(&file),
        repository: status
            .repository
            .as_deref()
            .map(|r| r.display().to_string()),
        driver_configured: status.driver_configured(),
        driver_scope: status.driver_scope.clone(),
        driver: status.driver.clone(),
        driver_current,
        merge_attribute: status.merge.as_ref().map(|m| m.as_str().to_owned()),
        routed: status.routed(),
        ready: status.driver_configured() && status.routed(),
    })
}
