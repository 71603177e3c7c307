//! Findings, as `product check` and `product portfolio check` print them:
//! each placed at `file:line:col`, for people ([`human`]), GitHub Actions
//! ([`github`]) and code scanning ([`sarif`]).

pub mod github;
pub mod human;
pub mod sarif;

use serde::Serialize;

use productfile::check::{Finding, Severity, Tally};

use super::{Block, Cell, TableBlock, Tone};

/// A finding with its place in the file.
#[derive(Debug, Serialize)]
pub struct Placed {
    #[serde(flatten)]
    pub finding: Finding,
    pub path: String,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Placed {
    /// `product.toml:42:1`, or just the file when the place is unknown.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            _ => self.file.clone(),
        }
    }
}

/// The colour of a severity.
pub fn tone(severity: Severity) -> Tone {
    match severity {
        Severity::Error => Tone::Bad,
        Severity::Warning => Tone::Warn,
        Severity::Info => Tone::Dim,
    }
}

/// `2 errors, 3 warnings`, and the infos when there are any.
pub fn summary_line(t: &Tally) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![
        count(t.errors, "error", "errors"),
        count(t.warnings, "warning", "warnings"),
    ];
    if t.infos > 0 {
        parts.push(count(t.infos, "info", "infos"));
    }
    parts.join(", ")
}

/// A check's report for markdown and CSV: its findings as one table (the
/// header even when there are none, so CSV always has it), then the tally.
pub fn findings_blocks(findings: &[Placed], summary: &Tally) -> Vec<Block> {
    vec![findings_table(findings), Block::Line(summary_line(summary))]
}

/// The findings as one table: severity, rule, where, message, hint.
fn findings_table(findings: &[Placed]) -> Block {
    Block::Table(TableBlock {
        header: ["Severity", "Rule", "Where", "Message", "Hint"]
            .map(String::from)
            .to_vec(),
        rows: findings
            .iter()
            .map(|p| {
                vec![
                    Cell::new(p.finding.severity.name(), tone(p.finding.severity)),
                    p.finding.rule.into(),
                    p.location().into(),
                    p.finding.message.as_str().into(),
                    p.finding.hint.clone().unwrap_or_default().into(),
                ]
            })
            .collect(),
    })
}
