//! Accepted findings: the room may decide a finding is fine as it is. The acceptance holds while
//! what the finding is about stays as it was when accepted (the cell, the activity's row or the
//! role's column), and lapses, opening the finding again, once an edit changes that.

use std::collections::HashMap;
use std::fmt::Write;

use super::Finding;
use crate::model::{Acceptance, ActivityId, Date, Decision, Matrix, RoleId};

/// A stable fingerprint of what a finding at (`activity`, `role`) is about, as saved with the
/// acceptance: FNV-1a over the cells and names concerned, so it stays the same across builds.
pub fn about_fingerprint(
    matrix: &Matrix,
    activity: Option<ActivityId>,
    role: Option<RoleId>,
) -> String {
    let mut text = String::new();
    let _ = write!(text, "{}|", matrix.scheme);
    let role_index = role.and_then(|r| matrix.role_index(r));
    match (activity.and_then(|a| matrix.activity(a)), role_index) {
        (Some(a), Some(ri)) => {
            let _ = write!(text, "cell|{}|{:?}", matrix.roles[ri].name, a.cells.get(ri));
        }
        (Some(a), None) => {
            let _ = write!(text, "row|{}", a.name);
            for (r, cell) in matrix.roles.iter().zip(&a.cells) {
                if !cell.is_empty() {
                    let _ = write!(text, "|{}={}", r.id.0, cell);
                }
            }
        }
        (None, Some(ri)) => {
            let _ = write!(
                text,
                "column|{}|{}",
                matrix.roles[ri].name,
                matrix.activities.len()
            );
            for a in &matrix.activities {
                if let Some(cell) = a.cells.get(ri).filter(|c| !c.is_empty()) {
                    let _ = write!(text, "|{}={}", a.id.0, cell);
                }
            }
        }
        (None, None) => {
            let s = &matrix.record.stewardship;
            let _ = write!(text, "matrix|{}|{}", s.matrix_owner, s.escalation_owner);
        }
    }
    format!("{:016x}", fnv1a(text.as_bytes()))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Marks the findings that a decision of `matrix`'s record accepts, with that decision's text as
/// the reason, while what they are about is unchanged.
pub fn mark_accepted(findings: &mut [Finding], matrix: &Matrix) {
    Acceptances::of(matrix).mark(findings);
}

impl Decision {
    /// A decision that accepts `finding` as it is, for `reason`.
    pub fn accepting(matrix: &Matrix, finding: &Finding, reason: &str, date: Date) -> Decision {
        Decision {
            accepts: Some(Acceptance {
                rule: finding.rule,
                about: about_fingerprint(matrix, finding.activity, finding.role),
            }),
            ..Decision::new(matrix, reason, finding.activity, finding.role, date)
        }
    }
}

/// What a finding is about: an activity, a role, both (a cell) or neither (the matrix).
type Place = (Option<ActivityId>, Option<RoleId>);

/// The decisions of a record that accept findings, by the place they are about, to mark the
/// findings of a few places without looking at every finding.
pub(super) struct Acceptances<'m> {
    matrix: &'m Matrix,
    /// In the record's order: the last that holds wins.
    by_place: HashMap<Place, Vec<(&'m Acceptance, &'m str)>>,
}

impl<'m> Acceptances<'m> {
    pub fn of(matrix: &'m Matrix) -> Acceptances<'m> {
        let mut by_place: HashMap<_, Vec<_>> = HashMap::new();
        for d in &matrix.record.decisions {
            if let Some(a) = &d.accepts {
                by_place
                    .entry((d.activity, d.role))
                    .or_default()
                    .push((a, d.text.as_str()));
            }
        }
        Acceptances { matrix, by_place }
    }

    /// Marks the findings of `found` that a decision accepts, with that decision's text as the
    /// reason, while what they are about is unchanged.
    pub fn mark(&self, found: &mut [Finding]) {
        if self.by_place.is_empty() {
            return;
        }
        for f in found {
            let Some(decisions) = self.by_place.get(&(f.activity, f.role)) else {
                continue;
            };
            let mut about = None;
            for (acceptance, text) in decisions.iter().filter(|(a, _)| a.rule == f.rule) {
                let now =
                    about.get_or_insert_with(|| about_fingerprint(self.matrix, f.activity, f.role));
                if *now == acceptance.about {
                    f.accepted = Some((*text).to_owned());
                }
            }
        }
    }

    /// The roles with an accepted finding about their column: what it is about changes with any
    /// cell of the column.
    pub fn columns(&self) -> impl Iterator<Item = RoleId> + '_ {
        self.by_place.keys().filter_map(|place| match place {
            (None, Some(role)) => Some(*role),
            _ => None,
        })
    }
}
