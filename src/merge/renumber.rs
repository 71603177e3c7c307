//! Id clashes: both sides added a different entity under one id. One side
//! keeps the id (the upstream's, where the id is already there; else
//! ours); the other side's entity gets the next free id, and every
//! reference to it on that side is rewritten before the sides are merged,
//! so the merge itself never sees the clash.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::model::ids::{IdKind, highest_key_result, number_after};
use crate::model::{KrRef, Product};

/// Which side of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Ours,
    Theirs,
}

/// An entity given a new id by the merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renumbered {
    /// `item`, `objective`, `key result`, `KPI`, `roadmap entry` or `decision`.
    pub entity: &'static str,
    /// The side whose entity was renumbered.
    pub side: Side,
    pub from: String,
    pub to: String,
}

/// The new ids of one side, by kind.
#[derive(Default)]
struct Renames {
    items: HashMap<String, String>,
    objectives: HashMap<String, String>,
    /// By the objective's id (after its own renaming) and the key result's old id.
    key_results: HashMap<(String, String), String>,
    kpis: HashMap<String, String>,
    roadmap: HashMap<String, String>,
    decisions: HashMap<String, String>,
    needs: HashMap<String, String>,
    requests: HashMap<String, String>,
    assessments: HashMap<String, String>,
    /// By the assessment's id (after its own renumbering) and the recommendation's old id.
    recommendations: HashMap<(String, String), String>,
}

impl Renames {
    fn is_empty(&self) -> bool {
        self.items.is_empty()
            && self.objectives.is_empty()
            && self.key_results.is_empty()
            && self.kpis.is_empty()
            && self.roadmap.is_empty()
            && self.decisions.is_empty()
            && self.needs.is_empty()
            && self.requests.is_empty()
            && self.assessments.is_empty()
            && self.recommendations.is_empty()
    }

    fn of(&mut self, kind: IdKind) -> &mut HashMap<String, String> {
        match kind {
            IdKind::Item => &mut self.items,
            IdKind::Objective => &mut self.objectives,
            IdKind::Kpi => &mut self.kpis,
            IdKind::Roadmap => &mut self.roadmap,
            IdKind::Decision => &mut self.decisions,
            IdKind::Need => &mut self.needs,
            IdKind::Request => &mut self.requests,
            IdKind::Assessment => &mut self.assessments,
        }
    }
}

fn entity_name(kind: IdKind) -> &'static str {
    match kind {
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

/// The entity of `kind` with `id` in `product`, as JSON, for comparing sides.
fn entity_json(product: &Product, kind: IdKind, id: &str) -> Option<serde_json::Value> {
    fn find<T: Serialize>(
        list: &[T],
        id: &str,
        id_of: impl Fn(&T) -> &str,
    ) -> Option<serde_json::Value> {
        list.iter()
            .find(|e| id_of(e) == id)
            .and_then(|e| serde_json::to_value(e).ok())
    }
    match kind {
        IdKind::Item => find(&product.items, id, |e| &e.id),
        IdKind::Objective => find(&product.objectives, id, |e| &e.id),
        IdKind::Kpi => find(&product.kpis, id, |e| &e.id),
        IdKind::Roadmap => find(&product.roadmap, id, |e| &e.id),
        IdKind::Decision => find(&product.decisions, id, |e| &e.id),
        IdKind::Need => find(&product.needs, id, |e| &e.id),
        IdKind::Request => find(&product.requests, id, |e| &e.id),
        IdKind::Assessment => find(&product.assessments, id, |e| &e.id),
    }
}

/// Whether two versions are one entity: equal, or of the same title
/// (an objective's, item's or roadmap entry's), name (a KPI's) or summary
/// (a decision's).
fn same_entity(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    a == b
        || ["title", "name", "summary", "statement", "text"]
            .iter()
            .any(|k| a.get(k).is_some() && a.get(k) == b.get(k))
}

/// Whether both sides' items under one new id are one item: created the
/// same day under the same title (a commit cherry-picked onto one branch,
/// and the item edited since on the other). Their fields then merge.
fn one_item(kind: IdKind, ours: &serde_json::Value, theirs: &serde_json::Value) -> bool {
    kind == IdKind::Item
        && ours.get("created").is_some()
        && ours.get("created") == theirs.get("created")
        && ours.get("title") == theirs.get("title")
}

/// Decides which side keeps each clashing id, and renumbers the other
/// side's entities. Returns the sides as the merge should see them,
/// whether ours keeps its ids where both sides added at one place, and
/// what was renumbered.
pub(super) fn resolve_clashes(
    base: &Product,
    ours: &Product,
    theirs: &Product,
    upstream: Option<&Product>,
) -> (Option<Product>, Option<Product>, bool, Vec<Renumbered>) {
    let mut renames = [Renames::default(), Renames::default()];
    let mut report = Vec::new();
    let mut theirs_upstream = 0usize;
    let mut ours_upstream = 0usize;
    for kind in IdKind::ALL {
        let base_ids: HashSet<&str> = kind.ids(base).into_iter().collect();
        let their_ids: HashSet<&str> = kind.ids(theirs).into_iter().collect();
        // Wider than an id's number, so that counting on from the highest
        // never wraps: an id past the last one makes the merge unloadable,
        // which the merge refuses rather than writes.
        let mut next = [base, ours, theirs]
            .iter()
            .map(|p| u128::from(kind.highest(p)))
            .max()
            .unwrap_or(0);
        let prefix = kind.prefix(ours);
        for id in kind.ids(ours) {
            if base_ids.contains(id) || !their_ids.contains(id) {
                continue;
            }
            let (Some(o), Some(t)) = (entity_json(ours, kind, id), entity_json(theirs, kind, id))
            else {
                continue;
            };
            if o == t || one_item(kind, &o, &t) {
                continue;
            }
            let upstream_has = upstream.and_then(|u| entity_json(u, kind, id));
            let renumber = match upstream_has {
                Some(u) if same_entity(&u, &t) && !same_entity(&u, &o) => {
                    theirs_upstream += 1;
                    Side::Ours
                }
                Some(_) => {
                    ours_upstream += 1;
                    Side::Theirs
                }
                None => Side::Theirs,
            };
            next += 1;
            let to = format!("{prefix}{next}");
            renames[renumber as usize]
                .of(kind)
                .insert(id.to_owned(), to.clone());
            report.push(Renumbered {
                entity: entity_name(kind),
                side: renumber,
                from: id.to_owned(),
                to,
            });
        }
        // An id ours issued and has since removed is still ours: theirs'
        // entity under it gets a new one, so that no id names two entities
        // in the history of the file.
        let our_ids: HashSet<&str> = kind.ids(ours).into_iter().collect();
        let (base_issued, ours_issued) = (kind.highest(base), kind.highest(ours));
        for id in kind.ids(theirs) {
            if base_ids.contains(id) || our_ids.contains(id) {
                continue;
            }
            let Some(n) = number_after(id, &prefix) else {
                continue;
            };
            if n <= base_issued || n > ours_issued {
                continue;
            }
            let upstream_has = upstream.and_then(|u| entity_json(u, kind, id));
            let theirs_is_upstreams = match (upstream_has, entity_json(theirs, kind, id)) {
                (Some(u), Some(t)) => same_entity(&u, &t),
                _ => false,
            };
            if theirs_is_upstreams {
                continue;
            }
            next += 1;
            let to = format!("{prefix}{next}");
            renames[Side::Theirs as usize]
                .of(kind)
                .insert(id.to_owned(), to.clone());
            report.push(Renumbered {
                entity: entity_name(kind),
                side: Side::Theirs,
                from: id.to_owned(),
                to,
            });
        }
    }
    let mut sides = [None, None];
    for (i, side) in [ours, theirs].into_iter().enumerate() {
        if !renames[i].is_empty() {
            let mut renamed = side.clone();
            rename(&mut renamed, &renames[i]);
            sides[i] = Some(renamed);
        }
    }
    // Key results clash within an objective both sides have (after the
    // objectives' own renumbering).
    let our_view = sides[0].as_ref().unwrap_or(ours);
    let their_view = sides[1].as_ref().unwrap_or(theirs);
    let mut kr_renames = Renames::default();
    for objective in &our_view.objectives {
        let Some(their_objective) = their_view.objectives.iter().find(|o| o.id == objective.id)
        else {
            continue;
        };
        let base_krs: HashSet<&str> = base
            .objectives
            .iter()
            .filter(|o| o.id == objective.id)
            .flat_map(|o| o.key_results.iter().map(|kr| kr.id.as_str()))
            .collect();
        let mut next = [base, our_view, their_view]
            .iter()
            .map(|p| u128::from(highest_key_result(p, &objective.id)))
            .max()
            .unwrap_or(0);
        for kr in &objective.key_results {
            if base_krs.contains(kr.id.as_str()) {
                continue;
            }
            match their_objective.key_results.iter().find(|t| t.id == kr.id) {
                Some(t) if t != kr => {
                    next += 1;
                    let to = format!("KR{next}");
                    kr_renames
                        .key_results
                        .insert((objective.id.clone(), kr.id.clone()), to.clone());
                    report.push(Renumbered {
                        entity: "key result",
                        side: Side::Theirs,
                        from: format!("{}.{}", objective.id, kr.id),
                        to: format!("{}.{to}", objective.id),
                    });
                }
                _ => {}
            }
        }
        // A key result number ours issued in this objective and removed.
        let (base_issued, ours_issued) = (
            highest_key_result(base, &objective.id),
            highest_key_result(our_view, &objective.id),
        );
        for kr in &their_objective.key_results {
            let ours_has = objective.key_results.iter().any(|o| o.id == kr.id);
            let issued_by_ours =
                number_after(&kr.id, "KR").is_some_and(|n| n > base_issued && n <= ours_issued);
            if base_krs.contains(kr.id.as_str()) || ours_has || !issued_by_ours {
                continue;
            }
            next += 1;
            let to = format!("KR{next}");
            kr_renames
                .key_results
                .insert((objective.id.clone(), kr.id.clone()), to.clone());
            report.push(Renumbered {
                entity: "key result",
                side: Side::Theirs,
                from: format!("{}.{}", objective.id, kr.id),
                to: format!("{}.{to}", objective.id),
            });
        }
    }
    // Recommendations clash within an assessment both sides have: both
    // recorded the panel's words under one new id.
    for assessment in &our_view.assessments {
        let Some(their_assessment) = their_view
            .assessments
            .iter()
            .find(|a| a.id == assessment.id)
        else {
            continue;
        };
        let in_base: HashSet<&str> = base
            .assessments
            .iter()
            .filter(|a| a.id == assessment.id)
            .flat_map(|a| a.recommendations.iter().map(|r| r.id.as_str()))
            .collect();
        let mut next = [assessment, their_assessment]
            .iter()
            .flat_map(|a| a.recommendations.iter())
            .filter_map(|r| number_after(&r.id, "R"))
            .map(u128::from)
            .max()
            .unwrap_or(0);
        for r in &assessment.recommendations {
            if in_base.contains(r.id.as_str()) {
                continue;
            }
            if let Some(t) = their_assessment
                .recommendations
                .iter()
                .find(|t| t.id == r.id)
                && t != r
            {
                next += 1;
                let to = format!("R{next}");
                kr_renames
                    .recommendations
                    .insert((assessment.id.clone(), r.id.clone()), to.clone());
                report.push(Renumbered {
                    entity: "recommendation",
                    side: Side::Theirs,
                    from: format!("{}.{}", assessment.id, r.id),
                    to: format!("{}.{to}", assessment.id),
                });
            }
        }
    }
    if !kr_renames.is_empty() {
        let mut renamed = sides[1].take().unwrap_or_else(|| theirs.clone());
        rename(&mut renamed, &kr_renames);
        sides[1] = Some(renamed);
    }
    let [ours_renamed, theirs_renamed] = sides;
    let ours_keeps_ids = ours_upstream >= theirs_upstream;
    (ours_renamed, theirs_renamed, ours_keeps_ids, report)
}

/// Where `side` holds a base item under an id the base does not have (an
/// earlier merge renumbered it there: a rebase replays commits one by one)
/// and another item under its old id, what `other` added or changed since
/// the base was written against the base, where the old id named that
/// item: its references to the old id follow the item to its new id.
/// Returns `other` so rewritten, if anything was.
pub(super) fn follow_renumbered(
    base: &Product,
    side: &Product,
    other: &Product,
) -> Option<Product> {
    let base_items: HashMap<&str, &crate::model::Item> =
        base.items.iter().map(|i| (i.id.as_str(), i)).collect();
    // The items `side` added, by what identifies an item.
    let added: HashMap<(&str, crate::model::Date), &str> = side
        .items
        .iter()
        .filter(|i| !base_items.contains_key(i.id.as_str()))
        .filter_map(|i| Some(((i.title.as_str(), i.created?), i.id.as_str())))
        .collect();
    if added.is_empty() {
        return None;
    }
    let mut moved = Renames::default();
    for now in &side.items {
        let Some(was) = base_items.get(now.id.as_str()) else {
            continue;
        };
        let Some(created) = was.created else {
            continue;
        };
        if was.title == now.title {
            continue;
        }
        if let Some(to) = added.get(&(was.title.as_str(), created)) {
            moved.items.insert(now.id.clone(), (*to).to_owned());
        }
    }
    if moved.is_empty() {
        return None;
    }
    let any_ref = |reference: &str| moved.items.get(reference).cloned();
    let mut other = other.clone();
    for item in &mut other.items {
        if base_items.get(item.id.as_str()).is_some_and(|b| *b == item) {
            continue;
        }
        for dep in &mut item.depends_on {
            if let Some(new) = any_ref(dep) {
                *dep = new;
            }
        }
    }
    let base_decisions: HashMap<&str, &crate::model::Decision> =
        base.decisions.iter().map(|d| (d.id.as_str(), d)).collect();
    for decision in &mut other.decisions {
        if base_decisions
            .get(decision.id.as_str())
            .is_some_and(|b| *b == decision)
        {
            continue;
        }
        for reference in &mut decision.refs {
            if let Some(new) = any_ref(reference) {
                *reference = new;
            }
        }
        for cover in &mut decision.covers {
            if let Some(new) = any_ref(&cover.id).filter(|_| cover.section != "people") {
                cover.id = new;
            }
        }
        decision.summary = rename_words(&decision.summary, &any_ref);
        if let Some(rationale) = &mut decision.rationale {
            *rationale = rename_words(rationale, &any_ref);
        }
    }
    Some(other)
}

/// Gives entities their new ids and rewrites every reference to them.
fn rename(product: &mut Product, r: &Renames) {
    let swap = |map: &HashMap<String, String>, id: &mut String| {
        if let Some(new) = map.get(id.as_str()) {
            *id = new.clone();
        }
    };
    let kr_ref = |reference: &str| -> Option<String> {
        let KrRef {
            objective,
            key_result,
        } = KrRef::parse(reference)?;
        let objective_now = r
            .objectives
            .get(objective)
            .map_or(objective, String::as_str);
        let kr_now = r
            .key_results
            .get(&(objective_now.to_owned(), key_result.to_owned()))
            .map_or(key_result, String::as_str);
        let renamed = format!("{objective_now}.{kr_now}");
        (renamed != reference).then_some(renamed)
    };
    // A recommendation, `A2.R1`: its assessment renumbered, or itself.
    let recommendation_ref = |reference: &str| -> Option<String> {
        let (assessment, rec) = reference.split_once('.')?;
        let assessment_now = r
            .assessments
            .get(assessment)
            .map_or(assessment, String::as_str);
        let rec_now = r
            .recommendations
            .get(&(assessment_now.to_owned(), rec.to_owned()))
            .map_or(rec, String::as_str);
        let renamed = format!("{assessment_now}.{rec_now}");
        (renamed != reference).then_some(renamed)
    };
    let any_ref = |reference: &str| -> Option<String> {
        recommendation_ref(reference)
            .or_else(|| kr_ref(reference))
            .or_else(|| {
                [
                    &r.items,
                    &r.objectives,
                    &r.kpis,
                    &r.roadmap,
                    &r.decisions,
                    &r.needs,
                    &r.requests,
                    &r.assessments,
                ]
                .iter()
                .find_map(|m| m.get(reference).cloned())
            })
    };
    for item in &mut product.items {
        swap(&r.items, &mut item.id);
        for dep in &mut item.depends_on {
            swap(&r.items, dep);
        }
        for kr in &mut item.key_results {
            if let Some(new) = kr_ref(kr) {
                *kr = new;
            }
        }
        if let Some(roadmap) = &mut item.roadmap {
            swap(&r.roadmap, roadmap);
        }
        for need in &mut item.needs {
            swap(&r.needs, need);
        }
        for request in &mut item.requests {
            swap(&r.requests, request);
        }
        if let Some(recommendation) = &mut item.recommendation
            && let Some((assessment, rest)) = recommendation.split_once('.')
        {
            let assessment_now = r
                .assessments
                .get(assessment)
                .map_or(assessment, String::as_str);
            let rest_now = r
                .recommendations
                .get(&(assessment_now.to_owned(), rest.to_owned()))
                .map_or(rest, String::as_str);
            let renamed = format!("{assessment_now}.{rest_now}");
            if renamed != *recommendation {
                *recommendation = renamed;
            }
        }
        if let Some(measure) = item.experiment.as_mut().and_then(|e| e.measure.as_mut()) {
            if let Some(new) = kr_ref(measure) {
                *measure = new;
            } else {
                swap(&r.kpis, measure);
            }
        }
    }
    for objective in &mut product.objectives {
        swap(&r.objectives, &mut objective.id);
        for need in &mut objective.needs {
            swap(&r.needs, need);
        }
        for kr in &mut objective.key_results {
            if let Some(new) = r.key_results.get(&(objective.id.clone(), kr.id.clone())) {
                kr.id = new.clone();
            }
        }
    }
    for kpi in &mut product.kpis {
        swap(&r.kpis, &mut kpi.id);
    }
    for need in &mut product.needs {
        swap(&r.needs, &mut need.id);
    }
    for assessment in &mut product.assessments {
        swap(&r.assessments, &mut assessment.id);
        for rec in &mut assessment.recommendations {
            if let Some(new) = r
                .recommendations
                .get(&(assessment.id.clone(), rec.id.clone()))
            {
                rec.id = new.clone();
            }
        }
    }
    for request in &mut product.requests {
        swap(&r.requests, &mut request.id);
        if let Some(into) = &mut request.into
            && let Some(new) = r
                .needs
                .get(into.as_str())
                .or_else(|| r.items.get(into.as_str()))
        {
            *into = new.clone();
        }
    }
    for entry in &mut product.roadmap {
        swap(&r.roadmap, &mut entry.id);
        for objective in &mut entry.objectives {
            swap(&r.objectives, objective);
        }
    }
    for decision in &mut product.decisions {
        swap(&r.decisions, &mut decision.id);
        for reference in &mut decision.refs {
            if let Some(new) = any_ref(reference) {
                *reference = new;
            }
        }
        for cover in &mut decision.covers {
            if let Some(new) = any_ref(&cover.id).filter(|_| cover.section != "people") {
                cover.id = new;
            }
        }
        decision.summary = rename_words(&decision.summary, &any_ref);
        if let Some(rationale) = &mut decision.rationale {
            *rationale = rename_words(rationale, &any_ref);
        }
    }
    let marks = &mut product.product.last_ids.key_results;
    if marks.keys().any(|k| r.objectives.contains_key(k)) {
        let renamed: BTreeMap<String, u64> = std::mem::take(marks)
            .into_iter()
            .map(|(k, v)| (r.objectives.get(&k).cloned().unwrap_or(k), v))
            .collect();
        *marks = renamed;
    }
}

/// `text` with each whole id that `rename` renames replaced, all at once
/// (so `RX-5 → RX-7` and `RX-7 → RX-9` do not chain).
fn rename_words(text: &str, rename: &dyn Fn(&str) -> Option<String>) -> String {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_id_char) {
        out.push_str(&rest[..start]);
        let word_len = rest[start..]
            .find(|c: char| !is_id_char(c))
            .unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        // A sentence's full stop is not part of the id before it.
        let trimmed = word.trim_end_matches('.');
        match rename(trimmed) {
            Some(new) => {
                out.push_str(&new);
                out.push_str(&word[trimmed.len()..]);
            }
            None => out.push_str(word),
        }
        rest = &rest[start + word_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_renamed_whole_and_at_once() {
        let map: HashMap<&str, &str> =
            HashMap::from([("RX-5", "RX-7"), ("RX-7", "RX-9"), ("O1.KR2", "O1.KR3")]);
        let rename = |w: &str| map.get(w).map(|s| s.to_string());
        assert_eq!(
            rename_words("added RX-5 and RX-7; RX-55 stays. Moved O1.KR2.", &rename),
            "added RX-7 and RX-9; RX-55 stays. Moved O1.KR3."
        );
    }
}
