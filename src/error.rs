//! The library's one error: what was wrong, where, and what to do, with a
//! kind (which decides a face's exit code) and a stable code (which scripts
//! match on). Every operation in [`crate::ops`] and [`crate::query`] returns it.

use std::fmt;

use serde::Serialize;

use crate::model::ids::IdsExhausted;
use crate::model::{Entity, NotFound};
use crate::store::{Problem, StoreError};

/// What sort of failure. The command line maps each to its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Not a failure: a check found problems, or a diff a difference.
    Found,
    /// The request was wrong: a bad value, a missing or contradictory option.
    Usage,
    /// The product file is missing or invalid, or the request names
    /// something the file does not have.
    Invalid,
    /// Refused by decision rights.
    Refused,
    /// The file changed underneath, or its lock was not obtained.
    Conflict,
    /// Any other input/output failure.
    Io,
}

/// The stable, machine-readable code of an error: the `code` of the JSON
/// error object. Its values are listed in the README; a new one is added,
/// never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A check found problems, or a diff a difference (exit 1, nothing more said).
    Found,
    /// The command line or a request was wrong.
    Usage,
    /// An id the file does not have.
    UnknownId,
    /// No product file was found, or the one named does not exist.
    FileMissing,
    /// The path given for the product file is a folder, a FIFO, a device or
    /// a socket, not a regular file.
    NotAFile,
    /// The product file does not parse or breaks a rule of the format.
    FileInvalid,
    /// `init` would replace a file that exists.
    FileExists,
    /// The product file has git conflict markers: a merge left unresolved.
    ConflictMarkers,
    /// A git revision could not be read.
    Revision,
    /// The file needs a newer `product` to write it (`[product] requires`).
    RequiresNewer,
    /// A command that works in a git repository was run outside one.
    NotInGit,
    /// git could not be run, or failed.
    Git,
    /// The file changed on disk between its read and the write.
    Conflict,
    /// Another command held the file's lock for too long.
    Locked,
    /// Refused by decision rights.
    Refused,
    /// A value out of its range, or of the wrong sort.
    InvalidValue,
    /// An item edited as a whole (`$EDITOR`) is not a valid item.
    InvalidItem,
    /// A dependency on itself, or a cycle of dependencies.
    DependencyCycle,
    /// A name already taken (a person, a stakeholder, a KPI).
    DuplicateName,
    /// A product key another product of the portfolio already has.
    DuplicateKey,
    /// No item number is left after the highest id.
    IdsExhausted,
    /// A key result whose start equals its target.
    StartIsTarget,
    /// A reading or check-in dated after today.
    DateInFuture,
    /// A scoring method that is neither built in nor a formula of the file.
    UnknownMethod,
    /// A scoring formula that does not parse.
    InvalidFormula,
    /// A CSV file that cannot be read as a table.
    CsvInvalid,
    /// Rows of a CSV file that cannot be imported.
    CsvRowsInvalid,
    /// The editor could not be started, or failed.
    Editor,
    /// A path or text that is not UTF-8.
    NotUtf8,
    /// Standard output was closed (`| head`): not a failure.
    BrokenPipe,
    /// No signature could be made: no key, or `ssh-keygen` failed.
    Signing,
    /// A signature given to attach does not prove what it should.
    SignatureInvalid,
    /// The product file may not be written: its mode forbids it.
    ReadOnly,
    /// Any other input/output failure.
    Io,
    /// A fault of `product` itself.
    Internal,
}

impl ErrorCode {
    /// The code as it is written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Found => "found",
            ErrorCode::Usage => "usage",
            ErrorCode::UnknownId => "unknown_id",
            ErrorCode::FileMissing => "file_missing",
            ErrorCode::NotAFile => "not_a_file",
            ErrorCode::FileInvalid => "file_invalid",
            ErrorCode::FileExists => "file_exists",
            ErrorCode::ConflictMarkers => "conflict_markers",
            ErrorCode::Revision => "revision",
            ErrorCode::RequiresNewer => "requires_newer",
            ErrorCode::NotInGit => "not_in_git",
            ErrorCode::Git => "git",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Locked => "locked",
            ErrorCode::Refused => "refused",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::InvalidItem => "invalid_item",
            ErrorCode::DependencyCycle => "dependency_cycle",
            ErrorCode::DuplicateName => "duplicate_name",
            ErrorCode::DuplicateKey => "duplicate_key",
            ErrorCode::IdsExhausted => "ids_exhausted",
            ErrorCode::StartIsTarget => "start_is_target",
            ErrorCode::DateInFuture => "date_in_future",
            ErrorCode::UnknownMethod => "unknown_method",
            ErrorCode::InvalidFormula => "invalid_formula",
            ErrorCode::CsvInvalid => "csv_invalid",
            ErrorCode::CsvRowsInvalid => "csv_rows_invalid",
            ErrorCode::Editor => "editor",
            ErrorCode::NotUtf8 => "not_utf8",
            ErrorCode::BrokenPipe => "broken_pipe",
            ErrorCode::Signing => "signing",
            ErrorCode::SignatureInvalid => "signature_invalid",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::Io => "io",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed operation: what was wrong, where, and what to do.
#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub code: ErrorCode,
    pub message: String,
    pub hint: Option<String>,
    /// The file the problems are in, if any.
    pub file: Option<String>,
    pub problems: Vec<Problem>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            kind,
            code,
            message: message.into(),
            hint: None,
            file: None,
            problems: Vec::new(),
        }
    }

    /// The job was done and found something (a check's findings).
    pub fn found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Found, ErrorCode::Found, message)
    }

    /// The request was wrong.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, ErrorCode::Usage, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// An id that the file does not have, with the ones it does.
    pub fn unknown(what: &str, id: &str, known: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        let known: Vec<String> = known.into_iter().map(|k| k.as_ref().to_owned()).collect();
        let same_but_case = known.iter().find(|k| k.eq_ignore_ascii_case(id));
        let hint = if let Some(k) = same_but_case {
            format!("did you mean `{k}`? ids are case-sensitive")
        } else if known.is_empty() {
            format!("there are no {} yet", plural(what))
        } else {
            const SHOWN: usize = 20;
            let mut list = known
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if known.len() > SHOWN {
                list.push_str(&format!(", ... ({} in all)", known.len()));
            }
            format!("known {}: {list}", plural(what))
        };
        Self::new(
            ErrorKind::Invalid,
            ErrorCode::UnknownId,
            format!("no {what} `{id}`"),
        )
        .with_hint(hint)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<crate::store::ssh::SshError> for Error {
    fn from(e: crate::store::ssh::SshError) -> Self {
        use crate::store::ssh::SshError;
        let kind = match &e {
            SshError::NotRun { .. } | SshError::Failed { .. } => ErrorKind::Io,
            _ => ErrorKind::Usage,
        };
        let hint = e.hint();
        Error::new(kind, ErrorCode::Signing, e.to_string()).with_hint(hint)
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        let (kind, code) = match &e {
            StoreError::NotFound { .. }
            | StoreError::ManifestNotFound { .. }
            | StoreError::ManifestMissing { .. }
            | StoreError::Missing { .. }
            | StoreError::NoFolder { .. } => (ErrorKind::Invalid, ErrorCode::FileMissing),
            StoreError::NotAFile { .. } => (ErrorKind::Invalid, ErrorCode::NotAFile),
            StoreError::AtRevision { .. } => (ErrorKind::Invalid, ErrorCode::Revision),
            StoreError::Invalid { .. } | StoreError::InvalidManifest { .. } => {
                (ErrorKind::Invalid, ErrorCode::FileInvalid)
            }
            StoreError::ConflictMarkers { .. } => (ErrorKind::Invalid, ErrorCode::ConflictMarkers),
            StoreError::NotInGit { .. } => (ErrorKind::Usage, ErrorCode::NotInGit),
            StoreError::Git { .. } => (ErrorKind::Io, ErrorCode::Git),
            StoreError::AlreadyExists { .. } => (ErrorKind::Usage, ErrorCode::FileExists),
            StoreError::RequiresNewer { .. } => (ErrorKind::Invalid, ErrorCode::RequiresNewer),
            StoreError::Conflict { .. } => (ErrorKind::Conflict, ErrorCode::Conflict),
            StoreError::Locked { .. } => (ErrorKind::Conflict, ErrorCode::Locked),
            StoreError::ReadOnly { .. } => (ErrorKind::Io, ErrorCode::ReadOnly),
            StoreError::Io { .. } | StoreError::LockNotFile { .. } => {
                (ErrorKind::Io, ErrorCode::Io)
            }
        };
        let hint = e.hint();
        let (file, problems, message) = match &e {
            StoreError::Invalid { file, problems } => {
                let first = problems.first().map_or(String::new(), |p| p.to_string());
                let message = if problems.len() > 1 {
                    format!(
                        "{} is not a valid product file ({} problems)",
                        file.display(),
                        problems.len()
                    )
                } else {
                    format!("{} is not a valid product file: {first}", file.display())
                };
                (Some(file.display().to_string()), problems.clone(), message)
            }
            StoreError::InvalidManifest { file, problems } => {
                let first = problems.first().map_or(String::new(), |p| p.to_string());
                let message = if problems.len() > 1 {
                    format!(
                        "{} is not a valid portfolio manifest ({} problems)",
                        file.display(),
                        problems.len()
                    )
                } else {
                    format!(
                        "{} is not a valid portfolio manifest: {first}",
                        file.display()
                    )
                };
                (Some(file.display().to_string()), problems.clone(), message)
            }
            StoreError::ConflictMarkers { file, line, marker } => {
                // Placed like any problem in the file: `product.toml:12:1`.
                let problem = Problem {
                    line_col: Some((*line, 1)),
                    path: String::new(),
                    message: format!("the file has git conflict markers ({marker})"),
                };
                (
                    Some(file.display().to_string()),
                    vec![problem],
                    e.to_string(),
                )
            }
            _ => (None, Vec::new(), e.to_string()),
        };
        Error {
            kind,
            code,
            message,
            hint,
            file,
            problems,
        }
    }
}

impl Error {
    /// A link to something the product does not have, as `From<NotFound>`
    /// says it; a key result named without its objective (`KR1`) is told
    /// how key results are named.
    pub fn unknown_link(missing: NotFound) -> Self {
        let bare_key_result = missing.kind == Entity::KeyResult && !missing.id.contains('.');
        let e = Error::from(missing);
        if bare_key_result {
            let hint = e.hint.clone().unwrap_or_default();
            e.with_hint(format!(
                "a key result is named with its objective, as O1.KR1; {hint}"
            ))
        } else {
            e
        }
    }
}

impl From<IdsExhausted> for Error {
    fn from(e: IdsExhausted) -> Self {
        let hint = format!(
            "renumber the {what} with the highest numbers (and lower their mark in [product.last_ids], if set){key}",
            what = plural(e.what),
            key = if e.what == "item" {
                ", or use a new [product] key"
            } else {
                ""
            }
        );
        Self::new(ErrorKind::Invalid, ErrorCode::IdsExhausted, e.to_string()).with_hint(hint)
    }
}

impl From<NotFound> for Error {
    fn from(e: NotFound) -> Self {
        Error::unknown(e.kind.name(), &e.id, e.known)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        // A closed pipe (`product item list | head -1`) is not a failure.
        let code = if e.kind() == std::io::ErrorKind::BrokenPipe {
            ErrorCode::BrokenPipe
        } else {
            ErrorCode::Io
        };
        Error::new(ErrorKind::Io, code, e.to_string())
    }
}

/// `item` → `items`, `roadmap entry` → `roadmap entries`, `KPI or key result`
/// → `KPIs or key results`.
fn plural(what: &str) -> String {
    what.split(" or ")
        .map(|w| match w.strip_suffix('y') {
            _ if w == "person" => "people".to_owned(),
            Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
            _ => format!("{w}s"),
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_thing_take_their_plurals() {
        assert_eq!(plural("item"), "items");
        assert_eq!(plural("roadmap entry"), "roadmap entries");
        assert_eq!(plural("KPI or key result"), "KPIs or key results");
    }

    #[test]
    fn codes_are_written_in_snake_case() {
        assert_eq!(ErrorCode::UnknownId.as_str(), "unknown_id");
        assert_eq!(ErrorCode::CsvRowsInvalid.as_str(), "csv_rows_invalid");
        assert_eq!(
            serde_json::to_value(ErrorCode::BrokenPipe).unwrap(),
            "broken_pipe"
        );
    }
}
