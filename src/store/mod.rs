//! Finding, reading, locking and writing product files (and the few other
//! files `product` writes, such as man pages and `.gitattributes`). The only
//! module that touches the file system or runs git. A product file left
//! with git's conflict markers is refused on every read (`conflict`).
//!
//! Reads parse straight into the model. Edits go through [`Edit`]: it takes an
//! exclusive lock on `<file>.lock` (beside the file a symlink
//! points at), parses the file once into a format-keeping
//! document and reads the model from that document, and on [`Edit::save`]
//! applies only what changed in the model, refuses if the file changed on
//! disk meanwhile, replaces the file atomically with its permissions kept,
//! and releases the lock.

mod conflict;
mod delta;
mod error;
mod every_problem;
mod file_mode;
mod folder_files;
mod from_document;
mod git_merge;
mod git_setup;
mod history;
mod json_writer;
mod key_shape;
mod locate;
mod merge_read;
mod merged;
mod number_text;
mod parse;
mod path_kind;
mod placer;
mod portfolio;
mod reconcile_json;
mod reconcile_toml;
mod revision;
mod serde_error;
mod shape;
mod snippet;
pub mod ssh;

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::model::Product;

pub use error::{Problem, StoreError};
pub use folder_files::write_files_in;
pub use from_document::{Error as DocumentError, product as product_from_document};
pub use git_merge::git_merge_file;
pub use git_setup::{
    ConfigSetting, DRIVER_COMMAND, DRIVER_NAME, GitSetup, GitStatus, Scope as GitScope,
    attributes_of, names_to_route, repository_top, setup as git_setup, status as git_status,
};
pub use history::{
    DoneDates, DoneSince, FileHistory, Version, file_history, file_history_of, recovered_done_dates,
};
pub use key_shape::Shape;
pub use locate::line_col;
pub use merge_read::{
    MergeBase, MergeOurs, MergeTheirs, read_merge_base, read_merge_ours, read_merge_theirs,
};
pub use merged::{MergeWritten, write_merged};
pub use path_kind::{PathKind, kind_of, new_product_file};
pub use placer::Placer;
pub use portfolio::{
    LoadedMember, OpenPortfolio, create_manifest, discover_manifest, edit_manifest, load_member,
    load_members, load_portfolio, manifest_text, member_file, open_portfolio, parse_manifest,
    path_from_top, read_manifest, relative_from, relative_to_manifest,
};
pub use reconcile_json::JsonStyle;
pub use revision::{
    AtRevision, BaseVersions, FoundAs, find_at_revision, git_user_name, load_at_revision,
    load_base, merge_base, path_in_repository, text_at_revision,
};
pub use snippet::{is_kept_edit, item_from_toml, item_to_toml, keep_edit, remove_kept_edit};

/// The names `product` looks for, in order, when no file is given.
pub const DEFAULT_NAMES: [&str; 2] = ["product.toml", "product.json"];

/// The two formats of a product file, told apart by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// The format a path's extension names, if it names one.
    pub fn named_by(path: &Path) -> Option<Format> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => Some(Format::Json),
            Some(ext) if ext.eq_ignore_ascii_case("toml") => Some(Format::Toml),
            _ => None,
        }
    }

    /// The format of a file without a telling name (git's temporary files):
    /// JSON when its text starts with `{`, else TOML.
    pub fn sniff(path: &Path) -> Format {
        use std::io::Read;
        let mut start = [0u8; 4096];
        let n = File::open(path)
            .and_then(|mut f| f.read(&mut start))
            .unwrap_or(0);
        let text = String::from_utf8_lossy(&start[..n]);
        match text.trim_start_matches(BOM).trim_start().starts_with('{') {
            true => Format::Json,
            false => Format::Toml,
        }
    }

    /// `.json` is JSON; anything else is TOML.
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Finds the product file: the one given, else the first `product.toml` or
/// `product.json` in `start` or its parents (as cargo finds `Cargo.toml`).
pub fn discover(given: Option<&Path>, start: &Path) -> Result<PathBuf, StoreError> {
    if let Some(path) = given {
        path_kind::existing_product_file(path)?;
        return Ok(path.to_path_buf());
    }
    for dir in start.ancestors() {
        for name in DEFAULT_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(StoreError::NotFound {
        searched_from: start.to_path_buf(),
    })
}

/// Reads and checks a product file, for commands that only read.
pub fn load(path: &Path) -> Result<Product, StoreError> {
    let text = read_text(path)?;
    parse::parse_product(&text, Format::of(path), path)
}

/// Reads a file another tool wrote, such as a CSV to import; `-` reads
/// standard input.
pub fn read_input(path: &Path) -> Result<Vec<u8>, StoreError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| StoreError::io(path, e))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing {
            file: path.to_path_buf(),
        },
        _ => StoreError::io(path, e),
    })
}

/// Why a read would refuse `product` once written (the rules a read checks
/// after the text deserializes); empty when it would read. Placed by key
/// path only: the text is not written yet.
pub fn unloadable(product: &Product) -> Vec<Problem> {
    parse::rule_problems(product)
        .into_iter()
        .map(|p| Problem {
            line_col: None,
            path: p.path.to_string(),
            message: p.message,
        })
        .collect()
}

/// Reads a product from text, as if it were the file at `path`.
pub fn parse(text: &str, path: &Path) -> Result<Product, StoreError> {
    parse::parse_product(text, Format::of(path), path)
}

/// The file's text, byte-order mark and all, without copying its bytes.
fn read_utf8(path: &Path) -> Result<String, StoreError> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        let bytes = e.into_bytes();
        match decode(path, &bytes) {
            Err(invalid) => invalid,
            Ok(_) => unexplained(path),
        }
    })
}

/// Reads a product file's text (past a byte-order mark, checked to be
/// UTF-8), for reading it with a [`Placer`].
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    decode(path, &read_bytes(path)?)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, StoreError> {
    fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing {
            file: path.to_path_buf(),
        },
        _ => StoreError::io(path, e),
    })
}

/// The file's bytes as text. Some Windows editors start files with a
/// byte-order mark; neither TOML nor JSON parsers accept one, so it is read
/// past here (and put back on write).
fn decode(path: &Path, bytes: &[u8]) -> Result<String, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let text = String::from_utf8_lossy(bytes);
        StoreError::Invalid {
            file: path.to_path_buf(),
            problems: vec![Problem {
                line_col: Some(line_col(&text, offset)),
                path: String::new(),
                message: "the file is not valid UTF-8 text".into(),
            }],
        }
    })?;
    Ok(text.strip_prefix(BOM).unwrap_or(text).to_owned())
}

const BOM: &str = "\u{feff}";

/// The document an edit applies its changes to, in the file's own format.
enum Document {
    Toml(toml_edit::DocumentMut),
    Json(serde_json::Value, JsonStyle),
}

/// An edit in progress. The lock on the file is held from [`Edit::open`]
/// until [`Edit::save`] has written (or failed to), or until the edit is
/// dropped unsaved. An edit writes once: the file it read is then gone.
pub struct Edit {
    path: PathBuf,
    /// The file's text as read (with its byte-order mark, if any), to tell
    /// whether it changed on disk since.
    original: String,
    /// Boxed: an edit is moved around whole, and the document is large.
    document: Box<Document>,
    before: Product,
    /// `None` once released.
    lock: Option<File>,
    /// How long to wait for the lock.
    wait: Duration,
    /// Whether [`Edit::save`] has written the file.
    saved: bool,
}

/// Parses a file's text (past any byte-order mark) once, into the checked
/// product and the document its changes are written into.
fn read_document(
    text: &str,
    format: Format,
    path: &Path,
) -> Result<(Product, Document), StoreError> {
    // Only on failure: the diagnostic read, which says where and why.
    let invalid = || parse::parse_product(text, format, path).err();
    let (product, document) = match format {
        Format::Toml => {
            let doc: toml_edit::DocumentMut = match text.parse() {
                Ok(doc) => doc,
                Err(_) => return Err(invalid().unwrap_or_else(|| unexplained(path))),
            };
            // The typed product from the document itself: one parse of the text.
            let product = match from_document::product(&doc) {
                Ok(product) => product,
                // Should the document ever refuse what the toml crate
                // reads, the file still reads as it always has.
                Err(_) => toml::from_str::<Product>(text)
                    .map_err(|_| invalid().unwrap_or_else(|| unexplained(path)))?,
            };
            (product, Document::Toml(doc))
        }
        Format::Json => {
            let value = parse::json_document(text).map_err(|e| {
                invalid().unwrap_or_else(|| parse::json_document_problem(text, &e, path))
            })?;
            let product = Product::deserialize_from(&value)
                .map_err(|_| invalid().unwrap_or_else(|| unexplained(path)))?;
            (product, Document::Json(value, JsonStyle::detect(text)))
        }
    };
    let product = parse::validated(product, text, format, path)?;
    Ok((product, document))
}

impl Edit {
    /// Locks the file (waiting up to `wait` for another command), reads it
    /// once, and returns the product to change.
    pub fn open(path: &Path, wait: Duration) -> Result<(Product, Edit), StoreError> {
        let lock = lock(path, wait)?;
        refuse_read_only(path)?;
        let original = read_utf8(path)?;
        let text = original.strip_prefix(BOM).unwrap_or(&original);
        let (product, document) = read_document(text, Format::of(path), path)?;
        writable_by_this_tool(&product, path)?;
        let edit = Edit {
            path: path.to_path_buf(),
            original,
            document: Box::new(document),
            before: product.clone(),
            lock: Some(lock),
            wait,
            saved: false,
        };
        Ok((product, edit))
    }

    /// The product as it was read.
    pub fn before(&self) -> &Product {
        &self.before
    }

    /// The file being edited.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the changed product back, touching only what changed, and
    /// releases the lock, whether it wrote, had nothing to write or failed.
    /// Returns whether anything was written. A second save of the same
    /// edit after one that wrote is refused as a conflict: the file is no
    /// longer the one this edit read.
    pub fn save(&mut self, after: &Product) -> Result<bool, StoreError> {
        let saved = self.write(after);
        self.lock = None;
        saved
    }

    fn write(&mut self, after: &Product) -> Result<bool, StoreError> {
        if self.saved {
            return Err(StoreError::Conflict {
                file: self.path.clone(),
            });
        }
        if *after == self.before {
            return Ok(false);
        }
        if self.lock.is_none() {
            // Released by an earlier save that had nothing to write: the
            // write is guarded again, and the check below sees any change made since.
            self.lock = Some(lock(&self.path, self.wait)?);
        }
        // The delta is freed before the text is made; a JSON backlog added
        // whole is written from `after` itself.
        let whole_items = match self.document.as_mut() {
            Document::Toml(doc) => {
                reconcile_toml::reconcile_document(doc, &delta::delta(&self.before, after));
                None
            }
            Document::Json(doc, _) => {
                let delta = delta::delta_for_json(&self.before, after);
                let whole_items = delta.whole_items;
                reconcile_json::reconcile_document(doc, delta);
                whole_items
            }
        };
        if !unchanged_on_disk(&self.path, self.original.as_bytes())? {
            return Err(StoreError::Conflict {
                file: self.path.clone(),
            });
        }
        remove_stale_temps(&self.path);
        let bom = if self.original.starts_with(BOM) {
            BOM
        } else {
            ""
        };
        if uses_crlf(self.original.as_bytes()) {
            // The writers make LF line ends: the file's own are put back in
            // the whole text.
            let text = match self.document.as_ref() {
                Document::Toml(doc) => with_crlf_toml(&doc.to_string()),
                Document::Json(doc, style) => with_crlf(&style.write_with_items(doc, whole_items)),
            };
            replace_unchanged(
                &self.path,
                &self.original,
                format!("{bom}{text}").as_bytes(),
            )?;
        } else {
            match self.document.as_ref() {
                Document::Toml(doc) => {
                    // Printed whole, into room the size of the file: toml_edit
                    // prints in many small pieces, and a peak of a write
                    // measured no lower when they went to the file one by one.
                    let mut text = String::with_capacity(bom.len() + self.original.len() * 17 / 16);
                    text.push_str(bom);
                    std::fmt::Write::write_fmt(&mut text, format_args!("{doc}"))
                        .expect("printing into memory cannot fail");
                    replace_unchanged(&self.path, &self.original, text.as_bytes())?;
                }
                // Written as it is made: a JSON file is never held whole twice.
                Document::Json(doc, style) => {
                    write_atomic_with(&self.path, Some(self.original.as_bytes()), |file| {
                        file.write_all(bom.as_bytes())?;
                        style.write_to(file, doc, whole_items)
                    })?
                }
            }
        }
        self.saved = true;
        Ok(true)
    }
}

/// Refuses a file that asks for a newer tool than this one to write it:
/// this one would misapply a key it has (see [`crate::model::ids`]).
pub fn writable_by_this_tool(product: &Product, path: &Path) -> Result<(), StoreError> {
    let have = crate::model::ids::tool_version();
    match &product.product.requires {
        Some(requires) if !crate::model::ids::meets(have, requires) => {
            Err(StoreError::RequiresNewer {
                file: path.to_path_buf(),
                requires: requires.clone(),
                have: have.to_owned(),
            })
        }
        _ => Ok(()),
    }
}

/// Whether the file still holds exactly `original`, read in pieces rather
/// than whole, so that the check costs no second copy of a large file.
fn unchanged_on_disk(path: &Path, original: &[u8]) -> Result<bool, StoreError> {
    use std::io::Read;
    let io = |e| StoreError::io(path, e);
    let mut file = File::open(path).map_err(io)?;
    if file.metadata().map_err(io)?.len() != original.len() as u64 {
        return Ok(false);
    }
    let mut buffer = vec![0u8; 64 * 1024];
    let mut at = 0;
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => return Ok(at == original.len()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        if original.get(at..at + n) != Some(&buffer[..n]) {
            return Ok(false);
        }
        at += n;
    }
}

/// Writes a new product file, refusing to replace one unless `force`, and
/// refusing a path that is not a regular file or in no folder ([`new_product_file`]).
pub fn create(path: &Path, text: &str, force: bool, wait: Duration) -> Result<(), StoreError> {
    new_product_file(path)?;
    let _lock = lock(path, wait)?;
    if path.exists() && !force {
        return Err(StoreError::AlreadyExists {
            file: path.to_path_buf(),
        });
    }
    refuse_read_only(path)?;
    remove_stale_temps(path);
    write_atomic(path, text.as_bytes())
}

/// Refuses a file whose mode forbids writing it ([`file_mode::refuse_read_only`]).
fn refuse_read_only(path: &Path) -> Result<(), StoreError> {
    let target = follow_links(path).map_err(|e| StoreError::io(path, e))?;
    file_mode::refuse_read_only(path, &target)
}

fn unexplained(path: &Path) -> StoreError {
    StoreError::Invalid {
        file: path.to_path_buf(),
        problems: vec![Problem {
            line_col: None,
            path: String::new(),
            message: "the file could not be read".into(),
        }],
    }
}

impl Product {
    /// Reads a product from a JSON tree.
    fn deserialize_from(value: &serde_json::Value) -> Result<Product, serde_json::Error> {
        use serde::Deserialize;
        Product::deserialize(value)
    }
}

/// The lock file that guards `path`: `<file>.lock` beside the file the
/// path finally names, so that a symlink and its target (and every other
/// path to one file) share one lock.
pub fn lock_path(path: &Path) -> PathBuf {
    let target = follow_links(path).unwrap_or_else(|_| path.to_path_buf());
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    target.with_file_name(name)
}

/// Takes the exclusive lock, retrying until `wait` has passed.
fn lock(path: &Path, wait: Duration) -> Result<File, StoreError> {
    let lock_path = lock_path(path);
    // Something other than a plain file there (a FIFO would block the open
    // for ever, past any timeout) is refused before it is opened; and the
    // open itself does not block, should one appear meanwhile.
    if let Ok(meta) = fs::metadata(&lock_path) {
        lock_is_regular(&lock_path, &meta)?;
    }
    let file = match lock_options().create_new(true).open(&lock_path) {
        Ok(file) => {
            // New here: a git work tree should not list it as untracked.
            git_setup::exclude(&lock_path);
            file
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            lock_options().open(&lock_path).map_err(|e| {
                match fs::metadata(&lock_path) {
                    Ok(meta) => lock_is_regular(&lock_path, &meta).err(),
                    Err(_) => None,
                }
                .unwrap_or_else(|| StoreError::io(&lock_path, e))
            })?
        }
        Err(e) => return Err(StoreError::io(&lock_path, e)),
    };
    lock_is_regular(
        &lock_path,
        &file.metadata().map_err(|e| StoreError::io(&lock_path, e))?,
    )?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    lock: lock_path,
                    waited_secs: wait.as_secs(),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(&lock_path, e)),
        }
    }
}

/// How the lock file is opened: for writing, and on unix without blocking.
fn lock_options() -> fs::OpenOptions {
    let mut options = File::options();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options
}

/// Refuses a lock path that is not a plain file: a FIFO, a device, a
/// socket or a folder cannot be locked (and a FIFO would hang the open).
fn lock_is_regular(lock: &Path, meta: &fs::Metadata) -> Result<(), StoreError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special_kind(&kind)
    };
    Err(StoreError::LockNotFile {
        lock: lock.to_path_buf(),
        what,
    })
}

#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "a special file"
}

/// Whether the file's lines end in CRLF, judged by its first line: the
/// writers produce LF only, so the file's own style is put back afterwards.
fn uses_crlf(original: &[u8]) -> bool {
    original
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|at| at > 0 && original[at - 1] == b'\r')
}

/// Every line ending as CRLF, whether the writer left it LF or CRLF.
/// [`with_crlf`] for TOML: line breaks inside a multi-line string are
/// part of its value, so they are left as they are; only the ends of the
/// file's lines change.
fn with_crlf_toml(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    // Where the text is: outside strings (and in comments), or inside a
    // multi-line string that ends with this delimiter.
    let mut inside: Option<&str> = None;
    let mut in_comment = false;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        match inside {
            Some(end) => {
                if end == "\"\"\"" && rest.starts_with('\\') {
                    // An escape: the next character is never the end.
                    i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                    continue;
                }
                if rest.starts_with(end) {
                    // Quotes right after the delimiter belong to the string.
                    let extra = rest[3..]
                        .bytes()
                        .take_while(|&b| b == end.as_bytes()[0])
                        .count()
                        .min(2);
                    i += 3 + extra;
                    inside = None;
                    continue;
                }
            }
            None if in_comment => {
                if bytes[i] == b'\n' {
                    in_comment = false;
                }
            }
            None => {
                if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
                    inside = Some(&rest[..3]);
                    i += 3;
                    continue;
                }
                match bytes[i] {
                    b'#' => in_comment = true,
                    // A one-line string: skipped whole, escapes and all.
                    quote @ (b'"' | b'\'') => {
                        let mut j = i + 1;
                        while j < bytes.len() && bytes[j] != quote && bytes[j] != b'\n' {
                            if quote == b'"' && bytes[j] == b'\\' {
                                j += 1;
                            }
                            j += 1;
                        }
                        i = j.min(bytes.len()) + 1;
                        continue;
                    }
                    _ => {}
                }
            }
        }
        if bytes[i] == b'\n' && inside.is_none() {
            out.push_str(&text[start..i]);
            if !out.ends_with('\r') {
                out.push('\r');
            }
            out.push('\n');
            start = i + 1;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out.push_str(&text[start.min(text.len())..]);
    out
}

fn with_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        if lines.peek().is_some() {
            if !line.ends_with('\r') {
                out.push('\r');
            }
            out.push('\n');
        }
    }
    out
}

/// Writes a temporary file beside the file, syncs it, and renames it over
/// the file, so readers see the old file or the new one, never half of one.
/// A symlink is followed first: renaming over the link itself would replace
/// it with a plain file and leave what it points at unchanged.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, None, |file| file.write_all(bytes))
}

/// [`write_atomic`] over a file that must still hold `original` when it is
/// replaced; else nothing is written and the edit is a conflict.
fn replace_unchanged(path: &Path, original: &str, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, Some(original.as_bytes()), |file| {
        file.write_all(bytes)
    })
}

/// [`write_atomic`], with the bytes written by `write` as they are made,
/// so that a large file is never held whole in memory as well. With
/// `expected`, the file must still hold exactly those bytes when the new
/// one takes its place (see [`swap_in`]).
fn write_atomic_with(
    path: &Path,
    expected: Option<&[u8]>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let io = |e| StoreError::io(path, e);
    let target = follow_links(path).map_err(io)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let existing = fs::metadata(&target).ok();
    let prefix = temp_prefix(&target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    if existing.is_none() {
        // A new file gets the mode any program would give it, 0o666 less the
        // umask, rather than tempfile's private 0o600. Asking open(2) for
        // 0o666 lets the kernel apply the umask: reading the umask itself
        // means setting it, which is process-wide and racy with threads.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut tmp);
    write(&mut buffered).map_err(io)?;
    buffered.flush().map_err(io)?;
    drop(buffered);
    if let Some(existing) = &existing {
        file_mode::keep_owner(tmp.as_file(), existing);
        // After the owner: changing it clears the set-id bits.
        fs::set_permissions(tmp.path(), existing.permissions()).map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    run_after_sync_hook(&target);
    match expected {
        Some(expected) => swap_in(tmp, &target, path, expected),
        None => {
            tmp.persist(&target).map_err(|e| io(e.error))?;
            Ok(())
        }
    }
}

/// Puts the synced temporary file in the place of `target`, only if
/// `target` still holds `expected`. The check made before the new text was
/// written cannot see a save made while it was written and synced, so it is
/// made again here, as late as it can be.
///
/// On Linux the swap itself is the check: `renameat2(RENAME_EXCHANGE)`
/// swaps the two names in one step, so what was swapped out is exactly what
/// the new file replaced. If it is not what was read, the two are swapped
/// back and the edit is a conflict: the other save stands, whole. Elsewhere
/// (and on file systems without the exchange) the file is compared once
/// more and then renamed over, which leaves the few microseconds between
/// the two (docs/product-file.md, "Conflicts").
fn swap_in(
    tmp: tempfile::NamedTempFile,
    target: &Path,
    path: &Path,
    expected: &[u8],
) -> Result<(), StoreError> {
    let io = |e| StoreError::io(path, e);
    let conflict = || StoreError::Conflict {
        file: path.to_path_buf(),
    };
    #[cfg(any(target_os = "linux", target_os = "android"))]
    match exchange(tmp.path(), target) {
        Ok(()) => {
            // The temporary name now holds what was the file.
            let same = unchanged_on_disk(tmp.path(), expected);
            if let Ok(true) = same {
                // Dropping the temporary file removes the old text.
                return Ok(());
            }
            if let Err(e) = exchange(tmp.path(), target) {
                // The other save is at the temporary name: kept, and named.
                let (_, kept) = tmp.keep().map_err(|e| io(e.error))?;
                return Err(StoreError::io(
                    path,
                    std::io::Error::other(format!(
                        "the file changed while it was replaced, and putting the other version back failed ({e}); that version is in {}",
                        kept.display()
                    )),
                ));
            }
            // Dropping the temporary file removes this command's text.
            same?;
            return Err(conflict());
        }
        Err(e) if exchange_unsupported(&e) => {}
        Err(e) => return Err(io(e)),
    }
    if !unchanged_on_disk(target, expected)? {
        return Err(conflict());
    }
    tmp.persist(target).map_err(|e| io(e.error))?;
    Ok(())
}

/// Swaps two names in one step.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Whether a failed exchange means "not here": an old kernel, a file
/// system without it, or no file yet to swap with.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange_unsupported(e: &std::io::Error) -> bool {
    use rustix::io::Errno;
    let errno = e.raw_os_error().map(Errno::from_raw_os_error);
    e.kind() == std::io::ErrorKind::NotFound
        || matches!(
            errno,
            Some(Errno::INVAL) | Some(Errno::NOSYS) | Some(Errno::NOTSUP) | Some(Errno::PERM)
        )
}

/// What [`set_after_sync_hook`] sets: run with the file about to be replaced.
#[doc(hidden)]
pub type AfterSyncHook = Box<dyn FnMut(&Path)>;

thread_local! {
    static AFTER_SYNC: std::cell::RefCell<Option<AfterSyncHook>> =
        const { std::cell::RefCell::new(None) };
}

/// For tests of the write window only: `hook` runs, on this thread, each
/// time a write has synced its temporary file and is about to swap it in,
/// with the path of the file about to be replaced; `None` removes it.
#[doc(hidden)]
pub fn set_after_sync_hook(hook: Option<AfterSyncHook>) {
    AFTER_SYNC.with(|h| *h.borrow_mut() = hook);
}

fn run_after_sync_hook(target: &Path) {
    AFTER_SYNC.with(|h| {
        if let Some(hook) = h.borrow_mut().as_mut() {
            hook(target);
        }
    });
}

/// The end of a temporary file's name.
const TEMP_SUFFIX: &str = ".tmp";

/// The start of the names of a file's temporary files, `.product.toml.`:
/// each file has its own, so that what a killed command left behind can be
/// told apart from another file's write in progress.
fn temp_prefix(target: &Path) -> String {
    format!(
        ".{}.",
        target.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Removes the temporary files a command killed mid-write left beside the
/// file. Only the holder of the file's lock writes them, so any found while
/// the lock is held are left over, never a write in progress.
fn remove_stale_temps(path: &Path) {
    let Ok(target) = follow_links(path) else {
        return;
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let prefix = temp_prefix(&target);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) && name.len() > prefix.len() {
            // Another run may have removed it first; either way it is gone.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The file a path finally names, through any chain of symlinks; the path
/// itself when it is not a link (or does not exist yet). A dangling link
/// gives its missing target, so `init` creates the file where it points.
/// The lock, the temporary files and the rename all go by this path: it
/// names the same directory entry as `fs::canonicalize` would (a symlinked
/// folder on the way is the same folder), yet stays relative when the path
/// given was, so messages name the file as the user did.
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    // As many links as Linux follows before giving up with ELOOP.
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let is_link = fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(current);
        }
        let target = fs::read_link(&current)?;
        // A relative target is relative to the link's folder; join keeps an absolute one.
        current = match current.parent() {
            Some(dir) => dir.join(target),
            None => target,
        };
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_follow_the_first_line() {
        assert!(uses_crlf(b"a\r\nb\n"));
        assert!(!uses_crlf(b"a\nb\r\n"));
        assert!(!uses_crlf(b"\n"));
        assert!(!uses_crlf(b"no newline"));
        assert_eq!(with_crlf("a\nb\r\nc\n"), "a\r\nb\r\nc\r\n");
        assert_eq!(with_crlf("a"), "a");
    }

    #[test]
    fn crlf_in_toml_leaves_the_line_breaks_of_multi_line_strings() {
        let lf = r#"a = """x
y"""
b = '''p
q'''
# """ in a comment
c = "\"\"\"" # not a string start
d = 'é'
"#;
        let crlf = "a = \"\"\"x\ny\"\"\"\r\nb = '''p\nq'''\r\n# \"\"\" in a comment\r\nc = \"\\\"\\\"\\\"\" # not a string start\r\nd = 'é'\r\n";
        assert_eq!(with_crlf_toml(lf), crlf);
        // A string that ends in quotes, and a line that already ends in CRLF.
        assert_eq!(
            with_crlf_toml("a = \"\"\"x\n\"\"\"\"\"\nb = 1\r\n"),
            "a = \"\"\"x\n\"\"\"\"\"\r\nb = 1\r\n"
        );
    }
}
