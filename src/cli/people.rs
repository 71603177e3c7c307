//! `product people`: who is who, and the roles that carry decision rights.

use clap::Subcommand;
use serde::Serialize;

use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::model::Person;
use productfile::ops::people::{self, AddPerson, ChangeKeys, ChangeRoles};
use productfile::store;

use super::context::Ctx;
use super::error::CmdResult;

/// Name the people and their roles (owner, leadership, team, ...)
///
/// Roles carry decision rights (see `product rights`). Giving or taking a
/// role is a logged `rights` decision, by default leadership's; anyone may
/// give or take a role whose rights they all hold themselves (the owner
/// gives `team`, which decides only refinement, as the owner does).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product people add \"Priya Shah\" --role owner
  product people list
  product people role \"Dan Okafor\" --add leadership --as \"Grace Adeyemi\"
  product people key \"Ken Mori\" --add ~/.ssh/id_ed25519.pub --as \"Grace Adeyemi\"")]
pub struct Args {
    #[command(subcommand)]
    command: PeopleCommand,
}

#[derive(Debug, Subcommand)]
enum PeopleCommand {
    Add(AddArgs),
    List(ListArgs),
    Role(RoleArgs),
    Key(KeyArgs),
}

/// Add a person, with their roles
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product people add \"Priya Shah\" --role owner
  product people add \"Sam Lee\" --role team --as \"Priya Shah\"")]
pub struct AddArgs {
    /// Their name, as they will be named in decisions
    name: String,
    /// A role they hold, e.g. owner, leadership, team (repeatable)
    #[arg(long = "role", value_name = "ROLE")]
    roles: Vec<String>,
}

/// List people and their roles
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  product people list")]
pub struct ListArgs {}

/// Give or take roles
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product people role \"Dan Okafor\" --add leadership
  product people role \"Sam Lee\" --remove owner --add team")]
pub struct RoleArgs {
    /// The person's name
    name: String,
    /// A role to give (repeatable)
    #[arg(long = "add", value_name = "ROLE")]
    add: Vec<String>,
    /// A role to take away (repeatable)
    #[arg(long = "remove", value_name = "ROLE")]
    remove: Vec<String>,
}

/// Give or take the SSH keys a person signs decisions with
///
/// A key is the line of a `.pub` file (`ssh-ed25519 AAAA... you@host`) or
/// the file's path. Signed decisions (`product decisions sign`) are checked
/// against these keys; with signatures required, `check --base` counts only
/// the keys the base holds. Giving or taking a key is a `rights` decision.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product people key \"Ken Mori\" --add ~/.ssh/id_ed25519.pub
  product people key \"Ken Mori\" --add \"ssh-ed25519 AAAAC3Nza... ken@laptop\"
  product people key \"Ken Mori\" --remove ~/.ssh/old_key.pub")]
pub struct KeyArgs {
    /// The person's name
    name: String,
    /// A public key, or the path of a .pub file, to give (repeatable)
    #[arg(long = "add", value_name = "KEY")]
    add: Vec<String>,
    /// A public key, or the path of a .pub file, to take away (repeatable)
    #[arg(long = "remove", value_name = "KEY")]
    remove: Vec<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        PeopleCommand::Add(a) => add(ctx, a),
        PeopleCommand::List(_) => list(ctx),
        PeopleCommand::Role(a) => role(ctx, a),
        PeopleCommand::Key(a) => key(ctx, a),
    }
}

#[derive(Debug, Serialize)]
struct Changed {
    #[serde(skip)]
    kind: &'static str,
    action: &'static str,
    person: Person,
}

impl View for Changed {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let roles = if self.person.roles.is_empty() {
            "no roles".to_owned()
        } else {
            self.person.roles.join(", ")
        };
        let verb = match self.action {
            "added" => "Added",
            "unchanged" => "Unchanged",
            _ => "Updated",
        };
        vec![Block::Line(format!("{verb} {}: {roles}", self.person.name))]
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> CmdResult<()> {
    let opts = AddPerson {
        name: args.name,
        roles: args.roles,
    };
    let added = ctx.mutate(|product| people::add(product, ctx.today, &opts))?;
    ctx.print(&Changed {
        kind: "person_added",
        action: "added",
        person: added.person,
    })
}

fn role(ctx: &Ctx, args: RoleArgs) -> CmdResult<()> {
    let opts = ChangeRoles {
        name: args.name,
        add: args.add,
        remove: args.remove,
    };
    let changed = ctx.mutate(|product| people::change_roles(product, ctx.today, &opts))?;
    ctx.print(&Changed {
        kind: "person_updated",
        action: if changed.changed {
            "updated"
        } else {
            "unchanged"
        },
        person: changed.person,
    })
}

/// The person whose keys changed, with the keys' fingerprints.
#[derive(Debug, Serialize)]
struct KeysView {
    action: &'static str,
    person: Person,
    fingerprints: Vec<String>,
}

impl View for KeysView {
    fn kind(&self) -> &'static str {
        "person_updated"
    }

    fn blocks(&self) -> Vec<Block> {
        let verb = if self.action == "unchanged" {
            "Unchanged"
        } else {
            "Updated"
        };
        let keys = if self.fingerprints.is_empty() {
            "no signing keys".to_owned()
        } else {
            format!("signing keys {}", self.fingerprints.join(", "))
        };
        vec![Block::Line(format!("{verb} {}: {keys}", self.person.name))]
    }
}

fn key(ctx: &Ctx, args: KeyArgs) -> CmdResult<()> {
    let lines = |list: Vec<String>| -> CmdResult<Vec<String>> {
        list.iter()
            .map(|k| Ok(store::ssh::public_key_line(k)?))
            .collect()
    };
    let opts = ChangeKeys {
        name: args.name,
        add: lines(args.add)?,
        remove: lines(args.remove)?,
    };
    let changed = ctx.mutate(|product| people::change_keys(product, ctx.today, &opts))?;
    ctx.print(&KeysView {
        action: if changed.changed {
            "updated"
        } else {
            "unchanged"
        },
        person: changed.person,
        fingerprints: changed.fingerprints,
    })
}

#[derive(Debug, Serialize)]
struct People {
    people: Vec<Person>,
    owner: Option<String>,
}

impl View for People {
    fn kind(&self) -> &'static str {
        "people"
    }

    /// The owner is a role like any other here: no note after the name.
    fn csv(&self) -> Csv {
        Csv::Table {
            header: ["Name", "Roles", "Signing keys"].map(String::from).to_vec(),
            rows: self
                .people
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        p.roles.join(", "),
                        p.signing_keys.len().to_string(),
                    ]
                })
                .collect(),
        }
    }

    fn blocks(&self) -> Vec<Block> {
        if self.people.is_empty() {
            return vec![Block::Line(
                "Nobody is named yet: add someone with `product people add NAME --role owner`."
                    .into(),
            )];
        }
        // Signing keys get a column once somebody has one.
        let keys = self.people.iter().any(|p| !p.signing_keys.is_empty());
        let mut header = vec!["Name".to_owned(), "Roles".to_owned()];
        if keys {
            header.push("Signing keys".into());
        }
        vec![Block::Table(TableBlock {
            header,
            rows: self
                .people
                .iter()
                .map(|p| {
                    let name = if self.owner.as_deref() == Some(p.name.as_str()) {
                        format!("{} (product owner)", p.name)
                    } else {
                        p.name.clone()
                    };
                    let mut row = vec![Cell::new(name, Tone::Strong), p.roles.join(", ").into()];
                    if keys {
                        row.push(p.signing_keys.len().to_string().into());
                    }
                    row
                })
                .collect(),
        })]
    }
}

fn list(ctx: &Ctx) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&People {
        people: product.people.clone(),
        owner: product.product.owner.clone(),
    })
}
