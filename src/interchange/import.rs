//! `import csv`: rows of a CSV into backlog items. A row whose source key
//! (`DM-4`) or id is already in the file updates that item; any other row
//! adds one at the bottom of the backlog. Every row is read before anything
//! is applied, so a bad row can stop the whole import.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::is_item_id;
use crate::model::{Date, Experiment, Item, Kind, Moscow, Product, Status};

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
    #[error("no column gives the items' titles (columns: {})", .headers.join(", "))]
    NoTitle { headers: Vec<String> },
    #[error("the CSV cannot be read: {0}")]
    Unreadable(String),
    #[error(transparent)]
    Map(#[from] MapError),
}

/// A row that cannot be imported, and the cell at fault where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    /// 1-based line and column of the row, or of the cell at fault.
    pub line: usize,
    pub column: usize,
    /// The header of the cell at fault.
    pub header: Option<String>,
    pub message: String,
}

/// A CSV read and mapped, ready to import into a product.
#[derive(Debug)]
pub struct Csv {
    pub headers: Vec<String>,
    pub mapping: Mapping,
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
            let locate = |field: usize| locate_field(bytes, start, line, field, delimiter);
            if record.len() > headers.len() {
                let (line, column) = locate(headers.len());
                unreadable.push(RowProblem {
                    row: number,
                    line,
                    column,
                    header: None,
                    message: format!(
                        "the row has {} cells where the header has {}; a comma in a cell needs the cell in double quotes",
                        record.len(),
                        headers.len()
                    ),
                });
                continue;
            }
            let mut cells = Vec::with_capacity(headers.len());
            let mut bad = None;
            for (i, cell) in record.iter().enumerate() {
                match std::str::from_utf8(cell) {
                    // Line ends inside a quoted cell are kept as plain `\n`.
                    Ok(text) if text.contains('\r') => {
                        cells.push(restore(text.trim()).replace("\r\n", "\n"));
                    }
                    Ok(text) => cells.push(restore(text.trim()).to_owned()),
                    Err(_) => {
                        bad = Some(i);
                        break;
                    }
                }
            }
            if let Some(i) = bad {
                let (line, column) = locate(i);
                unreadable.push(RowProblem {
                    row: number,
                    line,
                    column,
                    header: headers.get(i).cloned(),
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
            rows,
            unreadable,
        })
    }

    /// How many rows the CSV has, the header left out.
    pub fn row_count(&self) -> usize {
        self.rows.len() + self.unreadable.len()
    }
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

/// What one row says of its item: a field is `Some` where the row has a value.
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
    numbers: Vec<(&'static str, f64)>,
    due: Option<Option<Date>>,
    done_on: Option<Option<Date>>,
    reason: Option<Option<String>>,
    pinned: Option<bool>,
    source: Option<String>,
    hypothesis: Option<Option<String>>,
    measure: Option<Option<String>>,
    success: Option<Option<String>>,
    result: Option<Option<crate::model::ExperimentResult>>,
    learning: Option<Option<String>>,
    created: Option<Option<Date>>,
    updated: Option<Option<Date>>,
}

impl Patch {
    /// Reads a row's cells; a cell that cannot be read is a problem, and
    /// the row's other cells are still read so that every problem is told.
    fn of(
        row: &Row,
        csv: &Csv,
        options: &ImportOptions,
        bytes: &[u8],
    ) -> Result<Patch, Vec<RowProblem>> {
        let mut patch = Patch::default();
        let mut problems = Vec::new();
        let mut milestone = None;
        for (field, columns) in &csv.mapping.fields {
            let texts: Vec<(usize, &str)> = columns
                .iter()
                .map(|&i| (i, row.cells[i].as_str()))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let Some(&(column, text)) = texts.first() else {
                continue;
            };
            let owned = || Some(text.to_owned());
            let mut fail = |message: String| {
                let (line, col) = locate_field(
                    bytes,
                    row.start,
                    row.line,
                    column,
                    delimiter_of(options, bytes),
                );
                problems.push(RowProblem {
                    row: row.number,
                    line,
                    column: col,
                    header: csv.headers.get(column).cloned(),
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
                Field::Id => patch.id = owned(),
                Field::Title => patch.title = owned(),
                Field::Description => patch.description = Some(owned()),
                Field::Kind => patch.kind = Some(cells::kind(text)),
                Field::Status => match cells::status(text, &options.status_map) {
                    Some(s) => patch.status = Some(s),
                    None => patch.unknown_status = owned(),
                },
                Field::Moscow => match cells::priority(text, &options.priority_map) {
                    Some(Some(m)) => patch.moscow = Some(Some(m)),
                    Some(None) => {}
                    None => patch.unknown_priority = owned(),
                },
                Field::Tags => patch.tags = Some(dedup(list(false))),
                Field::KeyResults => patch.key_results = Some(dedup(list(false))),
                Field::DependsOn => patch.depends_on = Some(dedup(list(false))),
                Field::Acceptance => patch.acceptance = Some(list(true)),
                Field::Mvp => match cells::yes_no(text) {
                    Ok(b) => patch.mvp = Some(b),
                    Err(e) => fail(e),
                },
                Field::Pinned => match cells::yes_no(text) {
                    Ok(b) => patch.pinned = Some(b),
                    Err(e) => fail(e),
                },
                Field::Roadmap => patch.roadmap = Some(owned()),
                Field::Number(name) => match cells::number(text) {
                    Ok(n) => patch.numbers.push((name, n)),
                    Err(e) => fail(e),
                },
                Field::Due | Field::DoneOn | Field::Created | Field::Updated => {
                    match cells::date(text) {
                        Ok(d) => {
                            let slot = match *field {
                                Field::Due => &mut patch.due,
                                Field::DoneOn => &mut patch.done_on,
                                Field::Created => &mut patch.created,
                                _ => &mut patch.updated,
                            };
                            *slot = Some(Some(d));
                        }
                        Err(e) => fail(e),
                    }
                }
                Field::Reason => patch.reason = Some(owned()),
                Field::Source => patch.source = owned(),
                Field::Hypothesis => patch.hypothesis = Some(owned()),
                Field::Measure => patch.measure = Some(owned()),
                Field::Success => patch.success = Some(owned()),
                Field::Result => match cells::result(text) {
                    Ok(r) => patch.result = Some(Some(r)),
                    Err(e) => fail(e),
                },
                Field::Learning => patch.learning = Some(owned()),
                Field::Milestone => milestone = Some(format!("milestone:{text}")),
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
                put(name, set(slot, Some(&Some(*value))));
            }
        }
        put("due", set(&mut item.due, self.due.as_ref()));
        put("done_on", set(&mut item.done_on, self.done_on.as_ref()));
        put("reason", set(&mut item.reason, self.reason.as_ref()));
        put("pinned", set(&mut item.pinned, self.pinned.as_ref()));
        put(
            "source",
            set(&mut item.source, self.source.clone().map(Some).as_ref()),
        );
        let experiment = [
            &self.hypothesis,
            &self.measure,
            &self.success,
            &self.learning,
        ]
        .iter()
        .any(|p| p.is_some())
            || self.result.is_some();
        if experiment {
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
        put("created", set(&mut item.created, self.created.as_ref()));
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

fn delimiter_of(options: &ImportOptions, bytes: &[u8]) -> u8 {
    options.delimiter.unwrap_or_else(|| guess_delimiter(bytes))
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
    let mut patches: Vec<(&Row, Patch)> = Vec::with_capacity(csv.rows.len());
    for row in &csv.rows {
        match Patch::of(row, csv, options, bytes) {
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
        let problem = |message: String| RowProblem {
            row: row.number,
            line: row.line,
            column: 1,
            header: None,
            message,
        };
        if let Some(source) = &patch.source {
            if let Some(first) = source_rows.get(source.as_str()) {
                outcome.problems.push(problem(format!(
                    "source `{source}` is on row {first} too; each source key names one item"
                )));
                continue;
            }
            source_rows.insert(source.clone(), row.number);
        }
        let existing = patch
            .source
            .as_ref()
            .and_then(|s| by_source.get(s).copied())
            .or_else(|| {
                let i = *by_id.get(patch.id.as_ref()?)?;
                let theirs = product.items[i].source.as_ref();
                (theirs.is_none() || theirs == patch.source.as_ref()).then_some(i)
            });
        if let Some(i) = existing {
            if let Some(first) = target_rows.insert(i, row.number) {
                outcome.problems.push(problem(format!(
                    "row {first} updates {} too; each item is updated by one row",
                    product.items[i].id
                )));
                continue;
            }
        } else if patch.title.is_none() {
            let column = csv
                .mapping
                .columns(Field::Title)
                .and_then(|c| c.first().copied());
            let (line, col) = match column {
                Some(c) => {
                    locate_field(bytes, row.start, row.line, c, delimiter_of(options, bytes))
                }
                None => (row.line, 1),
            };
            outcome.problems.push(RowProblem {
                row: row.number,
                line,
                column: col,
                header: column.and_then(|c| csv.headers.get(c).cloned()),
                message: "no title: a new item needs one".into(),
            });
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
    for (i, (_, patch, existing)) in matched.iter().enumerate() {
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
                if let Some(Some(day)) = patch.updated {
                    item.updated = Some(day);
                } else if !changed.is_empty() {
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
                if let Some(Some(day)) = patch.updated {
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
