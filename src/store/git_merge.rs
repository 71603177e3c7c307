//! Git's own textual merge of three files, for the merge driver to fall
//! back to when a side cannot be read as a product file: never worse than git.

use std::path::Path;
use std::process::Command;

use super::StoreError;

/// Merges `base`→`theirs` into `ours` with `git merge-file`, labelling the
/// sides `ours`, `base` and `theirs`, with markers of `marker_size`.
/// Returns how many conflicts it left in `ours` (0: merged cleanly).
pub fn git_merge_file(
    ours: &Path,
    base: &Path,
    theirs: &Path,
    marker_size: usize,
) -> Result<usize, StoreError> {
    let fail = |message: String| StoreError::io(ours, std::io::Error::other(message));
    let out = Command::new("git")
        .arg("merge-file")
        .arg(format!("--marker-size={marker_size}"))
        .args(["-L", "ours", "-L", "base", "-L", "theirs", "--"])
        .args([ours, base, theirs])
        .output()
        .map_err(|e| fail(format!("could not run `git merge-file`: {e}")))?;
    match out.status.code() {
        // Git counts the conflicts in its exit status; a negative count
        // (shown as 128 and more) is an error of its own.
        Some(n @ 0..=127) => Ok(n as usize),
        _ => Err(fail(format!(
            "`git merge-file` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))),
    }
}
