//! A product file as it was at a git revision, read with `git show`
//! through an argument list (never a shell), for `diff --base` and
//! `check --base`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::model::Product;

use super::{Format, StoreError, decode, parse};

/// The product in `path` as it was at revision `rev` (`HEAD~1`,
/// `origin/main`, a commit id); `None` when the file was not in git at that
/// revision (a change that adds it).
pub fn load_at_revision(path: &Path, rev: &str) -> Result<Option<Product>, StoreError> {
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
    let text = decode(&shown, &out.stdout)?;
    // Errors name the old file `HEAD~1:product.toml`; its extension picks the format.
    parse::parse_product(&text, Format::of(path), &shown).map(Some)
}

/// The folder to run git in for a file.
fn folder_of(path: &Path) -> &Path {
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
