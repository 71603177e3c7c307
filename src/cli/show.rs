//! `product show`: the one-screen dashboard.

use serde::Serialize;

use crate::render::items::{ItemRow, ScoreColumn};
use crate::render::kpi::{kpi_change_cell, latest_cell, status_cell};
use crate::render::okr::{objective_grade_cell, status_cell as objective_status_cell};
use crate::render::plans::{forecast_fields, mvp_progress};
use crate::render::roadmap::progress;
use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::model::ProductInfo;
use productfile::query::dashboard::{self, ServiceLine, StatusCount};
use productfile::query::dashboard::{NeedCounts, RequestCounts};
use productfile::query::forecast::Outlook;
use productfile::query::kpi::KpiReport;
use productfile::query::mvp::MvpReport;
use productfile::query::okr::ObjectiveReport;
use productfile::query::roadmap::RoadmapReport;

use super::context::Ctx;
use super::error::CmdResult;

/// Show a one-screen dashboard: the product, its vision, MVP progress, the
/// roadmap's Now column, OKR grades, KPI statuses and the top of the backlog
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product show
  product -f examples/product.toml show
  product show --json")]
pub struct Args {}

#[derive(Debug, Serialize)]
struct Dashboard {
    file: String,
    product: ProductInfo,
    vision: Option<String>,
    /// How many items have each status.
    items_by_status: Vec<StatusCount>,
    open_items: usize,
    /// The method of the rows' `score`: the file's default.
    score_method: String,
    #[serde(skip)]
    score: ScoreColumn,
    top: Vec<ItemRow>,
    /// Every objective, graded as of today.
    objectives: Vec<ObjectiveReport>,
    /// Every KPI, assessed as of today.
    kpis: Vec<KpiReport>,
    /// The roadmap's Now column.
    roadmap_now: Vec<RoadmapReport>,
    /// The minimum viable product's progress.
    mvp: MvpReport,
    /// The MVP's forecast (85th percentile) and the hard dates' chances.
    forecast: Outlook,
    /// User needs by status.
    needs: NeedCounts,
    /// Requests waiting to be triaged.
    requests: RequestCounts,
    /// The service's phase and next assessment.
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<ServiceLine>,
}

impl View for Dashboard {
    fn kind(&self) -> &'static str {
        "dashboard"
    }

    fn blocks(&self) -> Vec<Block> {
        let p = &self.product;
        let mut fields: Vec<(String, Cell)> = vec![(
            "Key".into(),
            format!("{} (items {}-1, {}-2, ...)", p.key, p.key, p.key).into(),
        )];
        if let Some(owner) = &p.owner {
            fields.push(("Owner".into(), owner.as_str().into()));
        }
        if let Some(v) = &self.vision {
            fields.push(("Vision".into(), v.as_str().into()));
        }
        let counts: Vec<String> = self
            .items_by_status
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| format!("{} {}", c.count, c.status))
            .collect();
        let counts = if counts.is_empty() {
            "none yet".to_owned()
        } else {
            counts.join(" · ")
        };
        fields.push(("Items".into(), counts.into()));
        if self.mvp.items_total > 0 {
            fields.push(("MVP".into(), mvp_progress(&self.mvp).into()));
        }
        fields.extend(forecast_fields(&self.forecast));
        let n = &self.needs;
        if n.total > 0 {
            let mut parts: Vec<String> = [
                (n.validated, "validated"),
                (n.assumed, "assumed"),
                (n.met, "met"),
                (n.invalid, "invalid"),
            ]
            .iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, status)| format!("{count} {status}"))
            .collect();
            if n.unaddressed > 0 {
                parts.push(format!("{} validated with no item", n.unaddressed));
            }
            fields.push(("User needs".into(), parts.join(" · ").into()));
        }
        let r = &self.requests;
        if r.total > 0 {
            let text = match r.oldest_open_days {
                Some(days) => format!(
                    "{} open (the oldest has waited {days} days) of {}",
                    r.open, r.total
                ),
                None => format!("none open of {}", r.total),
            };
            fields.push(("Requests".into(), text.into()));
        }
        if let Some(s) = &self.service {
            let next = match &s.next {
                Some(a) => format!("next: {}", crate::render::service::assessment_words(a)),
                None => "no assessment planned".into(),
            };
            fields.push((
                "Service".into(),
                format!("{} · {} · {next}", s.phase, s.standard_name).into(),
            ));
        }
        fields.push(("File".into(), self.file.as_str().into()));
        let mut blocks = vec![Block::Heading(p.name.clone()), Block::Fields(fields)];
        if !self.roadmap_now.is_empty() {
            blocks.push(Block::Heading("Roadmap: now".into()));
            for r in &self.roadmap_now {
                blocks.push(Block::Line(format!(
                    "{} {} · {}",
                    r.id,
                    r.title,
                    progress(r)
                )));
            }
        }
        if !self.objectives.is_empty() {
            blocks.push(Block::Heading("Objectives".into()));
            blocks.push(Block::Table(objectives_table(&self.objectives)));
        }
        if !self.kpis.is_empty() {
            blocks.push(Block::Heading("KPIs".into()));
            blocks.push(Block::Table(kpis_table(&self.kpis)));
        }
        if self.top.is_empty() {
            blocks.push(Block::Line(
                "The backlog is empty: add an item with `product item add \"Title\"`.".into(),
            ));
        } else {
            blocks.push(Block::Heading(format!(
                "Top of the backlog ({} of {} open)",
                self.top.len(),
                self.open_items
            )));
            blocks.push(Block::Table(ItemRow::table(&self.top, &self.score)));
        }
        blocks
    }
}

/// Objectives at a glance: grade and status.
fn objectives_table(objectives: &[ObjectiveReport]) -> TableBlock {
    TableBlock {
        header: ["ID", "Objective", "Grade", "Status"]
            .map(String::from)
            .to_vec(),
        rows: objectives
            .iter()
            .map(|o| {
                vec![
                    Cell::new(&o.id, Tone::Strong),
                    o.title.as_str().into(),
                    objective_grade_cell(o),
                    objective_status_cell(o),
                ]
            })
            .collect(),
    }
}

/// KPIs at a glance: latest value, status and change.
fn kpis_table(kpis: &[KpiReport]) -> TableBlock {
    TableBlock {
        header: ["ID", "KPI", "Latest", "Status", "Change"]
            .map(String::from)
            .to_vec(),
        rows: kpis
            .iter()
            .map(|k| {
                vec![
                    Cell::new(&k.id, Tone::Strong),
                    k.name.as_str().into(),
                    latest_cell(k),
                    status_cell(k.status),
                    kpi_change_cell(k),
                ]
            })
            .collect(),
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (path, product) = ctx.load()?;
    let d = dashboard::dashboard(&product, ctx.today);
    let score = ScoreColumn::of(&product);
    let view = Dashboard {
        score_method: score.method.clone(),
        score,
        file: ctx.shown(&path),
        vision: d.vision,
        items_by_status: d.items_by_status,
        open_items: d.open_items,
        top: ItemRow::rows(&product, dashboard::top_items(&product)),
        objectives: d.objectives,
        kpis: d.kpis,
        roadmap_now: d.roadmap_now,
        mvp: d.mvp,
        forecast: d.forecast,
        needs: d.needs,
        requests: d.requests,
        service: d.service,
        product: d.product,
    };
    ctx.print(&view)
}
