//! A product file as it was at a git revision, read with `git show`
//! through an argument list (never a shell), for `diff --base` and
//! `check --base`.
//!
//! [`find_at_revision`] finds the product file at a revision even when the
//! change renamed, moved or converted it, so that a rename cannot hide a
//! change from the governance check; [`load_base`] reads the two versions
//! `check --base REV` needs: where the branch left `REV` (what changed) and
//! `REV`'s tip (the rules that judge it).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::model::Product;

use super::{DEFAULT_NAMES, Format, StoreError, decode, parse};

/// How the product file was found at a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundAs {
    /// At the same path.
    Same,
    /// At the path git reports as renamed to this one (`git diff
    /// --find-renames REV`, which compares contents, so a moved file with
    /// small edits is found in any folder under any name).
    Renamed,
    /// In the same folder under another name: the folder's product file
    /// (`product.toml` for `product.json`, found as `product` finds it), or
    /// this name with the other extension (`plan.toml` for `plan.json`); a
    /// file converted between TOML and JSON, whose text git cannot match.
    OtherName,
    /// A product file gone from the work tree since the revision, named
    /// `product.toml`, `product.json` or this file's name with either
    /// extension, in any folder (moved and converted at once).
    Deleted,
}

/// The product file at a revision, and where it was.
#[derive(Debug, Clone)]
pub struct AtRevision {
    /// The revision as it is shown: as given (`main`), or a short commit id.
    pub rev: String,
    /// The file's path at the revision, from the top of the repository.
    pub path: String,
    pub found_as: FoundAs,
    pub product: Product,
}

impl AtRevision {
    /// `main:product.toml`, as `git show` names it.
    pub fn shown(&self) -> String {
        format!("{}:{}", self.rev, self.path)
    }
}

/// The versions `check --base REV` compares: what changed is measured from
/// where the branch left `REV`; whether it may is judged by the rules,
/// people and `[check]` settings of `REV`'s tip.
#[derive(Debug, Clone)]
pub struct BaseVersions {
    /// `REV` as given.
    pub rev: String,
    /// The commit where the branch left `REV` (`git merge-base REV HEAD`);
    /// `None` where git cannot say, and `REV` itself is used.
    pub merge_base: Option<String>,
    /// The product file where the branch left `REV`; `None` when there was
    /// none there (the change adds it).
    pub changes_from: Option<AtRevision>,
    /// The product file at `REV`'s tip; `None` when there is none there.
    pub rules_from: Option<AtRevision>,
}

/// Reads the two versions `check --base REV` needs (see [`BaseVersions`]),
/// each found as [`find_at_revision`] finds it. When the branch has not
/// fallen behind `REV`, the two are one.
pub fn load_base(path: &Path, rev: &str) -> Result<BaseVersions, StoreError> {
    let tip = find_at_revision(path, rev)?;
    let merge_base = merge_base(path, rev);
    let tip_commit = commit_of(folder_of(path), rev);
    let changes_from = match &merge_base {
        Some(id) if tip_commit.as_deref() != Some(id.as_str()) => {
            let mut at = find_at_revision(path, id)?;
            if let Some(at) = &mut at {
                at.rev = short(id);
            }
            at
        }
        _ => tip.clone(),
    };
    Ok(BaseVersions {
        rev: rev.to_owned(),
        merge_base,
        changes_from,
        rules_from: tip,
    })
}

/// A commit id cut to 12 characters, for messages.
fn short(id: &str) -> String {
    id.chars().take(12).collect()
}

/// The product file as it was at revision `rev`, wherever it was then:
///
/// 1. at the same path; for `product.toml` or `product.json`, the folder's
///    product file at the revision, the one `product` would have found
///    there (`product.toml`, else `product.json`), so that a file kept
///    beside the product file cannot later take its place unjudged;
/// 2. else at the path git reports as renamed to this one (`git diff
///    --find-renames --name-status REV`, the revision against the work tree;
///    a file not yet added to git is not seen as a rename);
/// 3. else in the same folder, under this name with the other extension
///    (`plan.json` for `plan.toml`), then `product.toml`, `product.json`
///    where that file is no longer in the folder (one still there is its
///    own product);
/// 4. else a file deleted since `rev` (in any folder) named `product.toml`,
///    `product.json`, or this file's name with either extension, that reads
///    as a product file.
///
/// `None` only when none of these was there: the change adds the file.
pub fn find_at_revision(path: &Path, rev: &str) -> Result<Option<AtRevision>, StoreError> {
    let fail = |message: String| StoreError::AtRevision {
        file: path.to_path_buf(),
        rev: rev.to_owned(),
        message,
    };
    // A revision that looks like an option would be read as one by git.
    if rev.is_empty() || rev.starts_with('-') {
        return Err(fail("not a revision".into()));
    }
    let folder = folder_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| fail("not a file".into()))?
        .to_string_lossy()
        .into_owned();
    let prefix = git_text(folder, &["rev-parse", "--show-prefix"]).map_err(&fail)?;
    let prefix = prefix.trim_end_matches(['\n', '\r']);
    let here = format!("{prefix}{name}");
    let found = |at: String, found_as: FoundAs, text: String| -> Result<AtRevision, StoreError> {
        let shown = PathBuf::from(format!("{rev}:{at}"));
        // Errors name the old file `main:product.toml`; its extension picks the format.
        let product = parse::parse_product(&text, Format::of(Path::new(&at)), &shown)?;
        Ok(AtRevision {
            rev: rev.to_owned(),
            path: at,
            found_as,
            product,
        })
    };
    // A file with a default name is the folder's product file: at the
    // revision, that is the one `product` would have found there,
    // `product.toml` before `product.json`, even where both were.
    let own = if DEFAULT_NAMES.contains(&name.as_str()) {
        DEFAULT_NAMES.to_vec()
    } else {
        vec![name.as_str()]
    };
    for candidate in own {
        let at = format!("{prefix}{candidate}");
        if let Some(text) = show(folder, rev, &at).map_err(&fail)? {
            let found_as = if candidate == name {
                FoundAs::Same
            } else {
                FoundAs::OtherName
            };
            return found(at, found_as, text).map(Some);
        }
    }
    let since = changes_since(folder, rev).map_err(&fail)?;
    if let Some(old) = since.renamed_to(&here)
        && let Some(text) = show(folder, rev, old).map_err(&fail)?
    {
        return found(old.to_owned(), FoundAs::Renamed, text).map(Some);
    }
    for other in other_names(&name) {
        // A default-named file still in the folder is its own product,
        // not this one's past; this name with the other extension is.
        let own_file = DEFAULT_NAMES.contains(&other.as_str()) && folder.join(&other).exists();
        let at = format!("{prefix}{other}");
        if !own_file && let Some(text) = show(folder, rev, &at).map_err(&fail)? {
            return found(at, FoundAs::OtherName, text).map(Some);
        }
    }
    let stem = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    for old in &since.deleted {
        let old_path = Path::new(old);
        let old_name = old_path.file_name().map(|n| n.to_string_lossy());
        let old_stem = old_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        let named = old_name
            .as_deref()
            .is_some_and(|n| DEFAULT_NAMES.contains(&n))
            || (old_stem.is_some() && old_stem == stem);
        if !named || Format::named_by(old_path).is_none() {
            continue;
        }
        // A file of that name that is no product file is not this one's past.
        if let Some(text) = show(folder, rev, old).map_err(&fail)?
            && let Ok(at) = found(old.clone(), FoundAs::Deleted, text)
        {
            return Ok(Some(at));
        }
    }
    Ok(None)
}

/// The names a product file may have had in its folder: its own name with
/// the other extension, then the default names; never its own.
fn other_names(name: &str) -> Vec<String> {
    let path = Path::new(name);
    let mut names = Vec::new();
    if let (Some(stem), Some(format)) = (path.file_stem(), Format::named_by(path)) {
        let other = match format {
            Format::Toml => "json",
            Format::Json => "toml",
        };
        names.push(format!("{}.{other}", stem.to_string_lossy()));
    }
    for default in DEFAULT_NAMES {
        if default != name && !names.iter().any(|n| n == default) {
            names.push(default.to_owned());
        }
    }
    names
}

/// What git reports gone or renamed between a revision and the work tree.
#[derive(Debug, Default)]
struct Since {
    /// (path at the revision, path now), from the top of the repository.
    renamed: Vec<(String, String)>,
    deleted: Vec<String>,
}

impl Since {
    fn renamed_to(&self, now: &str) -> Option<&str> {
        self.renamed
            .iter()
            .find(|(_, new)| new == now)
            .map(|(old, _)| old.as_str())
    }
}

/// `git diff --find-renames --name-status -z REV`: the revision against the
/// work tree (files git tracks), paths from the top of the repository.
fn changes_since(folder: &Path, rev: &str) -> Result<Since, String> {
    let out = git_text(
        folder,
        &[
            "diff",
            "--no-ext-diff",
            "--no-relative",
            "--find-renames",
            "--name-status",
            "-z",
            "--diff-filter=RD",
            rev,
            "--",
        ],
    )?;
    Ok(parse_name_status(&out))
}

/// Reads `--name-status -z` output: a status, then one path (two for a
/// rename or copy), each ended by a NUL.
fn parse_name_status(out: &str) -> Since {
    let mut since = Since::default();
    let mut fields = out.split('\0');
    while let Some(status) = fields.next() {
        match status.chars().next() {
            Some('R') => {
                if let (Some(old), Some(new)) = (fields.next(), fields.next()) {
                    since.renamed.push((old.to_owned(), new.to_owned()));
                }
            }
            Some('C') => {
                fields.next();
                fields.next();
            }
            Some('D') => {
                if let Some(old) = fields.next() {
                    since.deleted.push(old.to_owned());
                }
            }
            Some(_) => {
                fields.next();
            }
            None => {}
        }
    }
    since
}

/// The text of `at` (from the top of the repository) at `rev`; `None` when
/// the revision has no such file.
fn show(folder: &Path, rev: &str, at: &str) -> Result<Option<String>, String> {
    let out = Command::new("git")
        .arg("show")
        .arg(format!("{rev}:{at}"))
        .current_dir(folder)
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        if said.contains("does not exist in") || said.contains("exists on disk, but not in") {
            return Ok(None);
        }
        let said = said.lines().next().unwrap_or("git show failed").trim();
        return Err(said.trim_start_matches("fatal: ").to_owned());
    }
    let shown = PathBuf::from(format!("{rev}:{at}"));
    decode(&shown, &out.stdout)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// What git prints for these arguments, run in `folder`; its first line of
/// complaint when it fails.
pub(super) fn git_text(folder: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(folder)
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        let said = said.lines().next().unwrap_or("git failed").trim();
        return Err(said.trim_start_matches("fatal: ").to_owned());
    }
    String::from_utf8(out.stdout).map_err(|_| "git printed a path that is not UTF-8".to_owned())
}

/// The commit a revision names, where git can say.
fn commit_of(folder: &Path, rev: &str) -> Option<String> {
    if rev.is_empty() || rev.starts_with('-') {
        return None;
    }
    let id = git_text(
        folder,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .ok()?;
    let id = id.trim();
    (!id.is_empty()).then(|| id.to_owned())
}

/// The product in `path` as it was at revision `rev` (`HEAD~1`,
/// `origin/main`, a commit id); `None` when the file was not in git at that
/// revision (a change that adds it).
pub fn load_at_revision(path: &Path, rev: &str) -> Result<Option<Product>, StoreError> {
    let Some(text) = text_at_revision(path, rev)? else {
        return Ok(None);
    };
    let shown = PathBuf::from(format!("{rev}:{}", path.display()));
    // Errors name the old file `HEAD~1:product.toml`; its extension picks the format.
    parse::parse_product(&text, Format::of(path), &shown).map(Some)
}

/// The text of the file at `path` as it was at `rev` (past a byte-order
/// mark, checked to be UTF-8); `None` when the file was not in git there.
pub fn text_at_revision(path: &Path, rev: &str) -> Result<Option<String>, StoreError> {
    let shown = PathBuf::from(format!("{rev}:{}", path.display()));
    let fail = |message: String| StoreError::AtRevision {
        file: path.to_path_buf(),
        rev: rev.to_owned(),
        message,
    };
    // A revision that looks like an option would be read as one by git.
    if rev.is_empty() || rev.starts_with('-') {
        return Err(fail("not a revision".into()));
    }
    let folder = folder_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| fail("not a file".into()))?
        .to_string_lossy();
    // `REV:./name` is the file relative to the folder git runs in.
    let out = Command::new("git")
        .arg("show")
        .arg(format!("{rev}:./{name}"))
        .current_dir(folder)
        .output()
        .map_err(|e| fail(format!("could not run git: {e}")))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        if said.contains("does not exist in") || said.contains("exists on disk, but not in") {
            return Ok(None);
        }
        let said = said.lines().next().unwrap_or("git show failed").trim();
        return Err(fail(said.trim_start_matches("fatal: ").to_owned()));
    }
    decode(&shown, &out.stdout).map(Some)
}

/// The folder to run git in for a file.
pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The commit where the current branch left `rev` (`git merge-base REV
/// HEAD`), so that a check of what a branch changed does not count what
/// happened on `rev` since. `None` where git cannot say (no common history,
/// no commits yet); the caller then compares with `rev` itself.
pub fn merge_base(path: &Path, rev: &str) -> Option<String> {
    if rev.is_empty() || rev.starts_with('-') {
        return None;
    }
    let out = Command::new("git")
        .args(["merge-base", rev, "HEAD"])
        .current_dir(folder_of(path))
        .output()
        .ok()?;
    let id = String::from_utf8(out.stdout).ok()?;
    let id = id.trim();
    (out.status.success() && !id.is_empty()).then(|| id.to_owned())
}

/// The file's path from the top of its git work tree (`docs/product.toml`),
/// as code-scanning services and CI annotations expect; `None` outside git.
pub fn path_in_repository(path: &Path) -> Option<String> {
    let out = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(folder_of(path))
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let top = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim())
        .canonicalize()
        .ok()?;
    let file = path.canonicalize().ok()?;
    let relative = file.strip_prefix(&top).ok()?;
    Some(relative.to_string_lossy().replace('\\', "/"))
}

/// The name git knows the user by (`git config user.name`, asked in `dir`
/// through an argument list, never a shell); `None` when git is missing or
/// has no name set.
pub fn git_user_name(dir: &Path) -> Option<String> {
    let out = Command::new("git")
        .args(["config", "user.name"])
        .current_dir(dir)
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?;
    let name = name.trim();
    (out.status.success() && !name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_may_have_had_the_other_formats_name() {
        assert_eq!(other_names("product.json"), ["product.toml"]);
        assert_eq!(other_names("product.toml"), ["product.json"]);
        assert_eq!(
            other_names("plan.toml"),
            ["plan.json", "product.toml", "product.json"]
        );
        assert_eq!(other_names("plan"), ["product.toml", "product.json"]);
    }

    #[test]
    fn renames_and_deletions_are_read_from_name_status() {
        let since = parse_name_status("R087\0product.toml\0docs/plan.toml\0D\0old.json\0M\0x\0");
        assert_eq!(since.renamed_to("docs/plan.toml"), Some("product.toml"));
        assert_eq!(since.renamed_to("product.toml"), None);
        assert_eq!(since.deleted, ["old.json"]);
        assert!(parse_name_status("").renamed.is_empty());
    }
}
