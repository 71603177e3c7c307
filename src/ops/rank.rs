//! Applying a ranking: the open backlog reordered by a scoring method in
//! one change. Pinned items keep their places, unscored items go below the
//! scored ones, and done and dropped items stay where they are.

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{Date, Product};
use crate::priority::{self, Ranking};
use crate::query::rank::{self as rank_query, RankReport};

/// The method to reorder the backlog by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyRanking {
    /// A method's name; the file's default method when `None`.
    pub by: Option<String>,
}

/// What applying a ranking did.
#[derive(Debug, Clone)]
pub struct RankApplied {
    /// The ranking as it stood before it was applied (`applied` says
    /// whether anything moved).
    pub report: RankReport,
    /// How many open items moved.
    pub moved: usize,
}

/// Reorders the open backlog to the ranking by the method `opts` names.
pub fn apply(product: &mut Product, _today: Date, opts: &ApplyRanking) -> Result<RankApplied> {
    let method = rank_query::method(product, opts.by.as_deref())?;
    let ranking = priority::rank(product, &method);
    let mut report = RankReport::new(product, &ranking);
    let moved = reorder(product, &ranking)?;
    report.applied = moved > 0;
    Ok(RankApplied { report, moved })
}

/// Puts the open items in the order `ranking` gives them; how many moved.
pub fn reorder(product: &mut Product, ranking: &Ranking) -> Result<usize> {
    let moved = ranking.moves();
    if moved > 0 {
        product
            .reorder_open(&ranking.order())
            .map_err(|e| Error::new(ErrorKind::Io, ErrorCode::Internal, e.to_string()))?;
    }
    Ok(moved)
}
