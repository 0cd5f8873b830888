//! Findings the room can act on: a pure function from a matrix and its rule settings to findings.
//!
//! [`check`] makes one pass over the cells (see `check.rs`); the wording of every finding lives in
//! `words.rs`, so that what the facilitator reads can be reviewed in one place.

mod accept;
mod announce;
mod check;
mod findings;
mod incremental;
mod record;
pub mod settings;
pub mod thresholds;
mod words;

#[cfg(test)]
mod tests;

pub use accept::{about_fingerprint, mark_accepted};
pub use announce::announce;
pub use findings::Findings;
pub use incremental::{Change, Checker};
pub use settings::{ResponsibleRule, RuleId, RuleSettings, Severity};

use std::sync::Arc;

use crate::model::Date;
use crate::model::{ActivityId, GroupId, Matrix, RoleId};

/// One thing the rules found, pinned to an activity and/or a role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub activity: Option<ActivityId>,
    pub role: Option<RoleId>,
    /// What is wrong, naming the activity and/or role: "\"Patch hosts\" has no Accountable."
    pub message: Arc<str>,
    /// One sentence on why it matters.
    pub why: Arc<str>,
    /// One sentence on how to fix it.
    pub fix: Arc<str>,
    /// The reason the room gave for accepting it as it is (a decision), while that holds.
    pub accepted: Option<String>,
}

impl Finding {
    /// Open: not accepted by the room.
    pub fn is_open(&self) -> bool {
        self.accepted.is_none()
    }
}

/// Checks `matrix` against every enabled rule. Findings come in a stable order: by severity, then
/// activity order, then role order.
///
/// The app keeps its findings up to date edit by edit with [`Checker`], which gives the same
/// findings as [`check_on`] for a fraction of the work on large matrices.
pub fn check(matrix: &Matrix, settings: &RuleSettings) -> Vec<Finding> {
    check::run(matrix, settings)
}

/// Every finding on `today`: the matrix rules of [`check`], the escalation owner named in the fix
/// of each gap, the review record's rules (escalation owner, matrix owner, overdue actions and
/// review), and the findings the room accepted marked so. This is what the app shows.
pub fn check_on(matrix: &Matrix, settings: &RuleSettings, today: Date) -> Vec<Finding> {
    let found = check::run(matrix, settings);
    let group_of = |a| matrix.activity(a).and_then(|a| a.group);
    finish(found, matrix, settings, today, &group_of)
}

/// What [`check_on`] adds to the matrix rules' findings: acceptances and the review record's
/// rules. `group_of` finds an activity's group (the incremental checker knows where it is).
fn finish(
    mut found: Vec<Finding>,
    matrix: &Matrix,
    settings: &RuleSettings,
    today: Date,
    group_of: &dyn Fn(ActivityId) -> Option<GroupId>,
) -> Vec<Finding> {
    mark_accepted(&mut found, matrix);
    record::check(matrix, settings, today, group_of, &mut found);
    mark_accepted(&mut found, matrix);
    // The record's findings join their severity; the sort is stable, so the order stays.
    found.sort_by_key(|f| f.severity);
    found
}

/// The open findings counted by severity in words: "1 conflict, 4 gaps, 3 warnings", and the
/// accepted ones after them when there are any (", 2 accepted").
pub fn counts(findings: &[Finding]) -> String {
    let mut open = [0; 3];
    for f in findings.iter().filter(|f| f.is_open()) {
        open[f.severity as usize] += 1;
    }
    let accepted = findings.iter().filter(|f| !f.is_open()).count();
    counts_in_words(open, accepted)
}

/// The words of [`counts`] for `open` findings of each severity and `accepted` ones.
fn counts_in_words(open: [usize; 3], accepted: usize) -> String {
    let mut words = Severity::ALL
        .iter()
        .map(|s| s.counted(open[*s as usize]))
        .collect::<Vec<_>>()
        .join(", ");
    if accepted > 0 {
        words.push_str(&format!(", {accepted} accepted"));
    }
    words
}

/// What a change did to the findings: those that appeared and those that went away. A finding
/// is the same one while its rule and place stay the same, even when its wording changes (a
/// count in it, a renamed role).
pub fn changes<'a>(
    before: &'a [Finding],
    after: &'a [Finding],
) -> (Vec<&'a Finding>, Vec<&'a Finding>) {
    let place = |f: &Finding| (f.rule, f.activity, f.role);
    // An edit changes a few findings in the middle of a long list: the runs at both ends that
    // stay in place are in both lists (a place is never listed twice), so only the middles are
    // compared.
    let same = |(b, a): (&Finding, &Finding)| place(b) == place(a);
    let head = before.iter().zip(after).take_while(|p| same(*p)).count();
    let (before, after) = (&before[head..], &after[head..]);
    let tail = before
        .iter()
        .rev()
        .zip(after.iter().rev())
        .take_while(|p| same(*p))
        .count();
    let (before, after) = (&before[..before.len() - tail], &after[..after.len() - tail]);
    let old: std::collections::HashSet<_> = before.iter().map(place).collect();
    let new: std::collections::HashSet<_> = after.iter().map(place).collect();
    let appeared = after.iter().filter(|f| !old.contains(&place(f))).collect();
    let gone = before.iter().filter(|f| !new.contains(&place(f))).collect();
    (appeared, gone)
}
