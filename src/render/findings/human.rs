//! Findings for people (`product check`, `product portfolio check`):
//! compiler-style lines, a hint under each, and a closing line.
//!
//! ```text
//! product.toml:42:1: warning[ready-needs-acceptance]: RX-7 is ready but has no acceptance criteria
//!   hint: say how the team will know it is done: `product item edit RX-7 --acceptance "..."`
//! ```

use std::io::{self, Write};

use crate::render::visible::visible;
use crate::render::{Style, Tone, paint};

use productfile::check::Severity;

use super::{Placed, tone};

/// Every finding, then `closing` after a blank line.
pub fn write(
    findings: &[Placed],
    closing: &str,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_findings(findings.iter(), style, out)?;
    if !findings.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{closing}")
}

/// `--quiet`: only the findings that fail the check, with their hints.
pub fn write_failing(
    findings: &[Placed],
    deny_warnings: bool,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let failing = findings.iter().filter(|p| match p.finding.severity {
        Severity::Error => true,
        Severity::Warning => deny_warnings,
        Severity::Info => false,
    });
    write_findings(failing, style, out)
}

fn write_findings<'a>(
    findings: impl Iterator<Item = &'a Placed>,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    for p in findings {
        let f = &p.finding;
        let label = paint(
            &format!("{}[{}]", f.severity.name(), f.rule),
            tone(f.severity),
            style.color,
        );
        // A finding quotes the file's text: made visible before colour is added.
        let (place, message) = (p.location(), &f.message);
        writeln!(out, "{}: {label}: {}", visible(&place), visible(message))?;
        if let Some(hint) = &f.hint {
            writeln!(
                out,
                "  {} {}",
                paint("hint:", Tone::Strong, style.color),
                visible(hint)
            )?;
        }
    }
    Ok(())
}
