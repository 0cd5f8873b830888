//! The editor's structural commands (add, move, regroup), each composed as one [`Edit`] so that
//! it is a single undo step. Pure functions of the matrix, which they only read: a command that
//! adds something names it by [`Matrix::unused_id`], and `edit::apply` takes that id when it
//! applies the edit. The UI only picks which to run.

use std::collections::BTreeMap;

use crate::edit::Edit;
use crate::model::{Activity, ActivityId, Group, GroupId, Matrix, Role, RoleId};

/// `base`, or `base 2`, `base 3`... whichever no existing name uses (compared case-insensitively).
pub fn unique_name<'a>(existing: impl Iterator<Item = &'a str> + Clone, base: &str) -> String {
    let taken = |name: &str| existing.clone().any(|e| e.eq_ignore_ascii_case(name));
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| base.to_owned())
}

/// A new, empty activity right after `after` (in its group), or at the end.
pub fn add_activity_after(matrix: &Matrix, after: Option<ActivityId>) -> (Edit, ActivityId) {
    let position = after.and_then(|a| matrix.activity_index(a));
    let group = position.and_then(|i| matrix.activities[i].group);
    let name = unique_name(
        matrix.activities.iter().map(|a| a.name.as_str()),
        "New activity",
    );
    let id = ActivityId(matrix.unused_id());
    let edit = Edit::AddActivity {
        index: position.map_or(matrix.activities.len(), |i| i + 1),
        activity: Activity {
            id,
            name,
            group,
            description: String::new(),
            notes: String::new(),
            fields: BTreeMap::new(),
            cells: Vec::new(),
        },
    };
    (edit, id)
}

/// A new role with no letters right after `after`, or at the end.
pub fn add_role_after(matrix: &Matrix, after: Option<RoleId>) -> (Edit, RoleId) {
    let position = after.and_then(|r| matrix.role_index(r));
    let name = unique_name(matrix.roles.iter().map(|r| r.name.as_str()), "New role");
    let id = RoleId(matrix.unused_id());
    let edit = Edit::AddRole {
        index: position.map_or(matrix.roles.len(), |i| i + 1),
        role: Role {
            id,
            name,
            description: String::new(),
        },
        cells: Vec::new(),
    };
    (edit, id)
}

/// Moves an activity one place up (`-1`) or down (`1`); None at the edge.
pub fn move_activity(matrix: &Matrix, activity: ActivityId, delta: isize) -> Option<Edit> {
    let from = matrix.activity_index(activity)?;
    let to = from.checked_add_signed(delta)?;
    (to < matrix.activities.len()).then_some(Edit::MoveActivity {
        activity,
        index: to,
    })
}

/// Moves a role one place left (`-1`) or right (`1`); None at the edge.
pub fn move_role(matrix: &Matrix, role: RoleId, delta: isize) -> Option<Edit> {
    let from = matrix.role_index(role)?;
    let to = from.checked_add_signed(delta)?;
    (to < matrix.roles.len()).then_some(Edit::MoveRole { role, index: to })
}

/// Puts an activity into `group` (None: no group) and moves it to the end of that group's rows,
/// so that groups stay together on screen.
pub fn move_to_group(
    matrix: &Matrix,
    activity: ActivityId,
    group: Option<GroupId>,
) -> Option<Edit> {
    let from = matrix.activity_index(activity)?;
    if matrix.activities[from].group == group {
        return None;
    }
    let last_of_group = matrix
        .activities
        .iter()
        .rposition(|a| a.group == group && a.id != activity);
    // Where the activity ends up once it has been taken out of its current place.
    let index = match last_of_group {
        Some(last) if last < from => last + 1,
        Some(last) => last,
        None if group.is_none() => 0,
        None => matrix.activities.len() - 1,
    };
    Some(Edit::Batch {
        edits: vec![
            Edit::SetActivityGroup { activity, group },
            Edit::MoveActivity { activity, index },
        ],
    })
}

/// A new group holding `activity`, named "New group" (made unique).
pub fn new_group_for(matrix: &Matrix, activity: ActivityId) -> Option<(Edit, GroupId)> {
    matrix.activity_index(activity)?;
    let name = unique_name(matrix.groups.iter().map(|g| g.name.as_str()), "New group");
    let id = GroupId(matrix.unused_id());
    let edit = Edit::Batch {
        edits: vec![
            Edit::AddGroup {
                index: matrix.groups.len(),
                group: Group { id, name },
            },
            Edit::SetActivityGroup {
                activity,
                group: Some(id),
            },
        ],
    };
    Some((edit, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::example::example;

    fn names(m: &Matrix) -> Vec<&str> {
        m.activities.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn new_names_do_not_clash() {
        let names = ["New role", "new role 2", "Ops"];
        assert_eq!(unique_name(names.iter().copied(), "New role"), "New role 3");
        assert_eq!(unique_name(names.iter().copied(), "Finance"), "Finance");
    }

    #[test]
    fn a_new_activity_joins_the_group_of_the_one_above() {
        let mut m = example();
        let after = m.activities[4].id;
        let (edit, id) = add_activity_after(&m, Some(after));
        apply(&mut m, edit).unwrap();
        let added = m.activity(id).unwrap();
        assert_eq!(m.activity_index(id), Some(5));
        assert_eq!(added.group, m.activities[4].group);
        assert_eq!(added.cells.len(), m.roles.len());
        let (edit, _) = add_activity_after(&m, None);
        apply(&mut m, edit).unwrap();
        assert_eq!(m.activities.last().unwrap().name, "New activity 2");
    }

    #[test]
    fn a_new_role_is_inserted_with_empty_cells() {
        let mut m = example();
        let after = m.roles[0].id;
        let (edit, id) = add_role_after(&m, Some(after));
        apply(&mut m, edit).unwrap();
        assert_eq!(m.role_index(id), Some(1));
        assert!(m.activities.iter().all(|a| a.cells[1].is_empty()));
    }

    #[test]
    fn moves_stop_at_the_edges() {
        let m = example();
        let first = m.activities[0].id;
        assert_eq!(move_activity(&m, first, -1), None);
        assert!(move_activity(&m, first, 1).is_some());
        let last_role = m.roles.last().unwrap().id;
        assert_eq!(move_role(&m, last_role, 1), None);
    }

    #[test]
    fn moving_to_a_group_keeps_groups_together() {
        let mut m = example();
        // "Patch operating systems" (Operations) moves to Platform: it lands after Platform's rows.
        let patch = m
            .activities
            .iter()
            .find(|a| a.name.starts_with("Patch"))
            .unwrap()
            .id;
        let platform = m.groups.iter().find(|g| g.name == "Platform").unwrap().id;
        let edit = move_to_group(&m, patch, Some(platform)).unwrap();
        let before = m.clone();
        let undo = apply(&mut m, edit).unwrap();
        assert_eq!(
            &names(&m)[3..8],
            [
                "Design the account structure",
                "Provision new accounts",
                "Design network connectivity",
                "Define backup and restore policy",
                "Patch operating systems"
            ]
        );
        apply(&mut m, undo).unwrap();
        assert_eq!(m, before);
        assert_eq!(
            move_to_group(&m, patch, m.activity(patch).unwrap().group),
            None
        );
    }

    #[test]
    fn a_new_group_takes_the_activity() {
        let mut m = example();
        let a = m.activities[0].id;
        let (edit, group) = new_group_for(&m, a).unwrap();
        apply(&mut m, edit).unwrap();
        assert_eq!(m.activities[0].group, Some(group));
        assert_eq!(m.group(group).unwrap().name, "New group");
    }

    #[test]
    fn ids_are_taken_when_the_edit_is_applied_and_never_reused() {
        let mut m = example();
        let before = m.clone();
        // Reading the matrix allocates nothing: the same command names the same id.
        let (edit, id) = add_activity_after(&m, None);
        assert_eq!(add_activity_after(&m, None).1, id);
        assert_eq!(m, before);
        let undo = apply(&mut m, edit).unwrap();
        assert_eq!(m.next_id, id.0 + 1);
        let (role, role_id) = add_role_after(&m, None);
        assert_ne!(role_id.0, id.0);
        apply(&mut m, undo).unwrap();
        // Undone, the id stays used: a later addition gets another one.
        assert!(m.activity(id).is_none());
        assert_ne!(add_activity_after(&m, None).1, id);
        apply(&mut m, role).unwrap();
        let (group, group_id) = new_group_for(&m, m.activities[0].id).unwrap();
        assert_eq!(group_id.0, role_id.0 + 1);
        apply(&mut m, group).unwrap();
        assert_eq!(m.next_id, group_id.0 + 1);
    }
}
