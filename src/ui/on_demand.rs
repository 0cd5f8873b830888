//! Parts of the page that are needed only once asked for: every side-pane panel but the
//! findings, the Library panel and the restore's question, the shortcut sheet, the import
//! preview, the importer, the exporter and a share link's page. The app's binary (src/main.rs)
//! hands them over as split points, whose code the build cuts out of the main wasm
//! (scripts/bin/wasm-bindgen) and the page fetches once the matrix is drawn, or when a part is
//! first shown if that comes sooner. What each part draws is in `part_views.rs`; tests hand over
//! the same parts linked in (`OnDemandParts::linked`).

use leptos::prelude::*;

use crate::export::Format;
use crate::model::{Date, Matrix};
use crate::publish::share::ShareError;
use crate::rules::{Finding, RuleSettings};

use super::arriving::{Arriving, NotLoaded, when_here};
use super::pending_import::{ImportEngine, ImportPreview};

/// What draws a part.
pub type Draw = fn() -> AnyView;

/// Writes a file of a format, as [`Format::write`] does: the writers of every format.
pub type ExportWriter = fn(Format, &Matrix, &RuleSettings, &[Finding], Date) -> Option<Vec<u8>>;

/// Draws the page for a share link's data (the fragment's compressed bytes, or why there are
/// none).
pub type SharedPage = fn(Result<Vec<u8>, ShareError>, OnDemandParts) -> AnyView;

/// How each part arrives. Provided as a context by [`super::start`].
#[derive(Clone, Copy)]
pub struct OnDemandParts {
    pub changes_panel: fn() -> Arriving<Draw>,
    pub actions_panel: fn() -> Arriving<Draw>,
    pub review_panel: fn() -> Arriving<Draw>,
    pub lookup_panel: fn() -> Arriving<Draw>,
    pub role_view: fn() -> Arriving<Draw>,
    pub rules_panel: fn() -> Arriving<Draw>,
    pub library_panel: fn() -> Arriving<Draw>,
    pub restore_question: fn() -> Arriving<Draw>,
    pub shortcut_sheet: fn() -> Arriving<Draw>,
    pub import_preview: fn() -> Arriving<Draw>,
    /// The importer, called by the preview and by whatever opens it.
    pub import_engine: fn() -> Arriving<ImportEngine>,
    /// The page a share link opens.
    pub shared_page: fn() -> Arriving<SharedPage>,
    /// The writer of every export the page writes itself (not Excel: the xlsx worker's).
    pub export_writer: fn() -> Arriving<ExportWriter>,
    /// Starts fetching every part's code but the share link's page (which the editor never
    /// needs), so that a first use seldom waits for the network.
    pub fetch_all: fn(),
}

/// Fetches every part's code once the first frame is drawn.
pub(super) fn fetch_all_after_first_paint(parts: OnDemandParts) {
    request_animation_frame(move || set_timeout(parts.fetch_all, std::time::Duration::ZERO));
}

/// The "Import preview" dialog, while an import is pending.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let preview = expect_context::<ImportPreview>();
    let parts = expect_context::<OnDemandParts>();
    // Only opening and closing re-create the dialog; an override refreshes its parts in place,
    // so the focused <select> keeps the focus.
    let open = Memo::new(move |_| preview.pending.with(Option::is_some));
    view! {
        <Show when=move || open.get()>
            <OnDemand load=parts.import_preview />
        </Show>
    }
}

/// Draws the part `load` brings: at once when its code is already here, else once it arrives;
/// if it cannot be fetched, says so with a way to try again.
#[component]
pub fn OnDemand(load: fn() -> Arriving<Draw>) -> impl IntoView {
    let arrived = RwSignal::new(None);
    let fetch = move || {
        arrived.set(None);
        when_here(load(), move |result| {
            arrived.try_set(Some(result));
        });
    };
    fetch();
    let missing = format!(
        "This part of the page could not be fetched, because {}",
        NotLoaded::WHY
    );
    move || match arrived.get() {
        Some(Ok(draw)) => draw(),
        Some(Err(NotLoaded)) => view! {
            <div class="on-demand-wait" role="alert">
                <p>{missing.clone()}</p>
                <button class="button" on:click=move |_| fetch()>"Try again"</button>
            </div>
        }
        .into_any(),
        None => view! { <p class="on-demand-wait" role="status">"Loading…"</p> }.into_any(),
    }
}
