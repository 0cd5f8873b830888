//! Which parts of a matrix an edit changes. A view that shows only some parts (the title, the
//! review record, the role list) follows only edits of those, so that a letter typed in a cell
//! wakes the grid and the findings, not every panel that reads the matrix.

use std::ops::BitOr;

use crate::model::{Activity, Matrix};

use super::Edit;

/// A set of parts of a matrix.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Parts(u8);

impl Parts {
    pub const NONE: Parts = Parts(0);
    pub const TITLE: Parts = Parts(1);
    pub const SCHEME: Parts = Parts(1 << 1);
    /// The roles: which, in what order, their names and descriptions.
    pub const ROLES: Parts = Parts(1 << 2);
    /// The activities without their cells: which, in what order, names, texts and groups.
    pub const ACTIVITIES: Parts = Parts(1 << 3);
    pub const GROUPS: Parts = Parts(1 << 4);
    /// Each activity's cells, in the order of the activities and roles.
    pub const CELLS: Parts = Parts(1 << 5);
    pub const RECORD: Parts = Parts(1 << 6);
    /// How the sheet is written back (its extra columns) and the next free id.
    pub const SHEET: Parts = Parts(1 << 7);
    pub const ALL: Parts = Parts(u8::MAX);

    /// Each part on its own, for those who keep something per part.
    pub const EACH: [Parts; 8] = [
        Parts::TITLE,
        Parts::SCHEME,
        Parts::ROLES,
        Parts::ACTIVITIES,
        Parts::GROUPS,
        Parts::CELLS,
        Parts::RECORD,
        Parts::SHEET,
    ];

    /// Whether every part of `other` is in this set.
    pub fn contains(self, other: Parts) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether this set and `other` share a part.
    pub fn meets(self, other: Parts) -> bool {
        self.0 & other.0 != 0
    }

    /// The parts `edit` may change, read from the edit before or after it is applied (an
    /// applied edit's inverse changes the same parts). A refused edit changes nothing.
    pub fn of(edit: &Edit) -> Parts {
        match edit {
            Edit::SetCell { .. } | Edit::ToggleLetter { .. } => Parts::CELLS,
            Edit::AddRole { .. } => Parts::ROLES | Parts::CELLS | Parts::SHEET,
            // The record keeps the names of what it mentions, as they were last.
            Edit::DeleteRole { .. } => Parts::ROLES | Parts::CELLS | Parts::RECORD,
            Edit::RenameRole { .. } => Parts::ROLES | Parts::RECORD,
            Edit::SetRoleDescription { .. } => Parts::ROLES,
            Edit::MoveRole { .. } => Parts::ROLES | Parts::CELLS,
            Edit::AddActivity { .. } => Parts::ACTIVITIES | Parts::CELLS | Parts::SHEET,
            Edit::DeleteActivity { .. } => Parts::ACTIVITIES | Parts::CELLS | Parts::RECORD,
            Edit::RenameActivity { .. } => Parts::ACTIVITIES | Parts::RECORD,
            Edit::SetActivityText { .. } | Edit::SetActivityGroup { .. } => Parts::ACTIVITIES,
            Edit::MoveActivity { .. } => Parts::ACTIVITIES | Parts::CELLS,
            Edit::AddGroup { .. } => Parts::GROUPS | Parts::SHEET,
            Edit::DeleteGroup { .. } => Parts::GROUPS | Parts::ACTIVITIES,
            Edit::RenameGroup { .. } => Parts::GROUPS,
            Edit::SetTitle { .. } => Parts::TITLE,
            Edit::SetScheme { .. } => Parts::SCHEME,
            Edit::ReplaceMatrix { .. } => Parts::ALL,
            Edit::Batch { edits } => edits.iter().map(Parts::of).fold(Parts::NONE, BitOr::bitor),
            Edit::Review(_) => Parts::RECORD,
        }
    }

    /// The parts in which `a` and `b` differ.
    pub fn between(a: &Matrix, b: &Matrix) -> Parts {
        let without_cells = |x: &Activity, y: &Activity| {
            (x.id, &x.name, x.group, &x.description, &x.notes, &x.fields)
                == (y.id, &y.name, y.group, &y.description, &y.notes, &y.fields)
        };
        let same_activities = a.activities.len() == b.activities.len()
            && a.activities
                .iter()
                .zip(&b.activities)
                .all(|(x, y)| without_cells(x, y));
        let same_cells = a.activities.len() == b.activities.len()
            && a.activities
                .iter()
                .zip(&b.activities)
                .all(|(x, y)| x.cells == y.cells);
        [
            (Parts::TITLE, a.title == b.title),
            (Parts::SCHEME, a.scheme == b.scheme),
            (Parts::ROLES, a.roles == b.roles),
            (Parts::ACTIVITIES, same_activities),
            (Parts::GROUPS, a.groups == b.groups),
            (Parts::CELLS, same_cells),
            (Parts::RECORD, a.record == b.record),
            (
                Parts::SHEET,
                a.columns == b.columns && a.next_id == b.next_id,
            ),
        ]
        .into_iter()
        .filter(|(_, same)| !same)
        .fold(Parts::NONE, |parts, (part, _)| parts | part)
    }
}

impl BitOr for Parts {
    type Output = Parts;

    fn bitor(self, other: Parts) -> Parts {
        Parts(self.0 | other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::example::example;
    use crate::model::{Cell, Letter};

    #[test]
    fn a_letter_changes_only_the_cells() {
        let mut matrix = example();
        let before = matrix.clone();
        let edit = Edit::ToggleLetter {
            activity: matrix.activities[0].id,
            role: matrix.roles[0].id,
            letter: Letter::I,
        };
        assert_eq!(Parts::of(&edit), Parts::CELLS);
        let undo = apply(&mut matrix, edit).unwrap();
        assert_eq!(Parts::between(&before, &matrix), Parts::CELLS);
        assert_eq!(Parts::of(&undo), Parts::CELLS);
    }

    #[test]
    fn a_batch_changes_the_parts_of_its_edits_and_a_replacement_everything() {
        let matrix = example();
        let batch = Edit::Batch {
            edits: vec![
                Edit::SetCell {
                    activity: matrix.activities[0].id,
                    role: matrix.roles[0].id,
                    cell: Cell::EMPTY,
                },
                Edit::SetTitle {
                    title: "New".into(),
                },
            ],
        };
        let parts = Parts::of(&batch);
        assert!(parts.contains(Parts::CELLS | Parts::TITLE));
        assert!(!parts.meets(Parts::RECORD | Parts::ROLES));
        let replace = Edit::ReplaceMatrix {
            matrix: Box::new(matrix),
        };
        assert_eq!(Parts::of(&replace), Parts::ALL);
        assert!(Parts::EACH.iter().all(|p| Parts::ALL.contains(*p)));
    }
}
