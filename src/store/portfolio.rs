//! Portfolio manifests on disk: finding one (as the product file is found),
//! reading and checking it, writing it (new, or changed with its comments
//! and unknown keys kept), and reading the product files it lists, each
//! from the work tree or at a git revision, side by side on every core.

use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::model::Product;
use crate::portfolio::{MANIFEST_NAMES, Manifest, Member};

use super::key_shape::Shape;
use super::locate::{line_col, problem_at};
use super::{Format, JsonStyle, Placer, Problem, StoreError};

/// Finds the manifest: the one given, else the first `portfolio.toml` or
/// `portfolio.json` in `start` or its parents.
pub fn discover_manifest(given: Option<&Path>, start: &Path) -> Result<PathBuf, StoreError> {
    if let Some(path) = given {
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

/// Reads a manifest from text, as if it were the file at `path`.
pub fn parse_manifest(text: &str, path: &Path) -> Result<Manifest, StoreError> {
    let format = Format::of(path);
    let invalid = |problems: Vec<Problem>| StoreError::InvalidManifest {
        file: path.to_path_buf(),
        problems,
    };
    let manifest: Manifest = match format {
        Format::Toml => toml::from_str(text).map_err(|e| {
            invalid(vec![Problem {
                line_col: e.span().map(|s| line_col(text, s.start)),
                path: String::new(),
                message: e.message().trim().to_owned(),
            }])
        })?,
        Format::Json => serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            invalid(vec![Problem {
                line_col: (e.line() > 0).then(|| (e.line(), e.column().max(1))),
                path: String::new(),
                message,
            }])
        })?,
    };
    let problems: Vec<Problem> = manifest
        .problems()
        .into_iter()
        .map(|(at, message)| problem_at(text, format, &at, message))
        .collect();
    if problems.is_empty() {
        Ok(manifest)
    } else {
        Err(invalid(problems))
    }
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
    let text = super::read_text(path)?;
    let before = parse_manifest(&text, path)?;
    let (after, out) = change(&before)?;
    if after != before {
        let written = match Format::of(path) {
            Format::Toml => toml_edited(&text, &after, path)?,
            Format::Json => json_edited(&text, &after, path)?,
        };
        super::write_atomic(path, written.as_bytes())?;
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
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Result<LoadedMember, StoreError>)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(members.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(member) = members.get(i) else { break };
                    let loaded = load_member(manifest, member);
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, loaded));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, loaded)| loaded).collect()
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
    Ok(LoadedMember {
        file,
        rev: member.rev.clone(),
        text,
        product,
        shape,
    })
}

/// `file` as the manifest should name it: relative to the manifest's
/// folder (`../payments/product.toml`), with `/` between the parts.
pub fn relative_to_manifest(manifest: &Path, file: &Path) -> Result<String, StoreError> {
    let absolute = |p: &Path| -> Result<PathBuf, StoreError> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| StoreError::io(p, e))?
                .join(p)
        };
        Ok(normalised(&p))
    };
    let folder = absolute(manifest)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let file = absolute(file)?;
    let from: Vec<Component> = folder.components().collect();
    let to: Vec<Component> = file.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(parts.join("/"))
}

/// The path with `.` steps dropped and `..` steps taken where they can be
/// (without asking the file system, so a path still reads as written).
fn normalised(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
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
