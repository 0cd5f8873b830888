//! The frame of every modal dialog: a `<dialog>` shown with `showModal` as soon as it is drawn,
//! which gives focus trapping, the inert page behind and Escape for free.

use leptos::html::Dialog;
use leptos::prelude::*;

/// A modal dialog named by its heading (`labelled_by`). Escape closes it, which `on_close`
/// hears, unless `on_cancel` is given: then Escape calls that instead, and the dialog stays until
/// its owner stops drawing it. Keys pressed in it do not reach the page behind. Closing the
/// element (`element`'s `close()`) rather than dropping it hands the focus back to where it was
/// before the dialog opened.
#[component]
pub fn Modal(
    /// The dialog's class, for its layout.
    class: &'static str,
    /// The id of the heading that names the dialog.
    labelled_by: &'static str,
    /// The id of the text that says what the dialog asks, if there is one.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// The element, for whoever closes it.
    #[prop(optional)]
    element: NodeRef<Dialog>,
    #[prop(optional, into)] on_close: Option<Callback<()>>,
    #[prop(optional, into)] on_cancel: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(dialog) = element.get()
            && !dialog.open()
        {
            let _ = dialog.show_modal();
        }
    });
    // A dialog its owner drops while open is closed first, so that the focus goes back to where
    // it was rather than to the page's body. (Those with `on_close` are closed by their owners.)
    if on_close.is_none() {
        on_cleanup(move || {
            if let Some(dialog) = element.get_untracked()
                && dialog.open()
            {
                dialog.close();
            }
        });
    }
    view! {
        <dialog
            node_ref=element
            class=class
            aria-labelledby=labelled_by
            aria-describedby=described_by
            aria-modal="true"
            on:cancel=move |ev: web_sys::Event| {
                if let Some(on_cancel) = on_cancel {
                    ev.prevent_default();
                    on_cancel.run(());
                }
            }
            on:close=move |_| {
                if let Some(on_close) = on_close {
                    on_close.run(());
                }
            }
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    ev.stop_propagation();
                }
            }
        >
            {children()}
        </dialog>
    }
}
