//! Findings as GitHub Actions workflow commands (`--format github`), which
//! the runner turns into annotations on the pull request's lines.

use std::io::{self, Write};

use productfile::check::Severity;

use super::Placed;

/// An annotation for every finding, then `closing`.
pub fn write(findings: &[Placed], closing: &str, out: &mut dyn Write) -> io::Result<()> {
    for p in findings {
        let f = &p.finding;
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        // An annotation needs a line; what has no place goes on the first.
        let line = p.line.unwrap_or(1);
        let col = p.column.unwrap_or(1);
        let mut message = f.message.clone();
        if let Some(hint) = &f.hint {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        writeln!(
            out,
            "::{command} file={},line={line},col={col},title={}::{}",
            property(&p.file),
            property(&format!("{} ({})", f.rule, f.severity.name())),
            data(&message)
        )?;
    }
    writeln!(out, "{closing}")
}

/// Escapes a command's message, as the runner's toolkit does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, which also cannot hold `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_the_command() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
