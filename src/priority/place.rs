//! Where applying a ranking puts each open item: a stable topological
//! placement that keeps held items (pinned or in progress) in their places.
//!
//! The rules, in order of strength:
//!
//! 1. The result is the open items, each once.
//! 2. No item comes above an open item it depends on, except inside a
//!    dependency cycle: dependencies between the items of one cycle are
//!    ignored (`product check` reports the cycle), so they keep score order.
//! 3. A held item keeps its place. It moves only when it must: up, when a
//!    held item above it depends on it (it comes as late as it can, just
//!    above that item); down, when the items it depends on do not all fit
//!    above its place (as little as it can, taking along a held item just
//!    below whose place it takes).
//! 4. Every other place goes to the best-ranked free item whose
//!    dependencies are all placed: an item waits for what it depends on and
//!    comes as soon as it can after the last of it. A free item that a held
//!    item depends on comes by its rank, else just above the held item, as
//!    late as it can.
//!
//! Rule 3 is scheduling with deadlines: each held item must be at its place,
//! so each item it depends on must be above, one place higher per step of
//! the chain. A slot is filled by its best-ranked free item unless that
//! would leave too few places for the items with a deadline; then the item
//! with the earliest deadline takes it (earliest deadline first, which meets
//! every deadline when they can all be met, and else is late by the least).

use std::collections::BTreeSet;

use crate::model::strongly_connected;

/// An open item to place, by its index in the present order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Node {
    /// Pinned or in progress: it keeps its place.
    pub held: bool,
    /// The open items it depends on, by index.
    pub deps: Vec<usize>,
}

/// Why an item is not where its rank alone would put it, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// It waited for this item, which it depends on.
    After(usize),
    /// It moved up to come before this held item, which depends on it.
    Before(usize),
}

/// Where each item goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The indices in their new order.
    pub order: Vec<usize>,
    /// For each index, why it is not where its rank alone puts it.
    pub why: Vec<Option<Why>>,
    /// For each index, the items of its dependency cycle (itself included,
    /// in index order); empty when it is in none.
    pub cycle: Vec<Vec<usize>>,
}

/// A deadline no item has.
const NONE: i64 = i64::MAX;

/// Places `nodes` (the open items in their present order); `preference`
/// gives each index its rank (smaller is better, all different).
pub fn place(nodes: &[Node], preference: &[usize]) -> Placed {
    let n = nodes.len();
    let raw: Vec<Vec<usize>> = nodes
        .iter()
        .map(|node| node.deps.iter().copied().filter(|&d| d < n).collect())
        .collect();
    let mut component = vec![0; n];
    let mut cycle = vec![Vec::new(); n];
    for (c, members) in strongly_connected(&raw).into_iter().enumerate() {
        let looped = members.len() > 1 || raw[members[0]].contains(&members[0]);
        let mut sorted = members.clone();
        sorted.sort_unstable();
        for &m in &members {
            component[m] = c;
            if looped {
                cycle[m].clone_from(&sorted);
            }
        }
    }
    // Dependencies that count: none inside a cycle, each once.
    let deps: Vec<Vec<usize>> = raw
        .iter()
        .enumerate()
        .map(|(i, ds)| {
            let mut ds: Vec<usize> = ds
                .iter()
                .copied()
                .filter(|&d| component[d] != component[i])
                .collect();
            ds.sort_unstable();
            ds.dedup();
            ds
        })
        .collect();
    let mut dependents = vec![Vec::new(); n];
    for (i, ds) in deps.iter().enumerate() {
        for &d in ds {
            dependents[d].push(i);
        }
    }
    let (deadline, root) = deadlines(nodes, &deps, &dependents);

    let mut waiting: Vec<usize> = deps.iter().map(Vec::len).collect();
    let mut ready: BTreeSet<(usize, usize)> = BTreeSet::new(); // free items: (rank, index)
    // Items with a deadline, earliest first; at one deadline, a held item
    // that can stay in its place goes last, so that it does.
    let due_key = |i: usize| {
        let stays = nodes[i].held && deadline[i] == i as i64 + 1;
        (deadline[i], stays, preference[i], i)
    };
    let mut due: BTreeSet<(i64, bool, usize, usize)> = BTreeSet::new();
    for i in 0..n {
        if waiting[i] == 0 && !nodes[i].held {
            ready.insert((preference[i], i));
        }
        if deadline[i] != NONE {
            due.insert(due_key(i));
        }
    }
    let mut placed = vec![None; n]; // each index's new 0-based place
    let mut order = Vec::with_capacity(n);
    let mut why = vec![None; n];
    let mut worst_taken: Option<usize> = None; // the worst rank a free item was placed by
    let mut slack = slack_of(&due);
    for slot in 0..n {
        let best_free = ready.first().map(|&(_, i)| i);
        let earliest = due.first().map(|&(.., i)| i);
        let pick = if slack <= slot as i64 + 1 {
            forced(&due, slot as i64 + 1, &waiting)
                .or(earliest)
                .or(best_free)
        } else if best_free.is_some() {
            best_free
        } else {
            // Every free item waits for a held one: the first held item that
            // others wait for comes now, so that they can follow.
            due.iter()
                .map(|&(.., i)| i)
                .find(|&i| waiting[i] == 0 && unplaced(&dependents[i], &placed).is_some())
                .or(earliest)
        };
        // Never reached with a consistent state; kept so that no input can panic.
        let Some(pick) = pick.or_else(|| (0..n).find(|&i| placed[i].is_none())) else {
            break;
        };
        why[pick] = if !nodes[pick].held && Some(pick) == best_free {
            let waited = worst_taken.is_some_and(|w| w > preference[pick]);
            worst_taken = worst_taken.max(Some(preference[pick]));
            last_placed(&deps[pick], &placed)
                .filter(|_| waited)
                .map(Why::After)
        } else if nodes[pick].held && slot > pick {
            last_placed(&deps[pick], &placed)
                .filter(|&d| placed[d] >= Some(pick))
                .map(Why::After)
        } else if nodes[pick].held && slot == pick {
            None
        } else {
            // Ahead of its rank (or of its place, when held) for a held
            // item that depends on it, or for the items that wait for it.
            root[pick]
                .filter(|&r| r != pick)
                .or_else(|| best_unplaced(&dependents[pick], &placed, preference))
                .map(Why::Before)
        };
        placed[pick] = Some(slot);
        order.push(pick);
        ready.remove(&(preference[pick], pick));
        if due.remove(&due_key(pick)) {
            slack = slack_of(&due);
        }
        for &d in &dependents[pick] {
            waiting[d] -= 1;
            if waiting[d] == 0 && !nodes[d].held && placed[d].is_none() {
                ready.insert((preference[d], d));
            }
        }
    }
    Placed { order, why, cycle }
}

/// Each item's deadline (the lowest place it may take, 1-based; `NONE` for
/// none), and the held item that set it. A held item's deadline is its
/// place; what it depends on must be one place higher for each step.
fn deadlines(
    nodes: &[Node],
    deps: &[Vec<usize>],
    dependents: &[Vec<usize>],
) -> (Vec<i64>, Vec<Option<usize>>) {
    let n = nodes.len();
    let mut deadline: Vec<i64> = (0..n)
        .map(|i| if nodes[i].held { i as i64 + 1 } else { NONE })
        .collect();
    let mut root: Vec<Option<usize>> = (0..n).map(|i| nodes[i].held.then_some(i)).collect();
    // Dependents before what they depend on: Kahn's order on the dependents' side.
    let mut left: Vec<usize> = dependents.iter().map(Vec::len).collect();
    let mut stack: Vec<usize> = (0..n).filter(|&i| left[i] == 0).collect();
    while let Some(i) = stack.pop() {
        for &d in &deps[i] {
            if deadline[i] != NONE && deadline[i] - 1 < deadline[d] {
                deadline[d] = deadline[i] - 1;
                root[d] = if nodes[i].held { Some(i) } else { root[i] };
            }
            left[d] -= 1;
            if left[d] == 0 {
                stack.push(d);
            }
        }
    }
    (deadline, root)
}

/// The least, over the items with a deadline, of the k-th earliest deadline
/// less k (counted from 0). Once the place to fill reaches it, leaving the
/// place to an item without a deadline would make one of them late, so the
/// earliest deadline takes it.
fn slack_of(due: &BTreeSet<(i64, bool, usize, usize)>) -> i64 {
    due.iter()
        .enumerate()
        .map(|(k, &(d, ..))| d - k as i64)
        .min()
        .unwrap_or(NONE)
}

/// The item that must take place `at`, some item with a deadline being
/// due. Those that can take it and still let every deadline be met are the
/// earliest, up to the first whose deadline is tight; of them, the best
/// ranked that is not a held item able to stay in its place, else the
/// earliest.
fn forced(due: &BTreeSet<(i64, bool, usize, usize)>, at: i64, waiting: &[usize]) -> Option<usize> {
    let mut allowed = Vec::new();
    for (k, &(d, stays, rank, i)) in due.iter().enumerate() {
        if waiting[i] == 0 {
            allowed.push((stays, rank, i));
        }
        if d - k as i64 <= at {
            break;
        }
    }
    let first = allowed.first().map(|&(.., i)| i);
    allowed.sort_unstable();
    allowed
        .first()
        .filter(|(stays, ..)| !stays)
        .map(|&(.., i)| i)
        .or(first)
}

/// Of `items`, one not placed yet.
fn unplaced(items: &[usize], placed: &[Option<usize>]) -> Option<usize> {
    items.iter().copied().find(|&i| placed[i].is_none())
}

/// Of `items`, the best ranked not placed yet.
fn best_unplaced(items: &[usize], placed: &[Option<usize>], preference: &[usize]) -> Option<usize> {
    items
        .iter()
        .copied()
        .filter(|&i| placed[i].is_none())
        .min_by_key(|&i| preference[i])
}

/// Of `deps`, the one placed last.
fn last_placed(deps: &[usize], placed: &[Option<usize>]) -> Option<usize> {
    deps.iter()
        .copied()
        .filter(|&d| placed[d].is_some())
        .max_by_key(|&d| placed[d])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(spec: &[(bool, &[usize])]) -> Vec<Node> {
        spec.iter()
            .map(|(held, deps)| Node {
                held: *held,
                deps: deps.to_vec(),
            })
            .collect()
    }

    #[test]
    fn without_dependencies_held_items_stay_and_the_rest_follow_rank() {
        let n = nodes(&[(false, &[]), (true, &[]), (false, &[])]);
        let p = place(&n, &[2, 0, 1]);
        assert_eq!(p.order, [2, 1, 0]);
        assert!(p.why.iter().all(Option::is_none));
    }

    #[test]
    fn an_item_waits_for_what_it_depends_on() {
        let n = nodes(&[(false, &[2]), (false, &[]), (false, &[])]);
        let p = place(&n, &[0, 1, 2]);
        assert_eq!(p.order, [1, 2, 0]);
        assert_eq!(p.why[0], Some(Why::After(2)));
    }

    #[test]
    fn a_held_items_dependency_comes_just_above_it() {
        let n = nodes(&[
            (false, &[]),
            (false, &[]),
            (true, &[4]),
            (false, &[]),
            (false, &[]),
        ]);
        let p = place(&n, &[0, 1, 2, 3, 4]);
        assert_eq!(p.order, [0, 4, 2, 1, 3]);
        assert_eq!(p.why[4], Some(Why::Before(2)));
    }

    #[test]
    fn a_held_item_others_wait_for_moves_up_rather_than_one_nobody_needs() {
        // 0 and 1 wait for 3 (pinned fourth); 2 is pinned third.
        let n = nodes(&[(false, &[3]), (false, &[3]), (true, &[]), (true, &[])]);
        let p = place(&n, &[0, 1, 2, 3]);
        assert_eq!(p.order, [3, 0, 2, 1]);
        assert_eq!(p.why[3], Some(Why::Before(0)));
        assert_eq!(p.why[2], None);
    }

    #[test]
    fn a_cycle_is_named_and_placed_by_rank() {
        let n = nodes(&[(false, &[1]), (false, &[0]), (false, &[0, 0])]);
        let p = place(&n, &[1, 0, 2]);
        assert_eq!(p.order, [1, 0, 2]);
        assert_eq!(p.cycle[0], [0, 1]);
        assert!(p.cycle[2].is_empty());
    }

    #[test]
    fn an_item_depending_on_itself_is_a_cycle_of_one() {
        let n = nodes(&[(true, &[0])]);
        let p = place(&n, &[0]);
        assert_eq!(p.order, [0]);
        assert_eq!(p.cycle[0], [0]);
    }
}
