//! Undo and redo: buttons, and the shortcuts Ctrl/Cmd+Z, Ctrl+Shift+Z and Ctrl+Y.

use leptos::prelude::*;

use crate::edit::Edit;

use super::dom::event_element;
use super::grid_state::{GridState, refocus};
use super::state::Workshop;
use crate::grid::{CellRef, Selection};

#[component]
pub fn UndoButtons() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    // Memos: an edit changes the history, rarely whether there is something to undo.
    let can_undo = Memo::new(move |_| workshop.history.with(|h| h.can_undo()));
    let can_redo = Memo::new(move |_| workshop.history.with(|h| h.can_redo()));
    view! {
        <div class="undo-buttons" role="group" aria-label="History">
            <button
                class="button"
                title="Undo (Ctrl+Z)"
                prop:disabled=move || !can_undo.get()
                on:click=move |_| step(workshop, grid, false)
            >
                "Undo"
            </button>
            <button
                class="button"
                title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
                prop:disabled=move || !can_redo.get()
                on:click=move |_| step(workshop, grid, true)
            >
                "Redo"
            </button>
        </div>
    }
}

/// Undo and redo from the keyboard anywhere on the page, except while typing in a text field
/// (where the browser's own undo applies).
pub fn listen_for_shortcuts(workshop: Workshop, grid: GridState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || typing(&ev) {
            return;
        }
        let key = ev.key().to_lowercase();
        let redo = match key.as_str() {
            "z" => ev.shift_key(),
            "y" => true,
            _ => return,
        };
        ev.prevent_default();
        let in_grid =
            event_element(&ev).is_some_and(|e| e.closest("table.matrix").ok().flatten().is_some());
        step(workshop, grid, redo);
        if in_grid {
            refocus(grid);
        }
    });
    // The app lives as long as the page.
    std::mem::forget(handle);
}

fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    event_element(ev).is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || e.get_attribute("contenteditable").is_some()
    })
}

/// Undoes (or redoes) one step and selects the cell it changed, so the room sees what happened.
fn step(workshop: Workshop, grid: GridState, redo: bool) {
    let done = if redo {
        workshop.redo()
    } else {
        workshop.undo()
    };
    if let Some(cell) = done
        .as_ref()
        .and_then(|s| s.edit.as_ref())
        .and_then(first_cell)
    {
        let exists = workshop
            .matrix
            .with_untracked(|m| m.cell(cell.activity, cell.role).is_some());
        if exists {
            let keep_range = grid
                .selection
                .get_untracked()
                .filter(|s| s.anchor == cell || s.focus == cell);
            grid.selection
                .set(Some(keep_range.unwrap_or(Selection::single(cell))));
        }
    }
}

/// The first cell an edit changed, if it changed cells.
fn first_cell(edit: &Edit) -> Option<CellRef> {
    match edit {
        Edit::SetCell { activity, role, .. } | Edit::ToggleLetter { activity, role, .. } => {
            Some(CellRef {
                activity: *activity,
                role: *role,
            })
        }
        Edit::Batch { edits } => edits.iter().find_map(first_cell),
        _ => None,
    }
}
