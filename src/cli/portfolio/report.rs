//! `product portfolio report`: the portfolio in one page: markdown for a
//! wiki, or one self-contained HTML page.

use std::path::PathBuf;

use serde::Serialize;

use crate::render::findings::summary_line;
use crate::render::html::{PortfolioPage, portfolio_page};
use crate::render::okr::grade_text;
use crate::render::roadmap::column_text;
use crate::render::{
    Block, Cell, ColumnBlock, OutputFormat, Style, TableBlock, Tone, View, render,
};
use productfile::portfolio::deps::{self, Dependency};
use productfile::portfolio::roadmap::{self, PortfolioRoadmap};
use productfile::portfolio::show::{self, PortfolioShow};
use productfile::query::{kpi, okr};
use productfile::store;

use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError};
use super::Opened;

/// Print the portfolio page: every product, the objectives, the combined roadmap, dependencies
///
/// The products at a glance (as `portfolio show`), the portfolio
/// objectives with what contributes, the combined roadmap, the flagged
/// dependencies between products, then for --format html a section per
/// product with its objectives' grades and its KPIs' readings drawn as
/// inline SVG. The HTML page fetches nothing and needs no JavaScript.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product portfolio report --format html > portfolio.html
  product portfolio report --format html --out public/portfolio.html
  product portfolio report --format markdown > PORTFOLIO.md")]
pub struct Args {
    /// Write the report to this file (replaced whole) instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
struct Report {
    #[serde(flatten)]
    show: PortfolioShow,
    roadmap: PortfolioRoadmap,
    dependencies: Vec<Dependency>,
}

impl View for Report {
    fn kind(&self) -> &'static str {
        "portfolio_report"
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Heading(self.show.name.clone())];
        blocks.push(Block::Table(TableBlock {
            header: ["Product", "Owner", "Open", "MVP", "Now", "Check"]
                .map(String::from)
                .to_vec(),
            rows: self
                .show
                .products
                .iter()
                .map(|l| match &l.error {
                    Some(e) => vec![
                        l.path.as_str().into(),
                        Cell::new(format!("cannot be read: {e}"), Tone::Bad),
                        "".into(),
                        "".into(),
                        "".into(),
                        "".into(),
                    ],
                    None => vec![
                        format!(
                            "{} {}",
                            l.key.as_deref().unwrap_or(""),
                            l.name.as_deref().unwrap_or("")
                        )
                        .into(),
                        l.owner.clone().unwrap_or_default().into(),
                        l.open_items.unwrap_or_default().to_string().into(),
                        format!(
                            "{}/{}",
                            l.mvp_done.unwrap_or_default(),
                            l.mvp_total.unwrap_or_default()
                        )
                        .into(),
                        l.now.join(", ").into(),
                        l.check.map(|c| summary_line(&c)).unwrap_or_default().into(),
                    ],
                })
                .collect(),
        }));
        if !self.show.objectives.is_empty() {
            blocks.push(Block::Heading("Portfolio objectives".into()));
            let grade = |g: Option<f64>| g.map(grade_text).unwrap_or_else(|| "-".into());
            blocks.push(Block::Table(TableBlock {
                header: ["Id", "Objective", "Grade", "Contributing"]
                    .map(String::from)
                    .to_vec(),
                rows: self
                    .show
                    .objectives
                    .iter()
                    .map(|o| {
                        let contributing: Vec<String> = o
                            .contributions
                            .iter()
                            .map(|c| format!("{} {} {}", c.product, c.objective, grade(c.grade)))
                            .collect();
                        vec![
                            o.id.as_str().into(),
                            o.title.as_str().into(),
                            grade(o.grade).into(),
                            contributing.join(", ").into(),
                        ]
                    })
                    .collect(),
            }));
        }
        blocks.push(Block::Heading("Roadmap".into()));
        blocks.push(Block::Columns(
            self.roadmap
                .lanes
                .iter()
                .map(|lane| ColumnBlock {
                    heading: lane.horizon.heading().to_owned(),
                    entries: lane
                        .entries
                        .iter()
                        .map(|e| format!("{} {}", e.product, column_text(&e.entry)))
                        .collect(),
                })
                .collect(),
        ));
        let flagged: Vec<&Dependency> = self
            .dependencies
            .iter()
            .filter(|d| d.flag.is_some())
            .collect();
        blocks.push(Block::Heading("Dependencies between products".into()));
        blocks.push(Block::Line(format!(
            "{} dependencies, {} flagged",
            self.dependencies.len(),
            flagged.len()
        )));
        if !flagged.is_empty() {
            blocks.push(Block::Table(TableBlock {
                header: ["Item", "Waits for", "Its status", "Flag"]
                    .map(String::from)
                    .to_vec(),
                rows: flagged
                    .iter()
                    .map(|d| {
                        vec![
                            d.item.as_str().into(),
                            match &d.on_title {
                                Some(t) => format!("{}: {t}", d.depends_on),
                                None => d.depends_on.clone(),
                            }
                            .into(),
                            d.on_status
                                .map(|s| s.to_string())
                                .unwrap_or_default()
                                .into(),
                            d.flag.map_or("", |f| f.name()).into(),
                        ]
                    })
                    .collect(),
            }));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, opened: &Opened, args: Args) -> CmdResult<()> {
    let portfolio = opened.portfolio();
    let report = Report {
        show: show::show(&portfolio, ctx.today),
        roadmap: roadmap::roadmap(&portfolio),
        dependencies: deps::dependencies(&portfolio),
    };
    if ctx.format != OutputFormat::Html && args.out.is_none() {
        ctx.print(&report)?;
        return opened.failed();
    }
    let bytes = if ctx.format == OutputFormat::Html {
        let goals: Vec<_> = portfolio
            .read()
            .map(|(_, p)| {
                (
                    p.product.key.as_str(),
                    okr::objectives(p, ctx.today),
                    kpi::kpis(p, ctx.today),
                )
            })
            .collect();
        portfolio_page(&PortfolioPage {
            show: &report.show,
            roadmap: &report.roadmap,
            dependencies: &report.dependencies,
            products: goals
                .iter()
                .map(|(k, o, kp)| (*k, o.as_slice(), kp.as_slice()))
                .collect(),
            as_of: ctx.today,
        })
        .into_bytes()
    } else {
        let mut bytes = Vec::new();
        let style = Style {
            color: false,
            ..ctx.style
        };
        render(&report, ctx.format, style, &mut bytes)?;
        bytes
    };
    match &args.out {
        None => ctx.print_raw(&bytes)?,
        Some(out) => {
            let out = ctx.cwd.join(out);
            let (Some(dir), Some(name)) = (out.parent(), out.file_name()) else {
                return Err(
                    CommandError::usage(format!("--out {} names no file", out.display()))
                        .with_hint("give a file name, e.g. --out portfolio.html"),
                );
            };
            store::write_files_in(dir, &[(name.to_string_lossy().into_owned(), bytes)]).map_err(
                |e| CommandError::from(e).with_hint("choose a file you can write with --out FILE"),
            )?;
        }
    }
    opened.failed()
}
