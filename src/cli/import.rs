//! `product import csv`: backlog items from a Jira, GitLab or our own CSV
//! export, in one write.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::choice::choice;
use crate::render::{Block, Cell, TableBlock, Tone, View};
use productfile::interchange::{FeedbackInto, FeedbackOptions};
use productfile::interchange::{ImportOptions, listed, shown};
use productfile::model::{EvidenceKind, Moscow, Status};
use productfile::ops::feedback::ImportFeedback;
use productfile::ops::{
    self,
    import::{CsvImported, ImportCsv, Imported},
};
use productfile::store;

use super::candidates;
use super::context::Ctx;
use super::error::{CmdResult, CommandError, ErrorCode, ErrorKind};

/// Import backlog items, requests or a need's evidence from another tool's export
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product import csv jira-export.csv --dry-run
  product import csv gitlab-issues.csv --as \"Priya Shah\"
  product import csv backlog.csv --map title=Name --map size=Estimate
  product import csv jira.csv --priority-map P1=must --priority-map P2=should")]
pub struct Args {
    #[command(subcommand)]
    command: ImportCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ImportCommand {
    Csv(CsvArgs),
}

/// Import items from a CSV with a header row
///
/// Reads the headers of Jira exports (Summary, Issue key, Issue Type,
/// Status, Priority, Story Points, Description, Labels, Created), GitLab
/// exports (Title, Description, Issue ID, URL, State, Labels, Milestone,
/// Weight, Created At) and `product export csv`, in any case. The source
/// key (Jira's DM-4, or a GitLab issue's URL) is kept in the item's
/// `source`: importing the same CSV again updates those items instead of
/// adding them twice. Statuses: To Do is an idea, In Progress doing, Done
/// and Closed done. Priorities: Highest, Blocker and Critical are must;
/// High and Major should; Medium could; Low, Lowest, Minor and Trivial
/// won't. Story points or weight are the size. An empty cell leaves a field
/// as it is, except in our own export, where it clears the field. A row
/// with a resolution date is done on that date unless its status says the
/// item is open. A confidence may be written 80 or 80%.
///
/// Rows that share a source key (or id) are refused: where one export holds
/// several trackers, build the key from two columns with
/// --map source=COLUMN+COLUMN, which joins their values with / (Apache/101).
/// A number the file does not allow (a weight of 0, story points off the
/// Fibonacci scale) is left out of its item, with one warning a column.
///
/// Nothing is written unless every row imports, or --skip-invalid is given.
///
/// With --into requests, each row is a request (text, from, date, source);
/// with --into evidence --need N1, a piece of evidence for that need
/// (summary, date, kind, people, link, source). Their columns are found by
/// the usual headers of survey, support and feedback tools (Subject,
/// Requester, Created, Ticket ID; Comment, Submitted At, Channel,
/// Respondents, Response ID) or named with --map, and a re-import matches
/// rows by source.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  product import csv jira-export.csv --dry-run
  product import csv gitlab-issues.csv
  product import csv stories.csv --map source=issuekey --map size=storypoint
  product import csv tickets.csv --into requests
  product import csv survey.csv --into evidence --need N1 --kind survey
  product import csv jira.csv --map title=issue_name --map source=repo_name+id
  product import csv export.csv --map created=        # leave a column out
  product import csv two-summaries.csv --map title=#3 # the third column
  product import csv jira.csv --status-map \"In Review=doing\" --skip-invalid
  product -f copy.toml init --name Copy --key RX
  product export csv --all | product -f copy.toml import csv -")]
pub struct CsvArgs {
    /// The CSV file, or - to read standard input
    #[arg(value_name = "FILE")]
    csv: PathBuf,
    /// Read COLUMN (a header, or #N for the Nth column) into item FIELD (title, source, size, tags, ...); FIELD= leaves a field out; source=COLUMN+COLUMN joins two with / (repeatable)
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    map: Vec<String>,
    /// Read a tracker's priority NAME as MoSCoW must, should, could, wont, or none (repeatable)
    #[arg(long = "priority-map", value_name = "NAME=MOSCOW", value_parser = priority_mapping)]
    priority_map: Vec<(String, Option<Moscow>)>,
    /// Read a tracker's status NAME as idea, ready, doing, done or dropped (repeatable)
    #[arg(long = "status-map", value_name = "NAME=STATUS", value_parser = status_mapping)]
    status_map: Vec<(String, Status)>,
    /// The separator between cells [default: a comma, semicolon or tab, from the header row]
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    delimiter: Option<u8>,
    /// Show what would be added and updated, and write nothing
    #[arg(long)]
    dry_run: bool,
    /// Import the rows that can be imported, and list the ones left out
    #[arg(long)]
    skip_invalid: bool,
    /// What each row becomes: a backlog item, a request (text, from, date),
    /// or a piece of evidence for the need given with --need (summary,
    /// date, kind, people, link)
    #[arg(long, value_name = "WHAT", default_value = "items", value_parser = ["items", "requests", "evidence"])]
    into: String,
    /// With --into evidence: the need the rows are evidence for, e.g. N1
    #[arg(long, value_name = "N1", add = candidates::needs())]
    need: Option<String>,
    /// With --into requests: who asked, for rows whose CSV does not say
    #[arg(long, value_name = "NAME")]
    from: Option<String>,
    /// With --into evidence: the kind of evidence, for rows that do not say [default: feedback]
    #[arg(long, value_parser = choice::<EvidenceKind>())]
    kind: Option<EvidenceKind>,
}

fn split_mapping(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE"))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("`{text}` has no NAME before ="));
    }
    Ok((name.to_owned(), value.trim().to_lowercase()))
}

fn priority_mapping(text: &str) -> Result<(String, Option<Moscow>), String> {
    let (name, value) = split_mapping(text)?;
    let moscow = match value.as_str() {
        "must" => Some(Moscow::Must),
        "should" => Some(Moscow::Should),
        "could" => Some(Moscow::Could),
        "wont" | "won't" => Some(Moscow::Wont),
        "none" | "" => None,
        other => {
            return Err(format!(
                "`{other}` is not must, should, could, wont or none"
            ));
        }
    };
    Ok((name, moscow))
}

fn status_mapping(text: &str) -> Result<(String, Status), String> {
    let (name, value) = split_mapping(text)?;
    let status = Status::ALL
        .into_iter()
        .find(|s| s.to_string() == value)
        .ok_or_else(|| format!("`{value}` is not idea, ready, doing, done or dropped"))?;
    Ok((name, status))
}

fn delimiter(text: &str) -> Result<u8, String> {
    match text {
        "\\t" | "tab" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() => Ok(text.as_bytes()[0]),
        _ => Err(format!("`{text}` is not one character (use tab for a tab)")),
    }
}

#[derive(Debug, Serialize)]
struct ImportReport {
    /// The CSV read.
    file: String,
    /// The product file imported into.
    product_file: String,
    dry_run: bool,
    /// What each row became: `item`, `request` or `piece of evidence`.
    #[serde(skip)]
    rows_become: &'static str,
    #[serde(flatten)]
    outcome: CsvImported,
}

impl View for ImportReport {
    fn kind(&self) -> &'static str {
        "import"
    }

    fn blocks(&self) -> Vec<Block> {
        let (create, update) = if self.dry_run {
            ("would add", "would update")
        } else {
            ("added", "updated")
        };
        let mut summary = format!(
            "{}: {} {}, {} {}, {} unchanged",
            self.file,
            create,
            count(self.outcome.created.len(), self.rows_become),
            update,
            self.outcome.updated.len(),
            self.outcome.unchanged.len()
        );
        // New ids are items' or requests'; evidence is its need's.
        if let Some(ids) =
            new_ids(&self.outcome.created).filter(|_| self.rows_become != "piece of evidence")
        {
            summary.push_str(&format!(" (new: {ids})"));
        }
        if !self.outcome.skipped.is_empty() {
            let rows: std::collections::BTreeSet<usize> =
                self.outcome.skipped.iter().map(|s| s.row).collect();
            summary.push_str(&format!(", {} left out", count(rows.len(), "row")));
        }
        if self.dry_run {
            summary.push_str("; nothing written");
        }
        let mut blocks = vec![Block::Line(format!("{summary}."))];
        let mut read: Vec<String> = Vec::new();
        for (i, c) in self.outcome.columns.iter().enumerate() {
            // Jira repeats `Labels` once a label: one mention is enough.
            let repeats = self.outcome.columns[..i]
                .iter()
                .any(|e| e.column == c.column && e.field == c.field);
            if repeats {
                continue;
            }
            // A key built from several columns: `repo + id → source`, once.
            if c.joined {
                let earlier = self.outcome.columns[..i].iter().any(|e| e.field == c.field);
                if !earlier {
                    let parts: Vec<String> = self.outcome.columns[i..]
                        .iter()
                        .filter(|e| e.field == c.field)
                        .map(|e| shown(&e.column).into_owned())
                        .collect();
                    read.push(format!("{} → {}", parts.join(" + "), c.field));
                }
                continue;
            }
            // A column named as the field (our own export's) needs no arrow.
            let same = c.column.trim().eq_ignore_ascii_case(c.field);
            read.push(if same {
                shown(&c.column).into_owned()
            } else {
                format!("{} → {}", shown(&c.column), c.field)
            });
        }
        blocks.push(Block::Line(format!("Columns read: {}.", read.join(", "))));
        if !self.outcome.ignored_columns.is_empty() {
            blocks.push(Block::Line(format!(
                "Columns left out: {} (read one with --map FIELD=COLUMN).",
                listed(&self.outcome.ignored_columns, 40)
            )));
        }
        if self.dry_run && !(self.outcome.created.is_empty() && self.outcome.updated.is_empty()) {
            let rows = self
                .outcome
                .created
                .iter()
                .map(|i| (i, "add"))
                .chain(self.outcome.updated.iter().map(|i| (i, "update")))
                .map(|(i, action)| {
                    vec![
                        Cell::from(i.row.to_string()),
                        Cell::new(action, Tone::Dim),
                        Cell::new(&i.id, Tone::Strong),
                        Cell::from(i.title.as_str()),
                        Cell::from(i.source.as_deref().unwrap_or("")),
                        Cell::from(i.changed.join(", ")),
                    ]
                })
                .collect();
            blocks.push(Block::Table(TableBlock {
                header: ["Row", "Action", "ID", "Title", "Source", "Changes"]
                    .map(String::from)
                    .to_vec(),
                rows,
            }));
        }
        if !self.outcome.skipped.is_empty() {
            blocks.push(Block::Heading("Rows left out".into()));
            blocks.push(Block::Table(TableBlock {
                header: ["Row", "Line:col", "Column", "Problem"]
                    .map(String::from)
                    .to_vec(),
                rows: self
                    .outcome
                    .skipped
                    .iter()
                    .map(|s| {
                        vec![
                            Cell::from(s.row.to_string()),
                            Cell::from(format!("{}:{}", s.line, s.column)),
                            Cell::from(s.header.as_deref().unwrap_or("")),
                            Cell::new(&s.message, Tone::Bad),
                        ]
                    })
                    .collect(),
            }));
        }
        for w in &self.outcome.warnings {
            blocks.push(Block::Line(format!("warning: {w}")));
        }
        blocks
    }
}

/// The new ids in a few words: `RX-4`, `RX-4 to RX-9` when they run on
/// one after another, else the first and how many more.
fn new_ids(created: &[Imported]) -> Option<String> {
    let first = created.first()?;
    // The number at the end of the id: `RX-12`, `Q12`.
    let number = |id: &str| {
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        id[id.len() - digits..].parse::<u64>().ok()
    };
    let consecutive = created
        .windows(2)
        .all(|w| matches!((number(&w[0].id), number(&w[1].id)), (Some(a), Some(b)) if b == a + 1));
    Some(match created {
        [_] => first.id.clone(),
        [.., last] if consecutive => format!("{} to {}", first.id, last.id),
        _ => format!("{} and {} more", first.id, created.len() - 1),
    })
}

fn count(n: usize, what: &str) -> String {
    match what.split_once(" of ") {
        // `2 pieces of evidence`
        Some((head, tail)) if n != 1 => format!("{n} {head}s of {tail}"),
        _ => format!("{n} {what}{}", if n == 1 { "" } else { "s" }),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    match args.command {
        ImportCommand::Csv(args) => csv(ctx, args),
    }
}

fn csv(ctx: &Ctx, args: CsvArgs) -> CmdResult<()> {
    let shown = if args.csv == Path::new("-") {
        "standard input".to_owned()
    } else {
        ctx.shown(&args.csv)
    };
    let bytes = store::read_input(&args.csv).map_err(|e| match e {
        store::StoreError::Missing { .. } => CommandError::new(
            ErrorKind::Invalid,
            ErrorCode::FileMissing,
            format!("{shown} does not exist"),
        )
        .with_hint("check the path of the CSV to import"),
        other => other.into(),
    })?;
    let into = match args.into.as_str() {
        "requests" => Some(FeedbackInto::Requests),
        "evidence" => Some(FeedbackInto::Evidence),
        _ => None,
    };
    check_into(&args, into)?;
    if let Some(into) = into {
        return feedback(ctx, args, into, shown, &bytes);
    }
    let options = ImportOptions {
        map: args.map,
        status_map: args.status_map,
        priority_map: args.priority_map,
        delimiter: args.delimiter,
    };
    let opts = ImportCsv::read(shown.clone(), &bytes, &options, args.skip_invalid)?;
    // The CSV read keeps its own copy of the text.
    drop(bytes);
    let product_file = ctx.shown(&ctx.product_path()?);
    let outcome = if args.dry_run {
        let (_, mut product) = ctx.load()?;
        ops::import::csv(&mut product, ctx.today, &opts)?
    } else {
        // Moved into the change, so that the CSV's rows are freed before
        // the file is written.
        ctx.mutate(move |product| ops::import::csv(product, ctx.today, &opts))?
    };
    ctx.print(&ImportReport {
        file: shown,
        product_file,
        dry_run: args.dry_run,
        rows_become: "item",
        outcome,
    })
}

/// Refuses the flags that do not go with what the rows become.
fn check_into(args: &CsvArgs, into: Option<FeedbackInto>) -> CmdResult<()> {
    let item_only = [
        (!args.priority_map.is_empty(), "--priority-map"),
        (!args.status_map.is_empty(), "--status-map"),
    ];
    let wrong: Option<(&str, &str)> = match into {
        None => [
            (args.need.is_some(), "--need"),
            (args.from.is_some(), "--from"),
            (args.kind.is_some(), "--kind"),
        ]
        .into_iter()
        .find(|(given, _)| *given)
        .map(|(_, flag)| (flag, "items")),
        Some(FeedbackInto::Requests) => item_only
            .into_iter()
            .chain([
                (args.need.is_some(), "--need"),
                (args.kind.is_some(), "--kind"),
            ])
            .find(|(given, _)| *given)
            .map(|(_, flag)| (flag, "requests")),
        Some(FeedbackInto::Evidence) => {
            if args.need.is_none() {
                return Err(CommandError::usage(
                    "--into evidence needs --need: the need the rows are evidence for",
                )
                .with_hint("product import csv survey.csv --into evidence --need N1"));
            }
            item_only
                .into_iter()
                .chain([(args.from.is_some(), "--from")])
                .find(|(given, _)| *given)
                .map(|(_, flag)| (flag, "evidence"))
        }
    };
    match wrong {
        Some((flag, into)) => Err(CommandError::usage(format!(
            "{flag} does not go with --into {into}"
        ))
        .with_hint("--need and --kind are for --into evidence, --from for --into requests, --priority-map and --status-map for items")),
        None => Ok(()),
    }
}

/// `--into requests` and `--into evidence`: a feedback export's rows.
fn feedback(
    ctx: &Ctx,
    args: CsvArgs,
    into: FeedbackInto,
    shown: String,
    bytes: &[u8],
) -> CmdResult<()> {
    let options = FeedbackOptions {
        into,
        map: args.map,
        delimiter: args.delimiter,
        from_given: args.from.is_some(),
        today: ctx.today,
    };
    let mut opts = ImportFeedback::read(shown.clone(), bytes, &options)?;
    opts.skip_invalid = args.skip_invalid;
    opts.from = args.from;
    opts.kind = args.kind;
    let need = args.need.unwrap_or_default();
    let run = |product: &mut productfile::model::Product| match into {
        FeedbackInto::Requests => ops::feedback::requests(product, ctx.today, &opts),
        FeedbackInto::Evidence => ops::feedback::evidence(product, ctx.today, &need, &opts),
    };
    let product_file = ctx.shown(&ctx.product_path()?);
    let outcome = if args.dry_run {
        let (_, mut product) = ctx.load()?;
        run(&mut product)?
    } else {
        ctx.mutate(run)?
    };
    ctx.print(&ImportReport {
        file: shown,
        product_file,
        dry_run: args.dry_run,
        rows_become: match into {
            FeedbackInto::Requests => "request",
            FeedbackInto::Evidence => "piece of evidence",
        },
        outcome,
    })
}
