//! Tests of the review record: diff, compare, record edits, acceptance, completion.

use super::*;
use crate::edit::{self, ActivityText, Edit, ReviewEdit};
use crate::example::example;
use crate::model::{
    Acceptance, Action, Cell, ChangeLine, Decision, Letter, Letters, Matrix, Stewardship,
};
use crate::rules::{self, RuleId, RuleSettings, about_fingerprint};

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn letters(text: &str) -> Cell {
    Cell::letters(
        text.chars()
            .filter_map(Letter::from_char)
            .collect::<Letters>(),
    )
}

fn activity_named(m: &Matrix, name: &str) -> ActivityId {
    m.activities.iter().find(|a| a.name == name).unwrap().id
}

fn role_named(m: &Matrix, name: &str) -> RoleId {
    m.role_by_name(name).unwrap().id
}

fn review(m: &mut Matrix, edit: ReviewEdit) -> Edit {
    edit::apply(m, Edit::Review(Box::new(edit))).unwrap()
}

fn decision(m: &Matrix, text: &str, activity: Option<ActivityId>) -> Decision {
    Decision {
        id: m.record.peek_id(),
        date: day("2026-11-30"),
        text: text.to_owned(),
        activity,
        role: None,
        activity_name: activity
            .and_then(|a| m.activity(a))
            .map_or(String::new(), |a| a.name.clone()),
        role_name: String::new(),
        accepts: None,
    }
}

fn action(m: &Matrix, title: &str, due: Option<&str>) -> Action {
    Action {
        id: m.record.peek_id(),
        title: title.to_owned(),
        owner: "Security".to_owned(),
        owner_role: m.role_by_name("Security").map(|r| r.id),
        due: due.map(day),
        activity: None,
        activity_name: String::new(),
        description: String::new(),
        created: day("2026-11-30"),
        done: None,
    }
}

#[test]
fn the_diff_lists_every_kind_of_change_in_plain_words() {
    let baseline = example();
    let mut m = baseline.clone();
    let deploy = activity_named(&m, "Manage production changes");
    let patch = activity_named(&m, "Patch operating systems");
    let ops = role_named(&m, "App teams");
    let sec = role_named(&m, "Security");
    let network = role_named(&m, "Networking");
    let governance = m.groups[0].id;
    let edits = vec![
        Edit::SetCell {
            activity: deploy,
            role: ops,
            cell: letters("AR"),
        },
        Edit::RenameActivity {
            activity: patch,
            name: "Patch hosts".into(),
        },
        Edit::RenameRole {
            role: sec,
            name: "SecOps".into(),
        },
        Edit::DeleteRole { role: network },
        Edit::SetActivityGroup {
            activity: deploy,
            group: Some(governance),
        },
        Edit::RenameGroup {
            group: governance,
            name: "Steering".into(),
        },
        Edit::SetActivityText {
            activity: deploy,
            field: ActivityText::Notes,
            value: "weekly CAB".into(),
        },
    ];
    for e in edits {
        edit::apply(&mut m, e).unwrap();
    }
    let words: Vec<String> = diff(&baseline, &m).iter().map(Change::words).collect();
    for expected in [
        "Group Steering: renamed from Governance",
        "Role SecOps: renamed from Security",
        "Role Networking: removed",
        "Manage production changes / App teams: R -> A/R",
        "Patch hosts: renamed from Patch operating systems",
        "Manage production changes: group: Operations -> Steering",
        "Manage production changes: notes: (blank) -> weekly CAB",
    ] {
        assert!(
            words.contains(&expected.to_owned()),
            "{expected} not in {words:#?}"
        );
    }
    // Deleting a column is one change, not one per cell it had.
    assert!(
        !words.iter().any(|w| w.contains("/ Networking")),
        "{words:#?}"
    );
}

#[test]
fn inserting_a_row_moves_only_the_row_that_moved() {
    let baseline = example();
    let mut m = baseline.clone();
    let third = m.activities[2].id;
    let (add, _) = crate::commands::add_activity_after(&m, Some(third));
    edit::apply(&mut m, add).unwrap();
    let last = m.activities.last().unwrap().id;
    edit::apply(
        &mut m,
        Edit::MoveActivity {
            activity: last,
            index: 0,
        },
    )
    .unwrap();
    let changes = diff(&baseline, &m);
    let moved: Vec<_> = changes
        .iter()
        .filter(|c| matches!(c, Change::ActivityMoved { .. }))
        .collect();
    assert_eq!(moved.len(), 1, "{changes:#?}");
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::ActivityAdded { .. }))
    );
    assert_eq!(
        apply_changes(&baseline, &changes).unwrap().activities,
        m.activities
    );
}

#[test]
fn an_unchanged_matrix_has_no_changes() {
    let m = example();
    assert!(diff(&m, &m.clone()).is_empty());
}

#[test]
fn comparing_by_name_finds_cells_and_one_sided_rows() {
    let ours = example();
    let mut theirs = example();
    // The other file writes names with other spaces and case, lacks one activity and role, and
    // has one of its own.
    theirs.activities[0].name = "  define CLOUD strategy  and guardrails ".into();
    theirs.activities[4].cells[1] = letters("R");
    theirs.activities.remove(14);
    theirs.push_activity("Run game days", None);
    let fin = theirs.role_index(role_named(&theirs, "FinOps")).unwrap();
    theirs.roles.remove(fin);
    for a in &mut theirs.activities {
        if a.cells.len() > theirs.roles.len() {
            a.cells.remove(fin);
        }
    }
    theirs.push_role("Legal");
    let comparison = compare(&ours, &theirs);
    assert_eq!(comparison.cells.len(), 1, "{comparison:#?}");
    let cell = &comparison.cells[0];
    assert_eq!(
        cell.words(),
        "Provision new accounts / Platform team: A/R here, R in the file"
    );
    assert_eq!(
        comparison.activities_only_here,
        ["Maintain the tagging strategy"]
    );
    assert_eq!(comparison.activities_only_there, ["Run game days"]);
    assert_eq!(comparison.roles_only_here, ["FinOps"]);
    assert_eq!(comparison.roles_only_there, ["Legal"]);
    assert_eq!(
        comparison.summary(),
        "1 cell differs; 1 activity only here; 1 activity only in the file; 1 role only here; \
         1 role only in the file"
    );
    let mut adopted = ours.clone();
    edit::apply(&mut adopted, cell.adopt()).unwrap();
    assert_eq!(adopted.cell(cell.activity, cell.role), Some(&letters("R")));
    assert!(compare(&adopted, &theirs).cells.is_empty());
    assert!(compare(&ours, &ours).is_empty());
}

#[test]
fn every_record_edit_is_undone_by_its_inverse() {
    let mut m = example();
    let a = m.activities[0].id;
    let add_decision = ReviewEdit::AddDecision {
        index: 0,
        decision: decision(&m, "Ops owns restores from Q3", Some(a)),
    };
    let steps = |m: &Matrix| -> Vec<ReviewEdit> {
        let mut done = action(m, "Write the runbook", Some("2026-12-15"));
        done.id = 1; // the action added below
        done.done = Some(day("2026-12-01"));
        vec![
            ReviewEdit::StartReview {
                taken: day("2026-11-30"),
            },
            ReviewEdit::AddAction {
                index: 0,
                action: action(m, "Write the runbook", Some("2026-12-15")),
            },
            ReviewEdit::SetAction { action: done },
            ReviewEdit::SetStewardship {
                stewardship: Stewardship {
                    escalation_owner: "Head of Platform".into(),
                    matrix_owner: "Cloud CoE".into(),
                    review_every_days: 30,
                    ..Stewardship::default()
                },
            },
        ]
    };
    for e in std::iter::once(add_decision).chain(steps(&m)) {
        let before = m.clone();
        let inverse = review(&mut m, e.clone());
        assert_ne!(m, before, "{e:?} changed nothing");
        let after = m.clone();
        edit::apply(&mut m, inverse).unwrap();
        assert_eq!(m.record.decisions, before.record.decisions);
        assert_eq!(m.record.actions, before.record.actions);
        assert_eq!(m.record.baseline, before.record.baseline);
        assert_eq!(m.record.stewardship, before.record.stewardship);
        m = after;
    }
    // Empty texts are refused with a reason, and nothing changes.
    let mut empty = decision(&m, "  ", None);
    empty.id = m.record.peek_id();
    let before = m.clone();
    let refused = edit::apply(
        &mut m,
        Edit::Review(Box::new(ReviewEdit::AddDecision {
            index: 0,
            decision: empty,
        })),
    );
    assert!(refused.unwrap_err().to_string().contains("decision needs"));
    assert!(m == before, "a refused edit changed the matrix");
}

#[test]
fn deleting_what_the_record_names_keeps_the_texts_and_names() {
    let mut m = example();
    let a = activity_named(&m, "Provision new accounts");
    {
        let e = ReviewEdit::AddDecision {
            index: 0,
            decision: decision(&m, "Platform vends accounts", Some(a)),
        };
        review(&mut m, e);
    }
    {
        let e = ReviewEdit::AddAction {
            index: 0,
            action: action(&m, "Review permission sets", None),
        };
        review(&mut m, e);
    }
    assert_eq!(m.record.mentions_of_activity(a), (1, 0));
    let sec = role_named(&m, "Security");
    assert_eq!(m.record.mentions_of_role(sec), (0, 1));
    assert_eq!(
        kept_on_delete(&m, &Edit::DeleteActivity { activity: a }).as_deref(),
        Some(
            "\u{201c}Provision new accounts\u{201d} is deleted; the review record keeps its 1 decision, with its name."
        )
    );
    assert_eq!(
        kept_on_delete(
            &m,
            &Edit::DeleteRole {
                role: m.roles[0].id
            }
        ),
        None
    );
    edit::apply(
        &mut m,
        Edit::RenameActivity {
            activity: a,
            name: "Vend accounts".into(),
        },
    )
    .unwrap();
    edit::apply(&mut m, Edit::DeleteActivity { activity: a }).unwrap();
    edit::apply(&mut m, Edit::DeleteRole { role: sec }).unwrap();
    let d = &m.record.decisions[0];
    assert_eq!(d.text, "Platform vends accounts");
    assert_eq!(
        activity_label(&m, d.activity, &d.activity_name),
        "Vend accounts (deleted)"
    );
    assert_eq!(m.record.actions[0].owner, "Security");
}

#[test]
fn an_accepted_finding_stays_accepted_until_its_activity_changes() {
    let mut m = example();
    let settings = RuleSettings::default();
    let today = day("2026-11-30");
    let exceptions = activity_named(&m, "Approve exceptions to guardrails");
    let found = rules::check_on(&m, &settings, today);
    let conflict = found
        .iter()
        .find(|f| f.rule == RuleId::MultipleAccountable)
        .unwrap();
    assert_eq!(conflict.activity, Some(exceptions));
    let mut accept = decision(&m, "Both sign off: agreed with the CISO", Some(exceptions));
    accept.accepts = Some(Acceptance {
        rule: RuleId::MultipleAccountable,
        about: about_fingerprint(&m, Some(exceptions), None),
    });
    review(
        &mut m,
        ReviewEdit::AddDecision {
            index: 0,
            decision: accept,
        },
    );
    let found = rules::check_on(&m, &settings, today);
    let conflict = found
        .iter()
        .find(|f| f.rule == RuleId::MultipleAccountable)
        .unwrap();
    assert_eq!(
        conflict.accepted.as_deref(),
        Some("Both sign off: agreed with the CISO")
    );
    assert!(
        rules::counts(&found).starts_with("0 conflicts"),
        "{}",
        rules::counts(&found)
    );
    assert!(rules::counts(&found).ends_with(", 1 accepted"));
    // A change to the row opens it again.
    let app = role_named(&m, "App teams");
    edit::apply(
        &mut m,
        Edit::ToggleLetter {
            activity: exceptions,
            role: app,
            letter: Letter::C,
        },
    )
    .unwrap();
    let found = rules::check_on(&m, &settings, today);
    assert!(
        found
            .iter()
            .any(|f| f.rule == RuleId::MultipleAccountable && f.is_open())
    );
}

#[test]
fn record_rules_read_the_pinned_date() {
    let mut m = example();
    m.record.stewardship = Stewardship::default();
    let settings = RuleSettings::default();
    let of = |m: &Matrix, today: &str, rule: RuleId| {
        rules::check_on(m, &settings, day(today))
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect::<Vec<_>>()
    };
    // No owner, no escalation owner while there are gaps.
    assert_eq!(of(&m, "2026-11-30", RuleId::NoMatrixOwner).len(), 1);
    let escalation = of(&m, "2026-11-30", RuleId::MissingEscalationOwner);
    assert_eq!(escalation.len(), 1);
    assert!(
        escalation[0]
            .message
            .contains("gaps with nobody to escalate them to")
    );
    let mut named = m.record.stewardship.clone();
    named.escalation_owner = "Head of Platform".into();
    named.matrix_owner = "Cloud CoE".into();
    review(&mut m, ReviewEdit::SetStewardship { stewardship: named });
    assert!(of(&m, "2026-11-30", RuleId::NoMatrixOwner).is_empty());
    assert!(of(&m, "2026-11-30", RuleId::MissingEscalationOwner).is_empty());
    let gap = rules::check_on(&m, &settings, day("2026-11-30"))
        .into_iter()
        .find(|f| f.rule == RuleId::UnassignedActivity)
        .unwrap();
    assert!(
        gap.fix.ends_with("Escalate to: Head of Platform."),
        "{}",
        gap.fix
    );
    // A group's own escalation owner wins for its activities.
    let mut per_group = m.record.stewardship.clone();
    let platform = m.groups.iter().find(|g| g.name == "Platform").unwrap().id;
    per_group
        .group_escalation
        .insert(platform, "Platform lead".into());
    review(
        &mut m,
        ReviewEdit::SetStewardship {
            stewardship: per_group,
        },
    );
    let gap = rules::check_on(&m, &settings, day("2026-11-30"))
        .into_iter()
        .find(|f| f.rule == RuleId::UnassignedActivity)
        .unwrap();
    assert!(
        gap.fix.ends_with("Escalate to: Platform lead."),
        "{}",
        gap.fix
    );

    // Overdue actions: due yesterday is overdue, due today is not, done is never.
    {
        let e = ReviewEdit::AddAction {
            index: 0,
            action: action(&m, "Write the runbook", Some("2026-11-29")),
        };
        review(&mut m, e);
    }
    assert!(of(&m, "2026-11-29", RuleId::OverdueAction).is_empty());
    let overdue = of(&m, "2026-11-30", RuleId::OverdueAction);
    assert_eq!(overdue.len(), 1);
    assert!(
        overdue[0].message.contains("\"Write the runbook\""),
        "{}",
        overdue[0].message
    );

    // The review falls due 90 days after the baseline (no review yet), then after the last one.
    review(
        &mut m,
        ReviewEdit::StartReview {
            taken: day("2026-09-01"),
        },
    );
    assert!(of(&m, "2026-11-30", RuleId::ReviewOverdue).is_empty());
    let late = of(&m, "2026-12-01", RuleId::ReviewOverdue);
    assert_eq!(late.len(), 1);
    assert!(
        late[0].message.contains("due on 2026-11-30"),
        "{}",
        late[0].message
    );
    let complete = complete_review(&m, &settings, day("2026-12-01"), "Ana, Ben");
    edit::apply(&mut m, complete).unwrap();
    assert!(of(&m, "2027-03-01", RuleId::ReviewOverdue).is_empty());
    assert_eq!(of(&m, "2027-03-02", RuleId::ReviewOverdue).len(), 1);

    // Every record rule has a switch.
    let mut off = RuleSettings::default();
    off.disabled.insert(RuleId::OverdueAction);
    assert!(
        rules::check_on(&m, &off, day("2026-12-30"))
            .iter()
            .all(|f| f.rule != RuleId::OverdueAction)
    );
}

#[test]
fn completing_a_review_records_it_and_takes_a_new_baseline() {
    let mut m = example();
    let settings = RuleSettings::default();
    review(
        &mut m,
        ReviewEdit::StartReview {
            taken: day("2026-11-01"),
        },
    );
    let exceptions = activity_named(&m, "Approve exceptions to guardrails");
    let sec = role_named(&m, "Security");
    edit::apply(
        &mut m,
        Edit::SetCell {
            activity: exceptions,
            role: sec,
            cell: letters("C"),
        },
    )
    .unwrap();
    {
        let e = ReviewEdit::AddDecision {
            index: 0,
            decision: decision(&m, "Cloud CoE approves; Security advises", Some(exceptions)),
        };
        review(&mut m, e);
    }
    let before = m.clone();
    let complete = complete_review(&m, &settings, day("2026-11-30"), " Ana, Ben ");
    let undo = edit::apply(&mut m, complete).unwrap();
    let entry = m.record.reviews.last().unwrap();
    assert_eq!(entry.attendees, "Ana, Ben");
    assert_eq!(entry.started, Some(day("2026-11-01")));
    assert_eq!(
        entry.changes,
        [ChangeLine {
            subject: "Approve exceptions to guardrails".into(),
            detail: "Security: A -> C".into()
        }]
    );
    assert_eq!(entry.decisions, [m.record.decisions[0].id]);
    assert_eq!(entry.findings_before.conflicts, 1);
    assert_eq!(entry.findings_after.conflicts, 0);
    assert_eq!(
        summary(entry),
        format!(
            "1 change; conflicts 1 -> 0; gaps {} -> {}; warnings {} -> {}",
            entry.findings_before.gaps,
            entry.findings_after.gaps,
            entry.findings_before.warnings,
            entry.findings_after.warnings
        )
    );
    assert_eq!(m.record.stewardship.last_review, Some(day("2026-11-30")));
    let baseline = m.record.baseline.as_ref().unwrap();
    assert_eq!(baseline.taken, day("2026-11-30"));
    assert!(diff(&baseline.matrix, &m).is_empty());
    // Undo takes the whole completion back (ids once given are not given again).
    edit::apply(&mut m, undo).unwrap();
    m.record.next_id = before.record.next_id;
    assert!(
        m == before,
        "undo did not restore the matrix and its record"
    );
}

#[test]
fn a_new_matrix_gets_a_baseline_of_itself_unless_it_brought_one() {
    let m = with_baseline(example(), day("2026-11-30"));
    let b = m.record.baseline.as_ref().unwrap();
    assert_eq!(b.taken, day("2026-11-30"));
    assert_eq!(*b.matrix, m.snapshot());
    let again = with_baseline(m.clone(), day("2027-01-01"));
    assert_eq!(
        again.record.baseline.as_ref().unwrap().taken,
        day("2026-11-30")
    );
}

#[test]
fn changes_group_by_what_they_are_about_and_lead_to_a_cell() {
    let baseline = example();
    let mut m = baseline.clone();
    let a = m.activities[1].id;
    let (r1, r2) = (m.roles[1].id, m.roles[2].id);
    for e in [
        Edit::SetCell {
            activity: a,
            role: r1,
            cell: letters("A"),
        },
        Edit::RenameActivity {
            activity: a,
            name: "Keep the matrix".into(),
        },
        Edit::SetCell {
            activity: a,
            role: r2,
            cell: letters("R"),
        },
        Edit::DeleteActivity {
            activity: m.activities[0].id,
        },
    ] {
        edit::apply(&mut m, e).unwrap();
    }
    let changes = diff(&baseline, &m);
    let groups = group_by_subject(&changes);
    assert_eq!(groups.len(), 2, "{groups:#?}");
    assert_eq!(
        groups[0].0,
        ChangeSubject::Activity(a, "Keep the matrix".into())
    );
    assert_eq!(groups[0].1.len(), 3);
    let cell = groups[0].1.iter().find(|c| c.cell().is_some()).unwrap();
    assert_eq!(change_target(cell, &m), cell.cell());
    assert_eq!(change_target(groups[0].1[0], &m), Some((a, m.roles[0].id)));
    // The removed activity has no cell to go to.
    assert_eq!(change_target(groups[1].1[0], &m), None);
}

#[test]
fn actions_filter_by_status_and_owner() {
    let m = example();
    let mut open = action(&m, "Write the runbook", Some("2026-12-15"));
    open.id = 1;
    let mut late = action(&m, "Name a backup owner", Some("2026-11-01"));
    late.id = 2;
    late.owner = "cloud coe".into();
    let mut done = action(&m, "Agree the cadence", None);
    done.id = 3;
    done.done = Some(day("2026-11-20"));
    let mut undated = action(&m, "Park: tagging", None);
    undated.id = 4;
    let actions = vec![open, late, done, undated];
    let today = day("2026-11-30");
    let titles = |filter, owner| {
        filter_actions(&actions, filter, owner, today)
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles(ActionFilter::Open, None),
        ["Name a backup owner", "Write the runbook", "Park: tagging"]
    );
    assert_eq!(titles(ActionFilter::Overdue, None), ["Name a backup owner"]);
    assert_eq!(titles(ActionFilter::Done, None), ["Agree the cadence"]);
    assert_eq!(
        titles(ActionFilter::All, Some("Cloud CoE")),
        ["Name a backup owner"]
    );
    assert_eq!(action_owners(&actions), ["cloud coe", "Security"]);
    assert_eq!(actions[1].status_words(today), "Overdue (due 2026-11-01)");
    assert_eq!(actions[2].status_words(today), "Done 2026-11-20");
    assert_eq!(
        ActionFilter::from_label("Overdue"),
        Some(ActionFilter::Overdue)
    );
}
