//! The export buttons: every format of the engine, as a download named after the title and date.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::export::{self, CsvOptions};

use wasm_bindgen::JsCast;

use super::dom::event_element;
use super::download::{download, today};
use super::state::Workshop;
use super::xlsx_client;

/// The media type of an .xlsx download.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Writes the matrix as an Excel workbook in the xlsx worker (loaded on first use), then offers
/// it as a download. The matrix is sent as our JSON document, which carries the rule settings the
/// Findings sheet is checked with.
fn export_excel(workshop: Workshop) {
    if workshop.busy.get_untracked().is_some() {
        return;
    }
    let (name, document) = workshop.matrix.with_untracked(|m| {
        (
            export::file_name(&m.title, &today(), "xlsx"),
            workshop.settings.with_untracked(|s| export::json(m, s)),
        )
    });
    workshop
        .busy
        .set(Some(format!("Writing the workbook \"{name}\"…")));
    spawn_local(async move {
        let written = xlsx_client::write_workbook(document).await;
        workshop.busy.set(None);
        let outcome = written.and_then(|bytes| download(&name, XLSX, &bytes));
        if let Err(problem) = outcome {
            workshop.problem.set(Some(problem));
        }
    });
}

#[derive(Clone, Copy)]
enum Format {
    WideCsv,
    LongCsv,
    Json,
    Markdown,
    FindingsCsv,
    FindingsMarkdown,
}

#[component]
pub fn ExportMenu() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let run = move |format: Format| {
        let date = today();
        let csv = CsvOptions::default();
        let (name, mime, bytes) = workshop.matrix.with(|m| {
            let title = &m.title;
            match format {
                Format::WideCsv => (
                    export::file_name(title, &date, "csv"),
                    "text/csv;charset=utf-8",
                    export::wide_csv(m, &csv),
                ),
                Format::LongCsv => (
                    export::file_name(&format!("{title} (long)"), &date, "csv"),
                    "text/csv;charset=utf-8",
                    export::long_csv(m, &csv),
                ),
                Format::Json => (
                    export::file_name(title, &date, "json"),
                    "application/json",
                    workshop.settings.with(|s| export::json(m, s)).into_bytes(),
                ),
                Format::Markdown => (
                    export::file_name(title, &date, "md"),
                    "text/markdown;charset=utf-8",
                    export::markdown(m).into_bytes(),
                ),
                Format::FindingsCsv => (
                    export::file_name(&format!("{title} findings"), &date, "csv"),
                    "text/csv;charset=utf-8",
                    workshop.findings.with(|f| export::findings_csv(m, f, &csv)),
                ),
                Format::FindingsMarkdown => (
                    export::file_name(&format!("{title} findings"), &date, "md"),
                    "text/markdown;charset=utf-8",
                    workshop
                        .findings
                        .with(|f| export::findings_markdown(m, f))
                        .into_bytes(),
                ),
            }
        });
        if let Err(problem) = download(&name, mime, &bytes) {
            workshop.problem.set(Some(problem));
        }
    };
    // "More" closes as menus do: on Escape (back to its button), on a click elsewhere, and once
    // a format is chosen.
    let more = NodeRef::<leptos::html::Details>::new();
    let close_more = move || {
        if let Some(details) = more.get_untracked() {
            details.set_open(false);
        }
    };
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        let Some(details) = more.get_untracked() else {
            return;
        };
        let inside = event_element(&ev).is_some_and(|e| details.contains(Some(&e)));
        if details.open() && !inside {
            details.set_open(false);
        }
    });
    on_cleanup(move || outside.remove());
    let on_more_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(details) = more.get_untracked() else {
            return;
        };
        if details.open() {
            ev.prevent_default();
            ev.stop_propagation();
            details.set_open(false);
            if let Some(summary) = details
                .query_selector("summary")
                .ok()
                .flatten()
                .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        }
    };
    let run_more = move |format: Format| {
        close_more();
        run(format);
    };
    view! {
        <div class="export-menu" role="group" aria-label="Export">
            <button class="button" on:click=move |_| run(Format::WideCsv)>"Export CSV"</button>
            <button class="button" on:click=move |_| export_excel(workshop)>"Export Excel"</button>
            <button class="button" on:click=move |_| run(Format::Json)>"Export JSON"</button>
            <button class="button" on:click=move |_| run(Format::Markdown)>"Export Markdown"</button>
            <details class="more-exports" node_ref=more on:keydown=on_more_key>
                <summary class="button button-quiet">"More"</summary>
                <div class="more-exports-list">
                    <button class="button" on:click=move |_| run_more(Format::LongCsv)>"Export long CSV"</button>
                    <button class="button" on:click=move |_| run_more(Format::FindingsCsv)>"Export findings CSV"</button>
                    <button class="button" on:click=move |_| run_more(Format::FindingsMarkdown)>"Export findings Markdown"</button>
                </div>
            </details>
        </div>
    }
}
