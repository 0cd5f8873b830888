//! Adding and deleting the focused cell's activity or role, from the "Rows and columns" bar and
//! from the keyboard alike. Each is one undoable step; deleting asks nothing because Undo brings
//! it back.

use leptos::prelude::*;

use crate::commands;
use crate::edit::Edit;
use crate::grid::Renaming;
use crate::grid::{CellRef, Selection};
use crate::model::{ActivityId, RoleId};
use crate::ui::state::Workshop;

use crate::ui::dom::focus_cell;
use crate::ui::grid_state::{GridState, refocus};

fn focus(grid: GridState) -> Option<CellRef> {
    grid.selection.get_untracked().map(|s| s.focus)
}

/// Selects `cell`, and renames what was just added (its placeholder name selected, so typing
/// replaces it) or puts the keyboard back on the grid.
fn select(grid: GridState, cell: CellRef, rename: Option<Renaming>) {
    grid.selection.set(Some(Selection::single(cell)));
    grid.fresh.set(rename);
    grid.renaming.set(rename);
    if rename.is_none() {
        refocus(grid);
    }
}

/// Adds an activity below the focused one (at the end when no cell is selected) and renames it.
pub fn add_activity(workshop: Workshop, grid: GridState) {
    let after = focus(grid).map(|c| c.activity);
    let (edit, id) = workshop
        .matrix
        .with_untracked(|m| commands::add_activity_after(m, after));
    if workshop.apply(edit).is_err() {
        return;
    }
    let role = focus(grid).map(|c| c.role).or_else(|| {
        workshop
            .matrix
            .with_untracked(|m| m.roles.first().map(|r| r.id))
    });
    let renaming = Some(Renaming::Activity(id));
    match role {
        Some(role) => select(grid, CellRef { activity: id, role }, renaming),
        None => {
            grid.fresh.set(renaming);
            grid.renaming.set(renaming);
        }
    }
}

/// Adds a role right of the focused one (at the end when no cell is selected) and renames it.
pub fn add_role(workshop: Workshop, grid: GridState) {
    let after = focus(grid).map(|c| c.role);
    let (edit, id) = workshop
        .matrix
        .with_untracked(|m| commands::add_role_after(m, after));
    if workshop.apply(edit).is_err() {
        return;
    }
    let activity = focus(grid).map(|c| c.activity).or_else(|| {
        workshop
            .matrix
            .with_untracked(|m| m.activities.first().map(|a| a.id))
    });
    let renaming = Some(Renaming::Role(id));
    match activity {
        Some(activity) => select(grid, CellRef { activity, role: id }, renaming),
        None => {
            grid.fresh.set(renaming);
            grid.renaming.set(renaming);
        }
    }
}

/// Deletes the focused cell's activity and selects its neighbour.
pub fn delete_activity(workshop: Workshop, grid: GridState) {
    let Some(cell) = focus(grid) else {
        return;
    };
    let next = neighbour_activity(workshop, cell.activity);
    workshop.apply_or_explain(Edit::DeleteActivity {
        activity: cell.activity,
    });
    match next {
        Some(activity) => select_after_delete(grid, CellRef { activity, ..cell }),
        None => grid.selection.set(None),
    }
}

/// Deletes the focused cell's role and selects its neighbour.
pub fn delete_role(workshop: Workshop, grid: GridState) {
    let Some(cell) = focus(grid) else {
        return;
    };
    let next = neighbour_role(workshop, cell.role);
    workshop.apply_or_explain(Edit::DeleteRole { role: cell.role });
    match next {
        Some(role) => select_after_delete(grid, CellRef { role, ..cell }),
        None => grid.selection.set(None),
    }
}

/// Selects the deleted cell's neighbour. The keyboard moves to it at once, while the deleted
/// row or column is still drawn: waiting for the next frame, as `refocus` does, would drop a key
/// pressed in between (the focused cell gone, the key went to the page).
fn select_after_delete(grid: GridState, neighbour: CellRef) {
    focus_cell(neighbour, false);
    select(grid, neighbour, None);
}

/// The activity to select once `activity` is deleted: the next one, else the previous.
fn neighbour_activity(workshop: Workshop, activity: ActivityId) -> Option<ActivityId> {
    workshop.matrix.with_untracked(|m| {
        let i = m.activity_index(activity)?;
        m.activities
            .get(i + 1)
            .or_else(|| i.checked_sub(1).and_then(|p| m.activities.get(p)))
            .map(|a| a.id)
    })
}

/// The role to select once `role` is deleted: the next one, else the previous.
fn neighbour_role(workshop: Workshop, role: RoleId) -> Option<RoleId> {
    workshop.matrix.with_untracked(|m| {
        let i = m.role_index(role)?;
        m.roles
            .get(i + 1)
            .or_else(|| i.checked_sub(1).and_then(|p| m.roles.get(p)))
            .map(|r| r.id)
    })
}
