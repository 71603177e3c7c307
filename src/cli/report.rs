//! `product report`: the one-pager for stakeholders who will not run a
//! terminal: vision, roadmap, OKRs, KPIs, the top of the backlog, the MVP
//! and the recent decisions, as markdown for a wiki or a pull request.

use serde::Serialize;

use crate::render::items::{ItemRow, ScoreColumn};
use crate::render::okr::{key_result_table, objective_table};
use crate::render::plans::{decision_table, forecast_fields, mvp_progress};
use crate::render::{Block, Cell, Csv, View, kpi, roadmap};
use productfile::model::{Date, Decision, ProductInfo};
use productfile::query::forecast::Outlook;
use productfile::query::kpi::KpiReport;
use productfile::query::mvp::MvpReport;
use productfile::query::okr::{KeyResultReport, ObjectiveReport};
use productfile::query::report::{self, DECISION_DAYS};
use productfile::query::roadmap::Roadmap;

use super::context::Ctx;
use super::error::CmdResult;

/// Print the stakeholder report: vision, roadmap, OKRs, KPIs, top of the backlog, MVP, decisions
///
/// One page for the people the product answers to: the vision, the
/// roadmap's Now, Next and Later, each objective's grade and its key
/// results' progress, each KPI's status, the top ten open items with their
/// scores, MVP progress, and the decisions of the last 30 days.
/// --format markdown gives GitHub-flavoured markdown, with every piece of
/// the file's text escaped so it cannot break a table or add markup.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product report
  product report --format markdown > REPORT.md
  product report --json | jq '.objectives[] | {id, grade}'")]
pub struct Args {}

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
                "No decisions in the last {DECISION_DAYS} days."
            )));
        } else {
            blocks.push(Block::Table(decision_table(&self.decisions, true)));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let r = report::report(&product, ctx.today);
    let score = ScoreColumn::of(&product);
    ctx.print(&Report {
        product: r.product,
        vision: r.vision,
        as_of: r.as_of,
        roadmap: r.roadmap,
        objectives: r.objectives,
        kpis: r.kpis,
        score_method: score.method.clone(),
        score,
        top: ItemRow::rows(&product, report::top_items(&product)),
        open_items: r.open_items,
        mvp: r.mvp,
        forecast: r.forecast,
        decisions: r.decisions,
        decisions_since: r.decisions_since,
    })
}
