//! Rules about user needs and requests: a validated need shows its
//! evidence and has work that answers it, features answer a need, and no
//! request waits too long to be triaged.

use crate::model::{Date, KeyPath, NeedStatus, Product};
use crate::query::needs::{item_counts, items_without_need};
use crate::query::requests;

use super::Finding;
use super::rules::{
    INVALID_NEED_WITHOUT_REASON, ITEM_WITHOUT_NEED, NEED_UNADDRESSED, NEED_WITHOUT_EVIDENCE,
    REQUEST_INCOMPLETE, REQUEST_WAITING,
};

pub fn check(product: &Product, today: Date, findings: &mut Vec<Finding>) {
    needs(product, findings);
    features(product, findings);
    waiting(product, today, findings);
    triage_records(product, findings);
}

/// What the commands always write and a hand edit can leave out: why a
/// need was found invalid, and how each request was triaged.
fn triage_records(product: &Product, findings: &mut Vec<Finding>) {
    use crate::model::RequestStatus;
    let root = KeyPath::root();
    for (i, need) in product.needs.iter().enumerate() {
        if need.status == NeedStatus::Invalid
            && need.reason.as_deref().is_none_or(|r| r.trim().is_empty())
        {
            findings.push(
                Finding::new(
                    INVALID_NEED_WITHOUT_REASON,
                    root.key("needs").index(i, Some(&need.id)).key("status"),
                    format!(
                        "{} was found invalid, and the file does not say why",
                        need.id
                    ),
                )
                .hint(format!(
                    "say what showed it: `product need invalidate {} --reason TEXT`",
                    need.id
                ))
                .about(&need.id),
            );
        }
    }
    let mut listed_by: std::collections::HashMap<&str, Vec<&str>> =
        std::collections::HashMap::new();
    for item in &product.items {
        for r in &item.requests {
            listed_by.entry(r.as_str()).or_default().push(&item.id);
        }
    }
    for (i, r) in product.requests.iter().enumerate() {
        let at = || root.key("requests").index(i, Some(&r.id));
        let id = &r.id;
        let (key, message, hint) = match r.status {
            RequestStatus::Declined if r.reason.as_deref().is_none_or(|s| s.trim().is_empty()) => (
                "status",
                format!("{id} was declined, and the file does not say why"),
                format!("add a `reason` the requester can be shown to {id}"),
            ),
            RequestStatus::Merged if r.into.is_none() => (
                "status",
                format!("{id} was merged, and the file does not say into what"),
                format!("add `into = \"N1\"` (a need or an item) to {id}"),
            ),
            RequestStatus::Accepted if !listed_by.contains_key(id.as_str()) => (
                "status",
                format!("{id} was accepted, and no item lists it in its `requests`"),
                format!("link the item that answers it: add \"{id}\" to its `requests`"),
            ),
            _ => continue,
        };
        findings.push(
            Finding::new(REQUEST_INCOMPLETE, at().key(key), message)
                .hint(hint)
                .about(id),
        );
    }
    // An item lists only requests accepted for it.
    let status: std::collections::HashMap<&str, RequestStatus> = product
        .requests
        .iter()
        .map(|r| (r.id.as_str(), r.status))
        .collect();
    for (i, item) in product.items.iter().enumerate() {
        for r in &item.requests {
            let Some(&s) = status.get(r.as_str()) else {
                continue; // a dangling reference, reported as one
            };
            if s != RequestStatus::Accepted {
                findings.push(
                    Finding::new(
                        REQUEST_INCOMPLETE,
                        root.key("items").index(i, Some(&item.id)).key("requests"),
                        format!("{} lists request {r}, which is {s}, not accepted", item.id),
                    )
                    .hint(format!(
                        "accept it for the item (`product request accept {r} --item {}`), or take it out of the item's `requests`",
                        item.id
                    ))
                    .about(&item.id),
                );
            }
        }
    }
}

fn needs(product: &Product, findings: &mut Vec<Finding>) {
    let counts = item_counts(product);
    let root = KeyPath::root();
    for (i, need) in product.needs.iter().enumerate() {
        if need.status != NeedStatus::Validated {
            continue;
        }
        let at = || root.key("needs").index(i, Some(&need.id));
        let id = &need.id;
        if need.evidence.is_empty() {
            findings.push(
                Finding::new(
                    NEED_WITHOUT_EVIDENCE,
                    at().key("status"),
                    format!("{id} is validated but has no evidence"),
                )
                .hint(format!(
                    "record what showed it: `product need evidence add {id} --kind interview --people N --summary TEXT`"
                ))
                .about(id),
            );
        }
        if !counts.get(id.as_str()).is_some_and(|c| c.addressed()) {
            findings.push(
                Finding::new(
                    NEED_UNADDRESSED,
                    at().key("statement"),
                    format!("{id} is validated, and no open or done item answers it"),
                )
                .hint(format!(
                    "link an item to it (`product item edit ID --need {id}`) or add one (`product item add TITLE --need {id}`)"
                ))
                .about(id),
            );
        }
    }
}

/// Open features that answer no need, once the file has needs at all: a
/// file without needs has not taken them up, and is not told so per item.
fn features(product: &Product, findings: &mut Vec<Finding>) {
    if product.needs.is_empty() {
        return;
    }
    let root = KeyPath::root();
    let without = items_without_need(product);
    if without.is_empty() {
        return;
    }
    let index: std::collections::HashMap<&str, usize> = product
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    for item in &without {
        let Some(&i) = index.get(item.id.as_str()) else {
            continue;
        };
        findings.push(
            Finding::new(
                ITEM_WITHOUT_NEED,
                root.key("items").index(i, Some(&item.id)).key("id"),
                format!("{} is a feature that answers no user need", item.id),
            )
            .hint(format!(
                "link it to the need it answers: `product item edit {} --need N1`",
                item.id
            ))
            .about(&item.id),
        );
    }
}

fn waiting(product: &Product, today: Date, findings: &mut Vec<Finding>) {
    let most = i64::from(product.check.request_days());
    let root = KeyPath::root();
    for row in requests::requests(product, today).open {
        if row.waiting_days <= most {
            continue;
        }
        let Some(i) = product.requests.iter().position(|r| r.id == row.id) else {
            continue;
        };
        findings.push(
            Finding::new(
                REQUEST_WAITING,
                root.key("requests").index(i, Some(&row.id)).key("date"),
                format!(
                    "{} from {} has waited {} days to be triaged (more than {most})",
                    row.id, row.from, row.waiting_days
                ),
            )
            .hint(format!(
                "accept it (`product request accept {0}`), decline it with a reason (`product request decline {0} --reason TEXT`) or merge it (`product request merge {0} --into N1`)",
                row.id
            ))
            .about(&row.id),
        );
    }
}
