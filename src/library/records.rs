//! Writing matrices: saving with the history giving way before the matrix would, creating,
//! renaming, deleting and bringing back a deleted matrix.

use crate::document;
use crate::history::History;
use crate::model::Matrix;
use crate::rules::RuleSettings;

use super::error::LibraryError;
use super::index::{Change, Entry, Index, commit};
use super::recovery::read_document;
use super::store::{Store, StoreError};
use super::{history_key, matrix_key, view_key};

/// Writes the matrix, then its history. Undo steps are worth less than the matrix: when the
/// history does not fit, its oldest steps are forgotten until it does (in the end, all of them),
/// and the shorter history is returned so that the caller keeps what was saved.
pub(super) fn write_matrix(
    store: &mut dyn Store,
    id: &str,
    matrix: &Matrix,
    settings: &RuleSettings,
    history: &History,
) -> Result<Option<History>, StoreError> {
    store.set(
        &matrix_key(id),
        &document::to_compact_json(matrix, settings),
    )?;
    let key = history_key(id);
    match store.set(&key, &history.to_json()) {
        Err(StoreError::Refused) => {}
        other => return other.map(|()| None),
    }
    let mut shorter = history.clone();
    while shorter.steps() > 0 {
        shorter.keep_newest(shorter.steps() / 2);
        match store.set(&key, &shorter.to_json()) {
            Err(StoreError::Refused) => continue,
            other => return other.map(|()| Some(shorter)),
        }
    }
    Err(StoreError::Refused)
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
    let touch = Change::Touch {
        id: id.to_owned(),
        title: matrix.title.clone(),
        now: now.to_owned(),
    };
    // The entry is listed in memory even when nothing can be written, so the matrix stays open.
    index.apply(&touch);
    index.current = id.to_owned();
    let shortened = write_matrix(store, id, matrix, settings, history)?;
    commit(store, index, touch)?;
    Ok(shortened)
}

/// Adds `matrix` as a new entry, makes it current and saves it; returns its id. The index in
/// memory holds the new entry even when the write fails, so the matrix stays open.
pub fn create(
    store: &mut dyn Store,
    index: &mut Index,
    matrix: &Matrix,
    settings: &RuleSettings,
    now: &str,
) -> (String, Result<(), StoreError>) {
    let id = index.fresh_id(store);
    let saved = save(
        store,
        index,
        &id,
        matrix,
        settings,
        &History::default(),
        now,
    )
    .map(|_| ());
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
    let (mut matrix, settings) = read_document(store, id)?;
    matrix.title = title.to_owned();
    store.set(
        &matrix_key(id),
        &document::to_compact_json(&matrix, &settings),
    )?;
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
    for key in [matrix_key(id), history_key(id), view_key(id)] {
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
