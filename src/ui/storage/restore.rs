//! Backing up and restoring the whole library from the page: "Export library" writes the file,
//! "Import library" reads one and waits for the user's answers where a matrix here changed after
//! the file's copy; the decisions are [`crate::library::backup`]'s.

use leptos::prelude::*;

use crate::library::{self, StoreError, backup};

use super::super::grid_state::GridState;
use super::super::state::Workshop;
use super::super::write_behind::BrowserStore;
use super::{Library, now};

/// A library backup being restored: the file, what each of its matrices would do, and the
/// answers given so far to the questions among them.
#[derive(Clone, Debug, PartialEq)]
pub struct Restoring {
    pub backup: backup::Backup,
    pub plans: Vec<backup::Plan>,
    pub choices: Vec<backup::Choice>,
}

impl Restoring {
    /// The next question: the file's matrix and the one here with its id.
    pub fn question(&self) -> Option<(&backup::BackedUp, &library::Entry)> {
        self.backup
            .matrices
            .iter()
            .zip(&self.plans)
            .filter_map(|(theirs, plan)| match plan {
                backup::Plan::Ask { mine } => Some((theirs, mine)),
                _ => None,
            })
            .nth(self.choices.len())
    }
}

impl Library {
    /// Every matrix of the library with its history, selection and record, as one JSON file.
    pub fn export_library(&self, workshop: Workshop) -> Result<String, String> {
        // The open matrix as it is on screen, not as it was at the last save.
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
            self.pending.set_value(None);
        }
        self.save_now(workshop);
        let exported = self
            .index
            .with_untracked(|index| backup::export(&BrowserStore::new(), index, &now()));
        exported
            .map(|b| b.to_json())
            .map_err(|e| format!("The library could not be read: {e}."))
    }

    /// Reads a backup file: restores it at once when nothing needs asking, else waits in
    /// [`Library::restoring`] for the answers.
    pub fn import_library(&self, workshop: Workshop, grid: GridState, text: &str) {
        let parsed = match backup::parse(text) {
            Ok(parsed) => parsed,
            Err(e) => {
                workshop.problem.set(Some(format!(
                    "That file could not be restored: {e}. Nothing was changed."
                )));
                return;
            }
        };
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
            self.pending.set_value(None);
        }
        self.save_now(workshop);
        let plans = self
            .index
            .with_untracked(|index| backup::plan(&parsed, &BrowserStore::new(), index));
        let restoring = Restoring {
            backup: parsed,
            plans,
            choices: Vec::new(),
        };
        if restoring.question().is_some() {
            self.restoring.set(Some(restoring));
        } else {
            self.finish_restore(workshop, grid, restoring);
        }
    }

    /// The user answered the question on screen (None: cancel the whole restore).
    pub fn answer(&self, workshop: Workshop, grid: GridState, choice: Option<backup::Choice>) {
        let Some(choice) = choice else {
            self.cancel_restore(workshop);
            return;
        };
        let Some(mut restoring) = self.restoring.get_untracked() else {
            return;
        };
        restoring.choices.push(choice);
        if restoring.question().is_some() {
            self.restoring.set(Some(restoring));
        } else {
            self.restoring.set(None);
            self.finish_restore(workshop, grid, restoring);
        }
    }

    /// Drops the restore under way, changing nothing. Apart from `answer` so that the dialog's
    /// Escape, which is in the main wasm, does not pull the restore's writing in with it.
    pub fn cancel_restore(&self, workshop: Workshop) {
        if self.restoring.with_untracked(Option::is_none) {
            return;
        }
        self.restoring.set(None);
        workshop
            .notice
            .set(Some("Restore cancelled: nothing was changed.".to_owned()));
    }

    fn finish_restore(&self, workshop: Workshop, grid: GridState, restoring: Restoring) {
        let mut result = Err(StoreError::Unavailable);
        self.index.update(|index| {
            result = backup::apply(
                &mut BrowserStore::new(),
                index,
                &restoring.backup,
                &restoring.plans,
                &restoring.choices,
            );
        });
        match result {
            Ok(restored) => {
                let current = self.current_id();
                if restored.written_over.contains(&current) {
                    // The open matrix was replaced by the file's: show the file's.
                    let mut opened = None;
                    self.index.update(|index| {
                        opened = library::open(&mut BrowserStore::new(), index, &current).ok();
                    });
                    if let Some(opened) = opened {
                        self.shown.set_value(String::new());
                        self.show(workshop, grid, opened);
                    }
                }
                workshop.notice.set(Some(restored.summary()));
            }
            Err(e) => workshop.problem.set(Some(format!(
                "The library could not be restored: {e}. What was restored before the problem \
                 stays; your matrices here are unchanged otherwise."
            ))),
        }
    }
}
