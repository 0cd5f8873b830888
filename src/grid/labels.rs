//! The words the grid puts on cells for screen readers and tooltips.

use crate::model::{Cell, Scheme};

use super::marks::{Marks, Note};

/// "Security, Define account structure: Responsible and Accountable".
pub fn cell_label(scheme: Scheme, role: &str, activity: &str, cell: &Cell) -> String {
    let what = match &cell.unrecognised {
        Some(text) => format!("unrecognised value \"{text}\""),
        None if cell.letters.is_empty() => "empty".to_owned(),
        None => cell
            .letters
            .iter()
            .map(|l| {
                scheme
                    .letter_name(l)
                    .map_or_else(|| format!("{l} (not in {scheme})"), str::to_owned)
            })
            .collect::<Vec<_>>()
            .join(" and "),
    };
    format!("{role}, {activity}: {what}")
}

/// A role header's tooltip text: "Security: Cloud security engineering", or the name alone
/// (compact columns turn names upright and may cut them short).
pub fn header_title(name: &str, description: &str) -> String {
    if description.trim().is_empty() {
        name.to_owned()
    } else {
        format!("{name}: {description}")
    }
}

/// A tooltip: `base` (a description, a cell's name), then one line per finding with its fix.
pub fn tooltip(base: &str, marks: Option<&Marks>) -> String {
    let mut lines = Vec::new();
    if !base.is_empty() {
        lines.push(base.to_owned());
    }
    if let Some(marks) = marks {
        lines.extend(marks.notes.iter().map(Note::line));
    }
    lines.join("\n")
}

/// What an empty matrix says instead of an empty grid: what is missing and the next step. A
/// matrix with rows and roles but no letters at all (a new blank one) is told how to fill it.
pub fn empty_hint(activities: usize, roles: usize, has_letters: bool) -> Option<&'static str> {
    match (activities, roles) {
        (0, 0) => Some(
            "This matrix is empty. Add a role with \"Add role\" and an activity with \"Add activity\", or bring a matrix in with \"Import\" (a file, a drop, or cells pasted from a spreadsheet).",
        ),
        (0, _) => Some(
            "No activities yet. Add one with \"Add activity\" (Alt+Enter), or bring a matrix in with \"Import\".",
        ),
        (_, 0) => Some(
            "No roles yet. Add one with \"Add role\" (Alt+Shift+Enter), then give each activity its letters.",
        ),
        _ if !has_letters => Some(
            "No letters yet. Select a cell and type R, A, C or I; double-click a name (or F2) to rename it; or bring a matrix in with \"Import\".",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_title_names_the_role_and_its_description() {
        assert_eq!(header_title("Security", ""), "Security");
        assert_eq!(
            header_title("Security", "Cloud security engineering"),
            "Security: Cloud security engineering"
        );
    }

    #[test]
    fn an_empty_matrix_says_what_to_do_next() {
        assert!(empty_hint(0, 3, false).unwrap().contains("Add activity"));
        assert!(empty_hint(4, 0, false).unwrap().contains("Add role"));
        assert!(empty_hint(0, 0, false).unwrap().contains("Import"));
        assert!(
            empty_hint(3, 3, false)
                .unwrap()
                .starts_with("No letters yet.")
        );
        assert_eq!(empty_hint(1, 1, true), None);
    }
    use crate::model::{Letter, Letters};
    use crate::rules::Severity;

    #[test]
    fn a_cell_is_named_by_role_activity_and_letters_in_words() {
        let both = Cell::letters(Letters::only(Letter::R).with(Letter::A));
        assert_eq!(
            cell_label(Scheme::Raci, "Security", "Define account structure", &both),
            "Security, Define account structure: Accountable and Responsible"
        );
        assert_eq!(
            cell_label(
                Scheme::Daci,
                "Security",
                "Pick a vendor",
                &Cell::letters(Letters::only(Letter::A))
            ),
            "Security, Pick a vendor: Approver"
        );
        assert_eq!(
            cell_label(
                Scheme::Raci,
                "Ops",
                "Deploy",
                &Cell::letters(Letters::only(Letter::S))
            ),
            "Ops, Deploy: S (not in RACI)"
        );
        assert_eq!(
            cell_label(Scheme::Raci, "Ops", "Deploy", &Cell::EMPTY),
            "Ops, Deploy: empty"
        );
        let odd = Cell {
            unrecognised: Some("maybe".into()),
            ..Cell::EMPTY
        };
        assert_eq!(
            cell_label(Scheme::Raci, "Ops", "Deploy", &odd),
            "Ops, Deploy: unrecognised value \"maybe\""
        );
    }

    #[test]
    fn a_tooltip_lists_each_finding_with_its_fix_under_the_base() {
        let marks = Marks {
            worst: Some(Severity::Gap),
            accepted: false,
            notes: vec![Note {
                severity: Severity::Gap,
                message: "No Accountable.".into(),
                fix: "Mark one.".into(),
                accepted: None,
            }],
        };
        assert_eq!(
            tooltip("Deploy", Some(&marks)),
            "Deploy\nNo Accountable. Fix: Mark one."
        );
        assert_eq!(tooltip("", Some(&marks)), "No Accountable. Fix: Mark one.");
        assert_eq!(tooltip("Deploy", None), "Deploy");
    }
}
