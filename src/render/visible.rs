//! User text made safe to show on a terminal. A title, name or id may hold
//! escape sequences (retitling the window, clearing the screen, hiding a
//! link), a bell, or bidirectional overrides that make text read other than
//! it is; on a terminal these are shown as visible escapes (`\e`, `\x07`,
//! `\u{202e}`) instead. JSON, CSV and the product file keep the text as it is.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The text with every character a terminal would act on, other than a line
/// break, shown as an escape: C0 controls (tab and carriage return too: they
/// move the cursor and break a table's columns), DEL, C1 controls, and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069). The marks U+200E/U+200F are kept: right-to-left text
/// uses them, and they change the direction of nothing after them.
/// A Windows line break (`\r\n`) is a line break.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\x1b' => out.push_str("\\e"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 && acts_on_terminal(c) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if acts_on_terminal(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes a line for people to standard error, made [`visible`]: every
/// message the binary prints there goes through here, since a message may
/// quote a user's text.
pub fn say(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", visible(line));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_shown_as_escapes() {
        assert_eq!(
            visible("a\x1b]0;t\x07b\u{9b}2J\u{202e}c\u{2069}\x7f\td\re"),
            r"a\e]0;t\x07b\u{9b}2J\u{202e}c\u{2069}\x7f\td\re"
        );
    }

    #[test]
    fn plain_text_and_line_breaks_are_kept() {
        assert!(matches!(
            visible("Pay by card\nonline é ✓"),
            Cow::Borrowed(_)
        ));
        assert_eq!(visible("one\r\ntwo"), "one\ntwo");
        assert_eq!(visible("שלום\u{200f} ok"), "שלום\u{200f} ok");
    }
}
