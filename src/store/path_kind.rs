//! What a path names once links are followed, and the refusal of a path
//! that cannot be a product file: a folder, a FIFO, a device or a socket.
//! A product file is read whole and replaced on every change; reading a
//! FIFO blocks, and replacing a device (as root) would put a plain file in
//! its place. These checks come before the file is locked or read.

use std::fs;
use std::path::Path;

use super::{StoreError, follow_links};

/// What is at a path, links followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    Missing,
    File,
    Folder,
    Fifo,
    Device,
    Socket,
    /// Anything else, or what could not be looked at.
    Other,
}

impl PathKind {
    /// What it is, for a message: "a folder".
    pub fn described(self) -> &'static str {
        match self {
            PathKind::Missing => "missing",
            PathKind::File => "a file",
            PathKind::Folder => "a folder",
            PathKind::Fifo => "a FIFO (named pipe)",
            PathKind::Device => "a device",
            PathKind::Socket => "a socket",
            PathKind::Other => "not a regular file",
        }
    }
}

/// What `path` names, through any links.
pub fn kind_of(path: &Path) -> PathKind {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return PathKind::Missing;
        }
        Err(_) => return PathKind::Other,
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return PathKind::File;
    }
    if kind.is_dir() {
        return PathKind::Folder;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return PathKind::Fifo;
        }
        if kind.is_char_device() || kind.is_block_device() {
            return PathKind::Device;
        }
        if kind.is_socket() {
            return PathKind::Socket;
        }
    }
    PathKind::Other
}

/// Refuses a path given as the product file to read (`-f`,
/// `$PRODUCT_FILE`) unless it names a regular file.
pub fn existing_product_file(path: &Path) -> Result<(), StoreError> {
    match kind_of(path) {
        PathKind::File => Ok(()),
        PathKind::Missing => Err(StoreError::Missing {
            file: path.to_path_buf(),
        }),
        kind => Err(not_a_file(path, kind)),
    }
}

/// Refuses a path `init` would write a product file to unless it names a
/// regular file (to replace) or nothing, in a folder that exists.
pub fn new_product_file(path: &Path) -> Result<(), StoreError> {
    match kind_of(path) {
        PathKind::File => Ok(()),
        PathKind::Missing => {
            // Where the file would be made: a dangling link's target.
            let target = follow_links(path).unwrap_or_else(|_| path.to_path_buf());
            let folder = match target.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => return Ok(()),
            };
            match kind_of(&folder) {
                PathKind::Folder => Ok(()),
                kind => Err(StoreError::NoFolder {
                    file: path.to_path_buf(),
                    folder,
                    kind,
                }),
            }
        }
        kind => Err(not_a_file(path, kind)),
    }
}

fn not_a_file(path: &Path, kind: PathKind) -> StoreError {
    let target = follow_links(path).ok().filter(|t| t != path);
    StoreError::NotAFile {
        file: path.to_path_buf(),
        target,
        kind,
    }
}
