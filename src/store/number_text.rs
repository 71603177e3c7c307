//! A JSON number as the file writes it, so that an edit writes every number
//! it does not change back byte for byte.
//!
//! serde_json's `arbitrary_precision` feature keeps a number's text in the
//! tree (`123456789012345678901234567890` is not rounded to a float, `0.10`
//! keeps its zero), but it spells an exponent its own way: `4.4e62` and `1E2`
//! come out as `4.4e+62` and `1e+2`. A number with an exponent is therefore
//! taken from the file's text instead: the parser meets numbers in the order
//! of the text, so the next exponent number in the text is the one it has
//! just read, which [`as_written`] checks before using it.

use serde_json::Number;

/// The numbers of a JSON text that have an exponent, found one at a time
/// as the parser asks for them: most files have none, and then the text is
/// never scanned.
#[derive(Debug, Clone, Copy)]
pub struct Exponents<'t> {
    text: &'t str,
    /// Where the scan goes on from: outside any string.
    at: usize,
}

impl<'t> Exponents<'t> {
    pub fn new(text: &'t str) -> Self {
        Exponents { text, at: 0 }
    }

    /// The next number with an exponent, as written.
    fn next_number(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    i += 1;
                    while i < bytes.len() {
                        match bytes[i] {
                            b'\\' => i += 2,
                            b'"' => break,
                            _ => i += 1,
                        }
                    }
                    i += 1;
                }
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < bytes.len()
                        && matches!(bytes[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                    {
                        i += 1;
                    }
                    let number = &self.text[start..i];
                    if number.contains(['e', 'E']) {
                        self.at = i;
                        return Some(number);
                    }
                }
                _ => i += 1,
            }
        }
        self.at = bytes.len();
        None
    }
}

/// The number serde_json read as `parsed` (its own spelling), with the
/// text the file gives it. Falls back to `parsed` should the text not be
/// the same number spelled another way.
pub fn as_written(parsed: &str, exponents: &mut Exponents) -> Result<Number, serde_json::Error> {
    if parsed.contains('e')
        && let Some(written) = exponents.next_number()
        && spelled_as_serde_json_does(written) == parsed
    {
        // The text is a JSON number (serde_json has just read it), so it
        // may go in unchecked: parsing it would spell it serde_json's way.
        return Ok(Number::from_string_unchecked(written.to_owned()));
    }
    parsed.parse()
}

/// A number's text with its exponent spelled as serde_json spells it: a
/// lower-case `e` and always a sign.
fn spelled_as_serde_json_does(written: &str) -> String {
    let mut out = String::with_capacity(written.len() + 1);
    let mut chars = written.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'e' || c == 'E' {
            out.push('e');
            if chars.peek().is_some_and(char::is_ascii_digit) {
                out.push('+');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_exponent_numbers_outside_strings_in_order() {
        let text = r#"{"a": "1e5 \"2E3\"", "b": [1, -0, 4.4e62, 0.10], "1E9": 1E2, "c": -2.5e-3}"#;
        let mut exponents = Exponents::new(text);
        let found: Vec<&str> = std::iter::from_fn(|| exponents.next_number()).collect();
        assert_eq!(found, ["4.4e62", "1E2", "-2.5e-3"]);
    }

    #[test]
    fn keeps_the_written_exponent() {
        let text = "[4.4e62, 1E2, 5e+3, 1e-7]";
        let mut exponents = Exponents::new(text);
        let numbers: Vec<String> = ["4.4e+62", "1e+2", "5e+3", "1e-7"]
            .iter()
            .map(|parsed| as_written(parsed, &mut exponents).unwrap().to_string())
            .collect();
        assert_eq!(numbers, ["4.4e62", "1E2", "5e+3", "1e-7"]);
    }

    #[test]
    fn falls_back_to_serde_jsons_spelling_when_the_text_does_not_match() {
        let mut exponents = Exponents::new("[2e1]");
        assert_eq!(
            as_written("3e+1", &mut exponents).unwrap().to_string(),
            "3e+1"
        );
        assert_eq!(as_written("12", &mut exponents).unwrap().to_string(), "12");
    }
}
