//! The letter picker: the scheme's letters as buttons, for pointer users (Space opens it).

use leptos::prelude::*;

use crate::edit::Edit;
use crate::grid::CellRef;
use crate::model::Cell;
use crate::ui::state::Workshop;

use super::keyboard::toggle_in;
use crate::ui::dom::focus_cell;
use crate::ui::grid_state::GridState;

/// A small picker of the scheme's letters for the focused cell, for pointer users.
#[component]
pub(super) fn LetterPicker(cell: CellRef) -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let letters = move || {
        workshop.matrix.with(|m| {
            let current = m.cell(cell.activity, cell.role).cloned().unwrap_or_default();
            m.scheme
                .letters()
                .iter()
                .map(|(letter, name)| {
                    let letter = *letter;
                    let on = current.letters.contains(letter);
                    view! {
                        <button
                            class=format!("button picker-letter letter-choice-{letter}")
                            aria-pressed=on.to_string()
                            on:click=move |_| {
                                let cells = grid
                                    .selection
                                    .get_untracked()
                                    .map(|s| grid.layout(workshop).cells(s))
                                    .unwrap_or_else(|| vec![cell]);
                                toggle_in(workshop, &cells, letter);
                            }
                        >
                            <span class=format!("letter letter-{letter}")>{letter.to_string()}</span>
                            {*name}
                        </button>
                    }
                })
                .collect_view()
        })
    };
    let title = move || {
        workshop.matrix.with(|m| {
            let role = m.role(cell.role).map_or("", |r| r.name.as_str()).to_owned();
            let activity = m
                .activity(cell.activity)
                .map_or("", |a| a.name.as_str())
                .to_owned();
            format!("{role}, {activity}")
        })
    };
    view! {
        <div class="letter-picker" role="dialog" aria-label="Pick letters">
            <p class="picker-title">{title}</p>
            <div class="picker-letters">{letters}</div>
            <div class="picker-actions">
                <button
                    class="button button-quiet"
                    on:click=move |_| {
                        let edits = grid
                            .selection
                            .get_untracked()
                            .map(|s| grid.layout(workshop).cells(s))
                            .unwrap_or_else(|| vec![cell])
                            .into_iter()
                            .map(|c| Edit::SetCell { activity: c.activity, role: c.role, cell: Cell::EMPTY })
                            .collect();
                        workshop.apply_or_explain(Edit::Batch { edits });
                    }
                >
                    "Clear"
                </button>
                <button
                    class="button"
                    on:click=move |_| {
                        grid.picker.set(false);
                        let _ = focus_cell(cell, false);
                    }
                >
                    "Done"
                </button>
            </div>
        </div>
    }
}
