//! What a file's mode and ownership say about replacing it.
//!
//! A write replaces the file with a new one (see [`super::write_atomic`]),
//! which the folder's permissions allow even where the file's own forbid
//! it. So a read-only file is refused here, before anything is done, rather
//! than silently replaced; and the new file is given the old one's owner and
//! group, so that root editing someone else's file leaves it theirs.

use std::fs;
use std::path::Path;

use super::StoreError;

/// Refuses to replace `target` (the file `path` names, links followed) when
/// its mode forbids writing it: no write bit at all (`chmod 444`, which
/// even root is held to here, as editors do), or none for this user.
/// A file that does not exist yet is not refused.
pub fn refuse_read_only(path: &Path, target: &Path) -> Result<(), StoreError> {
    let Ok(meta) = fs::metadata(target) else {
        return Ok(());
    };
    let read_only = |why: String| StoreError::ReadOnly {
        file: path.to_path_buf(),
        why,
    };
    if meta.permissions().readonly() {
        return Err(read_only(format!(
            "its mode ({}) lets no one write it",
            mode_text(&meta)
        )));
    }
    #[cfg(unix)]
    if let Err(e) = rustix::fs::access(target, rustix::fs::Access::WRITE_OK)
        && e == rustix::io::Errno::ACCESS
    {
        use std::os::unix::fs::MetadataExt;
        return Err(read_only(format!(
            "its mode ({}) does not let this user write it (it belongs to user {}, group {})",
            mode_text(&meta),
            meta.uid(),
            meta.gid()
        )));
    }
    Ok(())
}

/// The permission bits as `chmod` writes them, such as `0444`.
fn mode_text(meta: &fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        format!("{:04o}", meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        "read-only".into()
    }
}

/// Gives the new file `file` the owner and group of the one it replaces.
/// Only root may give a file away; anyone may give it a group they are in.
/// What cannot be kept is left as the new file has it (this user's), as
/// any program that saves by replacing does.
#[cfg(unix)]
pub fn keep_owner(file: &fs::File, old: &fs::Metadata) {
    use std::os::unix::fs::{MetadataExt, fchown};
    let Ok(new) = file.metadata() else {
        return;
    };
    if (new.uid(), new.gid()) == (old.uid(), old.gid()) {
        return;
    }
    if fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = fchown(file, None, Some(old.gid()));
    }
}

#[cfg(not(unix))]
pub fn keep_owner(_: &fs::File, _: &fs::Metadata) {}
