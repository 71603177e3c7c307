//! `product need add | edit | rm | validate | invalidate`: the changes to a
//! need itself, each shown as the need it left.

use serde::Serialize;

use crate::cli::choice::choice;
use crate::render::{Block, View};
use productfile::model::{Need, NeedStatus};
use productfile::ops::need::{self, AddNeed, EditNeed, NeedChanged, RemoveNeed};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Add a user need, assumed until research validates it
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need add \"As a patient who pays, I need to pay at any hour so that I need not queue\"
  product need add \"Pharmacy staff need to take a payment for a patient\" --users \"Pharmacy staff\"")]
pub struct AddArgs {
    /// The need: \"As a … I need … so that …\", or free text
    statement: String,
    /// The user group that has it: one of the vision's users, or another
    #[arg(long, value_name = "GROUP")]
    users: Option<String>,
}

/// Change a need's statement or user group
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need edit N1 --statement \"As a patient, I need to pay before I collect\"
  product need edit N1 --users \"Patients who pay\"
  product need edit N1 --no-users")]
pub struct EditArgs {
    /// The need's id, e.g. N1
    #[arg(add = candidates::needs())]
    id: String,
    /// A new statement
    #[arg(long, value_name = "TEXT")]
    statement: Option<String>,
    /// A new user group
    #[arg(long, value_name = "GROUP", conflicts_with = "no_users")]
    users: Option<String>,
    /// Remove the user group
    #[arg(long)]
    no_users: bool,
    /// Move it to a status: assumed, validated or met (for invalid, use
    /// `need invalidate`, which asks why)
    #[arg(long, value_parser = choice::<NeedStatus>(), value_name = "STATUS")]
    status: Option<NeedStatus>,
}

/// Remove a need (one that items or objectives link to needs --unlink)
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need rm N4
  product need rm N4 --unlink")]
pub struct RmArgs {
    /// The need's id, e.g. N1
    #[arg(add = candidates::needs())]
    id: String,
    /// Remove the links of items and objectives to it as well
    #[arg(long)]
    unlink: bool,
}

/// Mark a need validated: research shows it is real
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need validate N1")]
pub struct ValidateArgs {
    /// The need's id, e.g. N1
    #[arg(add = candidates::needs())]
    id: String,
}

/// Mark a need invalid, saying why: research shows it is not a need
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need invalidate N3 --reason \"Staff already take payments by phone\"")]
pub struct InvalidateArgs {
    /// The need's id, e.g. N1
    #[arg(add = candidates::needs())]
    id: String,
    /// What showed it is not a need
    #[arg(long, value_name = "TEXT")]
    reason: String,
}

/// A need as a change left it.
#[derive(Debug, Serialize)]
pub(super) struct Changed {
    #[serde(skip)]
    pub kind: &'static str,
    pub action: &'static str,
    pub need: Need,
    /// The people its evidence stands for, in all.
    pub people: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Changed {
    pub fn of(kind: &'static str, action: &'static str, changed: NeedChanged) -> Self {
        Changed {
            kind,
            action,
            people: changed.need.people(),
            need: changed.need,
            notes: changed.notes,
        }
    }
}

impl View for Changed {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let n = &self.need;
        let line = match self.action {
            "added" => format!("Added {}: {} ({})", n.id, n.statement, n.status),
            "evidence_added" => {
                let e = n.evidence.len();
                format!(
                    "Added evidence to {}: {e} piece{} standing for {} {}",
                    n.id,
                    if e == 1 { "" } else { "s" },
                    self.people,
                    if self.people == 1 { "person" } else { "people" }
                )
            }
            "removed" => format!("Removed {}: {}", n.id, n.statement),
            "unchanged" => format!("Unchanged {}", n.id),
            _ => match (&n.status, &n.reason) {
                (NeedStatus::Invalid, Some(reason)) => {
                    format!("Updated {}: invalid ({reason})", n.id)
                }
                _ => format!("Updated {}: {}", n.id, n.status),
            },
        };
        let mut blocks = vec![Block::Line(line)];
        blocks.extend(self.notes.iter().map(|n| Block::Line(format!("Note: {n}"))));
        blocks
    }
}

pub fn add(ctx: &Ctx, args: AddArgs) -> CmdResult<()> {
    let opts = AddNeed {
        statement: args.statement,
        users: args.users,
    };
    let added = ctx.mutate(|product| need::add(product, ctx.today, &opts))?;
    ctx.print(&Changed::of("need_added", "added", added))
}

pub fn edit(ctx: &Ctx, args: EditArgs) -> CmdResult<()> {
    let opts = EditNeed {
        id: args.id.clone(),
        statement: args.statement,
        users: if args.no_users {
            Some(None)
        } else {
            args.users.map(Some)
        },
    };
    let status = args.status;
    if status == Some(NeedStatus::Invalid) {
        return Err(
            productfile::Error::usage("--status invalid: a need found invalid says why").with_hint(
                format!("product need invalidate {} --reason \"...\"", args.id),
            ),
        );
    }
    let edited = ctx.mutate(|product| {
        let mut changed = None;
        if opts.statement.is_some() || opts.users.is_some() {
            changed = Some(need::edit(product, ctx.today, &opts)?);
        }
        if let Some(status) = status {
            let moved = need::set_status(product, ctx.today, &opts.id, status, None)?;
            let was_changed = changed.as_ref().is_some_and(|c| c.changed);
            let mut notes = changed.map(|c| c.notes).unwrap_or_default();
            notes.extend(moved.notes.iter().cloned());
            changed = Some(NeedChanged {
                changed: moved.changed || was_changed,
                notes,
                ..moved
            });
        }
        match changed {
            Some(c) => Ok(c),
            None => need::edit(product, ctx.today, &opts),
        }
    })?;
    let (kind, action) = if edited.changed {
        ("need_updated", "updated")
    } else {
        ("need_unchanged", "unchanged")
    };
    ctx.print(&Changed::of(kind, action, edited))
}

pub fn rm(ctx: &Ctx, args: RmArgs) -> CmdResult<()> {
    let opts = RemoveNeed {
        id: args.id,
        unlink: args.unlink,
    };
    let removed = ctx.mutate(|product| need::remove(product, ctx.today, &opts))?;
    ctx.print(&Changed::of("need_removed", "removed", removed))
}

pub fn validate(ctx: &Ctx, args: ValidateArgs) -> CmdResult<()> {
    status(ctx, &args.id, NeedStatus::Validated, None)
}

pub fn invalidate(ctx: &Ctx, args: InvalidateArgs) -> CmdResult<()> {
    status(ctx, &args.id, NeedStatus::Invalid, Some(&args.reason))
}

fn status(ctx: &Ctx, id: &str, status: NeedStatus, reason: Option<&str>) -> CmdResult<()> {
    let moved = ctx.mutate(|product| need::set_status(product, ctx.today, id, status, reason))?;
    let (kind, action) = if moved.changed {
        ("need_updated", "updated")
    } else {
        ("need_unchanged", "unchanged")
    };
    ctx.print(&Changed::of(kind, action, moved))
}
