//! `product stakeholder`: who has a stake in the product, on the power/interest grid.

use crate::cli::choice::choice;
use clap::Subcommand;
use serde::Serialize;

use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::model::{Level, Quadrant, Stakeholder};

use super::context::Ctx;
use super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};

/// Keep track of stakeholders on the power/interest grid
///
/// Each stakeholder has an interest in the product and an influence over
/// it, high or low, which places them on the grid: manage closely (high
/// influence, high interest), keep satisfied (high influence, low
/// interest), keep informed (low influence, high interest), monitor.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product stakeholder add --name \"Pharmacy owners' association\" --interest high --influence high
  product stakeholder list
  product stakeholder rm \"Pharmacy owners' association\"")]
pub struct Args {
    #[command(subcommand)]
    command: StakeholderCommand,
}

#[derive(Debug, Subcommand)]
enum StakeholderCommand {
    Add(AddArgs),
    List(ListArgs),
    Rm(RmArgs),
}

/// Add a stakeholder
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product stakeholder add --name \"Finance director\" --interest low --influence high
  product stakeholder add --name \"Patients' forum\" --interest high --influence low --notes \"Meets monthly\"")]
pub struct AddArgs {
    /// Who: a person, a team or an organisation; unique
    #[arg(long)]
    name: String,
    /// How much they care about the product
    #[arg(long, value_parser = choice::<Level>())]
    interest: Level,
    /// How much they can affect it
    #[arg(long, value_parser = choice::<Level>())]
    influence: Level,
    /// Anything worth remembering about them
    #[arg(long, value_name = "TEXT")]
    notes: Option<String>,
}

/// List stakeholders, grouped by the power/interest grid
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product stakeholder list
  product stakeholder list --json | jq '.manage_closely[].name'")]
pub struct ListArgs {}

/// Remove a stakeholder
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product stakeholder rm \"Finance director\"")]
pub struct RmArgs {
    /// Their name, as listed
    name: String,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        StakeholderCommand::Add(a) => add(ctx, a),
        StakeholderCommand::List(_) => list(ctx),
        StakeholderCommand::Rm(a) => rm(ctx, a),
    }
}

#[derive(Debug, Serialize)]
struct Changed {
    #[serde(skip)]
    kind: &'static str,
    action: &'static str,
    stakeholder: Stakeholder,
    quadrant: Quadrant,
}

impl View for Changed {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let s = &self.stakeholder;
        let line = if self.action == "added" {
            format!(
                "Added {}: {} ({})",
                s.name,
                self.quadrant.label().to_lowercase(),
                self.quadrant.grid()
            )
        } else {
            format!("Removed {}", s.name)
        };
        vec![Block::Line(line)]
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> CmdResult<()> {
    let name = args.name.trim().to_owned();
    if name.is_empty() {
        return Err(CommandError::usage("--name is empty"));
    }
    let view = ctx.mutate(|product| {
        if let Some(s) = product
            .stakeholders
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(&name))
        {
            return Err(CommandError::new(
                ErrorKind::Invalid,
                ErrorCode::DuplicateName,
                format!("there is already a stakeholder named `{}`", s.name),
            )
            .with_hint(format!(
                "remove it first with `product stakeholder rm \"{}\"`, or use another name",
                s.name
            )));
        }
        let stakeholder = Stakeholder {
            name,
            interest: args.interest,
            influence: args.influence,
            notes: args
                .notes
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
        };
        product.stakeholders.push(stakeholder.clone());
        Ok(Changed {
            kind: "stakeholder_added",
            action: "added",
            quadrant: stakeholder.quadrant(),
            stakeholder,
        })
    })?;
    ctx.print(&view)
}

fn rm(ctx: &Ctx, args: RmArgs) -> CmdResult<()> {
    let view = ctx.mutate(|product| {
        let same = product
            .stakeholders
            .iter()
            .filter(|s| s.name == args.name)
            .count();
        if same > 1 {
            // Which one is meant cannot be told: removing either by name
            // would mix the two records in the file.
            return Err(CommandError::new(
                ErrorKind::Invalid,
                ErrorCode::DuplicateName,
                format!("{same} stakeholders are named `{}`", args.name),
            )
            .with_hint("rename one in the file so that they can be told apart, then remove it"));
        }
        let index = product
            .stakeholders
            .iter()
            .position(|s| s.name == args.name)
            .ok_or_else(|| {
                CommandError::unknown(
                    "stakeholder",
                    &args.name,
                    product.stakeholders.iter().map(|s| &s.name),
                )
            })?;
        let stakeholder = product.stakeholders.remove(index);
        Ok(Changed {
            kind: "stakeholder_removed",
            action: "removed",
            quadrant: stakeholder.quadrant(),
            stakeholder,
        })
    })?;
    ctx.print(&view)
}

#[derive(Debug, Serialize)]
struct Grid {
    manage_closely: Vec<Stakeholder>,
    keep_satisfied: Vec<Stakeholder>,
    keep_informed: Vec<Stakeholder>,
    monitor: Vec<Stakeholder>,
}

impl Grid {
    fn quadrants(&self) -> [(Quadrant, &[Stakeholder]); 4] {
        [
            (Quadrant::ManageClosely, &self.manage_closely),
            (Quadrant::KeepSatisfied, &self.keep_satisfied),
            (Quadrant::KeepInformed, &self.keep_informed),
            (Quadrant::Monitor, &self.monitor),
        ]
    }
}

impl View for Grid {
    fn kind(&self) -> &'static str {
        "stakeholder_list"
    }

    fn blocks(&self) -> Vec<Block> {
        let rows: Vec<Vec<Cell>> = self
            .quadrants()
            .into_iter()
            .flat_map(|(q, people)| {
                people.iter().map(move |s| {
                    vec![
                        Cell::new(q.label(), Tone::Strong),
                        s.name.as_str().into(),
                        s.interest.to_string().into(),
                        s.influence.to_string().into(),
                        s.notes.clone().unwrap_or_default().into(),
                    ]
                })
            })
            .collect();
        if rows.is_empty() {
            return vec![Block::Line(
                "No stakeholders yet: add one with `product stakeholder add --name \"...\" --interest high --influence high`."
                    .into(),
            )];
        }
        vec![Block::Table(TableBlock {
            header: ["Grid", "Stakeholder", "Interest", "Influence", "Notes"]
                .map(String::from)
                .to_vec(),
            rows,
        })]
    }
}

fn list(ctx: &Ctx) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    let on = |q: Quadrant| {
        product
            .stakeholders
            .iter()
            .filter(|s| s.quadrant() == q)
            .cloned()
            .collect()
    };
    ctx.print(&Grid {
        manage_closely: on(Quadrant::ManageClosely),
        keep_satisfied: on(Quadrant::KeepSatisfied),
        keep_informed: on(Quadrant::KeepInformed),
        monitor: on(Quadrant::Monitor),
    })
}
