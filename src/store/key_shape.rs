//! The keys of a product file as written, for the unknown-key rule of
//! `product check`: read with a plain parser, whatever the model knows.

use crate::check::Shape;

use super::Format;

/// The file's tree of keys; `None` if the text does not parse (the typed
/// read reports why).
pub fn key_shape(text: &str, format: Format) -> Option<Shape> {
    match format {
        Format::Toml => {
            let table = toml::from_str::<toml::Table>(text).ok()?;
            Some(toml_table(&table))
        }
        Format::Json => {
            let value = serde_json::from_str::<serde_json::Value>(text).ok()?;
            Some(json(&value))
        }
    }
}

fn toml_table(table: &toml::Table) -> Shape {
    Shape::Table {
        id: table.get("id").and_then(|v| v.as_str()).map(str::to_owned),
        keys: table
            .iter()
            .map(|(k, v)| (k.clone(), toml_value(v)))
            .collect(),
    }
}

fn toml_value(value: &toml::Value) -> Shape {
    match value {
        toml::Value::Table(t) => toml_table(t),
        toml::Value::Array(a) => Shape::Array(a.iter().map(toml_value).collect()),
        _ => Shape::Leaf,
    }
}

fn json(value: &serde_json::Value) -> Shape {
    match value {
        serde_json::Value::Object(map) => Shape::Table {
            id: map.get("id").and_then(|v| v.as_str()).map(str::to_owned),
            keys: map.iter().map(|(k, v)| (k.clone(), json(v))).collect(),
        },
        serde_json::Value::Array(a) => Shape::Array(a.iter().map(json).collect()),
        _ => Shape::Leaf,
    }
}
