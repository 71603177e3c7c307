//! `product stakeholder`: who has a stake in the product, on the power/interest grid.

use crate::cli::choice::choice;
use clap::Subcommand;
use serde::Serialize;

use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::model::{Level, Quadrant, Stakeholder};
use productfile::ops::stakeholder::{self, AddStakeholder, EditStakeholder, RemoveStakeholder};
use productfile::query::stakeholders::{self, StakeholderGrid};

use super::context::Ctx;
use super::error::CmdResult;

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
  product stakeholder edit \"Pharmacy owners' association\" --interest low --notes \"Happy since the pilot\"
  product stakeholder rm \"Pharmacy owners' association\"")]
pub struct Args {
    #[command(subcommand)]
    command: StakeholderCommand,
}

#[derive(Debug, Subcommand)]
enum StakeholderCommand {
    Add(AddArgs),
    List(ListArgs),
    Edit(EditArgs),
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

/// Change a stakeholder's name, interest, influence or notes
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product stakeholder edit \"Finance director\" --interest high
  product stakeholder edit \"Finance director\" --name \"Chief financial officer\" --influence high
  product stakeholder edit \"Patients' forum\" --notes \"Meets every other month\"
  product stakeholder edit \"Patients' forum\" --no-notes")]
pub struct EditArgs {
    /// Their name, as listed
    name: String,
    /// A new name; unique
    #[arg(long = "name", value_name = "NAME")]
    rename: Option<String>,
    /// How much they care about the product
    #[arg(long, value_parser = choice::<Level>())]
    interest: Option<Level>,
    /// How much they can affect it
    #[arg(long, value_parser = choice::<Level>())]
    influence: Option<Level>,
    /// New notes, in place of the old
    #[arg(long, value_name = "TEXT", conflicts_with = "no_notes")]
    notes: Option<String>,
    /// Remove the notes
    #[arg(long)]
    no_notes: bool,
}

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
        StakeholderCommand::Edit(a) => edit(ctx, a),
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
        let place = format!(
            "{} ({})",
            self.quadrant.label().to_lowercase(),
            self.quadrant.grid()
        );
        let line = match self.action {
            "added" => format!("Added {}: {place}", s.name),
            "updated" => format!("Updated {}: {place}", s.name),
            "unchanged" => format!("Unchanged {}", s.name),
            _ => format!("Removed {}", s.name),
        };
        vec![Block::Line(line)]
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> CmdResult<()> {
    let opts = AddStakeholder {
        name: args.name,
        interest: args.interest,
        influence: args.influence,
        notes: args.notes,
    };
    let added = ctx.mutate(|product| stakeholder::add(product, ctx.today, &opts))?;
    ctx.print(&Changed {
        kind: "stakeholder_added",
        action: "added",
        stakeholder: added.stakeholder,
        quadrant: added.quadrant,
    })
}

fn edit(ctx: &Ctx, args: EditArgs) -> CmdResult<()> {
    let opts = EditStakeholder {
        name: args.name,
        rename: args.rename,
        interest: args.interest,
        influence: args.influence,
        notes: if args.no_notes {
            Some(None)
        } else {
            args.notes.map(Some)
        },
    };
    let edited = ctx.mutate(|product| stakeholder::edit(product, ctx.today, &opts))?;
    let (kind, action) = if edited.changed {
        ("stakeholder_updated", "updated")
    } else {
        ("stakeholder_unchanged", "unchanged")
    };
    ctx.print(&Changed {
        kind,
        action,
        stakeholder: edited.stakeholder,
        quadrant: edited.quadrant,
    })
}

fn rm(ctx: &Ctx, args: RmArgs) -> CmdResult<()> {
    let opts = RemoveStakeholder { name: args.name };
    let removed = ctx.mutate(|product| stakeholder::remove(product, ctx.today, &opts))?;
    ctx.print(&Changed {
        kind: "stakeholder_removed",
        action: "removed",
        stakeholder: removed.stakeholder,
        quadrant: removed.quadrant,
    })
}

/// The grid as the command shows it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Grid(StakeholderGrid);

impl Grid {
    /// A row a stakeholder, by quadrant.
    fn table(&self) -> TableBlock {
        TableBlock {
            header: ["Grid", "Stakeholder", "Interest", "Influence", "Notes"]
                .map(String::from)
                .to_vec(),
            rows: self
                .0
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
                .collect(),
        }
    }
}

impl View for Grid {
    fn kind(&self) -> &'static str {
        "stakeholder_list"
    }

    fn csv(&self) -> Csv {
        Csv::table(&self.table())
    }

    fn blocks(&self) -> Vec<Block> {
        let table = self.table();
        if table.rows.is_empty() {
            return vec![Block::Line(
                "No stakeholders yet: add one with `product stakeholder add --name \"...\" --interest high --influence high`."
                    .into(),
            )];
        }
        vec![Block::Table(table)]
    }
}

fn list(ctx: &Ctx) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&Grid(stakeholders::grid(&product)))
}
