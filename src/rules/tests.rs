//! Behaviour of each rule as the facilitator sees it: what fires, what stays quiet, in what words.

use proptest::prelude::*;

use super::{Finding, ResponsibleRule, RuleId, RuleSettings, Severity, changes, check};
use crate::example::example;
use crate::model::{ActivityId, Cell, Letter, Matrix, RoleId, Scheme};

/// A matrix from a compact table: each row is an activity name and one cell per role, written as
/// people type them ("A/R", "C", "" for blank); anything that is not letters is kept unrecognised.
fn matrix(scheme: Scheme, roles: &[&str], rows: &[(&str, &[&str])]) -> Matrix {
    let mut m = Matrix::new("Test");
    m.scheme = scheme;
    for role in roles {
        m.push_role(role);
    }
    for (name, cells) in rows {
        assert_eq!(cells.len(), roles.len(), "row {name} has the wrong width");
        let id = m.push_activity(name, None);
        let a = m.activity_index(id).unwrap();
        m.activities[a].cells = cells.iter().map(|text| cell(text)).collect();
    }
    m
}

fn cell(text: &str) -> Cell {
    let letters: Option<Vec<Letter>> = text
        .chars()
        .filter(|c| *c != '/')
        .map(Letter::from_char)
        .collect();
    match letters {
        Some(letters) => Cell::letters(letters.into_iter().collect()),
        None => Cell::unrecognised(text),
    }
}

fn raci(roles: &[&str], rows: &[(&str, &[&str])]) -> Matrix {
    matrix(Scheme::Raci, roles, rows)
}

fn of(findings: &[Finding], rule: RuleId) -> Vec<&Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn messages(findings: &[Finding], rule: RuleId) -> Vec<&str> {
    of(findings, rule).iter().map(|f| &*f.message).collect()
}

fn activity_id(m: &Matrix, name: &str) -> ActivityId {
    m.activities.iter().find(|a| a.name == name).unwrap().id
}

fn role_id(m: &Matrix, name: &str) -> RoleId {
    m.roles.iter().find(|r| r.name == name).unwrap().id
}

fn without(rule: RuleId) -> RuleSettings {
    let mut settings = RuleSettings::default();
    settings.disabled.insert(rule);
    settings
}

/// Switching `rule` off removes exactly its findings, which were there before.
fn assert_switches_off(m: &Matrix, rule: RuleId) {
    let all = check(m, &RuleSettings::default());
    assert!(!of(&all, rule).is_empty(), "{rule} should fire here");
    let rest: Vec<Finding> = all.into_iter().filter(|f| f.rule != rule).collect();
    assert_eq!(check(m, &without(rule)), rest);
}

const ROLES: [&str; 3] = ["Ops", "Security", "Dev"];

#[test]
fn a_clean_matrix_has_no_findings() {
    let m = raci(
        &ROLES,
        &[
            ("Patch hosts", &["A/R", "C", "I"]),
            ("Review code", &["I", "C", "A/R"]),
            ("Rotate keys", &["R", "A", ""]),
        ],
    );
    assert_eq!(check(&m, &RuleSettings::default()), vec![]);
}

#[test]
fn an_activity_without_accountable_is_a_gap() {
    let m = raci(
        &ROLES,
        &[
            ("Patch hosts", &["R", "C", ""]),
            ("Deploy", &["R", "A", ""]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    let missing = of(&found, RuleId::MissingAccountable);
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].severity, Severity::Gap);
    assert_eq!(missing[0].activity, Some(activity_id(&m, "Patch hosts")));
    assert_eq!(missing[0].role, None);
    assert_eq!(&*missing[0].message, "\"Patch hosts\" has no Accountable.");
    assert_switches_off(&m, RuleId::MissingAccountable);
}

#[test]
fn two_accountables_are_a_conflict_naming_both_roles() {
    let m = raci(
        &ROLES,
        &[
            ("Patch hosts", &["A", "A/R", ""]),
            ("Deploy", &["A", "R", ""]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    let multiple = of(&found, RuleId::MultipleAccountable);
    assert_eq!(multiple.len(), 1);
    assert_eq!(multiple[0].severity, Severity::Conflict);
    assert_eq!(
        &*multiple[0].message,
        "\"Patch hosts\" has 2 roles marked Accountable: \"Ops\", \"Security\"."
    );
    assert_switches_off(&m, RuleId::MultipleAccountable);
}

#[test]
fn an_activity_nobody_does_is_a_gap_and_the_accountable_doing_it_counts() {
    let m = raci(
        &ROLES,
        &[
            ("Patch hosts", &["A", "C", "I"]),
            ("Deploy", &["A/R", "", ""]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    assert_eq!(
        messages(&found, RuleId::MissingResponsible),
        ["\"Patch hosts\" has no Responsible."]
    );
    assert_eq!(
        of(&found, RuleId::MissingResponsible)[0].severity,
        Severity::Gap
    );
    assert_switches_off(&m, RuleId::MissingResponsible);
}

#[test]
fn daci_speaks_of_approvers_and_drivers() {
    let m = matrix(
        Scheme::Daci,
        &ROLES,
        &[
            ("Pick a vendor", &["C", "I", ""]),
            ("Set budget", &["A", "A/D", ""]),
            ("Plan launch", &["A/D", "C", "I"]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    assert_eq!(
        messages(&found, RuleId::MissingAccountable),
        ["\"Pick a vendor\" has no Approver."]
    );
    assert_eq!(
        messages(&found, RuleId::MissingResponsible),
        ["\"Pick a vendor\" has no Driver."]
    );
    assert_eq!(
        messages(&found, RuleId::MultipleAccountable),
        ["\"Set budget\" has 2 roles marked Approver: \"Ops\", \"Security\"."]
    );
    // A/D is DACI's normal combination, so it is not an unresolved cell.
    assert!(of(&found, RuleId::UnresolvedCell).is_empty());
    assert!(
        found
            .iter()
            .all(|f| !f.why.contains("Accountable") && !f.fix.contains("Responsible"))
    );
}

#[test]
fn an_r_in_a_daci_matrix_is_not_a_driver() {
    let m = matrix(Scheme::Daci, &ROLES, &[("Plan launch", &["A", "R", ""])]);
    let found = check(&m, &RuleSettings::default());
    assert_eq!(
        messages(&found, RuleId::MissingResponsible),
        ["\"Plan launch\" has no Driver."]
    );
    assert_eq!(
        messages(&found, RuleId::UnresolvedCell),
        ["\"Security\" on \"Plan launch\" holds R, which DACI does not have."]
    );
}

#[test]
fn an_empty_activity_is_abandoned_and_nothing_else() {
    let m = raci(
        &ROLES,
        &[
            ("Patch hosts", &["", "", ""]),
            ("Deploy", &["A/R", "R", "R"]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::UnassignedActivity);
    assert_eq!(found[0].severity, Severity::Gap);
    assert_eq!(found[0].activity, Some(activity_id(&m, "Patch hosts")));
    assert_eq!(&*found[0].message, "\"Patch hosts\" has no letters at all.");
    assert!(found[0].why.contains("OPS02-BP04"));
}

#[test]
fn with_the_abandonment_rule_off_an_empty_activity_still_lacks_its_owner() {
    let m = raci(
        &ROLES,
        &[
            ("Patch hosts", &["", "", ""]),
            ("Deploy", &["A/R", "R", "R"]),
        ],
    );
    let found = check(&m, &without(RuleId::UnassignedActivity));
    let rules: Vec<RuleId> = found.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        [RuleId::MissingAccountable, RuleId::MissingResponsible]
    );
}

#[test]
fn a_row_of_unreadable_values_is_unresolved_not_abandoned() {
    let m = raci(&ROLES, &[("Patch hosts", &["maybe", "", "tbd"])]);
    let found = check(&m, &RuleSettings::default());
    assert!(of(&found, RuleId::UnassignedActivity).is_empty());
    assert_eq!(
        messages(&found, RuleId::UnresolvedCell),
        [
            "\"Ops\" on \"Patch hosts\" reads \"maybe\", which is not a RACI letter.",
            "\"Dev\" on \"Patch hosts\" reads \"tbd\", which is not a RACI letter."
        ]
    );
    assert_eq!(of(&found, RuleId::MissingAccountable).len(), 1);
}

#[test]
fn a_role_with_no_letters_is_idle_but_unreadable_values_are_not_idleness() {
    let m = raci(
        &["Ops", "Legal", "Audit"],
        &[
            ("Patch hosts", &["A/R", "", "?"]),
            ("Deploy", &["A/R", "", ""]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    let idle = of(&found, RuleId::IdleRole);
    assert_eq!(idle.len(), 1);
    assert_eq!(idle[0].role, Some(role_id(&m, "Legal")));
    assert_eq!(idle[0].activity, None);
    assert_eq!(idle[0].severity, Severity::Warning);
    assert_eq!(
        &*idle[0].message,
        "\"Legal\" has no letters on any activity."
    );
    // Neither the idle role nor the unreadable one is also told it owns nothing.
    assert!(of(&found, RuleId::RoleWithoutOwnership).is_empty());
    assert_switches_off(&m, RuleId::IdleRole);
}

#[test]
fn a_role_that_only_advises_carries_no_ownership() {
    let m = raci(
        &ROLES,
        &[
            ("Patch hosts", &["A/R", "C", "R"]),
            ("Deploy", &["A/R", "I", ""]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    let without_ownership = of(&found, RuleId::RoleWithoutOwnership);
    assert_eq!(without_ownership.len(), 1);
    assert_eq!(without_ownership[0].role, Some(role_id(&m, "Security")));
    assert_eq!(
        &*without_ownership[0].message,
        "\"Security\" is never Responsible or Accountable."
    );
    assert_switches_off(&m, RuleId::RoleWithoutOwnership);
}

/// Five activities; "Ops" owns the first `owned` of them, "Dev" does the rest.
fn ops_owning(owned: usize, total: usize) -> Matrix {
    let rows: Vec<(String, [&str; 2])> = (0..total)
        .map(|i| {
            let cells = if i < owned {
                ["A/R", "C"]
            } else {
                ["C", "A/R"]
            };
            (format!("Task {}", i + 1), cells)
        })
        .collect();
    let rows: Vec<(&str, &[&str])> = rows.iter().map(|(n, c)| (n.as_str(), &c[..])).collect();
    raci(&["Ops", "Dev"], &rows)
}

#[test]
fn a_role_owning_more_than_the_limit_is_overloaded() {
    let settings = RuleSettings::default();
    assert_eq!(settings.max_ownership_percent, 60);
    // 3 of 5 is exactly 60%: not more than the limit.
    assert!(of(&check(&ops_owning(3, 5), &settings), RuleId::OverloadedRole).is_empty());
    let m = ops_owning(4, 5);
    let found = check(&m, &settings);
    let overloaded = of(&found, RuleId::OverloadedRole);
    assert_eq!(overloaded.len(), 1);
    assert_eq!(overloaded[0].role, Some(role_id(&m, "Ops")));
    assert_eq!(
        &*overloaded[0].message,
        "\"Ops\" holds R or A on 4 of 5 activities (80%; the limit is 60%)."
    );
    assert_switches_off(&m, RuleId::OverloadedRole);
}

#[test]
fn a_small_matrix_is_too_small_to_call_anyone_overloaded() {
    let settings = RuleSettings::default();
    assert_eq!(settings.overload_min_activities, 5);
    assert!(of(&check(&ops_owning(4, 4), &settings), RuleId::OverloadedRole).is_empty());
    let lower = RuleSettings {
        overload_min_activities: 4,
        ..RuleSettings::default()
    };
    assert_eq!(
        of(&check(&ops_owning(4, 4), &lower), RuleId::OverloadedRole).len(),
        1
    );
}

const SEVEN: [&str; 7] = ["A", "B", "C", "D", "E", "F", "G"];

#[test]
fn many_responsible_is_a_warning_above_the_limit() {
    let m = raci(
        &SEVEN,
        &[
            ("Migrate", &["A", "R", "R", "R", "R", "R", "R"]),
            ("Deploy", &["A", "R", "R", "R", "R", "R", ""]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    let many = of(&found, RuleId::TooManyResponsible);
    assert_eq!(many.len(), 1);
    assert_eq!(many[0].severity, Severity::Warning);
    assert_eq!(
        &*many[0].message,
        "\"Migrate\" has 6 roles marked Responsible (more than 5)."
    );
    assert_switches_off(&m, RuleId::TooManyResponsible);
}

#[test]
fn exactly_one_responsible_makes_a_second_one_a_conflict() {
    let m = raci(
        &ROLES,
        &[
            ("Patch hosts", &["A/R", "R", ""]),
            ("Deploy", &["A", "C", "R"]),
        ],
    );
    assert!(check(&m, &RuleSettings::default()).is_empty());
    let strict = RuleSettings {
        responsible: ResponsibleRule::ExactlyOne,
        ..RuleSettings::default()
    };
    let found = check(&m, &strict);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, RuleId::TooManyResponsible);
    assert_eq!(found[0].severity, Severity::Conflict);
    assert_eq!(
        &*found[0].message,
        "\"Patch hosts\" has 2 roles marked Responsible; this matrix allows only one."
    );
}

#[test]
fn many_consulted_is_a_warning_above_the_limit_in_the_schemes_words() {
    let rows: &[(&str, &[&str])] = &[
        ("Migrate", &["A/R", "C", "C", "C", "C", "", ""]),
        ("Deploy", &["A/R", "C", "C", "C", "I", "I", ""]),
    ];
    let found = check(&raci(&SEVEN, rows), &RuleSettings::default());
    assert_eq!(
        messages(&found, RuleId::TooManyConsulted),
        ["\"Migrate\" has 4 roles marked Consulted (more than 3)."]
    );
    let daci_rows: &[(&str, &[&str])] = &[("Migrate", &["A/D", "C", "C", "C", "C", "", ""])];
    let found = check(
        &matrix(Scheme::Daci, &SEVEN, daci_rows),
        &RuleSettings::default(),
    );
    assert_eq!(
        messages(&found, RuleId::TooManyConsulted),
        ["\"Migrate\" has 4 roles marked Contributor (more than 3)."]
    );
    assert_switches_off(&raci(&SEVEN, rows), RuleId::TooManyConsulted);
}

#[test]
fn unresolved_cells_are_flagged_once_each_pinning_activity_and_role() {
    let m = raci(
        &["Ops", "Security", "Dev", "QA", "Legal"],
        &[
            ("Patch hosts", &["A/R", "C/I", "R/C", "S", "maybe"]),
            ("Deploy", &["A/R", "C", "A/R/C/S", "", ""]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    let unresolved = of(&found, RuleId::UnresolvedCell);
    let places: Vec<(ActivityId, RoleId)> = unresolved
        .iter()
        .map(|f| (f.activity.unwrap(), f.role.unwrap()))
        .collect();
    let patch = activity_id(&m, "Patch hosts");
    let deploy = activity_id(&m, "Deploy");
    let role = |name| role_id(&m, name);
    assert_eq!(
        places,
        [
            (patch, role("Security")),
            (patch, role("Dev")),
            (patch, role("QA")),
            (patch, role("Legal")),
            (deploy, role("Dev")),
        ]
    );
    assert_eq!(
        unresolved.iter().map(|f| &*f.message).collect::<Vec<_>>(),
        [
            "\"Security\" on \"Patch hosts\" is marked C/I.",
            "\"Dev\" on \"Patch hosts\" is marked R/C.",
            "\"QA\" on \"Patch hosts\" holds S, which RACI does not have.",
            "\"Legal\" on \"Patch hosts\" reads \"maybe\", which is not a RACI letter.",
            "\"Dev\" on \"Deploy\" holds S, which RACI does not have.",
        ]
    );
    assert!(unresolved[2].fix.contains("RASCI"));
    assert!(unresolved.iter().all(|f| f.severity == Severity::Warning));
    assert_switches_off(&m, RuleId::UnresolvedCell);
}

#[test]
fn support_is_a_letter_in_rasci() {
    let m = matrix(
        Scheme::Rasci,
        &ROLES,
        &[("Patch hosts", &["A/R", "S", "R"])],
    );
    assert!(of(&check(&m, &RuleSettings::default()), RuleId::UnresolvedCell).is_empty());
    let m = matrix(Scheme::Raci, &ROLES, &[("Patch hosts", &["A/R", "S", "R"])]);
    assert_eq!(
        of(&check(&m, &RuleSettings::default()), RuleId::UnresolvedCell).len(),
        1
    );
}

#[test]
fn repeated_activity_names_pin_the_later_rows() {
    let m = raci(
        &["Ops"],
        &[
            ("Deploy", &["A/R"]),
            ("Patch hosts", &["A/R"]),
            ("deploy ", &["A/R"]),
            ("DEPLOY", &["A/R"]),
            ("Patch", &["A/R"]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    let repeated = of(&found, RuleId::DuplicateName);
    let pinned: Vec<Option<ActivityId>> = repeated.iter().map(|f| f.activity).collect();
    assert_eq!(pinned, [Some(m.activities[2].id), Some(m.activities[3].id)]);
    assert_eq!(
        &*repeated[0].message,
        "\"deploy \" has the same name as an earlier activity, \"Deploy\"."
    );
    assert_switches_off(&m, RuleId::DuplicateName);
}

#[test]
fn repeated_role_names_are_flagged_too() {
    let mut m = raci(&["Ops", "Dev"], &[("Deploy", &["A/R", "R"])]);
    // Edits refuse a duplicate role name, but a hand-edited document may still carry one.
    m.roles[1].name = " ops".into();
    let found = check(&m, &RuleSettings::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, RuleId::DuplicateName);
    assert_eq!(found[0].role, Some(m.roles[1].id));
    assert_eq!(found[0].activity, None);
    assert_eq!(
        &*found[0].message,
        "\" ops\" has the same name as an earlier role, \"Ops\"."
    );
}

#[test]
fn findings_come_by_severity_then_activity_then_role() {
    let m = raci(
        &["Ops", "Security", "Legal"],
        &[
            ("First", &["R", "C/I", ""]),
            ("Second", &["A", "A", ""]),
            ("Third", &["", "", ""]),
            ("Second", &["A/R", "", ""]),
        ],
    );
    let found = check(&m, &RuleSettings::default());
    let order: Vec<(Severity, RuleId, Option<&str>, Option<&str>)> = found
        .iter()
        .map(|f| {
            let activity = f.activity.map(|a| m.activity(a).unwrap().name.as_str());
            let role = f.role.map(|r| m.role(r).unwrap().name.as_str());
            (f.severity, f.rule, activity, role)
        })
        .collect();
    use RuleId::*;
    use Severity::*;
    assert_eq!(
        order,
        [
            (Conflict, MultipleAccountable, Some("Second"), None),
            (Gap, MissingAccountable, Some("First"), None),
            (Gap, MissingResponsible, Some("Second"), None),
            (Gap, UnassignedActivity, Some("Third"), None),
            (Warning, UnresolvedCell, Some("First"), Some("Security")),
            (Warning, DuplicateName, Some("Second"), None),
            (Warning, IdleRole, None, Some("Legal")),
        ]
    );
}

#[test]
fn an_empty_matrix_has_nothing_to_say() {
    assert!(check(&Matrix::new("Empty"), &RuleSettings::default()).is_empty());
}

fn any_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        6 => Just(Cell::EMPTY),
        1 => any::<u8>().prop_map(|bits| {
            Cell::letters(Letter::ALL.into_iter().filter(|l| bits & (1 << *l as u8) != 0).collect())
        }),
        1 => prop::sample::select(vec!["A", "R", "A/R", "C", "I"]).prop_map(cell),
        1 => Just(Cell::unrecognised("?")),
    ]
}

fn any_matrix() -> impl Strategy<Value = Matrix> {
    (
        1usize..6,
        0usize..8,
        prop::sample::select(Scheme::ALL.to_vec()),
    )
        .prop_flat_map(|(roles, activities, scheme)| {
            prop::collection::vec(prop::collection::vec(any_cell(), roles), activities).prop_map(
                move |rows| {
                    let mut m = Matrix::new("Random");
                    m.scheme = scheme;
                    for r in 0..roles {
                        m.push_role(&format!("Role {r}"));
                    }
                    for (i, cells) in rows.into_iter().enumerate() {
                        m.push_activity(&format!("Task {}", i % 5), None);
                        m.activities[i].cells = cells;
                    }
                    m
                },
            )
        })
}

proptest! {
    #[test]
    fn every_finding_is_pinned_worded_and_in_order(m in any_matrix()) {
        let found = check(&m, &RuleSettings::default());
        let position = |f: &Finding| {
            let a = f.activity.map_or(usize::MAX, |a| m.activity_index(a).unwrap());
            let r = f.role.map_or(0, |r| m.role_index(r).unwrap() + 1);
            (f.severity, a, r, f.rule)
        };
        for pair in found.windows(2) {
            prop_assert!(position(&pair[0]) < position(&pair[1]));
        }
        for f in &found {
            prop_assert!(f.activity.is_some() || f.role.is_some());
            for sentence in [&f.message, &f.why, &f.fix] {
                prop_assert!(sentence.ends_with('.'), "{sentence}");
            }
            let abandoned = found.iter().any(|g| g.rule == RuleId::UnassignedActivity && g.activity == f.activity);
            if abandoned {
                prop_assert!(!matches!(f.rule, RuleId::MissingAccountable | RuleId::MissingResponsible));
            }
        }
    }

    #[test]
    fn switched_off_rules_never_speak(m in any_matrix(), off in prop::sample::subsequence(RuleId::ALL.to_vec(), 0..=11)) {
        let settings = RuleSettings { disabled: off.iter().copied().collect(), ..RuleSettings::default() };
        let all = check(&m, &RuleSettings::default());
        let some = check(&m, &settings);
        prop_assert!(some.iter().all(|f| !off.contains(&f.rule)));
        // Switching rules off never adds a finding, except the owner and doer gaps that an abandoned
        // activity no longer hides.
        for f in &some {
            prop_assert!(all.contains(f) || off.contains(&RuleId::UnassignedActivity));
        }
    }
}

#[test]
fn changes_name_what_appeared_and_what_went_away() {
    let mut matrix = example();
    let before = check(&matrix, &RuleSettings::default());
    let backup = matrix
        .activities
        .iter()
        .find(|a| a.name.starts_with("Define backup"))
        .unwrap()
        .id;
    let role = matrix.roles[1].id;
    crate::edit::apply(
        &mut matrix,
        crate::edit::Edit::ToggleLetter {
            activity: backup,
            role,
            letter: Letter::A,
        },
    )
    .unwrap();
    let after = check(&matrix, &RuleSettings::default());
    let (appeared, gone) = changes(&before, &after);
    let rules = |fs: &[&Finding]| fs.iter().map(|f| f.rule).collect::<Vec<_>>();
    assert_eq!(rules(&gone), [RuleId::UnassignedActivity]);
    assert_eq!(rules(&appeared), [RuleId::MissingResponsible]);
    assert!(appeared.iter().all(|f| f.activity == Some(backup)));
    let (none, nothing) = changes(&after, &after);
    assert!(none.is_empty() && nothing.is_empty());
}
