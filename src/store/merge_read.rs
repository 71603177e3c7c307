//! Reading the three sides of a merge, each parsed once and kept only as
//! far as the merge needs it: base and theirs as products (and their text,
//! for comments), ours as the document the merge is written into.
//!
//! Three documents of a large file held at once would cost three times an
//! edit's memory, most of it spent zeroing pages. So only ours is read as
//! an editable document; theirs is read as a document that points into its
//! text, just long enough to take the comments of the entities theirs added.

use std::collections::HashSet;
use std::path::Path;

use crate::model::Product;

use super::error::StoreError;
use super::{BOM, Document, Format, decode, from_document, parse, read_bytes, read_document};
use super::{uses_crlf, writable_by_this_tool};

/// The common ancestor: the product and its text.
pub struct MergeBase {
    pub product: Product,
    pub(super) text: String,
}

/// Ours: the product, and the document the merge is written into.
pub struct MergeOurs {
    pub product: Product,
    pub(super) document: Document,
    pub(super) bom: bool,
    pub(super) crlf: bool,
}

/// Theirs: the product, its text, and the comments of what it added.
pub struct MergeTheirs {
    pub product: Product,
    pub(super) text: String,
    pub(super) added: Vec<EntityComments>,
}

/// What is written before and after a piece of TOML: whitespace and comments.
pub(super) type Decor = (String, String);

/// The comments of one entity theirs added: above its header and beside
/// its keys, as written.
pub(super) struct EntityComments {
    pub section: &'static str,
    pub id: String,
    pub header: Decor,
    /// Per key: the key's own decor, and its value's.
    pub keys: Vec<(String, Decor, Decor)>,
}

/// The lists whose entities are tables of their own in a TOML file, and the key of each.
pub(super) const ENTITY_LISTS: &[(&str, &str)] = &[
    ("people", "name"),
    ("objectives", "id"),
    ("kpis", "id"),
    ("roadmap", "id"),
    ("assessments", "id"),
    ("needs", "id"),
    ("items", "id"),
    ("requests", "id"),
    ("stakeholders", "name"),
    ("decisions", "id"),
];

/// The keys of a list's entities in `product`.
pub(super) fn entity_keys<'a>(product: &'a Product, section: &str) -> HashSet<&'a str> {
    match section {
        "people" => product.people.iter().map(|e| e.name.as_str()).collect(),
        "objectives" => product.objectives.iter().map(|e| e.id.as_str()).collect(),
        "kpis" => product.kpis.iter().map(|e| e.id.as_str()).collect(),
        "roadmap" => product.roadmap.iter().map(|e| e.id.as_str()).collect(),
        "items" => product.items.iter().map(|e| e.id.as_str()).collect(),
        "needs" => product.needs.iter().map(|e| e.id.as_str()).collect(),
        "assessments" => product.assessments.iter().map(|e| e.id.as_str()).collect(),
        "requests" => product.requests.iter().map(|e| e.id.as_str()).collect(),
        "stakeholders" => product
            .stakeholders
            .iter()
            .map(|e| e.name.as_str())
            .collect(),
        "decisions" => product.decisions.iter().map(|e| e.id.as_str()).collect(),
        _ => HashSet::new(),
    }
}

fn text_of(path: &Path) -> Result<(String, bool, bool), StoreError> {
    let bytes = read_bytes(path)?;
    let text = decode(path, &bytes)?;
    Ok((text, bytes.starts_with(BOM.as_bytes()), uses_crlf(&bytes)))
}

/// Reads the common ancestor.
pub fn read_merge_base(path: &Path, format: Format) -> Result<MergeBase, StoreError> {
    let (text, ..) = text_of(path)?;
    let product = parse::parse_product(&text, format, path)?;
    writable_by_this_tool(&product, path)?;
    Ok(MergeBase { product, text })
}

/// Reads ours, which the merge is written into. `format` comes from the
/// caller: git's temporary files have no extension.
pub fn read_merge_ours(path: &Path, format: Format) -> Result<MergeOurs, StoreError> {
    let (text, bom, crlf) = text_of(path)?;
    let (product, document) = read_document(&text, format, path)?;
    writable_by_this_tool(&product, path)?;
    Ok(MergeOurs {
        product,
        document,
        bom,
        crlf,
    })
}

/// Reads theirs, keeping the comments of the entities it added since `base`.
pub fn read_merge_theirs(
    path: &Path,
    format: Format,
    base: &Product,
) -> Result<MergeTheirs, StoreError> {
    let (text, ..) = text_of(path)?;
    let doc = match format {
        Format::Toml => toml_edit::Document::parse(text.as_str()).ok(),
        Format::Json => None,
    };
    let product = match doc
        .as_ref()
        .map(|d| from_document::product_in(d.as_table()))
    {
        Some(Ok(product)) => parse::validated(product, &text, format, path)?,
        // The diagnostic read says where and why.
        _ => parse::parse_product(&text, format, path)?,
    };
    writable_by_this_tool(&product, path)?;
    let added = doc
        .map(|d| added_comments(&d, &text, base))
        .unwrap_or_default();
    Ok(MergeTheirs {
        product,
        text,
        added,
    })
}

/// The comments of every entity table in `doc` whose key `base` does not have.
fn added_comments(
    doc: &toml_edit::Document<&str>,
    text: &str,
    base: &Product,
) -> Vec<EntityComments> {
    let raw = |r: Option<&toml_edit::RawString>| -> String {
        r.and_then(|r| match r.as_str() {
            Some(s) => Some(s.to_owned()),
            None => r.span().and_then(|span| text.get(span)).map(str::to_owned),
        })
        .unwrap_or_default()
    };
    let decor = |d: &toml_edit::Decor| -> Decor { (raw(d.prefix()), raw(d.suffix())) };
    let mut found = Vec::new();
    for (section, key) in ENTITY_LISTS {
        let had = entity_keys(base, section);
        let Some(tables) = doc
            .get(section)
            .and_then(toml_edit::Item::as_array_of_tables)
        else {
            continue;
        };
        for table in tables.iter() {
            let Some(id) = table.get(key).and_then(toml_edit::Item::as_str) else {
                continue;
            };
            if had.contains(id) {
                continue;
            }
            let keys = table
                .iter()
                .filter_map(|(k, item)| {
                    let (key, _) = table.get_key_value(k)?;
                    let value = item
                        .as_value()
                        .map(|v| decor(v.decor()))
                        .unwrap_or_default();
                    Some((k.to_owned(), decor(key.leaf_decor()), value))
                })
                .collect();
            found.push(EntityComments {
                section,
                id: id.to_owned(),
                header: decor(table.decor()),
                keys,
            });
        }
    }
    found
}
