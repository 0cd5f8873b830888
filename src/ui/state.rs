//! The one state root of the app, provided through context. Every change to the matrix goes
//! through [`Workshop::apply`], so undo, redo and saving hang off one place.

use leptos::prelude::*;

use crate::edit::{Edit, EditError};
use crate::history::History;
use crate::import::ImportReport;
use crate::model::Matrix;
use crate::rules::{self, Finding, RuleSettings};

use super::storage;

/// What the last import did, for the status line under the toolbar.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    pub file_name: String,
    pub report: ImportReport,
}

/// The state of the workshop. Signals are `Copy`, so components take what they need.
#[derive(Clone, Copy)]
pub struct Workshop {
    pub matrix: RwSignal<Matrix>,
    pub settings: RwSignal<RuleSettings>,
    pub history: RwSignal<History>,
    /// Every finding of the current matrix; the UI never re-implements a rule.
    pub findings: Memo<Vec<Finding>>,
    pub last_import: RwSignal<Option<ImportSummary>>,
    /// A problem to show the user in plain words (a failed import, storage trouble).
    pub problem: RwSignal<Option<String>>,
}

impl Workshop {
    /// The saved matrix if there is one, else the example.
    pub fn load() -> Workshop {
        let saved = storage::load();
        let workshop = Workshop::new(saved.matrix, saved.settings);
        workshop.history.set(saved.history);
        workshop.problem.set(saved.problem);
        workshop
    }

    /// A workshop on `matrix`, with nothing saved or loaded.
    pub fn new(matrix: Matrix, settings: RuleSettings) -> Workshop {
        let matrix = RwSignal::new(matrix);
        let settings = RwSignal::new(settings);
        let findings = Memo::new(move |_| matrix.with(|m| settings.with(|s| rules::check(m, s))));
        Workshop {
            matrix,
            settings,
            history: RwSignal::new(History::default()),
            findings,
            last_import: RwSignal::new(None),
            problem: RwSignal::new(None),
        }
    }

    /// Applies `edit` as one undoable step.
    pub fn apply(&self, edit: Edit) -> Result<(), EditError> {
        let mut result = Ok(());
        self.matrix.update(|m| {
            self.history.update(|h| result = h.apply(m, edit));
        });
        result
    }

    /// Applies `edit`, showing a refusal to the user instead of returning it.
    pub fn apply_or_explain(&self, edit: Edit) {
        if let Err(error) = self.apply(edit) {
            self.problem.set(Some(error.to_string()));
        }
    }

    /// Undoes the last step; returns the edit applied to do so.
    pub fn undo(&self) -> Option<Edit> {
        let mut done = None;
        self.matrix
            .update(|m| self.history.update(|h| done = h.undo(m)));
        done
    }

    /// Redoes the last undone step; returns the edit applied.
    pub fn redo(&self) -> Option<Edit> {
        let mut done = None;
        self.matrix
            .update(|m| self.history.update(|h| done = h.redo(m)));
        done
    }

    /// Replaces the whole matrix (an import) as one undoable step; settings the file carried
    /// replace the current ones.
    pub fn replace_matrix(&self, matrix: Matrix, settings: Option<RuleSettings>) {
        let _ = self.apply(Edit::ReplaceMatrix {
            matrix: Box::new(matrix),
        });
        if let Some(settings) = settings {
            self.settings.set(settings);
        }
    }
}
