//! Moving a backlog in and out of other tools, as CSV.
//!
//! - [`Csv::read`] and [`import`]: rows of a Jira, GitLab or our own CSV
//!   export into backlog items, updating the items a row's source key (or
//!   id) names rather than adding them twice.
//! - [`export`]: every item field and score as CSV columns that `import`
//!   reads back.
//! - [`neutralise`] and [`restore`]: the guard against formula injection
//!   that every CSV cell written goes through, and its reversal on import.
//!
//! Pure: bytes in, a changed product and a report out.

mod cells;
mod columns;
mod export;
mod guard;
mod import;

pub use columns::{Field, MapError, Mapping};
pub use export::{Export, export, scores};
pub use guard::{neutralise, restore};
pub use import::{Csv, ImportOptions, Imported, Outcome, ReadError, RowProblem, import};
