//! IndexedDB, as thin as the library needs it: one database with one object store of string keys
//! and string values (the same keys and values localStorage held), read whole at start, and
//! written in batches, each one readwrite transaction with strict durability. Direct web-sys
//! bindings: no crate between (see the README's storage section for why).

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction};

use crate::library::{Pending, StoreError};

/// The database and its one object store.
const DB_NAME: &str = "raci-workshop";
const DB_VERSION: u32 = 1;
const STORE: &str = "library";

#[wasm_bindgen]
extern "C" {
    /// An `IDBDatabase`, for the one method web-sys has only behind its unstable APIs.
    #[wasm_bindgen(js_name = IDBDatabase)]
    type DatabaseWithOptions;
    /// `IDBDatabase.transaction(names, mode, options)`, the options carrying `durability`.
    #[wasm_bindgen(method, catch, js_name = transaction)]
    fn transaction_with_options(
        this: &DatabaseWithOptions,
        store: &str,
        mode: &str,
        options: &JsValue,
    ) -> Result<IdbTransaction, JsValue>;
}

/// Why IndexedDB did not do what was asked: the DOMException's name ("QuotaExceededError",
/// "AbortError", "InvalidStateError"...) or the error's text.
#[derive(Clone, Debug)]
pub struct IdbError(pub String);

impl IdbError {
    fn from_js(value: JsValue) -> IdbError {
        if let Some(exception) = value.dyn_ref::<web_sys::DomException>() {
            return IdbError(exception.name());
        }
        if let Some(event) = value.dyn_ref::<web_sys::Event>() {
            // A request's or transaction's error event: the error sits on its target.
            let target = event.target().map(JsValue::from).unwrap_or(JsValue::NULL);
            if let Ok(error) = Reflect::get(&target, &"error".into())
                && let Some(exception) = error.dyn_ref::<web_sys::DomException>()
            {
                return IdbError(exception.name());
            }
            return IdbError(event.type_());
        }
        IdbError(value.as_string().unwrap_or_else(|| format!("{value:?}")))
    }

    /// What the library makes of it: a write that was refused.
    pub fn store_error(&self) -> StoreError {
        StoreError::Refused
    }
}

/// Waits for a request's success (its result) or error.
async fn settle(request: &IdbRequest) -> Result<JsValue, IdbError> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await.map_err(IdbError::from_js)?;
    request
        .result()
        .map_err(|e| IdbError(format!("no result: {e:?}")))
}

/// Waits until `transaction` commits (Ok) or aborts (its error: QuotaExceededError when the
/// browser refused to store more).
async fn committed(transaction: &IdbTransaction) -> Result<(), IdbError> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    match JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(e) => Err(match transaction.error() {
            Some(exception) => IdbError(exception.name()),
            None => IdbError::from_js(e),
        }),
    }
}

/// The open database.
#[derive(Clone)]
pub struct Db(IdbDatabase);

impl Db {
    /// Opens (on the first visit: creates) the database.
    pub async fn open() -> Result<Db, IdbError> {
        let factory = web_sys::window()
            .ok_or_else(|| IdbError("no window".into()))?
            .indexed_db()
            .map_err(IdbError::from_js)?
            .ok_or_else(|| IdbError("IndexedDB is not available".into()))?;
        let request: IdbOpenDbRequest = factory
            .open_with_u32(DB_NAME, DB_VERSION)
            .map_err(IdbError::from_js)?;
        let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new({
            let request = request.clone();
            move |_| {
                if let Ok(result) = request.result()
                    && let Ok(db) = result.dyn_into::<IdbDatabase>()
                    && !db.object_store_names().contains(STORE)
                {
                    let _ = db.create_object_store(STORE);
                }
            }
        });
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let result = settle(&request).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        let db: IdbDatabase = result?
            .dyn_into()
            .map_err(|_| IdbError("not a database".into()))?;
        // Another tab of a newer build wants to upgrade: let it, rather than block it.
        let on_version_change = Closure::<dyn FnMut(web_sys::Event)>::new({
            let db = db.clone();
            move |_| db.close()
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        Ok(Db(db))
    }

    fn store(
        &self,
        mode: &str,
        strict: bool,
    ) -> Result<(IdbTransaction, IdbObjectStore), IdbError> {
        let options = Object::new();
        if strict {
            let _ = Reflect::set(&options, &"durability".into(), &"strict".into());
        }
        let transaction = self
            .0
            .unchecked_ref::<DatabaseWithOptions>()
            .transaction_with_options(STORE, mode, &options)
            .map_err(IdbError::from_js)?;
        let store = transaction.object_store(STORE).map_err(IdbError::from_js)?;
        Ok((transaction, store))
    }

    /// Every key, with its value as the browser read it (text is made of it by the caller, when
    /// it is needed: see `CachedStore`'s unread values).
    pub async fn read_all(&self) -> Result<Vec<(String, JsValue)>, IdbError> {
        let (_transaction, store) = self.store("readonly", false)?;
        let keys = store.get_all_keys().map_err(IdbError::from_js)?;
        let values = store.get_all().map_err(IdbError::from_js)?;
        let keys: Array = settle(&keys).await?.unchecked_into();
        let values: Array = settle(&values).await?.unchecked_into();
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| Some((k.as_string()?, v)))
            .filter(|(_, v)| v.is_string())
            .collect())
    }

    /// The values of `keys` (None where nothing is stored).
    pub async fn read(&self, keys: &[String]) -> Result<Vec<(String, Option<String>)>, IdbError> {
        let (_transaction, store) = self.store("readonly", false)?;
        // Every request is made before the first is awaited, so the transaction stays active.
        let requests = keys
            .iter()
            .map(|k| store.get(&JsValue::from_str(k)).map_err(IdbError::from_js))
            .collect::<Result<Vec<_>, _>>()?;
        let mut read = Vec::with_capacity(keys.len());
        for (key, request) in keys.iter().zip(requests) {
            read.push((key.clone(), settle(&request).await?.as_string()));
        }
        Ok(read)
    }

    /// Writes `changes` in one readwrite transaction with strict durability: when this returns
    /// Ok, the browser has flushed them to disk, so they survive a crash.
    pub async fn write(&self, changes: &[Pending]) -> Result<(), IdbError> {
        let start = super::dom::now_ms();
        let (transaction, store) = self.store("readwrite", true)?;
        for (key, value) in changes {
            let key = JsValue::from_str(key);
            let request = match value {
                Some(value) => store.put_with_key(&JsValue::from_str(value), &key),
                None => store.delete(&key),
            };
            if let Err(e) = request {
                transaction.abort().ok();
                return Err(IdbError::from_js(e));
            }
        }
        // Nothing more comes in this transaction: commit now rather than at the end of the task,
        // so the browser has the whole batch even if the page goes away at once.
        if let Ok(commit) = Reflect::get(&transaction, &"commit".into())
            && let Ok(commit) = commit.dyn_into::<Function>()
        {
            let _ = commit.call0(&transaction);
        }
        // What the page's own thread spent handing the values to IndexedDB.
        super::dom::measure_since("raci-workshop:write", start);
        committed(&transaction).await
    }
}
