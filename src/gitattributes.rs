//! `.gitattributes` text, read and edited in memory: which merge driver a
//! path is routed to, and the lines that route product files to
//! `product merge`. Pure: `store` reads and writes the files, `check` and
//! `store`'s git setup decide with these functions.
//!
//! The matching follows git's rules closely enough for product files: a
//! pattern without a slash matches the file's name at any depth below the
//! attributes file, one with a slash matches the path relative to it, with
//! `*`, `?`, `[...]` and `**`; a later line overrides an earlier one, and a
//! deeper attributes file overrides a shallower one. Macro attributes other
//! than the built-in `binary` (which unsets `merge`) are not expanded.
//!
//! ```
//! use productfile::gitattributes::{self, AttributesFile};
//!
//! let text = "*.png binary\n";
//! let edited = gitattributes::with_product_driver(text, &["product.toml"]).unwrap();
//! assert_eq!(edited, "*.png binary\nproduct.toml merge=product\n");
//! let files = [AttributesFile { dir: String::new(), text: edited.clone() }];
//! assert!(gitattributes::routes_to_product(&files, "plans/product.toml"));
//! // Running it again adds nothing.
//! assert_eq!(gitattributes::with_product_driver(&edited, &["product.toml"]), None);
//! ```

use serde::Serialize;

/// The name of the merge driver `product git setup` configures: the
/// attribute value is `merge=product`, the git config `merge.product.*`.
pub const DRIVER: &str = "product";

/// One attributes file of a repository and the folder it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributesFile {
    /// The folder, relative to the top of the work tree, `/`-separated and
    /// without a trailing slash; empty for the top.
    pub dir: String,
    /// The file's text.
    pub text: String,
}

/// A product file in a git work tree, with the attributes files that
/// apply to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InRepository {
    /// The file's path from the top of the work tree, `/`-separated.
    pub path: String,
    /// The `.gitattributes` files from the top down to the file's folder,
    /// those that exist, shallowest first.
    pub files: Vec<AttributesFile>,
}

/// The state of a path's `merge` attribute. In JSON, as `git check-attr`
/// writes it: `"unspecified"`, `"set"`, `"unset"` or the driver's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merge {
    /// No line says anything about it: git's built-in text merge.
    Unspecified,
    /// `merge`: the built-in text merge.
    Set,
    /// `-merge` (or `binary`): no merge; the current version is kept.
    Unset,
    /// `merge=NAME`: the driver of that name.
    Driver(String),
}

impl Merge {
    /// As `git check-attr` writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Merge::Unspecified => "unspecified",
            Merge::Set => "set",
            Merge::Unset => "unset",
            Merge::Driver(name) => name,
        }
    }
}

impl Serialize for Merge {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The `merge` attribute these files give `path` (relative to the top of
/// the work tree, `/`-separated); `files` in order of precedence, lowest
/// first (the top-level file first, then those deeper down).
pub fn merge_attribute(files: &[AttributesFile], path: &str) -> Merge {
    let mut state = Merge::Unspecified;
    for file in files {
        let relative = if file.dir.is_empty() {
            Some(path)
        } else {
            path.strip_prefix(file.dir.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
        };
        let Some(relative) = relative else { continue };
        for line in file.text.lines() {
            let Some((pattern, attributes)) = parse_line(line) else {
                continue;
            };
            if !pattern_matches(&pattern, relative) {
                continue;
            }
            for attribute in attributes.split_whitespace() {
                if let Some(said) = merge_in(attribute) {
                    state = said;
                }
            }
        }
    }
    state
}

/// Whether these files route `path` to the `product` merge driver.
pub fn routes_to_product(files: &[AttributesFile], path: &str) -> bool {
    merge_attribute(files, path) == Merge::Driver(DRIVER.to_owned())
}

/// The text with a `NAME merge=product` line added for each file name it
/// does not already route to the `product` driver (as a file of that name
/// at the attributes file's own folder); `None` when there is nothing to
/// add. Everything the text had is kept: its lines, comments, line endings
/// (CRLF when its first line ends in CRLF) and a missing final newline.
pub fn with_product_driver(text: &str, names: &[&str]) -> Option<String> {
    let files = [AttributesFile {
        dir: String::new(),
        text: text.to_owned(),
    }];
    let mut missing: Vec<&str> = Vec::new();
    for name in names {
        if !routes_to_product(&files, name) && !missing.contains(name) {
            missing.push(name);
        }
    }
    if missing.is_empty() {
        return None;
    }
    let eol = if text
        .find('\n')
        .is_some_and(|at| at > 0 && text.as_bytes()[at - 1] == b'\r')
    {
        "\r\n"
    } else {
        "\n"
    };
    let open_last_line = !text.is_empty() && !text.ends_with('\n');
    let mut out = String::with_capacity(text.len() + missing.len() * 32);
    out.push_str(text);
    if open_last_line {
        out.push_str(eol);
    }
    for name in &missing {
        out.push_str(&pattern_for(name));
        out.push_str(" merge=");
        out.push_str(DRIVER);
        out.push_str(eol);
    }
    if open_last_line {
        // The file had no final newline; neither has the new last line.
        out.truncate(out.len() - eol.len());
    }
    Some(out)
}

/// A pattern that matches exactly this file name, at any depth: glob
/// characters escaped, and quoted when it holds spaces or quotes.
pub fn pattern_for(name: &str) -> String {
    let mut pattern = String::with_capacity(name.len() + 2);
    for (i, c) in name.chars().enumerate() {
        if matches!(c, '*' | '?' | '[' | '\\') || (i == 0 && matches!(c, '!' | '#')) {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    if pattern.contains(|c: char| c.is_whitespace() || c == '"') {
        let mut quoted = String::with_capacity(pattern.len() + 4);
        quoted.push('"');
        for c in pattern.chars() {
            match c {
                '"' | '\\' => {
                    quoted.push('\\');
                    quoted.push(c);
                }
                '\t' => quoted.push_str("\\t"),
                '\n' => quoted.push_str("\\n"),
                _ => quoted.push(c),
            }
        }
        quoted.push('"');
        pattern = quoted;
    }
    pattern
}

/// A line's pattern (unquoted) and the rest of it, its attributes; `None`
/// for a blank line, a comment, a macro definition, a negative pattern
/// (which git ignores) or a pattern for folders (which never matches a file).
fn parse_line(line: &str) -> Option<(String, &str)> {
    let line = line.trim_start_matches([' ', '\t']);
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() || line.starts_with('#') || line.starts_with("[attr]") {
        return None;
    }
    let (pattern, rest) = if let Some(quoted) = line.strip_prefix('"') {
        unquote(quoted)?
    } else {
        let end = line.find([' ', '\t']).unwrap_or(line.len());
        (line[..end].to_owned(), &line[end..])
    };
    if pattern.starts_with('!') || pattern.ends_with('/') || pattern.is_empty() {
        return None;
    }
    Some((pattern, rest))
}

/// A C-style quoted pattern, its opening quote already taken off: the
/// pattern and what follows its closing quote; `None` if it never closes.
fn unquote(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &text[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// What an attribute token says about `merge`, if anything.
fn merge_in(attribute: &str) -> Option<Merge> {
    match attribute {
        "merge" => Some(Merge::Set),
        "-merge" | "binary" => Some(Merge::Unset),
        // `!merge`: back to unspecified.
        "!merge" => Some(Merge::Unspecified),
        _ => attribute
            .strip_prefix("merge=")
            .map(|name| Merge::Driver(name.to_owned())),
    }
}

/// Whether an attributes pattern matches a path relative to its file's
/// folder: by the path's last part when the pattern has no slash, else by
/// the whole path.
fn pattern_matches(pattern: &str, relative: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    if pattern.contains(&'/') {
        let pattern = match pattern.first() {
            Some('/') => &pattern[1..],
            _ => &pattern[..],
        };
        let path: Vec<char> = relative.chars().collect();
        wildmatch(pattern, &path)
    } else {
        let name = relative.rsplit('/').next().unwrap_or(relative);
        let name: Vec<char> = name.chars().collect();
        wildmatch(&pattern, &name)
    }
}

/// git's `wildmatch` with `WM_PATHNAME`: `*` and `?` stop at a slash, and
/// `**` between slashes (or at either end) matches any number of folders.
fn wildmatch(pattern: &[char], text: &[char]) -> bool {
    match_from(pattern, 0, text)
}

fn match_from(p: &[char], at: usize, t: &[char]) -> bool {
    let Some(&c) = p.get(at) else {
        return t.is_empty();
    };
    match c {
        '*' => {
            let stars = p[at..].iter().take_while(|&&c| c == '*').count();
            let after = at + stars;
            let whole_segment = stars >= 2
                && (at == 0 || p[at - 1] == '/')
                && matches!(p.get(after), None | Some('/'));
            if whole_segment {
                match p.get(after) {
                    // `/**` at the end: everything inside.
                    None => true,
                    // `**/`: here, or after any slash further on.
                    Some(_) => (0..=t.len())
                        .filter(|&k| k == 0 || t[k - 1] == '/')
                        .any(|k| match_from(p, after + 1, &t[k..])),
                }
            } else {
                // Any run of characters within one part of the path.
                let limit = t.iter().position(|&c| c == '/').unwrap_or(t.len());
                (0..=limit).any(|k| match_from(p, after, &t[k..]))
            }
        }
        '?' => matches!(t.first(), Some(&first) if first != '/') && match_from(p, at + 1, &t[1..]),
        '[' => match class(p, at + 1) {
            Some((end, set)) => match t.first() {
                Some(&first) if first != '/' && set.contains(first) => match_from(p, end, &t[1..]),
                _ => false,
            },
            // No closing bracket: a literal `[`.
            None => t.first() == Some(&'[') && match_from(p, at + 1, &t[1..]),
        },
        '\\' => match p.get(at + 1) {
            Some(&escaped) => t.first() == Some(&escaped) && match_from(p, at + 2, &t[1..]),
            // A pattern ending in a backslash is broken: git matches nothing.
            None => false,
        },
        c => t.first() == Some(&c) && match_from(p, at + 1, &t[1..]),
    }
}

/// A bracket expression's members.
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
}

impl Class {
    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

/// The bracket expression starting after `[` at `at`: where the pattern
/// goes on after its `]`, and its members; `None` when it never closes.
fn class(p: &[char], mut at: usize) -> Option<(usize, Class)> {
    let negated = matches!(p.get(at), Some('!' | '^'));
    if negated {
        at += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let mut c = *p.get(at)?;
        if c == ']' && !first {
            return Some((at + 1, Class { negated, ranges }));
        }
        first = false;
        if c == '\\' {
            at += 1;
            c = *p.get(at)?;
        }
        if p.get(at + 1) == Some(&'-') && p.get(at + 2).is_some_and(|&hi| hi != ']') {
            let mut hi_at = at + 2;
            if p[hi_at] == '\\' {
                hi_at += 1;
            }
            let hi = *p.get(hi_at)?;
            ranges.push((c, hi));
            at = hi_at + 1;
        } else {
            ranges.push((c, c));
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(text: &str) -> Vec<AttributesFile> {
        vec![AttributesFile {
            dir: String::new(),
            text: text.to_owned(),
        }]
    }

    fn routed(text: &str, path: &str) -> bool {
        routes_to_product(&top(text), path)
    }

    #[test]
    fn names_match_at_any_depth_and_paths_from_the_file() {
        assert!(routed("product.toml merge=product\n", "product.toml"));
        assert!(routed("product.toml merge=product\n", "a/b/product.toml"));
        assert!(!routed("product.toml merge=product\n", "product.json"));
        assert!(routed("*.toml merge=product", "docs/product.toml"));
        assert!(routed("* merge=product", "docs/product.toml"));
        assert!(routed(
            "docs/product.toml merge=product",
            "docs/product.toml"
        ));
        assert!(routed(
            "/docs/product.toml merge=product",
            "docs/product.toml"
        ));
        assert!(!routed("docs/product.toml merge=product", "product.toml"));
        assert!(!routed("docs/*.toml merge=product", "docs/a/product.toml"));
        assert!(routed(
            "docs/**/*.toml merge=product",
            "docs/a/b/product.toml"
        ));
        assert!(routed("docs/**/*.toml merge=product", "docs/product.toml"));
        assert!(routed("**/product.toml merge=product", "product.toml"));
        assert!(routed("docs/** merge=product", "docs/a/product.toml"));
        assert!(routed("product.[tj]*[!x] merge=product", "product.json"));
        assert!(routed("product.?oml merge=product", "product.toml"));
        assert!(!routed("docs/ merge=product", "docs"));
        assert!(!routed("!product.toml merge=product", "product.toml"));
    }

    #[test]
    fn later_lines_and_deeper_files_win() {
        assert!(!routed(
            "*.toml merge=product\nproduct.toml -merge\n",
            "product.toml"
        ));
        assert!(!routed(
            "*.toml merge=product\nproduct.toml merge=text\n",
            "product.toml"
        ));
        assert!(!routed("*.toml merge=product\n* !merge\n", "product.toml"));
        assert!(!routed("*.toml merge=product binary\n", "product.toml"));
        assert!(routed(
            "product.toml -merge\n# a comment\n  product.toml  text   merge=product\r\n",
            "product.toml"
        ));
        let files = vec![
            AttributesFile {
                dir: String::new(),
                text: "*.toml merge=product\n".into(),
            },
            AttributesFile {
                dir: "plans".into(),
                text: "product.toml -merge\n".into(),
            },
        ];
        assert!(!routes_to_product(&files, "plans/product.toml"));
        assert!(routes_to_product(&files, "planning/product.toml"));
        assert_eq!(merge_attribute(&files, "plans/product.toml"), Merge::Unset);
        assert_eq!(merge_attribute(&files, "x.md"), Merge::Unspecified);
    }

    #[test]
    fn adding_keeps_everything_and_is_idempotent() {
        let names = ["product.toml", "product.json"];
        let text = "# ours\n*.png binary\n";
        let once = with_product_driver(text, &names).unwrap();
        assert_eq!(
            once,
            "# ours\n*.png binary\nproduct.toml merge=product\nproduct.json merge=product\n"
        );
        assert_eq!(with_product_driver(&once, &names), None);

        let crlf = "# ours\r\n*.png binary\r\n";
        assert_eq!(
            with_product_driver(crlf, &names).unwrap(),
            "# ours\r\n*.png binary\r\nproduct.toml merge=product\r\nproduct.json merge=product\r\n"
        );
        let open = "*.png binary";
        let added = with_product_driver(open, &names).unwrap();
        assert_eq!(
            added,
            "*.png binary\nproduct.toml merge=product\nproduct.json merge=product"
        );
        assert_eq!(with_product_driver(&added, &names), None);
        assert_eq!(
            with_product_driver("", &["product.toml"]).unwrap(),
            "product.toml merge=product\n"
        );
        // Only what is missing, and each name once.
        assert_eq!(
            with_product_driver(
                "product.toml merge=product\n",
                &["product.toml", "roadmap.toml", "roadmap.toml"]
            )
            .unwrap(),
            "product.toml merge=product\nroadmap.toml merge=product\n"
        );
        // A name routed elsewhere later gets a line that wins.
        assert_eq!(
            with_product_driver(
                "product.toml merge=product\n*.toml -merge\n",
                &["product.toml"]
            )
            .unwrap(),
            "product.toml merge=product\n*.toml -merge\nproduct.toml merge=product\n"
        );
    }

    #[test]
    fn odd_names_are_escaped_and_still_match() {
        for name in [
            "my plan.toml",
            "a*b.toml",
            "[x].json",
            "#1.toml",
            "!n.toml",
            "q\"uote.toml",
        ] {
            let text = with_product_driver("", &[name]).unwrap();
            assert!(routed(&text, name), "{name}: {text}");
            assert!(routed(&text, &format!("sub/{name}")), "{name}: {text}");
            assert!(!routed(&text, "product.toml"), "{name}: {text}");
        }
        assert_eq!(pattern_for("my plan.toml"), "\"my plan.toml\"");
        assert_eq!(pattern_for("a*b.toml"), "a\\*b.toml");
    }
}
