//! The preview's "Sheet" choice for a workbook: every sheet by name, the one read first being
//! the one that looks most like a RACI matrix. Choosing another re-reads that sheet (the
//! workbook is already in memory: the xlsx worker is not asked again).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::pending_import::ImportPreview;

#[component]
pub fn SheetChoice() -> impl IntoView {
    let preview = expect_context::<ImportPreview>();
    // A memo, so that choosing a sheet (which changes the pending import) does not rebuild the
    // focused <select>: only another workbook does.
    let sheets = Memo::new(move |_| {
        preview.pending.with(|p| {
            p.as_ref()
                .and_then(|p| p.workbook.as_ref())
                .map(|w| w.sheet_names())
                .unwrap_or_default()
        })
    });
    // The sheet on show: the chosen one, else the one the importer picked.
    let current = move || {
        preview.pending.with(|p| {
            p.as_ref()
                .and_then(|p| {
                    p.options
                        .sheet
                        .clone()
                        .or_else(|| p.result.as_ref().ok().and_then(|i| i.report.sheet.clone()))
                })
                .unwrap_or_default()
        })
    };
    move || {
        let names = sheets.get();
        (!names.is_empty()).then(|| {
            let options = names
                .into_iter()
                .map(|name| {
                    let value = name.clone();
                    let selected = move || current() == value;
                    view! {
                        <option value=name.clone() prop:selected=selected>
                            {name.clone()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <div class="choice">
                    <label class="choice-label" for="import-sheet">
                        "Sheet"
                    </label>
                    <select
                        id="import-sheet"
                        class="choice-select"
                        on:change=move |ev| {
                            let picked = ev
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                                .map(|select| select.value());
                            if let Some(picked) = picked {
                                preview.set_options(|o| o.sheet = Some(picked));
                            }
                        }
                    >
                        {options}
                    </select>
                </div>
            }
        })
    }
}
