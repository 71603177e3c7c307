//! The page's charts as inline SVG: progress bars, an objective's grade, a
//! KPI's sparkline over its target and threshold bands, and the burn-up.
//!
//! Each chart is an `<svg role="img">` with a `<title>` that says in words
//! what it draws, so a screen reader (and a printout without colour) has
//! the same facts; the page puts the figures beside it in text as well.
//! Colour is never the only signal: bands carry their names in the title,
//! the burn-up's two lines differ in dash as well as colour.
//!
//! A small module of its own rather than a charting crate: the page needs
//! four simple shapes with accessible text in them, which plotters' SVG
//! backend does not write (no `<title>`, no roles, fonts it measures
//! itself), and its dependency tree would outweigh these lines.

use maud::{Markup, html};

use productfile::goals::KpiStatus;
use productfile::model::{Date, Direction, Reading};

use crate::render::numbers::with_unit;
use productfile::query::history::Period;
use productfile::query::kpi::KpiReport;

/// A number for an SVG attribute: at most two decimals, no trailing zeros.
fn at(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// The share `done / total`, from 0 to 1 (0 when there is nothing).
pub fn share(done: f64, total: f64) -> f64 {
    if total > 0.0 && done.is_finite() {
        (done / total).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// A horizontal bar `fraction` full, titled `label`.
pub fn bar(fraction: f64, label: &str) -> Markup {
    let width = fraction.clamp(0.0, 1.0) * 100.0;
    html! {
        svg.bar viewBox="0 0 100 6" preserveAspectRatio="none" role="img" {
            title { (label) }
            rect.track x="0" y="0" width="100" height="6" {}
            rect.fill x="0" y="0" width=(at(width)) height="6" {}
        }
    }
}

/// An objective's grade on a bar from 0 to 1, with marks at 0.3 and 0.7
/// where red turns amber and amber green; the fill is the band's colour.
pub fn grade(grade: Option<f64>, band: &str, label: &str) -> Markup {
    let width = grade.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0;
    html! {
        svg.grade viewBox="0 0 100 8" preserveAspectRatio="none" role="img" {
            title { (label) }
            rect.track x="0" y="0" width="100" height="8" {}
            rect class=(format!("fill {band}")) x="0" y="0" width=(at(width)) height="8" {}
            line.mark x1="30" y1="0" x2="30" y2="8" {}
            line.mark x1="70" y1="0" x2="70" y2="8" {}
        }
    }
}

const SPARK_W: f64 = 240.0;
const SPARK_H: f64 = 60.0;
const PAD: f64 = 4.0;

/// The value range a sparkline shows: its readings, target and threshold,
/// with a margin so that a line on the edge stays visible. In halves of
/// the values, so that a span from -1e308 to 1e308 is still a number.
fn range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .map(|v| v / 2.0)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return None;
    }
    let margin = if hi > lo {
        (hi - lo) * 0.1
    } else {
        lo.abs().max(0.5) * 0.1
    };
    Some((lo - margin, hi + margin))
}

/// Where a day falls from the first reading's day to the last's, 0 to 1.
fn when(first: Date, last: Date, day: Date) -> f64 {
    let span = (last.0 - first.0).num_days();
    if span <= 0 {
        0.5
    } else {
        (day.0 - first.0).num_days() as f64 / span as f64
    }
}

/// A KPI's readings as a line over bands: good beyond the target, amber
/// between the threshold and the target, red beyond the threshold (or
/// short of the target when there is no threshold).
pub fn sparkline(kpi: &KpiReport) -> Markup {
    let readings: &[Reading] = &kpi.history;
    let values = readings
        .iter()
        .map(|r| r.value)
        .chain(kpi.target)
        .chain(kpi.threshold);
    let Some((lo, hi)) = range(values) else {
        return html! {
            svg.spark viewBox=(format!("0 0 {SPARK_W} {SPARK_H}")) role="img" {
                title { (kpi.name) ": no readings yet" }
                rect.track x="0" y="0" width=(at(SPARK_W)) height=(at(SPARK_H)) {}
            }
        };
    };
    let y = |v: f64| PAD + (hi - v / 2.0) / (hi - lo) * (SPARK_H - 2.0 * PAD);
    let top = 0.0;
    let bottom = SPARK_H;
    // Bands from the top of the chart down, in the KPI's direction.
    let mut bands: Vec<(&str, f64, f64)> = Vec::new();
    if let Some(target) = kpi.target {
        // A threshold on the good side of the target (`check` calls it an
        // error) has no band between them to draw.
        let threshold = kpi.threshold.filter(|&th| match kpi.direction {
            Direction::Up => th <= target,
            Direction::Down => th >= target,
        });
        let (t, th) = (y(target), threshold.map(y));
        match (kpi.direction, th) {
            (Direction::Up, Some(th)) => {
                bands.extend([("green", top, t), ("amber", t, th), ("red", th, bottom)]);
            }
            (Direction::Up, None) => bands.extend([("green", top, t), ("red", t, bottom)]),
            (Direction::Down, Some(th)) => {
                bands.extend([("red", top, th), ("amber", th, t), ("green", t, bottom)]);
            }
            (Direction::Down, None) => bands.extend([("red", top, t), ("green", t, bottom)]),
        }
    }
    let points: Vec<(f64, f64)> = match (readings.first(), readings.last()) {
        (Some(first), Some(last)) => readings
            .iter()
            .map(|r| {
                let x = PAD + when(first.date, last.date, r.date) * (SPARK_W - 2.0 * PAD);
                (x, y(r.value))
            })
            .collect(),
        _ => Vec::new(),
    };
    let line = points
        .iter()
        .map(|(x, y)| format!("{},{}", at(*x), at(*y)))
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        svg.spark viewBox=(format!("0 0 {SPARK_W} {SPARK_H}")) role="img" {
            title { (spark_title(kpi)) }
            @for (band, from, to) in &bands {
                rect class=(format!("band {band}")) x="0" y=(at(*from)) width=(at(SPARK_W))
                    height=(at((to - from).max(0.0))) {}
            }
            @if let Some(target) = kpi.target {
                line.target x1="0" y1=(at(y(target))) x2=(at(SPARK_W)) y2=(at(y(target))) {}
            }
            @if points.len() > 1 {
                polyline.reading points=(line) {}
            }
            @if let Some((x, y)) = points.last() {
                circle.latest cx=(at(*x)) cy=(at(*y)) r="3" {}
            }
        }
    }
}

/// What the sparkline shows, in words.
pub fn spark_title(kpi: &KpiReport) -> String {
    let unit = |v: f64| with_unit(v, kpi.unit.as_deref());
    let mut text = format!("{}: ", kpi.name);
    match kpi.history.len() {
        0 => text.push_str("no readings yet"),
        1 => text.push_str(&format!(
            "1 reading, {} on {}",
            unit(kpi.history[0].value),
            kpi.history[0].date
        )),
        n => {
            let (first, last) = (&kpi.history[0], &kpi.history[n - 1]);
            text.push_str(&format!(
                "{n} readings from {} ({}) to {} ({})",
                first.date,
                unit(first.value),
                last.date,
                unit(last.value)
            ));
        }
    }
    if let Some(target) = kpi.target {
        text.push_str(&format!(
            "; target {} ({} is better)",
            unit(target),
            match kpi.direction {
                Direction::Up => "higher",
                Direction::Down => "lower",
            }
        ));
    }
    if let Some(threshold) = kpi.threshold {
        text.push_str(&format!("; threshold {}", unit(threshold)));
    }
    text.push_str(&format!("; status {}", status_word(kpi.status)));
    text
}

/// A KPI status as a word, for the page and the charts' titles.
pub fn status_word(status: KpiStatus) -> &'static str {
    match status {
        KpiStatus::Green => "green",
        KpiStatus::Amber => "amber",
        KpiStatus::Red => "red",
        KpiStatus::Unknown => "unknown",
    }
}

const BURN_W: f64 = 640.0;
const BURN_H: f64 = 220.0;
const BURN_LEFT: f64 = 36.0;
const BURN_BOTTOM: f64 = 20.0;

/// Scope and done by period: scope dashed, done solid, each labelled at
/// its end, with the axis's largest count and the first and last period.
pub fn burn_up(periods: &[Period]) -> Markup {
    let max = periods
        .iter()
        .map(|p| p.scope.max(p.done_total))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // Room on the right for the end labels, up to "scope 1000000".
    let plot_w = BURN_W - BURN_LEFT - 110.0;
    let plot_h = BURN_H - BURN_BOTTOM - 10.0;
    let x = |i: usize| {
        let steps = periods.len().saturating_sub(1).max(1) as f64;
        BURN_LEFT + i as f64 / steps * plot_w
    };
    let y = |n: usize| 10.0 + (1.0 - n as f64 / max) * plot_h;
    let line = |of: fn(&Period) -> usize| {
        periods
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{},{}", at(x(i)), at(y(of(p)))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let last = periods.last();
    let title = match (periods.first(), last) {
        (Some(first), Some(last)) => format!(
            "Burn-up by week from {} to {}: scope went from {} to {} items, done from {} to {}",
            first.start, last.start, first.scope, last.scope, first.done_total, last.done_total
        ),
        _ => "Burn-up: no history yet".to_owned(),
    };
    html! {
        svg.burnup viewBox=(format!("0 0 {BURN_W} {BURN_H}")) role="img" {
            title { (title) }
            line.axis x1=(at(BURN_LEFT)) y1=(at(y(0))) x2=(at(BURN_LEFT + plot_w)) y2=(at(y(0))) {}
            line.axis x1=(at(BURN_LEFT)) y1=(at(y(0))) x2=(at(BURN_LEFT)) y2="10" {}
            text.tick x=(at(BURN_LEFT - 4.0)) y="14" text-anchor="end" { (max as usize) }
            text.tick x=(at(BURN_LEFT - 4.0)) y=(at(y(0))) text-anchor="end" { "0" }
            @if let (Some(first), Some(last)) = (periods.first(), last) {
                text.tick x=(at(BURN_LEFT)) y=(at(BURN_H - 4.0)) { (first.start) }
                text.tick x=(at(BURN_LEFT + plot_w)) y=(at(BURN_H - 4.0)) text-anchor="end" { (last.start) }
                polyline.scope points=(line(|p| p.scope)) {}
                polyline.done points=(line(|p| p.done_total)) {}
                // A week alone has no line to draw: its points show it,
                // scope hollow and done filled.
                @if periods.len() <= 2 {
                    @for (i, p) in periods.iter().enumerate() {
                        circle.dot.scope cx=(at(x(i))) cy=(at(y(p.scope))) r="4" {}
                        circle.dot.done cx=(at(x(i))) cy=(at(y(p.done_total))) r="3" {}
                    }
                }
                text.label x=(at(x(periods.len() - 1) + 4.0)) y=(at(y(last.scope) + 4.0)) { "scope " (last.scope) }
                text.label x=(at(x(periods.len() - 1) + 4.0)) y=(at(y(last.done_total) + 14.0)) { "done " (last.done_total) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use productfile::goals::KpiStatus;
    use productfile::model::Direction;

    fn kpi(values: &[(i64, f64)], target: Option<f64>, threshold: Option<f64>) -> KpiReport {
        let day0 = Date::from_ymd(2026, 9, 1).unwrap();
        KpiReport {
            id: "K1".into(),
            name: "Satisfaction <b>".into(),
            unit: Some("%".into()),
            direction: Direction::Up,
            target,
            threshold,
            cadence: None,
            latest: None,
            status: KpiStatus::Amber,
            change: None,
            trend: None,
            age_days: None,
            stale: false,
            history: values
                .iter()
                .map(|(d, v)| Reading {
                    date: Date(day0.0 + chrono::Days::new(*d as u64)),
                    value: *v,
                    note: None,
                })
                .collect(),
        }
    }

    #[test]
    fn numbers_in_attributes_are_short() {
        assert_eq!(at(12.0), "12");
        assert_eq!(at(1.0 / 3.0), "0.33");
        assert_eq!(at(-0.001), "0");
        assert_eq!(at(f64::NAN), "0");
    }

    #[test]
    fn a_bar_is_as_full_as_its_share_and_never_overflows() {
        let svg = bar(share(3.0, 4.0), "3 of 4 done").into_string();
        assert!(
            svg.contains(r#"<rect class="fill" x="0" y="0" width="75" height="6">"#),
            "{svg}"
        );
        assert!(svg.contains("<title>3 of 4 done</title>"));
        assert!(
            bar(share(9.0, 4.0), "x")
                .into_string()
                .contains(r#"width="100" height="6"></rect></svg>"#)
        );
        assert_eq!(share(1.0, 0.0), 0.0);
    }

    #[test]
    fn the_sparkline_puts_the_bands_in_the_kpis_direction() {
        // 40 to 80 with target 80 and threshold 60: range 36 to 84.
        let k = kpi(&[(0, 40.0), (30, 60.0), (60, 80.0)], Some(80.0), Some(60.0));
        let svg = sparkline(&k).into_string();
        let green = svg.find(r#"class="band green""#).unwrap();
        let amber = svg.find(r#"class="band amber""#).unwrap();
        let red = svg.find(r#"class="band red""#).unwrap();
        assert!(green < amber && amber < red, "{svg}");
        // 36 to 84 drawn from y 4 to 56: the last point is at the right
        // edge, at the target's height, where the green band ends.
        assert!(
            svg.contains(r#"<circle class="latest" cx="236" cy="8.33" r="3">"#),
            "{svg}"
        );
        assert!(svg.contains("points=\"4,51.67 120,30 236,8.33\""), "{svg}");
        assert!(
            svg.contains(r#"<rect class="band green" x="0" y="0" width="240" height="8.33">"#),
            "{svg}"
        );
        // User text is escaped in the title.
        assert!(svg.contains("Satisfaction &lt;b&gt;: 3 readings from 2026-09-01 (40%) to 2026-10-31 (80%); target 80% (higher is better); threshold 60%; status amber"), "{svg}");

        let mut down = k.clone();
        down.direction = Direction::Down;
        let svg = sparkline(&down).into_string();
        assert!(svg.find("band red").unwrap() < svg.find("band green").unwrap());
    }

    #[test]
    fn a_threshold_on_the_good_side_draws_no_band_of_its_own() {
        // Higher is better, yet the threshold (70) is above the target (50).
        let k = kpi(&[(0, 60.0), (30, 65.0)], Some(50.0), Some(70.0));
        let svg = sparkline(&k).into_string();
        assert!(!svg.contains("band amber"), "{svg}");
        let green = svg.find("band green").unwrap();
        assert!(green < svg.find("band red").unwrap(), "{svg}");
    }

    #[test]
    fn the_largest_numbers_still_draw_a_line() {
        let k = kpi(&[(0, -1e308), (30, 0.0), (60, 1e308)], None, None);
        let svg = sparkline(&k).into_string();
        // From the bottom to the top through the middle, not all at 0.
        assert!(svg.contains("points=\"4,51.67 120,30 236,8.33\""), "{svg}");
    }

    #[test]
    fn a_sparkline_without_readings_says_so() {
        let svg = sparkline(&kpi(&[], None, None)).into_string();
        assert!(svg.contains("no readings yet"), "{svg}");
        let one = sparkline(&kpi(&[(0, 5.0)], None, None)).into_string();
        assert!(
            one.contains(r#"cx="120""#) && !one.contains("polyline"),
            "{one}"
        );
    }

    #[test]
    fn the_burn_up_draws_scope_above_done() {
        let day = |d: u64| Date(Date::from_ymd(2026, 9, 7).unwrap().0 + chrono::Days::new(d));
        let periods: Vec<Period> = [(10, 0), (12, 4), (12, 12)]
            .iter()
            .enumerate()
            .map(|(i, (scope, done))| Period {
                start: day(7 * i as u64),
                end: day(7 * i as u64 + 6),
                added: 0,
                done: 0,
                scope: *scope,
                done_total: *done,
            })
            .collect();
        let svg = burn_up(&periods).into_string();
        assert!(
            svg.contains("scope went from 10 to 12 items, done from 0 to 12"),
            "{svg}"
        );
        // Scope 12 is the top of the plot (y 10); done 0 the bottom (y 200).
        assert!(
            svg.contains(r#"<polyline class="done" points="36,200 283,136.67 530,10">"#),
            "{svg}"
        );
        assert!(!svg.contains("circle"), "{svg}");
        // A single week is drawn as points.
        let one = burn_up(&periods[..1]).into_string();
        assert!(
            one.contains(r#"<circle class="dot done" cx="36" cy="200" r="3">"#),
            "{one}"
        );
        assert!(svg.contains(">scope 12</text>") && svg.contains(">done 12</text>"));
        assert!(burn_up(&[]).into_string().contains("no history yet"));
    }
}
