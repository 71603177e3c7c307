//! Dependencies between backlog items: which open items an item waits for,
//! and the cycle a new dependency would close.

use std::collections::{HashMap, HashSet, VecDeque};

use super::{Item, Product, Status};

impl Product {
    /// The open items this item depends on: what stands in its way. Done
    /// and dropped dependencies no longer block; ids the file does not have
    /// are left to `product check`.
    pub fn blockers<'a>(&'a self, item: &Item) -> Vec<&'a Item> {
        item.depends_on
            .iter()
            .filter_map(|id| self.item(id))
            .filter(|dep| dep.is_open())
            .collect()
    }

    /// The items this item depends on that were dropped, and so will never
    /// be delivered.
    pub fn dropped_dependencies<'a>(&self, item: &'a Item) -> Vec<&'a str> {
        item.depends_on
            .iter()
            .filter(|id| self.item(id).is_some_and(|d| d.status == Status::Dropped))
            .map(String::as_str)
            .collect()
    }

    /// The cycle that making `id` depend on `depends_on` would close, as
    /// the ids around it starting and ending with `id` (`RX-1 → RX-2 →
    /// RX-3 → RX-1`), the shortest there is; `None` when there is none.
    pub fn cycle_through(&self, id: &str, depends_on: &[String]) -> Option<Vec<String>> {
        let edges: HashMap<&str, &[String]> = self
            .items
            .iter()
            .map(|i| {
                let deps = if i.id == id {
                    depends_on
                } else {
                    i.depends_on.as_slice()
                };
                (i.id.as_str(), deps)
            })
            .collect();
        // Breadth first from `id`, so the cycle found is a shortest one.
        let mut came_from: HashMap<&str, &str> = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut queue: VecDeque<&str> = VecDeque::from([id]);
        while let Some(at) = queue.pop_front() {
            for next in edges.get(at).copied().unwrap_or_default() {
                if next == id {
                    // Walk back from `at` to `id`, then read it forwards.
                    let mut middle = Vec::new();
                    let mut step = at;
                    while step != id {
                        middle.push(step.to_owned());
                        step = came_from[step];
                    }
                    middle.reverse();
                    let mut path = vec![id.to_owned()];
                    path.extend(middle);
                    path.push(id.to_owned());
                    return Some(path);
                }
                if seen.insert(next) {
                    came_from.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn product(links: &[(&str, &[&str])]) -> Product {
        let mut p = Product::new("P".into(), "RX".into());
        let today = "2026-11-24".parse().unwrap();
        for (id, deps) in links {
            let mut item = Item::new((*id).into(), (*id).into(), Kind::Feature, today);
            item.depends_on = deps.iter().map(|d| (*d).to_owned()).collect();
            p.items.push(item);
        }
        p
    }

    #[test]
    fn a_cycle_of_three_is_named_in_order() {
        let p = product(&[("RX-1", &["RX-2"]), ("RX-2", &["RX-3"]), ("RX-3", &[])]);
        let cycle = p.cycle_through("RX-3", &["RX-1".into()]).unwrap();
        assert_eq!(cycle, ["RX-3", "RX-1", "RX-2", "RX-3"]);
    }

    #[test]
    fn depending_on_itself_is_a_cycle() {
        let p = product(&[("RX-1", &[])]);
        assert_eq!(
            p.cycle_through("RX-1", &["RX-1".into()]),
            Some(vec!["RX-1".to_owned(), "RX-1".to_owned()])
        );
    }

    #[test]
    fn a_diamond_is_not_a_cycle() {
        let p = product(&[
            ("RX-1", &["RX-2", "RX-3"]),
            ("RX-2", &["RX-4"]),
            ("RX-3", &["RX-4"]),
            ("RX-4", &[]),
        ]);
        assert_eq!(
            p.cycle_through("RX-1", &["RX-2".into(), "RX-3".into()]),
            None
        );
        assert_eq!(p.cycle_through("RX-4", &[]), None);
    }

    #[test]
    fn only_open_dependencies_block() {
        let mut p = product(&[
            ("RX-1", &["RX-2", "RX-3", "RX-9"]),
            ("RX-2", &[]),
            ("RX-3", &[]),
        ]);
        p.items[2].status = Status::Done;
        let blockers: Vec<&str> = p
            .blockers(&p.items[0])
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(blockers, ["RX-2"]);
    }
}
