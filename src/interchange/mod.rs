//! Moving a backlog in and out of other tools, as CSV.
//!
//! - [`Csv::read`]: a Jira, GitLab or our own CSV export read and mapped,
//!   each row's cells as values of an item's fields; the import itself, an
//!   operation on a product, is [`crate::ops::import`].
//! - [`export`]: every item field and score as CSV columns that `import`
//!   reads back.
//! - [`neutralise`] and [`restore`]: the guard against formula injection
//!   that every CSV cell written goes through, and its reversal on import.
//! - [`shown`] and [`listed`]: a cell or headers as a message quotes them,
//!   cut short.
//!
//! Pure: bytes in, values and problems out.

mod cells;
mod columns;
mod export;
mod feedback;
mod guard;
mod import;
mod quote;

pub use columns::{Field, MapError, Mapping};
pub use export::{Export, export, export_json, scores};
pub use feedback::{FeedbackCsv, FeedbackField, FeedbackInto, FeedbackOptions, FeedbackRecord};
pub use guard::{neutralise, restore};
pub use import::{Csv, ImportOptions, ReadError, RowProblem};
pub(crate) use import::{Note, NoteKind, Patch, Row};
pub use quote::{listed, shown};
