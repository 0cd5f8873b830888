//! The review record end to end in the domain: the diff replays to the current matrix on
//! generated edit sequences, the record round-trips through our JSON document, older documents
//! still open, and the minutes and actions CSV say what the room did.

use proptest::prelude::*;
use raci_workshop::commands;
use raci_workshop::edit::ReviewEdit;
use raci_workshop::edit::{self, ActivityText, Edit};
use raci_workshop::example::example;
use raci_workshop::export::{self, CsvOptions};
use raci_workshop::import::{ImportOptions, import};
use raci_workshop::model::{Acceptance, Action, Date, Decision, Stewardship};
use raci_workshop::model::{Baseline, Cell, Letter, Letters, Matrix, Record, Scheme};
use raci_workshop::review::{self, apply_changes, diff};
use raci_workshop::rules::{self, RuleId, RuleSettings};

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// One random edit, picking its targets by index among what exists.
#[derive(Clone, Debug)]
enum Step {
    Cell(usize, usize, u8),
    RenameActivity(usize, u8),
    RenameRole(usize, u8),
    AddActivity(usize),
    AddRole(usize),
    DeleteActivity(usize),
    DeleteRole(usize),
    MoveActivity(usize, usize),
    MoveRole(usize, usize),
    Regroup(usize, usize),
    AddGroup,
    DeleteGroup(usize),
    RenameGroup(usize, u8),
    Notes(usize, u8),
    Title(u8),
    Scheme(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let i = || 0usize..40;
    prop_oneof![
        6 => (i(), i(), any::<u8>()).prop_map(|(a, r, l)| Step::Cell(a, r, l)),
        1 => (i(), any::<u8>()).prop_map(|(a, n)| Step::RenameActivity(a, n)),
        1 => (i(), any::<u8>()).prop_map(|(a, n)| Step::RenameRole(a, n)),
        2 => i().prop_map(Step::AddActivity),
        1 => i().prop_map(Step::AddRole),
        1 => i().prop_map(Step::DeleteActivity),
        1 => i().prop_map(Step::DeleteRole),
        2 => (i(), i()).prop_map(|(a, b)| Step::MoveActivity(a, b)),
        1 => (i(), i()).prop_map(|(a, b)| Step::MoveRole(a, b)),
        1 => (i(), i()).prop_map(|(a, g)| Step::Regroup(a, g)),
        1 => Just(Step::AddGroup),
        1 => i().prop_map(Step::DeleteGroup),
        1 => (i(), any::<u8>()).prop_map(|(g, n)| Step::RenameGroup(g, n)),
        1 => (i(), any::<u8>()).prop_map(|(a, n)| Step::Notes(a, n)),
        1 => any::<u8>().prop_map(Step::Title),
        1 => (0usize..5).prop_map(Step::Scheme),
    ]
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

/// The edit a step makes on `m`, if it has a target.
fn edit_for(m: &mut Matrix, step: &Step) -> Option<Edit> {
    let activity = |m: &Matrix, i| pick(&m.activities, i).map(|a| a.id);
    let role = |m: &Matrix, i| pick(&m.roles, i).map(|r| r.id);
    Some(match *step {
        Step::Cell(a, r, l) => Edit::SetCell {
            activity: activity(m, a)?,
            role: role(m, r)?,
            cell: Cell::letters(Letters::from_iter(
                Letter::ALL
                    .into_iter()
                    .filter(|x| l & (1 << (*x as u8)) != 0),
            )),
        },
        Step::RenameActivity(a, n) => Edit::RenameActivity {
            activity: activity(m, a)?,
            name: format!("Activity {n}"),
        },
        Step::RenameRole(r, n) => Edit::RenameRole {
            role: role(m, r)?,
            name: format!("Role {n}"),
        },
        Step::AddActivity(a) => {
            let after = activity(m, a);
            commands::add_activity_after(m, after).0
        }
        Step::AddRole(r) => {
            let after = role(m, r);
            commands::add_role_after(m, after).0
        }
        Step::DeleteActivity(a) => Edit::DeleteActivity {
            activity: activity(m, a)?,
        },
        Step::DeleteRole(r) => Edit::DeleteRole { role: role(m, r)? },
        Step::MoveActivity(a, to) => Edit::MoveActivity {
            activity: activity(m, a)?,
            index: to % m.activities.len().max(1),
        },
        Step::MoveRole(r, to) => Edit::MoveRole {
            role: role(m, r)?,
            index: to % m.roles.len().max(1),
        },
        Step::Regroup(a, g) => Edit::SetActivityGroup {
            activity: activity(m, a)?,
            group: pick(&m.groups, g).map(|g| g.id),
        },
        Step::AddGroup => {
            let a = activity(m, 0)?;
            commands::new_group_for(m, a)?.0
        }
        Step::DeleteGroup(g) => Edit::DeleteGroup {
            group: pick(&m.groups, g)?.id,
        },
        Step::RenameGroup(g, n) => Edit::RenameGroup {
            group: pick(&m.groups, g)?.id,
            name: format!("Group {n}"),
        },
        Step::Notes(a, n) => Edit::SetActivityText {
            activity: activity(m, a)?,
            field: ActivityText::Notes,
            value: if n % 3 == 0 {
                String::new()
            } else {
                format!("note {n}")
            },
        },
        Step::Title(n) => Edit::SetTitle {
            title: format!("Matrix {n}"),
        },
        Step::Scheme(s) => Edit::SetScheme {
            scheme: Scheme::ALL[s],
        },
    })
}

/// What the diff is about: everything but id bookkeeping, the sheet layout and the record.
fn content(m: &Matrix) -> Matrix {
    let mut m = m.snapshot();
    m.next_id = 0;
    m.columns = Default::default();
    m
}

fn record_for(m: &Matrix) -> Record {
    let a = m.activities.first().map(|a| a.id);
    let mut record = Record {
        baseline: Some(Baseline {
            taken: day("2026-09-01"),
            matrix: Box::new(example().snapshot()),
        }),
        stewardship: Stewardship {
            escalation_owner: "Head of \"Platform\"".into(),
            matrix_owner: "Cloud CoE | ops".into(),
            review_every_days: 45,
            last_review: Some(day("2026-10-01")),
            ..Stewardship::default()
        },
        ..Record::default()
    };
    if let Some(g) = m.groups.first() {
        record
            .stewardship
            .group_escalation
            .insert(g.id, "Group lead".into());
    }
    record.decisions.push(Decision {
        id: 1,
        date: day("2026-11-30"),
        text: "Ops owns restores\nfrom Q3, \"agreed\"".into(),
        activity: a,
        role: None,
        activity_name: "kept".into(),
        role_name: String::new(),
        accepts: Some(Acceptance {
            rule: RuleId::MultipleAccountable,
            about: "0123456789abcdef".into(),
        }),
    });
    record.actions.push(Action {
        id: 2,
        title: "=HYPERLINK(\"x\")".into(),
        owner: "Security".into(),
        owner_role: m.roles.first().map(|r| r.id),
        due: Some(day("2026-12-15")),
        activity: a,
        activity_name: "kept".into(),
        description: "Write the runbook".into(),
        created: day("2026-11-30"),
        done: Some(day("2026-12-01")),
    });
    record.reviews.push(review::draft_entry(
        m,
        &RuleSettings::default(),
        day("2026-10-01"),
        "Ana",
    ));
    record.reviews[0].id = 3;
    record.next_id = 4;
    record
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Applying the diff's changes to the baseline gives the current matrix.
    #[test]
    fn the_diff_replays_to_the_current_matrix(steps in prop::collection::vec(step(), 0..25)) {
        let baseline = example();
        let mut current = baseline.clone();
        for step in &steps {
            if let Some(edit) = edit_for(&mut current, step) {
                let _ = edit::apply(&mut current, edit);
            }
        }
        let changes = diff(&baseline, &current);
        let replayed = apply_changes(&baseline, &changes).unwrap();
        prop_assert!(content(&replayed) == content(&current), "{:#?}", changes);
        prop_assert_eq!(changes.is_empty(), content(&baseline) == content(&current));
    }

    /// The whole record survives our JSON export and import.
    #[test]
    fn the_record_round_trips_through_json(steps in prop::collection::vec(step(), 0..10)) {
        let mut m = example();
        for step in &steps {
            if let Some(edit) = edit_for(&mut m, step) {
                let _ = edit::apply(&mut m, edit);
            }
        }
        m.record = record_for(&m);
        let json = export::json(&m, &RuleSettings::default());
        let back = import(json.as_bytes(), &ImportOptions::default()).unwrap().matrix;
        prop_assert!(back.record == m.record, "{}", json);
        // Ids are renumbered from the highest in use; everything else comes back as it was.
        prop_assert!(content(&back) == content(&m));
    }
}

#[test]
fn documents_of_version_1_still_open() {
    let bytes = std::fs::read("tests/fixtures/document-v1.json").unwrap();
    let imported = import(&bytes, &ImportOptions::default()).unwrap();
    assert_eq!(imported.matrix.title, "Cloud operating model");
    assert_eq!(imported.matrix.activities.len(), 15);
    assert_eq!(imported.matrix.record, Record::default());
    assert_eq!(imported.settings.unwrap().max_consulted, 4);
}

#[test]
fn newer_documents_are_refused() {
    let json = export::json(&example(), &RuleSettings::default())
        .replace("\"version\": 2", "\"version\": 3");
    let error = import(json.as_bytes(), &ImportOptions::default()).unwrap_err();
    assert!(error.to_string().contains("newer version"), "{error}");
}

/// A review as a room runs it: a change, a decision, an action, an accepted finding.
fn reviewed() -> (Matrix, RuleSettings) {
    let settings = RuleSettings::default();
    let mut m = review::with_baseline(example(), day("2026-11-01"));
    let find = |m: &Matrix, name: &str| m.activities.iter().find(|a| a.name == name).unwrap().id;
    let exceptions = find(&m, "Approve exceptions to guardrails");
    let backup = find(&m, "Define backup and restore policy");
    let sec = m.role_by_name("Security").unwrap().id;
    let platform = m.role_by_name("Platform team").unwrap().id;
    let apply = |m: &mut Matrix, e: Edit| edit::apply(m, e).unwrap();
    apply(
        &mut m,
        Edit::SetCell {
            activity: exceptions,
            role: sec,
            cell: Cell::letters(Letters::only(Letter::C)),
        },
    );
    apply(
        &mut m,
        Edit::SetCell {
            activity: backup,
            role: platform,
            cell: Cell::letters(Letters::only(Letter::R)),
        },
    );
    let decision = Decision {
        id: m.record.peek_id(),
        date: day("2026-11-30"),
        text: "Security advises on exceptions; Cloud CoE approves".into(),
        activity: Some(exceptions),
        role: None,
        activity_name: String::new(),
        role_name: String::new(),
        accepts: None,
    };
    apply(
        &mut m,
        Edit::Review(Box::new(ReviewEdit::AddDecision { index: 0, decision })),
    );
    let action = Action {
        id: m.record.peek_id(),
        title: "Name an Accountable for backups".into(),
        owner: "Cloud CoE".into(),
        owner_role: m.role_by_name("Cloud CoE").map(|r| r.id),
        due: Some(day("2026-12-15")),
        activity: Some(backup),
        activity_name: String::new(),
        description: "=cmd|' /C calc'!A0".into(),
        created: day("2026-11-30"),
        done: None,
    };
    apply(
        &mut m,
        Edit::Review(Box::new(ReviewEdit::AddAction { index: 0, action })),
    );
    (m, settings)
}

#[test]
fn the_minutes_tell_what_the_room_did() {
    let (m, settings) = reviewed();
    let today = day("2026-11-30");
    let findings = rules::check_on(&m, &settings, today);
    let entry = review::minutes_entry(&m, &settings, today, "Ana (Ops), Ben (Security)");
    let text = export::minutes(&m, &findings, &entry, today);
    for expected in [
        "# Review minutes: Cloud operating model",
        "- **Date:** 2026-11-30 (review in progress)",
        "- **Review started:** 2026-11-01",
        "- **Attendees:** Ana (Ops), Ben (Security)",
        "- **Matrix owner:** Cloud CoE",
        "- **Escalation owner:** Head of Cloud Platform",
        "- **Next review:** 2027-01-30 (every 90 days)",
        "2 changes; conflicts 1 -> 0; gaps 4 -> 4; warnings 3 -> 3.",
        "| Approve exceptions to guardrails | Security: A -> C |",
        "| Define backup and restore policy | Platform team: (blank) -> R |",
        "- 2026-11-30: **Approve exceptions to guardrails**: Security advises on exceptions; Cloud CoE approves",
        "| Name an Accountable for backups | Cloud CoE | 2026-12-15 | Open | Define backup and restore policy |",
        "## Findings still open on 2026-11-30",
        "| gap | \"Define backup and restore policy\" has no Accountable. | Head of Cloud Platform |",
        "| No Accountable (`missing-accountable`) |",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }

    // Once completed, the minutes are those of the completed review.
    let mut done = m.clone();
    edit::apply(
        &mut done,
        review::complete_review(&m, &settings, today, "Ana (Ops), Ben (Security)"),
    )
    .unwrap();
    let entry = review::minutes_entry(&done, &settings, today, "");
    let findings = rules::check_on(&done, &settings, today);
    let text = export::minutes(&done, &findings, &entry, today);
    assert!(text.contains("- **Date:** 2026-11-30\n"), "{text}");
    assert!(
        text.contains("- **Next review:** 2027-02-28 (every 90 days)"),
        "{text}"
    );
    assert!(
        text.contains("| Approve exceptions to guardrails | Security: A -> C |"),
        "{text}"
    );
}

#[test]
fn the_actions_csv_is_what_issue_trackers_import_and_injection_safe() {
    let (m, _) = reviewed();
    let csv = String::from_utf8(export::actions_csv(&m, &CsvOptions::default())).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}Summary,Owner,Due date,Status,Activity,Description"
    );
    assert_eq!(
        lines.next().unwrap(),
        "Name an Accountable for backups,Cloud CoE,2026-12-15,Open,Define backup and restore policy,'=cmd|' /C calc'!A0"
    );
}

/// A year of reviews on a large matrix: 1,000 x 60 with its baseline, 50 decisions, 100 actions
/// and 5 completed reviews.
fn large_reviewed() -> Matrix {
    let mut m = Matrix::new("Large operating model");
    for r in 0..60 {
        m.push_role(&format!("Team {r}"));
    }
    for a in 0..1000 {
        m.push_activity(&format!("Activity {a}"), None);
        let cells = &mut m.activities[a].cells;
        cells[a % 60] = Cell::letters(Letters::only(Letter::A));
        cells[(a + 7) % 60] = Cell::letters(Letters::only(Letter::R));
        cells[(a + 13) % 60] = Cell::letters(Letters::only(Letter::C));
    }
    let settings = RuleSettings::default();
    let mut m = review::with_baseline(m, day("2026-01-05"));
    for n in 0..5 {
        let activity = m.activities[n * 10].id;
        let role = m.roles[n].id;
        edit::apply(
            &mut m,
            Edit::ToggleLetter {
                activity,
                role,
                letter: Letter::I,
            },
        )
        .unwrap();
        for k in 0..10 {
            let d = Decision::new(
                &m,
                &format!("Decision {n}.{k}"),
                Some(m.activities[k].id),
                None,
                day("2026-02-01"),
            );
            edit::apply(
                &mut m,
                Edit::Review(Box::new(ReviewEdit::AddDecision {
                    index: usize::MAX,
                    decision: d,
                })),
            )
            .unwrap();
        }
        for k in 0..20 {
            let a = Action::new(
                &m,
                &format!("Action {n}.{k}"),
                "Team 3",
                Some(day("2026-06-30")),
                None,
                day("2026-02-01"),
            );
            edit::apply(
                &mut m,
                Edit::Review(Box::new(ReviewEdit::AddAction {
                    index: usize::MAX,
                    action: a,
                })),
            )
            .unwrap();
        }
        let when = day("2026-02-01").plus_days(90 * n as i32);
        let complete = review::complete_review(&m, &settings, when, "Ana, Ben");
        edit::apply(&mut m, complete).unwrap();
    }
    m
}

#[test]
fn a_year_of_reviews_on_a_large_matrix_saves_and_reloads() {
    use raci_workshop::history::History;
    use raci_workshop::library::{self, Index, MemoryStore};
    let m = large_reviewed();
    assert_eq!(m.record.decisions.len(), 50);
    assert_eq!(m.record.actions.len(), 100);
    assert_eq!(m.record.reviews.len(), 5);
    let settings = RuleSettings::default();
    // localStorage holds about five million characters per origin.
    let mut store = MemoryStore {
        capacity: Some(5_000_000),
        ..MemoryStore::default()
    };
    let mut index = Index::default();
    let (id, saved) = library::create(
        &mut store,
        &mut index,
        &m,
        &settings,
        "2026-11-30T10:00:00Z",
    );
    saved.unwrap();
    let (back, back_settings) = library::read_document(&store, &id).unwrap();
    assert!(back.record == m.record);
    assert!(content(&back) == content(&m));
    assert_eq!(back_settings, settings);

    // When storage refuses, saving says so and the matrix in memory is untouched.
    let mut full = MemoryStore {
        capacity: Some(10_000),
        ..MemoryStore::default()
    };
    let before = m.clone();
    let refused = library::save(
        &mut full,
        &mut index,
        &id,
        &m,
        &settings,
        &History::default(),
        "now",
    );
    assert!(refused.is_err());
    assert!(m == before);
}
