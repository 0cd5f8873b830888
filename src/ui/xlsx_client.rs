//! The page's side of the xlsx worker (src/bin/xlsx_worker.rs): starts it on first use, waits
//! until its module is loaded, and turns each request into a future of its reply.
//!
//! The worker is a separate wasm module, so the page does not carry the Excel code until a
//! workbook is imported or exported. If the module cannot be fetched (offline, blocked), the
//! request fails with a message saying so; everything else keeps working.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The worker's entry script, copied next to index.html by trunk.
const LOADER: &str = "./xlsx-loader.js";

const UNAVAILABLE: &str = "The Excel module could not be loaded, so workbooks cannot be read or \
                           written right now (are you offline, or is a blocker stopping \
                           scripts?). CSV, JSON and Markdown still work: in Excel choose File > \
                           Save As > \"CSV UTF-8\" and import that, or try again when online.";

type Callbacks = (Function, Function);

/// The running worker and the requests waiting for its reply.
struct Connection {
    worker: Worker,
    /// Settles when the module is loaded (or cannot be).
    ready: Promise,
    /// The request waiting for its reply: one at a time (the page asks for one workbook at a
    /// time; a second request while one runs is refused rather than queued).
    pending: Rc<RefCell<Option<(u32, Callbacks)>>>,
    next_id: Cell<u32>,
    /// Set when the worker failed; the next request starts a fresh one. (The failed one cannot
    /// be dropped from inside its own error handler, which it owns.)
    broken: Rc<Cell<bool>>,
    // Kept alive as long as the worker.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static CONNECTION: RefCell<Option<Rc<Connection>>> = const { RefCell::new(None) };
}

/// Reads a workbook in the worker: the sheets as text ([`crate::import::Workbook::encode`]).
pub async fn read_workbook(bytes: &[u8]) -> Result<String, String> {
    let request = Object::new();
    set(&request, "kind", &"read".into());
    let array = Uint8Array::from(bytes);
    set(&request, "bytes", &array);
    let reply = send(request, Some(array.buffer().into())).await?;
    get(&reply, "text")
        .as_string()
        .ok_or_else(|| "The Excel module sent back no sheets.".to_owned())
}

/// Writes the matrix (as our JSON document) as an .xlsx in the worker, its findings and actions
/// as of `today` (YYYY-MM-DD), the day the page's findings use.
pub async fn write_workbook(document: String, today: &str) -> Result<Vec<u8>, String> {
    let request = Object::new();
    set(&request, "kind", &"write".into());
    set(&request, "document", &document.into());
    set(&request, "today", &today.into());
    let reply = send(request, None).await?;
    Ok(Uint8Array::new(&get(&reply, "bytes")).to_vec())
}

async fn send(request: Object, transfer: Option<JsValue>) -> Result<JsValue, String> {
    let connection = connection()?;
    if JsFuture::from(connection.ready.clone()).await.is_err() {
        forget_connection();
        return Err(UNAVAILABLE.to_owned());
    }
    let id = connection.next_id.get();
    connection.next_id.set(id.wrapping_add(1));
    set(&request, "id", &id.into());
    if connection.pending.borrow().is_some() {
        return Err(
            "The Excel module is still busy with the previous workbook; try again when \
                    it is done."
                .to_owned(),
        );
    }
    let pending = connection.pending.clone();
    let reply = Promise::new(&mut |resolve, reject| {
        *pending.borrow_mut() = Some((id, (resolve, reject)));
    });
    let posted = match transfer {
        Some(buffer) => connection
            .worker
            .post_message_with_transfer(&request, &Array::of1(&buffer)),
        None => connection.worker.post_message(&request),
    };
    if posted.is_err() {
        connection.pending.borrow_mut().take();
        return Err("The file could not be handed to the Excel module.".to_owned());
    }
    let reply = JsFuture::from(reply)
        .await
        .map_err(|error| error.as_string().unwrap_or_else(|| UNAVAILABLE.to_owned()))?;
    if get(&reply, "ok").as_bool() == Some(true) {
        Ok(reply)
    } else {
        Err(get(&reply, "error")
            .as_string()
            .unwrap_or_else(|| "The Excel module failed without saying why.".to_owned()))
    }
}

/// The worker, started on first use.
fn connection() -> Result<Rc<Connection>, String> {
    if let Some(existing) = CONNECTION.with(|c| c.borrow().clone()) {
        if !existing.broken.get() {
            return Ok(existing);
        }
        forget_connection();
    }
    let broken = Rc::new(Cell::new(false));
    let worker = Worker::new(LOADER).map_err(|_| UNAVAILABLE.to_owned())?;
    let pending: Rc<RefCell<Option<(u32, Callbacks)>>> = Rc::default();
    let ready_callbacks: Rc<RefCell<Option<Callbacks>>> = Rc::default();
    let ready = {
        let slot = ready_callbacks.clone();
        Promise::new(&mut |resolve, reject| {
            *slot.borrow_mut() = Some((resolve, reject));
        })
    };

    let on_message = {
        let pending = pending.clone();
        let ready_callbacks = ready_callbacks.clone();
        let broken = broken.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            match get(&data, "kind").as_string().as_deref() {
                Some("ready") => {
                    if let Some((resolve, _)) = ready_callbacks.borrow_mut().take() {
                        let _ = resolve.call0(&JsValue::NULL);
                    }
                }
                Some("failed") => {
                    broken.set(true);
                    if let Some((_, reject)) = ready_callbacks.borrow_mut().take() {
                        let _ = reject.call1(&JsValue::NULL, &UNAVAILABLE.into());
                    }
                }
                _ => {
                    let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
                    let waiting = pending.borrow().as_ref().is_some_and(|(i, _)| *i == id);
                    if waiting && let Some((_, (resolve, _))) = pending.borrow_mut().take() {
                        let _ = resolve.call1(&JsValue::NULL, &data);
                    }
                }
            }
        })
    };
    // The script could not be fetched, or the module stopped (a crash ends every request).
    let on_error = {
        let pending = pending.clone();
        let ready_callbacks = ready_callbacks.clone();
        let broken = broken.clone();
        Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let was_loading = ready_callbacks.borrow().is_some();
            let message = if was_loading {
                UNAVAILABLE.to_owned()
            } else {
                format!(
                    "The Excel module stopped ({}); nothing was changed. Try again, or save the \
                     workbook as CSV and import that.",
                    event.message()
                )
            };
            if let Some((_, reject)) = ready_callbacks.borrow_mut().take() {
                let _ = reject.call1(&JsValue::NULL, &message.clone().into());
            }
            if let Some((_, (_, reject))) = pending.borrow_mut().take() {
                let _ = reject.call1(&JsValue::NULL, &message.clone().into());
            }
            broken.set(true);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let connection = Rc::new(Connection {
        worker,
        ready,
        pending,
        next_id: Cell::new(1),
        broken,
        _on_message: on_message,
        _on_error: on_error,
    });
    CONNECTION.with(|c| *c.borrow_mut() = Some(connection.clone()));
    Ok(connection)
}

/// Drops a worker that failed, so that the next request starts a fresh one.
fn forget_connection() {
    let old = CONNECTION.with(|c| c.borrow_mut().take());
    if let Some(old) = old {
        old.worker.terminate();
    }
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}
