//! Places many key paths in one file's text, for `product check`: the
//! document is parsed once, and a JSON container is scanned once however
//! many findings fall inside it. (`locate` serves the one-off error.)

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use std::path::Path;

use crate::model::{KeyPath, Product, Segment};

use super::error::StoreError;
use super::key_shape::{Shape, json_shape, toml_shape};
use super::locate::{JsonScanner, toml_offset_in};
use super::{Format, from_document, parse};

/// Bytes between the character counts kept for columns.
const CHARS_STEP: usize = 4096;

/// Characters in UTF-8 bytes: every byte that does not continue a character.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Where a text's lines start, and how many characters come before every
/// `CHARS_STEP`-th byte, so a column on a very long line (one-line JSON) is
/// not counted from its start.
struct Index {
    lines: Vec<usize>,
    chars_before: Vec<usize>,
}

impl Index {
    fn of(text: &str) -> Index {
        let lines = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let chars_before = text
            .as_bytes()
            .chunks(CHARS_STEP)
            .scan(0, |count, chunk| {
                let before = *count;
                *count += chars_in(chunk);
                Some(before)
            })
            .collect();
        Index {
            lines,
            chars_before,
        }
    }
}

/// A JSON object's entries: each key, where the key is, and where its value is.
type Entries = Rc<Vec<(String, usize, usize)>>;

/// A JSON array's element offsets.
type Elements = Rc<Vec<usize>>;

/// Finds the `line:col` of key paths in one file's text.
pub struct Placer<'a> {
    text: &'a str,
    format: Format,
    /// Where lines start, and how many characters come before each step
    /// of the text: worked out on the first place asked for, since a file
    /// with nothing to report needs neither.
    index: OnceCell<Index>,
    toml: OnceCell<Option<toml_edit::Document<&'a str>>>,
    /// The JSON document [`Placer::product`] read, for [`Placer::key_shape`].
    json: OnceCell<Option<serde_json::Value>>,
    /// JSON objects scanned, by their offset.
    objects: RefCell<HashMap<usize, Entries>>,
    /// JSON arrays scanned, by their offset.
    arrays: RefCell<HashMap<usize, Elements>>,
}

impl<'a> Placer<'a> {
    pub fn new(text: &'a str, format: Format) -> Self {
        Placer {
            text,
            format,
            index: OnceCell::new(),
            toml: OnceCell::new(),
            json: OnceCell::new(),
            objects: RefCell::new(HashMap::new()),
            arrays: RefCell::new(HashMap::new()),
        }
    }

    /// The product in the text, checked as every read is. For TOML it is read
    /// from the same parse that places findings and gives the file's keys,
    /// so that `product check` parses the file once; a file that does not
    /// read goes through the diagnostic read, which says where and why.
    /// JSON is read as an edit reads it, so that `check` refuses what an
    /// edit would, and that read gives the file's keys too.
    /// `file` names the file in messages.
    pub fn product(&self, file: &Path) -> Result<Product, StoreError> {
        if self.format == Format::Json {
            let (product, document) = parse::parse_json_as_edits_do(self.text, file)?;
            let _ = self.json.set(document);
            return Ok(product);
        }
        if self.format == Format::Toml
            && let Some(doc) = self.toml_document()
            && let Ok(product) = from_document::product_in(doc.as_table())
        {
            return parse::validated(product, self.text, self.format, file);
        }
        parse::parse_product(self.text, self.format, file)
    }

    /// The file's tree of keys as written, for the unknown-key rule; `None`
    /// if the text does not parse (the typed read says why). For TOML this
    /// is the same parse that places findings.
    pub fn key_shape(&self) -> Option<Shape> {
        match self.format {
            Format::Toml => self.toml_document().map(toml_shape),
            Format::Json => match self.json.get() {
                Some(document) => document.as_ref().map(json_shape),
                None => serde_json::from_str::<serde_json::Value>(self.text)
                    .ok()
                    .map(|v| json_shape(&v)),
            },
        }
    }

    fn toml_document(&self) -> Option<&toml_edit::Document<&'a str>> {
        self.toml
            .get_or_init(|| toml_edit::Document::parse(self.text).ok())
            .as_ref()
    }

    /// The 1-based line and column of the deepest part of `path` the text
    /// has: the key itself, else the element or table it would be in.
    pub fn place(&self, path: &KeyPath) -> Option<(usize, usize)> {
        let offset = match self.format {
            Format::Toml => toml_offset_in(self.toml_document()?, &path.0),
            Format::Json => self.json_offset(&path.0),
        }?;
        Some(self.line_col(offset))
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let index = self.index.get_or_init(|| Index::of(self.text));
        let line = index.lines.partition_point(|&start| start <= offset).max(1);
        let start = index.lines[line - 1];
        let chars_to = |offset: usize| {
            let step = offset / CHARS_STEP;
            let from = step * CHARS_STEP;
            index.chars_before.get(step).copied().unwrap_or(0)
                + chars_in(&self.text.as_bytes()[from..offset])
        };
        (line, chars_to(offset) - chars_to(start) + 1)
    }

    fn json_offset(&self, path: &[Segment]) -> Option<usize> {
        let mut scanner = JsonScanner {
            bytes: self.text.as_bytes(),
            at: 0,
        };
        scanner.skip_ws();
        let mut at = scanner.at;
        let mut best = None;
        for segment in path {
            match segment {
                Segment::Key(wanted) => {
                    let entries = self.object(at)?;
                    let Some((key_at, value_at)) = entries
                        .iter()
                        .find(|(key, ..)| key == wanted)
                        .map(|(_, k, v)| (*k, *v))
                    else {
                        return best;
                    };
                    best = Some(key_at);
                    at = value_at;
                }
                Segment::Index(i, _) => {
                    let Some(element) = self.array(at).and_then(|e| e.get(*i).copied()) else {
                        return best;
                    };
                    best = Some(element);
                    at = element;
                }
            }
        }
        best
    }

    /// The entries of the JSON object at `at`, scanned once.
    fn object(&self, at: usize) -> Option<Entries> {
        if let Some(entries) = self.objects.borrow().get(&at) {
            return Some(Rc::clone(entries));
        }
        let mut s = JsonScanner {
            bytes: self.text.as_bytes(),
            at,
        };
        if s.peek()? != b'{' {
            return None;
        }
        s.at += 1;
        let mut entries = Vec::new();
        loop {
            s.skip_ws();
            if s.peek()? == b'}' {
                break;
            }
            let key_at = s.at;
            let key = s.string()?;
            s.eat(b':')?;
            s.skip_ws();
            entries.push((key, key_at, s.at));
            s.skip_value()?;
            s.skip_ws();
            if s.peek() == Some(b',') {
                s.at += 1;
            }
        }
        let entries = Rc::new(entries);
        self.objects.borrow_mut().insert(at, Rc::clone(&entries));
        Some(entries)
    }

    /// The element offsets of the JSON array at `at`, scanned once.
    fn array(&self, at: usize) -> Option<Elements> {
        if let Some(elements) = self.arrays.borrow().get(&at) {
            return Some(Rc::clone(elements));
        }
        let mut s = JsonScanner {
            bytes: self.text.as_bytes(),
            at,
        };
        if s.peek()? != b'[' {
            return None;
        }
        s.at += 1;
        let mut elements = Vec::new();
        loop {
            s.skip_ws();
            if s.peek()? == b']' {
                break;
            }
            elements.push(s.at);
            s.skip_value()?;
            s.skip_ws();
            if s.peek() == Some(b',') {
                s.at += 1;
            }
        }
        let elements = Rc::new(elements);
        self.arrays.borrow_mut().insert(at, Rc::clone(&elements));
        Some(elements)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> KeyPath {
        KeyPath::root()
            .key("items")
            .index(1, Some("RX-2"))
            .key("status")
    }

    #[test]
    fn places_keys_in_toml_and_json() {
        let toml = "version = 1\n\n[[items]]\nid = \"RX-1\"\n\n[[items]]\nid = \"RX-2\"\nstatus = \"ready\"\n";
        let placer = Placer::new(toml, Format::Toml);
        assert_eq!(placer.place(&path()), Some((8, 1)));
        let json = "{\n  \"version\": 1,\n  \"items\": [\n    {\"id\": \"RX-1\"},\n    {\"id\": \"RX-2\", \"status\": \"ready\"}\n  ]\n}\n";
        let placer = Placer::new(json, Format::Json);
        assert_eq!(placer.place(&path()), Some((5, 20)));
        // Asked again, from what was scanned.
        assert_eq!(placer.place(&path()), Some((5, 20)));
    }

    #[test]
    fn columns_count_characters_on_long_lines() {
        let pad = "é".repeat(5000);
        let json = format!(
            "{{\"pad\": \"{pad}\", \"items\": [{{\"id\": \"RX-1\"}}, {{\"id\": \"RX-2\", \"status\": 1}}]}}"
        );
        let placer = Placer::new(&json, Format::Json);
        let at = json.find("\"status\"").unwrap();
        let col = json[..at].chars().count() + 1;
        assert_eq!(placer.place(&path()), Some((1, col)));
    }

    #[test]
    fn a_missing_key_falls_back_to_its_element() {
        let json = "{\"items\": [{\"id\": \"RX-1\"}, {\"id\": \"RX-2\"}]}";
        let placer = Placer::new(json, Format::Json);
        assert_eq!(placer.place(&path()), Some((1, 28)));
        let toml = "[[items]]\nid = \"RX-1\"\n[[items]]\nid = \"RX-2\"\n";
        let placer = Placer::new(toml, Format::Toml);
        assert_eq!(placer.place(&path()), Some((3, 1)));
    }
}
