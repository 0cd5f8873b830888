//! Share by link: "Copy share link" compresses the matrix with the browser's CompressionStream
//! (so the page carries no compressor) into the URL's fragment, copies the link and shows it in a
//! read-only field with its length. Opening such a link is [`super::shared_view`]'s part.

use js_sys::{Array, Reflect, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, WritableStream,
};

use super::dom::focus_by_id;
use super::state::Workshop;
use crate::publish::share::{self, LinkLength, MAX_EXPANDED_BYTES, ShareError};

// CompressionStream and DecompressionStream are in every current browser, but web-sys lists them
// only behind its unstable-APIs switch: these two bindings are all the page needs of them.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

/// The format of both: raw deflate (RFC 1951), no header or checksum, the shortest link.
const FORMAT: &str = "deflate-raw";

/// The last link made, shown under the header until dismissed.
#[derive(Clone, Copy)]
pub struct ShareLink {
    link: RwSignal<Option<String>>,
    copied: RwSignal<bool>,
}

impl ShareLink {
    pub fn new() -> ShareLink {
        ShareLink {
            link: RwSignal::new(None),
            copied: RwSignal::new(false),
        }
    }
}

/// The "Copy share link" button.
#[component]
pub fn CopyShareLinkButton() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let state = expect_context::<ShareLink>();
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let payload = workshop
            .matrix
            .with_untracked(|m| workshop.settings.with_untracked(|s| share::payload(m, s)));
        spawn_local(async move {
            let made = compress(&payload).await;
            busy.set(false);
            match made {
                Ok(compressed) => {
                    let link = format!("{}#{}", page_address(), share::fragment(&compressed));
                    let copied = copy_text(&link).await;
                    state.copied.set(copied);
                    state.link.set(Some(link));
                    focus_link_field();
                }
                Err(problem) => workshop.problem.set(Some(problem)),
            }
        });
    };
    view! {
        <button class="button" aria-busy=move || busy.get().to_string() on:click=on_click>
            "Copy share link"
        </button>
    }
}

/// The link just made: a read-only field to copy it from, its length, and a warning when chat
/// or mail may cut it short.
#[component]
pub fn ShareLinkBanner() -> impl IntoView {
    let state = expect_context::<ShareLink>();
    view! {
        <div class="share-region" role="status">
            {move || {
                state
                    .link
                    .get()
                    .map(|link| {
                        let length = LinkLength::of(&link);
                        let warn = length.too_long_for_chat;
                        let copied = if state.copied.get() {
                            "Copied to the clipboard. "
                        } else {
                            "Copy it from the field (the browser did not allow copying). "
                        };
                        view! {
                            <div class="banner share-banner" class:banner-warning=warn class:banner-notice=!warn>
                                <label class="field-label" for="share-link">"Share link"</label>
                                <input
                                    id="share-link"
                                    class="field-input share-link-field"
                                    type="text"
                                    readonly
                                    prop:value=link
                                    on:focus=move |ev| {
                                        if let Some(input) = ev
                                            .target()
                                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                        {
                                            input.select();
                                        }
                                    }
                                />
                                <p class="share-length">{copied}{length.words()}</p>
                                <button class="button button-quiet" on:click=move |_| state.link.set(None)>
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

fn focus_link_field() {
    request_animation_frame(|| focus_by_id("share-link"));
}

/// The page's address without its fragment: where a link opens.
fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// Removes the fragment from the address bar (a reload then opens the editor, not the link).
pub fn forget_fragment() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&page_address()));
    }
}

/// A share link pasted into the address bar of an open page changes only the fragment, which
/// does not load the page again: load it, so the link opens.
pub fn reload_on_share_links() {
    // The handle is dropped: the listener stays as long as the page.
    let _ = window_event_listener(leptos::ev::hashchange, |_| {
        let window = web_sys::window();
        if let (Some(window), Some(_)) = (window, share::compressed_data(&current_fragment())) {
            let _ = window.location().reload();
        }
    });
}

/// The fragment of the address the page was opened with ("#share=..." or "").
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// `bytes` compressed as raw deflate by the browser.
async fn compress(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let fail = |_| {
        "This browser cannot make share links (it has no CompressionStream). Export the \
         matrix as a file instead."
            .to_owned()
    };
    let stream = CompressionStream::new(FORMAT).map_err(fail)?;
    let pair = ReadableWritablePair::new(&stream.readable(), &stream.writable());
    let out = source(bytes).map_err(fail)?.pipe_through(&pair);
    read_all(out, usize::MAX).await.map_err(fail)
}

/// A link's data expanded by the browser, refused past [`MAX_EXPANDED_BYTES`].
pub async fn expand(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    let damaged = |e: JsValue| {
        ShareError::Damaged(e.dyn_ref::<js_sys::Error>().map_or_else(
            || "it does not decompress".to_owned(),
            |e| e.message().into(),
        ))
    };
    let stream = DecompressionStream::new(FORMAT).map_err(damaged)?;
    let pair = ReadableWritablePair::new(&stream.readable(), &stream.writable());
    let out = source(bytes).map_err(damaged)?.pipe_through(&pair);
    read_all(out, MAX_EXPANDED_BYTES).await.map_err(damaged)
}

fn source(bytes: &[u8]) -> Result<ReadableStream, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    Ok(Blob::new_with_u8_array_sequence(&parts)?.stream())
}

/// Everything `stream` gives, stopping with an error past `limit` bytes.
async fn read_all(stream: ReadableStream, limit: usize) -> Result<Vec<u8>, JsValue> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if Reflect::get(&chunk, &"done".into())?.is_truthy() {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())?.unchecked_into();
        if out.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Err(js_sys::Error::new("it expands past the size limit").into());
        }
        out.extend(value.to_vec());
    }
}
