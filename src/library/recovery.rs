//! Reading what is saved, and what happens when it cannot be read: the data is copied aside under
//! a key of its own before anything may take its place, and the user is told where it went.

use serde_json::Value;

use crate::document;
use crate::history::History;
use crate::model::Matrix;
use crate::rules::RuleSettings;

use super::error::{LibraryError, OpenError};
use super::index::{Change, Index, commit};
use super::store::{Store, StoreError};
use super::{MATRIX_PREFIX, SET_ASIDE_PREFIX, history_key, matrix_key, view_key};

/// Copies `raw`, which was read from `key` and could not be understood, to a key of its own
/// under [`SET_ASIDE_PREFIX`] that holds nothing yet. Returns that key.
pub fn set_aside(store: &mut dyn Store, key: &str, raw: &str) -> Result<String, StoreError> {
    let name = key.strip_prefix("raci-workshop/").unwrap_or(key);
    let name = name.strip_prefix("v1/").unwrap_or(name);
    let base = format!("{SET_ASIDE_PREFIX}{name}");
    let mut n = 1;
    let target = loop {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base} ({n})")
        };
        match store.get(&candidate)? {
            None => break candidate,
            Some(existing) if existing == raw => return Ok(candidate),
            Some(_) => n += 1,
        }
    };
    store.set(&target, raw)?;
    Ok(target)
}

/// A matrix read from the store, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub id: String,
    pub matrix: Matrix,
    pub settings: RuleSettings,
    pub history: History,
    /// What the screen showed, as the UI saved it.
    pub view: Option<Value>,
}

/// Reads a matrix document from its JSON text.
pub fn parse_document(raw: &str) -> Result<(Matrix, RuleSettings), LibraryError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| LibraryError::NotJson(e.to_string()))?;
    Ok(document::from_value(value)?)
}

/// Reads the document of `id`.
pub fn read_document(store: &dyn Store, id: &str) -> Result<(Matrix, RuleSettings), LibraryError> {
    match store.get(&matrix_key(id))? {
        Some(raw) => parse_document(&raw),
        None => Err(LibraryError::Missing),
    }
}

/// Opens `id`. When its document cannot be read, the data is set aside, the entry leaves the
/// index (only if setting aside worked: otherwise both stay as they are, untouched) and the
/// returned error says what happened.
pub fn open(store: &mut dyn Store, index: &mut Index, id: &str) -> Result<Opened, OpenError> {
    let title = index
        .entry(id)
        .map_or_else(|| id.to_owned(), |e| e.title.clone());
    let key = matrix_key(id);
    let raw = match store.get(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            let _ = commit(store, index, Change::Remove { id: id.to_owned() });
            return Err(OpenError::NotFound { title });
        }
        Err(error) => return Err(OpenError::Unavailable { title, error }),
    };
    let (matrix, settings) = match parse_document(&raw) {
        Ok(read) => read,
        Err(reason) => {
            return Err(match set_aside(store, &key, &raw) {
                Ok(aside) => {
                    let _ = store.remove(&key);
                    let _ = commit(store, index, Change::Remove { id: id.to_owned() });
                    OpenError::KeptAside {
                        title,
                        reason,
                        aside,
                    }
                }
                Err(error) => OpenError::LeftAsItIs {
                    title,
                    reason,
                    error,
                },
            });
        }
    };
    // History that cannot be read costs the undo steps, never the matrix; it is kept aside too.
    let history = match store.get(&history_key(id)) {
        Ok(Some(raw)) => History::from_json(&raw).unwrap_or_else(|_| {
            if set_aside(store, &history_key(id), &raw).is_ok() {
                let _ = store.remove(&history_key(id));
            }
            History::default()
        }),
        _ => History::default(),
    };
    let view = store
        .get(&view_key(id))
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str(&raw).ok());
    Ok(Opened {
        id: id.to_owned(),
        matrix,
        settings,
        history,
        view,
    })
}

/// An index made from the matrix records found in the store (the index itself was unreadable).
pub(super) fn rebuild_index(store: &dyn Store, now: &str) -> Index {
    let mut index = Index::default();
    let mut ids: Vec<String> = store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|k| k.strip_prefix(MATRIX_PREFIX).map(str::to_owned))
        .collect();
    ids.sort_by_key(|id| (id.len(), id.clone()));
    for id in ids {
        let title = read_document(store, &id).map_or_else(|_| id.clone(), |(m, _)| m.title);
        index.touch(&id, &title, now);
    }
    index.current = index
        .matrices
        .first()
        .map(|e| e.id.clone())
        .unwrap_or_default();
    index.next = index.matrices.len() as u64 + 1;
    index
}
