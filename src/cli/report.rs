//! `product report`: the one-pager for stakeholders who will not run a
//! terminal: vision, roadmap, OKRs, KPIs, the top of the backlog, the MVP
//! and the recent decisions, as markdown for a wiki or a pull request, or
//! as one self-contained HTML page with charts.

use std::path::PathBuf;

use serde::Serialize;

use crate::render::html::{self, Page};
use crate::render::items::{ItemRow, ScoreColumn};
use crate::render::numbers::plural;
use crate::render::okr::{key_result_table, objective_table};
use crate::render::plans::{decision_table, forecast_fields, mvp_progress};
use crate::render::{
    self as output, Block, Cell, Csv, OutputFormat, View, kpi, needs, roadmap, service,
};
use productfile::model::{Date, Decision, ProductInfo};
use productfile::query::forecast::Outlook;
use productfile::query::kpi::KpiReport;
use productfile::query::mvp::MvpReport;
use productfile::query::needs::Coverage;
use productfile::query::okr::{KeyResultReport, ObjectiveReport};
use productfile::query::report;
use productfile::query::report::ServiceStandard;
use productfile::query::requests::Requests;
use productfile::query::roadmap::Roadmap;
use productfile::store::{self, StoreError};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};

/// Print the stakeholder report: vision, roadmap, OKRs, KPIs, user needs, top of the backlog, MVP, decisions, requests
///
/// One page for the people the product answers to: the vision, the
/// roadmap's Now, Next and Later, each objective's grade and its key
/// results' progress, each KPI's status, the top ten open items with their
/// scores, MVP progress with its forecast, and the decisions of the last
/// 30 days. --format markdown gives GitHub-flavoured markdown, with every
/// piece of the file's text escaped so it cannot break a table or add
/// markup.
///
/// --format html gives one self-contained HTML page for people who do not
/// run a terminal: the same sections with progress bars, each objective's
/// grade and each KPI's readings drawn as inline SVG, the stakeholders on
/// the power/interest grid and, when the file is committed in git, a
/// burn-up of scope and done by week. It fetches nothing (a
/// Content-Security-Policy forbids any request), needs no JavaScript and
/// prints on A4.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product report
  product report --format markdown > REPORT.md
  product report --format html --out public/index.html
  product report --format html --top 20 --since 2026-10-01 > report.html
  product report --json | jq '.objectives[] | {id, grade}'")]
pub struct Args {
    /// Open items to show from the top of the backlog
    #[arg(long, value_name = "N", default_value_t = report::TOP)]
    top: usize,
    /// The first day of the decision log [default: 30 days ago]
    #[arg(long, value_name = "DATE")]
    since: Option<Date>,
    /// Write the report to this file (replaced whole) instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
struct Report {
    product: ProductInfo,
    vision: Option<String>,
    /// The day the report was made: grades and statuses are as of it.
    as_of: Date,
    roadmap: Roadmap,
    objectives: Vec<ObjectiveReport>,
    kpis: Vec<KpiReport>,
    /// The method of the rows' `score`: the file's default.
    score_method: String,
    #[serde(skip)]
    score: ScoreColumn,
    /// The top of the backlog: open items in backlog order.
    top: Vec<ItemRow>,
    open_items: usize,
    mvp: MvpReport,
    /// The MVP's forecast (85th percentile) and the hard dates' chances.
    forecast: Outlook,
    /// Decisions dated on or after `decisions_since`, newest first.
    decisions: Vec<Decision>,
    decisions_since: Date,
    /// User needs, their evidence and the items that answer them.
    needs: Coverage,
    /// What happened to the requests.
    requests: Requests,
    /// The service standard, where the product is a service.
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<ServiceStandard>,
}

impl View for Report {
    fn kind(&self) -> &'static str {
        "report"
    }

    /// The report is a document for people: markdown is its written form.
    fn csv(&self) -> Csv {
        Csv::refused(
            "the report has no CSV form: it is a document of several tables",
            "use --format markdown or --json; `product export csv` gives the backlog as CSV",
        )
    }

    fn blocks(&self) -> Vec<Block> {
        let p = &self.product;
        let mut fields: Vec<(String, Cell)> = Vec::new();
        if let Some(v) = &self.vision {
            fields.push(("Vision".into(), v.as_str().into()));
        }
        if let Some(owner) = &p.owner {
            fields.push(("Product owner".into(), owner.as_str().into()));
        }
        fields.push(("As of".into(), self.as_of.to_string().into()));
        fields.push((
            "Backlog".into(),
            format!("{} open items", self.open_items).into(),
        ));
        if self.mvp.items_total > 0 {
            fields.push(("MVP".into(), mvp_progress(&self.mvp).into()));
        }
        fields.extend(forecast_fields(&self.forecast));
        let mut blocks = vec![Block::Heading(p.name.clone()), Block::Fields(fields)];

        blocks.push(Block::Heading("Roadmap".into()));
        if self.roadmap.is_empty() {
            blocks.push(Block::Line("No roadmap entries yet.".into()));
        } else {
            blocks.push(roadmap::columns(&self.roadmap));
        }

        blocks.push(Block::Heading("Objectives and key results".into()));
        if self.objectives.is_empty() {
            blocks.push(Block::Line("No objectives yet.".into()));
        } else {
            blocks.push(Block::Table(objective_table(&self.objectives)));
            let key_results: Vec<KeyResultReport> = self
                .objectives
                .iter()
                .flat_map(|o| o.key_results.iter().cloned())
                .collect();
            if !key_results.is_empty() {
                blocks.push(Block::Table(key_result_table(&key_results)));
            }
        }

        blocks.push(Block::Heading("KPIs".into()));
        if self.kpis.is_empty() {
            blocks.push(Block::Line("No KPIs yet.".into()));
        } else {
            blocks.push(Block::Table(kpi::table(&self.kpis)));
        }

        if !self.needs.needs.is_empty() {
            blocks.push(Block::Heading("User needs".into()));
            blocks.push(Block::Table(needs::report_table(&self.needs)));
            blocks.extend(needs_notes(&self.needs).into_iter().map(Block::Line));
        }

        blocks.push(Block::Heading(format!(
            "Top of the backlog ({} of {} open)",
            self.top.len(),
            self.open_items
        )));
        if self.top.is_empty() {
            blocks.push(Block::Line("The backlog is empty.".into()));
        } else {
            blocks.push(Block::Table(ItemRow::table(&self.top, &self.score)));
        }

        blocks.push(Block::Heading(format!(
            "Decisions since {}",
            self.decisions_since
        )));
        if self.decisions.is_empty() {
            blocks.push(Block::Line(format!(
                "No decisions since {}.",
                self.decisions_since
            )));
        } else {
            blocks.push(Block::Table(decision_table(&self.decisions, true)));
        }

        if self.requests.total() > 0 {
            blocks.push(Block::Heading("What happened to requests".into()));
            blocks.push(Block::Table(needs::requests_table(&self.requests)));
        }
        if let Some(s) = &self.service {
            blocks.extend(service::report_blocks(s));
        }
        blocks
    }
}

/// What the needs table leaves to say: validated needs nothing answers,
/// and how many open features answer no need.
fn needs_notes(c: &Coverage) -> Vec<String> {
    let mut notes = Vec::new();
    if !c.unaddressed.is_empty() {
        notes.push(format!(
            "Validated, with no item yet: {}.",
            c.unaddressed.join(", ")
        ));
    }
    let without = c.items_without_need.len();
    if without > 0 {
        notes.push(format!(
            "{} answer{} no user need.",
            plural(without, "open feature"),
            if without == 1 { "s" } else { "" }
        ));
    }
    notes
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    if args.top == 0 {
        return Err(CommandError::usage("--top 0 would show no item")
            .with_hint("give --top 1 or more (the default is 10)"));
    }
    let (path, product) = ctx.load()?;
    let options = report::Options {
        top: args.top,
        since: args.since,
    };
    let mut r = report::report(&product, ctx.today, &options);
    let score = ScoreColumn::of(&product);
    let top = ItemRow::rows(&product, report::top_items(&product, args.top));
    let bytes = if ctx.format == OutputFormat::Html {
        // The burn-up is read from git for the page only: it is the one
        // chart that needs the file's history, and reading it costs a
        // `git log` the other formats need not pay.
        let mut no_burn_up = None;
        match store::file_history_of(&path, &product) {
            Ok(history) if history.versions.is_empty() => {
                no_burn_up = Some("the file has no commits yet".to_owned());
            }
            Ok(history) => r = report::with_burn_up(r, &product, &history),
            Err(StoreError::NotInGit { .. }) => {
                no_burn_up = Some("the file is not in a git repository".to_owned());
            }
            Err(e) => no_burn_up = Some(format!("its git history could not be read ({e})")),
        }
        html::page(&Page {
            report: &r,
            top: &top,
            score_label: &score.label,
            no_burn_up: no_burn_up.as_deref(),
        })
        .into_bytes()
    } else {
        let view = Report {
            product: r.product,
            vision: r.vision,
            as_of: r.as_of,
            roadmap: r.roadmap,
            objectives: r.objectives,
            kpis: r.kpis,
            score_method: score.method.clone(),
            score,
            top,
            open_items: r.open_items,
            mvp: r.mvp,
            forecast: r.forecast,
            decisions: r.decisions,
            decisions_since: r.decisions_since,
            needs: r.needs,
            requests: r.requests,
            service: r.service,
        };
        if args.out.is_none() {
            return ctx.print(&view);
        }
        let mut bytes = Vec::new();
        let style = output::Style {
            color: false,
            ..ctx.style
        };
        output::render(&view, ctx.format, style, &mut bytes)?;
        bytes
    };
    match args.out {
        None => ctx.print_raw(&bytes),
        Some(out) => {
            let out = ctx.cwd.join(out);
            let same = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b);
            if same(&out, &path) {
                return Err(CommandError::usage(format!(
                    "--out {} is the product file itself",
                    ctx.shown(&out)
                ))
                .with_hint("write the report to another file, e.g. --out report.html"));
            }
            let (Some(dir), Some(name)) = (out.parent(), out.file_name()) else {
                return Err(
                    CommandError::usage(format!("--out {} names no file", out.display()))
                        .with_hint("give a file name, e.g. --out report.html"),
                );
            };
            store::write_files_in(dir, &[(name.to_string_lossy().into_owned(), bytes)]).map_err(
                |e| CommandError::from(e).with_hint("choose a file you can write with --out FILE"),
            )?;
            Ok(())
        }
    }
}
