//! Which cells are selected, and how keys move the selection over the visible grid.

use serde::{Deserialize, Serialize};

use crate::model::{ActivityId, Matrix, RoleId};

/// One cell, by the stable ids of its activity and role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellRef {
    pub activity: ActivityId,
    pub role: RoleId,
}

/// A rectangle of cells: where the selection started and the cell that has focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    pub anchor: CellRef,
    pub focus: CellRef,
}

impl Selection {
    pub fn single(cell: CellRef) -> Selection {
        Selection {
            anchor: cell,
            focus: cell,
        }
    }

    /// What the library keeps of the screen of a matrix (its "view" record): the selection.
    pub fn view_json(selection: Option<Selection>) -> String {
        serde_json::json!({ "selection": selection }).to_string()
    }

    /// The selection saved in `view` (as [`Selection::view_json`] wrote it), if its cells still
    /// exist in `matrix`.
    pub fn from_view(view: Option<&serde_json::Value>, matrix: &Matrix) -> Option<Selection> {
        let selection: Selection = serde_json::from_value(view?.get("selection")?.clone()).ok()?;
        let exists = |cell: CellRef| {
            matrix.activity_index(cell.activity).is_some() && matrix.role_index(cell.role).is_some()
        };
        (exists(selection.anchor) && exists(selection.focus)).then_some(selection)
    }
}

/// The rows and columns as the grid shows them (collapsed groups hide their activities).
pub struct Layout {
    pub rows: Vec<ActivityId>,
    pub columns: Vec<RoleId>,
}

/// A move the keyboard asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
    /// Tab: right, then on to the next row.
    Next,
    /// Shift+Tab: left, then back to the previous row.
    Previous,
    RowStart,
    RowEnd,
    GridStart,
    GridEnd,
}

impl Layout {
    pub fn new(matrix: &Matrix, visible: impl Fn(ActivityId) -> bool) -> Layout {
        Layout {
            rows: matrix
                .activities
                .iter()
                .map(|a| a.id)
                .filter(|id| visible(*id))
                .collect(),
            columns: matrix.roles.iter().map(|r| r.id).collect(),
        }
    }

    /// Row and column of a shown cell, counted from the top left.
    pub fn position(&self, cell: CellRef) -> Option<(usize, usize)> {
        let row = self.rows.iter().position(|a| *a == cell.activity)?;
        let column = self.columns.iter().position(|r| *r == cell.role)?;
        Some((row, column))
    }

    /// The cell shown at a row and column.
    pub fn at(&self, row: usize, column: usize) -> Option<CellRef> {
        Some(CellRef {
            activity: *self.rows.get(row)?,
            role: *self.columns.get(column)?,
        })
    }

    /// The first cell, if the grid has any.
    pub fn first(&self) -> Option<CellRef> {
        self.at(0, 0)
    }

    /// Whether the cell is shown.
    pub fn contains(&self, cell: CellRef) -> bool {
        self.position(cell).is_some()
    }

    /// The cell reached from `from` by `step`; stays put at the edges.
    pub fn moved(&self, from: CellRef, step: Move) -> CellRef {
        let Some((row, column)) = self.position(from) else {
            return self.first().unwrap_or(from);
        };
        let last_row = self.rows.len().saturating_sub(1);
        let last_column = self.columns.len().saturating_sub(1);
        let (row, column) = match step {
            Move::Up => (row.saturating_sub(1), column),
            Move::Down => ((row + 1).min(last_row), column),
            Move::Left => (row, column.saturating_sub(1)),
            Move::Right => (row, (column + 1).min(last_column)),
            Move::Next if column < last_column => (row, column + 1),
            Move::Next if row < last_row => (row + 1, 0),
            Move::Next => (row, column),
            Move::Previous if column > 0 => (row, column - 1),
            Move::Previous if row > 0 => (row - 1, last_column),
            Move::Previous => (row, column),
            Move::RowStart => (row, 0),
            Move::RowEnd => (row, last_column),
            Move::GridStart => (0, 0),
            Move::GridEnd => (last_row, last_column),
        };
        self.at(row, column).unwrap_or(from)
    }

    /// Whether `step` from `from` leaves the grid: Tab on the last cell, Shift+Tab on the first.
    /// The keyboard then goes on to the page's other controls instead of being trapped (WCAG
    /// 2.1.2).
    pub fn leaves(&self, from: CellRef, step: Move) -> bool {
        let Some((row, column)) = self.position(from) else {
            return matches!(step, Move::Next | Move::Previous);
        };
        match step {
            Move::Next => row + 1 >= self.rows.len() && column + 1 >= self.columns.len(),
            Move::Previous => row == 0 && column == 0,
            _ => false,
        }
    }

    /// Every cell of the selection's rectangle, row by row.
    pub fn cells(&self, selection: Selection) -> Vec<CellRef> {
        let (Some((r1, c1)), Some((r2, c2))) = (
            self.position(selection.anchor),
            self.position(selection.focus),
        ) else {
            return vec![selection.focus];
        };
        let (rows, columns) = (r1.min(r2)..=r1.max(r2), c1.min(c2)..=c1.max(c2));
        rows.flat_map(|r| columns.clone().filter_map(move |c| self.at(r, c)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;

    #[test]
    fn a_saved_selection_comes_back_while_its_cells_exist() {
        let mut m = example();
        let cell = CellRef {
            activity: m.activities[2].id,
            role: m.roles[1].id,
        };
        let selection = Selection::single(cell);
        let view: serde_json::Value =
            serde_json::from_str(&Selection::view_json(Some(selection))).unwrap();
        assert_eq!(Selection::from_view(Some(&view), &m), Some(selection));
        let none: serde_json::Value = serde_json::from_str(&Selection::view_json(None)).unwrap();
        assert_eq!(Selection::from_view(Some(&none), &m), None);
        assert_eq!(Selection::from_view(None, &m), None);
        m.activities.remove(2);
        assert_eq!(Selection::from_view(Some(&view), &m), None);
    }

    #[test]
    fn tab_leaves_the_grid_only_past_its_last_cell_and_shift_tab_before_its_first() {
        let m = example();
        let layout = Layout::new(&m, |_| true);
        let (rows, columns) = (layout.rows.len(), layout.columns.len());
        let first = layout.first().unwrap();
        let last = layout.at(rows - 1, columns - 1).unwrap();
        let middle = layout.at(1, columns - 1).unwrap();
        assert!(layout.leaves(last, Move::Next));
        assert!(!layout.leaves(last, Move::Previous));
        assert!(layout.leaves(first, Move::Previous));
        assert!(!layout.leaves(first, Move::Next));
        // The end of a row goes on to the next row, inside the grid.
        assert!(!layout.leaves(middle, Move::Next));
        assert_eq!(layout.moved(middle, Move::Next), layout.at(2, 0).unwrap());
        assert!(!layout.leaves(last, Move::Down));
    }
}
