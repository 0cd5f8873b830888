//! The incremental checker gives exactly the findings of a full check (same findings, order and
//! words) after every step of random edit sequences: cell edits, renames, structural edits,
//! settings changes, review-record edits, undo and redo; and what a step changed in the
//! findings (for screen readers) is what a comparison of every finding with every other says.
//! What the page reads from the checker's snapshot (counts, lists by severity, what to announce)
//! and the index of marks, kept up to date from the places that changed, equal the same read from
//! a full check.

mod common;

use proptest::prelude::*;
use raci_workshop::commands;
use raci_workshop::edit::{ActivityText, Edit, Parts, ReviewEdit};
use raci_workshop::grid::FindingIndex;
use raci_workshop::history::History;
use raci_workshop::model::{Action, Cell, Date, Decision, Letter, Letters, Matrix, Scheme};
use raci_workshop::rules::{self, Change, Checker, Finding, RuleId, RuleSettings, Severity};

/// One random step, picking its targets by index among what exists.
#[derive(Clone, Debug)]
enum Step {
    Cell(usize, usize, u8),
    Toggle(usize, usize, usize),
    Unreadable(usize, usize),
    /// Several cells in one step, as a paste makes.
    Paste(Vec<(usize, usize, u8)>),
    RenameActivity(usize, u8),
    RenameRole(usize, u8),
    AddActivity(usize),
    AddRole(usize),
    DeleteActivity(usize),
    DeleteRole(usize),
    MoveActivity(usize, usize),
    MoveRole(usize, usize),
    Regroup(usize, usize),
    AddGroup(usize),
    DeleteGroup(usize),
    Scheme(usize),
    Title(u8),
    /// An activity's description, notes or an extra column.
    Text(usize, u8),
    RoleDescription(usize, u8),
    RenameGroup(usize, u8),
    StartReview,
    Settings(RuleSettings, Vec<RuleId>),
    Escalation(u8, bool),
    Accept(usize),
    Action(usize, bool),
    Undo,
    Redo,
    Today(u8),
}

fn step() -> impl Strategy<Value = Step> {
    let i = || 0usize..40;
    let cell = || (i(), i(), any::<u8>());
    prop_oneof![
        8 => cell().prop_map(|(a, r, l)| Step::Cell(a, r, l)),
        4 => (i(), i(), 0usize..Letter::ALL.len()).prop_map(|(a, r, l)| Step::Toggle(a, r, l)),
        1 => (i(), i()).prop_map(|(a, r)| Step::Unreadable(a, r)),
        2 => prop::collection::vec(cell(), 1..5).prop_map(Step::Paste),
        2 => (i(), any::<u8>()).prop_map(|(a, n)| Step::RenameActivity(a, n)),
        1 => (i(), any::<u8>()).prop_map(|(r, n)| Step::RenameRole(r, n)),
        1 => i().prop_map(Step::AddActivity),
        1 => i().prop_map(Step::AddRole),
        1 => i().prop_map(Step::DeleteActivity),
        1 => i().prop_map(Step::DeleteRole),
        1 => (i(), i()).prop_map(|(a, b)| Step::MoveActivity(a, b)),
        1 => (i(), i()).prop_map(|(a, b)| Step::MoveRole(a, b)),
        1 => (i(), i()).prop_map(|(a, g)| Step::Regroup(a, g)),
        1 => i().prop_map(Step::AddGroup),
        1 => i().prop_map(Step::DeleteGroup),
        1 => (0..Scheme::ALL.len()).prop_map(Step::Scheme),
        1 => any::<u8>().prop_map(Step::Title),
        1 => (i(), any::<u8>()).prop_map(|(a, n)| Step::Text(a, n)),
        1 => (i(), any::<u8>()).prop_map(|(r, n)| Step::RoleDescription(r, n)),
        1 => (i(), any::<u8>()).prop_map(|(g, n)| Step::RenameGroup(g, n)),
        1 => Just(Step::StartReview),
        1 => (common::settings(), prop::collection::vec(prop::sample::select(RuleId::ALL.to_vec()), 0..3))
            .prop_map(|(s, off)| Step::Settings(s, off)),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(n, g)| Step::Escalation(n, g)),
        2 => i().prop_map(Step::Accept),
        1 => (i(), any::<bool>()).prop_map(|(a, late)| Step::Action(a, late)),
        3 => Just(Step::Undo),
        2 => Just(Step::Redo),
        1 => any::<u8>().prop_map(Step::Today),
    ]
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// Letters from the bits of `l`, so that foreign letters and odd pairs come up too.
fn letters(l: u8) -> Cell {
    Cell::letters(
        Letter::ALL
            .into_iter()
            .filter(|x| l & (1 << (*x as u8)) != 0)
            .collect::<Letters>(),
    )
}

fn set_cell(m: &Matrix, (a, r, l): (usize, usize, u8)) -> Option<Edit> {
    Some(Edit::SetCell {
        activity: pick(&m.activities, a)?.id,
        role: pick(&m.roles, r)?.id,
        cell: letters(l),
    })
}

/// The edit a matrix step makes on `m`, if it has a target.
fn edit_for(m: &Matrix, step: &Step, today: Date, findings: &[rules::Finding]) -> Option<Edit> {
    let activity = |i| pick(&m.activities, i).map(|a| a.id);
    let role = |i| pick(&m.roles, i).map(|r| r.id);
    Some(match step {
        Step::Cell(a, r, l) => set_cell(m, (*a, *r, *l))?,
        Step::Toggle(a, r, l) => Edit::ToggleLetter {
            activity: activity(*a)?,
            role: role(*r)?,
            letter: Letter::ALL[*l],
        },
        Step::Unreadable(a, r) => Edit::SetCell {
            activity: activity(*a)?,
            role: role(*r)?,
            cell: Cell::unrecognised("maybe"),
        },
        Step::Paste(cells) => Edit::Batch {
            edits: cells.iter().filter_map(|c| set_cell(m, *c)).collect(),
        },
        // Few distinct names, so that duplicates come and go.
        Step::RenameActivity(a, n) => Edit::RenameActivity {
            activity: activity(*a)?,
            name: format!("Activity {}", n % 6),
        },
        Step::RenameRole(r, n) => Edit::RenameRole {
            role: role(*r)?,
            name: format!("Role {}", n % 6),
        },
        Step::AddActivity(a) => commands::add_activity_after(m, activity(*a)).0,
        Step::AddRole(r) => commands::add_role_after(m, role(*r)).0,
        Step::DeleteActivity(a) => Edit::DeleteActivity {
            activity: activity(*a)?,
        },
        Step::DeleteRole(r) => Edit::DeleteRole { role: role(*r)? },
        Step::MoveActivity(a, to) => Edit::MoveActivity {
            activity: activity(*a)?,
            index: to % m.activities.len().max(1),
        },
        Step::MoveRole(r, to) => Edit::MoveRole {
            role: role(*r)?,
            index: to % m.roles.len().max(1),
        },
        Step::Regroup(a, g) => Edit::SetActivityGroup {
            activity: activity(*a)?,
            group: pick(&m.groups, *g).map(|g| g.id),
        },
        Step::AddGroup(a) => commands::new_group_for(m, activity(*a)?)?.0,
        Step::DeleteGroup(g) => Edit::DeleteGroup {
            group: pick(&m.groups, *g)?.id,
        },
        Step::Scheme(s) => Edit::SetScheme {
            scheme: Scheme::ALL[*s],
        },
        Step::Title(n) => Edit::SetTitle {
            title: format!("Matrix {n}"),
        },
        Step::Text(a, n) => Edit::SetActivityText {
            activity: activity(*a)?,
            field: match n % 3 {
                0 => ActivityText::Description,
                1 => ActivityText::Notes,
                _ => ActivityText::Field("WBS".into()),
            },
            value: if n % 4 == 0 {
                String::new()
            } else {
                format!("Text {n}")
            },
        },
        Step::RoleDescription(r, n) => Edit::SetRoleDescription {
            role: role(*r)?,
            description: format!("Does {n}"),
        },
        Step::RenameGroup(g, n) => Edit::RenameGroup {
            group: pick(&m.groups, *g)?.id,
            name: format!("Group {}", n % 4),
        },
        Step::StartReview => Edit::Review(Box::new(ReviewEdit::StartReview { taken: today })),
        Step::Escalation(n, group) => {
            let mut stewardship = m.record.stewardship.clone();
            let owner = if n % 3 == 0 {
                String::new()
            } else {
                format!("Lead {n}")
            };
            match m.groups.first().filter(|_| *group) {
                Some(g) => {
                    stewardship.group_escalation.insert(g.id, owner);
                }
                None => stewardship.escalation_owner = owner,
            }
            stewardship.matrix_owner = if n % 2 == 0 {
                "CoE".into()
            } else {
                String::new()
            };
            Edit::Review(Box::new(ReviewEdit::SetStewardship { stewardship }))
        }
        Step::Accept(f) => Edit::Review(Box::new(ReviewEdit::AddDecision {
            index: usize::MAX,
            decision: Decision::accepting(m, pick(findings, *f)?, "Fine as it is", today),
        })),
        Step::Action(a, late) => {
            let due = if *late {
                day("2026-01-01")
            } else {
                day("2027-06-01")
            };
            let action = Action::new(m, "Follow up", "Ops", Some(due), activity(*a), today);
            Edit::Review(Box::new(ReviewEdit::AddAction {
                index: usize::MAX,
                action,
            }))
        }
        Step::Settings(..) | Step::Undo | Step::Redo | Step::Today(_) => return None,
    })
}

/// The workshop's state as the app holds it: matrix, settings, history, today.
struct Session {
    matrix: Matrix,
    settings: RuleSettings,
    history: History,
    today: Date,
}

impl Session {
    /// Runs `step` and returns what it changed, as the app tells its checker and its views.
    fn run(&mut self, step: &Step, findings: &[rules::Finding]) -> (Change, Parts) {
        let walked = match step {
            Step::Undo => self.history.undo(&mut self.matrix, &mut self.settings),
            Step::Redo => self.history.redo(&mut self.matrix, &mut self.settings),
            Step::Settings(new, off) => {
                let mut new = new.clone();
                new.disabled = off.iter().copied().collect();
                self.history
                    .change_settings(&mut self.settings, new, "test");
                return Default::default();
            }
            Step::Today(n) => {
                self.today = day("2026-06-01").plus_days(i32::from(*n) * 3);
                return Default::default();
            }
            _ => {
                let Some(edit) = edit_for(&self.matrix, step, self.today, findings) else {
                    return Default::default();
                };
                let change = (Change::of(&edit), Parts::of(&edit));
                // A refused edit changes nothing; the checker is told anyway, as the app does.
                let _ = self.history.apply(&mut self.matrix, edit);
                return change;
            }
        };
        walked
            .and_then(|s| s.edit)
            .map_or_else(Default::default, |e| (Change::of(&e), Parts::of(&e)))
    }
}

/// What appeared and what went away, by comparing every place with every other.
fn naive_changes<'a>(
    before: &'a [Finding],
    after: &'a [Finding],
) -> (Vec<&'a Finding>, Vec<&'a Finding>) {
    let place = |f: &Finding| (f.rule, f.activity, f.role);
    let missing = |from: &'a [Finding], of: &'a [Finding]| -> Vec<&'a Finding> {
        from.iter()
            .filter(|f| of.iter().all(|g| place(g) != place(f)))
            .collect()
    };
    (missing(after, before), missing(before, after))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn incremental_findings_equal_a_full_check_after_every_step(
        matrix in common::matrix(),
        settings in common::settings(),
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let mut session = Session {
            matrix,
            settings,
            history: History::default(),
            today: day("2026-11-30"),
        };
        let mut checker = Checker::new(&session.matrix, &session.settings);
        let mut snapshot = checker.findings_on(&session.matrix, session.today);
        let mut findings = snapshot.to_vec();
        let mut index = FindingIndex::of(&snapshot);
        for (n, step) in steps.iter().enumerate() {
            let matrix_before = session.matrix.clone();
            let (change, parts) = session.run(step, &findings);
            // The views that follow only some parts are told of every part the step changed.
            let changed = Parts::between(&matrix_before, &session.matrix);
            prop_assert!(parts.contains(changed), "step {} ({:?}) changed {:?}, told {:?}", n, step, changed, parts);
            checker.update(&session.matrix, &session.settings, &change);
            let previous = std::mem::replace(
                &mut snapshot,
                checker.findings_on(&session.matrix, session.today),
            );
            let before = std::mem::replace(&mut findings, snapshot.to_vec());
            let full = rules::check_on(&session.matrix, &session.settings, session.today);
            prop_assert_eq!(&findings, &full, "after step {} ({:?})", n, step);
            prop_assert_eq!(rules::changes(&before, &findings), naive_changes(&before, &findings));
            // What the page reads from the snapshot, kept up to date from what changed, equals
            // the same read from the full list.
            prop_assert_eq!(snapshot.announce_since(&previous), rules::announce(&before, &full));
            prop_assert_eq!(snapshot.counts(), rules::counts(&full));
            prop_assert_eq!(snapshot.len(), full.len());
            prop_assert_eq!(snapshot.accepted_count(), full.iter().filter(|f| !f.is_open()).count());
            prop_assert_eq!(
                snapshot.accepted().collect::<Vec<_>>(),
                full.iter().filter(|f| !f.is_open()).collect::<Vec<_>>()
            );
            for severity in Severity::ALL {
                prop_assert_eq!(
                    snapshot.open(severity),
                    full.iter().filter(|f| f.severity == severity && f.is_open()).count()
                );
                prop_assert_eq!(
                    snapshot.of_severity(severity).collect::<Vec<_>>(),
                    full.iter().filter(|f| f.severity == severity).collect::<Vec<_>>()
                );
            }
            for rule in RuleId::ALL {
                prop_assert_eq!(snapshot.of_rule(rule), full.iter().filter(|f| f.rule == rule).count());
            }
            index.update(&snapshot);
            prop_assert_eq!(&index, &FindingIndex::new(&full), "index after step {}", n);
        }
    }
}
