//! Three-way merge of products: what two branches did to one product file
//! since their common base, put together entity by entity.
//!
//! Entities are matched by id (people and stakeholders by name), never by
//! their place in the file, so two branches that each add items merge
//! cleanly, and a reorder on one branch meets an edit on the other without
//! a conflict. Where both sides added a different entity under one id, one
//! side's entity is renumbered first ([`renumber`]); fields then merge
//! three ways ([`values`]), and lists keep both sides' moves ([`order`]).
//!
//! A rebase replays commits one by one: where an earlier commit's merge
//! renumbered an entity, a later commit's edit names the old id, which now
//! belongs to another entity. Where one side holds another entity under an
//! id than the base did (their `created` dates and titles both differ, or
//! that side holds the base's entity under an id the base does not have),
//! an edit of that id on the other side is a conflict, never applied to
//! the wrong entity; and where that side holds the base's item under a new
//! id, the other side's new or changed items and decisions that name the
//! old id (a dependency, a decision's refs) follow the item to its new id.
//! Squashing the branch, or merging instead of rebasing, avoids the
//! conflict.
//!
//! The merge is pure: it reads no file and no clock. It does not authorise:
//! a merged file is governed by `product check --base` like any change.

mod order;
mod renumber;
mod values;

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::ids::{keep_last_ids, meets};
use crate::model::{Decision, Item, Product};

pub use renumber::{Renumbered, Side};
use values::{Cx, merge_value};

/// One step of the path to a conflicting value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Step {
    /// A key of a table.
    Key(String),
    /// The entity of a list whose `key` (`id`, or `name`) is `value`.
    Entity { key: &'static str, value: String },
}

impl Step {
    /// Whether `entity`, an element of a list, is the one this step names
    /// (a key names none): its key holds the step's value, a number (a
    /// point's) as its digits.
    pub fn names(&self, entity: &Value) -> bool {
        match self {
            Step::Key(_) => false,
            Step::Entity { key, value } => values::key_of(entity, key) == *value,
        }
    }
}

/// A value both sides changed differently (or one removed and the other
/// changed). The merged product holds ours, or theirs where ours has none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// From the top of the file: `items`, the item `RX-4`, `title`.
    #[serde(serialize_with = "path_text")]
    pub path: Vec<Step>,
    /// Ours (`None`: ours removed it).
    pub ours: Option<Value>,
    /// Theirs (`None`: theirs removed it).
    pub theirs: Option<Value>,
}

fn path_text<S: serde::Serializer>(path: &[Step], s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&PathText(path))
}

/// A conflict's path as people read it: `items[RX-4].title`.
pub struct PathText<'a>(pub &'a [Step]);

impl fmt::Display for PathText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Entity { value, .. } => write!(f, "[{value}]")?,
            }
        }
        Ok(())
    }
}

/// What the merge made.
#[derive(Debug, Clone)]
pub struct Merged {
    pub product: Product,
    /// Entities given new ids, so a person can fix references outside the file.
    pub renumbered: Vec<Renumbered>,
    pub conflicts: Vec<Conflict>,
    /// What a person should know that is not a conflict.
    pub notes: Vec<String>,
    /// How many entities (of every list) the merged product has from each
    /// side's changes: added or changed on theirs, added or changed on ours.
    pub changed: Changed,
}

/// How many entities each side added, changed or removed, as merged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub ours: usize,
    pub theirs: usize,
}

/// What the merge may consult besides the three sides.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The product on the upstream branch (`origin/HEAD`): ids it has are
    /// never renumbered.
    pub upstream: Option<&'a Product>,
}

/// Merges what `ours` and `theirs` each changed since `base`.
pub fn merge(base: &Product, ours: &Product, theirs: &Product, options: Options) -> Merged {
    let (ours_renamed, theirs_renamed, ours_keeps_ids, renumbered) =
        renumber::resolve_clashes(base, ours, theirs, options.upstream);
    let o = ours_renamed.as_ref().unwrap_or(ours);
    let t = theirs_renamed.as_ref().unwrap_or(theirs);
    // A replayed commit's references to an id that an earlier commit's
    // merge renumbered on the other side follow the renumbered item.
    let theirs_followed = renumber::follow_renumbered(base, o, t);
    let ours_followed = renumber::follow_renumbered(base, t, o);
    let o = ours_followed.as_ref().unwrap_or(o);
    let t = theirs_followed.as_ref().unwrap_or(t);
    let mut cx = Cx {
        conflicts: Vec::new(),
        notes: Vec::new(),
        ours_keeps_ids,
    };
    let mut changed = Changed::default();
    let b = base;
    let product = Product {
        version: o.version,
        product: product_info(&mut cx, b, o, t),
        vision: section(&mut cx, "vision", &b.vision, &o.vision, &t.vision),
        people: list(
            &mut cx,
            &mut changed,
            "people",
            "name",
            &b.people,
            &o.people,
            &t.people,
            |p| &p.name,
        ),
        rights: section(&mut cx, "rights", &b.rights, &o.rights, &t.rights),
        scoring: section(&mut cx, "scoring", &b.scoring, &o.scoring, &t.scoring),
        objectives: list(
            &mut cx,
            &mut changed,
            "objectives",
            "id",
            &b.objectives,
            &o.objectives,
            &t.objectives,
            |e| &e.id,
        ),
        kpis: list(
            &mut cx,
            &mut changed,
            "kpis",
            "id",
            &b.kpis,
            &o.kpis,
            &t.kpis,
            |e| &e.id,
        ),
        roadmap: list(
            &mut cx,
            &mut changed,
            "roadmap",
            "id",
            &b.roadmap,
            &o.roadmap,
            &t.roadmap,
            |e| &e.id,
        ),
        service: section(&mut cx, "service", &b.service, &o.service, &t.service),
        assessments: list(
            &mut cx,
            &mut changed,
            "assessments",
            "id",
            &b.assessments,
            &o.assessments,
            &t.assessments,
            |e| &e.id,
        ),
        needs: list(
            &mut cx,
            &mut changed,
            "needs",
            "id",
            &b.needs,
            &o.needs,
            &t.needs,
            |e| &e.id,
        ),
        items: list(
            &mut cx,
            &mut changed,
            "items",
            "id",
            &b.items,
            &o.items,
            &t.items,
            |e| &e.id,
        ),
        requests: list(
            &mut cx,
            &mut changed,
            "requests",
            "id",
            &b.requests,
            &o.requests,
            &t.requests,
            |e| &e.id,
        ),
        stakeholders: list(
            &mut cx,
            &mut changed,
            "stakeholders",
            "name",
            &b.stakeholders,
            &o.stakeholders,
            &t.stakeholders,
            |e| &e.name,
        ),
        decisions: list(
            &mut cx,
            &mut changed,
            "decisions",
            "id",
            &b.decisions,
            &o.decisions,
            &t.decisions,
            |e| &e.id,
        ),
        check: section(&mut cx, "check", &b.check, &o.check, &t.check),
    };
    let mut product = product;
    // Every id any side issued stays issued.
    keep_last_ids([base, ours, theirs, o, t], &mut product);
    Merged {
        product,
        renumbered,
        conflicts: cx.conflicts,
        notes: cx.notes,
        changed,
    }
}

/// Whether both sides added a different entity under one id: only then
/// does the merge consult the upstream (so a caller reads it only then).
pub fn has_id_clashes(base: &Product, ours: &Product, theirs: &Product) -> bool {
    !renumber::resolve_clashes(base, ours, theirs, None)
        .3
        .is_empty()
}

/// `[product]`: its fields three ways; the ids issued and the tool version
/// required as the highest of the sides (never a conflict).
fn product_info(cx: &mut Cx, b: &Product, o: &Product, t: &Product) -> crate::model::ProductInfo {
    let strip = |p: &Product| {
        let mut info = p.product.clone();
        info.last_ids = Default::default();
        info.requires = None;
        info
    };
    let mut info = section(cx, "product", &strip(b), &strip(o), &strip(t));
    for side in [b, o, t] {
        let marks = &side.product.last_ids;
        let merged = &mut info.last_ids;
        for (mine, theirs) in [
            (&mut merged.items, marks.items),
            (&mut merged.objectives, marks.objectives),
            (&mut merged.kpis, marks.kpis),
            (&mut merged.roadmap, marks.roadmap),
            (&mut merged.decisions, marks.decisions),
        ] {
            *mine = (*mine).max(theirs);
        }
        for (objective, n) in &marks.key_results {
            let mark = merged.key_results.entry(objective.clone()).or_default();
            *mark = (*mark).max(*n);
        }
        if let Some(requires) = &side.product.requires
            && !info
                .requires
                .as_deref()
                .is_some_and(|have| meets(have, requires))
        {
            info.requires = Some(requires.clone());
        }
    }
    info
}

/// A section that is one table: merged key by key as JSON.
fn section<T: Serialize + DeserializeOwned + Clone + PartialEq>(
    cx: &mut Cx,
    name: &str,
    b: &T,
    o: &T,
    t: &T,
) -> T {
    if o == t || b == t {
        return o.clone();
    }
    if b == o {
        return t.clone();
    }
    let json = |v: &T| serde_json::to_value(v).ok();
    let mut path = vec![Step::Key(name.to_owned())];
    let merged = merge_value(
        cx,
        &mut path,
        json(b).as_ref(),
        json(o).as_ref(),
        json(t).as_ref(),
    );
    merged
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_else(|| o.clone())
}

/// Whether two versions under one id are different entities: a later
/// commit of a rebase editing an id that an earlier one renumbered.
trait Identity {
    /// Whether `other`, under the same id, is another entity.
    fn other_entity(&self, _other: &Self) -> bool {
        false
    }

    /// Whether `other`, under any id, is this entity (a renumbered copy).
    fn same_entity(&self, _other: &Self) -> bool {
        false
    }
}

impl Identity for Item {
    fn other_entity(&self, other: &Self) -> bool {
        self.created != other.created && self.title != other.title
    }

    fn same_entity(&self, other: &Self) -> bool {
        self.created == other.created && self.title == other.title
    }
}

impl Identity for crate::model::Need {
    fn other_entity(&self, other: &Self) -> bool {
        self.created != other.created && self.statement != other.statement
    }

    fn same_entity(&self, other: &Self) -> bool {
        self.created == other.created && self.statement == other.statement
    }
}

impl Identity for crate::model::Request {
    fn other_entity(&self, other: &Self) -> bool {
        self.date != other.date && self.text != other.text
    }

    fn same_entity(&self, other: &Self) -> bool {
        self.date == other.date && self.text == other.text
    }
}

impl Identity for crate::model::Assessment {
    fn other_entity(&self, other: &Self) -> bool {
        self.phase != other.phase || self.date != other.date
    }

    fn same_entity(&self, other: &Self) -> bool {
        self.phase == other.phase && self.date == other.date
    }
}

impl Identity for Decision {
    fn other_entity(&self, other: &Self) -> bool {
        self.date != other.date && self.summary != other.summary
    }

    fn same_entity(&self, other: &Self) -> bool {
        self.date == other.date && self.summary == other.summary
    }
}

macro_rules! same_identity {
    ($($t:ty),*) => { $(impl Identity for $t {})* };
}
same_identity!(
    crate::model::Person,
    crate::model::Objective,
    crate::model::Kpi,
    crate::model::RoadmapEntry,
    crate::model::Stakeholder
);

/// Whether `side`'s entity under an id is another than `base`'s under it:
/// their identities differ, or `side` holds base's entity under an id the
/// base does not have (a merge renumbered it there, and the id now names
/// the entity the merge kept it for; ids are never reused otherwise).
fn replaced<T: Identity>(base: &T, now: &T, side: &[T], base_has: impl Fn(&T) -> bool) -> bool {
    base.other_entity(now)
        || (!base.same_entity(now) && side.iter().any(|e| !base_has(e) && base.same_entity(e)))
}

/// How many entities `side` added, changed or removed since `base`.
fn count_changed<T: PartialEq>(base: &[T], side: &[T], key_of: fn(&T) -> &String) -> usize {
    if base == side {
        return 0;
    }
    let in_base: HashMap<&str, &T> = base.iter().map(|e| (key_of(e).as_str(), e)).collect();
    let in_side: HashSet<&str> = side.iter().map(|e| key_of(e).as_str()).collect();
    let added_or_changed = side
        .iter()
        .filter(|e| in_base.get(key_of(e).as_str()) != Some(e))
        .count();
    let removed = in_base.keys().filter(|k| !in_side.contains(*k)).count();
    added_or_changed + removed
}

/// A list of entities, merged by key, in the merged order.
#[allow(clippy::too_many_arguments)]
fn list<T>(
    cx: &mut Cx,
    changed: &mut Changed,
    section: &str,
    key: &'static str,
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key_of: fn(&T) -> &String,
) -> Vec<T>
where
    T: Serialize + DeserializeOwned + Clone + PartialEq + Identity,
{
    if ours == theirs || base == theirs {
        changed.ours += count_changed(base, ours, key_of);
        return ours.to_vec();
    }
    if base == ours {
        changed.theirs += count_changed(base, theirs, key_of);
        return theirs.to_vec();
    }
    fn index<T>(list: &[T], key_of: fn(&T) -> &String) -> HashMap<&str, usize> {
        list.iter()
            .enumerate()
            .map(|(i, e)| (key_of(e).as_str(), i))
            .collect()
    }
    fn keys<T>(list: &[T], key_of: fn(&T) -> &String) -> Vec<&str> {
        list.iter().map(|e| key_of(e).as_str()).collect()
    }
    let (bi, oi, ti) = (
        index(base, key_of),
        index(ours, key_of),
        index(theirs, key_of),
    );
    let mut merged: HashMap<&str, T> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for k in ours
        .iter()
        .chain(theirs)
        .chain(base)
        .map(|e| key_of(e).as_str())
    {
        if !seen.insert(k) {
            continue;
        }
        let b = bi.get(k).map(|&i| &base[i]);
        let o = oi.get(k).map(|&i| &ours[i]);
        let t = ti.get(k).map(|&i| &theirs[i]);
        let value = if o == t || b == t {
            if o != b {
                changed.ours += 1;
            }
            o.cloned()
        } else if b == o {
            changed.theirs += 1;
            t.cloned()
        } else {
            changed.ours += 1;
            changed.theirs += 1;
            let mut path = vec![
                Step::Key(section.to_owned()),
                Step::Entity {
                    key,
                    value: k.to_owned(),
                },
            ];
            match (b, o, t) {
                (Some(b), Some(o), Some(t))
                    if replaced(b, o, ours, |e| bi.contains_key(key_of(e).as_str()))
                        || replaced(b, t, theirs, |e| bi.contains_key(key_of(e).as_str())) =>
                {
                    // One side holds another entity under this id than base
                    // did: the other side's edit was meant for base's, never
                    // for this one.
                    cx.conflicts.push(Conflict {
                        path,
                        ours: serde_json::to_value(o).ok(),
                        theirs: serde_json::to_value(t).ok(),
                    });
                    Some(o.clone())
                }
                _ => {
                    let json = |v: Option<&T>| v.and_then(|v| serde_json::to_value(v).ok());
                    let value = values::entity(
                        cx,
                        &mut path,
                        json(b).as_ref(),
                        json(o).as_ref(),
                        json(t).as_ref(),
                    );
                    match value.map(serde_json::from_value::<T>) {
                        Some(Ok(v)) => Some(v),
                        None => None,
                        Some(Err(_)) => {
                            cx.conflicts.push(Conflict {
                                path,
                                ours: json(o),
                                theirs: json(t),
                            });
                            o.or(t).cloned()
                        }
                    }
                }
            }
        };
        if let Some(v) = value {
            merged.insert(k, v);
        }
    }
    let (bk, ok, tk) = (keys(base, key_of), keys(ours, key_of), keys(theirs, key_of));
    let keep: HashSet<&str> = merged.keys().copied().collect();
    let (order, both_moved) = order::merge_order(&bk, &ok, &tk, &keep, cx.ours_keeps_ids);
    for k in both_moved {
        let whose = if cx.ours_keeps_ids { "ours" } else { "theirs" };
        cx.notes.push(format!(
            "{section}: {k} was moved on both sides to different places; {whose} (the side whose ids are kept) placed it"
        ));
    }
    order.into_iter().filter_map(|k| merged.remove(k)).collect()
}
