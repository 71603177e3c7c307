//! Using `productfile` as a library: load a product file and print the next
//! items to work on, with the work already in progress.
//!
//! ```text
//! cargo run --example top_of_backlog -- examples/product.toml 3
//! ```

// A program whose whole job is to print; the lint is for the library.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::process::ExitCode;

use productfile::model::Status;
use productfile::store;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().unwrap_or_else(|| "product.toml".into()));
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let product = match store::load(&path) {
        Ok(product) => product,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(3);
        }
    };
    let doing: Vec<&str> = product
        .open_items()
        .filter(|i| i.status == Status::Doing)
        .map(|i| i.id.as_str())
        .collect();
    println!(
        "{}: {} in progress ({})",
        product.product.name,
        doing.len(),
        doing.join(", ")
    );
    let next = product
        .open_items()
        .filter(|i| i.status != Status::Doing)
        .take(count);
    for (n, item) in next.enumerate() {
        println!("{}. {} {} [{}]", n + 1, item.id, item.title, item.status);
    }
    ExitCode::SUCCESS
}
