//! JSON: our own document, or rows as sheet-to-JSON converters write them, turned into a [`Grid`].
//!
//! Accepted row shapes: `[{"Activity": "...", "Ops": "R"}, ...]` (key order is column order,
//! serde_json keeps it), the same wrapped in an object (`{"rows": [...]}`, `{"Sheet1": [...]}`),
//! and an array of arrays whose first array is the header.

use serde_json::{Map, Value};

use crate::document;
use crate::model::Matrix;
use crate::rules::RuleSettings;

use super::grid::{Grid, Section};
use super::notes::Notes;
use super::{ImportError, NoteKind};

/// What a JSON file held.
#[derive(Debug)]
pub(crate) enum JsonContent {
    /// Our own document: nothing to detect.
    Document(Box<(Matrix, RuleSettings)>),
    /// Rows to read like a sheet; row 1 is the header (the keys), object n is row n + 1.
    Sheet(Grid),
}

/// Parses JSON text. Errors name the line and character where the JSON breaks.
pub(crate) fn parse(text: &str, notes: &mut Notes) -> Result<JsonContent, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError {
        row: Some(e.line()),
        column: None,
        message: format!(
            "This file is not valid JSON: {} (line {}, character {}). If it was edited by hand, \
             check the quotes and commas there.",
            plain(&e),
            e.line(),
            e.column()
        ),
    })?;
    if document::is_document(&value) {
        return document::from_value(value)
            .map(|(matrix, settings)| JsonContent::Document(Box::new((matrix, settings))))
            .map_err(|error| ImportError {
                row: None,
                column: None,
                message: error.to_string(),
            });
    }
    let rows = rows_of(&value, notes)?;
    Ok(JsonContent::Sheet(rows))
}

/// serde_json's message without its own " at line X column Y" tail (we say it in our words).
fn plain(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text.get(..cut).unwrap_or(&text).to_owned(),
        None => text,
    }
}

fn rows_of(value: &Value, notes: &mut Notes) -> Result<Grid, ImportError> {
    match value {
        Value::Array(items) => grid_of(items),
        Value::Object(members) => {
            let found = members.iter().find(|(_, v)| {
                v.as_array()
                    .is_some_and(|a| a.iter().any(|x| x.is_object() || x.is_array()))
            });
            match found {
                Some((key, Value::Array(items))) => {
                    notes.push(
                        NoteKind::Guessed,
                        None,
                        None,
                        format!("Read the rows from the JSON member \"{key}\"."),
                    );
                    grid_of(items)
                }
                _ => Err(not_rows(
                    "The JSON holds an object but no list of rows. Expected rows such as \
                     [{\"Activity\": \"Deploy\", \"Ops\": \"R\"}], or a RACI Workshop document.",
                )),
            }
        }
        _ => Err(not_rows(
            "The JSON holds a single value, not rows. Expected rows such as \
             [{\"Activity\": \"Deploy\", \"Ops\": \"R\"}], or a RACI Workshop document.",
        )),
    }
}

fn not_rows(message: &str) -> ImportError {
    ImportError {
        row: None,
        column: None,
        message: message.to_owned(),
    }
}

/// Row objects (or arrays) to a grid. The header is the union of keys in order of first use.
fn grid_of(items: &[Value]) -> Result<Grid, ImportError> {
    let mut grid = Grid::default();
    if items.iter().all(Value::is_array) {
        for (n, item) in items.iter().enumerate() {
            grid.start_row(n + 1, Section::Unknown);
            for value in item.as_array().into_iter().flatten() {
                grid.push_cell(&text_of(value));
            }
        }
        return Ok(grid);
    }
    let mut keys: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (n, item) in items.iter().enumerate() {
        let Some(object) = item.as_object() else {
            return Err(ImportError {
                row: Some(n + 2),
                column: None,
                message: format!(
                    "Item {} of the JSON list is not an object of column values \
                     ({{\"Activity\": ..., \"Ops\": \"R\"}}), so the list cannot be read as rows.",
                    n + 1
                ),
            });
        };
        for key in object.keys() {
            if seen.insert(key.as_str()) {
                keys.push(key);
            }
        }
    }
    grid.start_row(1, Section::Unknown);
    for key in &keys {
        grid.push_cell(key);
    }
    for (n, object) in items.iter().filter_map(Value::as_object).enumerate() {
        grid.start_row(n + 2, Section::Unknown);
        for key in &keys {
            grid.push_cell(&cell_of(object, key));
        }
    }
    Ok(grid)
}

fn cell_of(object: &Map<String, Value>, key: &str) -> String {
    object.get(key).map(text_of).unwrap_or_default()
}

/// A JSON value as cell text: strings as they are, lists joined with ", " (transposed sheets list
/// role names), anything else as JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|v| !v.is_array() && !v.is_object()) => {
            items.iter().map(text_of).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> Vec<Vec<String>> {
        let mut notes = Notes::default();
        match parse(text, &mut notes) {
            Ok(JsonContent::Sheet(grid)) => grid
                .rows()
                .map(|r| r.cells().map(str::to_owned).collect())
                .collect(),
            Ok(JsonContent::Document(_)) => panic!("not a document"),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn row_objects_keep_key_order_and_fill_missing_keys() {
        let rows = sheet(
            r#"[{"Activity": "Deploy", "Ops": "R", "Sec": null}, {"Activity": "Patch", "FinOps": 1, "Ops": ["A", "R"]}]"#,
        );
        assert_eq!(rows[0], ["Activity", "Ops", "Sec", "FinOps"]);
        assert_eq!(rows[1], ["Deploy", "R", "", ""]);
        assert_eq!(rows[2], ["Patch", "A, R", "", "1"]);
    }

    #[test]
    fn wrapped_rows_and_arrays_of_arrays_are_read() {
        assert_eq!(
            sheet(r#"{"rows": [{"Task": "Deploy", "Ops": "R"}]}"#).len(),
            2
        );
        assert_eq!(
            sheet(r#"{"Sheet1": [["Task", "Ops"], ["Deploy", "R"]]}"#)[1],
            ["Deploy", "R"]
        );
    }

    #[test]
    fn invalid_json_says_line_and_character() {
        let mut notes = Notes::default();
        let error = parse("[\n{\"Activity\": \"Deploy\",, }\n]", &mut notes).expect_err("invalid");
        assert_eq!(error.row, Some(2));
        assert!(error.message.contains("line 2, character"), "{error}");
        let error = parse("42", &mut notes).expect_err("not rows");
        assert!(error.message.contains("not rows"), "{error}");
        let error = parse("[{\"a\": 1}, 3]", &mut notes).expect_err("mixed");
        assert_eq!(error.row, Some(3));
    }

    #[test]
    fn our_document_is_recognised() {
        let mut notes = Notes::default();
        let text = r#"{"format": "raci-workshop", "version": 1, "title": "T", "roles": [{"id": 1, "name": "Ops"}], "activities": [{"id": 2, "name": "Deploy", "cells": {"Ops": "A/R"}}]}"#;
        match parse(text, &mut notes) {
            Ok(JsonContent::Document(doc)) => assert_eq!(doc.0.title, "T"),
            _ => panic!("expected a document"),
        }
    }
}
