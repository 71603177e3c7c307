//! The view of a reading corrected or removed: a KPI's reading or a key
//! result's check-in, which `kpi reading` and `okr checkin` show alike.

use serde::Serialize;

use super::numbers::with_unit;
use super::{Block, View};
use productfile::model::Reading;
use productfile::ops::readings::{ReadingEdited, ReadingRemoved};

/// A reading removed or corrected, and the latest reading after it.
#[derive(Debug, Serialize)]
pub struct ReadingChanged {
    #[serde(skip)]
    kind: &'static str,
    /// `removed`, `updated` or `unchanged`.
    action: &'static str,
    /// The KPI (`K2`) or key result (`O1.KR1`).
    id: String,
    /// The reading as it was, for a correction.
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<Reading>,
    reading: Reading,
    /// The latest reading after the change: the one that counts.
    latest: Option<Reading>,
    #[serde(skip)]
    noun: &'static str,
    #[serde(skip)]
    unit: Option<String>,
    /// What the latest reading makes of it, for people: `amber`, `grade 0.57`.
    #[serde(skip)]
    standing: Option<String>,
}

/// What a reading is called, and the envelope kinds of its views.
#[derive(Debug, Clone, Copy)]
pub enum Noun {
    /// A KPI's reading.
    Reading,
    /// A key result's check-in.
    CheckIn,
}

impl Noun {
    fn word(self) -> &'static str {
        match self {
            Noun::Reading => "reading",
            Noun::CheckIn => "check-in",
        }
    }
}

impl ReadingChanged {
    /// The view of a reading removed; `standing` says what the latest left makes of it.
    pub fn removed(
        noun: Noun,
        removed: ReadingRemoved,
        unit: Option<String>,
        standing: Option<String>,
    ) -> Self {
        ReadingChanged {
            kind: match noun {
                Noun::Reading => "kpi_reading_removed",
                Noun::CheckIn => "checkin_removed",
            },
            action: "removed",
            id: removed.id,
            before: None,
            reading: removed.reading,
            latest: removed.latest,
            noun: noun.word(),
            unit,
            standing,
        }
    }

    /// The view of a reading corrected, with the latest reading after it.
    pub fn edited(
        noun: Noun,
        edited: ReadingEdited,
        latest: Option<Reading>,
        unit: Option<String>,
        standing: Option<String>,
    ) -> Self {
        ReadingChanged {
            kind: match noun {
                Noun::Reading => "kpi_reading_updated",
                Noun::CheckIn => "checkin_updated",
            },
            action: if edited.changed {
                "updated"
            } else {
                "unchanged"
            },
            id: edited.id,
            before: Some(edited.before),
            reading: edited.reading,
            latest,
            noun: noun.word(),
            unit,
            standing,
        }
    }

    fn value(&self, reading: &Reading) -> String {
        with_unit(reading.value, self.unit.as_deref())
    }
}

impl View for ReadingChanged {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn blocks(&self) -> Vec<Block> {
        let r = &self.reading;
        let head = match (&self.before, self.action) {
            (Some(_), "unchanged") => format!(
                "Unchanged: {}'s {} of {} on {}",
                self.id,
                self.noun,
                self.value(r),
                r.date
            ),
            (Some(before), _) => format!(
                "Corrected {}'s {} on {}: {} (was {})",
                self.id,
                self.noun,
                r.date,
                self.value(r),
                self.value(before)
            ),
            (None, _) => format!(
                "Removed {}'s {} of {} on {}",
                self.id,
                self.noun,
                self.value(r),
                r.date
            ),
        };
        let standing = self
            .standing
            .as_deref()
            .map_or(String::new(), |s| format!(": {s}"));
        let tail = match &self.latest {
            Some(l) => format!("the latest is {} on {}{standing}", self.value(l), l.date),
            None => format!("{} has no {}s left{standing}", self.id, self.noun),
        };
        vec![Block::Line(format!("{head}; {tail}"))]
    }
}
