//! Dropping a file anywhere on the page opens the import preview; while a file is dragged over
//! the page, a calm full-page hint says what will happen.

use leptos::ev;
use leptos::prelude::*;
use web_sys::DragEvent;

use super::pending_import::ImportPreview;
use super::state::Workshop;

#[component]
pub fn DropZone() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let preview = expect_context::<ImportPreview>();
    let dragging = RwSignal::new(false);

    // The page only becomes a drop target for files; dragged text or links behave as usual.
    let enter = window_event_listener(ev::dragenter, move |ev: DragEvent| {
        if carries_files(&ev) {
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let over = window_event_listener(ev::dragover, move |ev: DragEvent| {
        if !carries_files(&ev) {
            return;
        }
        // Cancelling dragover is what allows the drop.
        ev.prevent_default();
        if let Some(transfer) = ev.data_transfer() {
            transfer.set_drop_effect("copy");
        }
        if !dragging.get_untracked() {
            dragging.set(true);
        }
    });
    let leave = window_event_listener(ev::dragleave, move |ev: DragEvent| {
        // Moving between elements names the element entered; leaving the window names none.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |ev: DragEvent| {
        dragging.set(false);
        if !carries_files(&ev) {
            return;
        }
        // Without this the browser would navigate away to the dropped file.
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            preview.open_file(workshop, file);
        }
    });
    on_cleanup(move || {
        enter.remove();
        over.remove();
        leave.remove();
        drop.remove();
    });

    view! {
        <Show when=move || dragging.get()>
            <div class="drop-hint" aria-hidden="true">
                <div class="drop-hint-card">
                    <p class="drop-hint-title">"Drop the file to preview it"</p>
                    <p class="drop-hint-text">
                        "CSV, TSV, Markdown or JSON. Nothing changes until you confirm."
                    </p>
                </div>
            </div>
        </Show>
    }
}

fn carries_files(ev: &DragEvent) -> bool {
    ev.data_transfer()
        .is_some_and(|transfer| transfer.types().includes(&"Files".into(), 0))
}
