//! Findings as SARIF 2.1.0 (`--format sarif`), the format code-scanning
//! services (GitHub's among them) take from any analysis tool.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::render::write_json;
use productfile::check::{Rule, Severity};

use super::Placed;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log of `findings`, judged by `rules`.
pub fn write(findings: &[Placed], rules: &[&Rule], out: &mut dyn Write) -> io::Result<()> {
    write_json(&log(findings, rules), out)
}

/// The SARIF log of one run.
pub fn log(findings: &[Placed], rules: &[&Rule]) -> Value {
    let rule_list: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "area": r.area },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|p| {
            let f = &p.finding;
            let mut text = f.message.clone();
            if let Some(hint) = &f.hint {
                text.push_str("\nHint: ");
                text.push_str(hint);
            }
            let rule_index = rules.iter().position(|r| r.id == f.rule);
            // Code scanning shows a result only at a place: the first line
            // stands in for what has none (something removed, say).
            let region = json!({
                "startLine": p.line.unwrap_or(1),
                "startColumn": p.column.unwrap_or(1),
            });
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&p.file), "uriBaseId": "%SRCROOT%" },
                        "region": region,
                    },
                    "logicalLocations": [{ "fullyQualifiedName": p.path }],
                }],
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "product",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_list,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// A relative path as a URI reference: forward slashes, and spaces and
/// other reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for c in path.replace('\\', "/").chars() {
        if c.is_ascii_alphanumeric() || "-._~/".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("docs/my product.toml"), "docs/my%20product.toml");
        assert_eq!(uri("café.toml"), "caf%C3%A9.toml");
    }
}
