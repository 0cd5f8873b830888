//! Why a document cannot be read, in plain words.

use std::fmt;

use super::VERSION;

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
