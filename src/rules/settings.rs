//! Rule ids, severities and the settings a team can change; saved with the matrix.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding is. Ordered from most to least urgent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Two answers where there must be one (two Accountables).
    Conflict,
    /// Something required is missing (no Accountable, nobody Responsible, abandoned activity).
    Gap,
    /// Worth a look; the room decides.
    Warning,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Conflict, Severity::Gap, Severity::Warning];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Conflict => "conflict",
            Severity::Gap => "gap",
            Severity::Warning => "warning",
        }
    }

    /// "1 conflict", "3 gaps", "0 warnings".
    pub fn counted(self, n: usize) -> String {
        match n {
            1 => format!("1 {self}"),
            n => format!("{n} {}", self.heading().to_lowercase()),
        }
    }

    /// Plural heading for a list of findings of this severity.
    pub fn heading(self) -> &'static str {
        match self {
            Severity::Conflict => "Conflicts",
            Severity::Gap => "Gaps",
            Severity::Warning => "Warnings",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stable id of a rule. The UI, the tests and saved settings rely on these strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    MissingAccountable,
    MultipleAccountable,
    MissingResponsible,
    UnassignedActivity,
    IdleRole,
    RoleWithoutOwnership,
    OverloadedRole,
    TooManyResponsible,
    TooManyConsulted,
    UnresolvedCell,
    DuplicateName,
    MissingEscalationOwner,
    NoMatrixOwner,
    OverdueAction,
    ReviewOverdue,
}

impl RuleId {
    pub const ALL: [RuleId; 15] = [
        RuleId::MissingAccountable,
        RuleId::MultipleAccountable,
        RuleId::MissingResponsible,
        RuleId::UnassignedActivity,
        RuleId::IdleRole,
        RuleId::RoleWithoutOwnership,
        RuleId::OverloadedRole,
        RuleId::TooManyResponsible,
        RuleId::TooManyConsulted,
        RuleId::UnresolvedCell,
        RuleId::DuplicateName,
        RuleId::MissingEscalationOwner,
        RuleId::NoMatrixOwner,
        RuleId::OverdueAction,
        RuleId::ReviewOverdue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::MissingAccountable => "missing-accountable",
            RuleId::MultipleAccountable => "multiple-accountable",
            RuleId::MissingResponsible => "missing-responsible",
            RuleId::UnassignedActivity => "unassigned-activity",
            RuleId::IdleRole => "idle-role",
            RuleId::RoleWithoutOwnership => "role-without-ownership",
            RuleId::OverloadedRole => "overloaded-role",
            RuleId::TooManyResponsible => "too-many-responsible",
            RuleId::TooManyConsulted => "too-many-consulted",
            RuleId::UnresolvedCell => "unresolved-cell",
            RuleId::DuplicateName => "duplicate-name",
            RuleId::MissingEscalationOwner => "missing-escalation-owner",
            RuleId::NoMatrixOwner => "no-matrix-owner",
            RuleId::OverdueAction => "overdue-action",
            RuleId::ReviewOverdue => "review-overdue",
        }
    }

    /// The rule with this stable id ("missing-accountable"), if any.
    #[expect(
        clippy::should_implement_trait,
        reason = "a plain lookup returning Option; callers already rely on this signature"
    )]
    pub fn from_str(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.as_str() == id)
    }

    /// A short title for settings screens and reports.
    pub fn title(self) -> &'static str {
        match self {
            RuleId::MissingAccountable => "No Accountable",
            RuleId::MultipleAccountable => "More than one Accountable",
            RuleId::MissingResponsible => "Nobody Responsible",
            RuleId::UnassignedActivity => "Abandoned activity",
            RuleId::IdleRole => "Idle role",
            RuleId::RoleWithoutOwnership => "Role without ownership",
            RuleId::OverloadedRole => "Overloaded role",
            RuleId::TooManyResponsible => "Too many Responsible",
            RuleId::TooManyConsulted => "Too many Consulted",
            RuleId::UnresolvedCell => "Unresolved cell",
            RuleId::DuplicateName => "Duplicate name",
            RuleId::MissingEscalationOwner => "No escalation owner",
            RuleId::NoMatrixOwner => "No matrix owner",
            RuleId::OverdueAction => "Overdue action",
            RuleId::ReviewOverdue => "Review overdue",
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many Responsible an activity must have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponsibleRule {
    /// At least one R (Wikipedia's reading; the default).
    #[default]
    AtLeastOne,
    /// Exactly one R: a second R is reported as too-many-responsible, a conflict.
    ExactlyOne,
}

/// The rule settings of one matrix. Defaults come from ../shared/RACI.md (see the README).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct RuleSettings {
    pub responsible: ResponsibleRule,
    /// More Responsible than this on one activity: consider splitting it.
    pub max_responsible: usize,
    /// More Consulted than this on one activity: does everyone need a say?
    pub max_consulted: usize,
    /// A role holding R or A on more than this percentage of activities is overloaded.
    pub max_ownership_percent: u8,
    /// The overload rule only speaks once the matrix has at least this many activities.
    pub overload_min_activities: usize,
    /// Rules switched off by the team.
    pub disabled: BTreeSet<RuleId>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            responsible: ResponsibleRule::AtLeastOne,
            max_responsible: 5,
            max_consulted: 3,
            max_ownership_percent: 60,
            overload_min_activities: 5,
            disabled: BTreeSet::new(),
        }
    }
}

impl RuleSettings {
    pub fn is_enabled(&self, rule: RuleId) -> bool {
        !self.disabled.contains(&rule)
    }
}
