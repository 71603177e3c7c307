//! Every change to a product goes through here, so that decision rights
//! hold for every face (the command line, a merge driver, an HTML page,
//! another program).
//!
//! A [`Transaction`] opens the file (lock, one parse), lets the caller
//! change the model (usually through a domain module's function), and on
//! [`Transaction::commit`] computes the change set (the semantic diff),
//! authorises it against the rights as they stood before, appends the
//! decision owed, and saves. A refused change is never written.
//!
//! ```no_run
//! use std::time::Duration;
//! use productfile::model::Date;
//! use productfile::ops::{Actor, Transaction};
//!
//! let today = Date::from_ymd(2027, 1, 4).unwrap();
//! let mut tx = Transaction::open("product.toml".as_ref(), Duration::from_secs(30), today)?;
//! tx.product_mut().vision.statement = Some("Pay in two minutes".into());
//! let done = tx.commit(&Actor::named("Priya Shah").agreed_by("Dan Okafor"))?;
//! assert!(done.decision.is_some());
//! # Ok::<(), productfile::Error>(())
//! ```

pub mod assessment;
pub mod decide;
pub mod feedback;
mod govern;
pub mod import;
pub mod init;
pub mod item;
mod kept;
pub mod kpi;
pub mod merge;
pub mod need;
pub mod okr;
pub mod people;
pub mod portfolio;
pub mod rank;
pub mod readings;
pub mod request;
pub mod rights;
pub mod roadmap;
pub mod service;
pub mod sign;
pub mod stakeholder;
mod text;
pub mod vision;

use std::path::Path;
use std::time::Duration;

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::model::ids::keep_last_ids;
use crate::model::{Date, Decision, Product};
use crate::store::{self, Edit};

pub use govern::{authorise_change, next_decision_id, refusal, with_agreement};

/// Who is making a change: their name, who agreed to it, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// The person making the change; `None` when nobody is named, which
    /// suffices only for changes that no rule governs.
    pub name: Option<String>,
    /// The people who agreed to it, where its decision needs agreement.
    pub agreed_by: Vec<String>,
    /// The rationale, logged with the decision (and logging one where none is owed).
    pub why: Option<String>,
}

impl Actor {
    /// Somebody, named.
    pub fn named(name: impl Into<String>) -> Self {
        Actor {
            name: Some(name.into()),
            ..Actor::default()
        }
    }

    /// Nobody named: enough for changes no rule governs.
    pub fn nobody() -> Self {
        Actor::default()
    }

    /// Adds a person who agreed.
    pub fn agreed_by(mut self, name: impl Into<String>) -> Self {
        self.agreed_by.push(name.into());
        self
    }

    /// Gives the rationale.
    pub fn because(mut self, why: impl Into<String>) -> Self {
        self.why = Some(why.into());
        self
    }
}

/// A change in progress: the product as read, the product being changed,
/// and (for a file) the open edit that holds the file's lock.
pub struct Transaction {
    source: Source,
    product: Product,
    today: Date,
}

/// Where the product came from, and so what it was before the change.
enum Source {
    /// A file being edited; the edit keeps the product as read.
    File(Box<Edit>),
    /// A product in memory, as it was given.
    Memory(Box<Product>),
}

impl Transaction {
    /// Locks and reads the product file at `path` (waiting up to `wait` for
    /// another writer's lock).
    pub fn open(path: &Path, wait: Duration, today: Date) -> Result<Self> {
        let (product, edit) = Edit::open(path, wait)?;
        Ok(Transaction {
            source: Source::File(Box::new(edit)),
            product,
            today,
        })
    }

    /// A change to a product held in memory: governed exactly as a file's,
    /// with nothing to save. For tests, and faces that keep their own copy.
    pub fn in_memory(product: Product, today: Date) -> Self {
        Transaction {
            source: Source::Memory(Box::new(product.clone())),
            product,
            today,
        }
    }

    /// The product as it is now, with the changes made so far.
    pub fn product(&self) -> &Product {
        &self.product
    }

    /// The product, to change.
    pub fn product_mut(&mut self) -> &mut Product {
        &mut self.product
    }

    /// The product as it was read, before any change.
    pub fn before(&self) -> &Product {
        match &self.source {
            Source::File(edit) => edit.before(),
            Source::Memory(product) => product,
        }
    }

    /// The date the change is made on (passed in: the library reads no clock).
    pub fn today(&self) -> Date {
        self.today
    }

    /// The file being changed, if any.
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            Source::File(edit) => Some(edit.path()),
            Source::Memory(_) => None,
        }
    }

    /// Runs `change` (usually a domain operation) on the product and the
    /// day. Domain operations check everything before they change anything,
    /// so one that fails leaves the product as it was.
    pub fn apply<T>(&mut self, change: impl FnOnce(&mut Product, Date) -> Result<T>) -> Result<T> {
        change(&mut self.product, self.today)
    }

    /// Authorises the change against the rights as they stood before it,
    /// appends the decision owed, and saves (for a file). Refused changes
    /// are never written.
    pub fn commit(mut self, actor: &Actor) -> Result<Committed> {
        let before = match &self.source {
            Source::File(edit) => edit.before(),
            Source::Memory(product) => product,
        };
        let decision = authorise_change(before, &mut self.product, actor, self.today)?;
        // A removed id is remembered, so that no later change hands it out again.
        keep_last_ids([before], &mut self.product);
        let written = match &mut self.source {
            Source::File(edit) => {
                refuse_unloadable(&self.product, edit.path())?;
                edit.save(&self.product)?
            }
            Source::Memory(_) => false,
        };
        Ok(Committed {
            product: self.product,
            decision,
            written,
            _spent: self.source,
        })
    }
}

/// Refuses a change that would leave a file the next read refuses: every
/// rule a read checks holds for what is written. The file is left as it was.
pub(crate) fn refuse_unloadable(product: &Product, file: &Path) -> Result<()> {
    let problems = store::unloadable(product);
    let Some(first) = problems.first() else {
        return Ok(());
    };
    let what = if problems.len() > 1 {
        format!("{} problems", problems.len())
    } else {
        first.to_string()
    };
    let mut e = Error::new(
        ErrorKind::Invalid,
        ErrorCode::FileInvalid,
        format!(
            "refused: the change would leave {} unreadable ({what}); nothing was written",
            file.display()
        ),
    )
    .with_hint("change the values given so that the file keeps to its rules (`product check` lists them), then run the command again");
    e.file = Some(file.display().to_string());
    e.problems = problems;
    Err(e)
}

/// What a committed change left: the product as saved, the decision
/// logged (if one was owed or asked for), and whether the file was written.
pub struct Committed {
    pub product: Product,
    pub decision: Option<Decision>,
    pub written: bool,
    /// The file's document and the product as it was read: freed with
    /// this value (a face that exits at once may choose not to wait for that).
    _spent: Source,
}
