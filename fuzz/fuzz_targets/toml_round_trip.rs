//! Any bytes as a `product.toml`: `store::parse` and `Edit::open` must agree
//! (both refuse, or both read the same product); saving it unchanged must
//! leave the file byte for byte; after one small edit of the kind commands
//! make (a title, an added item, a move, the vision, a removal), the file the
//! format-keeping writer produces must read back as the edited product.
//! Any panic, in the library or in these checks, is a finding.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip("product.toml", data);
});
