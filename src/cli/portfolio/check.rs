//! `product portfolio check`: every product's own check, and what only the
//! portfolio can see, each finding at `file:line:col`.

use serde::Serialize;

use crate::render::findings::{Placed, findings_blocks, summary_line};
use crate::render::{Block, Csv, OutputFormat, View};
use productfile::check::{RULES, Rule, Tally};
use productfile::portfolio::check::{self, Place};
use productfile::portfolio::rules::PORTFOLIO_RULES;
use productfile::store::{self, Format, Placer};

use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};
use super::super::findings;
use super::Opened;

/// Check every product, and the portfolio: keys, dependencies between products, objectives
///
/// Runs each product's own `product check`, and adds what only the
/// portfolio can see: a product that cannot be read, a key two products
/// share, a dependency on another product's item that names nothing, is
/// dropped or is planned in a later horizon, open items of different
/// products waiting for each other in a circle, and an objective that
/// contributes to a portfolio objective the manifest lacks. Findings are
/// placed like `check`'s: at the manifest's or a product file's
/// file:line:col (`path@rev:line:col` for a product read at a revision).
///
/// Exits 1 when there are errors (or warnings, with --deny warnings), 3
/// when a product or the manifest cannot be read, 0 otherwise.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio check
  product portfolio check --format github
  product portfolio check --format sarif > portfolio.sarif
  product portfolio check --json | jq '.products'")]
pub struct Args {
    /// Fail on warnings as well as errors
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
}

/// What `--deny` makes fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    Warnings,
}

/// The report: each product's own tally, every finding, and the verdict.
#[derive(Debug, Serialize)]
struct Report {
    manifest: String,
    products: Vec<ProductSummary>,
    summary: Tally,
    passed: bool,
    findings: Vec<Placed>,
}

/// A product's own check, in a line.
#[derive(Debug, Serialize)]
struct ProductSummary {
    path: String,
    key: Option<String>,
    /// Its own `product check`'s tally; none when it cannot be read.
    check: Option<Tally>,
    error: Option<String>,
}

impl View for Report {
    fn kind(&self) -> &'static str {
        "portfolio_check"
    }

    fn csv(&self) -> Csv {
        Csv::list(&self.blocks())
    }

    fn blocks(&self) -> Vec<Block> {
        findings_blocks(&self.findings, &self.summary)
    }
}

fn closing_line(report: &Report) -> String {
    let products = report.products.len();
    let unreadable = report.products.iter().filter(|p| p.error.is_some()).count();
    let verdict = if report.findings.is_empty() {
        "no problems found".to_owned()
    } else {
        summary_line(&report.summary)
    };
    let unreadable = match unreadable {
        0 => String::new(),
        n => format!(", {n} could not be read"),
    };
    format!(
        "{}: {verdict} in {products} product{}{unreadable}",
        report.manifest,
        if products == 1 { "" } else { "s" }
    )
}

pub fn run(ctx: &Ctx, opened: &Opened, args: Args) -> CmdResult<()> {
    let portfolio = opened.portfolio();
    let checked = check::check(&portfolio, ctx.today);
    let for_ci = matches!(ctx.format, OutputFormat::Github | OutputFormat::Sarif);
    // Annotations and code scanning place files from the top of the
    // repository the check runs in: the manifest's. A product in another
    // repository keeps its path from here, which such a run cannot annotate.
    let top = match for_ci {
        true => store::repository_top(ctx.cwd.join(&opened.path).parent().unwrap_or(&ctx.cwd))
            .ok()
            .flatten(),
        false => None,
    };
    let name = |path: &std::path::Path| {
        top.as_ref()
            .and_then(|top| store::path_from_top(top, &ctx.cwd.join(path)))
            .unwrap_or_else(|| ctx.shown(path))
    };
    let manifest_name = name(&opened.path);
    let manifest_text = store::read_text(&opened.path)?;
    // As people read it, `path@rev` for a product read at a revision; CI
    // formats take the file's path alone.
    let files: Vec<String> = opened
        .read
        .manifest
        .products
        .iter()
        .map(|member| {
            let file = name(&store::member_file(&opened.path, member));
            match (&member.rev, for_ci) {
                (Some(rev), false) => format!("{file}@{rev}"),
                _ => file,
            }
        })
        .collect();
    // A product's findings are placed together, with one reading of its
    // text at a time: a TOML file's document is many times its size.
    let mut by_place: Vec<Vec<productfile::check::Finding>> =
        vec![Vec::new(); opened.read.members.len() + 1];
    for check::Placed { place, finding } in checked.findings {
        match place {
            Place::Manifest => by_place[0].push(finding),
            Place::Product(i) => by_place[i + 1].push(finding),
        }
    }
    let mut placed: Vec<(usize, Placed)> = Vec::new();
    for (order, findings) in by_place.into_iter().enumerate() {
        if findings.is_empty() {
            continue;
        }
        let (file, placer) = match order {
            0 => (
                manifest_name.clone(),
                Some(Placer::new(&manifest_text, Format::of(&opened.path))),
            ),
            i => (
                files[i - 1].clone(),
                opened.read.members[i - 1].as_ref().ok().map(|m| m.placer()),
            ),
        };
        // A hinted command acts on the product's own file; one read at a
        // revision is changed where that revision is made.
        let own = (order > 0).then(|| {
            let member = &opened.read.manifest.products[order - 1];
            let file = store::member_file(&opened.path, member);
            (ctx.shown(&file), ctx.file_arg(&file), member.rev.clone())
        });
        for mut finding in findings {
            if let (Some((own, arg, rev)), Some(hint)) = (&own, &mut finding.hint) {
                // Every command it suggests, but the portfolio's own.
                *hint = hint
                    .replace("`product ", &format!("`product -f {arg} "))
                    .replace(
                        &format!("`product -f {arg} portfolio "),
                        "`product portfolio ",
                    );
                if let Some(rev) = rev {
                    hint.push_str(&format!(
                        " (the portfolio reads {own} at {rev}: change it where {rev} is made)"
                    ));
                }
            }
            let at = placer.as_ref().and_then(|p| p.place(&finding.path));
            placed.push((
                order,
                Placed {
                    path: finding.path.to_string(),
                    file: file.clone(),
                    line: at.map(|a| a.0),
                    column: at.map(|a| a.1),
                    finding,
                },
            ));
        }
    }
    // The manifest first, then each product in manifest order, in file order.
    placed.sort_by_key(|(order, p)| (*order, p.line.is_none(), p.line, p.column));
    let findings: Vec<Placed> = placed.into_iter().map(|(_, p)| p).collect();
    let summary = Tally::of(
        &findings
            .iter()
            .map(|p| p.finding.clone())
            .collect::<Vec<_>>(),
    );
    let deny_warnings = args.deny == Some(Deny::Warnings);
    let passed = summary.errors == 0 && !(deny_warnings && summary.warnings > 0);
    let report = Report {
        manifest: manifest_name,
        products: opened
            .read
            .manifest
            .products
            .iter()
            .enumerate()
            .map(|(i, member)| ProductSummary {
                path: member.shown(),
                key: portfolio.product(i).map(|p| p.product.key.clone()),
                check: checked.own[i],
                error: match &portfolio.products[i] {
                    productfile::portfolio::Loaded::Failed { reason } => Some((*reason).to_owned()),
                    _ => None,
                },
            })
            .collect(),
        summary,
        passed,
        findings,
    };
    let rules: Vec<&Rule> = RULES.iter().chain(PORTFOLIO_RULES).copied().collect();
    findings::print(
        ctx,
        &report,
        &report.findings,
        &closing_line(&report),
        &rules,
        deny_warnings,
    )?;
    opened.failed()?;
    if passed {
        Ok(())
    } else {
        Err(CommandError::found(summary_line(&report.summary)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closing_line_counts_products() {
        let report = Report {
            manifest: "portfolio.toml".into(),
            products: vec![ProductSummary {
                path: "a/product.toml".into(),
                key: None,
                check: None,
                error: Some("missing".into()),
            }],
            summary: Tally {
                errors: 1,
                warnings: 0,
                infos: 0,
            },
            passed: false,
            findings: Vec::new(),
        };
        assert_eq!(
            closing_line(&report),
            "portfolio.toml: no problems found in 1 product, 1 could not be read"
        );
    }
}
