//! Moves on the backlog: finding items, the next id, and reordering. The
//! backlog's order is the order of `items`; positions people see count open
//! items only, because done and dropped items are no longer being ordered.

use super::ids::{IdKind, IdsExhausted};
use super::{Item, Product};

/// Where `item move` puts an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveTo {
    /// A 1-based position among open items.
    Position(usize),
    Before(String),
    After(String),
    Top,
    Bottom,
}

/// Why a move cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("no item `{0}`")]
    UnknownItem(String),
    #[error("cannot move {0} relative to itself")]
    SelfRelative(String),
    #[error("position must be 1 or more")]
    ZeroPosition,
    #[error("the new order does not hold exactly the open items")]
    NotAPermutation,
}

impl Product {
    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.items.iter_mut().find(|i| i.id == id)
    }

    /// Where the item with this id sits in `items`.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    /// The next free item id: the product key and one more than the highest
    /// number issued (in use, or remembered in `[product.last_ids]`); `None`
    /// once the numbers have run out (18 digits).
    pub fn next_item_id(&self) -> Result<String, IdsExhausted> {
        IdKind::Item.next_id(self)
    }

    /// Open items in backlog order.
    pub fn open_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.is_open())
    }

    /// The 1-based position of an open item among open items.
    pub fn backlog_position(&self, id: &str) -> Option<usize> {
        self.open_items().position(|i| i.id == id).map(|p| p + 1)
    }

    /// Moves an item within the backlog. Done and dropped items stay where they are.
    pub fn move_item(&mut self, id: &str, to: &MoveTo) -> Result<(), MoveError> {
        let from = self
            .item_index(id)
            .ok_or_else(|| MoveError::UnknownItem(id.to_owned()))?;
        if let MoveTo::Before(other) | MoveTo::After(other) = to {
            if other == id {
                return Err(MoveError::SelfRelative(id.to_owned()));
            }
            if self.item(other).is_none() {
                return Err(MoveError::UnknownItem(other.clone()));
            }
        }
        if *to == MoveTo::Position(0) {
            return Err(MoveError::ZeroPosition);
        }
        let item = self.items.remove(from);
        let open: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].is_open())
            .collect();
        let after_last_open = open.last().map_or(0, |&i| i + 1);
        let index = match to {
            MoveTo::Top => open.first().copied().unwrap_or(0),
            MoveTo::Bottom => after_last_open,
            MoveTo::Position(n) => open.get(n - 1).copied().unwrap_or(after_last_open),
            MoveTo::Before(other) => self.item_index(other).unwrap_or(0),
            MoveTo::After(other) => self.item_index(other).map_or(after_last_open, |i| i + 1),
        };
        self.items.insert(index, item);
        Ok(())
    }

    /// Puts the open items in this order, in the places open items hold now;
    /// done and dropped items stay where they are. `order` must name every
    /// open item once.
    pub fn reorder_open(&mut self, order: &[&str]) -> Result<(), MoveError> {
        let slots: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].is_open())
            .collect();
        let by_id: std::collections::HashMap<&str, usize> = slots
            .iter()
            .map(|&i| (self.items[i].id.as_str(), i))
            .collect();
        if order.len() != slots.len() {
            return Err(MoveError::NotAPermutation);
        }
        let mut seen = std::collections::HashSet::with_capacity(order.len());
        let mut sources = Vec::with_capacity(order.len());
        for id in order {
            match by_id.get(id) {
                Some(&i) if seen.insert(i) => sources.push(i),
                _ => return Err(MoveError::NotAPermutation),
            }
        }
        // Where each place's item comes from: a permutation, since the
        // sources are the open slots, each once.
        let mut from: Vec<usize> = (0..self.items.len()).collect();
        for (&slot, &source) in slots.iter().zip(&sources) {
            from[slot] = source;
        }
        let mut taken: Vec<Option<Item>> = std::mem::take(&mut self.items)
            .into_iter()
            .map(Some)
            .collect();
        self.items = from.iter().filter_map(|&i| taken[i].take()).collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Kind, Status};

    fn backlog(statuses: &[Status]) -> Product {
        let mut p = Product::new("P".into(), "RX".into());
        let today = Date::from_ymd(2026, 11, 1).unwrap();
        for (n, status) in statuses.iter().enumerate() {
            let mut item = Item::new(
                format!("RX-{}", n + 1),
                format!("item {}", n + 1),
                Kind::Feature,
                today,
            );
            item.status = *status;
            p.items.push(item);
        }
        p
    }

    fn order(p: &Product) -> Vec<&str> {
        p.items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn next_id_follows_the_highest_number() {
        let mut p = backlog(&[Status::Idea, Status::Idea]);
        p.items[0].id = "RX-9".into();
        p.items[1].id = "OLD-40".into();
        assert_eq!(p.next_item_id().ok().as_deref(), Some("RX-10"));
        assert_eq!(
            Product::new("P".into(), "AB".into())
                .next_item_id()
                .ok()
                .as_deref(),
            Some("AB-1")
        );
        p.items[0].id = "RX-999999999999999999".into();
        assert!(p.next_item_id().is_err());
    }

    #[test]
    fn positions_count_open_items_only() {
        use Status::*;
        let mut p = backlog(&[Idea, Done, Ready, Dropped, Idea]);
        assert_eq!(p.backlog_position("RX-3"), Some(2));
        p.move_item("RX-5", &MoveTo::Position(2)).unwrap();
        assert_eq!(order(&p), ["RX-1", "RX-2", "RX-5", "RX-3", "RX-4"]);
        p.move_item("RX-1", &MoveTo::Bottom).unwrap();
        assert_eq!(order(&p), ["RX-2", "RX-5", "RX-3", "RX-1", "RX-4"]);
        p.move_item("RX-1", &MoveTo::Top).unwrap();
        assert_eq!(order(&p), ["RX-2", "RX-1", "RX-5", "RX-3", "RX-4"]);
        p.move_item("RX-1", &MoveTo::After("RX-3".into())).unwrap();
        assert_eq!(order(&p), ["RX-2", "RX-5", "RX-3", "RX-1", "RX-4"]);
        p.move_item("RX-1", &MoveTo::Before("RX-5".into())).unwrap();
        assert_eq!(order(&p), ["RX-2", "RX-1", "RX-5", "RX-3", "RX-4"]);
        p.move_item("RX-1", &MoveTo::Position(99)).unwrap();
        assert_eq!(order(&p), ["RX-2", "RX-5", "RX-3", "RX-1", "RX-4"]);
    }

    #[test]
    fn refuses_unknown_and_self_moves() {
        let mut p = backlog(&[Status::Idea, Status::Idea]);
        let before = p.clone();
        assert_eq!(
            p.move_item("RX-9", &MoveTo::Top),
            Err(MoveError::UnknownItem("RX-9".into()))
        );
        assert_eq!(
            p.move_item("RX-1", &MoveTo::After("RX-7".into())),
            Err(MoveError::UnknownItem("RX-7".into()))
        );
        assert_eq!(
            p.move_item("RX-1", &MoveTo::Before("RX-1".into())),
            Err(MoveError::SelfRelative("RX-1".into()))
        );
        assert_eq!(p, before);
    }

    #[test]
    fn reorder_keeps_closed_items_in_place() {
        use Status::*;
        let mut p = backlog(&[Idea, Done, Ready, Dropped, Idea]);
        p.reorder_open(&["RX-5", "RX-1", "RX-3"]).unwrap();
        assert_eq!(order(&p), ["RX-5", "RX-2", "RX-1", "RX-4", "RX-3"]);
        let before = p.clone();
        assert_eq!(
            p.reorder_open(&["RX-5", "RX-5", "RX-3"]),
            Err(MoveError::NotAPermutation)
        );
        assert_eq!(p.reorder_open(&["RX-5"]), Err(MoveError::NotAPermutation));
        assert_eq!(p, before);
    }
}
