//! The findings of [`super::check_on`], kept up to date edit by edit: an edit to one cell
//! re-checks its activity and the columns whose tallies it changed, not every cell.
//!
//! The checker holds each activity's findings, each role column's tallies (as counts, so that a
//! cell's change is added and taken away) and findings, and the duplicate-name findings. Edits
//! that change everything (settings, the scheme, roles and activities added, deleted, moved or
//! roles renamed, a new matrix) rebuild it with one full pass. The review record's rules and the
//! acceptances are applied place by place (an activity's row, a role's column) to the places an
//! edit changed, and to every place when the record changes; the snapshot of the findings it
//! hands out ([`Findings`]) shares every other place with the one before.

use rustc_hash::FxHashMap;

use std::sync::Arc;

use super::accept::Acceptances;
use super::check::{self, Key, Report, RoleTally, SchemeMasks};
use super::{Finding, Findings, RuleSettings, record};
use crate::edit::Edit;
use crate::model::{ActivityId, Date, Matrix, Scheme};

/// What an edit changed, as far as the findings care.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Everything may have changed: rebuild.
    everything: bool,
    /// Activities whose cells or name changed.
    rows: Vec<ActivityId>,
    /// Some activity's name changed: duplicate names are found again.
    names: bool,
    /// The review record or the groups changed: acceptances and escalation owners may have.
    record: bool,
}

impl Change {
    /// A change of unknown extent (a matrix replaced from outside the edits): rebuild.
    pub fn everything() -> Change {
        Change {
            everything: true,
            ..Change::default()
        }
    }

    /// What `edit` changes, read from the edit before or after it is applied (an applied
    /// edit's inverse touches the same things).
    pub fn of(edit: &Edit) -> Change {
        let mut change = Change::default();
        change.add(edit);
        change
    }

    /// Adds what `edit` changes, for several edits before the findings are next read.
    pub fn add(&mut self, edit: &Edit) {
        match edit {
            Edit::SetCell { activity, .. } | Edit::ToggleLetter { activity, .. } => {
                self.rows.push(*activity)
            }
            Edit::RenameActivity { activity, .. } => {
                self.rows.push(*activity);
                self.names = true;
            }
            Edit::Batch { edits } => edits.iter().for_each(|e| self.add(e)),
            // Role names are in many findings, and positions or the number of activities are
            // in their order and the overload rule: a full pass is simpler and rare.
            Edit::AddRole { .. }
            | Edit::DeleteRole { .. }
            | Edit::RenameRole { .. }
            | Edit::MoveRole { .. }
            | Edit::AddActivity { .. }
            | Edit::DeleteActivity { .. }
            | Edit::MoveActivity { .. }
            | Edit::SetScheme { .. }
            | Edit::ReplaceMatrix { .. } => self.everything = true,
            // Groups and the record are read by the acceptances and escalation owners of any
            // finding: every place is finished again (without checking it again).
            Edit::SetActivityGroup { .. }
            | Edit::AddGroup { .. }
            | Edit::DeleteGroup { .. }
            | Edit::RenameGroup { .. }
            | Edit::Review(_) => self.record = true,
            // Texts and the title are in no finding.
            Edit::SetRoleDescription { .. }
            | Edit::SetActivityText { .. }
            | Edit::SetTitle { .. } => {}
        }
    }

    /// Adds `other` to this change.
    pub fn merge(&mut self, other: Change) {
        self.everything |= other.everything;
        self.names |= other.names;
        self.record |= other.record;
        self.rows.extend(other.rows);
    }
}

/// A finding with its sort key, as the rules report it.
type Keyed = (Key, Finding);

/// The findings of one activity (with its cells') or one role column. Small, because assembling
/// the findings walks every row: most hold nothing.
#[derive(Default)]
struct Found {
    /// Sorted by key.
    found: Vec<Keyed>,
    /// "Repeats the name of" this activity or role, when it does.
    duplicate: Option<Box<Keyed>>,
}

/// One role column's tallies, as counts, and its findings.
#[derive(Default)]
struct Column {
    /// Cells that hold anything, cells that hold letters, cells that own or do.
    counts: [u32; 3],
    found: Found,
}

impl Column {
    fn tally(&self) -> RoleTally {
        let [occupied, lettered, owning] = self.counts;
        RoleTally {
            occupied: occupied > 0,
            lettered: lettered > 0,
            owning: owning as usize,
        }
    }
}

/// Keeps the findings of one matrix up to date as edits are applied to it.
pub struct Checker {
    settings: RuleSettings,
    scheme: Scheme,
    rows: Vec<Found>,
    /// Each cell's code (letters in the low byte, "unreadable" above), row by row, to tell which
    /// columns' tallies an edit changed.
    codes: Vec<u16>,
    columns: Vec<Column>,
    /// Where each activity is in `rows` (and in the matrix).
    index_of: FxHashMap<ActivityId, usize>,
    /// Reused for one row's codes.
    row: Vec<u16>,
    /// The findings last handed out, and what changed since: the places (rows, then columns)
    /// to finish again, or all of them.
    last: Option<Findings>,
    dirty: Vec<usize>,
    all_dirty: bool,
    /// Open gaps with nobody to escalate to, per place, as last finished, and their sum.
    unescalated: Vec<usize>,
    unescalated_total: usize,
}

impl Checker {
    /// A checker for `matrix`, after one full pass.
    pub fn new(matrix: &Matrix, settings: &RuleSettings) -> Checker {
        let mut checker = Checker {
            settings: settings.clone(),
            scheme: matrix.scheme,
            rows: Vec::new(),
            codes: Vec::new(),
            columns: Vec::new(),
            index_of: FxHashMap::default(),
            row: Vec::new(),
            last: None,
            dirty: Vec::new(),
            all_dirty: true,
            unescalated: Vec::new(),
            unescalated_total: 0,
        };
        checker.rebuild(matrix, settings);
        checker
    }

    /// Brings the checker up to date with `matrix` after `change` (everything that changed
    /// since the last update), under `settings`.
    pub fn update(&mut self, matrix: &Matrix, settings: &RuleSettings, change: &Change) {
        let same_shape =
            matrix.activities.len() == self.rows.len() && matrix.roles.len() == self.columns.len();
        if change.everything
            || !same_shape
            || matrix.scheme != self.scheme
            || *settings != self.settings
        {
            return self.rebuild(matrix, settings);
        }
        let mut touched = vec![false; self.columns.len()];
        for id in &change.rows {
            let Some(&ai) = self.index_of.get(id) else {
                return self.rebuild(matrix, settings);
            };
            if matrix.activities[ai].id != *id {
                return self.rebuild(matrix, settings);
            }
            self.recheck_row(matrix, ai, &mut touched);
            self.dirty.push(ai);
        }
        for (ri, _) in touched.iter().enumerate().filter(|(_, t)| **t) {
            self.dirty.push(self.rows.len() + ri);
            let mut report = Report::new(&self.settings);
            let role = (ri, &matrix.roles[ri]);
            let tally = self.columns[ri].tally();
            check::check_role(matrix, self.scheme, role, tally, &mut report);
            self.columns[ri].found.found = report.found;
        }
        if change.names {
            self.recheck_names(matrix);
        }
        self.all_dirty |= change.record;
    }

    /// Every finding on `today`, as [`super::check_on`] gives them for the matrix of the last
    /// update, as a snapshot that shares what did not change with the one handed out before.
    pub fn findings_on(&mut self, matrix: &Matrix, today: Date) -> Findings {
        let acceptances = Acceptances::of(matrix);
        let group_of = |a| {
            self.index_of
                .get(&a)
                .and_then(|&i| matrix.activities.get(i))
                .filter(|activity| activity.id == a)
                .and_then(|activity| activity.group)
        };
        let places = self.rows.len() + self.columns.len();
        let last = self
            .last
            .take()
            .filter(|_| self.unescalated.len() == places);
        let mut dirty = std::mem::take(&mut self.dirty);
        if self.all_dirty || last.is_none() {
            dirty = (0..places).collect();
        } else if dirty.iter().any(|&p| p < self.rows.len()) {
            // What an accepted column finding is about changes with any cell of the column.
            dirty.extend(
                acceptances
                    .columns()
                    .filter_map(|r| matrix.role_index(r))
                    .map(|ri| self.rows.len() + ri),
            );
        }
        dirty.sort_unstable();
        dirty.dedup();
        self.all_dirty = false;
        if self.unescalated.len() != places {
            self.unescalated = vec![0; places];
            self.unescalated_total = 0;
        }
        let mut changed = Vec::with_capacity(dirty.len());
        for p in dirty {
            let found = if p < self.rows.len() {
                &self.rows[p]
            } else {
                &self.columns[p - self.rows.len()].found
            };
            let mut list = found.list();
            acceptances.mark(&mut list);
            let unescalated = record::escalate(matrix, &group_of, &mut list);
            self.unescalated_total = self.unescalated_total + unescalated - self.unescalated[p];
            self.unescalated[p] = unescalated;
            if last.as_ref().is_none_or(|l| l.place(p) != &list[..]) {
                changed.push((p, Arc::from(list)));
            }
        }
        let mut own = record::own(matrix, &self.settings, today, self.unescalated_total);
        acceptances.mark(&mut own);
        let findings = match last {
            None => {
                let mut all: Vec<Arc<[Finding]>> = vec![Arc::from([]); places];
                for (p, list) in changed {
                    all[p] = list;
                }
                Findings::new(all, own)
            }
            Some(last) if changed.is_empty() && last.record() == own.as_slice() => last,
            Some(last) => last.with_changes(changed, own),
        };
        self.last = Some(findings.clone());
        findings
    }

    /// One full pass: every row, every column, every name.
    fn rebuild(&mut self, matrix: &Matrix, settings: &RuleSettings) {
        if self.settings != *settings {
            self.settings = settings.clone();
        }
        self.scheme = matrix.scheme;
        let masks = SchemeMasks::of(self.scheme);
        let mut scratch = vec![RoleTally::default(); matrix.roles.len()];
        let mut columns: Vec<Column> = (0..matrix.roles.len()).map(|_| Column::default()).collect();
        self.rows.clear();
        self.codes.clear();
        self.index_of.clear();
        let mut report = Report::new(&self.settings);
        for (ai, activity) in matrix.activities.iter().enumerate() {
            check::check_activity(
                matrix,
                masks,
                (ai, activity),
                &mut self.row,
                &mut scratch,
                &mut report,
            );
            for (column, &code) in columns.iter_mut().zip(&self.row) {
                let share = masks.column_share(code);
                for (count, add) in column.counts.iter_mut().zip(share) {
                    *count += add;
                }
            }
            let mut found = std::mem::take(&mut report.found);
            found.sort_unstable_by_key(|(key, _)| *key);
            self.codes.extend_from_slice(&self.row);
            self.rows.push(Found {
                found,
                duplicate: None,
            });
            self.index_of.insert(activity.id, ai);
        }
        for (ri, role) in matrix.roles.iter().enumerate() {
            check::check_role(
                matrix,
                self.scheme,
                (ri, role),
                columns[ri].tally(),
                &mut report,
            );
            columns[ri].found.found = std::mem::take(&mut report.found);
        }
        self.columns = columns;
        self.recheck_names(matrix);
        self.all_dirty = true;
    }

    /// Re-checks activity `ai` and moves its cells' shares of the column tallies, marking the
    /// columns whose tallies changed in `touched`.
    fn recheck_row(&mut self, matrix: &Matrix, ai: usize, touched: &mut [bool]) {
        let masks = SchemeMasks::of(self.scheme);
        let mut scratch = vec![RoleTally::default(); matrix.roles.len()];
        let mut report = Report::new(&self.settings);
        let activity = &matrix.activities[ai];
        check::check_activity(
            matrix,
            masks,
            (ai, activity),
            &mut self.row,
            &mut scratch,
            &mut report,
        );
        let width = self.columns.len();
        let codes = &mut self.codes[ai * width..(ai + 1) * width];
        for (ri, (old, new)) in codes.iter_mut().zip(&self.row).enumerate() {
            if old == new {
                continue;
            }
            let column = &mut self.columns[ri];
            let (before, after) = (masks.column_share(*old), masks.column_share(*new));
            for (count, (b, a)) in column.counts.iter_mut().zip(before.into_iter().zip(after)) {
                *count = *count + a - b;
            }
            touched[ri] |= before != after;
            *old = *new;
        }
        let mut found = report.found;
        found.sort_unstable_by_key(|(key, _)| *key);
        self.rows[ai].found = found;
    }

    /// Finds the duplicate activity and role names again.
    fn recheck_names(&mut self, matrix: &Matrix) {
        let mut report = Report::new(&self.settings);
        check::check_names(matrix, &mut report);
        let rows = self.rows.len();
        for (p, found) in self.rows.iter_mut().enumerate() {
            if found.duplicate.take().is_some() {
                self.dirty.push(p);
            }
        }
        for (ri, column) in self.columns.iter_mut().enumerate() {
            if column.found.duplicate.take().is_some() {
                self.dirty.push(rows + ri);
            }
        }
        for (key, finding) in report.found {
            let (p, slot) = if key.1 == u32::MAX {
                let ri = key.2 as usize - 1;
                (rows + ri, &mut self.columns[ri].found.duplicate)
            } else {
                let ai = key.1 as usize;
                (ai, &mut self.rows[ai].duplicate)
            };
            self.dirty.push(p);
            *slot = Some(Box::new((key, finding)));
        }
    }
}

impl Found {
    /// These findings in order, the duplicate-name finding in its place: within one row or
    /// column, keys differ only in severity, role and rule.
    fn list(&self) -> Vec<Finding> {
        let within = |key: &Key| (key.0, key.2, key.3);
        let mut list = Vec::with_capacity(self.found.len() + 1);
        let mut duplicate = self.duplicate.as_deref();
        for (key, finding) in &self.found {
            if let Some((_, f)) = duplicate.filter(|(d, _)| within(d) < within(key)) {
                list.push(f.clone());
                duplicate = None;
            }
            list.push(finding.clone());
        }
        if let Some((_, f)) = duplicate {
            list.push(f.clone());
        }
        list
    }
}
