//! Delimited text (CSV, semicolon CSV, TSV, pipe-separated) to a [`Grid`], with the delimiter
//! detected from how consistently each candidate splits the first rows.
//!
//! Parsing is the csv crate in flexible mode (ragged rows are normal in hand-made sheets), reusing
//! one `ByteRecord`; the formula guard of docs/formats.md is undone here, once per cell.

use csv::{ByteRecord, ReaderBuilder};

use super::grid::{Grid, Section};
use super::notes::Notes;

/// The delimiters we try, in the order that wins a tie.
const CANDIDATES: [u8; 4] = [b'\t', b';', b',', b'|'];
/// How much of the file the delimiter detection looks at.
const SAMPLE_BYTES: usize = 64 * 1024;
const SAMPLE_ROWS: usize = 50;

/// Picks the delimiter: the candidate whose most common field count (more than one) is shared by
/// the most rows, weighted by that count. `hint` comes from the file name (".tsv").
pub(crate) fn detect_delimiter(text: &str, hint: Option<u8>) -> u8 {
    let sample = sample(text);
    let scored: Vec<(u8, (usize, usize))> = CANDIDATES
        .into_iter()
        .map(|d| (d, consistency(sample, d)))
        .collect();
    let mut best: Option<(u8, (usize, usize))> = None;
    for &(delimiter, score) in &scored {
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((delimiter, score));
        }
    }
    let hint_ties = |rows: usize| {
        scored
            .iter()
            .any(|&(d, (r, _))| Some(d) == hint && r == rows)
    };
    match best {
        Some((_, (rows, _))) if hint_ties(rows) => hint.unwrap_or(b','),
        Some((delimiter, (rows, _))) if rows > 0 => delimiter,
        _ => hint.unwrap_or(b','),
    }
}

/// The start of `text`, cut at a line end so that the last sample row is whole.
fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut cut = SAMPLE_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = text.get(..cut).unwrap_or(text);
    match head.rfind('\n') {
        Some(end) => head.get(..end).unwrap_or(head),
        None => head,
    }
}

/// (rows having the best field count times that count less one, the count), ignoring rows
/// of one field.
fn consistency(sample: &str, delimiter: u8) -> (usize, usize) {
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample.as_bytes());
    let mut record = ByteRecord::new();
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for _ in 0..SAMPLE_ROWS {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            _ => break,
        }
        // The raw field count, trailing empty fields included: programs that write CSV (Excel
        // among them) give every row the same count, while a stray delimiter inside text does not.
        let width = record.len();
        if width < 2 {
            continue;
        }
        match counts.iter_mut().find(|(w, _)| *w == width) {
            Some((_, n)) => *n += 1,
            None => counts.push((width, 1)),
        }
    }
    // Weigh the rows that agree by the splits they make: a delimiter that cuts every row into
    // eight fields beats one that a stray "|" in a name cuts into two slightly more often.
    counts
        .into_iter()
        .map(|(width, n)| (n * (width - 1), width))
        .max()
        .unwrap_or((0, 0))
}

/// Parses `text` into a grid. Row numbers are those a spreadsheet shows: a quoted cell spanning
/// several lines is still one row, and skipped blank lines still count.
pub(crate) fn parse(text: &str, delimiter: u8, notes: &mut Notes) -> Grid {
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let cells = bytes
        .iter()
        .filter(|b| **b == delimiter || **b == b'\n')
        .count()
        + 1;
    let mut grid = Grid::with_capacity(text.len(), cells);
    let mut record = ByteRecord::new();
    // The csv crate counts LF line ends, and inside quoted cells too; a record's position is
    // taken before the LF of a CRLF that ended the previous one. Lines are therefore the
    // crate's count, plus the line ends skipped to reach the record, minus the line breaks
    // inside quoted cells so far. Files with CR alone (old Mac) are counted here instead.
    let cr_only = !bytes.contains(&b'\n');
    let mut inner_lines = 0usize;
    let mut last_row = 0usize;
    let (mut counted_to, mut cr_lines) = (0usize, 0usize);
    // The flexible byte reader only fails on I/O, which cannot happen on a slice.
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let (byte, line) = record
            .position()
            .map_or((0, 1), |p| (p.byte() as usize, p.line() as usize));
        let mut start = byte;
        while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        let lines_before = if cr_only {
            cr_lines += line_breaks(bytes.get(counted_to..start).unwrap_or_default());
            counted_to = start.max(counted_to);
            cr_lines
        } else {
            let skipped = bytes.get(byte..start).unwrap_or_default();
            line - 1 + skipped.iter().filter(|b| **b == b'\n').count()
        };
        let row = (lines_before + 1)
            .saturating_sub(inner_lines)
            .max(last_row + 1);
        for blank in (last_row + 1)..row {
            notes.blank_row(blank);
        }
        last_row = row;
        grid.start_row(row, Section::Unknown);
        for field in &record {
            // Fields split at ASCII delimiters and quotes of valid UTF-8 are valid UTF-8.
            let field = std::str::from_utf8(field).unwrap_or("");
            grid.push_cell(unguard(field));
        }
        inner_lines += if cr_only {
            line_breaks(record.as_slice())
        } else {
            record.as_slice().iter().filter(|b| **b == b'\n').count()
        };
    }
    grid
}

/// Line breaks in `bytes`: LF, CRLF (once) and a lone CR (old Mac files).
fn line_breaks(bytes: &[u8]) -> usize {
    // Plain counts vectorise; the CRLF pairs are only looked for when there is a CR at all.
    let lf = bytes.iter().filter(|b| **b == b'\n').count();
    let cr = bytes.iter().filter(|b| **b == b'\r').count();
    if cr == 0 {
        return lf;
    }
    let crlf = bytes.windows(2).filter(|w| *w == b"\r\n").count();
    lf + cr - crlf
}

/// Undoes the export's formula guard: one leading apostrophe is removed from a cell that, after
/// all its leading apostrophes, starts with = + - @ tab or carriage return.
pub(crate) fn unguard(cell: &str) -> &str {
    let Some(rest) = cell.strip_prefix('\'') else {
        return cell;
    };
    let after = rest.trim_start_matches('\'');
    if after.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        rest
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(grid: &Grid) -> Vec<(usize, Vec<String>)> {
        grid.rows()
            .map(|r| (r.number(), r.cells().map(str::to_owned).collect()))
            .collect()
    }

    #[test]
    fn the_delimiter_that_splits_consistently_wins() {
        assert_eq!(
            detect_delimiter("Activity,Ops,Sec\nA,R,C\nB,A/R,I\n", None),
            b','
        );
        let semicolons = "Activity;Description;Ops;Sec\nPlan;Accounts, budgets;A,R;C\nRun;;R;I\n";
        assert_eq!(detect_delimiter(semicolons, None), b';');
        assert_eq!(
            detect_delimiter("Activity\tOps, Dev\tSec\nPlan\tR\tC\n", None),
            b'\t'
        );
        assert_eq!(detect_delimiter("Activity|Ops|Sec\nPlan|R|C\n", None), b'|');
        assert_eq!(detect_delimiter("just one cell\n", Some(b'\t')), b'\t');
    }

    #[test]
    fn quotes_crlf_blank_lines_and_multiline_cells_keep_spreadsheet_row_numbers() {
        let text = "Activity,Notes,Ops\r\n\"Plan, then \"\"agree\"\"\",\"two\r\nlines\",R\r\n\r\nRun,,A\r\n";
        let mut notes = Notes::default();
        let grid = parse(text, b',', &mut notes);
        let got = cells(&grid);
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].0, 2);
        assert_eq!(got[1].1, ["Plan, then \"agree\"", "two\r\nlines", "R"]);
        assert_eq!(got[2], (4, vec!["Run".into(), "".into(), "A".into()]));
        let report = notes.finish();
        assert_eq!(report.len(), 1);
        assert_eq!(report[0].row, Some(3));
    }

    #[test]
    fn ragged_rows_and_unterminated_quotes_do_not_fail() {
        let mut notes = Notes::default();
        let grid = parse("a,b,c\nd\n\"open,e\nf", b',', &mut notes);
        assert_eq!(grid.len(), 3);
        assert_eq!(grid.width(), 3);
        let grid = parse("a\rb\r\rc", b',', &mut notes);
        let rows: Vec<usize> = grid.rows().map(|r| r.number()).collect();
        assert_eq!(rows, [1, 2, 4]);
    }

    #[test]
    fn the_formula_guard_loses_exactly_one_apostrophe() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("''=x"), "'=x");
        assert_eq!(unguard("'-1"), "-1");
        assert_eq!(unguard("'@here"), "@here");
        assert_eq!(unguard("'tis"), "'tis");
        assert_eq!(unguard("=x"), "=x");
        assert_eq!(unguard("'"), "'");
    }
}
