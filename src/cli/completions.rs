//! `product completions SHELL`: the script that teaches a shell to complete
//! `product`, and the answering end of it.
//!
//! The script does not list commands and ids itself: at each <TAB> it runs
//! `PRODUCT_COMPLETE=SHELL product -- WORDS...`, and [`answer_shell`] replies from
//! the command tree and, for ids, from the product file (see `candidates`).
//! So completions follow the binary after an upgrade and the file as it
//! changes. `product completions SHELL` prints the very script that
//! `PRODUCT_COMPLETE=SHELL product` prints, for those who keep it in a file.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::CompleteEnv;
use clap_complete::env::{EnvCompleter, Shells};
use serde::Serialize;

use crate::render::{Block, OutputFormat, View};

use super::Cli;
use super::context::Ctx;
use super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};

/// The variable that asks `product` for completions instead of running a command.
const VAR: &str = "PRODUCT_COMPLETE";

/// Print a shell's completion script; ids are completed from the product file
///
/// The script asks `product` at each <TAB>, so commands, flags and the ids in
/// your product file (items, objectives, key results, KPIs, roadmap entries,
/// decisions) are always current. It uses the file that the command line
/// being completed names with --file, else $PRODUCT_FILE, else the one found
/// from the current folder. With --json the script comes inside the JSON
/// envelope; otherwise it is printed as it is.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product completions bash > ~/.local/share/bash-completion/completions/product
  echo 'source <(product completions zsh)' >> ~/.zshrc
  product completions fish > ~/.config/fish/completions/product.fish
  product completions powershell >> $PROFILE
  product completions elvish >> ~/.config/elvish/rc.elv")]
pub struct Args {
    /// The shell to print the script for
    #[arg(value_enum)]
    shell: Shell,
}

/// The shells `product` can complete in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl Shell {
    fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Powershell => "powershell",
            Shell::Elvish => "elvish",
        }
    }
}

#[derive(Debug, Serialize)]
struct Script {
    shell: &'static str,
    script: String,
}

impl View for Script {
    fn kind(&self) -> &'static str {
        "completions"
    }

    fn blocks(&self) -> Vec<Block> {
        vec![Block::Line(self.script.clone())]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let name = args.shell.name();
    let shells = Shells::builtins();
    let shell = shells
        .completer(name)
        .ok_or_else(|| CommandError::usage(format!("no completion support for {name}")))?;
    let completer = completer(std::env::args_os().next(), &ctx.cwd);
    let mut script = Vec::new();
    register(shell, &completer, &mut script)?;
    let script = String::from_utf8(script).map_err(|_| {
        CommandError::new(
            ErrorKind::Io,
            ErrorCode::NotUtf8,
            "the path of the product binary is not UTF-8 text",
        )
    })?;
    if ctx.format == OutputFormat::Json {
        ctx.print(&Script {
            shell: name,
            script,
        })
    } else {
        // A script is not a table: every other format prints it as it is,
        // and --quiet does not hold it back, since it is what was asked for.
        ctx.print_raw(script.as_bytes())
    }
}

/// Writes the registration script exactly as `PRODUCT_COMPLETE=SHELL product` does.
fn register(shell: &dyn EnvCompleter, completer: &str, out: &mut dyn Write) -> CmdResult<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let name = cmd.get_name().to_owned();
    let bin = cmd.get_bin_name().unwrap_or(&name).to_owned();
    shell.write_registration(VAR, &name, &bin, completer, out)?;
    Ok(())
}

/// The program the script runs at each <TAB>: this binary as it was
/// invoked, made absolute when it was called by a relative path (as
/// `./target/release/product`), since the shell may be elsewhere by then.
/// A bare `product` stays bare and is looked up on `$PATH`, as clap does.
fn completer(argv0: Option<OsString>, cwd: &Path) -> String {
    let mut path = PathBuf::from(argv0.unwrap_or_else(|| "product".into()));
    if path.components().count() > 1 {
        path = cwd.join(path);
    }
    path.to_string_lossy().into_owned()
}

/// Answers a shell that asks for completions (`PRODUCT_COMPLETE` is set): prints
/// the candidates, or the registration script, and returns the exit code.
/// Returns `None` on an ordinary run, which then goes ahead.
///
/// It is called before anything else reads the arguments or prints, as
/// clap's protocol requires. A failure while completing prints nothing and
/// exits 1 (the shell then offers nothing); only a person asking for the
/// script with an unknown shell name is told what went wrong.
pub fn answer_shell() -> Option<i32> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let completing = args.iter().any(|a| a == "--");
    let cwd = std::env::current_dir().ok();
    match CompleteEnv::with_factory(Cli::command)
        .var(VAR)
        .try_complete(args, cwd.as_deref())
    {
        Ok(false) => None,
        Ok(true) => Some(0),
        Err(_) if completing => Some(1),
        Err(e) => {
            let _ = e.print();
            Some(super::error::exit_code(ErrorKind::Usage))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_binary_is_made_absolute_and_a_bare_name_kept() {
        let cwd = Path::new("/home/priya/rx");
        assert_eq!(
            completer(Some("./target/release/product".into()), cwd),
            "/home/priya/rx/./target/release/product"
        );
        assert_eq!(completer(Some("product".into()), cwd), "product");
        assert_eq!(
            completer(Some("/usr/bin/product".into()), cwd),
            "/usr/bin/product"
        );
    }
}
