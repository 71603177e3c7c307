//! Ids are never handed out twice: `[product.last_ids]`, the highest
//! number issued for each kind of id, and `[product] requires`, the oldest
//! tool that honours it.
//!
//! The next id of a kind follows the highest of the ids in the file and the
//! mark. The mark is written only when it says something the ids do not:
//! after the entity holding the highest id is removed (so `item rm RX-9`
//! then `item add` gives `RX-10`, not a second `RX-9`), or after a merge
//! saw ids that the merged file no longer has. A file without the section
//! reads as one whose marks are its own highest ids.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Product;
use super::validate::is_item_id;

/// `[product.last_ids]`: the highest number ever issued, per kind of id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LastIds {
    /// Backlog items: `12` after `RX-12`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<u64>,
    /// Objectives: `3` after `O3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objectives: Option<u64>,
    /// Key results, per objective: `{ O1 = 4 }` after `O1.KR4`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub key_results: BTreeMap<String, u64>,
    /// KPIs: `2` after `K2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpis: Option<u64>,
    /// Roadmap entries: `5` after `R5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roadmap: Option<u64>,
    /// Decisions: `9` after `D9`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decisions: Option<u64>,
    /// User needs: `4` after `N4`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<u64>,
    /// Requests: `7` after `Q7`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
    /// Service assessments: `2` after `A2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessments: Option<u64>,
}

impl LastIds {
    pub const FIELDS: &[&str] = &[
        "items",
        "objectives",
        "key_results",
        "kpis",
        "roadmap",
        "decisions",
        "needs",
        "requests",
        "assessments",
    ];

    pub fn is_empty(&self) -> bool {
        *self == LastIds::default()
    }
}

/// The first tool version that honours `[product.last_ids]`: a file that
/// has them says so in `[product] requires`, so that an older tool, which
/// would hand a removed id out again, refuses to write it.
pub const LAST_IDS_SINCE: &str = "0.2";

/// The version of this library, as `major.minor`.
pub fn tool_version() -> &'static str {
    let full = env!("CARGO_PKG_VERSION");
    match full.match_indices('.').nth(1) {
        Some((at, _)) => &full[..at],
        None => full,
    }
}

/// Whether a tool of `version` may write a file that requires `required`
/// (both `X.Y`, compared as numbers; an unreadable requirement is not met).
pub fn meets(version: &str, required: &str) -> bool {
    fn parts(v: &str) -> Option<(u64, u64)> {
        let (major, minor) = v.trim().split_once('.').unwrap_or((v.trim(), "0"));
        Some((major.parse().ok()?, minor.parse().ok()?))
    }
    match (parts(version), parts(required)) {
        (Some(have), Some(need)) => have >= need,
        _ => false,
    }
}

/// The kinds of numbered id a product issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Item,
    Objective,
    Kpi,
    Roadmap,
    Decision,
    Need,
    Request,
    Assessment,
}

impl IdKind {
    pub const ALL: [IdKind; 8] = [
        IdKind::Item,
        IdKind::Objective,
        IdKind::Kpi,
        IdKind::Roadmap,
        IdKind::Decision,
        IdKind::Need,
        IdKind::Request,
        IdKind::Assessment,
    ];

    fn mark(self, marks: &LastIds) -> Option<u64> {
        match self {
            IdKind::Item => marks.items,
            IdKind::Objective => marks.objectives,
            IdKind::Kpi => marks.kpis,
            IdKind::Roadmap => marks.roadmap,
            IdKind::Decision => marks.decisions,
            IdKind::Need => marks.needs,
            IdKind::Request => marks.requests,
            IdKind::Assessment => marks.assessments,
        }
    }

    fn mark_mut(self, marks: &mut LastIds) -> &mut Option<u64> {
        match self {
            IdKind::Item => &mut marks.items,
            IdKind::Objective => &mut marks.objectives,
            IdKind::Kpi => &mut marks.kpis,
            IdKind::Roadmap => &mut marks.roadmap,
            IdKind::Decision => &mut marks.decisions,
            IdKind::Need => &mut marks.needs,
            IdKind::Request => &mut marks.requests,
            IdKind::Assessment => &mut marks.assessments,
        }
    }

    /// The prefix of this kind's ids in `product`: `RX-` for items.
    pub fn prefix(self, product: &Product) -> String {
        match self {
            IdKind::Item => format!("{}-", product.product.key),
            IdKind::Objective => "O".into(),
            IdKind::Kpi => "K".into(),
            IdKind::Roadmap => "R".into(),
            IdKind::Decision => "D".into(),
            IdKind::Need => "N".into(),
            IdKind::Request => "Q".into(),
            IdKind::Assessment => "A".into(),
        }
    }

    /// The ids of this kind in `product`.
    pub fn ids(self, product: &Product) -> Vec<&str> {
        match self {
            IdKind::Item => product.items.iter().map(|i| i.id.as_str()).collect(),
            IdKind::Objective => product.objectives.iter().map(|o| o.id.as_str()).collect(),
            IdKind::Kpi => product.kpis.iter().map(|k| k.id.as_str()).collect(),
            IdKind::Roadmap => product.roadmap.iter().map(|r| r.id.as_str()).collect(),
            IdKind::Decision => product.decisions.iter().map(|d| d.id.as_str()).collect(),
            IdKind::Need => product.needs.iter().map(|n| n.id.as_str()).collect(),
            IdKind::Request => product.requests.iter().map(|r| r.id.as_str()).collect(),
            IdKind::Assessment => product.assessments.iter().map(|a| a.id.as_str()).collect(),
        }
    }

    /// The highest number of this kind issued in `product`: its ids and its mark.
    pub fn highest(self, product: &Product) -> u64 {
        let prefix = self.prefix(product);
        let in_use = self
            .ids(product)
            .into_iter()
            .filter(|id| self != IdKind::Item || is_item_id(id))
            .filter_map(|id| number_after(id, &prefix))
            .max()
            .unwrap_or(0);
        in_use.max(self.mark(&product.product.last_ids).unwrap_or(0))
    }

    /// The next id of this kind, or `None` once the numbers have run out.
    pub fn next(self, product: &Product) -> Option<String> {
        let id = format!(
            "{}{}",
            self.prefix(product),
            self.highest(product).checked_add(1)?
        );
        (self != IdKind::Item || is_item_id(&id)).then_some(id)
    }

    /// The next id of this kind; running out of numbers is an error, never
    /// a wrapped, repeated or over-long id.
    pub fn next_id(self, product: &Product) -> Result<String, IdsExhausted> {
        self.next(product).ok_or_else(|| IdsExhausted {
            what: self.name(),
            prefix: self.prefix(product).trim_end_matches('-').to_owned(),
        })
    }

    /// What an id of this kind names, in messages.
    pub fn name(self) -> &'static str {
        match self {
            IdKind::Item => "item",
            IdKind::Objective => "objective",
            IdKind::Kpi => "KPI",
            IdKind::Roadmap => "roadmap entry",
            IdKind::Decision => "decision",
            IdKind::Need => "need",
            IdKind::Request => "request",
            IdKind::Assessment => "assessment",
        }
    }
}

/// No number is left for a new id: the highest issued (in use, or
/// remembered in `[product.last_ids]`) is the last one an id can have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdsExhausted {
    /// What the id would have named: `item`, `key result`.
    pub what: &'static str,
    /// The ids' prefix, as written before the number: `RX`, `D`, `O1.KR`.
    pub prefix: String,
}

impl std::fmt::Display for IdsExhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no {} number is left after the highest {} id",
            self.what, self.prefix
        )
    }
}

impl std::error::Error for IdsExhausted {}

/// The next key result id within the objective `objective`: `KR` and one
/// more than the highest issued there.
pub fn next_key_result_id(product: &Product, objective: &str) -> Result<String, IdsExhausted> {
    match highest_key_result(product, objective).checked_add(1) {
        Some(n) => Ok(format!("KR{n}")),
        None => Err(IdsExhausted {
            what: "key result",
            prefix: format!("{objective}.KR"),
        }),
    }
}

/// The number of `id` after `prefix`: `12` of `RX-12`.
pub fn number_after(id: &str, prefix: &str) -> Option<u64> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The highest key result number issued within the objective `objective`
/// of `product`: its key results and its mark.
pub fn highest_key_result(product: &Product, objective: &str) -> u64 {
    let in_use = product
        .objectives
        .iter()
        .filter(|o| o.id == objective)
        .flat_map(|o| &o.key_results)
        .filter_map(|kr| number_after(&kr.id, "KR"))
        .max()
        .unwrap_or(0);
    let mark = product.product.last_ids.key_results.get(objective);
    in_use.max(mark.copied().unwrap_or(0))
}

/// Carries into `after` every number that `seen` issued and `after` would
/// otherwise hand out again, as a mark; marks `after` no longer needs (its
/// own ids reach them) are left as they are. Sets `requires` when it adds a
/// mark. Every change calls it with the product as it was; a merge with all
/// three sides.
pub fn keep_last_ids<'a>(seen: impl IntoIterator<Item = &'a Product>, after: &mut Product) {
    let seen: Vec<&Product> = seen.into_iter().collect();
    let mut added = false;
    for kind in IdKind::ALL {
        let issued = seen.iter().map(|p| kind.highest(p)).max().unwrap_or(0);
        if issued > kind.highest(after) {
            *kind.mark_mut(&mut after.product.last_ids) = Some(issued);
            added = true;
        }
    }
    let objectives: Vec<String> = after.objectives.iter().map(|o| o.id.clone()).collect();
    for objective in objectives {
        let issued = seen
            .iter()
            .map(|p| highest_key_result(p, &objective))
            .max()
            .unwrap_or(0);
        if issued > highest_key_result(after, &objective) {
            after.product.last_ids.key_results.insert(objective, issued);
            added = true;
        }
    }
    if added || !after.product.last_ids.is_empty() {
        let requires = &mut after.product.requires;
        if !requires
            .as_deref()
            .is_some_and(|r| meets(r, LAST_IDS_SINCE))
        {
            *requires = Some(LAST_IDS_SINCE.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Kind};

    fn product(ids: &[&str]) -> Product {
        let mut p = Product::new("P".into(), "RX".into());
        let today = "2026-11-24".parse().unwrap();
        for id in ids {
            p.items
                .push(Item::new((*id).into(), "T".into(), Kind::Feature, today));
        }
        p
    }

    #[test]
    fn a_removed_top_id_is_remembered_and_not_handed_out_again() {
        let before = product(&["RX-1", "RX-2", "RX-3"]);
        let mut after = before.clone();
        after.items.pop();
        keep_last_ids([&before], &mut after);
        assert_eq!(after.product.last_ids.items, Some(3));
        assert_eq!(after.product.requires.as_deref(), Some(LAST_IDS_SINCE));
        assert_eq!(IdKind::Item.next(&after).as_deref(), Some("RX-4"));
    }

    #[test]
    fn no_mark_is_written_while_the_ids_say_it() {
        let before = product(&["RX-1", "RX-2", "RX-3"]);
        let mut after = before.clone();
        after.items.remove(0);
        keep_last_ids([&before], &mut after);
        assert!(after.product.last_ids.is_empty());
        assert_eq!(after.product.requires, None);
    }

    #[test]
    fn versions_compare_as_numbers() {
        assert!(meets("0.10", "0.2"));
        assert!(!meets("0.1", "0.2"));
        assert!(meets("1.0", "0.9"));
        assert!(!meets("0.2", "banana"));
        assert!(meets(tool_version(), LAST_IDS_SINCE));
    }

    #[test]
    fn number_after_wants_digits_only() {
        assert_eq!(number_after("RX-12", "RX-"), Some(12));
        assert_eq!(number_after("RX-1a", "RX-"), None);
        assert_eq!(number_after("RX-", "RX-"), None);
        assert_eq!(number_after("KR3", "KR"), Some(3));
    }
}
