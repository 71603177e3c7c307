//! `product portfolio roadmap`: the Now / Next / Later lanes with every
//! product's entries, in manifest order, hard dates marked.

use serde::Serialize;

use crate::model::Horizon;
use crate::query::roadmap::{self, RoadmapReport};

use super::Portfolio;

/// The combined roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioRoadmap {
    pub name: String,
    pub lanes: Vec<Lane>,
}

/// One horizon, across products.
#[derive(Debug, Clone, Serialize)]
pub struct Lane {
    pub horizon: Horizon,
    pub entries: Vec<LaneEntry>,
}

/// A product's roadmap entry in a lane: the entry as `roadmap list` gives it.
#[derive(Debug, Clone, Serialize)]
pub struct LaneEntry {
    pub product: String,
    pub product_name: String,
    #[serde(flatten)]
    pub entry: RoadmapReport,
}

/// The lanes of the products that were read.
pub fn roadmap(portfolio: &Portfolio) -> PortfolioRoadmap {
    let mut lanes: Vec<Lane> = Horizon::ALL
        .iter()
        .map(|&horizon| Lane {
            horizon,
            entries: Vec::new(),
        })
        .collect();
    for (_, product) in portfolio.read() {
        for entry in roadmap::entries(product) {
            let lane = super::horizon_rank(entry.horizon);
            lanes[lane].entries.push(LaneEntry {
                product: product.product.key.clone(),
                product_name: product.product.name.clone(),
                entry,
            });
        }
    }
    PortfolioRoadmap {
        name: portfolio.manifest.name.clone(),
        lanes,
    }
}
