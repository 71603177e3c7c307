//! `product rights`: who decides what, whose agreement it needs, and who
//! holds those roles today.

use serde::Serialize;

use crate::cli::choice::choice;
use crate::render::{Block, Cell, Csv, TableBlock, Tone, View};
use productfile::model::Signatures;
use productfile::ops::{self, rights::SignaturesSet};
use productfile::rights::{self, Binding};

use super::context::Ctx;
use super::error::CmdResult;

/// Show the decision rights: who decides each kind of decision, and whose agreement it needs
///
/// The rules are the file's `[rights]`, or the defaults: the owner decides
/// prioritisation and scope alone, the owner or the team refines items
/// (their title, description and tags), and goals, metrics, launch and vision
/// with leadership's agreement; leadership decides rights, and taking the
/// owner role needs the current owner's agreement. Anyone may give or take
/// a role whose rights they all hold themselves (the owner gives `team`),
/// as a logged rights decision. A rule binds only the
/// roles somebody holds. A file whose [rights] has no rule for a kind (such
/// as refinement, in a file older than it) takes the default.
///
/// With signatures required (`product rights signatures required`), every
/// governed change needs a decision signed by its decider and each agreer
/// (`product decisions sign`), and `product check --base` holds branches to
/// it with the keys of the base.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product rights
  product rights --json | jq '.rights[] | select(.agree != [])'
  product rights signatures required --as \"Grace Adeyemi\"")]
pub struct Args {
    #[command(subcommand)]
    command: Option<RightsCommand>,
}

#[derive(Debug, clap::Subcommand)]
enum RightsCommand {
    Signatures(SignaturesArgs),
}

/// Require signed decisions, or stop requiring them (a rights decision)
///
/// `required` makes every governed change need a covering decision signed
/// by everyone it names; the tool then logs a decision for every governed
/// change, to be signed with `product decisions sign`. Refused while
/// someone who decides or agrees has no signing key (`product people key`).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product rights signatures required --as \"Grace Adeyemi\"
  product rights signatures optional --as \"Grace Adeyemi\"")]
pub struct SignaturesArgs {
    /// `required` or `optional`
    #[arg(value_parser = choice::<Signatures>())]
    setting: Signatures,
}

#[derive(Debug, Serialize)]
struct RightsView {
    rights: Vec<Binding>,
    /// `required` or `optional`: whether decisions must be signed.
    signatures: Signatures,
    /// Whose agreement giving or taking the owner role needs besides the
    /// rights rule: the people holding `owner` today (empty: nobody yet).
    owner_role_agreed_by: Vec<String>,
}

impl View for RightsView {
    fn kind(&self) -> &'static str {
        "rights"
    }

    /// Who holds each side, by name: empty where nobody does.
    fn csv(&self) -> Csv {
        Csv::Table {
            header: ["Kind", "Decides", "Deciders", "Agrees", "Agreers"]
                .map(String::from)
                .to_vec(),
            rows: self
                .rights
                .iter()
                .map(|b| {
                    vec![
                        b.kind.name().to_owned(),
                        b.rule.decide.join(", "),
                        b.deciders.join(", "),
                        b.rule.agree.join(", "),
                        b.agreers.join(", "),
                    ]
                })
                .collect(),
        }
    }

    fn blocks(&self) -> Vec<Block> {
        let who = |roles: &[String], people: &[String]| -> Cell {
            if roles.is_empty() {
                Cell::new("", Tone::Dim)
            } else if people.is_empty() {
                Cell::new("nobody yet", Tone::Warn)
            } else {
                people.join(", ").into()
            }
        };
        let mut blocks = vec![Block::Table(TableBlock {
            header: ["Kind", "Decides", "Held by", "Agrees", "Held by"]
                .map(String::from)
                .to_vec(),
            rows: self
                .rights
                .iter()
                .map(|b| {
                    vec![
                        Cell::new(b.kind.name(), Tone::Strong),
                        b.rule.decide.join(", ").into(),
                        if b.decide_roles.iter().any(|r| b.rule.decide.contains(r)) {
                            who(&b.rule.decide, &b.deciders)
                        } else if b.deciders.is_empty() {
                            who(&b.rule.decide, &[])
                        } else {
                            // Rights fall to the owner while nobody holds the rule's roles.
                            Cell::new(
                                format!("{} (owner, until held)", b.deciders.join(", ")),
                                Tone::Warn,
                            )
                        },
                        b.rule.agree.join(", ").into(),
                        who(&b.rule.agree, &b.agreers),
                    ]
                })
                .collect(),
        })];
        let owner = if self.owner_role_agreed_by.is_empty() {
            String::new()
        } else {
            let verb = if self.owner_role_agreed_by.len() == 1 {
                "holds"
            } else {
                "hold"
            };
            format!(
                "Giving or taking the owner role also needs the agreement of {}, who {verb} it now. ",
                self.owner_role_agreed_by.join(" or ")
            )
        };
        blocks.push(Block::Line(format!(
            "{owner}Every change of rights is logged."
        )));
        if self.signatures == Signatures::Required {
            blocks.push(Block::Line(
                "Signatures are required: every governed change needs a decision signed by everyone it names.".into(),
            ));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    if let Some(RightsCommand::Signatures(a)) = args.command {
        return signatures(ctx, a);
    }
    let (_, product) = ctx.load()?;
    ctx.print(&RightsView {
        rights: rights::bindings(&product),
        signatures: product.rights.signatures.unwrap_or_default(),
        owner_role_agreed_by: rights::holders(&product.people, "owner")
            .into_iter()
            .map(str::to_owned)
            .collect(),
    })
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct SignaturesView(SignaturesSet);

impl View for SignaturesView {
    fn kind(&self) -> &'static str {
        "rights_signatures"
    }

    fn blocks(&self) -> Vec<Block> {
        let s = &self.0;
        let what = match s.signatures {
            Signatures::Required => "Signatures are required",
            Signatures::Optional => "Signatures are optional",
        };
        let unchanged = if s.changed { "" } else { " (unchanged)" };
        vec![Block::Line(format!("{what}{unchanged}."))]
    }
}

fn signatures(ctx: &Ctx, args: SignaturesArgs) -> CmdResult<()> {
    let set =
        ctx.mutate(|product| ops::rights::set_signatures(product, ctx.today, args.setting))?;
    ctx.print(&SignaturesView(set))
}
