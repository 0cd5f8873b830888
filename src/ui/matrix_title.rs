//! The matrix title in the header, renamed where it is shown: a click turns it into a text field
//! with the title selected; Enter keeps the new title (one undo step, and the Library's list
//! follows), Escape cancels.

use leptos::prelude::*;

use crate::edit::{Edit, Parts};

use super::state::Workshop;
use super::storage::Library;

#[component]
pub fn MatrixTitle() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let library = use_context::<Library>();
    let editing = RwSignal::new(false);
    let title = move || workshop.read(Parts::TITLE, |m| m.title.clone());
    let input = NodeRef::<leptos::html::Input>::new();
    // Once the field shows its value (set after it is mounted): focus it with the title
    // selected, so typing replaces it.
    Effect::new(move |_| {
        if input.get().is_some() {
            request_animation_frame(move || {
                if let Some(input) = input.try_get_untracked().flatten() {
                    let _ = input.focus();
                    input.select();
                }
            });
        }
    });
    let finish = move |keep: bool| {
        if !editing.get_untracked() {
            return;
        }
        editing.set(false);
        let Some(text) = input.get_untracked().map(|i| i.value()) else {
            return;
        };
        let text = text.trim().to_owned();
        if !keep || text.is_empty() || text == workshop.matrix.with_untracked(|m| m.title.clone()) {
            return;
        }
        match library {
            // The Library keeps its list of titles in step with the open matrix.
            Some(library) => {
                let id = library.current_id();
                library.rename(workshop, &id, &text);
            }
            None => workshop.apply_or_explain(Edit::SetTitle { title: text }),
        }
    };
    view! {
        <h1 class="matrix-title">
            {move || {
                if editing.get() {
                    view! {
                        <input
                            node_ref=input
                            class="rename-field title-field"
                            type="text"
                            aria-label="Matrix title"
                            prop:value=title
                            on:keydown=move |ev| match ev.key().as_str() {
                                "Enter" => {
                                    ev.prevent_default();
                                    finish(true);
                                }
                                "Escape" => {
                                    ev.prevent_default();
                                    ev.stop_propagation();
                                    finish(false);
                                }
                                _ => {}
                            }
                            on:blur=move |_| finish(true)
                        />
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            class="title-button"
                            title="Rename this matrix"
                            on:click=move |_| editing.set(true)
                        >
                            {title}
                        </button>
                    }
                        .into_any()
                }
            }}
        </h1>
    }
}
