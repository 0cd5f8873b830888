//! Copy and paste of cell blocks the way spreadsheets exchange them: rows of tab-separated
//! letters. Deciding what a pasted text is, building the one edit that pastes it, and writing a
//! selected range back out are plain functions here, so they are tested natively.

use crate::edit::Edit;
use crate::import::{ParsedCell, parse_cell};
use crate::model::{Cell, Matrix, Scheme};

use super::selection::{CellRef, Layout, Selection};

/// What a pasted text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pasted {
    /// A block of cells that look like letters ("C\tI\nR\tA"): filled in from the selected cell.
    Letters(Vec<Vec<String>>),
    /// A table with names in it (a header row, activity names): goes to the import preview.
    Table,
    /// Neither: nothing is pasted, and the user is told so.
    Other,
}

/// The rows and cells of tab-separated text, as spreadsheets put it on the clipboard (one line
/// per row, a tab between cells, usually a line break at the end).
fn rows_of(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    text.split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.split('\t').map(str::to_owned).collect()
        })
        .collect()
}

/// Reads a pasted text. A block is letters when every non-empty cell reads as letters, or when
/// most do and its first row and first column both hold letters (so a stray "maybe" in a block
/// of letters is pasted and flagged, while a table whose first row names the roles or whose
/// first column names the activities is not).
pub fn classify(text: &str) -> Pasted {
    let rows = rows_of(text);
    let parsed = |cell: &String| parse_cell(cell);
    let (mut letters, mut other) = (0usize, 0usize);
    for cell in rows.iter().flatten() {
        match parsed(cell) {
            // "N" or "-" pasted from a sheet is a cell that says nobody: a blank, not text.
            ParsedCell::Empty | ParsedCell::NotInvolved => {}
            ParsedCell::Letters { .. } => letters += 1,
            ParsedCell::Unrecognised => other += 1,
        }
    }
    let is_letters = |c: &String| matches!(parsed(c), ParsedCell::Letters { .. });
    let first_row = rows.first().is_some_and(|r| r.iter().any(is_letters));
    let first_column = rows.iter().filter_map(|r| r.first()).any(is_letters);
    if letters > 0 && (other == 0 || (letters > other && first_row && first_column)) {
        return Pasted::Letters(rows);
    }
    let wide_rows = rows.iter().filter(|r| r.len() >= 2).take(2).count();
    if wide_rows == 2 {
        Pasted::Table
    } else {
        Pasted::Other
    }
}

/// What pasting a block onto the matrix does: the one edit (None when nothing changes) and what
/// to tell the user.
#[derive(Clone, Debug, PartialEq)]
pub struct PastePlan {
    pub edit: Option<Edit>,
    /// Cells of the block that landed on the matrix.
    pub pasted: usize,
    /// Cells of the block beyond the matrix's last row or column, left out.
    pub beyond: usize,
    /// Cells written differently than export writes them, and how they were read ("r/a" as A/R).
    pub normalised: Vec<String>,
    /// Cells kept as they were and flagged: not letters, or letters the scheme lacks.
    pub kept: Vec<String>,
    /// The cells the block covers on the matrix, for selecting them afterwards.
    pub covered: Option<Selection>,
}

impl PastePlan {
    /// One sentence for the status line: what was pasted, what was read differently, what was
    /// left out.
    pub fn summary(&self) -> String {
        let cells = |n: usize| {
            if n == 1 {
                "1 cell".to_owned()
            } else {
                format!("{n} cells")
            }
        };
        let mut text = format!("Pasted {}.", cells(self.pasted));
        if !self.normalised.is_empty() {
            text.push_str(&format!(
                " Read as letters: {}.",
                self.normalised.join(", ")
            ));
        }
        if !self.kept.is_empty() {
            text.push_str(&format!(
                " Kept as written and flagged: {}.",
                self.kept.join(", ")
            ));
        }
        if self.beyond > 0 {
            text.push_str(&format!(
                " {} beyond the matrix's edge {} not pasted.",
                cells(self.beyond),
                if self.beyond == 1 { "was" } else { "were" }
            ));
        }
        text
    }
}

/// The cell a pasted text becomes, with a note when it was read differently or kept.
fn read_cell(text: &str, scheme: Scheme) -> (Cell, Option<Result<String, String>>) {
    let parsed = parse_cell(text);
    let cell = parsed.to_cell(text);
    let shown = text.trim();
    let note = match parsed {
        ParsedCell::Letters { letters, .. } if letters.iter().any(|l| !scheme.has(l)) => Some(Err(
            format!("\"{shown}\" (not all letters of {})", scheme.name()),
        )),
        ParsedCell::Letters {
            canonical: false, ..
        } => Some(Ok(format!("\"{shown}\" as {}", cell.letters))),
        ParsedCell::Unrecognised => Some(Err(format!("\"{shown}\""))),
        _ => None,
    };
    (cell, note)
}

/// Fills `block` into the grid from the cell `at`, over the rows and columns shown (as a
/// spreadsheet pastes over what it shows), as one batch edit.
pub fn paste(matrix: &Matrix, layout: &Layout, at: CellRef, block: &[Vec<String>]) -> PastePlan {
    let mut plan = PastePlan {
        edit: None,
        pasted: 0,
        beyond: 0,
        normalised: Vec::new(),
        kept: Vec::new(),
        covered: None,
    };
    let Some((top, left)) = layout.position(at) else {
        plan.beyond = block.iter().map(Vec::len).sum();
        return plan;
    };
    let mut edits = Vec::new();
    for (r, row) in block.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let Some(target) = layout.at(top + r, left + c) else {
                plan.beyond += 1;
                continue;
            };
            plan.pasted += 1;
            let (cell, note) = read_cell(text, matrix.scheme);
            match note {
                Some(Ok(n)) => plan.normalised.push(n),
                Some(Err(n)) => plan.kept.push(n),
                None => {}
            }
            if matrix.cell(target.activity, target.role) != Some(&cell) {
                edits.push(Edit::SetCell {
                    activity: target.activity,
                    role: target.role,
                    cell,
                });
            }
        }
    }
    if plan.pasted > 0 {
        let rows = block.len().min(layout.rows.len() - top);
        let columns = block
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .min(layout.columns.len() - left);
        plan.covered = layout
            .at(top + rows - 1, left + columns - 1)
            .map(|focus| Selection { anchor: at, focus });
    }
    if !edits.is_empty() {
        plan.edit = Some(Edit::Batch { edits });
    }
    plan
}

/// The selected range as tab-separated letters, one line per row, as spreadsheets copy cells.
/// Tabs and line breaks inside a kept text become spaces so the block keeps its shape.
pub fn range_tsv(matrix: &Matrix, layout: &Layout, selection: Selection) -> String {
    let cells = layout.cells(selection);
    let mut out = String::new();
    let mut row = None;
    for cell in cells {
        if row.is_some() && row != Some(cell.activity) {
            out.push('\n');
        } else if row.is_some() {
            out.push('\t');
        }
        row = Some(cell.activity);
        if let Some(value) = matrix.cell(cell.activity, cell.role) {
            out.push_str(&value.to_string().replace(['\t', '\n', '\r'], " "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::example::example;
    use crate::model::{Letter, Letters};

    fn layout(m: &Matrix) -> Layout {
        Layout::new(m, |_| true)
    }

    fn at(m: &Matrix, row: usize, column: usize) -> CellRef {
        CellRef {
            activity: m.activities[row].id,
            role: m.roles[column].id,
        }
    }

    fn letters(m: &Matrix, row: usize, column: usize) -> String {
        m.activities[row].cells[column].to_string()
    }

    #[test]
    fn a_block_of_letters_from_a_spreadsheet_is_letters() {
        let Pasted::Letters(rows) = classify("C\tI\r\nR\tA\r\n") else {
            panic!("not letters");
        };
        assert_eq!(rows, [["C", "I"], ["R", "A"]]);
        assert!(matches!(classify("r/a"), Pasted::Letters(_)));
        assert!(matches!(classify("A\t\tR\n\tC\t"), Pasted::Letters(_)));
    }

    #[test]
    fn a_table_with_names_goes_to_the_import_preview() {
        assert_eq!(
            classify("Activity\tOps\tSecurity\nPatch\tR\tA\nBackups\tA\tC\n"),
            Pasted::Table
        );
        // Most cells are letters, but the first row names the roles.
        assert_eq!(classify("Ops\tSecurity\nR\tA\nA\tC\nC\tI"), Pasted::Table);
    }

    #[test]
    fn other_text_is_neither() {
        assert_eq!(classify("hello world"), Pasted::Other);
        assert_eq!(classify("   \n"), Pasted::Other);
        assert_eq!(classify("see https://example.com"), Pasted::Other);
    }

    #[test]
    fn a_stray_word_in_a_block_of_letters_is_pasted_and_kept() {
        assert!(matches!(
            classify("R\tA\nC\tmaybe\nI\tR"),
            Pasted::Letters(_)
        ));
    }

    #[test]
    fn pasting_fills_from_the_cell_as_one_edit_that_undoes_in_one() {
        let mut m = example();
        let before = m.clone();
        let Pasted::Letters(block) = classify("C\tI\nr/a\tA") else {
            panic!("not letters");
        };
        let plan = paste(&m, &layout(&m), at(&m, 1, 1), &block);
        assert_eq!(plan.pasted, 4);
        assert_eq!(plan.beyond, 0);
        assert_eq!(plan.normalised, ["\"r/a\" as A/R"]);
        assert_eq!(
            plan.covered,
            Some(Selection {
                anchor: at(&m, 1, 1),
                focus: at(&m, 2, 2)
            })
        );
        let undo = apply(&mut m, plan.edit.unwrap()).unwrap();
        assert_eq!(
            [
                letters(&m, 1, 1),
                letters(&m, 1, 2),
                letters(&m, 2, 1),
                letters(&m, 2, 2)
            ],
            ["C", "I", "A/R", "A"]
        );
        apply(&mut m, undo).unwrap();
        assert_eq!(m, before);
    }

    #[test]
    fn cells_beyond_the_edge_are_counted_not_dropped_silently() {
        let m = example();
        let (rows, columns) = (m.activities.len(), m.roles.len());
        let Pasted::Letters(block) = classify("R\tA\tC\nI\tR\tA") else {
            panic!("not letters");
        };
        // From the last role of the last row: one cell lands, five are beyond the edge.
        let plan = paste(&m, &layout(&m), at(&m, rows - 1, columns - 1), &block);
        assert_eq!((plan.pasted, plan.beyond), (1, 5));
        assert!(
            plan.summary()
                .ends_with("5 cells beyond the matrix's edge were not pasted.")
        );
        assert_eq!(
            plan.covered,
            Some(Selection::single(at(&m, rows - 1, columns - 1)))
        );
    }

    #[test]
    fn unknown_letters_and_words_are_kept_and_reported() {
        let m = example();
        let plan = paste(
            &m,
            &layout(&m),
            at(&m, 0, 0),
            &[vec!["maybe".into(), "S".into()]],
        );
        assert_eq!(plan.kept, ["\"maybe\"", "\"S\" (not all letters of RACI)"]);
        let Some(Edit::Batch { edits }) = &plan.edit else {
            panic!("no edit");
        };
        assert!(edits.contains(&Edit::SetCell {
            activity: m.activities[0].id,
            role: m.roles[0].id,
            cell: Cell::unrecognised("maybe"),
        }));
    }

    #[test]
    fn pasting_what_is_there_changes_nothing() {
        let m = example();
        let text = range_tsv(
            &m,
            &layout(&m),
            Selection {
                anchor: at(&m, 0, 0),
                focus: at(&m, 1, 1),
            },
        );
        let Pasted::Letters(block) = classify(&text) else {
            panic!("not letters: {text:?}");
        };
        let plan = paste(&m, &layout(&m), at(&m, 0, 0), &block);
        assert_eq!(plan.edit, None);
        assert_eq!(plan.pasted, 4);
    }

    #[test]
    fn a_range_copies_as_tab_separated_letters() {
        let mut m = example();
        let a = at(&m, 0, 0);
        m.activities[0].cells[0] = Cell::letters(Letters::only(Letter::A).with(Letter::R));
        m.activities[0].cells[1] = Cell::unrecognised("ask\tme");
        m.activities[1].cells[0] = Cell::EMPTY;
        m.activities[1].cells[1] = Cell::letters(Letters::only(Letter::C));
        let text = range_tsv(
            &m,
            &layout(&m),
            Selection {
                anchor: at(&m, 1, 1),
                focus: a,
            },
        );
        assert_eq!(text, "A/R\task me\n\tC");
    }
}
