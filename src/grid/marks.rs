//! Findings indexed by where they show: on a cell, on an activity's row header, or on a role's
//! column header.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::model::{ActivityId, RoleId};
use crate::rules::{Finding, Findings, Severity};

use super::selection::CellRef;

/// The findings of one cell, row or column, for marking and tooltips.
#[derive(Clone, Debug, Default, Hash, PartialEq, Eq)]
pub struct Marks {
    /// The most urgent severity among the open ones (accepted findings do not count).
    pub worst: Option<Severity>,
    /// Some of them were accepted by the room as they are.
    pub accepted: bool,
    /// One note per finding, most urgent first within the order the rules found them.
    pub notes: Vec<Note>,
}

/// One finding as a mark explains it: what is wrong and what to do.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct Note {
    pub severity: Severity,
    pub message: Arc<str>,
    pub fix: Arc<str>,
    /// Why the room accepted it as it is, if it did.
    pub accepted: Option<String>,
}

impl Note {
    /// "What is wrong. Fix: what to do" (or "Accepted: why"), for a tooltip line.
    pub fn line(&self) -> String {
        format!("{} {}", self.message, self.advice())
    }

    /// "Fix: what to do", or "Accepted: why" for a finding the room accepted.
    pub fn advice(&self) -> String {
        match &self.accepted {
            Some(reason) => format!("Accepted: {reason}"),
            None => format!("Fix: {}", self.fix),
        }
    }
}

impl Marks {
    fn add(&mut self, finding: &Finding) {
        if finding.is_open() {
            self.worst = Some(
                self.worst
                    .map_or(finding.severity, |w| w.min(finding.severity)),
            );
        } else {
            self.accepted = true;
        }
        self.notes.push(Note {
            severity: finding.severity,
            message: finding.message.clone(),
            fix: finding.fix.clone(),
            accepted: finding.accepted.clone(),
        });
    }
}

/// Every finding, filed under the cell, activity or role it is about. Kept up to date from the
/// places of the findings that changed (see [`FindingIndex::update`]); a row looks up its cells'
/// marks with one hash lookup for the whole row.
#[derive(Clone, Debug, Default)]
pub struct FindingIndex {
    /// Per activity, the marks of its cells that have any (few per row), by role.
    cells: FxHashMap<ActivityId, Vec<(RoleId, Marks)>>,
    activities: FxHashMap<ActivityId, Marks>,
    roles: FxHashMap<RoleId, Marks>,
    /// The findings indexed, when they came as a snapshot.
    source: Option<Findings>,
}

impl PartialEq for FindingIndex {
    fn eq(&self, other: &FindingIndex) -> bool {
        (&self.cells, &self.activities, &self.roles)
            == (&other.cells, &other.activities, &other.roles)
    }
}

impl FindingIndex {
    /// The index of a list of findings in the order they are shown.
    pub fn new(findings: &[Finding]) -> FindingIndex {
        let mut index = FindingIndex::default();
        index.add(findings.iter());
        index
    }

    /// The index of a snapshot of the findings.
    pub fn of(findings: &Findings) -> FindingIndex {
        let mut index = FindingIndex::new(&[]);
        index.add(findings.iter());
        index.source = Some(findings.clone());
        index
    }

    /// Brings the index up to date with `findings`: from the places that changed when
    /// `findings` was made from the snapshot indexed last, else all over again.
    pub fn update(&mut self, findings: &Findings) {
        let changed = self
            .source
            .as_ref()
            .and_then(|source| findings.changed_since(source));
        let Some(changed) = changed else {
            *self = FindingIndex::of(findings);
            return;
        };
        // A cell, activity or role is marked from one place only: forget what the changed places
        // marked, then mark what they hold now.
        for f in changed.iter().flat_map(|(_, before)| before.iter()) {
            match (f.activity, f.role) {
                (Some(a), _) => {
                    self.cells.remove(&a);
                    self.activities.remove(&a);
                }
                (None, Some(r)) => {
                    self.roles.remove(&r);
                }
                (None, None) => {}
            }
        }
        for (at, _) in &changed {
            let place = findings.place(*at);
            self.add(
                Severity::ALL
                    .into_iter()
                    .flat_map(|s| place.iter().filter(move |f| f.severity == s)),
            );
        }
        self.source = Some(findings.clone());
    }

    fn add<'a>(&mut self, findings: impl Iterator<Item = &'a Finding>) {
        let index = self;
        for f in findings {
            match (f.activity, f.role) {
                (Some(a), Some(r)) => {
                    let row = index.cells.entry(a).or_default();
                    match row.iter_mut().find(|(role, _)| *role == r) {
                        Some((_, marks)) => marks.add(f),
                        None => {
                            let mut marks = Marks::default();
                            marks.add(f);
                            row.push((r, marks));
                        }
                    }
                }
                (Some(a), None) => index.activities.entry(a).or_default().add(f),
                (None, Some(r)) => index.roles.entry(r).or_default().add(f),
                (None, None) => {}
            }
        }
    }

    /// The marks of each marked cell of one activity's row.
    pub fn row_cells(&self, activity: ActivityId) -> &[(RoleId, Marks)] {
        self.cells.get(&activity).map_or(&[], Vec::as_slice)
    }

    pub fn cell(&self, activity: ActivityId, role: RoleId) -> Option<&Marks> {
        find_role(self.row_cells(activity), role)
    }

    pub fn activity(&self, activity: ActivityId) -> Option<&Marks> {
        self.activities.get(&activity)
    }

    pub fn role(&self, role: RoleId) -> Option<&Marks> {
        self.roles.get(&role)
    }

    /// What a focused cell explains: the findings on the cell, then on its activity, then on
    /// its role.
    pub fn notes_for(&self, cell: CellRef) -> Vec<&Note> {
        [
            self.cell(cell.activity, cell.role),
            self.activity(cell.activity),
            self.role(cell.role),
        ]
        .into_iter()
        .flatten()
        .flat_map(|marks| &marks.notes)
        .collect()
    }

    /// Whether the activity has a finding of its own or on one of its cells (accepted ones too).
    pub fn has_findings(&self, activity: ActivityId) -> bool {
        self.activities.contains_key(&activity) || self.cells.contains_key(&activity)
    }
}

/// The marks of `role` among one row's marked cells.
pub fn find_role(row: &[(RoleId, Marks)], role: RoleId) -> Option<&Marks> {
    row.iter().find(|(r, _)| *r == role).map(|(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;

    fn finding(severity: Severity, activity: Option<u32>, role: Option<u32>) -> Finding {
        Finding {
            rule: RuleId::MissingAccountable,
            severity,
            activity: activity.map(ActivityId),
            role: role.map(RoleId),
            message: format!("{severity} here.").into(),
            why: "".into(),
            fix: "Change it.".into(),
            accepted: None,
        }
    }

    #[test]
    fn files_findings_under_cell_row_and_column_keeping_the_worst() {
        let index = FindingIndex::new(&[
            finding(Severity::Warning, Some(1), Some(7)),
            finding(Severity::Conflict, Some(1), Some(7)),
            finding(Severity::Gap, Some(2), None),
            finding(Severity::Warning, None, Some(7)),
        ]);
        let cell = index.cell(ActivityId(1), RoleId(7)).unwrap();
        assert_eq!(cell.worst, Some(Severity::Conflict));
        let lines: Vec<String> = cell.notes.iter().map(Note::line).collect();
        assert_eq!(
            lines,
            [
                "warning here. Fix: Change it.",
                "conflict here. Fix: Change it."
            ]
        );
        assert_eq!(index.cell(ActivityId(1), RoleId(8)), None);
        assert_eq!(
            index.activity(ActivityId(2)).unwrap().worst,
            Some(Severity::Gap)
        );
        assert_eq!(
            index.role(RoleId(7)).unwrap().worst,
            Some(Severity::Warning)
        );
        assert!(index.has_findings(ActivityId(1)));
        assert!(index.has_findings(ActivityId(2)));
        assert!(!index.has_findings(ActivityId(3)));

        let notes = index.notes_for(CellRef {
            activity: ActivityId(1),
            role: RoleId(7),
        });
        let severities: Vec<Severity> = notes.iter().map(|n| n.severity).collect();
        // The cell's two findings, then the role's; activity 1 has none of its own.
        assert_eq!(
            severities,
            [Severity::Warning, Severity::Conflict, Severity::Warning]
        );
    }
}

#[cfg(test)]
mod accepted_tests {
    use super::*;
    use crate::rules::RuleId;

    #[test]
    fn accepted_findings_are_noted_but_do_not_mark_as_open() {
        let accepted = Finding {
            rule: RuleId::MultipleAccountable,
            severity: Severity::Conflict,
            activity: Some(ActivityId(1)),
            role: None,
            message: "Two Accountables.".into(),
            why: "".into(),
            fix: "Keep one.".into(),
            accepted: Some("Both sign off: agreed".into()),
        };
        let index = FindingIndex::new(&[accepted]);
        let marks = index.activity(ActivityId(1)).unwrap();
        assert_eq!(marks.worst, None);
        assert!(marks.accepted);
        assert_eq!(
            marks.notes[0].line(),
            "Two Accountables. Accepted: Both sign off: agreed"
        );
    }
}
