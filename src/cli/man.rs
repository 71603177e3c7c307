//! `product man`: man pages for `product` and every subcommand, made from
//! the same clap definitions as `--help`, so they never drift from it.

use std::path::PathBuf;

use clap::CommandFactory;
use serde::Serialize;

use crate::render::{Block, Cell, Csv, TableBlock, View};
use productfile::store;

use super::Cli;
use super::context::Ctx;
use super::error::{CmdResult, CommandError};

/// Write man pages for product and every subcommand
///
/// One page per command at every depth, in section 1, named as `man` looks
/// them up: product.1, product-item.1, product-item-add.1 and so on. The
/// default folder, man/man1, is laid out so that `man -M man product-item-add`
/// reads a page straight away; to install them, write them into a folder on
/// your MANPATH, such as /usr/local/share/man/man1. Pages already there are
/// replaced, keeping their mode. A link in DIR with a page's name is
/// replaced by the page itself, never written through: each page is written
/// to a temporary file in DIR and renamed over its name.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product man
  product man --out /usr/local/share/man/man1
  product man --out ~/.local/share/man/man1 --json | jq -r '.files[]'")]
pub struct Args {
    /// The folder to write the pages into; created if missing
    #[arg(long, value_name = "DIR", default_value = "man/man1", value_hint = clap::ValueHint::DirPath)]
    out: PathBuf,
}

#[derive(Debug, Serialize)]
struct Written {
    folder: String,
    /// The pages written, as paths.
    files: Vec<String>,
    /// The command each page documents, for people.
    #[serde(skip)]
    commands: Vec<String>,
}

impl View for Written {
    fn kind(&self) -> &'static str {
        "man"
    }

    fn csv(&self) -> Csv {
        Csv::list(&self.blocks())
    }

    fn blocks(&self) -> Vec<Block> {
        vec![
            Block::Table(TableBlock {
                header: vec!["File".into(), "Command".into()],
                rows: self
                    .files
                    .iter()
                    .zip(&self.commands)
                    .map(|(f, c)| vec![Cell::from(f.as_str()), Cell::from(c.as_str())])
                    .collect(),
            }),
            Block::Line(format!(
                "Wrote {} man pages in {}",
                self.files.len(),
                self.folder
            )),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let pages = pages()?;
    let dir = ctx.cwd.join(&args.out);
    let files: Vec<(String, Vec<u8>)> = pages
        .iter()
        .map(|p| (p.file.clone(), p.text.clone()))
        .collect();
    let written = store::write_files_in(&dir, &files).map_err(|e| {
        CommandError::from(e).with_hint("choose a folder you can write to with --out DIR")
    })?;
    ctx.print(&Written {
        folder: ctx.shown(&dir),
        files: written.iter().map(|p| ctx.shown(p)).collect(),
        commands: pages.into_iter().map(|p| p.command).collect(),
    })
}

/// One man page: its file name, the command it documents and its roff text.
struct Page {
    file: String,
    command: String,
    text: Vec<u8>,
}

/// A page for the top command and each subcommand under it, parents first.
fn pages() -> CmdResult<Vec<Page>> {
    // `help` is not a command of its own in a man page's world.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Building names each subcommand after its parents (`product-item-add`),
    // which is what the pages are called.
    cmd.build();
    let mut pages = Vec::new();
    add_pages(&cmd, "product", &mut pages)?;
    Ok(pages)
}

fn add_pages(cmd: &clap::Command, command: &str, pages: &mut Vec<Page>) -> CmdResult<()> {
    let man = clap_mangen::Man::new(cmd.clone())
        .source(format!("productfile {}", env!("CARGO_PKG_VERSION")));
    let mut text = Vec::new();
    man.render(&mut text)?;
    pages.push(Page {
        file: man.get_filename(),
        command: command.to_owned(),
        text,
    });
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        add_pages(sub, &format!("{command} {}", sub.get_name()), pages)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_named_after_their_command_path() {
        let pages = pages().unwrap();
        let page = |command: &str| pages.iter().find(|p| p.command == command);
        assert_eq!(page("product").unwrap().file, "product.1");
        assert_eq!(page("product item add").unwrap().file, "product-item-add.1");
        assert_eq!(
            page("product okr kr add").unwrap().file,
            "product-okr-kr-add.1"
        );
        assert!(page("product help").is_none());
    }
}
