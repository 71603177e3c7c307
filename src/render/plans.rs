//! Views shared by the dashboard, the report and their own commands: the
//! MVP's progress, its forecast and the hard dates' chances, and the
//! decision log as a table.

use productfile::forecast::Status;
use productfile::model::{Decision, number};
use productfile::query::forecast::Outlook;
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

/// The MVP's forecast and each hard date's chance, as fields:
/// `MVP forecast: 2027-03-14 (85% of 2000 trials)`,
/// `Track record: P85 held in 88% of 40 tested weeks` (the report only),
/// `Hard date R1: 42% chance of 2027-03-01 (Pay online by card)`.
pub fn forecast_fields(o: &Outlook) -> Vec<(String, Cell)> {
    let mut fields = Vec::new();
    let mvp = match (o.mvp_status, o.mvp_p85, &o.reason) {
        (Some(Status::Ok), Some(p85), _) => Some(Cell::new(
            format!("done by {p85} in 85% of {} trials", o.trials),
            Tone::Strong,
        )),
        (Some(Status::InsufficientHistory), _, Some(reason)) => Some(Cell::new(
            format!("too little history: {reason}"),
            Tone::Dim,
        )),
        _ => None,
    };
    if let Some(cell) = mvp {
        fields.push(("MVP forecast".into(), cell));
        // The report's: how far to trust the date (P85's hit rate).
        if let Some(record) = &o.track_record {
            let (text, tone) = super::track_record::p85_summary(record);
            fields.push(("Track record".into(), Cell::new(text, tone)));
        }
    }
    for h in &o.hard_dates {
        let (text, tone) = match (h.status, h.probability) {
            (Status::Done, _) => (format!("{} ({}): done", h.date, h.title), Tone::Good),
            (_, Some(p)) => (
                format!("{:.0}% chance of {} ({})", p * 100.0, h.date, h.title),
                if p >= 0.85 {
                    Tone::Good
                } else if p >= 0.5 {
                    Tone::Warn
                } else {
                    Tone::Bad
                },
            ),
            (_, None) => (
                format!("{} ({}): too little history to say", h.date, h.title),
                Tone::Dim,
            ),
        };
        fields.push((format!("Hard date {}", h.id), Cell::new(text, tone)));
    }
    fields
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
