//! Dependencies between backlog items: which open items an item waits for,
//! which items wait for it, and the cycle a new dependency would close.

use std::collections::{HashMap, HashSet, VecDeque};

use super::{Item, Product, Status};

impl Product {
    /// Whether `id` names another product's item: an item id whose key is
    /// not this product's (`PAY-12` in a product keyed `RX`). Such a
    /// dependency is outside this file: a portfolio resolves it, and
    /// single-file commands list it without counting or flagging it.
    pub fn is_external_item(&self, id: &str) -> bool {
        super::is_item_id(id)
            && id
                .rsplit_once('-')
                .is_some_and(|(key, _)| key != self.product.key)
    }

    /// The dependencies of `item` on other products' items, in its order.
    pub fn external_dependencies<'a>(&self, item: &'a Item) -> Vec<&'a str> {
        item.depends_on
            .iter()
            .filter(|d| self.is_external_item(d))
            .map(String::as_str)
            .collect()
    }

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

    /// The items, of any status, that list `id` in their `depends_on`.
    pub fn dependents<'a>(&'a self, id: &str) -> Vec<&'a Item> {
        self.items
            .iter()
            .filter(|i| i.depends_on.iter().any(|d| d == id))
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
        self.shortest_cycle(id, depends_on, |_| true)
    }

    /// Like [`Product::cycle_through`], following open items only.
    fn open_cycle_through(&self, id: &str, depends_on: &[String]) -> Option<Vec<String>> {
        self.shortest_cycle(id, depends_on, Item::is_open)
    }

    fn shortest_cycle(
        &self,
        id: &str,
        depends_on: &[String],
        follow: impl Fn(&Item) -> bool,
    ) -> Option<Vec<String>> {
        let edges: HashMap<&str, &[String]> = self
            .items
            .iter()
            .filter(|i| i.id == id || follow(i))
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
                if edges.contains_key(next.as_str()) && seen.insert(next) {
                    came_from.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// Every dependency cycle among open items, one per tangle of items that
    /// wait for each other: a shortest cycle through the tangle's first item
    /// in file order. (A done or dropped item no longer blocks, so it breaks
    /// a cycle.) Found with Tarjan's strongly connected components, so a
    /// large backlog is walked once, not once per item.
    pub fn dependency_cycles(&self) -> Vec<Vec<String>> {
        let index: HashMap<&str, usize> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.as_str(), i))
            .collect();
        let edges: Vec<Vec<usize>> = self
            .items
            .iter()
            .map(|item| {
                if !item.is_open() {
                    return Vec::new();
                }
                item.depends_on
                    .iter()
                    .filter_map(|d| index.get(d.as_str()).copied())
                    .filter(|&d| self.items[d].is_open())
                    .collect()
            })
            .collect();
        strongly_connected(&edges)
            .into_iter()
            .filter(|c| c.len() > 1 || edges[c[0]].contains(&c[0]))
            .filter_map(|c| {
                let first = &self.items[*c.iter().min()?];
                let open: Vec<String> = first
                    .depends_on
                    .iter()
                    .filter(|d| self.item(d).is_some_and(Item::is_open))
                    .cloned()
                    .collect();
                self.open_cycle_through(&first.id, &open)
            })
            .collect()
    }
}

/// Tarjan's algorithm without recursion (a chain of 100,000 dependencies
/// would overflow the stack): the components of the graph, each as its
/// nodes' indices.
pub(crate) fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // Each frame is a node and how many of its edges have been followed.
        let mut frames = vec![(root, 0)];
        order[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut followed)) = frames.last_mut() {
            if let Some(&to) = edges[node].get(*followed) {
                *followed += 1;
                if order[to] == UNSEEN {
                    order[to] = next;
                    low[to] = next;
                    next += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    frames.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
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
    fn cycles_in_the_file_are_found_once_each() {
        let p = product(&[
            ("RX-1", &["RX-2"]),
            ("RX-2", &["RX-3"]),
            ("RX-3", &["RX-1"]),
            ("RX-4", &["RX-4"]),
            ("RX-5", &["RX-1", "RX-9"]),
            ("RX-6", &["RX-7"]),
            ("RX-7", &[]),
        ]);
        let mut cycles = p.dependency_cycles();
        cycles.sort();
        assert_eq!(
            cycles,
            [vec!["RX-1", "RX-2", "RX-3", "RX-1"], vec!["RX-4", "RX-4"]]
        );
    }

    #[test]
    fn a_done_item_breaks_a_cycle() {
        let mut p = product(&[
            ("RX-1", &["RX-2"]),
            ("RX-2", &["RX-1"]),
            ("RX-3", &["RX-3"]),
        ]);
        p.items[1].status = Status::Done;
        assert_eq!(p.dependency_cycles(), [vec!["RX-3", "RX-3"]]);
    }

    #[test]
    fn a_long_chain_is_walked_without_recursion() {
        let ids: Vec<String> = (1..=100_000).map(|n| format!("RX-{n}")).collect();
        let mut p = product(&[]);
        let today = "2026-11-24".parse().unwrap();
        for (n, id) in ids.iter().enumerate() {
            let mut item = Item::new(id.clone(), id.clone(), Kind::Feature, today);
            if let Some(next) = ids.get(n + 1) {
                item.depends_on = vec![next.clone()];
            }
            p.items.push(item);
        }
        assert!(p.dependency_cycles().is_empty());
        p.items.last_mut().unwrap().depends_on = vec!["RX-1".into()];
        assert_eq!(p.dependency_cycles()[0].len(), 100_001);
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
