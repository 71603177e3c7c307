//! `product forecast`: when a set of items will be done, or how many by a
//! date, from the backlog's own history (Monte Carlo; see docs/forecasting.md).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::numbers::plural;
use crate::render::track_record;
use crate::render::{Block, Cell, Picture, TableBlock, Tone, View};
use productfile::forecast::backtest::DEFAULT_HORIZON_WEEKS;
use productfile::forecast::{Forecast, Options, Per, Status, Target, TargetSet};
use productfile::model::Date;
use productfile::query;
use productfile::store::{self, StoreError};

use super::context::Ctx;
use super::error::{CmdResult, CommandError};
use super::number::{count_between, plain};

/// Forecast when items will be done, or how many by a date, from past throughput
///
/// Draws past weekly throughput (items done per week, from `done_on`, over a
/// window of complete Monday-to-Sunday weeks ending with the last complete
/// week) in thousands of simulated futures, and gives the 50th, 85th and
/// 95th percentiles. The team is taken to work in backlog order: open items
/// above the set's last one count too (--alone: only the set). Open items the
/// set waits for are added to it; an item waiting for a dropped one is named.
///
/// With --by-date: how many items are done by the date (85th percentile: at
/// least this many in 85% of trials) and, for each open item in backlog
/// order, the chance it is done by then. Roadmap entries with a hard date get
/// their chance of meeting it. Without a target or a date, the MVP is
/// forecast. With fewer than 5 items done in the window the status is
/// insufficient_history, with what was found. The same file, day and seed
/// give the same figures.
///
/// With --backtest: the track record. The forecast is replayed at each past
/// week with a full window behind it and the horizon ahead, and each
/// percentile's hit rate (how often at least that many were done) and the
/// mean error of P50 are given. A warning says when the last 4 weeks' pace
/// differs from the 8 before them by more than [check] pace_change (30%).
#[derive(Debug, clap::Args)]
#[command(
    group(clap::ArgGroup::new("target").args(["mvp", "roadmap", "top", "ids"])),
    after_help = "\
Examples:
  product forecast
  product forecast --roadmap R2
  product forecast --top 10 --alone
  product forecast RX-4 RX-7
  product forecast --by-date 2027-03-31
  product forecast --mvp --window 8 --per day --trials 20000 --seed 7
  product forecast --mvp --growth 1.2 --by size
  product forecast --from-git               # an imported file: done days from its commits
  product forecast --backtest --horizon 6   # how the method fared on the team's past
  product forecast --json | jq '.when.p85'"
)]
pub struct Args {
    /// Forecast the MVP: the items marked `mvp` [the default with no target and no --by-date]
    #[arg(long)]
    mvp: bool,
    /// Forecast a roadmap entry's items
    #[arg(long, value_name = "R")]
    roadmap: Option<String>,
    /// Forecast the first N open items of the backlog
    #[arg(long, value_name = "N", value_parser = count_between(1, usize::MAX))]
    top: Option<usize>,
    /// Forecast these items
    #[arg(value_name = "ID")]
    ids: Vec<String>,
    /// How many items are done by this day, and each open item's chance
    #[arg(long, value_name = "DATE")]
    by_date: Option<Date>,
    /// Weeks of history to draw from, ending with the last complete week
    #[arg(long, value_name = "WEEKS", default_value_t = 12, value_parser = count_between(1, 520))]
    window: usize,
    /// Draw throughput per week or per day
    #[arg(long, value_enum, default_value_t = PerArg::Week)]
    per: PerArg,
    /// Simulated futures to run
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = count_between(1, 1_000_000))]
    trials: usize,
    /// Seed of the random numbers (PCG32): the same seed gives the same figures
    #[arg(long, value_name = "S", default_value_t = productfile::forecast::DEFAULT_SEED)]
    seed: u64,
    /// Grow the work by this factor for split and discovered work, e.g. 1.2
    #[arg(long, value_name = "F", default_value = "1", value_parser = plain)]
    growth: f64,
    /// Count throughput and work in size points rather than items
    #[arg(long, value_name = "size", value_parser = ["size"])]
    by: Option<String>,
    /// Forecast the set as if nothing else were worked on
    #[arg(long)]
    alone: bool,
    /// Take done days missing from the file (no `done_on`) from its git
    /// history: the day of the commit that marked each item done
    #[arg(long)]
    from_git: bool,
    /// Add the track record: the forecast replayed on the team's own history
    #[arg(long)]
    backtest: bool,
    /// Weeks ahead the track record compares [default: 8]
    #[arg(long, value_name = "WEEKS", requires = "backtest", value_parser = count_between(1, 104))]
    horizon: Option<usize>,
}

/// A period of throughput, on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PerArg {
    Week,
    Day,
}

#[derive(Debug, Serialize)]
struct ForecastView {
    #[serde(flatten)]
    forecast: Forecast,
    #[serde(skip)]
    by_size: bool,
    /// With --from-git: how many done days the file gave, and how many
    /// came from its git history.
    #[serde(skip_serializing_if = "Option::is_none")]
    done_dates: Option<DoneDatesView>,
}

#[derive(Debug, Serialize)]
struct DoneDatesView {
    from_file: usize,
    from_git: usize,
    unknown: usize,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult<()> {
    let (path, product) = ctx.load()?;
    let (recovered, done_dates) = if args.from_git {
        let found = store::file_history_of(&path, &product)
            .map_err(|e| match e {
                e @ StoreError::NotInGit { .. } => CommandError::from(e).with_hint(
                    "--from-git reads done days from the file's commits: run it where the product file is committed in git, or leave --from-git out",
                ),
                e => e.into(),
            })?
            .done_dates(&product);
        let view = DoneDatesView {
            from_file: found.from_file,
            from_git: found.from_git,
            unknown: found.unknown.len(),
        };
        (found.dates, Some(view))
    } else {
        (BTreeMap::new(), None)
    };
    let target = if args.mvp {
        Some(Target::Mvp)
    } else if let Some(r) = args.roadmap {
        Some(Target::Roadmap(r))
    } else if let Some(n) = args.top {
        Some(Target::Top(n))
    } else if !args.ids.is_empty() {
        Some(Target::Items(args.ids))
    } else {
        None
    };
    let options = Options {
        window_weeks: u32::try_from(args.window).unwrap_or(u32::MAX),
        per: match args.per {
            PerArg::Week => Per::Week,
            PerArg::Day => Per::Day,
        },
        trials: u32::try_from(args.trials).unwrap_or(u32::MAX),
        seed: args.seed,
        growth: args.growth,
        by_size: args.by.is_some(),
        alone: args.alone,
        backtest_horizon: args.backtest.then(|| {
            args.horizon.map_or(DEFAULT_HORIZON_WEEKS, |h| {
                u32::try_from(h).unwrap_or(u32::MAX)
            })
        }),
    };
    let forecast = query::forecast::of(
        &product,
        ctx.today,
        target,
        args.by_date,
        &recovered,
        &options,
    )?;
    ctx.print(&ForecastView {
        forecast,
        by_size: options.by_size,
        done_dates,
    })
}

/// The most rows a histogram shows; more periods are grouped.
const HISTOGRAM_ROWS: usize = 16;
const BAR_WIDTH: usize = 24;

fn percent(p: f64) -> String {
    let pct = p * 100.0;
    if pct > 0.0 && pct < 1.0 {
        "<1%".into()
    } else if pct < 100.0 && pct > 99.0 {
        ">99%".into()
    } else {
        format!("{pct:.0}%")
    }
}

fn chance_cell(p: f64) -> Cell {
    let tone = match p {
        p if p >= 0.85 => Tone::Good,
        p if p >= 0.5 => Tone::Warn,
        _ => Tone::Bad,
    };
    Cell::new(percent(p), tone).with_picture(Picture::Bar {
        fraction: p,
        width: 12,
    })
}

/// A histogram: one row per label, or per group of labels when there are
/// many (labelled by the last of the group), bars scaled to the tallest.
fn histogram(heading: &str, bars: &[(String, u32)], trials: u32) -> TableBlock {
    let group = bars.len().div_ceil(HISTOGRAM_ROWS).max(1);
    let rows: Vec<(String, u32)> = bars
        .chunks(group)
        .map(|c| {
            let label = match c {
                [one] => one.0.clone(),
                [first, .., last] => format!("{} – {}", first.0, last.0),
                [] => String::new(),
            };
            (label, c.iter().map(|b| b.1).sum())
        })
        .collect();
    let tallest = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    TableBlock {
        header: vec![heading.into(), "Trials".into(), String::new()],
        rows: rows
            .into_iter()
            .map(|(label, n)| {
                vec![
                    label.into(),
                    percent(f64::from(n) / f64::from(trials)).into(),
                    Cell::from("").with_picture(Picture::Bar {
                        fraction: f64::from(n) / f64::from(tallest),
                        width: BAR_WIDTH,
                    }),
                ]
            })
            .collect(),
    }
}

fn target_title(set: &TargetSet) -> String {
    match (set.kind, &set.id) {
        ("roadmap", Some(id)) => format!("roadmap entry {id}"),
        ("mvp", _) => "the MVP".into(),
        ("top", _) => format!("the top {}", plural(set.open.len(), "open item")),
        _ => "the items named".into(),
    }
}

/// The first `n` ids, and how many more there are.
fn first_of(ids: &[String], n: usize) -> String {
    let shown = ids[..ids.len().min(n)].join(", ");
    match ids.len().saturating_sub(n) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

fn target_fields(set: &TargetSet) -> Vec<(String, Cell)> {
    let mut fields = vec![(
        "Open".into(),
        Cell::new(
            format!("{} ({} done)", plural(set.open.len(), "item"), set.done),
            Tone::Strong,
        ),
    )];
    if !set.added_dependencies.is_empty() {
        fields.push((
            "Added (waited for)".into(),
            first_of(&set.added_dependencies, 10).into(),
        ));
    }
    if set.ahead > 0 {
        fields.push((
            "Above it in the backlog".into(),
            format!(
                "{}, done first (--alone leaves them out)",
                plural(set.ahead, "open item")
            )
            .into(),
        ));
    }
    for b in set.blocked.iter().take(5) {
        fields.push((
            "Blocked".into(),
            Cell::new(
                format!("{} waits for {}, which is dropped", b.item, b.dropped),
                Tone::Bad,
            ),
        ));
    }
    if set.blocked.len() > 5 {
        fields.push((
            "Blocked".into(),
            Cell::new(
                format!("{} more (see --json)", set.blocked.len() - 5),
                Tone::Bad,
            ),
        ));
    }
    if !set.external_dependencies.is_empty() {
        let named: Vec<String> = set
            .external_dependencies
            .iter()
            .map(|e| format!("{} waits for {}", e.item, e.depends_on))
            .collect();
        fields.push((
            "Outside this file (not forecast)".into(),
            Cell::new(first_of(&named, 5), Tone::Warn),
        ));
    }
    if let (Some(date), Some(p)) = (set.date, set.probability) {
        fields.push((format!("Hard date {date}"), chance_cell(p)));
    }
    fields
}

impl View for ForecastView {
    fn kind(&self) -> &'static str {
        "forecast"
    }

    fn blocks(&self) -> Vec<Block> {
        let f = &self.forecast;
        let t = &f.throughput;
        let unit = if self.by_size { "points" } else { "items" };
        let mut blocks = vec![Block::Heading(match &f.target {
            Some(set) => format!("Forecast for {}", target_title(set)),
            None => "Forecast".into(),
        })];
        let mut fields = f.target.as_ref().map(target_fields).unwrap_or_default();
        let sample = t
            .per_week
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>();
        fields.push((
            "Throughput".into(),
            Cell::new(
                format!(
                    "{} a week: {} done, {} to {}",
                    sample.join(" "),
                    plural(t.items_done as usize, "item"),
                    t.window_start,
                    t.window_end
                ),
                Tone::Plain,
            )
            .with_picture(Picture::Counts(
                t.per_week.iter().map(|&n| f64::from(n)).collect(),
            )),
        ));
        if let Some(points) = t.points_done {
            fields.push(("Size points done".into(), points.to_string().into()));
        }
        if t.done_without_date > 0 {
            fields.push((
                "No done date".into(),
                Cell::new(
                    format!("{} left out", plural(t.done_without_date, "done item")),
                    Tone::Warn,
                ),
            ));
        }
        if let Some(d) = &self.done_dates {
            fields.push((
                "Done days".into(),
                format!(
                    "{} from the file, {} from git, {} unknown",
                    d.from_file, d.from_git, d.unknown
                )
                .into(),
            ));
        }
        blocks.push(Block::Fields(fields));
        if let Some(warning) = track_record::pace_warning(&f.pace) {
            blocks.push(Block::Line(format!("{warning}.")));
        }
        match f.status {
            Status::InsufficientHistory => blocks.push(Block::Line(format!(
                "Not enough history to forecast: {}. Mark items done as they are done \
                 (`product item done ID`), or widen the window with --window.",
                f.reason.as_deref().unwrap_or_default()
            ))),
            Status::Done => blocks.push(Block::Line(format!(
                "Done already: {}.",
                f.reason.as_deref().unwrap_or_default()
            ))),
            Status::Ok => {}
        }
        if let Some(when) = &f.when {
            let per = match t.per {
                Per::Week => "Weeks",
                Per::Day => "Days",
            };
            blocks.push(Block::Heading("When".into()));
            blocks.push(Block::Table(TableBlock {
                header: vec!["Chance".into(), "Done by".into(), per.into()],
                rows: [
                    ("50%", when.p50, when.periods[0]),
                    ("85%", when.p85, when.periods[1]),
                    ("95%", when.p95, when.periods[2]),
                ]
                .into_iter()
                .map(|(p, date, n)| {
                    vec![
                        p.into(),
                        Cell::new(date.to_string(), Tone::Strong),
                        n.to_string().into(),
                    ]
                })
                .collect(),
            }));
            let bars: Vec<(String, u32)> = when
                .histogram
                .iter()
                .map(|b| (b.date.to_string(), b.trials))
                .collect();
            blocks.push(Block::Table(histogram("Done by", &bars, f.trials)));
        }
        if let Some(hm) = &f.how_many {
            blocks.push(Block::Heading(format!("How many by {}", hm.date)));
            blocks.push(Block::Table(TableBlock {
                header: vec!["Chance".into(), "At least".into()],
                rows: [("50%", hm.p50), ("85%", hm.p85), ("95%", hm.p95)]
                    .into_iter()
                    .map(|(p, n)| vec![p.into(), Cell::new(plural(n, "item"), Tone::Strong)])
                    .collect(),
            }));
            let bars: Vec<(String, u32)> = hm
                .histogram
                .iter()
                .map(|b| (b.items.to_string(), b.trials))
                .collect();
            blocks.push(Block::Table(histogram("Items", &bars, f.trials)));
            // The cut line: items certain to be done, the uncertain ones, and
            // the first with no chance; the rest are summed up.
            let end = f
                .cut_line
                .iter()
                .position(|c| c.probability <= 0.0)
                .map_or(f.cut_line.len(), |first_never| first_never + 1);
            let shown: Vec<_> = f.cut_line[..end].iter().enumerate().collect();
            let sure = shown.iter().filter(|(_, c)| c.probability >= 1.0).count();
            blocks.push(Block::Heading(format!("Cut line at {}", hm.date)));
            blocks.push(Block::Table(TableBlock {
                header: vec!["#".into(), "Item".into(), "Chance".into()],
                rows: shown
                    .iter()
                    .filter(|(i, c)| c.probability < 1.0 || *i + 3 > sure)
                    .map(|(i, c)| {
                        vec![
                            (i + 1).to_string().into(),
                            Cell::new(&c.id, Tone::Strong),
                            chance_cell(c.probability),
                        ]
                    })
                    .collect(),
            }));
            let hidden = sure.saturating_sub(3);
            let after = f.cut_line.len() - shown.len();
            let mut notes = Vec::new();
            if hidden > 0 {
                notes.push(format!(
                    "{} above are done in every trial",
                    plural(hidden, "item")
                ));
            }
            if after > 0 {
                notes.push(format!("{} below in no trial", plural(after, "more item")));
            }
            if !notes.is_empty() {
                blocks.push(Block::Line(format!("{}.", notes.join("; "))));
            }
        }
        if !f.hard_dates.is_empty() {
            blocks.push(Block::Heading("Hard dates".into()));
            blocks.push(Block::Table(TableBlock {
                header: vec![
                    "Entry".into(),
                    "Title".into(),
                    "Date".into(),
                    "Chance".into(),
                ],
                rows: f
                    .hard_dates
                    .iter()
                    .map(|h| {
                        vec![
                            Cell::new(&h.id, Tone::Strong),
                            h.title.as_str().into(),
                            h.date.to_string().into(),
                            match (h.status, h.probability) {
                                (Status::Done, _) => Cell::new("done", Tone::Good),
                                (_, Some(p)) => chance_cell(p),
                                (_, None) => Cell::new("too little history", Tone::Dim),
                            },
                        ]
                    })
                    .collect(),
            }));
        }
        if f.status == Status::Ok {
            blocks.push(Block::Line(format!(
                "{} trials drawing {unit} per {} from the window, seed {}. \
                 85%: done by then in 85 of 100 simulated futures.",
                f.trials,
                match t.per {
                    Per::Week => "week",
                    Per::Day => "day",
                },
                f.seed
            )));
        }
        if let Some(record) = &f.backtest {
            blocks.extend(track_record::blocks(record));
        }
        blocks
    }
}
