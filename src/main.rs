//! The `product` binary: parses the command line, runs it, exits with its code.
//!
//! Everything that knows about the terminal lives here (clap, tables,
//! colour, the allocator); the rules live in the `productfile` library.

mod cli;
mod render;

// Reading a product file is mostly small allocations (a string a key and a
// value); mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
