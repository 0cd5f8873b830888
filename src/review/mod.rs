//! What is worked out from a matrix's review record: the changes since the baseline (`diff`),
//! how another file differs (`compare`), a completed review's entry and summary (`complete`), and
//! the lists the panels show. The record itself is plain data in `crate::model::record`, and its
//! changes are edits (`crate::edit::review`), applied in the one place every change goes through.

mod compare;
mod complete;
mod diff;

pub use compare::{CellDifference, Comparison, compare};
pub use complete::{complete_review, count_findings, draft_entry, minutes_entry, summary};
pub use diff::{
    Change, ChangeSubject, apply_changes, change_target, diff, group_by_subject, line_of,
};

use crate::model::{Action, ActivityId, Baseline, Date, Matrix, RoleId};

/// Which actions a list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActionFilter {
    #[default]
    Open,
    Overdue,
    Done,
    All,
}

impl ActionFilter {
    pub const ALL: [ActionFilter; 4] = [
        ActionFilter::Open,
        ActionFilter::Overdue,
        ActionFilter::Done,
        ActionFilter::All,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionFilter::Open => "Open",
            ActionFilter::Overdue => "Overdue",
            ActionFilter::Done => "Done",
            ActionFilter::All => "All",
        }
    }

    pub fn from_label(label: &str) -> Option<ActionFilter> {
        ActionFilter::ALL.into_iter().find(|f| f.label() == label)
    }

    pub fn keeps(self, action: &Action, today: Date) -> bool {
        match self {
            ActionFilter::Open => action.is_open(),
            ActionFilter::Overdue => action.is_overdue(today),
            ActionFilter::Done => !action.is_open(),
            ActionFilter::All => true,
        }
    }
}

/// The actions `filter` keeps, of `owner` when given (compared case-insensitively): open ones
/// by due date (undated last), done ones most recent first.
pub fn filter_actions<'a>(
    actions: &'a [Action],
    filter: ActionFilter,
    owner: Option<&str>,
    today: Date,
) -> Vec<&'a Action> {
    let mut kept: Vec<&Action> = actions
        .iter()
        .filter(|a| filter.keeps(a, today))
        .filter(|a| owner.is_none_or(|o| a.owner.eq_ignore_ascii_case(o)))
        .collect();
    kept.sort_by_key(|a| {
        (
            !a.is_open(),
            a.due.is_none(),
            a.due,
            std::cmp::Reverse(a.done),
        )
    });
    kept
}

/// Everyone who owns an action, each once, in alphabetical order.
pub fn action_owners(actions: &[Action]) -> Vec<String> {
    let mut owners: Vec<String> = Vec::new();
    for a in actions {
        if !a.owner.is_empty() && !owners.iter().any(|o| o.eq_ignore_ascii_case(&a.owner)) {
            owners.push(a.owner.clone());
        }
    }
    owners.sort_by_key(|o| o.to_lowercase());
    owners
}

/// What deleting by `edit` keeps of the record, in words for the user: "\"Restore backups\" is
/// deleted; its 1 decision and 2 actions are kept, with its name." None when the edit deletes
/// nothing the record names (or is not a delete).
pub fn kept_on_delete(matrix: &Matrix, edit: &crate::edit::Edit) -> Option<String> {
    use crate::edit::Edit;
    let (name, (decisions, actions)) = match edit {
        Edit::DeleteActivity { activity } => (
            &matrix.activity(*activity)?.name,
            matrix.record.mentions_of_activity(*activity),
        ),
        Edit::DeleteRole { role } => (
            &matrix.role(*role)?.name,
            matrix.record.mentions_of_role(*role),
        ),
        _ => return None,
    };
    let count = |n: usize, one: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {one}s")),
    };
    let kept: Vec<String> = [count(decisions, "decision"), count(actions, "action")]
        .into_iter()
        .flatten()
        .collect();
    (!kept.is_empty()).then(|| {
        format!(
            "\u{201c}{name}\u{201d} is deleted; the review record keeps its {}, with its name.",
            kept.join(" and ")
        )
    })
}

/// `matrix` with a fresh baseline of itself taken `today`, unless it brought one (a document of
/// ours with its record): what importing or creating a matrix does.
pub fn with_baseline(mut matrix: Matrix, today: Date) -> Matrix {
    if matrix.record.baseline.is_none() {
        matrix.record.baseline = Some(Baseline {
            taken: today,
            matrix: Box::new(matrix.snapshot()),
        });
    }
    matrix
}

/// The activity's name as decisions and actions show it: its current name while it exists, else
/// the name kept with them, marked as deleted.
pub fn activity_label(matrix: &Matrix, id: Option<ActivityId>, kept: &str) -> String {
    match id {
        None => String::new(),
        Some(id) => match matrix.activity(id) {
            Some(a) => a.name.clone(),
            None if kept.is_empty() => "(deleted activity)".to_owned(),
            None => format!("{kept} (deleted)"),
        },
    }
}

/// The role's name as decisions show it: current while it exists, else the kept name, marked.
pub fn role_label(matrix: &Matrix, id: Option<RoleId>, kept: &str) -> String {
    match id {
        None => String::new(),
        Some(id) => match matrix.role(id) {
            Some(r) => r.name.clone(),
            None if kept.is_empty() => "(deleted role)".to_owned(),
            None => format!("{kept} (deleted)"),
        },
    }
}

#[cfg(test)]
mod tests;
