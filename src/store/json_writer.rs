//! Writes a JSON tree as text, byte for byte as `serde_json` writes it
//! (compact, or pretty with a given indent), a piece at a time.
//! A product file is mostly strings, and writing them without the layers of
//! a general serializer halves the cost of writing a large file back.

use std::io::Write as _;

use serde_json::{Number, Value};

use crate::model::Item;

/// Writes `value` to `sink`: on one line when `indent` is empty, else one
/// entry a line, each level indented by `indent`. The text is made in a
/// buffer handed to `sink` a piece at a time.
///
/// With `items`, the backlog is written from the model: where the top level
/// has `items` left empty (`null`) for it, they are spelled out one at a
/// time, each as its own tree, so that a backlog written whole (the first
/// import of a large CSV) is never held as one tree.
pub fn write(
    sink: &mut dyn std::io::Write,
    value: &Value,
    indent: &str,
    items: Option<&[Item]>,
) -> std::io::Result<()> {
    let mut buffer = Vec::with_capacity(PIECE + PIECE / 4);
    let mut writer = Writer {
        out: &mut buffer,
        sink,
        failed: None,
        pretty: !indent.is_empty(),
        indent,
        lines: String::from("\n"),
        items,
    };
    writer.value(value, 0);
    writer.spill(0);
    match writer.failed.take() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// How much text is made before it is handed on.
const PIECE: usize = 1 << 16;

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    sink: &'a mut dyn std::io::Write,
    /// The first error the sink gave; nothing more is handed to it after.
    failed: Option<std::io::Error>,
    pretty: bool,
    indent: &'a str,
    /// A line break followed by the indent of the deepest level so far:
    /// each new line is a slice of it.
    lines: String,
    /// The backlog to write where the top level's `items` is `null`.
    items: Option<&'a [Item]>,
}

impl Writer<'_> {
    fn value(&mut self, value: &Value, depth: usize) {
        match value {
            Value::Null => self.out.extend_from_slice(b"null"),
            Value::Bool(true) => self.out.extend_from_slice(b"true"),
            Value::Bool(false) => self.out.extend_from_slice(b"false"),
            Value::Number(n) => number(self.out, n),
            Value::String(s) => string(self.out, s),
            Value::Array(values) => {
                if values.is_empty() {
                    self.out.extend_from_slice(b"[]");
                    return;
                }
                self.out.push(b'[');
                for (i, v) in values.iter().enumerate() {
                    self.separator(i, depth + 1);
                    self.value(v, depth + 1);
                    self.spill(PIECE);
                }
                self.line(depth);
                self.out.push(b']');
            }
            Value::Object(map) => {
                if map.is_empty() {
                    self.out.extend_from_slice(b"{}");
                    return;
                }
                self.out.push(b'{');
                for (i, (k, v)) in map.iter().enumerate() {
                    self.separator(i, depth + 1);
                    string(self.out, k);
                    self.out
                        .extend_from_slice(if self.pretty { b": " } else { b":" });
                    match self.items {
                        Some(items) if depth == 0 && k == "items" && v.is_null() => {
                            self.items(items, depth + 1);
                        }
                        _ => self.value(v, depth + 1),
                    }
                    self.spill(PIECE);
                }
                self.line(depth);
                self.out.push(b'}');
            }
        }
    }

    /// The backlog as an array, each item made a tree and written in turn:
    /// the same text as the array's tree would give.
    fn items(&mut self, items: &[Item], depth: usize) {
        if items.is_empty() {
            self.out.extend_from_slice(b"[]");
            return;
        }
        self.out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            self.separator(i, depth + 1);
            let tree = serde_json::to_value(item).expect("the model always serializes");
            self.value(&tree, depth + 1);
            self.spill(PIECE);
        }
        self.line(depth);
        self.out.push(b']');
    }

    /// Hands the text made so far to the sink once there is more than `at`.
    fn spill(&mut self, at: usize) {
        if self.out.len() <= at {
            return;
        }
        if self.failed.is_none()
            && let Err(e) = self.sink.write_all(self.out)
        {
            self.failed = Some(e);
        }
        self.out.clear();
    }

    /// What goes before the element or entry `i` of a container at `depth`.
    fn separator(&mut self, i: usize, depth: usize) {
        if i > 0 {
            self.out.push(b',');
        }
        self.line(depth);
    }

    /// A new line at `depth`, when pretty.
    fn line(&mut self, depth: usize) {
        if !self.pretty {
            return;
        }
        let len = 1 + depth * self.indent.len();
        while self.lines.len() < len {
            self.lines.push_str(self.indent);
        }
        self.out.extend_from_slice(&self.lines.as_bytes()[..len]);
    }
}

fn number(out: &mut Vec<u8>, n: &Number) {
    // Whole numbers, most of a product file's, by hand; the rest as
    // serde_json writes them (its `Display` is its serialization).
    if let Some(u) = n.as_u64() {
        digits(out, u);
    } else if let Some(i) = n.as_i64() {
        out.push(b'-');
        digits(out, i.unsigned_abs());
    } else {
        let _ = write!(out, "{n}");
    }
}

fn digits(out: &mut Vec<u8>, mut n: u64) {
    let mut buffer = [0u8; 20];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buffer[at..]);
}

/// A string, quoted and escaped as serde_json escapes it: `"`, `\` and the
/// control characters, nothing else.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    if any_escaped(bytes) {
        escaped(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// Whether any byte needs escaping, looked at eight bytes at a time.
fn any_escaped(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if needs_escape(u64::from_le_bytes(word)) {
            return true;
        }
    }
    // The rest, padded with spaces, which need no escape.
    let mut word = [b' '; 8];
    for (w, &b) in word.iter_mut().zip(chunks.remainder()) {
        *w = b;
    }
    needs_escape(u64::from_le_bytes(word))
}

fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !ESCAPED[usize::from(b)] {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// The bytes a JSON string escapes.
static ESCAPED: [bool; 256] = {
    let mut escaped = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        escaped[b] = true;
        b += 1;
    }
    escaped[b'"' as usize] = true;
    escaped[b'\\' as usize] = true;
    escaped
};

/// Whether any of the eight bytes is a control character, `"` or `\`.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let zero = |x: u64| below(x, 1);
    (below(word, 0x20)
        | zero(word ^ (ONES * u64::from(b'"')))
        | zero(word ^ (ONES * u64::from(b'\\'))))
        != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(value: &Value, indent: &str) -> String {
        let mut out = Vec::new();
        write(&mut out, value, indent, None).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn theirs(value: &Value, indent: &str) -> String {
        use serde::Serialize;
        let mut out = Vec::new();
        if indent.is_empty() {
            value
                .serialize(&mut serde_json::Serializer::new(&mut out))
                .unwrap();
        } else {
            let formatter = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
            value
                .serialize(&mut serde_json::Serializer::with_formatter(
                    &mut out, formatter,
                ))
                .unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            "\\PC{0,12}".prop_map(Value::from),
            "[\\x00-\\x7f\"\\\\é😀]{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec(("[a-z\"\\\\\\x01]{0,6}", inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn writes_as_serde_json_writes(value in json()) {
            for indent in ["", "  ", "    ", "\t"] {
                prop_assert_eq!(ours(&value, indent), theirs(&value, indent));
            }
        }
    }

    #[test]
    fn writes_the_example_as_serde_json_writes() {
        let product: crate::model::Product =
            toml::from_str(include_str!("../../examples/product.toml")).unwrap();
        let value = serde_json::to_value(product).unwrap();
        for indent in ["", "  "] {
            assert_eq!(ours(&value, indent), theirs(&value, indent));
        }
        let odd = serde_json::json!({"a": [], "b": {}, "c": [[], {}], "d": "\u{7f}\u{0}\u{1f}", "e": -0.0, "f": 1.5e300});
        for indent in ["", "  "] {
            assert_eq!(ours(&odd, indent), theirs(&odd, indent));
        }
    }
}
