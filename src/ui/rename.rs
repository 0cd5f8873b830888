//! Renaming in place: an activity, role or group name turns into a text field (double-click, F2,
//! or right after it was added). Enter or leaving the field keeps the name, Escape drops it.

use leptos::prelude::*;

use crate::edit::Edit;
use crate::model::{ActivityId, GroupId, RoleId};

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

/// The text field that replaces a name while it is renamed.
#[component]
pub fn RenameField(target: Renaming) -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let original = target.current_name(workshop);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
            input.select();
        }
    });
    let done = StoredValue::new(false);
    let finish = move |keep: bool| {
        // Leaving the field after it was taken off the page (Enter re-renders the header and the
        // browser then reports the blur) finds its state gone: the rename is over by then.
        if done.try_get_value().unwrap_or(true) {
            return;
        }
        done.set_value(true);
        let name = input.get_untracked().map(|i| i.value()).unwrap_or_default();
        grid.renaming.set(None);
        if keep && name.trim() != target.current_name(workshop) {
            // A refused name (empty, or a role name already used) is explained; nothing changes.
            workshop.apply_or_explain(target.edit(name));
        }
        refocus(grid);
    };
    view! {
        <input
            node_ref=input
            class="rename-field"
            type="text"
            aria-label=target.label()
            prop:value=original
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
    }
}
