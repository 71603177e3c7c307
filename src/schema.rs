//! The JSON Schema of the product file (draft 2020-12), generated from the
//! model's types and their doc comments, so that an editor validating a
//! product file flags a mistyped key or a wrong value where `product check`
//! or a load would.
//!
//! The format keeps keys it does not know, and `product check` reports them
//! unless they start with `x-`; the schema is strict the same way: every
//! table allows only its own keys and `x-` extensions.

use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::{Map, Value};

use crate::check::RULES;
use crate::model::Product;

pub use crate::model::SCHEMA_KEY;

/// The schema's `$id`: a name rather than a place, since the schema is
/// whatever `product schema` prints, not a file at a fixed address.
pub const SCHEMA_ID: &str = "urn:productfile:product-file:1";

/// Keys starting with this are the file's own extensions, allowed anywhere.
const EXTENSION_PATTERN: &str = "^x-";

/// The schema's `title`.
const TITLE: &str = "product file";

/// The schema's `description`, which editors show for the file as a whole.
const DESCRIPTION: &str = "A product file, version 1 (product.toml or product.json): the vision, people and decision rights, roadmap, ordered backlog, objectives and key results, KPIs, stakeholders and decision log of one product, as the `product` command reads and writes it.";

/// The description of the top-level `$schema` key.
const SCHEMA_KEY_DESCRIPTION: &str = "The JSON Schema this file is checked against in an editor: a path or a URL (`product schema` prints it).";

/// The JSON Schema of a version 1 product file.
pub fn product_schema() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(strict_table))
        .into_generator();
    let mut generated = match generator.into_root_schema_for::<Product>().to_value() {
        Value::Object(generated) => generated,
        other => return other,
    };
    name_the_rule_ids(&mut generated);
    if let Some(Value::Object(properties)) = generated.get_mut("properties") {
        let mut with_schema_key = Map::new();
        with_schema_key.insert(
            SCHEMA_KEY.into(),
            serde_json::json!({ "description": SCHEMA_KEY_DESCRIPTION, "type": "string" }),
        );
        with_schema_key.append(properties);
        *properties = with_schema_key;
    }
    // The header first, in the order a reader expects it.
    let mut schema = Map::new();
    if let Some(meta_schema) = generated.remove("$schema") {
        schema.insert("$schema".into(), meta_schema);
    }
    schema.insert("$id".into(), SCHEMA_ID.into());
    schema.insert("title".into(), TITLE.into());
    schema.insert("description".into(), DESCRIPTION.into());
    generated.remove("title");
    generated.remove("description");
    schema.append(&mut generated);
    Value::Object(schema)
}

/// Makes a table's schema allow only its own keys and `x-` extensions.
/// Maps keyed by the user's names (formulas, rule ids) have no
/// `properties` and keep the keys they describe.
fn strict_table(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if object.contains_key("properties") && !object.contains_key("additionalProperties") {
        object.insert(
            "patternProperties".into(),
            serde_json::json!({ EXTENSION_PATTERN: {} }),
        );
        object.insert("additionalProperties".into(), false.into());
    }
}

/// `[check.rules]`: a key is a rule id (or an `x-` extension, which
/// `product check` passes over), and its value a level. The model types the
/// map as any string to a level (it does not know the rules); the schema
/// names the rule ids, which `check` owns.
fn name_the_rule_ids(generated: &mut Map<String, Value>) {
    let Some(Value::Object(rules)) = generated
        .get_mut("$defs")
        .and_then(|d| d.get_mut("CheckSettings"))
        .and_then(|c| c.get_mut("properties"))
        .and_then(|p| p.get_mut("rules"))
    else {
        return;
    };
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    let mut named = Map::new();
    named.insert("type".into(), "object".into());
    named.insert(
        "propertyNames".into(),
        serde_json::json!({ "anyOf": [ { "enum": ids }, { "pattern": EXTENSION_PATTERN } ] }),
    );
    rules.remove("type");
    for key in ["additionalProperties", "description"] {
        if let Some(value) = rules.remove(key) {
            named.insert(key.into(), value);
        }
    }
    named.append(rules);
    *rules = named;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::{
        ITEM_ID_PATTERN, ITEM_KEY_PATTERN, SIMPLE_ID_PATTERN, is_item_id, is_item_key, is_simple_id,
    };

    /// Every object schema in the tree, with its JSON pointer.
    fn objects<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a Map<String, Value>)>) {
        match value {
            Value::Object(map) => {
                out.push((at.clone(), map));
                for (k, v) in map {
                    objects(v, format!("{at}/{k}"), out);
                }
            }
            Value::Array(values) => {
                for (i, v) in values.iter().enumerate() {
                    objects(v, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn is_a_valid_draft_2020_12_schema() {
        let schema = product_schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["$id"], SCHEMA_ID);
        assert_eq!(schema["title"], "product file");
        jsonschema::meta::validate(&schema).expect("a valid schema");
    }

    #[test]
    fn every_table_is_strict_but_allows_extensions() {
        let schema = product_schema();
        let mut all = Vec::new();
        objects(&schema, String::new(), &mut all);
        let tables: Vec<_> = all
            .iter()
            .filter(|(_, o)| o.get("type") == Some(&"object".into()))
            .collect();
        // Product, its sections, and every table inside them.
        assert!(tables.len() >= 18, "{}", tables.len());
        for (at, table) in tables {
            if table.contains_key("properties") {
                assert_eq!(table["additionalProperties"], false, "{at}");
                assert_eq!(
                    table["patternProperties"],
                    serde_json::json!({"^x-": {}}),
                    "{at}"
                );
            } else {
                // Maps of the user's names: their values are still typed.
                assert!(table["additionalProperties"].is_object(), "{at}");
            }
        }
    }

    #[test]
    fn the_top_allows_a_schema_key_and_requires_version_and_product() {
        let schema = product_schema();
        let keys: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = vec![SCHEMA_KEY];
        expected.extend(Product::FIELDS);
        assert_eq!(keys, expected);
        assert_eq!(schema["properties"]["$schema"]["type"], "string");
        assert_eq!(
            schema["required"],
            serde_json::json!(["version", "product"])
        );
        assert_eq!(schema["properties"]["version"]["const"], 1);
    }

    #[test]
    fn dates_are_strings_in_the_date_format() {
        let schema = product_schema();
        let reading = &schema["$defs"]["Reading"]["properties"]["date"];
        assert_eq!(reading["type"], "string");
        assert_eq!(reading["format"], "date");
    }

    #[test]
    fn rule_levels_are_keyed_by_rule_id() {
        let schema = product_schema();
        let rules = &schema["$defs"]["CheckSettings"]["properties"]["rules"];
        let ids: Vec<&str> = rules["propertyNames"]["anyOf"][0]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(ids, RULES.iter().map(|r| r.id).collect::<Vec<_>>());
        assert_eq!(rules["additionalProperties"]["$ref"], "#/$defs/RuleLevel");
        assert_eq!(
            schema["$defs"]["RuleLevel"]["enum"],
            serde_json::json!(["error", "warning", "info", "off"])
        );
    }

    #[test]
    fn id_patterns_agree_with_the_checks_made_on_load() {
        let cases = [
            "RX",
            "RX-1",
            "RX-10",
            "RX-0",
            "RX-01",
            "rx-1",
            "DM2-40",
            "R2D2",
            "ABCDEFGHIJ",
            "ABCDEFGHIJK",
            "ABCDEFGHIJ-7",
            "O1",
            "KR_2",
            "o1",
            "1O",
            "O-1",
            "",
            "K1 ",
            "É1",
        ];
        for (pattern, accepts) in [
            (ITEM_KEY_PATTERN, is_item_key as fn(&str) -> bool),
            (ITEM_ID_PATTERN, is_item_id),
            (SIMPLE_ID_PATTERN, is_simple_id),
        ] {
            let validator = jsonschema::validator_for(
                &serde_json::json!({"type": "string", "pattern": pattern}),
            )
            .unwrap();
            for case in cases {
                assert_eq!(
                    validator.is_valid(&Value::from(case)),
                    accepts(case),
                    "{pattern} on {case:?}"
                );
            }
        }
    }
}
