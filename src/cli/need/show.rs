//! `product need show`: one need, its evidence, and what links to it.

use serde::Serialize;

use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::query::needs::{self, NeedDetail};

use super::super::candidates;
use super::super::context::Ctx;
use super::super::error::CmdResult;

/// Show a need: its evidence, the items that answer it, the objectives it
/// serves and the requests merged into it
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product need show N1
  product need show N1 --json | jq '.evidence[] | {kind, people}'")]
pub struct Args {
    /// The need's id, e.g. N1
    #[arg(add = candidates::needs())]
    id: String,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct DetailView(NeedDetail);

impl View for DetailView {
    fn kind(&self) -> &'static str {
        "need"
    }

    fn blocks(&self) -> Vec<Block> {
        let n = &self.0;
        let mut fields: Vec<(String, Cell)> = vec![("Status".into(), n.status.to_string().into())];
        if let Some(reason) = &n.reason {
            fields.push(("Why invalid".into(), reason.as_str().into()));
        }
        if let Some(users) = &n.users {
            fields.push(("Users".into(), users.as_str().into()));
        }
        fields.push((
            "Evidence".into(),
            format!(
                "{} piece{}, standing for {} {}",
                n.evidence.len(),
                if n.evidence.len() == 1 { "" } else { "s" },
                n.people,
                if n.people == 1 { "person" } else { "people" }
            )
            .into(),
        ));
        let list = |l: &[needs::Linked]| {
            l.iter()
                .map(|x| format!("{} {}", x.id, x.title))
                .collect::<Vec<_>>()
                .join("; ")
        };
        if !n.objectives.is_empty() {
            fields.push(("Objectives".into(), list(&n.objectives).into()));
        }
        if !n.requests.is_empty() {
            fields.push(("Requests merged".into(), list(&n.requests).into()));
        }
        let mut blocks = vec![
            Block::Heading(format!("{} {}", n.id, n.statement)),
            Block::Fields(fields),
        ];
        if !n.evidence.is_empty() {
            blocks.push(Block::Table(TableBlock {
                header: ["Date", "Kind", "People", "Summary", "Link"]
                    .map(String::from)
                    .to_vec(),
                rows: n
                    .evidence
                    .iter()
                    .map(|e| {
                        vec![
                            e.date.to_string().into(),
                            e.kind.to_string().into(),
                            e.people.to_string().into(),
                            e.summary.as_str().into(),
                            e.link.clone().unwrap_or_default().into(),
                        ]
                    })
                    .collect(),
            }));
        }
        if n.items.is_empty() {
            blocks.push(Block::Line(format!(
                "No items answer it yet: link one with `product item edit ID --need {}`.",
                n.id
            )));
        } else {
            blocks.push(Block::Table(TableBlock {
                header: ["Item", "Status", "Title"].map(String::from).to_vec(),
                rows: n
                    .items
                    .iter()
                    .map(|i| {
                        vec![
                            Cell::new(&i.id, Tone::Strong),
                            i.status.to_string().into(),
                            i.title.as_str().into(),
                        ]
                    })
                    .collect(),
            }));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (_, product) = ctx.load()?;
    ctx.print(&DetailView(needs::detail(&product, &args.id)?))
}
