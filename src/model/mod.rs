//! The RACI matrix: roles, activities, groups and the letters in each cell.
//!
//! Letters are stored as characters (R, A, C, I, S, V, O, D); the [`Scheme`] gives them their
//! meaning. Switching scheme therefore never rewrites a cell: a letter the new scheme does not know
//! stays visible and is flagged by the rules instead of being silently dropped.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod date;
mod record;

pub use date::{Date, DateError};
pub use record::{
    Acceptance, Action, Baseline, ChangeLine, DEFAULT_CADENCE_DAYS, Decision, FindingCounts,
    Record, RecordId, ReviewEntry, Stewardship,
};

/// Stable identity of a role; survives renames and moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoleId(pub u32);

/// Stable identity of an activity; survives renames and moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActivityId(pub u32);

/// Stable identity of a group (phase, section) of activities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GroupId(pub u32);

/// One letter a cell can hold, whatever the scheme calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Letter {
    R,
    A,
    C,
    I,
    S,
    V,
    O,
    D,
}

impl Letter {
    /// Every letter, in the order cells print them (A before R: "A/R" is how people write it).
    pub const ALL: [Letter; 8] = [
        Letter::A,
        Letter::R,
        Letter::D,
        Letter::S,
        Letter::V,
        Letter::C,
        Letter::I,
        Letter::O,
    ];

    pub fn as_char(self) -> char {
        match self {
            Letter::R => 'R',
            Letter::A => 'A',
            Letter::C => 'C',
            Letter::I => 'I',
            Letter::S => 'S',
            Letter::V => 'V',
            Letter::O => 'O',
            Letter::D => 'D',
        }
    }

    /// The letter for an ASCII character, either case.
    pub fn from_char(c: char) -> Option<Letter> {
        Some(match c.to_ascii_uppercase() {
            'R' => Letter::R,
            'A' => Letter::A,
            'C' => Letter::C,
            'I' => Letter::I,
            'S' => Letter::S,
            'V' => Letter::V,
            'O' => Letter::O,
            'D' => Letter::D,
            _ => return None,
        })
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Letter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Write::write_char(f, self.as_char())
    }
}

/// A set of letters, as one small bit mask: a million cells stay cheap.
/// Serialised as its characters ("AR"), so saved data stays readable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Letters(u8);

impl Serialize for Letters {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text(&mut LettersBuffer::default(), None))
    }
}

/// Room for the text of any set of letters: eight letters and seven separators.
pub type LettersBuffer = [u8; 15];

impl<'de> Deserialize<'de> for Letters {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.chars()
            .map(|c| {
                Letter::from_char(c)
                    .ok_or_else(|| serde::de::Error::custom(format!("'{c}' is not a RACI letter")))
            })
            .collect()
    }
}

impl Letters {
    pub const EMPTY: Letters = Letters(0);

    /// The letters as text, an ASCII `separator` between them ("A/R" or "AR"), written into
    /// `buffer`: no allocation and no formatting, for the million cells a document or a page holds.
    pub fn text(self, buffer: &mut LettersBuffer, separator: Option<u8>) -> &str {
        let mut len = 0;
        for (i, letter) in self.iter().enumerate() {
            if let Some(separator) = separator.filter(|_| i > 0) {
                buffer[len] = separator;
                len += 1;
            }
            buffer[len] = letter.as_char() as u8;
            len += 1;
        }
        std::str::from_utf8(&buffer[..len]).unwrap_or_default()
    }

    pub fn only(letter: Letter) -> Letters {
        Letters(letter.bit())
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The raw mask (bit `n` for the letter whose discriminant is `n`), for tight loops.
    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn contains(self, letter: Letter) -> bool {
        self.0 & letter.bit() != 0
    }

    pub fn with(self, letter: Letter) -> Letters {
        Letters(self.0 | letter.bit())
    }

    pub fn without(self, letter: Letter) -> Letters {
        Letters(self.0 & !letter.bit())
    }

    pub fn toggled(self, letter: Letter) -> Letters {
        Letters(self.0 ^ letter.bit())
    }

    /// The letters in print order (see [`Letter::ALL`]).
    pub fn iter(self) -> impl Iterator<Item = Letter> {
        Letter::ALL.into_iter().filter(move |l| self.contains(*l))
    }
}

impl FromIterator<Letter> for Letters {
    fn from_iter<T: IntoIterator<Item = Letter>>(iter: T) -> Self {
        iter.into_iter().fold(Letters::EMPTY, Letters::with)
    }
}

/// Prints as people write it: "A/R", "C", "" for none.
impl fmt::Display for Letters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text(&mut LettersBuffer::default(), Some(b'/')))
    }
}

/// What one role does in one activity.
///
/// A value the importer could not read is kept as `unrecognised` (with no letters) so that it is
/// shown, reported and flagged, never silently blanked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cell {
    #[serde(default, skip_serializing_if = "no_letters")]
    pub letters: Letters,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unrecognised: Option<Box<str>>,
}

fn no_letters(letters: &Letters) -> bool {
    letters.is_empty()
}

impl Cell {
    pub const EMPTY: Cell = Cell {
        letters: Letters::EMPTY,
        unrecognised: None,
    };

    pub fn letters(letters: Letters) -> Cell {
        Cell {
            letters,
            unrecognised: None,
        }
    }

    pub fn unrecognised(text: &str) -> Cell {
        Cell {
            letters: Letters::EMPTY,
            unrecognised: Some(text.into()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.letters.is_empty() && self.unrecognised.is_none()
    }
}

/// Prints the letters ("A/R"), or the unrecognised text as it was found.
impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.unrecognised {
            Some(text) => f.write_str(text),
            None => write!(f, "{}", self.letters),
        }
    }
}

/// A responsibility-assignment scheme: which letters exist and what they mean.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scheme {
    #[default]
    #[serde(rename = "RACI")]
    Raci,
    #[serde(rename = "RASCI")]
    Rasci,
    #[serde(rename = "RACI-VS")]
    RaciVs,
    #[serde(rename = "CAIRO")]
    Cairo,
    #[serde(rename = "DACI")]
    Daci,
}

impl Scheme {
    pub const ALL: [Scheme; 5] = [
        Scheme::Raci,
        Scheme::Rasci,
        Scheme::RaciVs,
        Scheme::Cairo,
        Scheme::Daci,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scheme::Raci => "RACI",
            Scheme::Rasci => "RASCI",
            Scheme::RaciVs => "RACI-VS",
            Scheme::Cairo => "CAIRO",
            Scheme::Daci => "DACI",
        }
    }

    /// The scheme called `name` (case and spaces ignored).
    pub fn from_name(name: &str) -> Option<Scheme> {
        let wanted: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_ascii_uppercase();
        Scheme::ALL
            .into_iter()
            .find(|s| s.name().replace('-', "") == wanted)
    }

    /// The scheme's letters with their names, in the order a legend shows them.
    pub fn letters(self) -> &'static [(Letter, &'static str)] {
        use Letter::*;
        match self {
            Scheme::Raci => &[
                (R, "Responsible"),
                (A, "Accountable"),
                (C, "Consulted"),
                (I, "Informed"),
            ],
            Scheme::Rasci => &[
                (R, "Responsible"),
                (A, "Accountable"),
                (S, "Support"),
                (C, "Consulted"),
                (I, "Informed"),
            ],
            Scheme::RaciVs => &[
                (R, "Responsible"),
                (A, "Accountable"),
                (C, "Consulted"),
                (I, "Informed"),
                (V, "Verifier"),
                (S, "Signatory"),
            ],
            Scheme::Cairo => &[
                (R, "Responsible"),
                (A, "Accountable"),
                (C, "Consulted"),
                (I, "Informed"),
                (O, "Out of the loop"),
            ],
            Scheme::Daci => &[
                (D, "Driver"),
                (A, "Approver"),
                (C, "Contributor"),
                (I, "Informed"),
            ],
        }
    }

    pub fn has(self, letter: Letter) -> bool {
        self.letters().iter().any(|(l, _)| *l == letter)
    }

    /// What this scheme calls `letter`, or None when the scheme has no such letter.
    pub fn letter_name(self, letter: Letter) -> Option<&'static str> {
        self.letters()
            .iter()
            .find(|(l, _)| *l == letter)
            .map(|(_, name)| *name)
    }

    /// The letter for the single owner of the outcome: Accountable, or DACI's Approver.
    pub fn owner(self) -> Letter {
        Letter::A
    }

    /// The letter for whoever does the work: Responsible, or DACI's Driver.
    pub fn doer(self) -> Letter {
        match self {
            Scheme::Daci => Letter::D,
            _ => Letter::R,
        }
    }

    /// The letter for a two-way say: Consulted, or DACI's Contributor.
    pub fn adviser(self) -> Letter {
        Letter::C
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub id: RoleId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
}

/// One row of the matrix. `cells[i]` belongs to `Matrix::roles[i]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: ActivityId,
    pub name: String,
    pub group: Option<GroupId>,
    pub description: String,
    pub notes: String,
    /// Extra spreadsheet columns (WBS, Owner team, ...), by column name; see `Matrix::columns`.
    pub fields: BTreeMap<String, String>,
    pub cells: Vec<Cell>,
}

/// A spreadsheet column that is not a role: kept so that export writes the sheet back as it came.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "header", rename_all = "kebab-case")]
pub enum InfoColumn {
    /// The activity name, with the header the sheet used ("Activity", "Task", ...).
    Activity(String),
    /// Groups as a column; without one, groups are written as section rows.
    Group(String),
    Description(String),
    Notes(String),
    /// Any other column, e.g. "WBS": the header is also the key in `Activity::fields`.
    Field(String),
}

impl InfoColumn {
    pub fn header(&self) -> &str {
        match self {
            InfoColumn::Activity(h)
            | InfoColumn::Group(h)
            | InfoColumn::Description(h)
            | InfoColumn::Notes(h)
            | InfoColumn::Field(h) => h,
        }
    }
}

/// How the sheet around the role columns looked: the non-role columns in order, and where the block
/// of role columns sits among them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetColumns {
    pub info: Vec<InfoColumn>,
    /// Index into `info` before which the role columns are written.
    pub roles_at: usize,
}

impl Default for SheetColumns {
    fn default() -> Self {
        SheetColumns {
            info: vec![
                InfoColumn::Activity("Activity".into()),
                InfoColumn::Description("Description".into()),
            ],
            roles_at: 2,
        }
    }
}

/// A whole responsibility matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matrix {
    pub title: String,
    pub scheme: Scheme,
    pub roles: Vec<Role>,
    pub groups: Vec<Group>,
    pub activities: Vec<Activity>,
    pub columns: SheetColumns,
    /// The next free id number, shared by roles, activities and groups.
    pub next_id: u32,
    /// The review record: baseline, decisions, actions, owners, completed reviews.
    #[serde(default)]
    pub record: Record,
}

impl Default for Matrix {
    fn default() -> Self {
        Matrix::new("Untitled matrix")
    }
}

impl Matrix {
    pub fn new(title: &str) -> Matrix {
        Matrix {
            title: title.to_owned(),
            scheme: Scheme::Raci,
            roles: Vec::new(),
            groups: Vec::new(),
            activities: Vec::new(),
            columns: SheetColumns::default(),
            next_id: 1,
            record: Record::default(),
        }
    }

    /// Whether two matrices hold the same content, whatever their review records say.
    pub fn same_content(&self, other: &Matrix) -> bool {
        self.activities.len() == other.activities.len()
            && self.title == other.title
            && self.scheme == other.scheme
            && self.roles == other.roles
            && self.groups == other.groups
            && self.columns == other.columns
            && self.activities == other.activities
    }

    /// A copy of the matrix without its review record: what a baseline keeps.
    pub fn snapshot(&self) -> Matrix {
        Matrix {
            title: self.title.clone(),
            scheme: self.scheme,
            roles: self.roles.clone(),
            groups: self.groups.clone(),
            activities: self.activities.clone(),
            columns: self.columns.clone(),
            next_id: self.next_id,
            record: Record::default(),
        }
    }

    /// The id the next role, activity or group added by an edit gets: `edit::apply` takes it
    /// (moves `next_id` past it) when it applies the edit, so commands that add need only read
    /// the matrix, and undo, redo and the change log see the whole change.
    pub fn unused_id(&self) -> u32 {
        self.next_id.max(1)
    }

    fn fresh_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub fn fresh_role_id(&mut self) -> RoleId {
        RoleId(self.fresh_id())
    }

    pub fn fresh_activity_id(&mut self) -> ActivityId {
        ActivityId(self.fresh_id())
    }

    pub fn fresh_group_id(&mut self) -> GroupId {
        GroupId(self.fresh_id())
    }

    /// Appends a role with no letters anywhere; for builders such as the importer.
    pub fn push_role(&mut self, name: &str) -> RoleId {
        let id = self.fresh_role_id();
        self.roles.push(Role {
            id,
            name: name.to_owned(),
            description: String::new(),
        });
        for activity in &mut self.activities {
            activity.cells.push(Cell::EMPTY);
        }
        id
    }

    /// Appends a group, or returns the existing one of that name (compared exactly).
    pub fn group_named(&mut self, name: &str) -> GroupId {
        if let Some(g) = self.groups.iter().find(|g| g.name == name) {
            return g.id;
        }
        let id = self.fresh_group_id();
        self.groups.push(Group {
            id,
            name: name.to_owned(),
        });
        id
    }

    /// Appends an activity with empty cells; for builders such as the importer.
    pub fn push_activity(&mut self, name: &str, group: Option<GroupId>) -> ActivityId {
        let id = self.fresh_activity_id();
        self.activities.push(Activity {
            id,
            name: name.to_owned(),
            group,
            description: String::new(),
            notes: String::new(),
            fields: BTreeMap::new(),
            cells: vec![Cell::EMPTY; self.roles.len()],
        });
        id
    }

    pub fn role_index(&self, id: RoleId) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }

    pub fn activity_index(&self, id: ActivityId) -> Option<usize> {
        self.activities.iter().position(|a| a.id == id)
    }

    pub fn group_index(&self, id: GroupId) -> Option<usize> {
        self.groups.iter().position(|g| g.id == id)
    }

    pub fn role(&self, id: RoleId) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn activity(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    pub fn group(&self, id: GroupId) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn role_by_name(&self, name: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.name == name)
    }

    /// The cell of `activity` for `role`, if both exist.
    pub fn cell(&self, activity: ActivityId, role: RoleId) -> Option<&Cell> {
        let r = self.role_index(role)?;
        self.activity(activity)?.cells.get(r)
    }

    /// The group name of an activity ("" when it has none).
    pub fn group_name_of(&self, activity: &Activity) -> &str {
        activity
            .group
            .and_then(|g| self.group(g))
            .map_or("", |g| g.name.as_str())
    }

    /// Extra field names in the order the sheet had them.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.columns.info.iter().filter_map(|c| match c {
            InfoColumn::Field(name) => Some(name.as_str()),
            _ => None,
        })
    }

    /// The same matrix with ids renumbered in order (roles, groups by first use, activities), so
    /// that two matrices with the same content compare equal whatever their edit history.
    pub fn canonical(&self) -> Matrix {
        let mut groups: Vec<&Group> = Vec::new();
        for a in &self.activities {
            if let Some(g) = a.group.and_then(|g| self.group(g))
                && !groups.iter().any(|x| x.id == g.id)
            {
                groups.push(g);
            }
        }
        for g in &self.groups {
            if !groups.iter().any(|x| x.id == g.id) {
                groups.push(g);
            }
        }
        let mut next = 1;
        let mut take = || {
            let id = next;
            next += 1;
            id
        };
        let roles = self
            .roles
            .iter()
            .map(|r| Role {
                id: RoleId(take()),
                ..r.clone()
            })
            .collect();
        let group_ids: Vec<(GroupId, GroupId)> =
            groups.iter().map(|g| (g.id, GroupId(take()))).collect();
        let new_group = |old: GroupId| group_ids.iter().find(|(o, _)| *o == old).map(|(_, n)| *n);
        let groups = groups
            .iter()
            .map(|g| Group {
                id: new_group(g.id).unwrap_or(g.id),
                name: g.name.clone(),
            })
            .collect();
        let activities = self
            .activities
            .iter()
            .map(|a| Activity {
                id: ActivityId(take()),
                group: a.group.and_then(new_group),
                ..a.clone()
            })
            .collect();
        Matrix {
            title: self.title.clone(),
            scheme: self.scheme,
            roles,
            groups,
            activities,
            columns: self.columns.clone(),
            next_id: next,
            // The record names ids of the matrix as it is; it is kept as it is.
            record: self.record.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_print_accountable_first() {
        let cell: Letters = [Letter::R, Letter::A].into_iter().collect();
        assert_eq!(cell.to_string(), "A/R");
        assert_eq!(Letters::only(Letter::C).to_string(), "C");
        assert_eq!(Letters::EMPTY.to_string(), "");
    }

    #[test]
    fn every_letter_fits_the_text_buffer_with_and_without_separators() {
        let all: Letters = Letter::ALL.into_iter().collect();
        let mut buffer = LettersBuffer::default();
        assert_eq!(all.text(&mut buffer, Some(b'/')), "A/R/D/S/V/C/I/O");
        assert_eq!(all.text(&mut buffer, None), "ARDSVCIO");
        assert_eq!(serde_json::to_string(&all).unwrap(), "\"ARDSVCIO\"");
        assert_eq!(Letters::EMPTY.text(&mut buffer, Some(b'/')), "");
    }

    #[test]
    fn toggling_a_letter_twice_restores_the_cell() {
        let cell = Letters::only(Letter::R);
        assert_eq!(cell.toggled(Letter::A).toggled(Letter::A), cell);
        assert_eq!(cell.toggled(Letter::R), Letters::EMPTY);
    }

    #[test]
    fn schemes_name_their_letters() {
        assert_eq!(Scheme::Daci.letter_name(Letter::A), Some("Approver"));
        assert_eq!(Scheme::Rasci.letter_name(Letter::S), Some("Support"));
        assert_eq!(Scheme::RaciVs.letter_name(Letter::S), Some("Signatory"));
        assert_eq!(Scheme::Raci.letter_name(Letter::S), None);
        assert_eq!(Scheme::from_name("raci-vs"), Some(Scheme::RaciVs));
        assert_eq!(Scheme::from_name(" Rasci "), Some(Scheme::Rasci));
        assert_eq!(Scheme::from_name("XYZ"), None);
    }

    #[test]
    fn same_content_ignores_the_review_record() {
        let mut a = Matrix::new("T");
        a.push_role("Ops");
        a.push_activity("Deploy", None);
        a.record.stewardship.matrix_owner = "Cloud CoE".into();
        let mut b = a.clone();
        b.record = Default::default();
        assert_ne!(a, b);
        assert!(a.same_content(&b));
        b.activities[0].name = "Other".into();
        assert!(!a.same_content(&b));
    }

    #[test]
    fn canonical_form_ignores_id_history() {
        let mut a = Matrix::new("T");
        a.push_role("Ops");
        let g = a.group_named("Plan");
        a.push_activity("Deploy", Some(g));
        let mut b = Matrix::new("T");
        b.next_id = 40;
        let g = b.group_named("Plan");
        b.push_role("Ops");
        b.push_activity("Deploy", Some(g));
        assert_ne!(a, b);
        assert_eq!(a.canonical(), b.canonical());
    }
}
