//! Renaming in place: an activity, role or group name turns into a text field (double-click, F2,
//! or right after it was added). Enter or leaving the field keeps the name, Escape drops it.

use leptos::prelude::*;

use crate::edit::Edit;
use crate::model::{ActivityId, GroupId, RoleId};

use crate::grid::{CellRef, Selection};

use super::matrix_grid::{GridState, refocus};
use super::state::Workshop;

/// What is being renamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renaming {
    Activity(ActivityId),
    Role(RoleId),
    Group(GroupId),
}

impl Renaming {
    fn current_name(self, workshop: Workshop) -> String {
        workshop
            .matrix
            .with_untracked(|m| match self {
                Renaming::Activity(id) => m.activity(id).map(|a| a.name.clone()),
                Renaming::Role(id) => m.role(id).map(|r| r.name.clone()),
                Renaming::Group(id) => m.group(id).map(|g| g.name.clone()),
            })
            .unwrap_or_default()
    }

    fn edit(self, name: String) -> Edit {
        match self {
            Renaming::Activity(activity) => Edit::RenameActivity { activity, name },
            Renaming::Role(role) => Edit::RenameRole { role, name },
            Renaming::Group(group) => Edit::RenameGroup { group, name },
        }
    }

    fn label(self) -> &'static str {
        match self {
            Renaming::Activity(_) => "Activity name",
            Renaming::Role(_) => "Role name",
            Renaming::Group(_) => "Group name",
        }
    }
}

/// The text field that replaces a name while it is renamed. The name is selected, so typing
/// replaces it; a refused name (empty, or a role name already used) is explained under the field,
/// which stays open with the text until it is fixed or Escape cancels.
#[component]
pub fn RenameField(target: Renaming) -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let original = target.current_name(workshop);
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    // Once the field is on the page: focus it with its name selected (a row's field is created
    // before the row is in the document, where focus does nothing).
    let take_focus = move || {
        // The frame may come after the field is gone (a double-click on "Add activity").
        if let Some(input) = input.try_get_untracked().flatten() {
            let _ = input.focus();
            input.select();
        }
    };
    Effect::new(move |_| {
        if input.get().is_some() {
            take_focus();
            request_animation_frame(take_focus);
        }
    });
    let done = StoredValue::new(false);
    let close = move || {
        done.set_value(true);
        grid.renaming.set(None);
        refocus(grid);
    };
    let finish = move |keep: bool| {
        // Leaving the field after it was taken off the page (Enter re-renders the header and the
        // browser then reports the blur) finds its state gone: the rename is over by then.
        if done.try_get_value().unwrap_or(true) {
            return;
        }
        if !keep {
            // Escape on a row or role just added takes it back: it was never wanted.
            done.set_value(true);
            grid.renaming.set(None);
            drop_fresh(workshop, grid, target);
            grid.fresh.set(None);
            refocus(grid);
            return;
        }
        let name = input.get_untracked().map(|i| i.value()).unwrap_or_default();
        if name.trim() == target.current_name(workshop) {
            grid.fresh.set(None);
            close();
            return;
        }
        match workshop.apply(target.edit(name)) {
            Ok(()) => {
                grid.fresh.set(None);
                close();
            }
            Err(refused) => error.set(Some(refused.to_string())),
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    view! {
        <input
            node_ref=input
            class="rename-field"
            type="text"
            aria-label=target.label()
            aria-invalid=invalid
            aria-describedby=move || error.with(Option::is_some).then_some(ERROR_ID)
            prop:value=original
            on:input=move |_| error.set(None)
            on:keydown=move |ev| {
                ev.stop_propagation();
                match ev.key().as_str() {
                    "Enter" => {
                        ev.prevent_default();
                        finish(true);
                    }
                    "Escape" => {
                        ev.prevent_default();
                        finish(false);
                    }
                    _ => {}
                }
            }
            on:blur=move |_| finish(true)
            on:mousedown=|ev| ev.stop_propagation()
        />
        <span class="rename-error" id=ERROR_ID role="alert">
            {move || error.get()}
        </span>
    }
}

/// The id of the message under a refused name.
const ERROR_ID: &str = "rename-error";

/// Escape on the name of an activity or role that was just added takes the addition back, as
/// the one undo step it was. Returns whether it did.
pub fn drop_fresh(workshop: Workshop, grid: GridState, target: Renaming) -> bool {
    if grid.fresh.get_untracked() != Some(target) {
        return false;
    }
    grid.fresh.set(None);
    // Only when the last step is still that addition (its inverse deletes it again).
    let last_added = workshop.history.with_untracked(|h| {
        match (h.next_undo().and_then(|s| s.edit.as_ref()), target) {
            (Some(Edit::DeleteActivity { activity }), Renaming::Activity(id)) => *activity == id,
            (Some(Edit::DeleteRole { role }), Renaming::Role(id)) => *role == id,
            _ => false,
        }
    });
    if !last_added {
        return false;
    }
    // Back to the cell beside it: the row above (the column left), where the user was.
    let back = grid.selection.get_untracked().and_then(|s| {
        workshop.matrix.with_untracked(|m| match target {
            Renaming::Activity(id) => {
                let i = m.activity_index(id)?;
                let other = i
                    .checked_sub(1)
                    .or((i + 1 < m.activities.len()).then_some(i + 1))?;
                Some(CellRef {
                    activity: m.activities[other].id,
                    ..s.focus
                })
            }
            Renaming::Role(id) => {
                let i = m.role_index(id)?;
                let other = i
                    .checked_sub(1)
                    .or((i + 1 < m.roles.len()).then_some(i + 1))?;
                Some(CellRef {
                    role: m.roles[other].id,
                    ..s.focus
                })
            }
            Renaming::Group(_) => None,
        })
    });
    workshop.undo();
    grid.selection.set(back.map(Selection::single));
    true
}
