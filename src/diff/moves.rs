//! Which items moved in the backlog: items whose place among open items
//! changed, the fewest that turn the old order into the new one.

use std::collections::HashMap;

/// The items that moved, with their old and new 1-based positions among
/// the items open before and after. A move is a change of position: an
/// item still at its number did not move. Of the others, those whose
/// relative order held (the longest run of them that kept it) did not move
/// either: moving one item to the top reports that one move, not every item
/// it pushed down.
pub fn moves(old: &[&str], new: &[&str]) -> Vec<(String, usize, usize)> {
    let old_pos: HashMap<&str, usize> = old.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    // The items in both, in their new order, with their old and new positions.
    let common: Vec<(&str, usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(to, id)| old_pos.get(id).map(|&from| (*id, from, to)))
        .collect();
    // An item at its old number always counts as kept; such items are in
    // the same order before and after, so they fit in one run together.
    let stayed = (common.len() + 1) as u64;
    let weights: Vec<u64> = common
        .iter()
        .map(|&(_, from, to)| if from == to { stayed } else { 1 })
        .collect();
    let values: Vec<usize> = common.iter().map(|&(_, from, _)| from).collect();
    let mut kept = vec![false; common.len()];
    for i in heaviest_increasing(&values, &weights, old.len()) {
        kept[i] = true;
    }
    common
        .iter()
        .zip(kept)
        .filter(|(_, kept)| !kept)
        .map(|(&(id, from, to), _)| (id.to_owned(), from + 1, to + 1))
        .collect()
}

/// The indices of a strictly increasing subsequence of `values` (each below
/// `bound`, all different) whose weights add up to the most, found with a
/// Fenwick tree of the best total ending below each value.
fn heaviest_increasing(values: &[usize], weights: &[u64], bound: usize) -> Vec<usize> {
    // tree[k]: the best (total, index) ending at a value in k's range.
    let mut tree: Vec<Option<(u64, usize)>> = vec![None; bound + 1];
    let mut parent: Vec<Option<usize>> = vec![None; values.len()];
    let mut best: Option<(u64, usize)> = None;
    for (i, (&v, &w)) in values.iter().zip(weights).enumerate() {
        // The best run ending at a value below v.
        let mut before: Option<(u64, usize)> = None;
        let mut k = v;
        while k > 0 {
            before = before.max(tree[k]);
            k &= k - 1;
        }
        parent[i] = before.map(|(_, j)| j);
        let total = before.map_or(0, |(t, _)| t) + w;
        best = best.max(Some((total, i)));
        let mut k = v + 1;
        while k <= bound {
            tree[k] = tree[k].max(Some((total, i)));
            k += k & k.wrapping_neg();
        }
    }
    let mut out = Vec::new();
    let mut at = best.map(|(_, i)| i);
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
    fn an_item_that_keeps_its_place_is_not_a_move() {
        // Reversed: B stays second, so only A and C moved.
        let m = moves(&["A", "B", "C"], &["C", "B", "A"]);
        assert_eq!(m, [("C".to_owned(), 3, 1), ("A".to_owned(), 1, 3)]);
        for order in [
            ["A", "B", "C", "D", "E"],
            ["E", "D", "C", "B", "A"],
            ["D", "E", "C", "A", "B"],
            ["B", "A", "C", "E", "D"],
        ] {
            let m = moves(&["A", "B", "C", "D", "E"], &order);
            assert!(m.iter().all(|(_, from, to)| from != to), "{order:?}: {m:?}");
        }
    }

    #[test]
    fn a_reorder_beside_an_added_and_a_closed_item_is_still_a_move() {
        // C was closed and X added; A and B swapped while B kept number 2.
        let m = moves(&["A", "B", "C"], &["X", "B", "A"]);
        assert_eq!(m, [("A".to_owned(), 1, 3)]);
    }

    #[test]
    fn added_and_closed_items_are_not_moves() {
        // B was closed, E added: A, C, D kept their order.
        assert!(moves(&["A", "B", "C", "D"], &["A", "C", "E", "D"]).is_empty());
    }
}
