//! The read models every face shows: plain `Serialize` data computed from a
//! product (and today's date, passed in). The command line renders them as
//! tables, JSON, markdown or CSV; an HTML page or another program can use
//! them as they are. Nothing here changes a product or does I/O.

pub mod dashboard;
pub mod decisions;
pub mod forecast;
pub mod history;
pub mod items;
pub mod kpi;
pub mod mvp;
pub mod needs;
pub mod okr;
pub mod rank;
pub mod readiness;
pub mod report;
pub mod requests;
pub mod roadmap;
pub mod service;
pub mod stakeholders;
