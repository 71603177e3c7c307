//! `product check --list-rules`: every rule, its id and its severity here.

use serde::Serialize;

use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::check::{RULES, Rule, Severity};
use productfile::model::RuleLevel;
use productfile::store;

use super::super::context::Ctx;
use super::super::error::CmdResult;
use crate::render::findings::tone;

#[derive(Debug, Serialize)]
struct RuleRow {
    #[serde(flatten)]
    rule: &'static Rule,
    /// The severity in this product's file (`off` when turned off), if a file was found.
    here: Option<RuleLevel>,
}

#[derive(Debug, Serialize)]
struct RulesView {
    rules: Vec<RuleRow>,
}

impl View for RulesView {
    fn kind(&self) -> &'static str {
        "check_rules"
    }

    fn csv(&self) -> Csv {
        Csv::list(&self.blocks())
    }

    fn blocks(&self) -> Vec<Block> {
        let here = self.rules.iter().any(|r| r.here.is_some());
        let mut header = vec!["Rule", "Default", "Area", "What it asks"];
        if here {
            header.insert(2, "Here");
        }
        vec![Block::Table(TableBlock {
            header: header.into_iter().map(String::from).collect(),
            rows: self
                .rules
                .iter()
                .map(|r| {
                    let mut row = vec![
                        Cell::new(r.rule.id, Tone::Strong),
                        Cell::new(r.rule.severity.name(), tone(r.rule.severity)),
                        r.rule.area.into(),
                        r.rule.summary.into(),
                    ];
                    if let Some(level) = r.here {
                        row.insert(2, Cell::new(level_name(level), level_tone(level)));
                    }
                    row
                })
                .collect(),
        })]
    }
}

fn level_name(level: RuleLevel) -> &'static str {
    match level {
        RuleLevel::Error => "error",
        RuleLevel::Warning => "warning",
        RuleLevel::Info => "info",
        RuleLevel::Off => "off",
    }
}

fn level_tone(level: RuleLevel) -> Tone {
    match level {
        RuleLevel::Error => tone(Severity::Error),
        RuleLevel::Warning => tone(Severity::Warning),
        RuleLevel::Info | RuleLevel::Off => Tone::Dim,
    }
}

fn default_level(severity: Severity) -> RuleLevel {
    match severity {
        Severity::Error => RuleLevel::Error,
        Severity::Warning => RuleLevel::Warning,
        Severity::Info => RuleLevel::Info,
    }
}

pub fn run(ctx: &Ctx) -> CmdResult<()> {
    // The file's own severities where there is a file; the defaults where not.
    let settings = ctx
        .product_path()
        .ok()
        .map(|path| store::load(&path))
        .transpose()?
        .map(|p| p.check);
    let rules = RULES
        .iter()
        .map(|&rule| RuleRow {
            rule,
            here: settings.as_ref().map(|s| {
                s.rules
                    .get(rule.id)
                    .copied()
                    .unwrap_or(default_level(rule.severity))
            }),
        })
        .collect();
    ctx.print(&RulesView { rules })
}
