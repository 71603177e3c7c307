//! Text to `Product`: deserializes, validates, and turns every failure into
//! problems that carry `line:col`, the key path and what was expected.

use std::fmt;
use std::path::Path;

use std::cell::Cell;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::{self, KeyPath, Product, SUPPORTED_VERSION};
use crate::priority;

use super::Format;
use super::conflict;
use super::error::{Problem, StoreError};
use super::every_problem::{further_problems, placed};
use super::locate::{line_col, problem_at, with_ids};
use super::number_text::{self, Exponents};
use super::serde_error::{key_path, plain_message};

/// Reads a product from text in the given format and checks it. A JSON
/// file is read straight into the model, the fast way: what the model does
/// not know is skipped unread. `check` reads it as edits do instead
/// ([`parse_json_as_edits_do`]).
pub fn parse_product(text: &str, format: Format, file: &Path) -> Result<Product, StoreError> {
    let parsed = match format {
        Format::Toml => toml::from_str::<Product>(text).map_err(|_| ()),
        Format::Json => serde_json::from_str::<Product>(text).map_err(|_| ()),
    };
    let product = parsed.map_err(|()| {
        let problem = explain_failure(text, format);
        match conflict::after_failure(text, problem.line_col.map(|(line, _)| line)) {
            Some(marker) => conflicted(file, marker),
            None => {
                // An empty file, or one of another version, has nothing
                // more worth saying than that.
                let mut problems =
                    if text.trim().is_empty() || unsupported_version(text, format).is_some() {
                        Vec::new()
                    } else {
                        further_problems(text, format, &problem)
                    };
                problems.push(problem);
                in_file_order(&mut problems);
                invalid(file, problems)
            }
        }
    })?;
    validated(product, text, format, file)
}

/// A JSON product read as an edit reads it: through [`json_document`], so
/// that what an edit refuses (a repeated key, a lone surrogate or a value
/// nested too deep, in a value the model does not know) `check` refuses
/// alike, with the same words and place. The document comes back too (when
/// the text parses), so that `check` need not parse the text again for its
/// keys.
pub fn parse_json_as_edits_do(
    text: &str,
    file: &Path,
) -> Result<(Product, Option<serde_json::Value>), StoreError> {
    match json_document(text) {
        Ok(value) => match Product::deserialize(&value) {
            Ok(product) => Ok((validated(product, text, Format::Json, file)?, Some(value))),
            // The typed read explains why, with its place.
            Err(_) => parse_product(text, Format::Json, file).map(|p| (p, Some(value))),
        },
        // A file that is not a product at all is explained as one; only a
        // product that reads but for the document is refused here.
        Err(e) => match serde_json::from_str::<Product>(text) {
            Ok(_) => Err(json_document_problem(text, &e, file)),
            Err(_) => parse_product(text, Format::Json, file).map(|p| (p, None)),
        },
    }
}

/// A file with git's conflict markers in it.
fn conflicted(file: &Path, marker: conflict::Marker) -> StoreError {
    StoreError::ConflictMarkers {
        file: file.to_path_buf(),
        line: marker.line,
        marker: marker.marker,
    }
}

/// Checks a deserialized product, placing each problem in the text. Every
/// read that parsed comes here, so this is also where a TOML file that
/// parsed with a whole git conflict in a multi-line string is refused.
pub fn validated(
    product: Product,
    text: &str,
    format: Format,
    file: &Path,
) -> Result<Product, StoreError> {
    if format == Format::Toml
        && let Some(marker) = conflict::complete_conflict(text)
    {
        return Err(conflicted(file, marker));
    }
    let problems = rule_problems(&product);
    if problems.is_empty() {
        return Ok(product);
    }
    let mut problems: Vec<Problem> = problems
        .into_iter()
        .map(|p| placed(text, format, p))
        .collect();
    in_file_order(&mut problems);
    Err(invalid(file, problems))
}

/// What a read refuses in a product that deserialized: the rules of the
/// format. A write checks the same before it writes, so that no change
/// leaves a file that the next read refuses.
pub fn rule_problems(product: &Product) -> Vec<model::Invalid> {
    let mut problems = model::validate(product);
    problems.extend(priority::validate_scoring(&product.scoring));
    problems
}

/// Problems in the order of the file, as a reader fixes them; any that
/// could not be placed last. The sort is stable: problems at one place keep
/// the order they were found in.
fn in_file_order(problems: &mut [Problem]) {
    problems.sort_by_key(|p| p.line_col.unwrap_or((usize::MAX, 0)));
}

fn invalid(file: &Path, problems: Vec<Problem>) -> StoreError {
    StoreError::Invalid {
        file: file.to_path_buf(),
        problems,
    }
}

/// Works out why the text did not deserialize. Runs only after a failure, so
/// it can afford to deserialize again while tracking the key path.
fn explain_failure(text: &str, format: Format) -> Problem {
    if text.trim().is_empty() {
        return Problem {
            line_col: Some((1, 1)),
            path: String::new(),
            message: format!(
                "the file is empty; expected at least `version = {SUPPORTED_VERSION}` and a [product] table with a name and a key"
            ),
        };
    }
    if let Some(problem) = unsupported_version(text, format) {
        return problem;
    }
    match format {
        Format::Toml => explain_toml(text),
        Format::Json => explain_json(text),
    }
}

/// A file of another version may not even have our shape: say so first.
fn unsupported_version(text: &str, format: Format) -> Option<Problem> {
    let version = match format {
        Format::Toml => toml::from_str::<toml::Table>(text)
            .ok()?
            .get("version")?
            .as_integer()?,
        Format::Json => serde_json::from_str::<serde_json::Value>(text)
            .ok()?
            .get("version")?
            .as_i64()?,
    };
    (version != SUPPORTED_VERSION).then(|| {
        problem_at(
            text,
            format,
            &KeyPath::root().key("version"),
            format!("unsupported version {version}; this build reads version {SUPPORTED_VERSION}"),
        )
    })
}

fn explain_toml(text: &str) -> Problem {
    let deserializer = match toml::Deserializer::parse(text) {
        Ok(d) => d,
        Err(e) => return toml_problem(text, KeyPath::root(), &e),
    };
    match serde_path_to_error::deserialize::<_, Product>(deserializer) {
        Ok(_) => unreachable_success(),
        Err(e) => {
            let path = with_ids(text, Format::Toml, &key_path(e.path()));
            toml_problem(text, path, e.inner())
        }
    }
}

fn toml_problem(text: &str, path: KeyPath, error: &toml::de::Error) -> Problem {
    let message = plain_message(error.message());
    match error.span() {
        Some(span) => Problem {
            line_col: Some(line_col(text, span.start)),
            path: path.to_string(),
            message,
        },
        None => problem_at(text, Format::Toml, &path, message),
    }
}

fn explain_json(text: &str) -> Problem {
    // Syntax first: trailing characters are only seen by a whole-text parse.
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        return json_problem(KeyPath::root(), &e);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Product>(&mut deserializer) {
        Ok(_) => unreachable_success(),
        Err(e) => {
            let path = with_ids(text, Format::Json, &key_path(e.path()));
            json_problem(path, e.inner())
        }
    }
}

fn json_problem(path: KeyPath, error: &serde_json::Error) -> Problem {
    let full = error.to_string();
    // serde_json appends " at line L column C"; the place is reported on its own.
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    let mut path = path.to_string();
    if message == "recursion limit exceeded" {
        // The path down to that depth is no help: where it starts is.
        if let Some(at) = path.find(['[', '.']) {
            path.truncate(at);
            path.push_str("[...]");
        }
    }
    Problem {
        line_col: (error.line() > 0).then(|| (error.line(), error.column().max(1))),
        path,
        message: plain_message(message),
    }
}

/// A JSON file as a tree to edit, refusing a key written twice in one object.
/// A tree keeps only one of the two, so writing it back would silently drop
/// the other; reads already refuse it for the model's own keys.
pub fn json_document(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let exponents = Cell::new(Exponents::new(text));
    let seed = StrictSeed::<FAST> {
        exponents: Some(&exponents),
    };
    let value = seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Why [`json_document`] refused the text, for a file that reads fine
/// otherwise (the key repeated is one the model does not know).
pub fn json_document_problem(text: &str, error: &serde_json::Error, file: &Path) -> StoreError {
    // Only on failure: parse again, tracking where, and stopping right at
    // the repeated key rather than at the end of its object.
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let problem = match serde_path_to_error::deserialize::<_, Strict<AT_THE_KEY>>(&mut deserializer)
    {
        Err(e) => json_problem(with_ids(text, Format::Json, &key_path(e.path())), e.inner()),
        Ok(_) => json_problem(KeyPath::root(), error),
    };
    invalid(file, vec![problem])
}

/// [`StrictSeed`] finds a repeated key once its object is read: the object is
/// then built at its size at once, rather than grown key by key.
const FAST: bool = false;
/// [`StrictSeed`] stops at a repeated key, so that the error says where it is.
const AT_THE_KEY: bool = true;

/// A `serde_json::Value` built the same way, but a repeated key is an error.
/// Numbers keep their text; with the text's exponent numbers, exactly as
/// written (see [`number_text`]).
#[derive(Clone, Copy)]
struct StrictSeed<'c, 't, const AT_KEY: bool> {
    exponents: Option<&'c Cell<Exponents<'t>>>,
}

impl<'de, const AT_KEY: bool> DeserializeSeed<'de> for StrictSeed<'_, '_, AT_KEY> {
    type Value = serde_json::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// [`StrictSeed`] as a type, for where only the error matters.
struct Strict<const AT_KEY: bool>;

impl<'de, const AT_KEY: bool> Deserialize<'de> for Strict<AT_KEY> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        StrictSeed::<AT_KEY> { exponents: None }
            .deserialize(deserializer)
            .map(|_| Strict)
    }
}

impl<'de, const AT_KEY: bool> Visitor<'de> for StrictSeed<'_, '_, AT_KEY> {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(value) = seq.next_element_seed(self)? {
            out.push(value);
        }
        Ok(out.into())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde_json::map::Entry;
        let duplicate = |key: &str| de::Error::custom(format_args!("duplicate key `{key}`"));
        let Some(first) = map.next_key::<String>()? else {
            return Ok(serde_json::Map::new().into());
        };
        if first == NUMBER_TOKEN {
            // A number, handed over with its text as the file has it.
            let parsed: String = map.next_value()?;
            let number = match self.exponents {
                Some(exponents) => {
                    let mut left = exponents.get();
                    let number = number_text::as_written(&parsed, &mut left);
                    exponents.set(left);
                    number
                }
                None => parsed.parse(),
            };
            return number.map(Into::into).map_err(de::Error::custom);
        }
        let value = map.next_value_seed(self)?;
        if AT_KEY {
            let mut out = serde_json::Map::new();
            out.insert(first, value);
            while let Some(key) = map.next_key::<String>()? {
                match out.entry(key) {
                    Entry::Vacant(slot) => {
                        let value = map.next_value_seed(self)?;
                        slot.insert(value);
                    }
                    Entry::Occupied(slot) => return Err(duplicate(slot.key())),
                }
            }
            return Ok(out.into());
        }
        let mut entries: Vec<(String, serde_json::Value)> = Vec::with_capacity(32);
        entries.push((first, value));
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            entries.push((key, value));
        }
        let mut out = serde_json::Map::with_capacity(entries.len());
        for (key, value) in entries {
            match out.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(slot) => return Err(duplicate(slot.key())),
            }
        }
        Ok(out.into())
    }
}

/// The key under which serde_json (with its `arbitrary_precision` feature,
/// which keeps a number's text) hands a number over as a one-entry map, as
/// its own `Value` reads it.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// The typed parse failed but the tracking one did not: cannot happen with
/// the same input, but say something useful rather than panic.
fn unreachable_success() -> Problem {
    Problem {
        line_col: None,
        path: String::new(),
        message: "the file could not be read, but no reason was found; please report this".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "version = 1\n[product]\nname = \"P\"\nkey = \"RX\"\n";

    fn problems(text: &str, format: Format) -> Vec<Problem> {
        match parse_product(text, format, Path::new("p.toml")) {
            Err(StoreError::Invalid { problems, .. }) => problems,
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn wrong_type_names_line_col_and_item_id() {
        let text = format!(
            "{GOOD}\n[[items]]\nid = \"RX-4\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\nsize = \"big\"\n"
        );
        let p = &problems(&text, Format::Toml)[0];
        assert_eq!(p.path, "items[RX-4].size");
        assert_eq!(p.line_col, Some((11, 8)));
        assert!(p.message.contains("expected a number"), "{}", p.message);
    }

    #[test]
    fn json_errors_name_the_path_too() {
        let text = r#"{"version": 1, "product": {"name": "P", "key": "RX"},
 "items": [{"id": "RX-4", "title": "t", "kind": "bug", "status": "idea", "size": "big"}]}"#;
        let p = &problems(text, Format::Json)[0];
        assert_eq!(p.path, "items[RX-4].size");
        assert_eq!(p.line_col.map(|l| l.0), Some(2));
        assert!(p.message.contains("expected a number"), "{}", p.message);
    }

    #[test]
    fn duplicate_ids_point_at_the_second_one() {
        let item = "\n[[items]]\nid = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\n";
        let text = format!("{GOOD}{item}{item}");
        let p = &problems(&text, Format::Toml)[0];
        assert_eq!(p.path, "items[RX-1].id");
        assert_eq!(p.line_col, Some((13, 1)));
    }

    #[test]
    fn json_duplicate_is_located_by_scanning() {
        let text = "{\n  \"version\": 1,\n  \"product\": {\"name\": \"P\", \"key\": \"RX\"},\n  \"items\": [\n    {\"id\": \"RX-1\", \"title\": \"a\", \"kind\": \"bug\", \"status\": \"idea\"},\n    {\"id\": \"RX-1\", \"title\": \"b\", \"kind\": \"bug\", \"status\": \"idea\"}\n  ]\n}\n";
        let p = &problems(text, Format::Json)[0];
        assert_eq!(p.line_col, Some((6, 6)));
    }

    #[test]
    fn empty_syntax_and_version_errors() {
        assert!(
            problems("", Format::Toml)[0]
                .message
                .contains("the file is empty")
        );
        let p = &problems("version = 1\n[product\n", Format::Toml)[0];
        assert_eq!(p.line_col.map(|l| l.0), Some(2));
        let p = &problems("version = 7\n", Format::Toml)[0];
        assert!(p.message.contains("unsupported version 7"));
        assert_eq!(p.path, "version");
        let p = &problems("{\"version\": 1,", Format::Json)[0];
        assert_eq!(p.line_col.map(|l| l.0), Some(1));
    }
}
