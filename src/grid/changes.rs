//! The changes since the review's baseline, indexed by where the grid marks them: a changed cell
//! (with what it held before), an activity's row header (added, renamed, moved, regrouped...), a
//! role's column header.

use rustc_hash::FxHashMap;

use crate::model::{ActivityId, RoleId};
use crate::review::Change;

/// Where the changes show. Empty when "Show changes" is off.
#[derive(Debug, Default, PartialEq)]
pub struct ChangeMarks {
    /// Per activity, its changed cells and what each held before ("R", "blank").
    cells: FxHashMap<ActivityId, Vec<(RoleId, String)>>,
    /// Per activity, what changed about the row itself ("added", "renamed from Deploy").
    rows: FxHashMap<ActivityId, String>,
    columns: FxHashMap<RoleId, String>,
}

impl ChangeMarks {
    pub fn new(changes: &[Change]) -> ChangeMarks {
        let mut marks = ChangeMarks::default();
        let note = |map: &mut String, detail: String| {
            if !map.is_empty() {
                map.push_str("; ");
            }
            map.push_str(&detail);
        };
        for change in changes {
            match change {
                Change::CellChanged {
                    activity,
                    role,
                    before,
                    ..
                } => {
                    let was = if before.is_empty() {
                        "blank".to_owned()
                    } else {
                        before.to_string()
                    };
                    marks.cells.entry(*activity).or_default().push((*role, was));
                }
                Change::ActivityAdded { activity, .. } => {
                    note(marks.rows.entry(activity.id).or_default(), change.detail());
                }
                Change::ActivityRenamed { activity, .. }
                | Change::ActivityMoved { activity, .. }
                | Change::ActivityRegrouped { activity, .. }
                | Change::ActivityText { activity, .. } => {
                    note(marks.rows.entry(*activity).or_default(), change.detail());
                }
                Change::RoleAdded { role, .. } => {
                    note(marks.columns.entry(role.id).or_default(), change.detail());
                }
                Change::RoleRenamed { role, .. }
                | Change::RoleDescribed { role, .. }
                | Change::RoleMoved { role, .. } => {
                    note(marks.columns.entry(*role).or_default(), change.detail());
                }
                _ => {}
            }
        }
        marks
    }

    /// What the cell held at the baseline, when it changed since.
    pub fn cell(&self, activity: ActivityId, role: RoleId) -> Option<&str> {
        self.cells
            .get(&activity)?
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, was)| was.as_str())
    }

    /// What changed about an activity's row itself.
    pub fn row(&self, activity: ActivityId) -> Option<&str> {
        self.rows.get(&activity).map(String::as_str)
    }

    /// What changed about a role's column itself.
    pub fn column(&self, role: RoleId) -> Option<&str> {
        self.columns.get(&role).map(String::as_str)
    }

    /// Whether an activity's row or any of its cells changed.
    pub fn touches(&self, activity: ActivityId) -> bool {
        self.rows.contains_key(&activity) || self.cells.contains_key(&activity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, apply};
    use crate::example::example;
    use crate::model::{Cell, Letter, Letters};
    use crate::review::diff;

    #[test]
    fn marks_cells_rows_and_columns_with_what_they_were() {
        let baseline = example();
        let mut m = baseline.clone();
        let (a, r) = (m.activities[6].id, m.roles[1].id);
        let edits = [
            Edit::SetCell {
                activity: a,
                role: r,
                cell: Cell::letters(Letters::only(Letter::A)),
            },
            Edit::RenameActivity {
                activity: m.activities[0].id,
                name: "Set the strategy".into(),
            },
            Edit::RenameRole {
                role: m.roles[2].id,
                name: "SecOps".into(),
            },
        ];
        for e in edits {
            apply(&mut m, e).unwrap();
        }
        let marks = ChangeMarks::new(&diff(&baseline, &m));
        assert_eq!(marks.cell(a, r), Some("blank"));
        assert_eq!(marks.cell(a, m.roles[0].id), None);
        assert_eq!(
            marks.row(m.activities[0].id),
            Some("renamed from Define cloud strategy and guardrails")
        );
        assert_eq!(marks.column(m.roles[2].id), Some("renamed from Security"));
        assert!(marks.touches(a));
        assert!(!marks.touches(m.activities[1].id));
    }
}
