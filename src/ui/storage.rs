//! Keeps the current matrix in localStorage so that work survives a reload. Storage can be full,
//! disabled or hold something unreadable: each case is reported, and nothing saved is overwritten
//! before it has been read.

use gloo_storage::{LocalStorage, Storage};
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
    let history = LocalStorage::raw()
        .get_item(HISTORY_KEY)
        .ok()
        .flatten()
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
    let raw = match LocalStorage::raw().get_item(CURRENT_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            let (m, s) = fallback();
            return (m, s, None);
        }
        Err(_) => {
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
            let _ = LocalStorage::raw().set_item(SET_ASIDE_KEY, &raw);
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

/// Saves the matrix, its settings and its history whenever they change.
pub fn save_on_change(workshop: Workshop) {
    Effect::new(move |_| {
        let json = workshop
            .matrix
            .with(|m| workshop.settings.with(|s| document::to_json(m, s)));
        let history = workshop
            .history
            .with(|h| serde_json::to_string(h).unwrap_or_default());
        let storage = LocalStorage::raw();
        let saved = storage.set_item(CURRENT_KEY, &json).is_ok()
            && storage.set_item(HISTORY_KEY, &history).is_ok();
        if !saved {
            workshop.problem.set(Some(
                "Could not save in this browser (storage is full or disabled). Your work is still here: export it to keep it.".into(),
            ));
        }
    });
}
