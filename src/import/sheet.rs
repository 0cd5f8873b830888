//! The table being read, past its header: column labels and kinds, empty columns, unique names,
//! and where the non-role columns sit (`SheetColumns`). Shared by the wide, long and transposed
//! readers.

use std::collections::{HashMap, HashSet};

use crate::model::{InfoColumn, SheetColumns};

use super::grid::{Grid, Row};
use super::header::{HeaderKind, classify};
use super::legend_block;
use super::notes::Notes;
use super::{NoteKind, column_name};

/// A grid with its header row found and classified.
pub(crate) struct Sheet<'g> {
    pub grid: &'g Grid,
    /// Index of the header row in the grid.
    pub header: usize,
    /// The number of columns (the widest row).
    pub width: usize,
    /// Trimmed header text per column ("" past the end of the header row).
    pub headers: Vec<&'g str>,
    pub kinds: Vec<HeaderKind>,
    /// Columns with no header and no text in any row: left out everywhere.
    pub empty: Vec<bool>,
    /// Columns holding a legend of the letters beside the table: left out everywhere.
    pub legend: Vec<bool>,
}

impl<'g> Sheet<'g> {
    pub fn new(grid: &'g Grid, header: usize) -> Sheet<'g> {
        let width = grid.width();
        let header_row = grid.row(header);
        let headers: Vec<&str> = (0..width)
            .map(|c| header_row.map_or("", |r| r.trimmed(c)))
            .collect();
        let kinds = headers.iter().map(|h| classify(h)).collect();
        let mut filled = vec![false; width];
        for row in grid.rows().skip(header + 1) {
            for (c, slot) in filled.iter_mut().enumerate().take(row.len()) {
                if !*slot && !row.trimmed(c).is_empty() {
                    *slot = true;
                }
            }
        }
        let empty = headers
            .iter()
            .zip(&filled)
            .map(|(h, f)| h.is_empty() && !f)
            .collect::<Vec<bool>>();
        let legend = legend_block::find(grid, header, width, &empty);
        Sheet {
            grid,
            header,
            width,
            headers,
            kinds,
            empty,
            legend,
        }
    }

    /// True for a column every layout leaves out: empty, or a legend beside the table.
    pub fn skipped(&self, column: usize) -> bool {
        self.empty.get(column).copied().unwrap_or(false)
            || self.legend.get(column).copied().unwrap_or(false)
            || self.kinds.get(column) == Some(&HeaderKind::Check)
    }

    /// True when every cell of `row` outside the skipped columns is blank.
    pub fn row_is_blank(&self, row: Row) -> bool {
        (0..row.len()).all(|c| self.skipped(c) || row.trimmed(c).is_empty())
    }

    /// Reports a legend beside the table, once per block of columns, and the check column of
    /// our own Excel export.
    pub fn note_legend(&self, notes: &mut Notes) {
        if let Some(c) = self.find(HeaderKind::Check) {
            notes.push(
                NoteKind::Skipped,
                Some(self.header_number()),
                Some(c + 1),
                format!(
                    "\"{}\" is the exported workbook's own check column; the findings here \
                     recompute it, so it is left out.",
                    self.label(c)
                ),
            );
        }
        let mut c = 0;
        while c < self.width {
            if !self.legend.get(c).copied().unwrap_or(false) {
                c += 1;
                continue;
            }
            let start = c;
            while self.legend.get(c).copied().unwrap_or(false) {
                c += 1;
            }
            let place = if c - start == 1 {
                format!("Column {}", column_name(start + 1))
            } else {
                format!("Columns {} to {}", column_name(start + 1), column_name(c))
            };
            let letters: Vec<&str> = self
                .data_rows()
                .map(|r| r.trimmed(start))
                .filter(|t| !t.is_empty())
                .take(10)
                .collect();
            notes.push(
                NoteKind::Skipped,
                Some(self.header_number()),
                Some(start + 1),
                format!(
                    "{place} beside the table look like a legend of the letters ({}), not roles \
                     or fields: left out.",
                    letters.join(", ")
                ),
            );
        }
    }

    /// The header row's number as the user sees it.
    pub fn header_number(&self) -> usize {
        self.grid.row(self.header).map_or(1, |r| r.number())
    }

    /// The rows under the header.
    pub fn data_rows(&self) -> impl Iterator<Item = Row<'g>> + 'g {
        self.grid.rows().skip(self.header + 1)
    }

    /// The first column whose header has `kind`.
    pub fn find(&self, kind: HeaderKind) -> Option<usize> {
        self.kinds.iter().position(|k| *k == kind)
    }

    /// The header text, or "Column F" for a column without one. Line breaks inside a header
    /// are kept: a role can be called "Project\nManager", and export writes it back so.
    pub fn label(&self, column: usize) -> String {
        match self.headers.get(column) {
            Some(h) if !h.is_empty() => (*h).to_owned(),
            _ => format!("Column {}", column_name(column + 1)),
        }
    }

    /// Reports runs of empty, unnamed columns (Excel's trailing empty columns) in one note each.
    pub fn note_empty_columns(&self, notes: &mut Notes) {
        let mut c = 0;
        while c < self.width {
            if !self.empty.get(c).copied().unwrap_or(false) {
                c += 1;
                continue;
            }
            let start = c;
            while self.empty.get(c).copied().unwrap_or(false) {
                c += 1;
            }
            let message = if c - start == 1 {
                "Empty column without a header left out.".to_owned()
            } else {
                format!(
                    "Columns {} to {} are empty and have no header; left out.",
                    column_name(start + 1),
                    column_name(c)
                )
            };
            notes.push(
                NoteKind::Skipped,
                Some(self.header_number()),
                Some(start + 1),
                message,
            );
        }
    }
}

/// The text of a row that holds only a legend of the letters ("Legend: R = Responsible, ..."),
/// wherever it sits: the column it is in. Such rows are left out (and reported).
pub(crate) fn legend(row: Row) -> Option<usize> {
    let mut filled = (0..row.len()).filter(|&c| !row.trimmed(c).is_empty());
    match (filled.next(), filled.next()) {
        (Some(c), None) if is_legend(row.trimmed(c)) => Some(c),
        _ => None,
    }
}

/// "Legend: R = Responsible, A = Accountable ..." rows under (or above) the table.
fn is_legend(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.starts_with("legend")
        || lower.starts_with("key:")
        || (lower.contains("responsible")
            && lower.contains("accountable")
            && (lower.contains('=') || lower.contains(':')))
}

/// Template text left where a name belongs: "[Activity name]", "<Task>", "Enter task here".
/// Only ever asked of a row with nothing else in it, so a real activity is never taken for one.
pub(crate) fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_lowercase();
    let wrapped = [('[', ']'), ('<', '>'), ('{', '}')]
        .iter()
        .any(|(open, close)| text.starts_with(*open) && text.ends_with(*close));
    let prompt = ["enter ", "insert ", "type ", "click ", "your "]
        .iter()
        .any(|p| lower.starts_with(p));
    let about = [
        "activity",
        "task",
        "role",
        "name",
        "deliverable",
        "description",
        "team",
        "person",
        "here",
    ];
    (wrapped || prompt) && about.iter().any(|w| lower.contains(w))
}

/// Reports a legend row left out.
pub(crate) fn skip_legend(row: Row, column: usize, notes: &mut Notes) {
    notes.push(
        NoteKind::Skipped,
        Some(row.number()),
        Some(column + 1),
        "Looks like a legend of the letters, not an activity; left out.",
    );
}

/// Hands out names that are unique ignoring case, appending " (2)", " (3)", ... to repeats.
#[derive(Default)]
pub(crate) struct UniqueNames {
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl UniqueNames {
    /// `name` itself, or a renamed copy when it is taken; the bool says whether it was renamed.
    pub fn claim(&mut self, name: &str) -> (String, bool) {
        let key = name.to_lowercase();
        if self.taken.insert(key.clone()) {
            return (name.to_owned(), false);
        }
        let mut n = self.next_suffix.get(&key).copied().unwrap_or(2);
        loop {
            let candidate = format!("{name} ({n})");
            n += 1;
            if self.taken.insert(candidate.to_lowercase()) {
                self.next_suffix.insert(key, n);
                return (candidate, true);
            }
        }
    }
}

/// Builds `SheetColumns` from the columns in sheet order: `Some(info)` for a non-role column,
/// `None` for a role column. Role columns separated by other columns are written as one block
/// where the first one was (`info` stays in sheet order, so the columns that sat inside the block
/// now follow it); the note says which columns move.
pub(crate) fn sheet_columns(
    order: &[(usize, Option<InfoColumn>)],
    header_row: usize,
    notes: &mut Notes,
) -> SheetColumns {
    let first_role = order.iter().position(|(_, i)| i.is_none());
    let last_role = order.iter().rposition(|(_, i)| i.is_none());
    let mut info = Vec::new();
    let mut roles_at = None;
    let mut moved: Vec<(usize, &str)> = Vec::new();
    for (pos, (column, kind)) in order.iter().enumerate() {
        match kind {
            None => {
                roles_at.get_or_insert(info.len());
            }
            Some(column_info) => {
                let inside =
                    first_role.is_some_and(|f| pos > f) && last_role.is_some_and(|l| pos < l);
                if inside {
                    moved.push((*column, column_info.header()));
                }
                info.push(column_info.clone());
            }
        }
    }
    if let Some((column, _)) = moved.first() {
        let names: Vec<String> = moved.iter().map(|(_, h)| format!("\"{h}\"")).collect();
        notes.push(
            NoteKind::Normalised,
            Some(header_row),
            Some(column + 1),
            format!(
                "{} sat between role columns; export writes the role columns together, before it.",
                names.join(", ")
            ),
        );
    }
    SheetColumns {
        roles_at: roles_at.unwrap_or(info.len()),
        info,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_legend_row_is_recognised_wherever_it_sits() {
        let mut grid = Grid::default();
        grid.start_row(1, crate::import::grid::Section::Unknown);
        for cell in ["", "", "Legend: R = Responsible, A = Accountable", ""] {
            grid.push_cell(cell);
        }
        grid.start_row(2, crate::import::grid::Section::Unknown);
        for cell in ["Agree who is responsible and accountable", "R"] {
            grid.push_cell(cell);
        }
        assert_eq!(grid.row(0).and_then(legend), Some(2));
        assert_eq!(grid.row(1).and_then(legend), None);
    }

    #[test]
    fn template_placeholders_are_told_from_names() {
        for text in [
            "[Activity name]",
            "<Task>",
            "Enter task here",
            "{Deliverable}",
            "Your role",
        ] {
            assert!(is_placeholder(text), "{text}");
        }
        for text in [
            "[Phase 1]",
            "Deploy",
            "Add roles to IAM",
            "Name servers",
            "<b>Plan</b>x",
        ] {
            assert!(!is_placeholder(text), "{text}");
        }
    }

    #[test]
    fn repeated_names_get_a_number_ignoring_case() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim("Security"), ("Security".into(), false));
        assert_eq!(names.claim("security"), ("security (2)".into(), true));
        assert_eq!(names.claim("Security"), ("Security (3)".into(), true));
        assert_eq!(
            names.claim("Security (2)"),
            ("Security (2) (2)".into(), true)
        );
    }

    #[test]
    fn role_block_position_is_recorded_and_split_blocks_are_reported() {
        let mut notes = Notes::default();
        let order = vec![
            (0, Some(InfoColumn::Field("WBS".into()))),
            (1, Some(InfoColumn::Activity("Task".into()))),
            (2, None),
            (3, None),
            (4, Some(InfoColumn::Notes("Notes".into()))),
        ];
        let columns = sheet_columns(&order, 1, &mut notes);
        assert_eq!(columns.roles_at, 2);
        assert_eq!(columns.info.len(), 3);
        assert!(notes.finish().is_empty());

        let mut notes = Notes::default();
        let split = vec![
            (0, Some(InfoColumn::Activity("Task".into()))),
            (1, None),
            (2, Some(InfoColumn::Field("Owner team".into()))),
            (3, None),
        ];
        let columns = sheet_columns(&split, 1, &mut notes);
        assert_eq!(columns.roles_at, 1);
        let done = notes.finish();
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].column, Some(3));
    }
}
