//! The one error type of the command line, and the one place that maps an
//! error's kind to its exit code.

use std::fmt;

use serde::Serialize;

use productfile::store::{Problem, StoreError};

/// What sort of failure, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Not a failure: `check` found problems, or `diff --exit-code` a difference: exit 1.
    Found,
    /// The command line was wrong: exit 2.
    Usage,
    /// The product file is missing or invalid, or names something that is not there: exit 3.
    Invalid,
    /// Refused by decision rights: exit 4.
    Refused,
    /// The file changed underneath, or the lock was not obtained: exit 5.
    Conflict,
    /// Any other input/output failure: exit 6.
    Io,
}

impl ErrorKind {
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Found => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Invalid => 3,
            ErrorKind::Refused => 4,
            ErrorKind::Conflict => 5,
            ErrorKind::Io => 6,
        }
    }
}

/// A failed command: what was wrong, where, and what to do.
#[derive(Debug)]
pub struct CommandError {
    pub kind: ErrorKind,
    /// A stable, machine-readable code such as `unknown_item`.
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    /// The file the problems are in, if any.
    pub file: Option<String>,
    pub problems: Vec<Problem>,
}

impl CommandError {
    pub fn new(kind: ErrorKind, code: &'static str, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            code,
            message: message.into(),
            hint: None,
            file: None,
            problems: Vec::new(),
        }
    }

    /// The command did its job and found something: exit 1, nothing more said.
    pub fn found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Found, "found", message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, "usage", message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// An id on the command line that the file does not have, with the ones it does.
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
            "unknown_id",
            format!("no {what} `{id}`"),
        )
        .with_hint(hint)
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    /// The JSON form printed on stderr with `--json`.
    pub fn to_json(&self) -> serde_json::Value {
        let problems: Vec<serde_json::Value> = self
            .problems
            .iter()
            .map(|p| {
                serde_json::json!({
                    "file": self.file,
                    "line": p.line_col.map(|l| l.0),
                    "column": p.line_col.map(|l| l.1),
                    "path": (!p.path.is_empty()).then_some(&p.path),
                    "message": p.message,
                })
            })
            .collect();
        let mut value = serde_json::json!({
            "kind": "error",
            "version": crate::render::JSON_VERSION,
            "code": self.code,
            "exit_code": self.exit_code(),
            "message": self.message,
        });
        if let Some(hint) = &self.hint {
            value["hint"] = hint.as_str().into();
        }
        if !problems.is_empty() {
            value["problems"] = problems.into();
        }
        value
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        let (kind, code) = match &e {
            StoreError::NotFound { .. } | StoreError::Missing { .. } => {
                (ErrorKind::Invalid, "file_missing")
            }
            StoreError::AtRevision { .. } => (ErrorKind::Invalid, "revision"),
            StoreError::Invalid { .. } => (ErrorKind::Invalid, "file_invalid"),
            StoreError::AlreadyExists { .. } => (ErrorKind::Usage, "file_exists"),
            StoreError::Conflict { .. } => (ErrorKind::Conflict, "conflict"),
            StoreError::Locked { .. } => (ErrorKind::Conflict, "locked"),
            StoreError::Io { .. } => (ErrorKind::Io, "io"),
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
            _ => (None, Vec::new(), e.to_string()),
        };
        CommandError {
            kind,
            code,
            message,
            hint,
            file,
            problems,
        }
    }
}

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> Self {
        // A closed pipe (`product item list | head -1`) is not a failure: main exits quietly.
        let code = if e.kind() == std::io::ErrorKind::BrokenPipe {
            "broken_pipe"
        } else {
            "io"
        };
        CommandError::new(ErrorKind::Io, code, e.to_string())
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

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
}
