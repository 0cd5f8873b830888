//! Our own JSON document: the whole matrix, its rule settings and its review record, versioned,
//! readable and diffable.
//!
//! Cells are keyed by role name and written as people write them ("A/R"), so a document reads well
//! in a code review. A value the importer could not understand is kept as `{"unrecognised": "..."}`.
//!
//! Version 2 added the review record (`"review"`: baseline, decisions, actions, owners, completed
//! reviews); version 1 documents, which have none, are still read.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{Action, Baseline, Date, Decision, Record, ReviewEntry, Stewardship};
use crate::model::{
    Activity, ActivityId, Cell, Group, GroupId, Letter, Letters, Matrix, Role, Scheme, SheetColumns,
};
use crate::rules::RuleSettings;

/// The value of the document's "format" member.
pub const FORMAT: &str = "raci-workshop";
/// The newest document version this build reads and the one it writes.
pub const VERSION: u64 = 2;

#[derive(Serialize, Deserialize)]
struct Document {
    format: String,
    version: u64,
    title: String,
    #[serde(default)]
    scheme: Scheme,
    roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    groups: Vec<Group>,
    activities: Vec<ActivityDoc>,
    #[serde(default)]
    columns: SheetColumns,
    #[serde(default)]
    settings: RuleSettings,
    #[serde(default, skip_serializing_if = "RecordDoc::is_empty")]
    review: RecordDoc,
}

/// The review record as written in a document: like [`Record`], with the baseline's cells keyed
/// by role name as the matrix's are.
#[derive(Default, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct RecordDoc {
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    decisions: Vec<Decision>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actions: Vec<Action>,
    stewardship: Stewardship,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reviews: Vec<ReviewEntry>,
}

impl RecordDoc {
    fn is_empty(&self) -> bool {
        self.baseline.is_none()
            && self.decisions.is_empty()
            && self.actions.is_empty()
            && self.reviews.is_empty()
            && self.stewardship == Stewardship::default()
    }
}

#[derive(Serialize, Deserialize)]
struct BaselineDoc {
    taken: Date,
    title: String,
    #[serde(default)]
    scheme: Scheme,
    roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    groups: Vec<Group>,
    activities: Vec<ActivityDoc>,
    #[serde(default)]
    columns: SheetColumns,
}

#[derive(Serialize, Deserialize)]
struct ActivityDoc {
    id: ActivityId,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<GroupId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    notes: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, String>,
    /// Role name -> "A/R" or {"unrecognised": text}; empty cells are left out.
    #[serde(default)]
    cells: Map<String, Value>,
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

fn document(matrix: &Matrix, settings: &RuleSettings) -> Document {
    Document {
        format: FORMAT.to_owned(),
        version: VERSION,
        title: matrix.title.clone(),
        scheme: matrix.scheme,
        roles: matrix.roles.clone(),
        groups: matrix.groups.clone(),
        activities: activity_docs(matrix),
        columns: matrix.columns.clone(),
        settings: settings.clone(),
        review: record_doc(&matrix.record),
    }
}

fn record_doc(record: &Record) -> RecordDoc {
    RecordDoc {
        baseline: record.baseline.as_ref().map(|b| BaselineDoc {
            taken: b.taken,
            title: b.matrix.title.clone(),
            scheme: b.matrix.scheme,
            roles: b.matrix.roles.clone(),
            groups: b.matrix.groups.clone(),
            activities: activity_docs(&b.matrix),
            columns: b.matrix.columns.clone(),
        }),
        decisions: record.decisions.clone(),
        actions: record.actions.clone(),
        stewardship: record.stewardship.clone(),
        reviews: record.reviews.clone(),
    }
}

fn activity_docs(matrix: &Matrix) -> Vec<ActivityDoc> {
    matrix
        .activities
        .iter()
        .map(|a| ActivityDoc {
            id: a.id,
            name: a.name.clone(),
            group: a.group,
            description: a.description.clone(),
            notes: a.notes.clone(),
            fields: a.fields.clone(),
            cells: matrix
                .roles
                .iter()
                .zip(&a.cells)
                .filter(|(_, cell)| !cell.is_empty())
                .map(|(role, cell)| (role.name.clone(), cell_to_value(cell)))
                .collect(),
        })
        .collect()
}

/// Why a document cannot be read. Each says what is wrong and where, in plain words; nothing is
/// half-read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    NoVersion,
    Newer {
        version: u64,
    },
    /// The JSON does not have the document's shape (serde's words, naming the member).
    Damaged(String),
    /// An id used twice; `by` names the second holder ("role \"Ops\"").
    DuplicateId {
        id: u32,
        by: String,
    },
    EmptyRoleName,
    DuplicateRole(String),
    /// `activity` ("activity 3 (\"Deploy\")") names a group that does not exist.
    UnknownGroup {
        activity: String,
        group: u32,
    },
    UnknownRole {
        activity: String,
        role: String,
    },
    UnreadableCell {
        activity: String,
        role: String,
        value: String,
    },
    ColumnLayout,
    /// The review record uses an id twice, or 0.
    DuplicateRecordId(u32),
    /// The problem is in the review's baseline, not in the matrix.
    InBaseline(Box<DocumentError>),
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentError::NoVersion => f.write_str(
                "This RACI Workshop document has no \"version\" number, so it cannot be read safely.",
            ),
            DocumentError::Newer { version } => write!(
                f,
                "This document was saved by a newer version of RACI Workshop (format version \
                 {version}; this one reads up to {VERSION}). Open it in the newer version and \
                 export it as CSV to bring it here."
            ),
            DocumentError::Damaged(why) => {
                write!(f, "This RACI Workshop document is damaged: {why}.")
            }
            DocumentError::DuplicateId { id, by } => {
                write!(f, "The id {id} is used twice (second time by {by}).")
            }
            DocumentError::EmptyRoleName => f.write_str("A role has an empty name."),
            DocumentError::DuplicateRole(name) => write!(f, "The role \"{name}\" appears twice."),
            DocumentError::UnknownGroup { activity, group } => {
                write!(f, "The {activity} names group {group}, which does not exist.")
            }
            DocumentError::UnknownRole { activity, role } => write!(
                f,
                "The {activity} has a cell for \"{role}\", which is not a role."
            ),
            DocumentError::UnreadableCell {
                activity,
                role,
                value,
            } => write!(
                f,
                "The {activity} has a cell for \"{role}\" that cannot be read: {value}."
            ),
            DocumentError::ColumnLayout => {
                f.write_str("The document's column layout is damaged (roles_at out of range).")
            }
            DocumentError::DuplicateRecordId(id) => write!(
                f,
                "The review record uses the id {id} twice (or 0), so its entries cannot be told \
                 apart."
            ),
            DocumentError::InBaseline(inner) => write!(f, "In the review's baseline: {inner}"),
        }
    }
}

impl std::error::Error for DocumentError {}

/// True when `value` claims to be one of our documents (whatever its version).
pub fn is_document(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some(FORMAT)
}

/// Reads one of our documents. Errors say what is wrong and where, in plain words.
pub fn from_value(value: Value) -> Result<(Matrix, RuleSettings), DocumentError> {
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(DocumentError::NoVersion)?;
    if version > VERSION {
        return Err(DocumentError::Newer { version });
    }
    let document: Document =
        serde_json::from_value(value).map_err(|e| DocumentError::Damaged(e.to_string()))?;
    build(document)
}

fn build(document: Document) -> Result<(Matrix, RuleSettings), DocumentError> {
    let parts = MatrixParts {
        title: document.title,
        scheme: document.scheme,
        roles: document.roles,
        groups: document.groups,
        activities: document.activities,
        columns: document.columns,
    };
    let mut matrix = build_matrix(parts)?;
    matrix.record = build_record(document.review)?;
    Ok((matrix, document.settings))
}

fn build_record(doc: RecordDoc) -> Result<Record, DocumentError> {
    let baseline = match doc.baseline {
        None => None,
        Some(b) => {
            let parts = MatrixParts {
                title: b.title,
                scheme: b.scheme,
                roles: b.roles,
                groups: b.groups,
                activities: b.activities,
                columns: b.columns,
            };
            Some(Baseline {
                taken: b.taken,
                matrix: Box::new(
                    build_matrix(parts).map_err(|e| DocumentError::InBaseline(Box::new(e)))?,
                ),
            })
        }
    };
    let mut ids = HashSet::new();
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
        decisions: doc.decisions,
        actions: doc.actions,
        stewardship: doc.stewardship,
        reviews: doc.reviews,
        // 0 for an empty record, as a new matrix has.
        next_id: ids.iter().max().map_or(0, |max| max + 1),
    })
}

/// The parts of a matrix as a document holds them (the matrix itself, or the review's baseline).
struct MatrixParts {
    title: String,
    scheme: Scheme,
    roles: Vec<Role>,
    groups: Vec<Group>,
    activities: Vec<ActivityDoc>,
    columns: SheetColumns,
}

/// Builds and checks a matrix (the document's own, or the review's baseline).
fn build_matrix(document: MatrixParts) -> Result<Matrix, DocumentError> {
    let mut ids = HashSet::new();
    let mut claim = |id: u32, what: &str| {
        if ids.insert(id) {
            Ok(())
        } else {
            Err(DocumentError::DuplicateId {
                id,
                by: what.to_owned(),
            })
        }
    };
    let mut role_names = HashSet::new();
    for role in &document.roles {
        claim(role.id.0, &format!("role \"{}\"", role.name))?;
        if role.name.trim().is_empty() {
            return Err(DocumentError::EmptyRoleName);
        }
        if !role_names.insert(role.name.to_lowercase()) {
            return Err(DocumentError::DuplicateRole(role.name.clone()));
        }
    }
    for group in &document.groups {
        claim(group.id.0, &format!("group \"{}\"", group.name))?;
    }
    let mut activities = Vec::with_capacity(document.activities.len());
    for (n, doc) in document.activities.into_iter().enumerate() {
        let label = format!("activity {} (\"{}\")", n + 1, doc.name);
        claim(doc.id.0, &label)?;
        if let Some(g) = doc.group
            && !document.groups.iter().any(|x| x.id == g)
        {
            return Err(DocumentError::UnknownGroup {
                activity: label,
                group: g.0,
            });
        }
        let mut cells = vec![Cell::EMPTY; document.roles.len()];
        for (role_name, value) in doc.cells {
            let index = document
                .roles
                .iter()
                .position(|r| r.name == role_name)
                .ok_or_else(|| DocumentError::UnknownRole {
                    activity: label.clone(),
                    role: role_name.clone(),
                })?;
            cells[index] =
                cell_from_value(&value).ok_or_else(|| DocumentError::UnreadableCell {
                    activity: label.clone(),
                    role: role_name.clone(),
                    value: value.to_string(),
                })?;
        }
        activities.push(Activity {
            id: doc.id,
            name: doc.name,
            group: doc.group,
            description: doc.description,
            notes: doc.notes,
            fields: doc.fields,
            cells,
        });
    }
    let columns = document.columns;
    if columns.roles_at > columns.info.len() {
        return Err(DocumentError::ColumnLayout);
    }
    let next_id = ids.iter().max().map_or(1, |max| max + 1);
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

fn cell_to_value(cell: &Cell) -> Value {
    match &cell.unrecognised {
        Some(text) => {
            let mut object = Map::new();
            object.insert("unrecognised".into(), Value::String(text.to_string()));
            Value::Object(object)
        }
        None => Value::String(cell.letters.to_string()),
    }
}

fn cell_from_value(value: &Value) -> Option<Cell> {
    match value {
        Value::String(text) => {
            let letters: Option<Letters> = text
                .split('/')
                .filter(|part| !part.is_empty())
                .map(|part| {
                    let mut chars = part.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => Letter::from_char(c),
                        _ => None,
                    }
                })
                .collect();
            letters.map(Cell::letters)
        }
        Value::Object(object) => object
            .get("unrecognised")
            .and_then(Value::as_str)
            .map(Cell::unrecognised),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InfoColumn;
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
}
