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
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
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
