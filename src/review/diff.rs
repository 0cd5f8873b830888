//! What changed between two states of the same matrix (the review's baseline and now), by id:
//! renames are known, never guessed from names. Every change can be replayed as edits, so the
//! list is complete by construction: [`apply_changes`] on the baseline gives the current matrix.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::edit::{self, ActivityText, Edit, EditError};
use crate::model::{
    Activity, ActivityId, Cell, ChangeLine, Group, GroupId, Matrix, Role, RoleId, Scheme,
};

/// One difference between the baseline and the current matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Title {
        before: String,
        after: String,
    },
    Scheme {
        before: Scheme,
        after: Scheme,
    },
    GroupAdded {
        group: Group,
        index: usize,
    },
    GroupRemoved {
        group: Group,
    },
    GroupRenamed {
        group: GroupId,
        before: String,
        after: String,
    },
    RoleAdded {
        role: Role,
        index: usize,
    },
    RoleRemoved {
        role: Role,
    },
    RoleRenamed {
        role: RoleId,
        before: String,
        after: String,
    },
    RoleDescribed {
        role: RoleId,
        name: String,
        before: String,
        after: String,
    },
    /// A role's place among the roles that stayed changed (`to` is its index now).
    RoleMoved {
        role: RoleId,
        name: String,
        to: usize,
    },
    /// An activity that is new, with its cells in the current role order.
    ActivityAdded {
        activity: Activity,
        index: usize,
    },
    ActivityRemoved {
        activity: ActivityId,
        name: String,
    },
    ActivityRenamed {
        activity: ActivityId,
        before: String,
        after: String,
    },
    ActivityMoved {
        activity: ActivityId,
        name: String,
        to: usize,
    },
    ActivityRegrouped {
        activity: ActivityId,
        name: String,
        before: Option<GroupId>,
        after: Option<GroupId>,
        before_name: String,
        after_name: String,
    },
    ActivityText {
        activity: ActivityId,
        name: String,
        field: ActivityText,
        before: String,
        after: String,
    },
    CellChanged {
        activity: ActivityId,
        role: RoleId,
        activity_name: String,
        role_name: String,
        before: Cell,
        after: Cell,
    },
}

/// What a change is about, for grouping a list of changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ChangeSubject {
    Matrix,
    Group(String),
    Role(RoleId, String),
    Activity(ActivityId, String),
}

impl Change {
    pub fn subject(&self) -> ChangeSubject {
        use Change::*;
        match self {
            Title { .. } | Scheme { .. } => ChangeSubject::Matrix,
            GroupAdded { group, .. } | GroupRemoved { group } => {
                ChangeSubject::Group(group.name.clone())
            }
            GroupRenamed { after, .. } => ChangeSubject::Group(after.clone()),
            RoleAdded { role, .. } | RoleRemoved { role } => {
                ChangeSubject::Role(role.id, role.name.clone())
            }
            RoleRenamed { role, after, .. } => ChangeSubject::Role(*role, after.clone()),
            RoleDescribed { role, name, .. } | RoleMoved { role, name, .. } => {
                ChangeSubject::Role(*role, name.clone())
            }
            ActivityAdded { activity, .. } => {
                ChangeSubject::Activity(activity.id, activity.name.clone())
            }
            ActivityRenamed {
                activity, after, ..
            } => ChangeSubject::Activity(*activity, after.clone()),
            ActivityRemoved { activity, name }
            | ActivityMoved { activity, name, .. }
            | ActivityRegrouped { activity, name, .. }
            | ActivityText { activity, name, .. } => {
                ChangeSubject::Activity(*activity, name.clone())
            }
            CellChanged {
                activity,
                activity_name,
                ..
            } => ChangeSubject::Activity(*activity, activity_name.clone()),
        }
    }

    /// The change in plain words, without its subject: "Ops: R -> A/R", "renamed from Deploy".
    pub fn detail(&self) -> String {
        use Change::*;
        match self {
            Title { before, after } => format!("title: {before} -> {after}"),
            Scheme { before, after } => format!("scheme: {before} -> {after}"),
            GroupAdded { .. } | RoleAdded { .. } | ActivityAdded { .. } => "added".to_owned(),
            GroupRemoved { .. } | RoleRemoved { .. } | ActivityRemoved { .. } => {
                "removed".to_owned()
            }
            GroupRenamed { before, .. }
            | RoleRenamed { before, .. }
            | ActivityRenamed { before, .. } => format!("renamed from {before}"),
            RoleDescribed { after, .. } if after.is_empty() => "description removed".to_owned(),
            RoleDescribed { after, .. } => format!("description: {after}"),
            RoleMoved { to, .. } => format!("moved to column {}", to + 1),
            ActivityMoved { to, .. } => format!("moved to row {}", to + 1),
            ActivityRegrouped {
                before_name,
                after_name,
                ..
            } => format!("group: {} -> {}", or_none(before_name), or_none(after_name)),
            ActivityText {
                field,
                before,
                after,
                ..
            } => format!(
                "{}: {} -> {}",
                field_name(field),
                or_blank(before),
                or_blank(after)
            ),
            CellChanged {
                role_name,
                before,
                after,
                ..
            } => format!(
                "{role_name}: {} -> {}",
                or_blank(&before.to_string()),
                or_blank(&after.to_string())
            ),
        }
    }

    /// The whole change in one line: "Deploy to production / Ops: R -> A/R".
    pub fn words(&self) -> String {
        let detail = self.detail();
        match self.subject() {
            ChangeSubject::Matrix => format!("Matrix {detail}"),
            ChangeSubject::Group(name) => format!("Group {name}: {detail}"),
            ChangeSubject::Role(_, name) => format!("Role {name}: {detail}"),
            ChangeSubject::Activity(_, name) => match self {
                Change::CellChanged { .. } => format!("{name} / {detail}"),
                _ => format!("{name}: {detail}"),
            },
        }
    }

    /// The cell this change is about, if it is about one.
    pub fn cell(&self) -> Option<(ActivityId, RoleId)> {
        match self {
            Change::CellChanged { activity, role, .. } => Some((*activity, *role)),
            _ => None,
        }
    }
}

/// The changes grouped by what they are about, in the order each subject first appears: how the
/// Changes panel and the minutes list them ("Deploy to production" then its cells).
pub fn group_by_subject(changes: &[Change]) -> Vec<(ChangeSubject, Vec<&Change>)> {
    let mut groups: Vec<(ChangeSubject, Vec<&Change>)> = Vec::new();
    let mut at: HashMap<ChangeSubject, usize> = HashMap::default();
    for change in changes {
        let subject = change.subject();
        // A renamed item is one subject under its new name, whatever each change calls it.
        let key = match &subject {
            ChangeSubject::Activity(id, _) => ChangeSubject::Activity(*id, String::new()),
            ChangeSubject::Role(id, _) => ChangeSubject::Role(*id, String::new()),
            other => other.clone(),
        };
        match at.get(&key) {
            Some(&i) => groups[i].1.push(change),
            None => {
                at.insert(key, groups.len());
                groups.push((subject, vec![change]));
            }
        }
    }
    groups
}

/// Where a change can be shown in the grid: its cell, the first cell of its row or of its
/// column; None for what no longer exists (removed) or has no cell (title, groups).
pub fn change_target(change: &Change, current: &Matrix) -> Option<(ActivityId, RoleId)> {
    let first_role = || current.roles.first().map(|r| r.id);
    let first_activity = || current.activities.first().map(|a| a.id);
    let (activity, role) = match change.subject() {
        ChangeSubject::Activity(a, _) => {
            (Some(a), change.cell().map(|(_, r)| r).or_else(first_role))
        }
        ChangeSubject::Role(r, _) => (first_activity(), Some(r)),
        _ => return None,
    };
    let (activity, role) = (activity?, role?);
    (current.activity(activity).is_some() && current.role(role).is_some())
        .then_some((activity, role))
}

/// A change as the minutes list it: what it is about ("Deploy to production", "Role Ops") and
/// what happened ("Ops: R -> A/R").
pub fn line_of(change: &Change) -> ChangeLine {
    let subject = match change.subject() {
        ChangeSubject::Matrix => "Matrix".to_owned(),
        ChangeSubject::Group(name) => format!("Group {name}"),
        ChangeSubject::Role(_, name) => format!("Role {name}"),
        ChangeSubject::Activity(_, name) => name,
    };
    ChangeLine {
        subject,
        detail: change.detail(),
    }
}

fn or_blank(text: &str) -> &str {
    if text.is_empty() { "(blank)" } else { text }
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "(none)" } else { text }
}

fn field_name(field: &ActivityText) -> &str {
    match field {
        ActivityText::Description => "description",
        ActivityText::Notes => "notes",
        ActivityText::Field(name) => name,
    }
}

/// Every difference from `baseline` to `current`, matched by id: matrix-wide changes first, then
/// groups, roles, and the activities in their current order (each activity's own changes before
/// its cells), removed activities last.
pub fn diff(baseline: &Matrix, current: &Matrix) -> Vec<Change> {
    let mut changes = Vec::new();
    if baseline.title != current.title {
        changes.push(Change::Title {
            before: baseline.title.clone(),
            after: current.title.clone(),
        });
    }
    if baseline.scheme != current.scheme {
        changes.push(Change::Scheme {
            before: baseline.scheme,
            after: current.scheme,
        });
    }
    diff_groups(baseline, current, &mut changes);
    diff_roles(baseline, current, &mut changes);
    diff_activities(baseline, current, &mut changes);
    changes
}

fn diff_groups(baseline: &Matrix, current: &Matrix, changes: &mut Vec<Change>) {
    for (index, group) in current.groups.iter().enumerate() {
        match baseline.group(group.id) {
            None => changes.push(Change::GroupAdded {
                group: group.clone(),
                index,
            }),
            Some(old) if old.name != group.name => changes.push(Change::GroupRenamed {
                group: group.id,
                before: old.name.clone(),
                after: group.name.clone(),
            }),
            Some(_) => {}
        }
    }
    for group in &baseline.groups {
        if current.group(group.id).is_none() {
            changes.push(Change::GroupRemoved {
                group: group.clone(),
            });
        }
    }
}

fn diff_roles(baseline: &Matrix, current: &Matrix, changes: &mut Vec<Change>) {
    let moved = moved_ids(
        baseline.roles.iter().map(|r| r.id),
        current.roles.iter().map(|r| r.id),
    );
    for (index, role) in current.roles.iter().enumerate() {
        let Some(old) = baseline.role(role.id) else {
            changes.push(Change::RoleAdded {
                role: role.clone(),
                index,
            });
            continue;
        };
        if old.name != role.name {
            changes.push(Change::RoleRenamed {
                role: role.id,
                before: old.name.clone(),
                after: role.name.clone(),
            });
        }
        if old.description != role.description {
            changes.push(Change::RoleDescribed {
                role: role.id,
                name: role.name.clone(),
                before: old.description.clone(),
                after: role.description.clone(),
            });
        }
        if moved.contains(&role.id) {
            changes.push(Change::RoleMoved {
                role: role.id,
                name: role.name.clone(),
                to: index,
            });
        }
    }
    for role in &baseline.roles {
        if current.role(role.id).is_none() {
            changes.push(Change::RoleRemoved { role: role.clone() });
        }
    }
}

fn diff_activities(baseline: &Matrix, current: &Matrix, changes: &mut Vec<Change>) {
    let moved = moved_ids(
        baseline.activities.iter().map(|a| a.id),
        current.activities.iter().map(|a| a.id),
    );
    let old_by_id: HashMap<ActivityId, &Activity> =
        baseline.activities.iter().map(|a| (a.id, a)).collect();
    // Where each role of the current matrix sat in the baseline (None: a new role).
    let old_column: Vec<Option<usize>> = current
        .roles
        .iter()
        .map(|r| baseline.role_index(r.id))
        .collect();
    // The usual case: the same roles in the same order, so a row compares as a whole.
    let same_columns = baseline.roles.len() == current.roles.len()
        && old_column.iter().enumerate().all(|(i, c)| *c == Some(i));
    for (index, activity) in current.activities.iter().enumerate() {
        let Some(old) = old_by_id.get(&activity.id) else {
            changes.push(Change::ActivityAdded {
                activity: activity.clone(),
                index,
            });
            continue;
        };
        let name = &activity.name;
        if old.name != *name {
            changes.push(Change::ActivityRenamed {
                activity: activity.id,
                before: old.name.clone(),
                after: name.clone(),
            });
        }
        if moved.contains(&activity.id) {
            changes.push(Change::ActivityMoved {
                activity: activity.id,
                name: name.clone(),
                to: index,
            });
        }
        if old.group != activity.group {
            changes.push(Change::ActivityRegrouped {
                activity: activity.id,
                name: name.clone(),
                before: old.group,
                after: activity.group,
                before_name: baseline.group_name_of(old).to_owned(),
                after_name: current.group_name_of(activity).to_owned(),
            });
        }
        diff_texts(old, activity, changes);
        if same_columns && old.cells == activity.cells {
            continue;
        }
        for (ri, (role, cell)) in current.roles.iter().zip(&activity.cells).enumerate() {
            let before = old_column[ri].map_or(&Cell::EMPTY, |c| &old.cells[c]);
            // A new role's cells are listed as cell changes too: the role's letters are news.
            if before != cell {
                changes.push(Change::CellChanged {
                    activity: activity.id,
                    role: role.id,
                    activity_name: name.clone(),
                    role_name: role.name.clone(),
                    before: before.clone(),
                    after: cell.clone(),
                });
            }
        }
    }
    // A set, not a search per activity: at 5,000 rows the search alone cost 15 ms per edit.
    let current_ids: HashSet<ActivityId> = current.activities.iter().map(|a| a.id).collect();
    for activity in &baseline.activities {
        if !current_ids.contains(&activity.id) {
            changes.push(Change::ActivityRemoved {
                activity: activity.id,
                name: activity.name.clone(),
            });
        }
    }
}

fn diff_texts(old: &Activity, new: &Activity, changes: &mut Vec<Change>) {
    let mut push = |field: ActivityText, before: &str, after: &str| {
        if before != after {
            changes.push(Change::ActivityText {
                activity: new.id,
                name: new.name.clone(),
                field,
                before: before.to_owned(),
                after: after.to_owned(),
            });
        }
    };
    push(
        ActivityText::Description,
        &old.description,
        &new.description,
    );
    push(ActivityText::Notes, &old.notes, &new.notes);
    let keys: std::collections::BTreeSet<&String> =
        old.fields.keys().chain(new.fields.keys()).collect();
    for key in keys {
        let before = old.fields.get(key).map_or("", String::as_str);
        let after = new.fields.get(key).map_or("", String::as_str);
        push(ActivityText::Field(key.clone()), before, after);
    }
}

/// The ids that changed place: those outside a longest run that kept its relative order (so
/// inserting one row does not report every row below it as moved).
fn moved_ids<T: Copy + Eq + std::hash::Hash>(
    before: impl Iterator<Item = T>,
    after: impl Iterator<Item = T>,
) -> HashSet<T> {
    let old_index: HashMap<T, usize> = before.enumerate().map(|(i, id)| (id, i)).collect();
    let common: Vec<(T, usize)> = after
        .filter_map(|id| old_index.get(&id).map(|&i| (id, i)))
        .collect();
    let keep = longest_increasing(&common.iter().map(|(_, i)| *i).collect::<Vec<_>>());
    common
        .iter()
        .enumerate()
        .filter(|(k, _)| !keep.contains(k))
        .map(|(_, (id, _))| *id)
        .collect()
}

/// Positions in `values` of one longest strictly increasing subsequence (patience sorting,
/// O(n log n), so a 5,000-row matrix costs nothing noticeable).
fn longest_increasing(values: &[usize]) -> HashSet<usize> {
    let mut tails: Vec<usize> = Vec::new(); // positions in `values`
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (k, &v) in values.iter().enumerate() {
        let slot = tails.partition_point(|&t| values[t] < v);
        previous[k] = slot.checked_sub(1).map(|s| tails[s]);
        if slot == tails.len() {
            tails.push(k);
        } else {
            tails[slot] = k;
        }
    }
    let mut keep = HashSet::default();
    let mut at = tails.last().copied();
    while let Some(k) = at {
        keep.insert(k);
        at = previous[k];
    }
    keep
}

/// The edits that turn `baseline` into the matrix `changes` were listed against, as one batch.
pub fn changes_to_edit(baseline: &Matrix, changes: &[Change]) -> Edit {
    let mut edits = Vec::new();
    // Removals first, so that the additions and moves below work on the final set of items.
    for change in changes {
        match change {
            Change::ActivityRemoved { activity, .. } => {
                edits.push(Edit::DeleteActivity {
                    activity: *activity,
                });
            }
            Change::RoleRemoved { role } => edits.push(Edit::DeleteRole { role: role.id }),
            Change::GroupRemoved { group } => edits.push(Edit::DeleteGroup { group: group.id }),
            _ => {}
        }
    }
    let mut added_groups: Vec<(usize, &Group)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::GroupAdded { group, index } => Some((*index, group)),
            _ => None,
        })
        .collect();
    added_groups.sort_by_key(|(i, _)| *i);
    for (index, group) in added_groups {
        edits.push(Edit::AddGroup {
            index,
            group: group.clone(),
        });
    }
    for change in changes {
        match change {
            Change::RoleAdded { role, .. } => edits.push(Edit::AddRole {
                index: usize::MAX,
                role: role.clone(),
                cells: Vec::new(),
            }),
            Change::GroupRenamed { group, after, .. } => edits.push(Edit::RenameGroup {
                group: *group,
                name: after.clone(),
            }),
            _ => {}
        }
    }
    let mut batch = Edit::Batch { edits };
    // The roles' final order is known once they are all there; activities are added after it, so
    // that their cells line up with the roles.
    let mut scratch = baseline.clone();
    let _ = edit::apply(&mut scratch, batch.clone());
    let Edit::Batch { edits } = &mut batch else {
        unreachable!("built as a batch above")
    };
    let role_order = final_order(
        scratch.roles.iter().map(|r| r.id),
        changes.iter().filter_map(|c| match c {
            Change::RoleAdded { role, index } => Some((role.id, *index)),
            Change::RoleMoved { role, to, .. } => Some((*role, *to)),
            _ => None,
        }),
    );
    reorder(
        &mut scratch,
        &role_order,
        edits,
        |m| m.roles.iter().map(|r| r.id).collect(),
        |role, index| Edit::MoveRole { role, index },
    );
    for change in changes {
        if let Change::ActivityAdded { activity, .. } = change {
            let add = Edit::AddActivity {
                index: usize::MAX,
                activity: activity.clone(),
            };
            let _ = edit::apply(&mut scratch, add.clone());
            edits.push(add);
        }
    }
    let activity_order = final_order(
        scratch.activities.iter().map(|a| a.id),
        changes.iter().filter_map(|c| match c {
            Change::ActivityAdded { activity, index } => Some((activity.id, *index)),
            Change::ActivityMoved { activity, to, .. } => Some((*activity, *to)),
            _ => None,
        }),
    );
    reorder(
        &mut scratch,
        &activity_order,
        edits,
        |m| m.activities.iter().map(|a| a.id).collect(),
        |activity, index| Edit::MoveActivity { activity, index },
    );
    for change in changes {
        edits.extend(change_edit(change));
    }
    batch
}

/// The edit for a change that does not add, remove or move anything.
fn change_edit(change: &Change) -> Option<Edit> {
    Some(match change {
        Change::Title { after, .. } => Edit::SetTitle {
            title: after.clone(),
        },
        Change::Scheme { after, .. } => Edit::SetScheme { scheme: *after },
        Change::RoleRenamed { role, after, .. } => Edit::RenameRole {
            role: *role,
            name: after.clone(),
        },
        Change::RoleDescribed { role, after, .. } => Edit::SetRoleDescription {
            role: *role,
            description: after.clone(),
        },
        Change::ActivityRenamed {
            activity, after, ..
        } => Edit::RenameActivity {
            activity: *activity,
            name: after.clone(),
        },
        Change::ActivityRegrouped {
            activity, after, ..
        } => Edit::SetActivityGroup {
            activity: *activity,
            group: *after,
        },
        Change::ActivityText {
            activity,
            field,
            after,
            ..
        } => Edit::SetActivityText {
            activity: *activity,
            field: field.clone(),
            value: after.clone(),
        },
        Change::CellChanged {
            activity,
            role,
            after,
            ..
        } => Edit::SetCell {
            activity: *activity,
            role: *role,
            cell: after.clone(),
        },
        _ => return None,
    })
}

/// The final order of ids: those with a known final index (added, moved) go there; the others
/// keep their relative order in the remaining places.
fn final_order<T: Copy + Eq + std::hash::Hash>(
    now: impl Iterator<Item = T>,
    placed: impl Iterator<Item = (T, usize)>,
) -> Vec<T> {
    let now: Vec<T> = now.collect();
    let placed: HashMap<T, usize> = placed.collect();
    let mut slots: Vec<Option<T>> = vec![None; now.len()];
    for (&id, &index) in &placed {
        if let Some(slot) = slots.get_mut(index) {
            *slot = Some(id);
        }
    }
    let mut rest = now.iter().filter(|id| !placed.contains_key(id));
    slots
        .into_iter()
        .map(|slot| slot.or_else(|| rest.next().copied()))
        .collect::<Option<Vec<T>>>()
        .unwrap_or(now)
}

/// Appends the moves that put `scratch`'s items into `order`, applying them to `scratch` too.
fn reorder<T: Copy + Eq>(
    scratch: &mut Matrix,
    order: &[T],
    edits: &mut Vec<Edit>,
    ids: impl Fn(&Matrix) -> Vec<T>,
    make: impl Fn(T, usize) -> Edit,
) {
    for (index, &id) in order.iter().enumerate() {
        if ids(scratch).get(index) != Some(&id) {
            let edit = make(id, index);
            let _ = edit::apply(scratch, edit.clone());
            edits.push(edit);
        }
    }
}

/// The baseline with `changes` applied: the current matrix the changes were listed against.
pub fn apply_changes(baseline: &Matrix, changes: &[Change]) -> Result<Matrix, EditError> {
    let mut matrix = baseline.clone();
    edit::apply(&mut matrix, changes_to_edit(baseline, changes))?;
    Ok(matrix)
}
