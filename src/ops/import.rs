//! Importing backlog items from a CSV: a row whose source key (`DM-4`) or
//! id is already in the file updates that item; any other row adds one at
//! the bottom of the backlog. Reading the CSV is [`crate::interchange`]'s;
//! this is the change to the product.
//!
//! Every row is read and matched to its item before anything changes, so
//! a bad row stops the whole import unless the import is told to skip it.
//! Statuses, done dates and reasons move items through their life as
//! [`item::set_status`] does for every other change.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::interchange::{
    Csv, Field, ImportOptions, Note, NoteKind, Patch, ReadError, Row, RowProblem, shown,
};
use crate::model::ids::{IdKind, IdsExhausted};
use crate::model::{Date, Experiment, Item, Kind, LinkField, Product, Scale, is_item_id};
use crate::priority::InputProblem;
use crate::store::Problem;

use super::item::{self, StatusChange};

/// A CSV to import, read and mapped.
#[derive(Debug)]
pub struct ImportCsv {
    /// How the CSV is named in messages: its path, or `standard input`.
    pub name: String,
    pub csv: Csv,
    /// Import the rows that can be imported and list the others; without
    /// it, one bad row stops the import.
    pub skip_invalid: bool,
}

impl ImportCsv {
    /// Reads the CSV's header row and maps its columns to item fields; a
    /// CSV that cannot be read as a table is an error that says why.
    pub fn read(
        name: impl Into<String>,
        bytes: &[u8],
        options: &ImportOptions,
        skip_invalid: bool,
    ) -> Result<ImportCsv> {
        let name = name.into();
        // A product file in JSON given to `import csv` by mistake: its name
        // says so before its bytes are looked at.
        if name.to_lowercase().ends_with(".json") {
            return Err(read_error(ReadError::Json, &name));
        }
        let csv = Csv::read(bytes, options).map_err(|e| read_error(e, &name))?;
        Ok(ImportCsv {
            name,
            csv,
            skip_invalid,
        })
    }
}

/// One row imported: the item it made or updated.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// Which column fed which item field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnUse {
    pub column: String,
    pub field: &'static str,
    /// Whether the field's columns are joined into one value (a source key
    /// built from several columns) rather than the first non-empty counting.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub joined: bool,
}

/// What an import did, row by row.
#[derive(Debug, Clone, Serialize)]
pub struct CsvImported {
    /// Rows in the CSV, the header left out.
    pub rows: usize,
    /// Which column fed which item field.
    pub columns: Vec<ColumnUse>,
    /// Columns nothing read.
    pub ignored_columns: Vec<String>,
    pub created: Vec<Imported>,
    pub updated: Vec<Imported>,
    pub unchanged: Vec<Imported>,
    /// Rows left out (when skipping invalid ones): every problem of every such row.
    pub skipped: Vec<RowProblem>,
    pub warnings: Vec<String>,
}

impl CsvImported {
    /// Counts a row that matched something already in the file: updated
    /// where it changed a field, unchanged otherwise.
    pub(crate) fn record(&mut self, imported: Imported) {
        if imported.changed.is_empty() {
            self.unchanged.push(imported);
        } else {
            self.updated.push(imported);
        }
    }
}

/// Which item a row is about.
enum Target {
    Existing(usize),
    New(String),
}

/// Imports the CSV's rows: updates the items whose source key (or id) a
/// row names, and adds the rest at the bottom of the backlog with new ids.
pub fn csv(product: &mut Product, today: Date, opts: &ImportCsv) -> Result<CsvImported> {
    let csv = &opts.csv;
    let (records, mut problems) = csv.records(product.scoring.scale());
    let (matched, targets, more) = plan(product, csv, records)?;
    problems.extend(more);
    problems.sort_by_key(|p| (p.row, p.line, p.column));
    if !problems.is_empty() && !opts.skip_invalid {
        return Err(row_errors(&problems, &opts.name));
    }

    let mut report = CsvImported {
        rows: csv.row_count(),
        columns: csv
            .mapping
            .fields
            .iter()
            .flat_map(|(field, columns)| {
                columns.iter().map(|&c| ColumnUse {
                    column: csv.headers[c].clone(),
                    field: field.name(),
                    joined: csv.mapping.joined.contains(field),
                })
            })
            .collect(),
        ignored_columns: csv
            .mapping
            .ignored
            .iter()
            .map(|&c| csv.headers[c].clone())
            .collect(),
        created: Vec::new(),
        updated: Vec::new(),
        unchanged: Vec::new(),
        skipped: problems,
        warnings: Vec::new(),
    };
    let mut unknown_status: BTreeMap<String, (Vec<usize>, bool)> = BTreeMap::new();
    let mut unknown_priority: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut notes = Notes::new();
    // Room for the new items at once: a backlog grown by doubling holds up
    // to three times its room while it moves, and keeps twice what it needs.
    let new_items = targets
        .iter()
        .filter(|t| matches!(t, Target::New(_)))
        .count();
    product.items.reserve_exact(new_items);
    report.created.reserve_exact(new_items);
    for ((row, patch), target) in matched.into_iter().zip(targets) {
        if let Some(name) = &patch.unknown_status {
            let (rows, dated) = unknown_status.entry(name.clone()).or_default();
            rows.push(row.number);
            *dated |= matches!(patch.done_on, Some(Some(_)));
        }
        for &Note {
            field,
            column,
            kind,
        } in &patch.notes
        {
            let (_, list) = notes.entry(column).or_insert((field, Vec::new()));
            list.push((kind, row.number));
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
                let changed = apply(&patch, item, today);
                note_done_date(&patch, item, row, &mut notes);
                if !changed.is_empty() {
                    item.updated = Some(today);
                }
                report.record(Imported {
                    row: row.number,
                    id: item.id.clone(),
                    title: item.title.clone(),
                    source: item.source.clone(),
                    changed,
                });
            }
            Target::New(id) => {
                let title = patch.title.clone().unwrap_or_default();
                let mut item = Item::new(id, title, Kind::Feature, today);
                apply(&patch, &mut item, today);
                note_done_date(&patch, &item, row, &mut notes);
                if let Some(day) = patch.updated {
                    item.updated = Some(day);
                }
                report.created.push(Imported {
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

    report.warnings.extend(repeated_headers(csv));
    let scale = product.scoring.scale();
    for (column, (field, list)) in notes {
        report
            .warnings
            .extend(column_notes(&csv.headers[column], field, &list, scale));
    }
    for (name, (rows, dated)) in unknown_status {
        let name = shown(&name);
        let what = if dated {
            "rows with a done date are done, other new items are ideas and updated ones keep their status"
        } else {
            "new items are ideas and updated ones keep their status"
        };
        report.warnings.push(format!(
            "status `{name}` ({}) is not one this import knows: {what}; say what it means with --status-map \"{name}=doing\"",
            rows_list(&rows)
        ));
    }
    for (name, rows) in unknown_priority {
        let name = shown(&name);
        report.warnings.push(format!(
            "priority `{name}` ({}) is not one this import knows, so those items have no MoSCoW; give it one with --priority-map \"{name}=could\"",
            rows_list(&rows)
        ));
    }
    report.warnings.extend(dangling_links(product, &report));
    Ok(report)
}

/// Columns that share a header and feed one field: which counts, and how
/// to read another.
fn repeated_headers(csv: &Csv) -> Vec<String> {
    csv.mapping
        .repeated(&csv.headers)
        .into_iter()
        .map(|(field, columns)| {
            let numbers: Vec<String> = columns.iter().map(|c| (c + 1).to_string()).collect();
            let (all_but_last, last) = numbers.split_at(numbers.len() - 1);
            let (first, second) = (&numbers[0], &numbers[1]);
            let (others, before) = if numbers.len() == 2 {
                (format!("column {second}"), format!("column {first} is"))
            } else {
                (
                    format!("columns {} in turn", numbers[1..].join(", ")),
                    "the ones before are".to_owned(),
                )
            };
            format!(
                "columns {} and {} are {} `{}`: {field} is read from column {first}, and from {others} only where {before} empty; to read column {second} instead, add --map {field}=#{second}",
                all_but_last.join(", "),
                last[0],
                if numbers.len() == 2 { "both" } else { "all" },
                shown(&csv.headers[columns[0]]),
            )
        })
        .collect()
}

/// Values read but not kept as written, by the column they are in: the
/// field, and why for each row.
type Notes = BTreeMap<usize, (Field, Vec<(NoteKind, usize)>)>;

/// A done date the row gives that the item, its status being open, does
/// not keep.
fn note_done_date(patch: &Patch, item: &Item, row: &Row, notes: &mut Notes) {
    if let (Some(Some(day)), Some(column)) = (patch.done_on, patch.done_on_column)
        && item.done_on != Some(day)
    {
        let (_, list) = notes.entry(column).or_insert((Field::DoneOn, Vec::new()));
        list.push((NoteKind::Open, row.number));
    }
}

/// The warnings about one column's values that were read but not kept as
/// written: what was left out, by why, and what to do; and, apart, the
/// confidences that look like fractions.
fn column_notes(
    header: &str,
    field: Field,
    list: &[(NoteKind, usize)],
    scale: Scale,
) -> Vec<String> {
    let mut not_kept: BTreeMap<NoteKind, Vec<usize>> = BTreeMap::new();
    let mut fractions = Vec::new();
    for &(kind, row) in list {
        match kind {
            NoteKind::Fraction => fractions.push(row),
            _ => not_kept.entry(kind).or_default().push(row),
        }
    }
    let head = format!("{field} from column `{}`", shown(header));
    let mut warnings = Vec::new();
    if !not_kept.is_empty() {
        let why = |kind: NoteKind| match (kind, field) {
            (NoteKind::Refused(problem), Field::Number(number)) => problem.rule(number, scale),
            _ => "the row's status is open, and an open item has no done date".to_owned(),
        };
        let total: usize = not_kept.values().map(Vec::len).sum();
        let body = match not_kept.iter().collect::<Vec<_>>().as_slice() {
            [(kind, rows)] => format!(
                "{head}: {} not kept ({}): {}",
                count(total, "value"),
                rows_list(rows),
                why(**kind)
            ),
            reasons => format!(
                "{head}: {} not kept: {}",
                count(total, "value"),
                reasons
                    .iter()
                    .map(|(kind, rows)| format!("{} ({})", why(**kind), rows_list(rows)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        let hint = match field {
            Field::Number(number) => {
                let name = number.name();
                let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                let mut hint = format!(
                    "those items are imported without {article} {name}: give them one with `product item score ID --{} N`",
                    name.replace('_', "-")
                );
                if not_kept.contains_key(&NoteKind::Refused(InputProblem::OffScale)) {
                    hint.push_str(", or set `scale = \"free\"` under [scoring] to keep any number");
                }
                hint
            }
            _ => "if those statuses mean done, say so with --status-map \"NAME=done\"".to_owned(),
        };
        warnings.push(format!("{body}; {hint}"));
    }
    if !fractions.is_empty() {
        warnings.push(format!(
            "{head}: {} of at most 1 ({}), kept as written; confidence is a percentage, so 0.8 is 0.8%, not 80%: if these are fractions, write them as percentages (80 or 80%) and import again",
            count(fractions.len(), "value"),
            rows_list(&fractions)
        ));
    }
    warnings
}

/// Which item each row is about, and the id each new item gets; rows that
/// name the same source or item as an earlier one, and new items without a
/// title, are problems. Dependencies are renumbered with the ids.
#[allow(clippy::type_complexity)]
fn plan<'a>(
    product: &Product,
    csv: &Csv,
    records: Vec<(&'a Row, Patch)>,
) -> Result<(Vec<(&'a Row, Patch)>, Vec<Target>, Vec<RowProblem>)> {
    let mut problems = Vec::new();
    let by_source: HashMap<&str, usize> = product
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| item.source.as_deref().map(|s| (s, i)))
        .collect();
    let by_id: HashMap<&str, usize> = product
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();

    // The key a row is known by: its source, else its id (which becomes
    // the source of a renumbered item). Two rows with one key would be one
    // item twice, or two items the next import cannot tell apart.
    let mut key_rows: HashMap<String, usize> = HashMap::new();
    let mut target_rows: HashMap<usize, usize> = HashMap::new();
    let mut matched: Vec<(&Row, Patch, Option<usize>)> = Vec::with_capacity(records.len());
    for (row, patch) in records {
        let key = match (&patch.source, &patch.id) {
            (Some(source), _) => Some((Field::Source, source, "source key")),
            (None, Some(id)) => Some((Field::Id, id, "id")),
            (None, None) => None,
        };
        if let Some((field, key, what)) = key {
            if let Some(first) = key_rows.get(key.as_str()) {
                problems.push(RowProblem {
                    repeated_key: true,
                    ..csv.problem(
                        row,
                        field,
                        format!(
                            "{} `{}` is on row {first} too; each {what} names one item",
                            field.name(),
                            shown(key)
                        ),
                    )
                });
                continue;
            }
            key_rows.insert(key.clone(), row.number);
        }
        // By source key; else by id, an item of this file without a source
        // first, then one an earlier import renumbered and keyed by that id.
        let existing = match (&patch.source, &patch.id) {
            (Some(source), _) if by_source.contains_key(source.as_str()) => {
                by_source.get(source.as_str()).copied()
            }
            (source, Some(id)) => by_id
                .get(id.as_str())
                .copied()
                .filter(|&i| {
                    let theirs = product.items[i].source.as_ref();
                    theirs.is_none() || theirs == source.as_ref()
                })
                .or_else(|| {
                    source
                        .is_none()
                        .then(|| by_source.get(id.as_str()).copied())
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
                problems.push(csv.problem(
                    row,
                    field,
                    format!(
                        "row {first} updates {} too; each item is updated by one row",
                        product.items[i].id
                    ),
                ));
                continue;
            }
        } else if patch.title.is_none() {
            problems.push(csv.problem(row, Field::Title, "no title: a new item needs one".into()));
            continue;
        }
        matched.push((row, patch, existing));
    }

    // New rows keep their own id where it is one of this file's and free,
    // so that a round trip through our own export keeps ids; the others
    // get the next free numbers.
    let key = product.product.key.as_str();
    let own_number = |id: &str| -> Option<u64> {
        let (k, n) = id.rsplit_once('-')?;
        (k == key && is_item_id(id)).then(|| n.parse().ok())?
    };
    let mut taken: HashSet<String> = by_id.keys().map(|id| (*id).to_owned()).collect();
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
    // The next numbers follow every number issued: those in the file, its
    // mark of removed ones, and the ids kept from the rows.
    let mut next = taken
        .iter()
        .filter_map(|id| own_number(id))
        .max()
        .unwrap_or(0)
        .max(IdKind::Item.highest(product));
    let out_of_numbers = || IdsExhausted {
        what: "item",
        prefix: key.to_owned(),
    };
    let mut id_map: HashMap<String, String> = HashMap::new();
    let mut targets = Vec::with_capacity(matched.len());
    for (i, (_, patch, existing)) in matched.iter_mut().enumerate() {
        let target = match existing {
            Some(index) => Target::Existing(*index),
            None if kept.contains(&i) => Target::New(patch.id.clone().unwrap_or_default()),
            None => {
                next = next.checked_add(1).ok_or_else(out_of_numbers)?;
                let id = format!("{key}-{next}");
                if !is_item_id(&id) {
                    return Err(out_of_numbers().into());
                }
                Target::New(id)
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
    // Dependencies name the ids the rows had in the CSV.
    let matched = matched
        .into_iter()
        .map(|(row, mut patch, _)| {
            for dep in patch.depends_on.iter_mut().flatten() {
                if let Some(id) = id_map.get(dep.as_str()) {
                    dep.clone_from(id);
                }
            }
            (row, patch)
        })
        .collect();
    Ok((matched, targets, problems))
}

/// Writes a row's values into the item; the names of the fields that
/// changed. The row's status, done date and reason move the item through
/// its life together.
fn apply(patch: &Patch, item: &mut Item, today: Date) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut put = |name: &'static str, differs: bool| {
        if differs {
            changed.push(name);
        }
    };
    put("title", set(&mut item.title, patch.title.as_ref()));
    put(
        "description",
        set(&mut item.description, patch.description.as_ref()),
    );
    put("kind", set(&mut item.kind, patch.kind.as_ref()));
    let (status, done_on, reason, updated) =
        (item.status, item.done_on, item.reason.clone(), item.updated);
    item::set_status(
        item,
        StatusChange {
            status: patch.status.unwrap_or(status),
            done_on: patch.done_on.unwrap_or(done_on),
            reason: patch.reason.clone().unwrap_or_else(|| reason.clone()),
        },
        today,
    );
    let moved = (item.status, item.done_on, &item.reason) != (status, done_on, &reason);
    if !moved {
        item.updated = updated;
    }
    put("status", item.status != status);
    put("tags", set(&mut item.tags, patch.tags.as_ref()));
    put("mvp", set(&mut item.mvp, patch.mvp.as_ref()));
    put("moscow", set(&mut item.moscow, patch.moscow.as_ref()));
    put("roadmap", set(&mut item.roadmap, patch.roadmap.as_ref()));
    put(
        "key_results",
        set(&mut item.key_results, patch.key_results.as_ref()),
    );
    put("needs", set(&mut item.needs, patch.needs.as_ref()));
    put("requests", set(&mut item.requests, patch.requests.as_ref()));
    put(
        "acceptance",
        set(&mut item.acceptance, patch.acceptance.as_ref()),
    );
    put(
        "depends_on",
        set(&mut item.depends_on, patch.depends_on.as_ref()),
    );
    for (field, value) in &patch.numbers {
        put(field.name(), set(item.number_mut(*field), Some(value)));
    }
    put("due", set(&mut item.due, patch.due.as_ref()));
    put("done_on", item.done_on != done_on);
    put("reason", item.reason != reason);
    put("pinned", set(&mut item.pinned, patch.pinned.as_ref()));
    put(
        "source",
        set(&mut item.source, patch.source.clone().map(Some).as_ref()),
    );
    let parts = [
        &patch.hypothesis,
        &patch.measure,
        &patch.success,
        &patch.learning,
    ];
    let all_cleared =
        parts.iter().all(|p| matches!(p, Some(None))) && matches!(patch.result, Some(None));
    let any_given =
        parts.iter().any(|p| matches!(p, Some(Some(_)))) || matches!(patch.result, Some(Some(_)));
    if all_cleared {
        put("experiment", set(&mut item.experiment, Some(&None)));
    } else if any_given {
        let e = item.experiment.get_or_insert_with(Experiment::default);
        put(
            "experiment.hypothesis",
            set(&mut e.hypothesis, patch.hypothesis.as_ref()),
        );
        put(
            "experiment.measure",
            set(&mut e.measure, patch.measure.as_ref()),
        );
        put(
            "experiment.success",
            set(&mut e.success, patch.success.as_ref()),
        );
        put(
            "experiment.result",
            set(&mut e.result, patch.result.as_ref()),
        );
        put(
            "experiment.learning",
            set(&mut e.learning, patch.learning.as_ref()),
        );
    }
    put(
        "created",
        set(&mut item.created, patch.created.map(Some).as_ref()),
    );
    changed
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

/// Links the imported items make to things this file does not have, as
/// [`Product::dangling`] finds them: kept, since they are the item's data,
/// but told, as `product check` will tell them.
fn dangling_links(product: &Product, report: &CsvImported) -> Vec<String> {
    let rows: HashMap<&str, usize> = report
        .created
        .iter()
        .chain(&report.updated)
        .map(|i| (i.id.as_str(), i.row))
        .collect();
    let mut missing: BTreeMap<(&'static str, String), Vec<usize>> = BTreeMap::new();
    for d in product.dangling() {
        if d.field == LinkField::Objectives {
            continue;
        }
        if let Some(&row) = rows.get(d.from.as_str()) {
            missing
                .entry((d.missing.kind.name(), d.missing.id))
                .or_default()
                .push(row);
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

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Why the CSV cannot be read at all, and what to do.
pub(crate) fn read_error(e: ReadError, file: &str) -> Error {
    let hint = match &e {
        ReadError::Empty => "export the items with their header row".to_owned(),
        ReadError::Json => "`product` reads a product file in JSON directly (`product -f product.json show`); `import csv` takes a CSV exported from Jira, GitLab or a spreadsheet".to_owned(),
        ReadError::HeaderNotUtf8 => "save the CSV as UTF-8".to_owned(),
        ReadError::NoTitle { .. } => {
            "say which column holds the titles with --map title=COLUMN".to_owned()
        }
        ReadError::NoColumn { field, .. } => {
            format!("say which column holds it with --map {field}=COLUMN")
        }
        ReadError::Unreadable(_) => "check that the file is CSV".to_owned(),
        ReadError::UnclosedQuote { .. } => {
            "close the quote; a quote inside a quoted cell is written twice (\"\")".to_owned()
        }
        ReadError::Map(_) => {
            return Error::usage(format!("{file}: {e}"))
                .with_hint("FIELD is an item field such as title, source, size or tags; COLUMN a header of the CSV, or its number (#1 is the first)");
        }
    };
    Error::new(
        ErrorKind::Invalid,
        ErrorCode::CsvInvalid,
        format!("{file}: {e}"),
    )
    .with_hint(hint)
}

/// What to do about bad rows; where one column fails on several rows (a
/// date format this import does not read, say), leaving it out may be the fix.
fn row_errors_hint(problems: &[RowProblem]) -> String {
    // Rows that share a key: often one export of several trackers, whose
    // keys are told apart by another column.
    if let Some(header) = problems
        .iter()
        .find(|p| p.repeated_key)
        .and_then(|p| p.header.as_deref())
    {
        return format!(
            "where the rows are items of several trackers, build the source key from two columns, such as --map source=COLUMN+{}; or import the others with --skip-invalid",
            shown(header)
        );
    }
    let mut by_column: Vec<(&str, &str, usize)> = Vec::new();
    for p in problems {
        if let (Some(header), Some(field)) = (&p.header, p.field) {
            match by_column.iter_mut().find(|(h, _, _)| h == header) {
                Some(entry) => entry.2 += 1,
                None => by_column.push((header, field, 1)),
            }
        }
    }
    match by_column
        .iter()
        .filter(|(_, _, n)| *n > 1)
        .max_by_key(|(_, _, n)| *n)
    {
        Some((header, field, _)) => format!(
            "fix the rows, or import the others with --skip-invalid; to read the file without column `{}`, add --map {field}=",
            shown(header)
        ),
        None => "fix the rows, or import the others with --skip-invalid".into(),
    }
}

/// Every row that cannot be imported, each placed at its line and column.
pub(crate) fn row_errors(problems: &[RowProblem], file: &str) -> Error {
    let rows: BTreeSet<usize> = problems.iter().map(|p| p.row).collect();
    let mut e = Error::new(
        ErrorKind::Invalid,
        ErrorCode::CsvRowsInvalid,
        format!(
            "{file}: {} cannot be imported; nothing was written",
            count(rows.len(), "row")
        ),
    )
    .with_hint(row_errors_hint(problems));
    e.file = Some(file.to_owned());
    e.problems = problems
        .iter()
        .map(|p| Problem {
            line_col: Some((p.line, p.column)),
            path: match &p.header {
                Some(h) => format!("row {}, {}", p.row, shown(h)),
                None => format!("row {}", p.row),
            },
            message: p.message.clone(),
        })
        .collect();
    e
}
