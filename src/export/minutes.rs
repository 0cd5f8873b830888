//! The review's minutes as Markdown a wiki renders well, and its actions as CSV an issue tracker
//! imports.

use std::fmt::Write;

use super::csv::{CsvOptions, write_rows};
use super::markdown::escape_markdown;
use super::sheet::SheetRow;
use crate::model::Matrix;
use crate::model::{Date, ReviewEntry};
use crate::review::{self};
use crate::rules::{Finding, RuleId};

/// The minutes of `entry` (a completed review, or the one in progress): title, date, attendees,
/// summary, the changes, decisions, actions, the findings open on `today` with who they escalate
/// to, the owners and the next review date.
pub fn minutes(matrix: &Matrix, findings: &[Finding], entry: &ReviewEntry, today: Date) -> String {
    let record = &matrix.record;
    let stewardship = &record.stewardship;
    let esc = |text: &str| escape_markdown(text);
    let or_dash = |text: &str| {
        if text.trim().is_empty() {
            "-".to_owned()
        } else {
            esc(text)
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "# Review minutes: {}\n", esc(&matrix.title));
    let completed = record.reviews.iter().any(|r| r.id == entry.id);
    let _ = writeln!(
        out,
        "- **Date:** {}{}",
        entry.date,
        if completed {
            ""
        } else {
            " (review in progress)"
        }
    );
    if let Some(started) = entry.started {
        let _ = writeln!(out, "- **Review started:** {started}");
    }
    let _ = writeln!(out, "- **Attendees:** {}", or_dash(&entry.attendees));
    let _ = writeln!(
        out,
        "- **Matrix owner:** {}",
        or_dash(&stewardship.matrix_owner)
    );
    let _ = writeln!(
        out,
        "- **Escalation owner:** {}",
        or_dash(&stewardship.escalation_owner)
    );
    for (group, owner) in &stewardship.group_escalation {
        if let Some(g) = matrix.group(*group) {
            let _ = writeln!(out, "  - {}: {}", esc(&g.name), esc(owner));
        }
    }
    let next = if completed {
        let days = i32::try_from(stewardship.review_every_days).unwrap_or(i32::MAX);
        Some(entry.date.plus_days(days))
    } else {
        record.next_review_due()
    };
    if let Some(next) = next {
        let _ = writeln!(
            out,
            "- **Next review:** {next} (every {} days)",
            stewardship.review_every_days
        );
    }
    let _ = writeln!(out, "\n## Summary\n\n{}.\n", review::summary(entry));

    let _ = writeln!(out, "## Changes ({})\n", entry.changes.len());
    if entry.changes.is_empty() {
        out.push_str("No changes to the matrix.\n\n");
    } else {
        out.push_str("| What | Change |\n| --- | --- |\n");
        for line in &entry.changes {
            let _ = writeln!(out, "| {} | {} |", cell(&line.subject), cell(&line.detail));
        }
        out.push('\n');
    }

    let decisions: Vec<_> = entry
        .decisions
        .iter()
        .filter_map(|id| record.decision(*id))
        .collect();
    let _ = writeln!(out, "## Decisions ({})\n", decisions.len());
    if decisions.is_empty() {
        out.push_str("No decisions recorded.\n\n");
    }
    for d in &decisions {
        let about = [
            review::activity_label(matrix, d.activity, &d.activity_name),
            review::role_label(matrix, d.role, &d.role_name),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
        let accepts = d
            .accepts
            .as_ref()
            .map(|a| format!(" (accepts the finding \"{}\")", a.rule.title()))
            .unwrap_or_default();
        let about = if about.is_empty() {
            String::new()
        } else {
            format!("**{}**: ", esc(&about))
        };
        let _ = writeln!(out, "- {}: {about}{}{accepts}", d.date, esc(&d.text));
    }
    if !decisions.is_empty() {
        out.push('\n');
    }

    let actions: Vec<_> = entry
        .actions
        .iter()
        .filter_map(|id| record.action(*id))
        .collect();
    let _ = writeln!(out, "## Actions ({})\n", actions.len());
    if actions.is_empty() {
        out.push_str("No actions recorded.\n\n");
    } else {
        out.push_str(
            "| Action | Owner | Due | Status | Activity |\n| --- | --- | --- | --- | --- |\n",
        );
        for a in &actions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&a.title),
                cell(&a.owner),
                a.due.map_or("-".to_owned(), |d| d.to_string()),
                a.status_words(today),
                cell(&review::activity_label(
                    matrix,
                    a.activity,
                    &a.activity_name
                )),
            );
        }
        out.push('\n');
    }

    let accepted: Vec<&Finding> = findings.iter().filter(|f| !f.is_open()).collect();
    if !accepted.is_empty() {
        let _ = writeln!(out, "## Accepted findings ({})\n", accepted.len());
        for f in accepted {
            let reason = f.accepted.as_deref().unwrap_or_default();
            let _ = writeln!(out, "- {} Accepted: {}", esc(&f.message), esc(reason));
        }
        out.push('\n');
    }

    let open: Vec<&Finding> = findings.iter().filter(|f| f.is_open()).collect();
    let _ = writeln!(out, "## Findings still open on {today} ({})\n", open.len());
    if open.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str("| Severity | Finding | Escalate to |\n| --- | --- | --- |\n");
        for f in open {
            let group = f
                .activity
                .and_then(|a| matrix.activity(a))
                .and_then(|a| a.group);
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                f.severity,
                cell(&f.message),
                cell(stewardship.escalation_for(group).unwrap_or("-")),
            );
        }
    }
    let by_rule = rule_table(entry);
    if !by_rule.is_empty() {
        let _ = writeln!(out, "\n## Findings by rule (before -> after)\n\n{by_rule}");
    }
    out
}

/// Text for a table cell: escaped, on one line. The arrows of changes ("R -> A/R") stay as
/// written, so the raw Markdown reads as well as the rendered page.
fn cell(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
        .split(" -> ")
        .map(escape_markdown)
        .collect::<Vec<_>>()
        .join(" -> ")
}

fn rule_table(entry: &ReviewEntry) -> String {
    let (before, after) = (
        &entry.findings_before.by_rule,
        &entry.findings_after.by_rule,
    );
    let mut out = String::new();
    for rule in RuleId::ALL {
        let (b, a) = (
            before.get(&rule).copied().unwrap_or(0),
            after.get(&rule).copied().unwrap_or(0),
        );
        if b + a > 0 {
            if out.is_empty() {
                out.push_str("| Rule | Before | After |\n| --- | --- | --- |\n");
            }
            let _ = writeln!(out, "| {} (`{rule}`) | {b} | {a} |", rule.title());
        }
    }
    out
}

/// The actions as CSV for issue trackers: Summary, Owner, Due date, Status, Activity,
/// Description; formula-guarded like every CSV export.
pub fn actions_csv(matrix: &Matrix, options: &CsvOptions) -> Vec<u8> {
    let header = [
        "Summary",
        "Owner",
        "Due date",
        "Status",
        "Activity",
        "Description",
    ];
    let mut rows = vec![SheetRow {
        cells: header.iter().map(|h| (*h).to_owned()).collect(),
        section: false,
    }];
    rows.extend(matrix.record.actions.iter().map(|a| SheetRow {
        cells: vec![
            a.title.clone(),
            a.owner.clone(),
            a.due.map_or(String::new(), |d| d.to_string()),
            if a.is_open() { "Open" } else { "Done" }.to_owned(),
            review::activity_label(matrix, a.activity, &a.activity_name),
            a.description.clone(),
        ],
        section: false,
    }));
    write_rows(&rows, options)
}
