//! The closed sets of words the file uses for a value (`feature`, `now`,
//! `up`, ...), listed once so that every face can offer them as choices: the
//! command line's possible values, a form's options, completions.

/// A value written as one of a fixed set of words.
pub trait Choice: Copy + Send + Sync + 'static {
    /// Every value, in the order they are offered.
    const ALL: &'static [Self];

    /// The word for the value, as the file writes it.
    fn name(self) -> &'static str;

    /// A few words on what the value means, where it needs saying.
    fn help(self) -> Option<&'static str> {
        None
    }

    /// The value a word names, exactly as written.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == name)
    }
}

/// Implements [`Choice`] for an enum: each variant, its word and, optionally,
/// its help.
macro_rules! choices {
    ($t:ty { $($variant:ident => $name:literal $(: $help:literal)?),* $(,)? }) => {
        impl $crate::model::Choice for $t {
            const ALL: &'static [Self] = &[$(<$t>::$variant),*];
            fn name(self) -> &'static str {
                match self {
                    $(<$t>::$variant => $name),*
                }
            }
            fn help(self) -> Option<&'static str> {
                match self {
                    $(<$t>::$variant => None $(.or(Some($help)))?),*
                }
            }
        }
    };
}
pub(crate) use choices;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Kind};

    #[test]
    fn names_are_the_files_words_and_read_back() {
        for kind in Kind::ALL {
            let serde_name = serde_json::to_value(kind).unwrap();
            assert_eq!(serde_name, kind.name());
            assert_eq!(Kind::from_name(kind.name()), Some(*kind));
        }
        assert_eq!(Direction::Up.help(), Some("Higher is better"));
        assert_eq!(Kind::Bug.help(), None);
        assert_eq!(Kind::from_name("Bug"), None);
    }
}
