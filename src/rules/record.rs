//! The rules of the review record: who resolves gaps (escalation), who keeps the matrix, whether
//! follow-ups and the periodic review are on time. They read "today" from a parameter, so tests
//! pin the date.

use super::Finding;
use super::settings::{RuleId, RuleSettings, Severity};
use crate::model::Matrix;
use crate::model::{ActivityId, Date, GroupId};

/// Gap rules whose fix names the escalation owner who resolves them.
const ESCALATED: [RuleId; 4] = [
    RuleId::MissingAccountable,
    RuleId::MissingResponsible,
    RuleId::UnassignedActivity,
    RuleId::IdleRole,
];

/// Adds the escalation owner to the fix of every gap, then the record's own findings.
pub(super) fn check(
    matrix: &Matrix,
    settings: &RuleSettings,
    today: Date,
    group_of: &dyn Fn(ActivityId) -> Option<GroupId>,
    found: &mut Vec<Finding>,
) {
    let unescalated = escalate(matrix, group_of, found);
    let own = own(matrix, settings, today, unescalated);
    found.extend(own);
}

/// Adds the escalation owner to the fix of every gap in `found`; returns how many open gaps
/// have nobody to escalate to.
pub(super) fn escalate(
    matrix: &Matrix,
    group_of: &dyn Fn(ActivityId) -> Option<GroupId>,
    found: &mut [Finding],
) -> usize {
    let stewardship = &matrix.record.stewardship;
    let mut unescalated = 0;
    for f in found.iter_mut().filter(|f| ESCALATED.contains(&f.rule)) {
        let group = f.activity.and_then(group_of);
        match stewardship.escalation_for(group) {
            Some(owner) => f.fix = format!("{} Escalate to: {owner}.", f.fix).into(),
            None if f.accepted.is_none() => unescalated += 1,
            None => {}
        }
    }
    unescalated
}

/// The record's own findings (about the matrix as a whole), given how many open gaps have
/// nobody to escalate to.
pub(super) fn own(
    matrix: &Matrix,
    settings: &RuleSettings,
    today: Date,
    unescalated: usize,
) -> Vec<Finding> {
    let stewardship = &matrix.record.stewardship;
    let mut found = Vec::new();
    let on = |rule: RuleId| settings.is_enabled(rule);
    let mut push = |rule, message: String, why: &str, fix: String| {
        found.push(Finding {
            rule,
            severity: Severity::Warning,
            activity: None,
            role: None,
            message: message.into(),
            why: why.into(),
            fix: fix.into(),
            accepted: None,
        })
    };
    if unescalated > 0 && on(RuleId::MissingEscalationOwner) {
        push(
            RuleId::MissingEscalationOwner,
            format!(
                "{} with nobody to escalate {} to.",
                plural(unescalated, "gap", "gaps"),
                if unescalated == 1 { "it" } else { "them" }
            ),
            "When nobody owns something, someone with the authority to assign ownership must \
             decide; without a named escalation owner the gap waits (OPS02-BP04).",
            "Name the escalation owner in the Review panel (field \"Escalation owner\"), for the \
             matrix or for the group."
                .to_owned(),
        );
    }
    if stewardship.matrix_owner.trim().is_empty() && on(RuleId::NoMatrixOwner) {
        push(
            RuleId::NoMatrixOwner,
            "Nobody is named as keeping this matrix current.".to_owned(),
            "A matrix without an owner drifts from what teams really do and is not reviewed.",
            "Name the person or team that keeps it current in the Review panel (field \"Matrix \
             owner\")."
                .to_owned(),
        );
    }
    let overdue: Vec<&str> = matrix
        .record
        .actions
        .iter()
        .filter(|a| a.is_overdue(today))
        .map(|a| a.title.as_str())
        .collect();
    if !overdue.is_empty() && on(RuleId::OverdueAction) {
        let titles: Vec<String> = overdue.iter().map(|t| format!("\"{t}\"")).collect();
        push(
            RuleId::OverdueAction,
            format!(
                "{} past {} due date: {}.",
                plural(overdue.len(), "open action is", "open actions are"),
                if overdue.len() == 1 { "its" } else { "their" },
                titles.join(", ")
            ),
            "Improvement actions that slip are how a review's decisions are quietly lost.",
            "Follow them up with their owners: mark them done, or agree a new due date.".to_owned(),
        );
    }
    if let Some(due) = matrix.record.next_review_due()
        && today > due
        && on(RuleId::ReviewOverdue)
    {
        let since = matrix
            .record
            .stewardship
            .last_review
            .map_or("the review started".to_owned(), |d| {
                format!("the last review ({d})")
            });
        push(
            RuleId::ReviewOverdue,
            format!(
                "The review was due on {due}, {} days after {since}.",
                matrix.record.stewardship.review_every_days
            ),
            "Responsibilities drift as teams change; OPS02-BP04 asks for a periodic review.",
            "Hold the review with the teams and choose \"Complete review\" when it is done."
                .to_owned(),
        );
    }
    found
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
