//! `product item score`: set an item's scoring inputs, and see its score
//! under every method.

use serde::Serialize;

use crate::render::csv::{self, Csv};
use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::ops::item::{self, ScoreItem};
use productfile::priority;
use productfile::query::items::{self, ItemScores};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;
use super::args::ScoreArgs;

/// Set an item's scoring inputs and show its scores
///
/// With no flags, shows the item's score under every method (WSJF,
/// value/cost, RICE, MoSCoW and the file's formulas) and how each is worked
/// out. With flags, sets those inputs first; `none` clears one. Values are
/// checked against `[scoring] scale`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product item score RX-3 --value 8 --time-criticality 5 --risk-reduction 3 --size 5
  product item score RX-3 --reach 2K --impact 2 --confidence 80% --effort 3
  product item score RX-3 --cost 12000 --moscow must
  product item score RX-3 --size none
  product item score RX-3")]
pub struct Args {
    /// The item's id, e.g. RX-3
    #[arg(add = candidates::items())]
    id: String,
    #[command(flatten)]
    scores: ScoreArgs,
}

/// An item's scores under every method, as a command shows them.
#[derive(Debug, Serialize)]
pub struct ScoresView {
    #[serde(skip)]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'static str>,
    #[serde(flatten)]
    scores: ItemScores,
    /// Things worth knowing that did not stop the scoring.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl View for ScoresView {
    fn kind(&self) -> &'static str {
        self.kind
    }

    /// A row a method: whether it is the file's default in a column of its
    /// own, the score as a number (for MoSCoW, the category), and the
    /// working or why the method cannot score the item.
    fn csv(&self) -> Csv {
        let s = &self.scores;
        Csv::Table {
            header: ["ID", "Method", "Default", "Score", "Working", "Why"]
                .map(String::from)
                .to_vec(),
            rows: s
                .scores
                .iter()
                .map(|m| {
                    let score = match (m.score, &m.working) {
                        (Some(_), _) => csv::number(m.score),
                        (None, Some(w)) => w.clone(),
                        (None, None) => String::new(),
                    };
                    vec![
                        s.id.clone(),
                        m.method.clone(),
                        (m.method == s.default_method).to_string(),
                        score,
                        m.working.clone().unwrap_or_default(),
                        m.unscored.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        }
    }

    fn blocks(&self) -> Vec<Block> {
        let scores = &self.scores;
        let place = scores
            .position
            .map_or(String::new(), |p| format!(" (#{p} in the backlog)"));
        let title = match self.action {
            Some(_) => format!("Scored {}: {}{place}", scores.id, scores.title),
            None => format!("{} {}{place}", scores.id, scores.title),
        };
        let rows = scores
            .scores
            .iter()
            .map(|s| {
                let name = if s.method == scores.default_method {
                    format!("{} (default)", s.method)
                } else {
                    s.method.clone()
                };
                let (score, working) = match (&s.working, &s.unscored) {
                    (Some(w), _) => (
                        s.score.map_or(w.clone(), priority::display_score),
                        Cell::from(w.as_str()),
                    ),
                    (None, reason) => (
                        "-".to_owned(),
                        Cell::new(reason.clone().unwrap_or_default(), Tone::Dim),
                    ),
                };
                vec![Cell::from(name), Cell::new(score, Tone::Strong), working]
            })
            .collect();
        let mut blocks = vec![Block::Line(title)];
        blocks.extend(
            self.warnings
                .iter()
                .map(|w| Block::Line(format!("warning: {w}"))),
        );
        blocks.push(Block::Table(TableBlock {
            header: vec!["Method".into(), "Score".into(), "Working".into()],
            rows,
        }));
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let opts = ScoreItem {
        id: args.id,
        scores: args.scores.into(),
    };
    let view = if opts.scores.is_empty() {
        let (_, product) = ctx.load()?;
        ScoresView {
            kind: "item_scores",
            action: None,
            scores: items::scores(&product, &opts.id)?,
            warnings: Vec::new(),
        }
    } else {
        ctx.mutate(|product| {
            let scored = item::score(product, ctx.today, &opts)?;
            Ok(ScoresView {
                kind: "item_scored",
                action: Some("scored"),
                scores: items::scores(product, &scored.id)?,
                warnings: scored.warnings,
            })
        })?
    };
    ctx.print(&view)
}
