//! Changes to the review record, as edits: each returns the edit that undoes it, like every other
//! change to a matrix (`apply` in the parent module hands `Edit::Review` here).

use serde::{Deserialize, Serialize};

use super::EditError;
use crate::model::{Action, Baseline, Date, Decision, Matrix, RecordId, ReviewEntry, Stewardship};

/// One change to the review record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewEdit {
    /// "Start review": the matrix as it is now becomes the baseline, taken on `taken`.
    StartReview {
        taken: Date,
    },
    /// Puts back a baseline (the inverse of starting a review).
    SetBaseline {
        baseline: Option<Box<Baseline>>,
    },
    /// Adds a decision; its id must be the record's next (see `Record::peek_id`) or unused.
    AddDecision {
        index: usize,
        decision: Decision,
    },
    /// Replaces the decision with the same id.
    SetDecision {
        decision: Decision,
    },
    DeleteDecision {
        id: RecordId,
    },
    AddAction {
        index: usize,
        action: Action,
    },
    /// Replaces the action with the same id (a new title, owner, due date, done or open again).
    SetAction {
        action: Action,
    },
    DeleteAction {
        id: RecordId,
    },
    /// Replaces the escalation owners, matrix owner and cadence.
    SetStewardship {
        stewardship: Stewardship,
    },
    /// Records a completed review: the entry is added, its date becomes the last review, and the
    /// matrix as it is now becomes the baseline of the next one.
    CompleteReview {
        entry: Box<ReviewEntry>,
    },
    /// Takes back the last completed review, restoring what it replaced.
    ReopenReview {
        baseline: Option<Box<Baseline>>,
        last_review: Option<Date>,
    },
}

/// Applies `edit` to `matrix`'s record and returns the edit that undoes it; on error nothing
/// changes.
pub fn apply(matrix: &mut Matrix, edit: ReviewEdit) -> Result<ReviewEdit, EditError> {
    use ReviewEdit::*;
    Ok(match edit {
        StartReview { taken } => {
            let baseline = Baseline {
                taken,
                matrix: Box::new(matrix.snapshot()),
            };
            let old = matrix.record.baseline.replace(baseline);
            SetBaseline {
                baseline: old.map(Box::new),
            }
        }
        SetBaseline { baseline } => {
            let old = std::mem::replace(&mut matrix.record.baseline, baseline.map(|b| *b));
            SetBaseline {
                baseline: old.map(Box::new),
            }
        }
        AddDecision { index, decision } => {
            let record = &mut matrix.record;
            claim(record.decisions.iter().map(|d| d.id), decision.id)?;
            let decision = checked_decision(decision)?;
            let id = decision.id;
            record.next_id = record.peek_id().max(id + 1);
            let index = index.min(record.decisions.len());
            record.decisions.insert(index, decision);
            DeleteDecision { id }
        }
        SetDecision { decision } => {
            let decision = checked_decision(decision)?;
            let slot = find(&mut matrix.record.decisions, |d| d.id == decision.id)?;
            SetDecision {
                decision: std::mem::replace(slot, decision),
            }
        }
        DeleteDecision { id } => {
            let decisions = &mut matrix.record.decisions;
            let index = position(decisions, |d| d.id == id)?;
            AddDecision {
                index,
                decision: decisions.remove(index),
            }
        }
        AddAction { index, action } => {
            let record = &mut matrix.record;
            claim(record.actions.iter().map(|a| a.id), action.id)?;
            let action = checked_action(action)?;
            let id = action.id;
            record.next_id = record.peek_id().max(id + 1);
            let index = index.min(record.actions.len());
            record.actions.insert(index, action);
            DeleteAction { id }
        }
        SetAction { action } => {
            let action = checked_action(action)?;
            let slot = find(&mut matrix.record.actions, |a| a.id == action.id)?;
            SetAction {
                action: std::mem::replace(slot, action),
            }
        }
        DeleteAction { id } => {
            let actions = &mut matrix.record.actions;
            let index = position(actions, |a| a.id == id)?;
            AddAction {
                index,
                action: actions.remove(index),
            }
        }
        SetStewardship { stewardship } => {
            let mut stewardship = stewardship;
            stewardship.escalation_owner = stewardship.escalation_owner.trim().to_owned();
            stewardship.matrix_owner = stewardship.matrix_owner.trim().to_owned();
            stewardship.group_escalation.retain(|_, name| {
                *name = name.trim().to_owned();
                !name.is_empty()
            });
            if stewardship.review_every_days == 0 {
                return Err(EditError::InvalidValue(
                    "A review cadence must be at least one day.".to_owned(),
                ));
            }
            SetStewardship {
                stewardship: std::mem::replace(&mut matrix.record.stewardship, stewardship),
            }
        }
        CompleteReview { entry } => {
            let record = &mut matrix.record;
            claim(record.reviews.iter().map(|r| r.id), entry.id)?;
            record.next_id = record.peek_id().max(entry.id + 1);
            let date = entry.date;
            record.reviews.push(*entry);
            let last_review = record.stewardship.last_review.replace(date);
            let snapshot = matrix.snapshot();
            let baseline = matrix.record.baseline.replace(Baseline {
                taken: date,
                matrix: Box::new(snapshot),
            });
            ReopenReview {
                baseline: baseline.map(Box::new),
                last_review,
            }
        }
        ReopenReview {
            baseline,
            last_review,
        } => {
            let record = &mut matrix.record;
            let entry = record
                .reviews
                .pop()
                .ok_or_else(|| EditError::InvalidValue("No review to reopen.".to_owned()))?;
            record.stewardship.last_review = last_review;
            record.baseline = baseline.map(|b| *b);
            CompleteReview {
                entry: Box::new(entry),
            }
        }
    })
}

fn claim(mut used: impl Iterator<Item = RecordId>, id: RecordId) -> Result<(), EditError> {
    if id == 0 || used.any(|u| u == id) {
        Err(EditError::DuplicateId(id))
    } else {
        Ok(())
    }
}

fn position<T>(items: &[T], wanted: impl Fn(&T) -> bool) -> Result<usize, EditError> {
    items
        .iter()
        .position(wanted)
        .ok_or_else(|| EditError::InvalidValue("That entry no longer exists.".to_owned()))
}

fn find<T>(items: &mut [T], wanted: impl Fn(&T) -> bool) -> Result<&mut T, EditError> {
    items
        .iter_mut()
        .find(|item| wanted(item))
        .ok_or_else(|| EditError::InvalidValue("That entry no longer exists.".to_owned()))
}

fn checked_decision(mut decision: Decision) -> Result<Decision, EditError> {
    decision.text = decision.text.trim().to_owned();
    if decision.text.is_empty() {
        return Err(EditError::InvalidValue(
            "A decision needs a few words saying what was decided.".to_owned(),
        ));
    }
    Ok(decision)
}

fn checked_action(mut action: Action) -> Result<Action, EditError> {
    action.title = action.title.trim().to_owned();
    action.owner = action.owner.trim().to_owned();
    action.description = action.description.trim().to_owned();
    if action.title.is_empty() {
        return Err(EditError::InvalidValue(
            "An action needs a title saying what is to be done.".to_owned(),
        ));
    }
    Ok(action)
}
