//! Which CSV column feeds which item field. The headers of Jira and GitLab
//! exports and of our own export are recognised case-insensitively; `--map
//! FIELD=COLUMN` adds a mapping, replaces one, or (with no column) drops one;
//! `--map source=COLUMN+COLUMN` builds the source key from several columns.
//! A column is named by its header, or by its number (`#3`, the first is
//! `#1`) where two share a header.

use std::fmt;

use crate::model::NumberField;
use crate::model::suggest::closest;

use super::quote::shown;

/// An item field a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Title,
    Description,
    Kind,
    Status,
    Tags,
    Mvp,
    Moscow,
    Roadmap,
    KeyResults,
    Needs,
    Requests,
    Acceptance,
    DependsOn,
    /// A numeric field (a scoring input).
    Number(NumberField),
    Due,
    DoneOn,
    Reason,
    Pinned,
    Source,
    Hypothesis,
    Measure,
    Success,
    Result,
    Learning,
    Created,
    Updated,
    /// A GitLab milestone, kept as a `milestone:NAME` tag.
    Milestone,
}

impl Field {
    /// Every field, in the order of our own export's columns.
    pub fn all() -> Vec<Field> {
        let mut fields = vec![
            Field::Id,
            Field::Title,
            Field::Description,
            Field::Kind,
            Field::Status,
            Field::Tags,
            Field::Mvp,
            Field::Moscow,
            Field::Roadmap,
            Field::KeyResults,
            Field::Needs,
            Field::Requests,
            Field::Acceptance,
            Field::DependsOn,
        ];
        fields.extend(NumberField::ALL.map(Field::Number));
        fields.extend([
            Field::Due,
            Field::DoneOn,
            Field::Reason,
            Field::Pinned,
            Field::Source,
            Field::Hypothesis,
            Field::Measure,
            Field::Success,
            Field::Result,
            Field::Learning,
            Field::Created,
            Field::Updated,
        ]);
        fields
    }

    /// The field's name: the item key, `experiment.KEY` inside the
    /// experiment table, and `milestone` for the tag.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Description => "description",
            Field::Kind => "kind",
            Field::Status => "status",
            Field::Tags => "tags",
            Field::Mvp => "mvp",
            Field::Moscow => "moscow",
            Field::Roadmap => "roadmap",
            Field::KeyResults => "key_results",
            Field::Needs => "needs",
            Field::Requests => "requests",
            Field::Acceptance => "acceptance",
            Field::DependsOn => "depends_on",
            Field::Number(field) => field.name(),
            Field::Due => "due",
            Field::DoneOn => "done_on",
            Field::Reason => "reason",
            Field::Pinned => "pinned",
            Field::Source => "source",
            Field::Hypothesis => "experiment.hypothesis",
            Field::Measure => "experiment.measure",
            Field::Success => "experiment.success",
            Field::Result => "experiment.result",
            Field::Learning => "experiment.learning",
            Field::Created => "created",
            Field::Updated => "updated",
            Field::Milestone => "milestone",
        }
    }

    /// The field named `name` (as `--map` takes it), if there is one.
    pub fn named(name: &str) -> Option<Field> {
        let name = name.trim();
        Field::all()
            .into_iter()
            .chain([Field::Milestone])
            .find(|f| f.name() == name)
    }

    /// Whether a row's cells for this field add up (tags from every
    /// `Labels` column of a Jira export) rather than the first one counting.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Field::Tags
                | Field::KeyResults
                | Field::Needs
                | Field::Requests
                | Field::Acceptance
                | Field::DependsOn
        )
    }

    /// The other exports' names for the field, most telling first: where
    /// a row has values under two of them (Jira's `Issue key` and `Issue
    /// id`), the first wins; the next stands in where the first is empty.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["summary"],
            // A GitLab issue's URL names it across projects; its ids may not.
            Field::Source => &["issue key", "issuekey", "url", "issue id", "iid"],
            Field::Kind => &["issue type", "issuetype", "type"],
            Field::Status => &["state"],
            Field::Moscow => &["priority"],
            Field::Number(NumberField::Size) => &[
                "story points",
                "custom field (story points)",
                "story point estimate",
                "custom field (story point estimate)",
                "storypoints",
                "storypoint",
                "weight",
            ],
            Field::Tags => &["labels", "label"],
            Field::Created => &["created at", "created at (utc)"],
            Field::Updated => &["updated at", "updated at (utc)"],
            Field::Due => &["due date", "duedate"],
            Field::DoneOn => &["resolved", "closed at", "closed at (utc)", "resolutiondate"],
            _ => &[],
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A header as it is compared: lower case, `_` and `-` read as spaces,
/// runs of spaces as one.
pub(super) fn normalised(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The columns `column` names: every one of that header (Jira repeats
/// `Labels` once a label), `#N` for the Nth unless a header is written
/// so, or the headers that read the same in any case and spacing.
/// `normal` is the headers [`normalised`].
pub(super) fn find_columns(
    headers: &[String],
    normal: &[String],
    column: &str,
) -> Result<Vec<usize>, MapError> {
    let exact: Vec<usize> = (0..headers.len())
        .filter(|&i| headers[i].trim() == column)
        .collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    if let Some(number) = column.strip_prefix('#')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
    {
        return match number.parse::<usize>() {
            Ok(n) if (1..=headers.len()).contains(&n) => Ok(vec![n - 1]),
            _ => Err(MapError::NoColumnNumber {
                number: number.to_owned(),
                count: headers.len(),
            }),
        };
    }
    let wanted = normalised(column);
    Ok((0..headers.len())
        .filter(|&i| normal[i] == wanted)
        .collect())
}

/// That the CSV has no column `column`, with the likeliest one meant.
pub(super) fn unknown_column(headers: &[String], column: &str) -> MapError {
    MapError::UnknownColumn {
        column: column.to_owned(),
        suggestion: closest(column, headers.iter().map(String::as_str)).map(str::to_owned),
    }
}

/// Whether a header names a score of our own export (`wsjf_score`): scores
/// are worked out from the inputs, so they are read past, never imported.
fn is_score(header: &str) -> bool {
    normalised(header).ends_with(" score")
}

/// A `--map` that cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    #[error("`--map {0}` is not FIELD=COLUMN")]
    Malformed(String),
    #[error("`{name}` is not an item field{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownField {
        name: String,
        suggestion: Option<String>,
    },
    #[error("`{name}` is not a field of these rows ({fields}){}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownRowField {
        name: String,
        /// The fields there are, listed.
        fields: String,
        suggestion: Option<String>,
    },
    #[error("the CSV has no column `{}`{}", shown(column), suggestion.as_ref().map(|s| format!("; did you mean `{}`?", shown(s))).unwrap_or_default())]
    UnknownColumn {
        column: String,
        suggestion: Option<String>,
    },
    #[error("`--map {}`: only source is built from several columns (source=COLUMN+COLUMN)", shown(.0))]
    OnlySourceJoins(String),
    #[error("the CSV has {count} columns, so no column #{number}")]
    NoColumnNumber { number: String, count: usize },
}

/// What the parts of a source key built from several columns are joined with.
pub const JOINER: &str = "/";

/// Where each field's cells are, and which columns nothing reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Each mapped field and its columns (0-based), in [`Field::all`] order.
    pub fields: Vec<(Field, Vec<usize>)>,
    /// Columns no field reads (scores left out).
    pub ignored: Vec<usize>,
    /// Fields whose columns' cells are joined with [`JOINER`] into one
    /// value (`--map source=COLUMN+COLUMN`), where otherwise the first
    /// non-empty one counts.
    pub joined: Vec<Field>,
}

impl Mapping {
    /// Recognises the headers, then applies the `--map FIELD=COLUMN`
    /// overrides. A column mapped by hand is taken from the field that
    /// recognised it.
    pub fn new(headers: &[String], overrides: &[String]) -> Result<Mapping, MapError> {
        let mut fields: Vec<(Field, Vec<usize>)> = Vec::new();
        let mut claimed = vec![false; headers.len()];
        let normal: Vec<String> = headers.iter().map(|h| normalised(h)).collect();
        let mut by_hand: Vec<(Field, Vec<usize>)> = Vec::new();
        let mut joined = Vec::new();
        for text in overrides {
            let (name, column) = text
                .split_once('=')
                .ok_or_else(|| MapError::Malformed(text.clone()))?;
            let field = Field::named(name).ok_or_else(|| {
                let names: Vec<&str> = Field::all().iter().map(|f| f.name()).collect();
                MapError::UnknownField {
                    name: name.trim().to_owned(),
                    suggestion: closest(name.trim(), names).map(str::to_owned),
                }
            })?;
            let column = column.trim();
            // Every column of that name: Jira repeats `Labels` once a label.
            // `#N` is the Nth column, unless a header is written so.
            let named = |column: &str| find_columns(headers, &normal, column);
            let unknown = |column: &str| unknown_column(headers, column);
            joined.retain(|f| *f != field);
            let index: Vec<usize> = if column.is_empty() {
                Vec::new()
            } else {
                let found = named(column)?;
                if !found.is_empty() {
                    found
                } else if column.contains('+') {
                    // A header with a `+` in it is found whole, above.
                    let mut parts = Vec::new();
                    for part in column.split('+').map(str::trim) {
                        let found = named(part)?;
                        let first = *found.first().ok_or_else(|| unknown(part))?;
                        parts.push(first);
                    }
                    if field != Field::Source {
                        return Err(MapError::OnlySourceJoins(text.trim().to_owned()));
                    }
                    joined.push(field);
                    parts
                } else {
                    return Err(unknown(column));
                }
            };
            for &i in &index {
                claimed[i] = true;
            }
            by_hand.retain(|(f, _)| *f != field);
            by_hand.push((field, index));
        }
        for field in Field::all().into_iter().chain([Field::Milestone]) {
            if let Some((_, columns)) = by_hand.iter().find(|(f, _)| *f == field) {
                if !columns.is_empty() {
                    fields.push((field, columns.clone()));
                }
                continue;
            }
            let own = normalised(field.name());
            let names = std::iter::once(own.as_str()).chain(field.aliases().iter().copied());
            let mut columns = Vec::new();
            for name in names {
                columns.extend((0..headers.len()).filter(|&i| !claimed[i] && normal[i] == name));
            }
            if !columns.is_empty() {
                for &i in &columns {
                    claimed[i] = true;
                }
                fields.push((field, columns));
            }
        }
        let ignored = (0..headers.len())
            .filter(|&i| !claimed[i] && !is_score(&headers[i]))
            .collect();
        Ok(Mapping {
            fields,
            ignored,
            joined,
        })
    }

    /// Columns that share a header and feed one field whose first
    /// non-empty cell counts (not a list, not a key built from several):
    /// the later ones are read only where the first is empty. By field,
    /// each such set of columns in order.
    pub fn repeated(&self, headers: &[String]) -> Vec<(Field, Vec<usize>)> {
        let mut found = Vec::new();
        for (field, columns) in &self.fields {
            if field.is_list() || self.joined.contains(field) {
                continue;
            }
            let mut seen: Vec<(String, Vec<usize>)> = Vec::new();
            for &c in columns {
                let name = normalised(&headers[c]);
                match seen.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, same)) => same.push(c),
                    None => seen.push((name, vec![c])),
                }
            }
            found.extend(
                seen.into_iter()
                    .filter(|(_, same)| same.len() > 1)
                    .map(|(_, same)| (*field, same)),
            );
        }
        found
    }

    /// The columns a field reads, if any.
    pub fn columns(&self, field: Field) -> Option<&[usize]> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| c.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &str) -> Vec<String> {
        list.split(',').map(str::to_owned).collect()
    }

    #[test]
    fn jira_headers_are_recognised() {
        let h = headers(
            "Summary,Issue key,Issue id,Issue Type,Status,Priority,Custom field (Story Points),Description,Labels,Labels,Created,Assignee",
        );
        let m = Mapping::new(&h, &[]).unwrap();
        assert_eq!(m.columns(Field::Title), Some(&[0][..]));
        assert_eq!(m.columns(Field::Source), Some(&[1, 2][..]));
        assert_eq!(m.columns(Field::Kind), Some(&[3][..]));
        assert_eq!(m.columns(Field::Moscow), Some(&[5][..]));
        assert_eq!(m.columns(Field::Number(NumberField::Size)), Some(&[6][..]));
        assert_eq!(m.columns(Field::Tags), Some(&[8, 9][..]));
        assert_eq!(m.columns(Field::Created), Some(&[10][..]));
        assert_eq!(m.ignored, vec![11]);
    }

    #[test]
    fn gitlab_headers_are_recognised() {
        let h = headers(
            "Title,Description,Issue ID,URL,State,Labels,Milestone,Weight,Created At (UTC)",
        );
        let m = Mapping::new(&h, &[]).unwrap();
        assert_eq!(m.columns(Field::Source), Some(&[3, 2][..]));
        assert_eq!(m.columns(Field::Status), Some(&[4][..]));
        assert_eq!(m.columns(Field::Milestone), Some(&[6][..]));
        assert_eq!(m.columns(Field::Number(NumberField::Size)), Some(&[7][..]));
        assert_eq!(m.columns(Field::Created), Some(&[8][..]));
        assert!(m.ignored.is_empty());
    }

    #[test]
    fn a_mapping_by_hand_takes_the_column_from_the_field_that_recognised_it() {
        let h = headers("issuekey,title,storypoint,Notes");
        let m = Mapping::new(
            &h,
            &[
                "description=notes".into(),
                "title=".into(),
                "reason=Title".into(),
            ],
        )
        .unwrap();
        assert_eq!(m.columns(Field::Title), None);
        assert_eq!(m.columns(Field::Reason), Some(&[1][..]));
        assert_eq!(m.columns(Field::Description), Some(&[3][..]));
        assert_eq!(m.columns(Field::Number(NumberField::Size)), Some(&[2][..]));
        assert!(m.ignored.is_empty());
    }

    #[test]
    fn a_mapping_by_hand_reads_every_column_of_that_name() {
        let h = headers("Summary,Tag,Tag,Other");
        let m = Mapping::new(&h, &["tags=tag".into()]).unwrap();
        assert_eq!(m.columns(Field::Tags), Some(&[1, 2][..]));
    }

    #[test]
    fn a_source_key_is_built_from_several_columns_or_one_with_a_plus() {
        let h = headers("repo,id,title,A+B");
        let m = Mapping::new(&h, &["source=repo + id".into()]).unwrap();
        assert_eq!(m.columns(Field::Source), Some(&[0, 1][..]));
        assert_eq!(m.columns(Field::Id), None);
        assert_eq!(m.joined, [Field::Source]);
        let m = Mapping::new(&h, &["source=A+B".into()]).unwrap();
        assert_eq!(m.columns(Field::Source), Some(&[3][..]));
        assert!(m.joined.is_empty());
        assert!(matches!(
            Mapping::new(&h, &["title=repo+id".into()]),
            Err(MapError::OnlySourceJoins(_))
        ));
        assert!(matches!(
            Mapping::new(&h, &["source=repo+key".into()]),
            Err(MapError::UnknownColumn { column, .. }) if column == "key"
        ));
    }

    #[test]
    fn bad_mappings_say_what_was_meant() {
        let h = headers("Summary,Story Points");
        assert_eq!(
            Mapping::new(&h, &["titel=Summary".into()]).unwrap_err(),
            MapError::UnknownField {
                name: "titel".into(),
                suggestion: Some("title".into())
            }
        );
        assert_eq!(
            Mapping::new(&h, &["size=Story Pionts".into()])
                .unwrap_err()
                .to_string(),
            "the CSV has no column `Story Pionts`; did you mean `Story Points`?"
        );
        assert!(matches!(
            Mapping::new(&h, &["size".into()]),
            Err(MapError::Malformed(_))
        ));
    }

    #[test]
    fn a_column_is_named_by_its_number_where_headers_repeat() {
        let h = headers("Summary,Summary,#2");
        let m = Mapping::new(&h, &[]).unwrap();
        assert_eq!(m.repeated(&h), [(Field::Title, vec![0, 1])]);
        let m = Mapping::new(&h, &["title=#2".into()]).unwrap();
        assert_eq!(m.columns(Field::Title), Some(&[2][..]));
        let m = Mapping::new(&h, &["title=#1".into()]).unwrap();
        assert_eq!(m.columns(Field::Title), Some(&[0][..]));
        assert!(m.repeated(&h).is_empty());
        assert_eq!(
            Mapping::new(&h, &["title=#0".into()]).unwrap_err(),
            MapError::NoColumnNumber {
                number: "0".into(),
                count: 3
            }
        );
    }

    #[test]
    fn scores_of_our_own_export_are_read_past() {
        let h = headers("id,title,wsjf_score,rice_score,Extra");
        let m = Mapping::new(&h, &[]).unwrap();
        assert_eq!(m.ignored, vec![4]);
    }
}
