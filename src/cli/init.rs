//! `product init`: writes a commented starter file.

use serde::Serialize;

use crate::render::{Block, OutputFormat, View};
use productfile::model::validate;
use productfile::schema::SCHEMA_KEY;
use productfile::store::{self, Format, JsonStyle};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};
use super::template::Template;

/// Create a new product file with a commented starter layout
///
/// Writes product.toml in the current folder, or the file given with --file
/// (its extension picks TOML or JSON). With --json and no --file, it writes
/// product.json and prints JSON. An existing file is kept unless --force.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product init --name \"Prescription payments\" --key RX --owner \"Priya Shah\"
  product init --json                  # product.json instead of product.toml
  product init --name \"Renew a licence\" --template govuk
  product init --schema product.schema.json   # after `product schema > product.schema.json`
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
    /// What to start with
    #[arg(long, value_enum, default_value_t = Template::Basic)]
    template: Template,
    /// The product owner, named in [[people]] [default: --as, $PRODUCT_AS, else git's user.name]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Point editors at this JSON Schema: a `#:schema` first line in TOML, a "$schema" key in JSON
    #[arg(long, value_name = "PATH")]
    schema: Option<String>,
}

#[derive(Debug, Serialize)]
struct Created {
    file: String,
    format: &'static str,
    name: String,
    key: String,
    owner: Option<String>,
    template: &'static str,
    /// The KPIs the template added.
    kpis: Vec<String>,
    #[serde(skip)]
    next_command: String,
}

impl View for Created {
    fn kind(&self) -> &'static str {
        "init"
    }

    fn blocks(&self) -> Vec<Block> {
        let owner = self
            .owner
            .as_deref()
            .map_or(String::new(), |o| format!(", owned by {o}"));
        let mut blocks = vec![Block::Line(format!(
            "Created {} for {} (items {}-1, {}-2, ...{owner})",
            self.file, self.name, self.key, self.key
        ))];
        if !self.kpis.is_empty() {
            blocks.push(Block::Line(format!(
                "With the {} template's KPIs: {}",
                self.template,
                self.kpis.join(", ")
            )));
        }
        blocks.push(Block::Line(format!(
            "Next: {} item add \"A first backlog item\"",
            self.next_command
        )));
        blocks
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
    let owner = args
        .owner
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty())
        .or_else(|| ctx.actor_name());
    let product = args
        .template
        .product(name.clone(), key.clone(), owner.as_deref());
    if let Some(problem) = validate(&product).into_iter().next() {
        let flag = if problem.path.to_string() == "product.key" {
            "--key"
        } else {
            "--name"
        };
        return Err(CommandError::usage(format!("{flag}: {}", problem.message)));
    }
    let schema = args.schema.as_deref().map(schema_reference).transpose()?;
    let format = Format::of(&path);
    let text = match format {
        Format::Toml => {
            let text = args.template.toml(&name, &key, owner.as_deref());
            match schema {
                // Taplo (Even Better TOML) reads the schema from this comment on the first line.
                Some(schema) => format!("#:schema {schema}\n{text}"),
                None => text,
            }
        }
        Format::Json => {
            let mut value = serde_json::Map::new();
            if let Some(schema) = schema {
                value.insert(SCHEMA_KEY.into(), schema.into());
            }
            if let serde_json::Value::Object(mut fields) =
                serde_json::to_value(&product).map_err(std::io::Error::other)?
            {
                value.append(&mut fields);
            }
            JsonStyle::standard().write(&serde_json::Value::Object(value))
        }
    };
    if args.force {
        // Replacing a product is every change at once: the rights of the
        // product being replaced decide whether this person may.
        if let Ok(old) = store::load(&path) {
            let kinds = productfile::diff::kinds(&productfile::diff::diff(&old, &product));
            let actor = ctx.actor_name();
            productfile::rights::authorise(&old, &kinds, actor.as_deref(), &ctx.agreed_by)
                .map_err(productfile::ops::refusal)?;
        }
    }
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
        owner: owner.clone(),
        template: args.template.name(),
        kpis: product
            .kpis
            .iter()
            .map(|k| format!("{} {}", k.id, k.name))
            .collect(),
        next_command: match &ctx.file {
            Some(_) => format!("product -f {}", ctx.shown(&path)),
            None => "product".into(),
        },
    })
}

/// The `--schema` value, which must fit on the `#:schema` line of a TOML file.
fn schema_reference(given: &str) -> CmdResult<&str> {
    let trimmed = given.trim();
    if trimmed.is_empty() || trimmed.chars().any(char::is_control) {
        return Err(CommandError::usage(format!(
            "--schema: `{}` is not a path or URL",
            given.escape_debug()
        ))
        .with_hint(
            "give the schema's path or URL on one line, e.g. --schema product.schema.json",
        ));
    }
    Ok(trimmed)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_initials() {
        assert_eq!(key_from_name("Prescription payments"), "PP");
        assert_eq!(key_from_name("payments"), "PAY");
        assert_eq!(key_from_name("2026 plan"), "PRD");
    }
}
