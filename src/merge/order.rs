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
    fn new(base: &HashMap<&str, usize>, order: &'a [&'a str]) -> Self {
        let kept: Vec<(usize, &str)> = order
            .iter()
            .filter_map(|k| base.get(k).map(|&at| (at, *k)))
            .collect();
        let in_order = longest_increasing(&kept);
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

/// The positions (in `kept`) of a longest run whose base positions increase.
fn longest_increasing(kept: &[(usize, &str)]) -> HashSet<usize> {
    // Patience sorting: `tails[l]` is the index of the smallest tail of a
    // run of length l + 1; `back` links each entry to the one before it.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; kept.len()];
    for (i, &(at, _)) in kept.iter().enumerate() {
        let l = tails.partition_point(|&t| kept[t].0 < at);
        back[i] = l.checked_sub(1).map(|p| tails[p]);
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut run = HashSet::new();
    let mut next = tails.last().copied();
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
    let our_side = Side::new(&base_at, ours);
    let their_side = Side::new(&base_at, theirs);
    let mut result: Vec<&str> = ours.iter().filter(|k| keep.contains(*k)).copied().collect();
    let mut in_result: HashSet<&str> = result.iter().copied().collect();
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
            // comes first.
            while at < result.len()
                && (our_side.added.contains(result[at]) || our_side.moved.contains(result[at]))
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
        let side = Side::new(&at, &order);
        assert_eq!(side.moved, HashSet::from(["e"]));
    }
}
