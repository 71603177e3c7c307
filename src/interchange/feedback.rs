//! Reading a feedback export (a survey tool's responses, a support desk's
//! tickets, a feature-request board) as requests or as a need's evidence.
//! Columns are recognised by their usual headers, `--map FIELD=COLUMN`
//! changes that as it does for items, and every problem is placed at its
//! cell.

use serde::Serialize;

use crate::model::{Choice, Date, Evidence, EvidenceKind};

use super::cells;
use super::columns::{MapError, find_columns, normalised, unknown_column};
use super::import::{ReadError, Row, RowProblem, Table, locate_field};

/// What the rows become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackInto {
    /// One request a row: what was asked, who asked, when.
    Requests,
    /// One piece of evidence a row, for one need.
    Evidence,
}

/// A field a feedback column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackField {
    /// The request's text, or the evidence's summary.
    Text,
    From,
    Date,
    Kind,
    People,
    Link,
    Source,
}

impl FeedbackField {
    /// The fields rows of this kind have, in the order they are reported.
    pub fn of(into: FeedbackInto) -> &'static [FeedbackField] {
        use FeedbackField::*;
        match into {
            FeedbackInto::Requests => &[Text, From, Date, Source],
            FeedbackInto::Evidence => &[Text, Date, Kind, People, Link, Source],
        }
    }

    /// The field's name, as `--map` takes it.
    pub fn name(self, into: FeedbackInto) -> &'static str {
        match (self, into) {
            (FeedbackField::Text, FeedbackInto::Requests) => "text",
            (FeedbackField::Text, FeedbackInto::Evidence) => "summary",
            (FeedbackField::From, _) => "from",
            (FeedbackField::Date, _) => "date",
            (FeedbackField::Kind, _) => "kind",
            (FeedbackField::People, _) => "people",
            (FeedbackField::Link, _) => "link",
            (FeedbackField::Source, _) => "source",
        }
    }

    /// Headers that feed it, normalised, besides its own name: those of
    /// survey, support and feedback tools' exports.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            FeedbackField::Text => &[
                "text",
                "summary",
                "request",
                "feedback",
                "comment",
                "comments",
                "message",
                "subject",
                "title",
                "idea",
                "response",
                "answer",
                "description",
            ],
            FeedbackField::From => &[
                "requester",
                "requested by",
                "reporter",
                "submitted by",
                "customer",
                "name",
                "author",
                "user",
                "email",
                "organization",
                "organisation",
                "company",
            ],
            FeedbackField::Date => &[
                "created",
                "created at",
                "submitted",
                "submitted at",
                "timestamp",
                "received",
                "date submitted",
                "start date",
            ],
            FeedbackField::Kind => &["type", "channel", "method"],
            FeedbackField::People => &[
                "count",
                "respondents",
                "responses",
                "votes",
                "participants",
                "users",
            ],
            FeedbackField::Link => &["url", "permalink"],
            FeedbackField::Source => &[
                "id",
                "key",
                "ticket",
                "ticket id",
                "response id",
                "respondent id",
                "issue key",
                "issuekey",
                "issue id",
                "url",
                "reference",
            ],
        }
    }
}

/// How to read a feedback CSV.
#[derive(Debug, Clone)]
pub struct FeedbackOptions {
    pub into: FeedbackInto,
    /// `--map FIELD=COLUMN`, as given.
    pub map: Vec<String>,
    /// The field separator; found from the header line when not given.
    pub delimiter: Option<u8>,
    /// Who asked is given for every row (`--from`), so no column need say it.
    pub from_given: bool,
    /// Rows dated after it are refused.
    pub today: Date,
}

/// One row read: the values its cells give.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackRecord {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    pub text: String,
    pub from: Option<String>,
    pub date: Option<Date>,
    pub kind: Option<EvidenceKind>,
    pub people: Option<u64>,
    pub link: Option<String>,
    pub source: Option<String>,
}

/// A feedback CSV, read and mapped.
#[derive(Debug)]
pub struct FeedbackCsv {
    pub into: FeedbackInto,
    pub headers: Vec<String>,
    /// Each mapped field and its column (0-based).
    pub fields: Vec<(FeedbackField, usize)>,
    /// Columns nothing reads.
    pub ignored: Vec<usize>,
    pub records: Vec<FeedbackRecord>,
    /// Rows that cannot be imported, every problem of each.
    pub problems: Vec<RowProblem>,
    /// Rows in the CSV, the header left out.
    pub rows: usize,
}

impl FeedbackCsv {
    /// Reads the CSV and maps its columns: a text column is needed, and for
    /// requests a column saying who asked.
    /// A row dated after `today`, or naming the source key of an earlier
    /// row, is a problem of that row.
    pub fn read(bytes: &[u8], options: &FeedbackOptions) -> Result<FeedbackCsv, ReadError> {
        let FeedbackOptions {
            into,
            ref map,
            delimiter,
            from_given,
            today,
        } = *options;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let (delimiter, reader, headers) = Table::header(bytes, delimiter)?;
        let (fields, ignored) = mapping(&headers, into, map)?;
        let has = |f: FeedbackField| fields.iter().any(|(g, _)| *g == f);
        for needed in [FeedbackField::Text, FeedbackField::From] {
            let given = needed == FeedbackField::From && from_given;
            if FeedbackField::of(into).contains(&needed) && !has(needed) && !given {
                return Err(ReadError::NoColumn {
                    field: needed.name(into),
                    what: match needed {
                        FeedbackField::From => "person who asked",
                        _ if into == FeedbackInto::Requests => "request's text",
                        _ => "evidence's summary",
                    },
                    headers,
                });
            }
        }
        let table = Table::rows(bytes, delimiter, reader, headers, false)?;
        let place =
            |row: &Row, column: usize| locate_field(bytes, row.start, row.line, column, delimiter);
        let mut problems = table.unreadable.clone();
        let mut records = Vec::with_capacity(table.rows.len());
        let mut sources: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        for row in &table.rows {
            let mut found = Vec::new();
            let mut record = FeedbackRecord {
                row: row.number,
                ..FeedbackRecord::default()
            };
            for &(field, column) in &fields {
                let cell = row.cells[column].trim();
                let mut problem = |message: String| {
                    let (line, col) = place(row, column);
                    found.push(RowProblem {
                        row: row.number,
                        line,
                        column: col,
                        header: Some(table.headers[column].clone()),
                        field: Some(field.name(into)),
                        message,
                        repeated_key: false,
                    });
                };
                if cell.is_empty() {
                    match field {
                        FeedbackField::Text => {
                            problem(format!("the {} is empty", field.name(into)))
                        }
                        // `--from` says it for the rows that do not.
                        FeedbackField::From if !from_given => {
                            problem(
                                "who asked is not said; give it, or --from NAME for such rows"
                                    .into(),
                            );
                        }
                        _ => {}
                    }
                    continue;
                }
                match field {
                    FeedbackField::Text => record.text = cell.to_owned(),
                    FeedbackField::From => record.from = Some(cell.to_owned()),
                    FeedbackField::Link => record.link = Some(cell.to_owned()),
                    FeedbackField::Source => match sources.get(cell) {
                        Some(first) => problem(format!(
                            "row {first} has the same source `{cell}`; each row needs its own"
                        )),
                        None => {
                            sources.insert(cell.to_owned(), row.number);
                            record.source = Some(cell.to_owned());
                        }
                    },
                    FeedbackField::Date => match cells::date(cell) {
                        Ok(d) if d > today => problem(format!(
                            "{d} is after today ({today}); feedback is dated the day it was given"
                        )),
                        Ok(d) => record.date = Some(d),
                        Err(e) => problem(e),
                    },
                    FeedbackField::Kind => match evidence_kind(cell) {
                        Some(k) => record.kind = Some(k),
                        None => problem(format!(
                            "`{cell}` is not a kind of evidence; expected one of {}",
                            EvidenceKind::ALL
                                .iter()
                                .map(|k| k.name())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    },
                    FeedbackField::People => match people(cell) {
                        Ok(n) => record.people = Some(n),
                        Err(e) => problem(e),
                    },
                }
            }
            if found.is_empty() {
                records.push(record);
            } else {
                problems.extend(found);
            }
        }
        problems.sort_by_key(|p| (p.row, p.line, p.column));
        Ok(FeedbackCsv {
            into,
            rows: table.rows.len() + table.unreadable.len(),
            headers: table.headers,
            fields,
            ignored,
            records,
            problems,
        })
    }
}

/// Each mapped field with its column, and the columns nothing reads.
type Columns = (Vec<(FeedbackField, usize)>, Vec<usize>);

/// Which column feeds which field: `--map` first, then the usual headers.
fn mapping(headers: &[String], into: FeedbackInto, map: &[String]) -> Result<Columns, MapError> {
    let normal: Vec<String> = headers.iter().map(|h| normalised(h)).collect();
    let fields = FeedbackField::of(into);
    let mut by_hand: Vec<(FeedbackField, Option<usize>)> = Vec::new();
    for text in map {
        let (name, column) = text
            .split_once('=')
            .ok_or_else(|| MapError::Malformed(text.clone()))?;
        let name = name.trim();
        let field = fields
            .iter()
            .copied()
            .find(|f| f.name(into) == name)
            .ok_or_else(|| {
                let names: Vec<&str> = fields.iter().map(|f| f.name(into)).collect();
                MapError::UnknownRowField {
                    name: name.to_owned(),
                    fields: names.join(", "),
                    suggestion: crate::model::suggest::closest(name, names).map(str::to_owned),
                }
            })?;
        let column = column.trim();
        let index = if column.is_empty() {
            None
        } else {
            let found = find_columns(headers, &normal, column)?;
            Some(
                *found
                    .first()
                    .ok_or_else(|| unknown_column(headers, column))?,
            )
        };
        by_hand.retain(|(f, _)| *f != field);
        by_hand.push((field, index));
    }
    let mut claimed: Vec<bool> = vec![false; headers.len()];
    for (_, index) in &by_hand {
        if let Some(i) = index {
            claimed[*i] = true;
        }
    }
    let mut mapped = Vec::new();
    for &field in fields {
        if let Some((_, index)) = by_hand.iter().find(|(f, _)| *f == field) {
            if let Some(i) = index {
                mapped.push((field, *i));
            }
            continue;
        }
        let own = field.name(into);
        let names = std::iter::once(own).chain(field.aliases().iter().copied());
        let normal = &normal;
        let found = names
            .flat_map(|name| (0..headers.len()).filter(move |&i| normal[i] == name))
            .find(|&i| !claimed[i]);
        if let Some(i) = found {
            claimed[i] = true;
            mapped.push((field, i));
        }
    }
    let ignored = (0..headers.len()).filter(|&i| !claimed[i]).collect();
    Ok((mapped, ignored))
}

/// A kind of evidence as exports write it: `interview`, `Usability test`,
/// `support ticket`, `NPS survey`.
fn evidence_kind(cell: &str) -> Option<EvidenceKind> {
    let word = normalised(cell).replace(' ', "_");
    if let Some(kind) = EvidenceKind::from_name(&word) {
        return Some(kind);
    }
    let has = |w: &str| word.contains(w);
    Some(if has("interview") {
        EvidenceKind::Interview
    } else if has("usability") || has("user_test") {
        EvidenceKind::UsabilityTest
    } else if has("survey") || has("nps") || has("questionnaire") {
        EvidenceKind::Survey
    } else if has("analytic") || has("metric") || has("data") {
        EvidenceKind::Analytics
    } else if has("support") || has("ticket") || has("call") || has("chat") || has("email") {
        EvidenceKind::Support
    } else if has("feedback") || has("review") || has("comment") {
        EvidenceKind::Feedback
    } else if word == "other" {
        EvidenceKind::Other
    } else {
        return None;
    })
}

/// How many people a row stands for: a whole number of 0 or more.
fn people(cell: &str) -> Result<u64, String> {
    let n = cells::number(cell, false)?;
    // Counts far below 2^53, so the f64 is the whole number written.
    #[allow(clippy::cast_precision_loss)]
    let most = Evidence::MAX_PEOPLE as f64;
    if n > most {
        return Err(format!(
            "`{cell}` is more people than there are; at most {} is taken",
            Evidence::MAX_PEOPLE
        ));
    }
    if n < 0.0 || n.fract() != 0.0 || !n.is_finite() {
        return Err(format!(
            "`{cell}` is not a number of people; expected a whole number of 0 or more"
        ));
    }
    // A whole number, checked above; counts of people are far below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as u64)
}
