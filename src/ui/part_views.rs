//! What each part that loads on first use draws (src/ui/on_demand.rs): the functions behind the
//! split points of src/main.rs, and the same parts linked in for tests.

use leptos::prelude::*;

use super::actions_panel::ActionsPanel;
use super::arriving::Arriving;
use super::changes_panel::ChangesPanel;
use super::import_dialog::PreviewDialog;
use super::library_backup::RestoreQuestion;
use super::library_panel::LibraryPanel;
use super::lookup_panel::EditorLookup;
use super::on_demand::{Draw, ExportWriter, OnDemandParts, SharedPage};
use super::orientation::ShortcutList;
use super::pending_import::ImportEngine;
use super::review_panel::ReviewPanel;
use super::role_view::RoleView;
use super::settings_panel::SettingsPanel;
pub use super::shared_view::shared_page;

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
    view! { <ShortcutList /> }.into_any()
}

pub fn import_preview() -> AnyView {
    view! { <PreviewDialog /> }.into_any()
}
