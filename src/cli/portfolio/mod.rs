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
use productfile::portfolio::{Manifest, Portfolio};
use productfile::store::{self, OpenPortfolio};

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
    pub read: OpenPortfolio,
}

impl Opened {
    /// Finds and reads the manifest, then every product it lists.
    pub fn open(ctx: &Ctx, given: Option<PathBuf>) -> CmdResult<Opened> {
        let path = manifest_path(ctx, given.as_deref())?;
        let read = store::open_portfolio(&path)?;
        Ok(Opened { path, read })
    }

    /// The portfolio as the library takes it.
    pub fn portfolio(&self) -> Portfolio<'_> {
        self.read.portfolio()
    }

    /// After printing: exit 3 when a product could not be read.
    pub fn failed(&self) -> CmdResult<()> {
        let failed: Vec<String> = self
            .read
            .unread()
            .iter()
            .map(|(shown, why)| format!("{shown}: {why}"))
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

/// A manifest entry as the manifest names it (`path@rev`), for a view
/// that keeps the path and revision apart in its JSON.
pub fn shown(path: &str, rev: &Option<String>) -> String {
    productfile::portfolio::Member {
        path: path.to_owned(),
        rev: rev.clone(),
    }
    .shown()
}

/// The products of a manifest as its changes see them: each entry and
/// its key, where its file reads; and those whose file does not.
pub fn listed(path: &std::path::Path, manifest: &Manifest) -> (Vec<Listed>, Vec<String>) {
    let read = store::load_portfolio(path, manifest.clone());
    let unread = read.unread().into_iter().map(|(shown, _)| shown).collect();
    (read.listed(), unread)
}
