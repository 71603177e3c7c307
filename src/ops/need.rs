//! User needs: adding, editing and removing them, their evidence, and
//! finding them valid or not. Every change to a need is `refinement`: the
//! team's understanding of its users, refined as research comes in.
//!
//! ```
//! use productfile::model::{Date, EvidenceKind, NeedStatus, Product};
//! use productfile::ops::need::{self, AddEvidence, AddNeed};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! let added = need::add(&mut product, today, &AddNeed::new("As a shop owner I need refunds by day"))?;
//! assert_eq!(added.need.id, "N1");
//! need::add_evidence(&mut product, today, &AddEvidence::new("N1", EvidenceKind::Interview, 6, "Five of six reconcile by hand"))?;
//! let validated = need::set_status(&mut product, today, "N1", NeedStatus::Validated, None)?;
//! assert_eq!(validated.need.people(), 6);
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use super::kept::kept_by_requests;
use super::text::{required, text};
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::ids::IdKind;
use crate::model::{Date, Evidence, EvidenceKind, Need, NeedStatus, Product};

/// A new user need.
#[derive(Debug, Clone, PartialEq)]
pub struct AddNeed {
    /// "As a … I need … so that …", or free text.
    pub statement: String,
    /// The user group that has it.
    pub users: Option<String>,
}

impl AddNeed {
    pub fn new(statement: impl Into<String>) -> Self {
        AddNeed {
            statement: statement.into(),
            users: None,
        }
    }
}

/// A need as added or changed.
#[derive(Debug, Clone, Serialize)]
pub struct NeedChanged {
    pub need: Need,
    /// False for a change that changed nothing.
    #[serde(skip)]
    pub changed: bool,
    /// What the change also did, or may want looking at: links removed
    /// with the need, a user group the vision does not name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Adds a need, `assumed` until research shows it, with the next free id.
pub fn add(product: &mut Product, today: Date, opts: &AddNeed) -> Result<NeedChanged> {
    let statement = required(&opts.statement, "the need's statement")?;
    let users = text(opts.users.as_deref());
    let need = Need {
        id: IdKind::Need.next_id(product)?,
        statement,
        users,
        status: NeedStatus::Assumed,
        reason: None,
        created: Some(today),
        evidence: Vec::new(),
    };
    let notes = users_note(product, &need).into_iter().collect();
    product.needs.push(need.clone());
    Ok(NeedChanged {
        need,
        changed: true,
        notes,
    })
}

/// Changes to a need: each field given is set; `Some(None)` removes the
/// user group. The status moves through [`set_status`], which wants a
/// reason for `invalid`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditNeed {
    pub id: String,
    pub statement: Option<String>,
    pub users: Option<Option<String>>,
}

pub fn edit(product: &mut Product, _today: Date, opts: &EditNeed) -> Result<NeedChanged> {
    if opts.statement.is_none() && opts.users.is_none() {
        return Err(Error::usage("nothing to change").with_hint(
            "give a new statement or user group, or use `need validate` / `need invalidate`",
        ));
    }
    let statement = match &opts.statement {
        Some(s) => Some(required(s, "the need's statement")?),
        None => None,
    };
    let need = product.find_need_mut(&opts.id)?;
    let before = need.clone();
    if let Some(s) = statement {
        need.statement = s;
    }
    if let Some(users) = &opts.users {
        need.users = text(users.as_deref());
    }
    let need = need.clone();
    let notes = users_note(product, &need).into_iter().collect();
    Ok(NeedChanged {
        changed: need != before,
        need,
        notes,
    })
}

/// Moves a need to a status: `invalid` needs a reason (kept, so the team
/// remembers why), any other status clears it.
pub fn set_status(
    product: &mut Product,
    _today: Date,
    id: &str,
    status: NeedStatus,
    reason: Option<&str>,
) -> Result<NeedChanged> {
    let reason = text(reason);
    if status == NeedStatus::Invalid && reason.is_none() {
        return Err(Error::usage(format!(
            "a need found invalid says why: give --reason for {id}"
        ))
        .with_hint(format!(
            "product need invalidate {id} --reason \"Interviews showed they export from the bank\""
        )));
    }
    let need = product.find_need_mut(id)?;
    let before = need.clone();
    need.status = status;
    need.reason = if status == NeedStatus::Invalid {
        reason
    } else {
        None
    };
    let mut notes = Vec::new();
    if status == NeedStatus::Validated && need.evidence.is_empty() {
        notes.push(format!(
            "{id} has no evidence yet: add it with `product need evidence add {id} --kind interview --people N --summary TEXT`"
        ));
    }
    Ok(NeedChanged {
        changed: *need != before,
        need: need.clone(),
        notes,
    })
}

/// A need to remove. Items and objectives that answer it keep their link
/// unless `unlink` is set, so a removal never leaves a dangling link
/// silently: without it, a linked need is refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemoveNeed {
    pub id: String,
    /// Remove the links of items and objectives to it as well.
    pub unlink: bool,
}

pub fn remove(product: &mut Product, _today: Date, opts: &RemoveNeed) -> Result<NeedChanged> {
    let id = opts.id.as_str();
    let at = product
        .needs
        .iter()
        .position(|n| n.id == id)
        .ok_or_else(|| product.not_found(crate::model::Entity::Need, id))?;
    let merged: Vec<&str> = product
        .requests
        .iter()
        .filter(|r| r.into.as_deref() == Some(id))
        .map(|r| r.id.as_str())
        .collect();
    if !merged.is_empty() {
        return Err(kept_by_requests(
            id,
            &merged,
            "merged into it",
            format!("invalidate it instead (`product need invalidate {id} --reason TEXT`)"),
        ));
    }
    let linked: Vec<String> = product
        .items
        .iter()
        .filter(|i| i.needs.iter().any(|n| n == id))
        .map(|i| i.id.clone())
        .chain(
            product
                .objectives
                .iter()
                .filter(|o| o.needs.iter().any(|n| n == id))
                .map(|o| o.id.clone()),
        )
        .collect();
    if !linked.is_empty() && !opts.unlink {
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::InvalidValue,
            format!("{id} is linked from {}", linked.join(", ")),
        )
        .with_hint(format!(
            "add --unlink to remove those links too, or invalidate it instead: `product need invalidate {id} --reason TEXT`"
        )));
    }
    for item in &mut product.items {
        item.needs.retain(|n| n != id);
    }
    for objective in &mut product.objectives {
        objective.needs.retain(|n| n != id);
    }
    let need = product.needs.remove(at);
    let notes = if linked.is_empty() {
        Vec::new()
    } else {
        vec![format!("unlinked from {}", linked.join(", "))]
    };
    Ok(NeedChanged {
        need,
        changed: true,
        notes,
    })
}

/// A piece of evidence to add to a need.
#[derive(Debug, Clone, PartialEq)]
pub struct AddEvidence {
    pub need: String,
    pub kind: EvidenceKind,
    /// How many people it stands for.
    pub people: u64,
    pub summary: String,
    /// The day it was gathered; today when not given.
    pub date: Option<Date>,
    pub link: Option<String>,
    /// The row's key in an export it came from.
    pub source: Option<String>,
}

impl AddEvidence {
    pub fn new(need: &str, kind: EvidenceKind, people: u64, summary: &str) -> Self {
        AddEvidence {
            need: need.to_owned(),
            kind,
            people,
            summary: summary.to_owned(),
            date: None,
            link: None,
            source: None,
        }
    }
}

/// Adds evidence to a need, after what it has. The file keeps evidence in
/// the order it was recorded (entries have no id, so an edit of the file
/// places each by its position, comments and all); the views sort it by date.
pub fn add_evidence(product: &mut Product, today: Date, opts: &AddEvidence) -> Result<NeedChanged> {
    let summary = required(&opts.summary, "the evidence's summary")?;
    if opts.people > Evidence::MAX_PEOPLE {
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::InvalidValue,
            format!(
                "--people {} is more people than there are; at most {} is taken",
                opts.people,
                Evidence::MAX_PEOPLE
            ),
        )
        .with_hint("give how many people the evidence stands for"));
    }
    let date = opts.date.unwrap_or(today);
    if date > today {
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::DateInFuture,
            format!("--date {date} is after today ({today}); evidence is what was already found"),
        )
        .with_hint("give the day the research was done"));
    }
    let evidence = Evidence {
        date,
        kind: opts.kind,
        summary,
        people: opts.people,
        link: text(opts.link.as_deref()),
        source: text(opts.source.as_deref()),
    };
    let need = product.find_need_mut(&opts.need)?;
    need.evidence.push(evidence);
    Ok(NeedChanged {
        need: need.clone(),
        changed: true,
        notes: Vec::new(),
    })
}

/// A note when the need's user group is not one the vision names (it may
/// be a new group, or a typo of one).
fn users_note(product: &Product, need: &Need) -> Option<String> {
    let users = need.users.as_deref()?;
    let known = &product.vision.users;
    if known.is_empty() || known.iter().any(|u| u.eq_ignore_ascii_case(users)) {
        return None;
    }
    Some(format!(
        "`{users}` is not one of the vision's users ({}); add it with `product vision add --user \"{users}\"` if it is a new group",
        known.join(", ")
    ))
}
