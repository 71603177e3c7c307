//! The vision: its statement, users, problems and strategy, set whole
//! ([`set`]) or an entry of a list at a time ([`add`], [`remove`]). Any
//! change to it is a `vision` decision.
//!
//! ```
//! use productfile::model::{Date, Product};
//! use productfile::ops::vision::{self, SetVision};
//!
//! let today = Date::from_ymd(2027, 1, 15).unwrap();
//! let mut product = Product::new("Payments".into(), "PAY".into());
//! vision::set(&mut product, today, &SetVision {
//!     statement: Some("Pay for prescriptions online in two minutes".into()),
//!     users: Some(vec!["Patients".into(), " ".into()]),
//!     ..SetVision::default()
//! })?;
//! assert_eq!(product.vision.users, ["Patients"]);
//! # Ok::<(), productfile::Error>(())
//! ```

use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::{Date, Product, Vision};

/// Parts of the vision to set; each list given replaces that whole list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetVision {
    /// The statement; an empty one removes it.
    pub statement: Option<String>,
    pub users: Option<Vec<String>>,
    pub problems: Option<Vec<String>>,
    pub strategy: Option<Vec<String>>,
}

/// The vision after the change, and whether it changed.
#[derive(Debug, Clone, Serialize)]
pub struct VisionSet {
    pub vision: Vision,
    pub changed: bool,
}

/// Sets the parts of the vision given. Texts are trimmed; empty lines of a
/// list are left out.
pub fn set(product: &mut Product, _today: Date, opts: &SetVision) -> Result<VisionSet> {
    if opts.statement.is_none()
        && opts.users.is_none()
        && opts.problems.is_none()
        && opts.strategy.is_none()
    {
        return Err(Error::usage("nothing to set")
            .with_hint("give --statement, --user, --problem or --strategy"));
    }
    let v = &mut product.vision;
    let before = v.clone();
    if let Some(s) = &opts.statement {
        v.statement = Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    }
    let clean = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    if let Some(users) = &opts.users {
        v.users = clean(users);
    }
    if let Some(problems) = &opts.problems {
        v.problems = clean(problems);
    }
    if let Some(strategy) = &opts.strategy {
        v.strategy = clean(strategy);
    }
    Ok(VisionSet {
        changed: *v != before,
        vision: v.clone(),
    })
}

/// Entries of the vision's lists, to add or to remove; the other entries
/// of each list stay as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VisionEntries {
    pub users: Vec<String>,
    pub problems: Vec<String>,
    pub strategy: Vec<String>,
}

impl VisionEntries {
    fn check(&self) -> Result<()> {
        if self.users.is_empty() && self.problems.is_empty() && self.strategy.is_empty() {
            return Err(
                Error::usage("no entry given").with_hint("give --user, --problem or --strategy")
            );
        }
        Ok(())
    }

    /// Each list of the vision, by its key, with the entries given for it.
    fn lists<'a>(
        &'a self,
        v: &'a mut Vision,
    ) -> [(&'static str, &'a mut Vec<String>, &'a [String]); 3] {
        [
            ("users", &mut v.users, &self.users),
            ("problems", &mut v.problems, &self.problems),
            ("strategy", &mut v.strategy, &self.strategy),
        ]
    }
}

/// Adds entries at the end of the vision's lists, each once (an entry
/// there already is left where it is). Texts are trimmed; empty ones are
/// left out.
pub fn add(product: &mut Product, _today: Date, opts: &VisionEntries) -> Result<VisionSet> {
    opts.check()?;
    let before = product.vision.clone();
    for (_, list, entries) in opts.lists(&mut product.vision) {
        for entry in entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            if !list.iter().any(|l| l == entry) {
                list.push(entry.to_owned());
            }
        }
    }
    Ok(VisionSet {
        changed: product.vision != before,
        vision: product.vision.clone(),
    })
}

/// Removes entries from the vision's lists, matched exactly (after
/// trimming). An entry the list does not have is refused, and nothing is
/// removed.
pub fn remove(product: &mut Product, _today: Date, opts: &VisionEntries) -> Result<VisionSet> {
    opts.check()?;
    let mut vision = product.vision.clone();
    for (what, list, entries) in opts.lists(&mut vision) {
        for entry in entries.iter().map(|e| e.trim()) {
            let Some(at) = list.iter().position(|l| l == entry) else {
                let known = if list.is_empty() {
                    format!("vision.{what} is empty")
                } else {
                    format!(
                        "vision.{what} holds {}",
                        list.iter()
                            .map(|l| format!("\"{l}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                return Err(Error::new(
                    ErrorKind::Invalid,
                    ErrorCode::UnknownId,
                    format!("vision.{what} has no entry \"{entry}\""),
                )
                .with_hint(format!("{known}; give one exactly as it is written")));
            };
            list.remove(at);
        }
    }
    let changed = vision != product.vision;
    product.vision = vision;
    Ok(VisionSet {
        changed,
        vision: product.vision.clone(),
    })
}
