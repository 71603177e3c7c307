//! `product schema`: prints the JSON Schema of the product file, for editors
//! that validate TOML or JSON against one.

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

use crate::render::{self, Block, OutputFormat, View};
use productfile::schema::product_schema;

use super::context::Ctx;
use super::error::{CmdResult, CommandError};

/// Print the JSON Schema of the product file, for editor validation
///
/// Prints the schema (JSON Schema draft 2020-12) as it is, so that it can be
/// saved to a file: VS Code, Even Better TOML / Taplo and other editors then
/// flag an unknown key, a wrong value or a missing one while you type. Keys
/// starting with x- are allowed anywhere, as `product check` allows them.
/// Point a TOML file at it with a first line `#:schema product.schema.json`,
/// a JSON file with a first key "$schema" (`product init --schema` writes
/// either).
///
/// With --json, the schema comes inside the usual envelope, under "schema".
/// --format markdown and csv are refused: a schema has no table. The schema
/// is printed even with --quiet, since it is what was asked for. No product
/// file is needed.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product schema > product.schema.json
  product init --schema product.schema.json
  product schema --json | jq '.schema[\"$defs\"].Item.properties | keys'")]
pub struct Args {}

/// The schema, for the JSON envelope.
#[derive(Debug, Serialize)]
struct SchemaView {
    schema: serde_json::Value,
}

impl View for SchemaView {
    fn kind(&self) -> &'static str {
        "schema"
    }

    fn blocks(&self) -> Vec<Block> {
        let text = serde_json::to_string_pretty(&self.schema).unwrap_or_default();
        vec![Block::Line(text)]
    }
}

pub fn run(ctx: &Ctx, _args: Args) -> CmdResult<()> {
    let view = SchemaView {
        schema: product_schema(),
    };
    match ctx.format {
        OutputFormat::Json => ctx.print(&view),
        // The bare schema, so that the output is a file an editor can read.
        OutputFormat::Table => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            render::write_json(&view.schema, &mut out)?;
            out.flush()?;
            Ok(())
        }
        other => {
            let name = other
                .to_possible_value()
                .map_or(String::new(), |v| v.get_name().to_owned());
            Err(CommandError::usage(format!(
                "--format {name} does not apply to `product schema`"
            ))
            .with_hint(
                "`product schema` prints the schema as JSON; --json wraps it in the usual envelope",
            ))
        }
    }
}
