//! `product merge`: the git merge driver. Merges two branches' versions of
//! the product file entity by entity, and writes the result over ours.

use std::path::PathBuf;

use serde::Serialize;

use crate::render::visible::say;
use crate::render::{Block, OutputFormat, View};
use productfile::merge::PathText;
use productfile::ops::merge::{self as merging, How, MergeFiles, MergeReport};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};

/// Merge two branches' versions of a product file (the git merge driver)
///
/// Git runs it with the common ancestor, ours and theirs (`%O %A %B`); the
/// result replaces OURS. Entities are matched by id, so items both
/// branches added, a reorder on one side and an edit on the other, and
/// decisions logged on both merge cleanly. Where both sides added
/// different entities under one id, theirs are renumbered (ids already on
/// the upstream branch never are) and every reference in the file follows.
/// Conflicting values get git's markers around their lines only, and the
/// exit code is 1. A side that is not a product file is merged by `git
/// merge-file` instead. `product git setup` registers the driver.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product git setup
  product merge base.toml ours.toml theirs.toml
  product merge %O %A %B --marker-size %L --path %P   (as git runs it)")]
pub struct Args {
    /// The common ancestor's version (git's %O)
    #[arg(value_name = "BASE", value_hint = clap::ValueHint::FilePath)]
    base: PathBuf,
    /// Our version (git's %A): the merged file is written here
    #[arg(value_name = "OURS", value_hint = clap::ValueHint::FilePath)]
    ours: PathBuf,
    /// Their version (git's %B)
    #[arg(value_name = "THEIRS", value_hint = clap::ValueHint::FilePath)]
    theirs: PathBuf,
    /// The length of the conflict markers (git's %L)
    #[arg(long, value_name = "N", default_value_t = 7, value_parser = super::number::count_between(1, 255))]
    marker_size: usize,
    /// The file's path in the repository (git's %P): its extension gives the format
    #[arg(long, value_name = "PATH")]
    path: Option<PathBuf>,
    /// The upstream branch, whose ids are never renumbered [default: origin/HEAD, where it exists]
    #[arg(long, value_name = "REF")]
    upstream: Option<String>,
}

#[derive(Debug, Serialize)]
struct MergeView {
    #[serde(flatten)]
    report: MergeReport,
}

impl View for MergeView {
    fn kind(&self) -> &'static str {
        "merge"
    }

    fn blocks(&self) -> Vec<Block> {
        summary(&self.report).into_iter().map(Block::Line).collect()
    }
}

/// What the merge did, in a line (and a line for each thing to know).
fn summary(report: &MergeReport) -> Vec<String> {
    let mut lines = Vec::new();
    let conflicts = match report.conflict_count {
        0 => "no conflicts".to_owned(),
        1 => "1 conflict".to_owned(),
        n => format!("{n} conflicts"),
    };
    match report.how {
        How::Semantic => {
            let renumbered = if report.renumbered.is_empty() {
                String::new()
            } else {
                let each: Vec<String> = report
                    .renumbered
                    .iter()
                    .map(|r| format!("{} → {}", r.from, r.to))
                    .collect();
                format!("; renumbered {} ({})", side_word(report), each.join(", "))
            };
            let entities = if report.changed.ours == 1 {
                "entity"
            } else {
                "entities"
            };
            lines.push(format!(
                "product merge: {} {entities} changed on ours, {} on theirs{renumbered}; {conflicts}",
                report.changed.ours, report.changed.theirs
            ));
            for c in &report.conflicts {
                lines.push(format!("  conflict: {}", PathText(&c.path)));
            }
        }
        How::Textual => {
            lines.push(format!(
                "product merge: not merged as products: {}",
                report.fallback_reason.as_deref().unwrap_or("")
            ));
            lines.push(format!(
                "product merge: merged as text by `git merge-file`: {conflicts}"
            ));
        }
    }
    lines.extend(report.notes.iter().map(|n| format!("  note: {n}")));
    lines.extend(
        report
            .unplaced_comments
            .iter()
            .map(|c| format!("  comment not placed ({c}): add it back by hand if it matters")),
    );
    lines
}

fn side_word(report: &MergeReport) -> &'static str {
    use productfile::merge::Side;
    let ours = report.renumbered.iter().any(|r| r.side == Side::Ours);
    let theirs = report.renumbered.iter().any(|r| r.side == Side::Theirs);
    match (ours, theirs) {
        (true, true) => "ids on both sides",
        (true, false) => "ours' ids",
        _ => "theirs' ids",
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let files = MergeFiles {
        base: &args.base,
        ours: &args.ours,
        theirs: &args.theirs,
        path: args.path.as_deref(),
        marker_size: args.marker_size,
        upstream: args.upstream.as_deref(),
    };
    let report = merging::merge_files(&files)?;
    let conflicts = report.conflict_count;
    let view = MergeView { report };
    if ctx.format == OutputFormat::Json {
        ctx.print(&view)?;
    } else if !ctx.quiet || conflicts > 0 {
        // Git shows a driver's stderr; its stdout is not the merged file.
        for line in summary(&view.report) {
            say(&line);
        }
    }
    if conflicts > 0 {
        return Err(CommandError::found(format!("{conflicts} conflicts")));
    }
    Ok(())
}
