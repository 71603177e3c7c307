//! Properties of applying a ranking, on generated backlogs: the new order
//! is the open items, each once; no item comes above an open item it
//! depends on (where there is no cycle); pinned and in-progress items keep
//! their places whenever the places can be kept, and never move down then;
//! without dependencies the order is the ranking's around the held items;
//! and a ranking applied once moves nothing the second time.

use std::collections::HashMap;

use productfile::model::{Date, Item, Kind, Product, Status};
use productfile::priority::{Method, Ranking, rank};
use proptest::prelude::*;

/// One generated item: its value/cost score (`None`: unscored), status,
/// pin, and the items (by index) it depends on.
#[derive(Debug, Clone)]
struct Spec {
    value: Option<u8>,
    status: Status,
    pinned: bool,
    deps: Vec<usize>,
}

fn spec(n: usize) -> impl Strategy<Value = Spec> {
    let status = prop_oneof![
        4 => Just(Status::Idea),
        2 => Just(Status::Ready),
        2 => Just(Status::Doing),
        1 => Just(Status::Done),
        1 => Just(Status::Dropped),
    ];
    (
        prop::option::weighted(0.85, 0u8..6),
        status,
        prop::bool::weighted(0.2),
        prop::collection::vec(0..n.max(1), 0..3),
    )
        .prop_map(|(value, status, pinned, deps)| Spec {
            value,
            status,
            pinned,
            deps,
        })
}

/// Backlogs of up to 12 items; with `acyclic`, an item depends only on
/// items earlier in a shuffled order, so there is no cycle.
fn backlog(acyclic: bool) -> impl Strategy<Value = Backlog> {
    (0usize..13)
        .prop_flat_map(|n| {
            (
                prop::collection::vec(spec(n), n),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            )
        })
        .prop_map(move |(specs, order)| Backlog(build(&specs, acyclic.then_some(order.as_slice()))))
}

/// A generated product, shown one item a line when a property fails.
#[derive(Clone)]
struct Backlog(Product);

impl std::fmt::Debug for Backlog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for i in &self.0.items {
            writeln!(
                f,
                "{} value {:?} {}{} depends on {:?}",
                i.id,
                i.value,
                i.status,
                if i.pinned { " pinned" } else { "" },
                i.depends_on
            )?;
        }
        Ok(())
    }
}

fn build(specs: &[Spec], topo: Option<&[usize]>) -> Product {
    let today = Date::from_ymd(2026, 11, 23).unwrap();
    let mut p = Product::new("Props".into(), "PR".into());
    for (i, s) in specs.iter().enumerate() {
        let mut item = Item::new(
            format!("PR-{}", i + 1),
            format!("Item {i}"),
            Kind::Feature,
            today,
        );
        item.value = s.value.map(f64::from);
        item.cost = Some(1.0);
        item.status = s.status;
        item.pinned = s.pinned;
        item.depends_on = s
            .deps
            .iter()
            .filter(|&&d| match topo {
                Some(t) => t[d] < t[i],
                None => true,
            })
            .map(|d| format!("PR-{}", d + 1))
            .collect();
        p.items.push(item);
    }
    p
}

fn held(item: &Item) -> bool {
    item.pinned || item.status == Status::Doing
}

/// The open items' ids in the present order.
fn open_ids(p: &Product) -> Vec<String> {
    p.open_items().map(|i| i.id.clone()).collect()
}

/// Each open item's open dependencies, by index among open items.
fn open_deps(p: &Product) -> Vec<Vec<usize>> {
    let index: HashMap<&str, usize> = p
        .open_items()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    p.open_items()
        .map(|item| {
            item.depends_on
                .iter()
                .filter_map(|d| index.get(d.as_str()).copied())
                .collect()
        })
        .collect()
}

/// The latest place (1-based) each open item may take for every held
/// item to keep its place, worked out independently of the library:
/// `None` for no limit.
fn deadlines(p: &Product) -> Vec<Option<i64>> {
    let open: Vec<&Item> = p.open_items().collect();
    let deps = open_deps(p);
    let mut d: Vec<Option<i64>> = open
        .iter()
        .enumerate()
        .map(|(i, item)| held(item).then_some(i as i64 + 1))
        .collect();
    for _ in 0..open.len() {
        for x in 0..open.len() {
            let Some(dx) = d[x] else { continue };
            for &dep in &deps[x] {
                if d[dep].is_none_or(|v| v > dx - 1) {
                    d[dep] = Some(dx - 1);
                }
            }
        }
    }
    d
}

/// The earliest place (1-based) each open item may take with every
/// dependency above it and every held item in its place: a held item's own
/// place, else one below the latest of what it depends on.
fn releases(p: &Product) -> Vec<i64> {
    let open: Vec<&Item> = p.open_items().collect();
    let deps = open_deps(p);
    let mut r: Vec<i64> = open
        .iter()
        .enumerate()
        .map(|(i, item)| if held(item) { i as i64 + 1 } else { 1 })
        .collect();
    for _ in 0..open.len() {
        for x in 0..open.len() {
            for &dep in &deps[x] {
                if r[x] < r[dep] + 1 {
                    r[x] = r[dep] + 1;
                }
            }
        }
    }
    r
}

/// Whether every held item can keep its place with all dependencies above:
/// every open item gets a place of its own between its release and its
/// deadline. Filling places from the top with the released item whose
/// deadline comes first finds such places whenever there are any (unit
/// jobs on one machine).
fn feasible(d: &[Option<i64>], r: &[i64]) -> bool {
    let n = d.len();
    let deadline = |x: usize| d[x].unwrap_or(n as i64);
    let mut placed = vec![false; n];
    for slot in 1..=n as i64 {
        let next = (0..n)
            .filter(|&x| !placed[x] && r[x] <= slot)
            .min_by_key(|&x| deadline(x));
        match next {
            Some(x) if deadline(x) >= slot => placed[x] = true,
            _ => return false,
        }
    }
    true
}

/// Whether an open item depends on `target`, directly or not.
fn needed(deps: &[Vec<usize>], target: usize) -> bool {
    let mut seen = vec![false; deps.len()];
    let mut stack = vec![target];
    while let Some(at) = stack.pop() {
        for (x, ds) in deps.iter().enumerate() {
            if ds.contains(&at) && !seen[x] {
                seen[x] = true;
                stack.push(x);
            }
        }
    }
    seen.iter().any(|s| *s)
}

fn new_positions(r: &Ranking) -> HashMap<String, usize> {
    r.order()
        .into_iter()
        .enumerate()
        .map(|(i, id)| (id.to_owned(), i + 1))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_new_order_is_the_open_items_each_once(Backlog(p) in backlog(false)) {
        let r = rank(&p, &Method::ValueCost);
        let mut order: Vec<String> = r.order().into_iter().map(str::to_owned).collect();
        let mut open = open_ids(&p);
        order.sort();
        open.sort();
        prop_assert_eq!(order, open);
    }

    #[test]
    fn no_item_comes_above_an_open_item_it_depends_on(Backlog(p) in backlog(true)) {
        let r = rank(&p, &Method::ValueCost);
        let at = new_positions(&r);
        for item in p.open_items() {
            for dep in p.blockers(item) {
                prop_assert!(
                    at[&dep.id] < at[&item.id],
                    "{} at {} depends on {} at {}: {:?}",
                    item.id, at[&item.id], dep.id, at[&dep.id], r.order()
                );
            }
        }
    }

    #[test]
    fn held_items_keep_their_places_when_they_can(Backlog(p) in backlog(true)) {
        let r = rank(&p, &Method::ValueCost);
        let at = new_positions(&r);
        let d = deadlines(&p);
        prop_assume!(feasible(&d, &releases(&p)));
        let deps = open_deps(&p);
        for (i, item) in p.open_items().enumerate() {
            if !held(item) {
                continue;
            }
            let (was, now) = (i + 1, at[&item.id]);
            // Never down; and unless another held item or an item that waits
            // for it needs it higher, in its place.
            prop_assert!(now <= was, "{} moved down from {was} to {now}: {:?}", item.id, r.order());
            if d[i] == Some(was as i64) && !needed(&deps, i) {
                prop_assert_eq!(now, was, "{} moved: {:?}", item.id, r.order());
            }
        }
    }

    #[test]
    fn without_dependencies_held_items_stay_and_the_rest_follow_the_ranking(
        Backlog(p) in backlog(false)
    ) {
        let mut p = p;
        for item in &mut p.items {
            item.depends_on.clear();
        }
        let r = rank(&p, &Method::ValueCost);
        let at = new_positions(&r);
        for (i, item) in p.open_items().enumerate() {
            if held(item) {
                prop_assert_eq!(at[&item.id], i + 1);
            }
        }
        let free_in_rank_order: Vec<&str> = r
            .ranked
            .iter()
            .filter(|x| !x.pinned && !x.doing)
            .map(|x| x.id.as_str())
            .chain(r.unscored.iter().filter(|u| !u.pinned && !u.doing).map(|u| u.id.as_str()))
            .collect();
        let free_in_new_order: Vec<&str> = r
            .order()
            .into_iter()
            .filter(|id| !free_in_rank_order.is_empty() && free_in_rank_order.contains(id))
            .collect();
        prop_assert_eq!(free_in_new_order, free_in_rank_order);
        prop_assert!(r.ranked.iter().all(|x| x.placement.is_none()));
    }

    #[test]
    fn a_ranking_applied_once_moves_nothing_the_second_time(Backlog(p) in backlog(true)) {
        // Where held items cannot all keep their places, the first apply
        // moves some down, and their new places are judged afresh.
        prop_assume!(feasible(&deadlines(&p), &releases(&p)));
        let mut p = p;
        let first = rank(&p, &Method::ValueCost);
        p.reorder_open(&first.order()).unwrap();
        let second = rank(&p, &Method::ValueCost);
        prop_assert_eq!(second.moves(), 0, "{:?} then {:?}", first.order(), second.order());
    }
}
