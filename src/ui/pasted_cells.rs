//! The clipboard on the page, as a spreadsheet has it. A block of letters pasted (Ctrl+V /
//! Cmd+V) fills the grid from the selected cell as one undo step; a table with names (copied
//! from Excel or Google Sheets with its header row) opens the import preview as "Pasted cells";
//! other text is not pasted, and the status line says so. Ctrl+C in the grid copies the selected
//! range as tab-separated letters. What the text is and what the paste does are decided in
//! `crate::grid::clipboard`.
//!
//! Only a paste nobody else wants counts: never one into a text field.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, EventTarget, HtmlElement};

use crate::grid::{Pasted, classify, paste, range_tsv};

use super::dom::event_element;
use super::grid_state::{GridState, refocus};
use super::pending_import::ImportPreview;
use super::state::Workshop;

/// The name the preview and the import status give to pasted cells.
pub const PASTED_CELLS: &str = "Pasted cells";

/// Listens for pastes and copies on the page for as long as the calling component lives.
pub fn listen_for_clipboard(workshop: Workshop, grid: GridState, preview: ImportPreview) {
    let pasting = window_event_listener(ev::paste, move |ev: ClipboardEvent| {
        if is_editable(ev.target()) {
            return;
        }
        let Some(text) = ev
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok())
        else {
            return;
        };
        ev.prevent_default();
        match classify(&text) {
            Pasted::Letters(block) => paste_letters(workshop, grid, &block),
            Pasted::Table => preview.open(workshop, PASTED_CELLS.to_owned(), text.into_bytes()),
            Pasted::Other => grid.status.set(
                "Nothing was pasted: the clipboard holds neither cells of letters (such as \
                 \"R\tA\") nor a table with a header row."
                    .to_owned(),
            ),
        }
    });
    let copying = window_event_listener(ev::copy, move |ev: ClipboardEvent| {
        let in_grid =
            event_element(&ev).is_some_and(|e| e.closest("table.matrix").ok().flatten().is_some());
        let (Some(selection), Some(data)) = (grid.selection.get_untracked(), ev.clipboard_data())
        else {
            return;
        };
        if !in_grid {
            return;
        }
        let layout = grid.layout(workshop);
        let cells = layout.cells(selection).len();
        let text = workshop
            .matrix
            .with_untracked(|m| range_tsv(m, &layout, selection));
        if data.set_data("text/plain", &text).is_ok() {
            ev.prevent_default();
            let noun = if cells == 1 { "cell" } else { "cells" };
            grid.status
                .set(format!("Copied {cells} {noun} as tab-separated letters."));
        }
    });
    on_cleanup(move || {
        pasting.remove();
        copying.remove();
    });
}

/// Fills `block` in from the selection's top-left cell as one undo step, selects what it covered
/// and says what was done.
fn paste_letters(workshop: Workshop, grid: GridState, block: &[Vec<String>]) {
    let Some(selection) = grid.selection.get_untracked() else {
        grid.status.set(
            "Select a cell first: pasted letters fill the matrix from the selected cell."
                .to_owned(),
        );
        return;
    };
    let layout = grid.layout(workshop);
    let Some(top_left) = layout.cells(selection).first().copied() else {
        return;
    };
    let plan = workshop
        .matrix
        .with_untracked(|m| paste(m, &layout, top_left, block));
    if let Some(edit) = plan.edit.clone() {
        workshop.apply_or_explain(edit);
    }
    if let Some(covered) = plan.covered {
        grid.selection.set(Some(covered));
    }
    grid.status.set(plan.summary());
    refocus(grid);
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
