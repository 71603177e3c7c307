//! Using `productfile` as a library to change a product under its decision
//! rights, without the `product` binary: raising a key result's target is a
//! `goals` decision, which the owner takes with leadership's agreement.
//!
//! The example works on a copy of `examples/product.toml` (or of the file
//! given) in a temporary folder, so the bundled example is never changed:
//! first the owner tries alone and is refused; then the same change, agreed
//! by a leader, is committed and the decision it owed is logged.
//!
//! ```text
//! cargo run --example agreed_change
//! cargo run --example agreed_change -- path/to/product.toml O1.KR1 90
//! ```

// A program whose whole job is to print; the lint is for the library.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use productfile::model::Date;
use productfile::ops::okr::{self, EditKeyResult};
use productfile::ops::{Actor, Transaction};
use productfile::rights::holders;
use productfile::{Error, ErrorKind, store};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let source =
        PathBuf::from(args.next().unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/product.toml").into()
        }));
    let reference = args.next().unwrap_or_else(|| "O1.KR1".into());
    let target: f64 = args.next().and_then(|t| t.parse().ok()).unwrap_or(90.0);
    match run(&source, &reference, target) {
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

fn run(source: &Path, reference: &str, target: f64) -> Result<(), Error> {
    // A copy to change, in a folder removed at the end.
    let dir = tempfile::tempdir()?;
    let path = dir
        .path()
        .join(source.file_name().unwrap_or("product.toml".as_ref()));
    std::fs::copy(source, &path)?;

    // The library reads no clock: the face passes the day of the change in.
    let today = Date(chrono::Local::now().date_naive());
    let product = store::load(&path)?;
    let owner = product
        .product
        .owner
        .clone()
        .ok_or_else(|| Error::usage("the product names no owner ([product] owner)"))?;
    let leader = holders(&product.people, "leadership")
        .first()
        .map(|l| (*l).to_owned())
        .ok_or_else(|| Error::usage("nobody holds the leadership role"))?;
    let raise = EditKeyResult {
        reference: reference.to_owned(),
        target: Some(target),
        ..EditKeyResult::default()
    };
    println!(
        "Raising the target of {reference} to {target} in {}",
        path.display()
    );

    // The owner alone: a goals change needs leadership's agreement.
    let mut tx = Transaction::open(&path, Duration::from_secs(5), today)?;
    tx.apply(|p, today| okr::edit_key_result(p, today, &raise))?;
    match tx.commit(&Actor::named(&owner)) {
        Err(e) if e.kind == ErrorKind::Refused => {
            println!("\n{owner} alone: refused");
            println!("  {}", e.message);
            if let Some(hint) = &e.hint {
                println!("  hint: {hint}");
            }
        }
        Err(e) => return Err(e),
        Ok(_) => println!("\n{owner} alone: allowed (the file's rules ask for no agreement)"),
    }

    // The same change, agreed by a leader: committed, with the decision logged.
    let mut tx = Transaction::open(&path, Duration::from_secs(5), today)?;
    tx.apply(|p, today| okr::edit_key_result(p, today, &raise))?;
    let actor = Actor::named(&owner)
        .agreed_by(&leader)
        .because("Beta users completed at 88%");
    let done = tx.commit(&actor)?;
    println!(
        "\n{owner}, agreed by {leader}: committed (file written: {})",
        done.written
    );
    if let Some(d) = &done.decision {
        println!(
            "  Logged {} on {}: {} decision",
            d.id,
            d.date,
            d.kind_names()
        );
        println!("  Summary:    {}", d.summary);
        println!("  Decided by: {}", d.decided_by);
        println!("  Agreed by:  {}", d.agreed_by.join(", "));
        if let Some(why) = &d.rationale {
            println!("  Why:        {why}");
        }
        println!("  About:      {}", d.refs.join(", "));
    }
    let saved = store::load(&path)?;
    println!(
        "\n{reference} target in the file now: {}",
        saved.find_key_result(reference)?.target
    );
    Ok(())
}
