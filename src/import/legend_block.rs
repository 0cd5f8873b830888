//! A legend beside the table: a column of letters next to a column of their meanings ("A |
//! Accountable - who signs off"), or one column of "R = Responsible" lines, past an empty column.
//!
//! Without this, such a block reads as a role called "Column I" that holds an Accountable for
//! whichever activity shares its row, which hides a real gap. Found blocks are left out of every
//! layout and reported once.

use crate::model::{Letter, Letters};

use super::cell::parse_cell;
use super::grid::{Grid, trim};

/// The most entries a legend has (one per letter of the largest scheme, and a spare).
const MAX_ENTRIES: usize = 10;

/// Columns (0-based) that hold a legend beside the table whose header is row `header`.
/// `empty` marks the columns with no header and no data, as `Sheet` computes them.
pub(crate) fn find(grid: &Grid, header: usize, width: usize, empty: &[bool]) -> Vec<bool> {
    let mut legend = vec![false; width];
    let is_empty = |c: usize| empty.get(c).copied().unwrap_or(false);
    for c in 1..width {
        if !is_empty(c - 1) || is_empty(c) {
            continue;
        }
        let entries = entries(grid, header, c);
        if entries.len() < 2 || entries.len() > MAX_ENTRIES {
            continue;
        }
        if pairs(&entries, grid, c) {
            legend[c] = true;
            if let Some(slot) = legend.get_mut(c + 1) {
                *slot = true;
            }
        } else if entries
            .iter()
            .all(|(_, text)| one_line_entry(text).is_some())
        {
            legend[c] = true;
        }
    }
    legend
}

/// The filled cells of column `c` from the header row down, as (row index, text), leaving out a
/// heading such as "Legend" or "Key".
fn entries(grid: &Grid, header: usize, c: usize) -> Vec<(usize, &str)> {
    grid.rows()
        .enumerate()
        .skip(header)
        .map(|(i, row)| (i, row.trimmed(c)))
        .filter(|(_, text)| !text.is_empty())
        .filter(|(i, text)| !(*i == header && is_heading(text)))
        .take(MAX_ENTRIES + 1)
        .collect()
}

fn is_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    let lower = lower.trim_end_matches(':').trim();
    matches!(
        lower,
        "legend" | "key" | "raci legend" | "raci key" | "letters" | "code"
    )
}

/// Every entry is one distinct letter and the cell to its right names that letter.
fn pairs(entries: &[(usize, &str)], grid: &Grid, c: usize) -> bool {
    let mut seen = Letters::EMPTY;
    entries.iter().all(|&(i, text)| {
        let Some(letter) = single_letter(text) else {
            return false;
        };
        if seen.contains(letter) {
            return false;
        }
        seen = seen.with(letter);
        let meaning = grid.row(i).map_or("", |row| row.trimmed(c + 1));
        names(meaning, letter)
    })
}

/// "R", "A", ... alone in the cell.
fn single_letter(text: &str) -> Option<Letter> {
    let text = trim(text);
    if text.chars().count() != 1 {
        return None;
    }
    let letters = parse_cell(text).letters()?;
    let mut iter = letters.iter();
    match (iter.next(), iter.next()) {
        (Some(letter), None) => Some(letter),
        _ => None,
    }
}

/// True when one of the first words of `meaning` is the name of `letter` ("Accountable - who
/// signs off" names A). Short words are passed over: "as" would read as the letters A and S.
fn names(meaning: &str, letter: Letter) -> bool {
    meaning
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.len() >= 4)
        .take(4)
        .any(|w| parse_cell(w).letters() == Some(Letters::only(letter)))
        || (letter == Letter::O && meaning.to_lowercase().contains("out of the loop"))
}

/// "R = Responsible", "A: Accountable", "C - Consulted": the letter, when the line names it.
fn one_line_entry(text: &str) -> Option<Letter> {
    let mut chars = text.trim().chars();
    let first = chars.next()?;
    let letter = single_letter(&first.to_string())?;
    let rest = chars.as_str().trim_start();
    let rest = rest.strip_prefix(['=', ':', '-', '\u{2013}', '|', '\u{2192}'])?;
    names(rest, letter).then_some(letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid::from_rows(rows)
    }

    fn empty_columns(g: &Grid, header: usize) -> Vec<bool> {
        (0..g.width())
            .map(|c| g.rows().skip(header).all(|r| r.trimmed(c).is_empty()))
            .collect()
    }

    #[test]
    fn letters_beside_their_meanings_past_an_empty_column_are_a_legend() {
        let g = grid(&[
            &["Activity", "Ops", "Sec", "", "", ""],
            &["Deploy", "R", "A", "", "R", "Responsible - does the work"],
            &["Budget", "A", "R", "", "A", "Accountable - who signs off"],
            &["Patch", "R", "", "", "C", "Consulted"],
            &["", "", "", "", "I", "Informed: told afterwards"],
        ]);
        let found = find(&g, 0, g.width(), &empty_columns(&g, 0));
        assert_eq!(found, [false, false, false, false, true, true]);
    }

    #[test]
    fn one_column_of_letter_equals_meaning_lines_is_a_legend() {
        let g = grid(&[
            &["Activity", "Ops", "", "Legend"],
            &["Deploy", "R", "", "R = Responsible"],
            &["Budget", "A", "", "A = Accountable"],
        ]);
        let found = find(&g, 0, g.width(), &empty_columns(&g, 0));
        assert_eq!(found, [false, false, false, true]);
    }

    #[test]
    fn a_role_column_past_an_empty_one_is_not_a_legend() {
        let g = grid(&[
            &["Activity", "Ops", "", "Sec", "Notes"],
            &["Deploy", "R", "", "A", "Accountable for the outcome"],
            &["Budget", "A", "", "R", "Responsible team"],
            &["Patch", "R", "", "R", "Responsible"],
        ]);
        let found = find(&g, 0, g.width(), &empty_columns(&g, 0));
        assert!(found.iter().all(|f| !f), "{found:?}");
    }
}
