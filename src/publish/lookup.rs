//! "Who owns...?": find an activity (or a role) by a few words and answer who is Accountable,
//! Responsible, Consulted and Informed, for people who were not in the workshop.
//!
//! The index lower-cases every activity's text once per matrix, so each keystroke is one pass
//! of substring tests: a 5,000-activity matrix answers well within a frame.

use crate::model::{Activity, ActivityId, Letter, Matrix, RoleId};

/// How many activities an answer lists; the rest are counted ("and 40 more").
pub const MAX_ANSWERS: usize = 20;

/// The lower-cased text of every activity and role, built once per matrix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LookupIndex {
    activities: Vec<(ActivityId, Entry)>,
    roles: Vec<(RoleId, String)>,
}

/// One activity's searchable text: its name apart (a match there ranks first), then everything
/// else a reader might type (group, description, notes, extra fields).
#[derive(Clone, Debug, Default, PartialEq)]
struct Entry {
    name: String,
    rest: String,
}

/// Who holds one letter on an activity: "Accountable: Ops".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holders {
    pub letter: Letter,
    /// The scheme's word for the letter ("Accountable", "Approver").
    pub word: String,
    pub roles: Vec<String>,
}

/// The answer for one activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ownership {
    pub activity: ActivityId,
    pub name: String,
    pub group: Option<String>,
    pub description: String,
    pub notes: String,
    /// The scheme's letters in its order, owner first, each with who holds it (possibly nobody).
    pub holders: Vec<Holders>,
    /// Who decides when nobody owns it: the group's escalation owner, else the matrix's.
    pub escalation: Option<String>,
}

/// What a search finds: roles whose name matches, then activities, best first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lookup {
    pub roles: Vec<RoleId>,
    pub activities: Vec<Ownership>,
    /// Matching activities not listed (past [`MAX_ANSWERS`]).
    pub more: usize,
}

impl Entry {
    fn of(matrix: &Matrix, a: &Activity) -> Entry {
        let group = a
            .group
            .and_then(|g| matrix.group(g))
            .map_or("", |g| g.name.as_str());
        let mut rest = [group, &a.description, &a.notes].join("\n");
        for value in a.fields.values() {
            rest.push('\n');
            rest.push_str(value);
        }
        Entry {
            name: a.name.to_lowercase(),
            rest: rest.to_lowercase(),
        }
    }
}

impl LookupIndex {
    /// Each activity's searchable text in one lower-cased string, for a search that runs
    /// elsewhere (the exported web page's script tests every word against it).
    pub fn search_texts(matrix: &Matrix) -> Vec<String> {
        matrix
            .activities
            .iter()
            .map(|a| {
                let entry = Entry::of(matrix, a);
                format!("{}\n{}", entry.name, entry.rest)
            })
            .collect()
    }

    pub fn new(matrix: &Matrix) -> LookupIndex {
        let activities = matrix
            .activities
            .iter()
            .map(|a| (a.id, Entry::of(matrix, a)))
            .collect();
        let roles = matrix
            .roles
            .iter()
            .map(|r| (r.id, r.name.to_lowercase()))
            .collect();
        LookupIndex { activities, roles }
    }

    /// The activities and roles matching every word of `query` (case ignored), best first: all
    /// words in the name, the name starting with the first word, then shorter names; matches in
    /// other text after them, in the matrix's order. A blank query finds nothing.
    pub fn search(&self, matrix: &Matrix, query: &str) -> Lookup {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return Lookup::default();
        }
        let roles = self
            .roles
            .iter()
            .filter(|(_, name)| words.iter().all(|w| name.contains(w.as_str())))
            .map(|(id, _)| *id)
            .collect();
        let mut found: Vec<(u8, usize, usize)> = self
            .activities
            .iter()
            .enumerate()
            .filter_map(|(i, (_, entry))| {
                // Among name matches the shorter name is the closer one; the rest keep the
                // matrix's order.
                let rank = rank(entry, &words)?;
                Some((rank, if rank < 2 { entry.name.len() } else { 0 }, i))
            })
            .collect();
        found.sort_unstable();
        let more = found.len().saturating_sub(MAX_ANSWERS);
        let activities = found
            .iter()
            .take(MAX_ANSWERS)
            .filter_map(|(_, _, i)| ownership(matrix, self.activities[*i].0))
            .collect();
        Lookup {
            roles,
            activities,
            more,
        }
    }
}

/// Lower ranks first: 0 when the name starts with the first word and holds every word, 1 when
/// the name holds every word, 2 when some word is only in the other text. None: no match.
fn rank(entry: &Entry, words: &[String]) -> Option<u8> {
    let mut in_name = true;
    for word in words {
        if entry.name.contains(word.as_str()) {
            continue;
        }
        if !entry.rest.contains(word.as_str()) {
            return None;
        }
        in_name = false;
    }
    Some(match (in_name, entry.name.starts_with(words[0].as_str())) {
        (true, true) => 0,
        (true, false) => 1,
        (false, _) => 2,
    })
}

/// Who holds each of the scheme's letters on `activity`, with its group, notes and escalation.
pub fn ownership(matrix: &Matrix, activity: ActivityId) -> Option<Ownership> {
    let a = matrix.activity(activity)?;
    let scheme = matrix.scheme;
    let mut letters: Vec<(Letter, &str)> = scheme.letters().to_vec();
    letters.sort_by_key(|(l, _)| *l != scheme.owner());
    let holders = letters
        .into_iter()
        .map(|(letter, word)| Holders {
            letter,
            word: word.to_owned(),
            roles: matrix
                .roles
                .iter()
                .zip(&a.cells)
                .filter(|(_, cell)| cell.letters.contains(letter))
                .map(|(role, _)| role.name.clone())
                .collect(),
        })
        .collect();
    Some(Ownership {
        activity,
        name: a.name.clone(),
        group: a
            .group
            .and_then(|g| matrix.group(g))
            .map(|g| g.name.clone()),
        description: a.description.clone(),
        notes: a.notes.clone(),
        holders,
        escalation: matrix
            .record
            .stewardship
            .escalation_for(a.group)
            .map(str::to_owned),
    })
}

/// What a role holds, counted in the scheme's words: "Accountable 3 · Responsible 5".
pub fn role_summary(matrix: &Matrix, role: RoleId) -> String {
    let Some(ri) = matrix.role_index(role) else {
        return String::new();
    };
    let parts: Vec<String> = matrix
        .scheme
        .letters()
        .iter()
        .filter_map(|(letter, word)| {
            let n = matrix
                .activities
                .iter()
                .filter(|a| a.cells.get(ri).is_some_and(|c| c.letters.contains(*letter)))
                .count();
            (n > 0).then(|| format!("{word} {n}"))
        })
        .collect();
    if parts.is_empty() {
        "holds no letter".to_owned()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Letters, Scheme};

    fn sample() -> Matrix {
        let mut m = Matrix::new("Platform");
        m.push_role("Ops");
        m.push_role("Security");
        m.push_role("Dev");
        let run = m.group_named("Run");
        m.push_activity("Deploy to production", Some(run));
        m.push_activity("Restore backups", Some(run));
        m.push_activity("Production incident review", None);
        let set = |m: &mut Matrix, a: usize, r: usize, l: &[Letter]| {
            m.activities[a].cells[r] = Cell::letters(l.iter().copied().collect::<Letters>());
        };
        set(&mut m, 0, 0, &[Letter::A, Letter::R]);
        set(&mut m, 0, 1, &[Letter::C]);
        set(&mut m, 0, 2, &[Letter::I]);
        set(&mut m, 1, 0, &[Letter::R]);
        m.activities[1].notes = "Quarterly restore test".into();
        m.record.stewardship.escalation_owner = "Head of Platform".into();
        m
    }

    #[test]
    fn a_few_words_of_an_activity_answer_who_holds_each_letter() {
        let m = sample();
        let found = LookupIndex::new(&m).search(&m, "  DEPLOY prod ");
        assert_eq!(found.activities.len(), 1);
        let answer = &found.activities[0];
        assert_eq!(answer.name, "Deploy to production");
        assert_eq!(answer.group.as_deref(), Some("Run"));
        let by_word: Vec<(&str, Vec<&str>)> = answer
            .holders
            .iter()
            .map(|h| {
                (
                    h.word.as_str(),
                    h.roles.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            by_word,
            [
                ("Accountable", vec!["Ops"]),
                ("Responsible", vec!["Ops"]),
                ("Consulted", vec!["Security"]),
                ("Informed", vec!["Dev"]),
            ]
        );
        assert_eq!(answer.escalation.as_deref(), Some("Head of Platform"));
    }

    #[test]
    fn names_rank_before_other_text_and_prefixes_first() {
        let m = sample();
        let index = LookupIndex::new(&m);
        let names = |q: &str| -> Vec<String> {
            index
                .search(&m, q)
                .activities
                .into_iter()
                .map(|a| a.name)
                .collect()
        };
        assert_eq!(
            names("production"),
            ["Production incident review", "Deploy to production"]
        );
        // "restore" is in one name and in nothing else; "quarterly" only in the notes.
        assert_eq!(names("quarterly"), ["Restore backups"]);
        assert_eq!(names("run"), ["Deploy to production", "Restore backups"]);
        assert!(names("nothing like this").is_empty());
        assert!(names("   ").is_empty());
    }

    #[test]
    fn a_role_name_finds_the_role_and_nobody_is_said_plainly() {
        let m = sample();
        let index = LookupIndex::new(&m);
        let found = index.search(&m, "secur");
        assert_eq!(found.roles, [m.roles[1].id]);
        assert_eq!(
            role_summary(&m, m.roles[0].id),
            "Responsible 2 · Accountable 1"
        );
        assert_eq!(role_summary(&m, m.roles[1].id), "Consulted 1");
        let restore = index.search(&m, "restore").activities.remove(0);
        assert!(restore.holders[0].roles.is_empty(), "nobody is Accountable");
        assert_eq!(restore.notes, "Quarterly restore test");
    }

    #[test]
    fn long_answers_are_cut_and_counted() {
        let mut m = Matrix::new("Big");
        m.scheme = Scheme::Raci;
        m.push_role("Ops");
        for i in 0..50 {
            m.push_activity(&format!("Task {i}"), None);
        }
        let found = LookupIndex::new(&m).search(&m, "task");
        assert_eq!(found.activities.len(), MAX_ANSWERS);
        assert_eq!(found.more, 50 - MAX_ANSWERS);
        assert_eq!(found.activities[0].name, "Task 0", "shorter names first");
    }
}
