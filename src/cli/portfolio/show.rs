//! `product portfolio show`: one line per product, then the portfolio
//! objectives and the product objectives that contribute to them.

use serde::Serialize;

use crate::render::numbers::plural;
use crate::render::okr::{band_tone, grade_text};
use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::portfolio::show::{self, PortfolioShow, ProductLine};

use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::Opened;

/// Show every product of the portfolio in a line, then the portfolio objectives
///
/// Each line: the product's owner, open items, MVP progress, roadmap
/// entries in Now, objective grades, KPIs by colour, its own `product
/// check` errors and warnings, and the day its MVP is done by in 85% of
/// forecast trials (where its done dates give a forecast). Then each
/// portfolio objective with the product objectives that contribute, and
/// their grades. The figures are those each product's own commands give.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio show
  product portfolio show --json | jq '.products[] | {key, open_items}'
  product portfolio show --format csv > portfolio.csv")]
pub struct Args {}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct ShowView(PortfolioShow);

/// A figure, or nothing for a product that cannot be read.
fn count(n: Option<usize>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// `2/5`: MVP items done of all.
fn mvp(line: &ProductLine) -> String {
    match (line.mvp_done, line.mvp_total) {
        (Some(done), Some(total)) => format!("{done}/{total}"),
        _ => String::new(),
    }
}

/// `O1 0.62, O2 0.30`: each objective's grade.
fn grades(line: &ProductLine) -> String {
    line.objectives
        .iter()
        .map(|g| match g.grade {
            Some(grade) => format!("{} {}", g.id, grade_text(grade)),
            None => format!("{} -", g.id),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn kpis(line: &ProductLine) -> String {
    let k = line.kpis.unwrap_or_default();
    let mut parts = Vec::new();
    for (n, colour) in [
        (k.green, "green"),
        (k.amber, "amber"),
        (k.red, "red"),
        (k.unknown, "unknown"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {colour}"));
        }
    }
    parts.join(", ")
}

fn products_table(view: &PortfolioShow) -> TableBlock {
    TableBlock {
        header: [
            "Key",
            "Product",
            "Owner",
            "Open",
            "MVP",
            "Now",
            "Objectives",
            "KPIs",
            "Check",
            "MVP by (85%)",
        ]
        .map(String::from)
        .to_vec(),
        rows: view
            .products
            .iter()
            .map(|line| match &line.error {
                // Why, under the table: a reason is too long for a cell.
                Some(_) => vec![
                    Cell::new("?", Tone::Bad),
                    Cell::new(&line.path, Tone::Strong),
                    "".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    Cell::new("cannot be read", Tone::Bad),
                    "".into(),
                ],
                None => {
                    let check = line.check.unwrap_or_default();
                    let tone = if check.errors > 0 {
                        Tone::Bad
                    } else if check.warnings > 0 {
                        Tone::Warn
                    } else {
                        Tone::Good
                    };
                    vec![
                        Cell::new(line.key.clone().unwrap_or_default(), Tone::Strong),
                        line.name.clone().unwrap_or_default().into(),
                        line.owner.clone().unwrap_or_default().into(),
                        count(line.open_items).into(),
                        mvp(line).into(),
                        line.now.join(", ").into(),
                        grades(line).into(),
                        kpis(line).into(),
                        Cell::new(
                            format!(
                                "{}, {}",
                                plural(check.errors, "error"),
                                plural(check.warnings, "warning")
                            ),
                            tone,
                        ),
                        match (line.mvp_p85, &line.mvp_forecast_reason) {
                            (Some(d), _) => d.to_string().into(),
                            (None, Some(why)) if why.starts_with("found ") => {
                                Cell::new("too little history", Tone::Dim)
                            }
                            (None, Some(why)) => Cell::new(why, Tone::Dim),
                            (None, None) => "".into(),
                        },
                    ]
                }
            })
            .collect(),
    }
}

impl View for ShowView {
    fn kind(&self) -> &'static str {
        "portfolio_show"
    }

    /// One row per product, each figure in a column of its own.
    fn csv(&self) -> Csv {
        let k = |l: &ProductLine| l.kpis.map(|k| [k.green, k.amber, k.red, k.unknown]);
        let of = |n: Option<usize>| Cell::from(count(n));
        Csv::table(&TableBlock {
            header: [
                "key",
                "name",
                "path",
                "owner",
                "open_items",
                "mvp_done",
                "mvp_total",
                "now",
                "objectives",
                "kpis_green",
                "kpis_amber",
                "kpis_red",
                "kpis_unknown",
                "errors",
                "warnings",
                "mvp_p85",
                "error",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .0
                .products
                .iter()
                .map(|l| {
                    let check = l.check;
                    let colours = k(l);
                    vec![
                        l.key.clone().unwrap_or_default().into(),
                        l.name.clone().unwrap_or_default().into(),
                        l.path.as_str().into(),
                        l.owner.clone().unwrap_or_default().into(),
                        of(l.open_items),
                        of(l.mvp_done),
                        of(l.mvp_total),
                        l.now.join(" ").into(),
                        grades(l).into(),
                        of(colours.map(|c| c[0])),
                        of(colours.map(|c| c[1])),
                        of(colours.map(|c| c[2])),
                        of(colours.map(|c| c[3])),
                        of(check.map(|c| c.errors)),
                        of(check.map(|c| c.warnings)),
                        l.mvp_p85.map(|d| d.to_string()).unwrap_or_default().into(),
                        l.error.clone().unwrap_or_default().into(),
                    ]
                })
                .collect(),
        })
    }

    fn blocks(&self) -> Vec<Block> {
        let v = &self.0;
        let mut blocks = vec![Block::Heading(v.name.clone())];
        if v.products.is_empty() {
            blocks.push(Block::Line(
                "No products yet: add one with `product portfolio add FILE`.".into(),
            ));
            return blocks;
        }
        blocks.push(Block::Table(products_table(v)));
        for line in &v.products {
            if let Some(error) = &line.error {
                blocks.push(Block::Line(format!(
                    "{} cannot be read: {error}",
                    line.path
                )));
            }
        }
        if !v.objectives.is_empty() {
            blocks.push(Block::Heading("Portfolio objectives".into()));
            let mut rows = Vec::new();
            for o in &v.objectives {
                let grade = |g: Option<f64>| match g {
                    Some(g) => Cell::new(grade_text(g), band_tone(productfile::goals::Band::of(g))),
                    None => Cell::new("-", Tone::Dim),
                };
                rows.push(vec![
                    Cell::new(&o.id, Tone::Strong),
                    Cell::new(&o.title, Tone::Strong),
                    grade(o.grade),
                ]);
                if o.contributions.is_empty() {
                    rows.push(vec![
                        "".into(),
                        Cell::new("  no product objective contributes yet", Tone::Dim),
                        "".into(),
                    ]);
                }
                for c in &o.contributions {
                    rows.push(vec![
                        "".into(),
                        format!("  {} {}: {}", c.product, c.objective, c.title).into(),
                        grade(c.grade),
                    ]);
                }
            }
            blocks.push(Block::Table(TableBlock {
                header: ["Id", "Objective (and what contributes)", "Grade"]
                    .map(String::from)
                    .to_vec(),
                rows,
            }));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, opened: &Opened, _args: Args) -> CmdResult<()> {
    ctx.print(&ShowView(show::show(&opened.portfolio(), ctx.today)))?;
    opened.failed()
}
