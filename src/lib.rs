//! `productfile`: a product owner's backlog, roadmap, goals and decision
//! rights, kept in one plain-text file (`product.toml` or `product.json`).
//!
//! The library holds the rules; the `product` binary is a thin face on it.
//! `docs/architecture.md` says where each kind of change goes.
//!
//! - [`error`]: the one error type, its kinds and stable codes.
//! - [`model`]: the product file as Rust types, and the checks every file must pass.
//! - [`schema`]: the JSON Schema of the product file, for editors.
//! - [`check`]: the rules of `product check`, and the governance check of a change.
//! - [`diff`]: the semantic difference of two products, with decision kinds.
//! - [`gitattributes`]: which merge driver `.gitattributes` lines route a
//!   path to, and adding the lines that route product files to `product merge`.
//! - [`forecast`]: Monte Carlo forecasts (when, how many by a date) from past throughput.
//! - [`goals`]: OKR progress, grades and pace; KPI status.
//! - [`interchange`]: CSV import from Jira, GitLab and our own export, and CSV export.
//! - [`ops`]: every change: the transaction (open, change, authorise, log,
//!   save) and one module per domain.
//! - [`portfolio`]: several products together: the manifest, the roll-up,
//!   the combined roadmap, dependencies between products and their checks.
//! - [`priority`]: scores (WSJF, value/cost, RICE, MoSCoW, formulas) and ranking.
//! - [`query`]: the read models every face shows (dashboard, MVP, roadmap,
//!   OKR and KPI reports, rank, stakeholders).
//! - [`rights`]: decision kinds, who decides and agrees, and authorising a change.
//! - [`signing`]: the bytes a decision's signature signs; signing and
//!   checking SSH signatures against people's keys.
//! - [`store`]: finding, reading, locking and writing product files, keeping
//!   comments and formatting.

pub mod check;
pub mod diff;
pub mod error;
pub mod forecast;
pub mod gitattributes;
pub mod goals;
pub mod interchange;
pub mod merge;
pub mod model;
pub mod ops;
pub mod portfolio;
pub mod priority;
pub mod query;
pub mod rights;
pub mod schema;
pub mod signing;
pub mod store;

pub use error::{Error, ErrorCode, ErrorKind};
