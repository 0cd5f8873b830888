//! Moving the library from one store into another (localStorage into IndexedDB, on the first
//! visit of a build that keeps it there). The decisions are here; the browser writes what
//! [`move_in`] put into the new store, reads it back, and only when [`verify`] agrees removes the
//! old keys. Nothing is lost on the way: a key the new store already holds with another value is
//! added beside it (a matrix as a new entry of the list), never written over.

use super::index::{Index, parse_index, unique_title};
use super::migration::migrate;
use super::recovery::parse_document;
use super::store::{MemoryStore, Store, StoreError};
use super::{
    INDEX_KEY, LEGACY_HISTORY_KEY, LEGACY_MATRIX_KEY, MATRIX_PREFIX, history_key, matrix_key,
    view_key,
};

/// Every key of the library starts with this (small preferences of the UI do not).
pub const LIBRARY_PREFIX: &str = "raci-workshop/v1/";

/// True for the keys that belong to the library: the index, matrices, histories, views, data set
/// aside, and the single matrix of earlier builds. Preferences (large type, density...) are not.
pub fn is_library_key(key: &str) -> bool {
    key.starts_with(LIBRARY_PREFIX) || key == LEGACY_MATRIX_KEY || key == LEGACY_HISTORY_KEY
}

/// What moving the library did to the new store, and what may go from the old one afterwards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoveIn {
    /// Every key written into the new store, with its value: read them back and [`verify`].
    pub written: Vec<(String, String)>,
    /// The old store's library keys, to remove once the written ones are read back intact.
    pub to_remove: Vec<String>,
    /// Things to tell the user, in plain words.
    pub problems: Vec<String>,
}

/// Copies the library of `old` into `new`. When `new` holds no library yet, every key is copied
/// as it is (ids, the open matrix and the selection stay what they were). When it does (another
/// tab of this build moved it already, or a tab of an older build went on saving in the old
/// place), matrices that are the same are left alone and the others are added as new entries
/// with titles of their own, so nothing written in either place is lost.
pub fn move_in(old: &dyn Store, new: &mut dyn Store, now: &str) -> Result<MoveIn, StoreError> {
    let mut keys: Vec<String> = old
        .keys()?
        .into_iter()
        .filter(|k| is_library_key(k))
        .collect();
    keys.sort();
    let mut moved = MoveIn::default();
    if keys.is_empty() {
        return Ok(moved);
    }
    let mut staged = MemoryStore::default();
    for key in &keys {
        if let Some(value) = old.get(key)? {
            staged.items.insert(key.clone(), value);
        }
    }
    let new_has_library = new.keys()?.iter().any(|k| is_library_key(k));
    if !new_has_library {
        for (key, value) in &staged.items {
            new.set(key, value)?;
            moved.written.push((key.clone(), value.clone()));
        }
    } else {
        merge(&mut staged, new, now, &mut moved)?;
    }
    moved.to_remove = keys;
    Ok(moved)
}

/// Adds what `staged` (the old store's library) holds and `new` does not.
fn merge(
    staged: &mut MemoryStore,
    new: &mut dyn Store,
    now: &str,
    moved: &mut MoveIn,
) -> Result<(), StoreError> {
    let mut index = match new.get(INDEX_KEY)? {
        Some(raw) => parse_index(&raw).map_err(|_| StoreError::UnreadableIndex)?,
        None => Index::default(),
    };
    if !staged.items.contains_key(INDEX_KEY) && staged.items.contains_key(LEGACY_MATRIX_KEY) {
        // The single matrix of earlier builds: made a library of one first, as a load would.
        migrate(staged, now, &mut moved.problems);
    }
    // The old list's order, then records it does not list.
    let mut ids: Vec<(String, String)> = staged
        .items
        .get(INDEX_KEY)
        .and_then(|raw| parse_index(raw).ok())
        .map(|i| i.matrices.into_iter().map(|e| (e.id, e.updated)).collect())
        .unwrap_or_default();
    for key in staged.items.keys() {
        if let Some(id) = key.strip_prefix(MATRIX_PREFIX)
            && !ids.iter().any(|(listed, _)| listed == id)
        {
            ids.push((id.to_owned(), now.to_owned()));
        }
    }
    let mut handled: Vec<String> = vec![
        INDEX_KEY.to_owned(),
        LEGACY_MATRIX_KEY.to_owned(),
        LEGACY_HISTORY_KEY.to_owned(),
    ];
    let mut index_changed = false;
    for (id, updated) in ids {
        let keys = [matrix_key(&id), history_key(&id), view_key(&id)];
        handled.extend(keys.iter().cloned());
        let Some(doc) = staged.items.get(&keys[0]).cloned() else {
            continue;
        };
        if new.get(&keys[0])?.as_deref() == Some(doc.as_str()) {
            // The same matrix is there already: only what it lacks is added.
            for key in &keys[1..] {
                if let Some(value) = staged.items.get(key)
                    && new.get(key)?.is_none()
                {
                    write(new, key, value, moved)?;
                }
            }
            continue;
        }
        let fresh = index.fresh_id(new);
        let title = parse_document(&doc).map_or_else(|_| id.clone(), |(m, _)| m.title);
        let title = unique_title(&title, &index);
        for (key, target) in
            keys.iter()
                .zip([matrix_key(&fresh), history_key(&fresh), view_key(&fresh)])
        {
            if let Some(value) = staged.items.get(key) {
                write(new, &target, value, moved)?;
            }
        }
        index.touch(&fresh, &title, &updated);
        index_changed = true;
    }
    // Everything else (data set aside, records without a matrix) keeps its key, or one beside it.
    for (key, value) in &staged.items {
        if handled.contains(key) {
            continue;
        }
        let mut target = key.clone();
        let mut n = 2;
        loop {
            match new.get(&target)? {
                Some(existing) if existing == *value => break,
                Some(_) => {
                    target = format!("{key} ({n})");
                    n += 1;
                }
                None => {
                    write(new, &target, value, moved)?;
                    break;
                }
            }
        }
    }
    if index_changed {
        if index.current.is_empty() {
            index.current = index
                .matrices
                .first()
                .map(|e| e.id.clone())
                .unwrap_or_default();
        }
        let json = index.to_json();
        write(new, INDEX_KEY, &json, moved)?;
    }
    Ok(())
}

fn write(
    store: &mut dyn Store,
    key: &str,
    value: &str,
    moved: &mut MoveIn,
) -> Result<(), StoreError> {
    store.set(key, value)?;
    moved.written.retain(|(k, _)| k != key);
    moved.written.push((key.to_owned(), value.to_owned()));
    Ok(())
}

/// True when every written key reads back (`read`) exactly as it was written: only then may the
/// old keys go.
pub fn verify(written: &[(String, String)], read: impl Fn(&str) -> Option<String>) -> bool {
    written
        .iter()
        .all(|(key, value)| read(key).as_deref() == Some(value.as_str()))
}
