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
