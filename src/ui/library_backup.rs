//! Backing up and restoring the whole library from the Library panel: "Export library" writes one
//! file, "Import library" reads one back, and a dialog asks before a matrix that changed here
//! after the backup would be replaced. The decisions are in [`crate::library::backup`].

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use crate::library::backup::Choice;

use super::download::{download, today, when};
use super::grid_state::GridState;
use super::state::Workshop;
use super::storage::Library;

/// "Export library" and "Import library".
#[component]
pub fn BackupButtons() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let library = expect_context::<Library>();
    let export = move |_| {
        let written = library.export_library(workshop).and_then(|json| {
            download(
                &format!("RACI Workshop library {}.json", today()),
                "application/json",
                json.as_bytes(),
            )
        });
        if let Err(problem) = written {
            workshop.problem.set(Some(problem));
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let blob = gloo_file::Blob::from(file);
            match gloo_file::futures::read_as_text(&blob).await {
                Ok(text) => library.import_library(workshop, grid, &text),
                Err(_) => workshop.problem.set(Some(
                    "That file could not be read. Nothing was changed.".to_owned(),
                )),
            }
        });
    };
    view! {
        <div class="library-backup" role="group" aria-label="Back up">
            <button class="button" on:click=export>"Export library"</button>
            <label class="button import-library">
                "Import library"
                <input
                    type="file"
                    class="visually-hidden"
                    accept=".json,application/json"
                    on:change=on_change
                />
            </label>
        </div>
    }
}

/// What a restore asks about one matrix that changed here after the file's copy, and the
/// choices; the dialog around it is `RestoreDialog`'s (src/ui/library_menu.rs), which opens at once.
#[component]
pub fn RestoreQuestion() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let grid = expect_context::<GridState>();
    let library = expect_context::<Library>();
    let answer = move |choice: Option<Choice>| library.answer(workshop, grid, choice);
    // The dialog may open before this part arrives, too late for `autofocus`: focus the safe
    // choice once it is on the page.
    let keep_mine = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = keep_mine.get() {
            let _ = button.focus();
        }
    });
    let question = move || {
        library.restoring.with(|r| {
            r.as_ref().and_then(|r| {
                let left = r
                    .plans
                    .iter()
                    .filter(|p| matches!(p, crate::library::backup::Plan::Ask { .. }))
                    .count()
                    - r.choices.len();
                r.question().map(|(theirs, mine)| {
                    (
                        theirs.title.clone(),
                        when(&theirs.updated),
                        mine.title.clone(),
                        when(&mine.updated),
                        left,
                    )
                })
            })
        })
    };
    let text = move || {
        question().map(|(theirs, theirs_when, mine, mine_when, left)| {
            let more = if left > 1 {
                format!(" ({left} matrices to decide)")
            } else {
                String::new()
            };
            view! {
                <p>
                    "\"" {mine.clone()} "\" in this browser changed " {mine_when}
                    ", after the file's copy (\"" {theirs} "\", " {theirs_when}
                    ")." {more}
                </p>
                <p>"Which one should the library keep?"</p>
            }
        })
    };
    view! {
        <div id="restore-text">{text}</div>
        <div class="restore-actions">
            <button
                node_ref=keep_mine
                class="button button-primary"
                autofocus
                on:click=move |_| answer(Some(Choice::KeepMine))>
                "Keep mine"
            </button>
            <button class="button" on:click=move |_| answer(Some(Choice::TakeFile))>
                "Take the file's"
            </button>
            <button class="button" on:click=move |_| answer(Some(Choice::KeepBoth))>
                "Keep both"
            </button>
            <button class="button button-quiet" on:click=move |_| answer(None)>
                "Cancel restore"
            </button>
        </div>
    }
}
