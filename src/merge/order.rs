//! The order of a merged list: both sides' moves and additions, kept
//! relative to their neighbours.
//!
//! A side *moved* an entry when the entry is not on the longest run of
//! entries that side kept in the base's relative order (a longest
//! increasing subsequence, so one move counts as one entry moved, not as
//! everything it passed). The merged order starts from ours; theirs' moves
//! and additions are then placed after the nearest entry before them on
//! their side that ours did not move (an entry ours moved is where ours
//! wanted it, which says nothing of where theirs wanted what follows it),
//! or at the top where there is none. So an item added at the bottom of
//! the backlog stays at the bottom when the other side ranked the backlog.
//! Where both sides put entries at one place, the side whose ids are kept
//! comes first. Where both sides moved one entry to different places, the
//! side whose ids are kept (the upstream) places it, and a note says so.

use std::collections::{HashMap, HashSet};

/// What the merged order needs to know of one side.
struct Side<'a> {
    order: &'a [&'a str],
    at: HashMap<&'a str, usize>,
    moved: HashSet<&'a str>,
    added: HashSet<&'a str>,
}

impl<'a> Side<'a> {
    /// One side's order; `prefer`: entries the other side moved, which
    /// this side is read as having left in place where it can be.
    fn new(base: &HashMap<&str, usize>, order: &'a [&'a str], prefer: &HashSet<&str>) -> Self {
        let kept: Vec<(usize, &str)> = order
            .iter()
            .filter_map(|k| base.get(k).map(|&at| (at, *k)))
            .collect();
        let in_order = longest_increasing(&kept, prefer);
        let moved = kept
            .iter()
            .enumerate()
            .filter(|(i, _)| !in_order.contains(i))
            .map(|(_, (_, k))| *k)
            .collect();
        let added = order
            .iter()
            .filter(|k| !base.contains_key(*k))
            .copied()
            .collect();
        Side {
            order,
            at: order.iter().enumerate().map(|(i, k)| (*k, i)).collect(),
            moved,
            added,
        }
    }

    /// Where in `result` the nearest entry before `key` on this side is
    /// (`in_result` says what `result` holds, without searching it).
    fn predecessor(&self, key: &str, result: &[&str], in_result: &HashSet<&str>) -> Option<usize> {
        let at = *self.at.get(key)?;
        let before = self.order[..at]
            .iter()
            .rev()
            .find(|p| in_result.contains(*p))?;
        result.iter().position(|r| r == before)
    }

    /// Where in `result` the entry is that `key` follows on this side: the
    /// nearest before it that the other side did not move (`None`: the top).
    fn anchor(
        &self,
        key: &str,
        result: &[&str],
        in_result: &HashSet<&str>,
        moved_by_other: &HashSet<&str>,
    ) -> Option<usize> {
        let at = *self.at.get(key)?;
        let before = self.order[..at]
            .iter()
            .rev()
            .find(|p| in_result.contains(*p) && !moved_by_other.contains(*p))?;
        result.iter().position(|r| r == before)
    }
}

/// The positions (in `kept`) of a longest run whose base positions
/// increase: of those, one that keeps the most entries of `prefer` (the
/// entries the other side moved, so that a swap the two readings of which
/// are equally short is read as the move that does not meet the other
/// side's), and then the one that ends latest.
fn longest_increasing(kept: &[(usize, &str)], prefer: &HashSet<&str>) -> HashSet<usize> {
    // best[i]: (length, preferred entries, i) of the best run ending at
    // entry i; a Fenwick tree over base positions gives the best run
    // ending below a position, in O(log n).
    type Best = (usize, usize, usize);
    let size = kept.iter().map(|(at, _)| at + 1).max().unwrap_or(0);
    let mut tree: Vec<Option<Best>> = vec![None; size + 1];
    let mut back: Vec<Option<usize>> = vec![None; kept.len()];
    let mut overall: Option<Best> = None;
    for (i, &(at, key)) in kept.iter().enumerate() {
        // The best run ending at a base position below `at`.
        let mut below: Option<Best> = None;
        let mut p = at;
        while p > 0 {
            below = below.max(tree[p]);
            p &= p - 1;
        }
        back[i] = below.map(|(_, _, j)| j);
        let (len, bonus) = below.map_or((0, 0), |(l, b, _)| (l, b));
        let best = (len + 1, bonus + usize::from(prefer.contains(key)), i);
        overall = overall.max(Some(best));
        let mut p = at + 1;
        while p <= size {
            tree[p] = tree[p].max(Some(best));
            p += p & p.wrapping_neg();
        }
    }
    let mut run = HashSet::new();
    let mut next = overall.map(|(_, _, i)| i);
    while let Some(i) = next {
        run.insert(i);
        next = back[i];
    }
    run
}

/// The merged order of the keys in `keep`, and the keys both sides moved
/// to different places.
pub(super) fn merge_order<'a>(
    base: &[&'a str],
    ours: &'a [&'a str],
    theirs: &'a [&'a str],
    keep: &HashSet<&str>,
    ours_keeps_ids: bool,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let base_at: HashMap<&str, usize> = base.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    // Where a side's moves read two ways (a swap), read them as meeting
    // the other side's moves as little as they can.
    let ours_first_reading = Side::new(&base_at, ours, &HashSet::new());
    let their_side = Side::new(&base_at, theirs, &ours_first_reading.moved);
    let our_side = Side::new(&base_at, ours, &their_side.moved);
    let mut result: Vec<&str> = ours.iter().filter(|k| keep.contains(*k)).copied().collect();
    let mut in_result: HashSet<&str> = result.iter().copied().collect();
    // Ours' additions below every base entry it kept: added at the bottom,
    // they stay below an entry theirs moved to the bottom too.
    let ours_bottom: HashSet<&str> = {
        let last_base = ours.iter().rposition(|k| base_at.contains_key(k));
        ours[last_base.map_or(0, |i| i + 1)..]
            .iter()
            .copied()
            .collect()
    };
    let mut both_moved = Vec::new();
    for &key in theirs {
        if !keep.contains(key) {
            continue;
        }
        // An entry ours removed but the merge keeps (theirs changed it: a
        // conflict) is placed as theirs has it, as if theirs added it.
        let added = (their_side.added.contains(key) && !our_side.added.contains(key))
            || !in_result.contains(key);
        let moved = their_side.moved.contains(key);
        if !added && !moved {
            continue;
        }
        if moved && our_side.moved.contains(key) {
            let ours_after = our_side
                .predecessor(key, &result, &in_result)
                .map(|i| result[i]);
            let theirs_after = their_side
                .predecessor(key, &result, &in_result)
                .map(|i| result[i]);
            if ours_after != theirs_after {
                both_moved.push(key);
                if ours_keeps_ids {
                    continue;
                }
            }
        }
        if in_result.remove(key)
            && let Some(at) = result.iter().position(|k| *k == key)
        {
            result.remove(at);
        }
        let mut at = their_side
            .anchor(key, &result, &in_result, &our_side.moved)
            .map_or(0, |p| p + 1);
        if ours_keeps_ids {
            // Both sides put something here: the side that keeps its ids
            // comes first (but an entry theirs moved stays above ours'
            // additions at the bottom).
            while at < result.len()
                && (our_side.added.contains(result[at]) || our_side.moved.contains(result[at]))
                && (added || !ours_bottom.contains(result[at]))
            {
                at += 1;
            }
        }
        result.insert(at, key);
        in_result.insert(key);
    }
    (result, both_moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(base: &[&str], ours: &[&str], theirs: &[&str]) -> Vec<String> {
        let keep: HashSet<&str> = ours
            .iter()
            .chain(theirs)
            .filter(|k| {
                let removed_by = |side: &[&str]| base.contains(k) && !side.contains(k);
                !removed_by(ours) && !removed_by(theirs)
            })
            .copied()
            .collect();
        let (order, _) = merge_order(base, ours, theirs, &keep, true);
        order.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn a_move_on_one_side_and_additions_on_the_other_are_both_kept() {
        assert_eq!(
            run(
                &["a", "b", "c", "d"],
                &["d", "a", "b", "c"],
                &["a", "b", "x", "c", "d"]
            ),
            ["d", "a", "b", "x", "c"]
        );
        assert_eq!(
            run(
                &["a", "b", "c", "d"],
                &["a", "b", "x", "c", "d"],
                &["d", "a", "b", "c"]
            ),
            ["d", "a", "b", "x", "c"]
        );
    }

    #[test]
    fn additions_at_one_place_put_ours_first() {
        assert_eq!(
            run(&["a", "b"], &["a", "o1", "o2", "b"], &["a", "t1", "b"]),
            ["a", "o1", "o2", "t1", "b"]
        );
        assert_eq!(run(&[], &["o"], &["t"]), ["o", "t"]);
    }

    #[test]
    fn an_addition_at_the_bottom_stays_there_when_the_other_side_ranked() {
        // Ours ranked (c to the top, b after it); theirs added x at the
        // bottom and y just after a.
        let base = ["a", "b", "c"];
        let ranked = ["c", "b", "a"];
        let added = ["a", "y", "b", "c", "x"];
        assert_eq!(run(&base, &ranked, &added), ["c", "b", "a", "y", "x"]);
        assert_eq!(run(&base, &added, &ranked), ["c", "b", "a", "y", "x"]);
    }

    #[test]
    fn an_addition_at_the_bottom_stays_below_an_entry_the_other_side_moved_there() {
        // Theirs moved b and c to the top (read as a moved to the bottom);
        // ours added x at the bottom.
        let base = ["a", "b", "c"];
        let moved = ["b", "c", "a"];
        let added = ["a", "b", "c", "x"];
        assert_eq!(run(&base, &added, &moved), ["b", "c", "a", "x"]);
        assert_eq!(run(&base, &moved, &added), ["b", "c", "a", "x"]);
    }

    #[test]
    fn moves_to_one_place_put_the_side_that_keeps_its_ids_first() {
        // Ours moved c to the top; theirs swapped a and b (read as b moved
        // to the top) and added x at the bottom.
        assert_eq!(
            run(&["a", "b", "c"], &["c", "a", "b"], &["b", "a", "c", "x"]),
            ["c", "b", "a", "x"]
        );
        // Ours ranked; theirs added x and moved it to the top: both put
        // something at the top, and ours comes first.
        assert_eq!(
            run(&["a", "b", "c"], &["c", "b", "a"], &["x", "a", "b", "c"]),
            ["c", "b", "x", "a"]
        );
    }

    #[test]
    fn an_entry_ours_removed_that_the_merge_keeps_is_placed_as_theirs_has_it() {
        let keep = HashSet::from(["a", "b", "c"]);
        let (order, _) = merge_order(&["a", "b", "c"], &["a", "c"], &["a", "b", "c"], &keep, true);
        assert_eq!(order, ["a", "b", "c"]);
    }

    #[test]
    fn removals_on_either_side_go() {
        assert_eq!(
            run(&["a", "b", "c"], &["a", "c"], &["c", "a", "b"]),
            ["c", "a"]
        );
    }

    #[test]
    fn one_move_is_one_entry_moved() {
        let base = ["a", "b", "c", "d", "e"];
        let at: HashMap<&str, usize> = base.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let order = ["e", "a", "b", "c", "d"];
        let side = Side::new(&at, &order, &HashSet::new());
        assert_eq!(side.moved, HashSet::from(["e"]));
    }

    #[test]
    fn a_swap_is_read_as_the_move_the_other_side_did_not_make() {
        let base = ["a", "b", "c", "d"];
        let at: HashMap<&str, usize> = base.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let swapped = ["a", "c", "b", "d"];
        for (prefer, moved) in [("b", "c"), ("c", "b")] {
            let side = Side::new(&at, &swapped, &HashSet::from([prefer]));
            assert_eq!(side.moved, HashSet::from([moved]));
        }
        // Ours moved c to the top; theirs swapped b and c: no entry was
        // moved on both sides, and both moves hold.
        let keep = HashSet::from(base);
        let (order, both) = merge_order(&base, &["c", "a", "b", "d"], &swapped, &keep, true);
        assert_eq!((order, both), (vec!["c", "a", "b", "d"], vec![]));
    }
}
