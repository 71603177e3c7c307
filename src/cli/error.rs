//! The command line's errors: the library's [`Error`], and the one place
//! that maps an error's kind to its exit code and its JSON form.

pub use productfile::{Error as CommandError, ErrorCode, ErrorKind};

pub type CmdResult<T> = Result<T, CommandError>;

/// The exit code of each kind of error, as DESIGN.md and the README list them.
pub fn exit_code(kind: ErrorKind) -> i32 {
    match kind {
        ErrorKind::Found => 1,
        ErrorKind::Usage => 2,
        ErrorKind::Invalid => 3,
        ErrorKind::Refused => 4,
        ErrorKind::Conflict => 5,
        ErrorKind::Io => 6,
    }
}

/// The JSON form of an error, printed on stderr with `--json`.
pub fn to_json(e: &CommandError) -> serde_json::Value {
    let problems: Vec<serde_json::Value> = e
        .problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "file": e.file,
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
        "code": e.code,
        "exit_code": exit_code(e.kind),
        "message": e.message,
    });
    if let Some(hint) = &e.hint {
        value["hint"] = hint.as_str().into();
    }
    if !problems.is_empty() {
        value["problems"] = problems.into();
    }
    value
}
