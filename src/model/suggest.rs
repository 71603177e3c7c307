//! "Did you mean": the known name closest to a misspelt one.

/// How alike two names must be (Jaro-Winkler) to be offered as a correction.
const ALIKE: f64 = 0.8;

/// The candidate most like `word`, if any is alike enough to be a likely slip.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > ALIKE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_the_likely_slip_and_nothing_far_off() {
        let known = ["acceptance", "depends_on", "time_criticality"];
        assert_eq!(closest("aceptance", known), Some("acceptance"));
        assert_eq!(closest("depends-on", known), Some("depends_on"));
        assert_eq!(closest("colour", known), None);
    }
}
