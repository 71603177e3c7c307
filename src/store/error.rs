//! What can go wrong finding, reading or writing a product file. Every
//! variant names the file; problems inside it name `line:col` and the key path.

use std::fmt;
use std::path::PathBuf;

/// One problem inside a file: where it is and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column, when the place could be found in the text.
    pub line_col: Option<(usize, usize)>,
    /// The key path, e.g. `items[RX-4].size`; empty for the file as a whole.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// An error of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no product file found in {} or its parents", .searched_from.display())]
    NotFound { searched_from: PathBuf },

    #[error("{} does not exist", .file.display())]
    Missing { file: PathBuf },

    #[error("no portfolio manifest (portfolio.toml or portfolio.json) found in {} or its parents", .searched_from.display())]
    ManifestNotFound { searched_from: PathBuf },

    #[error("the portfolio manifest {} does not exist", .file.display())]
    ManifestMissing { file: PathBuf },

    #[error("{}", invalid_summary(.file, .problems))]
    InvalidManifest {
        file: PathBuf,
        problems: Vec<Problem>,
    },

    /// A path that names a folder, a FIFO, a device or a socket: `target`
    /// is where a link there leads.
    #[error("{}", not_a_file(.file, .target.as_deref(), *.kind))]
    NotAFile {
        file: PathBuf,
        target: Option<PathBuf>,
        kind: super::PathKind,
    },

    /// A file to create in a folder that does not exist (or is no folder).
    #[error("cannot create {}: {}", .file.display(), no_folder(.folder, *.kind))]
    NoFolder {
        file: PathBuf,
        folder: PathBuf,
        kind: super::PathKind,
    },

    #[error("{} already exists", .file.display())]
    AlreadyExists { file: PathBuf },

    #[error("{}", invalid_summary(.file, .problems))]
    Invalid {
        file: PathBuf,
        problems: Vec<Problem>,
    },

    /// A file left mid-merge: git's conflict markers at `line`.
    #[error("{}:{line}: the file has git conflict markers ({marker})", .file.display())]
    ConflictMarkers {
        file: PathBuf,
        /// 1-based: the first marker's line.
        line: usize,
        /// The marker as written, without its label: `<<<<<<<`.
        marker: String,
    },

    #[error("{} at {rev}: {message}", .file.display())]
    AtRevision {
        file: PathBuf,
        rev: String,
        message: String,
    },

    #[error("{} needs product {requires} or later to write it; this is product {have}", .file.display())]
    RequiresNewer {
        file: PathBuf,
        requires: String,
        have: String,
    },

    /// A command that works in a git repository, run outside one.
    #[error("{} is not in a git repository", .dir.display())]
    NotInGit { dir: PathBuf },

    /// git could not be run, or refused.
    #[error("{command}: {message}")]
    Git {
        /// What was run, as `git config --local merge.product.driver`.
        command: String,
        message: String,
    },

    #[error("{} changed on disk while this command was running; nothing was written", .file.display())]
    Conflict { file: PathBuf },

    #[error("could not lock {} within {} s: another product command is using the file", .lock.display(), .waited_secs)]
    Locked { lock: PathBuf, waited_secs: u64 },

    /// The lock file's path holds something that cannot be locked.
    #[error("cannot lock with {}: it is not a regular file ({what})", .lock.display())]
    LockNotFile { lock: PathBuf, what: &'static str },

    /// The file's mode says it is not to be written: by anyone, or by
    /// this user.
    #[error("{} is read-only: {why}; nothing was written", .file.display())]
    ReadOnly { file: PathBuf, why: String },

    #[error("{}: {source}", .file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn not_a_file(
    file: &std::path::Path,
    target: Option<&std::path::Path>,
    kind: super::PathKind,
) -> String {
    match target {
        Some(target) => format!(
            "{} links to {}, {}, not a product file",
            file.display(),
            target.display(),
            kind.described()
        ),
        None => format!(
            "{} is {}, not a product file",
            file.display(),
            kind.described()
        ),
    }
}

fn no_folder(folder: &std::path::Path, kind: super::PathKind) -> String {
    match kind {
        super::PathKind::Missing => format!("the folder {} does not exist", folder.display()),
        _ => format!("{} is not a folder", folder.display()),
    }
}

fn invalid_summary(file: &std::path::Path, problems: &[Problem]) -> String {
    let mut lines = Vec::new();
    for p in problems {
        let place = match p.line_col {
            Some((line, col)) => format!("{}:{line}:{col}", file.display()),
            None => file.display().to_string(),
        };
        lines.push(format!("{place}: {p}"));
    }
    lines.join("\n")
}

impl StoreError {
    pub(crate) fn io(file: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            file: file.into(),
            source,
        }
    }

    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            StoreError::NotFound { .. } => Some(
                "run `product init` to create product.toml here, or point at a file with --file or $PRODUCT_FILE".into(),
            ),
            StoreError::Missing { .. } => {
                Some("check the path, or run `product init --file PATH` to create it".into())
            }
            StoreError::ManifestNotFound { .. } => Some(
                "create one with `product portfolio init NAME FILE...`, or give one with --manifest or $PRODUCT_PORTFOLIO".into(),
            ),
            StoreError::ManifestMissing { file } => Some(format!(
                "check the path, or create it with `product portfolio --manifest {} init NAME FILE...`",
                file.display()
            )),
            StoreError::InvalidManifest { .. } => {
                Some("fix the manifest and run the command again".into())
            }
            StoreError::NotAFile { file, kind: super::PathKind::Folder, .. } => Some(format!(
                "give the product file's path, such as {}; inside the folder, product finds product.toml or product.json by itself",
                file.join("product.toml").display()
            )),
            StoreError::NotAFile { .. } => Some(
                "give the path of a regular file: a product file is read whole and replaced on every change, which a FIFO, a device or a socket cannot be".into(),
            ),
            StoreError::NoFolder { folder, kind: super::PathKind::Missing, .. } => Some(format!(
                "create the folder first (`mkdir -p {}`), or give a path in a folder that exists",
                folder.display()
            )),
            StoreError::NoFolder { .. } => {
                Some("give a path inside a folder that exists".into())
            }
            StoreError::AlreadyExists { .. } => Some("pass --force to overwrite it".into()),
            StoreError::Invalid { .. } => Some("fix the file and run the command again".into()),
            StoreError::ConflictMarkers { .. } => Some(
                "resolve the conflict: keep what should stay between the markers, delete the marker lines, then run `product check`".into(),
            ),
            StoreError::Conflict { .. } => {
                Some("the file was saved by something else; run the command again on the new version".into())
            }
            StoreError::Locked { .. } => Some(
                "wait for the other command to finish; if none is running, raise $PRODUCT_LOCK_TIMEOUT (seconds)".into(),
            ),
            StoreError::AtRevision { .. } => Some(
                "check the revision (`git log --oneline`) and that the file was in git at it".into(),
            ),
            StoreError::RequiresNewer { .. } => Some(
                "the file uses keys this version would misapply; install a newer product (`cargo install productfile`) to change it; reading it works".into(),
            ),
            StoreError::NotInGit { .. } => Some(
                "run it inside a git work tree (`git init` makes one), or set git up for all your repositories with `product git setup --global`".into(),
            ),
            StoreError::Git { .. } => Some("check that git is installed and on the PATH, and what it said".into()),
            StoreError::LockNotFile { lock, .. } => Some(format!(
                "remove it or move it away (`rm {}`); product then creates a plain, empty lock file there",
                lock.display()
            )),
            StoreError::ReadOnly { file, .. } => Some(format!(
                "if it is meant to change, make it writable (`chmod u+w {}`) and run the command again",
                file.display()
            )),
            StoreError::Io { .. } => None,
        }
    }
}
