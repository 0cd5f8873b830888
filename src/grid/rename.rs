//! Renaming a name in place, as plain data: what is renamed, the name it has, the edit a new name
//! makes, and where the selection goes back to when an activity or role just added is dropped.

use crate::edit::Edit;
use crate::model::{ActivityId, GroupId, Matrix, RoleId};

use super::CellRef;

/// What is being renamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renaming {
    Activity(ActivityId),
    Role(RoleId),
    Group(GroupId),
}

impl Renaming {
    /// The name it has now ("" when it is gone).
    pub fn current_name(self, matrix: &Matrix) -> String {
        match self {
            Renaming::Activity(id) => matrix.activity(id).map(|a| a.name.clone()),
            Renaming::Role(id) => matrix.role(id).map(|r| r.name.clone()),
            Renaming::Group(id) => matrix.group(id).map(|g| g.name.clone()),
        }
        .unwrap_or_default()
    }

    /// The edit that gives it `name`.
    pub fn edit(self, name: String) -> Edit {
        match self {
            Renaming::Activity(activity) => Edit::RenameActivity { activity, name },
            Renaming::Role(role) => Edit::RenameRole { role, name },
            Renaming::Group(group) => Edit::RenameGroup { group, name },
        }
    }

    /// The accessible name of the field it is renamed in.
    pub fn label(self) -> &'static str {
        match self {
            Renaming::Activity(_) => "Activity name",
            Renaming::Role(_) => "Role name",
            Renaming::Group(_) => "Group name",
        }
    }

    /// Whether `undo` (the next undo step's edit) takes back the addition of this activity or
    /// role: its inverse deletes it again.
    pub fn is_added_by(self, undo: &Edit) -> bool {
        match (undo, self) {
            (Edit::DeleteActivity { activity }, Renaming::Activity(id)) => *activity == id,
            (Edit::DeleteRole { role }, Renaming::Role(id)) => *role == id,
            _ => false,
        }
    }

    /// The cell beside `focus` once this activity (the row above, else below) or role (the column
    /// left, else right) is gone: where the user was before adding it.
    pub fn beside(self, matrix: &Matrix, focus: CellRef) -> Option<CellRef> {
        match self {
            Renaming::Activity(id) => {
                let i = matrix.activity_index(id)?;
                let other = i
                    .checked_sub(1)
                    .or((i + 1 < matrix.activities.len()).then_some(i + 1))?;
                Some(CellRef {
                    activity: matrix.activities[other].id,
                    ..focus
                })
            }
            Renaming::Role(id) => {
                let i = matrix.role_index(id)?;
                let other = i
                    .checked_sub(1)
                    .or((i + 1 < matrix.roles.len()).then_some(i + 1))?;
                Some(CellRef {
                    role: matrix.roles[other].id,
                    ..focus
                })
            }
            Renaming::Group(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix() -> (Matrix, [ActivityId; 2], [RoleId; 2]) {
        let mut m = Matrix::new("t");
        let roles = [m.push_role("Owner"), m.push_role("Team")];
        let activities = [m.push_activity("Plan", None), m.push_activity("Ship", None)];
        (m, activities, roles)
    }

    #[test]
    fn a_rename_names_what_it_renames() {
        let (m, [plan, _], [_, team]) = matrix();
        assert_eq!(Renaming::Activity(plan).current_name(&m), "Plan");
        assert_eq!(Renaming::Role(team).current_name(&m), "Team");
        assert_eq!(Renaming::Role(RoleId(99)).current_name(&m), "");
        assert_eq!(Renaming::Role(team).label(), "Role name");
        assert_eq!(
            Renaming::Activity(plan).edit("Design".into()),
            Edit::RenameActivity {
                activity: plan,
                name: "Design".into()
            }
        );
    }

    #[test]
    fn an_addition_is_recognised_by_the_undo_that_deletes_it() {
        let (_, [plan, ship], [owner, _]) = matrix();
        let undo = Edit::DeleteActivity { activity: ship };
        assert!(Renaming::Activity(ship).is_added_by(&undo));
        assert!(!Renaming::Activity(plan).is_added_by(&undo));
        assert!(!Renaming::Role(owner).is_added_by(&undo));
    }

    #[test]
    fn dropping_an_addition_goes_back_beside_it() {
        let (m, [plan, ship], [owner, team]) = matrix();
        let focus = CellRef {
            activity: ship,
            role: team,
        };
        let above = Renaming::Activity(ship).beside(&m, focus).unwrap();
        assert_eq!(above.activity, plan);
        let below = Renaming::Activity(plan).beside(&m, focus).unwrap();
        assert_eq!(below.activity, ship);
        let left = Renaming::Role(team).beside(&m, focus).unwrap();
        assert_eq!(left.role, owner);
        assert_eq!(Renaming::Group(GroupId(1)).beside(&m, focus), None);
    }
}
