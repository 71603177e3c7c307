//! Portfolio manifests on disk: finding one (as the product file is found),
//! reading and checking it, writing it (new, or changed with its comments
//! and unknown keys kept), and reading the product files it lists, each
//! from the work tree or at a git revision, side by side on every core.

use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use crate::model::{KeyPath, Product};
use crate::portfolio::{
    Listed, Loaded, MANIFEST_NAMES, Manifest, Member, Portfolio, PortfolioObjective,
};

use super::key_shape::Shape;
use super::locate::{line_col, problem_at, problem_at_value, with_ids};
use super::serde_error::{key_path, plain_message};
use super::{Format, JsonStyle, Placer, Problem, StoreError};

/// Finds the manifest: the one given, else the first `portfolio.toml` or
/// `portfolio.json` in `start` or its parents.
pub fn discover_manifest(given: Option<&Path>, start: &Path) -> Result<PathBuf, StoreError> {
    if let Some(path) = given {
        // A folder stands for the manifest in it.
        if path.is_dir() {
            return MANIFEST_NAMES
                .iter()
                .map(|name| path.join(name))
                .find(|candidate| candidate.is_file())
                .ok_or_else(|| StoreError::ManifestMissing {
                    file: path.join(MANIFEST_NAMES[0]),
                });
        }
        if !path.exists() {
            return Err(StoreError::ManifestMissing {
                file: path.to_path_buf(),
            });
        }
        super::path_kind::existing_product_file(path)?;
        return Ok(path.to_path_buf());
    }
    for dir in start.ancestors() {
        for name in MANIFEST_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(StoreError::ManifestNotFound {
        searched_from: start.to_path_buf(),
    })
}

/// Reads and checks a manifest; every problem is placed at its `line:col`.
pub fn read_manifest(path: &Path) -> Result<Manifest, StoreError> {
    let text = match super::read_text(path) {
        Err(StoreError::Missing { file }) => return Err(StoreError::ManifestMissing { file }),
        Err(StoreError::Invalid { file, problems }) => {
            return Err(StoreError::InvalidManifest { file, problems });
        }
        other => other?,
    };
    parse_manifest(&text, path)
}

/// Reads a manifest from text, as if it were the file at `path`. The text
/// is parsed first (a syntax error is placed by the parser), then read
/// into the manifest (a wrong type is placed at its key path), then
/// checked ([`Manifest::problems`]); keys the manifest does not know are
/// kept in the file and listed in [`Manifest::unknown_keys`].
pub fn parse_manifest(text: &str, path: &Path) -> Result<Manifest, StoreError> {
    let format = Format::of(path);
    let invalid = |problems: Vec<Problem>| StoreError::InvalidManifest {
        file: path.to_path_buf(),
        problems,
    };
    let tree: serde_json::Value = match format {
        Format::Toml => {
            let table: toml::Table = toml::from_str(text).map_err(|e| {
                invalid(vec![Problem {
                    line_col: e.span().map(|s| line_col(text, s.start)),
                    path: String::new(),
                    message: e.message().trim().to_owned(),
                }])
            })?;
            serde_json::to_value(table).unwrap_or_default()
        }
        Format::Json => serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let message = message
                .rfind(" at line ")
                .map_or(message.as_str(), |i| &message[..i])
                .to_owned();
            invalid(vec![Problem {
                line_col: (e.line() > 0).then(|| (e.line(), e.column().max(1))),
                path: String::new(),
                message,
            }])
        })?,
    };
    let mut manifest: Manifest = serde_path_to_error::deserialize(&tree).map_err(|e| {
        let at = with_ids(text, format, &key_path(e.path()));
        let message = plain_message(&e.inner().to_string());
        invalid(vec![problem_at_value(text, format, &at, message)])
    })?;
    let problems: Vec<Problem> = manifest
        .problems()
        .into_iter()
        .map(|(at, message)| problem_at(text, format, &at, message))
        .collect();
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    manifest.unknown_keys = unknown_keys(&tree);
    Ok(manifest)
}

/// The keys of the manifest's tree that it does not know.
fn unknown_keys(tree: &serde_json::Value) -> Vec<KeyPath> {
    let mut found = Vec::new();
    let root = KeyPath::root();
    let Some(top) = tree.as_object() else {
        return found;
    };
    let mut within = |list: &str, known: &[&str], id: bool| {
        for (i, entry) in top
            .get(list)
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let name = entry
                .get("id")
                .and_then(serde_json::Value::as_str)
                .filter(|_| id);
            for key in entry.as_object().into_iter().flat_map(|o| o.keys()) {
                if !known.contains(&key.as_str()) {
                    found.push(root.key(list).index(i, name).key(key));
                }
            }
        }
    };
    within("products", Member::FIELDS, false);
    within("objectives", PortfolioObjective::FIELDS, true);
    for key in top.keys() {
        if !Manifest::FIELDS.contains(&key.as_str()) {
            found.push(root.key(key));
        }
    }
    found
}

/// The text of a new manifest in the format its path names.
pub fn manifest_text(manifest: &Manifest, path: &Path) -> String {
    match Format::of(path) {
        Format::Toml => toml::to_string(manifest).unwrap_or_default(),
        Format::Json => {
            let value = serde_json::to_value(manifest).unwrap_or_default();
            JsonStyle::standard().write(&value)
        }
    }
}

/// Writes a new manifest; refuses to overwrite one unless `force`.
pub fn create_manifest(
    path: &Path,
    manifest: &Manifest,
    force: bool,
    wait: Duration,
) -> Result<(), StoreError> {
    super::create(path, &manifest_text(manifest, path), force, wait)
}

/// Changes a manifest: locks it, reads it, lets `change` make the new
/// manifest from the old, and writes the difference back with the file's
/// comments, layout and unknown keys kept (an entry that stays keeps its
/// text; a new one is added at the end of its list).
pub fn edit_manifest<T, E: From<StoreError>>(
    path: &Path,
    wait: Duration,
    change: impl FnOnce(&Manifest) -> Result<(Manifest, T), E>,
) -> Result<T, E> {
    let _lock = super::lock(path, wait)?;
    super::refuse_read_only(path)?;
    let original = super::read_utf8(path)?;
    let text = original.strip_prefix(super::BOM).unwrap_or(&original);
    let before = parse_manifest(text, path)?;
    let (after, out) = change(&before)?;
    if after != before {
        let written = match Format::of(path) {
            Format::Toml => toml_edited(text, &after, path)?,
            Format::Json => json_edited(text, &after, path)?,
        };
        // Line ends and a byte-order mark stay as the file had them.
        let mut written = written.replace("\r\n", "\n");
        if text.contains("\r\n") {
            written = written.replace('\n', "\r\n");
        }
        if original.starts_with(super::BOM) {
            written.insert_str(0, super::BOM);
        }
        // Refused, not overwritten, if something else saved it meanwhile.
        super::replace_unchanged(path, &original, written.as_bytes())?;
    }
    Ok(out)
}

fn toml_edited(text: &str, after: &Manifest, path: &Path) -> Result<String, StoreError> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
    let mut doc: DocumentMut = text.parse().map_err(|_| StoreError::InvalidManifest {
        file: path.to_path_buf(),
        problems: Vec::new(),
    })?;
    if doc.get("name").and_then(Item::as_str) != Some(after.name.as_str()) {
        doc["name"] = value(after.name.clone());
    }
    // An inline array (`products = [{ path = ... }]`) is edited in place.
    if let Some(array) = doc.get_mut("products").and_then(Item::as_array_mut) {
        let old: Vec<toml_edit::Value> = array.iter().cloned().collect();
        array.clear();
        for member in &after.products {
            let kept = old.iter().find(|v| {
                v.as_inline_table().is_some_and(|t| {
                    t.get("path").and_then(|p| p.as_str()) == Some(member.path.as_str())
                        && t.get("rev").and_then(|r| r.as_str()) == member.rev.as_deref()
                })
            });
            match kept {
                Some(v) => array.push_formatted(v.clone()),
                None => {
                    let mut t = toml_edit::InlineTable::new();
                    t.insert("path", member.path.as_str().into());
                    if let Some(rev) = &member.rev {
                        t.insert("rev", rev.as_str().into());
                    }
                    array.push(t);
                }
            }
        }
        return Ok(doc.to_string());
    }
    let old: Vec<Table> = doc
        .get("products")
        .and_then(Item::as_array_of_tables)
        .map(|a| a.iter().cloned().collect())
        .unwrap_or_default();
    let mut products = ArrayOfTables::new();
    for member in &after.products {
        let kept = old.iter().find(|t| {
            t.get("path").and_then(Item::as_str) == Some(member.path.as_str())
                && t.get("rev").and_then(Item::as_str) == member.rev.as_deref()
        });
        let table = match kept {
            Some(t) => t.clone(),
            None => {
                let mut t = Table::new();
                t["path"] = value(member.path.clone());
                if let Some(rev) = &member.rev {
                    t["rev"] = value(rev.clone());
                }
                t
            }
        };
        products.push(table);
    }
    // A comment above the first entry is about the list: when that entry
    // goes, it stays above the new first one.
    if let (Some(first_old), Some(first_new)) = (old.first(), products.get_mut(0))
        && first_new.decor() != first_old.decor()
        && !after.products.iter().any(|m| {
            first_old.get("path").and_then(Item::as_str) == Some(m.path.as_str())
                && first_old.get("rev").and_then(Item::as_str) == m.rev.as_deref()
        })
    {
        let prefix = first_old.decor().prefix().cloned();
        if let Some(prefix) = prefix {
            first_new.decor_mut().set_prefix(prefix);
        }
    }
    if after.products.is_empty() {
        doc.remove("products");
    } else if let Some(existing) = doc
        .get_mut("products")
        .and_then(Item::as_array_of_tables_mut)
    {
        *existing = products;
    } else {
        // Before the objectives, where a reader looks for them.
        let objectives = doc.remove("objectives");
        doc.insert("products", Item::ArrayOfTables(products));
        if let Some(objectives) = objectives {
            doc.insert("objectives", objectives);
        }
    }
    Ok(doc.to_string())
}

fn json_edited(text: &str, after: &Manifest, path: &Path) -> Result<String, StoreError> {
    use serde_json::Value;
    let mut doc: Value = serde_json::from_str(text).map_err(|_| StoreError::InvalidManifest {
        file: path.to_path_buf(),
        problems: Vec::new(),
    })?;
    let Some(object) = doc.as_object_mut() else {
        return Ok(text.to_owned());
    };
    object.insert("name".into(), Value::String(after.name.clone()));
    let old: Vec<Value> = object
        .get("products")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let products: Vec<Value> = after
        .products
        .iter()
        .map(|member| {
            old.iter()
                .find(|v| {
                    v.get("path").and_then(Value::as_str) == Some(member.path.as_str())
                        && v.get("rev").and_then(Value::as_str) == member.rev.as_deref()
                })
                .cloned()
                .unwrap_or_else(|| serde_json::to_value(member).unwrap_or_default())
        })
        .collect();
    if products.is_empty() {
        object.shift_remove("products");
    } else {
        object.insert("products".into(), Value::Array(products));
    }
    Ok(JsonStyle::detect(text).write(&doc))
}

/// A product file of a portfolio, read and checked.
#[derive(Debug)]
pub struct LoadedMember {
    /// Where the file is: the manifest's folder joined with its path.
    pub file: PathBuf,
    /// The revision it was read at, if any.
    pub rev: Option<String>,
    /// Its text, for placing findings at `line:col`.
    pub text: String,
    pub product: Product,
    /// Its keys as written, for the unknown-key rule.
    pub shape: Option<Shape>,
    /// Its place in a git work tree and the `.gitattributes` there, for
    /// the merge-driver rule; none for a file read at a revision.
    pub repository: Option<crate::gitattributes::InRepository>,
}

impl LoadedMember {
    pub fn format(&self) -> Format {
        Format::of(&self.file)
    }

    /// Finds key paths in the file's text.
    pub fn placer(&self) -> Placer<'_> {
        Placer::new(&self.text, self.format())
    }
}

/// Where a member's file is: its path taken from the manifest's folder.
pub fn member_file(manifest: &Path, member: &Member) -> PathBuf {
    let folder = manifest.parent().unwrap_or(Path::new(""));
    normalised(&folder.join(&member.path))
}

/// Reads every product of the manifest at `manifest`, in its order, on as
/// many threads as there are cores. A product that cannot be read (missing,
/// not in git at its revision, invalid) is its error; the others still read.
pub fn load_members(manifest: &Path, members: &[Member]) -> Vec<Result<LoadedMember, StoreError>> {
    crate::portfolio::par_map(members, |member| load_member(manifest, member))
}

/// A portfolio as read: its manifest, and each product it lists, read or
/// the reason it could not be.
#[derive(Debug)]
pub struct OpenPortfolio {
    pub manifest: Manifest,
    /// One per manifest entry, in its order.
    pub members: Vec<Result<LoadedMember, StoreError>>,
    /// Why each product that could not be read could not, in a line
    /// (empty for one that was read).
    pub reasons: Vec<String>,
}

/// Reads the manifest at `path` and every product it lists.
pub fn open_portfolio(path: &Path) -> Result<OpenPortfolio, StoreError> {
    Ok(load_portfolio(path, read_manifest(path)?))
}

/// Reads every product `manifest` (the manifest at `path`) lists.
pub fn load_portfolio(path: &Path, manifest: Manifest) -> OpenPortfolio {
    let members = load_members(path, &manifest.products);
    let reasons = members
        .iter()
        .map(|m| m.as_ref().err().map(in_a_line).unwrap_or_default())
        .collect();
    OpenPortfolio {
        manifest,
        members,
        reasons,
    }
}

impl OpenPortfolio {
    /// The portfolio as the library takes it.
    pub fn portfolio(&self) -> Portfolio<'_> {
        Portfolio {
            manifest: &self.manifest,
            products: self
                .members
                .iter()
                .zip(&self.reasons)
                .map(|(m, reason)| match m {
                    Ok(m) => Loaded::Read {
                        product: &m.product,
                        shape: m.shape.as_ref(),
                        repository: m.repository.as_ref(),
                    },
                    Err(_) => Loaded::Failed { reason },
                })
                .collect(),
        }
    }

    /// Each entry with its product's key, where its file reads.
    pub fn listed(&self) -> Vec<Listed> {
        self.manifest
            .products
            .iter()
            .zip(&self.members)
            .map(|(member, loaded)| Listed {
                member: member.clone(),
                key: loaded.as_ref().ok().map(|m| m.product.product.key.clone()),
            })
            .collect()
    }

    /// Each product that could not be read, as the manifest names it, and why.
    pub fn unread(&self) -> Vec<(String, &str)> {
        self.manifest
            .products
            .iter()
            .zip(&self.reasons)
            .filter(|(_, r)| !r.is_empty())
            .map(|(m, r)| (m.shown(), r.as_str()))
            .collect()
    }
}

/// Why a product could not be read, in a line: its first problem, placed.
fn in_a_line(e: &StoreError) -> String {
    match e {
        StoreError::Invalid { file, problems } => match problems.first() {
            Some(p) => {
                let place = match p.line_col {
                    Some((l, c)) => format!("{}:{l}:{c}", file.display()),
                    None => file.display().to_string(),
                };
                format!("not a valid product file: {place}: {p}")
            }
            None => e.to_string(),
        },
        other => other.to_string(),
    }
}

/// Reads one product of a portfolio.
pub fn load_member(manifest: &Path, member: &Member) -> Result<LoadedMember, StoreError> {
    let file = member_file(manifest, member);
    let (text, named) = match &member.rev {
        None => {
            super::path_kind::existing_product_file(&file)?;
            (super::read_text(&file)?, file.clone())
        }
        Some(rev) => {
            let text =
                super::text_at_revision(&file, rev)?.ok_or_else(|| StoreError::AtRevision {
                    file: file.clone(),
                    rev: rev.clone(),
                    message: "the file is not in git at this revision".into(),
                })?;
            // Problems in it are placed as `path@rev:line:col`.
            (text, PathBuf::from(format!("{}@{rev}", file.display())))
        }
    };
    let placer = Placer::new(&text, Format::of(&file));
    let product = placer.product(&named)?;
    let shape = placer.key_shape();
    drop(placer);
    let repository = match member.rev {
        None => super::attributes_of(&file),
        Some(_) => None,
    };
    Ok(LoadedMember {
        file,
        rev: member.rev.clone(),
        text,
        product,
        shape,
        repository,
    })
}

/// `file` as the manifest should name it: relative to the manifest's
/// folder (`../payments/product.toml`), with `/` between the parts.
pub fn relative_to_manifest(manifest: &Path, file: &Path) -> Result<String, StoreError> {
    let folder = absolute(manifest)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(relative_from(&folder, file)?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

/// `path` from the top of the work tree at `top` (`payments/product.toml`),
/// with `/` between the parts; `None` when it is not inside it.
pub fn path_from_top(top: &Path, path: &Path) -> Option<String> {
    let top = top.canonicalize().ok()?;
    let full = path.canonicalize().ok()?;
    let inside = full.strip_prefix(&top).ok()?;
    Some(inside.to_string_lossy().replace('\\', "/"))
}

/// `file` as seen from the folder `dir` (`../../portfolio.toml`).
pub fn relative_from(dir: &Path, file: &Path) -> Result<PathBuf, StoreError> {
    let dir = absolute(dir)?;
    let file = absolute(file)?;
    let from: Vec<Component> = dir.components().collect();
    let to: Vec<Component> = file.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for c in &to[common..] {
        out.push(c.as_os_str());
    }
    Ok(out)
}

/// The path from the root, `.` and `..` steps taken where they can be.
fn absolute(p: &Path) -> Result<PathBuf, StoreError> {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| StoreError::io(p, e))?
            .join(p)
    };
    Ok(normalised(&p))
}

/// The path with `.` steps dropped and `..` steps taken where they can be:
/// after a folder that is not a symbolic link (`..` from a link's target is
/// the target's parent, which only the file system knows, so it is kept).
fn normalised(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_)))
                    && !out.is_symlink() =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_named_from_the_manifests_folder() {
        let m = Path::new("/w/portfolio/portfolio.toml");
        assert_eq!(
            relative_to_manifest(m, Path::new("/w/payments/product.toml")).unwrap(),
            "../payments/product.toml"
        );
        assert_eq!(
            relative_to_manifest(m, Path::new("/w/portfolio/a/./product.json")).unwrap(),
            "a/product.json"
        );
        let member = Member {
            path: "../payments/product.toml".into(),
            rev: None,
        };
        assert_eq!(
            member_file(m, &member),
            PathBuf::from("/w/payments/product.toml")
        );
    }

    #[test]
    fn a_bad_manifest_is_placed() {
        let text = "name = \"P\"\n\n[[products]]\npath = \"\"\n";
        let err = parse_manifest(text, Path::new("portfolio.toml")).unwrap_err();
        let StoreError::InvalidManifest { problems, .. } = err else {
            panic!("{err:?}")
        };
        assert_eq!(problems[0].line_col, Some((4, 1)));
        assert_eq!(problems[0].path, "products[1].path");
    }
}
