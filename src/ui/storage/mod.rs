//! Keeps the library of matrices in the browser (IndexedDB, written behind: see
//! [`super::write_behind`]) so that work survives a reload and a crash: a thin, fallible browser
//! layer over [`crate::library`], which makes every decision. Storage can be full, disabled or
//! hold something unreadable: each case is shown in plain words, the matrix in memory keeps
//! working, and nothing saved is overwritten before it has been read.

use leptos::prelude::*;
use serde_json::Value;

use crate::history::History;
use crate::library::{self, Deleted, Index, Opened, Store, StoreError};
use crate::model::Matrix;
use crate::rules::RuleSettings;

mod restore;

pub use restore::Restoring;

use super::grid_state::GridState;
use super::state::{Saved, Workshop};
use super::write_behind::{self, BrowserStore};
use crate::grid::Selection;

/// The time now, as ISO 8601.
pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// The saved matrices: which exist, which is open, and whether saving works. `App` provides it
/// through context; signals are `Copy`, so components take it by value.
#[derive(Clone, Copy)]
pub struct Library {
    pub index: RwSignal<Index>,
    /// Why the last save failed, until one succeeds again. Shown as "Not saved: ...".
    pub not_saved: RwSignal<Option<String>>,
    /// The last deleted matrix, for "Undo delete"; true when it was the open one.
    pub deleted: RwSignal<Option<(Deleted, bool)>>,
    read_only: StoredValue<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// The id the matrix signals hold: when it changes, a matrix was opened, not edited.
    shown: StoredValue<String>,
    /// The saved view of the matrix opened at start, until the grid exists to take it.
    first_view: StoredValue<Option<Value>>,
    /// Whether the browser agreed to keep the data even when space runs low (None: not asked
    /// yet, or the browser cannot say).
    pub persisted: RwSignal<Option<bool>>,
    /// What the site uses and may use in this browser, in bytes, once asked.
    pub usage: RwSignal<Option<(f64, f64)>>,
    /// A restore waiting for the user's answers (see [`super::library_backup`]).
    pub restoring: RwSignal<Option<Restoring>>,
}

impl Library {
    /// Reads the library (moving the single matrix of earlier builds into it on the first visit)
    /// and returns it with the matrix to open: the saved current one, another readable one, or
    /// the example.
    pub fn load() -> (Library, Saved) {
        let mut store = BrowserStore::new();
        let mut loaded = library::load(&mut store, &now());
        loaded.problems.splice(0..0, write_behind::start_problems());
        if let Some(warning) = loaded.opened.warning.take() {
            loaded.problems.push(warning.to_string());
        }
        in_step_once_shown(&mut loaded.opened);
        let problem = (!loaded.problems.is_empty()).then(|| loaded.problems.join(" "));
        let library = Library {
        index: RwSignal::new(loaded.index),
        not_saved: RwSignal::new(loaded.read_only.then(|| {
            "Not saved: this browser does not let RACI Workshop save here. Your work is still on \
             screen; export it to keep it."
                .to_owned()
        })),
        deleted: RwSignal::new(None),
        read_only: StoredValue::new(loaded.read_only),
        pending: StoredValue::new(None),
        shown: StoredValue::new(loaded.opened.id),
        first_view: StoredValue::new(loaded.opened.view),
        persisted: RwSignal::new(None),
        usage: RwSignal::new(None),
        restoring: RwSignal::new(None),
    };
        let saved = Saved {
            matrix: loaded.opened.matrix,
            settings: loaded.opened.settings,
            history: loaded.opened.history,
            problem,
        };
        (library, saved)
    }
}

/// A matrix opened without a baseline gets one when it is shown ([`Workshop::show_matrix`]), so
/// it is no longer what was saved: its next save writes it whole.
fn in_step_once_shown(opened: &mut Opened) {
    if opened.matrix.record.baseline.is_none() {
        opened.history.stop_log();
    }
}

/// Another tab of the app writes to the same storage: its new matrices appear in this tab's
/// library list, and a change to the matrix open here is pointed out, since the tab that saves
/// last wins. Tabs hear of each other's writes on a BroadcastChannel (IndexedDB), or through the
/// `storage` event where the library fell back to localStorage.
fn watch_other_tabs(workshop: Workshop, library: Library) {
    let heard = move |key: &str, value: Option<String>| {
        if key == library::INDEX_KEY {
            let theirs = value.and_then(|raw| {
                library
                    .index
                    .with_untracked(|ours| library::index_written_elsewhere(&raw, ours))
            });
            if let Some(theirs) = theirs {
                library.index.set(theirs);
            }
        } else if key == library::matrix_key(&library.current_id())
            || key == library::journal_key(&library.current_id())
        {
            workshop.problem.set(Some(
                "This matrix was just changed in another tab of RACI Workshop. This tab keeps \
                 its own version, and whichever tab saves last wins: close one of them to keep \
                 the changes in one place."
                    .to_owned(),
            ));
        }
    };
    if write_behind::writes_behind() {
        write_behind::on_heard(move |keys| {
            for (key, value) in keys {
                heard(&key, value);
            }
        });
        return;
    }
    let _listener = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            heard(&key, ev.new_value());
        }
    });
}

/// After each write behind: a refused one is shown until one succeeds; the first that succeeds
/// asks the browser to keep the data.
fn watch_writes(library: Library) {
    write_behind::on_written(move |written| {
        let ok = written.is_ok();
        library.report(written);
        if ok && library.persisted.get_untracked().is_none() {
            // Asked once per visit; the answer is shown in the Library.
            library.persisted.set(Some(false));
            leptos::task::spawn_local(async move {
                let kept = write_behind::persist().await;
                library.persisted.set(kept.or(Some(false)));
            });
        }
    });
}

/// How long typing may pause before the work is written to storage.
const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// Saves the open matrix, its settings and its history shortly after they change (debounced, so a
/// burst of keystrokes costs one write), and at once when the page is hidden or closed. Saves the
/// grid selection too, and brings back the one saved with the matrix opened at start.
pub fn save_on_change(workshop: Workshop, grid: GridState, library: Library) {
    watch_other_tabs(workshop, library);
    watch_writes(library);
    let first = library.first_view.get_value();
    let restored = workshop
        .matrix
        .with_untracked(|m| Selection::from_view(first.as_ref(), m));
    grid.selection.set(restored);
    if let Some(selection) = restored {
        // Once the grid has drawn the cell, give it the keyboard back.
        request_animation_frame(move || grid.bring_into_view(selection.focus));
    }

    Effect::new(move |first: Option<()>| {
        workshop.matrix.track();
        workshop.settings.track();
        workshop.history.track();
        if first.is_none() {
            // The first run is the load itself: nothing changed yet.
            return;
        }
        let id = library.current_id();
        if library.shown.with_value(|shown| *shown != id) {
            // Another matrix was opened: it is saved already, and unchanged.
            library.shown.set_value(id);
            return;
        }
        if let Some(handle) = library.pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                library.pending.set_value(None);
                library.save_now(workshop);
            },
            SAVE_DELAY,
        )
        .ok();
        library.pending.set_value(handle);
    });

    // The selection is small and cheap to write; losing it is no loss worth a warning.
    Effect::new(move |first: Option<()>| {
        let selection = grid.selection.get();
        if first.is_none() || library.read_only.get_value() {
            return;
        }
        let mut store = BrowserStore::new();
        let _ = store.set(
            &library::view_key(&library.current_id()),
            &Selection::view_json(selection),
        );
    });

    std::mem::forget(window_event_listener(leptos::ev::pagehide, move |_| {
        library.flush(workshop);
        write_behind::rescue_on_leave();
    }));
    std::mem::forget(window_event_listener(
        leptos::ev::visibilitychange,
        move |_| {
            library.flush(workshop);
            if page_hidden() {
                // Not at once: a page being closed or reloaded is hidden too, and a whole
                // matrix written while it unloads may never reach the disk. A page that stays
                // hidden runs the timer; one that unloads never does, and keeps its journal.
                set_timeout(
                    move || {
                        if page_hidden() {
                            library.compact_now(workshop);
                        }
                    },
                    COMPACT_DELAY,
                );
            }
        },
    ));
}

/// How long the page must stay hidden before the open matrix is written whole.
const COMPACT_DELAY: std::time::Duration = std::time::Duration::from_millis(1000);

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

impl Library {
    /// The id of the open matrix.
    pub fn current_id(&self) -> String {
        self.index.with_untracked(|i| i.current.clone())
    }

    /// Saves what changed in the open matrix (its journal, or the matrix whole when that is
    /// needed: see [`library::save_changes`]); a failure is shown until a later save succeeds,
    /// never lost silently.
    fn save_now(&self, workshop: Workshop) {
        if self.read_only.get_value() {
            return;
        }
        let start = super::dom::now_ms();
        let id = self.current_id();
        let mut store = BrowserStore::new();
        let mut result = Ok(None);
        self.index.update(|index| {
            workshop.matrix.with_untracked(|m| {
                workshop.settings.with_untracked(|s| {
                    workshop.history.update_untracked(|h| {
                        result = library::save_changes(&mut store, index, &id, m, s, h, &now());
                    })
                })
            })
        });
        super::dom::measure_since("raci-workshop:save", start);
        self.settle(workshop, result);
    }

    /// Writes the open matrix whole when its journal holds changes, so that the journal starts
    /// again: when the matrix is left, or the page stays hidden (the time it takes is not felt).
    fn compact_now(&self, workshop: Workshop) {
        let id = self.current_id();
        let listed = self.index.with_untracked(|i| i.entry(&id).is_some());
        if self.read_only.get_value() || !listed {
            return;
        }
        let start = super::dom::now_ms();
        let mut result = Ok(None);
        workshop.matrix.with_untracked(|m| {
            workshop.settings.with_untracked(|s| {
                workshop.history.update_untracked(|h| {
                    result = library::compact(&mut BrowserStore::new(), &id, m, s, h);
                })
            })
        });
        super::dom::measure_since("raci-workshop:compact", start);
        self.settle(workshop, result);
        write_behind::flush();
    }

    /// After a save: keeps the shorter history when the full one did not fit, and shows a
    /// failure (when writing behind, whether it is saved is known once it is written).
    fn settle(&self, workshop: Workshop, result: Result<Option<History>, StoreError>) {
        if let Ok(Some(shorter)) = &result {
            let forgotten = workshop.history.with_untracked(|h| h.steps()) - shorter.steps();
            workshop.history.set(shorter.clone());
            let steps = if forgotten == 1 {
                "oldest undo step was".to_owned()
            } else {
                format!("{forgotten} oldest undo steps were")
            };
            workshop.problem.set(Some(format!(
                "This browser's storage is nearly full: the {steps} forgotten so that the matrix \
                 itself stays saved. Export what you want to keep, or delete matrices you no \
                 longer need from the library."
            )));
        }
        match result {
            Ok(_) if write_behind::writes_behind() => {}
            other => self.report(other.map(|_| ())),
        }
    }

    fn report(&self, result: Result<(), StoreError>) {
        match result {
            Ok(()) => {
                if self.not_saved.get_untracked().is_some() {
                    self.not_saved.set(None);
                }
            }
            Err(e) => self.not_saved.set(Some(format!(
                "Not saved: {e}. Your work is still on screen and can be exported; it will be \
                 saved as soon as there is room."
            ))),
        }
    }

    /// Writes a pending save now. True when the open matrix is safely stored.
    pub fn flush(&self, workshop: Workshop) -> bool {
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
            self.pending.set_value(None);
            self.save_now(workshop);
        }
        write_behind::flush();
        self.not_saved.get_untracked().is_none()
    }

    /// Saves the open matrix before it leaves the screen; when that fails, says so and returns
    /// false, so the caller keeps it open rather than lose it.
    fn let_go(&self, workshop: Workshop) -> bool {
        if self.flush(workshop) {
            // Left whole, so that opening it again replays nothing.
            self.compact_now(workshop);
            return true;
        }
        self.not_saved.set(Some(
            "Not saved: the open matrix could not be saved, so it stays open. Export it first, \
             or make room in this browser's storage."
                .to_owned(),
        ));
        false
    }

    /// Puts `opened` on screen: matrix, settings, its own history (so Undo never applies one
    /// matrix's steps to another) and its saved selection.
    fn show(&self, workshop: Workshop, grid: GridState, mut opened: Opened) {
        in_step_once_shown(&mut opened);
        let selection = Selection::from_view(opened.view.as_ref(), &opened.matrix);
        let read_only = self.read_only.get_value();
        self.index.update(|i| {
            i.current = opened.id.clone();
            if !read_only {
                let _ = library::save_index(&mut BrowserStore::new(), i);
            }
        });
        workshop.show_matrix(opened.matrix);
        workshop.settings.set(opened.settings);
        workshop.history.set(opened.history);
        workshop.last_import.set(None);
        // Group ids belong to one matrix: another matrix starts with every group open.
        grid.collapsed.set(Default::default());
        grid.selection.set(selection);
    }

    /// Opens saved matrix `id`.
    pub fn open(&self, workshop: Workshop, grid: GridState, id: &str) {
        if id == self.current_id() || !self.let_go(workshop) {
            return;
        }
        let mut result = None;
        self.index
            .update(|index| result = Some(library::open(&mut BrowserStore::new(), index, id)));
        match result {
            Some(Ok(mut opened)) => {
                let warning = opened.warning.take();
                self.show(workshop, grid, opened);
                if let Some(warning) = warning {
                    workshop.problem.set(Some(warning.to_string()));
                }
            }
            Some(Err(problem)) => workshop.problem.set(Some(problem.to_string())),
            None => {}
        }
    }

    /// Adds `matrix` to the library and opens it.
    pub fn create(
        &self,
        workshop: Workshop,
        grid: GridState,
        mut matrix: Matrix,
        settings: RuleSettings,
    ) {
        if !self.let_go(workshop) {
            return;
        }
        // Saved with its baseline: a new matrix starts its review from where it is.
        matrix = workshop.with_baseline(matrix);
        matrix.title = self
            .index
            .with_untracked(|i| library::unique_title(&matrix.title, i));
        let mut id = String::new();
        let mut saved = Err(StoreError::Unavailable);
        self.index.update(|index| {
            (id, saved) = if self.read_only.get_value() {
                let id = index.fresh_id(&BrowserStore::new());
                index.touch(&id, &matrix.title, &now());
                (id, Err(StoreError::Unavailable))
            } else {
                library::create(&mut BrowserStore::new(), index, &matrix, &settings, &now())
            };
        });
        // The history knows what was saved, so the next save appends to the journal.
        let (history, saved) = match saved {
            Ok(history) => (history, Ok(())),
            Err(e) => (History::default(), Err(e)),
        };
        self.show(
            workshop,
            grid,
            Opened {
                id,
                matrix,
                settings,
                history,
                view: None,
                warning: None,
            },
        );
        self.report(saved);
    }

    /// Copies matrix `id` under a new title and opens the copy.
    pub fn duplicate(&self, workshop: Workshop, grid: GridState, id: &str) {
        let read = if id == self.current_id() {
            Ok((
                workshop.matrix.get_untracked(),
                workshop.settings.get_untracked(),
            ))
        } else {
            library::read_document(&BrowserStore::new(), id)
        };
        match read {
            Ok((mut matrix, settings)) => {
                matrix.title = self
                    .index
                    .with_untracked(|i| library::copy_title(&matrix.title, i));
                self.create(workshop, grid, matrix, settings);
            }
            Err(reason) => workshop
                .problem
                .set(Some(format!("That matrix could not be copied: {reason}."))),
        }
    }

    /// Gives matrix `id` a new title: the open one by an undoable edit, others in storage.
    pub fn rename(&self, workshop: Workshop, id: &str, title: &str) {
        let title = title.trim();
        if title.is_empty() {
            return;
        }
        if id == self.current_id() {
            workshop.apply_or_explain(crate::edit::Edit::SetTitle {
                title: title.to_owned(),
            });
            // The list shows the new title at once; the save that follows records it too.
            self.index.update(|i| {
                if let Some(entry) = i.matrices.iter_mut().find(|e| e.id == id) {
                    entry.title = title.to_owned();
                }
            });
            return;
        }
        let mut result = Ok(());
        self.index
            .update(|index| result = library::rename(&mut BrowserStore::new(), index, id, title));
        if let Err(reason) = result {
            workshop
                .problem
                .set(Some(format!("That matrix could not be renamed: {reason}.")));
        }
    }

    /// Deletes matrix `id`, keeping it for "Undo delete". Deleting the open matrix opens another
    /// one, or a new blank matrix when none is left.
    pub fn delete(&self, workshop: Workshop, grid: GridState, id: &str) {
        let was_current = id == self.current_id();
        if was_current && !self.let_go(workshop) {
            return;
        }
        let mut result = Err(StoreError::Unavailable);
        self.index
            .update(|index| result = library::delete(&mut BrowserStore::new(), index, id));
        let deleted = match result {
            Ok(deleted) => deleted,
            Err(e) => {
                workshop.problem.set(Some(format!(
                    "That matrix could not be deleted: {e}. Nothing was changed."
                )));
                return;
            }
        };
        self.deleted.set(Some((deleted, was_current)));
        if was_current {
            self.open_another(workshop, grid);
        }
    }

    /// After the open matrix went away: the first readable one left, else a blank one.
    fn open_another(&self, workshop: Workshop, grid: GridState) {
        while let Some(next) = self
            .index
            .with_untracked(|i| i.matrices.first().map(|e| e.id.clone()))
        {
            let mut result = None;
            self.index.update(|index| {
                result = Some(library::open(&mut BrowserStore::new(), index, &next));
            });
            match result {
                None => break,
                Some(Ok(mut opened)) => {
                    if let Some(warning) = opened.warning.take() {
                        workshop.problem.set(Some(warning.to_string()));
                    }
                    return self.show(workshop, grid, opened);
                }
                Some(Err(problem)) => {
                    workshop.problem.set(Some(problem.to_string()));
                    // open() takes an unreadable entry off the list only when it could be set
                    // aside; stop rather than try it forever.
                    if self.index.with_untracked(|i| i.entry(&next).is_some()) {
                        break;
                    }
                }
            }
        }
        // Nothing is open any more: a blank matrix takes its place (no unsaved work to guard).
        self.index.update(|i| i.current.clear());
        self.not_saved.set(None);
        self.create(
            workshop,
            grid,
            library::blank_matrix("Untitled matrix"),
            RuleSettings::default(),
        );
    }

    /// Brings back the last deleted matrix, and opens it again if it was open.
    pub fn undo_delete(&self, workshop: Workshop, grid: GridState) {
        let Some((deleted, was_current)) = self.deleted.get_untracked() else {
            return;
        };
        let mut result = Ok(());
        self.index
            .update(|index| result = library::restore(&mut BrowserStore::new(), index, &deleted));
        if let Err(e) = result {
            workshop.problem.set(Some(format!(
                "\"{}\" could not be brought back: {e}.",
                deleted.entry.title
            )));
            return;
        }
        self.deleted.set(None);
        if was_current {
            self.open(workshop, grid, &deleted.entry.id);
        }
    }
}

impl Library {
    /// Asks the browser what the site uses and may use, and whether it keeps the data.
    pub fn refresh_usage(&self) {
        let library = *self;
        leptos::task::spawn_local(async move {
            if let Some(usage) = write_behind::estimate().await {
                library.usage.set(Some(usage));
            }
            if library.persisted.get_untracked() != Some(true)
                && let Some(kept) = write_behind::persisted().await
                && (kept || library.persisted.get_untracked().is_none())
            {
                library.persisted.set(Some(kept));
            }
        });
    }
}
