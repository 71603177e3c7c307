//! `product portfolio show`: one line per product (owner, open items, MVP
//! progress, Now entries, objective grades, KPI statuses, its own check's
//! errors and warnings, the MVP forecast), then the portfolio objectives
//! with the product objectives that contribute to them. Every figure is
//! the one the product's own commands give (`query`).

use serde::Serialize;

use crate::check::{self, Tally};
use crate::goals::{Band, KpiStatus};
use crate::model::{Date, Horizon, Product, number};
use crate::query::{forecast, kpi, mvp::MvpReport, okr, roadmap};

use super::{Loaded, Portfolio};

/// The portfolio at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioShow {
    pub name: String,
    pub products: Vec<ProductLine>,
    pub objectives: Vec<ObjectiveLine>,
    /// How many products could not be read.
    pub unreadable: usize,
}

/// One product's line.
#[derive(Debug, Clone, Serialize)]
pub struct ProductLine {
    /// The file as the manifest names it (`payments/product.toml@origin/main`).
    pub path: String,
    pub key: Option<String>,
    pub name: Option<String>,
    pub owner: Option<String>,
    /// The figures: none for a product that cannot be read.
    pub open_items: Option<usize>,
    pub mvp_done: Option<usize>,
    pub mvp_total: Option<usize>,
    /// The roadmap entries in Now, by id.
    pub now: Vec<String>,
    pub objectives: Vec<Grade>,
    pub kpis: Option<KpiCounts>,
    /// Its own `product check`'s tally.
    pub check: Option<Tally>,
    /// The day the MVP is done by in 85% of trials, where there is history to forecast from.
    pub mvp_p85: Option<Date>,
    /// Why there is no such day: no MVP, or too little history (as `product show` says).
    pub mvp_forecast_reason: Option<String>,
    /// Why the product could not be read.
    pub error: Option<String>,
}

/// An objective's grade, as `okr list` gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Grade {
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "number::compact_opt")]
    pub grade: Option<f64>,
    pub colour: Option<Band>,
}

/// How many KPIs are of each colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KpiCounts {
    pub green: usize,
    pub amber: usize,
    pub red: usize,
    pub unknown: usize,
}

/// A portfolio objective and the product objectives that contribute to it.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveLine {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub contributions: Vec<Contribution>,
    /// The mean of the graded contributions' grades.
    #[serde(serialize_with = "number::compact_opt")]
    pub grade: Option<f64>,
}

/// A product objective contributing to a portfolio objective.
#[derive(Debug, Clone, Serialize)]
pub struct Contribution {
    pub product: String,
    pub objective: String,
    pub title: String,
    #[serde(serialize_with = "number::compact_opt")]
    pub grade: Option<f64>,
    pub colour: Option<Band>,
}

/// The portfolio as of `today`.
pub fn show(portfolio: &Portfolio, today: Date) -> PortfolioShow {
    let lines: Vec<ProductLine> = super::par_map(&portfolio.products, |loaded| match loaded {
        Loaded::Read {
            product,
            shape,
            repository,
        } => line(product, *shape, *repository, today),
        Loaded::Failed { reason } => ProductLine {
            path: String::new(),
            key: None,
            name: None,
            owner: None,
            open_items: None,
            mvp_done: None,
            mvp_total: None,
            now: Vec::new(),
            objectives: Vec::new(),
            kpis: None,
            check: None,
            mvp_p85: None,
            mvp_forecast_reason: None,
            error: Some((*reason).to_owned()),
        },
    });
    let products: Vec<ProductLine> = lines
        .into_iter()
        .zip(&portfolio.manifest.products)
        .map(|(mut line, member)| {
            line.path = member.shown();
            line
        })
        .collect();
    let objectives = portfolio
        .manifest
        .objectives
        .iter()
        .map(|po| {
            let contributions: Vec<Contribution> = portfolio
                .read()
                .flat_map(|(p, product)| {
                    let line = &products[p];
                    product
                        .objectives
                        .iter()
                        .filter(|o| o.contributes_to.contains(&po.id))
                        .map(move |o| {
                            let graded = line.objectives.iter().find(|g| g.id == o.id);
                            Contribution {
                                product: product.product.key.clone(),
                                objective: o.id.clone(),
                                title: o.title.clone(),
                                grade: graded.and_then(|g| g.grade),
                                colour: graded.and_then(|g| g.colour),
                            }
                        })
                })
                .collect();
            let grades: Vec<f64> = contributions.iter().filter_map(|c| c.grade).collect();
            ObjectiveLine {
                id: po.id.clone(),
                title: po.title.clone(),
                description: po.description.clone(),
                grade: (!grades.is_empty())
                    .then(|| grades.iter().sum::<f64>() / grades.len() as f64),
                contributions,
            }
        })
        .collect();
    PortfolioShow {
        name: portfolio.manifest.name.clone(),
        unreadable: products.iter().filter(|l| l.error.is_some()).count(),
        products,
        objectives,
    }
}

fn line(
    product: &Product,
    shape: Option<&check::Shape>,
    repository: Option<&crate::gitattributes::InRepository>,
    today: Date,
) -> ProductLine {
    let outlook = forecast::outlook(product, today);
    let mvp = MvpReport::of(product);
    let mut kpis = KpiCounts::default();
    for k in kpi::kpis(product, today) {
        match k.status {
            KpiStatus::Green => kpis.green += 1,
            KpiStatus::Amber => kpis.amber += 1,
            KpiStatus::Red => kpis.red += 1,
            KpiStatus::Unknown => kpis.unknown += 1,
        }
    }
    ProductLine {
        path: String::new(),
        key: Some(product.product.key.clone()),
        name: Some(product.product.name.clone()),
        owner: product.product.owner.clone(),
        open_items: Some(product.open_items().count()),
        mvp_done: Some(mvp.items_done),
        mvp_total: Some(mvp.items_total),
        now: roadmap::entries(product)
            .into_iter()
            .filter(|r| r.horizon == Horizon::Now)
            .map(|r| r.id)
            .collect(),
        objectives: okr::objectives(product, today)
            .into_iter()
            .map(|o| Grade {
                id: o.id,
                title: o.title,
                grade: o.grade,
                colour: o.colour,
            })
            .collect(),
        kpis: Some(kpis),
        check: Some(Tally::of(&super::own_check(
            product, shape, repository, today,
        ))),
        mvp_p85: outlook.mvp_p85,
        mvp_forecast_reason: match (outlook.mvp_status, outlook.mvp_p85) {
            (None, _) => Some("no MVP".to_owned()),
            (Some(_), None) => Some(outlook.reason.unwrap_or_else(|| "no forecast".to_owned())),
            (Some(_), Some(_)) => None,
        },
        error: None,
    }
}
