//! CSV, for spreadsheets: one table of plain values a view gives, or its
//! refusal.
//!
//! A list (`item list`, `rank`, `kpi list`, ...) prints its rows, with
//! values as they are rather than as people read them: numbers without
//! units or words, a status and a separate `Blocked` column, a move as a
//! signed number. Any other view (one thing with its parts, such as `show`,
//! `vision`, `item show`, or what a change did) prints `field,value`: a
//! row for each value of its `--json` output, named by its path there
//! (`objectives.0.grade`, `users.1`).

use std::io::{self, Write};

use serde::Serialize;

use super::text::{Block, TableBlock};
use productfile::interchange::neutralise;

/// A view's CSV.
#[derive(Debug, Clone, PartialEq)]
pub enum Csv {
    /// A header and rows of plain values.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// No CSV form: why, and what to use instead.
    Refused { why: String, hint: String },
}

impl Csv {
    /// The view's first table, for a list that always shows one (if empty)
    /// and whose cells are already plain values.
    pub fn list(blocks: &[Block]) -> Csv {
        let table = blocks.iter().find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        });
        match table {
            Some(table) => Csv::table(table),
            None => Csv::Table {
                header: Vec::new(),
                rows: Vec::new(),
            },
        }
    }

    /// A table whose cells are already plain values.
    pub fn table(table: &TableBlock) -> Csv {
        Csv::Table {
            header: table.header.clone(),
            rows: table
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.text.clone()).collect())
                .collect(),
        }
    }

    /// `field,value`: a row for each value of the view's JSON, named by its path.
    pub fn fields<T: Serialize + ?Sized>(view: &T) -> Csv {
        let mut rows = Vec::new();
        match serde_json::to_value(view) {
            Ok(value) => flatten(&value, String::new(), &mut rows),
            Err(e) => rows.push(vec!["error".into(), e.to_string()]),
        }
        Csv::Table {
            header: vec!["field".into(), "value".into()],
            rows,
        }
    }

    /// No CSV form.
    pub fn refused(why: impl Into<String>, hint: impl Into<String>) -> Csv {
        Csv::Refused {
            why: why.into(),
            hint: hint.into(),
        }
    }
}

/// A row for each scalar under `value`, named by its dotted path.
fn flatten(value: &serde_json::Value, path: String, rows: &mut Vec<Vec<String>>) {
    use serde_json::Value;
    let join = |key: &str| match path.is_empty() {
        true => key.to_owned(),
        false => format!("{path}.{key}"),
    };
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                flatten(v, join(key), rows);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                flatten(v, join(&i.to_string()), rows);
            }
        }
        Value::Null => rows.push(vec![path, String::new()]),
        Value::String(s) => rows.push(vec![path, s.clone()]),
        Value::Bool(b) => rows.push(vec![path, b.to_string()]),
        Value::Number(n) => rows.push(vec![path, n.to_string()]),
    }
}

/// Writes the table; cells a spreadsheet would run as formulas are neutralised.
pub fn write(csv: &Csv, out: &mut dyn Write) -> io::Result<()> {
    let Csv::Table { header, rows } = csv else {
        // Commands check for a refusal before they print.
        return Err(io::Error::other("this view has no CSV form"));
    };
    let csv_err = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    };
    if header.is_empty() {
        return Ok(());
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header).map_err(csv_err)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|c| neutralise(c)))
            .map_err(csv_err)?;
    }
    writer.flush()
}

/// A value as its JSON writes it: an enum by its name in the file
/// (`at_risk`, `down`), a number or text as it is; empty for none.
pub fn plain<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) | Err(_) => String::new(),
        Ok(other) => other.to_string(),
    }
}

/// A number as it is (whole ones without a decimal point, others at full
/// precision, as in the JSON), or empty.
pub fn number(value: Option<f64>) -> String {
    value.map_or(
        String::new(),
        |v| match productfile::model::number::as_integer(v) {
            Some(i) => i.to_string(),
            None => v.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Cell;

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        let csv = Csv::table(&TableBlock {
            header: vec!["ID".into(), "Title".into()],
            rows: vec![vec!["RX-1".into(), Cell::from("=SUM(A1) | pipes")]],
        });
        let mut out = Vec::new();
        write(&csv, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "ID,Title\nRX-1,'=SUM(A1) | pipes\n"
        );
    }

    #[test]
    fn fields_are_named_by_their_json_path() {
        let value = serde_json::json!({
            "product": "Payments",
            "users": ["Patients", "Pharmacists"],
            "objectives": [{"id": "O1", "grade": 0.5, "colour": null}],
            "mvp": true,
        });
        let Csv::Table { header, rows } = Csv::fields(&value) else {
            panic!("a table");
        };
        assert_eq!(header, ["field", "value"]);
        let rows: Vec<String> = rows.iter().map(|r| r.join("=")).collect();
        assert_eq!(
            rows,
            [
                "product=Payments",
                "users.0=Patients",
                "users.1=Pharmacists",
                "objectives.0.id=O1",
                "objectives.0.grade=0.5",
                "objectives.0.colour=",
                "mvp=true",
            ]
        );
    }
}
