//! The preview's "Sheet" choice for a workbook: every sheet by name, the one read first being
//! the one that looks most like a RACI matrix. Choosing another re-reads that sheet (the
//! workbook is already in memory: the xlsx worker is not asked again).
//!
//! The options are written as markup rather than as a reactive list: the list changes only with
//! the workbook, and this keeps the page's wasm small (every Leptos list costs code in the main
//! bundle, which the xlsx feature must not grow).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::pending_import::ImportPreview;
use crate::html::escape_html;

#[component]
pub fn SheetChoice() -> impl IntoView {
    let preview = expect_context::<ImportPreview>();
    // The sheet names as <option>s, and the sheet on show: the chosen one, else the one the
    // importer picked. Empty when the pending file is not a workbook.
    let state = move || {
        preview.pending.with(|p| {
            let Some(p) = p.as_ref() else {
                return (String::new(), String::new());
            };
            let Some(workbook) = p.workbook.as_ref() else {
                return (String::new(), String::new());
            };
            let current = p
                .options
                .sheet
                .clone()
                .or_else(|| p.result.as_ref().ok().and_then(|i| i.report.sheet.clone()))
                .unwrap_or_default();
            let options = workbook
                .sheet_names()
                .iter()
                .map(|name| {
                    let selected = if *name == current { " selected" } else { "" };
                    format!("<option{selected}>{}</option>", escape_html(name))
                })
                .collect();
            (options, current)
        })
    };
    let options = Memo::new(move |_| state().0);
    let current = move || state().1;
    view! {
        <div class="choice" prop:hidden=move || options.with(String::is_empty)>
            <label class="choice-label" for="import-sheet">
                "Sheet"
            </label>
            <select
                id="import-sheet"
                class="choice-select"
                inner_html=move || options.get()
                prop:value=current
                on:change=move |ev| {
                    let picked = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                        .map(|select| select.value());
                    if let Some(picked) = picked {
                        preview.set_options(|o| o.sheet = Some(picked));
                    }
                }
            ></select>
        </div>
    }
}
