//! Role cards: what one role is Accountable for, Responsible for, Consulted on and Informed
//! about, grouped by the matrix's groups, with whom to escalate to. One card per role is what
//! the role view shows, the printout holds and the handbook and web page are made of.

use crate::grid::holdings::phrase;
use crate::model::{Letter, Matrix, RoleId};

/// One role's card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleCard {
    pub role: RoleId,
    pub name: String,
    pub description: String,
    /// The scheme's letters, owner first, each with the activities holding it (possibly none).
    pub duties: Vec<Duty>,
    /// Who to go to when something is unowned or stuck: the escalation owners of the groups the
    /// role works in, then the matrix's, then the matrix owner (each named once).
    pub escalation: Vec<Contact>,
}

/// The activities a role holds one letter on: "Accountable for (3)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duty {
    pub letter: Letter,
    /// "Accountable for", "Consulted on", in the scheme's words.
    pub phrase: String,
    /// Activities by group, in the matrix's order; `None` for activities in no group.
    pub groups: Vec<(Option<String>, Vec<String>)>,
}

impl Duty {
    pub fn count(&self) -> usize {
        self.groups.iter().map(|(_, a)| a.len()).sum()
    }
}

/// Someone to escalate to, and for what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// "Escalation owner for Platform", "Escalation owner", "Matrix owner".
    pub what: String,
    pub who: String,
}

/// The card of `role`, None when the matrix has no such role.
pub fn role_card(matrix: &Matrix, role: RoleId) -> Option<RoleCard> {
    let ri = matrix.role_index(role)?;
    let r = &matrix.roles[ri];
    let scheme = matrix.scheme;
    let mut letters: Vec<(Letter, &str)> = scheme.letters().to_vec();
    letters.sort_by_key(|(l, _)| *l != scheme.owner());
    let duties = letters
        .into_iter()
        .map(|(letter, name)| {
            let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
            for a in &matrix.activities {
                if !a.cells.get(ri).is_some_and(|c| c.letters.contains(letter)) {
                    continue;
                }
                let group = a
                    .group
                    .and_then(|g| matrix.group(g))
                    .map(|g| g.name.clone());
                match groups.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, names)) => names.push(a.name.clone()),
                    None => groups.push((group, vec![a.name.clone()])),
                }
            }
            Duty {
                letter,
                phrase: phrase(name).to_owned(),
                groups,
            }
        })
        .collect();
    Some(RoleCard {
        role,
        name: r.name.clone(),
        description: r.description.clone(),
        duties,
        escalation: escalation_contacts(matrix, ri),
    })
}

/// Every role's card, in the matrix's order.
pub fn role_cards(matrix: &Matrix) -> Vec<RoleCard> {
    matrix
        .roles
        .iter()
        .filter_map(|r| role_card(matrix, r.id))
        .collect()
}

fn escalation_contacts(matrix: &Matrix, ri: usize) -> Vec<Contact> {
    let stewardship = &matrix.record.stewardship;
    let mut contacts: Vec<Contact> = Vec::new();
    let mut add = |what: String, who: &str| {
        let who = who.trim();
        if !who.is_empty() && !contacts.iter().any(|c| c.what == what) {
            contacts.push(Contact {
                what,
                who: who.to_owned(),
            });
        }
    };
    for a in &matrix.activities {
        let involved = a.cells.get(ri).is_some_and(|c| !c.letters.is_empty());
        let (Some(g), true) = (a.group, involved) else {
            continue;
        };
        if let (Some(group), Some(who)) = (matrix.group(g), stewardship.group_escalation.get(&g)) {
            add(format!("Escalation owner for {}", group.name), who);
        }
    }
    add("Escalation owner".to_owned(), &stewardship.escalation_owner);
    add("Matrix owner".to_owned(), &stewardship.matrix_owner);
    contacts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Letters, Scheme};

    fn sample() -> Matrix {
        let mut m = Matrix::new("Platform");
        m.push_role("Ops");
        m.push_role("Security");
        let run = m.group_named("Run");
        let build = m.group_named("Build");
        m.push_activity("Deploy", Some(run));
        m.push_activity("Design network", Some(build));
        m.push_activity("Restore backups", Some(run));
        m.push_activity("Write the policy", None);
        let set = |m: &mut Matrix, a: usize, r: usize, l: &[Letter]| {
            m.activities[a].cells[r] = Cell::letters(l.iter().copied().collect::<Letters>());
        };
        set(&mut m, 0, 0, &[Letter::A, Letter::R]);
        set(&mut m, 1, 0, &[Letter::C]);
        set(&mut m, 2, 0, &[Letter::A]);
        set(&mut m, 3, 1, &[Letter::A]);
        m.record.stewardship.escalation_owner = "Head of Platform".into();
        m.record.stewardship.matrix_owner = "Platform CoE".into();
        m.record
            .stewardship
            .group_escalation
            .insert(run, "Run lead".into());
        m
    }

    #[test]
    fn a_card_lists_each_letter_by_group_with_the_escalation_contacts() {
        let m = sample();
        let card = role_card(&m, m.roles[0].id).expect("a card");
        assert_eq!(card.name, "Ops");
        let summary: Vec<(String, usize)> = card
            .duties
            .iter()
            .map(|d| (d.phrase.clone(), d.count()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Accountable for".to_owned(), 2),
                ("Responsible for".to_owned(), 1),
                ("Consulted on".to_owned(), 1),
                ("Informed about".to_owned(), 0),
            ]
        );
        assert_eq!(
            card.duties[0].groups,
            [(
                Some("Run".to_owned()),
                vec!["Deploy".to_owned(), "Restore backups".to_owned()]
            )]
        );
        let contacts: Vec<(&str, &str)> = card
            .escalation
            .iter()
            .map(|c| (c.what.as_str(), c.who.as_str()))
            .collect();
        assert_eq!(
            contacts,
            [
                ("Escalation owner for Run", "Run lead"),
                ("Escalation owner", "Head of Platform"),
                ("Matrix owner", "Platform CoE"),
            ]
        );
    }

    #[test]
    fn activities_without_a_group_and_other_schemes_read_plainly() {
        let mut m = sample();
        let card = role_card(&m, m.roles[1].id).expect("a card");
        assert_eq!(
            card.duties[0].groups,
            [(None, vec!["Write the policy".to_owned()])]
        );
        assert_eq!(card.escalation.len(), 2, "no group contact: not in Run");
        m.scheme = Scheme::Daci;
        let card = role_card(&m, m.roles[1].id).expect("a card");
        assert_eq!(
            card.duties[0].phrase, "Approver of",
            "the owner letter first"
        );
        assert_eq!(role_cards(&m).len(), 2);
        assert_eq!(role_card(&m, RoleId(999)), None);
    }
}
