//! The wide layout: activities as rows, roles as columns, letters in the cells; plus section rows,
//! a Group column, a role-description row and any other columns kept as fields.
//!
//! Which columns are roles is decided by content (mostly letters or blank), since role names are
//! free text. This is the hot path of a large import: one pass to classify columns, one to build,
//! no allocation for a blank or canonically written cell.

use std::collections::HashMap;

use crate::model::{Activity, Cell, GroupId, InfoColumn, Matrix};

use super::ImportOptions;
use super::cell::{ParsedCell, parse_cell};
use super::grid::{Row, Section};
use super::header::HeaderKind;
use super::notes::Notes;
use super::scheme::Evidence;
use super::sheet::{Sheet, UniqueNames, is_placeholder, legend, sheet_columns, skip_legend};
use super::{ImportError, NoteKind, column_name};

/// What a column becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Use {
    Activity,
    Group,
    Description,
    Notes,
    /// An extra field, with its key in `Activity::fields`.
    Field(String),
    /// A role column: index into `Matrix::roles`.
    Role(usize),
    Skip,
}

/// Per column: filled cells and how many of them read as letters.
#[derive(Clone, Copy, Debug, Default)]
struct Stats {
    filled: usize,
    letters: usize,
}

/// Reads a wide sheet into `matrix` (which has a title and nothing else yet).
pub(crate) fn read(
    sheet: &Sheet,
    options: &ImportOptions,
    matrix: &mut Matrix,
    evidence: &mut Evidence,
    notes: &mut Notes,
) -> Result<(), ImportError> {
    let header_number = sheet.header_number();
    let mut stats = column_stats(sheet);
    let activity = match sheet.find(HeaderKind::Activity) {
        Some(c) => c,
        None => guess_activity_column(sheet, &stats, notes)?,
    };
    let description_row = description_row(sheet, activity);
    if let Some(row) = description_row {
        for (c, s) in stats.iter_mut().enumerate() {
            if !row.trimmed(c).is_empty() {
                s.filled = s.filled.saturating_sub(1);
            }
        }
    }
    let uses = decide_columns(sheet, activity, &stats, matrix, notes)?;
    let role_columns: Vec<usize> = uses
        .iter()
        .enumerate()
        .filter(|(_, u)| matches!(u, Use::Role(_)))
        .map(|(c, _)| c)
        .collect();
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
                Use::Role(_) => None,
                Use::Skip => return None,
            };
            Some((c, info))
        })
        .collect();
    matrix.columns = sheet_columns(&order, header_number, notes);

    if let Some(row) = description_row {
        read_descriptions(row, &uses, matrix, notes);
    }
    let data_start = sheet.header + 1 + usize::from(description_row.is_some());
    let rows = || sheet.grid.rows().skip(data_start);
    let any_letters = role_columns
        .iter()
        .any(|&c| stats.get(c).is_some_and(|s| s.letters > 0));
    let group_column = uses.iter().position(|u| *u == Use::Group);
    // Sheets that group by section rows start with one; in a sheet whose first row is an
    // activity, a later row with only a name is an activity nobody holds (abandoned), not a heading.
    let starts_with_heading = rows().find(|r| !r.is_blank()).is_some_and(|r| {
        r.section() == Section::Yes
            || (!r.trimmed(activity).is_empty()
                && (0..r.len())
                    .all(|c| c == activity || sheet.skipped(c) || r.trimmed(c).is_empty()))
    });
    let sections = !options.no_section_rows && group_column.is_none() && starts_with_heading;
    if sections && !any_letters && rows().any(|r| !r.is_blank()) {
        notes.push(
            NoteKind::Guessed,
            None,
            None,
            "No cell has letters yet, so every row is read as an activity (none as a group \
             heading).",
        );
    }

    let mut groups: HashMap<String, GroupId> = HashMap::new();
    let mut current_group: Option<GroupId> = None;
    matrix
        .activities
        .reserve(sheet.grid.len().saturating_sub(data_start));
    // Columns other than roles that hold text (the activity column among them).
    let info_columns: Vec<usize> = uses
        .iter()
        .enumerate()
        .filter(|(_, u)| !matches!(u, Use::Role(_) | Use::Skip))
        .map(|(c, _)| c)
        .collect();
    let mut cells: Vec<Cell> = Vec::with_capacity(role_columns.len());
    for row in rows() {
        // Role cells are read first, once: whether the row is blank, a section or an activity
        // depends on them, and reading them costs less than looking at them twice.
        cells.clear();
        cells.extend(
            role_columns
                .iter()
                .map(|&c| read_cell(row, c, evidence, notes)),
        );
        let roles_empty = cells.iter().all(Cell::is_empty);
        let info_filled = info_columns
            .iter()
            .filter(|&&c| !row.trimmed(c).is_empty())
            .count();
        if roles_empty && info_filled == 0 {
            notes.blank_row(row.number());
            continue;
        }
        // A template's unfilled rows ("[Activity name]" and nothing else) are not activities.
        if roles_empty && info_filled == 1 && is_placeholder(row.trimmed(activity)) {
            notes.push(
                NoteKind::Skipped,
                Some(row.number()),
                Some(activity + 1),
                format!(
                    "\"{}\" is a template placeholder, not an activity; left out.",
                    row.trimmed(activity)
                ),
            );
            continue;
        }
        if roles_empty
            && info_filled == 1
            && row.section() == Section::Unknown
            && let Some(column) = legend(row)
        {
            skip_legend(row, column, notes);
            continue;
        }
        let name = row.trimmed(activity);
        let others_empty = info_filled == usize::from(!name.is_empty());
        if let Some(g) = group_column {
            let group = row.trimmed(g);
            if name.is_empty() && roles_empty && info_filled == 1 && !group.is_empty() {
                group_id(matrix, &mut groups, group);
                continue;
            }
        }
        if !name.is_empty()
            && roles_empty
            && others_empty
            && row.section() != Section::No
            && (row.section() == Section::Yes || (sections && any_letters))
        {
            if row.section() == Section::Unknown {
                notes.push(
                    NoteKind::Guessed,
                    Some(row.number()),
                    Some(activity + 1),
                    format!(
                        "\"{name}\" has no letters and nothing else in its row: read as a \
                             group heading for the rows below it (turn off section rows to read \
                             it as an activity)."
                    ),
                );
            }
            current_group = Some(group_id(matrix, &mut groups, name));
            continue;
        }
        let group = match group_column {
            Some(g) => {
                let text = row.trimmed(g);
                (!text.is_empty()).then(|| group_id(matrix, &mut groups, text))
            }
            None => current_group,
        };
        let activity_name = if name.is_empty() {
            let made = format!("(unnamed, row {})", row.number());
            notes.push(
                NoteKind::Guessed,
                Some(row.number()),
                Some(activity + 1),
                format!("This row has no activity name; called it \"{made}\"."),
            );
            made
        } else {
            name.to_owned()
        };
        let mut item = Activity {
            id: matrix.fresh_activity_id(),
            name: activity_name,
            group,
            description: String::new(),
            notes: String::new(),
            fields: Default::default(),
            cells: std::mem::replace(&mut cells, Vec::with_capacity(role_columns.len())),
        };
        for (c, u) in uses.iter().enumerate() {
            match u {
                Use::Description => item.description = row.trimmed(c).to_owned(),
                Use::Notes => item.notes = row.trimmed(c).to_owned(),
                Use::Field(key) => {
                    let value = row.trimmed(c);
                    if !value.is_empty() {
                        item.fields.insert(key.clone(), value.to_owned());
                    }
                }
                Use::Role(_) | Use::Activity | Use::Group | Use::Skip => {}
            }
        }
        matrix.activities.push(item);
    }
    Ok(())
}

/// Reads one role cell, noting normalisations and kept text (aggregated by `Notes`).
pub(crate) fn read_cell(
    row: Row,
    column: usize,
    evidence: &mut Evidence,
    notes: &mut Notes,
) -> Cell {
    let text = row.cell(column);
    match parse_cell(text) {
        ParsedCell::Empty => Cell::EMPTY,
        ParsedCell::Letters {
            letters,
            canonical,
            words,
        } => {
            if !canonical {
                notes.normalised_cell(text, letters, row.number(), column + 1);
            }
            evidence.add(letters, words, row.number(), column + 1);
            Cell::letters(letters)
        }
        ParsedCell::NotInvolved => {
            notes.not_involved_cell(text, row.number(), column + 1);
            Cell::EMPTY
        }
        ParsedCell::Unrecognised => {
            notes.kept_cell(text, row.number(), column + 1);
            Cell::unrecognised(text.trim())
        }
    }
}

fn group_id(matrix: &mut Matrix, cache: &mut HashMap<String, GroupId>, name: &str) -> GroupId {
    if let Some(id) = cache.get(name) {
        return *id;
    }
    let id = matrix.group_named(name);
    cache.insert(name.to_owned(), id);
    id
}

fn column_stats(sheet: &Sheet) -> Vec<Stats> {
    let mut stats = vec![Stats::default(); sheet.width];
    // Columns named as activity, group, description or notes never become roles: counting their
    // filled cells is enough, and reading their long texts as letters would be wasted time.
    let named: Vec<bool> = (0..sheet.width)
        .map(|c| {
            matches!(
                sheet.kinds.get(c),
                Some(
                    HeaderKind::Activity
                        | HeaderKind::Group
                        | HeaderKind::Description
                        | HeaderKind::Notes
                )
            )
        })
        .collect();
    for row in sheet.data_rows() {
        for (c, s) in stats.iter_mut().enumerate().take(row.len()) {
            if named.get(c).copied().unwrap_or(false) {
                s.filled += usize::from(!row.trimmed(c).is_empty());
                continue;
            }
            match parse_cell(row.cell(c)) {
                ParsedCell::Empty => {}
                // A "not involved" mark says as much about a role column as a letter does: a
                // column of mostly "N" is a role with few assignments, not a text field.
                ParsedCell::Letters { .. } | ParsedCell::NotInvolved => {
                    s.filled += 1;
                    s.letters += 1;
                }
                ParsedCell::Unrecognised => s.filled += 1,
            }
        }
    }
    stats
}

/// Without an activity header, the first column of text (not letters) is taken as the activity
/// names, if some other column holds letters; otherwise the sheet cannot be read.
fn guess_activity_column(
    sheet: &Sheet,
    stats: &[Stats],
    notes: &mut Notes,
) -> Result<usize, ImportError> {
    let textual = |s: &Stats| s.filled > 0 && s.letters * 2 < s.filled;
    let has_letters = stats
        .iter()
        .any(|s| s.letters > 0 && s.letters * 2 >= s.filled);
    let candidate = (0..sheet.width).find(|&c| {
        !sheet.skipped(c)
            && matches!(
                sheet.kinds.get(c),
                Some(HeaderKind::Other | HeaderKind::Role | HeaderKind::KnownField)
            )
            && stats.get(c).is_some_and(textual)
    });
    match candidate {
        Some(c) if has_letters => {
            notes.push(
                NoteKind::Guessed,
                Some(sheet.header_number()),
                Some(c + 1),
                format!(
                    "No column is called Activity, Task, Deliverable, Process, Step, Work item or \
                     Decision; read \"{}\" as the activity names.",
                    sheet.label(c)
                ),
            );
            Ok(c)
        }
        _ => Err(ImportError {
            row: Some(sheet.header_number()),
            column: None,
            message: format!(
                "No activity column: the header row ({}) has no column called Activity, Task, \
                 Deliverable, Process, Step, Work item or Decision, and no column of names next \
                 to columns of letters. Rename the column that holds the activities and import \
                 again.",
                quote_headers(sheet)
            ),
        }),
    }
}

fn quote_headers(sheet: &Sheet) -> String {
    let shown: Vec<String> = sheet
        .headers
        .iter()
        .filter(|h| !h.is_empty())
        .take(8)
        .map(|h| format!("\"{h}\""))
        .collect();
    if shown.is_empty() {
        "all blank".to_owned()
    } else {
        shown.join(", ")
    }
}

/// The row right under the header, when it describes the roles: its activity cell is empty and
/// its filled cells hold text that is not letters ("Cloud Centre of Excellence", "Ana, Raj").
fn description_row<'g>(sheet: &Sheet<'g>, activity: usize) -> Option<Row<'g>> {
    let row = sheet.grid.row(sheet.header + 1)?;
    let text_only = row.cells().enumerate().all(|(c, text)| {
        c == activity
            || matches!(
                parse_cell(text),
                ParsedCell::Empty | ParsedCell::Unrecognised
            )
    });
    (row.trimmed(activity).is_empty() && row.filled() > 0 && text_only).then_some(row)
}

/// Decides every column's use, adds the roles to `matrix` and reports the guesses.
fn decide_columns(
    sheet: &Sheet,
    activity: usize,
    stats: &[Stats],
    matrix: &mut Matrix,
    notes: &mut Notes,
) -> Result<Vec<Use>, ImportError> {
    let header_number = sheet.header_number();
    let mut uses = Vec::with_capacity(sheet.width);
    let mut seen_group = false;
    let mut seen_description = false;
    let mut seen_notes = false;
    let mut role_names = UniqueNames::default();
    let mut field_names = UniqueNames::default();
    let mut fields = Vec::new();
    for c in 0..sheet.width {
        let kind = sheet.kinds.get(c).copied().unwrap_or(HeaderKind::Other);
        let s = stats.get(c).copied().unwrap_or_default();
        let label = sheet.label(c);
        let special = |seen: &mut bool, u: Use| {
            if *seen {
                None
            } else {
                *seen = true;
                Some(u)
            }
        };
        let fixed = if c == activity {
            Some(Use::Activity)
        } else if sheet.skipped(c) {
            Some(Use::Skip)
        } else {
            match kind {
                HeaderKind::Group => special(&mut seen_group, Use::Group),
                HeaderKind::Description => special(&mut seen_description, Use::Description),
                HeaderKind::Notes => special(&mut seen_notes, Use::Notes),
                _ => None,
            }
        };
        let is_role = match (&fixed, kind) {
            (Some(_), _) => false,
            (None, HeaderKind::KnownField | HeaderKind::Activity) => false,
            (None, _) if s.filled == 0 => {
                notes.push(
                    NoteKind::Guessed,
                    Some(header_number),
                    Some(c + 1),
                    format!(
                        "\"{label}\" has no letters at all: read as a role with nothing to do yet."
                    ),
                );
                true
            }
            (None, _) => s.letters * 2 >= s.filled,
        };
        let chosen = match fixed {
            Some(u) => u,
            None if is_role => {
                if sheet.headers.get(c).is_none_or(|h| h.is_empty()) {
                    notes.push(
                        NoteKind::Guessed,
                        Some(header_number),
                        Some(c + 1),
                        format!("This column has letters but no header: read as a role called \"{label}\"."),
                    );
                }
                let (name, renamed) = role_names.claim(&label);
                if renamed {
                    notes.push(
                        NoteKind::Normalised,
                        Some(header_number),
                        Some(c + 1),
                        format!("The role \"{label}\" appears more than once; this one is now \"{name}\"."),
                    );
                }
                matrix.push_role(&name);
                Use::Role(matrix.roles.len() - 1)
            }
            None => {
                if s.letters > 0 && s.letters * 5 >= s.filled {
                    notes.push(
                        NoteKind::Guessed,
                        Some(header_number),
                        Some(c + 1),
                        format!(
                            "\"{label}\" has some letters but mostly other text: kept as an extra \
                             field, not read as a role."
                        ),
                    );
                }
                let (key, _) = field_names.claim(&label);
                fields.push(key.clone());
                Use::Field(key)
            }
        };
        uses.push(chosen);
    }
    if matrix.roles.is_empty() {
        return Err(ImportError {
            row: Some(header_number),
            column: None,
            message: format!(
                "Found the activity column (\"{}\", column {}) but no role columns: a RACI sheet \
                 needs one column per role, with letters such as R, A, C, I in the cells.",
                sheet.label(activity),
                column_name(activity + 1)
            ),
        });
    }
    let roles: Vec<&str> = matrix.roles.iter().map(|r| r.name.as_str()).collect();
    let mut message = format!("Read {} role columns: {}", roles.len(), list(&roles));
    if !fields.is_empty() {
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        message.push_str(&format!(
            "; kept {} other columns as extra fields of each activity: {}",
            fields.len(),
            list(&fields)
        ));
    }
    message.push('.');
    notes.push(NoteKind::Guessed, None, None, message);
    sheet.note_empty_columns(notes);
    Ok(uses)
}

/// "a, b, c" with at most 12 names shown.
fn list(names: &[&str]) -> String {
    let mut shown = names
        .iter()
        .take(12)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 12 {
        shown.push_str(&format!(" and {} more", names.len() - 12));
    }
    shown
}

fn read_descriptions(row: Row, uses: &[Use], matrix: &mut Matrix, notes: &mut Notes) {
    let mut described = 0;
    for (c, u) in uses.iter().enumerate() {
        let text = row.trimmed(c);
        if text.is_empty() {
            continue;
        }
        match u {
            Use::Role(i) => {
                if let Some(role) = matrix.roles.get_mut(*i) {
                    role.description = text.to_owned();
                    described += 1;
                }
            }
            _ => notes.push(
                NoteKind::Skipped,
                Some(row.number()),
                Some(c + 1),
                format!("\"{text}\" in the role description row is not under a role; left out."),
            ),
        }
    }
    notes.push(
        NoteKind::Guessed,
        Some(row.number()),
        None,
        format!(
            "Read as role descriptions (no activity name, text under {described} roles), not as \
             an activity."
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::Grid;
    use crate::model::{Letter, Letters};

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid::from_rows(rows)
    }

    fn read_rows(rows: &[&[&str]], options: &ImportOptions) -> (Matrix, Vec<String>) {
        let g = grid(rows);
        let sheet = Sheet::new(&g, 0);
        let mut matrix = Matrix::new("T");
        let mut notes = Notes::default();
        read(
            &sheet,
            options,
            &mut matrix,
            &mut Evidence::default(),
            &mut notes,
        )
        .expect("reads");
        (
            matrix,
            notes.finish().iter().map(|n| n.to_string()).collect(),
        )
    }

    #[test]
    fn roles_fields_sections_and_descriptions() {
        let (m, notes) = read_rows(
            &[
                &[
                    "WBS",
                    "Activity",
                    "Platform team",
                    "Security",
                    "Owner team",
                    "FinOps",
                    "",
                ],
                &[
                    "",
                    "",
                    "Cloud platform engineers",
                    "CISO office",
                    "",
                    "",
                    "",
                ],
                &["", "Plan", "", "", "", "", ""],
                &["1.1", "Define accounts", "A/R", "c", "Platform", "", ""],
                &["1.2", "", "R", "A", "", "", ""],
                &["", "Operate", "", "", "", "", ""],
            ],
            &ImportOptions::default(),
        );
        let names: Vec<&str> = m.roles.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Platform team", "Security", "FinOps"]);
        assert_eq!(m.roles[1].description, "CISO office");
        assert_eq!(m.groups.len(), 2);
        assert_eq!(m.activities.len(), 2);
        assert_eq!(
            m.activities[0].fields.get("WBS").map(String::as_str),
            Some("1.1")
        );
        assert_eq!(
            m.activities[0].fields.get("Owner team").map(String::as_str),
            Some("Platform")
        );
        assert_eq!(m.activities[1].name, "(unnamed, row 5)");
        assert_eq!(
            m.activities[0].cells[1],
            Cell::letters(Letters::only(Letter::C))
        );
        assert_eq!(m.columns.roles_at, 2);
        assert!(
            notes
                .iter()
                .any(|n| n.contains("\"FinOps\" has no letters")),
            "{notes:#?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("Row 2: Read as role descriptions"))
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("Row 4, column D: \"c\" read as C"))
        );
    }

    #[test]
    fn a_template_s_unfilled_rows_are_left_out() {
        let (m, notes) = read_rows(
            &[
                &["Activity", "Ops", "Sec"],
                &["Deploy", "R", "A"],
                &["[Enter activity]", "", ""],
                &["<Task name>", "", ""],
            ],
            &ImportOptions::default(),
        );
        assert_eq!(m.activities.len(), 1);
        assert!(
            notes
                .iter()
                .any(|n| n == "Row 3, column A: \"[Enter activity]\" is a template placeholder, not an activity; left out."),
            "{notes:#?}"
        );
    }

    #[test]
    fn without_section_rows_a_bare_name_is_an_activity() {
        let rows: &[&[&str]] = &[&["Task", "Ops"], &["Plan", ""], &["Deploy", "R"]];
        let options = ImportOptions {
            no_section_rows: true,
            ..ImportOptions::default()
        };
        let (m, _) = read_rows(rows, &options);
        assert_eq!(m.activities.len(), 2);
        assert!(m.groups.is_empty());
        let (m, _) = read_rows(rows, &ImportOptions::default());
        assert_eq!(m.activities.len(), 1);
        assert_eq!(m.groups.len(), 1);
    }

    #[test]
    fn a_group_column_groups_and_keeps_empty_groups() {
        let (m, _) = read_rows(
            &[
                &["Phase", "Activity", "Ops"],
                &["Plan", "Budget", "A/R"],
                &["Build", "", ""],
                &["", "Patch", "R"],
            ],
            &ImportOptions::default(),
        );
        let groups: Vec<&str> = m.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(groups, ["Plan", "Build"]);
        assert_eq!(m.activities.len(), 2);
        assert_eq!(m.activities[1].group, None);
        assert_eq!(m.columns.info[0], InfoColumn::Group("Phase".into()));
    }

    #[test]
    fn duplicate_roles_are_renamed_and_a_sheet_without_roles_is_refused() {
        let (m, notes) = read_rows(
            &[&["Activity", "Security", "security"], &["Scan", "R", "A"]],
            &ImportOptions::default(),
        );
        assert_eq!(m.roles[1].name, "security (2)");
        assert!(notes.iter().any(|n| n.contains("appears more than once")));

        let g = grid(&[&["Activity", "WBS"], &["Scan", "1.1"]]);
        let sheet = Sheet::new(&g, 0);
        let error = read(
            &sheet,
            &ImportOptions::default(),
            &mut Matrix::new("T"),
            &mut Evidence::default(),
            &mut Notes::default(),
        )
        .expect_err("no roles");
        assert!(error.message.contains("no role columns"), "{error}");
    }

    #[test]
    fn the_activity_column_is_guessed_only_next_to_letters() {
        let (m, notes) = read_rows(
            &[&["Name", "Ops"], &["Deploy", "R"]],
            &ImportOptions::default(),
        );
        assert_eq!(m.activities[0].name, "Deploy");
        assert!(
            notes
                .iter()
                .any(|n| n.contains("read \"Name\" as the activity names"))
        );
        let g = grid(&[&["Name", "Age"], &["Ana", "42"]]);
        let error = read(
            &Sheet::new(&g, 0),
            &ImportOptions::default(),
            &mut Matrix::new("T"),
            &mut Evidence::default(),
            &mut Notes::default(),
        )
        .expect_err("no activity column");
        assert!(error.message.starts_with("No activity column"), "{error}");
        assert_eq!(error.row, Some(1));
    }
}
