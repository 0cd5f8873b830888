//! The keyboard on the grid, as in a spreadsheet: moving, selecting ranges, toggling letters,
//! clearing, and the structure keys (F2, Alt+arrows).

use leptos::prelude::*;

use crate::commands;
use crate::edit::Edit;
use crate::grid::{CellRef, Move, Selection};
use crate::model::{Cell, Letter};
use crate::ui::rename::Renaming;
use crate::ui::state::Workshop;

use super::GridState;
use super::dom::refocus;

/// Handles the keyboard on the grid, as a spreadsheet would.
pub(super) fn on_key(workshop: Workshop, grid: GridState, ev: leptos::ev::KeyboardEvent) {
    let Some(selection) = grid.selection.get_untracked() else {
        return;
    };
    let key = ev.key();
    let command = ev.ctrl_key() || ev.meta_key();
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
        ev.prevent_default();
        grid.picker.set(false);
        let layout = grid.layout(workshop);
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
            workshop.apply_or_explain(Edit::Batch { edits });
            refocus(grid);
        }
        " " => {
            ev.prevent_default();
            grid.picker.update(|open| *open = !*open);
        }
        "Escape" => grid.picker.set(false),
        _ => {
            let mut chars = key.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && let Some(letter) = Letter::from_char(c)
                && workshop.matrix.with_untracked(|m| m.scheme.has(letter))
            {
                ev.prevent_default();
                let cells = grid.layout(workshop).cells(selection);
                toggle_in(workshop, &cells, letter);
                refocus(grid);
            }
        }
    }
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
