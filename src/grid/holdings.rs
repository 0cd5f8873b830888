//! What the role view shows, as plain data: everything one role holds, grouped by letter in the
//! scheme's own words ("Accountable for", "Approver of"), and a one-line summary.

use crate::model::{Activity, ActivityId, Letter, Matrix, RoleId, Scheme};

/// One activity the role holds a letter on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub activity: ActivityId,
    pub name: String,
    pub group: Option<String>,
    /// The whole cell as people write it ("A/R"), for context.
    pub cell: String,
}

/// The activities under one heading ("Accountable for (3)"). `key` is the letter (or
/// "unrecognised"), `phrase` the heading's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holding {
    pub key: String,
    pub phrase: String,
    pub items: Vec<Held>,
}

/// What a role holds in `matrix`, owner letter first, then the scheme's other letters, then
/// letters the scheme lacks and values nobody could read (so nothing the role holds is hidden).
pub fn holdings(matrix: &Matrix, role: RoleId) -> Vec<Holding> {
    let Some(ri) = matrix.role_index(role) else {
        return Vec::new();
    };
    let scheme = matrix.scheme;
    let held = |activity: &Activity| Held {
        activity: activity.id,
        name: activity.name.clone(),
        group: activity
            .group
            .and_then(|g| matrix.group(g))
            .map(|g| g.name.clone()),
        cell: activity
            .cells
            .get(ri)
            .map(ToString::to_string)
            .unwrap_or_default(),
    };
    let with_letter = |letter: Letter| -> Vec<Held> {
        matrix
            .activities
            .iter()
            .filter(|a| a.cells.get(ri).is_some_and(|c| c.letters.contains(letter)))
            .map(held)
            .collect()
    };
    let mut order: Vec<(Letter, &str)> = scheme.letters().to_vec();
    order.sort_by_key(|(l, _)| *l != scheme.owner());
    let mut out: Vec<Holding> = order
        .into_iter()
        .map(|(letter, name)| Holding {
            key: letter.to_string(),
            phrase: phrase(name).to_owned(),
            items: with_letter(letter),
        })
        .collect();
    for letter in Letter::ALL.into_iter().filter(|l| !scheme.has(*l)) {
        let items = with_letter(letter);
        if !items.is_empty() {
            out.push(Holding {
                key: letter.to_string(),
                phrase: format!("{letter} (not in {scheme}) on"),
                items,
            });
        }
    }
    let unread: Vec<Held> = matrix
        .activities
        .iter()
        .filter(|a| a.cells.get(ri).is_some_and(|c| c.unrecognised.is_some()))
        .map(held)
        .collect();
    if !unread.is_empty() {
        out.push(Holding {
            key: "unrecognised".into(),
            phrase: "An unrecognised value on".into(),
            items: unread,
        });
    }
    // What the role holds first; the letters it does not hold close the list.
    out.sort_by_key(|h| h.items.is_empty());
    out
}

/// How a role holding the letter called `name` is said: "Accountable" -> "Accountable for".
pub fn phrase(name: &str) -> &str {
    match name {
        "Responsible" => "Responsible for",
        "Accountable" => "Accountable for",
        "Consulted" => "Consulted on",
        "Informed" => "Informed about",
        "Support" => "Supports",
        "Verifier" => "Verifies",
        "Signatory" => "Signs off",
        "Out of the loop" => "Out of the loop on",
        "Driver" => "Driver of",
        "Approver" => "Approver of",
        "Contributor" => "Contributes to",
        other => other,
    }
}

/// "Holds R or A on 4 of 15 activities; has a letter on 11."
pub fn summary(matrix: &Matrix, role: RoleId) -> String {
    let Some(ri) = matrix.role_index(role) else {
        return String::new();
    };
    let scheme: Scheme = matrix.scheme;
    let (doer, owner) = (scheme.doer(), scheme.owner());
    let total = matrix.activities.len();
    let cells = || matrix.activities.iter().filter_map(|a| a.cells.get(ri));
    let owning = cells()
        .filter(|c| c.letters.contains(doer) || c.letters.contains(owner))
        .count();
    let involved = cells().filter(|c| !c.is_empty()).count();
    let noun = if total == 1 { "activity" } else { "activities" };
    format!("Holds {doer} or {owner} on {owning} of {total} {noun}; has a letter on {involved}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Letters};

    fn matrix() -> (Matrix, RoleId) {
        let mut m = Matrix::new("t");
        let owner = m.push_role("Owner");
        let group = m.group_named("Plan");
        let (a, r, c) = (Letter::A, Letter::R, Letter::C);
        for (name, letters) in [
            ("Budget", vec![a]),
            ("Hire", vec![a, r]),
            ("Ship", vec![]),
            ("Audit", vec![c]),
        ] {
            let id = m.push_activity(name, Some(group));
            let index = m.activity_index(id).unwrap();
            m.activities[index].cells[0] = Cell::letters(letters.into_iter().collect::<Letters>());
        }
        (m, owner)
    }

    #[test]
    fn a_role_holds_its_activities_by_letter_owner_first() {
        let (m, owner) = matrix();
        let holdings = holdings(&m, owner);
        let headings: Vec<(&str, usize)> = holdings
            .iter()
            .map(|h| (h.phrase.as_str(), h.items.len()))
            .collect();
        assert_eq!(
            headings,
            [
                ("Accountable for", 2),
                ("Responsible for", 1),
                ("Consulted on", 1),
                ("Informed about", 0)
            ]
        );
        let hire = &holdings[0].items[1];
        assert_eq!(
            (
                hire.name.as_str(),
                hire.cell.as_str(),
                hire.group.as_deref()
            ),
            ("Hire", "A/R", Some("Plan"))
        );
        assert!(super::holdings(&m, RoleId(99)).is_empty());
    }

    #[test]
    fn the_summary_counts_owning_and_involvement() {
        let (m, owner) = matrix();
        assert_eq!(
            summary(&m, owner),
            "Holds R or A on 2 of 4 activities; has a letter on 3."
        );
        assert_eq!(phrase("Approver"), "Approver of");
    }
}
