//! `product portfolio`: several products together, listed in a manifest
//! (`portfolio.toml` or `portfolio.json`).

mod add;
mod check;
mod deps;
mod init;
mod report;
mod rm;
mod roadmap;
mod show;

use std::path::PathBuf;

use clap::Subcommand;

use crate::render::OutputFormat;
use productfile::ops::portfolio::Listed;
use productfile::portfolio::{Loaded, Manifest, Portfolio};
use productfile::store::{self, LoadedMember, StoreError};

use super::context::Ctx;
use super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};

/// Look after several products together: one view, one roadmap, the dependencies between them
///
/// A portfolio manifest (`portfolio.toml`, or `portfolio.json`) names the
/// portfolio and lists its products as paths to their product files,
/// relative to the manifest, each optionally read at a git revision
/// (`rev = "origin/main"`). It may list portfolio objectives (`PO1`) that
/// products' objectives contribute to (`product okr edit O1
/// --contributes-to PO1`). An item may depend on another product's item by
/// its id (`depends_on = ["PAY-12"]`): the key says which product.
///
/// The manifest is found like the product file: --manifest, else
/// $PRODUCT_PORTFOLIO, else the first portfolio.toml or portfolio.json in
/// this folder or its parents. A product that cannot be read is shown with
/// the reason; the rest still shows, and the command exits 3.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio init \"Payments\" ../payments/product.toml ../identity/product.toml
  product portfolio add ../cards/product.toml --rev origin/main
  product portfolio show
  product portfolio roadmap
  product portfolio deps
  product portfolio check --format github
  product portfolio report --format html > portfolio.html")]
pub struct Args {
    /// The portfolio manifest [default: portfolio.toml or portfolio.json here or in a parent folder]
    #[arg(
        long,
        global = true,
        env = "PRODUCT_PORTFOLIO",
        value_name = "PATH",
        value_hint = clap::ValueHint::FilePath
    )]
    manifest: Option<PathBuf>,
    #[command(subcommand)]
    command: PortfolioCommand,
}

#[derive(Debug, Subcommand)]
enum PortfolioCommand {
    Init(init::Args),
    Add(add::Args),
    Rm(rm::Args),
    Show(show::Args),
    Roadmap(roadmap::Args),
    Deps(deps::Args),
    Check(check::Args),
    Report(report::Args),
}

impl Args {
    /// Whether this subcommand prints `format`: `check` the check formats,
    /// `report` HTML.
    pub fn prints(&self, format: OutputFormat) -> bool {
        match &self.command {
            PortfolioCommand::Check(_) => !format.is_report_only(),
            PortfolioCommand::Report(_) => !format.is_check_only(),
            _ => !format.is_check_only() && !format.is_report_only(),
        }
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let manifest = args.manifest;
    match args.command {
        PortfolioCommand::Init(a) => init::run(ctx, manifest, a),
        PortfolioCommand::Add(a) => add::run(ctx, manifest, a),
        PortfolioCommand::Rm(a) => rm::run(ctx, manifest, a),
        PortfolioCommand::Show(a) => show::run(ctx, &Opened::open(ctx, manifest)?, a),
        PortfolioCommand::Roadmap(a) => roadmap::run(ctx, &Opened::open(ctx, manifest)?, a),
        PortfolioCommand::Deps(a) => deps::run(ctx, &Opened::open(ctx, manifest)?, a),
        PortfolioCommand::Check(a) => check::run(ctx, &Opened::open(ctx, manifest)?, a),
        PortfolioCommand::Report(a) => report::run(ctx, &Opened::open(ctx, manifest)?, a),
    }
}

/// The manifest and its products, read.
pub struct Opened {
    pub path: PathBuf,
    pub manifest: Manifest,
    pub members: Vec<Result<LoadedMember, StoreError>>,
    /// Why each product that could not be read could not, as shown.
    reasons: Vec<String>,
}

impl Opened {
    /// Finds and reads the manifest, then every product it lists.
    pub fn open(ctx: &Ctx, given: Option<PathBuf>) -> CmdResult<Opened> {
        let path = manifest_path(ctx, given.as_deref())?;
        let manifest = store::read_manifest(&path)?;
        let members = store::load_members(&path, &manifest.products);
        let reasons = members
            .iter()
            .map(|m| match m {
                Ok(_) => String::new(),
                Err(e) => reason(e),
            })
            .collect();
        Ok(Opened {
            path,
            manifest,
            members,
            reasons,
        })
    }

    /// The portfolio as the library takes it.
    pub fn portfolio(&self) -> Portfolio<'_> {
        Portfolio {
            manifest: &self.manifest,
            products: self
                .members
                .iter()
                .zip(&self.reasons)
                .map(|(m, reason)| match m {
                    Ok(m) => Loaded::Read {
                        product: &m.product,
                        shape: m.shape.as_ref(),
                        repository: m.repository.as_ref(),
                    },
                    Err(_) => Loaded::Failed { reason },
                })
                .collect(),
        }
    }

    /// After printing: exit 3 when a product could not be read.
    pub fn failed(&self) -> CmdResult<()> {
        let failed: Vec<String> = self
            .manifest
            .products
            .iter()
            .zip(&self.reasons)
            .filter(|(_, r)| !r.is_empty())
            .map(|(m, r)| format!("{}: {r}", m.shown()))
            .collect();
        match failed.len() {
            0 => Ok(()),
            n => Err(CommandError::new(
                ErrorKind::Invalid,
                ErrorCode::FileInvalid,
                format!(
                    "{n} product{} of the portfolio could not be read: {}",
                    if n == 1 { "" } else { "s" },
                    failed.join("; ")
                ),
            )
            .with_hint(
                "fix the file or its revision, or take it out with `product portfolio rm PATH`",
            )),
        }
    }
}

/// The manifest's path: the one given (or $PRODUCT_PORTFOLIO), else the
/// first found here or in a parent folder.
pub fn manifest_path(ctx: &Ctx, given: Option<&std::path::Path>) -> CmdResult<PathBuf> {
    let path = store::discover_manifest(given, &ctx.cwd)?;
    // Relative to the working folder, as the product file is, so that every
    // product's place reads `../payments/product.toml:12:8`; one found in a
    // parent folder too (`../../portfolio.toml`).
    Ok(match path.strip_prefix(&ctx.cwd) {
        Ok(inside) => inside.to_path_buf(),
        Err(_) if path.is_absolute() => store::relative_from(&ctx.cwd, &path).unwrap_or(path),
        Err(_) => path,
    })
}

/// The products of a manifest as its changes see them: each entry and
/// its key, where its file reads; and those whose file does not.
pub fn listed(path: &std::path::Path, manifest: &Manifest) -> (Vec<Listed>, Vec<String>) {
    let members = store::load_members(path, &manifest.products);
    let unread = manifest
        .products
        .iter()
        .zip(&members)
        .filter(|(_, m)| m.is_err())
        .map(|(member, _)| member.shown())
        .collect();
    let listed = manifest
        .products
        .iter()
        .zip(&members)
        .map(|(member, loaded)| Listed {
            member: member.clone(),
            key: loaded.as_ref().ok().map(|m| m.product.product.key.clone()),
        })
        .collect();
    (listed, unread)
}

/// Why a product could not be read, in a line: its first problem, placed.
fn reason(e: &StoreError) -> String {
    match e {
        StoreError::Invalid { file, problems } => match problems.first() {
            Some(p) => {
                let place = match p.line_col {
                    Some((l, c)) => format!("{}:{l}:{c}", file.display()),
                    None => file.display().to_string(),
                };
                format!("not a valid product file: {place}: {p}")
            }
            None => e.to_string(),
        },
        other => other.to_string(),
    }
}
