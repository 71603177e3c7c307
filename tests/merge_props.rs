//! Properties of the three-way merge on generated products: two sides edit
//! disjoint entities of one base (retitle, resize, tag, untag, remove or
//! move items; add items, some depending on each other, under clashing ids;
//! check in a key result on days of their own; log decisions under clashing
//! ids). The merge holds both sides' changes without a conflict, gives the
//! same entities whichever side is ours (only which side is renumbered
//! differs), and a side that changed nothing gives the other side back.

mod common;

use std::collections::{BTreeMap, HashSet};

use std::path::Path;
use std::time::Duration;

use productfile::merge::{Merged, Options, merge};
use productfile::model::ids::keep_last_ids;
use productfile::model::{Date, Decision, DecisionKind, Item, Kind, Product, Reading};
use productfile::ops::merge::{How, MergeFiles, merge_files};
use productfile::store::Edit as Save;
use proptest::prelude::*;
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Edit {
    Retitle,
    Resize(u8),
    Tag,
    Untag,
    Remove,
    MoveTo(usize),
}

/// What one side does.
#[derive(Debug, Clone)]
struct Plan {
    /// The edit of each base item this side owns (by position in the base).
    edits: BTreeMap<usize, Edit>,
    /// New items, each maybe depending on the one added before it.
    added: Vec<bool>,
    /// Days of November on which it checks in O1.KR1.
    check_ins: Vec<u32>,
    /// Decisions it logs (each about its first new item, if any).
    decisions: usize,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::Retitle),
        (1u8..14).prop_map(Edit::Resize),
        Just(Edit::Tag),
        Just(Edit::Untag),
        Just(Edit::Remove),
        (0usize..12).prop_map(Edit::MoveTo),
    ]
}

/// A base of `n` items and the plans of both sides: each base item is left
/// alone or edited by exactly one side; ours checks in on odd days, theirs
/// on even days.
fn case() -> impl Strategy<Value = (usize, Plan, Plan)> {
    (3usize..9).prop_flat_map(|n| {
        // 0: nobody, 1: ours, 2: theirs, 3: both, ours its title and theirs its size.
        let owners = prop::collection::vec((0u8..4, edit()), n);
        let side = |odd: bool| {
            (
                prop::collection::vec(any::<bool>(), 0..4),
                prop::collection::btree_set(1u32..15, 0..3),
                0usize..3,
            )
                .prop_map(move |(added, days, decisions)| {
                    let check_ins = days
                        .into_iter()
                        .map(|d| 2 * d + u32::from(odd))
                        .filter(|d| (2..=30).contains(d))
                        .collect();
                    (added, check_ins, decisions)
                })
        };
        (Just(n), owners, side(true), side(false)).prop_map(|(n, owners, ours, theirs)| {
            let plan =
                |who: u8, (added, check_ins, decisions): (Vec<bool>, Vec<u32>, usize)| Plan {
                    edits: owners
                        .iter()
                        .enumerate()
                        .filter_map(|(i, (owner, e))| match (*owner, who) {
                            (3, 1) => Some((i, Edit::Retitle)),
                            (3, _) => Some((i, Edit::Resize(7))),
                            (o, w) if o == w => Some((i, *e)),
                            _ => None,
                        })
                        .collect(),
                    added,
                    check_ins,
                    decisions,
                };
            (n, plan(1, ours), plan(2, theirs))
        })
    })
}

fn date(day: u32) -> Date {
    Date::from_ymd(2026, 11, day).unwrap()
}

/// The fixture with items LC-4 up to LC-n added.
fn base(n: usize) -> Product {
    let mut p = common::merging::product();
    for k in p.items.len() + 1..=n {
        let mut item = Item::new(
            format!("LC-{k}"),
            format!("Item {k}"),
            Kind::Feature,
            date(1),
        );
        item.size = Some((k % 5 + 1) as f64);
        item.tags = vec![format!("t{}", k % 3)];
        p.items.push(item);
    }
    p
}

/// The base with one side's plan carried out, as `product` would leave it
/// (the ids it issued remembered).
fn apply(base: &Product, plan: &Plan, name: &str) -> Product {
    let mut p = base.clone();
    let today = Date::from_ymd(2026, 12, 1).unwrap();
    let base_ids: Vec<String> = base.items.iter().map(|i| i.id.clone()).collect();
    for (&at, &edit) in &plan.edits {
        let id = &base_ids[at];
        let Some(pos) = p.items.iter().position(|i| &i.id == id) else {
            continue;
        };
        let item = &mut p.items[pos];
        match edit {
            Edit::Retitle => item.title = format!("{} ({name})", item.title),
            Edit::Resize(s) => item.size = Some(f64::from(s)),
            Edit::Tag => item.tags.push(name.to_owned()),
            Edit::Untag => item.tags.clear(),
            Edit::Remove => {
                p.items.remove(pos);
                continue;
            }
            Edit::MoveTo(to) => {
                let moved = p.items.remove(pos);
                let to = to % (p.items.len() + 1);
                p.items.insert(to, moved);
                continue;
            }
        }
        item.updated = Some(today);
    }
    // Removing the highest id does not free it.
    keep_last_ids([base], &mut p);
    let mut new_ids = Vec::new();
    for (j, &depends) in plan.added.iter().enumerate() {
        let next = productfile::model::ids::IdKind::Item.next(&p).unwrap();
        let mut item = Item::new(
            next.clone(),
            format!("{name} new {j}"),
            Kind::Feature,
            today,
        );
        if depends && let Some(before) = new_ids.last() {
            item.depends_on = vec![String::clone(before)];
        }
        p.items.push(item);
        new_ids.push(next);
    }
    let kr = &mut p.objectives[0].key_results[0];
    for &day in &plan.check_ins {
        kr.history.push(Reading {
            date: date(day),
            value: f64::from(day),
            note: None,
        });
    }
    kr.history.sort_by_key(|r| r.date);
    kr.current = kr.history.last().map(|r| r.value);
    for j in 0..plan.decisions {
        let id = productfile::model::ids::IdKind::Decision.next(&p).unwrap();
        p.decisions.push(Decision {
            id,
            date: today,
            kinds: vec![DecisionKind::Scope],
            other_kinds: Vec::new(),
            summary: format!("{name} decision {j}"),
            decided_by: "Priya Shah".into(),
            agreed_by: Vec::new(),
            rationale: None,
            refs: new_ids.first().cloned().into_iter().collect(),
            covers: Vec::new(),
            signatures: Vec::new(),
        });
    }
    keep_last_ids([base], &mut p);
    p
}

fn run(base: &Product, ours: &Product, theirs: &Product) -> Merged {
    merge(base, ours, theirs, Options::default())
}

/// The merged product with ids replaced by titles (items) and summaries
/// (decisions), so that merges that renumbered different sides compare
/// equal; lists of entities sorted, as both sides' additions at one place
/// are ordered by which side keeps its ids.
fn normalised(p: &Product) -> Value {
    let title: BTreeMap<&str, &str> = p
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    let name = |id: &str| title.get(id).map_or(id.to_owned(), |t| t.to_string());
    let mut items: Vec<Value> = p
        .items
        .iter()
        .map(|i| {
            let mut v = serde_json::to_value(i).unwrap();
            v["id"] = Value::Null;
            v["depends_on"] = json!(i.depends_on.iter().map(|d| name(d)).collect::<Vec<_>>());
            v
        })
        .collect();
    items.sort_by_key(|v| v["title"].as_str().unwrap().to_owned());
    let mut decisions: Vec<Value> = p
        .decisions
        .iter()
        .map(|d| {
            let mut v = serde_json::to_value(d).unwrap();
            v["id"] = Value::Null;
            v["refs"] = json!(d.refs.iter().map(|r| name(r)).collect::<Vec<_>>());
            v
        })
        .collect();
    decisions.sort_by_key(|v| v["summary"].as_str().unwrap().to_owned());
    let mut rest = serde_json::to_value(p).unwrap();
    rest["items"] = Value::Array(items);
    rest["decisions"] = Value::Array(decisions);
    rest["product"]["last_ids"] = Value::Null;
    rest
}

fn items_of(p: &Product) -> Vec<(&str, &str)> {
    p.items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect()
}

fn item_by_title<'a>(p: &'a Product, title: &str) -> Option<&'a Item> {
    p.items.iter().find(|i| i.title == title)
}

/// The base items (by id) in the order `p` has them.
fn base_order(p: &Product, base: &Product) -> Vec<String> {
    let ids: HashSet<&str> = base.items.iter().map(|i| i.id.as_str()).collect();
    p.items
        .iter()
        .filter(|i| ids.contains(i.id.as_str()))
        .map(|i| i.id.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("MERGE_PROPS_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn both_sides_changes_to_disjoint_entities_are_all_merged((n, ours_plan, theirs_plan) in case()) {
        let b = base(n);
        let o = apply(&b, &ours_plan, "Ours");
        let t = apply(&b, &theirs_plan, "Theirs");
        let m = run(&b, &o, &t);
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        // Moves of different items are never read as one item moved twice.
        prop_assert!(m.notes.is_empty(), "{:?}", m.notes);
        let merged = &m.product;

        // Every base item is as the side that owns it left it, or gone.
        for (at, item) in b.items.iter().enumerate() {
            let now = merged.items.iter().find(|i| i.id == item.id);
            let (side, edit) = match (ours_plan.edits.get(&at), theirs_plan.edits.get(&at)) {
                (Some(_), Some(_)) => {
                    // Both: ours' title and theirs' size.
                    let mut want = o.items.iter().find(|i| i.id == item.id).unwrap().clone();
                    want.size = Some(7.0);
                    prop_assert_eq!(now, Some(&want));
                    continue;
                }
                (Some(e), _) => (&o, Some(*e)),
                (_, Some(e)) => (&t, Some(*e)),
                _ => (&b, None),
            };
            if edit == Some(Edit::Remove) {
                prop_assert!(now.is_none(), "{} was removed", item.id);
            } else {
                let want = side.items.iter().find(|i| i.id == item.id).unwrap();
                prop_assert_eq!(now, Some(want));
            }
        }
        // Each side's new items are there, their dependencies on the items
        // they meant; ids are never shared.
        for (side, plan, name) in [(&o, &ours_plan, "Ours"), (&t, &theirs_plan, "Theirs")] {
            for j in 0..plan.added.len() {
                let title = format!("{name} new {j}");
                let mine = item_by_title(side, &title).unwrap();
                let now = item_by_title(merged, &title);
                prop_assert!(now.is_some(), "{} is missing", title);
                let now = now.unwrap();
                let deps: Vec<&str> = now
                    .depends_on
                    .iter()
                    .map(|d| merged.items.iter().find(|i| &i.id == d).unwrap().title.as_str())
                    .collect();
                let meant: Vec<&str> = mine
                    .depends_on
                    .iter()
                    .map(|d| side.items.iter().find(|i| &i.id == d).unwrap().title.as_str())
                    .collect();
                prop_assert_eq!(deps, meant);
            }
        }
        let expected_items = b.items.len()
            - ours_plan.edits.values().chain(theirs_plan.edits.values()).filter(|e| **e == Edit::Remove).count()
            + ours_plan.added.len()
            + theirs_plan.added.len();
        prop_assert_eq!(merged.items.len(), expected_items);
        let ids: HashSet<&str> = merged.items.iter().map(|i| i.id.as_str()).collect();
        prop_assert_eq!(ids.len(), merged.items.len());

        // Check-ins from both, in date order; current the latest.
        let kr = &merged.objectives[0].key_results[0];
        let mut days: Vec<u32> = ours_plan.check_ins.iter().chain(&theirs_plan.check_ins).copied().collect();
        days.push(1);
        days.sort();
        let dates: Vec<Date> = kr.history.iter().map(|r| r.date).collect();
        prop_assert_eq!(dates, days.iter().map(|d| date(*d)).collect::<Vec<_>>());
        prop_assert_eq!(kr.current, kr.history.last().map(|r| r.value));

        // Decisions from both, under distinct ids, about what they meant.
        prop_assert_eq!(merged.decisions.len(), 3 + ours_plan.decisions + theirs_plan.decisions);
        let decision_ids: HashSet<&str> = merged.decisions.iter().map(|d| d.id.as_str()).collect();
        prop_assert_eq!(decision_ids.len(), merged.decisions.len());
        for (side, name) in [(&o, "Ours"), (&t, "Theirs")] {
            for d in side.decisions.iter().skip(3) {
                let now = merged.decisions.iter().find(|m| m.summary == d.summary).unwrap();
                let meant: Vec<&str> = d.refs.iter().map(|r| item_by_title(side, &format!("{name} new 0")).map_or(r.as_str(), |i| { assert_eq!(&i.id, r); i.title.as_str() })).collect();
                let refs: Vec<&str> = now.refs.iter().map(|r| merged.items.iter().find(|i| &i.id == r).unwrap().title.as_str()).collect();
                prop_assert_eq!(refs, meant);
            }
        }

        // New items were added at the bottom on each side: they stay below
        // every item of the base that neither side moved, ours' first (an
        // item moved to the bottom on the other side may come between).
        let titles: Vec<&str> = merged.items.iter().filter(|i| i.title.contains(" new ")).map(|i| i.title.as_str()).collect();
        let mut expected: Vec<String> = (0..ours_plan.added.len()).map(|j| format!("Ours new {j}")).collect();
        expected.extend((0..theirs_plan.added.len()).map(|j| format!("Theirs new {j}")));
        prop_assert_eq!(titles, expected);
        let moved_ids: HashSet<&str> = ours_plan.edits.iter().chain(&theirs_plan.edits)
            .filter(|(_, e)| matches!(e, Edit::MoveTo(_)))
            .map(|(at, _)| b.items[*at].id.as_str())
            .collect();
        let first_new = merged.items.iter().position(|i| i.title.contains(" new ")).unwrap_or(merged.items.len());
        let last_unmoved = merged.items.iter().rposition(|i| !i.title.contains(" new ") && !moved_ids.contains(i.id.as_str()));
        prop_assert!(last_unmoved.is_none_or(|l| l < first_new), "{:?}", items_of(merged));

        // Where only one side reordered, the base items keep its order.
        let moved = |p: &Plan| p.edits.values().any(|e| matches!(e, Edit::MoveTo(_)));
        if !moved(&theirs_plan) {
            prop_assert_eq!(base_order(merged, &b), base_order(&o, &b).into_iter().filter(|id| t.items.iter().any(|i| &i.id == id)).collect::<Vec<_>>());
        }
        if !moved(&ours_plan) {
            prop_assert_eq!(base_order(merged, &b), base_order(&t, &b).into_iter().filter(|id| o.items.iter().any(|i| &i.id == id)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_merge_is_symmetric_up_to_renumbering((n, ours_plan, theirs_plan) in case()) {
        let b = base(n);
        let o = apply(&b, &ours_plan, "Ours");
        let t = apply(&b, &theirs_plan, "Theirs");
        let one = run(&b, &o, &t);
        let other = run(&b, &t, &o);
        prop_assert_eq!(normalised(&one.product), normalised(&other.product));
        prop_assert_eq!(one.renumbered.len(), other.renumbered.len());
        // And deterministic.
        let again = run(&b, &o, &t);
        prop_assert_eq!(serde_json::to_value(&one.product).unwrap(), serde_json::to_value(&again.product).unwrap());
    }

    #[test]
    fn a_side_that_changed_nothing_gives_the_other((n, plan, _other) in case()) {
        let b = base(n);
        let x = apply(&b, &plan, "Ours");
        let json = |p: &Product| serde_json::to_value(p).unwrap();
        for m in [run(&b, &b, &x), run(&b, &x, &b), run(&b, &x, &x)] {
            prop_assert!(m.conflicts.is_empty());
            prop_assert!(m.renumbered.is_empty());
            prop_assert_eq!(json(&m.product), json(&x));
        }
    }

    #[test]
    fn the_merged_file_reads_back_as_the_merged_product(
        (n, ours_plan, theirs_plan) in case(),
        json in any::<bool>(),
    ) {
        let b = base(n);
        let o = apply(&b, &ours_plan, "Ours");
        let t = apply(&b, &theirs_plan, "Theirs");
        let dir = tempfile::tempdir().unwrap();
        let (name, start) = match json {
            true => ("product.json", common::merging::product_json()),
            false => ("product.toml", common::merging::PRODUCT_TOML.to_owned()),
        };
        // Each side written as a command would, on the base's text.
        let ext = if json { "json" } else { "toml" };
        let file = |side: &str| dir.path().join(format!("{side}.{ext}"));
        let (base_path, ours_path, theirs_path) = (file("base"), file("ours"), file("theirs"));
        let base_text = write(&base_path, &start, &b);
        let ours_text = write(&ours_path, &base_text, &o);
        let theirs_text = write(&theirs_path, &base_text, &t);
        let report = merge_files(&MergeFiles {
            base: &base_path,
            ours: &ours_path,
            theirs: &theirs_path,
            path: Some(Path::new(name)),
            marker_size: 7,
            upstream: None,
        })
        .unwrap();
        prop_assert_eq!(report.how, How::Semantic);
        prop_assert_eq!(report.conflict_count, 0);
        prop_assert!(report.notes.is_empty(), "{:?}", report.notes);
        prop_assert!(report.unplaced_comments.is_empty(), "{:?}", report.unplaced_comments);
        let text = std::fs::read_to_string(&ours_path).unwrap();
        let read = productfile::store::parse(&text, Path::new(name));
        prop_assert!(read.is_ok(), "{:?}\n{}", read.err(), text);
        let expected = run(&b, &o, &t).product;
        prop_assert_eq!(serde_json::to_value(read.unwrap()).unwrap(), serde_json::to_value(expected).unwrap());
        // Where theirs left the text up to the objectives alone, ours' is
        // kept byte for byte.
        let head = |t: &str| t.split("objectives").next().unwrap().to_owned();
        if head(&theirs_text) == head(&base_text) {
            prop_assert_eq!(head(&text), head(&ours_text));
        }
    }
}

/// Writes `product` over a file that starts as `start`, through the edit
/// every command makes, and returns the file's text.
fn write(path: &Path, start: &str, product: &Product) -> String {
    std::fs::write(path, start).unwrap();
    let (_, mut edit) = Save::open(path, Duration::from_secs(5)).unwrap();
    edit.save(product).unwrap();
    std::fs::read_to_string(path).unwrap()
}
