//! Findings the room can act on: a pure function from a matrix and its rule settings to findings.
//!
//! [`check`] makes one pass over the cells (see `check.rs`); the wording of every finding lives in
//! `words.rs`, so that what the facilitator reads can be reviewed in one place.

mod check;
mod settings;
mod words;

#[cfg(test)]
mod tests;

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
///
/// A full check is cheap enough to run after every edit (about 0.3 ms natively at
/// 1,000 activities x 50 roles; see `benches/engine.rs`), so there is no incremental checker.
pub fn check(matrix: &Matrix, settings: &RuleSettings) -> Vec<Finding> {
    check::run(matrix, settings)
}

/// The findings counted by severity in words: "1 conflict, 4 gaps, 3 warnings".
pub fn counts(findings: &[Finding]) -> String {
    Severity::ALL
        .iter()
        .map(|s| s.counted(findings.iter().filter(|f| f.severity == *s).count()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a change did to the findings: those that appeared and those that went away. A finding
/// is the same one while its rule and place stay the same, even when its wording changes (a
/// count in it, a renamed role).
pub fn changes<'a>(
    before: &'a [Finding],
    after: &'a [Finding],
) -> (Vec<&'a Finding>, Vec<&'a Finding>) {
    let place = |f: &Finding| (f.rule, f.activity, f.role);
    let old: std::collections::HashSet<_> = before.iter().map(place).collect();
    let new: std::collections::HashSet<_> = after.iter().map(place).collect();
    let appeared = after.iter().filter(|f| !old.contains(&place(f))).collect();
    let gone = before.iter().filter(|f| !new.contains(&place(f))).collect();
    (appeared, gone)
}
