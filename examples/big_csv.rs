//! Writes a large CSV to import, for measuring `product import csv`: N rows
//! of `Summary,Labels,Story Points`, as a Jira export names them, with
//! short titles, a label and a size on the Fibonacci scale.
//!
//! ```text
//! cargo run --release --example big_csv -- 400000 > big.csv   # about 6.5 MB
//! product -f p.json init --name Big --key BG
//! /usr/bin/time -v product -f p.json import csv big.csv
//! ```
//!
//! The output depends only on N: the same N gives the same file, byte for
//! byte, on every machine.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

const LABELS: [&str; 6] = ["ui", "api", "db", "ops", "web", "qa"];
const SIZES: [u8; 6] = [1, 2, 3, 5, 8, 13];

fn main() -> ExitCode {
    let rows = match std::env::args().nth(1).map(|n| n.parse::<usize>()) {
        None => 400_000,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("usage: big_csv [ROWS]   (default 400000)");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = (|| -> std::io::Result<()> {
        writeln!(out, "Summary,Labels,Story Points")?;
        for i in 0..rows {
            let label = LABELS[i % LABELS.len()];
            writeln!(out, "Fix {i},{label},{}", SIZES[i % SIZES.len()])?;
        }
        out.flush()
    })();
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("big_csv: {e}");
            ExitCode::from(1)
        }
    }
}
