//! References between a product's parts, checked in one place: looking a
//! part up by id (with the ids there are, when it is not there), and every
//! link of the file that names nothing. Operations, import, `$EDITOR` edits
//! and `product check` all use these, so they agree on what a dangling
//! reference is.

use std::collections::HashSet;
use std::fmt;

use super::{
    Assessment, Decision, Item, KeyResult, Kpi, KrRef, Need, Objective, Person, Product,
    Recommendation, RecommendationRef, Request, RoadmapEntry,
};

/// The kinds of part that an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Item,
    Objective,
    KeyResult,
    Kpi,
    RoadmapEntry,
    Decision,
    Person,
    Need,
    Request,
    Assessment,
    /// A panel's recommendation: `A1.R3`.
    Recommendation,
    /// A merged request's target: a need (`N1`) or an item (`RX-4`).
    NeedOrItem,
    /// An experiment's measure: a KPI (`K1`) or a key result (`O1.KR1`).
    Measure,
}

impl Entity {
    /// The kind in words, as messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Entity::Item => "item",
            Entity::Objective => "objective",
            Entity::KeyResult => "key result",
            Entity::Kpi => "KPI",
            Entity::RoadmapEntry => "roadmap entry",
            Entity::Decision => "decision",
            Entity::Person => "person",
            Entity::Need => "need",
            Entity::Request => "request",
            Entity::Assessment => "assessment",
            Entity::Recommendation => "recommendation",
            Entity::NeedOrItem => "need or item",
            Entity::Measure => "KPI or key result",
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An id that names nothing in the product, with the ids of that kind it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub kind: Entity,
    pub id: String,
    pub known: Vec<String>,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no {} `{}`", self.kind, self.id)
    }
}

impl std::error::Error for NotFound {}

/// Which field of a part a link is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkField {
    /// An item's `key_results`.
    KeyResults,
    /// An item's `roadmap`.
    Roadmap,
    /// An item's `depends_on`.
    DependsOn,
    /// An experiment item's `experiment.measure`.
    Measure,
    /// A roadmap entry's `objectives`.
    Objectives,
    /// An item's `needs`.
    Needs,
    /// An item's `requests`.
    Requests,
    /// An objective's `needs`.
    ObjectiveNeeds,
    /// A merged request's `into`.
    Into,
    /// An item's `recommendation`.
    Recommendation,
}

/// A link in the file that names nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dangling {
    /// The id of the part the link is in (`RX-4`, `R2`).
    pub from: String,
    /// Where that part sits in its array (`items`, `roadmap`, `objectives` or `requests`).
    pub index: usize,
    pub field: LinkField,
    pub missing: NotFound,
}

fn ids<'a>(ids: impl Iterator<Item = &'a String>) -> Vec<String> {
    ids.cloned().collect()
}

impl Product {
    /// That `id` names no part of this kind, with the ids of that kind there are.
    pub fn not_found(&self, kind: Entity, id: &str) -> NotFound {
        let known = match kind {
            Entity::Item => ids(self.items.iter().map(|i| &i.id)),
            Entity::Objective => ids(self.objectives.iter().map(|o| &o.id)),
            Entity::KeyResult => self.key_result_refs(),
            Entity::Kpi => ids(self.kpis.iter().map(|k| &k.id)),
            Entity::RoadmapEntry => ids(self.roadmap.iter().map(|r| &r.id)),
            Entity::Decision => ids(self.decisions.iter().map(|d| &d.id)),
            Entity::Person => ids(self.people.iter().map(|p| &p.name)),
            Entity::Need => ids(self.needs.iter().map(|n| &n.id)),
            Entity::Request => ids(self.requests.iter().map(|r| &r.id)),
            Entity::Assessment => ids(self.assessments.iter().map(|a| &a.id)),
            Entity::Recommendation => self.recommendation_refs(),
            Entity::NeedOrItem => {
                let mut known = ids(self.needs.iter().map(|n| &n.id));
                known.extend(ids(self.items.iter().map(|i| &i.id)));
                known
            }
            Entity::Measure => {
                let mut known = ids(self.kpis.iter().map(|k| &k.id));
                known.extend(self.key_result_refs());
                known
            }
        };
        NotFound {
            kind,
            id: id.to_owned(),
            known,
        }
    }

    /// The item with this id.
    pub fn find_item(&self, id: &str) -> Result<&Item, NotFound> {
        self.item(id)
            .ok_or_else(|| self.not_found(Entity::Item, id))
    }

    pub fn find_item_mut(&mut self, id: &str) -> Result<&mut Item, NotFound> {
        match self.item_index(id) {
            Some(at) => Ok(&mut self.items[at]),
            None => Err(self.not_found(Entity::Item, id)),
        }
    }

    pub fn find_objective(&self, id: &str) -> Result<&Objective, NotFound> {
        self.objective(id)
            .ok_or_else(|| self.not_found(Entity::Objective, id))
    }

    pub fn find_objective_mut(&mut self, id: &str) -> Result<&mut Objective, NotFound> {
        match self.objectives.iter().position(|o| o.id == id) {
            Some(at) => Ok(&mut self.objectives[at]),
            None => Err(self.not_found(Entity::Objective, id)),
        }
    }

    /// The key result a reference such as `O1.KR1` names.
    pub fn find_key_result(&self, reference: &str) -> Result<&KeyResult, NotFound> {
        self.key_result(reference)
            .ok_or_else(|| self.not_found(Entity::KeyResult, reference))
    }

    pub fn find_key_result_mut(&mut self, reference: &str) -> Result<&mut KeyResult, NotFound> {
        let place = KrRef::parse(reference).and_then(|r| {
            let o = self.objectives.iter().position(|o| o.id == r.objective)?;
            let k = self.objectives[o]
                .key_results
                .iter()
                .position(|kr| kr.id == r.key_result)?;
            Some((o, k))
        });
        match place {
            Some((o, k)) => Ok(&mut self.objectives[o].key_results[k]),
            None => Err(self.not_found(Entity::KeyResult, reference)),
        }
    }

    pub fn find_kpi(&self, id: &str) -> Result<&Kpi, NotFound> {
        self.kpi(id).ok_or_else(|| self.not_found(Entity::Kpi, id))
    }

    pub fn find_kpi_mut(&mut self, id: &str) -> Result<&mut Kpi, NotFound> {
        match self.kpis.iter().position(|k| k.id == id) {
            Some(at) => Ok(&mut self.kpis[at]),
            None => Err(self.not_found(Entity::Kpi, id)),
        }
    }

    pub fn find_roadmap_entry(&self, id: &str) -> Result<&RoadmapEntry, NotFound> {
        self.roadmap_entry(id)
            .ok_or_else(|| self.not_found(Entity::RoadmapEntry, id))
    }

    pub fn find_roadmap_entry_mut(&mut self, id: &str) -> Result<&mut RoadmapEntry, NotFound> {
        match self.roadmap.iter().position(|r| r.id == id) {
            Some(at) => Ok(&mut self.roadmap[at]),
            None => Err(self.not_found(Entity::RoadmapEntry, id)),
        }
    }

    pub fn find_decision(&self, id: &str) -> Result<&Decision, NotFound> {
        self.decisions
            .iter()
            .find(|d| d.id == id)
            .ok_or_else(|| self.not_found(Entity::Decision, id))
    }

    pub fn find_need(&self, id: &str) -> Result<&Need, NotFound> {
        self.needs
            .iter()
            .find(|n| n.id == id)
            .ok_or_else(|| self.not_found(Entity::Need, id))
    }

    pub fn find_need_mut(&mut self, id: &str) -> Result<&mut Need, NotFound> {
        match self.needs.iter().position(|n| n.id == id) {
            Some(at) => Ok(&mut self.needs[at]),
            None => Err(self.not_found(Entity::Need, id)),
        }
    }

    pub fn find_request(&self, id: &str) -> Result<&Request, NotFound> {
        self.requests
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| self.not_found(Entity::Request, id))
    }

    pub fn find_request_mut(&mut self, id: &str) -> Result<&mut Request, NotFound> {
        match self.requests.iter().position(|r| r.id == id) {
            Some(at) => Ok(&mut self.requests[at]),
            None => Err(self.not_found(Entity::Request, id)),
        }
    }

    pub fn find_assessment(&self, id: &str) -> Result<&Assessment, NotFound> {
        self.assessments
            .iter()
            .find(|a| a.id == id)
            .ok_or_else(|| self.not_found(Entity::Assessment, id))
    }

    pub fn find_assessment_mut(&mut self, id: &str) -> Result<&mut Assessment, NotFound> {
        match self.assessments.iter().position(|a| a.id == id) {
            Some(at) => Ok(&mut self.assessments[at]),
            None => Err(self.not_found(Entity::Assessment, id)),
        }
    }

    /// The recommendation a reference such as `A1.R3` names, with its assessment.
    pub fn find_recommendation(
        &self,
        reference: &str,
    ) -> Result<(&Assessment, &Recommendation), NotFound> {
        RecommendationRef::parse(reference)
            .and_then(|r| {
                let a = self.assessments.iter().find(|a| a.id == r.assessment)?;
                let rec = a
                    .recommendations
                    .iter()
                    .find(|x| x.id == r.recommendation)?;
                Some((a, rec))
            })
            .ok_or_else(|| self.not_found(Entity::Recommendation, reference))
    }

    /// Every recommendation's reference, `A1.R1`, in file order.
    pub fn recommendation_refs(&self) -> Vec<String> {
        self.assessments
            .iter()
            .flat_map(|a| a.recommendations.iter().map(|r| a.recommendation_ref(r)))
            .collect()
    }

    /// The person with this name (exactly as written in `[[people]]`).
    pub fn find_person(&self, name: &str) -> Result<&Person, NotFound> {
        self.people
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| self.not_found(Entity::Person, name))
    }

    /// An experiment's measure: the KPI (`K1`) or key result (`O1.KR1`) it names.
    pub fn find_measure(&self, measure: &str) -> Result<(), NotFound> {
        if self.kpi(measure).is_some() || self.key_result(measure).is_some() {
            Ok(())
        } else {
            Err(self.not_found(Entity::Measure, measure))
        }
    }

    /// The links of `item` (which need not be in the product yet) that name
    /// nothing in the product, in field order: key results, roadmap entry,
    /// items depended on, the experiment's measure.
    pub fn item_links(&self, item: &Item) -> Vec<(LinkField, NotFound)> {
        let mut missing = Vec::new();
        for kr in &item.key_results {
            if self.key_result(kr).is_none() {
                missing.push((LinkField::KeyResults, self.not_found(Entity::KeyResult, kr)));
            }
        }
        if let Some(r) = &item.roadmap
            && self.roadmap_entry(r).is_none()
        {
            missing.push((LinkField::Roadmap, self.not_found(Entity::RoadmapEntry, r)));
        }
        for dep in &item.depends_on {
            if self.item(dep).is_none() && !self.is_external_item(dep) {
                missing.push((LinkField::DependsOn, self.not_found(Entity::Item, dep)));
            }
        }
        if let Some(m) = item.experiment.as_ref().and_then(|e| e.measure.as_ref())
            && let Err(e) = self.find_measure(m)
        {
            missing.push((LinkField::Measure, e));
        }
        for need in &item.needs {
            if let Err(e) = self.find_need(need) {
                missing.push((LinkField::Needs, e));
            }
        }
        for request in &item.requests {
            if let Err(e) = self.find_request(request) {
                missing.push((LinkField::Requests, e));
            }
        }
        if let Some(r) = &item.recommendation
            && let Err(e) = self.find_recommendation(r)
        {
            missing.push((LinkField::Recommendation, e));
        }
        missing
    }

    /// Every link in the file that names nothing: items' key results,
    /// roadmap entries, dependencies and measures, and roadmap entries'
    /// objectives. Sets of ids are built once, so a large file is checked
    /// in one pass.
    pub fn dangling(&self) -> Vec<Dangling> {
        let items: HashSet<&str> = self.items.iter().map(|i| i.id.as_str()).collect();
        let kr_refs = self.key_result_refs();
        let key_results: HashSet<&str> = kr_refs.iter().map(String::as_str).collect();
        let roadmap: HashSet<&str> = self.roadmap.iter().map(|r| r.id.as_str()).collect();
        let objectives: HashSet<&str> = self.objectives.iter().map(|o| o.id.as_str()).collect();
        let kpis: HashSet<&str> = self.kpis.iter().map(|k| k.id.as_str()).collect();
        let needs: HashSet<&str> = self.needs.iter().map(|n| n.id.as_str()).collect();
        let requests: HashSet<&str> = self.requests.iter().map(|r| r.id.as_str()).collect();
        let recommendation_refs = self.recommendation_refs();
        let recommendations: HashSet<&str> =
            recommendation_refs.iter().map(String::as_str).collect();
        let mut found = Vec::new();
        let mut push = |from: &str, index: usize, field: LinkField, kind: Entity, id: &str| {
            found.push(Dangling {
                from: from.to_owned(),
                index,
                field,
                missing: self.not_found(kind, id),
            });
        };
        for (i, item) in self.items.iter().enumerate() {
            for kr in &item.key_results {
                if !key_results.contains(kr.as_str()) {
                    push(&item.id, i, LinkField::KeyResults, Entity::KeyResult, kr);
                }
            }
            if let Some(r) = &item.roadmap
                && !roadmap.contains(r.as_str())
            {
                push(&item.id, i, LinkField::Roadmap, Entity::RoadmapEntry, r);
            }
            for dep in &item.depends_on {
                if !items.contains(dep.as_str()) && !self.is_external_item(dep) {
                    push(&item.id, i, LinkField::DependsOn, Entity::Item, dep);
                }
            }
            if let Some(m) = item.experiment.as_ref().and_then(|e| e.measure.as_ref()) {
                let known = if KrRef::parse(m).is_some() {
                    key_results.contains(m.as_str())
                } else {
                    kpis.contains(m.as_str())
                };
                if !known {
                    push(&item.id, i, LinkField::Measure, Entity::Measure, m);
                }
            }
            for need in &item.needs {
                if !needs.contains(need.as_str()) {
                    push(&item.id, i, LinkField::Needs, Entity::Need, need);
                }
            }
            for request in &item.requests {
                if !requests.contains(request.as_str()) {
                    push(&item.id, i, LinkField::Requests, Entity::Request, request);
                }
            }
            if let Some(r) = &item.recommendation
                && !recommendations.contains(r.as_str())
            {
                push(
                    &item.id,
                    i,
                    LinkField::Recommendation,
                    Entity::Recommendation,
                    r,
                );
            }
        }
        for (i, objective) in self.objectives.iter().enumerate() {
            for need in &objective.needs {
                if !needs.contains(need.as_str()) {
                    push(
                        &objective.id,
                        i,
                        LinkField::ObjectiveNeeds,
                        Entity::Need,
                        need,
                    );
                }
            }
        }
        for (i, request) in self.requests.iter().enumerate() {
            if let Some(into) = &request.into
                && !needs.contains(into.as_str())
                && !items.contains(into.as_str())
            {
                push(&request.id, i, LinkField::Into, Entity::NeedOrItem, into);
            }
        }
        for (i, entry) in self.roadmap.iter().enumerate() {
            for o in &entry.objectives {
                if !objectives.contains(o.as_str()) {
                    push(&entry.id, i, LinkField::Objectives, Entity::Objective, o);
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Kind};

    fn product() -> Product {
        let today = Date::from_ymd(2026, 11, 1).unwrap();
        let mut p = Product::new("P".into(), "RX".into());
        for n in 1..=2 {
            p.items.push(Item::new(
                format!("RX-{n}"),
                format!("t{n}"),
                Kind::Feature,
                today,
            ));
        }
        p
    }

    #[test]
    fn a_missing_id_names_the_ones_there_are() {
        let mut p = product();
        let e = p.find_item("RX-9").unwrap_err();
        assert_eq!(e.kind, Entity::Item);
        assert_eq!(e.known, ["RX-1", "RX-2"]);
        assert_eq!(e.to_string(), "no item `RX-9`");
        p.find_item_mut("RX-2").unwrap().title = "changed".into();
        assert_eq!(p.items[1].title, "changed");
        assert_eq!(
            p.find_key_result_mut("O1.KR1").unwrap_err().kind,
            Entity::KeyResult
        );
    }

    #[test]
    fn dangling_links_are_found_in_each_field() {
        let mut p = product();
        p.items[0].depends_on = vec!["RX-2".into(), "RX-7".into()];
        p.items[1].roadmap = Some("R1".into());
        p.items[1].key_results = vec!["O1.KR1".into()];
        let found = p.dangling();
        let fields: Vec<(&str, LinkField, &str)> = found
            .iter()
            .map(|d| (d.from.as_str(), d.field, d.missing.id.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("RX-1", LinkField::DependsOn, "RX-7"),
                ("RX-2", LinkField::KeyResults, "O1.KR1"),
                ("RX-2", LinkField::Roadmap, "R1"),
            ]
        );
        assert_eq!(p.item_links(&p.items[1]).len(), 2);
    }
}
