//! The journal of a matrix: what changed since its document and history were last written whole.
//! A save appends the ops the history logged ([`crate::history::Op`]: edits as applied, settings
//! changes, undo and redo), a few hundred bytes, instead of writing the whole document again
//! (several megabytes at 5,000 x 100, a long task on the page). Opening replays the journal over
//! the document and history with [`History::replay`], which applies edits through `edit::apply`
//! like any other change. A whole write resets the journal to its header in the same batch.
//!
//! Text, one JSON value a line:
//! - the header, `{"journal":1,"base":"..."}`: the version, and the fingerprint of the document
//!   and history text it continues from (a journal never replays over another document);
//! - one line per save, `{"v":1,"ops":[...]}`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use xxhash_rust::xxh3::Xxh3;

use crate::history::{History, Op};
use crate::model::Matrix;
use crate::rules::RuleSettings;

use super::error::LibraryError;
use super::journal_key;
use super::store::{Store, StoreError};

/// The newest journal version this build reads and the one it writes.
pub const JOURNAL_VERSION: u64 = 1;
/// A journal that would grow past this many bytes is folded into a whole write instead (at about
/// 100 bytes an edit, some thousands of edits).
pub const JOURNAL_LIMIT: usize = 256 * 1024;

#[derive(Serialize, Deserialize)]
struct Header {
    journal: u64,
    base: String,
}

#[derive(Serialize)]
struct Line<'a> {
    v: u64,
    ops: &'a [Op],
}

#[derive(Deserialize)]
struct ReadLine {
    ops: Vec<Op>,
}

/// What a journal continues from: a fingerprint of the document and history text as stored
/// (XXH3, 64-bit, and the lengths). Computed on every open and every whole write, so it must cost
/// little next to parsing them: XXH3 takes several bytes a step where FNV-1a took one.
pub(super) fn fingerprint(document: &str, history: Option<&str>) -> String {
    let history = history.unwrap_or("");
    let mut hasher = Xxh3::new();
    hasher.update(document.as_bytes());
    hasher.update(&[0]);
    hasher.update(history.as_bytes());
    format!(
        "{XXH3_BASE}{:016x}-{}-{}",
        hasher.digest(),
        document.len(),
        history.len()
    )
}

/// How a base written by this build begins; bases without it are [`legacy_fingerprint`]s.
const XXH3_BASE: &str = "xxh3-";

/// The fingerprint journals written before XXH3 carry (64-bit FNV-1a, a byte at a time: about
/// 115 ms at 20,000 x 100 in a profile of the page). Read only, so that their changes still replay.
fn legacy_fingerprint(document: &str, history: Option<&str>) -> String {
    let history = history.unwrap_or("");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in document.bytes().chain([0]).chain(history.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}-{}-{}", document.len(), history.len())
}

/// The fingerprint of `document` and `history` the way `stored` (a journal's base) was made.
fn fingerprint_like(stored: &str, document: &str, history: Option<&str>) -> String {
    if stored.starts_with(XXH3_BASE) {
        fingerprint(document, history)
    } else {
        legacy_fingerprint(document, history)
    }
}

/// The header line of a journal that continues from `base`.
pub(super) fn header(base: &str) -> String {
    let header = Header {
        journal: JOURNAL_VERSION,
        base: base.to_owned(),
    };
    let mut line = serde_json::to_string(&header).unwrap_or_default();
    line.push('\n');
    line
}

/// Where a history that is in step with the stored journal `raw` stands: its length and base.
fn mark(length: usize, base: &str) -> String {
    format!("{length}@{base}")
}

/// The mark of what is stored now under `raw` (None: no journal; the mark then names the base of
/// the document as stored, at length 0).
fn stored_mark(raw: &str) -> Option<String> {
    let first = raw.lines().next()?;
    let header: Header = serde_json::from_str(first).ok()?;
    Some(mark(raw.len(), &header.base))
}

/// True when the journal text holds changes beyond its header.
pub(super) fn has_changes(raw: &str) -> bool {
    raw.lines().nth(1).is_some_and(|l| !l.trim().is_empty())
}

/// Appends what `history` logged since the last save to the journal of `id`, and starts its log
/// afresh. Ok(false) when that is not possible and a whole write is needed instead: nothing was
/// logged (the history was replaced), the journal is not the one the log continues (another tab
/// wrote), or it would pass [`JOURNAL_LIMIT`]. On a refused write the log is kept, to be written
/// with the next save.
pub(super) fn append(
    store: &mut dyn Store,
    id: &str,
    history: &mut History,
) -> Result<bool, StoreError> {
    let Some(log) = history.log() else {
        return Ok(false);
    };
    if log.ops.is_empty() {
        return Ok(true);
    }
    let key = journal_key(id);
    let mut text = match store.get(&key)? {
        Some(raw) if stored_mark(&raw).as_deref() == Some(log.mark.as_str()) => raw,
        Some(_) => return Ok(false),
        // No journal yet (a library of an earlier build): the mark names the document's base.
        None => match log.mark.strip_prefix("0@") {
            Some(base) => header(base),
            None => return Ok(false),
        },
    };
    let line = serde_json::to_string(&Line {
        v: JOURNAL_VERSION,
        ops: &log.ops,
    })
    .unwrap_or_default();
    if text.len() + line.len() + 1 > JOURNAL_LIMIT {
        return Ok(false);
    }
    text.push_str(&line);
    text.push('\n');
    store.set(&key, &text)?;
    let mark = stored_mark(&text).unwrap_or_default();
    history.start_log(mark);
    Ok(true)
}

/// After a whole write of `document` and `history` text: resets the journal of `id` to its
/// header and returns the mark a history in step with it starts its log from.
pub(super) fn reset(
    store: &mut dyn Store,
    id: &str,
    document: &str,
    history: Option<&str>,
) -> Result<String, StoreError> {
    let base = fingerprint(document, history);
    let text = header(&base);
    let key = journal_key(id);
    if store.set(&key, &text).is_err() {
        // An old journal must never replay over the new document.
        store.remove(&key)?;
        return Ok(mark(0, &base));
    }
    Ok(mark(text.len(), &base))
}

/// Replays the journal `raw` (None: there is none) over `matrix`, `settings` and `history`, which
/// were read from `document` and `history_raw`, and starts the history's log where the journal
/// ends. On an error the three may hold part of the journal: read the document again.
pub(super) fn replay(
    raw: Option<&str>,
    document: &str,
    history_raw: Option<&str>,
    matrix: &mut Matrix,
    settings: &mut RuleSettings,
    history: &mut History,
) -> Result<(), LibraryError> {
    // A journal with nothing in it (not even its header) continues from the document as stored.
    let Some(raw) = raw.filter(|raw| !raw.trim().is_empty()) else {
        history.start_log(mark(0, &fingerprint(document, history_raw)));
        return Ok(());
    };
    let (base, ops) = read(raw, |stored| {
        fingerprint_like(stored, document, history_raw)
    })?;
    history.stop_log();
    for (n, op) in ops {
        history
            .replay(matrix, settings, op)
            .map_err(|e| LibraryError::JournalDoesNotApply {
                line: n,
                why: e.to_string(),
            })?;
    }
    history.start_log(mark(raw.len(), &base));
    Ok(())
}

/// The base of journal `raw` and its ops, with their line numbers, if it continues from the
/// document (`base_of` makes the document's fingerprint the way the stored base was made) and
/// every line can be read: nothing is replayed from a journal that cannot be read whole.
fn read(
    raw: &str,
    base_of: impl FnOnce(&str) -> String,
) -> Result<(String, Vec<(usize, Op)>), LibraryError> {
    let damaged = |line: usize, why: String| LibraryError::DamagedJournal { line, why };
    let mut lines = raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let first: Value = match lines.next() {
        None => return Err(damaged(1, "it has no header".to_owned())),
        Some((_, line)) => serde_json::from_str(line).map_err(|e| damaged(1, e.to_string()))?,
    };
    let version = first.get("journal").and_then(Value::as_u64).unwrap_or(0);
    if version > JOURNAL_VERSION {
        return Err(LibraryError::NewerJournal(version));
    }
    let header: Header = serde_json::from_value(first).map_err(|e| damaged(1, e.to_string()))?;
    if header.base != base_of(&header.base) {
        return Err(LibraryError::JournalOfAnotherDocument);
    }
    let mut ops = Vec::new();
    for (n, line) in lines {
        let value: Value = serde_json::from_str(line).map_err(|e| damaged(n + 1, e.to_string()))?;
        let version = value.get("v").and_then(Value::as_u64).unwrap_or(0);
        if version > JOURNAL_VERSION {
            return Err(LibraryError::NewerJournal(version));
        }
        let line: ReadLine =
            serde_json::from_value(value).map_err(|e| damaged(n + 1, e.to_string()))?;
        ops.extend(line.ops.into_iter().map(|op| (n + 1, op)));
    }
    Ok((header.base, ops))
}
