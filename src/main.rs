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

    use leptos::task::spawn_local;
    use leptos::wasm_split::{SplitLoaderError, wasm_split};
    use raci_workshop::export::Format;
    use raci_workshop::ui::on_demand::{Draw, OnDemandParts};
    use raci_workshop::ui::part_views;
    use raci_workshop::ui::{ExportWriter, ImportEngine, NotLoaded, SharedPage};

    pub const PARTS: OnDemandParts = OnDemandParts {
        changes_panel: || arriving(changes_panel()),
        actions_panel: || arriving(actions_panel()),
        review_panel: || arriving(review_panel()),
        lookup_panel: || arriving(lookup_panel()),
        role_view: || arriving(role_view()),
        rules_panel: || arriving(rules_panel()),
        library_panel: || arriving(library_panel()),
        restore_question: || arriving(restore_question()),
        shortcut_sheet: || arriving(shortcut_sheet()),
        import_preview: || arriving(import_preview()),
        import_engine: || arriving(import_engine()),
        export_writer: || arriving(export_writer()),
        shared_page: || arriving(shared_page()),
        fetch_all: || {
            fetch(preload_import_engine());
            fetch(preload_import_preview());
            fetch(preload_export_writer());
            fetch(preload_changes_panel());
            fetch(preload_actions_panel());
            fetch(preload_review_panel());
            fetch(preload_lookup_panel());
            fetch(preload_role_view());
            fetch(preload_rules_panel());
            fetch(preload_library_panel());
            fetch(preload_restore_question());
            fetch(preload_shortcut_sheet());
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

    /// Split points: each `$name` hands back `$value` (what draws a part, or a part's entry
    /// points), and `$preload` only fetches the module; the code behind `$value` stays in it.
    macro_rules! split_points {
        ($($name:ident, $preload:ident: $part:ty = $value:expr;)*) => {$(
            #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
            fn $name() -> Result<$part, SplitLoaderError> {
                Ok($value)
            }
        )*};
    }

    split_points! {
        changes_panel, preload_changes_panel: Draw = part_views::changes_panel;
        actions_panel, preload_actions_panel: Draw = part_views::actions_panel;
        review_panel, preload_review_panel: Draw = part_views::review_panel;
        lookup_panel, preload_lookup_panel: Draw = part_views::lookup_panel;
        role_view, preload_role_view: Draw = part_views::role_view;
        rules_panel, preload_rules_panel: Draw = part_views::rules_panel;
        library_panel, preload_library_panel: Draw = part_views::library_panel;
        restore_question, preload_restore_question: Draw = part_views::restore_question;
        shortcut_sheet, preload_shortcut_sheet: Draw = part_views::shortcut_sheet;
        import_preview, preload_import_preview: Draw = part_views::import_preview;
        import_engine, preload_import_engine: ImportEngine = ImportEngine::linked();
        export_writer, preload_export_writer: ExportWriter = Format::write;
        shared_page, preload_shared_page: SharedPage = part_views::shared_page;
    }
}
