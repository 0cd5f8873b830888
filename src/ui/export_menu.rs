//! The export buttons: every format of the engine, as a download named after the title and date.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::export::{self, Format};

use wasm_bindgen::JsCast;

use super::arriving::{NotLoaded, when_here};
use super::dom::event_element;
use super::download::{download, today, today_date};
use super::on_demand::OnDemandParts;
use super::state::Workshop;
use super::xlsx_client;

/// Writes the matrix as an Excel workbook in the xlsx worker (loaded on first use), then offers
/// it as a download. The matrix is sent as our JSON document, which carries the rule settings the
/// Findings sheet is checked with.
fn export_excel(workshop: Workshop) {
    if workshop.busy.get_untracked().is_some() {
        return;
    }
    let (name, document) = workshop.matrix.with_untracked(|m| {
        (
            Format::Excel.file_name(&m.title, &today()),
            workshop.settings.with_untracked(|s| export::json(m, s)),
        )
    });
    workshop
        .busy
        .set(Some(format!("Writing the workbook \"{name}\"…")));
    spawn_local(async move {
        let written = xlsx_client::write_workbook(document, &today()).await;
        workshop.busy.set(None);
        let outcome = written.and_then(|bytes| download(&name, Format::Excel.media_type(), &bytes));
        if let Err(problem) = outcome {
            workshop.problem.set(Some(problem));
        }
    });
}

/// Writes `format` in the page and offers it as a download: at once when the exporter is here
/// (it is fetched after the first paint), else once it arrives.
fn export_here(workshop: Workshop, parts: OnDemandParts, format: Format) {
    let name = workshop
        .matrix
        .with_untracked(|m| format.file_name(&m.title, &today()));
    when_here((parts.export_writer)(), move |writer| {
        let Ok(write) = writer else {
            workshop.problem.set(Some(format!(
                "Could not write \"{name}\": the exporter could not be fetched, because {}",
                NotLoaded::WHY
            )));
            return;
        };
        let written = workshop.matrix.with_untracked(|m| {
            workshop.settings.with_untracked(|s| {
                workshop
                    .findings
                    .with_untracked(|f| write(format, m, s, &f.to_vec(), today_date()))
            })
        });
        let Some(bytes) = written else {
            return;
        };
        if let Err(problem) = download(&name, format.media_type(), &bytes) {
            workshop.problem.set(Some(problem));
        }
    });
}

#[component]
pub fn ExportMenu() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    let parts = expect_context::<OnDemandParts>();
    let run = move |format: Format| match format {
        Format::Excel => export_excel(workshop),
        _ => export_here(workshop, parts, format),
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
    let toolbar = Format::ALL
        .into_iter()
        .filter(|f| !f.is_more())
        .map(|format| {
            view! { <button class="button" on:click=move |_| run(format)>{format.label()}</button> }
        })
        .collect_view();
    let more_buttons = Format::ALL
        .into_iter()
        .filter(|f| f.is_more())
        .map(|format| {
            view! {
                <button class="button" on:click=move |_| run_more(format)>{format.label()}</button>
            }
        })
        .collect_view();
    view! {
        <div class="export-menu" role="group" aria-label="Export">
            {toolbar}
            <details class="more-exports" node_ref=more on:keydown=on_more_key>
                <summary class="button button-quiet">"More"</summary>
                <div class="more-exports-list">
                    {more_buttons}
                </div>
            </details>
        </div>
    }
}
