//! Keeps the current matrix in localStorage so that work survives a reload. Storage can be full,
//! disabled or hold something unreadable: each case is reported, and nothing saved is overwritten
//! before it has been read.

use leptos::prelude::*;

use crate::document;
use crate::example::example;
use crate::history::History;
use crate::model::Matrix;
use crate::rules::RuleSettings;

use super::state::Workshop;

const CURRENT_KEY: &str = "raci-workshop/current";
const SET_ASIDE_KEY: &str = "raci-workshop/unreadable";
const HISTORY_KEY: &str = "raci-workshop/history";

/// The browser's localStorage, or None where it is disabled. (gloo-storage panics in that case,
/// which would take the whole app down, so the fallible web-sys calls are used directly.)
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What a visit starts from.
pub struct Saved {
    pub matrix: Matrix,
    pub settings: RuleSettings,
    pub history: History,
    /// Something to tell the user (storage disabled, saved data unreadable).
    pub problem: Option<String>,
}

/// The saved matrix and its history, or the example on a first visit.
pub fn load() -> Saved {
    let (matrix, settings, problem) = load_matrix();
    // History that cannot be read only costs the undo steps, never the matrix.
    let history = local_storage()
        .and_then(|s| s.get_item(HISTORY_KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default();
    Saved {
        matrix,
        settings,
        history,
        problem,
    }
}

fn load_matrix() -> (Matrix, RuleSettings, Option<String>) {
    let fallback = || (example(), RuleSettings::default());
    let read = local_storage().map(|s| s.get_item(CURRENT_KEY));
    let raw = match read {
        Some(Ok(Some(raw))) => raw,
        Some(Ok(None)) => {
            let (m, s) = fallback();
            return (m, s, None);
        }
        Some(Err(_)) | None => {
            let (m, s) = fallback();
            return (
                m,
                s,
                Some("This browser does not allow saving: changes will be lost on reload. Export to keep them.".into()),
            );
        }
    };
    let parsed = serde_json::from_str::<serde_json::Value>(&raw)
        .map_err(|e| e.to_string())
        .and_then(document::from_value);
    match parsed {
        Ok((matrix, settings)) => (matrix, settings, None),
        Err(reason) => {
            // Keep the unreadable data aside instead of overwriting it with the next save.
            if let Some(storage) = local_storage() {
                let _ = storage.set_item(SET_ASIDE_KEY, &raw);
            }
            let (m, s) = fallback();
            (
                m,
                s,
                Some(format!(
                    "The saved matrix could not be read ({reason}). It was kept aside in this browser's storage; the example is shown instead."
                )),
            )
        }
    }
}

/// How long typing may pause before the work is written to storage.
const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// Saves the matrix, its settings and its history shortly after they change (debounced, so a
/// burst of keystrokes costs one write), and at once when the page is hidden or closed.
pub fn save_on_change(workshop: Workshop) {
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |first: Option<()>| {
        workshop.matrix.track();
        workshop.settings.track();
        workshop.history.track();
        if first.is_none() {
            // The first run is the load itself: nothing changed yet.
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                save_now(workshop);
            },
            SAVE_DELAY,
        )
        .ok();
        pending.set_value(handle);
    });
    let flush = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
            save_now(workshop);
        }
    };
    std::mem::forget(window_event_listener(leptos::ev::pagehide, move |_| {
        flush()
    }));
    std::mem::forget(window_event_listener(
        leptos::ev::visibilitychange,
        move |_| flush(),
    ));
}

/// Writes the matrix, its settings and its history; a failure is shown, never lost silently.
fn save_now(workshop: Workshop) {
    let json = workshop.matrix.with_untracked(|m| {
        workshop
            .settings
            .with_untracked(|s| document::to_json(m, s))
    });
    let history = workshop
        .history
        .with_untracked(|h| serde_json::to_string(h).unwrap_or_default());
    let saved = local_storage().is_some_and(|storage| {
        storage.set_item(CURRENT_KEY, &json).is_ok()
            && storage.set_item(HISTORY_KEY, &history).is_ok()
    });
    if !saved {
        workshop.problem.set(Some(
            "Could not save in this browser (storage is full or disabled). Your work is still here: export it to keep it.".into(),
        ));
    }
}
