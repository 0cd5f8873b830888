//! The sheet every reader produces: rows of text cells with the row number a spreadsheet shows.
//!
//! All cell text lives in one buffer and rows index into it, so a million cells cost three
//! allocations rather than a million. Reading past the end of a ragged row gives "".

/// Whether a reader already knows a row is a section heading (Markdown marks them in bold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    /// Decide from the content.
    Unknown,
    /// The source marked it as a section heading.
    Yes,
    /// The source says it is not one (an activity without letters, in our own Markdown export).
    No,
}

#[derive(Clone, Copy, Debug)]
struct RowInfo {
    number: usize,
    first: usize,
    len: usize,
    section: Section,
}

/// A table of text cells.
#[derive(Default, Debug)]
pub(crate) struct Grid {
    text: String,
    /// Start and end of each cell in `text`; u32 halves the index (files are at most 20 MB).
    spans: Vec<(u32, u32)>,
    rows: Vec<RowInfo>,
}

/// One row of a [`Grid`].
#[derive(Clone, Copy)]
pub(crate) struct Row<'g> {
    grid: &'g Grid,
    info: RowInfo,
}

impl Grid {
    /// A grid for about `bytes` of text in about `cells` cells.
    pub fn with_capacity(bytes: usize, cells: usize) -> Grid {
        Grid {
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(cells),
            rows: Vec::new(),
        }
    }

    /// Starts a row; `number` is the 1-based row (or line) the user sees in their file.
    pub fn start_row(&mut self, number: usize, section: Section) {
        self.rows.push(RowInfo {
            number,
            first: self.spans.len(),
            len: 0,
            section,
        });
    }

    /// Appends a cell to the last row (starting row 1 when there is none).
    pub fn push_cell(&mut self, cell: &str) {
        if self.rows.is_empty() {
            self.start_row(1, Section::Unknown);
        }
        let start = offset(self.text.len());
        self.text.push_str(cell);
        self.spans.push((start, offset(self.text.len())));
        if let Some(row) = self.rows.last_mut() {
            row.len += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn row(&self, index: usize) -> Option<Row<'_>> {
        self.rows.get(index).map(|&info| Row { grid: self, info })
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|&info| Row { grid: self, info })
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.len).max().unwrap_or(0)
    }
}

impl<'g> Row<'g> {
    /// The row number the user sees (1-based).
    pub fn number(&self) -> usize {
        self.info.number
    }

    pub fn section(&self) -> Section {
        self.info.section
    }

    /// The number of cells actually present (ragged rows are shorter).
    pub fn len(&self) -> usize {
        self.info.len
    }

    /// The text of cell `column` (0-based), "" past the end of the row.
    pub fn cell(&self, column: usize) -> &'g str {
        if column >= self.info.len {
            return "";
        }
        self.grid
            .spans
            .get(self.info.first + column)
            .and_then(|&(start, end)| self.grid.text.get(start as usize..end as usize))
            .unwrap_or("")
    }

    /// The trimmed text of cell `column`.
    pub fn trimmed(&self, column: usize) -> &'g str {
        trim(self.cell(column))
    }

    /// The cells present, in order.
    pub fn cells(&self) -> impl Iterator<Item = &'g str> + '_ {
        (0..self.info.len).map(|c| self.cell(c))
    }

    /// True when every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells().all(|c| trim(c).is_empty())
    }

    /// The number of non-blank cells.
    pub fn filled(&self) -> usize {
        self.cells().filter(|c| !trim(c).is_empty()).count()
    }
}

/// A text offset as stored in spans. Text beyond 4 GB cannot occur (files are refused above
/// 20 MB); saturating keeps even that case from panicking.
fn offset(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}

/// `str::trim` with a shortcut for the usual cell that starts and ends with a visible ASCII
/// character: decoding characters to test for Unicode spaces is the costliest part of reading a
/// million short cells.
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if visible_ascii(*first) && visible_ascii(*last) => text,
        (None, _) | (_, None) => text,
        _ => text.trim(),
    }
}

fn visible_ascii(b: u8) -> bool {
    b > b' ' && b < 0x7f
}

#[cfg(test)]
impl Grid {
    /// A grid of plain rows numbered from 1, for tests.
    pub(crate) fn from_rows(rows: &[&[&str]]) -> Grid {
        let mut grid = Grid::default();
        for (i, row) in rows.iter().enumerate() {
            grid.start_row(i + 1, Section::Unknown);
            for cell in *row {
                grid.push_cell(cell);
            }
        }
        grid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ragged_rows_read_as_blank_past_their_end() {
        let mut grid = Grid::default();
        grid.start_row(1, Section::Unknown);
        grid.push_cell("Activity");
        grid.push_cell("Ops");
        grid.start_row(3, Section::Unknown);
        grid.push_cell("Deploy");
        assert_eq!(grid.width(), 2);
        let row = grid.row(1).expect("second row");
        assert_eq!(row.number(), 3);
        assert_eq!(row.cell(0), "Deploy");
        assert_eq!(row.cell(1), "");
        assert_eq!(row.cell(10_000), "");
        assert!(grid.row(2).is_none());
    }

    #[test]
    fn the_trim_shortcut_agrees_with_str_trim() {
        for text in [
            "",
            " ",
            "R",
            " R ",
            "A/R",
            "\u{a0}C\u{a0}",
            "é ",
            "x\t",
            "\r\nA",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn blank_and_filled_count_only_visible_text() {
        let mut grid = Grid::default();
        grid.start_row(1, Section::Unknown);
        grid.push_cell(" ");
        grid.push_cell("");
        grid.start_row(2, Section::Unknown);
        grid.push_cell("x");
        grid.push_cell(" y ");
        assert!(grid.row(0).is_some_and(|r| r.is_blank()));
        assert_eq!(grid.row(1).map(|r| r.filled()), Some(2));
        assert_eq!(grid.row(1).map(|r| r.trimmed(1)), Some("y"));
    }
}
