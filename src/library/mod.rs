//! The library of saved matrices: a small versioned index plus one record per matrix, kept in a
//! key-value store (in the browser: IndexedDB, read once at start into a [`CachedStore`] and
//! written behind; earlier builds used localStorage, see [`move_in`]). Everything here is plain
//! Rust over the [`Store`] trait, so the decisions (migration, ids, names, what to do with data
//! that cannot be read, backups) are tested natively; the browser side is a thin layer.
//!
//! Layout:
//! - `raci-workshop/v1/index`: `{ "version": 1, "current": id, "next": n, "matrices": [{ id, title, updated }] }`
//! - `raci-workshop/v1/matrix/<id>`: the JSON document ([`crate::document`])
//! - `raci-workshop/v1/history/<id>`: the undo and redo steps ([`History`])
//! - `raci-workshop/v1/journal/<id>`: the changes since the document and history were last
//!   written whole ([`journal`]), replayed over them when the matrix is opened
//! - `raci-workshop/v1/view/<id>`: what the screen showed (the grid selection), opaque here
//! - `raci-workshop/v1/unreadable/...`: saved data that could not be read, kept aside untouched
//!
//! Data that cannot be read is never overwritten: it is copied aside under a key of its own before
//! anything else may take its place, and the user is told where it went.

pub mod backup;
mod error;
mod index;
mod journal;
#[cfg(test)]
mod journal_tests;
mod migration;
mod move_in;
mod records;
mod recovery;
#[cfg(test)]
mod storage_tests;
mod store;
#[cfg(test)]
mod tests;
mod usage;

pub use error::{LibraryError, OpenError};
pub use index::{Entry, Index, copy_title, index_written_elsewhere, unique_title};
pub use journal::{JOURNAL_LIMIT, JOURNAL_VERSION};
pub use move_in::{LIBRARY_PREFIX, MoveIn, is_library_key, move_in, verify};
pub use records::{
    Deleted, blank_matrix, compact, create, delete, rename, restore, save, save_changes, save_index,
};
pub use recovery::{Opened, open, parse_document, read_document, set_aside};
pub use store::{CachedStore, MemoryStore, Pending, Store, StoreError, Unread};
pub use usage::{size, usage_text};

use crate::example::example;
use crate::history::History;
use crate::rules::RuleSettings;

use index::parse_index;
use migration::migrate;
use records::write_matrix;
use recovery::rebuild_index;

/// Where the index lives.
pub const INDEX_KEY: &str = "raci-workshop/v1/index";
/// The newest index version this build reads and the one it writes.
pub const INDEX_VERSION: u64 = 1;
/// Where the single-matrix storage of earlier builds kept the matrix; migrated on first load.
pub const LEGACY_MATRIX_KEY: &str = "raci-workshop/current";
/// Where earlier builds kept the history of that matrix.
pub const LEGACY_HISTORY_KEY: &str = "raci-workshop/history";
/// Unreadable data is copied under this prefix, never overwritten.
pub const SET_ASIDE_PREFIX: &str = "raci-workshop/v1/unreadable/";

const MATRIX_PREFIX: &str = "raci-workshop/v1/matrix/";

/// The key of a matrix's document.
pub fn matrix_key(id: &str) -> String {
    format!("{MATRIX_PREFIX}{id}")
}

/// True for the records of a matrix (document, history, journal), which can be large; not for
/// the index, views or what was kept aside.
pub fn is_matrix_record(key: &str) -> bool {
    key.starts_with(MATRIX_PREFIX)
        || key.starts_with("raci-workshop/v1/history/")
        || key.starts_with("raci-workshop/v1/journal/")
}

/// The key of a matrix's undo and redo steps.
pub fn history_key(id: &str) -> String {
    format!("raci-workshop/v1/history/{id}")
}

/// The key of a matrix's journal: the changes since its document was last written whole.
pub fn journal_key(id: &str) -> String {
    format!("raci-workshop/v1/journal/{id}")
}

/// The key of what the screen showed of a matrix (its selection).
pub fn view_key(id: &str) -> String {
    format!("raci-workshop/v1/view/{id}")
}

/// What a visit starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub index: Index,
    pub opened: Opened,
    /// Things to tell the user, in plain words.
    pub problems: Vec<String>,
    /// Nothing may be written: the store cannot be used at all, or writing would overwrite saved
    /// data that could not be read and could not be copied aside.
    pub read_only: bool,
}

/// Loads the library: reads the index (or moves the single matrix of earlier builds into a new
/// one), opens the current matrix, and falls back to another readable one or to the example.
/// `now` is the current time in ISO 8601.
pub fn load(store: &mut dyn Store, now: &str) -> Loaded {
    let mut problems = Vec::new();
    let (mut index, read_only) = match store.get(INDEX_KEY) {
        Err(_) => return without_storage(now),
        Ok(Some(raw)) => recover_index(store, &raw, now, &mut problems),
        Ok(None) => (migrate(store, now, &mut problems), false),
    };
    let opened = match open_first(store, &mut index, &mut problems) {
        Some(opened) => opened,
        None => start_example(store, &mut index, read_only, now, &mut problems),
    };
    if index.current != opened.id {
        index.current = opened.id.clone();
    }
    if !read_only && store.set(INDEX_KEY, &index.to_json()).is_err() && problems.is_empty() {
        problems.push(
            "The list of saved matrices could not be saved: this browser's storage is full."
                .to_owned(),
        );
    }
    Loaded {
        index,
        opened,
        problems,
        read_only,
    }
}

/// No storage at all: the example, in memory only.
fn without_storage(now: &str) -> Loaded {
    Loaded {
        opened: example_opened("m1"),
        index: Index {
            current: "m1".to_owned(),
            next: 2,
            matrices: vec![Entry {
                id: "m1".to_owned(),
                title: example().title,
                updated: now.to_owned(),
            }],
            ..Index::default()
        },
        problems: vec![
            "This browser does not allow saving, so changes will be lost when the page \
             closes. Export the matrix to keep it."
                .to_owned(),
        ],
        read_only: true,
    }
}

/// The stored index (`raw`), or one rebuilt from the matrix records when it cannot be read; true
/// when nothing may be written, because the unreadable index could not be copied aside.
fn recover_index(
    store: &mut dyn Store,
    raw: &str,
    now: &str,
    problems: &mut Vec<String>,
) -> (Index, bool) {
    let reason = match parse_index(raw) {
        Ok(index) => return (index, false),
        Err(reason) => reason,
    };
    let aside = set_aside(store, INDEX_KEY, raw);
    let index = rebuild_index(store, now);
    match aside {
        Ok(aside) => {
            problems.push(format!(
                "The list of saved matrices could not be read ({reason}). It was kept \
                 aside under \"{aside}\", and the list was made again from the {} saved \
                 matrices found.",
                index.matrices.len()
            ));
            (index, false)
        }
        Err(_) => {
            // Writing a new index would overwrite the old one: save nothing.
            problems.push(format!(
                "The list of saved matrices could not be read ({reason}) and could \
                 not be copied aside (this browser's storage is full), so nothing \
                 will be saved until there is room. Export your work to keep it."
            ));
            (index, true)
        }
    }
}

/// The current matrix, else the first other one that can be read.
fn open_first(
    store: &mut dyn Store,
    index: &mut Index,
    problems: &mut Vec<String>,
) -> Option<Opened> {
    let mut candidates: Vec<String> = Vec::new();
    if index.entry(&index.current).is_some() {
        candidates.push(index.current.clone());
    }
    candidates.extend(
        index
            .matrices
            .iter()
            .map(|e| e.id.clone())
            .filter(|id| *id != index.current),
    );
    for id in candidates {
        match open(store, index, &id) {
            Ok(opened) => return Some(opened),
            Err(problem) => problems.push(problem.to_string()),
        }
    }
    None
}

/// Nothing readable is saved: the example under a new id, saved unless nothing may be written.
fn start_example(
    store: &mut dyn Store,
    index: &mut Index,
    read_only: bool,
    now: &str,
    problems: &mut Vec<String>,
) -> Opened {
    let id = index.fresh_id(store);
    let mut opened = example_opened(&id);
    opened.matrix.title = unique_title(&opened.matrix.title, index);
    if !read_only
        && let Err(e) = write_matrix(
            store,
            &id,
            &opened.matrix,
            &opened.settings,
            &opened.history,
        )
    {
        problems.push(format!("Not saved: {e}."));
    }
    index.touch(&id, &opened.matrix.title, now);
    opened
}

fn example_opened(id: &str) -> Opened {
    Opened {
        id: id.to_owned(),
        matrix: example(),
        settings: RuleSettings::default(),
        history: History::default(),
        view: None,
        warning: None,
    }
}
