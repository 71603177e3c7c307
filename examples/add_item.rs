//! Using `productfile` as a library to add a backlog item under the
//! product's decision rights, without the `product` binary. Adding an item
//! is a `scope` decision, which the owner takes:
//!
//! 1. a team member who holds no deciding role tries, and is refused;
//! 2. the owner adds it, with a leader's agreement and a reason, and the
//!    decision is logged (agreement given where none was needed is still
//!    worth the record).
//!
//! It works on a copy of `examples/product.toml` (or of the file given) in a
//! temporary folder, so the bundled example is never changed.
//!
//! ```text
//! cargo run --example add_item
//! cargo run --example add_item -- path/to/product.toml
//! ```

// A program whose whole job is to print; the lint is for the library.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use productfile::model::Date;
use productfile::ops::item::{self, AddItem};
use productfile::ops::{Actor, Transaction};
use productfile::rights::holders;
use productfile::{Error, ErrorKind, store};

fn main() -> ExitCode {
    let source = std::env::args().nth(1).map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/product.toml"
            ))
        },
        PathBuf::from,
    );
    match run(&source) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if let Some(hint) = &e.hint {
                eprintln!("hint: {hint}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The first person holding `role`, or an error saying nobody does.
fn first_with(people: &[productfile::model::Person], role: &str) -> Result<String, Error> {
    holders(people, role)
        .first()
        .map(|name| (*name).to_owned())
        .ok_or_else(|| Error::usage(format!("nobody holds the {role} role")))
}

fn run(source: &Path) -> Result<(), Error> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("product.toml");
    std::fs::copy(source, &path)?;

    // The library reads no clock: the face passes the day of the change in.
    let today = Date(chrono::Local::now().date_naive());
    let people = store::load(&path)?.people;
    let owner = first_with(&people, "owner")?;
    let leader = first_with(&people, "leadership")?;
    let member = first_with(&people, "team")?;
    let new_item = AddItem {
        title: "Pay by bank transfer".into(),
        ..AddItem::default()
    };

    // A team member cannot change the scope: refused, and nothing written.
    let mut tx = Transaction::open(&path, Duration::from_secs(5), today)?;
    let added = tx.apply(|p, today| item::add(p, today, &new_item))?;
    match tx.commit(&Actor::named(&member)) {
        Err(e) if e.kind == ErrorKind::Refused => {
            println!("{member} adding {}: refused", added.id);
            println!("  {}", e.message);
            if let Some(hint) = &e.hint {
                println!("  hint: {hint}");
            }
        }
        Err(e) => return Err(e),
        Ok(_) => println!("{member} adding {}: allowed by this file's rules", added.id),
    }

    // The owner, with a leader's agreement and a reason: committed and logged.
    let mut tx = Transaction::open(&path, Duration::from_secs(5), today)?;
    let added = tx.apply(|p, today| item::add(p, today, &new_item))?;
    let actor = Actor::named(&owner)
        .agreed_by(&leader)
        .because("Pharmacies asked for it at the November review");
    let done = tx.commit(&actor)?;
    println!(
        "\n{owner} adding {}, agreed by {leader}: committed",
        added.id
    );
    if let Some(d) = &done.decision {
        println!(
            "  Logged {}: {} decision: {}",
            d.id,
            d.kind_names(),
            d.summary
        );
        println!(
            "  Agreed by {}; why: {}",
            d.agreed_by.join(", "),
            d.rationale.as_deref().unwrap_or("-")
        );
    }
    let saved = store::load(&path)?;
    println!(
        "\nThe file now ends its backlog with {}: {}",
        added.id,
        saved.find_item(&added.id)?.title
    );
    Ok(())
}
