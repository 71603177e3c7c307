//! `product vision`: the statement, users, problems and strategy.

use clap::Subcommand;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::Vision;
use productfile::ops::vision::{self, SetVision};

use super::context::Ctx;
use super::error::CmdResult;

/// Show or set the product vision
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product vision
  product vision set --statement \"Anyone who pays for prescriptions can do it online in two minutes\"
  product vision set --user \"Patients who pay\" --user \"Pharmacy staff\"")]
pub struct Args {
    #[command(subcommand)]
    command: Option<VisionCommand>,
}

#[derive(Debug, Subcommand)]
enum VisionCommand {
    Show(ShowArgs),
    Set(SetArgs),
}

/// Show the vision
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  product vision show\n  product vision show --format markdown")]
struct ShowArgs {}

/// Set parts of the vision; each list flag given replaces that whole list
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product vision set --statement \"Pay for prescriptions online in two minutes\"
  product vision set --problem \"Paper forms get lost\" --problem \"Penalty charges by mistake\"
  product vision set --strategy \"Digital first, with assisted digital support\"")]
struct SetArgs {
    /// The vision statement (an empty string removes it)
    #[arg(long)]
    statement: Option<String>,
    /// A group of users it is for (repeatable; replaces the list)
    #[arg(long = "user", value_name = "TEXT")]
    users: Vec<String>,
    /// A problem it solves (repeatable; replaces the list)
    #[arg(long = "problem", value_name = "TEXT")]
    problems: Vec<String>,
    /// A strategy it follows (repeatable; replaces the list)
    #[arg(long = "strategy", value_name = "TEXT")]
    strategy: Vec<String>,
}

#[derive(Debug, Serialize)]
struct VisionView {
    #[serde(skip)]
    kind: &'static str,
    product: String,
    #[serde(flatten)]
    vision: Vision,
}

impl View for VisionView {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let v = &self.vision;
        let mut blocks = vec![Block::Heading(format!("Vision of {}", self.product))];
        blocks.push(Block::Line(v.statement.clone().unwrap_or_else(|| {
            "No statement yet: set one with `product vision set --statement ...`.".into()
        })));
        for (title, list) in [
            ("Users", &v.users),
            ("Problems", &v.problems),
            ("Strategy", &v.strategy),
        ] {
            if !list.is_empty() {
                blocks.push(Block::Heading(title.into()));
                blocks.extend(list.iter().map(|l| Block::Line(format!("- {l}"))));
            }
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        None | Some(VisionCommand::Show(_)) => {
            let (_, product) = ctx.load()?;
            ctx.print(&VisionView {
                kind: "vision",
                product: product.product.name.clone(),
                vision: product.vision.clone(),
            })
        }
        Some(VisionCommand::Set(set)) => {
            // A list flag given replaces that whole list.
            let list = |l: Vec<String>| Some(l).filter(|l| !l.is_empty());
            let opts = SetVision {
                statement: set.statement,
                users: list(set.users),
                problems: list(set.problems),
                strategy: list(set.strategy),
            };
            let view = ctx.mutate(|product| {
                let done = vision::set(product, ctx.today, &opts)?;
                Ok(VisionView {
                    kind: "vision_updated",
                    product: product.product.name.clone(),
                    vision: done.vision,
                })
            })?;
            ctx.print(&view)
        }
    }
}
