//! Backing up and restoring the whole library: one versioned JSON file with every matrix, its
//! history, its selection and its review record (which lives in the document), plus any data kept
//! aside as unreadable. Restoring merges by id and never writes over a matrix that changed here
//! after the file's copy of it without asking: [`plan`] says what each matrix of the file would
//! do, the user answers the questions, and [`apply`] writes.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::index::{Change, Entry, Index, commit, unique_title};
use super::journal;
use super::recovery::{parse_document, read_whole};
use super::store::{Store, StoreError};
use super::{SET_ASIDE_PREFIX, history_key, journal_key, matrix_key, view_key};

/// What the `format` field of a library backup says.
pub const BACKUP_FORMAT: &str = "raci-workshop-library";
/// The newest backup version this build reads and the one it writes.
pub const BACKUP_VERSION: u64 = 1;

/// A library backup file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u64,
    /// When it was written, ISO 8601.
    pub exported: String,
    /// The matrix that was open.
    #[serde(default)]
    pub current: String,
    pub matrices: Vec<BackedUp>,
    /// Saved data that could not be read, kept as it was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<SetAside>,
}

/// One matrix in a backup.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackedUp {
    pub id: String,
    pub title: String,
    pub updated: String,
    /// The JSON document ([`crate::document`]), review record included.
    pub document: Value,
    /// The undo and redo steps ([`crate::history::History`]), when saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Value>,
    /// The selection, as the UI saved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<Value>,
}

/// Data kept aside under `key`, as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub key: String,
    pub text: String,
}

/// Why a file is not a library backup this build can restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    NotJson(String),
    /// JSON, but not a library backup (a single matrix's document, say).
    NotABackup,
    /// Written by a newer build.
    Newer(u64),
    /// A backup whose shape is damaged (serde's words).
    Damaged(String),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::NotJson(why) => write!(f, "the file is not JSON ({why})"),
            BackupError::NotABackup => f.write_str(
                "the file is not a library backup of RACI Workshop (a single matrix opens with Import)",
            ),
            BackupError::Newer(v) => write!(
                f,
                "the file was written by a newer version of RACI Workshop (library backup version {v})"
            ),
            BackupError::Damaged(why) => write!(f, "the file is damaged: {why}"),
        }
    }
}

impl std::error::Error for BackupError {}

fn json_or_text(raw: String) -> Value {
    serde_json::from_str(&raw).unwrap_or(Value::String(raw))
}

/// The document and history text of `id` as it was left: with the changes of its journal, when
/// it holds any (None when they cannot be replayed: then the text as written whole).
fn as_left(store: &dyn Store, id: &str) -> Option<(String, String)> {
    let journal = store.get(&journal_key(id)).ok()??;
    if !journal::has_changes(&journal) {
        return None;
    }
    let (matrix, settings, history) = read_whole(store, id).ok()?;
    Some((
        crate::document::to_compact_json(&matrix, &settings),
        history.to_json(),
    ))
}

/// Every matrix listed in `index` with its records, and the data set aside, as one backup. A
/// matrix whose document is not JSON goes with the unreadable data, as text.
pub fn export(store: &dyn Store, index: &Index, now: &str) -> Result<Backup, StoreError> {
    let mut backup = Backup {
        format: BACKUP_FORMAT.to_owned(),
        version: BACKUP_VERSION,
        exported: now.to_owned(),
        current: index.current.clone(),
        matrices: Vec::new(),
        unreadable: Vec::new(),
    };
    for entry in &index.matrices {
        let Some(mut raw) = store.get(&matrix_key(&entry.id))? else {
            continue;
        };
        let mut history = store.get(&history_key(&entry.id))?;
        if let Some((document, replayed)) = as_left(store, &entry.id) {
            (raw, history) = (document, Some(replayed));
        }
        let Ok(document) = serde_json::from_str::<Value>(&raw) else {
            backup.unreadable.push(SetAside {
                key: matrix_key(&entry.id),
                text: raw,
            });
            continue;
        };
        backup.matrices.push(BackedUp {
            id: entry.id.clone(),
            title: entry.title.clone(),
            updated: entry.updated.clone(),
            document,
            history: history.map(json_or_text),
            view: store.get(&view_key(&entry.id))?.map(json_or_text),
        });
    }
    let mut aside: Vec<String> = store
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(SET_ASIDE_PREFIX))
        .collect();
    aside.sort();
    for key in aside {
        if let Some(text) = store.get(&key)? {
            backup.unreadable.push(SetAside { key, text });
        }
    }
    Ok(backup)
}

impl Backup {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Reads a backup file.
pub fn parse(text: &str) -> Result<Backup, BackupError> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Value =
        serde_json::from_str(text).map_err(|e| BackupError::NotJson(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(BackupError::NotABackup);
    }
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > BACKUP_VERSION {
        return Err(BackupError::Newer(version));
    }
    serde_json::from_value(value).map_err(|e| BackupError::Damaged(e.to_string()))
}

/// What restoring one matrix of the file would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Nothing here has its id: added as it is.
    Add,
    /// The same document is here already: nothing to do.
    Same,
    /// Here under its id, and the file's copy changed later: the file's replaces it.
    Newer,
    /// Here under its id, and changed here as late as the file's copy or later: ask.
    Ask {
        /// The title and time of the matrix here.
        mine: Entry,
    },
    /// The file's document cannot be read: not restored (it is reported).
    Unreadable(String),
}

/// The user's answer to [`Plan::Ask`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    KeepMine,
    TakeFile,
    KeepBoth,
}

/// What each matrix of `backup` would do to the library, in the file's order.
pub fn plan(backup: &Backup, store: &dyn Store, index: &Index) -> Vec<Plan> {
    backup
        .matrices
        .iter()
        .map(|theirs| {
            let document = theirs.document.to_string();
            if let Err(reason) = parse_document(&document) {
                return Plan::Unreadable(reason.to_string());
            }
            let Some(mine) = index.entry(&theirs.id) else {
                return Plan::Add;
            };
            let ours = match as_left(store, &theirs.id) {
                Some((document, _)) => Some(document),
                None => store.get(&matrix_key(&theirs.id)).ok().flatten(),
            };
            let same = ours
                .as_deref()
                .and_then(|raw| serde_json::from_str::<Value>(raw).ok())
                .is_some_and(|v| v == theirs.document);
            if same {
                Plan::Same
            } else if theirs.updated > mine.updated {
                Plan::Newer
            } else {
                Plan::Ask { mine: mine.clone() }
            }
        })
        .collect()
}

/// What a restore did, for one sentence to the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Restored {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub kept_mine: usize,
    /// Titles of the matrices the file holds but that could not be read.
    pub unreadable: Vec<String>,
    /// Ids whose records were written over (the open one must be read again if it is among them).
    pub written_over: Vec<String>,
}

/// True when a restore added and replaced nothing.
pub fn summary_is_nothing_new(restored: &Restored) -> bool {
    restored.added == 0 && restored.replaced == 0
}

impl Restored {
    /// The sentence: "Restored from the file: 2 added, 1 replaced, 3 already here."
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let count = |n: usize, what: &str| format!("{n} {what}");
        if self.added > 0 {
            parts.push(count(self.added, "added"));
        }
        if self.replaced > 0 {
            parts.push(count(self.replaced, "replaced by the file's copy"));
        }
        if self.kept_mine > 0 {
            parts.push(count(self.kept_mine, "kept as they are here"));
        }
        if self.unchanged > 0 {
            parts.push(count(self.unchanged, "already here"));
        }
        let mut text = if parts.is_empty() {
            "The file holds no matrices.".to_owned()
        } else {
            format!("Library restored from the file: {}.", parts.join(", "))
        };
        if !self.unreadable.is_empty() {
            text.push_str(&format!(
                " Not restored, because they could not be read: {}.",
                self.unreadable.join(", ")
            ));
        }
        text
    }
}

/// Writes the file's matrices as `plans` and `choices` say (`choices` answers the
/// [`Plan::Ask`]s, in order; a missing answer keeps the matrix here). Data set aside in the file
/// is kept aside here too, under keys of its own.
pub fn apply(
    store: &mut dyn Store,
    index: &mut Index,
    backup: &Backup,
    plans: &[Plan],
    choices: &[Choice],
) -> Result<Restored, StoreError> {
    let mut restored = Restored::default();
    let mut answers = choices.iter();
    // New ids are numbered past the file's, so a copy kept beside one never takes the id of
    // another matrix still to come from the file.
    let highest = backup
        .matrices
        .iter()
        .filter_map(|m| m.id.strip_prefix('m')?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    index.next = index.next.max(highest + 1);
    for (theirs, plan) in backup.matrices.iter().zip(plans) {
        let target = match plan {
            Plan::Same => {
                restored.unchanged += 1;
                continue;
            }
            Plan::Unreadable(_) => {
                restored.unreadable.push(theirs.title.clone());
                continue;
            }
            Plan::Add => {
                restored.added += 1;
                if store.get(&matrix_key(&theirs.id))?.is_some() {
                    index.fresh_id(store)
                } else {
                    theirs.id.clone()
                }
            }
            Plan::Newer => {
                restored.replaced += 1;
                restored.written_over.push(theirs.id.clone());
                theirs.id.clone()
            }
            Plan::Ask { .. } => match answers.next().copied().unwrap_or(Choice::KeepMine) {
                Choice::KeepMine => {
                    restored.kept_mine += 1;
                    continue;
                }
                Choice::TakeFile => {
                    restored.replaced += 1;
                    restored.written_over.push(theirs.id.clone());
                    theirs.id.clone()
                }
                Choice::KeepBoth => {
                    restored.added += 1;
                    index.fresh_id(store)
                }
            },
        };
        write_one(store, index, theirs, &target)?;
    }
    for aside in &backup.unreadable {
        let name = aside
            .key
            .strip_prefix(SET_ASIDE_PREFIX)
            .or_else(|| aside.key.strip_prefix("raci-workshop/v1/"))
            .unwrap_or(&aside.key);
        super::set_aside(
            store,
            &format!("raci-workshop/v1/restored/{name}"),
            &aside.text,
        )?;
    }
    Ok(restored)
}

fn write_one(
    store: &mut dyn Store,
    index: &mut Index,
    theirs: &BackedUp,
    id: &str,
) -> Result<(), StoreError> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    store.set(&matrix_key(id), &theirs.document.to_string())?;
    // The journal here continued the document written over.
    store.remove(&journal_key(id))?;
    match &theirs.history {
        Some(history) => store.set(&history_key(id), &text(history))?,
        None => store.remove(&history_key(id))?,
    }
    match &theirs.view {
        Some(view) => store.set(&view_key(id), &text(view))?,
        None => store.remove(&view_key(id))?,
    }
    let listed_under_own_id = index.entry(id).is_some_and(|e| e.id == theirs.id);
    let title = if listed_under_own_id {
        theirs.title.clone()
    } else {
        // A new entry (or the file's copy kept beside the matrix here) gets a title of its own.
        let mut others = index.clone();
        others.matrices.retain(|e| e.id != id);
        unique_title(&theirs.title, &others)
    };
    let entry = Entry {
        id: id.to_owned(),
        title,
        updated: theirs.updated.clone(),
    };
    commit(store, index, Change::Put { entry })
}
