//! The long layout: one row per assignment (Group, Activity, Role, Letters, ...), as our long
//! export writes it, including its rows that keep what has no assignment (a role or activity
//! without letters, an empty group).

use std::collections::HashMap;

use crate::model::{Activity, Cell, GroupId, InfoColumn, Matrix};

use super::cell::{ParsedCell, parse_cell};
use super::header::HeaderKind;
use super::notes::Notes;
use super::scheme::Evidence;
use super::sheet::{Sheet, UniqueNames, legend, sheet_columns, skip_legend};
use super::{ImportError, NoteKind};

/// What a column of a long sheet holds.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Use {
    Activity,
    Role,
    Letters,
    RoleDescription,
    Group,
    Description,
    Notes,
    Field(String),
    /// Tells apart activities that share a name (our long export writes it when names repeat).
    ActivityNumber,
    Skip,
}

/// The header of the column that numbers activities in a long sheet; see docs/formats.md.
pub const ACTIVITY_NUMBER_HEADER: &str = "Activity #";

/// True when the header names an activity, a role and a letters column.
pub(crate) fn fits(sheet: &Sheet) -> bool {
    [HeaderKind::Activity, HeaderKind::Role, HeaderKind::Letters]
        .into_iter()
        .all(|k| sheet.find(k).is_some())
}

/// Reads a long sheet into `matrix` (which has a title and nothing else yet).
pub(crate) fn read(
    sheet: &Sheet,
    matrix: &mut Matrix,
    evidence: &mut Evidence,
    notes: &mut Notes,
) -> Result<(), ImportError> {
    let header_number = sheet.header_number();
    let (Some(activity), Some(role), Some(letters)) = (
        sheet.find(HeaderKind::Activity),
        sheet.find(HeaderKind::Role),
        sheet.find(HeaderKind::Letters),
    ) else {
        return Err(ImportError {
            row: Some(header_number),
            column: None,
            message: "A long sheet needs an Activity column, a Role column and a Letters (or \
                      RACI) column; this header row lacks at least one of them."
                .to_owned(),
        });
    };
    let uses = decide_columns(sheet, activity, role, letters);
    let order: Vec<(usize, Option<InfoColumn>)> = uses
        .iter()
        .enumerate()
        .filter_map(|(c, u)| {
            let header = sheet.label(c);
            let info = match u {
                Use::Activity => Some(InfoColumn::Activity(header)),
                Use::Group => Some(InfoColumn::Group(header)),
                Use::Description => Some(InfoColumn::Description(header)),
                Use::Notes => Some(InfoColumn::Notes(header)),
                Use::Field(key) => Some(InfoColumn::Field(key.clone())),
                Use::Role => None,
                Use::Letters | Use::RoleDescription | Use::ActivityNumber | Use::Skip => {
                    return None;
                }
            };
            Some((c, info))
        })
        .collect();
    matrix.columns = sheet_columns(&order, header_number, notes);
    sheet.note_empty_columns(notes);
    let role_description = uses.iter().position(|u| *u == Use::RoleDescription);
    let group_column = uses.iter().position(|u| *u == Use::Group);
    let number_column = uses.iter().position(|u| *u == Use::ActivityNumber);

    let mut roles: HashMap<String, usize> = HashMap::new();
    let mut role_names = UniqueNames::default();
    let mut activities: HashMap<(Option<GroupId>, String, String), usize> = HashMap::new();
    let mut groups: HashMap<String, GroupId> = HashMap::new();
    for row in sheet.data_rows() {
        let n = row.number();
        if row.is_blank() {
            notes.blank_row(n);
            continue;
        }
        if let Some(column) = legend(row) {
            skip_legend(row, column, notes);
            continue;
        }
        let group_text = group_column.map_or("", |g| row.trimmed(g));
        let group = (!group_text.is_empty()).then(|| {
            *groups
                .entry(group_text.to_owned())
                .or_insert_with(|| matrix.group_named(group_text))
        });
        let role_text = row.trimmed(role);
        let letters_text = row.cell(letters);
        let mut name = row.trimmed(activity).to_owned();
        let has_letters = !letters_text.trim().is_empty();

        let role_index = if role_text.is_empty() {
            None
        } else {
            let key = role_text.to_lowercase();
            let index = match roles.get(&key) {
                Some(&i) => {
                    let known = matrix.roles.get(i).map_or("", |r| r.name.as_str());
                    if known != role_text {
                        notes.push(
                            NoteKind::Normalised,
                            Some(n),
                            Some(role + 1),
                            format!("\"{role_text}\" read as the role \"{known}\"."),
                        );
                    }
                    i
                }
                None => {
                    let (unique, _) = role_names.claim(role_text);
                    matrix.push_role(&unique);
                    let i = matrix.roles.len() - 1;
                    roles.insert(key, i);
                    i
                }
            };
            if let Some(d) = role_description {
                let text = row.trimmed(d);
                if let Some(r) = matrix.roles.get_mut(index)
                    && !text.is_empty()
                    && r.description.is_empty()
                {
                    r.description = text.to_owned();
                }
            }
            Some(index)
        };

        if name.is_empty() {
            let other_text = uses.iter().enumerate().any(|(c, u)| {
                matches!(u, Use::Description | Use::Notes | Use::Field(_))
                    && !row.trimmed(c).is_empty()
            });
            if !(has_letters || other_text) {
                // A row with only a role (and its description) or only a group: nothing more.
                if role_index.is_none() && group.is_none() {
                    notes.push(
                        NoteKind::Skipped,
                        Some(n),
                        None,
                        "Row without activity, role or group left out.",
                    );
                }
                continue;
            }
            name = format!("(unnamed, row {n})");
            notes.push(
                NoteKind::Guessed,
                Some(n),
                Some(activity + 1),
                format!("This row has no activity name; called it \"{name}\"."),
            );
        }

        let number = number_column.map_or("", |c| row.trimmed(c)).to_owned();
        let key = (group, name, number);
        let index = match activities.get(&key) {
            Some(&i) => i,
            None => {
                let id = matrix.fresh_activity_id();
                matrix.activities.push(Activity {
                    id,
                    name: key.1.clone(),
                    group,
                    description: String::new(),
                    notes: String::new(),
                    fields: Default::default(),
                    cells: Vec::new(),
                });
                let i = matrix.activities.len() - 1;
                activities.insert(key, i);
                i
            }
        };
        let Some(item) = matrix.activities.get_mut(index) else {
            continue;
        };
        for (c, u) in uses.iter().enumerate() {
            let text = row.trimmed(c);
            if text.is_empty() {
                continue;
            }
            match u {
                Use::Description if item.description.is_empty() => item.description = text.into(),
                Use::Notes if item.notes.is_empty() => item.notes = text.into(),
                Use::Field(k) => {
                    item.fields
                        .entry(k.clone())
                        .or_insert_with(|| text.to_owned());
                }
                _ => {}
            }
        }
        if !has_letters {
            continue;
        }
        let Some(r) = role_index else {
            notes.push(
                NoteKind::Skipped,
                Some(n),
                Some(letters + 1),
                format!(
                    "\"{}\" has no role in this row; left out.",
                    letters_text.trim()
                ),
            );
            continue;
        };
        if item.cells.len() <= r {
            item.cells.resize(r + 1, Cell::EMPTY);
        }
        let Some(cell) = item.cells.get_mut(r) else {
            continue;
        };
        let new = match parse_cell(letters_text) {
            ParsedCell::Letters {
                letters: read,
                canonical,
                words,
            } => {
                if !canonical {
                    notes.normalised_cell(letters_text, read, n, letters + 1);
                }
                evidence.add(read, words, n, letters + 1);
                Cell::letters(read)
            }
            ParsedCell::NotInvolved => {
                notes.not_involved_cell(letters_text, n, letters + 1);
                Cell::EMPTY
            }
            ParsedCell::Unrecognised | ParsedCell::Empty => {
                notes.kept_cell(letters_text, n, letters + 1);
                Cell::unrecognised(letters_text.trim())
            }
        };
        *cell = merge(cell, new, n, letters + 1, notes);
    }
    let width = matrix.roles.len();
    for a in &mut matrix.activities {
        a.cells.resize(width, Cell::EMPTY);
    }
    if matrix.roles.is_empty() {
        return Err(ImportError {
            row: Some(header_number),
            column: Some(role + 1),
            message: "The Role column is empty in every row: there are no roles to import."
                .to_owned(),
        });
    }
    notes.push(
        NoteKind::Guessed,
        None,
        None,
        format!(
            "Read {} activities and {} roles from one row per assignment.",
            matrix.activities.len(),
            matrix.roles.len()
        ),
    );
    Ok(())
}

/// A second row for the same activity and role adds its letters to the first.
fn merge(old: &Cell, new: Cell, row: usize, column: usize, notes: &mut Notes) -> Cell {
    if old.is_empty() {
        return new;
    }
    let merged = match (&old.unrecognised, &new.unrecognised) {
        (None, None) => Cell::letters(old.letters.iter().chain(new.letters.iter()).collect()),
        _ => Cell::unrecognised(&format!("{old}, {new}")),
    };
    notes.push(
        NoteKind::Normalised,
        Some(row),
        Some(column),
        format!("Second row for the same activity and role: \"{old}\" and \"{new}\" combined into \"{merged}\"."),
    );
    merged
}

fn decide_columns(sheet: &Sheet, activity: usize, role: usize, letters: usize) -> Vec<Use> {
    let mut fields = UniqueNames::default();
    let mut seen = Vec::new();
    (0..sheet.width)
        .map(|c| {
            if c == activity {
                return Use::Activity;
            }
            if c == role {
                return Use::Role;
            }
            if c == letters {
                return Use::Letters;
            }
            if sheet.empty.get(c).copied().unwrap_or(false) {
                return Use::Skip;
            }
            if sheet.label(c) == ACTIVITY_NUMBER_HEADER {
                return Use::ActivityNumber;
            }
            let kind = sheet.kinds.get(c).copied().unwrap_or(HeaderKind::Other);
            let first = !seen.contains(&kind);
            seen.push(kind);
            match kind {
                HeaderKind::Group if first => Use::Group,
                HeaderKind::Description if first => Use::Description,
                HeaderKind::Notes if first => Use::Notes,
                HeaderKind::RoleDescription if first => Use::RoleDescription,
                _ => Use::Field(fields.claim(&sheet.label(c)).0),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::Grid;
    use crate::model::{Letter, Letters};

    fn read_rows(rows: &[&[&str]]) -> (Matrix, Vec<String>) {
        let g = Grid::from_rows(rows);
        let sheet = Sheet::new(&g, 0);
        assert!(fits(&sheet));
        let mut m = Matrix::new("T");
        let mut notes = Notes::default();
        read(&sheet, &mut m, &mut Evidence::default(), &mut notes).expect("reads");
        (m, notes.finish().iter().map(|n| n.to_string()).collect())
    }

    #[test]
    fn the_long_export_shape_reads_back_with_idle_roles_and_empty_groups() {
        let (m, notes) = read_rows(&[
            &[
                "Group",
                "Activity",
                "Role",
                "Letters",
                "Description",
                "Role description",
            ],
            &["", "", "FinOps", "", "", "Cost office"],
            &["Plan", "Budget", "Platform team", "A/R", "Yearly", ""],
            &["Plan", "Budget", "security", "c", "Yearly", ""],
            &["Plan", "Budget", "Security", "I", "", ""],
            &["Run", "Patch", "", "", "", ""],
            &["Retire", "", "", "", "", ""],
        ]);
        let roles: Vec<&str> = m.roles.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(roles, ["FinOps", "Platform team", "security"]);
        assert_eq!(m.roles[0].description, "Cost office");
        assert_eq!(m.groups.len(), 3);
        assert_eq!(m.activities.len(), 2);
        assert_eq!(m.activities[0].description, "Yearly");
        assert_eq!(m.activities[0].cells.len(), 3);
        let ci: Letters = [Letter::C, Letter::I].into_iter().collect();
        assert_eq!(m.activities[0].cells[2], Cell::letters(ci));
        assert!(m.activities[1].cells.iter().all(Cell::is_empty));
        assert_eq!(m.columns.info[0], InfoColumn::Group("Group".into()));
        assert_eq!(m.columns.roles_at, 2);
        assert!(
            notes.iter().any(|n| n.contains("combined into \"C/I\"")),
            "{notes:#?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("read as the role \"security\"")),
            "{notes:#?}"
        );
    }

    #[test]
    fn letters_without_a_role_or_activity_are_reported() {
        let (m, notes) = read_rows(&[
            &["Task", "Team", "RACI"],
            &["Deploy", "", "R"],
            &["", "Ops", "A"],
        ]);
        assert_eq!(m.activities.len(), 2);
        assert_eq!(m.activities[1].name, "(unnamed, row 3)");
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("Row 2, column C: \"R\" has no role"))
        );
    }
}
