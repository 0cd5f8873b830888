//! Where the library is kept in the browser: IndexedDB, read once at start into a
//! [`CachedStore`] that the synchronous library works on, and every change written behind within
//! [`FLUSH_DELAY`] in one strict transaction. On the first visit of this build the library moves
//! in from localStorage (the old keys go only once the new ones read back the same). Where
//! IndexedDB cannot be opened at all, the library stays in localStorage as before. Other tabs
//! hear of each write on a BroadcastChannel and read the keys it names.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::{TimeoutHandle, set_timeout_with_handle};
use wasm_bindgen::prelude::*;
use web_sys::BroadcastChannel;

use crate::library::{self, CachedStore, Pending, Store, StoreError, Unread};

use super::idb::{Db, IdbError};

/// How long a change waits to be written behind, so that the writes of one save (matrix,
/// history, index) and of a burst of selection moves share one transaction.
const FLUSH_DELAY: Duration = Duration::from_millis(100);
/// The channel on which tabs of the app tell each other which keys they wrote.
const CHANNEL: &str = "raci-workshop/library";

/// The browser's localStorage. Every call is fallible: storage can be disabled (then the window
/// has none, or asking for it throws) or full (then a write throws).
pub struct LocalStore(Option<web_sys::Storage>);

impl LocalStore {
    pub fn new() -> LocalStore {
        // gloo-storage panics where storage is disabled, so the web-sys calls are used directly.
        LocalStore(web_sys::window().and_then(|w| w.local_storage().ok().flatten()))
    }

    fn storage(&self) -> Result<&web_sys::Storage, StoreError> {
        self.0.as_ref().ok_or(StoreError::Unavailable)
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?
            .get_item(key)
            .map_err(|_| StoreError::Unavailable)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage()?
            .set_item(key, value)
            .map_err(|_| StoreError::Refused)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage()?
            .remove_item(key)
            .map_err(|_| StoreError::Refused)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = self.storage()?;
        let length = storage.length().map_err(|_| StoreError::Unavailable)?;
        Ok((0..length)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}

/// What a finished write behind tells the page: Ok, or why it was refused.
pub type Written = Result<(), StoreError>;
/// Keys another tab wrote, with the values read back.
pub type Heard = Vec<(String, Option<String>)>;

struct Behind {
    db: Db,
    cache: CachedStore,
    timer: Option<TimeoutHandle>,
    writing: bool,
    /// The batch being written, until it is committed: rescued if the page goes away first.
    in_flight: Vec<Pending>,
    /// Rescued keys still in localStorage because writing them at start failed: they go once a
    /// write works (it carries them), so an old rescue never comes back over newer work.
    rescued: Vec<String>,
    channel: Option<BroadcastChannel>,
    on_written: Option<Rc<dyn Fn(Written)>>,
    on_heard: Option<Rc<dyn Fn(Heard)>>,
}

thread_local! {
    static BEHIND: RefCell<Option<Behind>> = const { RefCell::new(None) };
    static START_PROBLEMS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The library's store: the cache in front of IndexedDB, or localStorage where IndexedDB could
/// not be opened.
pub struct BrowserStore(Option<LocalStore>);

impl BrowserStore {
    pub fn new() -> BrowserStore {
        if writes_behind() {
            BrowserStore(None)
        } else {
            BrowserStore(Some(LocalStore::new()))
        }
    }

    fn cached<T>(&self, f: impl FnOnce(&mut CachedStore) -> T) -> T {
        BEHIND.with_borrow_mut(|b| match b {
            Some(behind) => f(&mut behind.cache),
            None => {
                let mut none = CachedStore::default();
                none.disabled = true;
                f(&mut none)
            }
        })
    }
}

impl Store for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match &self.0 {
            Some(local) => local.get(key),
            None => self.cached(|c| c.get(key)),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match &mut self.0 {
            Some(local) => local.set(key, value),
            None => {
                self.cached(|c| c.set(key, value))?;
                schedule_flush();
                Ok(())
            }
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        match &mut self.0 {
            Some(local) => local.remove(key),
            None => {
                self.cached(|c| c.remove(key))?;
                schedule_flush();
                Ok(())
            }
        }
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        match &self.0 {
            Some(local) => local.keys(),
            None => self.cached(|c| c.keys()),
        }
    }
}

/// True when the library lives in IndexedDB (writes finish later, and report through
/// [`on_written`]); false when it fell back to localStorage.
pub fn writes_behind() -> bool {
    BEHIND.with_borrow(|b| b.is_some())
}

/// What went wrong while the library was opened, for the page to say.
pub fn start_problems() -> Vec<String> {
    START_PROBLEMS.with_borrow_mut(std::mem::take)
}

/// Calls `f` after each write behind, with its outcome.
pub fn on_written(f: impl Fn(Written) + 'static) {
    BEHIND.with_borrow_mut(|b| {
        if let Some(behind) = b {
            behind.on_written = Some(Rc::new(f));
        }
    });
}

/// Calls `f` with the keys (and new values) another tab wrote.
pub fn on_heard(f: impl Fn(Heard) + 'static) {
    BEHIND.with_borrow_mut(|b| {
        if let Some(behind) = b {
            behind.on_heard = Some(Rc::new(f));
        }
    });
}

/// Opens the library's store before the page is drawn: IndexedDB read whole into the cache, with
/// the library of localStorage moved in on the first visit. Where IndexedDB cannot be used the
/// library stays in localStorage.
pub async fn open(now: &str) {
    let db = match Db::open().await {
        Ok(db) => db,
        Err(IdbError(why)) => {
            leptos::logging::warn!(
                "IndexedDB cannot be opened ({why}): the library stays in localStorage"
            );
            return;
        }
    };
    let items = match db.read_all().await {
        Ok(items) => items,
        Err(IdbError(why)) => {
            leptos::logging::warn!(
                "IndexedDB cannot be read ({why}): the library stays in localStorage"
            );
            return;
        }
    };
    let mut cache = cache_of(items);
    let mut rescued = take_rescued(&mut cache);
    if !rescued.is_empty() {
        let changes = cache.take_changes();
        if db.write(&changes).await.is_ok() {
            forget_rescued(std::mem::take(&mut rescued));
        } else {
            // Kept in localStorage, and in the cache to be written with the next change.
            cache.requeue(changes);
        }
    }
    let local = LocalStore::new();
    match library::move_in(&local, &mut cache, now) {
        Ok(moved) if !moved.to_remove.is_empty() => {
            START_PROBLEMS.with_borrow_mut(|p| p.extend(moved.problems.iter().cloned()));
            move_out_of_local_storage(&db, &mut cache, local, moved).await;
        }
        Ok(_) => {}
        Err(e) => START_PROBLEMS.with_borrow_mut(|p| {
            p.push(format!(
                "Your library could not be moved to the browser's larger storage ({e}). It is \
                 still kept where it was; export it to be safe."
            ))
        }),
    }
    let channel = BroadcastChannel::new(CHANNEL).ok();
    if let Some(channel) = &channel {
        let listener =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
                let keys: Vec<String> = js_sys::Array::from(&ev.data())
                    .iter()
                    .filter_map(|k| k.as_string())
                    .collect();
                wasm_bindgen_futures::spawn_local(hear(keys));
            });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        listener.forget();
    }
    BEHIND.with_borrow_mut(|b| {
        *b = Some(Behind {
            db,
            cache,
            timer: None,
            writing: false,
            in_flight: Vec::new(),
            rescued,
            channel,
            on_written: None,
            on_heard: None,
        })
    });
}

/// The cache of what was read at start. Matrices' records stay as the browser read them until
/// they are asked for: at start only the open matrix's are made into text, not every matrix's.
fn cache_of(items: Vec<(String, JsValue)>) -> CachedStore {
    let (unread, text): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|(key, _)| library::is_matrix_record(key));
    CachedStore::with_unread(
        text.into_iter()
            .filter_map(|(key, value)| Some((key, value.as_string()?))),
        unread.into_iter().map(|(key, value)| {
            let read = move || value.as_string();
            (key, Unread(Rc::new(read)))
        }),
    )
}

/// Writes what [`library::move_in`] put in the cache, reads it back, and removes the old keys
/// only when every one came back the same. When anything fails, the old keys stay (the next
/// visit tries again; the cache keeps the work on screen and writes it behind later).
async fn move_out_of_local_storage(
    db: &Db,
    cache: &mut CachedStore,
    mut local: LocalStore,
    moved: library::MoveIn,
) {
    let changes = cache.take_changes();
    let written = match db.write(&changes).await {
        Ok(()) => {
            let keys: Vec<String> = moved.written.iter().map(|(k, _)| k.clone()).collect();
            match db.read(&keys).await {
                Ok(read) => {
                    let read: BTreeMap<String, Option<String>> = read.into_iter().collect();
                    library::verify(&moved.written, |k| read.get(k).cloned().flatten())
                }
                Err(_) => false,
            }
        }
        Err(_) => {
            cache.requeue(changes);
            false
        }
    };
    if written {
        for key in &moved.to_remove {
            let _ = local.remove(key);
        }
    } else {
        START_PROBLEMS.with_borrow_mut(|p| {
            p.push(
                "Your library could not yet be moved to the browser's larger storage. It is \
                 still kept where it was, and moving it will be tried again on the next visit; \
                 export it to be safe."
                    .to_owned(),
            )
        });
    }
}

fn schedule_flush() {
    let due = BEHIND.with_borrow(|b| {
        b.as_ref()
            .is_some_and(|b| b.timer.is_none() && !b.writing && b.cache.has_changes())
    });
    if !due {
        return;
    }
    let timer = set_timeout_with_handle(flush, FLUSH_DELAY).ok();
    BEHIND.with_borrow_mut(|b| {
        if let Some(behind) = b {
            behind.timer = timer;
        }
    });
}

/// Starts writing every waiting change now (when the page is hidden or closed, say).
pub fn flush() {
    let batch = BEHIND.with_borrow_mut(|b| {
        let behind = b.as_mut()?;
        if let Some(timer) = behind.timer.take() {
            timer.clear();
        }
        if behind.writing || !behind.cache.has_changes() {
            return None;
        }
        behind.writing = true;
        behind.in_flight = behind.cache.take_changes();
        Some((behind.db.clone(), behind.in_flight.clone()))
    });
    let Some((db, changes)) = batch else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let result = db.write(&changes).await;
        let keys: Vec<String> = changes.iter().map(|(k, _)| k.clone()).collect();
        let (report, channel, rescued) = BEHIND.with_borrow_mut(|b| {
            let Some(behind) = b.as_mut() else {
                return (None, None, Vec::new());
            };
            behind.writing = false;
            behind.in_flight.clear();
            let rescued = if result.is_err() {
                behind.cache.requeue(changes);
                Vec::new()
            } else {
                std::mem::take(&mut behind.rescued)
            };
            (behind.on_written.clone(), behind.channel.clone(), rescued)
        });
        forget_rescued(rescued);
        match &result {
            Ok(()) => {
                if let Some(channel) = channel {
                    let keys: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
                    let _ = channel.post_message(&keys);
                }
            }
            Err(IdbError(why)) => leptos::logging::warn!("the library could not be written: {why}"),
        }
        if let Some(report) = report {
            report(result.as_ref().map(|_| ()).map_err(|e| e.store_error()));
        }
        // Changes made while this batch was being written, or the refused batch on the next
        // change: a refused write is tried again only when something changes.
        if BEHIND.with_borrow(|b| b.as_ref().is_some_and(|b| !b.writing)) && result.is_ok() {
            schedule_flush();
        }
    });
}

/// Where changes not yet committed to IndexedDB are kept when the page goes away (a reload, a
/// closed tab): a write started while the page unloads may never finish, but localStorage is
/// written at once. The next start writes them into IndexedDB and removes them.
const RESCUE_PREFIX: &str = "raci-workshop/rescue/";

/// The page is going away: starts the write of what waits, and copies every change not yet
/// committed (waiting or being written) into localStorage, so a reload loses nothing.
pub fn rescue_on_leave() {
    let unsaved = BEHIND.with_borrow(|b| {
        b.as_ref().map(|b| {
            let mut unsaved: BTreeMap<String, Option<String>> =
                b.in_flight.iter().cloned().collect();
            unsaved.extend(b.cache.pending());
            unsaved
        })
    });
    flush();
    let Some(unsaved) = unsaved else {
        return;
    };
    let mut local = LocalStore::new();
    let mut rescued = Vec::new();
    for (key, value) in unsaved {
        let key = format!("{RESCUE_PREFIX}{key}");
        // A removal is kept as an empty marker; no library value is empty.
        if local.set(&key, value.as_deref().unwrap_or("")).is_err() {
            // All or nothing: a document rescued without its journal (or the reverse) would
            // not fit together. IndexedDB's own transaction, if it finishes, keeps them whole.
            forget_rescued(rescued);
            return;
        }
        rescued.push(key);
    }
}

fn forget_rescued(keys: Vec<String>) {
    let mut local = LocalStore::new();
    for key in &keys {
        let _ = local.remove(key);
    }
}

/// Takes the changes a page that went away left in localStorage into the cache (they are newer
/// than what IndexedDB holds), and returns their keys in localStorage.
fn take_rescued(cache: &mut CachedStore) -> Vec<String> {
    let local = LocalStore::new();
    let keys: Vec<String> = local
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with(RESCUE_PREFIX))
        .collect();
    for key in &keys {
        let Ok(Some(value)) = local.get(key) else {
            continue;
        };
        let target = &key[RESCUE_PREFIX.len()..];
        let _ = if value.is_empty() {
            cache.remove(target)
        } else {
            cache.set(target, &value)
        };
    }
    keys
}

/// Another tab wrote `keys`: the cache takes in their new values, then the page hears of them.
async fn hear(keys: Vec<String>) {
    let Some(db) = BEHIND.with_borrow(|b| b.as_ref().map(|b| b.db.clone())) else {
        return;
    };
    let Ok(read) = db.read(&keys).await else {
        return;
    };
    let heard = BEHIND.with_borrow_mut(|b| {
        let behind = b.as_mut()?;
        for (key, value) in &read {
            behind.cache.absorb(key, value.clone());
        }
        behind.on_heard.clone()
    });
    if let Some(heard) = heard {
        heard(read);
    }
}

/// Asks the browser to keep the library even when space runs low. Some(true) when it agreed.
pub async fn persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let persisted = wasm_bindgen_futures::JsFuture::from(storage.persisted().ok()?)
        .await
        .ok()?;
    if persisted.as_bool() == Some(true) {
        return Some(true);
    }
    wasm_bindgen_futures::JsFuture::from(storage.persist().ok()?)
        .await
        .ok()?
        .as_bool()
}

/// How many bytes this site uses, and may use, in this browser.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate: web_sys::StorageEstimate =
        wasm_bindgen_futures::JsFuture::from(storage.estimate().ok()?)
            .await
            .ok()?
            .unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Whether the browser already promised to keep the data.
pub async fn persisted() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    wasm_bindgen_futures::JsFuture::from(storage.persisted().ok()?)
        .await
        .ok()?
        .as_bool()
}
