//! `product schema` and the committed `product.schema.json`: the schema is
//! what the command prints, the example files and every file `init` writes
//! validate against it, it rejects what `product check` or a load would, and
//! `init --schema` points editors at it in a way later edits keep.

mod common;

use common::{MINIMAL, ok, ok_json, product, scratch_text, stderr, stdout, text};
use serde_json::{Value, json};

/// The schema as `product schema` prints it, run where there is no product file.
fn printed_schema() -> (String, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["schema"]);
    let value = serde_json::from_str(&out).expect("the schema is JSON");
    (out, value)
}

/// A validator that also checks `format` (a date must be a real day).
fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&printed_schema().1)
        .expect("the schema compiles")
}

/// A TOML document as an editor hands it to a JSON Schema validator: dates
/// become their `YYYY-MM-DD` text.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(values) => Value::Array(values.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

fn toml_text_to_json(text: &str) -> Value {
    toml_to_json(toml::Value::Table(
        toml::from_str(text).expect("the TOML parses"),
    ))
}

/// The schema's complaints about a document, one line each.
fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn assert_valid(validator: &jsonschema::Validator, document: &Value, what: &str) {
    let problems = errors(validator, document);
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

/// MINIMAL as JSON, the shape every rejection test starts from.
fn minimal() -> Value {
    toml_text_to_json(MINIMAL)
}

#[test]
fn the_committed_schema_is_what_product_schema_prints() {
    let (out, value) = printed_schema();
    assert!(out.ends_with("}\n"), "a final newline");
    assert_eq!(
        serde_json::to_string_pretty(&value).unwrap() + "\n",
        out,
        "pretty JSON"
    );
    common::assert_golden(&common::repo("product.schema.json"), &out);
}

#[test]
fn json_wraps_the_schema_in_the_envelope() {
    let dir = tempfile::tempdir().unwrap();
    let (_, raw) = printed_schema();
    let envelope = ok_json(dir.path(), &["schema"], "schema");
    assert_eq!(envelope["schema"], raw);
    let out = ok(dir.path(), &["schema", "--format", "json"]);
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value, envelope);
    // --quiet keeps what was asked for: the schema is the output.
    assert_eq!(ok(dir.path(), &["-q", "schema"]), printed_schema().0);
}

#[test]
fn markdown_and_csv_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["markdown", "csv"] {
        let out = product(dir.path())
            .args(["schema", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty(), "{format}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!(
                "error: --format {format} does not apply to `product schema`"
            )),
            "{err}"
        );
        assert!(
            err.contains("hint: `product schema` prints the schema as JSON"),
            "{err}"
        );
    }
}

#[test]
fn the_examples_validate() {
    let validator = validator();
    let json: Value = serde_json::from_str(&text(&common::repo("examples/product.json"))).unwrap();
    assert_valid(&validator, &json, "examples/product.json");
    let toml = toml_text_to_json(&text(&common::repo("examples/product.toml")));
    assert_valid(&validator, &toml, "examples/product.toml");
    // The two are the same product, so the conversion loses nothing the schema sees.
    assert_eq!(toml, json);
}

#[test]
fn an_unknown_key_is_rejected_and_an_extension_accepted() {
    let validator = validator();
    let mut doc = minimal();
    assert_valid(&validator, &doc, "MINIMAL");
    doc["items"][0]["x-jira"] = json!("LIB-42");
    doc["x-team"] = json!({"slack": "#library"});
    assert_valid(&validator, &doc, "x- keys");
    doc["items"][0]["titel"] = json!("Join online today");
    let problems = errors(&validator, &doc);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("/items/0: ") && problems[0].contains("'titel'"),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_status_is_rejected() {
    let validator = validator();
    let mut doc = minimal();
    doc["items"][1]["status"] = json!("wip");
    let problems = errors(&validator, &doc);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("/items/1/status: ") && problems[0].contains("\"wip\""),
        "{problems:?}"
    );
}

#[test]
fn a_day_that_does_not_exist_is_rejected() {
    let validator = validator();
    let mut doc = minimal();
    doc["items"][0]["due"] = json!("2027-02-28");
    assert_valid(&validator, &doc, "a real day");
    doc["items"][0]["due"] = json!("2026-13-45");
    let problems = errors(&validator, &doc);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("/items/0/due: ") && problems[0].contains("date"),
        "{problems:?}"
    );
    // The tool refuses the same file.
    let (dir, _) = scratch_text(
        &MINIMAL.replace("size = 5", "size = 5\ndue = 2026-13-45"),
        "product.toml",
    );
    let out = product(dir.path()).args(["item", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

#[test]
fn a_missing_version_is_rejected_and_so_is_another_version() {
    let validator = validator();
    let mut doc = minimal();
    doc.as_object_mut().unwrap().remove("version");
    let problems = errors(&validator, &doc);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("\"version\" is a required property"),
        "{problems:?}"
    );
    doc["version"] = json!(2);
    assert_eq!(errors(&validator, &doc).len(), 1);
}

#[test]
fn values_the_load_refuses_are_rejected() {
    let validator = validator();
    for (pointer, value) in [
        ("/product/key", json!("lc")),
        ("/items/0/id", json!("LC-01")),
        ("/items/0/size", json!("big")),
        ("/check/max_doing", json!(-1)),
        ("/check/must_have_share", json!(0)),
        ("/check/rules/unknown-key", json!("warn")),
    ] {
        let mut doc = minimal();
        doc["check"] = json!({"rules": {}});
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        doc.pointer_mut(parent).unwrap()[key] = value.clone();
        let problems = errors(&validator, &doc);
        assert_eq!(problems.len(), 1, "{pointer} = {value}: {problems:?}");
        assert!(problems[0].starts_with(pointer), "{problems:?}");
    }
}

/// A file with a typo at each level the check walks: the schema flags each
/// one where `product check` reports it, and neither flags the extensions.
#[test]
fn flags_the_keys_product_check_reports() {
    let file = format!(
        r#""$schema" = "product.schema.json"
x-team = "libraries"
verison = 1
{}
[[objectives]]
id = "O1"
title = "More members"
x-owner = "Ada"
key_results = [{{ id = "KR1", title = "Members", start = 1, target = 2, histroy = [] }}]

[check]
max_doin = 3

[check.rules]
ready-need-size = "off"
x-later = "off"
"#,
        MINIMAL.replace("size = 5", "size = 5\nsise = 3\nx-jira = \"LIB-1\"")
    );
    let typos = ["verison", "sise", "histroy", "max_doin", "ready-need-size"];
    let (dir, path) = scratch_text(&file, "product.toml");
    let out = product(dir.path())
        .args(["check", "--json"])
        .output()
        .unwrap();
    let report: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    let reported: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unknown-key")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(reported.len(), typos.len(), "{reported:?}");
    let problems = errors(&validator(), &toml_text_to_json(&text(&path)));
    assert_eq!(problems.len(), typos.len(), "{problems:?}");
    for typo in typos {
        let quoted = format!("`{typo}`");
        assert!(
            reported.iter().any(|m| m.contains(&quoted)),
            "{typo}: {reported:?}"
        );
        let quoted = format!("\"{typo}\"");
        let single = format!("'{typo}'");
        assert!(
            problems
                .iter()
                .any(|p| p.contains(&quoted) || p.contains(&single)),
            "{typo}: {problems:?}"
        );
    }
}

#[test]
fn every_file_init_writes_validates() {
    let validator = validator();
    for template in ["basic", "govuk"] {
        for name in ["product.toml", "product.json"] {
            for schema in [None, Some("product.schema.json")] {
                let dir = tempfile::tempdir().unwrap();
                let mut args = vec![
                    "-f",
                    name,
                    "init",
                    "--name",
                    "Renew a licence",
                    "--template",
                    template,
                    "--owner",
                    "Ada Byrne",
                ];
                args.extend(schema.map(|s| ["--schema", s]).into_iter().flatten());
                ok(dir.path(), &args);
                let written = text(&dir.path().join(name));
                let document = if name.ends_with(".json") {
                    serde_json::from_str(&written).unwrap()
                } else {
                    toml_text_to_json(&written)
                };
                assert_valid(&validator, &document, &format!("{args:?}"));
            }
        }
    }
}

#[test]
fn init_schema_puts_a_directive_on_the_first_line_of_toml_and_edits_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("product.schema.json"), printed_schema().0).unwrap();
    ok(
        dir.path(),
        &[
            "init",
            "--name",
            "Library cards",
            "--key",
            "LC",
            "--owner",
            "Ada Byrne",
            "--schema",
            "product.schema.json",
        ],
    );
    let path = dir.path().join("product.toml");
    let written = text(&path);
    assert!(
        written.starts_with("#:schema product.schema.json\n# The product file"),
        "{written}"
    );
    ok(
        dir.path(),
        &["--as", "Ada Byrne", "item", "add", "Join online"],
    );
    ok(
        dir.path(),
        &[
            "--as",
            "Ada Byrne",
            "vision",
            "set",
            "--statement",
            "Join from home",
        ],
    );
    let edited = text(&path);
    assert!(
        edited.starts_with("#:schema product.schema.json\n"),
        "{edited}"
    );
    assert!(edited.contains("title = \"Join online\""), "{edited}");
    let report = ok_json(dir.path(), &["check"], "check");
    assert_eq!(report["findings"], json!([]), "{report:#}");
    assert_valid(&validator(), &toml_text_to_json(&edited), "after edits");
}

#[test]
fn init_schema_puts_a_schema_key_first_in_json_and_edits_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "--json",
            "init",
            "--name",
            "Library cards",
            "--key",
            "LC",
            "--owner",
            "Ada Byrne",
            "--schema",
            "./product.schema.json",
        ],
    );
    let path = dir.path().join("product.json");
    let written: Value = serde_json::from_str(&text(&path)).unwrap();
    let keys: Vec<&String> = written.as_object().unwrap().keys().collect();
    assert_eq!(keys[..2], ["$schema", "version"], "{written:#}");
    assert_eq!(written["$schema"], "./product.schema.json");
    ok(
        dir.path(),
        &["--as", "Ada Byrne", "item", "add", "Join online"],
    );
    ok(
        dir.path(),
        &["--as", "Ada Byrne", "item", "move", "LC-1", "--top"],
    );
    let edited: Value = serde_json::from_str(&text(&path)).unwrap();
    let keys: Vec<&String> = edited.as_object().unwrap().keys().collect();
    assert_eq!(keys[..2], ["$schema", "version"], "{edited:#}");
    assert_eq!(edited["$schema"], "./product.schema.json");
    assert_eq!(edited["items"][0]["title"], "Join online");
    // No `unknown-key` for `$schema`: the check is clean.
    let report = ok_json(dir.path(), &["check"], "check");
    assert_eq!(report["findings"], json!([]), "{report:#}");
    assert_valid(&validator(), &edited, "after edits");
}

#[test]
fn init_schema_refuses_what_cannot_be_a_first_line() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["", "a\nb"] {
        let out = product(dir.path())
            .args(["init", "--name", "X", "--schema", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(
            stderr(&out).starts_with("error: --schema: "),
            "{}",
            stderr(&out)
        );
        assert!(!dir.path().join("product.toml").exists(), "{bad:?}");
    }
}
