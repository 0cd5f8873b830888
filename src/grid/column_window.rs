//! Which role columns a wide matrix draws: those near the horizontal view, with spacer cells
//! standing in for the rest so that every column keeps its place. At 100 roles about a dozen are
//! in view; drawing all of them made most of a large matrix's cells, off screen.

use std::ops::Range;

/// Matrices with more role columns than this draw only the columns near the view.
pub const WINDOW_COLUMNS_FROM: usize = 30;
/// Columns drawn beyond each edge of the view, so that scrolling shows no gap.
pub const COLUMN_OVERSCAN: usize = 6;
/// The window is drawn again only once fewer than this many columns are left beyond an edge of the
/// view: a scroll of a column or two redraws nothing.
const COLUMN_MARGIN: usize = 2;

/// Where the grid's horizontal view is, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HorizontalView {
    /// How far the grid is scrolled to the right.
    pub scroll_left: f64,
    /// The width of the scrolling box.
    pub width: f64,
    /// The width of the sticky Activity column, which covers the columns under it.
    pub corner: f64,
    /// The width of one role column (they all have the same).
    pub column: f64,
}

/// The role columns drawn: `first..end` of `count`. A matrix that is not `windowed` draws every
/// column and no spacer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnWindow {
    pub first: usize,
    pub end: usize,
    pub count: usize,
    pub windowed: bool,
}

impl ColumnWindow {
    /// Every column of `count`, with the spacers of a windowed grid if it has that many columns
    /// (printing draws every column of a wide matrix, in the same row structure).
    pub fn all(count: usize) -> ColumnWindow {
        ColumnWindow {
            first: 0,
            end: count,
            count,
            windowed: count > WINDOW_COLUMNS_FROM,
        }
    }

    /// The columns to draw for `view`: those in it and `COLUMN_OVERSCAN` beyond each edge. The
    /// `previous` window is kept while it still covers the view with a margin.
    pub fn for_view(
        count: usize,
        view: HorizontalView,
        previous: Option<ColumnWindow>,
    ) -> ColumnWindow {
        let all = ColumnWindow::all(count);
        if !all.windowed {
            return all;
        }
        let seen = seen(count, view);
        let wanted =
            |margin: usize| seen.start.saturating_sub(margin)..(seen.end + margin).min(count);
        // A window much wider than the view (every column, drawn for printing) is not kept.
        let longest = seen.len() + 2 * COLUMN_OVERSCAN + 2;
        if let Some(previous) = previous.filter(|p| p.count == count && p.windowed) {
            let needed = wanted(COLUMN_MARGIN);
            let covers = previous.first <= needed.start && previous.end >= needed.end;
            if covers && previous.range().len() <= longest {
                return previous;
            }
        }
        let drawn = wanted(COLUMN_OVERSCAN);
        ColumnWindow {
            first: drawn.start,
            end: drawn.end,
            ..all
        }
    }

    /// The columns drawn, as a range of column indices.
    pub fn range(&self) -> Range<usize> {
        self.first..self.end
    }

    pub fn contains(&self, column: usize) -> bool {
        self.range().contains(&column)
    }

    /// The columns left out after the window.
    pub fn after(&self) -> usize {
        self.count - self.end
    }

    /// How many cells a body row has after its row header: the drawn columns and, when
    /// windowed, a spacer on each side. A group row's single cell spans this and its header.
    pub fn cells(&self) -> usize {
        self.end - self.first + if self.windowed { 2 } else { 0 }
    }

    /// The position of role column `column` for screen readers (aria-colindex): the Activity
    /// column is 1.
    pub fn aria_index(column: usize) -> usize {
        column + 2
    }

    /// Where to scroll so that `column` shows, about a third of the way into the view.
    pub fn scroll_to(column: usize, view: HorizontalView) -> f64 {
        let room = (view.width - view.corner).max(0.0);
        (column as f64 * view.column - room / 3.0).max(0.0)
    }
}

/// The columns at least partly in view (beside the sticky Activity column).
fn seen(count: usize, view: HorizontalView) -> Range<usize> {
    let column = view.column.max(1.0);
    let first = (view.scroll_left.max(0.0) / column).floor() as usize;
    let end = ((view.scroll_left.max(0.0) + view.width - view.corner) / column).ceil();
    first.min(count)..(end.max(0.0) as usize).clamp(first.min(count), count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(scroll_left: f64) -> HorizontalView {
        // 1024 px wide, a 256 px Activity column, 100 px role columns: 7.68 columns in view.
        HorizontalView {
            scroll_left,
            width: 1024.0,
            corner: 256.0,
            column: 100.0,
        }
    }

    #[test]
    fn a_narrow_matrix_draws_every_column_without_spacers() {
        let window = ColumnWindow::for_view(WINDOW_COLUMNS_FROM, view(500.0), None);
        assert_eq!(window.range(), 0..WINDOW_COLUMNS_FROM);
        assert!(!window.windowed);
        assert_eq!(window.cells(), WINDOW_COLUMNS_FROM);
    }

    #[test]
    fn a_wide_matrix_draws_the_columns_in_view_and_the_overscan() {
        let at_start = ColumnWindow::for_view(100, view(0.0), None);
        assert_eq!(at_start.range(), 0..8 + COLUMN_OVERSCAN);
        assert!(at_start.windowed);
        assert_eq!(at_start.cells(), 8 + COLUMN_OVERSCAN + 2);
        // Scrolled to columns 40.5 to 48.2.
        let middle = ColumnWindow::for_view(100, view(4050.0), None);
        assert_eq!(middle.range(), 40 - COLUMN_OVERSCAN..49 + COLUMN_OVERSCAN);
        assert_eq!(middle.after(), 100 - 49 - COLUMN_OVERSCAN);
        // At the right edge nothing is drawn past the last column.
        let end = ColumnWindow::for_view(100, view(100.0 * 100.0 - 768.0), None);
        assert_eq!(end.end, 100);
        assert!(end.contains(99) && !end.contains(100 - 8 - COLUMN_OVERSCAN - 1));
    }

    #[test]
    fn a_small_scroll_keeps_the_window_and_a_larger_one_moves_it() {
        let window = ColumnWindow::for_view(100, view(4050.0), None);
        let nudged = ColumnWindow::for_view(100, view(4250.0), Some(window));
        assert_eq!(nudged, window);
        let moved = ColumnWindow::for_view(100, view(4550.0), Some(window));
        assert_ne!(moved, window);
        assert!(moved.contains(45) && moved.contains(53));
        // Nor every column, as printing draws them.
        let after_print = ColumnWindow::for_view(100, view(4050.0), Some(ColumnWindow::all(100)));
        assert_eq!(after_print, window);
        // A window of another column count is never kept.
        let other = ColumnWindow::for_view(120, view(4050.0), Some(window));
        assert_eq!(other.count, 120);
    }

    #[test]
    fn the_window_always_holds_the_columns_in_view() {
        let mut previous = None;
        for step in 0..400 {
            let scroll = f64::from(step * 37 % 9000);
            let window = ColumnWindow::for_view(100, view(scroll), previous);
            let seen = seen(100, view(scroll));
            assert!(
                window.first <= seen.start && window.end >= seen.end,
                "{scroll}"
            );
            previous = Some(window);
        }
    }

    #[test]
    fn scrolling_to_a_column_puts_it_in_view() {
        for column in [0, 1, 30, 99] {
            let left = ColumnWindow::scroll_to(column, view(0.0));
            let window = ColumnWindow::for_view(100, view(left), None);
            assert!(window.contains(column), "{column}");
            assert!(seen(100, view(left)).contains(&column), "{column}");
        }
        assert_eq!(ColumnWindow::aria_index(0), 2);
    }
}
