//! `product check`: the backlog health and governance gate for CI.

mod rules;

use serde::Serialize;

use crate::render::findings::{Placed, findings_blocks, summary_line};
use crate::render::{Block, Csv, OutputFormat, View};
use productfile::check::{self, RULES, Tally};
use productfile::store::{self, AtRevision, Format, FoundAs, Placer};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};
use super::findings;

/// Check the product file's health; with --base, that governed changes come with their decisions
///
/// Reports, like a compiler, what is wrong in the file, where (file:line:col)
/// and what to do: links that do not resolve, unknown keys, items that are
/// ready without acceptance criteria or a size, key results that cannot be
/// measured, stale KPIs, a crowded Now column, and more (`--list-rules`).
/// Each rule has a stable id and a severity that `[check.rules]` in the file
/// can change or turn off; `[check]` also sets the limits (max_doing,
/// max_now, max_key_results, must_have_share).
///
/// With --base REV, every change since the branch left that git revision
/// whose decision rights need agreement, and every rights change, must come
/// with a decision added in the same change: of its kind, decided by a
/// holder of a deciding role and agreed by a holder of an agreeing role (and
/// by the owner, for a change of who holds the owner role), as the rules
/// stand at REV's tip. The file is found at REV under its name, or the one
/// it had before a rename, move or conversion between TOML and JSON.
///
/// With --require-signatures (or `[rights] signatures = "required"` at
/// REV), every governed change needs a covering decision signed by its
/// decider and each agreer with keys as REV holds them (`product decisions
/// sign`); a key added in the same branch does not count.
///
/// Exits 1 when there are errors (or warnings, with --deny warnings), 0
/// otherwise, and 3 when the file cannot be read.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product check
  product check --deny warnings
  product check --base origin/main --format github
  product check --base origin/main --require-signatures
  product check --format sarif > product.sarif
  product check --list-rules")]
pub struct Args {
    /// Also check that governed changes since this git revision come with their decisions
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// With --base: every governed change needs a covering decision signed by everyone it names
    #[arg(long, requires = "base")]
    require_signatures: bool,
    /// Fail on warnings as well as errors
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// List the rules, with their ids and severities, and exit
    #[arg(long, conflicts_with_all = ["base", "deny"])]
    list_rules: bool,
}

/// What `--deny` makes fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    Warnings,
}

/// The report: what was checked, what was found, and whether it passes.
#[derive(Debug, Serialize)]
pub struct Report {
    pub file: String,
    /// The revision the governance check compared with, if any.
    pub base: Option<String>,
    /// With a base: whether the product file was in git there, under this
    /// name or another (renamed, moved, converted). A file that was not is
    /// new, and has nothing to compare with.
    pub base_found: Option<bool>,
    /// With a base: the version the changes are measured from, where the
    /// branch left the base (their merge-base).
    pub changes_since: Option<Revision>,
    /// With a base: the version whose rules, people and `[check]` settings
    /// judge the changes, the base's tip.
    pub rules_from: Option<Revision>,
    pub summary: Tally,
    /// Whether the check passes: no errors (and no warnings with --deny warnings).
    pub passed: bool,
    pub findings: Vec<Placed>,
}

/// A product file at a git revision, as the report shows it.
#[derive(Debug, Serialize)]
pub struct Revision {
    /// The revision: as given (`origin/main`), or a short commit id.
    pub rev: String,
    /// The file's path there, from the top of the repository.
    pub path: String,
    /// `same`, `renamed`, `other_name` or `deleted`: how it was found.
    pub found_as: FoundAs,
}

impl Revision {
    fn of(at: &AtRevision) -> Self {
        Revision {
            rev: at.rev.clone(),
            path: at.path.clone(),
            found_as: at.found_as,
        }
    }
}

impl View for Report {
    fn kind(&self) -> &'static str {
        "check"
    }

    fn csv(&self) -> Csv {
        Csv::list(&self.blocks())
    }

    fn blocks(&self) -> Vec<Block> {
        findings_blocks(&self.findings, &self.summary)
    }
}

/// The last line for people: the file, the verdict, and what the
/// governance check compared with.
pub fn closing_line(report: &Report) -> String {
    let base = match (&report.base, report.base_found) {
        (Some(b), Some(false)) => format!(" (not in git at {b}: no governance to check)"),
        (Some(b), _) => match &report.changes_since {
            // Renamed, moved or converted: say what it was compared with.
            Some(at) if at.found_as != FoundAs::Same => {
                format!(" (governance checked since {b}, where it was {})", at.path)
            }
            _ => format!(" (governance checked since {b})"),
        },
        (None, _) => String::new(),
    };
    let verdict = if report.findings.is_empty() {
        "no problems found".to_owned()
    } else {
        summary_line(&report.summary)
    };
    format!("{}: {verdict}{base}", report.file)
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    if args.list_rules {
        return rules::run(ctx);
    }
    let path = ctx.product_path()?;
    // One parse serves the product, the file's keys and every finding's place.
    let text = store::read_text(&path)?;
    let placer = Placer::new(&text, Format::of(&path));
    let product = placer.product(&path)?;
    let mut findings = check::check(&product, placer.key_shape().as_ref(), ctx.today);
    findings.extend(check::merge_driver(
        &product,
        store::attributes_of(&path).as_ref(),
    ));
    let versions = match &args.base {
        Some(rev) => Some(store::load_base(&path, rev)?),
        None => None,
    };
    if let Some(versions) = &versions {
        findings.extend(check::governance_since(
            versions,
            &product,
            args.require_signatures,
        ));
    }
    // The file was named, so the hinted commands must name it too.
    for f in &mut findings {
        if let Some(hint) = &mut f.hint {
            *hint = ctx.commands_in(hint);
        }
    }
    // Annotations and code scanning place files from the repository's top.
    let file = match ctx.format {
        OutputFormat::Github | OutputFormat::Sarif => {
            store::path_in_repository(&path).unwrap_or_else(|| ctx.shown(&path))
        }
        _ => ctx.shown(&path),
    };
    let mut placed: Vec<Placed> = findings
        .into_iter()
        .map(|finding| {
            let at = placer.place(&finding.path);
            Placed {
                path: finding.path.to_string(),
                file: file.clone(),
                line: at.map(|a| a.0),
                column: at.map(|a| a.1),
                finding,
            }
        })
        .collect();
    // In file order, as a compiler reports; what has no place comes last.
    placed.sort_by_key(|p| (p.line.is_none(), p.line, p.column));
    let summary = Tally::of(&placed.iter().map(|p| p.finding.clone()).collect::<Vec<_>>());
    let deny_warnings = args.deny == Some(Deny::Warnings);
    let passed = summary.errors == 0 && !(deny_warnings && summary.warnings > 0);
    let report = Report {
        file,
        base: args.base,
        base_found: versions.as_ref().map(|v| v.changes_from.is_some()),
        changes_since: versions
            .as_ref()
            .and_then(|v| v.changes_from.as_ref())
            .map(Revision::of),
        rules_from: versions
            .as_ref()
            .and_then(|v| v.rules_from.as_ref())
            .map(Revision::of),
        summary,
        passed,
        findings: placed,
    };
    findings::print(
        ctx,
        &report,
        &report.findings,
        &closing_line(&report),
        RULES,
        deny_warnings,
    )?;
    if passed {
        Ok(())
    } else {
        Err(CommandError::found(summary_line(&report.summary)))
    }
}
