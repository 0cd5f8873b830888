//! The review record of a matrix, as plain data: what the room started from (the baseline), what
//! it decided and why, what it will follow up (actions), who takes escalations, who keeps the
//! matrix and how often it is reviewed, and the reviews already completed. It lives inside the
//! [`Matrix`], so every change to it is an edit like any other (`edit/review.rs`); what is worked
//! out from it (changes, comparisons, minutes) is in `crate::review`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::{ActivityId, GroupId, Matrix, RoleId};
use crate::rules::settings::RuleId;

/// The default "Review every (days)": a quarter, as OPS02-BP04's periodic review suggests.
pub const DEFAULT_CADENCE_DAYS: u32 = 90;

/// Identity of a decision, action or review entry; unique within one record.
pub type RecordId = u32;

/// Everything a review leaves behind, saved with the matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Record {
    /// The state the current review started from; changes are listed against it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    pub stewardship: Stewardship,
    /// Completed reviews, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ReviewEntry>,
    /// The next free id for a decision, action or review entry.
    pub next_id: RecordId,
}

/// The matrix as the review found it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The day the baseline was set (an import, a new matrix, "Start review", a completed review).
    pub taken: Date,
    /// A copy of the matrix without its record.
    pub matrix: Box<Matrix>,
}

/// Something the room decided: about an activity (and optionally one of its cells), or about the
/// matrix as a whole. A decision can accept a finding as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Decision {
    pub id: RecordId,
    pub date: Date,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<ActivityId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RoleId>,
    /// The activity's and role's names, kept current while they exist so that the decision still
    /// reads right once they are deleted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub activity_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role_name: String,
    /// The finding this decision accepts as it is, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts: Option<Acceptance>,
}

/// A finding the room accepted, and a fingerprint of what it was about at the time: when an edit
/// changes that (the activity's row, the role's column, the cell), the finding opens again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub rule: RuleId,
    pub about: String,
}

/// An improvement opportunity or parking-lot item, tracked to completion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Action {
    pub id: RecordId,
    pub title: String,
    /// Who follows it up: a role of the matrix (named here as it is called) or free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// The role `owner` names, when it is one of the matrix's roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_role: Option<RoleId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<ActivityId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub activity_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub created: Date,
    /// When it was marked done; open while None.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Date>,
}

impl Decision {
    /// A decision about `activity` (and `role`, for a cell), or the matrix, dated `date`, with
    /// the record's next id.
    pub fn new(
        matrix: &Matrix,
        text: &str,
        activity: Option<ActivityId>,
        role: Option<RoleId>,
        date: Date,
    ) -> Decision {
        Decision {
            id: matrix.record.peek_id(),
            date,
            text: text.trim().to_owned(),
            activity_name: activity
                .and_then(|a| matrix.activity(a))
                .map_or(String::new(), |a| a.name.clone()),
            role_name: role
                .and_then(|r| matrix.role(r))
                .map_or(String::new(), |r| r.name.clone()),
            activity,
            role,
            accepts: None,
        }
    }
}

impl Action {
    /// A new open action with the record's next id; an owner that names one of the matrix's
    /// roles (case ignored) is linked to it, so that renaming the role renames the owner.
    pub fn new(
        matrix: &Matrix,
        title: &str,
        owner: &str,
        due: Option<Date>,
        activity: Option<ActivityId>,
        created: Date,
    ) -> Action {
        let owner = owner.trim();
        let role = matrix
            .roles
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(owner));
        Action {
            id: matrix.record.peek_id(),
            title: title.trim().to_owned(),
            owner: role.map_or_else(|| owner.to_owned(), |r| r.name.clone()),
            owner_role: role.map(|r| r.id),
            due,
            activity,
            activity_name: activity
                .and_then(|a| matrix.activity(a))
                .map_or(String::new(), |a| a.name.clone()),
            description: String::new(),
            created,
            done: None,
        }
    }

    pub fn is_open(&self) -> bool {
        self.done.is_none()
    }

    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < today)
    }

    /// "Open", "Done 2026-11-30" or "Overdue (due 2026-11-01)".
    pub fn status_words(&self, today: Date) -> String {
        match (self.done, self.due) {
            (Some(done), _) => format!("Done {done}"),
            (None, Some(due)) if due < today => format!("Overdue (due {due})"),
            (None, _) => "Open".to_owned(),
        }
    }
}

/// Who keeps the matrix current and who decides when nobody owns something.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Stewardship {
    /// The single-threaded escalation owner: assigns ownership when nobody owns something.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub escalation_owner: String,
    /// Escalation owners of single groups, where they differ from the matrix's.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub group_escalation: BTreeMap<GroupId, String>,
    /// The person or team that keeps the matrix current.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub matrix_owner: String,
    /// How often the matrix is reviewed, in days.
    pub review_every_days: u32,
    /// The day of the last completed review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_review: Option<Date>,
}

impl Default for Stewardship {
    fn default() -> Self {
        Stewardship {
            escalation_owner: String::new(),
            group_escalation: BTreeMap::new(),
            matrix_owner: String::new(),
            review_every_days: DEFAULT_CADENCE_DAYS,
            last_review: None,
        }
    }
}

impl Stewardship {
    /// Who resolves a gap in an activity of `group`: the group's escalation owner, else the
    /// matrix's; None when nobody is named.
    pub fn escalation_for(&self, group: Option<GroupId>) -> Option<&str> {
        group
            .and_then(|g| self.group_escalation.get(&g))
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
            .or_else(|| Some(self.escalation_owner.as_str()).filter(|s| !s.trim().is_empty()))
    }
}

/// One completed review, as the minutes tell it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ReviewEntry {
    pub id: RecordId,
    pub date: Date,
    /// Who took part, as typed ("Ana (Ops), Ben (Security)").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub attendees: String,
    /// When the review started (its baseline's date), if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Date>,
    /// The changes since the baseline, in plain words, as they read at completion.
    #[serde(default)]
    pub changes: Vec<ChangeLine>,
    /// Decisions and actions made in this review (ids in the record).
    #[serde(default)]
    pub decisions: Vec<RecordId>,
    #[serde(default)]
    pub actions: Vec<RecordId>,
    pub findings_before: FindingCounts,
    pub findings_after: FindingCounts,
}

/// One change as the minutes list it: what it is about ("Deploy to production", "Role Ops") and
/// what happened ("Ops: R -> A/R", "renamed from Operations").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub subject: String,
    pub detail: String,
}

impl Record {
    /// The id the next decision, action or review entry gets (ids start at 1).
    pub fn peek_id(&self) -> RecordId {
        self.next_id.max(1)
    }

    pub fn decision(&self, id: RecordId) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id == id)
    }

    pub fn action(&self, id: RecordId) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The decisions a cell's callout shows: those about its activity as a whole, and those
    /// about the cell itself, in the order they were taken.
    pub fn decisions_for(&self, activity: ActivityId, role: RoleId) -> Vec<&Decision> {
        self.decisions
            .iter()
            .filter(|d| d.activity == Some(activity) && d.role.is_none_or(|r| r == role))
            .collect()
    }

    /// Decisions and actions that name `activity`: (decisions, actions).
    pub fn mentions_of_activity(&self, activity: ActivityId) -> (usize, usize) {
        (
            self.decisions
                .iter()
                .filter(|d| d.activity == Some(activity))
                .count(),
            self.actions
                .iter()
                .filter(|a| a.activity == Some(activity))
                .count(),
        )
    }

    /// Decisions and actions that name `role`: (decisions, actions).
    pub fn mentions_of_role(&self, role: RoleId) -> (usize, usize) {
        (
            self.decisions
                .iter()
                .filter(|d| d.role == Some(role))
                .count(),
            self.actions
                .iter()
                .filter(|a| a.owner_role == Some(role))
                .count(),
        )
    }

    /// Keeps the names that decisions and actions show for `activity` current (a rename, or a
    /// delete after which only the kept name remains).
    pub(crate) fn note_activity_name(&mut self, activity: ActivityId, name: &str) {
        for d in self
            .decisions
            .iter_mut()
            .filter(|d| d.activity == Some(activity))
        {
            name.clone_into(&mut d.activity_name);
        }
        for a in self
            .actions
            .iter_mut()
            .filter(|a| a.activity == Some(activity))
        {
            name.clone_into(&mut a.activity_name);
        }
    }

    /// Keeps the names that decisions and actions show for `role` current.
    pub(crate) fn note_role_name(&mut self, role: RoleId, name: &str) {
        for d in self.decisions.iter_mut().filter(|d| d.role == Some(role)) {
            name.clone_into(&mut d.role_name);
        }
        for a in self
            .actions
            .iter_mut()
            .filter(|a| a.owner_role == Some(role))
        {
            name.clone_into(&mut a.owner);
        }
    }

    /// The day the next review is due: the last review (else the baseline) plus the cadence.
    pub fn next_review_due(&self) -> Option<Date> {
        let since = self
            .stewardship
            .last_review
            .or(self.baseline.as_ref().map(|b| b.taken))?;
        let days = i32::try_from(self.stewardship.review_every_days).unwrap_or(i32::MAX);
        Some(since.plus_days(days))
    }
}

/// How many findings there were, per rule and per severity; accepted ones are counted apart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct FindingCounts {
    pub by_rule: BTreeMap<RuleId, usize>,
    pub conflicts: usize,
    pub gaps: usize,
    pub warnings: usize,
    pub accepted: usize,
}
