//! The library of saved matrices: a small versioned index plus one record per matrix, kept in a
//! key-value store (the browser's localStorage). Everything here is plain Rust over the [`Store`]
//! trait, so the decisions (migration, ids, names, what to do with data that cannot be read) are
//! tested natively; the browser side is one thin `Store` implementation.
//!
//! Layout:
//! - `raci-workshop/v1/index`: `{ "version": 1, "current": id, "next": n, "matrices": [{ id, title, updated }] }`
//! - `raci-workshop/v1/matrix/<id>`: the JSON document ([`crate::document`])
//! - `raci-workshop/v1/history/<id>`: the undo and redo steps ([`History`])
//! - `raci-workshop/v1/view/<id>`: what the screen showed (the grid selection), opaque here
//! - `raci-workshop/v1/unreadable/...`: saved data that could not be read, kept aside untouched
//!
//! Data that cannot be read is never overwritten: it is copied aside under a key of its own before
//! anything else may take its place, and the user is told where it went.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document;
use crate::example::example;
use crate::history::History;
use crate::model::Matrix;
use crate::rules::RuleSettings;

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

/// The key of a matrix's undo and redo steps.
pub fn history_key(id: &str) -> String {
    format!("raci-workshop/v1/history/{id}")
}

/// The key of what the screen showed of a matrix (its selection).
pub fn view_key(id: &str) -> String {
    format!("raci-workshop/v1/view/{id}")
}

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
    fn used(&self) -> usize {
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

    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn apply(&mut self, change: &Change) {
        match change {
            Change::Keep => {}
            Change::Touch { id, title, now } => self.touch(id, title, now),
            Change::Retitle { id, title } => {
                if let Some(entry) = self.entry_mut(id) {
                    entry.title.clone_from(title);
                }
            }
            Change::Remove { id } => self.matrices.retain(|e| e.id != *id),
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
enum Change {
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
}

/// Applies `change` to this tab's index and writes it merged into the stored one: the stored
/// entries with `change` applied, this tab's open matrix, and the higher id counter. On success
/// this tab's index becomes the merged one, so it also lists what other tabs added.
fn commit(store: &mut dyn Store, index: &mut Index, change: Change) -> Result<(), StoreError> {
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

/// Reads a matrix document from its JSON text.
pub fn parse_document(raw: &str) -> Result<(Matrix, RuleSettings), String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| format!("it is not JSON: {e}"))?;
    document::from_value(value).map_err(|e| e.to_string())
}

/// Reads the document of `id`.
pub fn read_document(store: &dyn Store, id: &str) -> Result<(Matrix, RuleSettings), String> {
    match store.get(&matrix_key(id)) {
        Ok(Some(raw)) => parse_document(&raw),
        Ok(None) => Err("nothing is saved under its name".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Opens `id`. When its document cannot be read, the data is set aside, the entry leaves the
/// index (only if setting aside worked: otherwise both stay as they are, untouched) and the
/// returned message says what happened in plain words.
pub fn open(store: &mut dyn Store, index: &mut Index, id: &str) -> Result<Opened, String> {
    let title = index
        .entry(id)
        .map_or_else(|| id.to_owned(), |e| e.title.clone());
    let key = matrix_key(id);
    let raw = match store.get(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            let _ = commit(store, index, Change::Remove { id: id.to_owned() });
            return Err(format!(
                "The saved matrix \"{title}\" was not found in this browser's storage, so it was \
                 taken off the library list."
            ));
        }
        Err(e) => return Err(format!("The matrix \"{title}\" could not be opened: {e}.")),
    };
    let (matrix, settings) = match parse_document(&raw) {
        Ok(read) => read,
        Err(reason) => {
            return Err(match set_aside(store, &key, &raw) {
                Ok(aside) => {
                    let _ = store.remove(&key);
                    let _ = commit(store, index, Change::Remove { id: id.to_owned() });
                    format!(
                        "The saved matrix \"{title}\" could not be read ({reason}). Its data was \
                         kept aside, unchanged, in this browser's storage under \"{aside}\"."
                    )
                }
                Err(e) => format!(
                    "The saved matrix \"{title}\" could not be read ({reason}), and it could not \
                     be copied aside either ({e}). It was left exactly as it is."
                ),
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

/// Loads the library: reads the index (or moves the single matrix of earlier builds into a new
/// one), opens the current matrix, and falls back to another readable one or to the example.
/// `now` is the current time in ISO 8601.
pub fn load(store: &mut dyn Store, now: &str) -> Loaded {
    let mut problems = Vec::new();
    let mut read_only = false;
    let mut index = match store.get(INDEX_KEY) {
        Err(_) => {
            return Loaded {
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
            };
        }
        Ok(Some(raw)) => match parse_index(&raw) {
            Ok(index) => index,
            Err(reason) => {
                let aside = set_aside(store, INDEX_KEY, &raw);
                let index = rebuild_index(store, now);
                match aside {
                    Ok(aside) => problems.push(format!(
                        "The list of saved matrices could not be read ({reason}). It was kept \
                         aside under \"{aside}\", and the list was made again from the {} saved \
                         matrices found.",
                        index.matrices.len()
                    )),
                    Err(_) => {
                        // Writing a new index would overwrite the old one: save nothing.
                        read_only = true;
                        problems.push(format!(
                            "The list of saved matrices could not be read ({reason}) and could \
                             not be copied aside (this browser's storage is full), so nothing \
                             will be saved until there is room. Export your work to keep it."
                        ));
                    }
                }
                index
            }
        },
        Ok(None) => migrate(store, now, &mut problems),
    };

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
    let mut opened = None;
    for id in candidates {
        match open(store, &mut index, &id) {
            Ok(o) => {
                opened = Some(o);
                break;
            }
            Err(problem) => problems.push(problem),
        }
    }
    let opened = opened.unwrap_or_else(|| {
        let id = index.fresh_id(store);
        let mut opened = example_opened(&id);
        opened.matrix.title = unique_title(&opened.matrix.title, &index);
        if read_only {
            // Nothing may be written (see above).
        } else if let Err(e) = write_matrix(
            store,
            &id,
            &opened.matrix,
            &opened.settings,
            &opened.history,
        ) {
            problems.push(format!("Not saved: {e}."));
        }
        index.touch(&id, &opened.matrix.title, now);
        opened
    });
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

fn example_opened(id: &str) -> Opened {
    Opened {
        id: id.to_owned(),
        matrix: example(),
        settings: RuleSettings::default(),
        history: History::default(),
        view: None,
    }
}

fn parse_index(raw: &str) -> Result<Index, String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| format!("it is not JSON: {e}"))?;
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or("it has no version number")?;
    if version > INDEX_VERSION {
        return Err(format!(
            "it was written by a newer version of RACI Workshop (version {version})"
        ));
    }
    serde_json::from_value(value).map_err(|e| format!("it is damaged: {e}"))
}

/// An index made from the matrix records found in the store (the index itself was unreadable).
fn rebuild_index(store: &dyn Store, now: &str) -> Index {
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

/// No index yet: a first visit, or the single matrix of earlier builds to move in.
fn migrate(store: &mut dyn Store, now: &str, problems: &mut Vec<String>) -> Index {
    let mut index = Index::default();
    let Ok(Some(raw)) = store.get(LEGACY_MATRIX_KEY) else {
        return index;
    };
    match parse_document(&raw) {
        Ok((matrix, _)) => {
            let id = index.fresh_id(store);
            index.current = id.clone();
            index.touch(&id, &matrix.title, now);
            let history = store.get(LEGACY_HISTORY_KEY).ok().flatten();
            let moved = store.set(&matrix_key(&id), &raw).is_ok()
                && history
                    .as_deref()
                    .is_none_or(|h| store.set(&history_key(&id), h).is_ok())
                && store.set(INDEX_KEY, &index.to_json()).is_ok();
            if moved {
                // Only now that the new records are written may the old ones go.
                let _ = store.remove(LEGACY_MATRIX_KEY);
                let _ = store.remove(LEGACY_HISTORY_KEY);
            } else {
                problems.push(
                    "Your saved matrix could not be moved into the library (this browser's \
                     storage is full). It is still kept where it was; export it to be safe."
                        .to_owned(),
                );
            }
        }
        Err(reason) => match set_aside(store, LEGACY_MATRIX_KEY, &raw) {
            Ok(aside) => {
                let _ = store.remove(LEGACY_MATRIX_KEY);
                problems.push(format!(
                    "The saved matrix could not be read ({reason}). Its data was kept aside, \
                     unchanged, in this browser's storage under \"{aside}\"."
                ));
            }
            Err(_) => problems.push(format!(
                "The saved matrix could not be read ({reason}); it was left where it was."
            )),
        },
    }
    index
}

/// Writes the matrix, then its history. Undo steps are worth less than the matrix: when the
/// history does not fit, its oldest steps are forgotten until it does (in the end, all of them),
/// and the shorter history is returned so that the caller keeps what was saved.
fn write_matrix(
    store: &mut dyn Store,
    id: &str,
    matrix: &Matrix,
    settings: &RuleSettings,
    history: &History,
) -> Result<Option<History>, StoreError> {
    store.set(&matrix_key(id), &document::to_json(matrix, settings))?;
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
) -> Result<(), String> {
    let (mut matrix, settings) = read_document(store, id)?;
    matrix.title = title.to_owned();
    store
        .set(&matrix_key(id), &document::to_json(&matrix, &settings))
        .map_err(|e| e.to_string())?;
    let retitle = Change::Retitle {
        id: id.to_owned(),
        title: title.to_owned(),
    };
    commit(store, index, retitle).map_err(|e| e.to_string())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;

    const NOW: &str = "2026-11-27T10:00:00.000Z";
    const LATER: &str = "2026-11-27T11:00:00.000Z";

    fn saved_example(store: &mut MemoryStore) -> Loaded {
        load(store, NOW)
    }

    #[test]
    fn first_visit_opens_the_example_and_saves_it() {
        let mut store = MemoryStore::default();
        let loaded = load(&mut store, NOW);
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.opened.matrix, example());
        assert_eq!(loaded.index.current, loaded.opened.id);
        assert_eq!(loaded.index.matrices.len(), 1);
        assert_eq!(loaded.index.matrices[0].title, "Cloud operating model");
        assert!(store.items.contains_key(INDEX_KEY));
        assert!(store.items.contains_key(&matrix_key(&loaded.opened.id)));
        // A second visit reads the same thing back.
        let again = load(&mut store, LATER);
        assert_eq!(again.opened.matrix, loaded.opened.matrix);
        assert_eq!(again.index, loaded.index);
    }

    #[test]
    fn the_single_matrix_of_earlier_builds_moves_into_the_library() {
        let mut store = MemoryStore::default();
        let mut matrix = example();
        let mut history = History::default();
        history
            .apply(
                &mut matrix,
                Edit::SetTitle {
                    title: "Our model".into(),
                },
            )
            .unwrap();
        let doc = document::to_json(&matrix, &RuleSettings::default());
        store.set(LEGACY_MATRIX_KEY, &doc).unwrap();
        store
            .set(
                LEGACY_HISTORY_KEY,
                &serde_json::to_string(&history).unwrap(),
            )
            .unwrap();
        let loaded = load(&mut store, NOW);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.opened.matrix.title, "Our model");
        assert_eq!(loaded.opened.history, history);
        assert_eq!(loaded.index.matrices[0].title, "Our model");
        assert!(!store.items.contains_key(LEGACY_MATRIX_KEY));
        assert!(!store.items.contains_key(LEGACY_HISTORY_KEY));
        assert_eq!(store.items[&matrix_key(&loaded.opened.id)], doc);
    }

    #[test]
    fn migration_keeps_the_old_keys_when_the_new_ones_cannot_be_written() {
        let doc = document::to_json(&example(), &RuleSettings::default());
        let mut store = MemoryStore {
            capacity: Some(doc.len() + LEGACY_MATRIX_KEY.len() + 10),
            ..MemoryStore::default()
        };
        store.set(LEGACY_MATRIX_KEY, &doc).unwrap();
        let loaded = load(&mut store, NOW);
        assert_eq!(loaded.opened.matrix, example());
        assert!(!loaded.problems.is_empty());
        assert_eq!(store.items[LEGACY_MATRIX_KEY], doc);
    }

    #[test]
    fn an_unreadable_old_matrix_is_kept_aside() {
        let mut store = MemoryStore::default();
        store.set(LEGACY_MATRIX_KEY, "{not json").unwrap();
        let loaded = load(&mut store, NOW);
        assert_eq!(loaded.opened.matrix, example());
        assert_eq!(loaded.problems.len(), 1);
        assert!(loaded.problems[0].contains("kept aside"));
        let aside: Vec<_> = store
            .items
            .iter()
            .filter(|(k, _)| k.starts_with(SET_ASIDE_PREFIX))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(aside[0].1, "{not json");
    }

    #[test]
    fn an_unreadable_matrix_is_set_aside_and_another_one_opens() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        let first = loaded.opened.id.clone();
        let (second, saved) = create(
            &mut store,
            &mut loaded.index,
            &blank_matrix("Blank"),
            &RuleSettings::default(),
            NOW,
        );
        saved.unwrap();
        store.set(&matrix_key(&second), "garbage").unwrap();
        let again = load(&mut store, LATER);
        assert_eq!(again.opened.id, first);
        assert_eq!(again.problems.len(), 1);
        assert!(again.problems[0].contains("\"Blank\" could not be read"));
        assert!(again.index.entry(&second).is_none());
        let key = format!("{SET_ASIDE_PREFIX}matrix/{second}");
        assert_eq!(store.items[&key], "garbage");
        // Setting aside again never overwrites what is already there.
        assert_eq!(
            set_aside(&mut store, &matrix_key(&second), "other garbage").unwrap(),
            format!("{key} (2)")
        );
        assert_eq!(store.items[&key], "garbage");
    }

    #[test]
    fn when_nothing_is_readable_the_example_opens_under_a_new_id() {
        let mut store = MemoryStore::default();
        let loaded = saved_example(&mut store);
        store.set(&matrix_key(&loaded.opened.id), "[]").unwrap();
        let again = load(&mut store, LATER);
        assert_eq!(again.opened.matrix, example());
        assert_ne!(again.opened.id, loaded.opened.id);
        assert_eq!(again.index.matrices.len(), 1);
        assert!(
            store
                .items
                .keys()
                .any(|k| k.starts_with(SET_ASIDE_PREFIX) && store.items[k] == "[]")
        );
    }

    #[test]
    fn an_unreadable_index_is_kept_aside_and_rebuilt_from_the_records() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        create(
            &mut store,
            &mut loaded.index,
            &blank_matrix("Blank"),
            &RuleSettings::default(),
            NOW,
        )
        .1
        .unwrap();
        store.set(INDEX_KEY, "oops").unwrap();
        let again = load(&mut store, LATER);
        assert_eq!(again.index.matrices.len(), 2);
        assert_eq!(again.problems.len(), 1);
        assert_eq!(store.items[&format!("{SET_ASIDE_PREFIX}index")], "oops");
        let titles: Vec<_> = again.index.matrices.iter().map(|e| &e.title).collect();
        assert_eq!(titles, ["Cloud operating model", "Blank"]);
    }

    #[test]
    fn an_index_from_a_newer_version_is_not_overwritten_in_place() {
        let mut store = MemoryStore::default();
        saved_example(&mut store);
        let newer = r#"{"version": 2, "current": "x", "matrices": []}"#;
        store.set(INDEX_KEY, newer).unwrap();
        let again = load(&mut store, LATER);
        assert!(again.problems[0].contains("newer version"));
        assert_eq!(store.items[&format!("{SET_ASIDE_PREFIX}index")], newer);
    }

    #[test]
    fn disabled_storage_still_opens_the_example_and_says_so() {
        let mut store = MemoryStore {
            disabled: true,
            ..MemoryStore::default()
        };
        let loaded = load(&mut store, NOW);
        assert!(loaded.read_only);
        assert_eq!(loaded.opened.matrix, example());
        assert!(loaded.problems[0].contains("does not allow saving"));
    }

    #[test]
    fn saving_reports_a_full_store_and_keeps_the_index_in_memory() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        let used = store.used();
        store.capacity = Some(used);
        let mut matrix = loaded.opened.matrix.clone();
        matrix.title = "A much longer title than before, which no longer fits".into();
        let result = save(
            &mut store,
            &mut loaded.index,
            &loaded.opened.id,
            &matrix,
            &RuleSettings::default(),
            &History::default(),
            LATER,
        );
        assert_eq!(result, Err(StoreError::Refused));
        // What was saved before is still there and readable.
        let (read, _) = read_document(&store, &loaded.opened.id).unwrap();
        assert_eq!(read, example());
    }

    #[test]
    fn ids_are_never_reused_and_titles_stay_apart() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        let index = &mut loaded.index;
        let (a, _) = create(
            &mut store,
            index,
            &blank_matrix("x"),
            &RuleSettings::default(),
            NOW,
        );
        let deleted = delete(&mut store, index, &a).unwrap();
        let (b, _) = create(
            &mut store,
            index,
            &blank_matrix("y"),
            &RuleSettings::default(),
            NOW,
        );
        assert_ne!(a, b);
        restore(&mut store, index, &deleted).unwrap();
        assert!(index.entry(&a).is_some() && index.entry(&b).is_some());

        assert_eq!(
            unique_title("Cloud operating model", index),
            "Cloud operating model 2"
        );
        assert_eq!(unique_title("  ", index), "Untitled matrix");
        assert_eq!(copy_title("x", index), "x (copy)");
        index.touch("m99", "x (copy)", NOW);
        assert_eq!(copy_title("x", index), "x (copy) 2");
    }

    #[test]
    fn delete_keeps_everything_needed_to_undo_it() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        let (id, _) = create(
            &mut store,
            &mut loaded.index,
            &blank_matrix("Blank"),
            &RuleSettings::default(),
            NOW,
        );
        store.set(&view_key(&id), "{}").unwrap();
        let before = store.items.clone();
        let deleted = delete(&mut store, &mut loaded.index, &id).unwrap();
        assert!(loaded.index.entry(&id).is_none());
        assert!(!store.items.contains_key(&matrix_key(&id)));
        assert_eq!(deleted.records.len(), 3);
        restore(&mut store, &mut loaded.index, &deleted).unwrap();
        assert_eq!(store.items, before);
    }

    #[test]
    fn delete_removes_nothing_when_the_index_cannot_be_written() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        let id = loaded.opened.id.clone();
        store.disabled = true;
        assert!(delete(&mut store, &mut loaded.index, &id).is_err());
        store.disabled = false;
        assert!(loaded.index.entry(&id).is_some());
        assert!(store.items.contains_key(&matrix_key(&id)));
    }

    #[test]
    fn undo_steps_give_way_when_the_matrix_would_not_fit() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        let id = loaded.opened.id.clone();
        let mut matrix = loaded.opened.matrix.clone();
        let mut history = History::default();
        // Ten imports, each of which keeps the matrix before it for undo.
        for n in 0..10 {
            let mut next = example();
            next.title = format!("Import {n}");
            history
                .apply(
                    &mut matrix,
                    Edit::ReplaceMatrix {
                        matrix: Box::new(next),
                    },
                )
                .unwrap();
        }
        let needed = document::to_json(&matrix, &RuleSettings::default()).len()
            + history.to_json().len()
            + store.used();
        store.capacity = Some(needed - history.to_json().len() / 2);
        let kept = save(
            &mut store,
            &mut loaded.index,
            &id,
            &matrix,
            &RuleSettings::default(),
            &history,
            LATER,
        )
        .unwrap()
        .expect("the history was shortened");
        assert!(kept.steps() > 0 && kept.steps() < history.steps());
        assert_eq!(read_document(&store, &id).unwrap().0.title, "Import 9");
        let reopened = open(&mut store, &mut loaded.index, &id).unwrap();
        assert_eq!(reopened.history, kept);
        assert_eq!(loaded.index.entry(&id).unwrap().title, "Import 9");

        // When nothing of it fits either, the save says so.
        store.capacity = Some(store.used());
        let mut bigger = matrix.clone();
        bigger.title = "A much longer title than before".into();
        assert_eq!(
            save(
                &mut store,
                &mut loaded.index,
                &id,
                &bigger,
                &RuleSettings::default(),
                &history,
                LATER,
            ),
            Err(StoreError::Refused)
        );
    }

    #[test]
    fn two_tabs_never_erase_each_others_entries() {
        let mut store = MemoryStore::default();
        let mut first = saved_example(&mut store).index;
        // A second tab opens the same library.
        let mut second = load(&mut store, NOW).index;
        let (mine, _) = create(
            &mut store,
            &mut first,
            &blank_matrix("Made in the first tab"),
            &RuleSettings::default(),
            NOW,
        );
        // The second tab, which never saw that matrix, saves its own open one.
        let open = second.current.clone();
        save(
            &mut store,
            &mut second,
            &open,
            &example(),
            &RuleSettings::default(),
            &History::default(),
            LATER,
        )
        .unwrap();
        assert!(
            second.entry(&mine).is_some(),
            "it now lists the other tab's matrix"
        );
        assert_eq!(second.current, open, "and keeps its own open matrix");
        let titles = |store: &MemoryStore| -> Vec<String> {
            let raw = store.get(INDEX_KEY).unwrap().unwrap();
            parse_index(&raw)
                .unwrap()
                .matrices
                .into_iter()
                .map(|e| e.title)
                .collect()
        };
        assert_eq!(
            titles(&store),
            ["Cloud operating model", "Made in the first tab"]
        );

        // A delete in one tab is not undone by the other tab's next save; a new id from the
        // other tab does not collide with one already used.
        delete(&mut store, &mut first, &mine).unwrap();
        save_index(&mut store, &mut second).unwrap();
        assert_eq!(titles(&store), ["Cloud operating model"]);
        let (theirs, _) = create(
            &mut store,
            &mut second,
            &blank_matrix("Made in the second tab"),
            &RuleSettings::default(),
            LATER,
        );
        assert_ne!(theirs, mine);
    }

    #[test]
    fn an_index_that_cannot_be_read_is_never_written_over() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        store.set(INDEX_KEY, "{ damaged").unwrap();
        assert_eq!(
            save_index(&mut store, &mut loaded.index),
            Err(StoreError::UnreadableIndex)
        );
        assert_eq!(store.get(INDEX_KEY).unwrap().unwrap(), "{ damaged");
    }

    #[test]
    fn an_index_written_elsewhere_keeps_this_tabs_open_matrix() {
        let mut store = MemoryStore::default();
        let ours = saved_example(&mut store).index;
        let mut other = ours.clone();
        other.current = "m99".into();
        other.touch("m99", "Elsewhere", LATER);
        let seen = index_written_elsewhere(&other.to_json(), &ours).unwrap();
        assert_eq!(seen.current, ours.current);
        assert_eq!(seen.matrices.len(), 2);
        assert_eq!(index_written_elsewhere("nonsense", &ours), None);
    }

    #[test]
    fn rename_changes_the_document_and_the_list() {
        let mut store = MemoryStore::default();
        let mut loaded = saved_example(&mut store);
        let id = loaded.opened.id.clone();
        rename(&mut store, &mut loaded.index, &id, "Renamed").unwrap();
        assert_eq!(read_document(&store, &id).unwrap().0.title, "Renamed");
        assert_eq!(load(&mut store, LATER).index.matrices[0].title, "Renamed");
    }

    #[test]
    fn unreadable_history_costs_only_the_undo_steps() {
        let mut store = MemoryStore::default();
        let loaded = saved_example(&mut store);
        store.set(&history_key(&loaded.opened.id), "nope").unwrap();
        let again = load(&mut store, LATER);
        assert_eq!(again.opened.matrix, example());
        assert_eq!(again.opened.history, History::default());
        assert_eq!(
            store.items[&format!("{SET_ASIDE_PREFIX}history/{}", loaded.opened.id)],
            "nope"
        );
    }

    #[test]
    fn a_blank_matrix_has_cells_to_fill() {
        let blank = blank_matrix("Untitled matrix");
        assert_eq!(blank.roles.len(), 3);
        assert_eq!(blank.activities.len(), 3);
        assert!(blank.activities.iter().all(|a| a.cells.len() == 3));
    }
}
