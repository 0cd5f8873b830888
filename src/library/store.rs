//! Where the library is kept: a string key-value store (localStorage in the browser), the ways it
//! can fail, and a store in memory for tests.

use std::collections::BTreeMap;
use std::fmt;

/// Why the store did not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// There is no storage at all (turned off, private mode, blocked by policy).
    Unavailable,
    /// A write was refused, almost always because the storage is full.
    Refused,
    /// The stored list of matrices cannot be read; it is not written over.
    UnreadableIndex,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StoreError::Unavailable => "this browser does not allow saving here",
            StoreError::Refused => "this browser's storage is full",
            StoreError::UnreadableIndex => {
                "the list of saved matrices in this browser cannot be read, so it was left as it is"
            }
        })
    }
}

/// A string key-value store: localStorage in the browser, [`MemoryStore`] in tests.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// A store in memory, with an optional size limit, for tests.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    pub items: BTreeMap<String, String>,
    /// Total characters of keys and values it holds at most; None is unlimited.
    pub capacity: Option<usize>,
    /// Behave like a browser with storage turned off.
    pub disabled: bool,
}

impl MemoryStore {
    pub(super) fn used(&self) -> usize {
        self.items.iter().map(|(k, v)| k.len() + v.len()).sum()
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        Ok(self.items.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        if let Some(capacity) = self.capacity {
            let old = self.items.get(key).map_or(0, |v| key.len() + v.len());
            if self.used() - old + key.len() + value.len() > capacity {
                return Err(StoreError::Refused);
            }
        }
        self.items.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        self.items.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        Ok(self.items.keys().cloned().collect())
    }
}

impl std::error::Error for StoreError {}

/// A store held in memory in front of a slower, asynchronous one (IndexedDB in the browser): the
/// library reads and writes it synchronously, and every change is queued until [`take_changes`]
/// hands it to whoever writes it behind. A key changed twice before that is written once, with
/// its newest value.
///
/// Values may be held as read but not yet made into text ([`Unread`]): at start the page reads
/// every record at once, and making the other matrices' records into text took longer than
/// showing the open one. They become text when first asked for.
///
/// [`take_changes`]: CachedStore::take_changes
#[derive(Clone, Debug, Default)]
pub struct CachedStore {
    items: BTreeMap<String, String>,
    /// Values read from behind and not yet asked for: made into text by their reader when they
    /// are. A value written or removed here takes the place of its unread one.
    unread: BTreeMap<String, Unread>,
    /// Changed keys waiting to be written behind: a value, or None for a removal.
    changes: BTreeMap<String, Option<String>>,
    /// Behave like a browser where the store behind cannot be used at all.
    pub disabled: bool,
}

/// A value read from the store behind, made into text when it is first asked for (None when it
/// turns out not to be text).
#[derive(Clone)]
pub struct Unread(pub std::rc::Rc<dyn Fn() -> Option<String>>);

impl fmt::Debug for Unread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Unread")
    }
}

/// One change for the store behind: the key and its new value, or None when it was removed.
pub type Pending = (String, Option<String>);

impl CachedStore {
    /// A cache holding what was read from the store behind; nothing is waiting to be written.
    pub fn with_items(items: impl IntoIterator<Item = (String, String)>) -> CachedStore {
        CachedStore {
            items: items.into_iter().collect(),
            ..CachedStore::default()
        }
    }

    /// A cache holding what was read from the store behind, `unread` values made into text only
    /// when they are asked for.
    pub fn with_unread(
        items: impl IntoIterator<Item = (String, String)>,
        unread: impl IntoIterator<Item = (String, Unread)>,
    ) -> CachedStore {
        CachedStore {
            unread: unread.into_iter().collect(),
            ..CachedStore::with_items(items)
        }
    }

    /// The changes waiting to be written, oldest key order; the queue is empty afterwards.
    pub fn take_changes(&mut self) -> Vec<Pending> {
        std::mem::take(&mut self.changes).into_iter().collect()
    }

    /// The changes waiting to be written, left in the queue.
    pub fn pending(&self) -> impl Iterator<Item = Pending> + '_ {
        self.changes.iter().map(|(k, v)| (k.clone(), v.clone()))
    }

    /// True when changes wait to be written.
    pub fn has_changes(&self) -> bool {
        !self.changes.is_empty()
    }

    /// Changes that could not be written go back in the queue, unless a newer change of the same
    /// key is already waiting: the next write tries them again.
    pub fn requeue(&mut self, failed: Vec<Pending>) {
        for (key, value) in failed {
            self.changes.entry(key).or_insert(value);
        }
    }

    /// Takes in a value another tab wrote behind, without queueing it to be written again. A
    /// change of our own still waiting for the same key wins: it is newer here.
    pub fn absorb(&mut self, key: &str, value: Option<String>) {
        if self.changes.contains_key(key) {
            return;
        }
        self.unread.remove(key);
        match value {
            Some(value) => self.items.insert(key.to_owned(), value),
            None => self.items.remove(key),
        };
    }

    /// Every key and value held (read from behind or written since), unread values made into
    /// text.
    pub fn items(&self) -> BTreeMap<String, String> {
        let mut items = self.items.clone();
        for (key, unread) in &self.unread {
            if let Some(value) = (unread.0)() {
                items.insert(key.clone(), value);
            }
        }
        items
    }
}

impl Store for CachedStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        match self.unread.get(key) {
            Some(unread) => Ok((unread.0)()),
            None => Ok(self.items.get(key).cloned()),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        // A value never read is taken as changed: written behind again, not compared.
        self.unread.remove(key);
        if self.items.get(key).is_some_and(|old| old == value) {
            // Unchanged (the selection written again, say): nothing to write behind.
            return Ok(());
        }
        self.items.insert(key.to_owned(), value.to_owned());
        self.changes.insert(key.to_owned(), Some(value.to_owned()));
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        let unread = self.unread.remove(key).is_some();
        if self.items.remove(key).is_some() || unread || self.changes.contains_key(key) {
            self.changes.insert(key.to_owned(), None);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        let mut keys: Vec<String> = self
            .items
            .keys()
            .chain(self.unread.keys())
            .cloned()
            .collect();
        keys.sort_unstable();
        keys.dedup();
        Ok(keys)
    }
}
