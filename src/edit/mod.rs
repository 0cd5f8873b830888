//! Every change to a matrix is an [`Edit`], applied by [`apply`], which returns the edit that undoes
//! it. Undo, redo, autosave and the change log all hang off this one function.

use std::fmt;

use serde::{Deserialize, Serialize};

mod parts;
mod review;

pub use parts::Parts;
pub use review::ReviewEdit;

use crate::model::{
    Activity, ActivityId, Cell, Group, GroupId, Letter, Matrix, Role, RoleId, Scheme,
};

/// A text field of an activity other than its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityText {
    Description,
    Notes,
    /// An extra spreadsheet column, by header.
    Field(String),
}

/// One change to a matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// Replace a cell (letters or an unrecognised value).
    SetCell {
        activity: ActivityId,
        role: RoleId,
        cell: Cell,
    },
    /// Add the letter if the cell lacks it, remove it otherwise; clears an unrecognised value.
    ToggleLetter {
        activity: ActivityId,
        role: RoleId,
        letter: Letter,
    },
    /// Insert a role at `index` with the given cells (activities not listed get an empty cell).
    AddRole {
        index: usize,
        role: Role,
        cells: Vec<(ActivityId, Cell)>,
    },
    DeleteRole {
        role: RoleId,
    },
    RenameRole {
        role: RoleId,
        name: String,
    },
    SetRoleDescription {
        role: RoleId,
        description: String,
    },
    /// Move a role so that it ends up at `index`.
    MoveRole {
        role: RoleId,
        index: usize,
    },
    /// Insert an activity at `index`; its `cells` must match the roles (or be empty for none).
    AddActivity {
        index: usize,
        activity: Activity,
    },
    DeleteActivity {
        activity: ActivityId,
    },
    RenameActivity {
        activity: ActivityId,
        name: String,
    },
    SetActivityText {
        activity: ActivityId,
        field: ActivityText,
        value: String,
    },
    /// Move an activity so that it ends up at `index`.
    MoveActivity {
        activity: ActivityId,
        index: usize,
    },
    SetActivityGroup {
        activity: ActivityId,
        group: Option<GroupId>,
    },
    AddGroup {
        index: usize,
        group: Group,
    },
    /// Delete a group; its activities stay, without a group.
    DeleteGroup {
        group: GroupId,
    },
    RenameGroup {
        group: GroupId,
        name: String,
    },
    SetTitle {
        title: String,
    },
    SetScheme {
        scheme: Scheme,
    },
    /// Replace the whole matrix (an import, a new blank matrix): undoable like any other change.
    ReplaceMatrix {
        matrix: Box<Matrix>,
    },
    /// Several edits as one step (one undo).
    Batch {
        edits: Vec<Edit>,
    },
    /// A change to the review record (baseline, decisions, actions, owners, reviews).
    Review(Box<ReviewEdit>),
}

/// Why an edit was refused. The matrix is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    NoSuchRole(RoleId),
    NoSuchActivity(ActivityId),
    NoSuchGroup(GroupId),
    EmptyName,
    DuplicateRoleName(String),
    DuplicateGroupName(String),
    DuplicateId(u32),
    CellCount {
        expected: usize,
        found: usize,
    },
    /// A value the edit cannot take, with the reason in plain words.
    InvalidValue(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchRole(_) => f.write_str("That role no longer exists."),
            EditError::NoSuchActivity(_) => f.write_str("That activity no longer exists."),
            EditError::NoSuchGroup(_) => f.write_str("That group no longer exists."),
            EditError::EmptyName => f.write_str("A name cannot be empty."),
            EditError::DuplicateRoleName(name) => {
                write!(f, "There is already a role called \"{name}\".")
            }
            EditError::DuplicateGroupName(name) => {
                write!(f, "There is already a group called \"{name}\".")
            }
            EditError::DuplicateId(id) => write!(f, "The id {id} is already in use."),
            EditError::CellCount { expected, found } => write!(
                f,
                "The activity has {found} cells but the matrix has {expected} roles."
            ),
            EditError::InvalidValue(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for EditError {}

/// Applies `edit` to `matrix` and returns the edit that undoes it.
///
/// On error the matrix is left exactly as it was, including for a [`Edit::Batch`] that fails
/// part-way.
pub fn apply(matrix: &mut Matrix, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::SetCell {
            activity,
            role,
            cell,
        } => {
            let slot = cell_mut(matrix, activity, role)?;
            let old = std::mem::replace(slot, cell);
            Ok(Edit::SetCell {
                activity,
                role,
                cell: old,
            })
        }
        Edit::ToggleLetter {
            activity,
            role,
            letter,
        } => {
            let slot = cell_mut(matrix, activity, role)?;
            let toggled = Cell::letters(slot.letters.toggled(letter));
            let old = std::mem::replace(slot, toggled);
            Ok(Edit::SetCell {
                activity,
                role,
                cell: old,
            })
        }
        Edit::AddRole { index, role, cells } => {
            let name = checked_name(&role.name)?;
            ensure_role_name_free(matrix, &name, None)?;
            ensure_id_free(matrix, role.id.0)?;
            if let Some((missing, _)) = cells.iter().find(|(a, _)| matrix.activity(*a).is_none()) {
                return Err(EditError::NoSuchActivity(*missing));
            }
            let index = index.min(matrix.roles.len());
            for activity in &mut matrix.activities {
                let cell = cells
                    .iter()
                    .find(|(a, _)| *a == activity.id)
                    .map_or(Cell::EMPTY, |(_, c)| c.clone());
                activity.cells.insert(index, cell);
            }
            let id = role.id;
            matrix.roles.insert(index, Role { name, ..role });
            bump_next_id(matrix, id.0);
            Ok(Edit::DeleteRole { role: id })
        }
        Edit::DeleteRole { role } => {
            let index = role_index(matrix, role)?;
            let removed = matrix.roles.remove(index);
            matrix.record.note_role_name(role, &removed.name);
            let cells = matrix
                .activities
                .iter_mut()
                .map(|a| (a.id, a.cells.remove(index)))
                .filter(|(_, c)| !c.is_empty())
                .collect();
            Ok(Edit::AddRole {
                index,
                role: removed,
                cells,
            })
        }
        Edit::RenameRole { role, name } => {
            let index = role_index(matrix, role)?;
            let name = checked_name(&name)?;
            ensure_role_name_free(matrix, &name, Some(role))?;
            matrix.record.note_role_name(role, &name);
            let old = std::mem::replace(&mut matrix.roles[index].name, name);
            Ok(Edit::RenameRole { role, name: old })
        }
        Edit::SetRoleDescription { role, description } => {
            let index = role_index(matrix, role)?;
            let old = std::mem::replace(
                &mut matrix.roles[index].description,
                description.trim().to_owned(),
            );
            Ok(Edit::SetRoleDescription {
                role,
                description: old,
            })
        }
        Edit::MoveRole { role, index } => {
            let from = role_index(matrix, role)?;
            let to = index.min(matrix.roles.len() - 1);
            move_item(&mut matrix.roles, from, to);
            for activity in &mut matrix.activities {
                move_item(&mut activity.cells, from, to);
            }
            Ok(Edit::MoveRole { role, index: from })
        }
        Edit::AddActivity {
            index,
            mut activity,
        } => {
            activity.name = checked_name(&activity.name)?;
            ensure_id_free(matrix, activity.id.0)?;
            if let Some(g) = activity.group {
                group_index(matrix, g)?;
            }
            if activity.cells.is_empty() {
                activity.cells = vec![Cell::EMPTY; matrix.roles.len()];
            } else if activity.cells.len() != matrix.roles.len() {
                return Err(EditError::CellCount {
                    expected: matrix.roles.len(),
                    found: activity.cells.len(),
                });
            }
            let id = activity.id;
            let index = index.min(matrix.activities.len());
            matrix.activities.insert(index, activity);
            bump_next_id(matrix, id.0);
            Ok(Edit::DeleteActivity { activity: id })
        }
        Edit::DeleteActivity { activity } => {
            let index = activity_index(matrix, activity)?;
            let removed = matrix.activities.remove(index);
            matrix.record.note_activity_name(activity, &removed.name);
            Ok(Edit::AddActivity {
                index,
                activity: removed,
            })
        }
        Edit::RenameActivity { activity, name } => {
            let index = activity_index(matrix, activity)?;
            let name = checked_name(&name)?;
            matrix.record.note_activity_name(activity, &name);
            let old = std::mem::replace(&mut matrix.activities[index].name, name);
            Ok(Edit::RenameActivity {
                activity,
                name: old,
            })
        }
        Edit::SetActivityText {
            activity,
            field,
            value,
        } => {
            let index = activity_index(matrix, activity)?;
            let value = value.trim().to_owned();
            let target = &mut matrix.activities[index];
            let old = match &field {
                ActivityText::Description => std::mem::replace(&mut target.description, value),
                ActivityText::Notes => std::mem::replace(&mut target.notes, value),
                ActivityText::Field(name) if value.is_empty() => {
                    target.fields.remove(name).unwrap_or_default()
                }
                ActivityText::Field(name) => target
                    .fields
                    .insert(name.clone(), value)
                    .unwrap_or_default(),
            };
            Ok(Edit::SetActivityText {
                activity,
                field,
                value: old,
            })
        }
        Edit::MoveActivity { activity, index } => {
            let from = activity_index(matrix, activity)?;
            let to = index.min(matrix.activities.len() - 1);
            move_item(&mut matrix.activities, from, to);
            Ok(Edit::MoveActivity {
                activity,
                index: from,
            })
        }
        Edit::SetActivityGroup { activity, group } => {
            let index = activity_index(matrix, activity)?;
            if let Some(g) = group {
                group_index(matrix, g)?;
            }
            let old = std::mem::replace(&mut matrix.activities[index].group, group);
            Ok(Edit::SetActivityGroup {
                activity,
                group: old,
            })
        }
        Edit::AddGroup { index, group } => {
            let name = checked_name(&group.name)?;
            ensure_group_name_free(matrix, &name, None)?;
            ensure_id_free(matrix, group.id.0)?;
            let id = group.id;
            let index = index.min(matrix.groups.len());
            matrix.groups.insert(index, Group { id, name });
            bump_next_id(matrix, id.0);
            Ok(Edit::DeleteGroup { group: id })
        }
        Edit::DeleteGroup { group } => {
            let index = group_index(matrix, group)?;
            let removed = matrix.groups.remove(index);
            let mut undo = vec![Edit::AddGroup {
                index,
                group: removed,
            }];
            for activity in &mut matrix.activities {
                if activity.group == Some(group) {
                    activity.group = None;
                    undo.push(Edit::SetActivityGroup {
                        activity: activity.id,
                        group: Some(group),
                    });
                }
            }
            Ok(single_or_batch(undo))
        }
        Edit::RenameGroup { group, name } => {
            let index = group_index(matrix, group)?;
            let name = checked_name(&name)?;
            ensure_group_name_free(matrix, &name, Some(group))?;
            let old = std::mem::replace(&mut matrix.groups[index].name, name);
            Ok(Edit::RenameGroup { group, name: old })
        }
        Edit::SetTitle { title } => {
            let title = checked_name(&title)?;
            let old = std::mem::replace(&mut matrix.title, title);
            Ok(Edit::SetTitle { title: old })
        }
        Edit::SetScheme { scheme } => {
            let old = std::mem::replace(&mut matrix.scheme, scheme);
            Ok(Edit::SetScheme { scheme: old })
        }
        Edit::ReplaceMatrix {
            matrix: replacement,
        } => {
            let old = std::mem::replace(matrix, *replacement);
            Ok(Edit::ReplaceMatrix {
                matrix: Box::new(old),
            })
        }
        Edit::Review(edit) => Ok(Edit::Review(Box::new(review::apply(matrix, *edit)?))),
        Edit::Batch { edits } => {
            let mut undo = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply(matrix, edit) {
                    Ok(inverse) => undo.push(inverse),
                    Err(error) => {
                        // Roll back what was applied, so a failed batch changes nothing.
                        for inverse in undo.into_iter().rev() {
                            let _ = apply(matrix, inverse);
                        }
                        return Err(error);
                    }
                }
            }
            undo.reverse();
            Ok(Edit::Batch { edits: undo })
        }
    }
}

fn single_or_batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch { edits }
    }
}

fn checked_name(name: &str) -> Result<String, EditError> {
    let name = name.trim();
    if name.is_empty() {
        Err(EditError::EmptyName)
    } else {
        Ok(name.to_owned())
    }
}

fn ensure_role_name_free(
    matrix: &Matrix,
    name: &str,
    except: Option<RoleId>,
) -> Result<(), EditError> {
    let taken = matrix
        .roles
        .iter()
        .any(|r| Some(r.id) != except && r.name.to_lowercase() == name.to_lowercase());
    if taken {
        Err(EditError::DuplicateRoleName(name.to_owned()))
    } else {
        Ok(())
    }
}

fn ensure_group_name_free(
    matrix: &Matrix,
    name: &str,
    except: Option<GroupId>,
) -> Result<(), EditError> {
    let taken = matrix
        .groups
        .iter()
        .any(|g| Some(g.id) != except && g.name == name);
    if taken {
        Err(EditError::DuplicateGroupName(name.to_owned()))
    } else {
        Ok(())
    }
}

fn ensure_id_free(matrix: &Matrix, id: u32) -> Result<(), EditError> {
    let used = matrix.roles.iter().any(|r| r.id.0 == id)
        || matrix.activities.iter().any(|a| a.id.0 == id)
        || matrix.groups.iter().any(|g| g.id.0 == id);
    if used {
        Err(EditError::DuplicateId(id))
    } else {
        Ok(())
    }
}

fn bump_next_id(matrix: &mut Matrix, used: u32) {
    matrix.next_id = matrix.next_id.max(used + 1);
}

fn role_index(matrix: &Matrix, role: RoleId) -> Result<usize, EditError> {
    matrix.role_index(role).ok_or(EditError::NoSuchRole(role))
}

fn activity_index(matrix: &Matrix, activity: ActivityId) -> Result<usize, EditError> {
    matrix
        .activity_index(activity)
        .ok_or(EditError::NoSuchActivity(activity))
}

fn group_index(matrix: &Matrix, group: GroupId) -> Result<usize, EditError> {
    matrix
        .group_index(group)
        .ok_or(EditError::NoSuchGroup(group))
}

fn cell_mut(
    matrix: &mut Matrix,
    activity: ActivityId,
    role: RoleId,
) -> Result<&mut Cell, EditError> {
    let r = role_index(matrix, role)?;
    let a = activity_index(matrix, activity)?;
    Ok(&mut matrix.activities[a].cells[r])
}

fn move_item<T>(items: &mut [T], from: usize, to: usize) {
    if from < to {
        items[from..=to].rotate_left(1);
    } else {
        items[to..=from].rotate_right(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Letters;

    fn sample() -> (Matrix, [RoleId; 3], [ActivityId; 2]) {
        let mut m = Matrix::new("Sample");
        let ops = m.push_role("Ops");
        let sec = m.push_role("Security");
        let dev = m.push_role("Dev");
        let plan = m.group_named("Plan");
        let a1 = m.push_activity("Define accounts", Some(plan));
        let a2 = m.push_activity("Patch hosts", None);
        m.activities[0].cells[0] = Cell::letters(Letters::only(Letter::A));
        m.activities[1].cells[2] = Cell::unrecognised("?");
        (m, [ops, sec, dev], [a1, a2])
    }

    /// Applies `edit`, checks it changed the matrix, undoes it and checks the matrix is back.
    fn assert_undoes(m: &mut Matrix, edit: Edit) -> Edit {
        let before = m.clone();
        let inverse = apply(m, edit.clone()).expect("edit applies");
        assert_ne!(*m, before, "{edit:?} changed nothing");
        let after = m.clone();
        let redo = apply(m, inverse.clone()).expect("inverse applies");
        assert_eq!(
            m.canonical(),
            before.canonical(),
            "undo of {edit:?} did not restore"
        );
        apply(m, redo).expect("redo applies");
        assert_eq!(m.canonical(), after.canonical(), "redo of {edit:?} differs");
        inverse
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let (mut m, [ops, sec, dev], [a1, a2]) = sample();
        let plan = m.groups[0].id;
        let new_role = m.fresh_role_id();
        let new_activity = m.fresh_activity_id();
        let new_group = m.fresh_group_id();
        let edits = vec![
            Edit::SetCell {
                activity: a1,
                role: sec,
                cell: Cell::letters(Letters::only(Letter::C)),
            },
            Edit::ToggleLetter {
                activity: a1,
                role: ops,
                letter: Letter::R,
            },
            Edit::ToggleLetter {
                activity: a2,
                role: dev,
                letter: Letter::R,
            },
            Edit::AddRole {
                index: 1,
                role: Role {
                    id: new_role,
                    name: "Finance".into(),
                    description: "Pays".into(),
                },
                cells: vec![(a2, Cell::letters(Letters::only(Letter::I)))],
            },
            Edit::DeleteRole { role: ops },
            Edit::RenameRole {
                role: sec,
                name: "SecOps".into(),
            },
            Edit::SetRoleDescription {
                role: dev,
                description: "Builds things".into(),
            },
            Edit::MoveRole {
                role: dev,
                index: 0,
            },
            Edit::MoveRole {
                role: ops,
                index: 2,
            },
            Edit::AddActivity {
                index: 0,
                activity: Activity {
                    id: new_activity,
                    name: "Rotate keys".into(),
                    group: Some(plan),
                    description: String::new(),
                    notes: String::new(),
                    fields: Default::default(),
                    cells: vec![],
                },
            },
            Edit::DeleteActivity { activity: a1 },
            Edit::RenameActivity {
                activity: a2,
                name: "Patch all hosts".into(),
            },
            Edit::SetActivityText {
                activity: a2,
                field: ActivityText::Notes,
                value: "monthly".into(),
            },
            Edit::SetActivityText {
                activity: a2,
                field: ActivityText::Field("WBS".into()),
                value: "1.2".into(),
            },
            Edit::MoveActivity {
                activity: a2,
                index: 0,
            },
            Edit::SetActivityGroup {
                activity: a2,
                group: Some(plan),
            },
            Edit::AddGroup {
                index: 0,
                group: Group {
                    id: new_group,
                    name: "Operate".into(),
                },
            },
            Edit::DeleteGroup { group: plan },
            Edit::RenameGroup {
                group: plan,
                name: "Design".into(),
            },
            Edit::SetTitle {
                title: "Landing zone".into(),
            },
            Edit::SetScheme {
                scheme: Scheme::Rasci,
            },
            Edit::ReplaceMatrix {
                matrix: Box::new(Matrix::new("Blank")),
            },
            Edit::Batch {
                edits: vec![
                    Edit::RenameRole {
                        role: ops,
                        name: "Platform".into(),
                    },
                    Edit::DeleteActivity { activity: a2 },
                ],
            },
        ];
        for edit in edits {
            assert_undoes(&mut m.clone(), edit);
        }
    }

    #[test]
    fn toggling_clears_an_unrecognised_value_and_undo_brings_it_back() {
        let (mut m, [_, _, dev], [_, a2]) = sample();
        let undo = assert_undoes(
            &mut m,
            Edit::ToggleLetter {
                activity: a2,
                role: dev,
                letter: Letter::R,
            },
        );
        assert_eq!(
            m.cell(a2, dev),
            Some(&Cell::letters(Letters::only(Letter::R)))
        );
        apply(&mut m, undo).unwrap();
        assert_eq!(m.cell(a2, dev), Some(&Cell::unrecognised("?")));
    }

    #[test]
    fn refused_edits_leave_the_matrix_unchanged() {
        let (mut m, [ops, sec, _], [a1, _]) = sample();
        let before = m.clone();
        let refused = [
            (
                Edit::RenameRole {
                    role: ops,
                    name: "security".into(),
                },
                EditError::DuplicateRoleName("security".into()),
            ),
            (
                Edit::RenameActivity {
                    activity: a1,
                    name: "   ".into(),
                },
                EditError::EmptyName,
            ),
            (
                Edit::DeleteRole { role: RoleId(999) },
                EditError::NoSuchRole(RoleId(999)),
            ),
            (
                Edit::Batch {
                    edits: vec![
                        Edit::DeleteRole { role: sec },
                        Edit::DeleteActivity {
                            activity: ActivityId(999),
                        },
                    ],
                },
                EditError::NoSuchActivity(ActivityId(999)),
            ),
        ];
        for (edit, expected) in refused {
            assert_eq!(apply(&mut m, edit), Err(expected));
            assert_eq!(m, before);
        }
    }

    #[test]
    fn deleting_a_role_drops_its_column_everywhere() {
        let (mut m, [ops, ..], [a1, _]) = sample();
        apply(&mut m, Edit::DeleteRole { role: ops }).unwrap();
        assert_eq!(m.roles.len(), 2);
        assert!(m.activities.iter().all(|a| a.cells.len() == 2));
        assert_eq!(m.cell(a1, ops), None);
    }

    #[test]
    fn names_are_trimmed() {
        let (mut m, [ops, ..], _) = sample();
        apply(
            &mut m,
            Edit::RenameRole {
                role: ops,
                name: "  Platform team ".into(),
            },
        )
        .unwrap();
        assert_eq!(m.roles[0].name, "Platform team");
    }
}
