//! The bar above the grid that adds, deletes, moves and regroups the focused cell's activity and
//! role. Every command is one undoable step; deleting asks nothing because Undo brings it back.

use leptos::prelude::*;

use crate::commands;
use crate::edit::Edit;
use crate::model::{ActivityId, GroupId, RoleId};

use super::matrix_grid::{GridState, refocus};
use super::rename::Renaming;
use super::state::Workshop;
use crate::grid::{CellRef, Selection};

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

    let select = move |cell: CellRef, rename: Option<Renaming>| {
        grid.selection.set(Some(Selection::single(cell)));
        grid.renaming.set(rename);
        if rename.is_none() {
            refocus(grid);
        }
    };
    let add_activity = move |_| {
        let after = focus_untracked().map(|c| c.activity);
        let Some((edit, id)) = workshop
            .matrix
            .try_update_untracked(|m| commands::add_activity_after(m, after))
        else {
            return;
        };
        if workshop.apply(edit).is_ok() {
            let role = focus_untracked().map(|c| c.role).or_else(|| {
                workshop
                    .matrix
                    .with_untracked(|m| m.roles.first().map(|r| r.id))
            });
            if let Some(role) = role {
                select(CellRef { activity: id, role }, Some(Renaming::Activity(id)));
            } else {
                grid.renaming.set(Some(Renaming::Activity(id)));
            }
        }
    };
    let add_role = move |_| {
        let after = focus_untracked().map(|c| c.role);
        let Some((edit, id)) = workshop
            .matrix
            .try_update_untracked(|m| commands::add_role_after(m, after))
        else {
            return;
        };
        if workshop.apply(edit).is_ok() {
            let activity = focus_untracked().map(|c| c.activity).or_else(|| {
                workshop
                    .matrix
                    .with_untracked(|m| m.activities.first().map(|a| a.id))
            });
            if let Some(activity) = activity {
                select(CellRef { activity, role: id }, Some(Renaming::Role(id)));
            } else {
                grid.renaming.set(Some(Renaming::Role(id)));
            }
        }
    };
    let delete_activity = move |_| {
        let Some(cell) = focus_untracked() else {
            return;
        };
        let next = neighbour_activity(workshop, cell.activity);
        workshop.apply_or_explain(Edit::DeleteActivity {
            activity: cell.activity,
        });
        match next {
            Some(activity) => select(CellRef { activity, ..cell }, None),
            None => grid.selection.set(None),
        }
    };
    let delete_role = move |_| {
        let Some(cell) = focus_untracked() else {
            return;
        };
        let next = neighbour_role(workshop, cell.role);
        workshop.apply_or_explain(Edit::DeleteRole { role: cell.role });
        match next {
            Some(role) => select(CellRef { role, ..cell }, None),
            None => grid.selection.set(None),
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
        workshop.matrix.with(|m| {
            let activity = m.activity(cell.activity)?.name.clone();
            let role = m.role(cell.role)?.name.clone();
            Some(format!("{activity} · {role}"))
        })
    };
    let current_group = move || {
        focus().and_then(|c| {
            workshop
                .matrix
                .with(|m| m.activity(c.activity).and_then(|a| a.group))
        })
    };
    let group_options = move || {
        workshop.matrix.with(|m| {
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
                .try_update_untracked(|m| commands::new_group_for(m, cell.activity))
                .flatten()
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
                <button class="button" on:click=add_activity>"Add activity"</button>
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
                <button class="button button-quiet" prop:disabled=none_selected on:click=delete_activity>
                    "Delete activity"
                </button>
            </div>
            <div class="structure-group" role="group" aria-label="Role">
                <button class="button" on:click=add_role>"Add role"</button>
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
                <button class="button button-quiet" prop:disabled=none_selected on:click=delete_role>
                    "Delete role"
                </button>
            </div>
        </div>
    }
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
