//! `product check`: the health of a product file, as findings a CI job can
//! act on. Each rule has a stable kebab-case id, a default severity that
//! `[check.rules]` may override (or turn off), and says what is wrong, where
//! (a key path, placed at `line:col` by the caller) and what to do.
//!
//! Pure: the product, the shape of the file's keys and today's date come in;
//! findings go out. [`governance`] checks a change against the decision
//! rights of the version that judges it ([`governance_since`] on the
//! versions `check --base` reads); [`merge_driver`], the file's
//! `.gitattributes` (read by the caller) for the merge driver.

mod agreement;
mod backlog;
mod file;
mod git;
mod goals;
mod governance;
mod needs;
mod pace;
mod roadmap;
mod rules;
mod service;
mod shape;
mod signatures;

use serde::Serialize;

use crate::model::{Date, KeyPath, Product, RuleLevel};

pub use git::merge_driver;
pub use governance::{governance, governance_since};
pub(crate) use rules::rule_list;
pub use rules::{RULES, Rule, rule};
pub use shape::Shape;

/// How much a finding matters: errors fail a check, warnings fail it with
/// `--deny warnings`, information never does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id, e.g. `ready-needs-acceptance`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The item, objective, KPI, ... it is about, when there is one.
    pub entity: Option<String>,
    /// Where in the file: the key the finding is about.
    #[serde(skip)]
    pub path: KeyPath,
}

impl Finding {
    /// A finding of `rule` at `path`, at the rule's default severity.
    pub fn new(rule: &'static Rule, path: KeyPath, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.id,
            severity: rule.severity,
            message: message.into(),
            hint: None,
            entity: None,
            path,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn about(mut self, entity: impl Into<String>) -> Self {
        self.entity = Some(entity.into());
        self
    }
}

/// Every finding about `product`, with the severities its `[check.rules]`
/// asks for; `shape` is the file's keys as written, for unknown keys.
pub fn check(product: &Product, shape: Option<&Shape>, today: Date) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(shape) = shape {
        shape::unknown_keys(shape, &mut findings);
    }
    file::check(product, &mut findings);
    agreement::check(product, &mut findings);
    signatures::check(product, &mut findings);
    backlog::check(product, &mut findings);
    goals::check(product, today, &mut findings);
    roadmap::check(product, &mut findings);
    roadmap::hard_dates_at_risk(product, today, &mut findings);
    pace::check(product, today, &mut findings);
    needs::check(product, today, &mut findings);
    service::check(product, today, &mut findings);
    apply_settings(product, findings)
}

/// Sets each finding's severity from `[check.rules]`, dropping those of
/// rules turned off, and orders them as they appear in the file's sections.
pub fn apply_settings(product: &Product, findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            match product.check.rules.get(f.rule) {
                Some(RuleLevel::Off) => return None,
                Some(RuleLevel::Error) => f.severity = Severity::Error,
                Some(RuleLevel::Warning) => f.severity = Severity::Warning,
                Some(RuleLevel::Info) => f.severity = Severity::Info,
                None => {}
            }
            Some(f)
        })
        .collect()
}

/// How many findings there are of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of(findings: &[Finding]) -> Self {
        let mut t = Tally::default();
        for f in findings {
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }
}

/// `"a, b, c ... (N in all)"`: a list for a hint, kept short.
fn listed<S: AsRef<str>>(names: &[S]) -> String {
    const SHOWN: usize = 10;
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(", ... ({} in all)", names.len()));
    }
    text
}

/// A name as a shell word for a hinted command: in double quotes, or in
/// single quotes when it holds what a shell would expand inside double ones.
pub fn quoted(name: &str) -> String {
    if name.contains(['"', '$', '`', '\\', '!']) {
        format!("'{}'", name.replace('\'', "'\\''"))
    } else {
        format!("\"{name}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_hints_survive_a_shell() {
        assert_eq!(quoted("Ada Byrne"), "\"Ada Byrne\"");
        assert_eq!(quoted("Ann \"PO\" $HOME"), "'Ann \"PO\" $HOME'");
        assert_eq!(quoted("O'Neil $x"), "'O'\\''Neil $x'");
    }
}
