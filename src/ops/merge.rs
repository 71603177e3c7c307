//! The git merge driver's work: read base, ours and theirs, merge them
//! ([`crate::merge`]), and write the result over ours; or, where a side is
//! not a product file this version can read, fall back to git's own
//! textual merge.
//!
//! The merged file is written without authorising: it is governed by
//! `product check --base` like any other change to the file.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::merge::{self, Changed, Conflict, Options, Renumbered};
use crate::store::{self, Format};

/// The three files git hands a merge driver, and how to merge them.
#[derive(Debug, Clone)]
pub struct MergeFiles<'a> {
    /// The common ancestor (git's `%O`).
    pub base: &'a Path,
    /// Ours (`%A`): the result is written here.
    pub ours: &'a Path,
    /// Theirs (`%B`).
    pub theirs: &'a Path,
    /// The file's path in the repository (`%P`): it names the format, and
    /// the upstream's version of the file is read at it.
    pub path: Option<&'a Path>,
    /// The length of git's conflict markers (`%L`).
    pub marker_size: usize,
    /// The upstream branch, whose ids are never renumbered. `None`: the
    /// default, `origin/HEAD`, where it exists.
    pub upstream: Option<&'a str>,
}

/// The default upstream branch.
pub const DEFAULT_UPSTREAM: &str = "origin/HEAD";

/// What the merge did.
#[derive(Debug, Serialize)]
pub struct MergeReport {
    /// `semantic`: merged as products; `textual`: git's own merge.
    pub how: How,
    /// Why the textual merge was used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
    /// Entities each side changed, as merged.
    pub changed: Changed,
    pub renumbered: Vec<Renumbered>,
    /// How many conflicts the file has markers for.
    pub conflict_count: usize,
    pub conflicts: Vec<Conflict>,
    pub notes: Vec<String>,
    /// Comments theirs added that the merged file could not place.
    pub unplaced_comments: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    Semantic,
    Textual,
}

/// Merges theirs into ours, writing the result over ours.
pub fn merge_files(files: &MergeFiles) -> Result<MergeReport> {
    let format = files
        .path
        .and_then(Format::named_by)
        .unwrap_or_else(|| Format::sniff(files.ours));
    let why = |side: &'static str, path: &Path| {
        let shown = path.display().to_string();
        move |e: store::StoreError| format!("{side} ({shown}): {}", Error::from(e).message)
    };
    let sides = store::read_merge_base(files.base, format)
        .map_err(why("base", files.base))
        .and_then(|base| {
            // Theirs before ours: what reading theirs needs for a moment is
            // freed before ours' document, which lives until the write, is made.
            let theirs = store::read_merge_theirs(files.theirs, format, &base.product)
                .map_err(why("theirs", files.theirs))?;
            let ours =
                store::read_merge_ours(files.ours, format).map_err(why("ours", files.ours))?;
            Ok((base, ours, theirs))
        });
    let (base, ours, theirs) = match sides {
        Ok(sides) => sides,
        Err(reason) => return textual(files, reason),
    };
    // The upstream only settles id clashes: read (a fourth parse) only for one.
    let mut upstream_note = None;
    let upstream = match merge::has_id_clashes(&base.product, &ours.product, &theirs.product) {
        true => upstream(files).unwrap_or_else(|e| {
            // A merge that cannot learn which ids are upstream's still
            // merges: the driver is never worse than git.
            upstream_note = Some(format!(
                "the upstream could not be read ({}), so ours kept its ids",
                e.message
            ));
            None
        }),
        false => None,
    };
    let merged = merge::merge(
        &base.product,
        &ours.product,
        &theirs.product,
        Options {
            upstream: upstream.as_ref(),
        },
    );
    if merged.conflicts.is_empty() {
        // A clean merge is read next as it is; one with conflict markers is
        // for a person to resolve, and `check` then says what is wrong.
        super::refuse_unloadable(&merged.product, files.ours)?;
    }
    let written =
        store::write_merged(files.ours, ours, &base, &theirs, &merged, files.marker_size)?;
    let mut notes = merged.notes.clone();
    notes.extend(upstream_note);
    notes.extend(written.unplaced_conflicts.iter().map(|path| {
        format!(
            "{path}: the conflict's lines were not found; both sides are at the end of the file"
        )
    }));
    Ok(MergeReport {
        how: How::Semantic,
        fallback_reason: None,
        changed: merged.changed,
        renumbered: merged.renumbered,
        conflict_count: merged.conflicts.len(),
        conflicts: merged.conflicts,
        notes,
        unplaced_comments: written.unplaced_comments,
    })
}

/// The upstream's version of the file: given, it must be read (or the
/// merge says it was not); by default, only where it exists.
fn upstream(files: &MergeFiles) -> Result<Option<crate::model::Product>> {
    let Some(path) = files.path else {
        return Ok(None);
    };
    match files.upstream {
        Some(rev) => Ok(store::load_at_revision(path, rev)?),
        None => Ok(store::load_at_revision(path, DEFAULT_UPSTREAM)
            .ok()
            .flatten()),
    }
}

/// Git's textual merge, for sides that are not product files.
fn textual(files: &MergeFiles, reason: String) -> Result<MergeReport> {
    let conflicts = store::git_merge_file(files.ours, files.base, files.theirs, files.marker_size)
        .map_err(|e| {
            // Say why git's merge was tried, as well as why it failed.
            let mut e = Error::from(e);
            e.message = format!("not merged as products: {reason}; {}", e.message);
            e
        })?;
    Ok(MergeReport {
        how: How::Textual,
        fallback_reason: Some(reason),
        changed: Changed::default(),
        renumbered: Vec::new(),
        conflict_count: conflicts,
        conflicts: Vec::new(),
        notes: Vec::new(),
        unplaced_comments: Vec::new(),
    })
}
