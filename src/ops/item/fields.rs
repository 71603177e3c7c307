//! An item's fields as a change sets them: lists grow, values are
//! replaced. The ids they name are checked through [`Product::item_links`],
//! the one definition of a link that names nothing.

use chrono::NaiveDate;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{Date, Experiment, Item, Kind, LinkField, Product};

/// Fields to set on an item. Lists (tags, acceptance criteria, key results,
/// dependencies) are added to; the other fields are replaced where given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemFields {
    pub kind: Option<Kind>,
    /// Tags to add.
    pub tags: Vec<String>,
    /// In or out of the minimum viable product.
    pub mvp: Option<bool>,
    /// Acceptance criteria to add.
    pub acceptance: Vec<String>,
    /// The description; an empty one removes it.
    pub description: Option<String>,
    /// Key results to link to, as `O1.KR1`.
    pub key_results: Vec<String>,
    /// User needs it answers, as `N1`.
    pub needs: Vec<String>,
    /// The roadmap entry: `Some(None)` takes the item off the roadmap.
    pub roadmap: Option<Option<String>>,
    /// The assessment recommendation it addresses, as `A1.R3`: `Some(None)` unlinks it.
    pub recommendation: Option<Option<String>>,
    /// Items to depend on.
    pub depends_on: Vec<String>,
    /// Experiment: what is believed.
    pub hypothesis: Option<String>,
    /// Experiment: the KPI (`K1`) or key result (`O1.KR1`) that tells.
    pub measure: Option<String>,
    /// Experiment: what result counts as success.
    pub success: Option<String>,
}

impl ItemFields {
    /// Whether there is nothing to set.
    pub fn is_empty(&self) -> bool {
        *self == ItemFields::default()
    }

    fn experiment_given(&self) -> bool {
        self.hypothesis.is_some() || self.measure.is_some() || self.success.is_some()
    }

    /// Refuses ids the product does not have (key results, the roadmap
    /// entry, items depended on, an experiment's measure, needs) and a dependency
    /// of item `own_id` on itself.
    pub(crate) fn check_links(&self, product: &Product, own_id: Option<&str>) -> Result<()> {
        let links = Item {
            key_results: self.key_results.clone(),
            needs: self.needs.clone(),
            roadmap: self.roadmap.clone().flatten(),
            recommendation: self.recommendation.clone().flatten(),
            depends_on: self.depends_on.clone(),
            experiment: self.measure.clone().map(|m| Experiment {
                measure: Some(m),
                ..Experiment::default()
            }),
            ..probe(own_id.unwrap_or_default())
        };
        check_links(product, &links, own_id)
    }

    /// Sets the fields on `item`. An experiment's fields need the item to be
    /// an experiment (after any change of kind).
    pub(crate) fn apply(&self, item: &mut Item) -> Result<()> {
        if let Some(kind) = self.kind {
            item.kind = kind;
        }
        if self.experiment_given() && item.kind != Kind::Experiment {
            return Err(Error::usage(format!(
                "--hypothesis, --measure and --success are for experiments, and {} is a {}",
                item.id, item.kind
            ))
            .with_hint("add --kind experiment"));
        }
        for tag in &self.tags {
            let tag = tag.trim();
            if !tag.is_empty() && !item.tags.iter().any(|t| t == tag) {
                item.tags.push(tag.to_owned());
            }
        }
        if let Some(mvp) = self.mvp {
            item.mvp = mvp;
        }
        item.acceptance.extend(
            self.acceptance
                .iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty()),
        );
        if let Some(d) = &self.description {
            item.description = Some(d.clone()).filter(|d| !d.trim().is_empty());
        }
        for kr in &self.key_results {
            if !item.key_results.contains(kr) {
                item.key_results.push(kr.clone());
            }
        }
        for need in &self.needs {
            if !item.needs.contains(need) {
                item.needs.push(need.clone());
            }
        }
        if let Some(r) = &self.roadmap {
            item.roadmap.clone_from(r);
        }
        if let Some(r) = &self.recommendation {
            item.recommendation.clone_from(r);
        }
        for dep in &self.depends_on {
            if !item.depends_on.contains(dep) {
                item.depends_on.push(dep.clone());
            }
        }
        if self.experiment_given() {
            let e = item.experiment.get_or_insert_with(Experiment::default);
            let text = |t: &String| Some(t.trim().to_owned()).filter(|t| !t.is_empty());
            if let Some(h) = &self.hypothesis {
                e.hypothesis = text(h);
            }
            if let Some(m) = &self.measure {
                e.measure = text(m);
            }
            if let Some(s) = &self.success {
                e.success = text(s);
            }
        }
        Ok(())
    }
}

/// An item that holds nothing but the links to check.
fn probe(id: &str) -> Item {
    Item {
        id: id.to_owned(),
        created: None,
        updated: None,
        ..Item::new(
            String::new(),
            String::new(),
            Kind::Feature,
            Date(NaiveDate::MIN),
        )
    }
}

/// Refuses the links of `links` that name nothing in the product, in field
/// order (key results, roadmap entry, dependencies, measure), and a
/// dependency of `own_id` on itself.
pub(crate) fn check_links(product: &Product, links: &Item, own_id: Option<&str>) -> Result<()> {
    let on_itself = || match own_id {
        Some(id) if links.depends_on.iter().any(|d| d == id) => Err(Error::new(
            ErrorKind::Invalid,
            ErrorCode::DependencyCycle,
            format!("{id} cannot depend on itself"),
        )),
        _ => Ok(()),
    };
    if let Some((field, missing)) = product.item_links(links).into_iter().next() {
        if matches!(field, LinkField::DependsOn | LinkField::Measure) {
            on_itself()?;
        }
        return Err(Error::unknown_link(missing));
    }
    on_itself()
}
