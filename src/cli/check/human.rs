//! `product check` for people: compiler-style lines, a hint under each,
//! and a summary.
//!
//! ```text
//! product.toml:42:1: warning[ready-needs-acceptance]: RX-7 is ready but has no acceptance criteria
//!   hint: say how the team will know it is done: `product item edit RX-7 --acceptance "..."`
//! ```

use std::io::{self, Write};

use crate::render::{Style, Tone, paint};

use super::{Report, summary_line, tone};

pub fn write(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for p in &report.findings {
        let f = &p.finding;
        let label = paint(
            &format!("{}[{}]", f.severity.name(), f.rule),
            tone(f.severity),
            style.color,
        );
        writeln!(out, "{}: {label}: {}", p.location(), f.message)?;
        if let Some(hint) = &f.hint {
            writeln!(
                out,
                "  {} {hint}",
                paint("hint:", Tone::Strong, style.color)
            )?;
        }
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
    }
    let base = report
        .base
        .as_ref()
        .map(|b| format!(" (governance checked since {b})"))
        .unwrap_or_default();
    let verdict = if report.findings.is_empty() {
        "no problems found".to_owned()
    } else {
        summary_line(&report.summary)
    };
    writeln!(out, "{}: {verdict}{base}", report.file)
}
