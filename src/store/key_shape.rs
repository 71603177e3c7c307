//! The keys of a product file as written, for the unknown-key rule of
//! `product check`: read from the parsed document, whatever the model knows.
//! The shape is the store's, handed to `check`, which reads no files.

/// A file's tree of keys; values other than tables and arrays are leaves.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Table {
        /// The table's `id` when it has one, so paths read `items[RX-4]`.
        id: Option<String>,
        keys: Vec<(String, Shape)>,
    },
    Array(Vec<Shape>),
    Leaf,
}

/// The keys of a TOML document.
pub(super) fn toml_shape(doc: &toml_edit::Document<&str>) -> Shape {
    table_like(doc.as_table())
}

fn table_like(table: &dyn toml_edit::TableLike) -> Shape {
    Shape::Table {
        id: table.get("id").and_then(|v| v.as_str()).map(str::to_owned),
        keys: table
            .iter()
            .map(|(k, v)| (k.to_owned(), toml_item(v)))
            .collect(),
    }
}

fn toml_item(item: &toml_edit::Item) -> Shape {
    match item {
        toml_edit::Item::Table(t) => table_like(t),
        toml_edit::Item::ArrayOfTables(a) => {
            Shape::Array(a.iter().map(|t| table_like(t)).collect())
        }
        toml_edit::Item::Value(v) => toml_value(v),
        toml_edit::Item::None => Shape::Leaf,
    }
}

fn toml_value(value: &toml_edit::Value) -> Shape {
    match value {
        toml_edit::Value::InlineTable(t) => table_like(t),
        toml_edit::Value::Array(a) => Shape::Array(a.iter().map(toml_value).collect()),
        _ => Shape::Leaf,
    }
}

/// The keys of a JSON document.
pub(super) fn json_shape(value: &serde_json::Value) -> Shape {
    match value {
        serde_json::Value::Object(map) => Shape::Table {
            id: map.get("id").and_then(|v| v.as_str()).map(str::to_owned),
            keys: map
                .iter()
                .map(|(k, v)| (k.clone(), json_shape(v)))
                .collect(),
        },
        serde_json::Value::Array(a) => Shape::Array(a.iter().map(json_shape).collect()),
        _ => Shape::Leaf,
    }
}
