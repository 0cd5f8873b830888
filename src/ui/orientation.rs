//! Telling a newcomer where they are: the example matrix says it is one and offers the two next
//! steps (import your own, start blank); "?" or the Shortcuts button opens the sheet of every key
//! the grid and panels know (`crate::grid::shortcuts`).

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::example::example;
use crate::grid::shortcuts::SHEET;
use crate::library::blank_matrix;
use crate::rules::RuleSettings;

use super::dom::event_element;
use super::grid_state::GridState;
use super::modal::Modal;
use super::on_demand::{OnDemand, OnDemandParts};
use super::state::Workshop;
use super::storage::Library;

/// While the untouched example is open: what it is, and the way to one's own matrix.
#[component]
pub fn ExampleNotice() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let library = use_context::<Library>();
    let dismissed = RwSignal::new(false);
    // The example as shipped: the notice goes with the first change (or an import).
    let pristine = StoredValue::new(example());
    let is_example = Memo::new(move |_| {
        workshop
            .matrix
            .with(|m| pristine.with_value(|e| m.same_content(e)))
    });
    let import_own = move |_| {
        // The Import button's file picker, as if it had been clicked.
        let input = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(".import-button input[type=file]")
                    .ok()
                    .flatten()
            })
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(input) = input {
            input.click();
        }
    };
    let start_blank = move |_| {
        let matrix = blank_matrix("Untitled matrix");
        match library {
            Some(library) => library.create(workshop, grid, matrix, RuleSettings::default()),
            None => workshop.replace_matrix(matrix, None),
        }
    };
    view! {
        <Show when=move || is_example.get() && !dismissed.get()>
            <div class="banner banner-example" role="region" aria-label="Example matrix">
                <p class="example-text">
                    <strong>"This is an example matrix."</strong>
                    " Next: bring in your own, or start from an empty one."
                </p>
                <div class="example-actions">
                    <button class="button button-primary" on:click=import_own>
                        "Import your own matrix"
                    </button>
                    <button class="button" on:click=start_blank>"Start blank"</button>
                    <button class="button button-quiet" on:click=move |_| dismissed.set(true)>
                        "Keep the example"
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Opens the shortcut sheet.
#[derive(Clone, Copy)]
pub struct ShortcutSheet {
    open: RwSignal<bool>,
}

impl ShortcutSheet {
    /// The sheet's state, and "?" anywhere except in a text field to open it.
    pub fn new() -> ShortcutSheet {
        let sheet = ShortcutSheet {
            open: RwSignal::new(false),
        };
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() != "?" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                return;
            }
            let typing = event_element(&ev).is_some_and(|e| {
                matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || e.get_attribute("contenteditable").is_some()
            });
            if !typing {
                ev.prevent_default();
                sheet.open.set(true);
            }
        });
        on_cleanup(move || handle.remove());
        sheet
    }
}

impl Default for ShortcutSheet {
    fn default() -> Self {
        ShortcutSheet::new()
    }
}

/// The toolbar button that opens the sheet.
#[component]
pub fn ShortcutsButton() -> impl IntoView {
    let sheet = expect_context::<ShortcutSheet>();
    view! {
        <button
            class="button"
            title="Keyboard shortcuts (?)"
            aria-keyshortcuts="?"
            on:click=move |_| sheet.open.set(true)
        >
            "Shortcuts"
        </button>
    }
}

/// The sheet: every key, section by section, in a modal dialog (Escape or Close closes it). The
/// dialog opens at once; its list is a part that loads on first use (src/ui/on_demand.rs).
#[component]
pub fn ShortcutDialog() -> impl IntoView {
    let sheet = expect_context::<ShortcutSheet>();
    view! {
        <Show when=move || sheet.open.get()>
            <SheetDialog />
        </Show>
    }
}

#[component]
fn SheetDialog() -> impl IntoView {
    let sheet = expect_context::<ShortcutSheet>();
    let parts = expect_context::<OnDemandParts>();
    let dialog = NodeRef::<Dialog>::new();
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    view! {
        <Modal
            class="shortcut-dialog"
            labelled_by="shortcut-heading"
            element=dialog
            on_close=move || sheet.open.set(false)
        >
            <header class="shortcut-header">
                <h2 id="shortcut-heading">"Keyboard shortcuts"</h2>
                <button class="button" autofocus on:click=close>"Close"</button>
            </header>
            // Scrolls on a small screen: the keyboard can scroll it too.
            <div class="shortcut-body" tabindex="0" role="region" aria-label="Shortcut list">
                <OnDemand load=parts.shortcut_sheet />
            </div>
        </Modal>
    }
}

/// Every key, section by section.
#[component]
pub fn ShortcutList() -> impl IntoView {
    SHEET
        .iter()
        .map(|section| {
            let rows = section
                .keys
                .iter()
                .map(|(keys, what)| {
                    view! {
                        <tr>
                            <th scope="row"><kbd>{*keys}</kbd></th>
                            <td>{*what}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="shortcut-section">
                    <h3>{section.heading}</h3>
                    <table class="shortcut-table">
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
        .collect_view()
}
