//! Why the library could not read or write something. [`LibraryError`] is the reason, in words
//! that fit into a sentence ("could not be read (it is not JSON: ...)"); [`OpenError`] is the
//! whole sentence a failed open shows the user, naming the matrix.

use std::fmt;

use crate::document::DocumentError;

use super::store::StoreError;

/// Why saved data could not be read or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryError {
    /// The store did not do what was asked.
    Store(StoreError),
    /// The saved text is not JSON (serde's words, with the position).
    NotJson(String),
    /// The JSON is not a document this build reads.
    Document(DocumentError),
    /// Nothing is saved under the matrix's key.
    Missing,
    /// The saved list of matrices has no version number.
    IndexWithoutVersion,
    /// The saved list of matrices was written by a newer build.
    NewerIndex(u64),
    /// The saved list of matrices does not have its shape (serde's words).
    DamagedIndex(String),
    /// The journal of changes was written by a newer build.
    NewerJournal(u64),
    /// A line of the journal of changes cannot be read (serde's words).
    DamagedJournal { line: usize, why: String },
    /// The journal of changes continues another version of the matrix than the one saved.
    JournalOfAnotherDocument,
    /// A change of the journal does not apply to the matrix.
    JournalDoesNotApply { line: usize, why: String },
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LibraryError::Store(e) => e.fmt(f),
            LibraryError::NotJson(why) => write!(f, "it is not JSON: {why}"),
            LibraryError::Document(e) => e.fmt(f),
            LibraryError::Missing => f.write_str("nothing is saved under its name"),
            LibraryError::IndexWithoutVersion => f.write_str("it has no version number"),
            LibraryError::NewerIndex(version) => write!(
                f,
                "it was written by a newer version of RACI Workshop (version {version})"
            ),
            LibraryError::DamagedIndex(why) => write!(f, "it is damaged: {why}"),
            LibraryError::NewerJournal(version) => write!(
                f,
                "its latest changes were saved by a newer version of RACI Workshop (journal \
                 version {version})"
            ),
            LibraryError::DamagedJournal { line, why } => {
                write!(f, "line {line} of its latest changes is damaged: {why}")
            }
            LibraryError::JournalOfAnotherDocument => f.write_str(
                "its latest changes were saved for another version of it than the one stored",
            ),
            LibraryError::JournalDoesNotApply { line, why } => {
                write!(
                    f,
                    "a change on line {line} of its latest changes does not apply: {why}"
                )
            }
        }
    }
}

impl std::error::Error for LibraryError {}

impl From<StoreError> for LibraryError {
    fn from(e: StoreError) -> Self {
        LibraryError::Store(e)
    }
}

impl From<DocumentError> for LibraryError {
    fn from(e: DocumentError) -> Self {
        LibraryError::Document(e)
    }
}

/// Why a saved matrix did not open, and what became of it. `title` is its title in the list (its
/// id when it is not listed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Nothing was saved under it, so it was taken off the list.
    NotFound { title: String },
    /// The store could not be read.
    Unavailable { title: String, error: StoreError },
    /// It could not be read; its data was copied aside under `aside` and it left the list.
    KeptAside {
        title: String,
        reason: LibraryError,
        aside: String,
    },
    /// It opened as last saved whole: its latest changes could not be read back, and were copied
    /// aside under `aside`.
    ChangesKeptAside {
        title: String,
        reason: LibraryError,
        aside: String,
    },
    /// It could not be read, nor copied aside: it was left exactly as it is.
    LeftAsItIs {
        title: String,
        reason: LibraryError,
        error: StoreError,
    },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotFound { title } => write!(
                f,
                "The saved matrix \"{title}\" was not found in this browser's storage, so it was \
                 taken off the library list."
            ),
            OpenError::Unavailable { title, error } => {
                write!(f, "The matrix \"{title}\" could not be opened: {error}.")
            }
            OpenError::KeptAside {
                title,
                reason,
                aside,
            } => write!(
                f,
                "The saved matrix \"{title}\" could not be read ({reason}). Its data was kept \
                 aside, unchanged, in this browser's storage under \"{aside}\"."
            ),
            OpenError::ChangesKeptAside {
                title,
                reason,
                aside,
            } => write!(
                f,
                "The saved matrix \"{title}\" opened as it was last saved in full: its latest \
                 changes could not be read back ({reason}). They were kept aside, unchanged, in \
                 this browser's storage under \"{aside}\"."
            ),
            OpenError::LeftAsItIs {
                title,
                reason,
                error,
            } => write!(
                f,
                "The saved matrix \"{title}\" could not be read ({reason}), and it could not be \
                 copied aside either ({error}). It was left exactly as it is."
            ),
        }
    }
}

impl std::error::Error for OpenError {}
