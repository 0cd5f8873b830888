//! Findings the room can act on: a pure function from a matrix and its rule settings to findings.

mod settings;

pub use settings::{ResponsibleRule, RuleId, RuleSettings, Severity};

use crate::model::{ActivityId, Matrix, RoleId};

/// One thing the rules found, pinned to an activity and/or a role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub activity: Option<ActivityId>,
    pub role: Option<RoleId>,
    /// What is wrong, naming the activity and/or role: "\"Patch hosts\" has no Accountable."
    pub message: String,
    /// One sentence on why it matters.
    pub why: String,
    /// One sentence on how to fix it.
    pub fix: String,
}

/// Checks `matrix` against every enabled rule. Findings come in a stable order: by severity, then
/// activity order, then role order.
pub fn check(matrix: &Matrix, settings: &RuleSettings) -> Vec<Finding> {
    todo!("rules helper")
}
