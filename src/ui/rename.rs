//! Renaming in place: an activity, role or group name turns into a text field (double-click, F2,
//! or right after it was added). Enter or leaving the field keeps the name, Escape drops it.

use leptos::prelude::*;

use crate::grid::{Renaming, Selection};

use super::grid_state::{GridState, refocus};
use super::state::Workshop;

/// The text field that replaces a name while it is renamed. The name is selected, so typing
/// replaces it; a refused name (empty, or a role name already used) is explained under the field,
/// which stays open with the text until it is fixed or Escape cancels.
#[component]
pub fn RenameField(target: Renaming) -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let original = workshop.matrix.with_untracked(|m| target.current_name(m));
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
        if workshop
            .matrix
            .with_untracked(|m| name.trim() == target.current_name(m))
        {
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
        h.next_undo()
            .and_then(|s| s.edit.as_ref())
            .is_some_and(|undo| target.is_added_by(undo))
    });
    if !last_added {
        return false;
    }
    // Back to the cell beside it: the row above (the column left), where the user was.
    let back = grid.selection.get_untracked().and_then(|s| {
        workshop
            .matrix
            .with_untracked(|m| target.beside(m, s.focus))
    });
    workshop.undo();
    grid.selection.set(back.map(Selection::single));
    true
}
