//! Backlog items as faces show them: rows of a backlog table (in several
//! reports), the backlog filtered, one item in full, an item's scores under
//! every method, the experiments, and what removing an item would unlink.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{ExperimentResult, Item, Kind, Product, Status, number};
use crate::priority::{self, Method, NeedEvidence};

/// One line of a backlog table.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    /// The 1-based place among open items; none for done and dropped ones.
    pub position: Option<usize>,
    pub id: String,
    pub title: String,
    pub kind: String,
    pub status: Status,
    #[serde(serialize_with = "number::compact_opt")]
    pub size: Option<f64>,
    pub mvp: bool,
    pub tags: Vec<String>,
    /// Open items it depends on: while there are any, it is blocked.
    pub blocked_by: Vec<String>,
    /// The score by the file's default method; none when it cannot be scored.
    #[serde(serialize_with = "number::compact_opt")]
    pub score: Option<f64>,
    /// The score as shown (for MoSCoW, the category).
    #[serde(skip)]
    pub score_text: String,
}

/// The method that scores rows, as a name and a column heading.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreColumn {
    pub method: String,
    #[serde(skip)]
    pub label: String,
}

impl ScoreColumn {
    /// The file's default method (checked when the file was loaded).
    fn method(product: &Product) -> Option<Method> {
        Method::default_for(&product.scoring).ok()
    }

    pub fn of(product: &Product) -> ScoreColumn {
        let method = Self::method(product).unwrap_or(Method::Wsjf);
        ScoreColumn {
            method: method.name().to_owned(),
            label: method.label(),
        }
    }
}

impl ItemRow {
    /// Rows for these items, with their backlog positions and default scores.
    pub fn rows<'a>(product: &Product, items: impl IntoIterator<Item = &'a Item>) -> Vec<ItemRow> {
        let positions: HashMap<&str, usize> = product
            .open_items()
            .enumerate()
            .map(|(i, item)| (item.id.as_str(), i + 1))
            .collect();
        // Looked up once, not per dependency: a backlog can hold many thousands.
        let open: HashSet<&str> = positions.keys().copied().collect();
        let method = ScoreColumn::method(product);
        let needs = NeedEvidence::of(product);
        items
            .into_iter()
            .map(|item| {
                let scored = method
                    .as_ref()
                    .and_then(|m| priority::score(item, m, &needs).ok());
                let (score, score_text) = match (&method, scored) {
                    (Some(Method::Moscow), Some(_)) => {
                        (None, item.moscow.map_or(String::new(), |m| m.to_string()))
                    }
                    (_, Some((s, _))) => (Some(s.value), priority::display_score(s.value)),
                    _ => (None, String::new()),
                };
                ItemRow {
                    score,
                    score_text,
                    position: positions.get(item.id.as_str()).copied(),
                    id: item.id.clone(),
                    title: item.title.clone(),
                    kind: item.kind.to_string(),
                    status: item.status,
                    size: item.size,
                    mvp: item.mvp,
                    tags: item.tags.clone(),
                    blocked_by: if item.is_open() {
                        item.depends_on
                            .iter()
                            .filter(|d| open.contains(d.as_str()))
                            .cloned()
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }
}

/// Which items to list. With no statuses, open items (all with `all`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemFilter {
    /// Only items with one of these statuses.
    pub statuses: Vec<Status>,
    /// Done and dropped items too (when no status is named).
    pub all: bool,
    pub kind: Option<Kind>,
    pub tag: Option<String>,
    /// Only items in the minimum viable product.
    pub mvp: bool,
    /// Only items linked to this key result (`O1.KR1`).
    pub key_result: Option<String>,
    /// Only items under this roadmap entry.
    pub roadmap: Option<String>,
    /// Only items that answer this user need (`N1`).
    pub need: Option<String>,
}

impl ItemFilter {
    /// Whether an item passes the filter.
    pub fn matches(&self, item: &Item) -> bool {
        let status_ok = if self.statuses.is_empty() {
            self.all || item.is_open()
        } else {
            self.statuses.contains(&item.status)
        };
        status_ok
            && self.kind.is_none_or(|k| item.kind == k)
            && self.tag.as_ref().is_none_or(|t| item.tags.contains(t))
            && (!self.mvp || item.mvp)
            && self
                .key_result
                .as_ref()
                .is_none_or(|kr| item.key_results.contains(kr))
            && self
                .roadmap
                .as_ref()
                .is_none_or(|r| item.roadmap.as_ref() == Some(r))
            && self.need.as_ref().is_none_or(|n| item.needs.contains(n))
    }
}

/// The backlog, filtered, in order.
#[derive(Debug, Clone, Serialize)]
pub struct ItemList {
    /// The method of the rows' `score`: the file's default.
    pub score_method: String,
    #[serde(skip)]
    pub score: ScoreColumn,
    pub items: Vec<ItemRow>,
    /// Items in the file, whatever their status.
    pub total: usize,
}

/// The items that pass `filter`, in backlog order. A key result or roadmap
/// entry the file does not have is an error, not an empty list.
pub fn list(product: &Product, filter: &ItemFilter) -> Result<ItemList> {
    if let Some(kr) = &filter.key_result {
        product.find_key_result(kr).map_err(Error::unknown_link)?;
    }
    if let Some(r) = &filter.roadmap {
        product.find_roadmap_entry(r)?;
    }
    if let Some(n) = &filter.need {
        product.find_need(n)?;
    }
    let items = ItemRow::rows(product, product.items.iter().filter(|i| filter.matches(i)));
    let score = ScoreColumn::of(product);
    Ok(ItemList {
        score_method: score.method.clone(),
        score,
        items,
        total: product.items.len(),
    })
}

/// One item in full, with its place in the backlog.
#[derive(Debug, Clone, Serialize)]
pub struct ItemDetail {
    /// Its place among open items; none when done or dropped.
    pub position: Option<usize>,
    pub item: Item,
    /// The user needs it answers, with their evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<super::needs::ItemNeed>,
}

/// The item with this id, in full.
pub fn detail(product: &Product, id: &str) -> Result<ItemDetail> {
    let item = product.find_item(id)?;
    Ok(ItemDetail {
        position: product.backlog_position(id),
        needs: super::needs::of_item(product, item),
        item: item.clone(),
    })
}

/// An item's scores under every method of the file.
#[derive(Debug, Clone, Serialize)]
pub struct ItemScores {
    pub id: String,
    pub title: String,
    pub position: Option<usize>,
    /// The file's default method.
    pub default_method: String,
    pub scores: Vec<MethodScore>,
}

/// The score under one method, or why there is none.
#[derive(Debug, Clone, Serialize)]
pub struct MethodScore {
    pub method: String,
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_of_delay: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unscored: Option<String>,
}

/// The scores of item `id` under WSJF, value/cost, RICE, MoSCoW and the
/// file's formulas, each with its working or why it has none.
pub fn scores(product: &Product, id: &str) -> Result<ItemScores> {
    let item = product.find_item(id)?;
    let method_error = |e: priority::MethodError| {
        Error::new(ErrorKind::Invalid, ErrorCode::UnknownMethod, e.to_string())
            .with_hint("fix [scoring] in the product file")
    };
    let default = Method::default_for(&product.scoring).map_err(method_error)?;
    let mut methods = vec![
        Method::Wsjf,
        Method::ValueCost,
        Method::Rice,
        Method::Moscow,
    ];
    for name in product.scoring.formulas.keys() {
        methods.push(Method::resolve(name, &product.scoring).map_err(method_error)?);
    }
    let needs = NeedEvidence::of(product);
    let scores = methods
        .iter()
        .map(|m| match priority::score(item, m, &needs) {
            Ok((score, explanation)) => MethodScore {
                method: m.name().to_owned(),
                score: (*m != Method::Moscow).then_some(score.value),
                cost_of_delay: explanation.cost_of_delay,
                working: Some(explanation.working),
                unscored: None,
            },
            Err(why) => MethodScore {
                method: m.name().to_owned(),
                score: None,
                cost_of_delay: None,
                working: None,
                unscored: Some(why.reason),
            },
        })
        .collect();
    Ok(ItemScores {
        id: item.id.clone(),
        title: item.title.clone(),
        position: product.backlog_position(id),
        default_method: default.name().to_owned(),
        scores,
    })
}

/// An experiment: what it tests, how, and what it showed.
#[derive(Debug, Clone, Serialize)]
pub struct ExperimentRow {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub hypothesis: Option<String>,
    /// The KPI (`K1`) or key result (`O1.KR1`) that tells whether it worked.
    pub measure: Option<String>,
    pub success: Option<String>,
    pub result: Option<ExperimentResult>,
    pub learning: Option<String>,
}

/// The experiments of the backlog.
#[derive(Debug, Clone, Serialize)]
pub struct ExperimentList {
    pub experiments: Vec<ExperimentRow>,
}

/// The items of kind experiment, in backlog order; dropped ones only with `all`.
pub fn experiments(product: &Product, all: bool) -> ExperimentList {
    let experiments = product
        .items
        .iter()
        .filter(|i| i.kind == Kind::Experiment)
        .filter(|i| all || i.status != Status::Dropped)
        .map(|i| {
            let e = i.experiment.clone().unwrap_or_default();
            ExperimentRow {
                id: i.id.clone(),
                title: i.title.clone(),
                status: i.status,
                hypothesis: e.hypothesis,
                measure: e.measure,
                success: e.success,
                result: e.result,
                learning: e.learning,
            }
        })
        .collect();
    ExperimentList { experiments }
}

/// An item as another names it: its id, title and status.
#[derive(Debug, Clone, Serialize)]
pub struct ItemName {
    pub id: String,
    pub title: String,
    pub status: Status,
}

impl ItemName {
    fn of(item: &Item) -> Self {
        ItemName {
            id: item.id.clone(),
            title: item.title.clone(),
            status: item.status,
        }
    }
}

/// What removing an item would do: the item, and the items that depend
/// on it (their dependency on it goes with it).
#[derive(Debug, Clone, Serialize)]
pub struct Removal {
    pub id: String,
    pub title: String,
    pub dependents: Vec<ItemName>,
}

impl Removal {
    /// `RX-4 (Title) depends on it`, `RX-4 (...) and RX-5 (...) depend on it`;
    /// `None` when nothing does.
    pub fn dependents_text(&self) -> Option<String> {
        let names: Vec<String> = self
            .dependents
            .iter()
            .map(|d| format!("{} ({})", d.id, d.title))
            .collect();
        match names.as_slice() {
            [] => None,
            [one] => Some(format!("{one} depends on it")),
            [init @ .., last] => Some(format!("{} and {last} depend on it", init.join(", "))),
        }
    }
}

/// What removing the item with this id would do.
pub fn removal(product: &Product, id: &str) -> Result<Removal> {
    let item = product.find_item(id)?;
    Ok(Removal {
        id: item.id.clone(),
        title: item.title.clone(),
        dependents: product
            .dependents(id)
            .into_iter()
            .map(ItemName::of)
            .collect(),
    })
}
