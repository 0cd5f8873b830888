//! The browser UI: a thin Leptos layer over the domain. Exists only on wasm32.

mod actions_panel;
mod after_paint;
mod arriving;
mod changes_panel;
mod density;
mod dom;
mod download;
mod drop_zone;
mod export_menu;
mod findings_panel;
mod grid_state;
mod idb;
mod import_button;
mod import_dialog;
mod jump;
mod large_type;
mod library_backup;
mod library_menu;
mod library_panel;
mod lookup_panel;
mod markup;
mod matrix_grid;
mod matrix_title;
mod modal;
pub mod on_demand;
mod orientation;
mod pane_state;
pub mod part_views;
mod pasted_cells;
mod pending_import;
mod preferences;
mod presentation;
mod rename;
mod review_panel;
mod review_state;
mod role_cards;
mod role_view;
mod search_box;
mod settings_panel;
mod share_link;
mod shared_view;
mod sheet_choice;
mod side_pane;
mod state;
mod storage;
mod structure_bar;
mod undo_buttons;
mod update_prompt;
mod write_behind;
mod xlsx_client;

use leptos::prelude::*;

use crate::edit::Parts;

use drop_zone::DropZone;
use import_button::ImportButton;

pub use actions_panel::ActionsPanel;
pub use arriving::NotLoaded;
pub use changes_panel::ChangesPanel;
pub use export_menu::ExportMenu;
pub use findings_panel::FindingsPanel;
pub use grid_state::GridState;
pub use import_button::ImportStatus;
pub use large_type::LargeTypeToggle;
pub use library_menu::{LibraryMenu, MenuState, SaveStatus};
pub use matrix_grid::MatrixGrid;
pub use on_demand::{ExportWriter, ImportDialog, OnDemandParts, SharedPage};
pub use pane_state::PaneState;
pub use pending_import::{ImportEngine, ImportPreview};
pub use review_panel::ReviewPanel;
pub use review_state::ReviewState;
pub use search_box::SearchBox;
pub use settings_panel::SettingsPanel;
pub use side_pane::{FindingsJump, SidePane};
pub use state::{Saved, Workshop};
pub use storage::Library;
pub use structure_bar::StructureBar;
pub use undo_buttons::UndoButtons;

/// Mounts the app on the page: the editor, or the shared view when the address is a share link.
pub fn start(parts: OnDemandParts) {
    console_error_panic_hook::set_once();
    share_link::reload_on_share_links();
    // The library is read from IndexedDB (and moved there from localStorage on the first visit)
    // before anything is drawn, so the page opens on the saved matrix.
    // (Leptos's own executor exists only once something is mounted.)
    wasm_bindgen_futures::spawn_local(async move {
        write_behind::open(&storage::now()).await;
        match crate::publish::share::compressed_data(&share_link::current_fragment()) {
            Some(data) => {
                let page = (parts.shared_page)().await;
                leptos::mount::mount_to_body(move || match page {
                    Ok(page) => page(data, parts),
                    // The link stays in the address bar: a reload online opens it.
                    Err(NotLoaded) => {
                        let problem = Some(format!(
                            "The shared matrix could not be opened: its page could not be fetched, because {}",
                            NotLoaded::WHY
                        ));
                        view! { <App parts problem /> }.into_any()
                    }
                })
            }
            None => leptos::mount::mount_to_body(move || view! { <App parts /> }),
        }
    });
}

/// The editor. `adopt` is a shared matrix to save into the library and open; `problem` says why
/// a share link could not be opened.
#[component]
fn App(
    parts: OnDemandParts,
    #[prop(optional_no_strip)] adopt: Option<(crate::model::Matrix, crate::rules::RuleSettings)>,
    #[prop(optional_no_strip)] problem: Option<String>,
) -> impl IntoView {
    // Every context of the app is provided here, and only here.
    let (library, saved) = Library::load();
    provide_context(library);
    let workshop = Workshop::resume(saved);
    provide_context(workshop);
    let grid = GridState::new();
    provide_context(grid);
    // The side pane's tab is also opened from above the grid (FindingsJump).
    provide_context(PaneState::new(Some(grid)));
    provide_context(ReviewState::new(workshop));
    provide_context(orientation::ShortcutSheet::new());
    provide_context(MenuState::new());
    // A picked, dropped or pasted file waits here for the user's yes in the preview.
    let preview = ImportPreview::new(parts.import_engine);
    provide_context(preview);
    provide_context(share_link::ShareLink::new());
    provide_context(density::Density::load());
    provide_context(presentation::Presentation::new());
    provide_context(parts);
    // Also when the editor opens from a share link's "save a copy".
    on_demand::fetch_all_after_first_paint(parts);

    storage::save_on_change(workshop, grid, library);
    undo_buttons::listen_for_shortcuts(workshop, grid);
    pasted_cells::listen_for_clipboard(workshop, grid, preview);
    if let Some(problem) = problem {
        workshop.problem.set(Some(problem));
    }
    if let Some((matrix, settings)) = adopt {
        let title = matrix.title.clone();
        library.create(workshop, grid, matrix, settings);
        workshop.notice.set(Some(format!(
            "Saved a copy of \"{title}\" from the share link to your library."
        )));
    }

    let title = move || workshop.read(Parts::TITLE, |m| m.title.clone());
    let scheme = move || workshop.read(Parts::SCHEME, |m| m.scheme);
    Effect::new(move |_| {
        let title = title();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{title} · RACI Workshop"));
        }
    });

    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">"RACI Workshop"</span>
                <matrix_title::MatrixTitle />
            </div>
            <presentation::ExitPresentation />
            <div class="toolbar">
                <LibraryMenu />
                <UndoButtons />
                <ImportButton />
                <ExportMenu />
                <share_link::CopyShareLinkButton />
                <LargeTypeToggle />
                <presentation::PresentationToggle />
                <orientation::ShortcutsButton />
            </div>
        </header>
        <update_prompt::UpdatePrompt />
        <SaveStatus />
        <ImportStatus />
        <Notice />
        <share_link::ShareLinkBanner />
        <orientation::ExampleNotice />
        <main class="workspace">
            <section class="matrix-pane">
                <div class="grid-bar">
                    <Legend scheme=Signal::derive(scheme) />
                    <FindingsJump />
                    <SearchBox />
                    <label class="filter-toggle">
                        <input
                            type="checkbox"
                            prop:checked=move || grid.only_findings.get()
                            on:change=move |ev| grid.only_findings.set(event_target_checked(&ev))
                        />
                        "Only rows with findings"
                    </label>
                    <changes_panel::ShowChangesToggle />
                    <density::DensitySelect />
                </div>
                <StructureBar />
                <MatrixGrid />
            </section>
            <SidePane />
        </main>
        <ImportDialog />
        <orientation::ShortcutDialog />
        <DropZone />
    }
}

/// What an edit did beyond the grid, politely, until dismissed or replaced.
#[component]
fn Notice() -> impl IntoView {
    let workshop = expect_context::<Workshop>();
    view! {
        <div class="notice-region" role="status">
            {move || {
                workshop
                    .notice
                    .get()
                    .map(|text| {
                        view! {
                            <div class="banner banner-notice">
                                <span>{text}</span>
                                <button class="button button-quiet" on:click=move |_| workshop.notice.set(None)>
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// The letters of the current scheme, as a key for the grid.
#[component]
fn Legend(scheme: Signal<crate::model::Scheme>) -> impl IntoView {
    view! {
        <p class="legend" aria-label="Legend">
            <span class="legend-scheme">{move || scheme.get().name()}</span>
            {move || {
                scheme
                    .get()
                    .letters()
                    .iter()
                    .map(|(letter, name)| {
                        view! {
                            <span class="legend-item">
                                <span class=format!("letter letter-{letter}")>{letter.to_string()}</span>
                                {*name}
                            </span>
                        }
                    })
                    .collect_view()
            }}
        </p>
    }
}
