//! The index of saved matrices (which exist, their titles, which is open) and its changes, each
//! applied to the index as stored so that two tabs never erase each other's entries.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::LibraryError;
use super::store::{Store, StoreError};
use super::{INDEX_KEY, INDEX_VERSION, matrix_key};

/// One saved matrix as the library lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    /// When it last changed, as an ISO 8601 time.
    pub updated: String,
}

/// The list of saved matrices and which one is open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub version: u64,
    pub current: String,
    /// The number of the next id; ids are never reused, so an undone delete cannot collide.
    #[serde(default)]
    pub next: u64,
    pub matrices: Vec<Entry>,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            version: INDEX_VERSION,
            current: String::new(),
            next: 1,
            matrices: Vec::new(),
        }
    }
}

impl Index {
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.matrices.iter().find(|e| e.id == id)
    }

    fn entry_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.matrices.iter_mut().find(|e| e.id == id)
    }

    /// A new id ("m7") that no entry and no record in `store` uses.
    pub fn fresh_id(&mut self, store: &dyn Store) -> String {
        let highest = self
            .matrices
            .iter()
            .filter_map(|e| e.id.strip_prefix('m')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let mut n = self.next.max(highest + 1).max(1);
        loop {
            let id = format!("m{n}");
            n += 1;
            let taken =
                self.entry(&id).is_some() || matches!(store.get(&matrix_key(&id)), Ok(Some(_)));
            if !taken {
                self.next = n;
                return id;
            }
        }
    }

    /// Records that `id` holds a matrix called `title`, changed at `now`; a new id goes last.
    pub fn touch(&mut self, id: &str, title: &str, now: &str) {
        match self.entry_mut(id) {
            Some(entry) => {
                entry.title = title.to_owned();
                entry.updated = now.to_owned();
            }
            None => self.matrices.push(Entry {
                id: id.to_owned(),
                title: title.to_owned(),
                updated: now.to_owned(),
            }),
        }
    }

    pub(super) fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub(super) fn apply(&mut self, change: &Change) {
        match change {
            Change::Keep => {}
            Change::Touch { id, title, now } => self.touch(id, title, now),
            Change::Retitle { id, title } => {
                if let Some(entry) = self.entry_mut(id) {
                    entry.title.clone_from(title);
                }
            }
            Change::Remove { id } => self.matrices.retain(|e| e.id != *id),
            Change::Put { entry } => match self.entry_mut(&entry.id) {
                Some(listed) => *listed = entry.clone(),
                None => self.matrices.push(entry.clone()),
            },
            Change::Insert { at, entry } => {
                if self.entry(&entry.id).is_none() {
                    let at = (*at).min(self.matrices.len());
                    self.matrices.insert(at, entry.clone());
                }
            }
        }
    }
}

/// One change to the index. Another tab of the app may have written the index since this one
/// read it, so a change is applied to the index as stored when it is written, never by writing
/// this tab's whole list over the other's.
#[derive(Clone, Debug)]
pub(super) enum Change {
    /// Nothing but this tab's open matrix.
    Keep,
    Touch {
        id: String,
        title: String,
        now: String,
    },
    Retitle {
        id: String,
        title: String,
    },
    Remove {
        id: String,
    },
    Insert {
        at: usize,
        entry: Entry,
    },
    /// The entry as given: replaces the one with its id, or goes last.
    Put {
        entry: Entry,
    },
}

/// Applies `change` to this tab's index and writes it merged into the stored one: the stored
/// entries with `change` applied, this tab's open matrix, and the higher id counter. On success
/// this tab's index becomes the merged one, so it also lists what other tabs added.
pub(super) fn commit(
    store: &mut dyn Store,
    index: &mut Index,
    change: Change,
) -> Result<(), StoreError> {
    index.apply(&change);
    let stored = match store.get(INDEX_KEY)? {
        Some(raw) => Some(parse_index(&raw).map_err(|_| StoreError::UnreadableIndex)?),
        None => None,
    };
    let mut merged = stored.map_or_else(
        || index.clone(),
        |mut stored| {
            stored.apply(&change);
            stored
        },
    );
    merged.current.clone_from(&index.current);
    merged.next = merged.next.max(index.next);
    store.set(INDEX_KEY, &merged.to_json())?;
    *index = merged;
    Ok(())
}

/// The index as another tab just wrote it (`raw`), seen from this tab: its list, with this tab's
/// open matrix and id counter. None when `raw` cannot be read.
pub fn index_written_elsewhere(raw: &str, ours: &Index) -> Option<Index> {
    let mut theirs = parse_index(raw).ok()?;
    theirs.current.clone_from(&ours.current);
    theirs.next = theirs.next.max(ours.next);
    Some(theirs)
}

/// `wanted`, or `wanted 2`, `wanted 3`... whichever no listed matrix is called yet.
pub fn unique_title(wanted: &str, index: &Index) -> String {
    let wanted = wanted.trim();
    let wanted = if wanted.is_empty() {
        "Untitled matrix"
    } else {
        wanted
    };
    let taken = |t: &str| index.matrices.iter().any(|e| e.title == t);
    if !taken(wanted) {
        return wanted.to_owned();
    }
    (2..)
        .map(|n| format!("{wanted} {n}"))
        .find(|t| !taken(t))
        .unwrap_or_else(|| wanted.to_owned())
}

/// The title of a copy of `title`: "Plan (copy)", then "Plan (copy) 2"...
pub fn copy_title(title: &str, index: &Index) -> String {
    unique_title(&format!("{} (copy)", title.trim()), index)
}

pub(super) fn parse_index(raw: &str) -> Result<Index, LibraryError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| LibraryError::NotJson(e.to_string()))?;
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(LibraryError::IndexWithoutVersion)?;
    if version > INDEX_VERSION {
        return Err(LibraryError::NewerIndex(version));
    }
    serde_json::from_value(value).map_err(|e| LibraryError::DamagedIndex(e.to_string()))
}
