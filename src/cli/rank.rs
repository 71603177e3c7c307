//! `product rank`: the open backlog ranked by a scoring method, the moves
//! that ranking implies, and `--apply` to make them.

use serde::Serialize;

use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::model::{Item, Moscow, Product, number};
use productfile::priority::{self, Explanation, Method, MoscowSummary, Ranking};

use super::context::Ctx;
use super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};
use crate::render::numbers::plural;

/// Rank the open backlog by WSJF, value/cost, RICE, MoSCoW or a formula
///
/// Shows each scored item's inputs, score, place in the backlog now and the
/// move the ranking implies (↑ up, ↓ down, = stays). Items the method cannot
/// score are listed below with what they lack. Ties go to the smaller size,
/// cost or effort, then to the item higher in the backlog. Done and dropped
/// items are not ranked.
///
/// --apply reorders the backlog to the ranking in one write: pinned items
/// keep their places, unscored items go below the scored ones, and done and
/// dropped items stay where they are.
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
    #[arg(long, value_name = "N")]
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
    method: Method,
    /// The item fields the method reads.
    inputs: Vec<String>,
    ranked: Vec<RankRow>,
    unscored: Vec<UnscoredRow>,
    /// Ranked items left out by --limit.
    #[serde(skip_serializing_if = "is_zero")]
    not_shown: usize,
    /// How many open items the ranking moves.
    moves: usize,
    /// Whether the new order was written (`--apply` without `--dry-run`).
    applied: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    moscow: Option<MoscowSummary>,
    #[serde(skip)]
    explain: bool,
    #[serde(skip)]
    dry_run: bool,
}

#[derive(Debug, Serialize)]
struct RankRow {
    rank: usize,
    id: String,
    title: String,
    #[serde(serialize_with = "number::compact")]
    score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    moscow: Option<Moscow>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::compact_opt"
    )]
    size: Option<f64>,
    /// Its place among open items now.
    position: usize,
    /// Its place once the ranking is applied.
    new_position: usize,
    /// Places it moves up (negative: down).
    #[serde(rename = "move")]
    shift: i64,
    pinned: bool,
    explanation: Explanation,
}

#[derive(Debug, Serialize)]
struct UnscoredRow {
    id: String,
    title: String,
    position: usize,
    new_position: usize,
    pinned: bool,
    reason: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl RankView {
    fn new(product: &Product, ranking: &Ranking, args: &Args, applied: bool) -> RankView {
        let by_id: std::collections::HashMap<&str, &Item> =
            product.items.iter().map(|i| (i.id.as_str(), i)).collect();
        let item = |id: &str| by_id.get(id).copied();
        let title = |id: &str| item(id).map_or(String::new(), |i| i.title.clone());
        let shown = args.limit.unwrap_or(usize::MAX);
        let ranked: Vec<RankRow> = ranking
            .ranked
            .iter()
            .take(shown)
            .map(|r| RankRow {
                rank: r.rank,
                id: r.id.clone(),
                title: title(&r.id),
                score: r.score.value,
                moscow: item(&r.id)
                    .and_then(|i| i.moscow)
                    .filter(|_| ranking.method == Method::Moscow),
                size: item(&r.id)
                    .and_then(|i: &Item| i.size)
                    .filter(|_| ranking.method == Method::Moscow),
                position: r.position,
                new_position: r.new_position,
                shift: r.position as i64 - r.new_position as i64,
                pinned: r.pinned,
                explanation: r.explanation.clone(),
            })
            .collect();
        let unscored = ranking
            .unscored
            .iter()
            .map(|u| UnscoredRow {
                id: u.id.clone(),
                title: title(&u.id),
                position: u.position,
                new_position: u.new_position,
                pinned: u.pinned,
                reason: u.why.reason.clone(),
                missing: u.why.missing.clone(),
            })
            .collect();
        RankView {
            kind: match (args.apply, args.dry_run) {
                (false, _) => "rank",
                (true, false) => "rank_applied",
                (true, true) => "rank_dry_run",
            },
            method: ranking.method.clone(),
            inputs: ranking
                .method
                .inputs()
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            not_shown: ranking.ranked.len().saturating_sub(ranked.len()),
            ranked,
            unscored,
            moves: ranking.moves(),
            applied,
            moscow: (ranking.method == Method::Moscow).then(|| priority::moscow(product)),
            explain: args.explain,
            dry_run: args.dry_run,
        }
    }

    /// The method as a sentence names it: `ranked by value/cost`, `` by `roi` ``.
    fn label(&self) -> String {
        match &self.method {
            Method::ValueCost => "value/cost".into(),
            Method::Formula(f) => format!("`{}`", f.name),
            other => other.label(),
        }
    }

    fn score_table(&self) -> TableBlock {
        let wsjf = self.method == Method::Wsjf;
        let mut header: Vec<String> = vec!["Rank".into(), "ID".into(), "Title".into()];
        header.extend(self.inputs.iter().map(|f| short_name(f).to_owned()));
        if wsjf {
            header.push("CoD".into());
        }
        header.extend(["Score".into(), "#".into(), "Move".into()]);
        let rows = self
            .ranked
            .iter()
            .map(|r| {
                let mut row: Vec<Cell> = vec![
                    r.rank.to_string().into(),
                    Cell::new(&r.id, Tone::Strong),
                    r.title.as_str().into(),
                ];
                for field in &self.inputs {
                    let value = r
                        .explanation
                        .inputs
                        .iter()
                        .find(|i| i.field == field.as_str())
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
                row.push(move_cell(r.shift, r.pinned));
                row
            })
            .collect();
        TableBlock { header, rows }
    }

    fn moscow_blocks(&self, blocks: &mut Vec<Block>) {
        let Some(summary) = &self.moscow else { return };
        for group in &summary.groups {
            let rows: Vec<&RankRow> = self
                .ranked
                .iter()
                .filter(|r| r.moscow == group.moscow && group.moscow.is_some())
                .collect();
            if group.moscow.is_none() || rows.is_empty() {
                continue;
            }
            let name = match group.moscow {
                Some(Moscow::Must) => "Must have",
                Some(Moscow::Should) => "Should have",
                Some(Moscow::Could) => "Could have",
                Some(Moscow::Wont) => "Won't have (this time)",
                None => "No category",
            };
            let unsized_note = if group.unsized_items > 0 {
                format!(", {} not sized", group.unsized_items)
            } else {
                String::new()
            };
            blocks.push(Block::Heading(format!(
                "{name} ({} items, size {}{unsized_note})",
                group.items.len(),
                number::display(group.size)
            )));
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
                            move_cell(r.shift, r.pinned),
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

impl View for RankView {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        let label = self.label();
        if self.ranked.is_empty() && self.unscored.is_empty() {
            blocks.push(Block::Line(
                "No open items to rank: add one with `product item add \"Title\"`.".into(),
            ));
            return blocks;
        }
        if self.moscow.is_some() {
            self.moscow_blocks(&mut blocks);
        } else if !self.ranked.is_empty() {
            blocks.push(Block::Heading(format!("Backlog ranked by {label}")));
            blocks.push(Block::Table(self.score_table()));
            if self.not_shown > 0 {
                blocks.push(Block::Line(format!(
                    "... and {} more ranked items (--limit)",
                    self.not_shown
                )));
            }
        }
        if self.explain && !self.ranked.is_empty() {
            blocks.push(Block::Heading("How each score is worked out".into()));
            for r in &self.ranked {
                blocks.push(Block::Line(format!(
                    "{:>4}. {}: {}",
                    r.rank, r.id, r.explanation.working
                )));
            }
        }
        if !self.unscored.is_empty() {
            blocks.push(Block::Heading(if self.moscow.is_some() {
                format!("No MoSCoW category ({})", self.unscored.len())
            } else {
                format!("Not scored by {label} ({})", self.unscored.len())
            }));
            blocks.push(Block::Table(TableBlock {
                header: ["ID", "Title", "#", "Why"].map(String::from).to_vec(),
                rows: self
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
        let items = |n: usize| plural(n, "item");
        blocks.push(Block::Line(if self.applied {
            format!("Applied: moved {} into {label} order.", items(self.moves))
        } else if self.kind == "rank_applied" {
            format!("Nothing to move: the backlog is already in {label} order.")
        } else if self.dry_run {
            format!(
                "Dry run: --apply would move {}; nothing was written.",
                items(self.moves)
            )
        } else if self.moves == 0 {
            format!("The backlog is in {label} order.")
        } else {
            format!(
                "Applying this ranking would move {}: product rank --by {} --apply",
                items(self.moves),
                self.method
            )
        }));
        blocks
    }
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
        other => other,
    }
}

fn move_cell(shift: i64, pinned: bool) -> Cell {
    match shift {
        _ if pinned => Cell::new("= pinned", Tone::Dim),
        0 => Cell::new("=", Tone::Dim),
        n if n > 0 => Cell::new(format!("↑{n}"), Tone::Good),
        n => Cell::new(format!("↓{}", -n), Tone::Warn),
    }
}

fn method(product: &Product, by: Option<&str>) -> CmdResult<Method> {
    let result = match by {
        Some(name) => Method::resolve(name, &product.scoring),
        None => Method::default_for(&product.scoring),
    };
    result.map_err(|e| match e {
        priority::MethodError::Unknown(u) => CommandError::new(
            ErrorKind::Usage,
            ErrorCode::UnknownMethod,
            format!("no method `{}`", u.name),
        )
        .with_hint(format!(
            "methods: {}; add your own under [scoring.formulas]",
            u.known.join(", ")
        )),
        other => CommandError::new(
            ErrorKind::Invalid,
            ErrorCode::InvalidFormula,
            other.to_string(),
        )
        .with_hint("fix [scoring.formulas] in the product file"),
    })
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    if args.apply && !args.dry_run {
        let view = ctx.mutate(|product| {
            let method = method(product, args.by.as_deref())?;
            let ranking = priority::rank(product, &method);
            let view = RankView::new(product, &ranking, &args, ranking.moves() > 0);
            if ranking.moves() > 0 {
                product.reorder_open(&ranking.order()).map_err(|e| {
                    CommandError::new(ErrorKind::Io, ErrorCode::Internal, e.to_string())
                })?;
            }
            Ok(view)
        })?;
        return ctx.print(&view);
    }
    let (_, product) = ctx.load()?;
    let method = method(&product, args.by.as_deref())?;
    let ranking = priority::rank(&product, &method);
    ctx.print(&RankView::new(&product, &ranking, &args, false))
}
