//! The parser floors `product`'s timings are measured against: how long the
//! parsers alone take on a file, with nothing of the product model around
//! them. Each mode reads the file, does one thing, and exits.
//!
//! ```text
//! cargo run --release --example floor -- toml-parse big.toml   # toml::from_str::<toml::Table>
//! cargo run --release --example floor -- toml-edit big.toml    # toml_edit::DocumentMut parse, then to_string once
//! cargo run --release --example floor -- json-parse big.json   # serde_json::from_str::<serde_json::Value>
//! cargo run --release --example floor -- json-parse p1.json p2.json ...   # each file in turn, in one process
//! ```
//!
//! The result is passed through `std::hint::black_box`, and the printed text
//! is written to a sink, so that no work is optimised away. The process
//! exits without freeing what it parsed: freeing is not parsing, and the
//! operating system takes the memory back at exit anyway. Run it under
//! `/usr/bin/time -v` for the parser's own peak memory.

// The same allocator as `product` itself, so that the floor is the parser's
// cost under the same conditions, not the system allocator's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: floor toml-parse|toml-edit|json-parse FILE...";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, paths @ ..] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    if !["toml-parse", "toml-edit", "json-parse"].contains(&mode.as_str()) {
        eprintln!("floor: unknown mode `{mode}`\n{USAGE}");
        return ExitCode::from(2);
    }
    for path in paths {
        if let Err(code) = floor(mode, path) {
            return code;
        }
    }
    ExitCode::SUCCESS
}

/// Reads and parses one file.
fn floor(mode: &str, path: &str) -> Result<(), ExitCode> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("floor: {path}: {e}");
            return Err(ExitCode::from(3));
        }
    };
    let outcome = match mode {
        "toml-parse" => toml::from_str::<toml::Table>(&text)
            .map(|table| {
                black_box(&table);
                std::mem::forget(table);
            })
            .map_err(|e| e.to_string()),
        "toml-edit" => text
            .parse::<toml_edit::DocumentMut>()
            .map(|doc| {
                let printed = doc.to_string();
                // A sink: the bytes are written, so the print cannot be elided.
                std::io::sink()
                    .write_all(black_box(printed.as_bytes()))
                    .expect("a sink takes anything");
                std::mem::forget((doc, printed));
            })
            .map_err(|e| e.to_string()),
        "json-parse" => serde_json::from_str::<serde_json::Value>(&text)
            .map(|value| {
                black_box(&value);
                std::mem::forget(value);
            })
            .map_err(|e| e.to_string()),
        _ => unreachable!("the mode was checked above"),
    };
    outcome.map_err(|e| {
        eprintln!("floor: {path}: {e}");
        ExitCode::from(3)
    })
}
