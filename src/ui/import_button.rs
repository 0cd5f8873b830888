//! The "Import" file picker, which opens the preview, and the status line that tells what the
//! last import did.

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use crate::import::NoteKind;

use super::pending_import::ImportPreview;
use super::state::Workshop;

#[component]
pub fn ImportButton() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let preview = expect_context::<ImportPreview>();
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Let the same file be picked again after it was fixed on disk.
        input.set_value("");
        preview.open_file(workshop, file);
    };
    view! {
        <label class="button button-primary import-button">
            "Import"
            <input
                type="file"
                class="visually-hidden"
                accept=".csv,.tsv,.txt,.json,.md,.markdown,.xlsx,.xlsm,.ods,text/csv,text/tab-separated-values,application/json,text/markdown,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
                on:change=on_change
            />
        </label>
    }
}
/// What the last import detected and changed, and any problem to show.
#[component]
pub fn ImportStatus() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let preview = expect_context::<ImportPreview>();
    // Reading or writing a workbook in the xlsx worker (the first time, loading it too). The
    // line fades in after a second (style/main.css), so quick work does not flash it.
    let busy = move || {
        let reading = preview.busy.get();
        let writing = workshop.busy.get();
        reading.or(writing).map(|text| {
            view! {
                <p class="banner banner-busy" role="status">
                    <span class="spinner" aria-hidden="true"></span>
                    {text}
                </p>
            }
        })
    };
    let problem = move || {
        workshop.problem.get().map(|text| {
            view! {
                <div class="banner banner-problem" role="alert">
                    <span>{text}</span>
                    <button class="button button-quiet" on:click=move |_| workshop.problem.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    };
    // An undone import no longer applies: its summary goes (and does not come back with a new
    // edit at the same depth).
    Effect::new(move |_| {
        let depth = workshop.history.with(|h| h.undo_depth());
        if workshop
            .last_import
            .with_untracked(|s| s.as_ref().is_some_and(|s| depth < s.depth))
        {
            workshop.last_import.set(None);
        }
    });
    // Only what stays true after edits: the file, when, and how it was read.
    let summary = move || {
        workshop.last_import.get().map(|summary| {
            let report = summary.report;
            let mut detected = vec![report.format.name().to_owned()];
            if let Some(d) = report.delimiter {
                detected.push(delimiter_name(d).to_owned());
            }
            detected.push(report.encoding.clone());
            if let Some(layout) = report.layout {
                detected.push(layout.name().to_owned());
            }
            let note_count = report.notes.len();
            let notes = report
                .notes
                .into_iter()
                .map(|note| {
                    let kind = match note.kind {
                        NoteKind::Normalised => "normalised",
                        NoteKind::Guessed => "guessed",
                        NoteKind::Skipped => "skipped",
                        NoteKind::Kept => "kept",
                    };
                    view! {
                        <li class=format!("note note-{kind}")>
                            <span class="note-kind">{kind}</span>
                            {note.to_string()}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="banner banner-import">
                    <details aria-label="Notes on the last file read">
                        <summary>
                            {format!(
                                "Imported \"{}\" at {}, read as {}. ",
                                summary.file_name,
                                summary.at,
                                detected.join(", "),
                            )}
                            {match note_count {
                                0 => "Nothing needed changing.".to_owned(),
                                1 => "1 note on what was changed.".to_owned(),
                                n => format!("{n} notes on what was changed."),
                            }}
                        </summary>
                        <ul class="notes" tabindex="0" aria-label="Notes">{notes}</ul>
                    </details>
                    <button
                        class="button button-quiet"
                        aria-label="Dismiss notes"
                        on:click=move |_| workshop.last_import.set(None)
                    >
                        "Dismiss"
                    </button>
                </div>
            }
        })
    };
    view! { {busy} {problem} {summary} }
}

fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "comma-separated",
        b';' => "semicolon-separated",
        b'\t' => "tab-separated",
        b'|' => "pipe-separated",
        _ => "delimited",
    }
}
