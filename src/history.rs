//! Undo and redo, built on the inverse edits that [`edit::apply`] returns.

use serde::{Deserialize, Serialize};

use crate::edit::{self, Edit, EditError};
use crate::model::Matrix;

/// How many steps are kept; older ones are forgotten first.
pub const DEFAULT_LIMIT: usize = 500;

/// The undo and redo stacks of one matrix. Saved with it, so that undo survives a reload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            limit: DEFAULT_LIMIT,
        }
    }
}

impl History {
    /// Applies `edit` as a new step; redo is no longer possible after it.
    pub fn apply(&mut self, matrix: &mut Matrix, edit: Edit) -> Result<(), EditError> {
        let inverse = edit::apply(matrix, edit)?;
        self.undo.push(inverse);
        if self.undo.len() > self.limit {
            let excess = self.undo.len() - self.limit;
            self.undo.drain(..excess);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step; returns the edit that was applied to do so, or None when there is
    /// nothing to undo.
    pub fn undo(&mut self, matrix: &mut Matrix) -> Option<Edit> {
        step(matrix, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone step; returns the edit that was applied, or None.
    pub fn redo(&mut self, matrix: &mut Matrix) -> Option<Edit> {
        step(matrix, &mut self.redo, &mut self.undo)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets every step (a different matrix was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// Pops from `from`, applies it, and pushes its inverse onto `to`. A step that no longer applies
/// (saved history that does not fit its matrix) is dropped rather than breaking undo for good.
fn step(matrix: &mut Matrix, from: &mut Vec<Edit>, to: &mut Vec<Edit>) -> Option<Edit> {
    while let Some(edit) = from.pop() {
        if let Ok(inverse) = edit::apply(matrix, edit.clone()) {
            to.push(inverse);
            return Some(edit);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Letter, Letters};

    fn sample() -> (Matrix, Edit, Edit) {
        let mut m = Matrix::new("T");
        let role = m.push_role("Ops");
        let activity = m.push_activity("Deploy", None);
        let toggle = |letter| Edit::ToggleLetter {
            activity,
            role,
            letter,
        };
        (m, toggle(Letter::A), toggle(Letter::R))
    }

    #[test]
    fn undo_and_redo_walk_the_steps_back_and_forth() {
        let (mut m, a, r) = sample();
        let original = m.clone();
        let mut h = History::default();
        h.apply(&mut m, a).unwrap();
        h.apply(&mut m, r).unwrap();
        let both = m.clone();
        assert_eq!(m.activities[0].cells[0].letters.len(), 2);
        assert!(h.undo(&mut m).is_some());
        assert_eq!(m.activities[0].cells[0].letters, Letters::only(Letter::A));
        assert!(h.undo(&mut m).is_some());
        assert_eq!(m, original);
        assert!(h.undo(&mut m).is_none(), "nothing left to undo");
        assert!(h.redo(&mut m).is_some());
        assert!(h.redo(&mut m).is_some());
        assert_eq!(m, both);
        assert!(!h.can_redo());
    }

    #[test]
    fn a_new_step_discards_redo_and_old_steps_fall_off() {
        let (mut m, a, r) = sample();
        let mut h = History {
            limit: 2,
            ..History::default()
        };
        h.apply(&mut m, a.clone()).unwrap();
        h.undo(&mut m);
        assert!(h.can_redo());
        h.apply(&mut m, r.clone()).unwrap();
        assert!(!h.can_redo());
        h.apply(&mut m, a.clone()).unwrap();
        h.apply(&mut m, r).unwrap();
        assert!(h.undo(&mut m).is_some());
        assert!(h.undo(&mut m).is_some());
        assert!(h.undo(&mut m).is_none(), "the limit keeps two steps");
    }

    #[test]
    fn a_refused_edit_records_nothing() {
        let (mut m, _, _) = sample();
        let mut h = History::default();
        let bad = Edit::DeleteRole {
            role: crate::model::RoleId(99),
        };
        assert!(h.apply(&mut m, bad).is_err());
        assert!(!h.can_undo());
    }

    #[test]
    fn history_survives_serialisation() {
        let (mut m, a, _) = sample();
        let mut h = History::default();
        h.apply(&mut m, a).unwrap();
        let json = serde_json::to_string(&h).unwrap();
        let mut back: History = serde_json::from_str(&json).unwrap();
        assert!(back.undo(&mut m).is_some());
        assert!(m.activities[0].cells[0].is_empty());
    }
}
