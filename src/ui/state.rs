//! The one state root of the app, provided through context. Every change to the matrix goes
//! through [`Workshop::apply`], so undo, redo and saving hang off one place.

use leptos::prelude::*;

use crate::edit::{Edit, EditError, Parts, ReviewEdit};
use crate::history::{History, Step};
use crate::import::ImportReport;
use crate::model::Date;
use crate::model::Matrix;
use crate::review::{self};
use crate::rules::{Change, Checker, Findings, RuleSettings};

use super::download::today_date;

/// What the last import did, for the status line under the toolbar.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    pub file_name: String,
    pub report: ImportReport,
    /// When it was imported ("14:05"), a fact that stays true whatever is edited later.
    pub at: String,
    /// The history's undo depth right after the import: below it, the import was undone and the
    /// summary no longer applies.
    pub depth: usize,
}

/// What a visit starts from: what storage holds, read before anything is on screen.
pub struct Saved {
    pub matrix: Matrix,
    pub settings: RuleSettings,
    pub history: History,
    /// Something to tell the user (storage disabled, saved data unreadable).
    pub problem: Option<String>,
}

/// The state of the workshop. Signals are `Copy`, so components take what they need.
#[derive(Clone, Copy)]
pub struct Workshop {
    /// The matrix. Reading it tracks every change; a view that shows only some of its parts
    /// reads it through [`Workshop::read`] instead.
    pub matrix: RwSignal<Matrix>,
    /// One trigger per part of the matrix (in the order of `Parts::EACH`), notified with the
    /// matrix by the edits that change that part.
    parts: [Trigger; 8],
    /// Another matrix is shown: opened, imported, or an import undone or redone. Notified before
    /// the matrix, so that what follows it (the grid going back to its top) runs while the page
    /// still holds the old rows, already laid out, and forces no layout of the new ones.
    pub replaced: Trigger,
    pub settings: RwSignal<RuleSettings>,
    pub history: RwSignal<History>,
    /// Every finding of the current matrix; the UI never re-implements a rule. A snapshot that
    /// shares what an edit did not change with the one before, and knows its counts and what
    /// changed: keeping the previous findings (to say what changed) costs no copy.
    pub findings: Memo<Findings>,
    /// What the edits changed since the findings were last brought up to date: the checker
    /// behind `findings` re-checks only that. None when nothing was noted: a change made some
    /// other way (a settings change, a new day, a matrix written directly) is checked in full.
    changed: StoredValue<Option<Change>>,
    pub last_import: RwSignal<Option<ImportSummary>>,
    /// A problem to show the user in plain words (a failed import, storage trouble).
    pub problem: RwSignal<Option<String>>,
    /// A word to the user about what an edit did beyond the grid (what the review record kept
    /// of a deleted activity), shown politely until the next one.
    pub notice: RwSignal<Option<String>>,
    /// Today, for the rules that look at dates (overdue actions, the review cadence) and for
    /// what the review record writes down.
    pub today: RwSignal<Date>,
    /// Long work under way that is not an import ("Writing the workbook ..."), for the progress
    /// line.
    pub busy: RwSignal<Option<String>>,
}

impl Workshop {
    /// A workshop on what was saved (the saved matrix if there is one, else the example).
    pub fn resume(saved: Saved) -> Workshop {
        let today = today_date();
        let workshop = Workshop::new(review::with_baseline(saved.matrix, today), saved.settings);
        workshop.today.set(today);
        workshop.history.set(saved.history);
        workshop.problem.set(saved.problem);
        workshop
    }

    /// A workshop on `matrix`, with nothing saved or loaded.
    pub fn new(matrix: Matrix, settings: RuleSettings) -> Workshop {
        let matrix = RwSignal::new(matrix);
        let settings = RwSignal::new(settings);
        let today = RwSignal::new(today_date());
        let changed = StoredValue::new(None::<Change>);
        let checker = StoredValue::new(None::<Checker>);
        let findings = Memo::new(move |_| {
            let today = today.get();
            let change = changed
                .try_update_value(Option::take)
                .flatten()
                .unwrap_or_else(Change::everything);
            let found = matrix.with(|m| {
                settings.with(|s| {
                    checker.try_update_value(|c| match c {
                        Some(c) => {
                            c.update(m, s, &change);
                            c.findings_on(m, today)
                        }
                        None => c.insert(Checker::new(m, s)).findings_on(m, today),
                    })
                })
            });
            found.unwrap_or_default()
        });
        Workshop {
            matrix,
            parts: std::array::from_fn(|_| Trigger::new()),
            replaced: Trigger::new(),
            settings,
            history: RwSignal::new(History::default()),
            findings,
            changed,
            last_import: RwSignal::new(None),
            problem: RwSignal::new(None),
            notice: RwSignal::new(None),
            today,
            busy: RwSignal::new(None),
        }
    }

    /// Reads the matrix, following only changes to `parts` of it: a letter typed in a cell
    /// does not wake what shows the title or the review record.
    pub fn read<T>(&self, parts: Parts, read: impl FnOnce(&Matrix) -> T) -> T {
        self.triggers(parts).for_each(|t| t.track());
        self.matrix.with_untracked(read)
    }

    /// Tells those who read `parts` of the matrix that they changed.
    fn parts_changed(&self, parts: Parts) {
        self.triggers(parts).for_each(|t| t.notify());
    }

    /// The triggers of `parts`.
    fn triggers(&self, parts: Parts) -> impl Iterator<Item = &Trigger> {
        Parts::EACH
            .iter()
            .zip(&self.parts)
            .filter(move |(part, _)| parts.meets(**part))
            .map(|(_, trigger)| trigger)
    }

    /// `matrix` with a baseline of itself taken today, unless it has one: every matrix that is
    /// imported, created or opened starts its review from where it is.
    pub fn with_baseline(&self, matrix: Matrix) -> Matrix {
        review::with_baseline(matrix, self.today.get_untracked())
    }

    /// Applies a change to the review record as one undoable step.
    pub fn apply_review(&self, edit: ReviewEdit) -> Result<(), EditError> {
        self.apply(Edit::Review(Box::new(edit)))
    }

    /// Applies `edit` as one undoable step.
    pub fn apply(&self, edit: Edit) -> Result<(), EditError> {
        // Deleting what decisions or actions name keeps them; the user is told so.
        let kept = self
            .matrix
            .with_untracked(|m| review::kept_on_delete(m, &edit));
        if kept.is_some() {
            self.notice.set(kept);
        }
        self.note_change(&edit);
        let parts = Parts::of(&edit);
        let mut result = Ok(());
        self.matrix.update(|m| {
            self.history.update(|h| result = h.apply(m, edit));
        });
        if result.is_ok() {
            self.parts_changed(parts);
        }
        result
    }

    /// Applies `edit`, showing a refusal to the user instead of returning it.
    pub fn apply_or_explain(&self, edit: Edit) {
        if let Err(error) = self.apply(edit) {
            self.problem.set(Some(error.to_string()));
        }
    }

    /// Undoes the last step; returns what was applied to do so.
    pub fn undo(&self) -> Option<Step> {
        self.step(|h, m, s| h.undo(m, s))
    }

    /// Redoes the last undone step; returns what was applied.
    pub fn redo(&self) -> Option<Step> {
        self.step(|h, m, s| h.redo(m, s))
    }

    /// Runs an undo or redo, touching only the signals the step changes.
    fn step(
        &self,
        walk: impl FnOnce(&mut History, &mut Matrix, &mut RuleSettings) -> Option<Step>,
    ) -> Option<Step> {
        let mut done = None;
        let mut matrix = self.matrix.write_untracked();
        let mut settings = self.settings.write_untracked();
        self.history
            .update(|h| done = walk(h, &mut matrix, &mut settings));
        drop((matrix, settings));
        if let Some(step) = &done {
            if let Some(edit) = &step.edit {
                self.note_change(edit);
                if matches!(edit, Edit::ReplaceMatrix { .. }) {
                    self.replaced.notify();
                }
                self.matrix.notify();
                self.parts_changed(Parts::of(edit));
            }
            if step.settings.is_some() {
                self.settings.notify();
            }
        }
        done
    }

    /// Changes the rule settings as one undoable step; changes from the same `source` in a row
    /// (keystrokes in one number field) are one step.
    pub fn change_settings(&self, source: &'static str, change: impl FnOnce(&mut RuleSettings)) {
        let mut new = self.settings.get_untracked();
        change(&mut new);
        if self.settings.with_untracked(|s| *s == new) {
            return;
        }
        self.settings
            .update(|s| self.history.update(|h| h.change_settings(s, new, source)));
    }

    /// Replaces the whole matrix (an import) as one undoable step; settings the file carried
    /// replace the current ones in the same step.
    pub fn replace_matrix(&self, matrix: Matrix, settings: Option<RuleSettings>) {
        let edit = Edit::ReplaceMatrix {
            matrix: Box::new(self.with_baseline(matrix)),
        };
        self.note_change(&edit);
        self.replaced.notify();
        match settings {
            None => {
                let _ = self.apply(edit);
            }
            Some(new) => {
                self.matrix.update(|m| {
                    self.settings.update(|s| {
                        self.history.update(|h| {
                            let _ = h.apply_with_settings(m, s, edit, new);
                        })
                    })
                });
                self.parts_changed(Parts::ALL);
            }
        }
    }

    /// Shows another matrix (one opened from the library) without an undoable step.
    pub fn show_matrix(&self, matrix: Matrix) {
        self.changed.set_value(None);
        self.replaced.notify();
        self.matrix.set(self.with_baseline(matrix));
        self.parts_changed(Parts::ALL);
    }

    /// Notes what `edit` changes, for the checker behind `findings`.
    fn note_change(&self, edit: &Edit) {
        self.changed
            .update_value(|c| c.get_or_insert_default().add(edit));
    }
}
