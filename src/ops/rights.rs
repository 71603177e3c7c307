//! `[rights]` settings a command changes: whether decisions must be signed.
//!
//! Requiring signatures is a `rights` decision like any other change to
//! `[rights]`; the transaction refuses it while someone who decides or
//! agrees holds no signing key ([`crate::rights::keeps_signers_keyed`]).

use serde::Serialize;

use crate::error::Result;
use crate::model::{Date, Product, Signatures};

/// The setting after the change, and whether it changed.
#[derive(Debug, Clone, Serialize)]
pub struct SignaturesSet {
    pub signatures: Signatures,
    pub changed: bool,
}

/// Sets `[rights] signatures`. `optional`, the default, is written by
/// leaving the key out.
pub fn set_signatures(
    product: &mut Product,
    _today: Date,
    signatures: Signatures,
) -> Result<SignaturesSet> {
    let before = product.rights.signatures.unwrap_or_default();
    product.rights.signatures = (signatures == Signatures::Required).then_some(signatures);
    Ok(SignaturesSet {
        signatures,
        changed: before != signatures,
    })
}
