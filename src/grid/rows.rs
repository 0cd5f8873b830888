//! The grid's rows as values: group rows and activity rows, each with everything it shows, a key
//! that says which row it is and a fingerprint of its content. The view keys rows by identity and
//! updates a row whose content changed in place (only its changed cells), so an edit leaves the
//! row and the focused cell where they are; rows that did not change keep their allocation.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::model::{Activity, ActivityId, Cell, GroupId, Matrix, RoleId, Scheme};

use super::changes::ChangeMarks;
use super::marks::{FindingIndex, Marks, find_role};
use super::selection::Layout;

/// What hides rows: collapsed groups, the findings filter and the search text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowFilter {
    pub collapsed: BTreeSet<GroupId>,
    /// Show only activities that have findings.
    pub only_findings: bool,
    /// Show only activities whose name contains this (case-insensitive); blank shows all.
    pub search: String,
}

/// The search text as matched: trimmed and lower-cased. Blank matches everything.
pub fn search_key(search: &str) -> String {
    search.trim().to_lowercase()
}

/// Whether an activity called `name` matches the search `key` (from [`search_key`]).
pub fn name_matches(name: &str, key: &str) -> bool {
    key.is_empty() || name.to_lowercase().contains(key)
}

impl RowFilter {
    fn search_text(&self) -> String {
        search_key(&self.search)
    }

    /// Whether `activity` shows, given the lower-cased search text.
    fn shows(&self, activity: &Activity, search: &str, has_findings: bool) -> bool {
        let collapsed = activity.group.is_some_and(|g| self.collapsed.contains(&g));
        let found = name_matches(&activity.name, search);
        !collapsed && (has_findings || !self.only_findings) && found
    }

    /// The rows and columns shown: what the keyboard moves over.
    pub fn layout(&self, matrix: &Matrix, has_findings: impl Fn(ActivityId) -> bool) -> Layout {
        let search = self.search_text();
        Layout {
            rows: matrix
                .activities
                .iter()
                .filter(|a| self.shows(a, &search, has_findings(a.id)))
                .map(|a| a.id)
                .collect(),
            columns: matrix.roles.iter().map(|r| r.id).collect(),
        }
    }
}

/// One row of the grid body, with everything it shows.
#[derive(Clone, Debug, PartialEq)]
pub enum GridRow {
    Group {
        id: GroupId,
        name: String,
        /// How many activities the group holds, shown or not.
        activities: usize,
        collapsed: bool,
    },
    Activity(ActivityRow),
}

/// One activity's row: its name and marks, and a cell per role.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityRow {
    pub id: ActivityId,
    pub name: String,
    pub description: String,
    pub marks: Option<Marks>,
    /// What changed about the row since the baseline, while changes are shown.
    pub changed: Option<String>,
    pub cells: Vec<CellView>,
}

/// One cell as the grid shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CellView {
    pub role: RoleId,
    pub cell: Cell,
    pub marks: Option<Marks>,
    /// What the cell held at the baseline, when it changed since and changes are shown.
    pub was: Option<String>,
}

/// A body row with its identity and fingerprint, cheap to clone and compared by those two only.
#[derive(Clone, Debug)]
pub struct KeyedRow {
    /// Which row this is: an activity (against its columns: other roles make other cells), or a
    /// group with what its row shows (group rows are small and simply drawn again).
    pub key: u64,
    /// A fingerprint of everything the row shows.
    pub content: u64,
    pub row: Arc<GridRow>,
}

impl PartialEq for KeyedRow {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.content == other.content
    }
}

/// The columns every activity row is drawn against: the scheme names the letters and the role
/// names go into each cell's accessible name.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub scheme: Scheme,
    pub roles: Vec<(RoleId, String)>,
}

impl Columns {
    pub fn of(matrix: &Matrix) -> Columns {
        Columns {
            scheme: matrix.scheme,
            roles: matrix
                .roles
                .iter()
                .map(|r| (r.id, r.name.clone()))
                .collect(),
        }
    }

    fn fingerprint(&self) -> u64 {
        let mut h = FxHasher::default();
        self.hash_into(&mut h);
        h.finish()
    }

    fn hash_into(&self, h: &mut FxHasher) {
        self.scheme.hash(h);
        self.roles.hash(h);
    }
}

/// Who owns and who does an activity, by role name: "A: Security · R: Ops, Platform team".
/// Shown beside a row's name while searching, so the answer to "who is accountable for X" is
/// on screen even when those roles' columns are scrolled out of view.
pub fn owners(columns: &Columns, cells: &[CellView]) -> String {
    let holders = |letter| {
        let names: Vec<&str> = cells
            .iter()
            .zip(&columns.roles)
            .filter(|(c, _)| c.cell.letters.contains(letter))
            .map(|(_, (_, name))| name.as_str())
            .collect();
        if names.is_empty() {
            format!("no {letter}")
        } else {
            format!("{letter}: {}", names.join(", "))
        }
    };
    let (owner, doer) = (columns.scheme.owner(), columns.scheme.doer());
    format!("{} · {}", holders(owner), holders(doer))
}

/// One body row by what it is, before anything it shows is looked at: enough for the row count,
/// the scroll height and finding a row. Content and fingerprints are made only for rows drawn
/// (see [`keyed_rows`]), so an edit's cost does not grow with the rows off screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowSlot {
    Group {
        id: GroupId,
        /// How many activities the group holds, shown or not.
        activities: usize,
        collapsed: bool,
    },
    /// An activity, with its position in the matrix the slots were made from.
    Activity { id: ActivityId, at: usize },
}

/// The body rows shown for `filter`: a group row before each group's activities, then the
/// activities that pass the filter.
pub fn body_slots(matrix: &Matrix, index: &FindingIndex, filter: &RowFilter) -> Vec<RowSlot> {
    let search = filter.search_text();
    let mut group_sizes: FxHashMap<GroupId, usize> = FxHashMap::default();
    // While searching, a group none of whose activities match is left out, not shown empty.
    let mut found: FxHashSet<GroupId> = FxHashSet::default();
    for activity in &matrix.activities {
        if let Some(group) = activity.group {
            *group_sizes.entry(group).or_default() += 1;
            if !search.is_empty() && name_matches(&activity.name, &search) {
                found.insert(group);
            }
        }
    }
    let mut slots = Vec::with_capacity(matrix.activities.len() + matrix.groups.len());
    let mut current_group = None;
    for (at, activity) in matrix.activities.iter().enumerate() {
        if activity.group != current_group {
            current_group = activity.group;
            let group = activity
                .group
                .filter(|g| search.is_empty() || found.contains(g))
                .and_then(|g| matrix.group(g));
            if let Some(group) = group {
                slots.push(RowSlot::Group {
                    id: group.id,
                    activities: group_sizes.get(&group.id).copied().unwrap_or_default(),
                    collapsed: filter.collapsed.contains(&group.id),
                });
            }
        }
        if filter.shows(activity, &search, index.has_findings(activity.id)) {
            slots.push(RowSlot::Activity {
                id: activity.id,
                at,
            });
        }
    }
    slots
}

/// The rows of `slots` with everything they show and their fingerprints. Rows whose fingerprint
/// is in `previous` are reused as they are, so after an edit only the changed rows are new.
pub fn keyed_rows(
    matrix: &Matrix,
    index: &FindingIndex,
    changes: &ChangeMarks,
    slots: &[RowSlot],
    previous: &[KeyedRow],
) -> Vec<KeyedRow> {
    let columns = Columns::of(matrix).fingerprint();
    let reusable: FxHashMap<u64, &Arc<GridRow>> =
        previous.iter().map(|r| (r.content, &r.row)).collect();
    let mut rows = Vec::with_capacity(slots.len());
    for slot in slots {
        match *slot {
            RowSlot::Group {
                id,
                activities,
                collapsed,
            } => {
                let Some(group) = matrix.group(id) else {
                    continue;
                };
                let row = GridRow::Group {
                    id,
                    name: group.name.clone(),
                    activities,
                    collapsed,
                };
                let mut h = FxHasher::default();
                row.hash_group(&mut h);
                let key = h.finish();
                let row = match reusable.get(&key) {
                    Some(same) if ***same == row => Arc::clone(same),
                    _ => Arc::new(row),
                };
                rows.push(KeyedRow {
                    key,
                    content: key,
                    row,
                });
            }
            RowSlot::Activity { id, at } => {
                let found = matrix.activities.get(at).filter(|a| a.id == id);
                let Some(activity) = found.or_else(|| matrix.activity(id)) else {
                    continue;
                };
                let content = activity_fingerprint(matrix, activity, index, changes, columns);
                let row = match reusable.get(&content) {
                    Some(row) if matches!(&***row, GridRow::Activity(same) if same.id == id) => {
                        Arc::clone(row)
                    }
                    _ => Arc::new(activity_row(matrix, activity, index, changes)),
                };
                let mut h = FxHasher::default();
                (1u8, columns, id).hash(&mut h);
                rows.push(KeyedRow {
                    key: h.finish(),
                    content,
                    row,
                });
            }
        }
    }
    rows
}

/// Every body row shown for `filter`, with its content: [`body_slots`] then [`keyed_rows`].
pub fn body_rows(
    matrix: &Matrix,
    index: &FindingIndex,
    changes: &ChangeMarks,
    filter: &RowFilter,
    previous: &[KeyedRow],
) -> Vec<KeyedRow> {
    let slots = body_slots(matrix, index, filter);
    keyed_rows(matrix, index, changes, &slots, previous)
}

/// A fingerprint of everything an activity row shows, hashed from the matrix directly so that a
/// row that did not change costs no allocation.
fn activity_fingerprint(
    matrix: &Matrix,
    activity: &Activity,
    index: &FindingIndex,
    changes: &ChangeMarks,
    columns: u64,
) -> u64 {
    let mut h = FxHasher::default();
    (
        1u8,
        columns,
        activity.id,
        &activity.name,
        &activity.description,
    )
        .hash(&mut h);
    index.activity(activity.id).hash(&mut h);
    let marked = index.row_cells(activity.id);
    let changed = changes.touches(activity.id);
    changes.row(activity.id).hash(&mut h);
    for (role, cell) in matrix.roles.iter().zip(&activity.cells) {
        (role.id, cell, find_role(marked, role.id)).hash(&mut h);
        if changed {
            changes.cell(activity.id, role.id).hash(&mut h);
        }
    }
    h.finish()
}

fn activity_row(
    matrix: &Matrix,
    activity: &Activity,
    index: &FindingIndex,
    changes: &ChangeMarks,
) -> GridRow {
    let marked = index.row_cells(activity.id);
    GridRow::Activity(ActivityRow {
        id: activity.id,
        name: activity.name.clone(),
        description: activity.description.clone(),
        marks: index.activity(activity.id).cloned(),
        changed: changes.row(activity.id).map(str::to_owned),
        cells: matrix
            .roles
            .iter()
            .zip(&activity.cells)
            .map(|(role, cell)| CellView {
                role: role.id,
                cell: cell.clone(),
                marks: find_role(marked, role.id).cloned(),
                was: changes.cell(activity.id, role.id).map(str::to_owned),
            })
            .collect(),
    })
}

impl GridRow {
    /// The activity row this is, if it is one.
    pub fn activity(&self) -> Option<&ActivityRow> {
        match self {
            GridRow::Activity(row) => Some(row),
            GridRow::Group { .. } => None,
        }
    }

    fn hash_group(&self, h: &mut FxHasher) {
        if let GridRow::Group {
            id,
            name,
            activities,
            collapsed,
        } = self
        {
            (0u8, id, name, activities, collapsed).hash(h);
        }
    }
}

/// One role's column header.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderCell {
    pub id: RoleId,
    pub name: String,
    pub description: String,
    pub marks: Option<Marks>,
    /// What changed about the role since the baseline, while changes are shown.
    pub changed: Option<String>,
}

/// The column headers, one per role, with the findings about each role and its changes.
pub fn header_cells(
    matrix: &Matrix,
    index: &FindingIndex,
    changes: &ChangeMarks,
) -> Vec<HeaderCell> {
    matrix
        .roles
        .iter()
        .map(|role| HeaderCell {
            id: role.id,
            name: role.name.clone(),
            description: role.description.clone(),
            marks: index.role(role.id).cloned(),
            changed: changes.column(role.id).map(str::to_owned),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, apply};
    use crate::example;
    use crate::model::{Letter, Letters};
    use crate::rules::{RuleSettings, check};

    fn rows_of(matrix: &Matrix, filter: &RowFilter, previous: &[KeyedRow]) -> Vec<KeyedRow> {
        let index = FindingIndex::new(&check(matrix, &RuleSettings::default()));
        body_rows(matrix, &index, &ChangeMarks::default(), filter, previous)
    }

    fn activity_names(rows: &[KeyedRow]) -> Vec<&str> {
        rows.iter()
            .filter_map(|r| match &*r.row {
                GridRow::Activity(row) => Some(row.name.as_str()),
                GridRow::Group { .. } => None,
            })
            .collect()
    }

    #[test]
    fn a_searched_row_names_its_owners() {
        let mut matrix = example::example();
        let (a, r) = (matrix.roles[0].id, matrix.roles[2].id);
        let activity = matrix.activities[0].id;
        for (role, letters) in [(a, Letters::only(Letter::A)), (r, Letters::only(Letter::R))] {
            for (i, cell) in matrix.activities[0].cells.iter_mut().enumerate() {
                if matrix.roles[i].id == role {
                    *cell = Cell::letters(letters);
                } else if i != 0 && i != 2 {
                    *cell = Cell::EMPTY;
                }
            }
        }
        let rows = rows_of(&matrix, &RowFilter::default(), &[]);
        let cells = rows
            .iter()
            .find_map(|k| match &*k.row {
                GridRow::Activity(row) if row.id == activity => Some(row.cells.clone()),
                _ => None,
            })
            .unwrap();
        let columns = Columns::of(&matrix);
        assert_eq!(
            owners(&columns, &cells),
            format!("A: {} · R: {}", matrix.roles[0].name, matrix.roles[2].name)
        );
        let empty: Vec<CellView> = cells
            .iter()
            .map(|c| CellView {
                cell: Cell::EMPTY,
                ..c.clone()
            })
            .collect();
        assert_eq!(owners(&columns, &empty), "no A · no R");
    }

    #[test]
    fn rows_drawn_from_a_window_of_slots_are_those_of_the_whole_list() {
        let matrix = example::example();
        let index = FindingIndex::new(&check(&matrix, &RuleSettings::default()));
        let (filter, changes) = (RowFilter::default(), ChangeMarks::default());
        let all = body_rows(&matrix, &index, &changes, &filter, &[]);
        let slots = body_slots(&matrix, &index, &filter);
        assert_eq!(slots.len(), all.len());
        let drawn = keyed_rows(&matrix, &index, &changes, &slots[2..6], &[]);
        let keys = |rows: &[KeyedRow]| rows.iter().map(|r| r.key).collect::<Vec<_>>();
        assert_eq!(keys(&drawn), keys(&all[2..6]));
        assert!(drawn.iter().zip(&all[2..6]).all(|(d, a)| d.row == a.row));
    }

    #[test]
    fn an_edit_makes_only_its_row_new_and_keeps_its_key() {
        let mut matrix = example::example();
        let before = rows_of(&matrix, &RowFilter::default(), &[]);
        let activity = matrix.activities[3].id;
        let role = matrix.roles[2].id;
        apply(
            &mut matrix,
            Edit::SetCell {
                activity,
                role,
                cell: Cell::letters(Letters::EMPTY.with(Letter::I)),
            },
        )
        .unwrap();
        let after = rows_of(&matrix, &RowFilter::default(), &before);
        assert_eq!(before.len(), after.len());
        let changed: Vec<usize> = (0..after.len())
            .filter(|&i| !Arc::ptr_eq(&before[i].row, &after[i].row))
            .collect();
        let edited = after
            .iter()
            .position(|r| matches!(&*r.row, GridRow::Activity(row) if row.id == activity))
            .unwrap();
        // The edited row is new; any other new row must be one whose findings changed too. Each
        // is still the same row (its key), so the view updates it in place.
        assert!(changed.contains(&edited));
        for i in changed {
            assert_eq!(before[i].key, after[i].key);
            assert_ne!(before[i].content, after[i].content);
            assert_ne!(*before[i].row, *after[i].row);
        }
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(Arc::ptr_eq(&b.row, &a.row), b.content == a.content);
        }
    }

    #[test]
    fn renaming_a_role_changes_every_activity_row() {
        let mut matrix = example::example();
        let before = rows_of(&matrix, &RowFilter::default(), &[]);
        let role = matrix.roles[0].id;
        apply(
            &mut matrix,
            Edit::RenameRole {
                role,
                name: "Somebody else".into(),
            },
        )
        .unwrap();
        let after = rows_of(&matrix, &RowFilter::default(), &before);
        for (b, a) in before.iter().zip(&after) {
            if matches!(*a.row, GridRow::Activity(_)) {
                assert_ne!(b.key, a.key, "the cells' accessible names name the role");
            }
        }
    }

    #[test]
    fn collapsed_groups_keep_their_row_and_hide_their_activities() {
        let matrix = example::example();
        let group = matrix.groups[0].id;
        let in_group = matrix
            .activities
            .iter()
            .filter(|a| a.group == Some(group))
            .count();
        let filter = RowFilter {
            collapsed: BTreeSet::from([group]),
            ..RowFilter::default()
        };
        let rows = rows_of(&matrix, &filter, &[]);
        assert!(rows.iter().any(|r| *r.row
            == GridRow::Group {
                id: group,
                name: matrix.groups[0].name.clone(),
                activities: in_group,
                collapsed: true,
            }));
        assert_eq!(
            activity_names(&rows).len(),
            matrix.activities.len() - in_group
        );
        let layout = filter.layout(&matrix, |_| false);
        assert_eq!(layout.rows.len(), matrix.activities.len() - in_group);
    }

    #[test]
    fn search_shows_matching_activities_and_only_their_groups() {
        let matrix = example::example();
        let target = &matrix.activities[matrix.activities.len() - 1];
        let filter = RowFilter {
            search: format!("  {}  ", target.name.to_uppercase()),
            ..RowFilter::default()
        };
        let rows = rows_of(&matrix, &filter, &[]);
        assert_eq!(activity_names(&rows), [target.name.as_str()]);
        let groups: Vec<_> = rows
            .iter()
            .filter_map(|r| match *r.row {
                GridRow::Group { id, .. } => Some(id),
                GridRow::Activity(_) => None,
            })
            .collect();
        assert_eq!(groups, target.group.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn only_findings_keeps_rows_with_a_finding() {
        let matrix = example::example();
        let findings = check(&matrix, &RuleSettings::default());
        let index = FindingIndex::new(&findings);
        let filter = RowFilter {
            only_findings: true,
            ..RowFilter::default()
        };
        let rows = body_rows(&matrix, &index, &ChangeMarks::default(), &filter, &[]);
        let shown = activity_names(&rows);
        let expected: Vec<&str> = matrix
            .activities
            .iter()
            .filter(|a| index.has_findings(a.id))
            .map(|a| a.name.as_str())
            .collect();
        assert!(!expected.is_empty() && expected.len() < matrix.activities.len());
        assert_eq!(shown, expected);
    }

    #[test]
    fn header_cells_carry_the_findings_about_each_role() {
        let mut matrix = example::example();
        // A role that holds nothing is idle.
        let (idle, _) = crate::commands::add_role_after(&matrix, None);
        apply(&mut matrix, idle).unwrap();
        let index = FindingIndex::new(&check(&matrix, &RuleSettings::default()));
        let header = header_cells(&matrix, &index, &ChangeMarks::default());
        assert_eq!(header.len(), matrix.roles.len());
        let last = header.last().unwrap();
        assert!(last.marks.as_ref().is_some_and(|m| m.worst.is_some()));
    }
}
