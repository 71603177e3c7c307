//! Views shared by the dashboard, the report and their own commands: the
//! MVP's progress and the decision log as a table.

use productfile::model::{Decision, number};
use productfile::query::mvp::MvpReport;

use super::{Cell, TableBlock, Tone};

/// `3/7 items done · size 13/34`.
pub fn mvp_progress(r: &MvpReport) -> String {
    format!(
        "{}/{} items done · size {}/{}",
        r.items_done,
        r.items_total,
        number::display(r.size_done),
        number::display(r.size_total)
    )
}

/// Decisions as a table: id, date, kind, summary, who decided and who agreed.
pub fn decision_table(decisions: &[Decision]) -> TableBlock {
    TableBlock {
        header: ["ID", "Date", "Kind", "Summary", "Decided by", "Agreed by"]
            .map(String::from)
            .to_vec(),
        rows: decisions
            .iter()
            .map(|d| {
                vec![
                    Cell::new(&d.id, Tone::Strong),
                    d.date.to_string().into(),
                    d.kind_names().into(),
                    d.summary.as_str().into(),
                    d.decided_by.as_str().into(),
                    d.agreed_by.join(", ").into(),
                ]
            })
            .collect(),
    }
}
