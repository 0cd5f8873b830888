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
/// is first called (scripts/bin/wasm-bindgen). `wasm_split` is the marker Leptos's `#[lazy]`
/// writes, used here directly for its `fallible` option: a failed fetch is an `Err` the page
/// shows, where `#[lazy]` would panic and stop the whole app.
/// They live in the binary, not the library, so that the xlsx worker does not link them.
#[cfg(target_arch = "wasm32")]
mod split {
    use std::pin::Pin;

    use leptos::prelude::AnyView;
    use leptos::task::spawn_local;
    use leptos::wasm_split::{SplitLoaderError, wasm_split};
    use raci_workshop::ui::on_demand::{self, OnDemandParts};
    use raci_workshop::ui::{ImportEngine, NotLoaded};

    pub const PARTS: OnDemandParts = OnDemandParts {
        changes_panel: || arriving(changes_panel()),
        actions_panel: || arriving(actions_panel()),
        review_panel: || arriving(review_panel()),
        lookup_panel: || arriving(lookup_panel()),
        import_preview: || arriving(import_preview()),
        import_engine: || arriving(import_engine()),
        fetch_all: || {
            fetch(preload_import_engine());
            fetch(preload_import_preview());
            fetch(preload_changes_panel());
            fetch(preload_actions_panel());
            fetch(preload_review_panel());
            fetch(preload_lookup_panel());
        },
    };

    /// A split point's call, with a failed fetch in the page's terms.
    fn arriving<T>(
        call: impl Future<Output = Result<T, SplitLoaderError>> + 'static,
    ) -> Pin<Box<dyn Future<Output = Result<T, NotLoaded>>>> {
        Box::pin(async { call.await.map_err(|_| NotLoaded) })
    }

    /// Fetches a part's code in the background. One that fails to arrive now is fetched again
    /// when it is first used.
    fn fetch(preload: impl Future<Output = Result<(), SplitLoaderError>> + 'static) {
        spawn_local(async {
            let _ = preload.await;
        });
    }

    // Each split point hands back what draws its part (or the importer's entry points): the code
    // behind them stays in the split point's module.

    #[wasm_split(changes_panel, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_changes_panel))]
    fn changes_panel() -> Result<fn() -> AnyView, SplitLoaderError> {
        Ok(on_demand::changes_panel)
    }

    #[wasm_split(actions_panel, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_actions_panel))]
    fn actions_panel() -> Result<fn() -> AnyView, SplitLoaderError> {
        Ok(on_demand::actions_panel)
    }

    #[wasm_split(review_panel, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_review_panel))]
    fn review_panel() -> Result<fn() -> AnyView, SplitLoaderError> {
        Ok(on_demand::review_panel)
    }

    #[wasm_split(lookup_panel, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_lookup_panel))]
    fn lookup_panel() -> Result<fn() -> AnyView, SplitLoaderError> {
        Ok(on_demand::lookup_panel)
    }

    #[wasm_split(import_preview, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_import_preview))]
    fn import_preview() -> Result<fn() -> AnyView, SplitLoaderError> {
        Ok(on_demand::import_preview)
    }

    #[wasm_split(import_engine, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_import_engine))]
    fn import_engine() -> Result<ImportEngine, SplitLoaderError> {
        Ok(ImportEngine::linked())
    }
}
