//! Numbers as people read them: with a sign, to two places, with a count's
//! noun, with a unit (`71%`, `£1.94`). They are read back by the library's
//! `model::number::parse`.

use productfile::model::number;

/// A change with its sign: `+2.5`, `-0.16`, `0`.
pub fn signed(value: f64) -> String {
    if value > 0.0 {
        format!("+{}", number::display(value))
    } else {
        number::display(value)
    }
}

/// A grade or share to two places: `0.70`.
pub fn two_places(value: f64) -> String {
    format!("{value:.2}")
}

/// `1 objective`, `3 objectives`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A group's count and size, for its heading: `1 item, size 20`,
/// `3 items, size 5, 1 not sized`, `2 items, not sized`.
pub fn items_and_size(count: usize, size: f64, unsized_items: usize) -> String {
    let items = plural(count, "item");
    match unsized_items {
        0 => format!("{items}, size {}", number::display(size)),
        n if n == count => format!("{items}, not sized"),
        n => format!("{items}, size {}, {n} not sized", number::display(size)),
    }
}

pub use productfile::model::number::with_unit;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_with_their_units() {
        assert_eq!(with_unit(71.0, Some("%")), "71%");
        assert_eq!(with_unit(1.94, Some("£")), "£1.94");
        assert_eq!(with_unit(1.5, Some("£")), "£1.50");
        assert_eq!(with_unit(-2.0, Some("£")), "-£2");
        assert_eq!(with_unit(96.0, Some("calls/1000")), "96 calls/1000");
        assert_eq!(with_unit(3.0, None), "3");
        assert_eq!(signed(2.5), "+2.5");
        assert_eq!(signed(-0.16), "-0.16");
    }
}
