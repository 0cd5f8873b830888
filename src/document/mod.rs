//! Our own JSON document: the whole matrix, its rule settings and its review record, versioned,
//! readable and diffable.
//!
//! Cells are keyed by role name and written as people write them ("A/R"), so a document reads well
//! in a code review. A value the importer could not understand is kept as `{"unrecognised": "..."}`.
//!
//! Version 2 added the review record (`"review"`: baseline, decisions, actions, owners, completed
//! reviews); version 1 documents, which have none, are still read.
//!
//! One set of types serves both ways: written, every part is borrowed from the matrix; read, the
//! parts are owned, except role names and letters in cells, borrowed from the text ([`cells`]).

mod cells;
mod error;

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Action, Baseline, Date, Decision, Record, ReviewEntry, Stewardship};
use crate::model::{
    Activity, ActivityId, Cell, Group, GroupId, Matrix, Role, Scheme, SheetColumns,
};
use crate::rules::RuleSettings;

use cells::Cells;
pub use error::DocumentError;

/// The value of the document's "format" member.
pub const FORMAT: &str = "raci-workshop";
/// The newest document version this build reads and the one it writes.
pub const VERSION: u64 = 2;

#[derive(Serialize, Deserialize)]
struct Document<'a> {
    format: Cow<'a, str>,
    version: u64,
    title: Cow<'a, str>,
    #[serde(default)]
    scheme: Scheme,
    roles: Cow<'a, [Role]>,
    #[serde(default, skip_serializing_if = "is_empty")]
    groups: Cow<'a, [Group]>,
    #[serde(borrow)]
    activities: Vec<ActivityDoc<'a>>,
    #[serde(default)]
    columns: Cow<'a, SheetColumns>,
    #[serde(default)]
    settings: Cow<'a, RuleSettings>,
    #[serde(default, borrow, skip_serializing_if = "RecordDoc::is_empty")]
    review: RecordDoc<'a>,
    /// The id the next new role, group or activity gets (documents before it count on from the
    /// highest id, which can be lower after an undone add).
    #[serde(default, rename = "next-id", skip_serializing_if = "Option::is_none")]
    next_id: Option<u32>,
}

/// The review record as written in a document: like [`Record`], with the baseline's cells keyed
/// by role name as the matrix's are.
#[derive(Default, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct RecordDoc<'a> {
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineDoc<'a>>,
    #[serde(skip_serializing_if = "is_empty")]
    decisions: Cow<'a, [Decision]>,
    #[serde(skip_serializing_if = "is_empty")]
    actions: Cow<'a, [Action]>,
    stewardship: Cow<'a, Stewardship>,
    #[serde(skip_serializing_if = "is_empty")]
    reviews: Cow<'a, [ReviewEntry]>,
}

impl RecordDoc<'_> {
    fn is_empty(&self) -> bool {
        self.baseline.is_none()
            && self.decisions.is_empty()
            && self.actions.is_empty()
            && self.reviews.is_empty()
            && *self.stewardship == Stewardship::default()
    }
}

// serde hands `skip_serializing_if` the field itself.
#[allow(clippy::ptr_arg)]
fn is_empty<T: Clone>(items: &Cow<'_, [T]>) -> bool {
    items.is_empty()
}

#[derive(Serialize, Deserialize)]
struct BaselineDoc<'a> {
    taken: Date,
    title: Cow<'a, str>,
    #[serde(default)]
    scheme: Scheme,
    roles: Cow<'a, [Role]>,
    #[serde(default, skip_serializing_if = "is_empty")]
    groups: Cow<'a, [Group]>,
    #[serde(borrow)]
    activities: Vec<ActivityDoc<'a>>,
    #[serde(default)]
    columns: Cow<'a, SheetColumns>,
    #[serde(default, rename = "next-id", skip_serializing_if = "Option::is_none")]
    next_id: Option<u32>,
}

#[derive(Serialize, Deserialize)]
struct ActivityDoc<'a> {
    id: ActivityId,
    name: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<GroupId>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    description: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    notes: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    fields: Cow<'a, BTreeMap<String, String>>,
    /// Role name -> "A/R" or {"unrecognised": text}; empty cells are left out.
    #[serde(default, borrow)]
    cells: Cells<'a>,
}

/// Writes `matrix` (with its review record) and `settings` as a pretty-printed JSON document.
pub fn to_json(matrix: &Matrix, settings: &RuleSettings) -> String {
    let mut text = serde_json::to_string_pretty(&document(matrix, settings)).unwrap_or_default();
    text.push('\n');
    text
}

/// The same document without the indentation, for the library to store: at 5,000 x 100 it is a
/// third smaller and quicker to write, and it reads back the same.
pub fn to_compact_json(matrix: &Matrix, settings: &RuleSettings) -> String {
    serde_json::to_string(&document(matrix, settings)).unwrap_or_default()
}

fn document<'a>(matrix: &'a Matrix, settings: &'a RuleSettings) -> Document<'a> {
    Document {
        format: Cow::Borrowed(FORMAT),
        version: VERSION,
        title: Cow::Borrowed(&matrix.title),
        scheme: matrix.scheme,
        roles: Cow::Borrowed(&matrix.roles),
        groups: Cow::Borrowed(&matrix.groups),
        activities: activity_docs(matrix),
        columns: Cow::Borrowed(&matrix.columns),
        settings: Cow::Borrowed(settings),
        review: record_doc(&matrix.record),
        next_id: Some(matrix.next_id),
    }
}

fn record_doc(record: &Record) -> RecordDoc<'_> {
    RecordDoc {
        baseline: record.baseline.as_ref().map(|b| BaselineDoc {
            taken: b.taken,
            title: Cow::Borrowed(&b.matrix.title),
            scheme: b.matrix.scheme,
            roles: Cow::Borrowed(&b.matrix.roles),
            groups: Cow::Borrowed(&b.matrix.groups),
            activities: activity_docs(&b.matrix),
            columns: Cow::Borrowed(&b.matrix.columns),
            next_id: Some(b.matrix.next_id),
        }),
        decisions: Cow::Borrowed(&record.decisions),
        actions: Cow::Borrowed(&record.actions),
        stewardship: Cow::Borrowed(&record.stewardship),
        reviews: Cow::Borrowed(&record.reviews),
    }
}

fn activity_docs(matrix: &Matrix) -> Vec<ActivityDoc<'_>> {
    matrix
        .activities
        .iter()
        .map(|a| ActivityDoc {
            id: a.id,
            name: Cow::Borrowed(&a.name),
            group: a.group,
            description: Cow::Borrowed(&a.description),
            notes: Cow::Borrowed(&a.notes),
            fields: Cow::Borrowed(&a.fields),
            cells: Cells::Write {
                roles: &matrix.roles,
                cells: &a.cells,
            },
        })
        .collect()
}

/// True when `value` claims to be one of our documents (whatever its version).
pub fn is_document(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some(FORMAT)
}

/// Reads one of our documents from its JSON text. Errors say what is wrong and where, in plain
/// words.
pub fn from_str(text: &str) -> Result<(Matrix, RuleSettings), DocumentError> {
    match serde_json::from_str::<Document>(text) {
        Ok(document) if document.version > VERSION => Err(DocumentError::Newer {
            version: document.version,
        }),
        Ok(document) => build(document),
        Err(damaged) => {
            // A newer or unversioned document is refused for that, whatever else it holds.
            #[derive(Deserialize)]
            struct Version {
                version: Option<u64>,
            }
            match serde_json::from_str::<Version>(text) {
                Ok(Version { version: None }) => Err(DocumentError::NoVersion),
                Ok(Version {
                    version: Some(version),
                }) if version > VERSION => Err(DocumentError::Newer { version }),
                _ => Err(DocumentError::Damaged(damaged.to_string())),
            }
        }
    }
}

/// Reads one of our documents already parsed as JSON (an import that had to look inside first).
pub fn from_value(value: Value) -> Result<(Matrix, RuleSettings), DocumentError> {
    from_str(&value.to_string())
}

fn build(document: Document) -> Result<(Matrix, RuleSettings), DocumentError> {
    let parts = MatrixParts {
        title: document.title.into_owned(),
        scheme: document.scheme,
        roles: document.roles.into_owned(),
        groups: document.groups.into_owned(),
        activities: document.activities,
        columns: document.columns.into_owned(),
        next_id: document.next_id,
    };
    let mut matrix = build_matrix(parts)?;
    matrix.record = build_record(document.review)?;
    Ok((matrix, document.settings.into_owned()))
}

fn build_record(doc: RecordDoc) -> Result<Record, DocumentError> {
    let baseline = match doc.baseline {
        None => None,
        Some(b) => {
            let parts = MatrixParts {
                title: b.title.into_owned(),
                scheme: b.scheme,
                roles: b.roles.into_owned(),
                groups: b.groups.into_owned(),
                activities: b.activities,
                columns: b.columns.into_owned(),
                next_id: b.next_id,
            };
            Some(Baseline {
                taken: b.taken,
                matrix: Box::new(
                    build_matrix(parts).map_err(|e| DocumentError::InBaseline(Box::new(e)))?,
                ),
            })
        }
    };
    let mut ids = FxHashSet::default();
    let all_ids = doc
        .decisions
        .iter()
        .map(|d| d.id)
        .chain(doc.actions.iter().map(|a| a.id))
        .chain(doc.reviews.iter().map(|r| r.id));
    for id in all_ids {
        if id == 0 || !ids.insert(id) {
            return Err(DocumentError::DuplicateRecordId(id));
        }
    }
    Ok(Record {
        baseline,
        decisions: doc.decisions.into_owned(),
        actions: doc.actions.into_owned(),
        stewardship: doc.stewardship.into_owned(),
        reviews: doc.reviews.into_owned(),
        // 0 for an empty record, as a new matrix has.
        next_id: ids.iter().max().map_or(0, |max| max + 1),
    })
}

/// The parts of a matrix as a document holds them (the matrix itself, or the review's baseline).
struct MatrixParts<'a> {
    title: String,
    scheme: Scheme,
    roles: Vec<Role>,
    groups: Vec<Group>,
    activities: Vec<ActivityDoc<'a>>,
    columns: SheetColumns,
    next_id: Option<u32>,
}

/// Builds and checks a matrix (the document's own, or the review's baseline).
fn build_matrix(document: MatrixParts) -> Result<Matrix, DocumentError> {
    let mut ids = FxHashSet::default();
    let mut claim = |id: u32, what: &dyn Fn() -> String| {
        if ids.insert(id) {
            Ok(())
        } else {
            Err(DocumentError::DuplicateId { id, by: what() })
        }
    };
    let mut role_at = FxHashMap::default();
    let mut role_names = FxHashSet::default();
    for (index, role) in document.roles.iter().enumerate() {
        claim(role.id.0, &|| format!("role \"{}\"", role.name))?;
        if role.name.trim().is_empty() {
            return Err(DocumentError::EmptyRoleName);
        }
        if !role_names.insert(role.name.to_lowercase()) {
            return Err(DocumentError::DuplicateRole(role.name.clone()));
        }
        role_at.insert(role.name.as_str(), index);
    }
    for group in &document.groups {
        claim(group.id.0, &|| format!("group \"{}\"", group.name))?;
    }
    let mut activities = Vec::with_capacity(document.activities.len());
    for (n, doc) in document.activities.into_iter().enumerate() {
        let label = || format!("activity {} (\"{}\")", n + 1, doc.name);
        claim(doc.id.0, &label)?;
        if let Some(g) = doc.group
            && !document.groups.iter().any(|x| x.id == g)
        {
            return Err(DocumentError::UnknownGroup {
                activity: label(),
                group: g.0,
            });
        }
        let mut cells = vec![Cell::EMPTY; document.roles.len()];
        if let Cells::Read(read) = &doc.cells {
            for (role_name, value) in read {
                let index =
                    *role_at
                        .get(role_name.as_ref())
                        .ok_or_else(|| DocumentError::UnknownRole {
                            activity: label(),
                            role: role_name.to_string(),
                        })?;
                cells[index] = value
                    .to_cell()
                    .ok_or_else(|| DocumentError::UnreadableCell {
                        activity: label(),
                        role: role_name.to_string(),
                        value: value.to_json(),
                    })?;
            }
        }
        activities.push(Activity {
            id: doc.id,
            name: doc.name.into_owned(),
            group: doc.group,
            description: doc.description.into_owned(),
            notes: doc.notes.into_owned(),
            fields: doc.fields.into_owned(),
            cells,
        });
    }
    let columns = document.columns;
    if columns.roles_at > columns.info.len() {
        return Err(DocumentError::ColumnLayout);
    }
    // Past every id in use, whatever the document says.
    let next_id = ids
        .iter()
        .max()
        .map_or(1, |max| max + 1)
        .max(document.next_id.unwrap_or(0));
    let matrix = Matrix {
        title: document.title,
        scheme: document.scheme,
        roles: document.roles,
        groups: document.groups,
        activities,
        columns,
        next_id,
        record: Record::default(),
    };
    Ok(matrix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InfoColumn, Letter};
    use crate::rules::RuleId;

    fn sample() -> (Matrix, RuleSettings) {
        let mut m = Matrix::new("Landing zone");
        m.scheme = Scheme::Rasci;
        m.push_role("Platform \"core\" team");
        m.push_role("Security");
        m.roles[1].description = "CISO office".into();
        let g = m.group_named("Plan");
        m.push_activity("Define, then \"agree\"", Some(g));
        m.push_activity("=SUM(A1)", None);
        m.activities[0].cells[0] = Cell::letters([Letter::A, Letter::R].into_iter().collect());
        m.activities[0].cells[1] = Cell::unrecognised("maybe");
        m.activities[1].notes = "line one\nline two".into();
        m.activities[1].fields.insert("WBS".into(), "1.2".into());
        m.columns.info.push(InfoColumn::Field("WBS".into()));
        let settings = RuleSettings {
            max_consulted: 2,
            disabled: [RuleId::IdleRole].into(),
            ..RuleSettings::default()
        };
        (m, settings)
    }

    #[test]
    fn a_document_reads_back_exactly() {
        let (m, settings) = sample();
        let json = to_json(&m, &settings);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert!(is_document(&value));
        let (back, back_settings) = from_value(value).unwrap();
        assert_eq!(back, m);
        assert_eq!(back_settings, settings);
    }

    #[test]
    fn cells_are_written_as_people_write_them() {
        let (m, settings) = sample();
        let json = to_json(&m, &settings);
        assert!(
            json.contains(r#""Platform \"core\" team": "A/R""#),
            "{json}"
        );
        assert!(json.contains(r#""unrecognised": "maybe""#), "{json}");
        assert!(json.contains(r#""max-consulted": 2"#), "{json}");
        assert!(json.contains(r#""idle-role""#), "{json}");
    }

    #[test]
    fn newer_and_damaged_documents_are_refused_in_plain_words() {
        let newer = serde_json::json!({"format": FORMAT, "version": 9});
        assert!(
            from_value(newer)
                .unwrap_err()
                .to_string()
                .contains("newer version")
        );
        let unversioned = serde_json::json!({"format": FORMAT});
        assert!(
            from_value(unversioned)
                .unwrap_err()
                .to_string()
                .contains("version")
        );
        let bad_cell = serde_json::json!({
            "format": FORMAT, "version": 1, "title": "T",
            "roles": [{"id": 1, "name": "Ops"}],
            "activities": [{"id": 2, "name": "Deploy", "cells": {"Dev": "R"}}]
        });
        let error = from_value(bad_cell).unwrap_err().to_string();
        assert!(
            error.contains("\"Dev\"") && error.contains("Deploy"),
            "{error}"
        );
        let twice = serde_json::json!({
            "format": FORMAT, "version": 1, "title": "T",
            "roles": [{"id": 1, "name": "Ops"}, {"id": 1, "name": "Dev"}],
            "activities": []
        });
        assert!(
            from_value(twice)
                .unwrap_err()
                .to_string()
                .contains("used twice")
        );
    }

    #[test]
    fn a_document_with_a_baseline_and_escaped_names_reads_back_from_its_text() {
        let (mut m, settings) = sample();
        m.record.baseline = Some(Baseline {
            taken: Date::from_ymd(2026, 11, 30).unwrap(),
            matrix: Box::new(m.clone()),
        });
        for text in [to_json(&m, &settings), to_compact_json(&m, &settings)] {
            let (back, back_settings) = from_str(&text).unwrap();
            assert_eq!(back, m);
            assert_eq!(back_settings, settings);
        }
    }

    #[test]
    fn cells_that_are_not_letters_are_named_with_their_value() {
        let document = |cell: &str| {
            format!(
                r#"{{"format": "{FORMAT}", "version": 2, "title": "T",
                    "roles": [{{"id": 1, "name": "Ops"}}],
                    "activities": [{{"id": 2, "name": "Deploy", "cells": {{"Ops": {cell}}}}}]}}"#
            )
        };
        for (cell, shown) in [
            ("\"XZ\"", "\"XZ\""),
            ("7", "7"),
            ("[1,2]", "[1,2]"),
            ("null", "null"),
            (r#"{"unrecognised": 5}"#, r#"{"unrecognised":5}"#),
        ] {
            let error = from_str(&document(cell)).unwrap_err().to_string();
            assert!(
                error.contains("\"Ops\"") && error.contains(shown),
                "{cell}: {error}"
            );
        }
        let (m, _) = from_str(&document(r#"{"unrecognised": "maybe"}"#)).unwrap();
        assert_eq!(m.activities[0].cells[0], Cell::unrecognised("maybe"));
        let (m, _) = from_str(&document("\"A/\\u0052\"")).unwrap();
        assert_eq!(
            m.activities[0].cells[0],
            Cell::letters([Letter::A, Letter::R].into_iter().collect())
        );
    }

    #[test]
    fn a_newer_document_is_refused_as_newer_whatever_its_shape() {
        let newer = format!(r#"{{"format": "{FORMAT}", "version": 9, "matrix": {{}}}}"#);
        assert_eq!(
            from_str(&newer).unwrap_err(),
            DocumentError::Newer { version: 9 }
        );
        let damaged = format!(r#"{{"format": "{FORMAT}", "version": 2, "title": 5}}"#);
        assert!(matches!(
            from_str(&damaged).unwrap_err(),
            DocumentError::Damaged(_)
        ));
    }

    #[test]
    fn the_id_counter_reads_back_and_never_falls_below_the_ids_in_use() {
        let (mut m, settings) = sample();
        // An add undone leaves the counter past the highest id in use.
        m.next_id += 3;
        let (back, _) = from_str(&to_compact_json(&m, &settings)).unwrap();
        assert_eq!(back.next_id, m.next_id);
        // Documents written before the counter was kept count on from the highest id.
        let json =
            to_json(&m, &settings).replace(&format!("\"next-id\": {}", m.next_id), "\"x\": 0");
        let (old, _) = from_str(&json).unwrap();
        assert_eq!(old.next_id, m.next_id - 3);
        // A counter below an id in use is not believed.
        let json = to_json(&m, &settings)
            .replace(&format!("\"next-id\": {}", m.next_id), "\"next-id\": 1");
        assert_eq!(from_str(&json).unwrap().0.next_id, m.next_id - 3);
    }
}
