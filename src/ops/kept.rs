//! The refusal to remove what requests still name: their record is the
//! requester's answer, and removing what it names would leave it pointing
//! at nothing.

use crate::error::Error;

/// That `id` cannot be removed because requests name it (`how`: `merged
/// into it`, `accepted for it`), with what to do instead.
pub(crate) fn kept_by_requests(id: &str, requests: &[&str], how: &str, instead: String) -> Error {
    let one = requests.len() == 1;
    Error::usage(format!(
        "{id} cannot be removed: request{} {} {} {how}",
        if one { "" } else { "s" },
        requests.join(", "),
        if one { "was" } else { "were" }
    ))
    .with_hint(format!("{instead}, which keeps the record"))
}
