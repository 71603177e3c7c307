//! The blocks a view is made of, and how they print as a terminal table
//! or markdown.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell as TableCell, Color, ColumnConstraint, ContentArrangement, LineStyle, Table,
    TableStyle, Width,
};

use super::Style;
use super::picture::Picture;
use super::visible::visible;

/// One part of a view for people.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A title line.
    Heading(String),
    /// Labelled values, one a line.
    Fields(Vec<(String, Cell)>),
    Table(TableBlock),
    /// A line of prose.
    Line(String),
    /// Lists side by side under their headings (a now/next/later roadmap);
    /// stacked one under the other where the width does not allow.
    Columns(Vec<ColumnBlock>),
}

/// One list of [`Block::Columns`]: a heading and its entries, each of one or more lines.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnBlock {
    pub heading: String,
    pub entries: Vec<String>,
}

/// The narrowest terminal that shows columns side by side.
pub const COLUMNS_MIN_WIDTH: u16 = 90;

/// A table: a header and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBlock {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A cell's text and how it reads: good, bad, or just text; and a picture
/// drawn before the text for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
    pub picture: Option<Picture>,
}

/// The meaning a colour carries; without colour, only the text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
    Dim,
    Strong,
}

impl Block {
    /// The block with all its text made [`visible`] for a terminal: the one
    /// place a view's text is escaped, before any colour is added.
    pub fn visible(self) -> Block {
        let text = |t: String| visible(&t).into_owned();
        let cell = |c: Cell| Cell {
            text: text(c.text),
            ..c
        };
        match self {
            Block::Heading(t) => Block::Heading(text(t)),
            Block::Line(t) => Block::Line(text(t)),
            Block::Fields(fields) => Block::Fields(
                fields
                    .into_iter()
                    .map(|(l, c)| (text(l), cell(c)))
                    .collect(),
            ),
            Block::Table(table) => Block::Table(TableBlock {
                header: table.header.into_iter().map(text).collect(),
                rows: table
                    .rows
                    .into_iter()
                    .map(|r| r.into_iter().map(cell).collect())
                    .collect(),
            }),
            Block::Columns(columns) => Block::Columns(
                columns
                    .into_iter()
                    .map(|c| ColumnBlock {
                        heading: text(c.heading),
                        entries: c.entries.into_iter().map(text).collect(),
                    })
                    .collect(),
            ),
        }
    }
}

impl Cell {
    pub fn new(text: impl Into<String>, tone: Tone) -> Self {
        Cell {
            text: text.into(),
            tone,
            picture: None,
        }
    }

    /// The cell with a picture drawn before its text.
    pub fn with_picture(mut self, picture: Picture) -> Self {
        self.picture = Some(picture);
        self
    }

    /// What people read: the picture, then the text.
    fn shown(&self, unicode: bool) -> String {
        let text = ascii_marks(&self.text, unicode);
        match &self.picture {
            None => text,
            Some(p) if text.is_empty() => p.draw(unicode),
            Some(p) => format!("{} {text}", p.draw(unicode)),
        }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Cell::new(text, Tone::Plain)
    }
}

pub fn write_table(blocks: &[Block], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut first = true;
    for block in blocks {
        // A blank line between blocks, except between a heading and what it heads.
        if !first && !matches!(block, Block::Line(_)) {
            writeln!(out)?;
        }
        first = matches!(block, Block::Heading(_));
        match block {
            Block::Heading(text) => writeln!(out, "{}", paint(text, Tone::Strong, style.color))?,
            Block::Line(text) => writeln!(out, "{}", ascii_marks(text, style.unicode))?,
            Block::Fields(fields) => {
                let width = fields
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .max()
                    .unwrap_or(0);
                for (label, cell) in fields {
                    let pad = width - label.chars().count();
                    let value = paint(&cell.shown(style.unicode), cell.tone, style.color);
                    let value = indent_continuations(&value, width + 2);
                    let line = format!("{label}:{:pad$} {value}", "", pad = pad);
                    write_lines(&line, out)?;
                }
            }
            Block::Table(table) => write_lines(&terminal_table(table, style).to_string(), out)?,
            Block::Columns(columns) => write_columns(columns, style, out)?,
        }
    }
    Ok(())
}

/// Side by side in a wide terminal; stacked in a narrow one, or when the
/// width is unknown (output to a pipe reads better a list at a time).
fn write_columns(columns: &[ColumnBlock], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let wide = style.width.is_some_and(|w| w >= COLUMNS_MIN_WIDTH);
    if wide {
        let mut table = Table::new();
        table
            .load_style(if style.unicode {
                TABLE_STYLE
            } else {
                ASCII_TABLE_STYLE
            })
            .set_content_arrangement(ContentArrangement::DynamicFullWidth);
        if style.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        if let Some(width) = style.width {
            table.set_width(width);
        }
        table.set_header(
            columns
                .iter()
                .map(|c| TableCell::new(&c.heading).add_attribute(Attribute::Bold)),
        );
        table.add_row(columns.iter().map(|c| match c.entries.is_empty() {
            true => TableCell::new("(none)"),
            false => TableCell::new(cut_lines(&ascii_marks(
                &c.entries.join("\n\n"),
                style.unicode,
            ))),
        }));
        return write_lines(&table.to_string(), out);
    }
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", paint(&column.heading, Tone::Strong, style.color))?;
        if column.entries.is_empty() {
            writeln!(out, "  (none)")?;
        }
        for entry in &column.entries {
            let entry = ascii_marks(entry, style.unicode);
            for (j, line) in entry.lines().enumerate() {
                let bullet = if j == 0 { "- " } else { "  " };
                writeln!(out, "  {bullet}{line}")?;
            }
        }
    }
    Ok(())
}

/// Writes the text a line at a time, each without the spaces a table pads
/// its last column with: trailing spaces are invisible, but show in a diff
/// and make a copied line longer than it looks.
fn write_lines(text: &str, out: &mut dyn Write) -> io::Result<()> {
    for line in text.lines() {
        writeln!(out, "{}", trim_end_spaces(line))?;
    }
    Ok(())
}

/// The line without trailing spaces, also where they come before the codes
/// that end a colour or weight (`\x1b[0m`, `\x1b[39m`).
fn trim_end_spaces(line: &str) -> String {
    let mut end = line.trim_end_matches(' ');
    let mut codes = String::new();
    while let Some(at) = end.rfind("\x1b[") {
        let code = &end[at..];
        let is_sgr = code.len() > 2
            && code.ends_with('m')
            && code[2..code.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ';');
        if !is_sgr {
            break;
        }
        codes.insert_str(0, code);
        end = end[..at].trim_end_matches(' ');
    }
    format!("{end}{codes}")
}

fn indent_continuations(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{:by$}", "", by = by))
}

/// The marks the views write between facts (`·`, `→`), in ASCII where the
/// terminal cannot show Unicode. A user's own text is left as it is.
fn ascii_marks(text: &str, unicode: bool) -> String {
    if unicode {
        text.to_owned()
    } else {
        text.replace(" · ", " - ").replace(" → ", " -> ")
    }
}

/// A rule under the header and nothing else: rows stay dense and easy to scan.
const TABLE_STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));
/// The same in ASCII, for terminals that cannot show Unicode.
const ASCII_TABLE_STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' '));
/// Columns whose every cell is at most this wide (ids, numbers, statuses,
/// bars) are never wrapped: a number or id broken across lines misleads.
/// Wider columns (titles) take the wrapping.
const UNBROKEN: usize = 22;
/// Wrapped text keeps at least this many characters a line.
const TEXT_MIN: u16 = 16;

fn terminal_table(block: &TableBlock, style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_style(if style.unicode {
            TABLE_STYLE
        } else {
            ASCII_TABLE_STYLE
        })
        .set_content_arrangement(ContentArrangement::Dynamic);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(width) = style.width {
        table.set_width(width);
    }
    table.set_header(
        block
            .header
            .iter()
            .map(|h| TableCell::new(h).add_attribute(Attribute::Bold)),
    );
    let mut widths: Vec<usize> = block.header.iter().map(|h| h.chars().count()).collect();
    for row in &block.rows {
        let shown: Vec<String> = row
            .iter()
            .map(|cell| cut_lines(&cell.shown(style.unicode)))
            .collect();
        for (i, text) in shown.iter().enumerate() {
            let width = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
        table.add_row(row.iter().zip(shown).map(|(cell, text)| {
            let c = TableCell::new(text);
            match cell.tone {
                Tone::Plain => c,
                Tone::Good => c.fg(Color::Green),
                Tone::Warn => c.fg(Color::Yellow),
                Tone::Bad => c.fg(Color::Red),
                Tone::Dim => c.fg(Color::DarkGrey),
                Tone::Strong => c.add_attribute(Attribute::Bold),
            }
        }));
    }
    for (column, width) in table.column_iter_mut().zip(widths) {
        column.set_constraint(if width <= UNBROKEN {
            ColumnConstraint::ContentWidth
        } else {
            // Text wraps, but not down to a few letters a line.
            ColumnConstraint::LowerBoundary(Width::Fixed(TEXT_MIN))
        });
    }
    table
}

/// The most characters a line of a table's cell shows. A longer line is cut
/// with `…`: a table lays out (and wraps) its cells in time that grows
/// faster than their length, and a title of a megabyte without a space
/// would take minutes; nobody reads that much in a cell anyway. `item show`,
/// markdown, CSV and JSON give the whole text.
pub const CELL_MAX: usize = 200;

/// The text with each line cut to [`CELL_MAX`] characters, the last of them `…`.
fn cut_lines(text: &str) -> String {
    // A line of at most CELL_MAX bytes has at most CELL_MAX characters.
    if text.lines().all(|line| line.len() <= CELL_MAX) {
        return text.to_owned();
    }
    let cut = |line: &str| match line.char_indices().nth(CELL_MAX) {
        None => line.to_owned(),
        Some(_) => {
            let end = line
                .char_indices()
                .nth(CELL_MAX - 1)
                .map_or(line.len(), |(at, _)| at);
            format!("{}…", &line[..end])
        }
    };
    text.lines().map(cut).collect::<Vec<_>>().join("\n")
}

/// `text` in the tone's ANSI colour when `color` is on, for a line outside a table.
pub fn paint(text: &str, tone: Tone, color: bool) -> String {
    let code = match tone {
        _ if !color => return text.to_owned(),
        Tone::Plain => return text.to_owned(),
        Tone::Good => "32",
        Tone::Warn => "33",
        Tone::Bad => "31",
        Tone::Dim => "90",
        Tone::Strong => "1",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

pub fn write_markdown(blocks: &[Block], unicode: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut first = true;
    for block in blocks {
        if !first {
            writeln!(out)?;
        }
        first = false;
        match block {
            Block::Heading(text) => writeln!(out, "## {}", one_line(&escape_markdown(text)))?,
            Block::Line(text) => writeln!(out, "{}", one_line(&escape_markdown(text)))?,
            Block::Fields(fields) => {
                for (label, cell) in fields {
                    let value = one_line(&escape_markdown(&cell.shown(unicode)));
                    writeln!(out, "- **{}**: {value}", escape_markdown(label))?;
                }
            }
            Block::Columns(columns) => {
                for (i, column) in columns.iter().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "### {}", escape_markdown(&column.heading))?;
                    if column.entries.is_empty() {
                        writeln!(out, "\n(none)")?;
                    } else {
                        writeln!(out)?;
                    }
                    for entry in &column.entries {
                        let mut lines = entry.lines().map(escape_markdown);
                        let first = lines.next().unwrap_or_default();
                        let rest: Vec<String> = lines.collect();
                        if rest.is_empty() {
                            writeln!(out, "- {first}")?;
                        } else {
                            writeln!(out, "- {first}<br>{}", rest.join("<br>"))?;
                        }
                    }
                }
            }
            Block::Table(table) => {
                let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
                let cell = |t: &str| one_line(&escape_markdown_at(t, false));
                writeln!(
                    out,
                    "{}",
                    row(table.header.iter().map(|h| cell(h)).collect())
                )?;
                writeln!(
                    out,
                    "{}",
                    row(table.header.iter().map(|_| "---".to_owned()).collect())
                )?;
                for r in &table.rows {
                    writeln!(
                        out,
                        "{}",
                        row(r.iter().map(|c| cell(&c.shown(unicode))).collect())
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn escape_markdown(text: &str) -> String {
    escape_markdown_at(text, true)
}

/// Escapes markdown's marks, so that text shows as written and cannot
/// add links, emphasis, HTML, entities or math. Marks that only count at the start
/// of a line (`#`, `-`, `+`, `=`, `1.`) are escaped there.
fn escape_markdown_at(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = line_start;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '$' | '|' | '&'
        ) || (at_start && matches!(c, '#' | '-' | '+' | '='))
        {
            out.push('\\');
        }
        out.push(c);
        if at_start && c.is_ascii_digit() {
            // `1.` or `1)` starts a numbered list.
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                out.push(d);
                chars.next();
            }
            if let Some(&p) = chars.peek().filter(|p| matches!(p, '.' | ')')) {
                out.push('\\');
                out.push(p);
                chars.next();
            }
        }
        at_start = c == '\n' || (at_start && c == ' ');
    }
    out
}

/// Text kept to one markdown line: line breaks shown as `<br>`.
fn one_line(text: &str) -> String {
    text.replace("\r\n", "<br>").replace(['\n', '\r'], "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Block> {
        vec![
            Block::Heading("Backlog".into()),
            Block::Table(TableBlock {
                header: vec!["ID".into(), "Title".into()],
                rows: vec![vec!["RX-1".into(), "=SUM(A1) | pipes".into()]],
            }),
        ]
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut out = Vec::new();
        write_markdown(&sample(), true, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "## Backlog\n\n| ID | Title |\n| --- | --- |\n| RX-1 | =SUM(A1) \\| pipes |\n"
        );
    }

    #[test]
    fn trailing_spaces_go_also_before_colour_codes() {
        assert_eq!(trim_end_spaces(" ID   "), " ID");
        assert_eq!(
            trim_end_spaces("\x1b[1m ID \x1b[0m \x1b[38;5;8m = pinned \x1b[39m"),
            "\x1b[1m ID \x1b[0m \x1b[38;5;8m = pinned\x1b[39m"
        );
        assert_eq!(trim_end_spaces("a \x1b[0m  "), "a\x1b[0m");
    }

    #[test]
    fn long_lines_of_a_cell_are_cut_with_an_ellipsis() {
        let long = "é".repeat(CELL_MAX + 1);
        let cut = cut_lines(&format!("short\n{long}"));
        let lines: Vec<&str> = cut.lines().collect();
        assert_eq!(lines[0], "short");
        assert_eq!(lines[1].chars().count(), CELL_MAX);
        assert!(lines[1].ends_with("é…"));
        let fits = "é".repeat(CELL_MAX);
        assert_eq!(cut_lines(&fits), fits);
    }

    #[test]
    fn fields_align_without_colour() {
        let mut out = Vec::new();
        let blocks = vec![Block::Fields(vec![
            ("Name".into(), "Payments".into()),
            ("Key".into(), Cell::new("RX", Tone::Good)),
        ])];
        write_table(
            &blocks,
            Style {
                color: false,
                width: Some(80),
                unicode: true,
            },
            &mut out,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Name: Payments\nKey:  RX\n"
        );
    }
}
