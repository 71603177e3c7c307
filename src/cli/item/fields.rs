//! The item flags `item add` and `item edit` share, and applying them.

use crate::model::{Item, Kind, Product};

use super::super::error::CmdResult;
use super::super::okr::check_key_results;

/// Flags that set an item's fields.
#[derive(Debug, Default, clap::Args)]
pub struct FieldArgs {
    /// What sort of work it is
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Add a tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Mark it as part of the minimum viable product
    #[arg(long, overrides_with = "no_mvp")]
    pub mvp: bool,
    /// Take it out of the minimum viable product
    #[arg(long)]
    pub no_mvp: bool,
    /// Add an acceptance criterion, e.g. "Given ..., when ..., then ..." (repeatable)
    #[arg(long = "acceptance", value_name = "TEXT")]
    pub acceptance: Vec<String>,
    /// Set the description (an empty string removes it)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Link it to a key result it works towards, e.g. O1.KR1 (repeatable)
    #[arg(long = "kr", value_name = "O1.KR1")]
    pub key_results: Vec<String>,
}

impl FieldArgs {
    /// Whether any field flag was given.
    pub fn any(&self) -> bool {
        self.kind.is_some()
            || !self.tags.is_empty()
            || self.mvp
            || self.no_mvp
            || !self.acceptance.is_empty()
            || self.description.is_some()
            || !self.key_results.is_empty()
    }

    /// Refuses links to key results the product does not have.
    pub fn check_links(&self, product: &Product) -> CmdResult<()> {
        check_key_results(product, &self.key_results)
    }

    /// Applies the flags: lists grow, values are replaced.
    pub fn apply(self, item: &mut Item) {
        if let Some(kind) = self.kind {
            item.kind = kind;
        }
        for tag in self.tags {
            let tag = tag.trim().to_owned();
            if !tag.is_empty() && !item.tags.contains(&tag) {
                item.tags.push(tag);
            }
        }
        if self.mvp {
            item.mvp = true;
        }
        if self.no_mvp {
            item.mvp = false;
        }
        item.acceptance.extend(
            self.acceptance
                .into_iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty()),
        );
        for kr in self.key_results {
            if !item.key_results.contains(&kr) {
                item.key_results.push(kr);
            }
        }
        if let Some(d) = self.description {
            item.description = Some(d).filter(|d| !d.trim().is_empty());
        }
    }
}
