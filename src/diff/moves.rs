//! Which items moved in the backlog: the fewest moves that turn the old
//! order of open items into the new one.

use std::collections::HashMap;

/// The items that moved, with their old and new 1-based positions among
/// the items open before and after. Items whose relative order held (the
/// longest run of them that kept it) did not move: moving one item to the
/// top reports that one move, not every item it pushed down.
pub fn moves(old: &[&str], new: &[&str]) -> Vec<(String, usize, usize)> {
    let old_pos: HashMap<&str, usize> = old.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let new_pos: HashMap<&str, usize> = new.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    // The items in both, in their new order, by their old positions.
    let common: Vec<(&str, usize)> = new
        .iter()
        .filter_map(|id| old_pos.get(id).map(|&p| (*id, p)))
        .collect();
    let kept = longest_increasing(&common.iter().map(|(_, p)| *p).collect::<Vec<_>>());
    let mut kept_flags = vec![false; common.len()];
    for i in kept {
        kept_flags[i] = true;
    }
    common
        .iter()
        .zip(kept_flags)
        .filter(|(_, kept)| !kept)
        .map(|((id, from), _)| ((*id).to_owned(), from + 1, new_pos[id] + 1))
        .collect()
}

/// The indices of a longest strictly increasing subsequence (patience sorting).
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into values of each pile's top
    let mut parent: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < v);
        if at > 0 {
            parent[i] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = parent[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_one_item_to_the_top_is_one_move() {
        let m = moves(&["A", "B", "C", "D"], &["D", "A", "B", "C"]);
        assert_eq!(m, [("D".to_owned(), 4, 1)]);
    }

    #[test]
    fn no_change_is_no_move() {
        assert!(moves(&["A", "B"], &["A", "B"]).is_empty());
    }

    #[test]
    fn a_swap_is_one_move() {
        let m = moves(&["A", "B", "C"], &["A", "C", "B"]);
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn added_and_closed_items_are_not_moves() {
        // B was closed, E added: A, C, D kept their order.
        assert!(moves(&["A", "B", "C", "D"], &["A", "C", "E", "D"]).is_empty());
    }
}
