//! Git's conflict markers in a product file. A file left mid-merge is
//! refused at the line of its first marker, rather than read as a puzzling
//! parse error, or read with the markers inside a string.
//!
//! A marker is a line that starts with seven or more of one character (git
//! writes more with `--marker-size` or the `conflict-marker-size`
//! attribute): `<<<<<<<` and `>>>>>>>` (then a space and a label, or the
//! end of the line), `|||||||` (diff3's base) and `=======` (alone on its
//! line).
//!
//! Two moments, so that the success path stays one scan for seven `<` at a
//! line start (a file of several megabytes costs well under a millisecond):
//!
//! - a TOML file that **parses** is refused only for a **complete**
//!   conflict: `<<<<<<<`, then `=======` and `>>>>>>>` of the same size, in
//!   that order, each at a line start. Inside a multi-line string such
//!   lines parse as text; a whole conflict there is a merge left unresolved,
//!   not prose, so it is refused. A lone marker-like line in a multi-line
//!   string (a `=======` underline in a description) is left alone. JSON
//!   needs no such scan: a JSON string cannot span lines, so a marker line
//!   never parses.
//! - a file that **does not parse** is refused as conflicted when it has a
//!   `<<<<<<<`, `|||||||` or `>>>>>>>` line anywhere (a conflict half
//!   resolved), or a `=======` line exactly where the parse failed.

/// The shortest marker git writes.
const MIN_SIZE: usize = 7;

/// A conflict marker found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// 1-based.
    pub line: usize,
    /// The marker as written, without its label: `<<<<<<<`.
    pub marker: String,
}

/// The marker a line starts with, if it is one: its character and size.
fn marker_of(line: &str) -> Option<(u8, usize)> {
    let bytes = line.as_bytes();
    let c = *bytes.first()?;
    if !matches!(c, b'<' | b'=' | b'>' | b'|') {
        return None;
    }
    let size = bytes.iter().take_while(|&&b| b == c).count();
    if size < MIN_SIZE {
        return None;
    }
    let rest = &line[size..];
    let rest = rest.strip_suffix('\r').unwrap_or(rest);
    let ends_right = match c {
        b'=' => rest.is_empty(),
        _ => rest.is_empty() || rest.starts_with(' '),
    };
    ends_right.then_some((c, size))
}

fn marker(line: usize, c: u8, size: usize) -> Marker {
    Marker {
        line,
        marker: (c as char).to_string().repeat(size),
    }
}

/// The opening marker of the first complete conflict in the text, for a
/// file that parsed. One scan of the text when it has no `<<<<<<<` at a
/// line start, which is every file but a conflicted one.
pub fn complete_conflict(text: &str) -> Option<Marker> {
    const OPEN: &str = "<<<<<<<";
    if !(text.starts_with(OPEN) || text.contains("\n<<<<<<<")) {
        return None;
    }
    // The open conflict: its line and size, and whether its `=======` was seen.
    let mut open: Option<(usize, usize, bool)> = None;
    for (i, line) in text.lines().enumerate() {
        let Some((c, size)) = marker_of(line) else {
            continue;
        };
        match (c, open) {
            (b'<', _) => open = Some((i + 1, size, false)),
            (b'=', Some((at, n, false))) if n == size => open = Some((at, n, true)),
            (b'>', Some((at, n, true))) if n == size => return Some(marker(at, b'<', n)),
            _ => {}
        }
    }
    None
}

/// The first conflict marker in a text that did not parse: any
/// `<<<<<<<`, `|||||||` or `>>>>>>>` line, or a `=======` line at
/// `failed_line`, where the parse stopped.
pub fn after_failure(text: &str, failed_line: Option<usize>) -> Option<Marker> {
    text.lines().enumerate().find_map(|(i, line)| {
        let (c, size) = marker_of(line)?;
        (c != b'=' || failed_line == Some(i + 1)).then(|| marker(i + 1, c, size))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFLICT: &str =
        "version = 1\n<<<<<<< ours\ntitle = \"a\"\n=======\ntitle = \"b\"\n>>>>>>> theirs\n";

    #[test]
    fn a_complete_conflict_is_found_at_its_first_line() {
        assert_eq!(
            complete_conflict(CONFLICT),
            Some(Marker {
                line: 2,
                marker: "<<<<<<<".into()
            })
        );
        // diff3, CRLF, a larger marker, and no label.
        let diff3 = "a\r\n<<<<<<<<<\r\nx\r\n||||||||| base\r\ny\r\n=========\r\nz\r\n>>>>>>>>>\r\n";
        assert_eq!(
            complete_conflict(diff3),
            Some(Marker {
                line: 2,
                marker: "<<<<<<<<<".into()
            })
        );
        // At the very start of the text.
        assert_eq!(complete_conflict(&CONFLICT[12..]).map(|m| m.line), Some(1));
    }

    #[test]
    fn lone_or_mismatched_markers_are_not_a_complete_conflict() {
        for text in [
            "a = 1\n",
            "d = \"\"\"\nTitle\n=======\n\"\"\"\n",
            "d = \"\"\"\n<<<<<<< only an opening\n\"\"\"\n",
            // Sizes that do not agree.
            "<<<<<<< a\nx\n========\ny\n>>>>>>> b\n",
            // Out of order.
            "=======\n<<<<<<< a\n>>>>>>> b\n",
            // Not at a line start, or too short.
            " <<<<<<< a\n=======\n>>>>>>> b\n",
            "<<<<<< a\n======\n>>>>>> b\n",
            // A marker must end its run with a space or the line's end.
            "<<<<<<<a\n=======\n>>>>>>>b\n",
        ] {
            assert_eq!(complete_conflict(text), None, "{text:?}");
        }
    }

    #[test]
    fn after_a_failure_any_marker_but_a_lone_equals_line_counts() {
        let half = "version = 1\ntitle = \"a\"\n=======\ntitle = \"b\"\n>>>>>>> theirs\n";
        assert_eq!(after_failure(half, Some(3)).map(|m| m.line), Some(3));
        assert_eq!(
            after_failure(half, Some(1)),
            Some(Marker {
                line: 5,
                marker: ">>>>>>>".into()
            })
        );
        let underline = "d = \"\"\"\nTitle\n=======\n\"\"\"\nbroken =\n";
        assert_eq!(after_failure(underline, Some(5)), None);
        assert_eq!(
            after_failure("|||||||\n", None).map(|m| m.marker),
            Some("|||||||".into())
        );
    }
}
