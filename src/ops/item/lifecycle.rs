//! An item's life: idea, ready, doing, then done or dropped, and open again.
//! [`set_status`] is the one place the fields that go with a status change
//! together; starting, finishing, dropping and reopening an item, and a
//! CSV import's rows, all move items through it.

use crate::model::{Date, Item, Status};

/// A move in an item's life, and what it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub status: Status,
    /// The day it was done (or dropped), where known. An open item has none.
    pub done_on: Option<Date>,
    /// Why it was dropped.
    pub reason: Option<String>,
}

impl StatusChange {
    /// Work starts (or starts again): no done date, no reason.
    pub fn start() -> Self {
        StatusChange::reopen(Status::Doing)
    }

    /// Done on this day.
    pub fn done(on: Date) -> Self {
        StatusChange {
            status: Status::Done,
            done_on: Some(on),
            reason: None,
        }
    }

    /// Dropped, for this reason.
    pub fn dropped(reason: impl Into<String>) -> Self {
        StatusChange {
            status: Status::Dropped,
            done_on: None,
            reason: Some(reason.into()),
        }
    }

    /// Open again (or still open) with this status.
    pub fn reopen(status: Status) -> Self {
        StatusChange {
            status,
            done_on: None,
            reason: None,
        }
    }
}

/// Moves `item` in its life: sets its status with the done date and reason
/// the change records (an open item keeps no done date), and dates the
/// change `today`.
pub fn set_status(item: &mut Item, change: StatusChange, today: Date) {
    item.done_on = change.done_on.filter(|_| !change.status.is_open());
    item.status = change.status;
    item.reason = change.reason;
    item.updated = Some(today);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn an_open_item_has_no_done_date() {
        let today = Date::from_ymd(2026, 11, 23).unwrap();
        let mut item = Item::new("RX-1".into(), "t".into(), Kind::Feature, today);
        set_status(&mut item, StatusChange::done(today), today);
        assert_eq!(item.done_on, Some(today));
        set_status(
            &mut item,
            StatusChange {
                done_on: Some(today),
                ..StatusChange::reopen(Status::Ready)
            },
            today,
        );
        assert_eq!((item.status, item.done_on), (Status::Ready, None));
        set_status(&mut item, StatusChange::dropped("not needed"), today);
        assert_eq!(item.reason.as_deref(), Some("not needed"));
        set_status(&mut item, StatusChange::start(), today);
        assert_eq!((item.status, item.reason), (Status::Doing, None));
    }
}
