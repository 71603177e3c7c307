//! The `product` binary: parses the command line, runs it, exits with its code.

// Reading a product file is mostly small allocations (a string a key and a
// value); mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(productfile::cli::main());
}
