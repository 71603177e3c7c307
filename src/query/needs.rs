//! User needs as the team reads them: each need with its evidence and the
//! items that answer it by status (the coverage), the items that answer no
//! need, and one need in full.

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::model::{Date, Evidence, Item, Kind, Need, NeedStatus, Product, Status};

/// How many items answer a need, by where they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ItemCounts {
    /// Idea, ready or doing.
    pub open: usize,
    pub done: usize,
    pub dropped: usize,
}

impl ItemCounts {
    fn add(&mut self, status: Status) {
        match status {
            Status::Done => self.done += 1,
            Status::Dropped => self.dropped += 1,
            _ => self.open += 1,
        }
    }

    /// Whether any item that is not dropped answers it.
    pub fn addressed(&self) -> bool {
        self.open + self.done > 0
    }
}

/// One need as the list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct NeedRow {
    pub id: String,
    pub statement: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<String>,
    pub status: NeedStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How many pieces of evidence it has.
    pub evidence: usize,
    /// How many people its evidence stands for, in all.
    pub people: u64,
    /// The day of its latest evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_evidence: Option<Date>,
    pub items: ItemCounts,
}

/// An item that answers no need.
#[derive(Debug, Clone, Serialize)]
pub struct ItemBrief {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub status: Status,
}

/// The needs and what answers them.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub needs: Vec<NeedRow>,
    /// Open features that answer no need, in backlog order.
    pub items_without_need: Vec<ItemBrief>,
    /// Validated needs that no open or done item answers.
    pub unaddressed: Vec<String>,
}

impl Coverage {
    /// How many needs there are with each status, in the order of [`NeedStatus`].
    pub fn by_status(&self) -> Vec<(NeedStatus, usize)> {
        use crate::model::Choice;
        NeedStatus::ALL
            .iter()
            .map(|s| (*s, self.needs.iter().filter(|n| n.status == *s).count()))
            .collect()
    }
}

/// Every need (or those of one status) with its evidence and items, the
/// open features that answer none, and the validated needs nothing answers.
pub fn coverage(product: &Product, status: Option<NeedStatus>) -> Coverage {
    let counts = item_counts(product);
    let needs: Vec<NeedRow> = product
        .needs
        .iter()
        .filter(|n| status.is_none_or(|s| n.status == s))
        .map(|n| row(n, counts.get(n.id.as_str()).copied().unwrap_or_default()))
        .collect();
    let unaddressed = needs
        .iter()
        .filter(|n| n.status == NeedStatus::Validated && !n.items.addressed())
        .map(|n| n.id.clone())
        .collect();
    Coverage {
        needs,
        items_without_need: items_without_need(product),
        unaddressed,
    }
}

/// Open features that answer no need that counts: the backlog's work with
/// no stated reason for a user.
pub fn items_without_need(product: &Product) -> Vec<ItemBrief> {
    let counting: HashMap<&str, bool> = product
        .needs
        .iter()
        .map(|n| (n.id.as_str(), n.status.counts()))
        .collect();
    product
        .open_items()
        .filter(|i| i.kind == Kind::Feature)
        .filter(|i| {
            !i.needs
                .iter()
                .any(|n| counting.get(n.as_str()).copied().unwrap_or(false))
        })
        .map(brief)
        .collect()
}

/// Items answering each need, by status, in one pass over the backlog.
pub(crate) fn item_counts(product: &Product) -> HashMap<&str, ItemCounts> {
    let mut counts: HashMap<&str, ItemCounts> = HashMap::with_capacity(product.needs.len());
    for item in &product.items {
        for (i, need) in item.needs.iter().enumerate() {
            if !item.needs[..i].contains(need) {
                counts.entry(need.as_str()).or_default().add(item.status);
            }
        }
    }
    counts
}

fn row(need: &Need, items: ItemCounts) -> NeedRow {
    NeedRow {
        id: need.id.clone(),
        statement: need.statement.clone(),
        users: need.users.clone(),
        status: need.status,
        reason: need.reason.clone(),
        evidence: need.evidence.len(),
        people: need.people(),
        last_evidence: need.evidence.iter().map(|e| e.date).max(),
        items,
    }
}

fn brief(item: &Item) -> ItemBrief {
    ItemBrief {
        id: item.id.clone(),
        title: item.title.clone(),
        kind: item.kind,
        status: item.status,
    }
}

/// A need in full: its evidence, and what links to it.
#[derive(Debug, Clone, Serialize)]
pub struct NeedDetail {
    pub id: String,
    pub statement: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<String>,
    pub status: NeedStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<Date>,
    pub people: u64,
    pub evidence: Vec<Evidence>,
    /// The items that answer it, in file order.
    pub items: Vec<ItemBrief>,
    /// The objectives that serve it.
    pub objectives: Vec<Linked>,
    /// Requests merged into it.
    pub requests: Vec<Linked>,
}

/// Something that links to a need, by id and title (or text).
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    pub id: String,
    pub title: String,
}

/// The need with this id, in full.
pub fn detail(product: &Product, id: &str) -> Result<NeedDetail> {
    let need = product.find_need(id)?;
    let links = |needs: &[String]| needs.iter().any(|n| n == id);
    Ok(NeedDetail {
        id: need.id.clone(),
        statement: need.statement.clone(),
        users: need.users.clone(),
        status: need.status,
        reason: need.reason.clone(),
        created: need.created,
        people: need.people(),
        evidence: by_date(&need.evidence),
        items: product
            .items
            .iter()
            .filter(|i| links(&i.needs))
            .map(brief)
            .collect(),
        objectives: product
            .objectives
            .iter()
            .filter(|o| links(&o.needs))
            .map(|o| Linked {
                id: o.id.clone(),
                title: o.title.clone(),
            })
            .collect(),
        requests: product
            .requests
            .iter()
            .filter(|r| r.into.as_deref() == Some(id))
            .map(|r| Linked {
                id: r.id.clone(),
                title: r.text.clone(),
            })
            .collect(),
    })
}

/// The needs an item answers, each with what its evidence stands for:
/// what `item show` lists under the item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemNeed {
    pub id: String,
    pub statement: String,
    pub status: NeedStatus,
    pub people: u64,
    pub evidence: Vec<Evidence>,
}

/// The needs `item` links to that the file has, in the item's order.
pub fn of_item(product: &Product, item: &Item) -> Vec<ItemNeed> {
    item.needs
        .iter()
        .filter_map(|id| product.needs.iter().find(|n| &n.id == id))
        .map(|n| ItemNeed {
            id: n.id.clone(),
            statement: n.statement.clone(),
            status: n.status,
            people: n.people(),
            evidence: by_date(&n.evidence),
        })
        .collect()
}

/// Evidence oldest first, a day's in the order recorded: the file keeps
/// the order it was recorded in.
fn by_date(evidence: &[Evidence]) -> Vec<Evidence> {
    let mut sorted = evidence.to_vec();
    sorted.sort_by_key(|e| e.date);
    sorted
}
