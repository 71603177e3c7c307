//! Changes to a portfolio manifest: a new one, a product added, a product
//! taken out. The manifest holds no decision rights (each product's file
//! keeps its own); these functions make the new manifest from the old, and
//! refuse a product listed twice or a key another product already has.
//! The store writes the result, keeping the file's comments.

use crate::error::{Error, ErrorCode, ErrorKind, Result};
pub use crate::portfolio::Listed;
use crate::portfolio::{Manifest, Member};

/// A new manifest named `name`.
pub fn init(name: &str) -> Result<Manifest> {
    if name.trim().is_empty() {
        return Err(Error::usage("the portfolio's name is empty")
            .with_hint("give it a name: `product portfolio init \"Payments\" FILE...`"));
    }
    Ok(Manifest::named(name))
}

/// Adds `member`, whose product has the key `key`, after the others.
/// `listed` are the products already there, in manifest order.
pub fn add(manifest: &Manifest, member: Member, key: &str, listed: &[Listed]) -> Result<Manifest> {
    if manifest.products.contains(&member) {
        return Err(
            Error::usage(format!("{} is already in the portfolio", member.shown()))
                .with_hint("`product portfolio show` lists its products"),
        );
    }
    if let Some(same) = listed.iter().find(|l| l.key.as_deref() == Some(key)) {
        return Err(Error::new(
            ErrorKind::Usage,
            ErrorCode::DuplicateKey,
            format!(
                "{} has the key {key}, which {} has already: item ids such as {key}-1 would name either",
                member.shown(),
                same.member.shown()
            ),
        )
        .with_hint("give one of them another key (`[product] key` in its file), then add it again"));
    }
    let mut after = manifest.clone();
    after.products.push(member);
    Ok(after)
}

/// Takes out the product with the key `which`, or listed at the path
/// `which` (for one that cannot be read). Returns the new manifest and the
/// entry taken out.
pub fn remove(manifest: &Manifest, which: &str, listed: &[Listed]) -> Result<(Manifest, Member)> {
    let with_key: Vec<&Listed> = listed
        .iter()
        .filter(|l| l.key.as_deref() == Some(which))
        .collect();
    if let [first, second, ..] = with_key.as_slice() {
        return Err(Error::usage(format!(
            "{which} is the key of more than one product: {} and {}",
            first.member.shown(),
            second.member.shown()
        ))
        .with_hint(format!(
            "name the one to take out by its path, e.g. `product portfolio rm {}`",
            second.member.shown()
        )));
    }
    let by_key = with_key.first().map(|l| &l.member);
    // By the entry, not its place: the manifest may have changed since
    // `listed` was read.
    let position = manifest.products.iter().position(|m| match by_key {
        Some(member) => m == member,
        None => m.path == which || m.shown() == which,
    });
    let Some(position) = position else {
        let known: Vec<String> = listed
            .iter()
            .map(|l| l.key.clone().unwrap_or_else(|| l.member.shown()))
            .collect();
        return Err(Error::unknown("product", which, known));
    };
    let mut after = manifest.clone();
    let member = after.products.remove(position);
    Ok((after, member))
}
