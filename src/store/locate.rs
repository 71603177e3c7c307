//! Finds where a key path is in a file's text, for error messages. Only
//! called once something is already wrong, so it may parse the text again.

use std::ops::Range;

use crate::model::{KeyPath, Segment};

use super::Format;
use super::error::Problem;

/// A problem about a key path, placed at that path's `line:col` in the text.
pub fn problem_at(text: &str, format: Format, path: &KeyPath, message: String) -> Problem {
    let offset = match format {
        Format::Toml => toml_offset(text, &path.0),
        Format::Json => json_offset(text, &path.0),
    };
    Problem {
        line_col: offset.map(|o| line_col(text, o)),
        path: path.to_string(),
        message,
    }
}

/// A problem inside a string value (such as a formula), placed at the
/// column of byte `within` of the string, or at the key if the value cannot
/// be found.
pub fn problem_within(
    text: &str,
    format: Format,
    path: &KeyPath,
    within: usize,
    message: String,
) -> Problem {
    let key = problem_at(text, format, path, message);
    let Some(start) = key
        .line_col
        .and_then(|_| value_start(text, format, &path.0))
    else {
        return key;
    };
    let rest = &text[start..];
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .iter()
        .find(|q| rest.starts_with(**q))
        .map_or(0, |q| q.len());
    Problem {
        line_col: Some(line_col(text, (start + quote + within).min(text.len()))),
        ..key
    }
}

/// A problem with the value at `path`, placed where the value starts (a
/// wrong type is at the value, not its key); at the key, or the entry,
/// when there is no value there.
pub fn problem_at_value(text: &str, format: Format, path: &KeyPath, message: String) -> Problem {
    let key = problem_at(text, format, path, message);
    match value_start(text, format, &path.0) {
        Some(start) if matches!(path.0.last(), Some(Segment::Key(_))) => Problem {
            line_col: Some(line_col(text, start)),
            ..key
        },
        _ => key,
    }
}

/// The byte offset where the value at `path` starts.
fn value_start(text: &str, format: Format, path: &[Segment]) -> Option<usize> {
    match format {
        Format::Toml => {
            let doc = toml_edit::Document::parse(text).ok()?;
            toml_value_start(doc.as_item(), path)
        }
        Format::Json => {
            let key = json_offset(text, path)?;
            let mut scanner = JsonScanner {
                bytes: text.as_bytes(),
                at: key,
            };
            scanner.skip_string()?;
            scanner.eat(b':')?;
            scanner.skip_ws();
            Some(scanner.at)
        }
    }
}

/// [`value_start`] in a TOML document: through tables, arrays of tables,
/// inline tables and arrays.
fn toml_value_start(item: &toml_edit::Item, path: &[Segment]) -> Option<usize> {
    use toml_edit::Item;
    let Some((first, rest)) = path.split_first() else {
        return item.as_value()?.span().map(|s| s.start);
    };
    match (first, item) {
        (Segment::Key(k), _) => toml_value_start(item.as_table_like()?.get(k)?, rest),
        (Segment::Index(i, _), Item::ArrayOfTables(tables)) => {
            let (Segment::Key(k), rest) = rest.split_first()? else {
                return None;
            };
            toml_value_start(tables.get(*i)?.get(k)?, rest)
        }
        (Segment::Index(i, _), Item::Value(value)) => {
            inline_value_start(value.as_array()?.get(*i)?, rest)
        }
        _ => None,
    }
}

fn inline_value_start(value: &toml_edit::Value, path: &[Segment]) -> Option<usize> {
    match path.split_first() {
        None => value.span().map(|s| s.start),
        Some((Segment::Key(k), rest)) => inline_value_start(value.as_inline_table()?.get(k)?, rest),
        Some((Segment::Index(i, _), rest)) => inline_value_start(value.as_array()?.get(*i)?, rest),
    }
}

/// Fills in the ids of array elements along a path from the parsed text, so
/// that `items[4]` reads `items[RX-4]`.
pub fn with_ids(text: &str, format: Format, path: &KeyPath) -> KeyPath {
    let generic: Option<serde_json::Value> = match format {
        Format::Toml => toml::from_str::<toml::Table>(text)
            .ok()
            .and_then(|t| serde_json::to_value(t).ok()),
        Format::Json => serde_json::from_str(text).ok(),
    };
    let Some(mut node) = generic.as_ref() else {
        return path.clone();
    };
    let mut out = Vec::with_capacity(path.0.len());
    for segment in &path.0 {
        match segment {
            Segment::Key(k) => {
                out.push(segment.clone());
                node = node.get(k).unwrap_or(&serde_json::Value::Null);
            }
            Segment::Index(i, _) => {
                let element = node.get(*i).unwrap_or(&serde_json::Value::Null);
                let id = element
                    .get("id")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned);
                out.push(Segment::Index(*i, id));
                node = element;
            }
        }
    }
    KeyPath(out)
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

fn toml_offset(text: &str, path: &[Segment]) -> Option<usize> {
    let doc = toml_edit::Document::parse(text).ok()?;
    toml_offset_in(&doc, path)
}

/// The byte offset of the deepest part of `path` found in a parsed
/// document: the key, or the array element, or the table header.
pub(super) fn toml_offset_in(doc: &toml_edit::Document<&str>, path: &[Segment]) -> Option<usize> {
    use toml_edit::{Item, TableLike, Value};

    /// A place in the document: tables of an array of tables are not `Item`s.
    #[derive(Clone, Copy)]
    enum Node<'a> {
        Item(&'a Item),
        Table(&'a toml_edit::Table),
        Value(&'a Value),
    }

    let mut node = Node::Item(doc.as_item());
    let mut best = None;
    for segment in path {
        // A key or element the text does not have: the deepest place found.
        fn step<'d>(
            segment: &Segment,
            node: Node<'d>,
            best: &mut Option<usize>,
        ) -> Option<Node<'d>> {
            Some(match (segment, node) {
                (Segment::Key(k), _) => {
                    let table: &dyn TableLike = match node {
                        Node::Item(item) => item.as_table_like()?,
                        Node::Table(table) => table,
                        Node::Value(value) => value.as_inline_table()?,
                    };
                    let (key, item) = table.get_key_value(k)?;
                    *best = key.span().map(|s| s.start).or(*best);
                    Node::Item(item)
                }
                (Segment::Index(i, _), Node::Item(Item::ArrayOfTables(aot))) => {
                    let table = aot.get(*i)?;
                    *best = table.span().map(|s| s.start).or(*best);
                    Node::Table(table)
                }
                (Segment::Index(i, _), Node::Item(Item::Value(Value::Array(array))))
                | (Segment::Index(i, _), Node::Value(Value::Array(array))) => {
                    let value = array.get(*i)?;
                    *best = value.span().map(|s| s.start).or(*best);
                    Node::Value(value)
                }
                _ => return None,
            })
        }
        match step(segment, node, &mut best) {
            Some(next) => node = next,
            None => return best,
        }
    }
    best
}

/// The bytes of the value at `path` with its key, or of the element, or
/// of a table from its header to its last key (comments that lead into the
/// next table stay with it); `None` unless the whole path is in the text.
pub(super) fn toml_span(
    doc: &toml_edit::Document<&str>,
    text: &str,
    path: &[Segment],
) -> Option<Range<usize>> {
    use toml_edit::{Item, TableLike, Value};
    enum Node<'a> {
        Item(&'a Item),
        Table(&'a toml_edit::Table),
        Value(&'a Value),
    }
    let mut node = Node::Item(doc.as_item());
    let mut span = None;
    for segment in path {
        let (next, here) = match (segment, node) {
            (Segment::Key(k), node) => {
                let table: &dyn TableLike = match node {
                    Node::Item(item) => item.as_table_like()?,
                    Node::Table(table) => table,
                    Node::Value(value) => value.as_inline_table()?,
                };
                let (key, item) = table.get_key_value(k)?;
                let start = key.span()?.start;
                let end = match item {
                    Item::Value(v) => v.span()?.end,
                    Item::Table(t) => table_end(doc, text, t)?,
                    Item::ArrayOfTables(a) => table_end(doc, text, a.iter().last()?)?,
                    Item::None => return None,
                };
                (Node::Item(item), start..end)
            }
            (Segment::Index(i, _), Node::Item(Item::ArrayOfTables(aot))) => {
                let table = aot.get(*i)?;
                let start = table.span()?.start;
                (Node::Table(table), start..table_end(doc, text, table)?)
            }
            (Segment::Index(i, _), Node::Item(Item::Value(Value::Array(array))))
            | (Segment::Index(i, _), Node::Value(Value::Array(array))) => {
                let value = array.get(*i)?;
                (Node::Value(value), value.span()?)
            }
            _ => return None,
        };
        node = next;
        span = Some(here);
    }
    span
}

/// Where a table's keys end: before the next header that is not one of
/// its own subtables, less the blank and comment lines that lead into it.
fn table_end(
    doc: &toml_edit::Document<&str>,
    text: &str,
    table: &toml_edit::Table,
) -> Option<usize> {
    fn headers(table: &toml_edit::Table, out: &mut Vec<usize>) {
        if let Some(span) = table.span() {
            out.push(span.start);
        }
        for (_, item) in table.iter() {
            match item {
                toml_edit::Item::Table(t) => headers(t, out),
                toml_edit::Item::ArrayOfTables(a) => a.iter().for_each(|t| headers(t, out)),
                _ => {}
            }
        }
    }
    let start = table.span()?.start;
    let mut own = Vec::new();
    headers(table, &mut own);
    let mut all = Vec::new();
    headers(doc.as_table(), &mut all);
    let next = all
        .into_iter()
        .filter(|h| *h > start && !own.contains(h))
        .min()
        .unwrap_or(text.len());
    let mut end = next;
    // Back over the lines that lead into the next table.
    loop {
        let body = &text[start..end];
        let trimmed = body.trim_end_matches(['\n', '\r', ' ', '\t']);
        let line_start = trimmed.rfind('\n').map_or(0, |p| p + 1);
        let last = trimmed[line_start..].trim_start();
        if last.starts_with('#') && line_start > 0 {
            end = start + line_start;
        } else {
            return Some(start + trimmed.len());
        }
    }
}

/// The bytes of the value at `path` with its key, or of the element; `None`
/// unless the whole path is in the text.
pub(super) fn json_span(text: &str, path: &[Segment]) -> Option<Range<usize>> {
    let mut scanner = JsonScanner {
        bytes: text.as_bytes(),
        at: 0,
    };
    scanner.skip_ws();
    let start = scanner.find(path)?;
    let mut end = JsonScanner {
        bytes: text.as_bytes(),
        at: start,
    };
    if matches!(path.last(), Some(Segment::Key(_))) {
        end.skip_string()?;
        end.eat(b':')?;
    }
    end.skip_value()?;
    Some(start..end.at)
}

fn json_offset(text: &str, path: &[Segment]) -> Option<usize> {
    let mut scanner = JsonScanner {
        bytes: text.as_bytes(),
        at: 0,
    };
    scanner.skip_ws();
    scanner.find(path)
}

/// Just enough of a JSON reader to walk to a path and report the byte offset.
pub(super) struct JsonScanner<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

impl JsonScanner<'_> {
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    pub(super) fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    pub(super) fn eat(&mut self, b: u8) -> Option<()> {
        self.skip_ws();
        (self.peek() == Some(b)).then(|| self.at += 1)
    }

    fn find(&mut self, path: &[Segment]) -> Option<usize> {
        self.skip_ws();
        let Some((first, rest)) = path.split_first() else {
            return Some(self.at);
        };
        match (self.peek()?, first) {
            (b'{', Segment::Key(wanted)) => {
                self.at += 1;
                loop {
                    self.skip_ws();
                    if self.peek()? == b'}' {
                        return None;
                    }
                    let key_at = self.at;
                    let key = self.string()?;
                    self.eat(b':')?;
                    if key == *wanted {
                        return if rest.is_empty() {
                            Some(key_at)
                        } else {
                            self.find(rest)
                        };
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.at += 1;
                    }
                }
            }
            (b'[', Segment::Index(wanted, _)) => {
                self.at += 1;
                for index in 0.. {
                    self.skip_ws();
                    if self.peek()? == b']' {
                        return None;
                    }
                    if index == *wanted {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.at += 1;
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// Reads a string token and decodes it.
    pub(super) fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.skip_string()?;
        serde_json::from_slice(&self.bytes[start..self.at]).ok()
    }

    pub(super) fn skip_string(&mut self) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                _ => self.at += 1,
            }
        }
    }

    pub(super) fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}
