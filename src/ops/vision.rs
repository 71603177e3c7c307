//! The vision: its statement, users, problems and strategy. Any change to
//! it is a `vision` decision.
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

use crate::error::{Error, Result};
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
