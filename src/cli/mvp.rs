//! `product mvp`: the minimum viable product, and what stands in its way.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::model::{Item, Status, number};

use super::context::Ctx;
use super::error::CmdResult;
use crate::render::items::{ItemRow, ScoreColumn, status_cell};

/// Show the minimum viable product: its items, their size, and what stands in the way
///
/// The MVP is the items marked `mvp` (`product item edit ID --mvp`), in
/// backlog order. Dropped items are out of it. What stands in the way is its
/// open items, and the items outside the MVP, not done, that they depend on,
/// directly or through others (a dropped one will never be delivered).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product mvp
  product item edit RX-4 --mvp
  product mvp --json | jq '.unmet_dependencies'")]
pub struct Args {}

/// The MVP's state: what is in it, how far it has got, what is in the way.
#[derive(Debug, Serialize)]
pub struct MvpReport {
    pub items_total: usize,
    pub items_done: usize,
    /// The sum of the items' sizes, and of the done ones'.
    #[serde(serialize_with = "number::compact")]
    pub size_total: f64,
    #[serde(serialize_with = "number::compact")]
    pub size_done: f64,
    /// Items with no size, left out of the sums.
    pub unsized_items: Vec<String>,
    /// Open MVP items, in backlog order.
    pub open: Vec<String>,
    /// Items outside the MVP, not done, that MVP items wait for, directly or
    /// through other items.
    pub unmet_dependencies: Vec<UnmetDependency>,
}

/// An MVP item waiting for an item outside the MVP that is not done: open,
/// or dropped (and so never to be delivered).
#[derive(Debug, Serialize)]
pub struct UnmetDependency {
    pub item: String,
    pub depends_on: String,
    pub title: String,
    pub status: Status,
    /// Whether the MVP item depends on it itself, or through other items.
    pub direct: bool,
}

impl MvpReport {
    pub fn of(product: &productfile::model::Product) -> (Self, Vec<&Item>) {
        let open_first = product
            .items
            .iter()
            .filter(|i| i.is_open())
            .chain(product.items.iter().filter(|i| i.status == Status::Done));
        let items: Vec<&Item> = open_first.filter(|i| i.mvp).collect();
        let in_mvp: HashSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
        let by_id: HashMap<&str, &Item> =
            product.items.iter().map(|i| (i.id.as_str(), i)).collect();
        let mut report = MvpReport {
            items_total: items.len(),
            items_done: 0,
            size_total: 0.0,
            size_done: 0.0,
            unsized_items: Vec::new(),
            open: Vec::new(),
            unmet_dependencies: Vec::new(),
        };
        for item in &items {
            let done = item.status == Status::Done;
            match item.size {
                Some(size) => {
                    report.size_total += size;
                    if done {
                        report.size_done += size;
                    }
                }
                None => report.unsized_items.push(item.id.clone()),
            }
            if done {
                report.items_done += 1;
                continue;
            }
            report.open.push(item.id.clone());
            // Follow dependencies through the items they depend on in turn:
            // whatever is not done, directly or not, stands in the way.
            let mut seen: HashSet<&str> = HashSet::new();
            let mut queue: Vec<(&str, bool)> =
                item.depends_on.iter().map(|d| (d.as_str(), true)).collect();
            while let Some((id, direct)) = queue.pop() {
                if !seen.insert(id) {
                    continue;
                }
                let Some(dep) = by_id.get(id) else { continue };
                if dep.status == Status::Done {
                    continue;
                }
                if !in_mvp.contains(id) {
                    report.unmet_dependencies.push(UnmetDependency {
                        item: item.id.clone(),
                        depends_on: dep.id.clone(),
                        title: dep.title.clone(),
                        status: dep.status,
                        direct,
                    });
                }
                if dep.is_open() {
                    queue.extend(dep.depends_on.iter().map(|d| (d.as_str(), false)));
                }
            }
        }
        (report, items)
    }

    /// `3/7 items done · size 13/34`.
    pub fn progress(&self) -> String {
        format!(
            "{}/{} items done · size {}/{}",
            self.items_done,
            self.items_total,
            number::display(self.size_done),
            number::display(self.size_total)
        )
    }
}

#[derive(Debug, Serialize)]
struct Mvp {
    #[serde(flatten)]
    report: MvpReport,
    score_method: String,
    #[serde(skip)]
    score: ScoreColumn,
    items: Vec<ItemRow>,
}

impl View for Mvp {
    fn kind(&self) -> &'static str {
        "mvp"
    }

    fn blocks(&self) -> Vec<Block> {
        let r = &self.report;
        if r.items_total == 0 {
            return vec![Block::Line(
                "No items are in the MVP yet: add one with `product item edit ID --mvp`.".into(),
            )];
        }
        let mut fields: Vec<(String, Cell)> = vec![("Progress".into(), r.progress().into())];
        if !r.unsized_items.is_empty() {
            fields.push((
                "Not sized".into(),
                Cell::new(r.unsized_items.join(", "), Tone::Warn),
            ));
        }
        let mut blocks = vec![
            Block::Heading("Minimum viable product".into()),
            Block::Fields(fields),
            Block::Table(ItemRow::table(&self.items, &self.score)),
        ];
        if r.open.is_empty() {
            blocks.push(Block::Line("Every MVP item is done.".into()));
        } else {
            blocks.push(Block::Line(format!(
                "In the way: {} open ({})",
                r.open.len(),
                r.open.join(", ")
            )));
        }
        if !r.unmet_dependencies.is_empty() {
            blocks.push(Block::Heading("Waiting on items outside the MVP".into()));
            blocks.push(Block::Table(TableBlock {
                header: ["MVP item", "Waits for", "Title", "Status"]
                    .map(String::from)
                    .to_vec(),
                rows: r
                    .unmet_dependencies
                    .iter()
                    .map(|u| {
                        vec![
                            Cell::new(&u.item, Tone::Strong),
                            Cell::new(
                                if u.direct {
                                    u.depends_on.clone()
                                } else {
                                    format!("{} (through others)", u.depends_on)
                                },
                                Tone::Strong,
                            ),
                            u.title.as_str().into(),
                            status_cell(u.status),
                        ]
                    })
                    .collect(),
            }));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let (report, items) = MvpReport::of(&product);
    let score = ScoreColumn::of(&product);
    ctx.print(&Mvp {
        items: ItemRow::rows(&product, items),
        report,
        score_method: score.method.clone(),
        score,
    })
}
