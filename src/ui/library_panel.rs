//! The Library panel's content (its frame is the menu's): every saved matrix with when it last changed, and new, open, duplicate,
//! rename and delete (which asks first, and can be undone), the storage used, and backups.

use leptos::prelude::*;

use crate::edit::Parts;
use crate::example::example;
use crate::library::{Entry, blank_matrix};
use crate::rules::RuleSettings;

use super::download::when;
use super::grid_state::GridState;
use super::library_backup::BackupButtons;
use super::library_menu::MenuState;
use super::state::Workshop;
use super::storage::Library;

#[component]
pub fn LibraryPanel() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let library = expect_context::<Library>();
    let menu = expect_context::<MenuState>();
    let MenuState {
        renaming,
        confirming,
        ..
    } = menu;
    let close = move || menu.close();
    let new_blank = move |_| {
        library.create(
            workshop,
            grid,
            blank_matrix("Untitled matrix"),
            RuleSettings::default(),
        );
        close();
    };
    let new_example = move |_| {
        library.create(workshop, grid, example(), RuleSettings::default());
        close();
    };
    let row = move |entry: Entry| {
        let id = StoredValue::new(entry.id.clone());
        let is_current = move || library.index.with(|i| i.current == id.get_value());
        // The open matrix's title follows edits at once; others come from the index.
        let title = {
            let stored = entry.title.clone();
            move || {
                if is_current() {
                    workshop.read(Parts::TITLE, |m| m.title.clone())
                } else {
                    stored.clone()
                }
            }
        };
        let updated = format!("Changed {}", when(&entry.updated));
        let is_renaming =
            move || renaming.with(|r| r.as_ref().is_some_and(|(r, _)| *r == id.get_value()));
        let is_confirming =
            move || confirming.with(|c| c.as_deref() == Some(id.get_value().as_str()));
        let commit_rename = move || {
            if let Some((id, draft)) = renaming.get_untracked() {
                library.rename(workshop, &id, &draft);
            }
            renaming.set(None);
        };
        let title_for_rename = title.clone();
        let title_for_delete = title.clone();
        view! {
            <li
                class="library-item"
                class:library-current=is_current
                aria-current=move || if is_current() { Some("true") } else { None }
            >
                <Show
                    when=is_renaming
                    fallback=move || {
                        let title = title.clone();
                        view! {
                            <div class="library-entry">
                                <span class="library-title">{title}</span>
                                <span class="library-meta">
                                    {move || if is_current() { "Open now · " } else { "" }}
                                    {updated.clone()}
                                </span>
                            </div>
                        }
                    }
                >
                    <form
                        class="library-rename"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            commit_rename();
                        }
                    >
                        <input
                            class="library-rename-input"
                            aria-label="New title"
                            prop:value=move || renaming.with(|r| r.as_ref().map(|(_, d)| d.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                renaming.update(|r| if let Some((_, draft)) = r { *draft = value });
                            }
                            on:keydown=move |ev| {
                                if ev.key() == "Escape" {
                                    ev.stop_propagation();
                                    renaming.set(None);
                                }
                            }
                        />
                        <button class="button button-primary" type="submit">"Save"</button>
                        <button class="button button-quiet" type="button" on:click=move |_| renaming.set(None)>
                            "Cancel"
                        </button>
                    </form>
                </Show>
                <Show
                    when=is_confirming
                    fallback=move || {
                        let title = title_for_rename.clone();
                        view! {
                            <div class="library-actions" class:is-hidden=is_renaming>
                                <button
                                    class="button"
                                    disabled=is_current
                                    on:click=move |_| {
                                        library.open(workshop, grid, &id.get_value());
                                        close();
                                    }
                                >
                                    "Open"
                                </button>
                                <button
                                    class="button"
                                    on:click=move |_| {
                                        library.duplicate(workshop, grid, &id.get_value());
                                        close();
                                    }
                                >
                                    "Duplicate"
                                </button>
                                <button
                                    class="button"
                                    on:click={
                                        let title = title.clone();
                                        move |_| {
                                            confirming.set(None);
                                            renaming.set(Some((id.get_value(), title())));
                                            request_animation_frame(focus_rename_input);
                                        }
                                    }
                                >
                                    "Rename"
                                </button>
                                <button
                                    class="button button-danger"
                                    on:click=move |_| {
                                        renaming.set(None);
                                        confirming.set(Some(id.get_value()));
                                    }
                                >
                                    "Delete"
                                </button>
                            </div>
                        }
                    }
                >
                    <div class="library-confirm" role="group" aria-label="Confirm delete">
                        <span>{
                            let title = title_for_delete.clone();
                            move || format!("Delete \"{}\"?", title())
                        }</span>
                        <button
                            class="button button-danger"
                            on:click=move |_| {
                                confirming.set(None);
                                library.delete(workshop, grid, &id.get_value());
                            }
                        >
                            "Yes, delete"
                        </button>
                        <button class="button" on:click=move |_| confirming.set(None)>
                            "No"
                        </button>
                    </div>
                </Show>
            </li>
        }
    };

    let deleted_notice = move || {
        library.deleted.get().map(|(deleted, _)| {
            view! {
                <div class="library-notice" role="status">
                    <span>{format!("Deleted \"{}\".", deleted.entry.title)}</span>
                    <button class="button" on:click=move |_| library.undo_delete(workshop, grid)>
                        "Undo delete"
                    </button>
                </div>
            }
        })
    };

    let usage = move || crate::library::usage_text(library.usage.get(), library.persisted.get());

    view! {
        <p class="library-hint library-usage">{usage}</p>
        <BackupButtons />
        <div class="library-new">
            <button class="button button-primary" on:click=new_blank>"New blank matrix"</button>
            <button class="button" on:click=new_example>"New from example"</button>
        </div>
        {deleted_notice}
        <ul class="library-list" aria-label="Saved matrices">
            <For
                each=move || library.index.with(|i| i.matrices.clone())
                key=|e| (e.id.clone(), e.title.clone(), e.updated.clone())
                children=row
            />
        </ul>
    }
}

/// Puts the keyboard in the title field that just appeared, its text selected for retyping.
fn focus_rename_input() {
    use wasm_bindgen::JsCast;
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".library-rename-input").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
        input.select();
    }
}
