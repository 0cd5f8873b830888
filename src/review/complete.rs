//! Completing a review: what it changed, decided and left open, recorded as one entry, after
//! which the matrix as it is becomes the baseline of the next review.

use std::collections::HashSet;

use super::{diff, line_of};
use crate::edit::{Edit, ReviewEdit};
use crate::model::{Date, FindingCounts, Matrix, ReviewEntry};
use crate::rules::{self, Finding, RuleSettings, Severity, mark_accepted};

/// Counts the open findings by rule and severity, and the accepted ones.
pub fn count_findings(findings: &[Finding]) -> FindingCounts {
    let mut counts = FindingCounts::default();
    for f in findings {
        if f.accepted.is_some() {
            counts.accepted += 1;
            continue;
        }
        *counts.by_rule.entry(f.rule).or_default() += 1;
        match f.severity {
            Severity::Conflict => counts.conflicts += 1,
            Severity::Gap => counts.gaps += 1,
            Severity::Warning => counts.warnings += 1,
        }
    }
    counts
}

/// The edit that completes the review of `matrix` on `today` with [`draft_entry`]'s entry; the
/// matrix as it is then becomes the next review's baseline.
pub fn complete_review(
    matrix: &Matrix,
    settings: &RuleSettings,
    today: Date,
    attendees: &str,
) -> Edit {
    Edit::Review(Box::new(ReviewEdit::CompleteReview {
        entry: Box::new(draft_entry(matrix, settings, today, attendees)),
    }))
}

/// The review in progress as an entry: the changes since the baseline, the decisions and actions
/// not yet part of an earlier review, and the matrix findings before (the baseline's) and after
/// (open ones now).
pub fn draft_entry(
    matrix: &Matrix,
    settings: &RuleSettings,
    today: Date,
    attendees: &str,
) -> ReviewEntry {
    let record = &matrix.record;
    let (started, changes, before) = match &record.baseline {
        Some(b) => (
            Some(b.taken),
            diff(&b.matrix, matrix).iter().map(line_of).collect(),
            count_findings(&rules::check(&b.matrix, settings)),
        ),
        None => (None, Vec::new(), FindingCounts::default()),
    };
    let mut after = rules::check(matrix, settings);
    mark_accepted(&mut after, matrix);
    let earlier_decisions: HashSet<_> = record.reviews.iter().flat_map(|r| &r.decisions).collect();
    let earlier_actions: HashSet<_> = record.reviews.iter().flat_map(|r| &r.actions).collect();
    ReviewEntry {
        id: record.peek_id(),
        date: today,
        attendees: attendees.trim().to_owned(),
        started,
        changes,
        decisions: record
            .decisions
            .iter()
            .map(|d| d.id)
            .filter(|id| !earlier_decisions.contains(id))
            .collect(),
        actions: record
            .actions
            .iter()
            .map(|a| a.id)
            .filter(|id| !earlier_actions.contains(id))
            .collect(),
        findings_before: before,
        findings_after: count_findings(&after),
    }
}

/// One line a reader takes in at a glance: "7 changes; conflicts 3 -> 0; gaps 9 -> 2; warnings
/// 4 -> 4".
pub fn summary(entry: &ReviewEntry) -> String {
    let (b, a) = (&entry.findings_before, &entry.findings_after);
    let changes = match entry.changes.len() {
        1 => "1 change".to_owned(),
        n => format!("{n} changes"),
    };
    let mut line = format!(
        "{changes}; conflicts {} -> {}; gaps {} -> {}; warnings {} -> {}",
        b.conflicts, a.conflicts, b.gaps, a.gaps, b.warnings, a.warnings
    );
    if a.accepted > 0 {
        line.push_str(&format!("; {} accepted", a.accepted));
    }
    line
}

/// The review the minutes tell: the one in progress when it has anything to tell (changes, or
/// decisions and actions not yet in a completed review) or when none was completed yet; else the
/// last completed review, as the room expects right after "Complete review".
pub fn minutes_entry(
    matrix: &Matrix,
    settings: &RuleSettings,
    today: Date,
    attendees: &str,
) -> ReviewEntry {
    let draft = draft_entry(matrix, settings, today, attendees);
    let has_news =
        !draft.changes.is_empty() || !draft.decisions.is_empty() || !draft.actions.is_empty();
    match matrix.record.reviews.last() {
        Some(last) if !has_news => last.clone(),
        _ => draft,
    }
}
