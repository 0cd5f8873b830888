//! Parts of the page that are needed only once asked for: the side pane's panels other than the
//! findings, the import preview, the importer and the exporter. The app's binary (src/main.rs) hands them over as split points,
//! whose code the build cuts out of the main wasm (scripts/bin/wasm-bindgen) and the page
//! fetches once the matrix is drawn, or when a part is first shown if that comes sooner. Tests
//! hand over the same parts linked in ([`OnDemandParts::linked`]).

use leptos::prelude::*;

use super::actions_panel::ActionsPanel;
use super::arriving::{Arriving, NotLoaded, when_here};
use super::changes_panel::ChangesPanel;
use super::export_menu::ExportWriter;
use super::import_dialog::PreviewDialog;
use super::library_backup::RestoreQuestion;
use super::library_panel::LibraryPanel;
use super::lookup_panel::EditorLookup;
use super::orientation::SheetDialog;
use super::pending_import::{ImportEngine, ImportPreview};
use super::review_panel::ReviewPanel;
use super::role_view::RoleView;
use super::settings_panel::SettingsPanel;
pub use super::shared_view::{SharedPage, shared_page};

/// What draws a part.
pub type Draw = fn() -> AnyView;

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
    /// Starts fetching every part's code, so that a first use seldom waits for the network.
    pub fetch_all: fn(),
}

impl OnDemandParts {
    /// Every part linked into the module that draws it (component tests). The app's binary
    /// must not reach this: whatever it reaches stays in the main wasm.
    pub fn linked() -> OnDemandParts {
        OnDemandParts {
            changes_panel: || here(changes_panel),
            actions_panel: || here(actions_panel),
            review_panel: || here(review_panel),
            lookup_panel: || here(lookup_panel),
            role_view: || here(role_view),
            rules_panel: || here(rules_panel),
            library_panel: || here(library_panel),
            restore_question: || here(restore_question),
            shortcut_sheet: || here(shortcut_sheet),
            import_preview: || here(import_preview),
            import_engine: || Box::pin(async { Ok(ImportEngine::linked()) }),
            shared_page: || Box::pin(async { Ok(shared_page as SharedPage) }),
            export_writer: || Box::pin(async { Ok(crate::export::Format::write as ExportWriter) }),
            fetch_all: || {},
        }
    }
}

/// A part linked in, as if it had arrived.
fn here(draw: Draw) -> Arriving<Draw> {
    Box::pin(async move { Ok(draw) })
}

pub fn changes_panel() -> AnyView {
    view! { <ChangesPanel /> }.into_any()
}

pub fn actions_panel() -> AnyView {
    view! { <ActionsPanel /> }.into_any()
}

pub fn review_panel() -> AnyView {
    view! { <ReviewPanel /> }.into_any()
}

pub fn lookup_panel() -> AnyView {
    view! { <EditorLookup /> }.into_any()
}

pub fn role_view() -> AnyView {
    view! { <RoleView /> }.into_any()
}

pub fn rules_panel() -> AnyView {
    view! { <SettingsPanel /> }.into_any()
}

pub fn library_panel() -> AnyView {
    view! { <LibraryPanel /> }.into_any()
}

pub fn restore_question() -> AnyView {
    view! { <RestoreQuestion /> }.into_any()
}

pub fn shortcut_sheet() -> AnyView {
    view! { <SheetDialog /> }.into_any()
}

pub fn import_preview() -> AnyView {
    view! { <PreviewDialog /> }.into_any()
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
