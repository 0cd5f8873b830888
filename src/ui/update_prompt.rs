//! "A new version is available": shown when a new deployment of the app is cached and waiting.
//!
//! The service worker and its registration are plain JavaScript (web/sw.js, web/offline.js), so the
//! page's wasm carries only this line. offline.js raises `raci-workshop:update-ready` (and sets
//! `window.raciWorkshopUpdateReady`, in case that happened before the app started); Reload raises
//! `raci-workshop:update-accept`, and offline.js lets the new version take over and reloads the page,
//! which then loads every file from the new version's cache. Work is saved on the way out (pagehide).

use leptos::prelude::*;

const READY_EVENT: &str = "raci-workshop:update-ready";
const ACCEPT_EVENT: &str = "raci-workshop:update-accept";
const READY_FLAG: &str = "raciWorkshopUpdateReady";

/// The polite line under the header with "Reload" and "Later".
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let ready = RwSignal::new(update_waiting());
    // The app lives as long as the page: the listener is never removed.
    std::mem::forget(window_event_listener_untyped(READY_EVENT, move |_| {
        ready.set(true)
    }));
    let reload = move |_| {
        if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(ACCEPT_EVENT)) {
            let _ = window.dispatch_event(&event);
        }
    };
    // The status region is always in the page, so screen readers announce the line when it appears.
    view! {
        <div class="update-region" role="status">
            {move || {
                ready
                    .get()
                    .then(|| {
                        view! {
                            <div class="banner banner-update">
                                <span>"A new version is available."</span>
                                <span class="banner-update-actions">
                                    <button class="button button-primary" on:click=reload>
                                        "Reload"
                                    </button>
                                    <button class="button button-quiet" on:click=move |_| ready.set(false)>
                                        "Later"
                                    </button>
                                </span>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Whether offline.js found a waiting version before the app started listening.
fn update_waiting() -> bool {
    web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &READY_FLAG.into()).ok())
        .is_some_and(|flag| flag.is_truthy())
}
