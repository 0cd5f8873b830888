//! "Large type" for projectors: a toggle that scales the whole page up, remembered in this
//! browser. Storage may be disabled; then the choice simply lasts until the page is closed.

use leptos::prelude::*;

const KEY: &str = "raci-workshop/large-type";
/// Set on <html>; style/main.css scales type and cell padding under it.
const ATTRIBUTE: &str = "data-large-type";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remembered() -> bool {
    local_storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .is_some_and(|v| v == "on")
}

fn remember(on: bool) {
    if let Some(storage) = local_storage() {
        // A failed write only costs remembering the choice; it is not worth a warning.
        let _ = if on {
            storage.set_item(KEY, "on")
        } else {
            storage.remove_item(KEY)
        };
    }
}

fn apply(on: bool) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = if on {
        root.set_attribute(ATTRIBUTE, "")
    } else {
        root.remove_attribute(ATTRIBUTE)
    };
}

#[component]
pub fn LargeTypeToggle() -> impl IntoView {
    let on = RwSignal::new(remembered());
    apply(on.get_untracked());
    let toggle = move |_| {
        let next = !on.get_untracked();
        on.set(next);
        apply(next);
        remember(next);
    };
    view! {
        <button
            class="button large-type-toggle"
            title="Larger type for projectors"
            aria-pressed=move || on.get().to_string()
            on:click=toggle
        >
            "Large type"
        </button>
    }
}
