//! Reading what is saved, and what happens when it cannot be read: the data is copied aside under
//! a key of its own before anything may take its place, and the user is told where it went.

use serde::de::IgnoredAny;
use serde_json::Value;

use crate::document::{self, DocumentError};
use crate::history::History;
use crate::model::Matrix;
use crate::rules::RuleSettings;

use super::error::{LibraryError, OpenError};
use super::index::{Change, Index, commit};
use super::journal;
use super::store::{Store, StoreError};
use super::{MATRIX_PREFIX, SET_ASIDE_PREFIX, history_key, journal_key, matrix_key, view_key};

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
    /// It opened, but not quite as it was left: its latest changes could not be read back
    /// ([`OpenError::ChangesKeptAside`]). Show it to the user.
    pub warning: Option<OpenError>,
}

/// Reads a matrix document from its JSON text.
pub fn parse_document(raw: &str) -> Result<(Matrix, RuleSettings), LibraryError> {
    document::from_str(raw).map_err(|e| match e {
        // Not even JSON: say so, as the library's other records do.
        DocumentError::Damaged(_) => match serde_json::from_str::<IgnoredAny>(raw) {
            Err(not_json) => LibraryError::NotJson(not_json.to_string()),
            Ok(_) => e.into(),
        },
        e => e.into(),
    })
}

/// Reads the document of `id`, with the changes of its journal.
pub fn read_document(store: &dyn Store, id: &str) -> Result<(Matrix, RuleSettings), LibraryError> {
    read_whole(store, id).map(|(matrix, settings, _)| (matrix, settings))
}

/// Reads matrix `id` as it was left: its document and history with the changes of its journal
/// replayed (the history logs from there on). Changes the store nothing.
pub(super) fn read_whole(
    store: &dyn Store,
    id: &str,
) -> Result<(Matrix, RuleSettings, History), LibraryError> {
    let raw = store.get(&matrix_key(id))?.ok_or(LibraryError::Missing)?;
    let (mut matrix, mut settings) = parse_document(&raw)?;
    let history_raw = store.get(&history_key(id))?;
    let mut history = match &history_raw {
        Some(text) => History::from_json(text).map_err(|e| LibraryError::NotJson(e.to_string()))?,
        None => History::default(),
    };
    let journal = store.get(&journal_key(id))?;
    journal::replay(
        journal.as_deref(),
        &raw,
        history_raw.as_deref(),
        &mut matrix,
        &mut settings,
        &mut history,
    )?;
    Ok((matrix, settings, history))
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
    let mut opened = Opened {
        id: id.to_owned(),
        matrix,
        settings,
        history,
        view,
        warning: None,
    };
    replay_or_set_aside(store, &raw, &mut opened, title)?;
    Ok(opened)
}

/// Replays the journal of `opened` (read from `document`). One that cannot be replayed is copied
/// aside and the matrix opens as last written whole, with a warning; when it cannot be copied
/// aside either, the matrix does not open, so that nothing overwrites it.
fn replay_or_set_aside(
    store: &mut dyn Store,
    document: &str,
    opened: &mut Opened,
    title: String,
) -> Result<(), OpenError> {
    let id = opened.id.clone();
    let key = journal_key(&id);
    let raw = store.get(&key).map_err(|error| OpenError::Unavailable {
        title: title.clone(),
        error,
    })?;
    let history_raw = store.get(&history_key(&id)).ok().flatten();
    let Err(reason) = journal::replay(
        raw.as_deref(),
        document,
        history_raw.as_deref(),
        &mut opened.matrix,
        &mut opened.settings,
        &mut opened.history,
    ) else {
        return Ok(());
    };
    let raw = raw.unwrap_or_default();
    let aside = set_aside(store, &key, &raw).map_err(|error| OpenError::LeftAsItIs {
        title: title.clone(),
        reason: reason.clone(),
        error,
    })?;
    let _ = store.remove(&key);
    // Part of the journal may have been applied: back to the document and history as written.
    if let Ok((matrix, settings)) = parse_document(document) {
        (opened.matrix, opened.settings) = (matrix, settings);
    }
    opened.history = history_raw
        .and_then(|raw| History::from_json(&raw).ok())
        .unwrap_or_default();
    opened.warning = Some(OpenError::ChangesKeptAside {
        title,
        reason,
        aside,
    });
    Ok(())
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
