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

/// Decisions as a table: id, date, kind, summary, who decided and who
/// agreed; `why` adds the rationale (the report's table, read by people
/// who were not there).
pub fn decision_table(decisions: &[Decision], why: bool) -> TableBlock {
    let mut header: Vec<String> = ["ID", "Date", "Kind", "Summary", "Decided by", "Agreed by"]
        .map(String::from)
        .to_vec();
    if why {
        header.push("Why".into());
    }
    TableBlock {
        header,
        rows: decisions
            .iter()
            .map(|d| {
                let mut row = vec![
                    Cell::new(&d.id, Tone::Strong),
                    d.date.to_string().into(),
                    d.kind_names().into(),
                    d.summary.as_str().into(),
                    d.decided_by.as_str().into(),
                    d.agreed_by.join(", ").into(),
                ];
                if why {
                    row.push(d.rationale.clone().unwrap_or_default().into());
                }
                row
            })
            .collect(),
    }
}
