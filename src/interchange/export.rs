//! `export csv`: every item field as a column, named as in the product
//! file, then a column a score. `import csv` reads the same columns back,
//! so an export imported into a new file gives the same items.

use crate::model::{Item, Product};
use crate::priority::{Method, NeedEvidence, score};

use super::cells::joined;
use super::columns::Field;

/// The export's header and rows, as plain text (not yet guarded against
/// formulas: that is the CSV writer's job, so JSON output keeps the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Exports the items given, each with its score under every method that
/// gives one (WSJF, value/cost, RICE and the file's own formulas).
pub fn export<'a>(product: &Product, items: impl IntoIterator<Item = &'a Item>) -> Export {
    let fields = Field::all();
    let methods = scoring_methods(product);
    let needs = NeedEvidence::of(product);
    let mut header: Vec<String> = fields.iter().map(|f| f.name().to_owned()).collect();
    header.extend(methods.iter().map(|(name, _)| format!("{name}_score")));
    let rows = items
        .into_iter()
        .map(|item| {
            let mut row: Vec<String> = fields.iter().map(|&f| cell(item, f)).collect();
            row.extend(methods.iter().map(|(_, m)| match score(item, m, &needs) {
                Ok((s, _)) => s.value.to_string(),
                Err(_) => String::new(),
            }));
            row
        })
        .collect();
    Export { header, rows }
}

/// An item's scores under every method that scores it, by method name
/// (`wsjf`, `value_cost`, `rice`, then the file's formulas).
pub fn scores(product: &Product, item: &Item) -> Vec<(String, f64)> {
    scores_by(&scoring_methods(product), &NeedEvidence::of(product), item)
}

fn scores_by(
    methods: &[(String, Method)],
    needs: &NeedEvidence,
    item: &Item,
) -> Vec<(String, f64)> {
    methods
        .iter()
        .filter_map(|(name, m)| {
            score(item, m, needs)
                .ok()
                .map(|(s, _)| (name.clone(), s.value))
        })
        .collect()
}

/// The items given as JSON, each as the product file has it with a
/// `scores` object: the export for scripts.
pub fn export_json<'a>(
    product: &Product,
    items: impl IntoIterator<Item = &'a Item>,
) -> Vec<serde_json::Value> {
    let methods = scoring_methods(product);
    let needs = NeedEvidence::of(product);
    items
        .into_iter()
        .map(|item| {
            let mut value = serde_json::to_value(item).unwrap_or_default();
            let scores: serde_json::Map<String, serde_json::Value> =
                scores_by(&methods, &needs, item)
                    .into_iter()
                    .map(|(name, s)| (name, s.into()))
                    .collect();
            value["scores"] = scores.into();
            value
        })
        .collect()
}

/// The methods that give a number (MoSCoW groups, it does not score), with
/// their names as column names.
fn scoring_methods(product: &Product) -> Vec<(String, Method)> {
    Method::known(&product.scoring)
        .iter()
        .filter_map(|name| Method::resolve(name, &product.scoring).ok())
        .filter(|m| !matches!(m, Method::Moscow))
        .map(|m| (m.name().replace('-', "_"), m))
        .collect()
}

/// One field of an item as a cell. Numbers are written in full (the
/// shortest text that reads back as the same number); lists as
/// [`joined`] writes them.
fn cell(item: &Item, field: Field) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let date = |d: &Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let yes = |b: bool| if b { "true".to_owned() } else { String::new() };
    let experiment = item.experiment.as_ref();
    let part = |get: fn(&crate::model::Experiment) -> Option<String>| {
        experiment.and_then(get).unwrap_or_default()
    };
    match field {
        Field::Id => item.id.clone(),
        Field::Title => item.title.clone(),
        Field::Description => text(&item.description),
        Field::Kind => item.kind.to_string(),
        Field::Status => item.status.to_string(),
        Field::Tags => joined(&item.tags, false),
        Field::Mvp => yes(item.mvp),
        Field::Moscow => item.moscow.map(|m| m.to_string()).unwrap_or_default(),
        Field::Roadmap => text(&item.roadmap),
        Field::KeyResults => joined(&item.key_results, false),
        Field::Needs => joined(&item.needs, false),
        Field::Requests => joined(&item.requests, false),
        Field::Acceptance => joined(&item.acceptance, true),
        Field::DependsOn => joined(&item.depends_on, false),
        Field::Number(field) => item
            .number(field)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        Field::Due => date(&item.due),
        Field::DoneOn => date(&item.done_on),
        Field::Reason => text(&item.reason),
        Field::Pinned => yes(item.pinned),
        Field::Source => text(&item.source),
        Field::Hypothesis => part(|e| e.hypothesis.clone()),
        Field::Measure => part(|e| e.measure.clone()),
        Field::Success => part(|e| e.success.clone()),
        Field::Result => part(|e| e.result.map(|r| r.to_string())),
        Field::Learning => part(|e| e.learning.clone()),
        Field::Created => date(&item.created),
        Field::Updated => date(&item.updated),
        Field::Milestone => String::new(),
    }
}
