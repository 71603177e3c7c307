//! Runs the user's editor on a temporary file and returns what they saved.

use std::process::Command;

use super::super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};

/// The editor command: `$EDITOR`, then `$VISUAL`, then `vi`.
fn editor_command() -> String {
    ["EDITOR", "VISUAL"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".into())
}

/// Opens `text` in the editor as a file named `name` and returns the saved text.
pub fn edit(text: &str, name: &str) -> CmdResult<String> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(name);
    std::fs::write(&path, text)?;
    let editor = editor_command();
    // Through the shell, as git does, so EDITOR="code --wait" works.
    let status = if cfg!(unix) {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg(&editor)
            .arg(&path)
            .status()
    } else {
        let mut words = editor.split_whitespace();
        Command::new(words.next().unwrap_or("notepad"))
            .args(words)
            .arg(&path)
            .status()
    };
    let status = status.map_err(|e| {
        CommandError::new(
            ErrorKind::Io,
            ErrorCode::Editor,
            format!("could not start the editor `{editor}`: {e}"),
        )
        .with_hint("set $EDITOR to your editor's command, e.g. EDITOR=nano")
    })?;
    if !status.success() {
        return Err(CommandError::new(
            ErrorKind::Io,
            ErrorCode::Editor,
            format!("the editor `{editor}` exited with {status}; nothing was changed"),
        ));
    }
    Ok(std::fs::read_to_string(&path)?)
}
