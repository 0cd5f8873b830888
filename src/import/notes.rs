//! Collecting the import report's notes: one per decision, aggregated per spelling for cells, capped.
//!
//! A big file can have a million cells written "r/a". The report must stay readable, so identical
//! cell readings become one note with a count and the first place they occur, and the total number
//! of notes is capped with a final line saying how many were left out.

use std::collections::HashMap;

use crate::model::Letters;

use super::{ImportNote, NoteKind};

/// At most this many individual (non-cell) notes are kept.
const MAX_NOTES: usize = 150;
/// At most this many distinct cell spellings are reported, per kind.
const MAX_SPELLINGS: usize = 60;

/// One cell spelling seen one or more times.
struct Tally {
    text: Box<str>,
    letters: Letters,
    count: usize,
    row: usize,
    column: usize,
}

/// The notes of one import, in the making.
#[derive(Default)]
pub(crate) struct Notes {
    notes: Vec<ImportNote>,
    dropped: usize,
    normalised: Vec<Tally>,
    normalised_index: HashMap<Box<str>, usize>,
    kept: Vec<Tally>,
    kept_index: HashMap<Box<str>, usize>,
    /// "Not involved" marks read as empty: how many, and the spellings in order of first use.
    not_involved: usize,
    not_involved_spellings: Vec<Box<str>>,
    first_not_involved: (usize, usize),
    /// Cells of spellings beyond MAX_SPELLINGS, still counted.
    untallied_cells: usize,
    blank_rows: usize,
    first_blank_row: usize,
}

impl Notes {
    /// Adds a note, unless the cap is reached (then it is counted in the closing line).
    pub fn push(
        &mut self,
        kind: NoteKind,
        row: Option<usize>,
        column: Option<usize>,
        message: impl Into<String>,
    ) {
        if self.notes.len() < MAX_NOTES {
            self.notes.push(ImportNote {
                kind,
                row,
                column,
                message: message.into(),
            });
        } else {
            self.dropped += 1;
        }
    }

    /// A cell whose text was read as `letters` although not written canonically. The text is
    /// quoted as it was, spaces included, since stray spaces are one of the things normalised.
    pub fn normalised_cell(&mut self, text: &str, letters: Letters, row: usize, column: usize) {
        tally(
            &mut self.normalised,
            &mut self.normalised_index,
            &mut self.untallied_cells,
            text,
            letters,
            row,
            column,
        );
    }

    /// A cell whose text is not letters, kept as written.
    pub fn kept_cell(&mut self, text: &str, row: usize, column: usize) {
        tally(
            &mut self.kept,
            &mut self.kept_index,
            &mut self.untallied_cells,
            text.trim(),
            Letters::EMPTY,
            row,
            column,
        );
    }

    /// A "not involved" mark ("N", "-", "n/a") read as an empty cell; reported once for the file.
    pub fn not_involved_cell(&mut self, text: &str, row: usize, column: usize) {
        if self.not_involved == 0 {
            self.first_not_involved = (row, column);
        }
        self.not_involved += 1;
        let text = text.trim();
        if self.not_involved_spellings.len() < 8
            && !self.not_involved_spellings.iter().any(|s| &**s == text)
        {
            self.not_involved_spellings.push(text.into());
        }
    }

    /// A blank row, left out; reported once for the whole file.
    pub fn blank_row(&mut self, row: usize) {
        if self.blank_rows == 0 {
            self.first_blank_row = row;
        }
        self.blank_rows += 1;
    }

    /// The finished notes: file-wide notes first, then by row and column.
    pub fn finish(mut self) -> Vec<ImportNote> {
        let mut notes = std::mem::take(&mut self.notes);
        if self.blank_rows > 0 {
            let message = match self.blank_rows {
                1 => "Blank row left out.".to_owned(),
                n => format!("{n} blank rows left out (the first is here)."),
            };
            notes.push(note(
                NoteKind::Skipped,
                Some(self.first_blank_row),
                None,
                message,
            ));
        }
        if self.not_involved > 0 {
            let spellings: Vec<String> = self
                .not_involved_spellings
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect();
            let (row, column) = self.first_not_involved;
            let cells = match self.not_involved {
                1 => "1 cell".to_owned(),
                n => format!("{n} cells"),
            };
            notes.push(note(
                NoteKind::Normalised,
                Some(row),
                Some(column),
                format!(
                    "{cells} written {} for \"not involved\" read as empty (the first is here).",
                    spellings.join(" or ")
                ),
            ));
        }
        for t in &self.normalised {
            let mut message = format!("\"{}\" read as {}", t.text, t.letters);
            message.push_str(&count_suffix(t.count));
            notes.push(note(
                NoteKind::Normalised,
                Some(t.row),
                Some(t.column),
                message,
            ));
        }
        for t in &self.kept {
            let mut message = format!(
                "\"{}\" is not a letter this importer knows: kept as written, and flagged for \
                 the room to resolve",
                t.text
            );
            message.push_str(&count_suffix(t.count));
            notes.push(note(NoteKind::Kept, Some(t.row), Some(t.column), message));
        }
        notes.sort_by_key(|n| (n.row.unwrap_or(0), n.column.unwrap_or(0)));
        if self.untallied_cells > 0 {
            notes.push(note(
                NoteKind::Normalised,
                None,
                None,
                format!(
                    "{} more cells were written in other unusual ways; they are not listed one by \
                     one (unrecognised ones are still flagged in the matrix).",
                    self.untallied_cells
                ),
            ));
        }
        if self.dropped > 0 {
            notes.push(note(
                NoteKind::Skipped,
                None,
                None,
                format!(
                    "{} more notes like the ones above were left out to keep this report readable.",
                    self.dropped
                ),
            ));
        }
        notes
    }
}

fn note(kind: NoteKind, row: Option<usize>, column: Option<usize>, message: String) -> ImportNote {
    ImportNote {
        kind,
        row,
        column,
        message,
    }
}

fn count_suffix(count: usize) -> String {
    if count == 1 {
        ".".to_owned()
    } else {
        format!(" ({count} cells, the first is here).")
    }
}

/// Counts one more cell of `text`; allocates only the first time a spelling is seen.
fn tally(
    tallies: &mut Vec<Tally>,
    index: &mut HashMap<Box<str>, usize>,
    untallied: &mut usize,
    text: &str,
    letters: Letters,
    row: usize,
    column: usize,
) {
    if let Some(t) = index.get(text).and_then(|&i| tallies.get_mut(i)) {
        t.count += 1;
        return;
    }
    if tallies.len() >= MAX_SPELLINGS {
        *untallied += 1;
        return;
    }
    index.insert(text.into(), tallies.len());
    tallies.push(Tally {
        text: text.into(),
        letters,
        count: 1,
        row,
        column,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Letter;

    #[test]
    fn identical_spellings_become_one_note_with_count_and_first_place() {
        let mut notes = Notes::default();
        let ar: Letters = [Letter::A, Letter::R].into_iter().collect();
        for row in 4..41 {
            notes.normalised_cell("r/a", ar, row, 3);
        }
        notes.kept_cell(" maybe ", 7, 5);
        let done = notes.finish();
        assert_eq!(done.len(), 2);
        assert_eq!(done[0].kind, NoteKind::Normalised);
        assert_eq!(
            done[0].to_string(),
            "Row 4, column C: \"r/a\" read as A/R (37 cells, the first is here)."
        );
        assert_eq!(done[1].kind, NoteKind::Kept);
        assert!(
            done[1].message.starts_with("\"maybe\" is not"),
            "{}",
            done[1]
        );
    }

    #[test]
    fn the_report_is_capped_and_says_how_much_was_left_out() {
        let mut notes = Notes::default();
        for row in 1..=500 {
            notes.push(NoteKind::Guessed, Some(row), None, "a guess");
            notes.kept_cell(&format!("odd {row}"), row, 2);
        }
        let done = notes.finish();
        assert!(done.len() < 250, "{}", done.len());
        let last = done.last().map(|n| n.message.clone()).unwrap_or_default();
        assert!(last.contains("350 more notes"), "{last}");
        assert!(done.iter().any(|n| n.message.contains("440 more cells")));
    }

    #[test]
    fn not_involved_marks_are_one_note_with_their_count() {
        let mut notes = Notes::default();
        for row in 3..10 {
            notes.not_involved_cell("N", row, 2);
        }
        notes.not_involved_cell(" - ", 12, 4);
        let done = notes.finish();
        assert_eq!(done.len(), 1);
        assert_eq!(
            done[0].to_string(),
            "Row 3, column B: 8 cells written \"N\" or \"-\" for \"not involved\" read as \
             empty (the first is here)."
        );
    }

    #[test]
    fn blank_rows_are_reported_once() {
        let mut notes = Notes::default();
        notes.blank_row(5);
        notes.blank_row(9);
        let done = notes.finish();
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].row, Some(5));
        assert!(done[0].message.starts_with("2 blank rows"));
    }
}
