//! Presentation mode: the room sees the matrix and its findings, not the facilitator's
//! controls. The toolbar, banners and row and column commands step aside so the grid starts near
//! the top of the screen; editing by keyboard goes on. "Exit presentation" or Escape ends it.

use leptos::prelude::*;

use super::dom::focus_by_id;

/// Set on <html> while presenting; style/main.css hides the controls under it.
const ATTRIBUTE: &str = "data-presenting";

/// Whether the page is in presentation mode, provided by the app.
#[derive(Clone, Copy)]
pub struct Presentation(RwSignal<bool>);

impl Presentation {
    pub fn new() -> Presentation {
        let presenting = Presentation(RwSignal::new(false));
        let _ = window_event_listener(leptos::ev::keydown, move |ev| {
            // Escape that nothing else used (a picker, a rename) leaves presentation mode.
            if ev.key() == "Escape" && !ev.default_prevented() && presenting.0.get_untracked() {
                presenting.set(false);
            }
        });
        presenting
    }

    fn set(self, on: bool) {
        self.0.set(on);
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = if on {
                root.set_attribute(ATTRIBUTE, "")
            } else {
                root.remove_attribute(ATTRIBUTE)
            };
        }
        // The grid measures again what fits (ui/density.rs), and the focus goes where the way
        // back is.
        if let (Some(window), Ok(resize)) = (web_sys::window(), web_sys::Event::new("resize")) {
            let _ = window.dispatch_event(&resize);
        }
        focus(if on {
            "exit-presentation"
        } else {
            "presentation-mode"
        });
    }
}

fn focus(id: &'static str) {
    request_animation_frame(move || focus_by_id(id));
}

/// The toolbar's "Presentation mode" button.
#[component]
pub fn PresentationToggle() -> impl IntoView {
    let presenting = expect_context::<Presentation>();
    view! {
        <button
            class="button"
            id="presentation-mode"
            title="Hide the editing controls so the room sees the matrix (Escape leaves)"
            on:click=move |_| presenting.set(true)
        >
            "Presentation mode"
        </button>
    }
}

/// The way back, shown only while presenting.
#[component]
pub fn ExitPresentation() -> impl IntoView {
    let presenting = expect_context::<Presentation>();
    view! {
        <Show when=move || presenting.0.get()>
            <button class="button exit-presentation" id="exit-presentation" on:click=move |_| presenting.set(false)>
                "Exit presentation"
            </button>
        </Show>
    }
}
