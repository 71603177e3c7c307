//! `product init`: writes a commented starter file.

use serde::Serialize;

use crate::model::{Product, validate};
use crate::render::{Block, OutputFormat, View};
use crate::store::{self, Format, JsonStyle};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};

/// Create a new product file with a commented starter layout
///
/// Writes product.toml in the current folder, or the file given with --file
/// (its extension picks TOML or JSON). With --json and no --file, it writes
/// product.json and prints JSON. An existing file is kept unless --force.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product init --name \"Prescription payments\" --key RX
  product init --json                  # product.json instead of product.toml
  product -f ~/work/payments.toml init --name Payments --force")]
pub struct Args {
    /// The product's name [default: the folder's name]
    #[arg(long)]
    name: Option<String>,
    /// The prefix of backlog item ids, e.g. RX for RX-1 [default: the name's initials]
    #[arg(long)]
    key: Option<String>,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Serialize)]
struct Created {
    file: String,
    format: &'static str,
    name: String,
    key: String,
    #[serde(skip)]
    next_command: String,
}

impl View for Created {
    fn kind(&self) -> &'static str {
        "init"
    }

    fn blocks(&self) -> Vec<Block> {
        vec![
            Block::Line(format!(
                "Created {} for {} (items {}-1, {}-2, ...)",
                self.file, self.name, self.key, self.key
            )),
            Block::Line(format!(
                "Next: {} item add \"A first backlog item\"",
                self.next_command
            )),
        ]
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let path = match &ctx.file {
        Some(path) => path.clone(),
        // With --json (and no --file) the new file is JSON too: a script that
        // speaks JSON gets a file it can read without a TOML parser.
        None => ctx.cwd.join(if ctx.format == OutputFormat::Json {
            "product.json"
        } else {
            "product.toml"
        }),
    };
    let name = args.name.unwrap_or_else(|| folder_name(&ctx.cwd));
    let key = args.key.unwrap_or_else(|| key_from_name(&name));
    let product = Product::new(name.clone(), key.clone());
    if let Some(problem) = validate(&product).into_iter().next() {
        let flag = if problem.path.to_string() == "product.key" {
            "--key"
        } else {
            "--name"
        };
        return Err(CommandError::usage(format!("{flag}: {}", problem.message)));
    }
    let format = Format::of(&path);
    let text = match format {
        Format::Toml => toml_template(&name, &key),
        Format::Json => JsonStyle::standard()
            .write(&serde_json::to_value(&product).map_err(std::io::Error::other)?),
    };
    store::create(&path, &text, args.force, ctx.lock_wait)?;
    ctx.print(&Created {
        file: ctx.shown(&path),
        format: if format == Format::Json {
            "json"
        } else {
            "toml"
        },
        name,
        key,
        next_command: match &ctx.file {
            Some(_) => format!("product -f {}", ctx.shown(&path)),
            None => "product".into(),
        },
    })
}

fn folder_name(cwd: &std::path::Path) -> String {
    cwd.file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or("My product")
        .to_owned()
}

/// `Prescription payments` -> `PP`; a one-word name gives its first three letters.
fn key_from_name(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let key: String = if words.len() >= 2 {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .take(4)
            .collect()
    } else {
        words
            .first()
            .map_or(String::new(), |w| w.chars().take(3).collect())
    };
    let key = key.to_ascii_uppercase();
    if key.starts_with(|c: char| c.is_ascii_uppercase()) {
        key
    } else {
        "PRD".into()
    }
}

/// The starter TOML file. Guidance sits in comments above the tables it is
/// about, so that tables the commands add later land below it, not above.
fn toml_template(name: &str, key: &str) -> String {
    let name_value = toml_edit::Value::from(name).to_string();
    let key_value = toml_edit::Value::from(key).to_string();
    format!(
        r#"# The product file: vision, people, goals, roadmap and the ordered backlog.
# Edit it with `product` or by hand; comments and unknown keys are kept.
#
# The backlog is the [[items]] tables, in priority order: the first is the
# most important. `product item add "Title"` adds one at the bottom and
# `product item move` reorders them.

version = 1

[product]
name = {name_value}
key = {key_value}   # backlog item ids are {key}-1, {key}-2, ...
# owner = "Your Name"   # a person in [[people]] with the role "owner"

# Who it is for, what problems it solves and how it will win:
# `product vision set --statement "..." --user "..." --problem "..."`.
[vision]
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_initials() {
        assert_eq!(key_from_name("Prescription payments"), "PP");
        assert_eq!(key_from_name("payments"), "PAY");
        assert_eq!(key_from_name("2026 plan"), "PRD");
    }

    #[test]
    fn template_is_a_valid_product() {
        let text = toml_template("Say \"hi\"", "SH");
        let product = store::parse(&text, std::path::Path::new("p.toml")).unwrap();
        assert_eq!(product.product.name, "Say \"hi\"");
        assert_eq!(product.product.key, "SH");
    }
}
