//! Entry point of the web app; trunk builds this for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    raci_workshop::ui::start(split::PARTS);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RACI Workshop is a web app: run `scripts/serve` and open http://127.0.0.1:8080/");
}

/// The parts of the page that load on first use, as split points: the build cuts the code that
/// only these functions reach out of the main wasm, into modules the page fetches when a function
/// is first called (scripts/bin/wasm-bindgen; `#[lazy]` is Leptos's marker for its splitter).
/// They live in the binary, not the library, so that the xlsx worker does not link them.
#[cfg(target_arch = "wasm32")]
mod split {
    use leptos::lazy;
    use leptos::prelude::AnyView;
    use leptos::task::spawn_local;
    use raci_workshop::ui::ImportEngine;
    use raci_workshop::ui::on_demand::{self, OnDemandParts};

    pub const PARTS: OnDemandParts = OnDemandParts {
        changes_panel: || Box::pin(changes_panel()),
        actions_panel: || Box::pin(actions_panel()),
        review_panel: || Box::pin(review_panel()),
        lookup_panel: || Box::pin(lookup_panel()),
        import_preview: || Box::pin(import_preview()),
        import_engine: || Box::pin(import_engine()),
        fetch_all: || {
            spawn_local(__preload_import_engine());
            spawn_local(__preload_import_preview());
            spawn_local(__preload_changes_panel());
            spawn_local(__preload_actions_panel());
            spawn_local(__preload_review_panel());
            spawn_local(__preload_lookup_panel());
        },
    };

    // Each split point hands back what draws its part (or the importer's entry points): the code
    // behind them stays in the split point's module.

    #[lazy]
    fn changes_panel() -> fn() -> AnyView {
        on_demand::changes_panel
    }

    #[lazy]
    fn actions_panel() -> fn() -> AnyView {
        on_demand::actions_panel
    }

    #[lazy]
    fn review_panel() -> fn() -> AnyView {
        on_demand::review_panel
    }

    #[lazy]
    fn lookup_panel() -> fn() -> AnyView {
        on_demand::lookup_panel
    }

    #[lazy]
    fn import_preview() -> fn() -> AnyView {
        on_demand::import_preview
    }

    #[lazy]
    fn import_engine() -> ImportEngine {
        ImportEngine::linked()
    }
}
