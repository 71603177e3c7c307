//! Small pictures inside table cells: progress bars and sparklines, drawn
//! with Unicode blocks, or with plain ASCII for terminals that cannot show them.

/// A picture a cell carries alongside its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Picture {
    /// A bar `width` characters wide, filled to `fraction` (clamped to [0, 1]).
    Bar { fraction: f64, width: usize },
    /// The shape of a series of values, one character each, scaled from
    /// their lowest to their highest.
    Sparkline(Vec<f64>),
    /// The shape of a series of counts, scaled from zero to the highest, so
    /// a period with nothing is the lowest block and a steady series does not
    /// look like a middling one.
    Counts(Vec<f64>),
}

const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII_LEVELS: [char; 5] = ['_', '.', '-', '~', '^'];

impl Picture {
    /// The picture as text: Unicode blocks, or ASCII when `unicode` is false.
    pub fn draw(&self, unicode: bool) -> String {
        match self {
            Picture::Bar { fraction, width } => bar(*fraction, *width, unicode),
            Picture::Sparkline(values) => sparkline(values, None, unicode),
            Picture::Counts(values) => sparkline(values, Some(0.0), unicode),
        }
    }
}

fn bar(fraction: f64, width: usize, unicode: bool) -> String {
    let fraction = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    if !unicode {
        let full = (fraction * width as f64).round() as usize;
        return format!("{}{}", "#".repeat(full), ".".repeat(width - full));
    }
    let eighths = (fraction * (width * 8) as f64).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut out = "█".repeat(full);
    if part > 0 {
        out.push(EIGHTHS[part]);
    }
    let drawn = full + usize::from(part > 0);
    out.push_str(&"░".repeat(width - drawn));
    out
}

/// Scales from `floor` (or the lowest value) to the highest value.
fn sparkline(values: &[f64], floor: Option<f64>, unicode: bool) -> String {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    let low = floor.map_or(low, |f| f.min(low));
    let levels: &[char] = if unicode { &BLOCKS } else { &ASCII_LEVELS };
    let top = levels.len() - 1;
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                ' '
            } else if high > low {
                levels[(((v - low) / (high - low)) * top as f64).round() as usize]
            } else if floor.is_some() {
                // Nothing but the floor.
                levels[0]
            } else {
                // A flat series sits in the middle.
                levels[top / 2]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths() {
        let draw = |f: f64| {
            Picture::Bar {
                fraction: f,
                width: 4,
            }
            .draw(true)
        };
        assert_eq!(draw(0.0), "░░░░");
        assert_eq!(draw(0.5), "██░░");
        assert_eq!(draw(0.5625), "██▎░");
        assert_eq!(draw(1.0), "████");
        assert_eq!(draw(7.0), "████");
        assert_eq!(draw(-1.0), "░░░░");
        assert_eq!(draw(f64::NAN), "░░░░");
    }

    #[test]
    fn ascii_bars_use_hashes_and_dots() {
        let draw = |f: f64| {
            Picture::Bar {
                fraction: f,
                width: 10,
            }
            .draw(false)
        };
        assert_eq!(draw(0.7), "#######...");
        assert_eq!(draw(0.0), "..........");
    }

    #[test]
    fn sparklines_scale_from_lowest_to_highest() {
        let line = Picture::Sparkline(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
        assert_eq!(line.draw(true), "▁▂▃▄▅▆▇█");
        assert_eq!(Picture::Sparkline(vec![3.0, 1.0, 5.0]).draw(false), "-_^");
        assert_eq!(Picture::Sparkline(vec![2.0, 2.0]).draw(true), "▄▄");
        assert_eq!(Picture::Sparkline(Vec::new()).draw(true), "");
    }

    #[test]
    fn counts_scale_from_zero() {
        assert_eq!(Picture::Counts(vec![2.0, 2.0]).draw(true), "██");
        assert_eq!(Picture::Counts(vec![0.0, 0.0]).draw(true), "▁▁");
        assert_eq!(Picture::Counts(vec![0.0, 6.0, 14.0]).draw(true), "▁▄█");
        assert_eq!(Picture::Counts(vec![3.0, 6.0]).draw(false), "-^");
    }
}
