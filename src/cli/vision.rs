//! `product vision`: the statement, users, problems and strategy.

use clap::Subcommand;
use serde::Serialize;

use crate::render::{Block, View};
use productfile::model::{Date, Product, Vision};
use productfile::ops::vision::{self, SetVision, VisionEntries, VisionSet};

use super::context::Ctx;
use super::error::CmdResult;

/// Show or set the product vision
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product vision
  product vision set --statement \"Anyone who pays for prescriptions can do it online in two minutes\"
  product vision set --user \"Patients who pay\" --user \"Pharmacy staff\"
  product vision add --problem \"Penalty charges by mistake\" --as \"Priya Shah\" --agreed-by \"Dan Okafor\"
  product vision rm --user \"Pharmacy staff\" --as \"Priya Shah\" --agreed-by \"Dan Okafor\"")]
pub struct Args {
    #[command(subcommand)]
    command: Option<VisionCommand>,
}

#[derive(Debug, Subcommand)]
enum VisionCommand {
    Show(ShowArgs),
    Set(SetArgs),
    Add(EntryArgs),
    Rm(RmArgs),
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

/// Add entries to the vision's lists, keeping what they have
///
/// Each entry goes at the end of its list, once. A vision decision, like
/// `vision set`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product vision add --user \"Carers who pay for someone else\"
  product vision add --problem \"Penalty charges by mistake\" --strategy \"Reuse the NHS login\"")]
struct EntryArgs {
    /// A group of users it is for (repeatable)
    #[arg(long = "user", value_name = "TEXT")]
    users: Vec<String>,
    /// A problem it solves (repeatable)
    #[arg(long = "problem", value_name = "TEXT")]
    problems: Vec<String>,
    /// A strategy it follows (repeatable)
    #[arg(long = "strategy", value_name = "TEXT")]
    strategy: Vec<String>,
}

/// Remove entries from the vision's lists, keeping the others
///
/// Each entry is named exactly as the list has it. A vision decision.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product vision rm --user \"Carers who pay for someone else\"
  product vision rm --problem \"Paper forms get lost\" --strategy \"Reuse the NHS login\"")]
struct RmArgs {
    #[command(flatten)]
    entries: EntryArgs,
}

impl From<EntryArgs> for VisionEntries {
    fn from(a: EntryArgs) -> Self {
        VisionEntries {
            users: a.users,
            problems: a.problems,
            strategy: a.strategy,
        }
    }
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
            change(ctx, |product, today| vision::set(product, today, &opts))
        }
        Some(VisionCommand::Add(add)) => {
            let opts = VisionEntries::from(add);
            change(ctx, |product, today| vision::add(product, today, &opts))
        }
        Some(VisionCommand::Rm(rm)) => {
            let opts = VisionEntries::from(rm.entries);
            change(ctx, |product, today| vision::remove(product, today, &opts))
        }
    }
}

/// Makes a change to the vision and shows the vision after it.
fn change(
    ctx: &Ctx,
    op: impl FnOnce(&mut Product, Date) -> productfile::error::Result<VisionSet>,
) -> CmdResult<()> {
    let view = ctx.mutate(|product| {
        let done = op(product, ctx.today)?;
        Ok(VisionView {
            kind: "vision_updated",
            product: product.product.name.clone(),
            vision: done.vision,
        })
    })?;
    ctx.print(&view)
}
