//! Rules about user needs and requests: a validated need shows its
//! evidence and has work that answers it, features answer a need, and no
//! request waits too long to be triaged.

use crate::model::{Date, KeyPath, NeedStatus, Product};
use crate::query::needs::{item_counts, items_without_need};
use crate::query::requests;

use super::Finding;
use super::rules::{ITEM_WITHOUT_NEED, NEED_UNADDRESSED, NEED_WITHOUT_EVIDENCE, REQUEST_WAITING};

pub fn check(product: &Product, today: Date, findings: &mut Vec<Finding>) {
    needs(product, findings);
    features(product, findings);
    waiting(product, today, findings);
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
