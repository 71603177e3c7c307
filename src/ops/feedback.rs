//! Importing a feedback export: one request a row (`import csv --into
//! requests`), or one piece of evidence a row for one need (`--into
//! evidence --need N1`). A row whose source key is already in the file
//! updates that request or piece of evidence, so importing the same export
//! again adds nothing twice; any other row is added. Like item import, one
//! bad row stops the whole import unless the import is told to skip it.

use std::collections::HashMap;

use crate::error::Result;
use crate::interchange::{FeedbackCsv, FeedbackField, FeedbackOptions, ReadError, RowProblem};
use crate::model::ids::IdKind;
use crate::model::{Date, Evidence, EvidenceKind, Product, Request, RequestStatus};

use super::import::{ColumnUse, CsvImported, Imported, read_error, row_errors};

/// A feedback CSV to import, read and mapped.
#[derive(Debug)]
pub struct ImportFeedback {
    /// How the CSV is named in messages: its path, or `standard input`.
    pub name: String,
    pub csv: FeedbackCsv,
    pub skip_invalid: bool,
    /// Who asked, for requests whose row does not say.
    pub from: Option<String>,
    /// The kind of evidence, for rows that do not say (`feedback` otherwise).
    pub kind: Option<EvidenceKind>,
}

impl ImportFeedback {
    /// Reads the CSV's rows as `into` says; a CSV that cannot be read as a
    /// table, or has no column for what every row needs, is an error.
    pub fn read(
        name: impl Into<String>,
        bytes: &[u8],
        options: &FeedbackOptions,
    ) -> Result<ImportFeedback> {
        let name = name.into();
        let csv = FeedbackCsv::read(bytes, options).map_err(|e| {
            let mapping = matches!(e, ReadError::Map(_));
            let e = read_error(e, &name);
            if mapping {
                let fields: Vec<&str> = FeedbackField::of(options.into)
                    .iter()
                    .map(|f| f.name(options.into))
                    .collect();
                e.with_hint(format!(
                    "FIELD is one of {}; COLUMN a header of the CSV, or its number (#1 is the first)",
                    fields.join(", ")
                ))
            } else {
                e
            }
        })?;
        Ok(ImportFeedback {
            name,
            csv,
            skip_invalid: false,
            from: None,
            kind: None,
        })
    }
}

/// Imports the rows as requests.
pub fn requests(product: &mut Product, today: Date, opts: &ImportFeedback) -> Result<CsvImported> {
    let problems = opts.csv.problems.clone();
    let by_source: HashMap<&str, usize> = product
        .requests
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((r.source.as_deref()?, i)))
        .collect();
    if !problems.is_empty() && !opts.skip_invalid {
        return Err(row_errors(&problems, &opts.name));
    }
    let records = &opts.csv.records;
    let targets: Vec<Option<usize>> = records
        .iter()
        .map(|r| r.source.as_deref().and_then(|s| by_source.get(s).copied()))
        .collect();
    let mut report = report(opts, problems);
    for (record, target) in records.iter().zip(targets) {
        let from = record
            .from
            .clone()
            .or_else(|| opts.from.clone())
            .unwrap_or_default();
        match target {
            Some(at) => {
                let r = &mut product.requests[at];
                let mut changed = Vec::new();
                if r.text != record.text {
                    r.text.clone_from(&record.text);
                    changed.push("text");
                }
                if r.from != from {
                    r.from = from;
                    changed.push("from");
                }
                if let Some(date) = record.date.filter(|d| *d != r.date) {
                    r.date = date;
                    changed.push("date");
                }
                report.record(Imported {
                    row: record.row,
                    id: r.id.clone(),
                    title: r.text.clone(),
                    source: r.source.clone(),
                    changed,
                });
            }
            None => {
                let request = Request {
                    id: IdKind::Request.next_id(product)?,
                    text: record.text.clone(),
                    from,
                    date: record.date.unwrap_or(today),
                    status: RequestStatus::Open,
                    triaged: None,
                    reason: None,
                    into: None,
                    source: record.source.clone(),
                };
                report.created.push(Imported {
                    row: record.row,
                    id: request.id.clone(),
                    title: request.text.clone(),
                    source: request.source.clone(),
                    changed: Vec::new(),
                });
                product.requests.push(request);
            }
        }
    }
    Ok(report)
}

/// Imports the rows as evidence for the need `need`.
pub fn evidence(
    product: &mut Product,
    today: Date,
    need: &str,
    opts: &ImportFeedback,
) -> Result<CsvImported> {
    product.find_need(need)?;
    let problems = opts.csv.problems.clone();
    if !problems.is_empty() && !opts.skip_invalid {
        return Err(row_errors(&problems, &opts.name));
    }
    let mut report = report(opts, problems);
    let records = &opts.csv.records;
    let need = product.find_need_mut(need)?;
    for record in records {
        let existing = record.source.as_deref().and_then(|s| {
            need.evidence
                .iter()
                .position(|e| e.source.as_deref() == Some(s))
        });
        let evidence = Evidence {
            date: record.date.unwrap_or(today),
            kind: record.kind.or(opts.kind).unwrap_or(EvidenceKind::Feedback),
            summary: record.text.clone(),
            people: record.people.unwrap_or(1),
            link: record.link.clone(),
            source: record.source.clone(),
        };
        let mut imported = Imported {
            row: record.row,
            id: need.id.clone(),
            title: evidence.summary.clone(),
            source: evidence.source.clone(),
            changed: Vec::new(),
        };
        match existing {
            Some(at) => {
                let old = &need.evidence[at];
                for (field, differs) in [
                    ("date", old.date != evidence.date && record.date.is_some()),
                    ("kind", old.kind != evidence.kind && record.kind.is_some()),
                    ("summary", old.summary != evidence.summary),
                    (
                        "people",
                        old.people != evidence.people && record.people.is_some(),
                    ),
                    ("link", old.link != evidence.link && record.link.is_some()),
                ] {
                    if differs {
                        imported.changed.push(field);
                    }
                }
                if !imported.changed.is_empty() {
                    let old = &mut need.evidence[at];
                    *old = Evidence {
                        date: record.date.unwrap_or(old.date),
                        kind: record.kind.unwrap_or(old.kind),
                        people: record.people.unwrap_or(old.people),
                        link: evidence.link.or(old.link.clone()),
                        ..evidence
                    };
                }
                report.record(imported);
            }
            None => {
                need.evidence.push(evidence);
                report.created.push(imported);
            }
        }
    }
    Ok(report)
}

fn report(opts: &ImportFeedback, skipped: Vec<RowProblem>) -> CsvImported {
    let csv = &opts.csv;
    CsvImported {
        rows: csv.rows,
        columns: csv
            .fields
            .iter()
            .map(|(field, c)| ColumnUse {
                column: csv.headers[*c].clone(),
                field: field.name(csv.into),
                joined: false,
            })
            .collect(),
        ignored_columns: csv
            .ignored
            .iter()
            .map(|&c| csv.headers[c].clone())
            .collect(),
        created: Vec::new(),
        updated: Vec::new(),
        unchanged: Vec::new(),
        skipped,
        warnings: Vec::new(),
    }
}
