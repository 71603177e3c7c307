//! Reads the typed model straight from the format-keeping TOML document, so
//! that an edit parses the file's text once: into the `toml_edit` document
//! it writes back, from which the `Product` is then read without a second
//! parse of the text and without a copy of the document.
//!
//! The values reach the model's `Deserialize` impls as the `toml` crate
//! hands them over: integers as `i64`, floats as `f64`, enums as unit-variant
//! strings, a present optional value as `Some`, and a date as a one-entry
//! map whose key is `$__toml_private_datetime` and whose value is the date's
//! text (see `model::Date`). Errors here carry no place in the file: on any
//! error the caller reads the text again through the diagnostic path, which
//! says where and why.

use std::fmt;

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::model::Product;

/// The key under which a TOML datetime is handed over as a one-entry map.
const DATETIME_KEY: &str = "$__toml_private_datetime";
/// The struct name `toml_datetime::Datetime` asks for when it deserializes itself.
const DATETIME_STRUCT: &str = "$__toml_private_Datetime";

/// The product held in a parsed TOML document, read without copying it (the
/// model's checks are not run: [`crate::model::validate`] does that).
pub fn product(doc: &DocumentMut) -> Result<Product, Error> {
    product_in(doc.as_table())
}

/// The product held in the top table of a parsed document, of either kind
/// (`DocumentMut` to edit, or the `Document` that keeps the text's places).
pub fn product_in(table: &Table) -> Result<Product, Error> {
    Product::deserialize(Node::Table(table))
}

/// Why the document does not hold a product; no place, see the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// A borrowed piece of the document, whichever kind of node it is.
#[derive(Clone, Copy)]
enum Node<'de> {
    Item(&'de Item),
    Value(&'de Value),
    Table(&'de Table),
    InlineTable(&'de InlineTable),
    Array(&'de Array),
    ArrayOfTables(&'de ArrayOfTables),
}

impl<'de> Node<'de> {
    /// The same node, with an item resolved to what it holds.
    fn resolved(self) -> Node<'de> {
        match self {
            Node::Item(Item::Value(v)) => Node::Value(v).resolved(),
            Node::Item(Item::Table(t)) => Node::Table(t),
            Node::Item(Item::ArrayOfTables(a)) => Node::ArrayOfTables(a),
            Node::Value(Value::InlineTable(t)) => Node::InlineTable(t),
            Node::Value(Value::Array(a)) => Node::Array(a),
            other => other,
        }
    }

    /// The node as a string, if it is one.
    fn as_str(self) -> Option<&'de str> {
        match self.resolved() {
            Node::Value(Value::String(s)) => Some(s.value().as_str()),
            _ => None,
        }
    }
}

impl<'de> de::Deserializer<'de> for Node<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.resolved() {
            Node::Value(value) => match value {
                Value::String(s) => visitor.visit_borrowed_str(s.value()),
                Value::Integer(i) => visitor.visit_i64(*i.value()),
                Value::Float(f) => visitor.visit_f64(*f.value()),
                Value::Boolean(b) => visitor.visit_bool(*b.value()),
                Value::Datetime(d) => visitor.visit_map(Datetime(Some(d.value().to_string()))),
                Value::Array(a) => {
                    visitor.visit_seq(Elements::new(a.iter().map(Node::Value), a.len()))
                }
                Value::InlineTable(t) => {
                    visitor.visit_map(Entries::new(t.iter().map(|(k, v)| (k, Node::Value(v)))))
                }
            },
            Node::Table(t) => {
                visitor.visit_map(Entries::new(t.iter().map(|(k, v)| (k, Node::Item(v)))))
            }
            Node::InlineTable(t) => {
                visitor.visit_map(Entries::new(t.iter().map(|(k, v)| (k, Node::Value(v)))))
            }
            Node::Array(a) => visitor.visit_seq(Elements::new(a.iter().map(Node::Value), a.len())),
            Node::ArrayOfTables(a) => {
                visitor.visit_seq(Elements::new(a.iter().map(Node::Table), a.len()))
            }
            // A key without a value: the document's own placeholder, never
            // listed by a table's iterator.
            Node::Item(_) => visitor.visit_unit(),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // An absent key never gets here: the model's defaults make it `None`.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.resolved() {
            Node::Value(Value::Datetime(d)) if name == DATETIME_STRUCT => {
                visitor.visit_map(Datetime(Some(d.value().to_string())))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if let Some(s) = self.as_str() {
            return visitor.visit_enum(BorrowedStrDeserializer::new(s));
        }
        let only = |mut entries: Box<dyn Iterator<Item = (&'de str, Node<'de>)> + 'de>| match (
            entries.next(),
            entries.next(),
        ) {
            (Some(entry), None) => Ok(entry),
            _ => Err(de::Error::custom(
                "wanted a string or a table with exactly one entry",
            )),
        };
        let (variant, value) = match self.resolved() {
            Node::Table(t) => only(Box::new(t.iter().map(|(k, v)| (k, Node::Item(v)))))?,
            Node::InlineTable(t) => only(Box::new(t.iter().map(|(k, v)| (k, Node::Value(v)))))?,
            _ => return Err(de::Error::custom("wanted a string or a table")),
        };
        visitor.visit_enum(Variant { variant, value })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // Nothing to look at: unknown keys are kept in the document, not read.
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

impl<'de> IntoDeserializer<'de, Error> for Node<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A table's entries, handed over one key and value at a time.
struct Entries<'de, I> {
    entries: I,
    value: Option<Node<'de>>,
}

impl<'de, I> Entries<'de, I> {
    fn new(entries: I) -> Self {
        Entries {
            entries,
            value: None,
        }
    }
}

impl<'de, I: Iterator<Item = (&'de str, Node<'de>)>> de::MapAccess<'de> for Entries<'de, I> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }
}

/// An array's elements, or an array of tables' tables.
struct Elements<I> {
    elements: I,
    /// How many are left, so that a list is allocated once at its size.
    left: usize,
}

impl<I> Elements<I> {
    fn new(elements: I, len: usize) -> Self {
        Elements {
            elements,
            left: len,
        }
    }
}

impl<'de, I: Iterator<Item = Node<'de>>> de::SeqAccess<'de> for Elements<I> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(element) = self.elements.next() else {
            return Ok(None);
        };
        self.left = self.left.saturating_sub(1);
        seed.deserialize(element).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A datetime, as the one-entry map the `toml` crate hands over.
struct Datetime(Option<String>);

impl<'de> de::MapAccess<'de> for Datetime {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(DATETIME_KEY))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.0.take() {
            Some(text) => seed.deserialize(text.into_deserializer()),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }
}

/// A one-entry table read as an enum variant: the key names the variant.
struct Variant<'de> {
    variant: &'de str,
    value: Node<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Node<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Node<'de>), Error> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.variant))?;
        Ok((variant, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for Node<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.resolved() {
            Node::Table(t) if t.is_empty() => Ok(()),
            Node::InlineTable(t) if t.is_empty() => Ok(()),
            _ => Err(de::Error::custom(
                "expected an empty table for a unit variant",
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Result<Product, Error>, Result<Product, toml::de::Error>) {
        let doc: DocumentMut = text.parse().expect("valid TOML");
        (product(&doc), toml::from_str::<Product>(text))
    }

    const HEAD: &str = "version = 1\n[product]\nname = \"P\"\nkey = \"RX\"\n";

    #[test]
    fn reads_what_the_toml_crate_reads() {
        let text = format!(
            "{HEAD}owner = \"Ann\"\n\
             [vision]\nstatement = \"s\"\nusers = [\"u\"]\n\
             [[people]]\nname = \"Ann\"\nroles = [\"owner\"]\nx-note = {{ a = 1, b = 2024-01-01 }}\n\
             [rights]\nscope = {{ decide = [\"owner\"] }}\n\
             [scoring]\nmethod = \"rice\"\n[scoring.formulas]\nroi = \"value / cost\"\n\
             [[objectives]]\nid = \"O1\"\ntitle = \"o\"\nstart = 2027-01-01\nend = 2027-03-31\n\
             [[objectives.key_results]]\nid = \"KR1\"\ntitle = \"k\"\nstart = 1\ntarget = 2.5\n\
             history = [{{ date = 2026-11-01, value = 1 }}]\n\
             [[items]]\nid = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"ready\"\n\
             size = 5\ncost = 1.5e3\nmvp = true\ncreated = 2026-11-01\n\
             experiment = {{ hypothesis = \"h\", result = \"validated\" }}\n\
             [check]\nmax_doing = 4\n[check.rules]\nready-needs-size = \"off\"\n"
        );
        let (ours, theirs) = both(&text);
        let theirs = theirs.expect("the toml crate reads it");
        assert_eq!(ours.expect("read from the document"), theirs);
        assert_eq!(theirs.items[0].size, Some(5.0));
        assert_eq!(theirs.check.max_doing, Some(4));
    }

    #[test]
    fn refuses_what_the_toml_crate_refuses() {
        for bad in [
            "version = \"one\"\n[product]\nname = \"P\"\nkey = \"RX\"\n",
            "version = 1\n",
            &format!(
                "{HEAD}[[items]]\nid = \"RX-1\"\ntitle = \"t\"\nkind = \"epic\"\nstatus = \"idea\"\n"
            ),
            &format!(
                "{HEAD}[[items]]\nid = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\nsize = \"big\"\n"
            ),
            &format!(
                "{HEAD}[[items]]\nid = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\ncreated = 2026-11-01T10:00:00\n"
            ),
            &format!(
                "{HEAD}[[items]]\nid = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\ncreated = \"soon\"\n"
            ),
            &format!("{HEAD}[check]\nmax_doing = -1\n"),
            "version = 1\nitems = 3\n[product]\nname = \"P\"\nkey = \"RX\"\n",
        ] {
            let (ours, theirs) = both(bad);
            assert!(theirs.is_err(), "the toml crate reads {bad}");
            assert!(ours.is_err(), "read from the document: {bad}");
        }
    }

    #[test]
    fn a_date_reaches_the_model_as_its_text() {
        let text = format!(
            "{HEAD}[[items]]\nid = \"RX-1\"\ntitle = \"t\"\nkind = \"bug\"\nstatus = \"idea\"\ndue = 2027-02-28\n"
        );
        let (ours, _) = both(&text);
        assert_eq!(
            ours.unwrap().items[0].due.map(|d| d.to_string()).as_deref(),
            Some("2027-02-28")
        );
    }
}
