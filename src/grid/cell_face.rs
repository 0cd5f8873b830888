//! One cell as the page shows it, as strings: its classes, its accessible name, its tooltip and
//! its markup. The grid draws a row's cells from their faces, and an edit compares faces to touch
//! only the cells whose face changed, leaving the row and the focused cell in place.

use std::ops::Range;

use crate::html::escape_html;
use crate::model::Cell;
use crate::rules::Severity;

use super::column_window::ColumnWindow;
use super::labels::{cell_label, tooltip};
use super::marks::Marks;
use super::rows::{Columns, GridRow};

/// Classes that the selection puts on a cell, outside its face: kept when a face is applied.
pub const SELECTION_CLASSES: [&str; 2] = ["selected", "active"];

/// What one cell shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellFace {
    /// The cell's classes (never a selection class).
    pub class: String,
    /// Its accessible name: role, activity and letters, and what it was if it changed.
    pub label: String,
    /// Its tooltip: the name, then one line per finding.
    pub title: String,
    /// Its content as HTML: a span per letter (or the unrecognised text), then its mark.
    pub markup: String,
}

impl CellFace {
    /// The face of the cell in column `column` of `row`.
    pub fn of(columns: &Columns, row: &super::rows::ActivityRow, column: usize) -> CellFace {
        let view = &row.cells[column];
        let role = columns
            .roles
            .get(column)
            .map_or("", |(_, name)| name.as_str());
        let mut label = cell_label(columns.scheme, role, &row.name, &view.cell);
        if let Some(was) = &view.was {
            label.push_str(&format!(", changed, was {was}"));
        }
        let mut class = cell_class(&view.cell, view.marks.as_ref());
        if view.was.is_some() {
            class.push_str(" changed");
        }
        let title = tooltip(&label, view.marks.as_ref());
        let mut markup = cell_markup(&view.cell);
        markup.push_str(&mark_markup(view.marks.as_ref()));
        CellFace {
            class,
            label,
            title,
            markup,
        }
    }

    /// The faces of every cell of an activity row; none for a group row.
    pub fn row(columns: &Columns, row: &GridRow) -> Vec<CellFace> {
        match row {
            GridRow::Activity(row) => (0..row.cells.len())
                .map(|i| CellFace::of(columns, row, i))
                .collect(),
            GridRow::Group { .. } => Vec::new(),
        }
    }
}

/// The cells of an activity row in `window` as one piece of markup (`<td>` elements), for the
/// page to parse in one go: drawing a row cell by cell cost a call into the page per attribute,
/// and at 60 rows of 100 roles that was most of the time a matrix took to appear. The attributes
/// are those the grid finds cells by (`data-activity`, `data-role`); the face gives the rest. A
/// windowed row has a spacer cell on each side (see [`cells_between`]).
pub fn cells_markup(
    columns: &Columns,
    row: &super::rows::ActivityRow,
    window: ColumnWindow,
) -> String {
    if !window.windowed {
        return cells_between(columns, row, window.range(), false);
    }
    let mut out = String::from(SPACER_CELL);
    out.push_str(&cells_between(columns, row, window.range(), true));
    out.push_str(SPACER_CELL);
    out
}

/// The spacer cell on each side of a windowed row's cells: the header's spacers give the width.
pub const SPACER_CELL: &str = "<td class=\"column-spacer\" aria-hidden=\"true\"></td>";

/// The cells of `columns` of an activity row, as markup; with their column number for screen
/// readers when the row is windowed (`aria-colindex`).
pub fn cells_between(
    columns: &Columns,
    row: &super::rows::ActivityRow,
    range: Range<usize>,
    windowed: bool,
) -> String {
    let activity = row.id.0.to_string();
    let range = range.start.min(row.cells.len())..range.end.min(row.cells.len());
    let mut out = String::with_capacity(range.len() * 256);
    for i in range {
        let view = &row.cells[i];
        let face = CellFace::of(columns, row, i);
        let index = if windowed {
            format!(" aria-colindex=\"{}\"", ColumnWindow::aria_index(i))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "<td class=\"{}\" data-activity=\"{activity}\" data-role=\"{}\" tabindex=\"-1\"{index} \
             aria-label=\"{}\" title=\"{}\">{}</td>",
            escape_html(&face.class),
            view.role.0,
            escape_html(&face.label),
            escape_html(&face.title),
            face.markup,
        ));
    }
    out
}

/// Which cells of an activity row in `range` show differently from `before` to `now`, with their
/// new face (by column). A row drawn against other columns is drawn anew, not compared.
pub fn changed_faces(
    columns: &Columns,
    before: &GridRow,
    now: &GridRow,
    range: Range<usize>,
) -> Vec<(usize, CellFace)> {
    let (GridRow::Activity(before), GridRow::Activity(now)) = (before, now) else {
        return Vec::new();
    };
    // The activity's name is in every cell's accessible name.
    let renamed = before.name != now.name;
    (range.start..range.end.min(now.cells.len()))
        .filter(|&i| renamed || before.cells.get(i) != Some(&now.cells[i]))
        .map(|i| (i, CellFace::of(columns, now, i)))
        .collect()
}

fn cell_class(cell: &Cell, marks: Option<&Marks>) -> String {
    let mut class = String::from("cell");
    if cell.unrecognised.is_some() {
        class.push_str(" unrecognised");
    }
    match marks {
        Some(Marks {
            worst: Some(severity),
            ..
        }) => class.push_str(&format!(" has-{severity}")),
        Some(Marks { accepted: true, .. }) => class.push_str(" has-accepted"),
        _ => {}
    }
    class
}

fn cell_markup(cell: &Cell) -> String {
    match &cell.unrecognised {
        Some(text) => format!(
            "<span class=\"unrecognised-text\">{}</span>",
            escape_html(text)
        ),
        None => cell
            .letters
            .iter()
            .map(|letter| format!("<span class=\"letter letter-{letter}\">{letter}</span>"))
            .collect(),
    }
}

fn mark_markup(marks: Option<&Marks>) -> String {
    let Some(marks) = marks else {
        return String::new();
    };
    match marks.worst {
        Some(severity) => format!(
            "<span class=\"mark mark-{severity}\" aria-hidden=\"true\">{}</span>",
            symbol(severity)
        ),
        None if marks.accepted => {
            "<span class=\"mark mark-accepted\" aria-hidden=\"true\">✓</span>".to_owned()
        }
        None => String::new(),
    }
}

/// Each severity's symbol, so that no mark relies on colour alone.
pub fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Conflict => "!",
        Severity::Gap => "?",
        Severity::Warning => "i",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, apply};
    use crate::example;
    use crate::grid::{ChangeMarks, FindingIndex, RowFilter, body_rows};
    use crate::model::{Letter, Letters, Matrix};
    use crate::rules::{RuleSettings, check};

    fn rows(matrix: &Matrix) -> Vec<GridRow> {
        let index = FindingIndex::new(&check(matrix, &RuleSettings::default()));
        body_rows(
            matrix,
            &index,
            &ChangeMarks::default(),
            &RowFilter::default(),
            &[],
        )
        .into_iter()
        .map(|r| (*r.row).clone())
        .collect()
    }

    fn activity_row(rows: &[GridRow], at: usize) -> &GridRow {
        rows.iter()
            .filter(|r| matches!(r, GridRow::Activity(_)))
            .nth(at)
            .unwrap()
    }

    #[test]
    fn a_face_shows_the_letters_the_mark_and_the_words() {
        let matrix = example::example();
        let columns = Columns::of(&matrix);
        let rows = rows(&matrix);
        let GridRow::Activity(row) = activity_row(&rows, 0) else {
            unreachable!()
        };
        for (i, view) in row.cells.iter().enumerate() {
            let face = CellFace::of(&columns, row, i);
            assert!(
                face.label
                    .starts_with(&format!("{}, {}: ", columns.roles[i].1, row.name))
            );
            assert!(face.title.starts_with(&face.label));
            for letter in view.cell.letters.iter() {
                assert!(
                    face.markup
                        .contains(&format!("letter-{letter}\">{letter}<"))
                );
            }
            assert_eq!(face.class.contains("has-"), view.marks.is_some());
            assert!(!SELECTION_CLASSES.iter().any(|c| face.class.contains(c)));
        }
    }

    #[test]
    fn a_row_s_markup_holds_each_cell_s_face_escaped() {
        let mut matrix = example::example();
        matrix.roles[0].name = "Ops \"core\" <team>".into();
        let columns = Columns::of(&matrix);
        let rows = rows(&matrix);
        let GridRow::Activity(row) = activity_row(&rows, 0) else {
            unreachable!()
        };
        let markup = cells_markup(&columns, row, ColumnWindow::all(row.cells.len()));
        assert_eq!(markup.matches("<td ").count(), row.cells.len());
        for (i, view) in row.cells.iter().enumerate() {
            let face = CellFace::of(&columns, row, i);
            let td = format!(
                "<td class=\"{}\" data-activity=\"{}\" data-role=\"{}\" tabindex=\"-1\" \
                 aria-label=\"{}\" title=\"{}\">{}</td>",
                escape_html(&face.class),
                row.id.0,
                view.role.0,
                escape_html(&face.label),
                escape_html(&face.title),
                face.markup
            );
            assert!(markup.contains(&td), "{td}");
        }
        assert!(markup.contains("Ops &quot;core&quot; &lt;team&gt;"));
        assert!(!markup.contains("Ops \"core"));
    }

    #[test]
    fn a_windowed_row_s_markup_holds_its_window_between_spacers_with_column_numbers() {
        let matrix = example::example();
        let columns = Columns::of(&matrix);
        let rows = rows(&matrix);
        let GridRow::Activity(row) = activity_row(&rows, 0) else {
            unreachable!()
        };
        let window = ColumnWindow {
            first: 1,
            end: 3,
            count: row.cells.len(),
            windowed: true,
        };
        let markup = cells_markup(&columns, row, window);
        assert!(markup.starts_with(SPACER_CELL) && markup.ends_with(SPACER_CELL));
        assert_eq!(markup.matches("<td ").count(), 2 + 2);
        assert!(markup.contains(&format!("data-role=\"{}\"", row.cells[1].role.0)));
        assert!(markup.contains("aria-colindex=\"3\"") && markup.contains("aria-colindex=\"4\""));
        assert!(!markup.contains(&format!("data-role=\"{}\"", row.cells[3].role.0)));
    }

    #[test]
    fn unrecognised_text_is_escaped_and_marked() {
        let cell = Cell {
            letters: Letters::EMPTY,
            unrecognised: Some("<b>R&A</b>".into()),
        };
        assert_eq!(
            cell_markup(&cell),
            "<span class=\"unrecognised-text\">&lt;b&gt;R&amp;A&lt;/b&gt;</span>"
        );
        assert_eq!(cell_class(&cell, None), "cell unrecognised");
    }

    #[test]
    fn an_edit_changes_the_face_of_its_cell_and_a_rename_every_cell_of_the_row() {
        let mut matrix = example::example();
        let columns = Columns::of(&matrix);
        let before = rows(&matrix);
        let (activity, role) = (matrix.activities[0].id, matrix.roles[3].id);
        let edit = Edit::SetCell {
            activity,
            role,
            cell: Cell::letters(Letters::only(Letter::I)),
        };
        apply(&mut matrix, edit).unwrap();
        let after = rows(&matrix);
        let changed = changed_faces(
            &columns,
            activity_row(&before, 0),
            activity_row(&after, 0),
            0..columns.roles.len(),
        );
        assert!(
            changed
                .iter()
                .any(|(i, face)| *i == 3 && face.markup.contains("letter-I"))
        );
        // Only cells whose view changed (the edited one, and any whose findings moved with it).
        let (GridRow::Activity(b), GridRow::Activity(a)) =
            (activity_row(&before, 0), activity_row(&after, 0))
        else {
            unreachable!()
        };
        for (i, _) in &changed {
            assert_ne!(b.cells[*i], a.cells[*i]);
        }

        let rename = Edit::RenameActivity {
            activity,
            name: "Something else".into(),
        };
        apply(&mut matrix, rename).unwrap();
        let renamed = rows(&matrix);
        let changed = changed_faces(
            &columns,
            activity_row(&after, 0),
            activity_row(&renamed, 0),
            0..columns.roles.len(),
        );
        // Only the columns asked for.
        let drawn = changed_faces(
            &columns,
            activity_row(&after, 0),
            activity_row(&renamed, 0),
            1..3,
        );
        assert_eq!(drawn.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(changed.len(), columns.roles.len());
        assert!(
            changed
                .iter()
                .all(|(_, f)| f.label.contains("Something else"))
        );
    }

    #[test]
    fn a_group_row_has_no_cell_faces() {
        let matrix = example::example();
        let rows = rows(&matrix);
        let group = rows
            .iter()
            .find(|r| matches!(r, GridRow::Group { .. }))
            .unwrap();
        assert!(CellFace::row(&Columns::of(&matrix), group).is_empty());
        assert!(changed_faces(&Columns::of(&matrix), group, group, 0..9).is_empty());
    }
}
