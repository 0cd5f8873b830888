//! The review's view state: whether the grid marks changes, the file compared with, the draft of
//! the attendees list, and the changes since the baseline (computed only while something shows
//! them). The record itself lives in the matrix (`Workshop::matrix`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::edit::Parts;
use crate::model::Matrix;
use crate::model::{Action, Decision, ReviewEntry, Stewardship};
use crate::review::{self, Change, Comparison};

use super::state::Workshop;

/// A tab of the review that another part of the page asks the side pane to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewTab {
    Actions,
    Review,
}

/// A file loaded with "Compare with file": never applied as a whole.
#[derive(Clone, Debug)]
pub struct Compared {
    pub file_name: String,
    pub matrix: Arc<Matrix>,
}

#[derive(Clone, Copy)]
pub struct ReviewState {
    /// The grid marks changed cells, rows and columns ("Show changes").
    pub show_changes: RwSignal<bool>,
    /// The file the matrix is compared with, if any.
    pub compared: RwSignal<Option<Compared>>,
    /// Who takes part in the review in progress, as typed for the minutes.
    pub attendees: RwSignal<String>,
    /// The changes since the baseline; read only while shown, so it costs nothing otherwise.
    pub changes: Memo<Arc<Vec<Change>>>,
    /// The differences from the compared file, while one is loaded.
    pub comparison: Memo<Option<Arc<Comparison>>>,
    /// Asks for the decision field (Alt+N in the grid): the side pane shows the Review tab and
    /// the field takes the focus, then sets it back to false.
    pub write_decision: RwSignal<bool>,
    /// A review tab to bring up (a finding about the matrix as a whole leads there).
    pub show_tab: RwSignal<Option<ReviewTab>>,
    /// The parts of the record the panels list; each changes only when that part does, so an
    /// edit of a cell re-renders none of them.
    pub actions: Memo<Arc<Vec<Action>>>,
    pub decisions: Memo<Arc<Vec<Decision>>>,
    pub reviews: Memo<Arc<Vec<ReviewEntry>>>,
    pub stewardship: Memo<Stewardship>,
}

impl ReviewState {
    pub fn new(workshop: Workshop) -> ReviewState {
        let compared: RwSignal<Option<Compared>> = RwSignal::new(None);
        // Memos compare with the last value, so what reads them re-runs only on a real change.
        let changes = Memo::new(move |_| {
            Arc::new(workshop.matrix.with(|m| match &m.record.baseline {
                Some(b) => review::diff(&b.matrix, m),
                None => Vec::new(),
            }))
        });
        let comparison = Memo::new(move |_| {
            let other = compared.with(|c| c.as_ref().map(|c| Arc::clone(&c.matrix)))?;
            Some(Arc::new(
                workshop.matrix.with(|m| review::compare(m, &other)),
            ))
        });
        ReviewState {
            show_changes: RwSignal::new(false),
            compared,
            attendees: RwSignal::new(String::new()),
            changes,
            comparison,
            write_decision: RwSignal::new(false),
            show_tab: RwSignal::new(None),
            actions: Memo::new(move |_| {
                Arc::new(workshop.read(Parts::RECORD, |m| m.record.actions.clone()))
            }),
            decisions: Memo::new(move |_| {
                Arc::new(workshop.read(Parts::RECORD, |m| m.record.decisions.clone()))
            }),
            reviews: Memo::new(move |_| {
                Arc::new(workshop.read(Parts::RECORD, |m| m.record.reviews.clone()))
            }),
            stewardship: Memo::new(move |_| {
                workshop.read(Parts::RECORD, |m| m.record.stewardship.clone())
            }),
        }
    }
}
