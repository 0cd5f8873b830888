//! Jumping from a list (the role view, "Who owns...?") to a cell of the grid.

use leptos::prelude::*;

use super::grid_state::GridState;
use super::state::Workshop;
use crate::grid::{CellRef, name_matches, search_key};

/// Selects `cell` and moves the focus there, first clearing a search or filter that hides its
/// row.
pub fn jump_to_cell(workshop: Workshop, grid: GridState, cell: CellRef) {
    let name = workshop
        .matrix
        .with_untracked(|m| m.activity(cell.activity).map(|a| a.name.clone()))
        .unwrap_or_default();
    let search = grid.search.with_untracked(|s| search_key(s));
    if !name_matches(&name, &search) {
        grid.search.set(String::new());
    }
    if grid.only_findings.get_untracked() {
        grid.only_findings.set(false);
    }
    grid.reveal(workshop, cell);
    // A row just un-hidden is rendered on the next frame: focus it then.
    request_animation_frame(move || grid.bring_into_view(cell));
}
