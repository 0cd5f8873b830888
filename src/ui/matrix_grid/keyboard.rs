//! The keyboard on the grid, as in a spreadsheet: moving, selecting ranges, toggling letters,
//! clearing, and the structure keys (F2, Alt+arrows).

use leptos::prelude::*;

use crate::commands;
use crate::edit::Edit;
use crate::grid::Renaming;
use crate::grid::{CellRef, Move, Selection};
use crate::model::{Cell, Letter};
use crate::ui::state::Workshop;

use super::structure;
use crate::ui::dom::focus_by_id;
use crate::ui::grid_state::{GridState, refocus};

/// Where Escape takes the keyboard out of the grid: the first of the row and column commands.
pub const LEAVE_TO: &str = "add-activity";

/// Handles the keyboard on the grid, as a spreadsheet would.
pub(super) fn on_key(workshop: Workshop, grid: GridState, ev: leptos::ev::KeyboardEvent) {
    let Some(selection) = grid.selection.get_untracked() else {
        return;
    };
    let key = ev.key();
    let command = ev.ctrl_key() || ev.meta_key();
    // What the last paste or copy did is old news once the user goes on.
    if !grid.status.with_untracked(String::is_empty) {
        grid.status.set(String::new());
    }
    if ev.alt_key() && ev.shift_key() && matches!(key.as_str(), "ArrowUp" | "ArrowDown") {
        ev.prevent_default();
        fold_groups(workshop, grid, selection, key == "ArrowUp");
        return;
    }
    if ev.alt_key() && adds_or_deletes(workshop, grid, &ev) {
        return;
    }
    if let Some(edit) = structure_key(workshop, grid, selection, &ev) {
        ev.prevent_default();
        workshop.apply_or_explain(edit);
        refocus(grid);
        return;
    }
    let step = match key.as_str() {
        "ArrowUp" => Some(Move::Up),
        "ArrowDown" => Some(Move::Down),
        "ArrowLeft" => Some(Move::Left),
        "ArrowRight" => Some(Move::Right),
        "Tab" if ev.shift_key() => Some(Move::Previous),
        "Tab" => Some(Move::Next),
        "Enter" if ev.shift_key() => Some(Move::Up),
        "Enter" => Some(Move::Down),
        "Home" if command => Some(Move::GridStart),
        "End" if command => Some(Move::GridEnd),
        "Home" => Some(Move::RowStart),
        "End" => Some(Move::RowEnd),
        _ => None,
    };
    if let Some(step) = step {
        grid.picker.set(false);
        let layout = grid.layout(workshop);
        // Tab past the last cell (Shift+Tab before the first) goes on to the page's other
        // controls, as the browser does: the keyboard is never trapped in the grid.
        if layout.leaves(selection.focus, step) && key == "Tab" {
            return;
        }
        ev.prevent_default();
        let focus = layout.moved(selection.focus, step);
        let extend = ev.shift_key() && key.starts_with("Arrow");
        let anchor = if extend { selection.anchor } else { focus };
        grid.selection.set(Some(Selection { anchor, focus }));
        grid.bring_into_view(focus);
        return;
    }
    if command {
        return;
    }
    match key.as_str() {
        "Delete" | "Backspace" => {
            ev.prevent_default();
            let cells = grid.layout(workshop).cells(selection);
            let edits = cells
                .into_iter()
                .map(|c| Edit::SetCell {
                    activity: c.activity,
                    role: c.role,
                    cell: Cell::EMPTY,
                })
                .collect();
            // The cells change in place and keep the keyboard.
            workshop.apply_or_explain(Edit::Batch { edits });
        }
        " " => {
            ev.prevent_default();
            grid.picker.update(|open| *open = !*open);
        }
        "Escape" if grid.picker.get_untracked() => grid.picker.set(false),
        "Escape" => {
            // Out of the grid, to the commands that act on it (the grid stays one Tab away).
            ev.prevent_default();
            focus_by_id(LEAVE_TO);
        }
        _ => {
            let mut chars = key.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && let Some(letter) = Letter::from_char(c)
                && workshop.matrix.with_untracked(|m| m.scheme.has(letter))
            {
                ev.prevent_default();
                let cells = grid.layout(workshop).cells(selection);
                toggle_in(workshop, &cells, letter);
            }
        }
    }
}

/// Alt+Enter adds an activity below, Alt+Shift+Enter a role to the right; Alt+Delete deletes
/// the activity, Alt+Shift+Delete the role (see `crate::grid::shortcuts`). Returns whether the
/// key was one of them.
fn adds_or_deletes(workshop: Workshop, grid: GridState, ev: &leptos::ev::KeyboardEvent) -> bool {
    let shift = ev.shift_key();
    let run: fn(Workshop, GridState) = match ev.key().as_str() {
        "Enter" if shift => structure::add_role,
        "Enter" => structure::add_activity,
        "Delete" | "Backspace" if shift => structure::delete_role,
        "Delete" | "Backspace" => structure::delete_activity,
        _ => return false,
    };
    ev.prevent_default();
    grid.picker.set(false);
    run(workshop, grid);
    true
}

/// F2 renames the activity (Shift+F2 the role) of the focused cell; Alt+arrows move its row or
/// column. Returns the edit for a move.
pub(super) fn structure_key(
    workshop: Workshop,
    grid: GridState,
    selection: Selection,
    ev: &leptos::ev::KeyboardEvent,
) -> Option<Edit> {
    let focus = selection.focus;
    match ev.key().as_str() {
        "F2" => {
            ev.prevent_default();
            grid.renaming.set(Some(if ev.shift_key() {
                Renaming::Role(focus.role)
            } else {
                Renaming::Activity(focus.activity)
            }));
            None
        }
        "ArrowUp" if ev.alt_key() => workshop
            .matrix
            .with_untracked(|m| commands::move_activity(m, focus.activity, -1)),
        "ArrowDown" if ev.alt_key() => workshop
            .matrix
            .with_untracked(|m| commands::move_activity(m, focus.activity, 1)),
        "ArrowLeft" if ev.alt_key() => workshop
            .matrix
            .with_untracked(|m| commands::move_role(m, focus.role, -1)),
        "ArrowRight" if ev.alt_key() => workshop
            .matrix
            .with_untracked(|m| commands::move_role(m, focus.role, 1)),
        _ => None,
    }
}

/// Alt+Shift+Up collapses the focused cell's group and moves the focus to the next row shown;
/// Alt+Shift+Down opens every group (a collapsed group has no cell to stand on).
fn fold_groups(workshop: Workshop, grid: GridState, selection: Selection, collapse: bool) {
    if !collapse {
        grid.collapsed.set(Default::default());
        refocus(grid);
        return;
    }
    let focus = selection.focus;
    let Some(group) = workshop
        .matrix
        .with_untracked(|m| m.activity(focus.activity).and_then(|a| a.group))
    else {
        return;
    };
    grid.collapsed.update(|c| {
        c.insert(group);
    });
    let layout = grid.layout(workshop);
    let next = workshop.matrix.with_untracked(|m| {
        let from = m.activity_index(focus.activity).unwrap_or(0);
        let shown = |a: &&crate::model::Activity| layout.rows.contains(&a.id);
        m.activities[from..]
            .iter()
            .find(shown)
            .or_else(|| m.activities[..from].iter().rev().find(shown))
            .map(|a| a.id)
    });
    grid.selection.set(next.map(|activity| {
        Selection::single(CellRef {
            activity,
            role: focus.role,
        })
    }));
    refocus(grid);
}

/// Toggles `letter` in every cell: adds it to all unless all already hold it, then removes it.
pub fn toggle_in(workshop: Workshop, cells: &[CellRef], letter: Letter) {
    let all_have = workshop.matrix.with_untracked(|m| {
        cells.iter().all(|c| {
            m.cell(c.activity, c.role)
                .is_some_and(|cell| cell.letters.contains(letter))
        })
    });
    let edits = workshop.matrix.with_untracked(|m| {
        cells
            .iter()
            .filter_map(|c| {
                let cell = m.cell(c.activity, c.role)?;
                let letters = if all_have {
                    cell.letters.without(letter)
                } else {
                    cell.letters.with(letter)
                };
                (letters != cell.letters || cell.unrecognised.is_some()).then(|| Edit::SetCell {
                    activity: c.activity,
                    role: c.role,
                    cell: Cell::letters(letters),
                })
            })
            .collect::<Vec<_>>()
    });
    if !edits.is_empty() {
        workshop.apply_or_explain(Edit::Batch { edits });
    }
}
