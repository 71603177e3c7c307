//! `import csv`: rows of a CSV into backlog items. A row whose source key
//! (`DM-4`) or id is already in the file updates that item; any other row
//! adds one at the bottom of the backlog. Every row is read before anything
//! is applied, so a bad row can stop the whole import.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::is_item_id;
use crate::model::{
    Date, Experiment, ExperimentResult, Item, Kind, Moscow, Product, Scale, Status,
};
use crate::priority::check_input;

use super::cells;
use super::columns::{Field, MapError, Mapping};
use super::guard::restore;

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
    #[error("the header row is not UTF-8 text")]
    HeaderNotUtf8,
    #[error("no column gives the items' titles (columns: {})", listed_headers(.headers))]
    NoTitle { headers: Vec<String> },
    #[error(
        "row {row}: the quote that opens the cell at line {line}, column {column} is never closed, so the rest of the file would be one cell"
    )]
    UnclosedQuote {
        row: usize,
        line: usize,
        column: usize,
    },
    #[error("the CSV cannot be read: {0}")]
    Unreadable(String),
    #[error(transparent)]
    Map(#[from] MapError),
}

/// The headers for a message: the first few, each cut short, so that a
/// file that is not CSV at all does not fill the screen.
fn listed_headers(headers: &[String]) -> String {
    const SHOWN: usize = 12;
    const LONGEST: usize = 40;
    let mut list: Vec<String> = headers
        .iter()
        .take(SHOWN)
        .map(|h| match h.char_indices().nth(LONGEST) {
            Some((cut, _)) => format!("{}...", &h[..cut]),
            None => h.clone(),
        })
        .collect();
    if headers.len() > SHOWN {
        list.push(format!("and {} more", headers.len() - SHOWN));
    }
    list.join(", ")
}

/// A row that cannot be imported, and the cell at fault where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    /// 1-based line and column of the row, or of the cell at fault.
    pub line: usize,
    pub column: usize,
    /// The header of the cell at fault, and the field it feeds.
    pub header: Option<String>,
    pub field: Option<&'static str>,
    pub message: String,
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
    rows: Vec<Row>,
    /// Rows that could not even be read as cells.
    unreadable: Vec<RowProblem>,
}

#[derive(Debug)]
struct Row {
    number: usize,
    /// Where the row starts in the text, to place a cell's problem.
    start: usize,
    line: usize,
    cells: Vec<String>,
}

impl Csv {
    /// Reads the header and rows of a CSV (a UTF-8 byte-order mark and
    /// CRLF line ends are fine) and maps its columns.
    pub fn read(bytes: &[u8], options: &ImportOptions) -> Result<Csv, ReadError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ReadError::Empty);
        }
        let delimiter = options.delimiter.unwrap_or_else(|| guess_delimiter(bytes));
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
        let mapping = Mapping::new(&headers, &options.map)?;
        if mapping.columns(Field::Title).is_none() && mapping.columns(Field::Source).is_none() {
            return Err(ReadError::NoTitle { headers });
        }
        let own = ["id", "title", "kind", "status"]
            .iter()
            .all(|name| headers.iter().any(|h| h == name));
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
        Ok(Csv {
            headers,
            mapping,
            own,
            delimiter,
            rows,
            unreadable,
        })
    }

    /// How many rows the CSV has, the header left out.
    pub fn row_count(&self) -> usize {
        self.rows.len() + self.unreadable.len()
    }

    /// Where a row's cell starts, as a line and column of the text.
    fn place(&self, bytes: &[u8], row: &Row, column: usize) -> (usize, usize) {
        locate_field(bytes, row.start, row.line, column, self.delimiter)
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
fn locate_field(
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

/// What one row says of its item: a field is `Some` where the row says
/// something of it (`Some(None)` where our own export's empty cell clears it).
#[derive(Debug, Default)]
struct Patch {
    id: Option<String>,
    title: Option<String>,
    description: Option<Option<String>>,
    kind: Option<Kind>,
    status: Option<Status>,
    /// A status name the import does not know: a new item is an idea.
    unknown_status: Option<String>,
    unknown_priority: Option<String>,
    tags: Option<Vec<String>>,
    mvp: Option<bool>,
    moscow: Option<Option<Moscow>>,
    roadmap: Option<Option<String>>,
    key_results: Option<Vec<String>>,
    acceptance: Option<Vec<String>>,
    depends_on: Option<Vec<String>>,
    numbers: Vec<(&'static str, Option<f64>)>,
    due: Option<Option<Date>>,
    done_on: Option<Option<Date>>,
    reason: Option<Option<String>>,
    pinned: Option<bool>,
    source: Option<String>,
    hypothesis: Option<Option<String>>,
    measure: Option<Option<String>>,
    success: Option<Option<String>>,
    result: Option<Option<ExperimentResult>>,
    learning: Option<Option<String>>,
    created: Option<Date>,
    updated: Option<Date>,
}

impl Patch {
    /// Reads a row's cells; a cell that cannot be read is a problem, and
    /// the row's other cells are still read so that every problem is told.
    fn of(
        row: &Row,
        csv: &Csv,
        options: &ImportOptions,
        scale: Scale,
        bytes: &[u8],
    ) -> Result<Patch, Vec<RowProblem>> {
        let mut patch = Patch::default();
        let mut problems = Vec::new();
        let mut milestone = None;
        let decimal_comma = csv.delimiter == b';';
        for (field, columns) in &csv.mapping.fields {
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
            let mut fail = |message: String| {
                let (line, col) = csv.place(bytes, row, column);
                problems.push(RowProblem {
                    row: row.number,
                    line,
                    column: col,
                    header: csv.headers.get(column).cloned(),
                    field: Some(field.name()),
                    message,
                });
            };
            let list = |lines_only: bool| {
                texts
                    .iter()
                    .flat_map(|(_, t)| cells::list(t, lines_only))
                    .collect::<Vec<_>>()
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
                Field::Tags => patch.tags = Some(dedup(list(false))),
                Field::KeyResults => patch.key_results = Some(dedup(list(false))),
                Field::DependsOn => patch.depends_on = Some(dedup(list(false))),
                Field::Acceptance => patch.acceptance = Some(list(true)),
                Field::Mvp | Field::Pinned => match cells::yes_no(key) {
                    Ok(b) if *field == Field::Mvp => patch.mvp = Some(b),
                    Ok(b) => patch.pinned = Some(b),
                    Err(e) => fail(e),
                },
                Field::Roadmap => patch.roadmap = Some(Some(key.to_owned())),
                Field::Number(name) => {
                    match cells::number(key, decimal_comma)
                        .and_then(|n| check_input(name, n, scale).map(|()| n))
                    {
                        Ok(n) => patch.numbers.push((name, Some(n))),
                        Err(e) => fail(e),
                    }
                }
                Field::Due | Field::DoneOn | Field::Created | Field::Updated => {
                    match cells::date(key) {
                        Ok(d) => match *field {
                            Field::Due => patch.due = Some(Some(d)),
                            Field::DoneOn => patch.done_on = Some(Some(d)),
                            Field::Created => patch.created = Some(d),
                            _ => patch.updated = Some(d),
                        },
                        Err(e) => fail(e),
                    }
                }
                Field::Reason => patch.reason = Some(Some(text.to_owned())),
                Field::Source => patch.source = Some(key.to_owned()),
                Field::Hypothesis => patch.hypothesis = Some(Some(text.to_owned())),
                Field::Measure => patch.measure = Some(Some(key.to_owned())),
                Field::Success => patch.success = Some(Some(text.to_owned())),
                Field::Result => match cells::result(key) {
                    Ok(r) => patch.result = Some(Some(r)),
                    Err(e) => fail(e),
                },
                Field::Learning => patch.learning = Some(Some(text.to_owned())),
                Field::Milestone => milestone = Some(format!("milestone:{key}")),
            }
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

    /// Writes the row's values into the item; the names of the fields that changed.
    fn apply(&self, item: &mut Item) -> Vec<&'static str> {
        let mut changed = Vec::new();
        let mut put = |changed_name: &'static str, differs: bool| {
            if differs {
                changed.push(changed_name);
            }
        };
        put("title", set(&mut item.title, self.title.as_ref()));
        put(
            "description",
            set(&mut item.description, self.description.as_ref()),
        );
        put("kind", set(&mut item.kind, self.kind.as_ref()));
        put("status", set(&mut item.status, self.status.as_ref()));
        put("tags", set(&mut item.tags, self.tags.as_ref()));
        put("mvp", set(&mut item.mvp, self.mvp.as_ref()));
        put("moscow", set(&mut item.moscow, self.moscow.as_ref()));
        put("roadmap", set(&mut item.roadmap, self.roadmap.as_ref()));
        put(
            "key_results",
            set(&mut item.key_results, self.key_results.as_ref()),
        );
        put(
            "acceptance",
            set(&mut item.acceptance, self.acceptance.as_ref()),
        );
        put(
            "depends_on",
            set(&mut item.depends_on, self.depends_on.as_ref()),
        );
        for (name, value) in &self.numbers {
            if let Some(slot) = item.number_mut(name) {
                put(name, set(slot, Some(value)));
            }
        }
        put("due", set(&mut item.due, self.due.as_ref()));
        put("done_on", set(&mut item.done_on, self.done_on.as_ref()));
        // A done date belongs to a finished item: one that is open again loses it.
        if item.is_open() && item.done_on.is_some() {
            item.done_on = None;
            put("done_on", true);
        }
        put("reason", set(&mut item.reason, self.reason.as_ref()));
        put("pinned", set(&mut item.pinned, self.pinned.as_ref()));
        put(
            "source",
            set(&mut item.source, self.source.clone().map(Some).as_ref()),
        );
        let parts = [
            &self.hypothesis,
            &self.measure,
            &self.success,
            &self.learning,
        ];
        let all_cleared =
            parts.iter().all(|p| matches!(p, Some(None))) && matches!(self.result, Some(None));
        let any_given = parts.iter().any(|p| matches!(p, Some(Some(_))))
            || matches!(self.result, Some(Some(_)));
        if all_cleared {
            put("experiment", set(&mut item.experiment, Some(&None)));
        } else if any_given {
            let e = item.experiment.get_or_insert_with(Experiment::default);
            put(
                "experiment.hypothesis",
                set(&mut e.hypothesis, self.hypothesis.as_ref()),
            );
            put(
                "experiment.measure",
                set(&mut e.measure, self.measure.as_ref()),
            );
            put(
                "experiment.success",
                set(&mut e.success, self.success.as_ref()),
            );
            put(
                "experiment.result",
                set(&mut e.result, self.result.as_ref()),
            );
            put(
                "experiment.learning",
                set(&mut e.learning, self.learning.as_ref()),
            );
        }
        put(
            "created",
            set(&mut item.created, self.created.map(Some).as_ref()),
        );
        changed
    }
}

/// Sets `slot` to `value` when one is given; whether that changed it.
fn set<T: PartialEq + Clone>(slot: &mut T, value: Option<&T>) -> bool {
    match value {
        Some(v) if slot != v => {
            *slot = v.clone();
            true
        }
        _ => false,
    }
}

fn dedup(list: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    list.into_iter()
        .filter(|x| seen.insert(x.clone()))
        .collect()
}

/// One row imported: the item it made or updated.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Imported {
    pub row: usize,
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// For an update: the fields the row changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<&'static str>,
}

/// What an import did to the product, row by row.
#[derive(Debug, Default)]
pub struct Outcome {
    pub created: Vec<Imported>,
    pub updated: Vec<Imported>,
    pub unchanged: Vec<Imported>,
    /// Rows left out: every problem of every such row.
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<String>,
}

/// Which item a row is about.
enum Target {
    Existing(usize),
    New(String),
}

/// Imports the CSV's rows into the product: updates the items whose
/// source key (or id) a row names, and adds the rest at the bottom of the
/// backlog with new ids. Rows with problems are left out and listed; the
/// caller decides whether the rest may be written.
pub fn import(
    product: &mut Product,
    csv: &Csv,
    bytes: &[u8],
    options: &ImportOptions,
    today: Date,
) -> Outcome {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut outcome = Outcome {
        problems: csv.unreadable.clone(),
        ..Outcome::default()
    };
    let scale = product.scoring.scale();
    let mut patches: Vec<(&Row, Patch)> = Vec::with_capacity(csv.rows.len());
    for row in &csv.rows {
        match Patch::of(row, csv, options, scale, bytes) {
            Ok(p) => patches.push((row, p)),
            Err(problems) => outcome.problems.extend(problems),
        }
    }

    let by_source: HashMap<String, usize> = product
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| item.source.clone().map(|s| (s, i)))
        .collect();
    let by_id: HashMap<String, usize> = product
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), i))
        .collect();

    // Which item each row is about; a row that names the same source or
    // item as an earlier one is a problem, not a second update.
    let mut source_rows: HashMap<String, usize> = HashMap::new();
    let mut target_rows: HashMap<usize, usize> = HashMap::new();
    let mut matched: Vec<(&Row, Patch, Option<usize>)> = Vec::with_capacity(patches.len());
    for (row, patch) in patches {
        let problem_at = |field: Field, message: String| {
            let column = csv.mapping.columns(field).and_then(|c| c.first().copied());
            let (line, col) = match column {
                Some(c) => csv.place(bytes, row, c),
                None => (row.line, 1),
            };
            RowProblem {
                row: row.number,
                line,
                column: col,
                header: column.and_then(|c| csv.headers.get(c).cloned()),
                field: column.map(|_| field.name()),
                message,
            }
        };
        if let Some(source) = &patch.source {
            if let Some(first) = source_rows.get(source.as_str()) {
                outcome.problems.push(problem_at(
                    Field::Source,
                    format!(
                        "source `{source}` is on row {first} too; each source key names one item"
                    ),
                ));
                continue;
            }
            source_rows.insert(source.clone(), row.number);
        }
        // By source key; else by id, an item of this file without a source
        // first, then one an earlier import renumbered and keyed by that id.
        let existing = match (&patch.source, &patch.id) {
            (Some(source), _) if by_source.contains_key(source) => by_source.get(source).copied(),
            (source, Some(id)) => by_id
                .get(id)
                .copied()
                .filter(|&i| {
                    let theirs = product.items[i].source.as_ref();
                    theirs.is_none() || theirs == source.as_ref()
                })
                .or_else(|| {
                    source
                        .is_none()
                        .then(|| by_source.get(id).copied())
                        .flatten()
                }),
            _ => None,
        };
        if let Some(i) = existing {
            if let Some(first) = target_rows.insert(i, row.number) {
                let field = if patch.source.is_some() {
                    Field::Source
                } else {
                    Field::Id
                };
                outcome.problems.push(problem_at(
                    field,
                    format!(
                        "row {first} updates {} too; each item is updated by one row",
                        product.items[i].id
                    ),
                ));
                continue;
            }
        } else if patch.title.is_none() {
            outcome.problems.push(problem_at(
                Field::Title,
                "no title: a new item needs one".into(),
            ));
            continue;
        }
        matched.push((row, patch, existing));
    }

    // New rows keep their own id where it is one of this file's and free,
    // so that a round trip through our own export keeps ids; the others
    // get the next free numbers.
    let key = product.product.key.clone();
    let own_number = |id: &str| -> Option<u64> {
        let (k, n) = id.rsplit_once('-')?;
        (k == key && is_item_id(id)).then(|| n.parse().ok())?
    };
    let mut taken: HashSet<String> = by_id.keys().cloned().collect();
    let mut kept: HashSet<usize> = HashSet::new();
    for (i, (_, patch, existing)) in matched.iter().enumerate() {
        if existing.is_none()
            && let Some(id) = &patch.id
            && own_number(id).is_some()
            && taken.insert(id.clone())
        {
            kept.insert(i);
        }
    }
    let mut next = taken
        .iter()
        .filter_map(|id| own_number(id))
        .max()
        .unwrap_or(0);
    let mut id_map: HashMap<String, String> = HashMap::new();
    let mut targets = Vec::with_capacity(matched.len());
    for (i, (_, patch, existing)) in matched.iter_mut().enumerate() {
        let target = match existing {
            Some(index) => Target::Existing(*index),
            None if kept.contains(&i) => Target::New(patch.id.clone().unwrap_or_default()),
            None => {
                next += 1;
                Target::New(format!("{key}-{next}"))
            }
        };
        let id = match &target {
            Target::Existing(index) => product.items[*index].id.clone(),
            Target::New(id) => id.clone(),
        };
        if let Some(theirs) = &patch.id
            && *theirs != id
        {
            id_map.insert(theirs.clone(), id);
            // The id it had is its key where it came from: importing the
            // same rows again finds the item by it.
            if patch.source.is_none() && matches!(target, Target::New(_)) {
                patch.source = Some(theirs.clone());
            }
        }
        targets.push(target);
    }

    let mut unknown_status: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut unknown_priority: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for ((row, mut patch, _), target) in matched.into_iter().zip(targets) {
        // Dependencies name the ids the rows had in the CSV.
        if let Some(deps) = &mut patch.depends_on {
            for dep in deps.iter_mut() {
                if let Some(id) = id_map.get(dep) {
                    dep.clone_from(id);
                }
            }
        }
        if let Some(name) = &patch.unknown_status {
            unknown_status
                .entry(name.clone())
                .or_default()
                .push(row.number);
        }
        if let Some(name) = &patch.unknown_priority {
            unknown_priority
                .entry(name.clone())
                .or_default()
                .push(row.number);
        }
        match target {
            Target::Existing(index) => {
                let item = &mut product.items[index];
                let changed = patch.apply(item);
                if !changed.is_empty() {
                    item.updated = Some(today);
                }
                let imported = Imported {
                    row: row.number,
                    id: item.id.clone(),
                    title: item.title.clone(),
                    source: item.source.clone(),
                    changed,
                };
                if imported.changed.is_empty() {
                    outcome.unchanged.push(imported);
                } else {
                    outcome.updated.push(imported);
                }
            }
            Target::New(id) => {
                let title = patch.title.clone().unwrap_or_default();
                let mut item = Item::new(id, title, Kind::Feature, today);
                patch.apply(&mut item);
                if let Some(day) = patch.updated {
                    item.updated = Some(day);
                }
                outcome.created.push(Imported {
                    row: row.number,
                    id: item.id.clone(),
                    title: item.title.clone(),
                    source: item.source.clone(),
                    changed: Vec::new(),
                });
                product.items.push(item);
            }
        }
    }

    for (name, rows) in unknown_status {
        outcome.warnings.push(format!(
            "status `{name}` ({}) is not one this import knows: new items are ideas and updated ones keep their status; say what it means with --status-map \"{name}=doing\"",
            rows_list(&rows)
        ));
    }
    for (name, rows) in unknown_priority {
        outcome.warnings.push(format!(
            "priority `{name}` ({}) is not one this import knows, so those items have no MoSCoW; give it one with --priority-map \"{name}=could\"",
            rows_list(&rows)
        ));
    }
    outcome.warnings.extend(dangling_links(product, &outcome));
    outcome.problems.sort_by_key(|p| (p.row, p.line, p.column));
    outcome
}

/// Links the imported items make to things this file does not have: kept,
/// since they are the item's data, but told, as `product check` will tell them.
fn dangling_links(product: &Product, outcome: &Outcome) -> Vec<String> {
    let roadmap: HashSet<&str> = product.roadmap.iter().map(|r| r.id.as_str()).collect();
    let items: HashSet<&str> = product.items.iter().map(|i| i.id.as_str()).collect();
    let krs: HashSet<String> = product
        .objectives
        .iter()
        .flat_map(|o| {
            o.key_results
                .iter()
                .map(move |kr| format!("{}.{}", o.id, kr.id))
        })
        .collect();
    let kpis: HashSet<&str> = product.kpis.iter().map(|k| k.id.as_str()).collect();
    let mut missing: BTreeMap<(&'static str, String), Vec<usize>> = BTreeMap::new();
    let rows: HashMap<&str, usize> = outcome
        .created
        .iter()
        .chain(&outcome.updated)
        .map(|i| (i.id.as_str(), i.row))
        .collect();
    for item in &product.items {
        let Some(&row) = rows.get(item.id.as_str()) else {
            continue;
        };
        let mut note = |what: &'static str, id: &str| {
            missing.entry((what, id.to_owned())).or_default().push(row);
        };
        if let Some(r) = &item.roadmap
            && !roadmap.contains(r.as_str())
        {
            note("roadmap entry", r);
        }
        for kr in item.key_results.iter().filter(|kr| !krs.contains(*kr)) {
            note("key result", kr);
        }
        for dep in item
            .depends_on
            .iter()
            .filter(|d| !items.contains(d.as_str()))
        {
            note("item", dep);
        }
        if let Some(m) = item.experiment.as_ref().and_then(|e| e.measure.as_ref())
            && !kpis.contains(m.as_str())
            && !krs.contains(m)
        {
            note("KPI or key result", m);
        }
    }
    missing
        .into_iter()
        .map(|((what, id), rows)| {
            format!(
                "{what} `{id}` ({}) is not in this file; the link is kept, and `product check` reports it until it is added",
                rows_list(&rows)
            )
        })
        .collect()
}

/// `row 3`, `rows 3, 7, 9`, or `rows 3, 7, 9 and 12 more`.
fn rows_list(rows: &[usize]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = rows.iter().take(SHOWN).map(usize::to_string).collect();
    let mut text = format!(
        "{} {}",
        if rows.len() == 1 { "row" } else { "rows" },
        shown.join(", ")
    );
    if rows.len() > SHOWN {
        text.push_str(&format!(" and {} more", rows.len() - SHOWN));
    }
    text
}
