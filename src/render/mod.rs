//! Turns a command's view into what the user reads: a table for people, the
//! JSON envelope for scripts, markdown for documents, CSV for spreadsheets.
//!
//! A command returns a [`View`]: a `Serialize` value (its JSON) that can also
//! describe itself as [`Block`]s (its table and markdown) and as one [`Csv`]
//! table. So `--json`
//! works on every command by construction, and no command prints by itself.

pub mod csv;
pub mod findings;
pub mod html;
pub mod items;
pub mod kpi;
pub mod needs;
pub mod numbers;
pub mod okr;
mod picture;
pub mod plans;
pub mod readings;
pub mod roadmap;
pub mod service;
mod text;
pub mod track_record;
pub mod visible;

use std::io::{self, Write};

use serde::Serialize;

pub use csv::Csv;
pub use picture::Picture;
pub use text::{Block, Cell, ColumnBlock, TableBlock, Tone, paint};

/// The version of the JSON envelope; a breaking change of any view bumps it.
pub const JSON_VERSION: u32 = 1;

/// What a command returns for printing.
pub trait View: Serialize {
    /// The envelope's `kind`, e.g. `item_list`.
    fn kind(&self) -> &'static str;
    /// The view for people.
    fn blocks(&self) -> Vec<Block>;
    /// The view for spreadsheets: by default `field,value`, a row for each
    /// value of its JSON; a list gives its rows instead (see [`csv`]).
    fn csv(&self) -> Csv {
        Csv::fields(self)
    }
}

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// For people: tables, or compiler-style lines for `check`
    #[value(alias = "human")]
    Table,
    /// The JSON envelope, for scripts
    Json,
    /// GitHub-flavoured markdown tables
    Markdown,
    /// CSV, for spreadsheets
    Csv,
    /// `check` only: GitHub Actions workflow annotations
    Github,
    /// `check` only: SARIF 2.1.0, for code-scanning upload
    Sarif,
    /// `report` only: one self-contained HTML page
    Html,
}

impl OutputFormat {
    /// Whether only `product check` can print this format.
    pub fn is_check_only(self) -> bool {
        matches!(self, OutputFormat::Github | OutputFormat::Sarif)
    }

    /// Whether only `product report` can print this format.
    pub fn is_report_only(self) -> bool {
        self == OutputFormat::Html
    }
}

/// How to print for people: colour, the width to fit tables into, and
/// whether pictures may use Unicode blocks or must be plain ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub width: Option<u16>,
    pub unicode: bool,
}

/// Prints a view in the given format.
pub fn render<V: View>(
    view: &V,
    format: OutputFormat,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => write_json(&envelope(view.kind(), view), out),
        // The check-only formats are refused before any other command runs,
        // and the page is made by `report` itself.
        OutputFormat::Table | OutputFormat::Github | OutputFormat::Sarif | OutputFormat::Html => {
            text::write_table(&for_people(view), style, out)
        }
        // Markdown is read in a browser (a pull request's comment) or a
        // terminal (`cat`); in neither has a control character a place.
        OutputFormat::Markdown => text::write_markdown(&for_people(view), style.unicode, out),
        OutputFormat::Csv => csv::write(&view.csv(), out),
    }
}

/// The view's blocks with the user's text in them made [`visible::visible`].
fn for_people<V: View>(view: &V) -> Vec<Block> {
    view.blocks().into_iter().map(Block::visible).collect()
}

/// Wraps a serializable value in the envelope `{"kind", "version", ...}`.
pub fn envelope<T: Serialize + ?Sized>(kind: &str, value: &T) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    map.insert("kind".into(), kind.into());
    map.insert("version".into(), JSON_VERSION.into());
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(fields)) => map.extend(fields),
        Ok(other) => {
            map.insert("data".into(), other);
        }
        Err(e) => {
            map.insert("error".into(), e.to_string().into());
        }
    }
    serde_json::Value::Object(map)
}

/// Writes a JSON value indented, with a final newline, as `jq` does.
pub fn write_json(value: &serde_json::Value, out: &mut dyn Write) -> io::Result<()> {
    // Keep the kind of an I/O failure, so a closed pipe stays a closed pipe.
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(out)
}
