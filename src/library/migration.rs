//! The first visit of this build: the single matrix of earlier builds (`raci-workshop/current`)
//! moves into the library, and its old keys go only once the new ones are written.

use super::index::Index;
use super::recovery::{parse_document, set_aside};
use super::store::Store;
use super::{INDEX_KEY, LEGACY_HISTORY_KEY, LEGACY_MATRIX_KEY, history_key, matrix_key};

/// No index yet: a first visit, or the single matrix of earlier builds to move in.
pub(super) fn migrate(store: &mut dyn Store, now: &str, problems: &mut Vec<String>) -> Index {
    let mut index = Index::default();
    let Ok(Some(raw)) = store.get(LEGACY_MATRIX_KEY) else {
        return index;
    };
    match parse_document(&raw) {
        Ok((matrix, _)) => {
            let id = index.fresh_id(store);
            index.current = id.clone();
            index.touch(&id, &matrix.title, now);
            let history = store.get(LEGACY_HISTORY_KEY).ok().flatten();
            let moved = store.set(&matrix_key(&id), &raw).is_ok()
                && history
                    .as_deref()
                    .is_none_or(|h| store.set(&history_key(&id), h).is_ok())
                && store.set(INDEX_KEY, &index.to_json()).is_ok();
            if moved {
                // Only now that the new records are written may the old ones go.
                let _ = store.remove(LEGACY_MATRIX_KEY);
                let _ = store.remove(LEGACY_HISTORY_KEY);
            } else {
                problems.push(
                    "Your saved matrix could not be moved into the library (this browser's \
                     storage is full). It is still kept where it was; export it to be safe."
                        .to_owned(),
                );
            }
        }
        Err(reason) => match set_aside(store, LEGACY_MATRIX_KEY, &raw) {
            Ok(aside) => {
                let _ = store.remove(LEGACY_MATRIX_KEY);
                problems.push(format!(
                    "The saved matrix could not be read ({reason}). Its data was kept aside, \
                     unchanged, in this browser's storage under \"{aside}\"."
                ));
            }
            Err(_) => problems.push(format!(
                "The saved matrix could not be read ({reason}); it was left where it was."
            )),
        },
    }
    index
}
