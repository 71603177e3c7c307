//! Writing the files `product` puts into a folder besides the product file,
//! such as man pages. Unlike the product file, a name in the folder is
//! never followed as a link: whoever can write to the folder (a shared
//! `/usr/local/share/man/man1`, a checkout) could otherwise point a page's
//! name at any file and have it overwritten. Each file is written to a
//! temporary file in the folder and renamed over the name, replacing a link
//! there rather than what it points at.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{StoreError, TEMP_SUFFIX, temp_prefix};

/// Writes files into a folder, creating the folder first, each file
/// atomically and in place of whatever has its name (a link included).
/// Returns the paths written, in order.
pub fn write_files_in(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, StoreError> {
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut written = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = dir.join(name);
        replace_name(&path, bytes).map_err(|e| StoreError::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `bytes` to a new file beside `path` and renames it to `path`.
fn replace_name(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    // The mode of a regular file already there is kept (a page installed
    // 0o644 stays so); a link's target's mode is none of this file's business.
    let existing = fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.file_type().is_file())
        .map(|m| m.permissions());
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    if existing.is_none() {
        // As any program creates a file: 0o666 less the umask (the kernel
        // applies it), so that pages installed for everyone can be read by
        // everyone, not tempfile's private 0o600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(permissions) = existing {
        fs::set_permissions(tmp.path(), permissions)?;
    }
    tmp.as_file().sync_all()?;
    // rename(2) replaces the name itself, a link included.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
