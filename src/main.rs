//! The `product` binary: parses the command line, runs it, exits with its code.

fn main() {
    std::process::exit(productfile::cli::main());
}
