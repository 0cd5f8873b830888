//! The xlsx worker: a second wasm module, built by trunk as a web worker and started by the page
//! only when the user first imports or exports a workbook. It carries calamine and
//! rust_xlsxwriter so the main page does not, and it reads and writes off the main thread, so a
//! large workbook never freezes the page.
//!
//! Messages (plain JavaScript objects):
//! - to the page on start: `{kind: "ready"}`;
//! - `{id, kind: "read", name, bytes: Uint8Array}` -> `{id, ok: true, text}`: the workbook's sheets
//!   as [`raci_workshop::import::Workbook::encode`] writes them, which the page imports (or why
//!   the file cannot be read: password-protected, an old .xls, not a workbook, too large);
//! - `{id, kind: "write", document, today}` (our JSON document, the page's YYYY-MM-DD) ->
//!   `{id, ok: true, bytes: Uint8Array}`;
//! - any failure -> `{id, ok: false, error}` in plain words.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

/// Natively there is nothing to run: the module is only ever a browser worker.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use raci_workshop::import::{self, WorkbookFile};
    use raci_workshop::model::Date;
    use raci_workshop::{document, workbook};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let replies = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let (reply, transfer) = handle(&event.data());
            let sent = match transfer {
                Some(buffer) => replies.post_message_with_transfer(&reply, &Array::of1(&buffer)),
                None => replies.post_message(&reply),
            };
            if sent.is_err() {
                let _ =
                    replies.post_message(&failure(&event.data(), "The reply could not be sent."));
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives as long as the page; so does its handler.
        on_message.forget();
        let ready = Object::new();
        set(&ready, "kind", &"ready".into());
        let _ = scope.post_message(&ready);
    }

    /// The reply to one request, and the buffer to transfer with it (no copy).
    fn handle(request: &JsValue) -> (JsValue, Option<JsValue>) {
        let kind = get(request, "kind").as_string().unwrap_or_default();
        match kind.as_str() {
            "read" => {
                let bytes = Uint8Array::new(&get(request, "bytes")).to_vec();
                let name = get(request, "name").as_string().unwrap_or_default();
                let read = match import::workbook_file(&bytes, &name) {
                    WorkbookFile::Refused(error) => Err(error.message),
                    WorkbookFile::Package => workbook::read(&bytes).map_err(|e| e.to_string()),
                    WorkbookFile::Text => Err(format!(
                        "\"{name}\" is not a workbook; import it as a text file."
                    )),
                };
                match read {
                    Ok(book) => {
                        let reply = success(request);
                        set(&reply, "text", &book.encode().into());
                        (reply.into(), None)
                    }
                    Err(error) => (failure(request, &error), None),
                }
            }
            "write" => {
                let text = get(request, "document").as_string().unwrap_or_default();
                let parsed = serde_json::from_str(&text)
                    .map_err(|e| e.to_string())
                    .and_then(|value| document::from_value(value).map_err(|e| e.to_string()));
                let today = get(request, "today").as_string().unwrap_or_default();
                let today = today.parse::<Date>().map_err(|e| e.to_string());
                let written = parsed.and_then(|(matrix, settings)| {
                    workbook::write(&matrix, &settings, today?).map_err(|e| e.to_string())
                });
                match written {
                    Ok(bytes) => {
                        let array = Uint8Array::from(bytes.as_slice());
                        let reply = success(request);
                        set(&reply, "bytes", &array);
                        (reply.into(), Some(array.buffer().into()))
                    }
                    Err(error) => (failure(request, &error), None),
                }
            }
            other => (
                failure(request, &format!("Unknown request \"{other}\".")),
                None,
            ),
        }
    }

    fn success(request: &JsValue) -> Object {
        let reply = Object::new();
        set(&reply, "id", &get(request, "id"));
        set(&reply, "ok", &true.into());
        reply
    }

    fn failure(request: &JsValue, error: &str) -> JsValue {
        let reply = Object::new();
        set(&reply, "id", &get(request, "id"));
        set(&reply, "ok", &false.into());
        set(&reply, "error", &error.into());
        reply.into()
    }

    fn get(object: &JsValue, key: &str) -> JsValue {
        Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn set(object: &Object, key: &str, value: &JsValue) {
        let _ = Reflect::set(object, &key.into(), value);
    }
}
