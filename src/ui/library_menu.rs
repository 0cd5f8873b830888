//! The "Library" control in the header, and the status line that says when work is not being
//! saved, and the dialog a restore asks in. The panel's content (src/ui/library_panel.rs) and
//! the restore's question are parts that load on first use (src/ui/on_demand.rs).

use leptos::prelude::*;

use super::modal::Modal;
use super::on_demand::{OnDemand, OnDemandParts};
use super::state::Workshop;
use super::storage::Library;

/// Whether the panel is open, the row being renamed (its id and the draft title), and the row
/// asking "Delete?". Provided by `App`.
#[derive(Clone, Copy)]
pub struct MenuState {
    pub open: RwSignal<bool>,
    pub(super) renaming: RwSignal<Option<(String, String)>>,
    pub(super) confirming: RwSignal<Option<String>>,
}

impl Default for MenuState {
    fn default() -> MenuState {
        MenuState::new()
    }
}

impl MenuState {
    pub fn new() -> MenuState {
        MenuState {
            open: RwSignal::new(false),
            renaming: RwSignal::new(None),
            confirming: RwSignal::new(None),
        }
    }

    /// Closes the panel, dropping a rename or a delete question under way.
    pub fn close(&self) {
        self.open.set(false);
        self.renaming.set(None);
        self.confirming.set(None);
    }
}

#[component]
pub fn LibraryMenu() -> impl IntoView {
    let Some(library) = use_context::<Library>() else {
        return ().into_any();
    };
    let parts = expect_context::<OnDemandParts>();
    let menu = expect_context::<MenuState>();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            menu.close();
        }
    };
    view! {
        <div class="library-menu" on:keydown=on_keydown>
            <button
                class="button"
                aria-expanded=move || if menu.open.get() { "true" } else { "false" }
                aria-controls="library-panel"
                on:click=move |_| {
                    if menu.open.get_untracked() {
                        menu.close()
                    } else {
                        library.refresh_usage();
                        menu.open.set(true)
                    }
                }
            >
                "Library"
            </button>
            <Show when=move || menu.open.get()>
                <section id="library-panel" class="library-panel" aria-labelledby="library-heading">
                    <div class="library-head">
                        <h2 id="library-heading">"Library"</h2>
                        <button class="button button-quiet" on:click=move |_| menu.close()>"Close"</button>
                    </div>
                    <OnDemand load=parts.library_panel />
                </section>
            </Show>
            <Show when=move || library.restoring.with(|r| r.is_some())>
                <RestoreDialog />
            </Show>
        </div>
    }
    .into_any()
}

/// The modal dialog a restore asks its questions in. It opens at once; the question and its
/// choices are a part that loads on first use, so a wait or a failed fetch shows in here too.
#[component]
fn RestoreDialog() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let library = expect_context::<Library>();
    let parts = expect_context::<OnDemandParts>();
    view! {
        // Escape keeps everything as it is here: the restore is cancelled.
        <Modal
            class="restore-dialog"
            labelled_by="restore-heading"
            described_by="restore-text"
            on_cancel=move || library.cancel_restore(workshop)
        >
            <h2 id="restore-heading">"This matrix changed here after the backup"</h2>
            <OnDemand load=parts.restore_question />
        </Modal>
    }
}

/// "Not saved: ..." while saving fails; it goes away by itself once a save works again.
#[component]
pub fn SaveStatus() -> impl IntoView {
    let Some(library) = use_context::<Library>() else {
        return ().into_any();
    };
    view! {
        {move || {
            library.not_saved.get().map(|text| {
                view! { <p class="banner banner-problem save-status" role="alert">{text}</p> }
            })
        }}
    }
    .into_any()
}
