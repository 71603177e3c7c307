//! The product file's history in git: each commit that changed it, with
//! the items it held, read in two git processes whatever the number of
//! commits (one `git log`, one `git cat-file --batch`), so that items
//! without a `done_on` get the day git saw them done, and `product
//! history` can draw a burn-up.
//!
//! The day of a commit is its **committer** date, in the committer's own
//! time zone: the day the change entered this line of history. A rebase,
//! cherry-pick or an amended commit moves it to when that happened; the
//! author date keeps the day the change was first written, which may be
//! long before the item was agreed done and merged.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::model::{Date, Product, Status};

use super::revision::{folder_of, git_text};
use super::{Format, StoreError, decode, load, repository_top};

/// What git holds of a product file's past.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileHistory {
    /// The file's path at its newest commit, from the top of the repository.
    pub path: String,
    /// Each commit that changed the file and whose version could be read,
    /// oldest first.
    pub versions: Vec<Version>,
    /// Commits (short ids) whose version of the file could not be read as
    /// a product file (conflict markers, text that is not TOML or JSON):
    /// left out.
    pub unreadable: Vec<String>,
    /// Each item id ever in the file: the day of the first version that
    /// held it.
    pub first_seen: BTreeMap<String, Date>,
    /// Each item done in the newest version: since when, as git saw it.
    pub done_since: BTreeMap<String, DoneSince>,
}

/// One commit's version of the file, counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    /// The commit id, in full.
    pub commit: String,
    /// The commit's day (its committer date).
    pub date: Date,
    /// The items in the file, dropped ones included.
    pub items: usize,
    /// Of them, done.
    pub done: usize,
    /// Of them, dropped.
    pub dropped: usize,
}

/// Since when an item has been done, as git saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "since", content = "date")]
pub enum DoneSince {
    /// The day of the first commit of its latest unbroken run of versions
    /// with status `done` (the commit that marked it done; reopening it
    /// starts again, as reopening clears `done_on`).
    On(Date),
    /// It was already done in the file's first version in git: git cannot
    /// say when it was done (an imported or adopted file), so no day is
    /// made up.
    BeforeHistory,
}

/// The day each done item was done, and where that day came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DoneDates {
    /// Each done item of the current file with a known day.
    pub dates: BTreeMap<String, Date>,
    /// How many days the file's `done_on` gave (these win).
    pub from_file: usize,
    /// How many were recovered from git.
    pub from_git: usize,
    /// Done items with no day anywhere: done before the file's history in
    /// git began, or done since its last commit.
    pub unknown: Vec<String>,
}

impl FileHistory {
    /// The done days of `product`'s done items: the file's `done_on` where
    /// it has one, else the day git saw the item become done.
    pub fn done_dates(&self, product: &Product) -> DoneDates {
        let mut out = DoneDates::default();
        for item in product.items.iter().filter(|i| i.status == Status::Done) {
            let recovered = match self.done_since.get(&item.id) {
                Some(DoneSince::On(day)) => Some(*day),
                _ => None,
            };
            match (item.done_on, recovered) {
                (Some(day), _) => {
                    out.from_file += 1;
                    out.dates.insert(item.id.clone(), day);
                }
                (None, Some(day)) => {
                    out.from_git += 1;
                    out.dates.insert(item.id.clone(), day);
                }
                (None, None) => out.unknown.push(item.id.clone()),
            }
        }
        out
    }
}

/// The done day of every done item of the product file at `path` that has
/// one: its `done_on`, else the day recovered from git (see
/// [`FileHistory::done_dates`], which also says how many came from each).
/// Fails with [`StoreError::NotInGit`] outside a git work tree.
pub fn recovered_done_dates(path: &Path) -> Result<BTreeMap<String, Date>, StoreError> {
    let product = load(path)?;
    Ok(file_history_of(path, &product)?.done_dates(&product).dates)
}

/// Reads the history of the product file at `path`: every commit of the
/// branch checked out that changed it (`git log --follow --first-parent`:
/// renames are followed, and work merged from another branch counts from
/// the merge that brought it in, so that versions of parallel branches are
/// never read as one line), each version read once through one `git
/// cat-file --batch`. Fails with
/// [`StoreError::NotInGit`] outside a git work tree; a file git has never
/// committed has an empty history.
pub fn file_history(path: &Path) -> Result<FileHistory, StoreError> {
    history(path, None)
}

/// [`file_history`] for a file already loaded as `current`: a committed
/// version with the same text as the file now (usually the newest) is
/// taken from `current` rather than parsed again, which on a large file
/// is most of the cost of a short history.
pub fn file_history_of(path: &Path, current: &Product) -> Result<FileHistory, StoreError> {
    history(path, Some(current))
}

fn history(path: &Path, current: Option<&Product>) -> Result<FileHistory, StoreError> {
    let folder = folder_of(path);
    if repository_top(folder)?.is_none() {
        // `.` would say little: the folder is named in full.
        return Err(StoreError::NotInGit {
            dir: folder
                .canonicalize()
                .unwrap_or_else(|_| folder.to_path_buf()),
        });
    }
    let name = path
        .file_name()
        .ok_or_else(|| StoreError::io(path, std::io::Error::other("not a file")))?
        .to_string_lossy()
        .into_owned();
    let args = [
        "-c",
        "log.showSignature=false",
        "log",
        "--follow",
        "--first-parent",
        "--no-color",
        "--no-relative",
        "--format=%x01%H %cs",
        "--name-only",
        "-z",
        "--",
        name.as_str(),
    ];
    let listing = match git_text(folder, &args) {
        Ok(text) => text,
        // A repository with no commit yet has no history to read.
        Err(e) if e.contains("does not have any commits") => String::new(),
        Err(message) => return Err(git_failed(&args, message)),
    };
    let mut commits = parse_log(&listing);
    // git lists the newest first; a merge names no path, so it keeps the
    // path of the version after it.
    let prefix = git_text(folder, &["rev-parse", "--show-prefix"])
        .map_err(|m| git_failed(&["rev-parse", "--show-prefix"], m))?;
    let mut newer = format!("{}{name}", prefix.trim_end_matches(['\n', '\r']));
    let history_path = commits
        .first()
        .and_then(|c| c.path.clone())
        .unwrap_or_else(|| newer.clone());
    for commit in &mut commits {
        match &commit.path {
            Some(p) => newer = p.clone(),
            None => commit.path = Some(newer.clone()),
        }
    }
    commits.reverse();
    let mut history = FileHistory {
        path: history_path,
        ..FileHistory::default()
    };
    // The file as it is now, when its items are known already.
    let now = current.and_then(|product| {
        let text = std::fs::read(path).ok()?;
        let text = decode(path, &text).ok()?;
        Some((text, product))
    });
    read_versions(folder, &commits, |commit, text| {
        let format = Format::of(Path::new(commit.path.as_deref().unwrap_or_default()));
        let known: Option<Vec<ItemState>> = match (&now, text) {
            (Some((now, product)), Some(text)) if now == text => Some(
                product
                    .items
                    .iter()
                    .map(|i| ItemState {
                        id: i.id.clone(),
                        status: i.status,
                    })
                    .collect(),
            ),
            _ => None,
        };
        match known.or_else(|| text.and_then(|t| items_of(t, format))) {
            Some(items) => history.add(commit, &items),
            None => history
                .unreadable
                .push(commit.id.chars().take(12).collect()),
        }
    })?;
    Ok(history)
}

impl FileHistory {
    /// Takes in the next version, in order from the oldest.
    fn add(&mut self, commit: &Commit, items: &[ItemState]) {
        let first = self.versions.is_empty();
        let mut done_now = BTreeMap::new();
        let (mut done, mut dropped) = (0, 0);
        for item in items {
            self.first_seen
                .entry(item.id.clone())
                .or_insert(commit.date);
            match item.status {
                Status::Done => {
                    done += 1;
                    let since = match self.done_since.get(&item.id) {
                        Some(since) => *since,
                        None if first => DoneSince::BeforeHistory,
                        None => DoneSince::On(commit.date),
                    };
                    done_now.insert(item.id.clone(), since);
                }
                Status::Dropped => dropped += 1,
                _ => {}
            }
        }
        // An item no longer done (reopened, or gone) starts again.
        self.done_since = done_now;
        self.versions.push(Version {
            commit: commit.id.clone(),
            date: commit.date,
            items: items.len(),
            done,
            dropped,
        });
    }
}

/// A commit `git log` listed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Commit {
    id: String,
    date: Date,
    /// The file's path in it, from the top; `None` for a merge, which
    /// names none.
    path: Option<String>,
}

/// Reads `--format=%x01%H %cs --name-only -z` output: each record starts
/// with U+0001, then the id and the day, a NUL, and the file's path (after
/// a newline) ended by a NUL.
fn parse_log(out: &str) -> Vec<Commit> {
    out.split('\u{1}')
        .filter_map(|record| {
            let mut fields = record.split('\0');
            let (id, day) = fields.next()?.split_once(' ')?;
            let date = day.trim().parse().ok()?;
            let path = fields
                .map(|f| f.trim_start_matches('\n'))
                .find(|f| !f.is_empty())
                .map(str::to_owned);
            Some(Commit {
                id: id.to_owned(),
                date,
                path,
            })
        })
        .collect()
}

/// Feeds `commit:path` for every commit to one `git cat-file --batch` and
/// hands each version's text to `each` as it arrives (`None` when it is
/// missing, such as where the commit deleted the file, or is not text).
fn read_versions(
    folder: &Path,
    commits: &[Commit],
    mut each: impl FnMut(&Commit, Option<&str>),
) -> Result<(), StoreError> {
    const ARGS: [&str; 2] = ["cat-file", "--batch"];
    let fail = |e: std::io::Error| git_failed(&ARGS, format!("could not run git: {e}"));
    if commits.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .args(ARGS)
        .current_dir(folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(fail)?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| fail(std::io::ErrorKind::BrokenPipe.into()))?;
    let requests: String = commits
        .iter()
        .map(|c| format!("{}:{}\n", c.id, c.path.as_deref().unwrap_or_default()))
        .collect();
    // Written from another thread: git answers while it reads, and a full
    // pipe each way would stop both.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| fail(std::io::ErrorKind::BrokenPipe.into()))?;
    let mut reader = BufReader::with_capacity(1 << 16, stdout);
    let mut header = String::new();
    let mut body = Vec::new();
    for commit in commits {
        header.clear();
        if reader.read_line(&mut header).map_err(fail)? == 0 {
            break;
        }
        // `<oid> blob <size>`, or `<name> missing` (or `ambiguous`).
        let size = header
            .trim_end()
            .rsplit_once(' ')
            .filter(|_| header.contains(" blob "))
            .and_then(|(_, size)| size.parse::<usize>().ok());
        let Some(size) = size else {
            each(commit, None);
            continue;
        };
        body.clear();
        body.resize(size + 1, 0);
        reader.read_exact(&mut body).map_err(fail)?;
        body.truncate(size);
        let shown = PathBuf::from(format!(
            "{}:{}",
            commit.id,
            commit.path.as_deref().unwrap_or_default()
        ));
        let text = decode(&shown, &body).ok();
        each(commit, text.as_deref());
    }
    drop(reader);
    let _ = writer.join();
    let status = child.wait().map_err(fail)?;
    if !status.success() {
        return Err(git_failed(&ARGS, format!("git exited with {status}")));
    }
    Ok(())
}

/// An item as the history needs it.
#[derive(Debug, Deserialize)]
struct ItemState {
    id: String,
    #[serde(default)]
    status: Status,
}

/// Only the items of a version: read leniently, so that a version another
/// release of product wrote, or one `product check` would refuse, still
/// counts.
#[derive(Debug, Deserialize)]
struct Items {
    #[serde(default)]
    items: Vec<ItemState>,
}

fn items_of(text: &str, format: Format) -> Option<Vec<ItemState>> {
    let parsed = match format {
        Format::Toml => toml::from_str::<Items>(text).ok(),
        Format::Json => serde_json::from_str::<Items>(text).ok(),
    };
    parsed.map(|p| p.items)
}

fn git_failed(args: &[&str], message: String) -> StoreError {
    StoreError::Git {
        command: format!("git {}", args.join(" ")),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_log_gives_ids_days_and_paths() {
        let out =
            "\u{1}aaa 2026-12-05\0\nq.toml\0\u{1}bbb 2026-12-04\0\u{1}ccc 2026-12-01\0\np.toml\0";
        let commits = parse_log(out);
        assert_eq!(commits.len(), 3);
        assert_eq!(commits[0].id, "aaa");
        assert_eq!(commits[0].path.as_deref(), Some("q.toml"));
        assert_eq!(commits[1].path, None);
        assert_eq!(commits[2].date, day("2026-12-01"));
        assert!(parse_log("").is_empty());
    }

    fn commit(id: &str, date: &str) -> Commit {
        Commit {
            id: id.into(),
            date: day(date),
            path: None,
        }
    }

    fn state(id: &str, status: Status) -> ItemState {
        ItemState {
            id: id.into(),
            status,
        }
    }

    #[test]
    fn an_item_is_done_since_the_commit_that_last_marked_it_done() {
        let mut h = FileHistory::default();
        h.add(
            &commit("1", "2026-01-05"),
            &[state("A-1", Status::Done), state("A-2", Status::Ready)],
        );
        h.add(
            &commit("2", "2026-01-12"),
            &[
                state("A-1", Status::Done),
                state("A-2", Status::Done),
                state("A-3", Status::Idea),
            ],
        );
        h.add(
            &commit("3", "2026-01-19"),
            &[
                state("A-1", Status::Done),
                state("A-2", Status::Doing),
                state("A-3", Status::Done),
            ],
        );
        h.add(
            &commit("4", "2026-01-26"),
            &[
                state("A-1", Status::Done),
                state("A-2", Status::Done),
                state("A-3", Status::Done),
            ],
        );
        assert_eq!(h.done_since["A-1"], DoneSince::BeforeHistory);
        // Reopened on the 19th, done again on the 26th.
        assert_eq!(h.done_since["A-2"], DoneSince::On(day("2026-01-26")));
        assert_eq!(h.done_since["A-3"], DoneSince::On(day("2026-01-19")));
        assert_eq!(h.first_seen["A-3"], day("2026-01-12"));
        assert_eq!(h.versions[1].done, 2);
        assert_eq!(h.versions[1].items, 3);
    }
}
