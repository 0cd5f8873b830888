//! The transposed layout: Activity | R | A | C | I columns whose cells list role names
//! ("Security, Networking"), separated by , ; / or line breaks.

use std::collections::HashMap;

use crate::model::{Activity, Cell, GroupId, InfoColumn, Letter, Letters, Matrix};

use super::ImportOptions;
use super::cell::{ParsedCell, Words, parse_cell};
use super::grid::Section;
use super::header::HeaderKind;
use super::notes::Notes;
use super::scheme::Evidence;
use super::sheet::{Sheet, UniqueNames, legend, sheet_columns, skip_legend};
use super::{ImportError, NoteKind};

/// True when the header has letter columns (at least an A and an R or D) whose cells hold names.
pub(crate) fn fits(sheet: &Sheet) -> bool {
    let letters: Letters = sheet
        .kinds
        .iter()
        .filter_map(|k| match k {
            HeaderKind::LetterName(l, _) => Some(*l),
            _ => None,
        })
        .collect();
    if !(letters.contains(Letter::A)
        && (letters.contains(Letter::R) || letters.contains(Letter::D)))
    {
        return false;
    }
    // The cells must be names, not letters (a wide sheet with a role called "Support" has letters).
    let (mut names, mut letter_cells) = (0usize, 0usize);
    for row in sheet.data_rows().take(200) {
        for (c, k) in sheet.kinds.iter().enumerate() {
            if matches!(k, HeaderKind::LetterName(..)) {
                match parse_cell(row.cell(c)) {
                    ParsedCell::Empty | ParsedCell::NotInvolved => {}
                    ParsedCell::Letters { .. } => letter_cells += 1,
                    ParsedCell::Unrecognised => names += 1,
                }
            }
        }
    }
    names >= letter_cells
}

/// Reads a transposed sheet into `matrix` (which has a title and nothing else yet).
pub(crate) fn read(
    sheet: &Sheet,
    options: &ImportOptions,
    matrix: &mut Matrix,
    evidence: &mut Evidence,
    notes: &mut Notes,
) -> Result<(), ImportError> {
    let header_number = sheet.header_number();
    let activity = match sheet.find(HeaderKind::Activity) {
        Some(c) => c,
        None => guess_activity_column(sheet, notes)?,
    };
    // Columns: the letter they stand for, or their info kind.
    let mut letter_columns: Vec<(usize, Letter)> = Vec::new();
    let mut order: Vec<(usize, Option<InfoColumn>)> = Vec::new();
    let mut fields = UniqueNames::default();
    let mut seen: Vec<HeaderKind> = Vec::new();
    let (mut group_column, mut description, mut notes_column) = (None, None, None);
    let mut field_columns: Vec<(usize, String)> = Vec::new();
    for c in 0..sheet.width {
        if sheet.skipped(c) {
            continue;
        }
        let kind = sheet.kinds.get(c).copied().unwrap_or(HeaderKind::Other);
        let first = !seen.contains(&kind);
        seen.push(kind);
        let label = sheet.label(c);
        let info = match kind {
            _ if c == activity => Some(InfoColumn::Activity(label)),
            HeaderKind::LetterName(letter, words) => {
                letter_columns.push((c, letter));
                evidence.add(Letters::only(letter), words, header_number, c + 1);
                None
            }
            HeaderKind::Group if first => {
                group_column = Some(c);
                Some(InfoColumn::Group(label))
            }
            HeaderKind::Description if first => {
                description = Some(c);
                Some(InfoColumn::Description(label))
            }
            HeaderKind::Notes if first => {
                notes_column = Some(c);
                Some(InfoColumn::Notes(label))
            }
            _ => {
                let key = fields.claim(&label).0;
                field_columns.push((c, key.clone()));
                Some(InfoColumn::Field(key))
            }
        };
        order.push((c, info));
    }
    // Role columns are one block in a transposed sheet too: it is where the letter columns sat.
    matrix.columns = sheet_columns(&order, header_number, notes);
    sheet.note_empty_columns(notes);

    let mut roles: HashMap<String, usize> = HashMap::new();
    let mut role_names = UniqueNames::default();
    let mut groups: HashMap<String, GroupId> = HashMap::new();
    let mut current_group = None;
    let sections = !options.no_section_rows && group_column.is_none();
    for row in sheet.data_rows() {
        let n = row.number();
        if sheet.row_is_blank(row) {
            notes.blank_row(n);
            continue;
        }
        if let Some(column) = legend(row) {
            skip_legend(row, column, notes);
            continue;
        }
        let name = row.trimmed(activity);
        let letters_empty = letter_columns
            .iter()
            .all(|(c, _)| row.trimmed(*c).is_empty());
        let others_empty = [group_column, description, notes_column]
            .into_iter()
            .flatten()
            .chain(field_columns.iter().map(|(c, _)| *c))
            .all(|c| row.trimmed(c).is_empty());
        if !name.is_empty()
            && letters_empty
            && others_empty
            && row.section() != Section::No
            && (sections || row.section() == Section::Yes)
        {
            notes.push(
                NoteKind::Guessed,
                Some(n),
                Some(activity + 1),
                format!("\"{name}\" lists nobody: read as a group heading for the rows below it."),
            );
            let id = *groups
                .entry(name.to_owned())
                .or_insert_with(|| matrix.group_named(name));
            current_group = Some(id);
            continue;
        }
        let group = match group_column {
            Some(g) => {
                let text = row.trimmed(g);
                (!text.is_empty()).then(|| {
                    *groups
                        .entry(text.to_owned())
                        .or_insert_with(|| matrix.group_named(text))
                })
            }
            None => current_group,
        };
        let activity_name = if name.is_empty() {
            let made = format!("(unnamed, row {n})");
            notes.push(
                NoteKind::Guessed,
                Some(n),
                Some(activity + 1),
                format!("This row has no activity name; called it \"{made}\"."),
            );
            made
        } else {
            name.to_owned()
        };
        let mut cells: Vec<Cell> = vec![Cell::EMPTY; matrix.roles.len()];
        for &(c, letter) in &letter_columns {
            for part in row.cell(c).split([',', ';', '/', '\n']) {
                let role_name = part.trim();
                if role_name.is_empty() {
                    continue;
                }
                if !role_name.chars().any(char::is_alphanumeric) {
                    notes.push(
                        NoteKind::Skipped,
                        Some(n),
                        Some(c + 1),
                        format!("\"{role_name}\" is not a role name; left out."),
                    );
                    continue;
                }
                let index = role_index(role_name, matrix, &mut roles, &mut role_names, n, c, notes);
                if cells.len() <= index {
                    cells.resize(index + 1, Cell::EMPTY);
                }
                if let Some(cell) = cells.get_mut(index) {
                    cell.letters = cell.letters.with(letter);
                }
                evidence.add(Letters::only(letter), Words::default(), n, c + 1);
            }
        }
        let mut item = Activity {
            id: matrix.fresh_activity_id(),
            name: activity_name,
            group,
            description: description.map_or("", |c| row.trimmed(c)).to_owned(),
            notes: notes_column.map_or("", |c| row.trimmed(c)).to_owned(),
            fields: Default::default(),
            cells,
        };
        for (c, key) in &field_columns {
            let value = row.trimmed(*c);
            if !value.is_empty() {
                item.fields.insert(key.clone(), value.to_owned());
            }
        }
        matrix.activities.push(item);
    }
    let width = matrix.roles.len();
    for a in &mut matrix.activities {
        a.cells.resize(width, Cell::EMPTY);
    }
    if matrix.roles.is_empty() {
        return Err(ImportError {
            row: Some(header_number),
            column: None,
            message: "The letter columns (R, A, C, I) name nobody: there are no roles to import."
                .to_owned(),
        });
    }
    let letters: Vec<String> = letter_columns.iter().map(|(_, l)| l.to_string()).collect();
    notes.push(
        NoteKind::Guessed,
        None,
        None,
        format!(
            "Read as a transposed sheet: the {} columns list role names; found {} roles, in the \
             order they first appear.",
            letters.join(", "),
            matrix.roles.len()
        ),
    );
    Ok(())
}

/// Without a column called Activity or Task ("Area", "Role / Activity", no header at all): when
/// exactly one column is not a letter column, it can only be the activity column. The guess is
/// reported, as the wide layout reports its own.
fn guess_activity_column(sheet: &Sheet, notes: &mut Notes) -> Result<usize, ImportError> {
    let others: Vec<usize> = (0..sheet.width)
        .filter(|&c| {
            !sheet.skipped(c) && !matches!(sheet.kinds.get(c), Some(HeaderKind::LetterName(..)))
        })
        .collect();
    match others.as_slice() {
        [c] => {
            notes.push(
                NoteKind::Guessed,
                Some(sheet.header_number()),
                Some(c + 1),
                format!(
                    "No column is called Activity or Task; \"{}\" is the only column that is not \
                     a letter column, so it was read as the activity names.",
                    sheet.label(*c)
                ),
            );
            Ok(*c)
        }
        _ => {
            let labels: Vec<String> = others
                .iter()
                .take(8)
                .map(|&c| format!("\"{}\"", sheet.label(c)))
                .collect();
            Err(ImportError {
                row: Some(sheet.header_number()),
                column: None,
                message: format!(
                    "A sheet with R, A, C, I columns needs an Activity (or Task) column naming \
                     each row's activity; none is called that, and more than one other column \
                     could be it ({}). Rename the one that holds the activities and import again.",
                    if labels.is_empty() {
                        "none found".to_owned()
                    } else {
                        labels.join(", ")
                    }
                ),
            })
        }
    }
}

/// The index of the role called `name` (ignoring case), added at the end when new.
fn role_index(
    name: &str,
    matrix: &mut Matrix,
    roles: &mut HashMap<String, usize>,
    unique: &mut UniqueNames,
    row: usize,
    column: usize,
    notes: &mut Notes,
) -> usize {
    let key = name.to_lowercase();
    if let Some(&i) = roles.get(&key) {
        let known = matrix.roles.get(i).map_or("", |r| r.name.as_str());
        if known != name {
            notes.push(
                NoteKind::Normalised,
                Some(row),
                Some(column + 1),
                format!("\"{name}\" read as the role \"{known}\"."),
            );
        }
        return i;
    }
    let (unique_name, _) = unique.claim(name);
    matrix.push_role(&unique_name);
    let i = matrix.roles.len() - 1;
    roles.insert(key, i);
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::Grid;

    fn sheet_of(rows: &[&[&str]]) -> Grid {
        Grid::from_rows(rows)
    }

    #[test]
    fn letter_columns_listing_names_become_roles() {
        let g = sheet_of(&[
            &[
                "Activity",
                "Responsible",
                "Accountable",
                "Consulted",
                "Informed",
                "Notes",
            ],
            &["Build", "", "", "", "", ""],
            &[
                "Landing zone",
                "Platform team; networking",
                "CCoE",
                "Security, Networking",
                "",
                "v2",
            ],
            &["Budgets", "FinOps", "FinOps", "", "App team\nCCoE", ""],
        ]);
        let sheet = Sheet::new(&g, 0);
        assert!(fits(&sheet));
        let mut m = Matrix::new("T");
        let mut notes = Notes::default();
        read(
            &sheet,
            &ImportOptions::default(),
            &mut m,
            &mut Evidence::default(),
            &mut notes,
        )
        .expect("reads");
        let roles: Vec<&str> = m.roles.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            roles,
            [
                "Platform team",
                "networking",
                "CCoE",
                "Security",
                "FinOps",
                "App team"
            ]
        );
        assert_eq!(m.groups.len(), 1);
        assert_eq!(m.activities[0].cells[1].to_string(), "R/C");
        assert_eq!(m.activities[1].cells[4].to_string(), "A/R");
        assert_eq!(m.activities[0].notes, "v2");
        assert_eq!(m.columns.roles_at, 1);
        assert_eq!(m.columns.info.len(), 2);
        let notes: Vec<String> = notes.finish().iter().map(|n| n.to_string()).collect();
        assert!(
            notes
                .iter()
                .any(|n| n.contains("\"Networking\" read as the role \"networking\""))
        );
    }

    #[test]
    fn a_wide_sheet_with_letter_named_roles_is_not_transposed() {
        let g = sheet_of(&[
            &["Activity", "R", "A", "Support"],
            &["Deploy", "R", "A", "S"],
        ]);
        assert!(!fits(&Sheet::new(&g, 0)));
    }
}
