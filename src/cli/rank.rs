//! `product rank`: the open backlog ranked by a scoring method, the moves
//! that ranking implies, and `--apply` to make them.

use serde::Serialize;

use crate::render::csv::{self, Csv};
use crate::render::numbers::{items_and_size, plural};
use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::model::{Moscow, number};
use productfile::ops::{self, rank::ApplyRanking};
use productfile::priority::{self, Method, MoscowGroup, Placement};
use productfile::query::rank::{self, RankQuery, RankReport, RankRow};

use super::context::Ctx;
use super::error::CmdResult;

/// Rank the open backlog by WSJF, value/cost, RICE, MoSCoW or a formula
///
/// Shows each scored item's inputs, score, place in the backlog now and the
/// move the ranking implies (↑ up, ↓ down, = stays). Items the method cannot
/// score are listed below with what they lack. Ties go to the smaller size,
/// cost or effort, then to the item higher in the backlog. Done and dropped
/// items are not ranked.
///
/// --apply reorders the backlog to the ranking in one write: no item goes
/// above an open item it depends on (it comes after it, as soon as it can);
/// pinned and in-progress (doing) items keep their places, and what they
/// depend on moves up just above them; unscored items go below the scored
/// ones; done and dropped items stay where they are. Lines under the table say why an
/// item is not where its score alone puts it, and name dependency cycles,
/// whose items keep score order.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product rank
  product rank --by rice --limit 10
  product rank --by wsjf --explain
  product rank --by moscow
  product rank --by roi                 # a formula from [scoring.formulas]
  product rank --apply --dry-run
  product rank --by wsjf --apply")]
pub struct Args {
    /// The method: wsjf, value-cost, rice, moscow or a formula's name [default: [scoring] method, else wsjf]
    #[arg(long, value_name = "METHOD")]
    by: Option<String>,
    /// Show only the first N ranked items
    #[arg(long, value_name = "N", value_parser = super::number::count)]
    limit: Option<usize>,
    /// Show how each score is worked out
    #[arg(long)]
    explain: bool,
    /// Reorder the backlog to the ranking
    #[arg(long)]
    apply: bool,
    /// With --apply: show what would move, and write nothing
    #[arg(long, requires = "apply")]
    dry_run: bool,
}

/// The ranking as it is printed.
#[derive(Debug, Serialize)]
struct RankView {
    #[serde(skip)]
    kind: &'static str,
    #[serde(flatten)]
    report: RankReport,
    #[serde(skip)]
    explain: bool,
    #[serde(skip)]
    dry_run: bool,
    /// The command that applies this ranking, as the user types it here.
    #[serde(skip)]
    apply: String,
}

impl RankView {
    fn new(report: RankReport, args: &Args, ctx: &Ctx) -> RankView {
        RankView {
            apply: ctx.command(&format!("product rank --by {} --apply", report.method)),
            kind: match (args.apply, args.dry_run) {
                (false, _) => "rank",
                (true, false) => "rank_applied",
                (true, true) => "rank_dry_run",
            },
            report,
            explain: args.explain,
            dry_run: args.dry_run,
        }
    }

    /// The method as a sentence names it: `ranked by value/cost`, `` by `roi` ``.
    fn label(&self) -> String {
        match &self.report.method {
            Method::ValueCost => "value/cost".into(),
            Method::Formula(f) => format!("`{}`", f.name),
            other => other.label(),
        }
    }

    fn score_table(&self) -> TableBlock {
        let wsjf = self.report.method == Method::Wsjf;
        let mut header: Vec<String> = vec!["Rank".into(), "ID".into(), "Title".into()];
        header.extend(self.report.inputs.iter().map(|f| short_name(f).to_owned()));
        if wsjf {
            header.push("CoD".into());
        }
        header.extend(["Score".into(), "#".into(), "Move".into()]);
        let rows = self
            .report
            .ranked
            .iter()
            .map(|r| {
                let mut row: Vec<Cell> = vec![
                    r.rank.to_string().into(),
                    Cell::new(&r.id, Tone::Strong),
                    r.title.as_str().into(),
                ];
                for field in &self.report.inputs {
                    let value = r
                        .explanation
                        .inputs
                        .iter()
                        .find(|i| i.field.name() == field)
                        .map_or(String::new(), |i| number::display(i.value));
                    row.push(value.into());
                }
                if wsjf {
                    row.push(
                        r.explanation
                            .cost_of_delay
                            .map_or(String::new(), number::display)
                            .into(),
                    );
                }
                row.push(Cell::new(priority::display_score(r.score), Tone::Strong));
                row.push(r.position.to_string().into());
                row.push(move_cell(r.shift, held(r.pinned, r.doing)));
                row
            })
            .collect();
        TableBlock { header, rows }
    }

    fn moscow_blocks(&self, blocks: &mut Vec<Block>) {
        let Some(summary) = &self.report.moscow else {
            return;
        };
        for group in &summary.groups {
            let rows: Vec<&RankRow> = self
                .report
                .ranked
                .iter()
                .filter(|r| r.moscow == group.moscow && group.moscow.is_some())
                .collect();
            if group.moscow.is_none() || rows.is_empty() {
                continue;
            }
            blocks.push(Block::Heading(group_heading(group)));
            blocks.push(Block::Table(TableBlock {
                header: ["ID", "Title", "Size", "#", "Move"]
                    .map(String::from)
                    .to_vec(),
                rows: rows
                    .iter()
                    .map(|r| {
                        vec![
                            Cell::new(&r.id, Tone::Strong),
                            r.title.as_str().into(),
                            r.size.map_or(String::new(), number::display).into(),
                            r.position.to_string().into(),
                            move_cell(r.shift, held(r.pinned, r.doing)),
                        ]
                    })
                    .collect(),
            }));
        }
        match summary.must_share {
            Some(share) => {
                let text = format!(
                    "Must-haves are {:.0}% of the size of the must, should and could haves (limit {:.0}%).",
                    share * 100.0,
                    summary.limit * 100.0
                );
                blocks.push(Block::Line(if summary.over_limit {
                    format!("warning: {text} Too little is left to absorb a surprise: move some to should or could.")
                } else {
                    text
                }));
            }
            None => blocks.push(Block::Line(
                "No must, should or could have is sized, so the must-have share is unknown.".into(),
            )),
        }
    }
}

impl RankView {
    /// The lines under the tables: why items are not where their scores
    /// alone put them, and each dependency cycle once.
    fn notes(&self) -> Vec<String> {
        let rows = self
            .report
            .ranked
            .iter()
            .map(|r| (&r.id, r.new_position, &r.placement, &r.cycle))
            .chain(
                self.report
                    .unscored
                    .iter()
                    .map(|u| (&u.id, u.new_position, &u.placement, &u.cycle)),
            );
        let mut placed: Vec<(usize, String)> = Vec::new();
        let mut cycles: Vec<&Vec<String>> = Vec::new();
        for (id, at, placement, cycle) in rows {
            if let Some(p) = placement {
                placed.push((at, note(id, p)));
            }
            if !cycle.is_empty() && !cycles.contains(&cycle) {
                cycles.push(cycle);
            }
        }
        placed.sort();
        let mut lines: Vec<String> = placed.into_iter().map(|(_, line)| line).collect();
        for cycle in cycles {
            lines.push(match cycle.as_slice() {
                [one] => format!(
                    "{one} depends on itself (`product check` reports it): that dependency is ignored."
                ),
                _ => format!(
                    "{} depend on each other in a cycle (`product check` reports it): their dependencies on each other are ignored and they keep score order.",
                    cycle.join(", ")
                ),
            });
        }
        lines
    }
}

impl View for RankView {
    fn kind(&self) -> &'static str {
        self.kind
    }

    /// Every open item: the ranked ones in rank order, then those the
    /// method cannot score, with why. A move is a signed number of places
    /// (up is positive), as in the JSON.
    fn csv(&self) -> Csv {
        let r = &self.report;
        let wsjf = r.method == Method::Wsjf;
        let mut header: Vec<String> = vec!["Rank".into(), "ID".into(), "Title".into()];
        if r.moscow.is_some() {
            header.extend(["MoSCoW".into(), "Size".into()]);
        } else {
            header.extend(r.inputs.iter().map(|f| short_name(f).to_owned()));
            if wsjf {
                header.push("CoD".into());
            }
            header.push("Score".into());
        }
        header.extend(["#", "New #", "Move", "Pinned", "Why"].map(String::from));
        if self.explain {
            header.push("Working".into());
        }
        let mut rows = Vec::new();
        for row in &r.ranked {
            let mut cells = vec![row.rank.to_string(), row.id.clone(), row.title.clone()];
            if r.moscow.is_some() {
                cells.extend([csv::plain(&row.moscow), csv::number(row.size)]);
            } else {
                cells.extend(r.inputs.iter().map(|field| {
                    let input = row
                        .explanation
                        .inputs
                        .iter()
                        .find(|i| i.field.name() == field);
                    csv::number(input.map(|i| i.value))
                }));
                if wsjf {
                    cells.push(csv::number(row.explanation.cost_of_delay));
                }
                cells.push(csv::number(Some(row.score)));
            }
            cells.extend([
                row.position.to_string(),
                row.new_position.to_string(),
                row.shift.to_string(),
                row.pinned.to_string(),
                String::new(),
            ]);
            if self.explain {
                cells.push(row.explanation.working.clone());
            }
            rows.push(cells);
        }
        for row in &r.unscored {
            let mut cells = vec![String::new(), row.id.clone(), row.title.clone()];
            // The score's columns, all empty.
            cells.resize(header.len() - 5 - usize::from(self.explain), String::new());
            cells.extend([
                row.position.to_string(),
                row.new_position.to_string(),
                (row.position as i64 - row.new_position as i64).to_string(),
                row.pinned.to_string(),
                row.reason.clone(),
            ]);
            if self.explain {
                cells.push(String::new());
            }
            rows.push(cells);
        }
        Csv::Table { header, rows }
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        let label = self.label();
        if self.report.ranked.is_empty() && self.report.unscored.is_empty() {
            blocks.push(Block::Line(
                "No open items to rank: add one with `product item add \"Title\"`.".into(),
            ));
            return blocks;
        }
        if self.report.moscow.is_some() {
            self.moscow_blocks(&mut blocks);
        } else if !self.report.ranked.is_empty() {
            blocks.push(Block::Heading(format!("Backlog ranked by {label}")));
            blocks.push(Block::Table(self.score_table()));
            if self.report.not_shown > 0 {
                blocks.push(Block::Line(format!(
                    "... and {} more ranked items (--limit)",
                    self.report.not_shown
                )));
            }
        }
        if self.explain && !self.report.ranked.is_empty() {
            blocks.push(Block::Heading("How each score is worked out".into()));
            for r in &self.report.ranked {
                blocks.push(Block::Line(format!(
                    "{:>4}. {}: {}",
                    r.rank, r.id, r.explanation.working
                )));
            }
        }
        if !self.report.unscored.is_empty() {
            let uncategorised = self
                .report
                .moscow
                .as_ref()
                .and_then(|m| m.groups.iter().find(|g| g.moscow.is_none()));
            blocks.push(Block::Heading(match uncategorised {
                Some(group) => group_heading(group),
                None => format!(
                    "Not scored by {label} ({})",
                    plural(self.report.unscored.len(), "item")
                ),
            }));
            let header: Vec<String> = ["ID", "Title", "#", "Why"].map(String::from).to_vec();
            blocks.push(Block::Table(TableBlock {
                header,
                rows: self
                    .report
                    .unscored
                    .iter()
                    .map(|u| {
                        vec![
                            Cell::new(&u.id, Tone::Strong),
                            u.title.as_str().into(),
                            u.position.to_string().into(),
                            Cell::new(&u.reason, Tone::Warn),
                        ]
                    })
                    .collect(),
            }));
        }
        blocks.extend(self.notes().into_iter().map(Block::Line));
        let items = |n: usize| plural(n, "item");
        if let Some(none) = &self.report.nothing_scored {
            blocks.push(Block::Line(format!(
                "No item could be scored by {label}: {}. Give scores with `{}`.",
                none.reason, none.hint
            )));
            if self.report.moves > 0 {
                blocks.push(Block::Line(if self.report.applied {
                    format!(
                        "Applied: moved {} after what they depend on.",
                        items(self.report.moves)
                    )
                } else {
                    format!(
                        "--apply would move {} after what they depend on.",
                        items(self.report.moves)
                    )
                }));
            }
            return blocks;
        }
        blocks.push(Block::Line(if self.report.applied {
            format!(
                "Applied: moved {} into {label} order.",
                items(self.report.moves)
            )
        } else if self.kind == "rank_applied" {
            format!("Nothing to move: the backlog is already in {label} order.")
        } else if self.dry_run {
            format!(
                "Dry run: --apply would move {}; nothing was written.",
                items(self.report.moves)
            )
        } else if self.report.moves == 0 {
            format!("The backlog is in {label} order.")
        } else {
            format!(
                "Applying this ranking would move {}: {}",
                items(self.report.moves),
                self.apply
            )
        }));
        blocks
    }
}

/// A MoSCoW group's heading: `Must have (4 items, size 17)`.
fn group_heading(group: &MoscowGroup) -> String {
    let name = match group.moscow {
        Some(Moscow::Must) => "Must have",
        Some(Moscow::Should) => "Should have",
        Some(Moscow::Could) => "Could have",
        Some(Moscow::Wont) => "Won't have this time",
        None => "No MoSCoW category",
    };
    let counts = items_and_size(group.items.len(), group.size, group.unsized_items);
    format!("{name} ({counts})")
}

/// Short column headings for the inputs.
fn short_name(field: &str) -> &str {
    match field {
        "value" => "Value",
        "time_criticality" => "TC",
        "risk_reduction" => "RR",
        "size" => "Size",
        "cost" => "Cost",
        "reach" => "Reach",
        "impact" => "Impact",
        "confidence" => "Conf%",
        "effort" => "Effort",
        "moscow" => "MoSCoW",
        "evidence" => "Evidence",
        "needs" => "Needs",
        other => other,
    }
}

/// What holds an item in its place, if anything.
fn held(pinned: bool, doing: bool) -> Option<&'static str> {
    if pinned {
        Some("pinned")
    } else if doing {
        Some("doing")
    } else {
        None
    }
}

fn move_cell(shift: i64, held: Option<&str>) -> Cell {
    let held = held.map_or(String::new(), |h| format!(" {h}"));
    match shift {
        0 => Cell::new(format!("={held}"), Tone::Dim),
        n if n > 0 => Cell::new(format!("↑{n}{held}"), Tone::Good),
        n => Cell::new(format!("↓{}{held}", -n), Tone::Warn),
    }
}

/// Why an item is not where its score alone puts it.
fn note(id: &str, placement: &Placement) -> String {
    match placement {
        Placement::AfterDependency { id: dep } => {
            format!("{id} comes after {dep}, which it depends on.")
        }
        Placement::BeforeDependent { id: dependent } => {
            format!("{id} comes before {dependent}, which depends on it.")
        }
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    if args.apply && !args.dry_run {
        let opts = ApplyRanking {
            by: args.by.clone(),
        };
        let applied = ctx.mutate(|product| ops::rank::apply(product, ctx.today, &opts))?;
        return ctx.print(&RankView::new(
            applied.report.limited(args.limit),
            &args,
            ctx,
        ));
    }
    let (_, product) = ctx.load()?;
    let query = RankQuery {
        by: args.by.clone(),
        limit: args.limit,
    };
    ctx.print(&RankView::new(rank::rank(&product, &query)?, &args, ctx))
}
