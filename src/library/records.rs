//! Writing matrices: saving with the history giving way before the matrix would, creating,
//! renaming, deleting and bringing back a deleted matrix.

use crate::document;
use crate::history::History;
use crate::model::Matrix;
use crate::rules::RuleSettings;

use super::error::LibraryError;
use super::index::{Change, Entry, Index, commit};
use super::journal;
use super::recovery::read_whole;
use super::store::{Store, StoreError};
use super::{history_key, journal_key, matrix_key, view_key};

/// A whole write: the shorter history when the history had to be shortened to fit, and the mark
/// a history in step with what was written starts its log from.
pub(super) struct Written {
    pub shorter: Option<History>,
    pub mark: String,
}

/// Writes the matrix, then its history, and resets its journal. Undo steps are worth less than
/// the matrix: when the history does not fit, its oldest steps are forgotten until it does (in
/// the end, all of them), and the shorter history is returned so that the caller keeps what was
/// saved.
pub(super) fn write_matrix(
    store: &mut dyn Store,
    id: &str,
    matrix: &Matrix,
    settings: &RuleSettings,
    history: &History,
) -> Result<Written, StoreError> {
    let document = document::to_compact_json(matrix, settings);
    store.set(&matrix_key(id), &document)?;
    let key = history_key(id);
    let mut text = history.to_json();
    let mut shorter = None;
    while let Err(error) = store.set(&key, &text) {
        let mut next = shorter.unwrap_or_else(|| history.clone());
        if error != StoreError::Refused || next.steps() == 0 {
            return Err(error);
        }
        next.keep_newest(next.steps() / 2);
        text = next.to_json();
        shorter = Some(next);
    }
    let mark = journal::reset(store, id, &document, Some(&text))?;
    Ok(Written { shorter, mark })
}

/// Writes matrix `id` whole and starts the log of `history` (or of the shorter history returned)
/// from there.
fn write_whole(
    store: &mut dyn Store,
    id: &str,
    matrix: &Matrix,
    settings: &RuleSettings,
    history: &mut History,
) -> Result<Option<History>, StoreError> {
    let written = write_matrix(store, id, matrix, settings, history)?;
    match written.shorter {
        Some(mut shorter) => {
            shorter.start_log(written.mark);
            Ok(Some(shorter))
        }
        None => {
            history.start_log(written.mark);
            Ok(None)
        }
    }
}

/// Saves matrix `id` with its settings and history, and records the change in the index. When
/// the history had to be shortened to fit, returns the shortened one.
pub fn save(
    store: &mut dyn Store,
    index: &mut Index,
    id: &str,
    matrix: &Matrix,
    settings: &RuleSettings,
    history: &History,
    now: &str,
) -> Result<Option<History>, StoreError> {
    let touch = touch_current(index, id, matrix, now);
    let shortened = write_matrix(store, id, matrix, settings, history)?.shorter;
    commit(store, index, touch)?;
    Ok(shortened)
}

/// Saves what changed in matrix `id` since its last save, and records the change in the index:
/// when `history` logged every change since then, only those are appended to the journal (a few
/// hundred bytes); otherwise, or when the journal would pass its limit, the matrix is written
/// whole. When the history had to be shortened to fit, returns the shortened one.
pub fn save_changes(
    store: &mut dyn Store,
    index: &mut Index,
    id: &str,
    matrix: &Matrix,
    settings: &RuleSettings,
    history: &mut History,
    now: &str,
) -> Result<Option<History>, StoreError> {
    let touch = touch_current(index, id, matrix, now);
    let shortened = if journal::append(store, id, history)? {
        None
    } else {
        write_whole(store, id, matrix, settings, history)?
    };
    commit(store, index, touch)?;
    Ok(shortened)
}

/// Lists matrix `id` as the open one, saved `now` under its title, and returns that change for
/// the index. The entry is listed in memory even when nothing can be written, so the matrix
/// stays open.
fn touch_current(index: &mut Index, id: &str, matrix: &Matrix, now: &str) -> Change {
    let touch = Change::Touch {
        id: id.to_owned(),
        title: matrix.title.clone(),
        now: now.to_owned(),
    };
    index.apply(&touch);
    index.current = id.to_owned();
    touch
}

/// Writes matrix `id` whole when its journal holds changes, so that the journal starts empty
/// again: when leaving the matrix or hiding the page, where the time it takes is not felt. Save
/// first ([`save_changes`]): a matrix whose journal is empty is left as it is stored, even when
/// it was never written whole (nothing was edited). Returns the shortened history, as
/// [`save_changes`].
pub fn compact(
    store: &mut dyn Store,
    id: &str,
    matrix: &Matrix,
    settings: &RuleSettings,
    history: &mut History,
) -> Result<Option<History>, StoreError> {
    let journal = store.get(&journal_key(id))?;
    if !journal.is_some_and(|raw| journal::has_changes(&raw)) {
        return Ok(None);
    }
    write_whole(store, id, matrix, settings, history)
}

/// Adds `matrix` as a new entry, makes it current and saves it; returns its id and its empty
/// history, in step with what was saved. The index in memory holds the new entry even when the
/// write fails, so the matrix stays open.
pub fn create(
    store: &mut dyn Store,
    index: &mut Index,
    matrix: &Matrix,
    settings: &RuleSettings,
    now: &str,
) -> (String, Result<History, StoreError>) {
    let id = index.fresh_id(store);
    let mut history = History::default();
    let saved = save_changes(store, index, &id, matrix, settings, &mut history, now)
        .map(|shorter| shorter.unwrap_or(history));
    (id, saved)
}

/// Saves only the index (after the current matrix changed without anything to save).
pub fn save_index(store: &mut dyn Store, index: &mut Index) -> Result<(), StoreError> {
    commit(store, index, Change::Keep)
}

/// Gives matrix `id` (not the open one: that is renamed by an edit) a new title.
pub fn rename(
    store: &mut dyn Store,
    index: &mut Index,
    id: &str,
    title: &str,
) -> Result<(), LibraryError> {
    // Written whole with its journal replayed, so that the journal starts again from the new
    // title.
    let (mut matrix, settings, history) = read_whole(store, id)?;
    matrix.title = title.to_owned();
    write_matrix(store, id, &matrix, &settings, &history)?;
    let retitle = Change::Retitle {
        id: id.to_owned(),
        title: title.to_owned(),
    };
    Ok(commit(store, index, retitle)?)
}

/// A deleted matrix, held so the delete can be undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deleted {
    pub entry: Entry,
    /// Where it stood in the list.
    pub position: usize,
    /// Its records, key and value.
    pub records: Vec<(String, String)>,
}

/// Takes `id` off the list and out of the store, keeping everything in the returned value so that
/// [`restore`] can bring it back. Nothing is removed unless the new index was written.
pub fn delete(store: &mut dyn Store, index: &mut Index, id: &str) -> Result<Deleted, StoreError> {
    let position = index
        .matrices
        .iter()
        .position(|e| e.id == id)
        .ok_or(StoreError::Refused)?;
    let mut records = Vec::new();
    for key in [
        matrix_key(id),
        history_key(id),
        journal_key(id),
        view_key(id),
    ] {
        if let Some(value) = store.get(&key)? {
            records.push((key, value));
        }
    }
    let entry = index.matrices[position].clone();
    let before = index.clone();
    if let Err(e) = commit(store, index, Change::Remove { id: id.to_owned() }) {
        *index = before;
        return Err(e);
    }
    for (key, _) in &records {
        let _ = store.remove(key);
    }
    Ok(Deleted {
        entry,
        position,
        records,
    })
}

/// Undoes [`delete`]: writes the records back and puts the entry where it was.
pub fn restore(
    store: &mut dyn Store,
    index: &mut Index,
    deleted: &Deleted,
) -> Result<(), StoreError> {
    for (key, value) in &deleted.records {
        store.set(key, value)?;
    }
    let insert = Change::Insert {
        at: deleted.position,
        entry: deleted.entry.clone(),
    };
    commit(store, index, insert)
}

/// A fresh matrix to fill in: three roles and three activities with placeholder names, so the
/// grid has cells to type letters into and names to overwrite.
pub fn blank_matrix(title: &str) -> Matrix {
    let mut matrix = Matrix::new(title);
    for n in 1..=3 {
        matrix.push_role(&format!("Role {n}"));
    }
    for n in 1..=3 {
        matrix.push_activity(&format!("Activity {n}"), None);
    }
    matrix
}
