//! `product item score`: set an item's scoring inputs, and see its score
//! under every method.

use serde::Serialize;

use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::model::Product;
use productfile::priority::{self, Method};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};
use super::scores::ScoreArgs;

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
  product item score RX-3 --reach 2000 --impact 2 --confidence 80 --effort 3
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

/// An item's scores under every method.
#[derive(Debug, Serialize)]
pub struct ItemScores {
    #[serde(skip)]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'static str>,
    id: String,
    title: String,
    position: Option<usize>,
    /// The file's default method.
    default_method: String,
    scores: Vec<MethodScore>,
}

/// The score under one method, or why there is none.
#[derive(Debug, Serialize)]
struct MethodScore {
    method: String,
    score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_of_delay: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    working: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unscored: Option<String>,
}

impl ItemScores {
    /// The scores of item `id` under every method of the product.
    pub fn new(
        kind: &'static str,
        action: Option<&'static str>,
        product: &Product,
        id: &str,
    ) -> CmdResult<Self> {
        let item = super::find(product, id)?;
        let default = Method::default_for(&product.scoring).map_err(method_error)?;
        let mut methods = vec![
            Method::Wsjf,
            Method::ValueCost,
            Method::Rice,
            Method::Moscow,
        ];
        for name in product.scoring.formulas.keys() {
            methods.push(Method::resolve(name, &product.scoring).map_err(method_error)?);
        }
        let scores = methods
            .iter()
            .map(|m| match priority::score(item, m) {
                Ok((score, explanation)) => MethodScore {
                    method: m.name().to_owned(),
                    score: (*m != Method::Moscow).then_some(score.value),
                    cost_of_delay: explanation.cost_of_delay,
                    working: Some(explanation.working),
                    unscored: None,
                },
                Err(why) => MethodScore {
                    method: m.name().to_owned(),
                    score: None,
                    cost_of_delay: None,
                    working: None,
                    unscored: Some(why.reason),
                },
            })
            .collect();
        Ok(ItemScores {
            kind,
            action,
            id: item.id.clone(),
            title: item.title.clone(),
            position: product.backlog_position(id),
            default_method: default.name().to_owned(),
            scores,
        })
    }
}

impl View for ItemScores {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let place = self
            .position
            .map_or(String::new(), |p| format!(" (#{p} in the backlog)"));
        let title = match self.action {
            Some(_) => format!("Scored {}: {}{place}", self.id, self.title),
            None => format!("{} {}{place}", self.id, self.title),
        };
        let rows = self
            .scores
            .iter()
            .map(|s| {
                let name = if s.method == self.default_method {
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
        vec![
            Block::Line(title),
            Block::Table(TableBlock {
                header: vec!["Method".into(), "Score".into(), "Working".into()],
                rows,
            }),
        ]
    }
}

fn method_error(e: priority::MethodError) -> CommandError {
    CommandError::new(ErrorKind::Invalid, ErrorCode::UnknownMethod, e.to_string())
        .with_hint("fix [scoring] in the product file")
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let id = args.id;
    let view = if args.scores.any() {
        ctx.mutate(|product| {
            let scale = product.scoring.scale();
            let today = ctx.today;
            let item = super::find_mut(product, &id)?;
            let before = item.clone();
            args.scores.apply(item, scale)?;
            if *item != before {
                item.updated = Some(today);
            }
            ItemScores::new("item_scored", Some("scored"), product, &id)
        })?
    } else {
        let (_, product) = ctx.load()?;
        ItemScores::new("item_scores", None, &product, &id)?
    };
    ctx.print(&view)
}
