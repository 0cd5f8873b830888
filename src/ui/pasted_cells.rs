//! Cells copied from Excel or Google Sheets and pasted on the page (Ctrl+V / Cmd+V) open the
//! import preview as "Pasted cells".
//!
//! Only a paste nobody else wants counts: not into a text field, and only a block of at least two
//! rows and two columns, so that a cell editor can paste single values itself.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, EventTarget, HtmlElement};

use super::pending_import::ImportPreview;

/// The name the preview and the import status give to pasted cells.
pub const PASTED_CELLS: &str = "Pasted cells";

/// Listens for pastes on the page for as long as the calling component lives.
pub fn preview_pasted_cells(preview: ImportPreview) {
    let handle = window_event_listener(ev::paste, move |ev: ClipboardEvent| {
        if is_editable(ev.target()) {
            return;
        }
        let Some(text) = ev
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok())
        else {
            return;
        };
        if !is_cell_block(&text) {
            return;
        }
        ev.prevent_default();
        preview.open(PASTED_CELLS.to_owned(), text.into_bytes());
    });
    on_cleanup(move || handle.remove());
}

/// A text field, a select or anything editable handles its own paste.
fn is_editable(target: Option<EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    matches!(
        element.tag_name().to_ascii_lowercase().as_str(),
        "input" | "textarea" | "select"
    ) || element.is_content_editable()
}

/// At least two rows and two columns of tab-separated cells, as spreadsheets copy them.
fn is_cell_block(text: &str) -> bool {
    text.lines()
        .filter(|line| line.contains('\t'))
        .take(2)
        .count()
        == 2
}
