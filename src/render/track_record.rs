//! The forecast's pace warning and track record, in words and as a table:
//! shared by `product forecast` and the stakeholder report.

use productfile::forecast::backtest::{EARLIER_WEEKS, MIN_WEEKS_TESTED, RECENT_WEEKS};
use productfile::forecast::{Backtest, MIN_ITEMS_DONE, Pace};

use super::numbers::plural;
use super::{Block, Cell, TableBlock, Tone};

/// A percentage with no decimals, e.g. `85%`; a change carries its sign.
fn pct(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

fn per_week(n: f64) -> String {
    let text = format!("{n:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} a week")
}

/// What the pace says when it has changed beyond the threshold, e.g.
/// `The pace has changed: 1 a week in the last 4 weeks against 2 a week in
/// the 8 before (-50%)`; `None` when it has not.
pub fn pace_warning(pace: &Pace) -> Option<String> {
    if !pace.changed {
        return None;
    }
    let change = match pace.change {
        Some(c) if c >= 0.0 => format!("+{}", pct(c)),
        Some(c) => format!("-{}", pct(-c)),
        None => "from none".into(),
    };
    Some(format!(
        "The pace has changed: {} in the last {RECENT_WEEKS} weeks against {} in the \
         {EARLIER_WEEKS} before ({change}); the forecast assumes the window's pace, so take its \
         dates with care",
        per_week(pace.recent_per_week),
        per_week(pace.earlier_per_week),
    ))
}

/// The P85 hit rate in a sentence, for a summary: `P85 held in 88% of 40
/// tested weeks`, or that there is not enough history to test.
pub fn p85_summary(record: &Backtest) -> (String, Tone) {
    match record.hit_rate {
        Some(rate) if record.is_enough() => (
            format!(
                "P85 held in {} of {} tested weeks",
                pct(rate.p85),
                record.weeks_tested
            ),
            if rate.p85 >= 0.75 {
                Tone::Good
            } else {
                Tone::Warn
            },
        ),
        _ => (
            format!(
                "not enough history to test ({} tested, at least {} needed)",
                plural(record.weeks_tested as usize, "week"),
                MIN_WEEKS_TESTED
            ),
            Tone::Dim,
        ),
    }
}

/// The "Track record" section: hit rates by percentile and the mean error.
pub fn blocks(record: &Backtest) -> Vec<Block> {
    let mut blocks = vec![Block::Heading("Track record".into())];
    let (Some(rate), Some(error)) = (record.hit_rate, record.mean_error) else {
        blocks.push(Block::Line(format!(
            "Not enough history to test: no past week has {} of history behind it \
             (with at least {MIN_ITEMS_DONE} items done) and {} ahead. Test a shorter horizon with \
             --horizon, or a shorter window with --window.",
            plural(record.window_weeks as usize, "week"),
            plural(record.horizon_weeks as usize, "week"),
        )));
        return blocks;
    };
    let row = |name: &str, hit: f64, ideal: f64| {
        let tone = if hit + 0.1 >= ideal {
            Tone::Good
        } else {
            Tone::Bad
        };
        vec![name.into(), Cell::new(pct(hit), tone), pct(ideal).into()]
    };
    blocks.push(Block::Table(TableBlock {
        header: vec!["Percentile".into(), "Held".into(), "Ideal".into()],
        rows: vec![
            row("P50", rate.p50, 0.5),
            row("P85", rate.p85, 0.85),
            row("P95", rate.p95, 0.95),
        ],
    }));
    let sign = if error > 0.0 { "+" } else { "" };
    blocks.push(Block::Line(format!(
        "Replayed at {}: how many in {} from the {} before each, against what was done. \
         Mean error of P50: {sign}{error:.1} items (above zero: it promised more than was done).{}",
        plural(record.weeks_tested as usize, "past week"),
        plural(record.horizon_weeks as usize, "week"),
        plural(record.window_weeks as usize, "week"),
        if record.is_enough() {
            ""
        } else {
            " Few weeks were tested: read the rates loosely."
        }
    )));
    blocks
}
