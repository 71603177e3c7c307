//! A check's report in the format asked for: compiler-style lines for
//! people (only what fails, with --quiet), GitHub annotations, SARIF, or
//! the report itself as JSON, markdown or CSV. Shared by `product check`
//! and `product portfolio check`.

use std::io::Write;

use crate::render::findings::{Placed, github, human, sarif};
use crate::render::{OutputFormat, View};
use productfile::check::Rule;

use super::context::Ctx;
use super::error::CmdResult;

/// Prints `report`, whose `findings` are these: `closing` is the last line
/// for people, `rules` those SARIF describes.
pub fn print<V: View>(
    ctx: &Ctx,
    report: &V,
    findings: &[Placed],
    closing: &str,
    rules: &[&Rule],
    deny_warnings: bool,
) -> CmdResult<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match ctx.format {
        // With --quiet, people see only what fails the check.
        OutputFormat::Table if ctx.quiet => {
            human::write_failing(findings, deny_warnings, ctx.style, &mut out)?
        }
        // `--format html` is refused before a check runs.
        OutputFormat::Table | OutputFormat::Html => {
            human::write(findings, closing, ctx.style, &mut out)?
        }
        OutputFormat::Github => github::write(findings, closing, &mut out)?,
        OutputFormat::Sarif => sarif::write(findings, rules, &mut out)?,
        OutputFormat::Json => {
            drop(out);
            return ctx.print(report);
        }
        OutputFormat::Markdown | OutputFormat::Csv => {
            drop(out);
            // Printed even with --quiet: the table is what was asked for.
            return ctx.print_as(report, ctx.format);
        }
    }
    out.flush()?;
    Ok(())
}
