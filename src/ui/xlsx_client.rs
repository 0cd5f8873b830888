//! The page's side of the xlsx worker (src/bin/xlsx_worker.rs). The worker and the script that
//! talks to it (src/bin/xlsx-client.js) are loaded on the first workbook import or export, so
//! the first page load carries neither the Excel code nor its plumbing: this module is the one
//! function that imports the script and the words for when it cannot be loaded (offline,
//! blocked). Everything else keeps working then.

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function excel(request, transfer) {
  return import(new URL("./xlsx-client.js", document.baseURI).href)
    .then((client) => client.request(request, transfer), () => Promise.reject(null));
}
"#)]
extern "C" {
    /// Resolves with the worker's reply; rejects with a message, or with null when the module
    /// cannot be loaded.
    fn excel(request: &JsValue, transfer: &JsValue) -> Promise;
}

const UNAVAILABLE: &str = "The Excel module could not be loaded, so workbooks cannot be read or \
                           written right now (are you offline, or is a blocker stopping \
                           scripts?). CSV, JSON and Markdown still work: in Excel choose File > \
                           Save As > \"CSV UTF-8\" and import that, or try again when online.";

/// Reads a workbook in the worker: the sheets as text ([`crate::import::Workbook::encode`]),
/// or why it cannot be read (password-protected, not a workbook, too large...).
pub async fn read_workbook(bytes: &[u8], file_name: &str) -> Result<String, String> {
    let array = Uint8Array::from(bytes);
    let reply = send(
        &[
            ("kind", "read".into()),
            ("name", file_name.into()),
            ("bytes", array.clone().into()),
        ],
        array.buffer().into(),
    )
    .await?;
    get(&reply, "text")
        .as_string()
        .ok_or_else(|| "The Excel module sent back no sheets.".to_owned())
}

/// Writes the matrix (as our JSON document) as an .xlsx in the worker, its findings and actions
/// as of `today` (YYYY-MM-DD), the day the page's findings use.
pub async fn write_workbook(document: String, today: &str) -> Result<Vec<u8>, String> {
    let reply = send(
        &[
            ("kind", "write".into()),
            ("document", document.into()),
            ("today", today.into()),
        ],
        JsValue::UNDEFINED,
    )
    .await?;
    Ok(Uint8Array::new(&get(&reply, "bytes")).to_vec())
}

async fn send(fields: &[(&str, JsValue)], transfer: JsValue) -> Result<JsValue, String> {
    let request = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&request, &(*key).into(), value);
    }
    let reply = JsFuture::from(excel(&request, &transfer))
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

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}
