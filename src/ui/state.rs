//! The one state root of the app, provided through context.

use leptos::prelude::*;

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
    /// Every finding of the current matrix; the UI never re-implements a rule.
    pub findings: Memo<Vec<Finding>>,
    pub last_import: RwSignal<Option<ImportSummary>>,
    /// A problem to show the user in plain words (a failed import, storage trouble).
    pub problem: RwSignal<Option<String>>,
}

impl Workshop {
    /// The saved matrix if there is one, else the example.
    pub fn load() -> Workshop {
        let (matrix, settings, problem) = storage::load();
        let workshop = Workshop::new(matrix, settings);
        workshop.problem.set(problem);
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
            findings,
            last_import: RwSignal::new(None),
            problem: RwSignal::new(None),
        }
    }
}
