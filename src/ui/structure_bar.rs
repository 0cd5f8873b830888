//! The bar above the grid that adds, deletes, moves and regroups the focused cell's activity and
//! role. Every command is one undoable step; deleting asks nothing because Undo brings it back.

use leptos::prelude::*;

use crate::commands;
use crate::edit::{Edit, Parts};
use crate::grid::{CellRef, shortcuts};
use crate::model::GroupId;

use super::grid_state::{GridState, refocus};
use super::matrix_grid::{LEAVE_TO, structure};
use super::state::Workshop;
use crate::grid::Renaming;

/// Value of the group select that asks for a new group.
const NEW_GROUP: &str = "new";
/// Value of the group select for "no group".
const NO_GROUP: &str = "none";

#[component]
pub fn StructureBar() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let focus = move || grid.selection.get().map(|s| s.focus);
    let focus_untracked = move || grid.selection.get_untracked().map(|s| s.focus);

    // The second click of a double-click (detail 2) is not a second command: one click, one
    // row.
    let once = move |ev: &leptos::ev::MouseEvent, command: fn(Workshop, GridState)| {
        if ev.detail() <= 1 {
            command(workshop, grid);
        }
    };
    let run = move |make: fn(&crate::model::Matrix, CellRef) -> Option<Edit>| {
        if let Some(cell) = focus_untracked()
            && let Some(edit) = workshop.matrix.with_untracked(|m| make(m, cell))
        {
            workshop.apply_or_explain(edit);
            refocus(grid);
        }
    };

    let context = move || {
        let cell = focus()?;
        workshop.read(Parts::ACTIVITIES | Parts::ROLES, |m| {
            let activity = m.activity(cell.activity)?.name.clone();
            let role = m.role(cell.role)?.name.clone();
            Some(format!("{activity} · {role}"))
        })
    };
    let current_group = move || {
        focus().and_then(|c| {
            workshop.read(Parts::ACTIVITIES, |m| {
                m.activity(c.activity).and_then(|a| a.group)
            })
        })
    };
    let group_options = move || {
        workshop.read(Parts::GROUPS, |m| {
            m.groups
                .iter()
                .map(|g| {
                    let id = g.id;
                    view! {
                        <option value=id.0.to_string() selected=move || current_group() == Some(id)>
                            {g.name.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let on_group = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let Some(cell) = focus_untracked() else {
            return;
        };
        let edit = if value == NEW_GROUP {
            workshop
                .matrix
                .with_untracked(|m| commands::new_group_for(m, cell.activity))
                .map(|(edit, group)| {
                    grid.renaming.set(Some(Renaming::Group(group)));
                    edit
                })
        } else {
            let group = value.parse().ok().map(GroupId);
            workshop
                .matrix
                .with_untracked(|m| commands::move_to_group(m, cell.activity, group))
        };
        if let Some(edit) = edit {
            workshop.apply_or_explain(edit);
        }
    };
    let none_selected = move || focus().is_none();

    view! {
        <div class="structure-bar" role="toolbar" aria-label="Rows and columns">
            <span class="structure-context">
                {move || context().unwrap_or_else(|| "Select a cell to edit its row or column".into())}
            </span>
            <div class="structure-group" role="group" aria-label="Activity">
                <button
                    class="button"
                    id=LEAVE_TO
                    title=format!("Add activity below the selected one ({})", shortcuts::ADD_ACTIVITY)
                    on:click=move |ev| once(&ev, structure::add_activity)
                >
                    "Add activity"
                </button>
                {move_button(
                    "Move activity up",
                    "Alt+Up",
                    "↑",
                    none_selected,
                    move || run(|m, c| commands::move_activity(m, c.activity, -1)),
                )}
                {move_button(
                    "Move activity down",
                    "Alt+Down",
                    "↓",
                    none_selected,
                    move || run(|m, c| commands::move_activity(m, c.activity, 1)),
                )}
                <span class="group-select">
                    <label for="structure-group">"Group"</label>
                    <select id="structure-group" prop:disabled=none_selected on:change=on_group>
                        <option value=NO_GROUP selected=move || current_group().is_none()>
                            "No group"
                        </option>
                        {group_options}
                        <option value=NEW_GROUP>"New group…"</option>
                    </select>
                </span>
                <button
                    class="button button-quiet"
                    title=format!("Delete the selected cell's activity ({})", shortcuts::DELETE_ACTIVITY)
                    prop:disabled=none_selected
                    on:click=move |ev| once(&ev, structure::delete_activity)
                >
                    "Delete activity"
                </button>
            </div>
            <div class="structure-group" role="group" aria-label="Role">
                <button
                    class="button"
                    title=format!("Add role right of the selected one ({})", shortcuts::ADD_ROLE)
                    on:click=move |ev| once(&ev, structure::add_role)
                >
                    "Add role"
                </button>
                {move_button(
                    "Move role left",
                    "Alt+Left",
                    "←",
                    none_selected,
                    move || run(|m, c| commands::move_role(m, c.role, -1)),
                )}
                {move_button(
                    "Move role right",
                    "Alt+Right",
                    "→",
                    none_selected,
                    move || run(|m, c| commands::move_role(m, c.role, 1)),
                )}
                <button
                    class="button button-quiet"
                    title=format!("Delete the selected cell's role ({})", shortcuts::DELETE_ROLE)
                    prop:disabled=none_selected
                    on:click=move |ev| once(&ev, structure::delete_role)
                >
                    "Delete role"
                </button>
            </div>
        </div>
    }
}

/// An arrow button that moves the focused cell's row or column, named for screen readers and
/// with its shortcut in the tooltip.
fn move_button(
    label: &'static str,
    shortcut: &'static str,
    arrow: &'static str,
    disabled: impl Fn() -> bool + Send + Sync + 'static,
    go: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button
            class="button"
            prop:disabled=disabled
            on:click=move |_| go()
            aria-label=label
            title=format!("{label} ({shortcut})")
        >
            {arrow}
        </button>
    }
}
