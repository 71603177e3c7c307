//! What a CSV holds, quoted in a message: cut short, and lists of headers
//! to their first few, so that a file that is not the table it seems (a
//! JSON file, a cell of 3 MB) cannot fill the screen.

use std::borrow::Cow;

/// The most characters of a cell or header a message quotes.
pub const LONGEST: usize = 60;

/// The text as a message quotes it: its first `longest` characters, and
/// `...` where it goes on.
pub fn cut(text: &str, longest: usize) -> Cow<'_, str> {
    match text.char_indices().nth(longest) {
        Some((end, _)) => Cow::Owned(format!("{}...", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

/// [`cut`] at [`LONGEST`].
pub fn shown(text: &str) -> Cow<'_, str> {
    cut(text, LONGEST)
}

/// Headers for a message: the first `most`, each cut short, and how many
/// more there are, so that a file that is not CSV at all does not fill the
/// screen.
pub fn listed<S: AsRef<str>>(headers: &[S], most: usize) -> String {
    const LONGEST: usize = 40;
    let mut list: Vec<String> = headers
        .iter()
        .take(most)
        .map(|h| cut(h.as_ref(), LONGEST).into_owned())
        .collect();
    if headers.len() > most {
        list.push(format!("and {} more", headers.len() - most));
    }
    list.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_a_character() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("ÜberÜber", 4), "Über...");
        assert_eq!(shown(&"x".repeat(1_000_000)).len(), LONGEST + 3);
        let many: Vec<String> = (1..=20).map(|n| n.to_string()).collect();
        assert_eq!(
            listed(&many, 12),
            "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, and 8 more"
        );
    }
}
