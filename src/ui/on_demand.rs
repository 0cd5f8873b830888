//! Parts of the page that are needed only once asked for: the review's panels, the import
//! preview and the importer. The app's binary (src/main.rs) hands them over as split points,
//! whose code the build cuts out of the main wasm (scripts/bin/wasm-bindgen) and the page
//! fetches once the matrix is drawn, or when a part is first shown if that comes sooner. Tests
//! hand over the same parts linked in ([`OnDemandParts::linked`]).

use std::pin::Pin;

use leptos::prelude::*;

use super::actions_panel::ActionsPanel;
use super::arriving::{NotLoaded, when_here};
use super::changes_panel::ChangesPanel;
use super::import_dialog::PreviewDialog;
use super::lookup_panel::EditorLookup;
use super::pending_import::{ArrivingEngine, ImportEngine, ImportPreview};
use super::review_panel::ReviewPanel;

/// What draws a part, once its code is here.
pub type Arriving = Pin<Box<dyn Future<Output = Result<fn() -> AnyView, NotLoaded>>>>;

/// How each part arrives. Provided as a context by [`super::start`].
#[derive(Clone, Copy)]
pub struct OnDemandParts {
    pub changes_panel: fn() -> Arriving,
    pub actions_panel: fn() -> Arriving,
    pub review_panel: fn() -> Arriving,
    pub lookup_panel: fn() -> Arriving,
    pub import_preview: fn() -> Arriving,
    /// The importer, called by the preview and by whatever opens it.
    pub import_engine: fn() -> ArrivingEngine,
    /// Starts fetching every part's code, so that a first use seldom waits for the network.
    pub fetch_all: fn(),
}

impl OnDemandParts {
    /// Every part linked into the module that draws it (component tests). The app's binary
    /// must not reach this: whatever it reaches stays in the main wasm.
    pub fn linked() -> OnDemandParts {
        OnDemandParts {
            changes_panel: || Box::pin(async { Ok(changes_panel as fn() -> AnyView) }),
            actions_panel: || Box::pin(async { Ok(actions_panel as fn() -> AnyView) }),
            review_panel: || Box::pin(async { Ok(review_panel as fn() -> AnyView) }),
            lookup_panel: || Box::pin(async { Ok(lookup_panel as fn() -> AnyView) }),
            import_preview: || Box::pin(async { Ok(import_preview as fn() -> AnyView) }),
            import_engine: || Box::pin(async { Ok(ImportEngine::linked()) }),
            fetch_all: || {},
        }
    }
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
pub fn OnDemand(load: fn() -> Arriving) -> impl IntoView {
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
