//! Reading a CSV to import: its header row and which column feeds which
//! item field, then each row's cells as values for an item's fields (a
//! [`Patch`]), with every cell that cannot be read placed at its line and
//! column. Applying the rows to a product is an operation:
//! [`crate::ops::import`].

use std::collections::HashSet;

use serde::Serialize;

use crate::model::{Date, ExperimentResult, Kind, Moscow, NumberField, Scale, Status};
use crate::priority::{InputProblem, input_problem};

use super::cells;
use super::columns::{Field, JOINER, MapError, Mapping};
use super::guard::restore;
use super::quote::{listed, shown};

/// How to read the CSV, beyond what its headers say.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--map FIELD=COLUMN`, as given.
    pub map: Vec<String>,
    /// `--status-map NAME=STATUS`.
    pub status_map: Vec<(String, Status)>,
    /// `--priority-map NAME=MOSCOW`; `None` leaves such rows without one.
    pub priority_map: Vec<(String, Option<Moscow>)>,
    /// The field separator; found from the header line when not given.
    pub delimiter: Option<u8>,
}

/// Why a CSV cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the CSV is empty; expected a header row, then one row an item")]
    Empty,
    #[error("the file looks like JSON, not CSV")]
    Json,
    #[error("the header row is not UTF-8 text")]
    HeaderNotUtf8,
    #[error("no column gives the items' titles (columns: {})", listed(.headers, 12))]
    NoTitle { headers: Vec<String> },
    #[error(
        "row {row}: the quote that opens the cell at line {line}, column {column} is never closed, so the rest of the file would be one cell"
    )]
    UnclosedQuote {
        row: usize,
        line: usize,
        column: usize,
    },
    #[error("no column gives the {what} (columns: {}); name it with --map {field}=COLUMN", listed(.headers, 12))]
    NoColumn {
        field: &'static str,
        what: &'static str,
        headers: Vec<String>,
    },
    #[error("the CSV cannot be read: {0}")]
    Unreadable(String),
    #[error(transparent)]
    Map(#[from] MapError),
}

/// Whether bytes given as CSV are JSON: they open with `{`, or with `[`
/// and then what a JSON array holds (a header such as `[Key]` is CSV).
fn looks_like_json(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rest = bytes.iter().skip_while(|b| b.is_ascii_whitespace());
    match rest.next() {
        Some(b'{') => true,
        Some(b'[') => match rest.find(|b| !b.is_ascii_whitespace()) {
            Some(b'{' | b'[' | b'"' | b']' | b'-' | b'0'..=b'9') | None => true,
            Some(_) => false,
        },
        _ => false,
    }
}

/// A row that cannot be imported, and the cell at fault where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    /// 1-based line and column of the row, or of the cell at fault.
    pub line: usize,
    pub column: usize,
    /// The header of the cell at fault, and the field it feeds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    #[serde(skip)]
    pub field: Option<&'static str>,
    pub message: String,
    /// Whether the row names the same item (by source key or id) as an
    /// earlier one.
    #[serde(skip)]
    pub repeated_key: bool,
}

/// A CSV read and mapped, ready to import into a product.
#[derive(Debug)]
pub struct Csv {
    pub headers: Vec<String>,
    pub mapping: Mapping,
    /// Whether it is our own export (`id`, `title`, `kind` and `status`
    /// columns, as `export csv` names them): its cells carry the formula
    /// guard to take off, and an empty cell means the field has no value.
    pub own: bool,
    delimiter: u8,
    /// The text read (without a byte-order mark), to place a cell's problem.
    text: Vec<u8>,
    options: ImportOptions,
    rows: Vec<Row>,
    /// Rows that could not even be read as cells.
    unreadable: Vec<RowProblem>,
}

/// One row of the CSV, as cells.
#[derive(Debug)]
pub(crate) struct Row {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub(crate) number: usize,
    /// Where the row starts in the text, to place a cell's problem.
    pub(crate) start: usize,
    pub(crate) line: usize,
    pub(crate) cells: Vec<String>,
}

impl Csv {
    /// Reads the header and rows of a CSV (a UTF-8 byte-order mark and
    /// CRLF line ends are fine) and maps its columns.
    pub fn read(bytes: &[u8], options: &ImportOptions) -> Result<Csv, ReadError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let (delimiter, reader, headers) = Table::header(bytes, options.delimiter)?;
        let mapping = Mapping::new(&headers, &options.map)?;
        if mapping.columns(Field::Title).is_none() && mapping.columns(Field::Source).is_none() {
            return Err(ReadError::NoTitle { headers });
        }
        let own = ["id", "title", "kind", "status"]
            .iter()
            .all(|name| headers.iter().any(|h| h == name));
        let table = Table::rows(bytes, delimiter, reader, headers, own)?;
        Ok(Csv {
            headers: table.headers,
            mapping,
            own,
            delimiter,
            text: bytes.to_vec(),
            options: options.clone(),
            rows: table.rows,
            unreadable: table.unreadable,
        })
    }

    /// How many rows the CSV has, the header left out.
    pub fn row_count(&self) -> usize {
        self.rows.len() + self.unreadable.len()
    }

    /// Where a row's cell starts, as a line and column of the text.
    fn place(&self, row: &Row, column: usize) -> (usize, usize) {
        locate_field(&self.text, row.start, row.line, column, self.delimiter)
    }

    /// Every row's values, read against the file's scale; each row that
    /// cannot be read (or has a cell that cannot) is left out, with every
    /// problem it has.
    pub(crate) fn records(&self, scale: Scale) -> (Vec<(&Row, Patch)>, Vec<RowProblem>) {
        let mut problems = self.unreadable.clone();
        let mut records = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            match Patch::of(row, self, scale) {
                Ok(p) => records.push((row, p)),
                Err(found) => problems.extend(found),
            }
        }
        (records, problems)
    }

    /// A problem with a row, placed at the first column of `field` (at the
    /// row's start where no column feeds it).
    pub(crate) fn problem(&self, row: &Row, field: Field, message: String) -> RowProblem {
        let column = self.mapping.columns(field).and_then(|c| c.first().copied());
        let (line, col) = match column {
            Some(c) => self.place(row, c),
            None => (row.line, 1),
        };
        RowProblem {
            row: row.number,
            line,
            column: col,
            header: column.and_then(|c| self.headers.get(c).cloned()),
            field: column.map(|_| field.name()),
            message,
            repeated_key: false,
        }
    }
}

/// The separator found, the reader past the header row, and the headers.
pub(crate) type Header<'a> = (u8, csv::Reader<&'a [u8]>, Vec<String>);

/// A CSV's header and rows as text cells, each row placed in the text:
/// what every import reads before it maps columns to fields.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) headers: Vec<String>,
    pub(crate) rows: Vec<Row>,
    /// Rows that could not even be read as cells.
    pub(crate) unreadable: Vec<RowProblem>,
}

impl Table {
    /// Reads a CSV's header row: the checks before any mapping (empty,
    /// JSON, an unclosed quote) and the headers, trimmed.
    pub(crate) fn header(bytes: &[u8], delimiter: Option<u8>) -> Result<Header<'_>, ReadError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ReadError::Empty);
        }
        if looks_like_json(bytes) {
            return Err(ReadError::Json);
        }
        let delimiter = delimiter.unwrap_or_else(|| guess_delimiter(bytes));
        if let Some((row, line, column)) = unclosed_quote(bytes, delimiter) {
            return Err(ReadError::UnclosedQuote { row, line, column });
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(bytes);
        let headers: Vec<String> = reader
            .byte_headers()
            .map_err(|e| ReadError::Unreadable(e.to_string()))?
            .iter()
            .map(|h| String::from_utf8(h.to_vec()).map(|h| h.trim().to_owned()))
            .collect::<Result<_, _>>()
            .map_err(|_| ReadError::HeaderNotUtf8)?;
        Ok((delimiter, reader, headers))
    }

    /// Reads the rows after the header; `own` takes the formula guard of
    /// our own export off every cell.
    pub(crate) fn rows(
        bytes: &[u8],
        delimiter: u8,
        mut reader: csv::Reader<&[u8]>,
        headers: Vec<String>,
        own: bool,
    ) -> Result<Table, ReadError> {
        let mut rows = Vec::new();
        let mut unreadable = Vec::new();
        let mut record = csv::ByteRecord::new();
        let mut number = 1;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(ReadError::Unreadable(e.to_string())),
            }
            number += 1;
            let (start, line) = record.position().map_or((usize::MAX, 1), |p| {
                (
                    usize::try_from(p.byte()).unwrap_or(usize::MAX),
                    usize::try_from(p.line()).unwrap_or(usize::MAX),
                )
            });
            let (start, line) = row_start(bytes, start, line);
            let locate = |field: usize| locate_field(bytes, start, line, field, delimiter);
            // A row of nothing but separators (spreadsheets write them) is no row.
            if record.iter().all(|c| c.trim_ascii().is_empty()) {
                continue;
            }
            if record.len() > headers.len() {
                let (line, column) = locate(headers.len());
                unreadable.push(RowProblem {
                    row: number,
                    line,
                    column,
                    header: None,
                    field: None,
                    repeated_key: false,
                    message: format!(
                        "the row has {} cells where the header has {}; a separator in a cell needs the cell in double quotes",
                        record.len(),
                        headers.len()
                    ),
                });
                continue;
            }
            let mut cells = Vec::with_capacity(headers.len());
            let mut bad = None;
            for (i, cell) in record.iter().enumerate() {
                let Ok(text) = std::str::from_utf8(cell) else {
                    bad = Some(i);
                    break;
                };
                let text = if own { restore(text) } else { text };
                // Line ends inside a quoted cell are read as plain `\n`.
                cells.push(if text.contains('\r') {
                    text.replace("\r\n", "\n")
                } else {
                    text.to_owned()
                });
            }
            if let Some(i) = bad {
                let (line, column) = locate(i);
                unreadable.push(RowProblem {
                    row: number,
                    line,
                    column,
                    header: headers.get(i).cloned(),
                    field: None,
                    message: "the cell is not UTF-8 text; save the CSV as UTF-8".into(),
                    repeated_key: false,
                });
                continue;
            }
            // A short row (trailing empty cells left off) reads as empty cells.
            cells.resize(headers.len(), String::new());
            rows.push(Row {
                number,
                start,
                line,
                cells,
            });
        }
        Ok(Table {
            headers,
            rows,
            unreadable,
        })
    }
}

/// Where a quoted cell opens that is never closed, if one is: the csv
/// reader would take the rest of the file as that cell. The row (header
/// row 1), line and column of the opening quote.
fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<(usize, usize, usize)> {
    let (mut row, mut line, mut column) = (1, 1, 0);
    let mut at_cell_start = true;
    let mut open = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b & 0xC0 != 0x80 {
            column += 1;
        }
        if open.is_some() {
            match b {
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => open = None,
                b'\n' => (line, column) = (line + 1, 0),
                _ => {}
            }
        } else {
            match b {
                b'"' if at_cell_start => open = Some((row, line, column)),
                b'\n' => {
                    (line, column) = (line + 1, 0);
                    row += 1;
                    at_cell_start = true;
                    i += 1;
                    continue;
                }
                _ if b == delimiter => {
                    at_cell_start = true;
                    i += 1;
                    continue;
                }
                _ => {}
            }
            at_cell_start = false;
        }
        i += 1;
    }
    open
}

/// The separator the header line uses most: a comma, a semicolon (as
/// spreadsheets write CSV where the comma is the decimal mark) or a tab.
fn guess_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
                    c.1 += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most used, so a tie (or none at all) is a comma.
    let most = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts.iter().find(|c| c.1 == most).map_or(b',', |c| c.0)
}

/// Where a row really starts: after a CRLF, the reader's position can be
/// the LF that ends the line before.
fn row_start(bytes: &[u8], mut start: usize, mut line: usize) -> (usize, usize) {
    while let Some(&b @ (b'\r' | b'\n')) = bytes.get(start) {
        if b == b'\n' {
            line += 1;
        }
        start += 1;
    }
    (start, line)
}

/// The line and column (1-based, in characters) where a row's cell starts,
/// found by walking the row's text with its quotes.
pub(crate) fn locate_field(
    bytes: &[u8],
    start: usize,
    line: usize,
    field: usize,
    delimiter: u8,
) -> (usize, usize) {
    let (mut line, mut column) = (line, 1);
    let mut seen = 0;
    let mut quoted = false;
    let text = bytes.get(start..).unwrap_or_default();
    for &b in text {
        if seen == field {
            break;
        }
        match b {
            b'"' => quoted = !quoted,
            b'\n' if quoted => {
                line += 1;
                column = 0;
            }
            b'\n' | b'\r' => break,
            _ if b == delimiter && !quoted => seen += 1,
            _ => {}
        }
        // Count characters, not bytes: continuation bytes add nothing.
        if b & 0xC0 != 0x80 {
            column += 1;
        }
    }
    (line, column)
}

/// A value a row gives that the import reads but does not keep as
/// written: told once a column, as a warning, rather than refusing the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Note {
    pub(crate) field: Field,
    /// The column the value is in (0-based).
    pub(crate) column: usize,
    pub(crate) kind: NoteKind,
}

/// Why a value is not kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum NoteKind {
    /// A number the file does not allow for the field: left out.
    Refused(InputProblem),
    /// A done date on a row whose status is open: left out.
    Open,
    /// A confidence of more than 0 and at most 1: kept, but it is probably
    /// a fraction (0.8 for 80%).
    Fraction,
}

/// What one row says of its item: a field is `Some` where the row says
/// something of it (`Some(None)` where our own export's empty cell clears it).
#[derive(Debug, Default)]
pub(crate) struct Patch {
    pub(crate) id: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) description: Option<Option<String>>,
    pub(crate) kind: Option<Kind>,
    pub(crate) status: Option<Status>,
    /// A status name the import does not know: a new item is an idea.
    pub(crate) unknown_status: Option<String>,
    pub(crate) unknown_priority: Option<String>,
    pub(crate) tags: Option<Vec<String>>,
    pub(crate) mvp: Option<bool>,
    pub(crate) moscow: Option<Option<Moscow>>,
    pub(crate) roadmap: Option<Option<String>>,
    pub(crate) key_results: Option<Vec<String>>,
    pub(crate) needs: Option<Vec<String>>,
    pub(crate) requests: Option<Vec<String>>,
    pub(crate) acceptance: Option<Vec<String>>,
    pub(crate) depends_on: Option<Vec<String>>,
    pub(crate) numbers: Vec<(NumberField, Option<f64>)>,
    pub(crate) due: Option<Option<Date>>,
    pub(crate) done_on: Option<Option<Date>>,
    pub(crate) reason: Option<Option<String>>,
    pub(crate) pinned: Option<bool>,
    pub(crate) source: Option<String>,
    pub(crate) hypothesis: Option<Option<String>>,
    pub(crate) measure: Option<Option<String>>,
    pub(crate) success: Option<Option<String>>,
    pub(crate) result: Option<Option<ExperimentResult>>,
    pub(crate) learning: Option<Option<String>>,
    pub(crate) created: Option<Date>,
    pub(crate) updated: Option<Date>,
    /// The column the done date came from.
    pub(crate) done_on_column: Option<usize>,
    /// Values read but not kept as written.
    pub(crate) notes: Vec<Note>,
}

impl Patch {
    /// Reads a row's cells; a cell that cannot be read is a problem, and
    /// the row's other cells are still read so that every problem is told.
    fn of(row: &Row, csv: &Csv, scale: Scale) -> Result<Patch, Vec<RowProblem>> {
        let options = &csv.options;
        let mut patch = Patch::default();
        let mut problems = Vec::new();
        let mut milestone = None;
        let decimal_comma = csv.delimiter == b';';
        for (field, columns) in &csv.mapping.fields {
            if csv.mapping.joined.contains(field) {
                match joined_key(row, csv, *field, columns) {
                    Ok(key) => patch.source = key,
                    Err(p) => problems.push(p),
                }
                continue;
            }
            let texts: Vec<(usize, &str)> = columns
                .iter()
                .map(|&i| (i, row.cells[i].as_str()))
                .filter(|(_, t)| !t.trim().is_empty())
                .collect();
            let Some(&(column, text)) = texts.first() else {
                if csv.own {
                    patch.clear(*field);
                }
                continue;
            };
            // Text is kept as written; keys and values are read trimmed.
            let key = text.trim();
            let mut fail_at = |column: usize, message: String| {
                let (line, col) = csv.place(row, column);
                problems.push(RowProblem {
                    row: row.number,
                    line,
                    column: col,
                    header: csv.headers.get(column).cloned(),
                    field: Some(field.name()),
                    message,
                    repeated_key: false,
                });
            };
            match *field {
                Field::Id => patch.id = Some(key.to_owned()),
                Field::Title => patch.title = Some(text.to_owned()),
                Field::Description => patch.description = Some(Some(text.to_owned())),
                Field::Kind => patch.kind = Some(cells::kind(key)),
                Field::Status => match cells::status(key, &options.status_map) {
                    Some(s) => patch.status = Some(s),
                    None => patch.unknown_status = Some(key.to_owned()),
                },
                Field::Moscow => match cells::priority(key, &options.priority_map) {
                    Some(Some(m)) => patch.moscow = Some(Some(m)),
                    Some(None) => {}
                    None => patch.unknown_priority = Some(key.to_owned()),
                },
                Field::Tags
                | Field::KeyResults
                | Field::Needs
                | Field::Requests
                | Field::DependsOn
                | Field::Acceptance => {
                    let lines_only = *field == Field::Acceptance;
                    let (parts, bad) = list(&texts, lines_only);
                    if !bad.is_empty() {
                        for (column, e) in bad {
                            fail_at(column, e);
                        }
                        continue;
                    }
                    match *field {
                        Field::Tags => patch.tags = Some(dedup(parts)),
                        Field::KeyResults => patch.key_results = Some(dedup(parts)),
                        Field::Needs => patch.needs = Some(dedup(parts)),
                        Field::Requests => patch.requests = Some(dedup(parts)),
                        Field::DependsOn => patch.depends_on = Some(dedup(parts)),
                        _ => patch.acceptance = Some(parts),
                    }
                }
                Field::Mvp | Field::Pinned => match cells::yes_no(key) {
                    Ok(b) if *field == Field::Mvp => patch.mvp = Some(b),
                    Ok(b) => patch.pinned = Some(b),
                    Err(e) => fail_at(column, e),
                },
                Field::Roadmap => patch.roadmap = Some(Some(key.to_owned())),
                Field::Number(name) => {
                    let read = if name == NumberField::Confidence {
                        cells::percent(key, decimal_comma)
                    } else {
                        cells::number(key, decimal_comma)
                    };
                    let note = |kind| Note {
                        field: *field,
                        column,
                        kind,
                    };
                    match read {
                        Err(e) => fail_at(column, e),
                        // A number the file does not allow (a weight of 0, story
                        // points off the scale) is data the tracker allows: the
                        // row goes in without it.
                        Ok(n) => match input_problem(name, n, scale) {
                            Some(problem) => patch.notes.push(note(NoteKind::Refused(problem))),
                            None => {
                                if name == NumberField::Confidence && n > 0.0 && n <= 1.0 {
                                    patch.notes.push(note(NoteKind::Fraction));
                                }
                                patch.numbers.push((name, Some(n)));
                            }
                        },
                    }
                }
                Field::Due | Field::DoneOn | Field::Created | Field::Updated => {
                    match cells::date(key) {
                        Ok(d) => match *field {
                            Field::Due => patch.due = Some(Some(d)),
                            Field::DoneOn => {
                                patch.done_on = Some(Some(d));
                                patch.done_on_column = Some(column);
                            }
                            Field::Created => patch.created = Some(d),
                            _ => patch.updated = Some(d),
                        },
                        Err(e) => fail_at(column, e),
                    }
                }
                Field::Reason => patch.reason = Some(Some(text.to_owned())),
                Field::Source => patch.source = Some(key.to_owned()),
                Field::Hypothesis => patch.hypothesis = Some(Some(text.to_owned())),
                Field::Measure => patch.measure = Some(Some(key.to_owned())),
                Field::Success => patch.success = Some(Some(text.to_owned())),
                Field::Result => match cells::result(key) {
                    Ok(r) => patch.result = Some(Some(r)),
                    Err(e) => fail_at(column, e),
                },
                Field::Learning => patch.learning = Some(Some(text.to_owned())),
                Field::Milestone => milestone = Some(format!("milestone:{key}")),
            }
        }
        // A tracker dates an issue's resolution only when it is resolved:
        // the row is done unless a status it has says otherwise.
        if patch.status.is_none() && matches!(patch.done_on, Some(Some(_))) {
            patch.status = Some(Status::Done);
        }
        if let Some(tag) = milestone {
            let tags = patch.tags.get_or_insert_with(Vec::new);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if problems.is_empty() {
            Ok(patch)
        } else {
            Err(problems)
        }
    }

    /// What our own export's empty cell says: the field has no value.
    /// Ids, titles, kinds, statuses, sources and dates of record are never
    /// cleared this way.
    fn clear(&mut self, field: Field) {
        match field {
            Field::Description => self.description = Some(None),
            Field::Tags => self.tags = Some(Vec::new()),
            Field::Mvp => self.mvp = Some(false),
            Field::Moscow => self.moscow = Some(None),
            Field::Roadmap => self.roadmap = Some(None),
            Field::KeyResults => self.key_results = Some(Vec::new()),
            Field::Needs => self.needs = Some(Vec::new()),
            Field::Requests => self.requests = Some(Vec::new()),
            Field::Acceptance => self.acceptance = Some(Vec::new()),
            Field::DependsOn => self.depends_on = Some(Vec::new()),
            Field::Number(name) => self.numbers.push((name, None)),
            Field::Due => self.due = Some(None),
            Field::DoneOn => self.done_on = Some(None),
            Field::Reason => self.reason = Some(None),
            Field::Pinned => self.pinned = Some(false),
            Field::Hypothesis => self.hypothesis = Some(None),
            Field::Measure => self.measure = Some(None),
            Field::Success => self.success = Some(None),
            Field::Result => self.result = Some(None),
            Field::Learning => self.learning = Some(None),
            Field::Id
            | Field::Title
            | Field::Kind
            | Field::Status
            | Field::Source
            | Field::Created
            | Field::Updated
            | Field::Milestone => {}
        }
    }
}

/// A key built from several columns' cells (`--map source=COLUMN+COLUMN`),
/// joined with [`JOINER`]: none where every cell is empty, a problem where
/// some are, since the key could then match another row's.
fn joined_key(
    row: &Row,
    csv: &Csv,
    field: Field,
    columns: &[usize],
) -> Result<Option<String>, RowProblem> {
    let parts: Vec<&str> = columns.iter().map(|&i| row.cells[i].trim()).collect();
    if parts.iter().all(|p| p.is_empty()) {
        return Ok(None);
    }
    if let Some(at) = parts.iter().position(|p| p.is_empty()) {
        let names: Vec<&str> = columns.iter().map(|&i| csv.headers[i].as_str()).collect();
        let (all_but_last, last) = names.split_at(names.len() - 1);
        let (line, column) = csv.place(row, columns[at]);
        return Err(RowProblem {
            row: row.number,
            line,
            column,
            header: Some(csv.headers[columns[at]].clone()),
            field: Some(field.name()),
            message: format!(
                "the {} key is built from {} and {}, and {} is empty",
                field.name(),
                shown(&all_but_last.join(", ")),
                shown(last[0]),
                shown(names[at])
            ),
            repeated_key: false,
        });
    }
    Ok(Some(parts.join(JOINER)))
}

/// The parts of a list field's cells, every column's in turn; and each
/// cell that cannot be read as a list, by its column.
fn list(texts: &[(usize, &str)], lines_only: bool) -> (Vec<String>, Vec<(usize, String)>) {
    let mut parts = Vec::new();
    let mut bad = Vec::new();
    for &(column, text) in texts {
        match cells::list(text, lines_only) {
            Ok(more) => parts.extend(more),
            Err(e) => bad.push((column, e)),
        }
    }
    (parts, bad)
}

fn dedup(list: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    list.into_iter()
        .filter(|x| seen.insert(x.clone()))
        .collect()
}
