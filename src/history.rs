//! Undo and redo, built on the inverse edits that [`edit::apply`] returns, and on the rule
//! settings a step replaced: every change the user makes is one step.

use serde::{Deserialize, Serialize};

use crate::edit::{self, Edit, EditError};
use crate::model::Matrix;
use crate::rules::RuleSettings;

/// How many steps are kept; older ones are forgotten first.
pub const DEFAULT_LIMIT: usize = 500;

/// The version of the saved history this build writes. Version 1 (no version field) held edits
/// only; it is still read.
const VERSION: u32 = 2;

/// One undoable step: what to apply to go back (or forward). An import carries both an edit and
/// the settings the file brought; a change of the rule settings carries only settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit: Option<Edit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<RuleSettings>,
}

/// One change to a matrix and its history, as the library's journal records it
/// (`crate::library`): replaying the ops of a journal with [`History::replay`] over the state they
/// started from gives the same matrix, settings and history again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// A new step: `edit` applied (the edit itself, not its inverse), and the settings replaced
    /// by `settings` in the same step when there are any.
    Apply {
        edit: Edit,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        settings: Option<RuleSettings>,
    },
    /// The settings replaced by `settings`: a step of its own, or joined to the last step (the
    /// keystrokes of one number field).
    Settings {
        settings: RuleSettings,
        joined: bool,
    },
    Undo,
    Redo,
}

/// What changed since the history was last in step with what is saved: the library keeps this to
/// write only the changes. `mark` says, in the library's own terms, where the saved copy stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    pub mark: String,
    pub ops: Vec<Op>,
}

/// The undo and redo stacks of one matrix. Saved with it, so that undo survives a reload.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct History {
    #[serde(default)]
    version: u32,
    undo: Vec<Step>,
    redo: Vec<Step>,
    limit: usize,
    /// The settings control whose change is the last step: further changes from it (each
    /// keystroke in a number field) join that step instead of adding one each.
    #[serde(skip)]
    settings_source: Option<&'static str>,
    /// The changes since the last full save, while they are known (see [`Log`]); None when the
    /// history was replaced or a change was too big to log, so that the next save is a full one.
    #[serde(skip)]
    log: Option<Log>,
}

/// Two histories are equal when they hold the same steps (as saved): which settings control made
/// the last step, and what was logged for saving, are not part of that.
impl PartialEq for History {
    fn eq(&self, other: &History) -> bool {
        (self.version, &self.undo, &self.redo, self.limit)
            == (other.version, &other.undo, &other.redo, other.limit)
    }
}

impl Eq for History {}

/// How version 1 saved a history: edits only.
#[derive(Deserialize)]
struct HistoryV1 {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History {
            version: VERSION,
            undo: Vec::new(),
            redo: Vec::new(),
            limit: DEFAULT_LIMIT,
            settings_source: None,
            log: None,
        }
    }
}

impl History {
    /// Applies `edit` as a new step; redo is no longer possible after it.
    pub fn apply(&mut self, matrix: &mut Matrix, edit: Edit) -> Result<(), EditError> {
        let logged = self.loggable(&edit).then(|| edit.clone());
        let inverse = edit::apply(matrix, edit)?;
        self.push(Step {
            edit: Some(inverse),
            settings: None,
        });
        self.record(logged.map(|edit| Op::Apply {
            edit,
            settings: None,
        }));
        Ok(())
    }

    /// Applies `edit` and replaces the settings with `new`, as one step (an import that brought
    /// its own settings).
    pub fn apply_with_settings(
        &mut self,
        matrix: &mut Matrix,
        settings: &mut RuleSettings,
        edit: Edit,
        new: RuleSettings,
    ) -> Result<(), EditError> {
        let logged = self.loggable(&edit).then(|| (edit.clone(), new.clone()));
        let inverse = edit::apply(matrix, edit)?;
        let before = std::mem::replace(settings, new);
        self.push(Step {
            edit: Some(inverse),
            settings: Some(before),
        });
        self.record(logged.map(|(edit, settings)| Op::Apply {
            edit,
            settings: Some(settings),
        }));
        Ok(())
    }

    /// Replaces the settings with `new` as a step. Changes from the same `source` in a row (the
    /// keystrokes of one number field) make one step; a change to equal settings makes none.
    pub fn change_settings(
        &mut self,
        settings: &mut RuleSettings,
        new: RuleSettings,
        source: &'static str,
    ) {
        if *settings == new {
            return;
        }
        let joined = self.settings_source == Some(source) && self.redo.is_empty();
        let logged = self.log.is_some().then(|| new.clone());
        self.replace_settings(settings, new, joined);
        if !joined {
            self.settings_source = Some(source);
        }
        self.record(logged.map(|settings| Op::Settings { settings, joined }));
    }

    /// Replaces the settings with `new`, as a step of its own unless `joined` to the last one.
    fn replace_settings(&mut self, settings: &mut RuleSettings, new: RuleSettings, joined: bool) {
        let before = std::mem::replace(settings, new);
        if !joined {
            self.push(Step {
                edit: None,
                settings: Some(before),
            });
        }
    }

    /// True when `edit` is worth logging: a whole matrix (an import) is not, since writing it is
    /// as costly as a full save; the log stops and the next save is a full one.
    fn loggable(&mut self, edit: &Edit) -> bool {
        if matches!(edit, Edit::ReplaceMatrix { .. }) {
            self.log = None;
        }
        self.log.is_some()
    }

    fn record(&mut self, op: Option<Op>) {
        if let (Some(log), Some(op)) = (&mut self.log, op) {
            log.ops.push(op);
        }
    }

    /// Applies one logged op again, as it was applied when it was logged (see [`Op`]).
    pub fn replay(
        &mut self,
        matrix: &mut Matrix,
        settings: &mut RuleSettings,
        op: Op,
    ) -> Result<(), EditError> {
        match op {
            Op::Apply {
                edit,
                settings: None,
            } => self.apply(matrix, edit),
            Op::Apply {
                edit,
                settings: Some(new),
            } => self.apply_with_settings(matrix, settings, edit, new),
            Op::Settings {
                settings: new,
                joined,
            } => {
                self.replace_settings(settings, new.clone(), joined);
                self.settings_source = None;
                self.record(Some(Op::Settings {
                    settings: new,
                    joined,
                }));
                Ok(())
            }
            Op::Undo => {
                self.undo(matrix, settings);
                Ok(())
            }
            Op::Redo => {
                self.redo(matrix, settings);
                Ok(())
            }
        }
    }

    /// Starts logging changes: the history is in step with what is saved, which `mark` names.
    pub fn start_log(&mut self, mark: String) {
        self.log = Some(Log {
            mark,
            ops: Vec::new(),
        });
    }

    /// Stops logging: the next save must write everything.
    pub fn stop_log(&mut self) {
        self.log = None;
    }

    /// The changes since the last full save, if they are known.
    pub fn log(&self) -> Option<&Log> {
        self.log.as_ref()
    }

    fn push(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > self.limit {
            let excess = self.undo.len() - self.limit;
            self.undo.drain(..excess);
        }
        self.redo.clear();
        self.settings_source = None;
    }

    /// Undoes the last step; returns what was applied to do so, or None when there is nothing
    /// to undo.
    pub fn undo(&mut self, matrix: &mut Matrix, settings: &mut RuleSettings) -> Option<Step> {
        self.settings_source = None;
        if !self.undo.is_empty() {
            self.record(Some(Op::Undo));
        }
        step(matrix, settings, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone step; returns what was applied, or None.
    pub fn redo(&mut self, matrix: &mut Matrix, settings: &mut RuleSettings) -> Option<Step> {
        self.settings_source = None;
        if !self.redo.is_empty() {
            self.record(Some(Op::Redo));
        }
        step(matrix, settings, &mut self.redo, &mut self.undo)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The step that undo would apply next.
    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.last()
    }

    /// The step that redo would apply next.
    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }

    /// How many steps undo can take back: a step made at depth `n` is undone once this is below
    /// `n`.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// How many steps it holds, undo and redo.
    pub fn steps(&self) -> usize {
        self.undo.len() + self.redo.len()
    }

    /// Keeps the newest `steps` undo steps and forgets the rest, redo steps first.
    pub fn keep_newest(&mut self, steps: usize) {
        self.redo.clear();
        let excess = self.undo.len().saturating_sub(steps);
        self.undo.drain(..excess);
        self.settings_source = None;
        self.log = None;
    }

    /// Forgets every step (a different matrix was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.settings_source = None;
        self.log = None;
    }

    /// The history as saved with its matrix.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a saved history, of this version or of version 1.
    pub fn from_json(raw: &str) -> Result<History, serde_json::Error> {
        match serde_json::from_str::<History>(raw) {
            Ok(history) if history.version == VERSION => Ok(history),
            Ok(_) | Err(_) => {
                let old: HistoryV1 = serde_json::from_str(raw)?;
                let steps = |edits: Vec<Edit>| {
                    edits
                        .into_iter()
                        .map(|edit| Step {
                            edit: Some(edit),
                            settings: None,
                        })
                        .collect()
                };
                Ok(History {
                    undo: steps(old.undo),
                    redo: steps(old.redo),
                    limit: old.limit,
                    ..History::default()
                })
            }
        }
    }
}

/// Pops from `from`, applies it, and pushes its inverse onto `to`. A step whose edit no longer
/// applies (saved history that does not fit its matrix) is dropped rather than breaking undo for
/// good.
fn step(
    matrix: &mut Matrix,
    settings: &mut RuleSettings,
    from: &mut Vec<Step>,
    to: &mut Vec<Step>,
) -> Option<Step> {
    while let Some(step) = from.pop() {
        let inverse_edit = match step.edit.clone() {
            Some(edit) => match edit::apply(matrix, edit) {
                Ok(inverse) => Some(inverse),
                Err(_) => continue,
            },
            None => None,
        };
        let inverse_settings = step
            .settings
            .clone()
            .map(|s| std::mem::replace(settings, s));
        to.push(Step {
            edit: inverse_edit,
            settings: inverse_settings,
        });
        return Some(step);
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
        let mut s = RuleSettings::default();
        let original = m.clone();
        let mut h = History::default();
        h.apply(&mut m, a).unwrap();
        h.apply(&mut m, r).unwrap();
        let both = m.clone();
        assert_eq!(m.activities[0].cells[0].letters.len(), 2);
        assert!(h.undo(&mut m, &mut s).is_some());
        assert_eq!(m.activities[0].cells[0].letters, Letters::only(Letter::A));
        assert!(h.undo(&mut m, &mut s).is_some());
        assert_eq!(m, original);
        assert!(h.undo(&mut m, &mut s).is_none(), "nothing left to undo");
        assert!(h.redo(&mut m, &mut s).is_some());
        assert!(h.redo(&mut m, &mut s).is_some());
        assert_eq!(m, both);
        assert!(!h.can_redo());
    }

    #[test]
    fn a_new_step_discards_redo_and_old_steps_fall_off() {
        let (mut m, a, r) = sample();
        let mut s = RuleSettings::default();
        let mut h = History {
            limit: 2,
            ..History::default()
        };
        h.apply(&mut m, a.clone()).unwrap();
        h.undo(&mut m, &mut s);
        assert!(h.can_redo());
        h.apply(&mut m, r.clone()).unwrap();
        assert!(!h.can_redo());
        h.apply(&mut m, a.clone()).unwrap();
        h.apply(&mut m, r).unwrap();
        assert!(h.undo(&mut m, &mut s).is_some());
        assert!(h.undo(&mut m, &mut s).is_some());
        assert!(
            h.undo(&mut m, &mut s).is_none(),
            "the limit keeps two steps"
        );
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
        let mut s = RuleSettings::default();
        let mut h = History::default();
        h.apply(&mut m, a).unwrap();
        let mut back = History::from_json(&h.to_json()).unwrap();
        assert!(back.undo(&mut m, &mut s).is_some());
        assert!(m.activities[0].cells[0].is_empty());
    }

    #[test]
    fn settings_changes_are_steps_and_one_field_typed_into_is_one_step() {
        let (mut m, a, _) = sample();
        let mut s = RuleSettings::default();
        let mut h = History::default();
        h.apply(&mut m, a).unwrap();
        let mut typed = s.clone();
        typed.max_consulted = 1;
        h.change_settings(&mut s, typed.clone(), "overload");
        typed.max_consulted = 12;
        h.change_settings(&mut s, typed.clone(), "overload");
        assert_eq!(s.max_consulted, 12);
        // Equal settings make no step.
        h.change_settings(&mut s, typed, "other");
        h.undo(&mut m, &mut s).unwrap();
        assert_eq!(
            s,
            RuleSettings::default(),
            "both keystrokes undone in one step"
        );
        assert!(
            !m.activities[0].cells[0].is_empty(),
            "the edit before is still there"
        );
        h.redo(&mut m, &mut s).unwrap();
        assert_eq!(s.max_consulted, 12);
        h.undo(&mut m, &mut s).unwrap();
        h.undo(&mut m, &mut s).unwrap();
        assert!(m.activities[0].cells[0].is_empty());
    }

    #[test]
    fn an_import_with_settings_is_undone_in_one_step() {
        let (mut m, _, _) = sample();
        let original = m.clone();
        let mut s = RuleSettings::default();
        let brought = RuleSettings {
            max_consulted: 7,
            ..RuleSettings::default()
        };
        let mut h = History::default();
        let replace = Edit::ReplaceMatrix {
            matrix: Box::new(Matrix::new("Imported")),
        };
        h.apply_with_settings(&mut m, &mut s, replace, brought.clone())
            .unwrap();
        assert_eq!((m.title.as_str(), &s), ("Imported", &brought));
        h.undo(&mut m, &mut s).unwrap();
        assert_eq!((m, s), (original, RuleSettings::default()));
    }

    #[test]
    fn a_history_saved_by_version_1_is_still_read() {
        let (mut m, a, _) = sample();
        let mut s = RuleSettings::default();
        let inverse = edit::apply(&mut m, a).unwrap();
        let v1 = format!(
            r#"{{"undo":[{}],"redo":[],"limit":500}}"#,
            serde_json::to_string(&inverse).unwrap()
        );
        let mut h = History::from_json(&v1).unwrap();
        assert!(h.undo(&mut m, &mut s).is_some());
        assert!(m.activities[0].cells[0].is_empty());
        assert!(h.to_json().contains(r#""version":2"#));
    }
}
