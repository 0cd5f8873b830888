//! "Large type" for projectors: a toggle that scales the whole page up, remembered in this
//! browser. Storage may be disabled; then the choice simply lasts until the page is closed.

use leptos::prelude::*;

use super::preferences;

const KEY: &str = "raci-workshop/large-type";
/// Set on <html>; style/main.css scales type and cell padding under it.
const ATTRIBUTE: &str = "data-large-type";

fn remembered() -> bool {
    preferences::read(KEY).is_some_and(|v| v == "on")
}

fn remember(on: bool) {
    preferences::write(KEY, on.then_some("on"));
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
        // The grid measures again what fits at the new size (see ui/density.rs).
        if let (Some(window), Ok(resize)) = (web_sys::window(), web_sys::Event::new("resize")) {
            let _ = window.dispatch_event(&resize);
        }
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
